package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/triagehq/triage/internal/config"
	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/postgres"
	"github.com/triagehq/triage/internal/sqlite"
)

// store is a helpdesk.Store that also migrates its own schema.
type store interface {
	helpdesk.Store
	Migrate(ctx context.Context) error
}

// openStore opens the configured database. It does not migrate.
func openStore(ctx context.Context, cfg *config.Config) (store, error) {
	if cfg.PostgreSQL() {
		db, err := postgres.Open(ctx, cfg.DatabaseURL, postgres.Options{MaxConns: cfg.DBMaxConns, MinConns: cfg.DBMinConns})
		if err != nil {
			return nil, err
		}
		return db, nil
	}
	if err := os.MkdirAll(cfg.DataDir, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	db, err := sqlite.Open(ctx, cfg.SQLitePath(), sqlite.Options{ReadConns: cfg.SQLiteReadConns})
	if err != nil {
		return nil, err
	}
	return db, nil
}

// prepareSchema applies pending migrations when cfg.Migrate is on, and
// otherwise refuses to go on with an outdated schema.
func prepareSchema(ctx context.Context, st store, cfg *config.Config, log *slog.Logger) error {
	applied, latest, err := st.MigrationVersion(ctx)
	if err != nil {
		return fmt.Errorf("read migration version: %w", err)
	}
	if applied == latest {
		return nil
	}
	if !cfg.Migrate {
		return fmt.Errorf("the database schema is at version %d but this binary needs %d; "+
			"run `triage migrate` or start with --migrate=true", applied, latest)
	}
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	log.Info("migrations applied", "from_version", applied, "to_version", latest)
	return nil
}

// newLogger returns the process logger: JSON or text lines on w.
func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	if cfg.LogFormat == "text" {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}

// engine names the database for log lines and messages.
func engine(cfg *config.Config) string {
	if cfg.PostgreSQL() {
		return "postgresql"
	}
	return "sqlite"
}
