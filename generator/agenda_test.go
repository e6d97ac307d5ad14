package generator

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"lobsite/generator/agenda"
	"lobsite/generator/content"
	"lobsite/generator/internal/archive"
)

// agendaEvent is one VEVENT as a validator (.ci/ics-icaljs.mjs,
// .ci/ics-python.py) reads it back.
type agendaEvent struct {
	File    string `json:"file"`
	UID     string `json:"uid"`
	Summary string `json:"summary"`
	Start   string `json:"start"`
	End     string `json:"end"`
	AllDay  bool   `json:"allDay"`
}

// validator is one independent reader of agenda files.
type validator struct {
	name string
	cmd  func(files []string) *exec.Cmd
}

// validators returns the two readers of .ci: ical.js under node and
// Debian's python3-icalendar. One that is missing is skipped with a
// message, except in CI, where .ci/run installs both.
func validators(t *testing.T) []validator {
	t.Helper()
	var out []validator
	missing := func(msg string) {
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Log("skipped: " + msg)
	}
	icaljs := os.Getenv("LOBSITE_ICALJS")
	if icaljs == "" {
		icaljs = filepath.Join("..", ".ci", "node_modules", "ical.js", "dist", "ical.js")
	}
	node, err := exec.LookPath("node")
	if _, statErr := os.Stat(icaljs); err != nil || statErr != nil {
		missing("no node or no ical.js (run `npm install --prefix .ci ical.js@2.2.1`, or set LOBSITE_ICALJS to its dist/ical.js)")
	} else {
		abs, _ := filepath.Abs(icaljs)
		out = append(out, validator{"ical.js", func(files []string) *exec.Cmd {
			c := exec.Command(node, append([]string{filepath.Join("..", ".ci", "ics-icaljs.mjs")}, files...)...)
			c.Env = append(os.Environ(), "LOBSITE_ICALJS="+abs)
			return c
		}})
	}
	// /usr/bin/python3, not the first python3 on PATH: Debian's package
	// is installed for the system's Python.
	const python = "/usr/bin/python3"
	if err := exec.Command(python, "-c", "import icalendar").Run(); err != nil {
		missing("no python3-icalendar for " + python + " (apt-get install python3-icalendar)")
	} else {
		out = append(out, validator{"python3-icalendar", func(files []string) *exec.Cmd {
			return exec.Command(python, append([]string{filepath.Join("..", ".ci", "ics-python.py")}, files...)...)
		}})
	}
	return out
}

// readBack runs v on every .ics file under dest and returns the events it
// read, by file (slash path under dest).
func readBack(t *testing.T, v validator, dest string) map[string][]agendaEvent {
	t.Helper()
	var files []string
	filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".ics") {
			files = append(files, p)
		}
		return err
	})
	if len(files) == 0 {
		t.Fatalf("no .ics files in %s", dest)
	}
	var stdout, stderr bytes.Buffer
	cmd := v.cmd(files)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s finds problems in the agenda files (%v):\n%s", v.name, err, stderr.String())
	}
	out := map[string][]agendaEvent{}
	for _, f := range files {
		rel, _ := filepath.Rel(dest, f)
		out[filepath.ToSlash(rel)] = []agendaEvent{} // a file without events is read too
	}
	sc := bufio.NewScanner(&stdout)
	for sc.Scan() {
		var e agendaEvent
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatalf("%s: %v in %q", v.name, err, sc.Text())
		}
		rel, _ := filepath.Rel(dest, e.File)
		e.File = filepath.ToSlash(rel)
		out[e.File] = append(out[e.File], e)
	}
	return out
}

