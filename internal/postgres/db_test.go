package postgres_test

import (
	"context"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/pgtest"
	"github.com/triagehq/triage/internal/postgres"
)

// MustOpenEmptyDB opens a fresh, unmigrated database that is dropped when
// tb ends.
func MustOpenEmptyDB(tb testing.TB) *postgres.DB {
	tb.Helper()
	db, err := postgres.Open(context.Background(), pgtest.URL(tb), postgres.Options{MaxConns: 8})
	if err != nil {
		tb.Fatalf("Open: %v", err)
	}
	// Cleanups run last-in first-out, so the pool closes before pgtest
	// drops the database.
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Errorf("Close: %v", err)
		}
	})
	return db
}

// MustOpenDB opens a fresh, migrated database.
func MustOpenDB(tb testing.TB) *postgres.DB {
	tb.Helper()
	db := MustOpenEmptyDB(tb)
	if err := db.Migrate(context.Background()); err != nil {
		tb.Fatalf("Migrate: %v", err)
	}
	return db
}

// mustUpdate runs fn in a write transaction and fails tb on error.
func mustUpdate(tb testing.TB, db *postgres.DB, fn func(ctx context.Context, tx helpdesk.Tx) error) {
	tb.Helper()
	if err := db.Update(context.Background(), fn); err != nil {
		tb.Fatalf("Update: %v", err)
	}
}

// mustCreateUser stores an active user with the given email and role.
func mustCreateUser(tb testing.TB, db *postgres.DB, email string, role helpdesk.Role) *helpdesk.User {
	tb.Helper()
	u := &helpdesk.User{Email: email, Name: email, Role: role, Active: true,
		CreatedAt: now, UpdatedAt: now}
	mustUpdate(tb, db, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateUser(ctx, u) })
	return u
}

func TestOpen(t *testing.T) {
	t.Run("BadURL", func(t *testing.T) {
		if _, err := postgres.Open(t.Context(), "postgres://%zz", postgres.Options{}); err == nil {
			t.Error("Open(bad url): got nil error")
		}
	})
	t.Run("MinAboveMax", func(t *testing.T) {
		_, err := postgres.Open(t.Context(), pgtest.URL(t), postgres.Options{MaxConns: 2, MinConns: 3})
		if err == nil {
			t.Error("Open(min 3, max 2): got nil error")
		}
	})
	t.Run("Options", func(t *testing.T) {
		db, err := postgres.Open(t.Context(), pgtest.URL(t), postgres.Options{MaxConns: 3, MinConns: 1})
		if err != nil {
			t.Fatalf("Open: %v", err)
		}
		defer db.Close()
		if got := db.Pool().Config().MaxConns; got != 3 {
			t.Errorf("MaxConns: got %d, want 3", got)
		}
		if err := db.Ping(t.Context()); err != nil {
			t.Errorf("Ping: %v", err)
		}
	})
}
