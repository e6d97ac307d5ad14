package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// eventsPath is where lobsite serve sends its reload events (see
// generator/serve.EventsPath).
const eventsPath = "/__lobsite/events"

// editRow is the edit-to-reload measurement of one corpus size.
type editRow struct {
	n       int
	latency []time.Duration // from writing the file to the reload event, per edit
	cpu     []time.Duration // CPU time of the serve process per edit; nil when unknown
}

// editBench starts lobsite serve on src (building into dest), connects to
// its reload events as a browser does, and edits the body of one exercise
// edits times, each time waiting for the reload event. The exercise is
// written back as it was at the end.
func editBench(lobsite, src, dest string, edits int) (editRow, error) {
	page := filepath.Join(src, "content", "opdrachten", "opdracht-00001.md")
	orig, err := os.ReadFile(page)
	if err != nil {
		return editRow{}, err
	}
	defer os.WriteFile(page, orig, 0o644)

	cmd := exec.Command(lobsite, "serve", "--source", src, "--dest", dest, "--addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return editRow{}, err
	}
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		return editRow{}, err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
	}()
	// "Voorbeeld op http://127.0.0.1:PORT/ (stoppen: Ctrl-C)", after the
	// first full build.
	base, err := serveURL(stdout)
	if err != nil {
		return editRow{}, fmt.Errorf("%w\n%s", err, logs.Bytes())
	}
	go io.Copy(io.Discard, stdout)
	resp, err := http.Get(strings.TrimSuffix(base, "/") + eventsPath)
	if err != nil {
		return editRow{}, err
	}
	defer resp.Body.Close()
	events := make(chan struct{}, 16)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if sc.Text() == "event: reload" {
				events <- struct{}{}
			}
		}
		close(events)
	}()

	var row editRow
	cpuKnown := true
	for i := range edits {
		data := append(slices.Clip(orig), fmt.Sprintf("\nExtra regel %d.\n", i)...)
		before, ok := processCPU(cmd.Process.Pid)
		start := time.Now()
		if err := os.WriteFile(page, data, 0o644); err != nil {
			return editRow{}, err
		}
		select {
		case _, open := <-events:
			if !open {
				return editRow{}, fmt.Errorf("lobsite serve sloot de gebeurtenissen af\n%s", logs.Bytes())
			}
		case <-time.After(60 * time.Second):
			return editRow{}, errors.New("geen herlaad-gebeurtenis binnen 60 s")
		}
		row.latency = append(row.latency, time.Since(start))
		// Let the rebuild finish its log line before the CPU is read and
		// the next edit comes, as a person typing would.
		time.Sleep(100 * time.Millisecond)
		after, ok2 := processCPU(cmd.Process.Pid)
		if ok && ok2 {
			row.cpu = append(row.cpu, after-before)
		} else {
			cpuKnown = false
		}
	}
	if !cpuKnown {
		row.cpu = nil
	}
	return row, nil
}

// serveURL reads lobsite serve's standard output up to the line that
// gives the preview's address, and returns that address.
func serveURL(r io.Reader) (string, error) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "Voorbeeld op "); ok {
			u, _, _ := strings.Cut(rest, " ")
			return u, nil
		}
	}
	return "", errors.New("lobsite serve stopte zonder zijn adres te noemen")
}

// percentile returns the p-th percentile (0–100) of ds by the nearest
// rank; ds must not be empty.
func percentile(ds []time.Duration, p int) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[max(i-1, 0)]
}

// writeEditTable prints the edit-to-reload table: median and 90th
// percentile of the latency, and the median CPU time per edit.
func writeEditTable(w io.Writer, rows []editRow) {
	fmt.Fprintln(w, "| opdrachten | bewerkingen | bewerking tot herladen, mediaan ms | 90e percentiel ms | CPU ms per bewerking (mediaan) |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|")
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
	for _, r := range rows {
		cpu := "–"
		if len(r.cpu) > 0 {
			cpu = fmt.Sprintf("%.1f", ms(median(r.cpu)))
		}
		fmt.Fprintf(w, "| %d | %d | %.1f | %.1f | %s |\n", r.n, len(r.latency), ms(median(r.latency)), ms(percentile(r.latency, 90)), cpu)
	}
	fmt.Fprintln(w, "\nElke bewerking voegt een regel tekst toe aan één opdracht; de CPU-tijd is die van het hele serve-proces van het schrijven tot 100 ms na de gebeurtenis.")
}
