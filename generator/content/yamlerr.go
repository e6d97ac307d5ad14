// This file turns yaml.v3 errors into positions and Dutch messages with a fix.

package content

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"lobsite/generator/slug"
)

// dataLines splits front matter text into lines (without their newline).
func dataLines(data []byte) []string {
	return strings.Split(string(data), "\n")
}

// runeCol is the 1-based column, in runes, of byte offset i in line.
func runeCol(line string, i int) int {
	return utf8.RuneCountInString(line[:max(0, min(i, len(line)))]) + 1
}

// locateYAMLError turns a yaml.v3 error into a position and a Dutch message
// with a fix. line is the 1-based line in data the parser named, or 0 when
// it named none (the parser leaves the line out for the first line, and for
// some errors gives the line where a block began rather than where it went
// wrong, so the text itself is searched for the likely cause).
func locateYAMLError(data []byte, line int, msg string) (int, int, string) {
	lines := dataLines(data)
	at := func(l int) string {
		if l >= 1 && l <= len(lines) {
			return lines[l-1]
		}
		return ""
	}
	if line == 0 {
		line = 1
	}
	col := firstCol(data, line)
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		if l, c, text, ok := badIndent(lines, line); ok {
			return l, c, text
		}
		// `titel: Stage: week 1`: the second colon is the problem.
		text := at(line)
		key, rest, ok := strings.Cut(text, ":")
		value := strings.TrimSpace(rest)
		if i := strings.Index(rest, ": "); ok && i >= 0 && !strings.ContainsAny(value, "\"'") {
			k := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(key), "- "))
			return line, runeCol(text, len(key)+1+i), fmt.Sprintf("de waarde van %s bevat een dubbele punt met een spatie erna, en dat leest YAML als een nieuwe sleutel; zet de hele waarde tussen aanhalingstekens: %s: \"%s\"", k, k, value)
		}
		if i := strings.Index(rest, ": "); ok && i >= 0 {
			return line, runeCol(text, len(key)+1+i), "hier staat een dubbele punt met een spatie erna in een waarde; zet de hele waarde tussen aanhalingstekens"
		}
		return line, col, "deze regel springt in of bevat een tweede dubbele punt; begin elke sleutel aan het begin van de regel en zet een waarde met een dubbele punt tussen aanhalingstekens"
	case strings.Contains(msg, "tab character"):
		for l := line; l >= 1; l-- {
			if i := strings.IndexByte(at(l), '\t'); i >= 0 {
				return l, runeCol(at(l), i), "hier staat een tab; YAML gebruikt alleen spaties om in te springen"
			}
		}
		return line, col, "hier staat een tab; YAML gebruikt alleen spaties om in te springen"
	case strings.Contains(msg, "found character that cannot start any token"):
		for l := 1; l <= len(lines); l++ {
			text := at(l)
			if i := strings.IndexByte(text, '\t'); i >= 0 && strings.TrimLeft(text[:i], " ") == "" {
				return l, runeCol(text, i), "hier staat een tab; YAML gebruikt alleen spaties om in te springen"
			}
			if _, rest, ok := strings.Cut(text, ":"); ok {
				v := strings.TrimLeft(rest, " ")
				if v != "" && strings.ContainsRune("@`%", rune(v[0])) {
					return l, runeCol(text, len(text)-len(v)), fmt.Sprintf("een waarde mag in YAML niet met %c beginnen; zet de hele waarde tussen aanhalingstekens", v[0])
				}
			}
		}
		return line, col, "deze waarde begint met een teken dat YAML niet toestaat (zoals @, ` of %); zet de waarde tussen aanhalingstekens"
	case strings.Contains(msg, "unknown anchor"):
		name := ""
		if i, j := strings.IndexByte(msg, '\''), strings.LastIndexByte(msg, '\''); i >= 0 && j > i {
			name = msg[i+1 : j]
		}
		for l := 1; l <= len(lines); l++ {
			if i := strings.Index(at(l), "*"+name); i >= 0 {
				return l, runeCol(at(l), i), "een waarde die met * begint leest YAML als verwijzing; zet de hele waarde tussen aanhalingstekens"
			}
		}
		return line, col, "een waarde die met * begint leest YAML als verwijzing; zet de hele waarde tussen aanhalingstekens"
	case strings.Contains(msg, "found unexpected end of stream"):
		// An opening quote that is never closed.
		for l := 1; l <= len(lines); l++ {
			if i := openQuote(at(l)); i >= 0 {
				return l, runeCol(at(l), i), "dit aanhalingsteken wordt niet gesloten; zet hetzelfde aanhalingsteken aan het eind van de waarde"
			}
		}
		return min(line, max(1, len(lines))), 1, "een aanhalingsteken of haakje wordt niet gesloten; controleer de front matter"
	case strings.Contains(msg, "did not find expected ',' or ']'"), strings.Contains(msg, "did not find expected ',' or '}'"):
		// The parser counts this error's line from 0: the list is on the
		// line after the one it names.
		for l := max(1, line); l <= min(len(lines), line+1); l++ {
			if l, c, text, ok := questionMark(at(l), l); ok {
				return l, c, text
			}
		}
		open, close := byte('['), byte(']')
		if strings.HasSuffix(msg, "'}'") {
			open, close = '{', '}'
		}
		for l := max(1, line); l <= len(lines); l++ {
			text := at(l)
			if i := strings.IndexByte(text, open); i >= 0 && strings.Count(text, string(open)) > strings.Count(text, string(close)) {
				return l, runeCol(text, i), fmt.Sprintf("dit haakje %c wordt niet gesloten met %c; zet een komma tussen de onderdelen en sluit af met %c", open, close, close)
			}
		}
		return line, col, fmt.Sprintf("een lijst of blok wordt niet goed gesloten; zet een komma tussen de onderdelen en sluit af met %c", close)
	case strings.Contains(msg, "could not find expected ':'"):
		l := line
		if strings.TrimSpace(at(l)) == "" && l > 1 {
			l--
		}
		for c := l; c >= max(1, l-1); c-- {
			if m := noSpaceAfterColon.FindStringSubmatchIndex(at(c)); m != nil {
				text := at(c)
				key, value := text[m[2]:m[3]], text[m[4]:m[5]]
				return c, runeCol(text, m[3]), fmt.Sprintf("na de dubbele punt hoort een spatie; YAML leest %s:%s als tekst zonder sleutel: schrijf %s: %s", key, value, key, value)
			}
		}
		return l, firstCol(data, l), "deze regel heeft geen dubbele punt; schrijf elke regel als sleutel: waarde (of ontbreekt de regel --- onder de front matter?)"
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected"):
		// Most often a quote or bracket opened on this line or just above
		// and never closed, which makes the parser read on into the next key.
		for l := max(1, line-1); l <= min(len(lines), line+1); l++ {
			if i := openQuote(at(l)); i >= 0 {
				return l, runeCol(at(l), i), "dit aanhalingsteken wordt niet gesloten; zet hetzelfde aanhalingsteken aan het eind van de waarde"
			}
		}
		// The parser names the line where the block began; the line
		// that breaks it may come further down.
		for l := max(1, line); l <= len(lines); l++ {
			if l, c, text, ok := badIndent(lines, l); ok {
				return l, c, text
			}
		}
		for l := max(1, line-1); l <= len(lines); l++ {
			text := at(l)
			for _, pair := range [][2]string{{"[", "]"}, {"{", "}"}} {
				if i := strings.Index(text, pair[0]); i >= 0 && strings.Count(text, pair[0]) > strings.Count(text, pair[1]) {
					return l, runeCol(text, i), fmt.Sprintf("dit haakje %s wordt niet gesloten; sluit de lijst af met %s op dezelfde regel", pair[0], pair[1])
				}
			}
		}
		return line, col, "deze regel past niet in de front matter; controleer de inspringing en de aanhalingstekens (tekst na een afgesloten aanhalingsteken mag niet)"
	}
	return line, col, "de front matter klopt niet (" + msg + "); controleer deze regel"
}

