package content

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
	"go.yaml.in/yaml/v3"
	"golang.org/x/text/unicode/norm"

	"lobsite/generator/diag"
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
