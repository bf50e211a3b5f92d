package storetest

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

func auditTests() []test {
	return []test{
		{"Audit/AppendRoundTrip", testAuditRoundTrip},
		{"Audit/ListFilters", testAuditFilters},
		{"Audit/ListPaging", testAuditPaging},
	}
}

func auditID(e *helpdesk.AuditEntry) int64 { return e.ID }

func mustAppendAudit(t *testing.T, s helpdesk.Store, e *helpdesk.AuditEntry) *helpdesk.AuditEntry {
	t.Helper()
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.AppendAudit(ctx, e) })
	if e.ID <= 0 {
		t.Fatalf("AppendAudit: id got %d, want > 0", e.ID)
	}
	return e
}

// checkAudit compares entries field by field, Before and After as JSON.
func checkAudit(t *testing.T, what string, got, want *helpdesk.AuditEntry) {
	t.Helper()
	if !sameJSON(got.Before, want.Before) {
		t.Errorf("%s: Before got %s, want %s", what, got.Before, want.Before)
	}
	if !sameJSON(got.After, want.After) {
		t.Errorf("%s: After got %s, want %s", what, got.After, want.After)
	}
	g, w := *got, *want
	g.Before, g.After, w.Before, w.After = nil, nil, nil, nil
	checkEqual(t, what, &g, &w)
}

func testAuditRoundTrip(t *testing.T, s helpdesk.Store) {
	u := mustCreateUser(t, s, "aud@corp.example", "Aud", helpdesk.RoleAdmin)
	full := mustAppendAudit(t, s, &helpdesk.AuditEntry{
		CreatedAt: at(time.Microsecond), ActorID: &u.ID, Action: "ticket.update", TargetType: "ticket", TargetID: "42",
		Before: []byte(`{"status":"new","tags":["a","b"],"n":1.5,"nested":{"x":null}}`),
		After:  []byte(`{"status": "open", "tags": [], "subject": "héllo \"q\""}`),
		IP:     "2001:db8::1", RequestID: "req-123",
	})
	bare := mustAppendAudit(t, s, &helpdesk.AuditEntry{
		CreatedAt: at(2 * time.Microsecond), Action: "auth.login_failed", TargetType: "email", TargetID: "x@y.example",
	})
	// The audit log outlives users, so an actor id need not exist.
	ghost := mustAppendAudit(t, s, &helpdesk.AuditEntry{
		CreatedAt: at(3 * time.Microsecond), ActorID: ptr(int64(987654)), Action: "user.delete", TargetType: "user", TargetID: "987654",
	})
	if !(full.ID < bare.ID && bare.ID < ghost.ID) {
		t.Errorf("AppendAudit ids: got %d, %d, %d, want increasing", full.ID, bare.ID, ghost.ID)
	}
	got, err := s.ListAudit(t.Context(), helpdesk.AuditFilter{Limit: 10})
	must(t, "ListAudit", err)
	checkIDs(t, "ListAudit (newest first)", ids(got, auditID), []int64{ghost.ID, bare.ID, full.ID})
	if len(got) != 3 {
		return
	}
	checkAudit(t, "audit entry with JSON", got[2], full)
	checkAudit(t, "audit entry without JSON", got[1], bare)
	checkAudit(t, "audit entry with a missing actor", got[0], ghost)
	if len(got[1].Before) != 0 || len(got[1].After) != 0 {
		t.Errorf("audit entry without JSON: Before %q After %q, want both empty", got[1].Before, got[1].After)
	}
}

// auditWorld appends twelve entries from two actors and a system actor
// over twelve minutes.
func auditWorld(t *testing.T, s helpdesk.Store) (entries []*helpdesk.AuditEntry, a1, a2 int64) {
	t.Helper()
	a1, a2 = 11, 22
	actors := []*int64{&a1, &a2, nil}
	actions := []string{"ticket.create", "ticket.update", "auth.login"}
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		for i := range 12 {
			e := &helpdesk.AuditEntry{CreatedAt: at(time.Duration(i)*time.Minute + time.Microsecond),
				ActorID: actors[i%3], Action: actions[(i/2)%3], TargetType: "ticket",
				TargetID: []string{"1", "2", "10", "1"}[i%4], After: []byte(`{"i":1}`)}
			if i%4 == 3 {
				e.TargetType = "user"
			}
			if err := tx.AppendAudit(ctx, e); err != nil {
				return err
			}
			entries = append(entries, e)
		}
		return nil
	})
	slices.Reverse(entries)
	return entries, a1, a2
}

