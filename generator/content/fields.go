package content

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"lobsite/generator/diag"
)

// Ref is a reference by id from one page to another, with the position of
// the id in the source file, so a wrong id can be reported where it stands.
type Ref struct {
	ID        string
	Line, Col int
}

// fields reads the keys of one front matter mapping, reporting every problem
// with its file position. Keys are consumed as they are read; done reports
// what is left as unknown keys.
type fields struct {
	path  string
	probs *diag.List
	keys  map[string]*yaml.Node // key name → key node
	vals  map[string]*yaml.Node // key name → value node
	order []string
	used  map[string]bool
}

func newFields(path string, root *yaml.Node, probs *diag.List) *fields {
	f := &fields{path: path, probs: probs, keys: map[string]*yaml.Node{}, vals: map[string]*yaml.Node{}, used: map[string]bool{}}
	if root == nil {
		return f
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		name := k.Value
		if prev, dup := f.keys[name]; dup {
			f.errorf(k, "de sleutel %q staat hier voor de tweede keer (eerder op regel %d); laat er één over", name, prev.Line)
			continue
		}
		f.keys[name], f.vals[name] = k, v
		f.order = append(f.order, name)
	}
	return f
}

func (f *fields) errorf(n *yaml.Node, format string, args ...any) {
	f.probs.Errorf(f.path, n.Line, n.Column, format, args...)
}

// has reports whether key is present (with a non-null value).
func (f *fields) has(key string) bool {
	v, ok := f.vals[key]
	return ok && !(v.Kind == yaml.ScalarNode && v.Tag == "!!null")
}

func (f *fields) get(key string) *yaml.Node {
	f.used[key] = true
	if !f.has(key) {
		return nil
	}
	return f.vals[key]
}

// keyNode returns the node of key, or a node at the front matter's position.
func (f *fields) keyPos(key string) (int, int) {
	if k, ok := f.keys[key]; ok {
		return k.Line, k.Column
	}
	return 0, 0
}

// missing reports the required key as absent, at the start of the front
// matter: "de sleutel "titel" ontbreekt; " and the hint made of format and
// args. A key that is there without a value has a problem of its own
// (see empty), so it is not reported again.
func (f *fields) missing(key, format string, args ...any) {
	if f.empty(key) {
		return
	}
	line, col := f.firstPos()
	f.probs.Errorf(f.path, line, col, "de sleutel %q ontbreekt; "+format, append([]any{key}, args...)...)
}

func (f *fields) str(key string, required bool) string {
	v := f.get(key)
	if v == nil {
		if required {
			where := "de front matter"
			if f.path == SettingsPath {
				where = SettingsPath
			}
			f.missing(key, "voeg een regel `%s: ...` toe aan %s", key, where)
		}
		return ""
	}
	if v.Kind == yaml.MappingNode && len(v.Content) == 2 && v.Style&yaml.FlowStyle == 0 {
		f.errorf(v, "%s", colonHint(key))
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		f.errorf(v, "%s moet één tekst zijn, geen lijst of blok", key)
		return ""
	}
	s := strings.TrimSpace(v.Value)
	if required && s == "" {
		f.errorf(v, "%s is leeg; vul een waarde in", key)
	}
	return s
}

// empty reports, for a required key that is present without a value, that
// it is empty (or that its value was read as a comment), and returns true.
func (f *fields) empty(key string) bool {
	k, ok := f.keys[key]
	if !ok {
		return false
	}
	v := f.vals[key]
	comment := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(v.LineComment+k.LineComment), "#"))
	if comment != "" {
		f.errorf(k, "%s heeft geen waarde: YAML leest alles vanaf # als commentaar; zet de waarde tussen aanhalingstekens, zoals %s: \"#%s\"", key, key, comment)
		return true
	}
	f.errorf(k, "%s staat er wel, maar zonder waarde; vul een waarde in achter %s:", key, key)
	return true
}

// colonHint explains a value that YAML read as a block because it holds a
// colon followed by a space.
func colonHint(key string) string {
	return fmt.Sprintf("%s bevat een dubbele punt met een spatie erna, en dat leest YAML als een nieuwe sleutel; zet de hele waarde tussen aanhalingstekens", key)
}

// firstPos is where a missing key is reported: the first key of the front
// matter, or line 1.
func (f *fields) firstPos() (int, int) {
	if len(f.order) > 0 {
		k := f.keys[f.order[0]]
		return k.Line, k.Column
	}
	return 1, 1
}

func (f *fields) integer(key string, required bool, min, max int) (int, bool) {
	v := f.get(key)
	if v == nil {
		if required {
			f.missing(key, "voeg een regel `%s: ...` toe met een getal van %d tot en met %d", key, min, max)
		}
		return 0, false
	}
	n, err := strconv.Atoi(v.Value)
	if v.Kind == yaml.ScalarNode && err == nil && v.Tag == "!!str" && v.Style != 0 {
		f.errorf(v, "%s moet een getal zijn, maar staat tussen aanhalingstekens; schrijf het zonder, zoals %s: %d", key, key, n)
		return 0, false
	}
	if v.Kind != yaml.ScalarNode || err != nil {
		f.errorf(v, "%s moet een heel getal zijn, niet %s", key, display(v))
		return 0, false
	}
	if n < min || n > max {
		f.errorf(v, "%s is %d; dat moet een getal van %d tot en met %d zijn", key, n, min, max)
		return n, false
	}
	return n, true
}

