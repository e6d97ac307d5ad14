package scaffold

import (
	"flag"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the key tables in docs/handleiding.md from the content model")

const manualPath = "../../docs/handleiding.md"

// keyTable is the Markdown table of keys the manual shows for a kind (or
// for site.yaml): name, type, required, allowed values, meaning.
func keyTable(keys []Key) string {
	var b strings.Builder
	b.WriteString("| sleutel | soort waarde | verplicht | toegestane waarden | betekenis |\n|---|---|---|---|---|\n")
	for _, k := range keys {
		req, vals := "", ""
		if k.Required {
			req = "ja"
		}
		if len(k.Allowed) > 0 {
			vals = "`" + strings.Join(k.Allowed, "`, `") + "`"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s | %s |\n", k.Name, k.Type, req, vals, k.Help)
	}
	return b.String()
}

// manualTables are the tables the manual holds between its markers
// <!-- sleutels NAAM --> and <!-- /sleutels -->, by NAAM.
func manualTables() map[string]string {
	out := map[string]string{"algemeen": keyTable(Common), "site.yaml": keyTable(Settings)}
	for _, k := range Kinds {
		if len(k.Keys) > 0 {
			out[k.Name] = keyTable(k.Keys)
		}
	}
	return out
}

var tableRE = regexp.MustCompile(`(?s)(<!-- sleutels ([a-z.]+) -->\n).*?(<!-- /sleutels -->)`)

// TestManualKeyTables holds the coordinator's manual to the content model:
// every key table in it is the one the model gives (run with -update to
// rewrite them after a change to content's table), every table is there,
// and the text names every key, every allowed value and every kind.
func TestManualKeyTables(t *testing.T) {
	data, err := os.ReadFile(manualPath)
	if err != nil {
		t.Fatal(err)
	}
	want := manualTables()
	seen := map[string]bool{}
	got := tableRE.ReplaceAllStringFunc(string(data), func(m string) string {
		sub := tableRE.FindStringSubmatch(m)
		name := sub[2]
		table, ok := want[name]
		if !ok {
			t.Errorf("docs/handleiding.md has a key table %q; the content model has no such kind", name)
			return m
		}
		seen[name] = true
		return sub[1] + table + sub[3]
	})
	for name := range want {
		if !seen[name] {
			t.Errorf("docs/handleiding.md has no key table for %s: add <!-- sleutels %s --> and <!-- /sleutels --> and run with -update", name, name)
		}
	}
	if got != string(data) {
		if *update {
			if err := os.WriteFile(manualPath, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		} else {
			t.Errorf("the key tables in docs/handleiding.md differ from the content model; run go test ./generator/scaffold -run TestManualKeyTables -update and review the diff")
		}
	}

	// Outside the generated tables too, the manual must name each kind,
	// key and allowed value (in backquotes, as the coordinator types it).
	text := tableRE.ReplaceAllString(got, "")
	var missing []string
	need := func(s string) {
		if !strings.Contains(text, "`"+s+"`") && !strings.Contains(text, "`"+s+":") {
			missing = append(missing, s)
		}
	}
	for _, k := range Kinds {
		need(k.Name)
		for _, key := range k.Keys {
			for _, v := range key.Allowed {
				need(v)
			}
		}
	}
	for _, key := range Common {
		need(key.Name)
	}
	for _, key := range Settings {
		need(key.Name)
		for _, v := range key.Allowed {
			need(v)
		}
	}
	for _, p := range PeriodKeys {
		need(p)
	}
	if len(missing) > 0 {
		t.Errorf("the text of docs/handleiding.md (outside the key tables) does not name %s", strings.Join(missing, ", "))
	}
}
