package content

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"lobsite/generator/diag"
)

func testSettings(t *testing.T) Settings {
	t.Helper()
	var probs diag.List
	s := ParseSettings([]byte("school: De Wissel\ntitel: LOB\nmodel: 2\nschooljaar: 2026-2027\n"), &probs)
	if probs.Len() > 0 {
		t.Fatalf("settings: %v", probs.Problems())
	}
	return s
}

// TestKindsTableIsWhatTheParserReads checks that, for every kind, the keys
// the parser reads are exactly the keys of the table: a key the parser
// knows but the table leaves out (or the other way round) fails here.
func TestKindsTableIsWhatTheParserReads(t *testing.T) {
	kinds := Kinds()
	if len(kinds) != 8 {
		t.Errorf("Kinds() has %d kinds, want 8", len(kinds))
	}
	check := func(kind Kind, want []string) {
		pg := &Page{Path: "content/x.md", Kind: kind}
		f := newFields(pg.Path, &yaml.Node{Kind: yaml.MappingNode}, &diag.List{})
		readFields(pg, f, testSettings(t))
		var got []string
		for k := range f.used {
			got = append(got, k)
		}
		sort.Strings(got)
		want = slices.Sorted(slices.Values(want))
		if !slices.Equal(got, want) {
			t.Errorf("%s: the parser reads %v, the table lists %v", kind, got, want)
		}
	}
	for _, k := range kinds {
		check(k.Kind, k.KeyNames())
	}
	for _, k := range []Kind{KindHome, KindList} {
		check(k, []string{"titel", "samenvatting", "volgorde", "concept"})
	}
}

// sample returns a valid YAML value for k.
func sample(k Key) string {
	switch k.Type {
	case KeyText:
		return "Een tekst"
	case KeyTexts:
		return "[een, twee]"
	case KeyNumber:
		return fmt.Sprint(k.Min)
	case KeyBool:
		return "true"
	case KeyDate:
		return "2026-10-12"
	case KeyTimeRange:
		return "09:00-12:00"
	case KeyChoice:
		return k.Values[len(k.Values)-1]
	case KeyRefs:
		return "[een-id]"
	case KeyYears:
		return "[1, 2]"
	}
	return ""
}

// pageWith writes the keys with the given values as a Markdown file.
func pageWith(keys []Key, value func(Key) string) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "%s: %s\n", k.Name, value(k))
	}
	// A heading "een", so that werkblad_secties: [een, twee] finds its
	// pupil part.
	b.WriteString("---\n## een\n\nTekst.\n")
	return []byte(b.String())
}

// TestKindsEveryKeyValid gives a page of every kind every key of the
// table with a value of the key's type: no problem may be reported, so
// every key is known and its type is what the parser reads.
func TestKindsEveryKeyValid(t *testing.T) {
	s := testSettings(t)
	for _, ki := range Kinds() {
		p := "content/" + ki.Folder + "/een.md"
		keys := append(CommonKeys(), ki.Keys...)
		var probs diag.List
		pg := ParsePage(p, pageWith(keys, sample), s, &probs)
		if pg == nil || pg.Kind != ki.Kind || probs.Len() > 0 {
			t.Errorf("%s with every key: page %v, problems %v", ki.Kind, pg != nil, probs.Problems())
		}
		// Every allowed value of a choice is taken.
		for _, k := range ki.Keys {
			if k.Type != KeyChoice {
				continue
			}
			if len(k.Values) < 2 {
				t.Errorf("%s %s: a choice of %d values", ki.Kind, k.Name, len(k.Values))
			}
			for _, v := range k.Values {
				var probs diag.List
				ParsePage(p, pageWith(keys, func(x Key) string {
					if x.Name == k.Name {
						return v
					}
					return sample(x)
				}), s, &probs)
				if probs.Len() > 0 {
					t.Errorf("%s %s: %s: %v", ki.Kind, k.Name, v, probs.Problems())
				}
			}
		}
	}
}

