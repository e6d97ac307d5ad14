package search

import (
	"strings"
	"unicode/utf8"
)

// stemEnglish returns the term of the folded English word w: a light
// stemmer of plural and verb endings, not Porter's, so that zoek.js can
// follow it in a few lines and it never joins words that are not forms of
// one another. Words of fewer than four letters stay as they are. Then,
// the first rule that fits:
//
//	-ies → -y (after three letters or more)   activities → activity
//	-sses, -shes, -ches, -xes → drop -es      classes → class, boxes → box
//	-s, not -ss, -us or -is → drop -s         visits → visit
//
// and after that the first of -ing, -ed (not -eed) whose removal leaves
// three letters or more with a vowel (a, e, i, o, u, y) is removed, and a
// doubled final consonant other than l, s and z is made single: working
// → work, visited → visit, planned → plan, meetings → meet. zoek.js's
// stem follows these rules (the shared word list tests both).
func stemEnglish(w string) string {
	n := utf8.RuneCountInString(w)
	if n < 4 {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && n > 5:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "ches") || strings.HasSuffix(w, "xes"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	}
	for _, end := range []string{"ing", "ed"} {
		s, ok := strings.CutSuffix(w, end)
		if !ok || end == "ed" && strings.HasSuffix(s, "e") || utf8.RuneCountInString(s) < 3 || !strings.ContainsAny(s, "aeiouy") {
			continue
		}
		if m := len(s); s[m-1] == s[m-2] && strings.IndexByte("bcdfghjkmnpqrtvwx", s[m-1]) >= 0 {
			s = s[:m-1]
		}
		return s
	}
	return w
}
