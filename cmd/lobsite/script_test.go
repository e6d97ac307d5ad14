package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the files the scripts cmp against (testscript's UpdateScripts)")

// TestMain lets the scripts run lobsite as a command: the test binary
// stands in for it.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"lobsite": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the CLI scripts in testdata/script/*.txtar. Each
// script starts in an empty folder; $HANDBOEK is the repository's folder
// holding the bundled handbook (content/), to copy from and compare with.
// LOBSITE_VANDAAG fixes the day init and new count from.
func TestScripts(t *testing.T) {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("HANDBOEK", repo)
			env.Setenv("LOBSITE_VANDAAG", "2026-09-04")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"sameweekdays": sameWeekdays,
			"cpdir":        copyDir,
		},
	})
}

var datumRE = regexp.MustCompile(`(?m)^(datum|tot): *"?(\d{4}-\d{2}-\d{2})`)

// sameWeekdays old new: every page of folder old has its datum and tot on
// the same weekdays in the page of the same name in new, and every date
// has changed.
func sameWeekdays(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: sameweekdays oldfolder newfolder")
	}
	entries, err := os.ReadDir(ts.MkAbs(args[0]))
	ts.Check(err)
	n := 0
	for _, e := range entries {
		old, err := os.ReadFile(filepath.Join(ts.MkAbs(args[0]), e.Name()))
		ts.Check(err)
		cur, err := os.ReadFile(filepath.Join(ts.MkAbs(args[1]), e.Name()))
		ts.Check(err)
		a, b := datumRE.FindAllStringSubmatch(string(old), -1), datumRE.FindAllStringSubmatch(string(cur), -1)
		if len(a) != len(b) {
			ts.Fatalf("%s: %d dates before, %d after", e.Name(), len(a), len(b))
		}
		for i := range a {
			da, _ := time.Parse("2006-01-02", a[i][2])
			db, _ := time.Parse("2006-01-02", b[i][2])
			if da.Weekday() != db.Weekday() || da.Equal(db) {
				ts.Fatalf("%s: %s %s (%s) became %s (%s)", e.Name(), a[i][1], a[i][2], da.Weekday(), b[i][2], db.Weekday())
			}
			n++
		}
	}
	if n == 0 {
		ts.Fatalf("no dates in %s", args[0])
	}
	fmt.Fprintf(ts.Stdout(), "%d datums op dezelfde weekdag\n", n)
}

// copyDir from to: copies a folder tree (files and folders only).
func copyDir(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: cpdir from to")
	}
	from, to := ts.MkAbs(args[0]), ts.MkAbs(args[1])
	var paths []string
	ts.Check(filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		paths = append(paths, p)
		return nil
	}))
	sort.Strings(paths)
	for _, p := range paths {
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		info, err := os.Stat(p)
		ts.Check(err)
		if info.IsDir() {
			ts.Check(os.MkdirAll(dst, 0o755))
			continue
		}
		data, err := os.ReadFile(p)
		ts.Check(err)
		ts.Check(os.WriteFile(dst, data, 0o644))
	}
}
