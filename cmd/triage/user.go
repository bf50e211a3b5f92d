package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/triagehq/triage/internal/config"
	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/markdown"
	"github.com/triagehq/triage/internal/service"
)

func user(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "-help") {
			fmt.Fprintln(e.stderr, "Usage: triage user create --email E --name N --role admin|agent|customer [--password-stdin]")
			return nil
		}
		return &usageError{msg: "expected `user create`; run `triage user create -h` for its flags"}
	}
	return userCreate(ctx, e, args[1:])
}

func userCreate(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "user create", "user create --email E --name N --role admin|agent|customer [--password-stdin] [flags]")
	email := fs.String("email", "", "the user's email address (required)")
	name := fs.String("name", "", "the user's full name (required)")
	role := fs.String("role", "", "admin, agent or customer (required)")
	tz := fs.String("time-zone", "", "IANA time zone such as Europe/Paris")
	pwStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input; "+
		"without it the user has no password until one is reset")
	cf := config.Register(fs, config.ScopeStore|config.ScopeSecret|config.ScopeMigrate)
	if err := parse(fs, args); err != nil {
		return err
	}
	var missing []string
	for flag, v := range map[string]string{"--email": *email, "--name": *name, "--role": *role} {
		if v == "" {
			missing = append(missing, flag)
		}
	}
	if len(missing) > 0 || fs.NArg() > 0 {
		return &usageError{msg: "--email, --name and --role are required, and nothing else may follow the flags"}
	}
	cfg, err := cf.Load(e.getenv)
	if err != nil {
		return err
	}
	if err := cfg.EnsureSecret(); err != nil {
		return err
	}
	password := ""
	if *pwStdin {
		if password, err = readPassword(e.stdin); err != nil {
			return err
		}
	}
	return createUser(ctx, cfg, newLogger(cfg, e.stderr), e, service.NewUser{
		Email: *email, Name: *name, Role: helpdesk.Role(*role), Password: password, TimeZone: *tz,
	})
}

func createUser(ctx context.Context, cfg *config.Config, log *slog.Logger, e *env, in service.NewUser) error {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := prepareSchema(ctx, st, cfg, log); err != nil {
		return err
	}
	svc, err := service.New(service.Options{Store: st, Secret: cfg.SecretKey, Render: markdown.New().Render, Logger: log})
	if err != nil {
		return err
	}
	u, err := svc.BootstrapUser(ctx, in)
	if err != nil {
		return err
	}
	how := "with a password"
	if in.Password == "" {
		how = "without a password"
	}
	fmt.Fprintf(e.stdout, "Created %s #%d %s (%s), %s.\n", u.Role, u.ID, u.Email, u.Name, how)
	return nil
}

// readPassword reads one line, without its line ending.
func readPassword(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil && !(errors.Is(err, io.EOF) && line != "") {
		return "", &usageError{msg: "--password-stdin: no password on standard input"}
	}
	pw := strings.TrimRight(line, "\r\n")
	if pw == "" {
		return "", &usageError{msg: "--password-stdin: the password is empty"}
	}
	return pw, nil
}
