package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/pressly/goose/v3"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// migrationFiles holds the numbered schema migrations, applied in order.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// gooseTable is where goose records applied migrations.
const gooseTable = "goose_db_version"

// provider returns a goose provider over pool that knows only the embedded
// migrations (no process-wide registry).
func provider(pool *sql.DB) (*goose.Provider, error) {
	dir, err := fs.Sub(migrationFiles, "migrations")
	if err != nil {
		return nil, fmt.Errorf("open embedded migrations: %w", err)
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, pool, dir,
		goose.WithDisableGlobalRegistry(true),
		goose.WithTableName(gooseTable),
	)
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	return p, nil
}

// riverMigrator returns River's migrator for its job queue tables over
// pool. Like goose, it stays quiet; Migrate's caller reports the outcome.
func riverMigrator(pool *sql.DB) (*rivermigrate.Migrator[*sql.Tx], error) {
	m, err := rivermigrate.New(riversqlite.New(pool), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return nil, fmt.Errorf("load job queue migrations: %w", err)
	}
	return m, nil
}

// Migrate applies every pending migration through the writer connection:
// ours first, then River's job queue tables.
func (db *DB) Migrate(ctx context.Context) error {
	p, err := provider(db.writer)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate sqlite: %w", err)
	}
	m, err := riverMigrator(db.writer)
	if err != nil {
		return err
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return fmt.Errorf("migrate sqlite job queue: %w", err)
	}
	return nil
}

// MigrationVersion sums our highest applied migration and River's (0 for
// an empty database), and likewise the highest known ones, so applied
// equals latest only when both schemas are current. It reads through the
// reader pool, so a readiness probe never waits behind a long write.
func (db *DB) MigrationVersion(ctx context.Context) (applied, latest int64, err error) {
	applied, latest, err = db.gooseVersion(ctx)
	if err != nil {
		return 0, latest, err
	}
	m, err := riverMigrator(db.reader)
	if err != nil {
		return 0, latest, err
	}
	riverApplied, riverLatest, err := riverVersion(ctx, m)
	if err != nil {
		return 0, latest, err
	}
	return applied + riverApplied, latest + riverLatest, nil
}

// gooseVersion returns our highest applied and highest embedded migration.
func (db *DB) gooseVersion(ctx context.Context) (applied, latest int64, err error) {
	p, err := provider(db.reader)
	if err != nil {
		return 0, 0, err
	}
	sources := p.ListSources()
	if len(sources) > 0 {
		latest = sources[len(sources)-1].Version
	}
	var tables int
	err = db.reader.QueryRowContext(ctx,
		`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?`, gooseTable,
	).Scan(&tables)
	if err != nil {
		return 0, latest, fmt.Errorf("look for the migration table: %w", err)
	}
	if tables == 0 {
		return 0, latest, nil
	}
	applied, err = p.GetDBVersion(ctx)
	if err != nil {
		return 0, latest, fmt.Errorf("read migration version: %w", err)
	}
	return applied, latest, nil
}

// riverVersion returns River's highest applied and highest known migration.
func riverVersion(ctx context.Context, m *rivermigrate.Migrator[*sql.Tx]) (applied, latest int64, err error) {
	for _, v := range m.AllVersions() {
		latest = max(latest, int64(v.Version))
	}
	existing, err := m.ExistingVersions(ctx)
	if err != nil {
		return 0, latest, fmt.Errorf("read job queue migration version: %w", err)
	}
	for _, v := range existing {
		applied = max(applied, int64(v.Version))
	}
	return applied, latest, nil
}
