// Command triage is the Triage helpdesk: one binary that serves the API,
// migrates the database, creates users and seeds demo data. This file only
// parses the command line and routes to a subcommand; the work happens in
// the internal packages.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/triagehq/triage/internal/config"
	"github.com/triagehq/triage/internal/helpdesk"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal, a second one ends the process at once
	// instead of waiting for the graceful shutdown.
	go func() { <-ctx.Done(); stop() }()
	code := run(ctx, os.Args[1:], &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv})
	stop()
	os.Exit(code)
}

// env is what a command may touch of the outside world.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e *env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "run the HTTP server (applies pending migrations first)", serve},
		{"migrate", "apply pending database migrations; `migrate status` shows them", migrate},
		{"user", "manage users: `user create --email E --name N --role R [--password-stdin]`", user},
		{"seed", "add realistic demo data: `seed --tickets N`", seedCmd},
		{"version", "print the version, commit and Go version", versionCmd},
		{"help", "show this help", nil},
	}
}

// run executes the command line and returns the process exit code: 0 on
// success, 1 when the command failed, 2 for a usage or configuration error.
func run(ctx context.Context, args []string, e *env) int {
	if len(args) == 0 {
		usage(e.stderr)
		return 2
	}
	name, rest := args[0], args[1:]
	if name == "help" || name == "-h" || name == "--help" || name == "-help" {
		if len(rest) > 0 {
			return run(ctx, []string{rest[0], "-h"}, e)
		}
		usage(e.stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return exitCode(e.stderr, name, c.run(ctx, e, rest))
		}
	}
	fmt.Fprintf(e.stderr, "triage: unknown command %q\n\n", name)
	usage(e.stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Triage is a self-hosted helpdesk.\n\nUsage: triage <command> [flags]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nEvery flag can also be set with a TRIAGE_* environment variable;")
	fmt.Fprintln(w, "a flag wins. Run `triage help <command>` for a command's flags.")
}

// usageError is a mistake on the command line; its message, if any, has
// not been printed yet.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func exitCode(stderr io.Writer, name string, err error) int {
	var (
		uerr *usageError
		cerr *config.Error
	)
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &uerr):
		if uerr.msg != "" {
			fmt.Fprintf(stderr, "triage %s: %s\n", name, uerr.msg)
		}
		return 2
	case errors.As(err, &cerr):
		fmt.Fprintf(stderr, "triage %s: %v\n", name, err)
		return 2
	case helpdesk.ErrorCode(err) != helpdesk.EINTERNAL:
		// A domain error is about the input; its message says what to fix.
		fmt.Fprintf(stderr, "triage %s: %s\n", name, helpdesk.ErrorMessage(err))
		for _, f := range helpdesk.ErrorFields(err) {
			fmt.Fprintf(stderr, "  - %s: %s\n", f.Field, f.Message)
		}
		return 1
	}
	fmt.Fprintf(stderr, "triage %s: %v\n", name, err)
	return 1
}

// newFlagSet returns a FlagSet whose errors and help go to stderr.
func newFlagSet(e *env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: triage %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses args; a bad flag has already been reported by the FlagSet.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		return err
	} else if err != nil {
		return &usageError{}
	}
	return nil
}
