package generator

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestHandbookBudget holds the bundled handbook to the theme's weight
// budget: no page over 25 KB of HTML before gzip, and the style sheet and
// script together under 20 KB (both minified, as a build writes them). The
// search script, when there is one, has a budget of its own. The pages
// for paper (afdrukken/, werkbladen/leerjaar-<n>/) hold the whole handbook
// or a year's worksheets by design and are not read on a phone: they are
// left out.
func TestHandbookBudget(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Build(Options{Source: "..", Dest: dest}); err != nil {
		t.Fatal(err)
	}
	const maxPage, maxAssets = 25 << 10, 20 << 10
	largest, largestName := int64(0), ""
	err := filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		if rel := filepath.ToSlash(strings.TrimPrefix(p, dest)); strings.HasPrefix(rel, "/afdrukken/") || strings.HasPrefix(rel, "/werkbladen/") {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Size() > largest {
			largest, largestName = info.Size(), p
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if largest == 0 {
		t.Fatal("the build wrote no pages")
	}
	if largest > maxPage {
		t.Errorf("%s is %d bytes, over the budget of %d", largestName, largest, maxPage)
	}
	assets := int64(0)
	for _, name := range []string{"style.css", "site.js"} {
		info, err := os.Stat(filepath.Join(dest, name))
		if err != nil {
			t.Fatal(err)
		}
		assets += info.Size()
	}
	if assets > maxAssets {
		t.Errorf("style.css and site.js are %d bytes together, over the budget of %d", assets, maxAssets)
	}
	t.Logf("largest page %s: %d bytes; style.css + site.js: %d bytes", strings.TrimPrefix(largestName, dest), largest, assets)
}
