package storetest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

func txTests() []test {
	return []test{
		{"Update/ErrorRollsBack", testUpdateErrorRollsBack},
		{"Update/DomainErrorKeepsCode", testUpdateDomainError},
		{"Update/PanicRollsBackAndRepanics", testUpdatePanic},
		{"Update/CommitIsVisible", testUpdateCommit},
		{"Update/ConcurrentWriters", testUpdateConcurrent},
		{"Store/Ping", testPing},
		{"Store/MigrationVersion", testMigrationVersion},
	}
}

// userAndAudit creates a user and its audit entry in tx, the pair that must
// land or vanish together.
func userAndAudit(ctx context.Context, tx helpdesk.Tx, email string) (*helpdesk.User, error) {
	u := &helpdesk.User{Email: email, Name: "Tx", Role: helpdesk.RoleAgent, Active: true, CreatedAt: at(0), UpdatedAt: at(0)}
	if err := tx.CreateUser(ctx, u); err != nil {
		return nil, err
	}
	// The transaction reads its own writes.
	if _, err := tx.FindUserByID(ctx, u.ID); err != nil {
		return nil, fmt.Errorf("find own write: %w", err)
	}
	e := &helpdesk.AuditEntry{CreatedAt: at(0), ActorID: &u.ID, Action: "user.create", TargetType: "user",
		TargetID: fmt.Sprint(u.ID), After: []byte(`{"email":"` + email + `"}`)}
	return u, tx.AppendAudit(ctx, e)
}

// checkAbsent fails unless neither the user nor any audit entry exists.
func checkAbsent(t *testing.T, s helpdesk.Store, email string) {
	t.Helper()
	_, err := s.FindUserByEmail(t.Context(), email)
	wantCode(t, "FindUserByEmail after rollback", err, helpdesk.ENOTFOUND)
	entries, err := s.ListAudit(t.Context(), helpdesk.AuditFilter{Limit: 10})
	must(t, "ListAudit", err)
	if len(entries) != 0 {
		t.Errorf("after rollback: got %d audit entries, want 0", len(entries))
	}
}

func testUpdateErrorRollsBack(t *testing.T, s helpdesk.Store) {
	err := s.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
		if _, err := userAndAudit(ctx, tx, "rollback@corp.example"); err != nil {
			return err
		}
		return errBoom
	})
	if !errors.Is(err, errBoom) {
		t.Errorf("Update: error got %v, want fn's error (errors.Is)", err)
	}
	checkAbsent(t, s, "rollback@corp.example")
}

func testUpdateDomainError(t *testing.T, s helpdesk.Store) {
	err := s.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
		if _, err := userAndAudit(ctx, tx, "domain@corp.example"); err != nil {
			return err
		}
		return helpdesk.Errorf(helpdesk.ECONFLICT, "Stale.")
	})
	wantCode(t, "Update returning a domain error", err, helpdesk.ECONFLICT)
	checkAbsent(t, s, "domain@corp.example")
}

func testUpdatePanic(t *testing.T, s helpdesk.Store) {
	func() {
		defer func() {
			if r := recover(); r != "kaboom" {
				t.Errorf("recovered %v, want the panic value %q re-panicked", r, "kaboom")
			}
		}()
		_ = s.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
			if _, err := userAndAudit(ctx, tx, "panic@corp.example"); err != nil {
				return err
			}
			panic("kaboom")
		})
	}()
	checkAbsent(t, s, "panic@corp.example")
	// The store must still accept writes: a panic must not leak the
	// transaction (or, for SQLite, the single writer connection).
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	defer cancel()
	err := s.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		_, err := userAndAudit(ctx, tx, "after-panic@corp.example")
		return err
	})
	must(t, "Update after a panic", err)
}

func testUpdateCommit(t *testing.T, s helpdesk.Store) {
	var u *helpdesk.User
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		var err error
		u, err = userAndAudit(ctx, tx, "commit@corp.example")
		return err
	})
	got, err := s.FindUserByEmail(t.Context(), "commit@corp.example")
	must(t, "FindUserByEmail after commit", err)
	if got.ID != u.ID {
		t.Errorf("committed user: id got %d, want %d", got.ID, u.ID)
	}
	entries, err := s.ListAudit(t.Context(), helpdesk.AuditFilter{ActorID: &u.ID, Limit: 10})
	must(t, "ListAudit", err)
	if len(entries) != 1 || entries[0].Action != "user.create" {
		t.Errorf("after commit: got %d audit entries, want the one user.create", len(entries))
	}
}

func testUpdateConcurrent(t *testing.T, s helpdesk.Store) {
	cust := mustCreateUser(t, s, "busy@shop.example", "Busy", helpdesk.RoleCustomer)
	const writers, each = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for range writers {
		wg.Go(func() {
			for range each {
				errs <- s.Update(t.Context(), func(ctx context.Context, tx helpdesk.Tx) error {
					return tx.CreateTicket(ctx, newTicket(cust.ID, "concurrent"))
				})
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("concurrent Update: %v", err)
		}
	}
	got, err := s.ListTickets(t.Context(), adminFilter(cust.ID, helpdesk.SortIDAsc))
	must(t, "ListTickets", err)
	if len(got) != writers*each {
		t.Errorf("after concurrent writers: got %d tickets, want %d", len(got), writers*each)
	}
}

func testPing(t *testing.T, s helpdesk.Store) {
	must(t, "Ping", s.Ping(t.Context()))
}

func testMigrationVersion(t *testing.T, s helpdesk.Store) {
	applied, latest, err := s.MigrationVersion(t.Context())
	must(t, "MigrationVersion", err)
	if latest <= 0 || applied != latest {
		t.Errorf("MigrationVersion: applied %d, latest %d; want applied == latest > 0", applied, latest)
	}
}
