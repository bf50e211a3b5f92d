package postgres_test

import (
	"slices"
	"sync"
	"testing"
)

func TestMigrate(t *testing.T) {
	t.Run("EmptyDatabase", func(t *testing.T) {
		db := MustOpenEmptyDB(t)
		applied, latest, err := db.MigrationVersion(t.Context())
		if err != nil {
			t.Fatalf("MigrationVersion before Migrate: %v", err)
		}
		if applied != 0 || latest < 1 {
			t.Errorf("before Migrate: applied %d latest %d, want 0 and >= 1", applied, latest)
		}
		if err := db.Migrate(t.Context()); err != nil {
			t.Fatalf("Migrate: %v", err)
		}
		applied, latest, err = db.MigrationVersion(t.Context())
		if err != nil {
			t.Fatalf("MigrationVersion: %v", err)
		}
		if applied != latest {
			t.Errorf("after Migrate: applied %d, want latest %d", applied, latest)
		}

		rows, err := db.Pool().Query(t.Context(),
			`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)
		if err != nil {
			t.Fatal(err)
		}
		var tables []string
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				t.Fatal(err)
			}
			tables = append(tables, name)
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"api_tokens", "audit_log", "comment_revisions", "comments",
			"password_resets", "refresh_tokens", "sessions", "team_members", "teams", "ticket_tags",
			"tickets", "users"} {
			if !slices.Contains(tables, want) {
				t.Errorf("after Migrate: table %s missing (tables: %v)", want, tables)
			}
		}
	})

	t.Run("Idempotent", func(t *testing.T) {
		db := MustOpenDB(t)
		if err := db.Migrate(t.Context()); err != nil {
			t.Errorf("second Migrate: %v", err)
		}
	})

	// Several instances may start at once against one database; the
	// advisory lock makes them take turns instead of failing.
	t.Run("Concurrent", func(t *testing.T) {
		db := MustOpenEmptyDB(t)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Go(func() { errs[i] = db.Migrate(t.Context()) })
		}
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Errorf("Migrate #%d: %v", i, err)
			}
		}
	})
}
