package agenda

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"lobsite/generator/content"
)

func day(y int, m time.Month, d int) time.Time {
	return time.Date(y, m, d, 0, 0, 0, 0, content.Amsterdam)
}

func settings(base string) *content.Settings {
	return &content.Settings{School: "Praktijkschool De Wissel", Title: "LOB-handboek", Lang: "nl", SchoolYear: "2026-2027",
		YearStart: day(2026, time.August, 1), YearEnd: day(2027, time.July, 31), Years: 6, BaseURL: base}
}

var labels = map[string]string{"tijd": "Tijd", "leerjaar": "Leerjaar", "bedrijfsbezoek": "Bedrijfsbezoek", "stage": "Stage"}

func tr(k string) string {
	if s, ok := labels[k]; ok {
		return s
	}
	return k
}

func activity(id string, a content.Activity) *content.Page {
	if a.Type == "" {
		a.Type = "bedrijfsbezoek"
	}
	if len(a.Years) == 0 {
		a.Years = []int{3}
	}
	return &content.Page{ID: id, URL: "kalender/" + id + "/", Kind: content.KindActivity, Title: "Bezoek " + id, Activity: &a}
}

// parse reads data back with the library's parser and returns its events
// by UID.
func parse(t *testing.T, data []byte) map[string]*ics.VEvent {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("the library cannot read back what it wrote: %v\n%s", err, data)
	}
	out := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		out[e.Id()] = e
	}
	return out
}

// TestTimesAcrossTheChangeToWinterTime writes two activities with a tijd,
// one on Friday 23 October 2026 (summer time, UTC+2) and one on Monday 26
// October (after the change on Sunday 25 October, UTC+1), and reads them
// back with the library: the same local hours are other hours in UTC.
func TestTimesAcrossTheChangeToWinterTime(t *testing.T) {
	w := New(settings(""), tr)
	before := activity("vrijdag", content.Activity{Date: day(2026, time.October, 23), Time: "09:00-12:00"})
	after := activity("maandag", content.Activity{Date: day(2026, time.October, 26), Time: "09:00-12:00"})
	data := w.Calendar("Kalender", [][]byte{w.Event(before), w.Event(after)})
	events := parse(t, data)
	for _, c := range []struct {
		p          *content.Page
		start, end string
	}{
		{before, "2026-10-23T07:00:00Z", "2026-10-23T10:00:00Z"},
		{after, "2026-10-26T08:00:00Z", "2026-10-26T11:00:00Z"},
	} {
		e := events[w.UID(c.p)]
		if e == nil {
			t.Fatalf("no event %s in\n%s", w.UID(c.p), data)
		}
		start, err1 := e.GetStartAt()
		end, err2 := e.GetEndAt()
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: start %v, end %v", c.p.ID, err1, err2)
		}
		if got := start.UTC().Format(time.RFC3339); got != c.start {
			t.Errorf("%s starts at %s, want %s", c.p.ID, got, c.start)
		}
		if got := end.UTC().Format(time.RFC3339); got != c.end {
			t.Errorf("%s ends at %s, want %s", c.p.ID, got, c.end)
		}
		if tz := e.GetProperty(ics.ComponentPropertyDtStart).ICalParameters["TZID"]; len(tz) != 1 || tz[0] != Zone {
			t.Errorf("%s: DTSTART TZID = %v, want %s", c.p.ID, tz, Zone)
		}
	}
	if !bytes.Contains(data, []byte("\r\nDTSTART;TZID=Europe/Amsterdam:20261026T090000\r\nDTEND;TZID=Europe/Amsterdam:20261026T120000\r\n")) {
		t.Errorf("the local times are not written as local times with TZID:\n%s", data)
	}
}

