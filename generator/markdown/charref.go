package markdown

import (
	"bytes"
	"unicode/utf8"
)

// resolveNumericReferences replaces the numeric character references of
// src (the forms &#DIGITS; with 1 to 7 decimal digits, &#xHEX;
// with 1 to 6 hexadecimal ones) by the characters they name, as CommonMark
// and browsers read them: decimal also with leading zeros (&#0233; is é,
// &#046; a dot), and code point 0, surrogates and numbers past U+10FFFF as
// U+FFFD. goldmark's own util.ResolveNumericReferences reads a decimal
// number with a leading zero as octal, which made link targets and heading
// anchors differ from what the browser shows.
func resolveNumericReferences(src []byte) []byte {
	if bytes.Index(src, []byte("&#")) < 0 {
		return src
	}
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); {
		if src[i] != '&' || i+2 >= len(src) || src[i+1] != '#' {
			out = append(out, src[i])
			i++
			continue
		}
		j, base, maxDigits := i+2, 10, 7
		if src[j] == 'x' || src[j] == 'X' {
			j, base, maxDigits = j+1, 16, 6
		}
		start, v := j, 0
		for j < len(src) && j-start < maxDigits {
			d := digit(src[j], base)
			if d < 0 {
				break
			}
			v = v*base + d
			j++
		}
		if j == start || j >= len(src) || src[j] != ';' {
			out = append(out, '&')
			i++
			continue
		}
		r := rune(v)
		if v == 0 || v > utf8.MaxRune || (v >= 0xD800 && v <= 0xDFFF) {
			r = utf8.RuneError
		}
		out = utf8.AppendRune(out, r)
		i = j + 1
	}
	return out
}

func digit(b byte, base int) int {
	switch {
	case b >= '0' && b <= '9':
		return int(b - '0')
	case base == 16 && b >= 'a' && b <= 'f':
		return int(b-'a') + 10
	case base == 16 && b >= 'A' && b <= 'F':
		return int(b-'A') + 10
	}
	return -1
}