func testAuditFilters(t *testing.T, s helpdesk.Store) {
	all, a1, _ := auditWorld(t, s)
	pick := func(keep func(e *helpdesk.AuditEntry) bool) []int64 {
		var out []int64
		for _, e := range all {
			if keep(e) {
				out = append(out, e.ID)
			}
		}
		return out
	}
	since, until := at(3*time.Minute), at(8*time.Minute)
	cases := []struct {
		name string
		f    helpdesk.AuditFilter
		want []int64
	}{
		{"None", helpdesk.AuditFilter{}, pick(func(*helpdesk.AuditEntry) bool { return true })},
		{"Actor", helpdesk.AuditFilter{ActorID: &a1},
			pick(func(e *helpdesk.AuditEntry) bool { return e.ActorID != nil && *e.ActorID == a1 })},
		{"Action", helpdesk.AuditFilter{Action: "ticket.update"},
			pick(func(e *helpdesk.AuditEntry) bool { return e.Action == "ticket.update" })},
		{"Target", helpdesk.AuditFilter{TargetType: "ticket", TargetID: "1"},
			pick(func(e *helpdesk.AuditEntry) bool { return e.TargetType == "ticket" && e.TargetID == "1" })},
		{"TargetType", helpdesk.AuditFilter{TargetType: "user"},
			pick(func(e *helpdesk.AuditEntry) bool { return e.TargetType == "user" })},
		{"SinceUntil", helpdesk.AuditFilter{Since: &since, Until: &until},
			pick(func(e *helpdesk.AuditEntry) bool { return e.CreatedAt.After(since) && e.CreatedAt.Before(until) })},
		{"Since", helpdesk.AuditFilter{Since: &since},
			pick(func(e *helpdesk.AuditEntry) bool { return e.CreatedAt.After(since) })},
		{"Until", helpdesk.AuditFilter{Until: &until},
			pick(func(e *helpdesk.AuditEntry) bool { return e.CreatedAt.Before(until) })},
		{"ActorAndAction", helpdesk.AuditFilter{ActorID: &a1, Action: "ticket.create"},
			pick(func(e *helpdesk.AuditEntry) bool {
				return e.ActorID != nil && *e.ActorID == a1 && e.Action == "ticket.create"
			})},
	}
	for _, c := range cases {
		if len(c.want) == 0 || (c.name != "None" && len(c.want) == len(all)) {
			t.Fatalf("fixture: audit filter %s selects %d of %d entries; the test would prove little",
				c.name, len(c.want), len(all))
		}
		c.f.Limit = 100
		got, err := s.ListAudit(t.Context(), c.f)
		if err != nil {
			t.Errorf("ListAudit(%s): %v", c.name, err)
			continue
		}
		checkIDs(t, "ListAudit("+c.name+")", ids(got, auditID), c.want)
	}
}

func testAuditPaging(t *testing.T, s helpdesk.Store) {
	all, _, a2 := auditWorld(t, s)
	for _, c := range []struct {
		name  string
		f     helpdesk.AuditFilter
		match func(*helpdesk.AuditEntry) bool
	}{
		{"All", helpdesk.AuditFilter{Limit: 5}, func(*helpdesk.AuditEntry) bool { return true }},
		{"Actor", helpdesk.AuditFilter{ActorID: &a2, Limit: 3},
			func(e *helpdesk.AuditEntry) bool { return e.ActorID != nil && *e.ActorID == a2 }},
	} {
		var want, got []int64
		for _, e := range all {
			if c.match(e) {
				want = append(want, e.ID)
			}
		}
		f := c.f
		for range 20 {
			page, err := s.ListAudit(t.Context(), f)
			must(t, "ListAudit", err)
			if len(page) > c.f.Limit {
				t.Fatalf("ListAudit(Limit %d): got %d rows", c.f.Limit, len(page))
			}
			got = append(got, ids(page, auditID)...)
			if len(page) < c.f.Limit {
				break
			}
			f.BeforeID = page[len(page)-1].ID
		}
		checkIDs(t, "ListAudit("+c.name+") paged by BeforeID", got, want)
	}
}
