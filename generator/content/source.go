package content

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"lobsite/generator/diag"
	"lobsite/generator/slug"
)

// Normalize prepares raw file bytes for reading: it checks that they are
// UTF-8, drops a byte-order mark, turns CRLF and lone CR line ends into LF and
// composes the text to Unicode NFC (as macOS may write NFD). Line numbers are
// unchanged. The problem, if any, is at the first invalid byte.
func Normalize(path string, src []byte) ([]byte, *diag.Problem) {
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) || utf16NoBOM(src) {
		return nil, &diag.Problem{Path: path, Line: 1, Col: 1,
			Msg: "dit bestand is opgeslagen als UTF-16 (in Kladblok heet dat ‘Unicode’); sla het op als UTF-8"}
	}
	if !utf8.Valid(src) {
		off := 0
		for off < len(src) {
			r, n := utf8.DecodeRune(src[off:])
			if r == utf8.RuneError && n <= 1 {
				break
			}
			off += n
		}
		line, col := diag.Position(src, off)
		return nil, &diag.Problem{Path: path, Line: line, Col: col,
			Msg: "dit bestand is geen UTF-8-tekst; sla het op als UTF-8 (in Kladblok: Opslaan als, codering UTF-8)"}
	}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
		src = bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
	}
	if !norm.NFC.IsNormal(src) {
		src = norm.NFC.Bytes(src)
	}
	return src, nil
}

// utf16NoBOM reports whether src looks like UTF-16 saved without a byte
// order mark: text (such as "---" or "titel") whose every other byte of
// the first four is zero. UTF-8 text has no zero bytes there.
func utf16NoBOM(src []byte) bool {
	if len(src) < 4 {
		return false
	}
	le := src[0] != 0 && src[1] == 0 && src[2] != 0 && src[3] == 0
	be := src[0] == 0 && src[1] != 0 && src[2] == 0 && src[3] != 0
	return le || be
}

// frontMatter is the parsed head of a page: a YAML node tree (TOML and JSON
// are converted to one) whose Line fields are already file lines.
type frontMatter struct {
	root *yaml.Node // a mapping node; nil when the file has none
	raw  []byte     // the front matter text, for hashing
}

var looksLikeDelim = regexp.MustCompile(`^(?:[-+=~*_.;]{3,}|[—–]+-*|-[—–]|\{)\s*\S*$`)

type capture struct {
	format string
	data   []byte
}

// headReader feeds a file to frontmatter.Parse in small pieces and stops
// (EOF) once the front matter has been captured, so the library does not
// copy the whole body it has no use for. given counts the bytes handed out.
type headReader struct {
	src   []byte
	given int
	done  *capture
}

// headBufs holds the bufio.Readers splitFrontMatter lends frontmatter.Parse.
var headBufs = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 4096) }}

func (r *headReader) Read(p []byte) (int, error) {
	if r.done.format != "" || r.given == len(r.src) {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), 512)], r.src[r.given:])
	r.given += n
	return n, nil
}

func (c *capture) format_(name string) frontmatter.UnmarshalFunc {
	return func(data []byte, _ any) error {
		c.format, c.data = name, append([]byte(nil), data...)
		return nil
	}
}

