package report_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/bench/internal/report"
)

func ms(f float64) time.Duration { return time.Duration(f * float64(time.Millisecond)) }

// run returns a SQLite run at n tickets with a 10,000 req/s ceiling and
// healthy figures for every goal; tests spoil one figure at a time.
func run(n int) report.Run {
	fig := func(name string, rps float64, p99 time.Duration) report.Figure {
		return report.Figure{Name: name, OK: int(rps * 10), RPS: rps, P50: p99 / 4, P95: p99 / 2, P99: p99}
	}
	return report.Run{
		Engine: "sqlite", Tickets: n,
		Date:        time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC),
		Settings:    report.Settings{Concurrency: 32, Duration: 10 * time.Second, Warmup: 2 * time.Second, PageSize: 50, LogLevel: "info"},
		Seed:        report.Seed{Duration: 90 * time.Second},
		Ceiling:     fig(report.Ceiling, 10000, ms(9)),
		PeakRSSAnon: 100 << 20,
		Scenarios: []report.Figure{
			fig(report.List, 1500, ms(10)),
			fig(report.ListStatus, 1400, ms(11)),
			fig(report.ListAssignee, 1300, ms(12)),
			fig(report.ListTag, 1250, ms(14)),
			fig(report.ListDeep, 1450, ms(10)),
			fig(report.Open, 3000, ms(5)),
			fig(report.SearchRare, 800, ms(30)),
			fig(report.Search5, 150, ms(150)),
			fig(report.Search50, 90, ms(400)),
		},
	}
}

func checkOf(t *testing.T, r report.Run, title string) report.Check {
	t.Helper()
	checks := report.Evaluate(&r)
	for i, g := range report.Goals {
		if g.Title == title {
			return checks[i]
		}
	}
	t.Fatalf("no goal %q", title)
	return report.Check{}
}

func TestEvaluate(t *testing.T) {
	const (
		listRatio = "Lists, any filter, any depth: throughput"
		listP99   = "Lists, any filter, any depth: p99"
		deep      = "Deep pages (21-40) vs page one: throughput"
		rareP99   = "Search, rare word: p99"
		seed      = "Seeding 1M tickets with comments and index"
		memory    = "Server anonymous memory, peak"
	)
	t.Run("AllPass", func(t *testing.T) {
		r := run(report.TargetTickets)
		for i, c := range report.Evaluate(&r) {
			if c.Status != report.Pass {
				t.Errorf("%s: got %v %q, want pass", report.Goals[i].Title, c.Status, c.Text)
			}
		}
	})
	tests := []struct {
		name   string
		goal   string
		spoil  func(r *report.Run)
		status report.Status
		text   string
	}{
		{"WorstListNamed", listRatio, func(r *report.Run) {}, report.Pass, "12.5% list-tag, 0.5 pts to spare"},
		{"ListRatioShort", listRatio, func(r *report.Run) { r.Scenarios[3].RPS = 900 },
			report.Miss, "9.0% list-tag, 3.0 pts short (75.0% of the target)"},
		{"ListP99Over", listP99, func(r *report.Run) { r.Scenarios[2].P99 = ms(21) },
			report.Miss, "21.0 ms list-assignee, 6.00 ms over (1.4× the limit)"},
		{"ErrorsMiss", listP99, func(r *report.Run) { r.Scenarios[1].Errors = 1200 },
			report.Miss, "list-status: 1,200 errors"},
		{"NoSuccessMiss", rareP99, func(r *report.Run) { r.Scenarios[6].OK, r.Scenarios[6].RPS = 0, 0 },
			report.Miss, "search-rare: no successful request"},
		{"NotMeasured", rareP99, func(r *report.Run) { r.Scenarios = r.Scenarios[:6] }, report.NA, "not measured"},
		{"DeepSlower", deep, func(r *report.Run) { r.Scenarios[4].RPS = 1200 },
			report.Miss, "deep 20.0% slower than page one, 10.0 pts beyond"},
		{"DeepFaster", deep, func(r *report.Run) { r.Scenarios[4].RPS = 1650 },
			report.Pass, "deep 10.0% faster than page one"},
		{"SeedOver", seed, func(r *report.Run) { r.Seed.Duration = 150 * time.Second },
			report.Miss, "2 min 30 s, 30.0 s over"},
		{"SeedNotAtTarget", seed, func(r *report.Run) { r.Tickets = 100_000; r.Seed.Duration = 9 * time.Second },
			report.NA, "9.0 s at 100k (goal is at 1M)"},
		{"MemoryOver", memory, func(r *report.Run) { r.PeakRSSAnon = 200 << 20 },
			report.Miss, "200.0 MB, 50.0 MB over"},
		{"MemoryUnread", memory, func(r *report.Run) { r.PeakRSSAnon = 0 }, report.NA, "not read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := run(report.TargetTickets)
			tt.spoil(&r)
			got := checkOf(t, r, tt.goal)
			if got.Status != tt.status || got.Text != tt.text {
				t.Errorf("got %v %q, want %v %q", got.Status, got.Text, tt.status, tt.text)
			}
		})
	}
}

