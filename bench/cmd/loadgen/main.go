// Command loadgen is Triage's benchmark harness (`make bench`). For each
// engine and data size it seeds a data set once and caches it, serves a
// fresh copy of it with bin/triage, measures a plain net/http handler as
// the ceiling, runs every scenario with a fixed number of connections for
// a fixed time, and writes bench/results/report.md and chart.png.
// docs/benchmarks.md explains the scenarios and the figures.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/triagehq/triage/bench/internal/ceiling"
	"github.com/triagehq/triage/bench/internal/load"
	"github.com/triagehq/triage/bench/internal/report"
	"github.com/triagehq/triage/internal/seed"
)

// ceilingCmd is the hidden subcommand that serves the plain handler in a
// child process of its own, as the Triage server runs in its own.
const ceilingCmd = "ceiling-serve"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if len(os.Args) > 1 && os.Args[1] == ceilingCmd {
		if err := ceiling.Serve(ctx, "127.0.0.1:0", 50, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "loadgen:", err)
			os.Exit(1)
		}
		return
	}
	cfg, err := parseFlags(os.Args[1:], os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		return
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(2)
	}
	if err := run(ctx, cfg, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

// config is the command line.
type config struct {
	engines   []string
	sizes     []int
	conc      int
	timing    load.Timing
	bin       string
	root      string // cached data sets, working copies, logs
	out       string // report.md, chart.png, results.json
	pgAdmin   string
	scenarios []string // empty: all
	words     map[string]load.WordChoice
	tag       string
	seed      int64
	reseed    bool
	appendRes bool
	render    bool
	serverEnv []string
	logLevel  string
}

func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := &config{words: map[string]load.WordChoice{}}
	engines := fs.String("engines", "sqlite,postgres", "engines to run, comma-separated: sqlite, postgres")
	sizes := fs.String("n", "10k,100k,1m", "ticket counts to run, comma-separated (10k, 100k, 1m, or plain numbers)")
	fs.IntVar(&cfg.conc, "c", 32, "concurrent connections")
	fs.DurationVar(&cfg.timing.Duration, "duration", 10*time.Second, "measured time of each scenario")
	fs.DurationVar(&cfg.timing.Warmup, "warmup", 2*time.Second, "warmup before each scenario's measured time")
	fs.StringVar(&cfg.bin, "bin", "bin/triage", "the triage binary (built with `go build ./cmd/triage` if missing)")
	fs.StringVar(&cfg.root, "data", "bench/data", "directory for cached data sets, working copies and server logs")
	fs.StringVar(&cfg.out, "out", "bench/results", "directory for report.md, chart.png and results.json")
	fs.StringVar(&cfg.pgAdmin, "pg", "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable", "PostgreSQL URL to create the benchmark databases from")
	only := fs.String("scenarios", "", "run only these scenarios, comma-separated (default all; `ceiling` always runs)")
	from := fs.String("words", "seed", "where the search words come from: seed (the words internal/seed plants "+
		"at known frequencies) or sample (chosen from a sample of the tickets)")
	rare := fs.String("word-rare", "", "rare search word (overrides -words)")
	five := fs.String("word-5pct", "", "search word found in ~5% of tickets (overrides -words)")
	half := fs.String("word-50pct", "", "search word found in ~50% of tickets (overrides -words)")
	fs.StringVar(&cfg.tag, "tag", "", "tag of the tag-filtered list (default: from the sample)")
	fs.Int64Var(&cfg.seed, "seed", 42, "the seed's --seed: same seed, same data")
	fs.BoolVar(&cfg.reseed, "reseed", false, "seed again even when a cached data set matches")
	fs.BoolVar(&cfg.appendRes, "append", false, "keep the runs of results.json that this invocation does not redo")
	fs.BoolVar(&cfg.render, "render", false, "only write report.md and chart.png again from results.json")
	fs.Func("server-env", "KEY=VALUE for `triage serve` (repeatable)", func(s string) error {
		if !strings.Contains(s, "=") {
			return fmt.Errorf("want KEY=VALUE")
		}
		cfg.serverEnv = append(cfg.serverEnv, s)
		return nil
	})
	fs.StringVar(&cfg.logLevel, "log-level", "info", "the server's TRIAGE_LOG_LEVEL (info logs every request, as in production)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	for _, e := range split(*engines) {
		if e != "sqlite" && e != "postgres" {
			return nil, fmt.Errorf("-engines: unknown engine %q", e)
		}
		cfg.engines = append(cfg.engines, e)
	}
	for _, s := range split(*sizes) {
		n, err := report.ParseSize(s)
		if err != nil {
			return nil, fmt.Errorf("-n: %w", err)
		}
		cfg.sizes = append(cfg.sizes, n)
	}
	slices.Sort(cfg.sizes)
	for _, s := range split(*only) {
		if !slices.ContainsFunc(report.Catalog, func(c report.ScenarioInfo) bool { return c.Name == s }) {
			return nil, fmt.Errorf("-scenarios: unknown scenario %q", s)
		}
		cfg.scenarios = append(cfg.scenarios, s)
	}
	switch *from {
	case "seed":
		cfg.words[load.RoleRare] = load.WordChoice{Source: "seed", Candidates: seed.RareWords()}
		cfg.words[load.Role5] = load.WordChoice{Source: "seed", Candidates: []string{seed.FivePercentWord}}
		cfg.words[load.Role50] = load.WordChoice{Source: "seed", Candidates: []string{seed.CommonWord}}
	case "sample":
	default:
		return nil, fmt.Errorf("-words: want seed or sample, not %q", *from)
	}
	for role, w := range map[string]string{load.RoleRare: *rare, load.Role5: *five, load.Role50: *half} {
		if w != "" {
			cfg.words[role] = load.WordChoice{Source: "flag", Candidates: []string{w}}
		}
	}
	switch {
	case !cfg.render && (len(cfg.engines) == 0 || len(cfg.sizes) == 0):
		return nil, errors.New("-engines and -n must name at least one engine and size")
	case cfg.conc < 1 || cfg.conc > 1024:
		return nil, errors.New("-c must be between 1 and 1024")
	case cfg.timing.Duration <= 0 || cfg.timing.Warmup < 0:
		return nil, errors.New("-duration must be positive and -warmup not negative")
	}
	return cfg, nil
}

func split(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// writeOutputs writes results.json, report.md and chart.png into dir.
func writeOutputs(res report.Results, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if err := res.Save(filepath.Join(dir, "results.json")); err != nil {
		return err
	}
	chart := "chart.png"
	if err := report.Chart(res, filepath.Join(dir, chart)); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "report.md"))
	if err != nil {
		return err
	}
	if err := report.Markdown(f, res, chart); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
