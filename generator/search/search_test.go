package search

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
)

// Line is one line of the shared word list testdata/woorden.txt.
type line struct {
	no                int
	kind, lang, q, in string
}

func wordList(t *testing.T) []line {
	t.Helper()
	f, err := os.Open("testdata/woorden.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []line
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		fs := strings.Fields(sc.Text())
		switch {
		case len(fs) == 0 || strings.HasPrefix(fs[0], "#"):
		case fs[0] == "vouw" && len(fs) == 3:
			out = append(out, line{n, fs[0], "", fs[1], fs[2]})
		case len(fs) == 4:
			out = append(out, line{n, fs[0], fs[1], fs[2], fs[3]})
		default:
			t.Fatalf("woorden.txt:%d: %q", n, sc.Text())
		}
	}
	return out
}

// TestWordList checks folding, word forms, prefixes and typos on the shared
// word list, as the index (Stem of the folded text word) and Match see them.
func TestWordList(t *testing.T) {
	want := map[string]int{"vindt": Exact, "begin": Prefix, "typo": Typo, "niet": NoMatch}
	for _, l := range wordList(t) {
		if l.kind == "vouw" {
			if got := Fold(l.q); got != l.in {
				t.Errorf("woorden.txt:%d: Fold(%q) = %q, want %q", l.no, l.q, got, l.in)
			}
			continue
		}
		ws := Words(l.lang, l.in)
		qs := Words(l.lang, l.q)
		if len(ws) != 1 || len(qs) != 1 {
			t.Fatalf("woorden.txt:%d: words %q, %q", l.no, ws, qs)
		}
		term := Term(l.lang, ws[0])
		last := l.kind == "begin" || l.kind == "niet"
		got := Match(l.lang, qs[0], term, last)
		if got != want[l.kind] {
			t.Errorf("woorden.txt:%d: %s %q finds %q (term %q) with quality %d, want %d", l.no, l.lang, l.q, l.in, term, got, want[l.kind])
		}
		if l.kind == "vindt" && Match(l.lang, qs[0], term, false) != Exact {
			t.Errorf("woorden.txt:%d: not exact", l.no)
		}
	}
}

func TestStems(t *testing.T) {
	for _, c := range []struct{ lang, w, want string }{
		{"nl", "stages", "stag"}, {"nl", "stage", "stag"}, {"nl", "bedrijfsbezoeken", "bedrijfsbezoek"},
		{"nl", "werken", "werk"}, {"nl", "werkt", "werk"}, {"nl", "kwaliteit", "kwaliteit"},
		{"nl", "vaardigheden", "vaardig"}, {"nl", "2026", "2026"}, {"en", "careers", "career"},
		{"en", "activities", "activity"}, {"en", "ties", "tie"}, {"en", "classes", "class"}, {"en", "boxes", "box"},
		{"en", "this", "this"}, {"en", "focus", "focus"}, {"en", "working", "work"}, {"en", "planned", "plan"},
		{"en", "meetings", "meet"}, {"en", "thing", "thing"}, {"en", "agreed", "agreed"}, {"en", "calling", "call"},
		{"en", "cafes", "cafe"},
	} {
		if got := Term(c.lang, c.w); got != c.want {
			t.Errorf("Term(%s, %q) = %q, want %q", c.lang, c.w, got, c.want)
		}
	}
	if got := strings.Join(Words("nl", "De leerling en het Netwerk: één a-b oriënteren!"), " "); got != "leerling netwerk oriënteren" {
		// "één" folds to "een", a stop word; one-letter words are dropped.
		if got != "leerling netwerk orienteren" {
			t.Errorf("Words = %q", got)
		}
	}
}

// TestExtract reads a small body: sections at headings with ids, text
// without tags, references resolved, words folded with their best weight.
func TestExtract(t *testing.T) {
	body := []byte(`<p>Intro over <strong>stage</strong>&amp;werk.</p><h2 id=doel>Het doel</h2><p>Een netwerk<br>maken</p><ul><li>stage</li></ul><h3 id="stap-1">Stap &lt;1&gt;</h3><p>Klaar</p>`)
	p := Extract("nl", Doc{URL: "opdrachten/x/", Title: "Netwerk \"kaart\"", Summary: "Kort", Kind: "opdracht", Years: []int{2}}, body)
	wantRec := `["opdrachten/x/","Netwerk \"kaart\"","Kort",["","","Intro over stage\u0026werk.","doel","Het doel","Een netwerk maken stage","stap-1","Stap \u003c1>","Klaar"]]`
	wantRec = strings.ReplaceAll(wantRec, `\u0026`, "&")
	if string(p.rec) != wantRec {
		t.Errorf("record\n%s\nwant\n%s", p.rec, wantRec)
	}
	got := map[string]byte{}
	for w := p.words; len(w) > 0; {
		end := strings.IndexByte(string(w), 0)
		got[string(w[1:end])] = w[0]
		w = w[end+1:]
	}
	want := map[string]byte{"netwerk": 3, "kaart": 3, "kort": 2, "intro": 1, "over": 1, "stage": 1, "werk": 1, "doel": 2, "maken": 1, "stap": 2, "klaar": 1}
	if len(got) != len(want) {
		t.Errorf("words %v, want %v", got, want)
	}
	for w, wt := range want {
		if got[w] != wt {
			t.Errorf("word %q weight %d, want %d (all: %v)", w, got[w], wt, got)
		}
	}
}