// TestAllDayEventsEndTheDayAfter: a one-day activity and one over several
// days (tot) are all-day events; DTEND is the day after the last day.
func TestAllDayEventsEndTheDayAfter(t *testing.T) {
	w := New(settings(""), tr)
	one := activity("een", content.Activity{Date: day(2026, time.October, 5)})
	week := activity("week", content.Activity{Date: day(2026, time.October, 5), Until: day(2026, time.October, 9), Type: "stage"})
	// Over the end of a month and the change of time.
	turn := activity("wissel", content.Activity{Date: day(2026, time.October, 30), Until: day(2026, time.November, 2), Time: "08:30-14:30"})
	for _, c := range []struct {
		p          *content.Page
		start, end string
	}{
		{one, "20261005", "20261006"},
		{week, "20261005", "20261010"},
		{turn, "20261030", "20261103"},
	} {
		ev := string(w.Event(c.p))
		for _, want := range []string{"DTSTART;VALUE=DATE:" + c.start + "\r\n", "DTEND;VALUE=DATE:" + c.end + "\r\n", "TRANSP:TRANSPARENT\r\n"} {
			if !strings.Contains(ev, "\r\n"+want) {
				t.Errorf("%s: no line %q in\n%s", c.p.ID, want, ev)
			}
		}
		e := parse(t, w.Calendar("x", [][]byte{[]byte(ev)}))[w.UID(c.p)]
		start, err1 := e.GetAllDayStartAt()
		end, err2 := e.GetAllDayEndAt()
		if err1 != nil || err2 != nil || start.Format("20060102") != c.start || end.Format("20060102") != c.end {
			t.Errorf("%s read back: %v %v, %v %v; want %s to %s", c.p.ID, start, err1, end, err2, c.start, c.end)
		}
	}
	if ev := string(w.Event(turn)); !strings.Contains(ev, `Tijd: 08:30-14:30`) {
		t.Errorf("the tijd of an activity over several days is not in its description:\n%s", ev)
	}
}

// TestFoldingByOctetsAtCharacterBoundaries writes values with two-, three-
// and four-byte characters at every offset around the fold: every line is
// at most 75 octets, valid UTF-8 on its own, ends in CRLF, and unfolding
// gives the value back.
func TestFoldingByOctetsAtCharacterBoundaries(t *testing.T) {
	w := New(settings("https://intranet.example.nl/lob/"), tr)
	for pad := 0; pad < 8; pad++ {
		for _, ch := range []string{"é", "€", "🙂"} {
			title := strings.Repeat("a", pad) + strings.Repeat(ch, 60)
			summary := strings.Repeat("Oriëntatie op de sector Zorg en welzijn – ", 5)
			p := activity("fold", content.Activity{Date: day(2026, time.October, 5), Location: strings.Repeat(ch, 40)})
			p.Title, p.Summary = title, summary
			data := w.Calendar("LOB-handboek – "+strings.Repeat(ch, 30), [][]byte{w.Event(p)})
			checkLines(t, data)
			e := parse(t, data)[w.UID(p)]
			if e == nil {
				t.Fatalf("event not read back:\n%s", data)
			}
			if got := e.GetProperty(ics.ComponentPropertySummary).Value; got != title {
				t.Errorf("pad %d %s: SUMMARY read back as %q, want %q", pad, ch, got, title)
			}
			if got := e.GetProperty(ics.ComponentPropertyDescription).Value; got != summary+"\n\nhttps://intranet.example.nl/lob/kalender/fold/" {
				t.Errorf("pad %d %s: DESCRIPTION read back as %q", pad, ch, got)
			}
			if got := e.GetProperty(ics.ComponentPropertyLocation).Value; got != strings.Repeat(ch, 40) {
				t.Errorf("pad %d %s: LOCATION read back as %q", pad, ch, got)
			}
		}
	}
}

// checkLines checks the physical lines of a file: CRLF only, at most 75
// octets without the CRLF, each valid UTF-8.
func checkLines(t *testing.T, data []byte) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("END:VCALENDAR\r\n")) {
		t.Errorf("the file does not end with END:VCALENDAR and CRLF: %q", data[max(0, len(data)-20):])
	}
	lines := bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n"))
	for i, l := range lines {
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets, over 75: %q", i+1, len(l), l)
		}
		if !utf8.Valid(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
	}
}