// noSpaceAfterColon matches a line `duur:45`: a key and a value with no
// space after the colon (which YAML then reads as one plain text).
var noSpaceAfterColon = regexp.MustCompile(`^\s*(?:- )?([\p{L}_][\p{L}\p{N}_-]*):([^\s:/].*)$`)

// questionMark finds a plain item with a question mark in a [ ] list on
// text (line l), which YAML cannot read: the item's position and a fix.
// Under kernvragen the item is most likely the question itself where its
// id (the file name) belongs, so the fix names the id.
func questionMark(text string, l int) (int, int, string, bool) {
	key, rest, ok := strings.Cut(text, ":")
	open := strings.IndexByte(rest, '[')
	if !ok || open < 0 {
		return 0, 0, "", false
	}
	off := len(key) + 1 + open + 1
	list := rest[open+1:]
	if end := strings.IndexByte(list, ']'); end >= 0 {
		list = list[:end]
	}
	for _, item := range strings.Split(list, ",") {
		trimmed := strings.TrimSpace(item)
		start := off + strings.Index(item, trimmed)
		off += len(item) + 1
		if trimmed == "" || trimmed[0] == '"' || trimmed[0] == '\'' || !strings.Contains(trimmed, "?") {
			continue
		}
		key = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(key), "- "))
		if id := slug.Make(trimmed); key == "kernvragen" && id != "" {
			return l, runeCol(text, start), fmt.Sprintf("kernvragen noemt elke kernvraag bij haar id, de bestandsnaam zonder .md, niet bij de vraag zelf; schrijf %s in plaats van %s (een vraagteken in een lijst tussen [ ] kan YAML niet lezen)", id, trimmed), true
		}
		return l, runeCol(text, start), fmt.Sprintf("een vraagteken in een lijst tussen [ ] kan YAML niet lezen; zet dit onderdeel tussen aanhalingstekens: \"%s\"", trimmed), true
	}
	return 0, 0, "", false
}

