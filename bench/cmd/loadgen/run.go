package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/triagehq/triage/bench/internal/fixture"
	"github.com/triagehq/triage/bench/internal/load"
	"github.com/triagehq/triage/bench/internal/report"
)

// The demo agent the seed creates; the scenarios run as this user.
const (
	agentEmail    = "agent@example.com"
	agentPassword = "triage-demo-password"
)

// rateLimitOff turns off the server's general per-user rate limit (600
// requests a minute), which one benchmark user exceeds in a second. It
// comes before -server-env, which may override it.
const rateLimitOff = "TRIAGE_RATE_LIMIT=off"

func run(ctx context.Context, cfg *config, out io.Writer) error {
	resultsPath := filepath.Join(cfg.out, "results.json")
	if cfg.render {
		res, err := report.Load(resultsPath)
		if err != nil {
			return err
		}
		return writeOutputs(res, cfg.out)
	}
	if _, err := os.Stat("cmd/triage"); err != nil {
		return errors.New("run from the repository root (make bench)")
	}
	if err := ensureBinary(ctx, cfg.bin, out); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(cfg.root, "logs"), 0o755); err != nil {
		return err
	}
	var res report.Results
	if cfg.appendRes {
		if old, err := report.Load(resultsPath); err == nil {
			res = old
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	res.Machine = machine(ctx, cfg.bin)
	fmt.Fprintf(out, "Triage benchmark: %s on %d cores; %d connections, %s per scenario after %s warmup\n",
		res.Machine.Triage, res.Machine.CPUs, cfg.conc, cfg.timing.Duration, cfg.timing.Warmup)
	for _, engine := range cfg.engines {
		for _, n := range cfg.sizes {
			r, err := runOne(ctx, cfg, engine, n, out)
			if err != nil {
				return fmt.Errorf("%s %s: %w", engine, report.Size(n), err)
			}
			res.Merge(report.Results{Machine: res.Machine, Runs: []report.Run{*r}})
			// Written after every run, so an interrupted benchmark keeps
			// what it measured.
			if err := writeOutputs(res, cfg.out); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(out, "\nWrote %s, %s and %s\n", filepath.Join(cfg.out, "report.md"),
		filepath.Join(cfg.out, "chart.png"), resultsPath)
	return nil
}

// runOne measures one engine at one size.
func runOne(ctx context.Context, cfg *config, engine string, n int, out io.Writer) (*report.Run, error) {
	size := report.Size(n)
	fmt.Fprintf(out, "\n== %s, %s tickets\n", engine, size)
	ds, err := fixture.Prepare(ctx, fixture.Options{
		Bin: cfg.bin, Root: cfg.root, Engine: engine, Tickets: n, Seed: cfg.seed, Reseed: cfg.reseed,
		PGAdmin: cfg.pgAdmin, Fingerprint: fixture.Fingerprint(".", engine), Progress: out,
	})
	if err != nil {
		return nil, err
	}
	defer ds.Close()
	cached := ""
	if ds.Seed.Cached {
		cached = " (cached)"
	}
	fmt.Fprintf(out, "  data set: seeded in %s%s, %d comments\n", report.Seconds(ds.Seed.Duration), cached, ds.Comments)
	r := &report.Run{
		Engine: engine, Tickets: n, Comments: ds.Comments, Date: time.Now().UTC(), Seed: ds.Seed,
		Settings: report.Settings{Concurrency: cfg.conc, Duration: cfg.timing.Duration, Warmup: cfg.timing.Warmup,
			PageSize: 50, LogLevel: cfg.logLevel},
	}
	if r.Ceiling, r.CeilingBytes, err = measureCeiling(ctx, cfg); err != nil {
		return nil, fmt.Errorf("plain handler: %w", err)
	}
	progress(out, r, r.Ceiling)

	env := append(slices.Clone(ds.Env), "TRIAGE_LOG_LEVEL="+cfg.logLevel, "TRIAGE_LOG_FORMAT=json", rateLimitOff)
	env = append(env, cfg.serverEnv...)
	logPath, _ := filepath.Abs(filepath.Join(cfg.root, "logs", engine+"-"+size+".log"))
	srv, err := fixture.Start(ctx, cfg.bin, env, logPath)
	if err != nil {
		return nil, err
	}
	err = drive(ctx, cfg, srv, r, out)
	r.PeakRSSAnon = srv.Mem.Peak()
	if serr := srv.Stop(); err == nil && serr != nil {
		err = serr
	}
	fmt.Fprintf(out, "  server peak RssAnon %s; log %s\n", report.MB(r.PeakRSSAnon), logPath)
	return r, err
}

// drive logs in, discovers the fixture and runs the scenarios on srv.
func drive(ctx context.Context, cfg *config, srv *fixture.Server, r *report.Run, out io.Writer) error {
	token, err := load.Login(ctx, srv.URL, agentEmail, agentPassword, "bench")
	if err != nil {
		return err
	}
	workers := load.NewWorkers(srv.URL, token, cfg.conc, uint64(cfg.seed))
	fmt.Fprintf(out, "  sampling tickets for ids, words, a tag and deep cursors\n")
	fix, words, notes, err := load.Discover(ctx, workers, load.DiscoverOptions{Words: cfg.words, Tag: cfg.tag})
	if se := (*load.StatusError)(nil); errors.As(err, &se) && se.Status == 429 {
		return fmt.Errorf("%w\n  The server's general rate limit (600 requests a minute per user) is on: this triage "+
			"does not know %s, or -server-env turned it on again (see docs/benchmarks.md)", err, rateLimitOff)
	}
	if err != nil {
		return err
	}
	r.PageBytes, r.Words, r.Notes = fix.PageBytes, words, notes
	for _, w := range words {
		fmt.Fprintf(out, "  %-5s word %q (%s): in %.2f%% of %d sampled tickets, server count %d (capped %v)\n",
			w.Role, w.Word, w.Source, 100*w.SampleDF, w.Sample, w.Count, w.Capped)
	}
	fmt.Fprintf(out, "  tag %q, %d visible ticket ids, %d deep cursors\n", fix.Tag, len(fix.IDs), len(fix.DeepCursors))
	scenarios, skipped := load.Scenarios(fix)
	r.Notes = append(r.Notes, skipped...)
	limited := false
	for _, sc := range scenarios {
		if len(cfg.scenarios) > 0 && !slices.Contains(cfg.scenarios, sc.Name) {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		srv.Mem.Window()
		f := load.Run(ctx, sc.Name, sc.Op, workers, cfg.timing)
		f.PeakRSSAnon = srv.Mem.Window()
		r.Scenarios = append(r.Scenarios, f)
		progress(out, r, f)
		for _, k := range f.ErrKinds {
			limited = limited || strings.HasPrefix(k.What, "HTTP 429")
		}
	}
	if limited {
		note := "requests were refused with HTTP 429: the server's general rate limit (600 requests a minute per user) " +
			"was on although the benchmark sets " + rateLimitOff + " (see docs/benchmarks.md); these figures are not the server's."
		r.Notes = append(r.Notes, note)
		fmt.Fprintln(out, "  WARNING:", note)
	}
	return ctx.Err()
}

// progress prints one scenario's figures, and what failed.
func progress(out io.Writer, r *report.Run, f report.Figure) {
	ratio := ""
	if f.Name != report.Ceiling {
		ratio = fmt.Sprintf("%5.1f%% of plain", 100*r.Ratio(f))
	}
	lat := func(d time.Duration) string {
		if f.OK == 0 {
			return "—"
		}
		return report.Millis(d)
	}
	fmt.Fprintf(out, "  %-14s %9.1f req/s %15s  p50 %-9s p95 %-9s p99 %-9s ok %d  errors %d\n", f.Name, f.RPS, ratio,
		lat(f.P50), lat(f.P95), lat(f.P99), f.OK, f.Errors)
	for _, k := range f.ErrKinds {
		fmt.Fprintf(out, "  %14s ! %d × %s\n", "", k.Count, k.What)
	}
}

// measureCeiling runs the plain handler in a child process and measures
// it with the scenarios' client and concurrency.
func measureCeiling(ctx context.Context, cfg *config) (report.Figure, int, error) {
	exe, err := os.Executable()
	if err != nil {
		return report.Figure{}, 0, err
	}
	cmd := exec.Command(exe, ceilingCmd)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return report.Figure{}, 0, err
	}
	if err := cmd.Start(); err != nil {
		return report.Figure{}, 0, err
	}
	defer func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "listening on ")
	if err != nil || !ok {
		return report.Figure{}, 0, fmt.Errorf("the plain handler did not start: %q %v", line, err)
	}
	workers := load.NewWorkers("http://"+addr, "", cfg.conc, uint64(cfg.seed))
	size, err := workers[0].C.Get(ctx, "//", nil)
	if err != nil {
		return report.Figure{}, 0, err
	}
	op := func(ctx context.Context, w *load.Worker) error {
		_, err := w.C.Get(ctx, "//", nil)
		return err
	}
	return load.Run(ctx, report.Ceiling, op, workers, cfg.timing), size, nil
}

// ensureBinary builds bin from ./cmd/triage when it is missing.
func ensureBinary(ctx context.Context, bin string, out io.Writer) error {
	if _, err := os.Stat(bin); err == nil {
		return nil
	}
	fmt.Fprintf(out, "building %s (without the web app: the benchmark uses only the API)\n", bin)
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-o", bin, "./cmd/triage")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("build %s: %w", bin, err)
	}
	return nil
}
