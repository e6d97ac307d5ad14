package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"testing"
)

// TestMain lets the test binary stand in for lobsite-bench when the
// benchmark starts itself as the floor (it runs os.Executable() floor ...).
func TestMain(m *testing.M) {
	if os.Getenv("LOBSITE_BENCH_ALS_PROGRAMMA") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestBenchCommand runs the documented benchmark command end to end on two
// tiny sizes: it builds lobsite, writes both corpora, runs floor and
// lobsite as processes, and prints the README's table with a row per size,
// the CPU ratio, the CPU per page, the linearity line and the machine line;
// then, with -zoekindex, the table of lobsite against lobsite built
// without the search index, and with -edits the edit-to-reload table from
// lobsite serve.
func TestBenchCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two sites several times over (seconds); skipped with -short")
	}
	t.Setenv("LOBSITE_BENCH_ALS_PROGRAMMA", "1")
	work := t.TempDir()
	var out, errOut bytes.Buffer
	if code := run([]string{"-sizes", "10,20", "-runs", "2", "-work", work, "-zoekindex", "-edits", "3"}, &out, &errOut); code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, errOut.String())
	}
	table := out.String()
	for _, re := range []string{
		`(?m)^\| opdrachten \| CPU s vloer \| CPU s lobsite \| CPU lobsite/vloer \| wandtijd s vloer \| wandtijd s lobsite \| piek MB vloer \| piek MB lobsite \| µs CPU/pagina vloer \| µs CPU/pagina lobsite \|$`,
		`(?m)^\| 10 \| \d+\.\d\d \| \d+\.\d\d \| (\d+\.\d\d×|–) \| \d+\.\d\d \| \d+\.\d\d \| \d+ \| \d+ \| \d+ \| \d+ \|$`,
		`(?m)^\| 20 \| \d+\.\d\d \| \d+\.\d\d \| (\d+\.\d\d×|–) \| \d+\.\d\d \| \d+\.\d\d \| \d+ \| \d+ \| \d+ \| \d+ \|$`,
		`(?m)^\| 10 \| 3 \| \d+\.\d \| \d+\.\d \| \d+\.\d \|$`,
		`(?m)^\| 20 \| 3 \| \d+\.\d \| \d+\.\d \| \d+\.\d \|$`,
		`(?m)^Wandtijd 20 t\.o\.v\. 10 opdrachten: vloer .*×, lobsite .*× \(lineair: 2\.00×\)\.$`,
		`(?m)^Mediaan van 2 runs; .* Machine: \d+ CPU's`,
		`(?m)^\| opdrachten \| CPU s met zoekindex \| CPU s zonder \| CPU met/zonder \| piek MB met \| piek MB zonder \|$`,
		`(?m)^\| 10 \| \d+\.\d\d \| \d+\.\d\d \| (\d+\.\d\d×|–) \| \d+ \| \d+ \|$`,
		`(?m)^\| 20 \| \d+\.\d\d \| \d+\.\d\d \| (\d+\.\d\d×|–) \| \d+ \| \d+ \|$`,
	} {
		if !regexp.MustCompile(re).MatchString(table) {
			t.Errorf("table does not match %s:\n%s", re, table)
		}
	}
	// The outputs of the runs are gone; the corpora (with the marks that
	// they are complete) and the binaries stay.
	entries, err := os.ReadDir(work)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got := len(names); got != 6 {
		t.Errorf("work folder holds %v, want bin, bin-zonderzoek, corpus-10(.klaar) and corpus-20(.klaar)", names)
	}
	// The binary without the search index writes no zoek/; lobsite does.
	for bin, want := range map[string]bool{"bin": true, "bin-zonderzoek": false} {
		dest := filepath.Join(t.TempDir(), "public")
		if out, err := exec.Command(filepath.Join(work, bin, "lobsite"), "build", "--source", filepath.Join(work, "corpus-10"), "--dest", dest).CombinedOutput(); err != nil {
			t.Fatalf("%s/lobsite build: %v\n%s", bin, err, out)
		}
		if _, err := os.Stat(filepath.Join(dest, "zoek", "index.js")); (err == nil) != want {
			t.Errorf("%s/lobsite: zoek/index.js written: %v, want %v", bin, err == nil, want)
		}
	}
}