// TestKindsRequiredKeys gives a page of every kind only a title: each
// required key of the table must be reported once, by name, and nothing
// else.
func TestKindsRequiredKeys(t *testing.T) {
	s := testSettings(t)
	for _, ki := range Kinds() {
		var required []string
		for _, k := range ki.Keys {
			if k.Required {
				required = append(required, k.Name)
			}
		}
		var probs diag.List
		ParsePage("content/"+ki.Folder+"/een.md", []byte("---\ntitel: Een\n---\n"), s, &probs)
		got := probs.Problems()
		if len(got) != len(required) {
			t.Errorf("%s with only a title: %d problems %v, want one for each of %v", ki.Kind, len(got), got, required)
			continue
		}
		for _, name := range required {
			found := false
			for _, p := range got {
				found = found || strings.Contains(p.Msg, name)
			}
			if !found {
				t.Errorf("%s with only a title: no problem names %s: %v", ki.Kind, name, got)
			}
		}
	}
}

// TestKindsChoiceMessage checks that a wrong value of a choice is reported
// with the allowed values of the table.
func TestKindsChoiceMessage(t *testing.T) {
	ki, ok := KindOf(KindExercise)
	if !ok {
		t.Fatal("no opdracht in the table")
	}
	form, ok := ki.Key("werkvorm")
	if !ok || form.Type != KeyChoice {
		t.Fatalf("werkvorm = %+v, %v; want a choice", form, ok)
	}
	var probs diag.List
	ParsePage("content/opdrachten/een.md", []byte("---\ntitel: Een\ncompetenties: [a]\nleerjaren: [1]\nwerkvorm: tweetal\n---\n"), testSettings(t), &probs)
	want := "werkvorm \"tweetal\" bestaat niet; kies uit " + strings.Join(form.Values, ", ")
	if got := probs.Problems(); len(got) != 1 || got[0].Msg != want || got[0].Line != 5 || got[0].Col != 11 {
		t.Errorf("problems = %v; want one at 5:11: %s", got, want)
	}
}

// TestKindsLookups checks the lookups of the table against each other and
// against PageKind, and that what they return is a copy.
func TestKindsLookups(t *testing.T) {
	seen := map[string]bool{}
	for _, ki := range Kinds() {
		if ki.Folder == "" || ki.Noun == "" || ki.Plural == "" || ki.Title == "" {
			t.Errorf("%s: empty field in %+v", ki.Kind, ki)
		}
		if seen[ki.Folder] {
			t.Errorf("folder %s twice", ki.Folder)
		}
		seen[ki.Folder] = true
		if kind, section, dir := PageKind("content/" + ki.Folder + "/een.md"); kind != ki.Kind || section != ki.Folder || dir != ki.Folder {
			t.Errorf("PageKind in %s = %s, %s, %s", ki.Folder, kind, section, dir)
		}
		if got, ok := KindByFolder(ki.Folder); !ok || got.Kind != ki.Kind {
			t.Errorf("KindByFolder(%s) = %s, %v", ki.Folder, got.Kind, ok)
		}
		if got := ki.Kind.Folder(); got != ki.Folder {
			t.Errorf("%s.Folder() = %q, want %q", ki.Kind, got, ki.Folder)
		}
		for _, k := range ki.Keys {
			if k.Type == KeyRefs {
				if _, ok := KindOf(k.Ref); !ok || k.Ref == KindPage {
					t.Errorf("%s %s names pages of kind %q, which has no ids to name", ki.Kind, k.Name, k.Ref)
				}
			}
			if (k.Type == KeyNumber) != (k.Max > k.Min) {
				t.Errorf("%s %s: type %s with bounds %d..%d", ki.Kind, k.Name, k.Type, k.Min, k.Max)
			}
			if (k.Type == KeyChoice) != (len(k.Values) > 0) {
				t.Errorf("%s %s: type %s with values %v", ki.Kind, k.Name, k.Type, k.Values)
			}
		}
	}
	for _, k := range []Kind{KindHome, KindList, KindNotFound} {
		if _, ok := KindOf(k); ok || k.Folder() != "" {
			t.Errorf("%s has a table entry", k)
		}
	}
	if _, ok := KindByFolder("extra"); ok {
		t.Error("KindByFolder(extra) found a kind")
	}
	if got := tableKind(KindModel).Each(); got != "elk model" {
		t.Errorf("Each of model = %q", got)
	}
	if got := tableKind(KindExercise).Each(); got != "elke opdracht" {
		t.Errorf("Each of opdracht = %q", got)
	}
	// Changing what Kinds returns leaves the table as it is.
	k := Kinds()
	k[3].Keys[4].Values[0] = "anders"
	k[3].Folder = "anders"
	ki, _ := KindOf(KindExercise)
	if ki.Folder != "opdrachten" || ki.Keys[4].Name != "werkvorm" || ki.Keys[4].Values[0] != "individueel" {
		t.Errorf("the table changed through a copy: %+v", ki)
	}
}

