// Package stats summarizes request latencies: count, mean and the
// nearest-rank percentiles the benchmark report shows.
package stats

import (
	"math"
	"slices"
	"time"
)

// Summary describes a set of latencies.
type Summary struct {
	Count int
	Mean  time.Duration
	P50   time.Duration
	P95   time.Duration
	P99   time.Duration
	Max   time.Duration
}

// Summarize sorts d in place and returns its summary; an empty d gives
// the zero Summary.
func Summarize(d []time.Duration) Summary {
	if len(d) == 0 {
		return Summary{}
	}
	slices.Sort(d)
	var sum time.Duration
	for _, v := range d {
		sum += v
	}
	return Summary{
		Count: len(d),
		Mean:  sum / time.Duration(len(d)),
		P50:   Percentile(d, 50),
		P95:   Percentile(d, 95),
		P99:   Percentile(d, 99),
		Max:   d[len(d)-1],
	}
}

// Percentile returns the nearest-rank p-th percentile (0 < p <= 100) of
// sorted: the smallest value that at least p% of the values do not
// exceed. It never interpolates, so the answer is always a latency that
// was measured. An empty slice gives 0.
func Percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	// rank is ceil(p/100 * n); the epsilon keeps float noise at exact
	// boundaries from pushing it up (p99 of 100 values is the 99th).
	rank := int(math.Ceil(p*float64(n)/100 - 1e-9))
	rank = min(max(rank, 1), n)
	return sorted[rank-1]
}
