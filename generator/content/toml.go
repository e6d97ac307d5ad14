// This file reads TOML front matter into the YAML node tree the content model reads, with positions.

package content

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"lobsite/generator/diag"
)

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
