//go:build linux

package perceptron

import (
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rssMB returns the resident set of the process in MiB.
func rssMB(t *testing.T) int {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.Atoi(f[1])
			return kb >> 10
		}
	}
	t.Skip("no VmRSS")
	return 0
}

// TestTableUnmapped fills 40 tables of 32 MiB, each owned by a model that
// is then dropped: their memory must be returned, not held by the
// process.
func TestTableUnmapped(t *testing.T) {
	before := rssMB(t)
	for range 40 {
		m := &Model{}
		tab := newTable[uint64](m, 4<<20)
		if len(tab) != 4<<20 || tab[0] != 0 || tab[len(tab)-1] != 0 {
			t.Fatalf("table of %d elements, first %d, last %d", len(tab), tab[0], tab[len(tab)-1])
		}
		for i := range tab {
			tab[i] = uint64(i)
		}
		m.rows = tab
		runtime.GC()
	}
	for range 50 { // cleanups run after collection, on their own goroutine
		runtime.GC()
		if rssMB(t)-before < 400 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("resident set grew by %d MiB after 40 dropped tables of 32 MiB", rssMB(t)-before)
}
