package watch

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// backoff is how long a feed waits after failing n polls in a row
// (n ≥ 1): every × 2^n, at most limit. Doubling stops at the limit, so no
// count of failures overflows.
func backoff(every, limit time.Duration, n int) time.Duration {
	d := every
	for i := 0; i < n && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}

// jitter spreads the waits of feeds that failed together, so that they
// do not come back together: it takes up to a tenth off a wait, at random
// from a seeded source (so that a test knows the draws). It is safe for
// concurrent use.
type jitter struct {
	mu  sync.Mutex
	rng *rand.Rand
}

func newJitter(seed uint64) *jitter {
	return &jitter{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// apply returns d less a random part of its tenth: a wait in (0.9 d, d].
func (j *jitter) apply(d time.Duration) time.Duration {
	j.mu.Lock()
	f := j.rng.Float64()
	j.mu.Unlock()
	return d - time.Duration(f*float64(d/10))
}

// ParseRetryAfter reads an HTTP Retry-After value, a number of seconds or
// an HTTP date, as a wait from now: 0 for a date past, and limit at most
// (a number too big for a Duration is limit too). It reports false when
// v is neither.
func ParseRetryAfter(v string, now time.Time, limit time.Duration) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if strings.Trim(v, "0123456789") == "" {
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil || secs > int64(limit/time.Second) {
			return limit, true // only too large can fail on digits alone
		}
		return min(time.Duration(secs)*time.Second, limit), true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	d := t.Sub(now)
	return max(0, min(d, limit)), true
}