// badIndent reports line l (1-based) of lines when its indentation fits
// none of the blocks above it: deeper than the line before although that
// line opens no block (`samenvatting: x` followed by `  leerjaren: [1]`),
// or between two levels (list items at 2 spaces, then one at 1).
func badIndent(lines []string, l int) (int, int, string, bool) {
	if l < 2 || l > len(lines) {
		return 0, 0, "", false
	}
	indent := func(s string) int { return len(s) - len(strings.TrimLeft(s, " ")) }
	text := lines[l-1]
	n := indent(text)
	if strings.TrimSpace(text) == "" || strings.HasPrefix(strings.TrimSpace(text), "#") {
		return 0, 0, "", false
	}
	var stack []int // indentations of the open blocks, outermost first
	prev := ""
	for _, s := range lines[:l-1] {
		t := strings.TrimSpace(s)
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		i := indent(s)
		for len(stack) > 0 && stack[len(stack)-1] > i {
			stack = stack[:len(stack)-1]
		}
		if len(stack) == 0 || stack[len(stack)-1] != i {
			stack = append(stack, i)
		}
		prev = t
	}
	if len(stack) == 0 {
		return 0, 0, "", false
	}
	top := stack[len(stack)-1]
	key, _, _ := strings.Cut(strings.TrimSpace(text), ":")
	switch {
	case n > top && !strings.HasSuffix(prev, ":") && !strings.HasPrefix(prev, "- "):
		// Deeper than the line above, which has its own value.
		return l, runeCol(text, n), fmt.Sprintf("deze regel springt %s verder in dan de regel erboven, maar die heeft al een waarde; laat %s beginnen op dezelfde plek als de sleutel erboven (in YAML bepaalt de inspringing waar een regel bij hoort)", spaces(n-top), key), true
	case n < top && !slices.Contains(stack, n):
		return l, runeCol(text, n), fmt.Sprintf("deze regel springt %s in, en dat past bij geen van de regels erboven (die springen %s in); zet hem even ver in als de regels waar hij bij hoort", spaces(n), indentList(stack)), true
	}
	return 0, 0, "", false
}

// indentList names the indentations of stack for a message: "0, 2 of 4 spaties".
func indentList(stack []int) string {
	parts := make([]string, len(stack))
	for i, n := range stack {
		parts[i] = strconv.Itoa(n)
	}
	last := spaces(stack[len(stack)-1])
	if len(parts) == 1 {
		return last
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " of " + last
}

// spaces is "1 spatie" or "n spaties".
func spaces(n int) string {
	if n == 1 {
		return "1 spatie"
	}
	return strconv.Itoa(n) + " spaties"
}

// openQuote returns the byte index of a quote that starts a value on line
// and is not closed on it, or -1.
func openQuote(line string) int {
	_, rest, ok := strings.Cut(line, ":")
	if !ok {
		rest = strings.TrimPrefix(strings.TrimLeft(line, " "), "- ")
	}
	v := strings.TrimLeft(rest, " ")
	v = strings.TrimPrefix(v, "- ")
	v = strings.TrimLeft(v, " [")
	if v == "" || (v[0] != '"' && v[0] != '\'') {
		return -1
	}
	start := len(line) - len(v)
	q := v[0]
	for i := 1; i < len(v); i++ {
		switch {
		case q == '"' && v[i] == '\\':
			i++
		case v[i] == q && q == '\'' && i+1 < len(v) && v[i+1] == '\'':
			i++
		case v[i] == q:
			return -1
		}
	}
	return start
}

// firstCol is the column of the first non-blank character of line (1-based) in data.
func firstCol(data []byte, line int) int {
	lines := bytes.Split(data, []byte{'\n'})
	if line < 1 || line > len(lines) {
		return 1
	}
	l := lines[line-1]
	trimmed := bytes.TrimLeft(l, " \t")
	return utf8.RuneCount(l[:len(l)-len(trimmed)]) + 1
}