// splitFrontMatter finds the front matter of src (YAML between ---, TOML
// between +++, or a JSON object) and returns it with the offset where the body
// begins. Problems are positioned in path.
func splitFrontMatter(path string, src []byte) (fm frontMatter, bodyStart int, err *diag.Problem) {
	// Find the first non-blank line: that is where front matter must start.
	off, line := 0, 1
	for off < len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		if len(bytes.TrimSpace(src[off:off+end])) != 0 {
			break
		}
		off += end + 1
		line++
	}
	first := ""
	if off < len(src) {
		end := bytes.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src) - off
		}
		first = string(bytes.TrimSpace(src[off : off+end]))
	}
	var c capture
	formats := []*frontmatter.Format{
		frontmatter.NewFormat("---", "---", c.format_("yaml")),
		frontmatter.NewFormat("---yaml", "---", c.format_("yaml")),
		frontmatter.NewFormat("+++", "+++", c.format_("toml")),
		frontmatter.NewFormat("---toml", "---", c.format_("toml")),
		frontmatter.NewFormat("---json", "---", c.format_("json")),
		{Start: "{", End: "}", Unmarshal: c.format_("json"), UnmarshalDelims: true, RequiresNewLine: true},
	}
	hr := &headReader{src: src, done: &c}
	// frontmatter.Parse wraps its reader in a 4 KB bufio.Reader unless it
	// is one already: lend it one, instead of a new one for every page.
	br := headBufs.Get().(*bufio.Reader)
	br.Reset(hr)
	rest, perr := frontmatter.Parse(br, nil, formats...)
	br.Reset(nil)
	headBufs.Put(br)
	if perr != nil {
		return fm, 0, &diag.Problem{Path: path, Line: line, Col: 1, Msg: "de front matter kon niet worden gelezen: " + perr.Error(), Err: perr}
	}
	if c.format == "" {
		switch {
		case first == "---" || first == "+++" || first == "---yaml" || first == "---toml" || first == "---json":
			return fm, 0, &diag.Problem{Path: path, Line: line, Col: 1,
				Msg: fmt.Sprintf("de front matter begint met %s maar wordt nergens afgesloten; zet een regel met alleen %s onder de laatste sleutel", first, closer(first))}
		case first == "{":
			return fm, 0, &diag.Problem{Path: path, Line: line, Col: 1,
				Msg: "de JSON-front matter wordt niet afgesloten; zet een regel met alleen } en daaronder een lege regel"}
		case looksLikeDelim.MatchString(first):
			return fm, 0, &diag.Problem{Path: path, Line: line, Col: 1,
				Msg: fmt.Sprintf("%q is geen bekende scheiding voor front matter; begin met een regel met precies --- (YAML), +++ (TOML) of { (JSON)", first)}
		}
		return fm, 0, &diag.Problem{Path: path, Line: line, Col: 1,
			Msg: "dit bestand heeft geen front matter; begin met een regel ---, dan minstens `titel: ...`, dan weer ---"}
	}
	// rest is what Parse read after the front matter, up to where hr
	// stopped; the body starts that far before the end of what hr gave.
	bodyStart = hr.given - len(rest)
	fm.raw = c.data
	// The front matter text starts on the line after the opening delimiter,
	// except for JSON, whose braces are part of the data.
	lineOff := line
	if c.format == "json" && first == "{" {
		lineOff = line - 1
	}
	var root *yaml.Node
	switch c.format {
	case "yaml", "json":
		root, err = parseYAML(path, c.data, lineOff, c.format)
	case "toml":
		root, err = parseTOML(path, c.data, lineOff)
	}
	if err != nil {
		return fm, 0, err
	}
	fm.root = root
	return fm, bodyStart, nil
}

func closer(open string) string {
	if open == "+++" {
		return "+++"
	}
	return "---"
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parseYAML parses YAML (or JSON, a subset of it) into a mapping node whose
// positions are file positions. lineOff is the number of file lines before
// the first line of data.
func parseYAML(path string, data []byte, lineOff int, format string) (*yaml.Node, *diag.Problem) {
	if p := checkShape(path, data, lineOff, format); p != nil {
		return nil, p
	}
	if format == "json" {
		if p := jsonProblem(path, data, lineOff); p != nil {
			return nil, p
		}
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := 0, strings.TrimPrefix(err.Error(), "yaml: ")
		if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		line, col, text := locateYAMLError(data, line, msg)
		if path == SettingsPath {
			// The settings file is all YAML, not front matter of a page.
			text = strings.ReplaceAll(text, "in de front matter", "in site.yaml")
			text = strings.ReplaceAll(text, "de front matter", "site.yaml")
		}
		return nil, &diag.Problem{Path: path, Line: line + lineOff, Col: col, Msg: text, Err: err}
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1 + lineOff, Column: 1}, nil
	}
	root := doc.Content[0]
	shift(root, lineOff)
	if root.Kind != yaml.MappingNode {
		return nil, &diag.Problem{Path: path, Line: root.Line, Col: root.Column,
			Msg: "de front matter moet bestaan uit regels `sleutel: waarde`, zoals `titel: Netwerkkaart`"}
	}
	return root, nil
}

