package agenda

import (
	"bytes"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	ics "github.com/arran4/golang-ical"

	"lobsite/generator/content"
	"lobsite/generator/slug"
)

// Zone is the TZID of every time in the files.
const Zone = "Europe/Amsterdam"

// File is the agenda file of the whole school, by slash path under the
// output folder.
const File = "kalender.ics"

// YearFile returns the path of the agenda file of leerjaar n:
// "kalender/leerjaar-3.ics".
func YearFile(n int) string { return "kalender/leerjaar-" + strconv.Itoa(n) + ".ics" }

// SectorFile returns the path of the agenda file of the sector with id:
// "kalender/sector-zorg-en-welzijn.ics".
func SectorFile(id string) string { return "kalender/sector-" + id + ".ics" }

// Writer writes the agenda files of one build. Its methods may be called
// from many goroutines at once.
type Writer struct {
	s     *content.Settings
	t     func(key string) string
	site  string // the right-hand side of every UID: the slug of school
	stamp time.Time
	cfg   *ics.SerializationConfiguration
	zone  written // the VTIMEZONE, written once
}

// New returns the writer of a site with settings s; t gives the theme's
// UI strings in the site's taal (the soort of an activity, "leerjaar",
// "tijd").
func New(s *content.Settings, t func(key string) string) *Writer {
	w := &Writer{s: s, t: t, site: slug.Make(s.School), stamp: s.YearStart}
	if w.site == "" {
		w.site = "lobsite"
	}
	if w.stamp.IsZero() {
		// No school year: the build reports that, and writes nothing.
		w.stamp = time.Date(2000, time.August, 1, 0, 0, 0, 0, content.Amsterdam)
	}
	w.cfg = &ics.SerializationConfiguration{MaxLength: 75, PropertyMaxLength: 75, NewLine: string(ics.WithNewLineWindows)}
	var b bytes.Buffer
	if amsterdam().SerializeTo(&b, w.cfg) == nil {
		w.zone = b.Bytes()
	}
	return w
}

// UID returns the UID of the activity page p (see the package doc).
func (w *Writer) UID(p *content.Page) string {
	return "kalender-" + p.ID + "-" + w.s.SchoolYear + "@" + w.site
}

// Event returns the VEVENT of the activity page p, folded, with CRLF line
// ends: BEGIN:VEVENT up to and including END:VEVENT's line end. It is nil
// for a page that is no activity.
func (w *Writer) Event(p *content.Page) []byte {
	a := p.Activity
	if a == nil {
		return nil
	}
	e := ics.NewEvent(text(w.UID(p)))
	e.SetDtStampTime(w.stamp)
	from, to, timed := span(a.Time)
	if timed && a.Until.IsZero() {
		day := a.Date.Format("20060102") + "T"
		e.SetProperty(ics.ComponentPropertyDtStart, day+from, ics.WithTZID(Zone))
		e.SetProperty(ics.ComponentPropertyDtEnd, day+to, ics.WithTZID(Zone))
	} else {
		last := a.Date
		if !a.Until.IsZero() {
			last = a.Until
		}
		e.SetAllDayStartAt(a.Date)
		e.SetAllDayEndAt(last.AddDate(0, 0, 1))
	}
	e.SetSummary(text(p.Title))
	var desc []string
	if p.Summary != "" {
		desc = append(desc, p.Summary)
	}
	if timed && !a.Until.IsZero() {
		desc = append(desc, w.t("tijd")+": "+a.Time)
	}
	if w.s.BaseURL != "" {
		desc = append(desc, w.s.BaseURL+p.URL)
	} else {
		desc = append(desc, w.s.Title+": "+p.URL)
	}
	e.SetDescription(text(strings.Join(desc, "\n\n")))
	if a.Location != "" {
		e.SetLocation(text(a.Location))
	}
	if a.Type != "" {
		e.AddCategory(text(w.t(a.Type)))
	}
	for _, s := range a.Rel.Sectors {
		e.AddCategory(text(s.Title))
	}
	if w.s.BaseURL != "" {
		e.SetURL(w.s.BaseURL + p.URL)
	}
	if !timed || !a.Until.IsZero() {
		e.SetTimeTransparency(ics.TransparencyTransparent)
	}
	var b bytes.Buffer
	if err := e.SerializeTo(&b, w.cfg); err != nil {
		return nil // only a failing writer fails; a bytes.Buffer does not
	}
	return b.Bytes()
}

// span splits a tijd "09:00-12:00" into "090000" and "120000"; timed is
// false for "".
func span(tijd string) (from, to string, timed bool) {
	a, b, ok := strings.Cut(tijd, "-")
	if !ok || len(a) != 5 || len(b) != 5 {
		return "", "", false
	}
	return a[:2] + a[3:] + "00", b[:2] + b[3:] + "00", true
}

