package generator

import (
	"html/template"
	"strings"

	"lobsite/generator/agenda"
	"lobsite/generator/content"
)

// The agenda files: kalender.ics, kalender/leerjaar-<n>.ics and
// kalender/sector-<id>.ics (package agenda is their specification), an
// output of every build. Each activity's VEVENT is written when its page
// is rendered, on the render workers, and kept with the page's state, so
// an incremental build writes again only the events of the activities it
// renders again; the files are put together from them at the end. What an
// event holds (the activity's front matter, the titles of its sectors,
// the settings, the theme's strings) is what its page shows, so its page
// is rendered again whenever its event changes.

// agendaOutput is the output of the agenda files.
func (r *run) agendaOutput() output {
	w := agenda.New(&r.site.Settings, r.theme.T)
	return output{
		Page: func(p *content.Page, _ []byte, _ []string) any {
			if p.Activity == nil {
				return nil
			}
			return w.Event(p)
		},
		Files: func(s *content.Site, pages []pageOut) (map[string][]byte, error) {
			events := make(map[*content.Page][]byte, len(s.Activities))
			for _, po := range pages {
				if e, ok := po.Out.([]byte); ok && po.Page.Activity != nil {
					events[po.Page] = e
				}
			}
			return w.Files(s, events), nil
		},
	}
}

// Webcal returns the webcal:// address of the file name at the site root
// ("kalender.ics"), for a link that subscribes an agenda to it; "" when
// basis_url is not set, since an agenda needs the full address.
func (v *view) Webcal(name string) template.URL {
	base := v.S.BaseURL
	_, rest, ok := strings.Cut(base, "://")
	if base == "" || !ok {
		return ""
	}
	return template.URL("webcal://" + rest + name)
}