// TestExtractRawHTML: what scripts and style sheets in raw HTML hold is
// no text of the page.
func TestExtractRawHTML(t *testing.T) {
	body := []byte(`<p>voor</p><script>var geheim = "</p>";</script><p>midden</p><STYLE>.stijl{color:red}</Style ><p>na</p><script>onaf`)
	p := Extract("nl", Doc{URL: "a/", Title: "T"}, body)
	if want := `["a/","T","",["","","voor midden na"]]`; string(p.rec) != want {
		t.Errorf("record %s, want %s", p.rec, want)
	}
	if w := string(p.words); strings.Contains(w, "geheim") || strings.Contains(w, "stijl") || strings.Contains(w, "onaf") {
		t.Errorf("words %q hold a script's or a style's", w)
	}
}

// TestBuild checks the files of a two-page index: the page numbers, the
// kinds and leerjaren, and a term's postings.
func TestBuild(t *testing.T) {
	a := Extract("nl", Doc{URL: "a/", Title: "Stage", Kind: "opdracht", Years: []int{1, 3}}, []byte("<p>werken</p>"))
	b := Extract("nl", Doc{URL: "b/", Title: "Werk", Kind: "pagina"}, []byte("<p>stages en stage</p>"))
	files, err := Build("nl", []Kind{{"opdracht", "Opdracht"}, {"pagina", "Handboek"}}, []*Page{a, nil, b}, nil)
	if err != nil {
		t.Fatal(err)
	}
	idx := string(files["zoek/index.js"])
	// Page number 1 is a hole (a page without a record): kind 0, no years.
	wantIdx := `__lobsiteZoek("index",{"v":1,"taal":"nl","stop":"` + stopListNL + `","n":3,"per":10,"sleutels":["st","we"],"soorten":[["opdracht","Opdracht"],["pagina","Handboek"]],"soort":"102","jaren":"500"});` + "\n"
	if idx != wantIdx {
		t.Errorf("index.js\n%s\nwant\n%s", idx, wantIdx)
	}
	// "stag" (stage, stages) on page 0 (title, 3) and page 2 (body, 1);
	// "werk" on page 0 (body) and 2 (title). Numbers: (delta<<2 | weight):
	// 1<<2|3 = 7, 2<<2|1 = 9, 1<<2|1 = 5, 2<<2|3 = 11 = b.
	if got, want := string(files["zoek/t-0.js"]), `__lobsiteZoek("t-0",[["stag","79"]]);`+"\n"; got != want {
		t.Errorf("t-0.js\n%s\nwant\n%s", got, want)
	}
	if got, want := string(files["zoek/t-1.js"]), `__lobsiteZoek("t-1",[["werk","5b"]]);`+"\n"; got != want {
		t.Errorf("t-1.js\n%s\nwant\n%s", got, want)
	}
	if len(files) != 4 {
		t.Errorf("%d files, want index, two term files, one page file", len(files))
	}
	if got, want := string(files["zoek/p-0.js"]), `__lobsiteZoek("p-0",[["a/","Stage","",["","","werken"]],null,["b/","Werk","",["","","stages en stage"]]]);`+"\n"; got != want {
		t.Errorf("p-0.js\n%s\nwant\n%s", got, want)
	}
}

