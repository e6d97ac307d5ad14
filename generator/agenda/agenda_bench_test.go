package agenda

import (
	"fmt"
	"testing"
	"time"

	"lobsite/generator/content"
)

// benchSite is a site of n activities over 8 sectors and 6 leerjaren, as
// the benchmark corpus of 10n exercises has.
func benchSite(n int) *content.Site {
	s := &content.Site{Settings: *settings("https://intranet.example.nl/lob/"), ByURL: map[string]*content.Page{}}
	for i := 0; i < 8; i++ {
		s.Sectors = append(s.Sectors, &content.Page{ID: fmt.Sprintf("sector-%d", i), Title: fmt.Sprintf("Sector %d", i)})
	}
	for i := 0; i < n; i++ {
		p := activity(fmt.Sprintf("activiteit-%05d", i), content.Activity{
			Date: day(2026, time.September, 1).AddDate(0, 0, i%300), Years: []int{1 + i%6}, Location: "Sporthal De Veenhoek, Dorpsveen"})
		if i%2 == 0 {
			p.Activity.Time = "09:00-12:00"
		}
		p.Summary = "Leerlingen bezoeken een bedrijf in de buurt en praten met medewerkers over hun werk."
		p.Activity.Rel.Sectors = []*content.Page{s.Sectors[i%8]}
		s.Activities = append(s.Activities, p)
	}
	return s
}

// BenchmarkEvent writes one activity's VEVENT: the work each render of an
// activity page adds.
func BenchmarkEvent(b *testing.B) {
	s := benchSite(1)
	w := New(&s.Settings, tr)
	b.ReportAllocs()
	for b.Loop() {
		w.Event(s.Activities[0])
	}
}

// BenchmarkFiles puts the agenda files of 100 and 1,000 activities
// together from their events: the work every build, incremental ones
// too, adds at its end.
func BenchmarkFiles(b *testing.B) {
	for _, n := range []int{100, 1000} {
		b.Run(fmt.Sprintf("activiteiten=%d", n), func(b *testing.B) {
			s := benchSite(n)
			w := New(&s.Settings, tr)
			events := map[*content.Page][]byte{}
			for _, p := range s.Activities {
				events[p] = w.Event(p)
			}
			b.ReportAllocs()
			for b.Loop() {
				w.Files(s, events)
			}
		})
	}
}