func TestMarkdown(t *testing.T) {
	r := run(100_000)
	r.Scenarios[6].Errors = 1234
	r.Scenarios[6].ErrKinds = []report.ErrKind{{What: "HTTP 400: q: unknown query parameter", Count: 1234}}
	r.Words = []report.Word{
		{Role: "rare", Word: "zeppelin", Source: "seed", SampleDF: 0.001, Sample: 1000, Count: -1},
		{Role: "5pct", Word: "meantime", Source: "flag", SampleDF: 0.05, Sample: 1000, Count: 1000, Capped: true},
	}
	res := report.Results{
		Machine: report.Machine{CPUs: 2, CPUModel: "Test CPU", GoVersion: "go1.26.0", Date: r.Date},
		Runs:    []report.Run{r},
	}
	var b strings.Builder
	if err := report.Markdown(&b, res, "chart.png"); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"- Machine: 2 cores (Test CPU), unknown memory",
		"32 concurrent connections, 10s per scenario after a 2s warmup, 50 rows per page",
		"![p99 latency and throughput against the number of tickets](chart.png)",
		"**This report has no SQLite run at 1M tickets",
		"| goal | target | SQLite 100k |",
		"| Search, rare word: p99 | < 40 ms | ❌ search-rare: 1,234 errors |",
		"| Seeding 1M tickets with comments and index | < 2 min | — 1 min 30 s at 100k (goal is at 1M) |",
		"## SQLite, 100,000 tickets",
		"Plain handler: **10,000 req/s**",
		"| list | 1,500 | 15.0% | 2.50 ms | 5.00 ms | 10.0 ms | 15,000 | 0 | — |",
		"| search-rare | 800 | 8.0% | 7.50 ms | 15.0 ms | 30.0 ms | 8,000 | **1,234** | — |",
		"- search-rare: 1,234 × HTTP 400: q: unknown query parameter",
		"rare `zeppelin` (from the seed; in 0.10% of 1,000 sampled tickets; the server could not count its matches); " +
			"5pct `meantime` (from the flag; in 5.0% of 1,000 sampled tickets; the server counts at least 1,000 matches).",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q\n%s", want, got)
		}
	}
}

func TestMerge(t *testing.T) {
	var res report.Results
	a, b := run(100_000), run(10_000)
	pg := run(10_000)
	pg.Engine = "postgres"
	res.Merge(report.Results{Runs: []report.Run{pg, a, b}})
	newer := run(100_000)
	newer.Ceiling.RPS = 1
	res.Merge(report.Results{Runs: []report.Run{newer}})
	var got []string
	for _, r := range res.Runs {
		got = append(got, r.Engine+" "+report.Size(r.Tickets))
	}
	if want := "sqlite 10k,sqlite 100k,postgres 10k"; strings.Join(got, ",") != want {
		t.Errorf("runs = %v, want %s", got, want)
	}
	if res.Runs[1].Ceiling.RPS != 1 {
		t.Errorf("sqlite 100k was not replaced")
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int{"10k": 10_000, "100K": 100_000, "1m": 1_000_000, "1M": 1_000_000, "2500": 2500, "1_000": 1000} {
		if got, err := report.ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "k", "0", "-5", "11m", "1g"} {
		if _, err := report.ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q): no error", in)
		}
	}
}

func TestChart(t *testing.T) {
	pg := run(10_000)
	pg.Engine = "postgres"
	res := report.Results{Runs: []report.Run{run(10_000), run(100_000), pg}}
	res.Runs[1].Scenarios[0].OK = 0 // a scenario with no success is left out, not drawn at 0
	path := filepath.Join(t.TempDir(), "chart.png")
	if err := report.Chart(res, path); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "\x89PNG") {
		t.Errorf("chart is not a PNG (%d bytes)", len(b))
	}
}
