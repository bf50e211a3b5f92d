package postgres_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// A read-modify-write racing another writer is retried rather than
// silently losing the other writer's change.
func TestUpdateRetriesLostUpdate(t *testing.T) {
	db := MustOpenDB(t)
	u := mustCreateUser(t, db, "race@example.com", helpdesk.RoleAgent)
	u.Name = "start"
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error { return tx.UpdateUser(ctx, u) })

	read, other := make(chan struct{}), make(chan error)
	go func() {
		<-read
		other <- db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
			v, err := tx.FindUserByID(ctx, u.ID)
			if err != nil {
				return err
			}
			v.Name += "+B"
			return tx.UpdateUser(ctx, v)
		})
	}()
	attempts := 0
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error {
		attempts++
		v, err := tx.FindUserByID(ctx, u.ID)
		if err != nil {
			return err
		}
		if attempts == 1 {
			// Let the other writer commit between our read and our write.
			close(read)
			if err := <-other; err != nil {
				t.Errorf("other writer: %v", err)
			}
		}
		v.Name += "+A"
		return tx.UpdateUser(ctx, v)
	})
	if attempts != 2 {
		t.Errorf("attempts: got %d, want 2 (one serialization failure, one retry)", attempts)
	}
	got, err := db.FindUserByID(t.Context(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != "start+B+A" {
		t.Errorf("name: got %q, want %q (no lost update)", got.Name, "start+B+A")
	}
}

// Two transactions that each check "another admin remains" and demote a
// different admin must not both succeed (write skew), as they could not
// on SQLite's single writer.
func TestUpdatePreventsWriteSkew(t *testing.T) {
	db := MustOpenDB(t)
	a1 := mustCreateUser(t, db, "a1@example.com", helpdesk.RoleAdmin)
	a2 := mustCreateUser(t, db, "a2@example.com", helpdesk.RoleAdmin)
	demote := func(ctx context.Context, tx helpdesk.Tx, u *helpdesk.User, between func()) error {
		admin, active := helpdesk.RoleAdmin, true
		admins, err := tx.ListUsers(ctx, helpdesk.UserFilter{Role: &admin, Active: &active})
		if err != nil {
			return err
		}
		between()
		if len(admins) < 2 {
			return helpdesk.Errorf(helpdesk.ECONFLICT, "Last admin.")
		}
		v := *u
		v.Role = helpdesk.RoleAgent
		return tx.UpdateUser(ctx, &v)
	}

	read, other := make(chan struct{}), make(chan error)
	go func() {
		<-read
		other <- db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
			return demote(ctx, tx, a2, func() {})
		})
	}()
	first := true
	err := db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
		return demote(ctx, tx, a1, func() {
			if first {
				first = false
				close(read)
				if err := <-other; err != nil {
					t.Errorf("other demotion: %v", err)
				}
			}
		})
	})
	if got := helpdesk.ErrorCode(err); got != helpdesk.ECONFLICT {
		t.Errorf("second demotion: code got %q, want %q (err: %v)", got, helpdesk.ECONFLICT, err)
	}
	admin, active := helpdesk.RoleAdmin, true
	admins, err := db.ListUsers(t.Context(), helpdesk.UserFilter{Role: &admin, Active: &active})
	if err != nil {
		t.Fatal(err)
	}
	if len(admins) != 1 {
		t.Errorf("admins left: got %d, want 1", len(admins))
	}
}

// Only one of many concurrent uses of a refresh token wins.
func TestUseRefreshTokenConcurrent(t *testing.T) {
	db := MustOpenDB(t)
	u := mustCreateUser(t, db, "tok@example.com", helpdesk.RoleCustomer)
	s := &helpdesk.Session{ID: "sess", UserID: u.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}
	rt := &helpdesk.RefreshToken{TokenHash: "hash", SessionID: s.ID, CreatedAt: now, ExpiresAt: now.Add(time.Hour)}
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error {
		if err := tx.CreateSession(ctx, s); err != nil {
			return err
		}
		return tx.CreateRefreshToken(ctx, rt)
	})

	const n = 8
	var wg sync.WaitGroup
	wins := make(chan bool, n)
	for range n {
		wg.Go(func() {
			var ok bool
			err := db.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
				var err error
				ok, err = tx.UseRefreshToken(ctx, rt.TokenHash, now)
				return err
			})
			if err != nil {
				t.Errorf("UseRefreshToken: %v", err)
			}
			wins <- ok
		})
	}
	wg.Wait()
	close(wins)
	won := 0
	for ok := range wins {
		if ok {
			won++
		}
	}
	if won != 1 {
		t.Errorf("concurrent uses: %d won, want exactly 1", won)
	}
}
