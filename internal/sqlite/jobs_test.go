package sqlite_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/sqlite"
)

// noteArgs is a job payload for these tests.
type noteArgs struct {
	Note string `json:"note"`
}

func (noteArgs) Kind() string { return "test_note" }

// jobRow is what the tests read back from River's table.
type jobRow struct {
	kind, queue, state string
	args               noteArgs
	maxAttempts        int
}

// listJobRows returns every job row, oldest first.
func listJobRows(t *testing.T, db *sqlite.DB) []jobRow {
	t.Helper()
	rows, err := db.Reader().QueryContext(t.Context(),
		`SELECT kind, queue, state, json(args), max_attempts FROM river_job ORDER BY id`)
	if err != nil {
		t.Fatalf("query river_job: %v", err)
	}
	defer rows.Close()
	var out []jobRow
	for rows.Next() {
		var r jobRow
		var args []byte
		if err := rows.Scan(&r.kind, &r.queue, &r.state, &args, &r.maxAttempts); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(args, &r.args); err != nil {
			t.Fatalf("job args %s: %v", args, err)
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEnqueueJob(t *testing.T) {
	t.Run("Commit", func(t *testing.T) {
		db := MustOpenDB(t)
		err := db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
			if err := tx.CreateTeam(ctx, newTeam("Support")); err != nil {
				return err
			}
			return tx.EnqueueJob(ctx, noteArgs{Note: "hello"}, &helpdesk.JobOpts{Queue: "mail", MaxAttempts: 3})
		})
		if err != nil {
			t.Fatalf("Update: %v", err)
		}
		got := listJobRows(t, db)
		want := jobRow{kind: "test_note", queue: "mail", state: "available", args: noteArgs{Note: "hello"}, maxAttempts: 3}
		if len(got) != 1 || got[0] != want {
			t.Errorf("jobs: got %+v, want [%+v]", got, want)
		}
		assertTeams(t, db, 1)
	})
	t.Run("ErrorRollsBack", func(t *testing.T) {
		db := MustOpenDB(t)
		boom := errors.New("boom")
		err := db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
			if err := tx.EnqueueJob(ctx, noteArgs{Note: "lost"}, nil); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Update: got %v, want %v", err, boom)
		}
		if got := listJobRows(t, db); len(got) != 0 {
			t.Errorf("jobs after rollback: got %+v, want none", got)
		}
	})
	t.Run("PanicRollsBack", func(t *testing.T) {
		db := MustOpenDB(t)
		func() {
			defer func() { _ = recover() }()
			_ = db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
				if err := tx.EnqueueJob(ctx, noteArgs{Note: "lost"}, nil); err != nil {
					return err
				}
				panic("boom")
			})
		}()
		if got := listJobRows(t, db); len(got) != 0 {
			t.Errorf("jobs after panic: got %+v, want none", got)
		}
	})
}

// MigrationVersion counts River's migrations as well as ours, so a missing
// one keeps the server from reporting ready.
func TestMigrateJobQueue(t *testing.T) {
	ctx := t.Context()
	db := MustOpenDB(t)
	var tables int
	if err := db.Reader().QueryRowContext(ctx,
		`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('river_job', 'river_migration')`,
	).Scan(&tables); err != nil || tables != 2 {
		t.Errorf("River tables: got %d (%v), want 2", tables, err)
	}
	applied, latest, err := db.MigrationVersion(ctx)
	if err != nil || applied != latest {
		t.Fatalf("MigrationVersion: got %d, %d, %v; want equal", applied, latest, err)
	}
	if _, err := db.Writer().ExecContext(ctx,
		`DELETE FROM river_migration WHERE version = (SELECT max(version) FROM river_migration)`); err != nil {
		t.Fatal(err)
	}
	got, gotLatest, err := db.MigrationVersion(ctx)
	if err != nil || got != applied-1 || gotLatest != latest {
		t.Errorf("without River's last migration: got %d, %d, %v; want %d, %d", got, gotLatest, err, applied-1, latest)
	}
}

func TestJobDB(t *testing.T) {
	db := MustOpenDB(t)
	if db.JobDB() != db.Writer() {
		t.Error("JobDB is not the writer pool")
	}
}
