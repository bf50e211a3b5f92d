package sqlite_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/sqlite"
)

// MustOpenDB opens a migrated database in a fresh temporary directory and
// closes it when the test ends.
func MustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	db := mustOpen(tb, filepath.Join(tb.TempDir(), "triage.db"))
	if err := db.Migrate(context.Background()); err != nil {
		tb.Fatalf("Migrate: %v", err)
	}
	return db
}

// mustOpen opens the database at path without migrating it.
func mustOpen(tb testing.TB, path string) *sqlite.DB {
	tb.Helper()
	db, err := sqlite.Open(context.Background(), path, sqlite.Options{})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

func TestOpen(t *testing.T) {
	t.Run("CreatesDirectoryAndPrivateFile", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "a", "b", "triage.db")
		mustOpen(t, path)
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatalf("stat: %v", err)
		}
		if got, want := fi.Mode().Perm(), os.FileMode(0o600); got != want {
			t.Errorf("mode got %v, want %v", got, want)
		}
	})
	t.Run("ErrNoPath", func(t *testing.T) {
		if _, err := sqlite.Open(context.Background(), "", sqlite.Options{}); err == nil {
			t.Error("Open(\"\") succeeded, want an error")
		}
	})
	t.Run("PathWithQueryCharacters", func(t *testing.T) {
		// A '?' or '#' in the path must not be read as the start of the
		// connection options.
		path := filepath.Join(t.TempDir(), "odd ?name#1.db")
		db := mustOpen(t, path)
		if err := db.Migrate(t.Context()); err != nil {
			t.Fatalf("Migrate: %v", err)
		}
		if _, err := os.Stat(path); err != nil {
			t.Errorf("stat %q: %v", path, err)
		}
	})
}

func TestPragmas(t *testing.T) {
	db := MustOpenDB(t)
	for _, tc := range []struct {
		pool      string
		queryOnly int
	}{{"writer", 0}, {"reader", 1}} {
		t.Run(tc.pool, func(t *testing.T) {
			pool := db.Writer()
			if tc.pool == "reader" {
				pool = db.Reader()
			}
			ctx := t.Context()
			var mode string
			if err := pool.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil {
				t.Fatal(err)
			}
			if mode != "wal" {
				t.Errorf("journal_mode got %q, want wal", mode)
			}
			for _, p := range []struct {
				name string
				want int
			}{
				{"foreign_keys", 1}, {"synchronous", 1}, {"busy_timeout", 5000},
				{"query_only", tc.queryOnly},
			} {
				var got int
				if err := pool.QueryRowContext(ctx, `PRAGMA `+p.name).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != p.want {
					t.Errorf("%s got %d, want %d", p.name, got, p.want)
				}
			}
		})
	}
}

func TestReaderRefusesWrites(t *testing.T) {
	db := MustOpenDB(t)
	_, err := db.Reader().ExecContext(t.Context(),
		`INSERT INTO teams (name, name_lower, created_at, updated_at) VALUES ('x', 'x', 0, 0)`)
	if err == nil {
		t.Fatal("insert through the reader pool succeeded, want an error")
	}
	if !strings.Contains(err.Error(), "readonly") {
		t.Errorf("got %v, want a read-only error", err)
	}
}

func TestMigrate(t *testing.T) {
	ctx := t.Context()
	db := mustOpen(t, filepath.Join(t.TempDir(), "fresh", "triage.db"))
	applied, latest, err := db.MigrationVersion(ctx)
	if err != nil {
		t.Fatalf("MigrationVersion before Migrate: %v", err)
	}
	if applied != 0 || latest < 1 {
		t.Errorf("before Migrate got applied=%d latest=%d, want 0 and >= 1", applied, latest)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if err := db.Migrate(ctx); err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
	applied, latest2, err := db.MigrationVersion(ctx)
	if err != nil {
		t.Fatalf("MigrationVersion: %v", err)
	}
	if applied != latest || latest2 != latest {
		t.Errorf("after Migrate got applied=%d latest=%d, want both %d", applied, latest2, latest)
	}
	if err := db.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func TestUpdate(t *testing.T) {
	t.Run("RollbackOnError", func(t *testing.T) {
		db := MustOpenDB(t)
		boom := errors.New("boom")
		err := db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
			if err := tx.CreateTeam(ctx, newTeam("Support")); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Update got %v, want %v", err, boom)
		}
		assertTeams(t, db, 0)
	})
	t.Run("RollbackOnPanic", func(t *testing.T) {
		db := MustOpenDB(t)
		func() {
			defer func() {
				if p := recover(); p != "boom" {
					t.Errorf("recovered %v, want boom", p)
				}
			}()
			_ = db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
				if err := tx.CreateTeam(ctx, newTeam("Support")); err != nil {
					return err
				}
				panic("boom")
			})
		}()
		assertTeams(t, db, 0)
		// The writer connection must be free again.
		err := db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.CreateTeam(ctx, newTeam("Billing"))
		})
		if err != nil {
			t.Fatalf("Update after panic: %v", err)
		}
		assertTeams(t, db, 1)
	})
}

func newTeam(name string) *helpdesk.Team {
	now := time.Now().UTC().Truncate(time.Microsecond)
	return &helpdesk.Team{Name: name, CreatedAt: now, UpdatedAt: now}
}

func assertTeams(t *testing.T, db *sqlite.DB, want int) {
	t.Helper()
	teams, err := db.ListTeams(t.Context())
	if err != nil {
		t.Fatalf("ListTeams: %v", err)
	}
	if len(teams) != want {
		t.Errorf("teams got %d, want %d", len(teams), want)
	}
}
