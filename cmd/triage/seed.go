package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"golang.org/x/term"

	"github.com/triagehq/triage/internal/config"
	"github.com/triagehq/triage/internal/markdown"
	"github.com/triagehq/triage/internal/password"
	"github.com/triagehq/triage/internal/seed"
)

func seedCmd(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "seed", "seed --tickets N [flags]")
	var opts seed.Options
	fs.IntVar(&opts.Tickets, "tickets", 1000, "tickets to add")
	fs.IntVar(&opts.Agents, "agents", 12, "agents to create on the first run, the demo agent included")
	fs.IntVar(&opts.Customers, "customers", 0, "customers to create on the first run (0 = tickets/8, from 10 to 50,000)")
	fs.DurationVar(&opts.History, "history", 0, "how far back tickets go (0 = a year up to 10,000 tickets, three years beyond)")
	fs.Int64Var(&opts.Seed, "seed", 0, "random seed, to make the data repeatable (0 = random)")
	fs.IntVar(&opts.BatchSize, "batch-size", 0, "tickets generated and stored at a time (0 = 5000)")
	fs.BoolVar(&opts.Force, "force", false, "seed even a database that has users but no demo admin")
	fs.BoolVar(&opts.IfEmpty, "if-empty", false, "do nothing if the database already has users")
	quiet := fs.Bool("quiet", false, "no progress bar")
	cf := config.Register(fs, config.ScopeStore|config.ScopeMigrate)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{msg: fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	if opts.Tickets < 0 || opts.Agents < 0 || opts.Customers < 0 || opts.BatchSize < 0 || opts.History < 0 {
		return &usageError{msg: "--tickets, --agents, --customers, --batch-size and --history must not be negative"}
	}
	cfg, err := cf.Load(e.getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg, e.stderr)
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := prepareSchema(ctx, st, cfg, log); err != nil {
		return err
	}
	opts.Hash = password.NewHasher(password.DefaultParams).Hash
	opts.Render = markdown.New().Render
	if !*quiet {
		opts.Progress = terminal(e.stderr)
	}
	res, err := seed.Run(ctx, st, opts)
	if err != nil {
		return err
	}
	report(e.stdout, res)
	return nil
}

// terminal returns w if it is a terminal, where a progress bar makes sense.
func terminal(w io.Writer) io.Writer {
	if f, ok := w.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		return w
	}
	return nil
}

func report(w io.Writer, res *seed.Result) {
	if res.Skipped {
		fmt.Fprintln(w, "The database already has users; no demo data added.")
		return
	}
	fmt.Fprintf(w, "Added %d tickets with %d comments", res.Tickets, res.Comments)
	if res.Users > 0 {
		fmt.Fprintf(w, ", %d users and %d teams", res.Users, res.Teams)
	}
	fmt.Fprintf(w, " (seed %d).\n", res.Seed)
	fmt.Fprintf(w, "Demo logins (password %q): %s, %s, %s\n",
		seed.DemoPassword, seed.AdminEmail, seed.AgentEmail, seed.CustomerEmail)
}