// TestSpool checks that a spool, given the records of 25 pages out of
// order from several goroutines, one of them never, writes the page files
// Build writes of the same pages, each once, and that Build then returns
// only the index and term files, the same as without a spool.
func TestSpool(t *testing.T) {
	const n = 25
	extract := func() []*Page {
		list := make([]*Page, n)
		for i := range list {
			if i == 13 {
				continue // a hole: no record
			}
			list[i] = Extract("nl", Doc{URL: fmt.Sprintf("p%d/", i), Title: fmt.Sprintf("Pagina %d", i), Kind: "opdracht"},
				[]byte(fmt.Sprintf("<h2 id=a>Kop %d</h2><p>netwerk stage %d</p>", i, i*7)))
		}
		return list
	}
	kinds := []Kind{{"opdracht", "Opdracht"}}
	want, err := Build("nl", kinds, extract(), nil)
	if err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	written := map[string][]byte{}
	spool := NewSpool("nl", n, func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		if _, ok := written[name]; ok {
			t.Errorf("%s written twice", name)
		}
		written[name] = bytes.Clone(data)
		return nil
	})
	list := extract()
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Go(func() {
			for i := n - 1 - w; i >= 0; i -= 3 {
				spool.Add(i, list[i])
			}
		})
	}
	wg.Wait()
	if len(written) != 2 {
		t.Errorf("before Build, %d page files written, want 2 (the third lacks page 13)", len(written))
	}
	got, err := Build("nl", kinds, list, spool)
	if err != nil {
		t.Fatal(err)
	}
	if names := spool.Names(); !slices.Equal(names, []string{"zoek/p-0.js", "zoek/p-1.js", "zoek/p-2.js"}) {
		t.Errorf("Names() = %q", names)
	}
	for name, data := range want {
		if strings.HasPrefix(name, "zoek/p-") {
			if string(written[name]) != string(data) {
				t.Errorf("spooled %s\n%s\nwant\n%s", name, written[name], data)
			}
			if _, ok := got[name]; ok {
				t.Errorf("Build with a spool returned %s", name)
			}
			continue
		}
		if string(got[name]) != string(data) {
			t.Errorf("%s with a spool\n%s\nwant\n%s", name, got[name], data)
		}
	}
	if len(got)+len(written) != len(want) {
		t.Errorf("%d files and %d spooled, want %d", len(got), len(written), len(want))
	}

	fail := errors.New("disk full")
	spool = NewSpool("nl", 3, func(string, []byte) error { return fail })
	if _, err := Build("nl", kinds, extract()[:3], spool); err != fail {
		t.Errorf("Build with a failing spool: %v, want %v", err, fail)
	}
}

func TestNum(t *testing.T) {
	for v, want := range map[uint64]string{0: "0", 31: "v", 32: "w1", 100: "A3", 1000: "Ev"} { // 100: the package doc's example
		if got := string(appendNum(nil, v)); got != want {
			t.Errorf("appendNum(%d) = %q, want %q", v, got, want)
		}
	}
}

// TestStopWords checks the stop-word sets against their lists: every
// listed word is a stop word, and no other word of the lists' lengths is
// (a word of the other language's list included).
func TestStopWords(t *testing.T) {
	for _, lang := range []string{"nl", "en"} {
		list := splitSpace(stopWords(lang))
		if len(list) < 10 {
			t.Fatalf("%s: %d stop words", lang, len(list))
		}
		for _, w := range list {
			if !isStop(lang, []byte(w)) {
				t.Errorf("%s: %q is not a stop word", lang, w)
			}
		}
		other := append(splitSpace(stopListNL+" "+stopListEN), "de", "dat", "das", "ee", "zij", "zijnn", "a", "", "vor", "voort", "zjin")
		for _, w := range other {
			if isStop(lang, []byte(w)) != slices.Contains(list, w) {
				t.Errorf("%s: isStop(%q) = %v", lang, w, isStop(lang, []byte(w)))
			}
		}
	}
}

// TestHashWord checks that a word hashes, and one of up to eight bytes
// packs (wordKey), alike wherever it is: alone, or in a longer array
// whose bytes after it differ; and that no two words share a key.
func TestHashWord(t *testing.T) {
	words := []string{"a", "de", "stage", "netwerk", "netwerke", "netwerken", "bedrijfsbezoeken", "oriëntatie", "00000000", "000e0000", "0000000", "zz"}
	keys := map[uint64]string{}
	for _, w := range words {
		alone, key := hashWord([]byte(w)), wordKey([]byte(w))
		for _, after := range []string{"", " ", "xxxxxxxx", "\x00\x00\x00\x00\x00\x00\x00\x00\x00"} {
			buf := []byte(w + after)
			if got := hashWord(buf[:len(w)]); got != alone {
				t.Errorf("hashWord(%q) followed by %q = %x, alone %x", w, after, got, alone)
			}
			if got := wordKey(buf[:len(w)]); len(w) <= 8 && got != key {
				t.Errorf("wordKey(%q) followed by %q = %x, alone %x", w, after, got, key)
			}
		}
		if other, ok := keys[key]; ok && len(w) <= 8 {
			t.Errorf("wordKey(%q) = wordKey(%q)", w, other)
		}
		keys[key] = w
	}
	if hashWord([]byte("stage")) == hashWord([]byte("stages")) {
		t.Error("stage and stages hash alike")
	}
}