// TestTextEscaping: backslash, semicolon, comma and newline are escaped
// in TEXT values, a comma in a sector title stays in its category, and
// control characters do not reach the file.
func TestTextEscaping(t *testing.T) {
	w := New(settings(""), tr)
	p := activity("tekst", content.Activity{Date: day(2026, time.October, 5), Location: `Hal 2; ingang C, achter`})
	p.Title = `Bezoek \ werf; met, komma`
	p.Summary = "Eerste regel\nTweede\r\nDerde\rVierde\x01\u0085."
	p.Activity.Rel.Sectors = []*content.Page{{ID: "groen", Title: "Groen, dier en natuur"}, {ID: "bouw", Title: "Bouw"}}
	ev := string(w.Event(p))
	for _, want := range []string{
		"\r\nSUMMARY:Bezoek \\\\ werf\\; met\\, komma\r\n",
		"\r\nLOCATION:Hal 2\\; ingang C\\, achter\r\n",
		"\r\nDESCRIPTION:Eerste regel\\nTweede\\nDerde\\nVierde.\\n\\nLOB-handboek:\r\n  kalender/tekst/\r\n", // folded before the space
		"\r\nCATEGORIES:Bedrijfsbezoek\r\nCATEGORIES:Groen\\, dier en natuur\r\nCATEGORIES:Bouw\r\n",
	} {
		if !strings.Contains(ev, want) {
			t.Errorf("no %q in\n%s", want, ev)
		}
	}
	e := parse(t, w.Calendar("x", [][]byte{[]byte(ev)}))[w.UID(p)]
	if got := e.GetProperty(ics.ComponentPropertySummary).Value; got != p.Title {
		t.Errorf("SUMMARY read back as %q, want %q", got, p.Title)
	}
	var cats []string
	for _, c := range e.GetProperties(ics.ComponentPropertyCategories) {
		cats = append(cats, c.Value)
	}
	if strings.Join(cats, "|") != "Bedrijfsbezoek|Groen, dier en natuur|Bouw" {
		t.Errorf("CATEGORIES read back as %q", cats)
	}
}

// TestEventProperties checks the UID, DTSTAMP, URL and the calendar's own
// properties, and that writing twice gives the same bytes.
func TestEventProperties(t *testing.T) {
	w := New(settings("https://intranet.example.nl/lob/"), tr)
	p := activity("beroepenmarkt", content.Activity{Date: day(2027, time.March, 2), Time: "13:00-15:00", Location: "Sporthal"})
	data := w.Calendar("LOB-handboek – Leerjaar 3", [][]byte{w.Event(p)})
	if again := New(settings("https://intranet.example.nl/lob/"), tr); !bytes.Equal(data, again.Calendar("LOB-handboek – Leerjaar 3", [][]byte{again.Event(p)})) {
		t.Error("two writers give different bytes")
	}
	checkLines(t, data)
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//lobsite//Praktijkschool De Wissel//NL\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n",
		"\r\nNAME:LOB-handboek – Leerjaar 3\r\nX-WR-CALNAME:LOB-handboek – Leerjaar 3\r\n",
		"\r\nREFRESH-INTERVAL;VALUE=DURATION:P1D\r\n",
		"\r\nBEGIN:VEVENT\r\nUID:kalender-beroepenmarkt-2026-2027@praktijkschool-de-wissel\r\nDTSTAMP:20260731T220000Z\r\n",
		"\r\nURL:https://intranet.example.nl/lob/kalender/beroepenmarkt/\r\n",
		"\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n",
	} {
		if !strings.Contains(string(data), want) {
			t.Errorf("no %q in\n%s", want, data)
		}
	}
	if strings.Contains(string(w.Event(p)), "TRANSP") {
		t.Error("an activity with a time is marked transparent")
	}
	if !bytes.Contains(New(settings(""), tr).Event(p), []byte("\r\nDESCRIPTION:LOB-handboek: kalender/beroepenmarkt/\r\n")) || bytes.Contains(New(settings(""), tr).Event(p), []byte("URL:")) {
		t.Error("without basis_url, the description must hold the page's address in the site and there must be no URL")
	}
}