func shift(n *yaml.Node, lineOff int) {
	n.Line += lineOff
	for _, c := range n.Content {
		shift(c, lineOff)
	}
}

// jsonProblem checks JSON front matter with encoding/json, which, unlike
// the YAML parser, knows the exact byte where the text goes wrong.
func jsonProblem(path string, data []byte, lineOff int) *diag.Problem {
	var v any
	err := json.Unmarshal(data, &v)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	off := len(data)
	if errors.As(err, &se) {
		off = int(se.Offset) - 1
	}
	off = max(0, min(off, len(data)))
	line, col := diag.Position(data, off)
	what := "de JSON houdt te vroeg op"
	if off < len(data) {
		r, _ := utf8.DecodeRune(data[off:])
		what = fmt.Sprintf("het teken %q hoort hier niet", string(r))
	}
	return &diag.Problem{Path: path, Line: line + lineOff, Col: col,
		Msg: "de JSON-front matter klopt niet: " + what + "; zet tekst tussen dubbele aanhalingstekens, een komma tussen twee onderdelen en geen komma na het laatste", Err: err}
}

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

// parseTOML decodes TOML front matter and converts it to a YAML node tree
// with file positions: each key at its `key =`, each value where it starts,
// each item of an array where that item starts.
func parseTOML(path string, data []byte, lineOff int) (*yaml.Node, *diag.Problem) {
	if p := checkShape(path, data, lineOff, "toml"); p != nil {
		return nil, p
	}
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		return nil, tomlProblem(path, data, lineOff, err)
	}
	lines := diag.NewLines(data)
	at := func(off int) [2]int {
		line, col := lines.Position(off)
		return [2]int{line + lineOff, col}
	}
	spans := scanTOML(data)
	root := &yaml.Node{Kind: yaml.MappingNode, Line: 1 + lineOff, Column: 1}
	keys := make([]string, 0, len(m))
	for _, k := range md.Keys() {
		if len(k) == 1 {
			keys = append(keys, k[0])
		}
	}
	if len(keys) != len(m) {
		keys = keys[:0]
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
	}
	for _, k := range keys {
		kp, vp := [2]int{1 + lineOff, 1}, [2]int{1 + lineOff, 1}
		var items [][2]int
		var raw string
		var rawItems []string
		if sp, ok := spans[k]; ok {
			kp, vp = at(sp.key), at(sp.val)
			raw = tomlToken(data, sp.val)
			for _, it := range sp.items {
				items = append(items, at(it))
				rawItems = append(rawItems, tomlToken(data, it))
			}
		}
		v := tomlNode(m[k], vp, items)
		tomlNumberText(v, raw, rawItems)
		root.Content = append(root.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: kp[0], Column: kp[1]},
			v)
	}
	return root, nil
}

// tomlProblem turns a TOML decoding error into a positioned problem.
func tomlProblem(path string, data []byte, lineOff int, err error) *diag.Problem {
	line, col := 1, 1
	msg := "de TOML-front matter klopt niet (" + firstLine(err.Error()) + "); schrijf elke regel als sleutel = waarde, met tekst tussen aanhalingstekens"
	var pe toml.ParseError
	if errors.As(err, &pe) {
		line, col = pe.Position.Line, max(1, pe.Position.Col)
		if pe.Position.Start >= 0 && pe.Position.Start <= len(data) {
			line, col = diag.Position(data, pe.Position.Start)
		}
		switch {
		case strings.Contains(pe.Message, "has already been defined"):
			msg = fmt.Sprintf("de sleutel %q staat hier voor de tweede keer; laat er één over", pe.LastKey)
			if pe.LastKey == "" {
				msg = "deze sleutel of tabel staat hier voor de tweede keer; laat er één over"
			}
		case strings.Contains(pe.Message, "expected value but found"):
			msg = fmt.Sprintf("de waarde van %s is geen TOML-waarde; zet tekst tussen aanhalingstekens, zoals %s = \"...\"", pe.LastKey, pe.LastKey)
		case strings.Contains(pe.Message, "cannot contain newlines"):
			msg = "dit aanhalingsteken wordt op deze regel niet gesloten; zet hetzelfde aanhalingsteken aan het eind van de waarde"
		case strings.Contains(pe.Message, "invalid datetime"):
			msg = "deze datum bestaat niet of is verkeerd geschreven; schrijf jaar-maand-dag, zoals 2026-10-12"
		default:
			msg = "de TOML-front matter klopt hier niet (" + pe.Message + "); schrijf elke regel als sleutel = waarde, met tekst tussen aanhalingstekens"
		}
	}
	if looksLikeYAML(data) {
		msg = "tussen +++ hoort TOML (sleutel = waarde), maar hier staat YAML (sleutel: waarde); gebruik --- als scheiding boven en onder de front matter"
	}
	return &diag.Problem{Path: path, Line: line + lineOff, Col: col, Msg: msg, Err: err}
}