// text makes s fit for an iCalendar TEXT value: a carriage return (alone
// or before a newline) becomes a newline, other control characters but
// the tab are dropped. Escaping is the library's.
func text(s string) string {
	clean := true
	for i := 0; i < len(s) && clean; i++ {
		// ASCII controls, and the C1 controls U+0080–U+009F (C2 80–9F).
		c := s[i]
		clean = (c >= 0x20 || c == '\n' || c == '\t') && c != 0x7f && (c != 0xc2 || i+1 >= len(s) || s[i+1] > 0x9f || s[i+1] < 0x80)
	}
	if clean {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\r':
			return '\n'
		case r == '\n' || r == '\t':
			return r
		case unicode.IsControl(r):
			return -1
		}
		return r
	}, s)
}

// Calendar returns a whole agenda file named name ("LOB-handboek –
// Leerjaar 3"): the calendar's properties, the time zone and events, each
// as Event returned it.
func (w *Writer) Calendar(name string, events [][]byte) []byte {
	cal := ics.NewCalendarFor("lobsite")
	lang := strings.ToUpper(w.s.Lang)
	if lang == "" {
		lang = "NL"
	}
	cal.SetProductId(text("-//lobsite//" + w.s.School + "//" + lang))
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetName(text(name))
	cal.SetXWRTimezone(Zone)
	cal.CalendarProperties = append(cal.CalendarProperties, ics.CalendarProperty{BaseProperty: ics.BaseProperty{
		IANAToken: "REFRESH-INTERVAL", ICalParameters: map[string][]string{"VALUE": {"DURATION"}}, Value: "P1D"}})
	cal.SetXPublishedTTL("P1D")
	cal.Components = append(cal.Components, w.zone)
	for _, e := range events {
		if e != nil {
			cal.Components = append(cal.Components, written(e))
		}
	}
	var b bytes.Buffer
	size := 1024
	for _, e := range events {
		size += len(e)
	}
	b.Grow(size)
	if err := cal.SerializeTo(&b, w.cfg); err != nil {
		return nil
	}
	return b.Bytes()
}

// Files returns every agenda file of site s by slash path (see the
// package doc). events holds what Event made of the activity pages, by
// page; an activity missing from it is written now.
func (w *Writer) Files(s *content.Site, events map[*content.Page][]byte) map[string][]byte {
	all := make([][]byte, 0, len(s.Activities))
	years := make([][][]byte, s.Settings.Years+1)
	sectors := map[*content.Page][][]byte{}
	for _, p := range s.Activities {
		e, ok := events[p]
		if !ok {
			e = w.Event(p)
		}
		all = append(all, e)
		for _, y := range p.Activity.Years {
			if y >= 1 && y < len(years) {
				years[y] = append(years[y], e)
			}
		}
		for _, sp := range p.Activity.Rel.Sectors {
			sectors[sp] = append(sectors[sp], e)
		}
	}
	name := w.s.Title + " – "
	whole := "Kalender"
	if lp := s.ByURL["kalender/"]; lp != nil && lp.Title != "" {
		whole = lp.Title
	}
	out := map[string][]byte{File: w.Calendar(name+whole, all)}
	for y := 1; y < len(years); y++ {
		out[YearFile(y)] = w.Calendar(name+w.t("leerjaar")+" "+strconv.Itoa(y), years[y])
	}
	for _, sp := range s.Sectors {
		out[SectorFile(sp.ID)] = w.Calendar(name+sp.Title, sectors[sp])
	}
	return out
}

// written is a component that is already serialised: an Event.
type written []byte

func (c written) UnknownPropertiesIANAProperties() []ics.IANAProperty { return nil }
func (c written) SubComponents() []ics.Component                      { return nil }
func (c written) SerializeTo(w io.Writer, _ *ics.SerializationConfiguration) error {
	_, err := w.Write(c)
	return err
}

// amsterdam is the VTIMEZONE of Europe/Amsterdam by the EU rule since
// 1996 (see the package doc, "Time zone").
func amsterdam() *ics.VTimezone {
	tz := ics.NewTimezone(Zone)
	summer := &ics.Daylight{}
	summer.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0100")
	summer.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0200")
	summer.AddProperty(ics.ComponentProperty(ics.PropertyTzname), "CEST")
	summer.AddProperty(ics.ComponentPropertyDtStart, "19960331T020000")
	summer.AddProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3")
	winter := &ics.Standard{}
	winter.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetfrom), "+0200")
	winter.AddProperty(ics.ComponentProperty(ics.PropertyTzoffsetto), "+0100")
	winter.AddProperty(ics.ComponentProperty(ics.PropertyTzname), "CET")
	winter.AddProperty(ics.ComponentPropertyDtStart, "19961027T030000")
	winter.AddProperty(ics.ComponentPropertyRrule, "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10")
	tz.Components = append(tz.Components, summer, winter)
	return tz
}