func (f *fields) boolean(key string) bool {
	v := f.get(key)
	if v == nil {
		return false
	}
	switch strings.ToLower(v.Value) {
	case "true", "ja":
		return true
	case "false", "nee":
		return false
	}
	f.errorf(v, "%s moet true of false zijn, niet %s", key, display(v))
	return false
}

// list returns the items of a sequence; a single scalar counts as a list of
// one, so `leerjaren: 3` means [3].
func (f *fields) list(key string) []*yaml.Node {
	v := f.get(key)
	if v == nil {
		return nil
	}
	switch v.Kind {
	case yaml.SequenceNode:
		return v.Content
	case yaml.ScalarNode:
		return []*yaml.Node{v}
	}
	f.errorf(v, "%s moet een lijst zijn, zoals [a, b], of een lijstje met streepjes", key)
	return nil
}

func (f *fields) strs(key string) []string {
	var out []string
	for _, n := range f.list(key) {
		if n.Kind == yaml.MappingNode && len(n.Content) == 2 {
			f.errorf(n, "een onderdeel van %s bevat een dubbele punt met een spatie erna, en dat leest YAML als een sleutel; zet dat onderdeel tussen aanhalingstekens", key)
			continue
		}
		if n.Kind != yaml.ScalarNode {
			f.errorf(n, "elk onderdeel van %s moet een tekst zijn", key)
			continue
		}
		if s := strings.TrimSpace(n.Value); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (f *fields) refs(key string) []Ref {
	var out []Ref
	seen := map[string]bool{}
	for _, n := range f.list(key) {
		if n.Kind != yaml.ScalarNode || strings.TrimSpace(n.Value) == "" {
			f.errorf(n, "elk onderdeel van %s moet een id zijn (de bestandsnaam zonder .md)", key)
			continue
		}
		id := strings.TrimSuffix(strings.TrimSpace(n.Value), ".md")
		if seen[id] {
			f.errorf(n, "%s noemt %q twee keer; laat er één over", key, id)
			continue
		}
		seen[id] = true
		out = append(out, Ref{ID: id, Line: n.Line, Col: n.Column})
	}
	return out
}

// notEmpty reports a key that is present but holds an empty list, such as
// `leerjaren: []`; n is how many valid items it had.
func (f *fields) notEmpty(key string, n int, hint string) {
	v, ok := f.vals[key]
	if ok && n == 0 && v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
		f.errorf(v, "%s is leeg; %s", key, hint)
	}
}

func (f *fields) ints(key string, min, max int) []int {
	var out []int
	seen := map[int]bool{}
	for _, n := range f.list(key) {
		v, err := strconv.Atoi(n.Value)
		if n.Kind != yaml.ScalarNode || err != nil {
			f.errorf(n, "%s moet een lijst van hele getallen zijn, zoals [1, 2], niet %s", key, display(n))
			continue
		}
		if v < min || v > max {
			f.errorf(n, "%s bevat %d; dat moet een getal van %d tot en met %d zijn", key, v, min, max)
			continue
		}
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	sort.Ints(out)
	return out
}

func (f *fields) enum(key string, required bool, allowed []string) string {
	v := f.get(key)
	if v == nil {
		if required {
			f.missing(key, "kies uit %s", strings.Join(allowed, ", "))
		}
		return ""
	}
	if v.Kind != yaml.ScalarNode {
		f.errorf(v, "%s is één waarde, niet %s; kies uit %s", key, display(v), strings.Join(allowed, ", "))
		return ""
	}
	s := strings.TrimSpace(v.Value)
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	msg := fmt.Sprintf("%s %s bestaat niet; kies uit %s", key, display(v), strings.Join(allowed, ", "))
	if sug := Suggest(s, allowed); sug != "" {
		msg = fmt.Sprintf("%s %s bestaat niet; bedoelde je %q? (kies uit %s)", key, display(v), sug, strings.Join(allowed, ", "))
	}
	f.errorf(v, "%s", msg)
	return ""
}

// done reports every key that was not read as unknown, with a suggestion
// from the keys pages of kind k take.
func (f *fields) done(k Kind) { f.unknown(keyNames(k)) }

// unknown reports every key that was not read as unknown, with a
// suggestion from known.
func (f *fields) unknown(known []string) {
	for _, name := range f.order {
		if f.used[name] {
			continue
		}
		k := f.keys[name]
		if sug := Suggest(name, known); sug != "" {
			f.errorf(k, "onbekende sleutel %q; bedoelde je %q?", name, sug)
		} else {
			f.errorf(k, "onbekende sleutel %q; hier horen alleen de sleutels %s", name, strings.Join(known, ", "))
		}
	}
}

// display shows a value in a message: a scalar quoted ("twee"), a list or
// block by what it is (een lijst).
func display(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "een lijst"
	case yaml.MappingNode:
		return "een blok"
	case yaml.AliasNode:
		return "een verwijzing (*)"
	}
	return strconv.Quote(n.Value)
}

// Suggest returns the candidate closest to s by edit distance when it is
// close enough to be a likely typo (at most a third of the length, and at
// most 3 edits), else "".
func Suggest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	ls := strings.ToLower(s)
	for _, c := range candidates {
		d := levenshtein(ls, strings.ToLower(c))
		if d < bestD || d == bestD && c < best {
			best, bestD = c, d
		}
	}
	limit := min(3, max(1, len([]rune(s))/3), len([]rune(s))-1)
	if bestD == 0 || bestD > limit {
		if bestD == 0 && best != s {
			return best
		}
		return ""
	}
	return best
}

// levenshtein is the edit distance between a and b in runes, counting a
// swap of two neighbouring letters (title → titel) as one edit.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	// rows i-2, i-1 and i of the distance table.
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
