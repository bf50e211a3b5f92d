package stats_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/triagehq/triage/bench/internal/stats"
)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func TestPercentile(t *testing.T) {
	// 1..100 ms: the p-th percentile of 100 values is the p-th value.
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = ms(i + 1)
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"Empty", nil, 50, 0},
		{"One", []time.Duration{ms(7)}, 99, ms(7)},
		{"P50of100", hundred, 50, ms(50)},
		{"P95of100", hundred, 95, ms(95)},
		{"P99of100", hundred, 99, ms(99)},
		{"P100of100", hundred, 100, ms(100)},
		{"P99of10IsMax", hundred[:10], 99, ms(10)},
		{"P50of4RoundsUp", []time.Duration{ms(1), ms(2), ms(3), ms(4)}, 50, ms(2)},
		{"P50of5", []time.Duration{ms(1), ms(2), ms(3), ms(4), ms(5)}, 50, ms(3)},
		{"TinyP", hundred, 0.001, ms(1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := stats.Percentile(tt.sorted, tt.p); got != tt.want {
				t.Errorf("Percentile(%d values, %v) = %v, want %v", len(tt.sorted), tt.p, got, tt.want)
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	t.Run("Empty", func(t *testing.T) {
		if got := stats.Summarize(nil); got != (stats.Summary{}) {
			t.Errorf("Summarize(nil) = %+v, want zero", got)
		}
	})
	t.Run("Shuffled", func(t *testing.T) {
		d := make([]time.Duration, 1000)
		for i := range d {
			d[i] = ms(i + 1)
		}
		r := rand.New(rand.NewPCG(1, 2))
		r.Shuffle(len(d), func(i, j int) { d[i], d[j] = d[j], d[i] })
		got := stats.Summarize(d)
		want := stats.Summary{Count: 1000, Mean: 500500 * time.Microsecond,
			P50: ms(500), P95: ms(950), P99: ms(990), Max: ms(1000)}
		if got != want {
			t.Errorf("Summarize = %+v, want %+v", got, want)
		}
	})
}