// expectedEvents are the events every agenda file of site s must hold,
// made from the content model and Go's zone database, not from the
// agenda writer: start and end in UTC, or dates for all-day events (the
// end exclusive).
func expectedEvents(s *content.Site) map[string][]agendaEvent {
	w := agenda.New(&s.Settings, func(k string) string { return k })
	event := func(p *content.Page) agendaEvent {
		a := p.Activity
		e := agendaEvent{UID: w.UID(p), Summary: p.Title}
		if a.Time != "" && a.Until.IsZero() {
			at := func(hhmm string) string {
				d, _ := time.Parse("15:04", hhmm)
				return time.Date(a.Date.Year(), a.Date.Month(), a.Date.Day(), d.Hour(), d.Minute(), 0, 0, content.Amsterdam).UTC().Format(time.RFC3339)
			}
			from, to, _ := strings.Cut(a.Time, "-")
			e.Start, e.End = at(from), at(to)
			return e
		}
		last := a.Date
		if !a.Until.IsZero() {
			last = a.Until
		}
		e.AllDay, e.Start, e.End = true, a.Date.Format(time.DateOnly), last.AddDate(0, 0, 1).Format(time.DateOnly)
		return e
	}
	out := map[string][]agendaEvent{agenda.File: {}}
	for y := 1; y <= s.Settings.Years; y++ {
		out[agenda.YearFile(y)] = []agendaEvent{}
	}
	for _, sp := range s.Sectors {
		out[agenda.SectorFile(sp.ID)] = []agendaEvent{}
	}
	for _, p := range s.Activities {
		e := event(p)
		add := func(file string) {
			e.File = file
			out[file] = append(out[file], e)
		}
		add(agenda.File)
		for _, y := range p.Activity.Years {
			add(agenda.YearFile(y))
		}
		for _, sp := range p.Activity.Rel.Sectors {
			add(agenda.SectorFile(sp.ID))
		}
	}
	return out
}

func sameEvents(t *testing.T, who string, got, want map[string][]agendaEvent) {
	t.Helper()
	for file, w := range want {
		g, ok := got[file]
		if !ok {
			t.Errorf("%s: %s was not written", who, file)
		} else if !slices.Equal(g, w) {
			t.Errorf("%s reads %s as\n%v\nwant\n%v", who, file, g, w)
		}
	}
	for file := range got {
		if _, ok := want[file]; !ok {
			t.Errorf("%s: %s is not an agenda file of the site", who, file)
		}
	}
}

// TestHandbookAgendaFilesInTwoParsers builds the bundled handbook and
// reads every agenda file it writes with ical.js and with
// python3-icalendar (round trip): both must accept every file and read
// back every activity with the start, end, summary and UID that its front
// matter gives. It also reads the agenda test site, whose two activities
// on either side of the change to winter time must come back in UTC as
// 07:00 (Friday 23 October 2026, 09:00 summer time) and 08:00–11:00
// (Monday 26 October, 09:00–12:00 winter time).
func TestHandbookAgendaFilesInTwoParsers(t *testing.T) {
	if testing.Short() {
		t.Skip("the agenda validators run node and python; skipped in -short mode")
	}
	vs := validators(t)
	if len(vs) == 0 {
		t.Skip("neither validator is installed (see the messages above)")
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: "..", Dest: dest}); err != nil {
		t.Fatalf("build the bundled handbook: %v", err)
	}
	site, probs := content.NewLoader(os.DirFS(".."), content.Options{}).Load(nil)
	if err := probs.Err(); err != nil || site == nil {
		t.Fatalf("load the bundled handbook: %v", err)
	}
	want := expectedEvents(site)
	if n := len(want[agenda.File]); n < 20 {
		t.Fatalf("only %d activities in the bundled handbook", n)
	}

	a := archive.Read(t, "testdata/sites/agenda.txtar")
	small := filepath.Join(t.TempDir(), "site")
	writeSite(t, a.Path, small)
	smallDest, _, err := buildSiteDir(t, small, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range vs {
		t.Run(v.name, func(t *testing.T) {
			sameEvents(t, v.name, readBack(t, v, dest), want)
			got := readBack(t, v, smallDest)
			times := map[string]string{}
			for _, e := range got[agenda.File] {
				times[strings.SplitN(e.UID, "-2026-2027@", 2)[0]] = e.Start + " " + e.End
			}
			for id, w := range map[string]string{
				"kalender-kwekerij":     "2026-10-23T07:00:00Z 2026-10-23T10:00:00Z",
				"kalender-gastles-zorg": "2026-10-26T08:00:00Z 2026-10-26T11:00:00Z",
				"kalender-stageweek":    "2026-11-02 2026-11-07",
			} {
				if times[id] != w {
					t.Errorf("%s reads %s as %q, want %q", v.name, id, times[id], w)
				}
			}
		})
	}
}

