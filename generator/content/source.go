package content

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"github.com/adrg/frontmatter"
	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"

	"lobsite/generator/diag"
)

// Normalize prepares raw file bytes for reading: it checks that they are
// UTF-8, drops a byte-order mark, turns CRLF and lone CR line ends into LF and
// composes the text to Unicode NFC (as macOS may write NFD). Line numbers are
// unchanged. The error, if any, is a *diag.Problem at the first invalid byte.
func Normalize(path string, src []byte) ([]byte, error) {
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

// frontMatter is the parsed head of a page: a YAML node tree (TOML and JSON
// are converted to one) whose Line fields are already file lines.
type frontMatter struct {
	root *yaml.Node // a mapping node; nil when the file has none
	raw  []byte     // the front matter text, for hashing
}

// body returns src with everything up to bodyStart replaced by as many empty
// lines, so that byte offsets in the body map to the same line and column in
// the file.
func blankHead(src []byte, bodyStart int) []byte {
	n := bytes.Count(src[:bodyStart], []byte{'\n'})
	out := make([]byte, 0, n+len(src)-bodyStart)
	out = append(out, bytes.Repeat([]byte{'\n'}, n)...)
	return append(out, src[bodyStart:]...)
}

var looksLikeDelim = regexp.MustCompile(`^(?:[-+=~*_.;]{3,}|[—–]+-*|-[—–]|\{)\s*\S*$`)

type capture struct {
	format string
	data   []byte
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
func splitFrontMatter(path string, src []byte) (fm frontMatter, bodyStart int, err error) {
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
	rest, perr := frontmatter.Parse(bytes.NewReader(src), nil, formats...)
	if perr != nil {
		return fm, 0, &diag.Problem{Path: path, Line: line, Col: 1, Msg: "de front matter kon niet worden gelezen: " + perr.Error()}
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
	bodyStart = len(src) - len(rest)
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
// positions are file positions.
func parseYAML(path string, data []byte, lineOff int, format string) (*yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		line, msg := 1, err.Error()
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ = strconv.Atoi(m[1])
			msg = m[2]
		}
		fileLine := line + lineOff
		return nil, &diag.Problem{Path: path, Line: fileLine, Col: firstCol(data, line), Msg: yamlHint(msg, format)}
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

func yamlHint(msg, format string) string {
	if format == "json" {
		return "de JSON-front matter klopt niet (" + msg + "); controleer aanhalingstekens, komma's en haakjes"
	}
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		return "hier staat een dubbele punt in een waarde; zet de hele waarde tussen aanhalingstekens, bijvoorbeeld titel: \"Stage: de eerste week\""
	case strings.Contains(msg, "found character that cannot start any token") && strings.Contains(msg, "tab"):
		return "hier staat een tab; gebruik spaties om in te springen"
	case strings.Contains(msg, "found character that cannot start any token"):
		return "deze waarde begint met een teken dat YAML niet toestaat (zoals @ of `); zet de waarde tussen aanhalingstekens"
	case strings.Contains(msg, "did not find expected"):
		return "deze regel past niet in de front matter (" + msg + "); controleer de inspringing, haakjes en aanhalingstekens"
	}
	return "de front matter klopt niet (" + msg + "); controleer deze regel"
}

var tomlKeyLine = regexp.MustCompile(`(?m)^[ \t]*"?([A-Za-z0-9_-]+)"?[ \t]*=`)

// parseTOML decodes TOML front matter and converts it to a YAML node tree.
// Keys get the position of their `key =` line.
func parseTOML(path string, data []byte, lineOff int) (*yaml.Node, error) {
	var m map[string]any
	md, err := toml.Decode(string(data), &m)
	if err != nil {
		line, col := 1, 1
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col = pe.Position.Line, pe.Position.Col
			if col < 1 {
				col = 1
			}
		}
		msg := "de TOML-front matter klopt niet (" + firstLine(err.Error()) + "); schrijf elke regel als sleutel = waarde, tekst tussen aanhalingstekens"
		if bytes.Contains(data, []byte(": ")) && !bytes.Contains(data, []byte(" = ")) {
			msg = "tussen +++ hoort TOML (sleutel = waarde), maar hier staat YAML (sleutel: waarde); gebruik --- als scheiding boven en onder de front matter"
		}
		return nil, &diag.Problem{Path: path, Line: line + lineOff, Col: col, Msg: msg}
	}
	pos := map[string][2]int{}
	for _, loc := range tomlKeyLine.FindAllSubmatchIndex(data, -1) {
		key := string(data[loc[2]:loc[3]])
		if _, ok := pos[key]; !ok {
			l, c := diag.Position(data, loc[2])
			pos[key] = [2]int{l + lineOff, c}
		}
	}
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
		p, ok := pos[k]
		if !ok {
			p = [2]int{1 + lineOff, 1}
		}
		root.Content = append(root.Content,
			&yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: p[0], Column: p[1]},
			tomlNode(m[k], p[0], p[1]+len(k)+3))
	}
	return root, nil
}

func tomlNode(v any, line, col int) *yaml.Node {
	n := &yaml.Node{Line: line, Column: col, Kind: yaml.ScalarNode}
	switch v := v.(type) {
	case string:
		n.Tag, n.Value, n.Style = "!!str", v, yaml.DoubleQuotedStyle
	case int64:
		n.Tag, n.Value = "!!int", strconv.FormatInt(v, 10)
	case float64:
		n.Tag, n.Value = "!!float", strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		n.Tag, n.Value = "!!bool", strconv.FormatBool(v)
	case time.Time:
		n.Tag, n.Value = "!!timestamp", v.Format("2006-01-02")
		if v.Hour() != 0 || v.Minute() != 0 || v.Second() != 0 {
			n.Value = v.Format(time.RFC3339)
		}
	case []any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, e := range v {
			n.Content = append(n.Content, tomlNode(e, line, col))
		}
	case []map[string]any:
		n.Kind, n.Tag = yaml.SequenceNode, "!!seq"
		for _, e := range v {
			n.Content = append(n.Content, tomlNode(e, line, col))
		}
	case map[string]any:
		n.Kind, n.Tag = yaml.MappingNode, "!!map"
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: k, Line: line, Column: col}, tomlNode(v[k], line, col))
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
