package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/jackc/pgx/v5"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/database"
	"github.com/pressly/goose/v3/lock"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
)

//go:embed migrations/*.sql
var migrations embed.FS

// riverLockID is the advisory lock held while River's migrations run; it is
// goose's default lock id plus one, so the two never collide.
const riverLockID = lock.DefaultLockID + 1

// newLocker returns a session locker for the advisory lock id. A waiting
// instance polls for the lock every second, for up to ten minutes.
func newLocker(id int64) (lock.SessionLocker, error) {
	locker, err := lock.NewPostgresSessionLocker(lock.WithLockID(id), lock.WithLockTimeout(1, 600))
	if err != nil {
		return nil, fmt.Errorf("migration lock: %w", err)
	}
	return locker, nil
}

// provider returns a goose provider for the embedded migrations. Migrate
// holds a PostgreSQL advisory lock while it runs, so that several
// instances starting at once apply each migration exactly once.
func (db *DB) provider() (*goose.Provider, error) {
	fsys, err := fs.Sub(migrations, "migrations")
	if err != nil {
		return nil, fmt.Errorf("migrations: %w", err)
	}
	locker, err := newLocker(lock.DefaultLockID)
	if err != nil {
		return nil, err
	}
	p, err := goose.NewProvider(database.DialectPostgres, db.sqlDB, fsys, goose.WithSessionLocker(locker))
	if err != nil {
		return nil, fmt.Errorf("migration provider: %w", err)
	}
	return p, nil
}

// riverMigrator returns River's migrator for its job queue tables. Like
// goose, it stays quiet; Migrate's caller reports the outcome.
func (db *DB) riverMigrator() (*rivermigrate.Migrator[pgx.Tx], error) {
	m, err := rivermigrate.New(riverpgxv5.New(db.pool), &rivermigrate.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return nil, fmt.Errorf("load job queue migrations: %w", err)
	}
	return m, nil
}

// Migrate applies every pending migration: ours, then River's job queue
// tables.
func (db *DB) Migrate(ctx context.Context) error {
	p, err := db.provider()
	if err != nil {
		return err
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate postgres: %w", err)
	}
	if err := db.migrateRiver(ctx); err != nil {
		return fmt.Errorf("migrate postgres job queue: %w", err)
	}
	return nil
}

// migrateRiver applies River's pending migrations while holding an advisory
// lock, as goose does for ours, so instances starting together take turns.
// The lock lives on its own connection while River migrates on another, so
// the pool needs at least two.
func (db *DB) migrateRiver(ctx context.Context) (err error) {
	m, err := db.riverMigrator()
	if err != nil {
		return err
	}
	locker, err := newLocker(riverLockID)
	if err != nil {
		return err
	}
	conn, err := db.sqlDB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("lock connection: %w", err)
	}
	defer conn.Close()
	if err := locker.SessionLock(ctx, conn); err != nil {
		return fmt.Errorf("take migration lock: %w", err)
	}
	defer func() {
		if uerr := locker.SessionUnlock(context.WithoutCancel(ctx), conn); uerr != nil {
			err = errors.Join(err, fmt.Errorf("release migration lock: %w", uerr))
		}
	}()
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return err
	}
	return nil
}

// MigrationVersion sums our highest applied migration and River's, and
// likewise the highest known ones, so applied equals latest only when both
// schemas are current. It takes no lock, so health checks never wait for a
// running migration.
func (db *DB) MigrationVersion(ctx context.Context) (applied, latest int64, err error) {
	p, err := db.provider()
	if err != nil {
		return 0, 0, err
	}
	applied, latest, err = p.GetVersions(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("migration version: %w", err)
	}
	m, err := db.riverMigrator()
	if err != nil {
		return 0, 0, err
	}
	riverApplied, riverLatest, err := riverVersion(ctx, m)
	if err != nil {
		return 0, 0, err
	}
	return applied + riverApplied, latest + riverLatest, nil
}

// riverVersion returns River's highest applied and highest known migration.
func riverVersion(ctx context.Context, m *rivermigrate.Migrator[pgx.Tx]) (applied, latest int64, err error) {
	for _, v := range m.AllVersions() {
		latest = max(latest, int64(v.Version))
	}
	existing, err := m.ExistingVersions(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("read job queue migration version: %w", err)
	}
	for _, v := range existing {
		applied = max(applied, int64(v.Version))
	}
	return applied, latest, nil
}
