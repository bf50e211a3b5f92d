package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
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

// Migrate applies every pending migration through the writer connection.
func (db *DB) Migrate(ctx context.Context) error {
	p, err := provider(db.writer)
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate sqlite: %w", err)
	}
	return nil
}

// MigrationVersion returns the highest applied migration (0 for an empty
// database) and the highest embedded one. It reads through the reader pool,
// so a readiness probe never waits behind a long write.
func (db *DB) MigrationVersion(ctx context.Context) (applied, latest int64, err error) {
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
