package postgres_test

import (
	"context"
	"errors"
	"testing"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/postgres"
)

// noteArgs is a job payload for these tests.
type noteArgs struct {
	Note string `json:"note"`
}

func (noteArgs) Kind() string { return "test_note" }

// jobRow is what the tests read back from River's table.
type jobRow struct {
	Kind, Queue, State string
	Args               noteArgs
	MaxAttempts        int
}

// listJobRows returns every job row, oldest first.
func listJobRows(t *testing.T, db *postgres.DB) []jobRow {
	t.Helper()
	rows, err := db.Pool().Query(t.Context(),
		`SELECT kind, queue, state::text, args, max_attempts FROM river_job ORDER BY id`)
	if err != nil {
		t.Fatalf("query river_job: %v", err)
	}
	defer rows.Close()
	var out []jobRow
	for rows.Next() {
		var r jobRow
		if err := rows.Scan(&r.Kind, &r.Queue, &r.State, &r.Args, &r.MaxAttempts); err != nil {
			t.Fatal(err)
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
		mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error {
			if _, err := tx.ListTeams(ctx); err != nil {
				return err
			}
			return tx.EnqueueJob(ctx, noteArgs{Note: "hello"}, &helpdesk.JobOpts{Queue: "mail", MaxAttempts: 3})
		})
		got := listJobRows(t, db)
		want := jobRow{Kind: "test_note", Queue: "mail", State: "available", Args: noteArgs{Note: "hello"}, MaxAttempts: 3}
		if len(got) != 1 || got[0] != want {
			t.Errorf("jobs: got %+v, want [%+v]", got, want)
		}
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
	// Update runs fn again after a serialization failure; the job of the
	// aborted attempt must vanish with it, leaving exactly one.
	t.Run("RerunAfterSerializationFailure", func(t *testing.T) {
		db := MustOpenDB(t)
		runs := 0
		mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error {
			runs++
			if err := tx.EnqueueJob(ctx, noteArgs{Note: "once"}, nil); err != nil {
				return err
			}
			if runs == 1 {
				return &pgconn.PgError{Code: "40001", Message: "could not serialize access"}
			}
			return nil
		})
		if runs != 2 {
			t.Errorf("fn ran %d times, want 2", runs)
		}
		if got := listJobRows(t, db); len(got) != 1 {
			t.Errorf("jobs: got %+v, want exactly one", got)
		}
	})
}

// MigrationVersion counts River's migrations as well as ours, so a missing
// one keeps the server from reporting ready.
func TestMigrateJobQueue(t *testing.T) {
	ctx := t.Context()
	db := MustOpenDB(t)
	applied, latest, err := db.MigrationVersion(ctx)
	if err != nil || applied != latest {
		t.Fatalf("MigrationVersion: got %d, %d, %v; want equal", applied, latest, err)
	}
	if _, err := db.Pool().Exec(ctx,
		`DELETE FROM river_migration WHERE version = (SELECT max(version) FROM river_migration)`); err != nil {
		t.Fatal(err)
	}
	got, gotLatest, err := db.MigrationVersion(ctx)
	if err != nil || got != applied-1 || gotLatest != latest {
		t.Errorf("without River's last migration: got %d, %d, %v; want %d, %d", got, gotLatest, err, applied-1, latest)
	}
}
