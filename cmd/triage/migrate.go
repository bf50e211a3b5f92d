package main

import (
	"context"
	"fmt"

	"github.com/triagehq/triage/internal/config"
)

func migrate(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "migrate", "migrate [flags] [status]")
	cf := config.Register(fs, config.ScopeStore)
	if err := parse(fs, args); err != nil {
		return err
	}
	status := false
	switch {
	case fs.NArg() == 1 && fs.Arg(0) == "status":
		status = true
	case fs.NArg() > 0:
		return &usageError{msg: fmt.Sprintf("unexpected argument %q (did you mean `migrate status`?)", fs.Arg(0))}
	}
	cfg, err := cf.Load(e.getenv)
	if err != nil {
		return err
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	applied, latest, err := st.MigrationVersion(ctx)
	if err != nil {
		return fmt.Errorf("read migration version: %w", err)
	}
	if status {
		fmt.Fprintf(e.stdout, "database: %s\napplied:  %d\nlatest:   %d\npending:  %d\n",
			engine(cfg), applied, latest, max(latest-applied, 0))
		return nil
	}
	if applied == latest {
		fmt.Fprintf(e.stdout, "The %s database is up to date (version %d).\n", engine(cfg), applied)
		return nil
	}
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Migrated the %s database from version %d to %d.\n", engine(cfg), applied, latest)
	return nil
}
