// Package par runs the pages of a build on all cores.
package par

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Each calls work(i) for every i in [0, n), on GOMAXPROCS goroutines, and
// returns when all calls have returned. Each goroutine first calls
// newWorker once and then the work function it returned, so a worker can
// keep buffers for all its items; items are handed out one at a time, in
// increasing order, by an atomic counter (no channel, so no goroutine is
// parked and woken per item).
func Each(n int, newWorker func() (work func(i int))) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work := newWorker()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				work(i)
			}
		}()
	}
	wg.Wait()
}
