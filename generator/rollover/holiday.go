package rollover

import "time"

// Holiday reports whether day d falls in a Dutch school holiday by rough,
// region-independent rules, and which one: herfstvakantie in ISO week 43,
// kerstvakantie in the last ISO week of December and the week after it,
// voorjaarsvakantie in ISO week 8 or 9, meivakantie in ISO week 18, and
// zomervakantie from 15 July to 31 August. The real dates differ per
// region (noord, midden, zuid) and per year: this is for listing dates to
// check, not for deciding anything.
func Holiday(d time.Time) (string, bool) {
	_, week := d.ISOWeek()
	m, day := d.Month(), d.Day()
	switch {
	case m == time.July && day >= 15 || m == time.August:
		return "zomervakantie", true
	case week == 43 && m >= time.October:
		return "herfstvakantie", true
	case m == time.December && sameISOWeek(d, time.Date(d.Year(), time.December, 28, 0, 0, 0, 0, d.Location())):
		return "kerstvakantie", true
	case m <= time.January && sameISOWeek(d.AddDate(0, 0, -7), time.Date(d.Year()-1, time.December, 28, 0, 0, 0, 0, d.Location())),
		m == time.January && sameISOWeek(d, time.Date(d.Year()-1, time.December, 28, 0, 0, 0, 0, d.Location())):
		return "kerstvakantie", true
	case (week == 8 || week == 9) && m <= time.March:
		return "voorjaarsvakantie", true
	case week == 18 && (m == time.April || m == time.May):
		return "meivakantie", true
	}
	return "", false
}

func sameISOWeek(a, b time.Time) bool {
	ya, wa := a.ISOWeek()
	yb, wb := b.ISOWeek()
	return ya == yb && wa == wb
}
