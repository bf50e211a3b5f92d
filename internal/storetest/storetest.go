// Package storetest is the conformance suite every helpdesk.Store
// implementation runs, so the SQLite and PostgreSQL engines cannot drift
// apart. Each engine calls Run from a test with a function that opens a
// fresh, migrated, empty store.
package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// test is one named conformance check, run against its own empty store.
type test struct {
	name string
	fn   func(t *testing.T, s helpdesk.Store)
}

// Run runs the whole suite. open must return a fresh, migrated, empty store
// and arrange for it to be closed when t ends.
func Run(t *testing.T, open func(t *testing.T) helpdesk.Store) {
	var all []test
	for _, group := range [][]test{
		userTests(), teamTests(), ticketTests(), ticketListTests(), ticketCountTests(), commentTests(),
		sessionTests(), tokenTests(), auditTests(), txTests(), listTests(),
		notificationTests(), jobTests(), searchTests(), viewTests(),
	} {
		all = append(all, group...)
	}
	for _, tc := range all {
		t.Run(tc.name, func(t *testing.T) {
			// Every test has its own store, so they may run side by side.
			t.Parallel()
			tc.fn(t, open(t))
		})
	}
}

// base is the suite's clock: UTC with non-zero microseconds, so a store
// that rounds to milliseconds or seconds is caught.
var base = time.Date(2025, 3, 14, 15, 9, 26, 535897000, time.UTC)

// at returns base moved by d.
func at(d time.Duration) time.Time { return base.Add(d) }

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }

// update runs fn in a write transaction and fails the test on error.
func update(t *testing.T, s helpdesk.Store, fn func(ctx context.Context, tx helpdesk.Tx) error) {
	t.Helper()
	if err := s.Update(t.Context(), fn); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

// updateErr runs fn in a write transaction and returns its error, for tests
// that expect a failure.
func updateErr(t *testing.T, s helpdesk.Store, fn func(ctx context.Context, tx helpdesk.Tx) error) error {
	t.Helper()
	return s.Update(t.Context(), fn)
}

// wantCode fails the test unless err carries the helpdesk error code want.
func wantCode(t *testing.T, what string, err error, want string) {
	t.Helper()
	if got := helpdesk.ErrorCode(err); got != want {
		t.Errorf("%s: error code got %q, want %q (err: %v)", what, got, want, err)
	}
}

// must fails the test now if err is not nil.
func must(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// errBoom is what transaction functions return to force a rollback.
var errBoom = errors.New("boom")

// mustCreateUser stores a new active user with the given email, name and
// role, and returns it as stored.
func mustCreateUser(t *testing.T, s helpdesk.Store, email, name string, role helpdesk.Role) *helpdesk.User {
	t.Helper()
	u := &helpdesk.User{
		Email: email, Name: name, Role: role, Active: true,
		CreatedAt: at(0), UpdatedAt: at(0),
	}
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateUser(ctx, u) })
	if u.ID <= 0 {
		t.Fatalf("CreateUser(%s): id got %d, want > 0", email, u.ID)
	}
	return u
}

// mustCreateTeam stores a new team named name.
func mustCreateTeam(t *testing.T, s helpdesk.Store, name string) *helpdesk.Team {
	t.Helper()
	tm := &helpdesk.Team{Name: name, Description: name + " team", CreatedAt: at(0), UpdatedAt: at(0)}
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateTeam(ctx, tm) })
	if tm.ID <= 0 {
		t.Fatalf("CreateTeam(%s): id got %d, want > 0", name, tm.ID)
	}
	return tm
}

// mustAddMember adds userID to teamID.
func mustAddMember(t *testing.T, s helpdesk.Store, teamID, userID int64) {
	t.Helper()
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.AddTeamMember(ctx, teamID, userID) })
}

// newTicket returns an unsaved ticket with plain defaults.
func newTicket(requesterID int64, subject string) *helpdesk.Ticket {
	return &helpdesk.Ticket{
		Subject: subject, Status: helpdesk.StatusNew, Priority: helpdesk.PriorityNormal,
		Type: helpdesk.TypeQuestion, RequesterID: requesterID, Tags: []string{},
		CreatedAt: at(0), UpdatedAt: at(0),
	}
}

// mustCreateTicket stores tk and returns it.
func mustCreateTicket(t *testing.T, s helpdesk.Store, tk *helpdesk.Ticket) *helpdesk.Ticket {
	t.Helper()
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateTicket(ctx, tk) })
	if tk.ID <= 0 {
		t.Fatalf("CreateTicket(%q): id got %d, want > 0", tk.Subject, tk.ID)
	}
	return tk
}

// mustCreateComment stores a comment on ticketID by authorID.
func mustCreateComment(t *testing.T, s helpdesk.Store, ticketID, authorID int64, body string, internal bool, when time.Time) *helpdesk.Comment {
	t.Helper()
	c := &helpdesk.Comment{
		TicketID: ticketID, AuthorID: authorID, Body: body, BodyHTML: "<p>" + body + "</p>",
		Internal: internal, CreatedAt: when,
	}
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateComment(ctx, c) })
	if c.ID <= 0 {
		t.Fatalf("CreateComment: id got %d, want > 0", c.ID)
	}
	return c
}