// looksLikeYAML reports whether text that is not TOML reads as a YAML
// mapping, as when an author writes `titel: ...` between +++ lines.
func looksLikeYAML(data []byte) bool {
	var doc yaml.Node
	if yaml.Unmarshal(data, &doc) != nil || len(doc.Content) == 0 {
		return false
	}
	root := doc.Content[0]
	return root.Kind == yaml.MappingNode && len(root.Content) > 0
}

// tomlSpan holds byte offsets in TOML text: a top-level key, its value and
// the items of an array value.
type tomlSpan struct {
	key, val int
	items    []int
}

// scanTOML finds where the top-level keys of valid TOML text and their
// values start. Keys of [tabel] sections are the table name's position. It
// never fails: text it does not understand is skipped line by line.
func scanTOML(data []byte) map[string]tomlSpan {
	out := map[string]tomlSpan{}
	n, i := len(data), 0
	inTable := false
	skipBlank := func() {
		for i < n && (data[i] == ' ' || data[i] == '\t') {
			i++
		}
	}
	skipLine := func() {
		for i < n && data[i] != '\n' {
			i++
		}
	}
	// skipValue moves i past one value; it always moves at least one byte.
	var skipValue func()
	skipValue = func() {
		start := i
		switch {
		case i >= n:
			return
		case bytes.HasPrefix(data[i:], []byte(`"""`)), bytes.HasPrefix(data[i:], []byte("'''")):
			end := bytes.Index(data[i+3:], data[i:i+3])
			if end < 0 {
				i = n
			} else {
				i += 3 + end + 3
			}
		case data[i] == '"' || data[i] == '\'':
			q := data[i]
			for i++; i < n && data[i] != q && data[i] != '\n'; i++ {
				if q == '"' && data[i] == '\\' {
					i++
				}
			}
			i++
		case data[i] == '[' || data[i] == '{':
			open, close := data[i], byte(']')
			if open == '{' {
				close = '}'
			}
			for i++; i < n && data[i] != close; {
				if data[i] == '#' {
					skipLine()
					continue
				}
				if data[i] == open || data[i] == '"' || data[i] == '\'' {
					skipValue()
					continue
				}
				i++
			}
			i++
		default:
			for i < n && !bytes.ContainsRune([]byte(",]}\n#"), rune(data[i])) {
				i++
			}
		}
		i = min(max(i, start+1), n)
	}
	readKey := func() (string, bool) {
		if i < n && (data[i] == '"' || data[i] == '\'') {
			start := i
			skipValue()
			k := string(data[start+1 : max(start+1, i-1)])
			if data[start] == '"' {
				if u, err := strconv.Unquote(string(data[start:i])); err == nil {
					k = u
				}
			}
			return k, true
		}
		start := i
		for i < n && (data[i] == '_' || data[i] == '-' || data[i] >= 'a' && data[i] <= 'z' || data[i] >= 'A' && data[i] <= 'Z' || data[i] >= '0' && data[i] <= '9') {
			i++
		}
		return string(data[start:i]), i > start
	}
	for i < n {
		skipBlank()
		if i >= n {
			break
		}
		switch data[i] {
		case '\n', '\r':
			i++
			continue
		case '#':
			skipLine()
			continue
		case '[':
			inTable = true
			i++
			if i < n && data[i] == '[' {
				i++
			}
			skipBlank()
			start := i
			if k, ok := readKey(); ok {
				if _, seen := out[k]; !seen {
					out[k] = tomlSpan{key: start, val: start}
				}
			}
			skipLine()
			continue
		}
		start := i
		k, ok := readKey()
		skipBlank()
		if !ok || inTable || i >= n || data[i] != '=' {
			skipLine()
			continue
		}
		i++
		skipBlank()
		sp := tomlSpan{key: start, val: i}
		if i < n && data[i] == '[' {
			i++
			for i < n {
				for i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r' || data[i] == ',' || data[i] == '#') {
					if data[i] == '#' {
						skipLine()
						continue
					}
					i++
				}
				if i >= n {
					break
				}
				if data[i] == ']' {
					i++
					break
				}
				sp.items = append(sp.items, i)
				skipValue()
			}
		} else {
			skipValue()
		}
		if _, seen := out[k]; !seen {
			out[k] = sp
		}
		skipLine()
	}
	return out
}

