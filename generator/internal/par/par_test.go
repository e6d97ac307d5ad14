package par

import (
	"sync/atomic"
	"testing"
)

func TestEach(t *testing.T) {
	for _, n := range []int{0, 1, 2, 3, 1000} {
		counts := make([]atomic.Int32, n)
		var workers atomic.Int32
		Each(n, func() func(int) {
			workers.Add(1)
			return func(i int) { counts[i].Add(1) }
		})
		for i := range counts {
			if c := counts[i].Load(); c != 1 {
				t.Errorf("n=%d: item %d done %d times", n, i, c)
			}
		}
		if w := workers.Load(); n == 0 && w != 0 || n > 0 && (w < 1 || int(w) > n) {
			t.Errorf("n=%d: %d workers", n, w)
		}
	}
}
