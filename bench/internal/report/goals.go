package report

import (
	"fmt"
	"math"
	"time"
)

// TargetTickets is the data size the goals of issue 5 are set for.
const TargetTickets = 1_000_000

// Status is a goal's verdict on one run.
type Status int

// The verdicts. NA is a goal that does not apply to a run or could not be
// measured in it.
const (
	NA Status = iota
	Pass
	Miss
)

// Check is one goal checked against one run.
type Check struct {
	Status Status
	Text   string // the measured value and the margin
}

// Goal is one goal of issue 5.
type Goal struct {
	Title  string
	Target string
	Check  func(r *Run) Check
}

// MaxRSSAnon bounds the server's anonymous memory during a run.
const MaxRSSAnon = 150 << 20

// MaxSeed bounds seeding TargetTickets tickets.
const MaxSeed = 2 * time.Minute

// Goals are the goals of issue 5, in its order.
var Goals = []Goal{
	{"Lists, any filter, any depth: throughput", "≥ 12% of plain", ratioGoal(Lists, 0.12)},
	{"Lists, any filter, any depth: p99", "< 15 ms", p99Goal(Lists, 15*time.Millisecond)},
	{"Deep pages (21-40) vs page one: throughput", "within 10%", deepGoal},
	{"Open a ticket with its comments: throughput", "≥ 25% of plain", ratioGoal([]string{Open}, 0.25)},
	{"Open a ticket with its comments: p99", "< 8 ms", p99Goal([]string{Open}, 8*time.Millisecond)},
	{"Search, rare word: throughput", "≥ 5% of plain", ratioGoal([]string{SearchRare}, 0.05)},
	{"Search, rare word: p99", "< 40 ms", p99Goal([]string{SearchRare}, 40*time.Millisecond)},
	{"Search, word in ~5%: throughput", "≥ 1% of plain", ratioGoal([]string{Search5}, 0.01)},
	{"Search, word in ~5%: p99", "< 200 ms", p99Goal([]string{Search5}, 200*time.Millisecond)},
	{"Search, word in ~50%: p99", "< 500 ms", p99Goal([]string{Search50}, 500*time.Millisecond)},
	{"Seeding 1M tickets with comments and index", "< 2 min", seedGoal},
	{"Server anonymous memory, peak", "< 150 MB", memGoal},
}

// Evaluate checks every goal against r.
func Evaluate(r *Run) []Check {
	out := make([]Check, len(Goals))
	for i, g := range Goals {
		out[i] = g.Check(r)
	}
	return out
}

// measured returns the figures of names that r has, or a check saying
// why there is nothing to judge: none measured, or some failed.
func measured(r *Run, names []string) ([]Figure, *Check) {
	var figs []Figure
	for _, n := range names {
		if f, ok := r.Scenario(n); ok {
			if f.Errors > 0 {
				return nil, &Check{Miss, fmt.Sprintf("%s: %s errors", n, count(f.Errors))}
			}
			if f.OK == 0 {
				return nil, &Check{Miss, n + ": no successful request"}
			}
			figs = append(figs, f)
		}
	}
	if len(figs) == 0 {
		return nil, &Check{NA, "not measured"}
	}
	return figs, nil
}

func ratioGoal(names []string, minRatio float64) func(r *Run) Check {
	return func(r *Run) Check {
		figs, c := measured(r, names)
		if c != nil {
			return *c
		}
		if r.Ceiling.RPS <= 0 {
			return Check{NA, "no plain-handler figure"}
		}
		worst := figs[0]
		for _, f := range figs[1:] {
			if f.RPS < worst.RPS {
				worst = f
			}
		}
		got := r.Ratio(worst)
		text := percent(got)
		if len(names) > 1 {
			text += " " + worst.Name
		}
		pts := (got - minRatio) * 100
		if got >= minRatio {
			return Check{Pass, fmt.Sprintf("%s, %.1f pts to spare", text, pts)}
		}
		return Check{Miss, fmt.Sprintf("%s, %.1f pts short (%s of the target)", text, -pts, percent(got/minRatio))}
	}
}

func p99Goal(names []string, limit time.Duration) func(r *Run) Check {
	return func(r *Run) Check {
		figs, c := measured(r, names)
		if c != nil {
			return *c
		}
		worst := figs[0]
		for _, f := range figs[1:] {
			if f.P99 > worst.P99 {
				worst = f
			}
		}
		text := Millis(worst.P99)
		if len(names) > 1 {
			text += " " + worst.Name
		}
		if worst.P99 < limit {
			return Check{Pass, fmt.Sprintf("%s, %s to spare", text, Millis(limit-worst.P99))}
		}
		return Check{Miss, fmt.Sprintf("%s, %s over (%.1f× the limit)", text, Millis(worst.P99-limit),
			float64(worst.P99)/float64(limit))}
	}
}

func deepGoal(r *Run) Check {
	figs, c := measured(r, []string{List, ListDeep})
	if c != nil {
		return *c
	}
	if len(figs) < 2 {
		return Check{NA, "not measured"}
	}
	change := figs[1].RPS/figs[0].RPS - 1
	text := fmt.Sprintf("deep %s %s than page one", percent(math.Abs(change)), map[bool]string{true: "faster", false: "slower"}[change >= 0])
	if change >= -0.10 {
		return Check{Pass, text}
	}
	return Check{Miss, fmt.Sprintf("%s, %.1f pts beyond", text, (-change-0.10)*100)}
}

func seedGoal(r *Run) Check {
	if r.Seed.Duration <= 0 {
		return Check{NA, "seed time unknown"}
	}
	d := Seconds(r.Seed.Duration)
	if r.Tickets != TargetTickets {
		return Check{NA, fmt.Sprintf("%s at %s (goal is at 1M)", d, Size(r.Tickets))}
	}
	if r.Seed.Duration < MaxSeed {
		return Check{Pass, fmt.Sprintf("%s, %s to spare", d, Seconds(MaxSeed-r.Seed.Duration))}
	}
	return Check{Miss, fmt.Sprintf("%s, %s over", d, Seconds(r.Seed.Duration-MaxSeed))}
}

func memGoal(r *Run) Check {
	if r.PeakRSSAnon <= 0 {
		return Check{NA, "not read"}
	}
	got := MB(r.PeakRSSAnon)
	if r.PeakRSSAnon < MaxRSSAnon {
		return Check{Pass, fmt.Sprintf("%s, %s to spare", got, MB(MaxRSSAnon-r.PeakRSSAnon))}
	}
	return Check{Miss, fmt.Sprintf("%s, %s over", got, MB(r.PeakRSSAnon-MaxRSSAnon))}
}
