package report

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// engineTitle names an engine in headings.
func engineTitle(e string) string {
	switch e {
	case "sqlite":
		return "SQLite"
	case "postgres":
		return "PostgreSQL"
	}
	return e
}

// Markdown writes the report: machine facts, the goals checked against
// every run, then one table per engine and size. chart is the chart's
// file name relative to the report, or "" for none.
func Markdown(w io.Writer, res Results, chart string) error {
	var b strings.Builder
	m := res.Machine
	b.WriteString("# Triage benchmark\n\n")
	b.WriteString("Written by `make bench` (`go run ./bench/cmd/loadgen`); ")
	b.WriteString("[docs/benchmarks.md](../../docs/benchmarks.md) explains the scenarios and how to read the figures.\n\n")
	fmt.Fprintf(&b, "- Machine: %d cores (%s), %s memory, %s\n", m.CPUs, orUnknown(m.CPUModel), orUnknown(m.MemTotal), orUnknown(m.OS))
	fmt.Fprintf(&b, "- Software: %s; %s\n", orUnknown(m.GoVersion), orUnknown(m.Triage))
	fmt.Fprintf(&b, "- Benchmark started %s UTC\n", m.Date.UTC().Format("2006-01-02 15:04"))
	if len(res.Runs) > 0 {
		s := res.Runs[0].Settings
		fmt.Fprintf(&b, "- Load: %d concurrent connections, %s per scenario after a %s warmup, %d rows per page; server log level %s\n",
			s.Concurrency, s.Duration, s.Warmup, s.PageSize, s.LogLevel)
	}
	b.WriteString("\nEvery throughput is also given as a share of a plain `net/http` handler that encodes a\n")
	b.WriteString("list-sized JSON page, measured in the same run with the same client: absolute figures\n")
	b.WriteString("drift on a shared machine, the shares much less.\n\n")
	if chart != "" {
		fmt.Fprintf(&b, "![p99 latency and throughput against the number of tickets](%s)\n\n", chart)
	}
	writeGoals(&b, res.Runs)
	for i := range res.Runs {
		writeRun(&b, &res.Runs[i], res.Runs[0].Settings)
	}
	writeCatalog(&b)
	_, err := io.WriteString(w, b.String())
	return err
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func writeGoals(b *strings.Builder, runs []Run) {
	b.WriteString("## Goals (issue 5)\n\n")
	b.WriteString("The goals are set for SQLite at 1M tickets with 32 connections; other columns are for reference.\n")
	if !hasTarget(runs) {
		b.WriteString("**This report has no SQLite run at 1M tickets, so no goal is decided by it.**\n")
	}
	b.WriteString("✅ met, ❌ missed, — not applicable or not measured.\n\n")
	b.WriteString("| goal | target |")
	for _, r := range runs {
		fmt.Fprintf(b, " %s %s |", engineTitle(r.Engine), Size(r.Tickets))
	}
	b.WriteString("\n|---|---|")
	for range runs {
		b.WriteString("---|")
	}
	b.WriteString("\n")
	checks := make([][]Check, len(runs))
	for i := range runs {
		checks[i] = Evaluate(&runs[i])
	}
	for gi, g := range Goals {
		fmt.Fprintf(b, "| %s | %s |", g.Title, g.Target)
		for i := range runs {
			c := checks[i][gi]
			fmt.Fprintf(b, " %s %s |", mark(c.Status), escape(c.Text))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n")
}

func hasTarget(runs []Run) bool {
	for _, r := range runs {
		if r.Engine == "sqlite" && r.Tickets == TargetTickets {
			return true
		}
	}
	return false
}

func mark(s Status) string {
	switch s {
	case Pass:
		return "✅"
	case Miss:
		return "❌"
	}
	return "—"
}

// escape keeps text from breaking a table row.
func escape(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// writeRun writes one run's section; its load settings are spelled out
// when they differ from those the report's header gives (common).
func writeRun(b *strings.Builder, r *Run, common Settings) {
	fmt.Fprintf(b, "## %s, %s tickets\n\n", engineTitle(r.Engine), count(r.Tickets))
	fmt.Fprintf(b, "Measured %s UTC.", r.Date.UTC().Format("2006-01-02 15:04"))
	if s := r.Settings; s != common {
		fmt.Fprintf(b, " **Load: %d connections, %s per scenario after a %s warmup, %d rows per page, log level %s.**",
			s.Concurrency, s.Duration, s.Warmup, s.PageSize, s.LogLevel)
	}
	if r.Comments > 0 {
		fmt.Fprintf(b, " %s comments.", count(r.Comments))
	}
	switch {
	case r.Seed.Duration <= 0:
		b.WriteString(" Seed time unknown.")
	case r.Seed.Cached:
		fmt.Fprintf(b, " Seeded in %s (cached data set, seeded %s).", Seconds(r.Seed.Duration), r.Seed.At.UTC().Format("2006-01-02 15:04"))
	default:
		fmt.Fprintf(b, " Seeded in %s.", Seconds(r.Seed.Duration))
	}
	fmt.Fprintf(b, " Plain handler: **%s req/s** (%s body; the first list page is %s).",
		rate(r.Ceiling.RPS), KB(r.CeilingBytes), KB(r.PageBytes))
	if r.PeakRSSAnon > 0 {
		fmt.Fprintf(b, " Server peak RssAnon: %s.", MB(r.PeakRSSAnon))
	}
	b.WriteString("\n\n")
	if len(r.Words) > 0 {
		b.WriteString("Search words: ")
		for i, w := range r.Words {
			if i > 0 {
				b.WriteString("; ")
			}
			fmt.Fprintf(b, "%s `%s` (from the %s; in %s of %s sampled tickets; %s)", w.Role, w.Word, w.Source,
				percent(w.SampleDF), count(w.Sample), matches(w))
		}
		b.WriteString(".\n\n")
	}
	b.WriteString("| scenario | req/s | of plain | p50 | p95 | p99 | ok | errors | peak RssAnon |\n")
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n")
	for _, f := range r.Scenarios {
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", f.Name, rate(f.RPS), percent(r.Ratio(f)),
			latency(f, f.P50), latency(f, f.P95), latency(f, f.P99), count(f.OK), errCell(f.Errors), rss(f.PeakRSSAnon))
	}
	b.WriteString("\n")
	writeErrors(b, r)
	for _, n := range r.Notes {
		fmt.Fprintf(b, "- Note: %s\n", n)
	}
	if len(r.Notes) > 0 {
		b.WriteString("\n")
	}
}

func matches(w Word) string {
	switch {
	case w.Count < 0:
		return "the server could not count its matches"
	case w.Capped:
		return fmt.Sprintf("the server counts at least %s matches", count(w.Count))
	}
	return fmt.Sprintf("the server counts %s matches", count(w.Count))
}

func latency(f Figure, d time.Duration) string {
	if f.OK == 0 {
		return "—"
	}
	return Millis(d)
}

func errCell(n int) string {
	if n == 0 {
		return "0"
	}
	return "**" + count(n) + "**"
}

func rss(n int64) string {
	if n <= 0 {
		return "—"
	}
	return MB(n)
}

func writeErrors(b *strings.Builder, r *Run) {
	listed := false
	for _, f := range r.Scenarios {
		if f.Errors == 0 {
			continue
		}
		if !listed {
			b.WriteString("Errors (never left out of the figures above: req/s and latencies count successful requests only):\n\n")
			listed = true
		}
		for _, k := range f.ErrKinds {
			fmt.Fprintf(b, "- %s: %s × %s\n", f.Name, count(k.Count), escape(k.What))
		}
	}
	if listed {
		b.WriteString("\n")
	}
}

func writeCatalog(b *strings.Builder) {
	b.WriteString("## Scenarios\n\n")
	b.WriteString("| scenario | what one operation is |\n|---|---|\n")
	fmt.Fprintf(b, "| %s | `GET /` on a plain `net/http` handler that JSON-encodes 50 ticket-shaped rows (the ceiling) |\n", Ceiling)
	for _, s := range Catalog {
		fmt.Fprintf(b, "| %s | %s |\n", s.Name, s.Desc)
	}
	b.WriteString("\n")
}