// TestKindsInSiteSpec checks that the specification of a site folder
// (generator/doc.go) names every folder, key and allowed value of the
// table, so the spec cannot fall behind it.
func TestKindsInSiteSpec(t *testing.T) {
	doc, err := os.ReadFile("../doc.go")
	if err != nil {
		t.Fatal(err)
	}
	spec := string(doc)
	for _, k := range CommonKeys() {
		if !strings.Contains(spec, k.Name) {
			t.Errorf("generator/doc.go does not name the key %s", k.Name)
		}
	}
	for _, k := range SettingsKeys() {
		if !strings.Contains(spec, "//\t"+k.Name+" ") {
			t.Errorf("generator/doc.go has no line for the site.yaml key %s", k.Name)
		}
	}
	for _, ki := range Kinds() {
		if !strings.Contains(spec, "content/"+ki.Folder+"/") && ki.Kind != KindPage {
			t.Errorf("generator/doc.go does not name the folder content/%s/", ki.Folder)
		}
		// The folder's line and those indented under it.
		i := strings.Index(spec, "//\t"+ki.Folder+" ")
		if i < 0 {
			if len(ki.Keys) > 0 {
				t.Errorf("generator/doc.go has no line for the keys of %s", ki.Folder)
			}
			continue
		}
		lines := strings.Split(spec[i:], "\n")
		part := lines[0]
		for _, l := range lines[1:] {
			if !strings.HasPrefix(l, "//\t ") {
				break
			}
			part += "\n" + l
		}
		for _, k := range ki.Keys {
			if !strings.Contains(part, k.Name) {
				t.Errorf("generator/doc.go does not name the key %s of %s", k.Name, ki.Folder)
			}
			for _, v := range k.Values {
				if !strings.Contains(part, v) {
					t.Errorf("generator/doc.go does not name the value %s of %s %s", v, ki.Folder, k.Name)
				}
			}
		}
	}
}

// TestSettingsKeysAreWhatTheParserReads is TestKindsTableIsWhatTheParserReads
// for content/site.yaml, and checks that site.yaml with every key of
// SettingsKeys, each with a value of its type, has no problem, and that
// without any key each required key is reported.
func TestSettingsKeysAreWhatTheParserReads(t *testing.T) {
	var s Settings
	f := newFields(SettingsPath, &yaml.Node{Kind: yaml.MappingNode}, &diag.List{})
	readSettings(&s, f)
	var got, want []string
	for k := range f.used {
		got = append(got, k)
	}
	for _, k := range SettingsKeys() {
		want = append(want, k.Name)
	}
	sort.Strings(got)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("the settings parser reads %v, SettingsKeys lists %v", got, want)
	}

	values := map[KeyType]string{
		KeyNumbers:    "[1, 2]",
		KeySchoolYear: "2026-2027",
		KeyPeriods:    "[{naam: Periode 1, start: 2026-08-24, eind: 2026-10-16}]",
		KeyURL:        "https://intranet.school.example/lob/",
	}
	var b strings.Builder
	for _, k := range SettingsKeys() {
		v, ok := values[k.Type]
		if !ok {
			v = sample(k)
		}
		if k.Type == KeyNumber {
			v = fmt.Sprint(k.Max) // model 4 with groeipad [1, 2] is an error
			if k.Name == "model" {
				v = "2"
			}
		}
		fmt.Fprintf(&b, "%s: %s\n", k.Name, v)
	}
	var probs diag.List
	if ParseSettings([]byte(b.String()), &probs); probs.Len() > 0 {
		t.Errorf("site.yaml with every key:\n%s\nproblems: %v", b.String(), probs.Problems())
	}

	var required []string
	for _, k := range SettingsKeys() {
		if k.Required {
			required = append(required, k.Name)
		}
	}
	probs = diag.List{}
	ParseSettings([]byte("thema: eigen\n"), &probs)
	if ps := probs.Problems(); len(ps) != len(required) {
		t.Errorf("site.yaml without keys: problems %v, want one for each of %v", ps, required)
	} else {
		for _, name := range required {
			found := false
			for _, p := range ps {
				found = found || strings.Contains(p.Msg, `"`+name+`"`)
			}
			if !found {
				t.Errorf("site.yaml without keys: no problem names %s: %v", name, ps)
			}
		}
	}
}