// TestWordRuns checks the eight-bytes-at-a-time readers of words,
// lowerRun and asciiRun, against reading byte by byte, on every byte in
// every position and on random numbers.
func TestWordRuns(t *testing.T) {
	check := func(v uint64) {
		var b [8]byte
		binary.LittleEndian.PutUint64(b[:], v)
		lower, ascii := 0, 0
		for lower < 8 && ('a' <= b[lower] && b[lower] <= 'z' || '0' <= b[lower] && b[lower] <= '9') {
			lower++
		}
		var upper uint64
		for ascii < 8 && nameByte[b[ascii]] {
			if 'A' <= b[ascii] && b[ascii] <= 'Z' {
				upper |= 0x80 << (8 * ascii)
			}
			ascii++
		}
		if got := lowerRun(v); got != lower {
			t.Errorf("lowerRun(%q) = %d, want %d", b[:], got, lower)
		}
		k, u := asciiRun(v)
		if k != ascii || u&lowBytes(k) != upper {
			t.Errorf("asciiRun(%q) = %d, %x, want %d, %x", b[:], k, u&lowBytes(k), ascii, upper)
		}
	}
	base := binary.LittleEndian.Uint64([]byte("abcdefgh"))
	for pos := range 8 {
		for c := range 256 {
			check(base&^(0xff<<(8*pos)) | uint64(c)<<(8*pos))
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 100000 {
		check(r.Uint64())
		// Mostly letters and digits, with some other bytes.
		var b [8]byte
		for i := range b {
			b[i] = "aZm09 .\x00\x7f\x80\xc3éAz"[r.IntN(15)]
		}
		check(binary.LittleEndian.Uint64(b[:]))
	}
	if lowBytes(0) != 0 || lowBytes(3) != 0xffffff || lowBytes(8) != ^uint64(0) {
		t.Errorf("lowBytes: %x %x %x", lowBytes(0), lowBytes(3), lowBytes(8))
	}
}

// TestSpoolExtract reads pages into a spool with Spool.Extract, which
// reuses the arrays of written records and page files: the files are
// still those of Build without a spool.
func TestSpoolExtract(t *testing.T) {
	const n = 47
	doc := func(i int) (Doc, []byte) {
		return Doc{URL: fmt.Sprintf("p%d/", i), Title: fmt.Sprintf("Pagina %d", i), Kind: "opdracht", Years: []int{1 + i%3}},
			[]byte(fmt.Sprintf("<h2 id=a>Kop %d</h2><p>%s netwerk stage %d</p>", i, strings.Repeat("tekst ", i*13%50), i*7))
	}
	kinds := []Kind{{"opdracht", "Opdracht"}}
	list := make([]*Page, n)
	for i := range list {
		d, body := doc(i)
		list[i] = Extract("nl", d, body)
	}
	want, err := Build("nl", kinds, list, nil)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	got := map[string][]byte{}
	spool := NewSpool("nl", n, func(name string, data []byte) error {
		mu.Lock()
		defer mu.Unlock()
		got[name] = bytes.Clone(data)
		return nil
	})
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := w; i < n; i += 2 {
				d, body := doc(i)
				spool.Extract(i, "nl", d, body)
			}
		})
	}
	wg.Wait()
	stubs := make([]*Page, n)
	for i := range stubs {
		d, _ := doc(i)
		stubs[i] = Spooled(d.Kind, d.Years)
	}
	files, err := Build("nl", kinds, stubs, spool)
	if err != nil {
		t.Fatal(err)
	}
	maps.Copy(got, files)
	if len(got) != len(want) {
		t.Errorf("%d files, want %d", len(got), len(want))
	}
	for name, data := range want {
		if string(got[name]) != string(data) {
			t.Errorf("%s\n%s\nwant\n%s", name, got[name], data)
		}
	}
}

// TestWordTable fills the table of words past several growths and finds
// every word in it, and none that was not put: words of up to eight bytes
// and longer ones that share their first eight.
func TestWordTable(t *testing.T) {
	var m wordTable
	keys := func(i int) (uint64, uint64) {
		w := []byte(fmt.Sprintf("w%d", i))
		if i%2 == 1 {
			w = []byte(fmt.Sprintf("werkplek%d", i))
			return binary.LittleEndian.Uint64(w), wordKey(w[8:])
		}
		return wordKey(w), 0
	}
	for i := range 5000 {
		if _, ok := m.get(keys(i)); ok {
			t.Fatalf("word %d found before it was put", i)
		}
		k1, k2 := keys(i)
		m.put(k1, k2, int32(i))
	}
	for i := range 5000 {
		if v, ok := m.get(keys(i)); !ok || v != int32(i) {
			t.Errorf("get(word %d) = %d, %v", i, v, ok)
		}
	}
	for _, i := range []int{5000, 5001} {
		if _, ok := m.get(keys(i)); ok {
			t.Errorf("word %d found", i)
		}
	}
	if len(m.slots) < 2*5000 {
		t.Errorf("%d slots for 5000 words: more than half full", len(m.slots))
	}
}