// tomlToken returns the bare token of TOML text that starts at off: up to
// the first blank, comma, bracket, brace or comment sign.
func tomlToken(data []byte, off int) string {
	end := off
	for end < len(data) && !strings.ContainsRune(" \t\r\n,[]{}#", rune(data[end])) {
		end++
	}
	return string(data[off:end])
}

// tomlNumberText gives number nodes the text they were written as (45.0,
// 1e3, 0x2D), so one rule holds for every format: a key that wants a whole
// number takes only decimal digits, as YAML and JSON do. raw is the text of
// the value n, rawItems that of its items when n is an array.
func tomlNumberText(n *yaml.Node, raw string, rawItems []string) {
	switch n.Kind {
	case yaml.ScalarNode:
		if (n.Tag == "!!int" || n.Tag == "!!float") && raw != "" {
			n.Value = raw
		}
	case yaml.SequenceNode:
		if len(rawItems) == len(n.Content) {
			for i, c := range n.Content {
				tomlNumberText(c, rawItems[i], nil)
			}
		}
	}
}

// tomlNode converts a decoded TOML value to a YAML node at pos; the items
// of an array get the positions in items when there is one for each.
func tomlNode(v any, pos [2]int, items [][2]int) *yaml.Node {
	n := &yaml.Node{Line: pos[0], Column: pos[1], Kind: yaml.ScalarNode}
	itemPos := func(i, count int) [2]int {
		if len(items) == count {
			return items[i]
		}
		return pos
	}
	switch v := v.(type) {
	case string:
		n.Tag, n.Value, n.Style = "!!str", v, yaml.DoubleQuotedStyle
	case int64:
		n.Tag, n.Value = "!!int", strconv.FormatInt(v, 10)
	case float64:
		n.Tag, n.Value = "!!float", strconv.FormatFloat(v, 'g', -1, 64)
		if !strings.ContainsAny(n.Value, ".eEn") {
			// 45.0 is a float, not the whole number 45.
			n.Value += ".0"
		}
	case bool:
		n.Tag, n.Value = "!!bool", strconv.FormatBool(v)
	case time.Time:
		// Local dates and times print as written, whatever the
		// machine's time zone; others with their offset.
		n.Tag = "!!timestamp"
		switch v.Location().String() {
		case "date-local":
			n.Value = v.Format("2006-01-02")
		case "datetime-local":
			n.Value = v.Format("2006-01-02T15:04:05")
		case "time-local":
			n.Value = v.Format("15:04:05")
		default:
			n.Value = v.Format(time.RFC3339)
		}
	case []any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for i, e := range v {
			n.Content = append(n.Content, tomlNode(e, itemPos(i, len(v)), nil))
		}
	case []map[string]any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for i, e := range v {
			n.Content = append(n.Content, tomlNode(e, itemPos(i, len(v)), nil))
		}
	case map[string]any:
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: pos[0], Column: pos[1]}, tomlNode(v[k], pos, nil))
		}
	default:
		n.Tag, n.Value = "!!str", fmt.Sprint(v)
	}
	return n
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
