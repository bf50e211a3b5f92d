// Package report holds the benchmark's results and turns them into the
// markdown report, the goal checks of issue 5 and the chart. It does no
// measuring itself, so all of it can be tested on made-up figures.
package report

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"time"
)

// Results is everything one or more benchmark runs measured. It is saved
// as results.json beside the report, so a later run can add an engine or
// a size without measuring the others again.
type Results struct {
	Machine Machine `json:"machine"`
	Runs    []Run   `json:"runs"`
}

// Machine describes where the figures were measured.
type Machine struct {
	CPUs      int       `json:"cpus"`
	CPUModel  string    `json:"cpu_model"`
	MemTotal  string    `json:"mem_total"`
	OS        string    `json:"os"`
	GoVersion string    `json:"go_version"`
	Triage    string    `json:"triage"` // `triage version` output
	Date      time.Time `json:"date"`
}

// Settings are the load parameters a run used.
type Settings struct {
	Concurrency int           `json:"concurrency"`
	Duration    time.Duration `json:"duration"`
	Warmup      time.Duration `json:"warmup"`
	PageSize    int           `json:"page_size"`
	LogLevel    string        `json:"log_level"`
}

// Run is one engine at one data size.
type Run struct {
	Engine   string    `json:"engine"`
	Tickets  int       `json:"tickets"`
	Comments int       `json:"comments,omitempty"`
	Date     time.Time `json:"date"`
	Settings Settings  `json:"settings"`
	Seed     Seed      `json:"seed"`
	// Ceiling is the plain net/http JSON handler measured just before
	// this run's scenarios, with the same client and concurrency.
	Ceiling      Figure `json:"ceiling"`
	CeilingBytes int    `json:"ceiling_bytes"`
	PageBytes    int    `json:"page_bytes"` // size of the first default list page
	// PeakRSSAnon is the server's largest RssAnon seen, in bytes; 0 when
	// it could not be read.
	PeakRSSAnon int64    `json:"peak_rss_anon"`
	Scenarios   []Figure `json:"scenarios"`
	Words       []Word   `json:"words,omitempty"`
	Notes       []string `json:"notes,omitempty"`
}

// Seed is how the run's data set was made.
type Seed struct {
	Duration time.Duration `json:"duration"` // 0 when unknown
	Cached   bool          `json:"cached"`   // reused from an earlier run
	At       time.Time     `json:"at"`       // when it was seeded
}

// Word is a search word the run used, with how often it matches.
type Word struct {
	Role     string  `json:"role"` // rare, 5pct, 50pct
	Word     string  `json:"word"`
	Source   string  `json:"source"`    // flag, seed, sample
	SampleDF float64 `json:"sample_df"` // share of sampled tickets holding it
	Sample   int     `json:"sample"`    // how many tickets were sampled
	// Count is the server's bounded count of matches, -1 when it failed.
	Count  int  `json:"count"`
	Capped bool `json:"capped"`
}

// Figure is one scenario's measurement.
type Figure struct {
	Name     string        `json:"name"`
	Elapsed  time.Duration `json:"elapsed"` // the measured window
	OK       int           `json:"ok"`
	Errors   int           `json:"errors"`
	ErrKinds []ErrKind     `json:"error_kinds,omitempty"`
	RPS      float64       `json:"rps"` // successful operations per second
	P50      time.Duration `json:"p50"`
	P95      time.Duration `json:"p95"`
	P99      time.Duration `json:"p99"`
	Max      time.Duration `json:"max"`
	// PeakRSSAnon is the server's largest RssAnon during the scenario.
	PeakRSSAnon int64 `json:"peak_rss_anon,omitempty"`
}

// ErrKind is one kind of failure and how often it happened.
type ErrKind struct {
	What  string `json:"what"`
	Count int    `json:"count"`
}

// Ratio is f's throughput as a share of the ceiling's, 0 when either is
// unknown.
func (r *Run) Ratio(f Figure) float64 {
	if r.Ceiling.RPS <= 0 {
		return 0
	}
	return f.RPS / r.Ceiling.RPS
}

// Scenario returns the run's figure called name.
func (r *Run) Scenario(name string) (Figure, bool) {
	for _, f := range r.Scenarios {
		if f.Name == name {
			return f, true
		}
	}
	return Figure{}, false
}

// Merge replaces the runs of res with the same engine and size as those
// in add, adds the others, and keeps the runs ordered by engine and size.
func (res *Results) Merge(add Results) {
	res.Machine = add.Machine
	for _, r := range add.Runs {
		i := slices.IndexFunc(res.Runs, func(o Run) bool { return o.Engine == r.Engine && o.Tickets == r.Tickets })
		if i >= 0 {
			res.Runs[i] = r
		} else {
			res.Runs = append(res.Runs, r)
		}
	}
	slices.SortStableFunc(res.Runs, func(a, b Run) int {
		if a.Engine != b.Engine {
			return engineOrder(a.Engine) - engineOrder(b.Engine)
		}
		return a.Tickets - b.Tickets
	})
}

func engineOrder(e string) int {
	if e == "sqlite" {
		return 0
	}
	return 1
}

// Load reads results saved by Save.
func Load(path string) (Results, error) {
	var res Results
	b, err := os.ReadFile(path)
	if err != nil {
		return res, err
	}
	if err := json.Unmarshal(b, &res); err != nil {
		return res, fmt.Errorf("read %s: %w", path, err)
	}
	return res, nil
}

// Save writes res as indented JSON.
func (res *Results) Save(path string) error {
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}
