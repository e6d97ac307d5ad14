package content

import (
	"bytes"
	"strings"

	"go.yaml.in/yaml/v3"

	"lobsite/generator/diag"
	"lobsite/generator/slug"
)

// The worksheet (werkblad) of an exercise: which sections of its body are
// the pupil's. The sections are found by a scan of the body's lines, so
// that the build knows before rendering which exercises have a worksheet.

// sheetKeys are the positions of what an exercise says about its
// worksheet, for the warning of readSections.
type sheetKeys struct {
	names    []string // werkblad_secties, nil when not given
	namesPos [2]int   // line and column of the werkblad_secties key
	wanted   [2]int   // werkblad: true, or a materialen item naming a werkblad
	wantedBy string   // what wanted is: "werkblad: true" or the materialen item
}

// readSheetKeys reads werkblad and werkblad_secties of an exercise.
func readSheetKeys(e *Exercise, f *fields) {
	k := &sheetKeys{}
	if f.has("werkblad") {
		if f.boolean("werkblad") {
			l, c := f.keyPos("werkblad")
			k.wanted, k.wantedBy = [2]int{l, c}, "werkblad: true"
		} else {
			e.NoSheet = true
		}
	} else {
		f.get("werkblad")
	}
	if f.has("werkblad_secties") {
		// An empty list (as lobsite new writes it) is as if not given.
		if k.names = f.strs("werkblad_secties"); len(k.names) > 0 {
			l, c := f.keyPos("werkblad_secties")
			k.namesPos = [2]int{l, c}
		} else {
			k.names = nil
		}
	} else {
		f.get("werkblad_secties")
	}
	if k.wantedBy == "" {
		if v := f.vals["materialen"]; v != nil {
			items := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				items = v.Content
			}
			for _, n := range items {
				if n.Kind == yaml.ScalarNode && strings.Contains(strings.ToLower(n.Value), "werkblad") {
					k.wanted, k.wantedBy = [2]int{n.Line, n.Column}, "materialen noemt een werkblad"
					break
				}
			}
		}
	}
	e.sheet = k
}

// readSections finds the sections of an exercise's body and marks the
// pupil's, then warns where the exercise asks for a worksheet (werkblad:
// true, werkblad_secties, or materialen naming a werkblad) that it has
// no pupil part for. It returns the sections' titles and marks, which
// other pages show (nil when there are none).
func readSections(e *Exercise, src []byte, bodyStart int, s Settings, path string, probs *diag.List) []byte {
	k := e.sheet
	e.sheet = nil
	names := s.PupilSections
	if k != nil && k.names != nil {
		names = k.names
	}
	line := 1 + bytes.Count(src[:bodyStart], []byte{'\n'})
	e.Sections = scanSections(src[bodyStart:], line)
	var key []byte
	pupil := false
	if len(e.Sections) > 0 {
		want := make([]string, len(names))
		for i, n := range names {
			want[i] = slug.Make(n)
		}
		for i := range e.Sections {
			sec := &e.Sections[i]
			for _, w := range want {
				if w != "" && slugIs(sec.Title, w) {
					sec.Pupil, pupil = true, true
				}
			}
			key = append(key, sec.Title...)
			if sec.Pupil {
				key = append(key, 1)
			}
			key = append(key, 0)
		}
	}
	if !pupil {
		// Only a pupil part is shown elsewhere (the worksheet, the
		// bundles): an exercise without one keeps no sections, which at
		// 10,000 exercises is 30,000 headings less to hold.
		e.Sections, key = nil, nil
	}
	if e.NoSheet || pupil || k == nil {
		return key
	}
	at, why := k.wanted, k.wantedBy
	if k.names != nil {
		at, why = k.namesPos, "werkblad_secties staat er"
	}
	if why == "" {
		return key
	}
	probs.Warnf(path, at[0], at[1], "%s, maar de opdracht heeft geen deel voor de leerling: geen kop %s; geef het werkblad een kop ## %s, noem de koppen in werkblad_secties, of schrijf werkblad: false",
		why, quoteList(names), firstOr(names, "Werkblad"))
	return key
}

// slugIs reports whether slug.Make(title) is want, without making the
// slug when title is ASCII (as headings nearly always are).
func slugIs(title, want string) bool {
	for i := 0; i < len(title); i++ {
		if title[i] >= 0x80 {
			return slug.Make(title) == want
		}
	}
	j, dash := 0, false
	for i := 0; i < len(title); i++ {
		c := title[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9') {
			dash = true
			continue
		}
		if dash && j > 0 {
			if j >= len(want) || want[j] != '-' {
				return false
			}
			j++
		}
		dash = false
		if j >= len(want) || want[j] != c {
			return false
		}
		j++
	}
	return j == len(want)
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "## " + n
	}
	if len(q) == 0 {
		return "(werkblad_secties is leeg)"
	}
	return strings.Join(q, " of ")
}

func firstOr(names []string, def string) string {
	if len(names) > 0 {
		return names[len(names)-1]
	}
	return def
}

// scanSections returns the sections of a Markdown body whose first line
// is line: every ATX heading of level 1 or 2 (up to three spaces, # or ##,
// then a space or the end of the line) outside fenced code blocks starts
// one, which runs to the line before the next. Setext headings (text
// underlined with === or ---) do not count.
func scanSections(body []byte, line int) []Section {
	var out []Section
	var fence byte
	fenceLen := 0
	for len(body) > 0 {
		var l []byte
		if i := bytes.IndexByte(body, '\n'); i >= 0 {
			l, body = body[:i], body[i+1:]
		} else {
			l, body = body, nil
		}
		t := l
		for n := 0; n < 3 && len(t) > 0 && t[0] == ' '; n++ {
			t = t[1:]
		}
		if len(t) >= 3 && (t[0] == '`' || t[0] == '~') {
			c := t[0]
			n := 0
			for n < len(t) && t[n] == c {
				n++
			}
			switch {
			case fence == 0 && n >= 3:
				fence, fenceLen = c, n
			case fence == c && n >= fenceLen && len(bytes.TrimSpace(t[n:])) == 0:
				fence = 0
			}
		} else if fence == 0 && len(t) > 0 && t[0] == '#' {
			n := 0
			for n < len(t) && t[n] == '#' {
				n++
			}
			if n <= 2 && (n == len(t) || t[n] == ' ' || t[n] == '\t') {
				title := strings.TrimSpace(string(t[n:]))
				// A closing sequence of #s, after a space, is no text.
				if j := strings.TrimRight(title, "#"); j != title && (j == "" || strings.HasSuffix(j, " ") || strings.HasSuffix(j, "\t")) {
					title = strings.TrimSpace(j)
				}
				if len(out) > 0 {
					out[len(out)-1].End = line - 1
				}
				out = append(out, Section{Title: title, Line: line})
			}
		}
		line++
	}
	if len(out) > 0 {
		out[len(out)-1].End = line - 1
	}
	return out
}