// TestEmptyCalendarIsValid: a file without activities holds the time zone
// and reads back.
func TestEmptyCalendarIsValid(t *testing.T) {
	w := New(settings(""), tr)
	data := w.Calendar("LOB-handboek – Leerjaar 6", nil)
	checkLines(t, data)
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil || len(cal.Events()) != 0 || len(cal.Timezones()) != 1 {
		t.Fatalf("empty calendar: %v, %d events, %d time zones", err, len(cal.Events()), len(cal.Timezones()))
	}
}

// TestTimezoneFollowsTheZoneDatabase reads the written VTIMEZONE's
// DAYLIGHT and STANDARD parts (offsets, the DTSTART time, the month and
// last-Sunday rule) and checks, for every hour of March and October and
// every day of the other months from 1996 to 2050, that they give the
// offset Go's zone database gives for Europe/Amsterdam.
func TestTimezoneFollowsTheZoneDatabase(t *testing.T) {
	w := New(settings(""), tr)
	cal, err := ics.ParseCalendar(bytes.NewReader(w.Calendar("x", nil)))
	if err != nil {
		t.Fatal(err)
	}
	type onset struct {
		month      time.Month
		hour       int // local wall clock time in the offset before
		from, to   int // seconds east of UTC
		firstYear  int
		byDayLastS bool
	}
	var onsets []onset
	for _, c := range cal.Timezones()[0].Components {
		var o onset
		for _, p := range c.UnknownPropertiesIANAProperties() {
			switch p.IANAToken {
			case "TZOFFSETFROM":
				o.from = offset(t, p.Value)
			case "TZOFFSETTO":
				o.to = offset(t, p.Value)
			case "DTSTART":
				d, err := time.Parse("20060102T150405", p.Value)
				if err != nil {
					t.Fatal(err)
				}
				o.firstYear, o.hour = d.Year(), d.Hour()
			case "RRULE":
				for _, part := range strings.Split(p.Value, ";") {
					k, v, _ := strings.Cut(part, "=")
					switch {
					case k == "BYMONTH":
						m, _ := time.Parse("1", v)
						o.month = m.Month()
					case k == "BYDAY" && v == "-1SU":
						o.byDayLastS = true
					case k == "FREQ" && v != "YEARLY":
						t.Fatalf("RRULE %s is not yearly", p.Value)
					}
				}
			}
		}
		if !o.byDayLastS || o.month == 0 {
			t.Fatalf("VTIMEZONE part without a last-Sunday rule: %+v", o)
		}
		onsets = append(onsets, o)
	}
	if len(onsets) != 2 {
		t.Fatalf("%d parts in the VTIMEZONE, want DAYLIGHT and STANDARD", len(onsets))
	}
	// The instants of the changes in UTC, by year.
	change := func(o onset, y int) time.Time {
		d := time.Date(y, o.month+1, 0, o.hour, 0, 0, 0, time.UTC) // last day of the month
		for d.Weekday() != time.Sunday {
			d = d.AddDate(0, 0, -1)
		}
		return d.Add(-time.Duration(o.from) * time.Second)
	}
	checked := 0
	for h := time.Date(1996, time.April, 1, 0, 0, 0, 0, time.UTC); h.Year() <= 2050; {
		// The offset in force: that of the latest onset at or before h.
		var latest time.Time
		off := 0
		for _, o := range onsets {
			for _, y := range []int{h.Year() - 1, h.Year()} {
				if y < o.firstYear {
					continue
				}
				if c := change(o, y); !c.After(h) && c.After(latest) {
					latest, off = c, o.to
				}
			}
		}
		if _, want := h.In(content.Amsterdam).Zone(); off != want {
			t.Fatalf("at %s the VTIMEZONE gives UTC%+d s, the zone database %+d s", h.Format(time.RFC3339), off, want)
		}
		checked++
		if m := h.Month(); m == time.March || m == time.October {
			h = h.Add(time.Hour)
		} else {
			h = h.Add(24 * time.Hour)
		}
	}
	if checked < 90000 {
		t.Fatalf("only %d hours checked", checked)
	}
}

func offset(t *testing.T, v string) int {
	t.Helper()
	d, err := time.Parse("-0700", v)
	if err != nil {
		t.Fatal(err)
	}
	_, off := d.Zone()
	return off
}
