package load

import (
	"context"
	"math/rand/v2"
	"sort"
	"sync"
	"time"

	"github.com/triagehq/triage/bench/internal/report"
	"github.com/triagehq/triage/bench/internal/stats"
)

// Op is one operation of a scenario, run by one worker. It may send more
// than one request; its latency is the whole operation's.
type Op func(ctx context.Context, w *Worker) error

// Worker is one of the concurrent connections: a client and a random
// source of its own, so workers share nothing while they run.
type Worker struct {
	ID   int
	C    *Client
	Rand *rand.Rand
}

// NewWorkers returns n workers calling base as the holder of token, on
// one transport sized for them.
func NewWorkers(base, token string, n int, seed uint64) []*Worker {
	t := NewTransport(n)
	ws := make([]*Worker, n)
	for i := range ws {
		ws[i] = &Worker{ID: i, C: NewClient(base, token, t), Rand: rand.New(rand.NewPCG(seed, uint64(i)))}
	}
	return ws
}

// Timing is how long a scenario runs: a warmup whose operations are not
// counted, then the measured window.
type Timing struct {
	Warmup   time.Duration
	Duration time.Duration
}

// Run runs op on every worker until the measured window ends, and
// summarizes the operations that completed inside it. Operations in
// flight when the window closes finish but are not counted. A cancelled
// ctx stops the run early.
func Run(ctx context.Context, name string, op Op, workers []*Worker, t Timing) report.Figure {
	start := time.Now()
	from, end := start.Add(t.Warmup), start.Add(t.Warmup+t.Duration)
	type tally struct {
		lat  []time.Duration
		errs map[string]int
	}
	tallies := make([]tally, len(workers))
	var wg sync.WaitGroup
	for i, w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tl := &tallies[i]
			tl.errs = map[string]int{}
			for ctx.Err() == nil {
				began := time.Now()
				if !began.Before(end) {
					return
				}
				err := op(ctx, w)
				done := time.Now()
				if done.Before(from) || done.After(end) || ctx.Err() != nil {
					continue
				}
				if err != nil {
					tl.errs[ErrKind(err)]++
					continue
				}
				tl.lat = append(tl.lat, done.Sub(began))
			}
		}()
	}
	wg.Wait()
	elapsed := t.Duration
	if now := time.Now(); now.Before(end) { // cancelled early
		elapsed = max(now.Sub(from), time.Millisecond)
	}
	var lat []time.Duration
	errs := map[string]int{}
	for _, tl := range tallies {
		lat = append(lat, tl.lat...)
		for k, n := range tl.errs {
			errs[k] += n
		}
	}
	return figure(name, lat, errs, elapsed)
}

// figure summarizes one scenario's latencies and errors.
func figure(name string, lat []time.Duration, errs map[string]int, elapsed time.Duration) report.Figure {
	s := stats.Summarize(lat)
	f := report.Figure{
		Name: name, Elapsed: elapsed, OK: s.Count,
		RPS: float64(s.Count) / elapsed.Seconds(),
		P50: s.P50, P95: s.P95, P99: s.P99, Max: s.Max,
	}
	for k, n := range errs {
		f.Errors += n
		f.ErrKinds = append(f.ErrKinds, report.ErrKind{What: k, Count: n})
	}
	sort.Slice(f.ErrKinds, func(i, j int) bool {
		a, b := f.ErrKinds[i], f.ErrKinds[j]
		return a.Count > b.Count || (a.Count == b.Count && a.What < b.What)
	})
	return f
}