// TestAgendaIncrementalAndDrafts edits the agenda test site step by step:
// after every incremental build the agenda files equal those of a full
// build. A concept activity is in the files only with --drafts.
func TestAgendaIncrementalAndDrafts(t *testing.T) {
	dir := t.TempDir()
	writeSite(t, "testdata/sites/agenda.txtar", dir)
	dest := filepath.Join(t.TempDir(), "public")
	b, err := NewBuilder(Options{Source: dir, Dest: dest})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Build(nil); err != nil {
		t.Fatal(err)
	}
	write := func(name, data string) { writeSiteFiles(t, dir, map[string]string{name: data}) }
	for _, s := range []struct {
		name    string
		change  func()
		changed []string
	}{
		{"tijd", func() {
			write("content/kalender/gastles-zorg.md", "---\ntitel: Gastles zorg\nsoort: gastspreker\ndatum: 2026-10-27\ntijd: 13:00-14:00\nleerjaren: [1]\nsectoren: [zorg]\n---\n")
		}, []string{"content/kalender/gastles-zorg.md"}},
		{"sector title", func() {
			write("content/sectoren/groen.md", "---\ntitel: Groen; buiten\n---\n")
		}, []string{"content/sectoren/groen.md"}},
		{"new activity", func() {
			write("content/kalender/nieuw.md", "---\ntitel: Nieuw\nsoort: beurs\ndatum: 2027-03-02\nleerjaren: [3]\n---\n")
		}, []string{"content/kalender/nieuw.md"}},
		{"concept", func() {
			write("content/kalender/nieuw.md", "---\ntitel: Nieuw\nconcept: true\nsoort: beurs\ndatum: 2027-03-02\nleerjaren: [3]\n---\n")
		}, []string{"content/kalender/nieuw.md"}},
		{"sector removed", func() {
			os.Remove(filepath.Join(dir, "content/sectoren/zorg.md"))
			write("content/kalender/gastles-zorg.md", "---\ntitel: Gastles zorg\nsoort: gastspreker\ndatum: 2026-10-27\ntijd: 13:00-14:00\nleerjaren: [1]\n---\n")
		}, []string{"content/sectoren/zorg.md", "content/kalender/gastles-zorg.md"}},
	} {
		s.change()
		if _, err := b.Build(s.changed); err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		sameTrees(t, s.name, readTree(t, dest), fullTree(t, dir))
	}
	got := readTree(t, dest)
	if _, ok := got["public/kalender/sector-zorg.ics"]; ok {
		t.Error("the agenda file of a removed sector is still there")
	}
	if ics := string(got["public/kalender.ics"]); !strings.Contains(ics, "SUMMARY:Groepsstage op dinsdag") || strings.Contains(ics, "Nog niet klaar") || strings.Contains(ics, "SUMMARY:Nieuw") {
		t.Errorf("kalender.ics holds a concept activity or misses one:\n%s", ics)
	}
	if !strings.Contains(string(got["public/kalender.ics"]), "CATEGORIES:Groen\\; buiten\r\n") {
		t.Error("the new title of a sector is not in the events of its activities")
	}
	drafts, _, err := buildSiteDir(t, dir, Options{Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	ics := string(readTree(t, drafts)["public/kalender.ics"])
	for _, want := range []string{"UID:kalender-later-2026-2027@praktijkschool-testveld\r\n", "UID:kalender-nieuw-2026-2027@praktijkschool-testveld\r\n"} {
		if !strings.Contains(ics, want) {
			t.Errorf("with --drafts, kalender.ics has no %q", want)
		}
	}
}

// TestWebcalNeedsBaseURL: the subscribe address is webcal:// with the
// host and path of basis_url, and there is none without it.
func TestWebcalNeedsBaseURL(t *testing.T) {
	v := &view{S: &content.Settings{BaseURL: "https://intranet.school.nl/lob/"}}
	if got := v.Webcal("kalender/leerjaar-3.ics"); got != "webcal://intranet.school.nl/lob/kalender/leerjaar-3.ics" {
		t.Errorf("Webcal = %q", got)
	}
	v.S.BaseURL = "http://localhost:8080/"
	if got := v.Webcal("kalender.ics"); got != "webcal://localhost:8080/kalender.ics" {
		t.Errorf("Webcal = %q", got)
	}
	v.S.BaseURL = ""
	if got := v.Webcal("kalender.ics"); got != "" {
		t.Errorf("Webcal without basis_url = %q, want none", got)
	}
}
