// This file finds e-mail addresses outside the allowed domains.

package privacy

import (
	"bytes"
	"strings"
	"unicode/utf8"
)

// lastWord splits b into the run of ASCII letters at its end and what
// comes before.
func lastWord(b []byte) (word string, rest []byte) {
	i := len(b)
	for i > 0 && (b[i-1]|0x20 >= 'a' && b[i-1]|0x20 <= 'z') {
		i--
	}
	return string(b[i:]), b[:i]
}

// ---- e-mail ----

func isLocalChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'
}

// isDomainChar also takes the bytes of non-ASCII letters: a domain may be
// internationalised (schoöl.nl).
func isDomainChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || isDigit(c) || c == '.' || c == '-' || c >= 0x80
}

// fullwidthAt is the fullwidth commercial at (＠), which some input methods
// and copied text use instead of @.
const fullwidthAt = "\uff20"

// nextAt returns the offset of the next @ or ＠ in text and its length, or -1.
func nextAt(text []byte) (int, int) {
	i := bytes.IndexByte(text, '@')
	j := -1
	if bytes.IndexByte(text, 0xEF) >= 0 {
		j = bytes.Index(text, []byte(fullwidthAt))
	}
	switch {
	case j >= 0 && (i < 0 || j < i):
		return j, len(fullwidthAt)
	case i >= 0:
		return i, 1
	}
	return -1, 0
}

// scanEmails appends the e-mail addresses in text whose domain is not
// allowed to out.
func (s *Scanner) scanEmails(text []byte, out []Finding) []Finding {
	for off := 0; off < len(text); {
		j, atLen := nextAt(text[off:])
		if j < 0 {
			break
		}
		at := off + j
		off = at + atLen
		start := at
		for start > 0 && isLocalChar(text[start-1]) {
			start--
		}
		for start < at && text[start] == '.' {
			start++
		}
		if start == at {
			continue
		}
		end := at + atLen
		for end < len(text) && isDomainChar(text[end]) {
			end++
		}
		for end > at+atLen && (text[end-1] == '.' || text[end-1] == '-' || text[end-1] >= 0x80) {
			end-- // a trailing non-ASCII byte: the text goes on after the domain
		}
		for end > at+atLen && !utf8.Valid(text[at+atLen:end]) {
			end--
		}
		domain := text[at+atLen : end]
		if !validDomain(domain) || s.allowedDomain(domain) {
			continue
		}
		out = append(out, Finding{Offset: start, End: end, Kind: Email, Match: string(text[start:end])})
	}
	return out
}

// validDomain reports whether d is a domain name of at least two labels
// whose last label is a top-level domain (letters, or an xn-- name) and not
// an image file extension such as in "logo@2x.png".
func validDomain(d []byte) bool {
	labels := 0
	for len(d) > 0 {
		label := d
		if k := bytes.IndexByte(d, '.'); k >= 0 {
			label, d = d[:k], d[k+1:]
			if len(d) == 0 {
				return false
			}
		} else {
			d = nil
		}
		if len(label) == 0 || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		labels++
		if d == nil {
			return labels >= 2 && topLevel(label)
		}
	}
	return false
}

func topLevel(l []byte) bool {
	if len(l) > 4 && bytes.EqualFold(l[:4], []byte("xn--")) {
		return true
	}
	if len(l) < 2 {
		return false
	}
	for _, c := range l {
		if c|0x20 < 'a' || c|0x20 > 'z' {
			return false
		}
	}
	switch strings.ToLower(string(l)) {
	case "png", "jpg", "jpeg", "gif", "svg", "webp", "avif":
		return false
	}
	return true
}

// allowedDomain reports whether domain is an allowed domain or a subdomain
// of one, ignoring case.
func (s *Scanner) allowedDomain(domain []byte) bool {
	for _, a := range s.allowed {
		n := len(domain) - len(a)
		if n < 0 || !bytes.EqualFold(domain[n:], []byte(a)) {
			continue
		}
		if n == 0 || domain[n-1] == '.' {
			return true
		}
	}
	return false
}
