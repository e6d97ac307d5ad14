// Package privacy finds text in handbook sources that looks like pupil data,
// so the build can warn before it is published. A handbook describes the LOB
// programme for staff; names, BSNs, phone numbers and private e-mail addresses
// of pupils and parents belong in the pupil administration, under the AVG
// (GDPR), not in the handbook.
//
// A Scanner reports four kinds of findings, each with byte offsets into the
// scanned text:
//
//   - BSN: a burgerservicenummer of 9 digits that passes the 11-proef
//     (9·d1 + 8·d2 + … + 2·d8 − 1·d9 ≡ 0 mod 11, not all zeros), written as
//     one run (123456782) or in 4-2-3 or 3-3-3 groups separated by dots or
//     spaces (1234.56.782, 123 456 782).
//   - Phone: a Dutch phone number that normalises to 10 digits with a leading
//     0: mobile (06-12345678, 06 1234 5678, +31 6 12345678, +31 (0)6 …,
//     0031 6 …) or landline (010-1234567, 0575 123456, (020) 123 4567,
//     +31 20 123 4567). The digits must be grouped the way phone numbers are
//     written: an area code of 2 (06 only), 3 or 4 digits, then the
//     subscriber number whole or in groups of 2–4 digits, with one kind of
//     separator between those groups.
//   - Email: an e-mail address whose domain is not one of the allowed
//     domains or a subdomain of one (compared case-insensitively). Reserved
//     domains such as example.org are not allowed unless listed.
//   - BirthDate: a full date (12-03-2012, 12/3/2012, 12.03.2012, 2012-03-12,
//     12 maart 2012) labelled as a birth date (geboren, geb.,
//     geboortedatum, jarig, born, date of birth in the 40 bytes before it on
//     its line), or with a year a pupil may be born in (WithBirthYears)
//     within 40 bytes of what looks like a name: two capitalised words,
//     tussenvoegsels between ("Sanne de Vries", "Mo el Amrani"), not a
//     weekday or a month. The finding spans the name or label and the date.
//
// A number is only reported when it stands on its own: not glued to letters
// or digits, not part of a longer number joined by '-', '.', ',' or ':'
// (dates, times, decimals, ISBNs), not inside a URL or path (the word before
// it holds a '/' or starts with "www."), and not right after a label for
// another kind of number (ordernummer, bestelnr., factuur, artikel, ISBN,
// EAN, KvK, IBAN, btw) or a euro sign. Dates (2026-10-12), times
// (09:00-12:00), years, durations and ranges (1-2) never have the digit
// layout of a BSN or phone number.
//
// Scanning is fast when there is nothing to find: text without '@' and
// without a stretch of at least 9 digits (with only separators between them)
// is passed over in one loop over its bytes, and dates are only looked for
// where "19" or "20" stands. A number may also be written digit by digit
// (0 6 1 2 3 4 5 6 7 8, one kind of separator, nothing after it): ten digits
// as a phone number, nine passing the 11-proef as a BSN.
package privacy

import (
	"fmt"
	"slices"
	"strings"
)

// Kind says what a Finding looks like.
type Kind int

const (
	// BSN is a burgerservicenummer that passes the 11-proef.
	BSN Kind = iota + 1
	// Phone is a Dutch phone number, mobile or landline.
	Phone
	// Email is an e-mail address outside the allowed domains.
	Email
	// BirthDate is a date next to a name, or labelled as a birth date.
	BirthDate
)

// String returns the Dutch name of the kind, as used in messages:
// "BSN", "telefoonnummer" or "e-mailadres".
func (k Kind) String() string {
	switch k {
	case BSN:
		return "BSN"
	case Phone:
		return "telefoonnummer"
	case Email:
		return "e-mailadres"
	case BirthDate:
		return "geboortedatum"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Finding is one piece of text that looks like pupil data. Offset and End
// are byte offsets into the scanned text, with Offset < End, and Match is
// text[Offset:End]. Use diag.Position to turn Offset into a line and column.
type Finding struct {
	Offset, End int
	Kind        Kind
	Match       string
}

// Message returns a one-line Dutch warning for the finding that says what
// was found and what to do about it, without a position.
func (f Finding) Message() string {
	const why = "een handboek mag geen leerlinggegevens bevatten: haal het weg of maak het onherkenbaar"
	switch f.Kind {
	case Email:
		return fmt.Sprintf("dit lijkt op een e-mailadres buiten de toegestane domeinen (%s); %s"+
			" (is het een adres van school, zet het domein dan bij toegestane_domeinen in content/site.yaml)", f.Match, why)
	case BSN, Phone:
		return fmt.Sprintf("dit lijkt op een %s (%s); %s", f.Kind, f.Match, why)
	case BirthDate:
		return fmt.Sprintf("dit lijkt op een naam met een geboortedatum (%s); %s", f.Match, why)
	}
	return fmt.Sprintf("dit lijkt op leerlinggegevens (%s); %s", f.Match, why)
}

// Scanner finds pupil data in text. It holds only the allowed e-mail domains
// and never changes after New, so one Scanner may be used by many goroutines
// at once. The zero value allows no e-mail domain at all.
type Scanner struct {
	allowed []string        // lower case, without leading "@", "*." or "."
	numbers map[string]bool // allowed phone numbers, as 10 digits from 0

	birthFrom, birthTo int // years a pupil may be born in (see WithBirthYears)
}

// New returns a Scanner that accepts e-mail addresses at allowedDomains and
// at their subdomains. Domains are compared case-insensitively; a leading
// "@", "*." or "." and surrounding spaces are ignored, and empty entries are
// skipped.
//
// allowedNumbers are phone numbers that may appear (the school's own, from
// toegestane_nummers in site.yaml), in any notation: 0575-123456, +31 575
// 123456 and (0575) 12 34 56 are one number.
func New(allowedDomains []string, allowedNumbers ...string) *Scanner {
	s := &Scanner{}
	for _, n := range allowedNumbers {
		if d := phoneDigits(n); d != "" {
			if s.numbers == nil {
				s.numbers = map[string]bool{}
			}
			s.numbers[d] = true
		}
	}
	for _, d := range allowedDomains {
		d = strings.ToLower(strings.TrimSpace(d))
		d = strings.TrimPrefix(d, "@")
		d = strings.TrimPrefix(d, "*.")
		d = strings.Trim(d, ".")
		if d != "" {
			s.allowed = append(s.allowed, d)
		}
	}
	return s
}

// Scan returns the findings in text, ordered by Offset (then End). It
// returns nil when there are none. Findings of different kinds may overlap,
// for example a phone number used as the local part of an e-mail address.
func (s *Scanner) Scan(text []byte) []Finding {
	out := scanNumbers(text, nil)
	if len(s.numbers) > 0 {
		out = slices.DeleteFunc(out, func(f Finding) bool { return f.Kind == Phone && s.numbers[phoneDigits(f.Match)] })
		if len(out) == 0 {
			out = nil
		}
	}
	n := len(out)
	out = s.scanEmails(text, out)
	m := len(out)
	out = s.scanBirthDates(text, out)
	if n > 0 && len(out) > n || m > 0 && len(out) > m {
		slices.SortStableFunc(out, func(a, b Finding) int {
			if a.Offset != b.Offset {
				return a.Offset - b.Offset
			}
			return a.End - b.End
		})
	}
	return out
}
