package sqlite_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
)

// TestConcurrentWriters checks that writers queue on the single writer
// connection instead of failing with SQLITE_BUSY.
func TestConcurrentWriters(t *testing.T) {
	db := MustOpenDB(t)
	const n = 16
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			errs <- db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
				return tx.CreateTeam(ctx, newTeam(fmt.Sprintf("team %d", i)))
			})
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("Update: %v", err)
		}
	}
	assertTeams(t, db, n)
}

// TestReadDuringWrite checks that the reader pool answers while a write
// transaction is open, and sees only committed data.
func TestReadDuringWrite(t *testing.T) {
	db := MustOpenDB(t)
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error {
		if err := tx.CreateTeam(ctx, newTeam("Support")); err != nil {
			return err
		}
		inTx, err := tx.ListTeams(ctx)
		if err != nil {
			return err
		}
		outside, err := db.ListTeams(ctx)
		if err != nil {
			return err
		}
		if len(inTx) != 1 || len(outside) != 0 {
			t.Errorf("teams inside the transaction got %d, outside %d; want 1 and 0", len(inTx), len(outside))
		}
		return nil
	})
	assertTeams(t, db, 1)
}
