package service_test

import (
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

func TestUpdateTicket_Staff(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	admin, agent, cust := f.admin("Ada"), f.agent("Al"), f.customer("Ann")
	tm := f.team(admin, "Billing", agent)
	tk := f.ticket(cust, service.NewTicket{})

	f.clock.Advance(time.Minute)
	got, err := svc.UpdateTicket(ctx, agent, tk.ID, helpdesk.TicketUpdate{
		Subject: ptr(tk.Subject), Priority: ptr(helpdesk.PriorityUrgent), AssigneeID: &agent.User.ID,
		TeamID: &tm.ID, Tags: &[]string{"Billing", "vip"},
	})
	must(t, "UpdateTicket", err)
	now := f.clock.Now().UTC().Truncate(time.Microsecond)
	if got.Priority != helpdesk.PriorityUrgent || *got.AssigneeID != agent.User.ID || *got.TeamID != tm.ID ||
		!slices.Equal(got.Tags, []string{"billing", "vip"}) || !got.UpdatedAt.Equal(now) {
		t.Errorf("got %+v", got)
	}
	if stored := f.storedTicket(tk.ID); !stored.UpdatedAt.Equal(now) || stored.Priority != helpdesk.PriorityUrgent {
		t.Errorf("stored %+v", stored)
	}
	e := f.audit("ticket.update")
	if len(e) != 1 {
		t.Fatalf("ticket.update entries: %d, want 1", len(e))
	}
	before, after := decodeAudit(t, e[0].Before), decodeAudit(t, e[0].After)
	wantKeys := []string{"assignee_id", "priority", "tags", "team_id"}
	if !slices.Equal(slices.Sorted(maps.Keys(after)), wantKeys) || !slices.Equal(slices.Sorted(maps.Keys(before)), wantKeys) {
		t.Errorf("audit before %v after %v, want keys %v (subject did not change)", before, after, wantKeys)
	}
	if before["priority"] != "normal" || after["priority"] != "urgent" || before["assignee_id"] != nil {
		t.Errorf("audit before %v after %v", before, after)
	}

	t.Run("Clear", func(t *testing.T) {
		got, err := svc.UpdateTicket(ctx, agent, tk.ID, helpdesk.TicketUpdate{ClearAssignee: true, ClearTeam: true})
		must(t, "UpdateTicket(clear)", err)
		if got.AssigneeID != nil || got.TeamID != nil {
			t.Errorf("got assignee %v team %v, want none", got.AssigneeID, got.TeamID)
		}
	})
	t.Run("NoChange", func(t *testing.T) {
		n := f.auditCount()
		f.clock.Advance(time.Minute)
		got, err := svc.UpdateTicket(ctx, agent, tk.ID, helpdesk.TicketUpdate{Priority: ptr(helpdesk.PriorityUrgent)})
		must(t, "UpdateTicket(same)", err)
		if got.UpdatedAt.Equal(f.clock.Now().UTC().Truncate(time.Microsecond)) || f.auditCount() != n {
			t.Error("an update that changes nothing bumped updated_at or wrote audit")
		}
	})
	t.Run("ErrEmpty", func(t *testing.T) {
		_, err := svc.UpdateTicket(ctx, agent, tk.ID, helpdesk.TicketUpdate{})
		wantCode(t, err, helpdesk.EINVALID)
		if helpdesk.ErrorMessage(err) != "Nothing to update." {
			t.Errorf("message %q", helpdesk.ErrorMessage(err))
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		n := f.auditCount()
		_, err := svc.UpdateTicket(ctx, agent, tk.ID, helpdesk.TicketUpdate{Subject: ptr(" "), Status: ptr(helpdesk.Status("x")),
			Priority: ptr(helpdesk.Priority("x")), Type: ptr(helpdesk.TicketType("x")), Tags: &[]string{""}})
		wantFields(t, err, "subject", "status", "priority", "type", "tags")
		_, err = svc.UpdateTicket(ctx, agent, tk.ID, helpdesk.TicketUpdate{AssigneeID: &cust.User.ID})
		wantFields(t, err, "assignee_id")
		_, err = svc.UpdateTicket(ctx, agent, tk.ID, helpdesk.TicketUpdate{AssigneeID: ptr(int64(999))})
		wantFields(t, err, "assignee_id")
		_, err = svc.UpdateTicket(ctx, agent, tk.ID, helpdesk.TicketUpdate{TeamID: ptr(int64(999))})
		wantFields(t, err, "team_id")
		_, err = svc.UpdateTicket(ctx, agent, tk.ID, helpdesk.TicketUpdate{TeamID: &tm.ID, ClearTeam: true})
		wantFields(t, err, "team_id")
		if got := f.auditCount(); got != n {
			t.Errorf("audit entries: got %d, want %d", got, n)
		}
		if stored := f.storedTicket(tk.ID); stored.AssigneeID != nil || stored.TeamID != nil {
			t.Errorf("a refused update changed the ticket: %+v", stored)
		}
	})
	t.Run("ErrNotVisible", func(t *testing.T) {
		other := f.agent("Otto")
		hidden := f.ticket(admin, service.NewTicket{TeamID: &tm.ID})
		_, err := svc.UpdateTicket(ctx, other, hidden.ID, helpdesk.TicketUpdate{Priority: ptr(helpdesk.PriorityLow)})
		wantCode(t, err, helpdesk.ENOTFOUND)
	})
}

func TestUpdateTicket_Status(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	admin, agent, cust := f.admin("Ada"), f.agent("Al"), f.customer("Ann")
	tk := f.ticket(cust, service.NewTicket{})
	set := func(p *helpdesk.Principal, st helpdesk.Status) (*helpdesk.Ticket, error) {
		f.clock.Advance(time.Minute)
		return svc.UpdateTicket(ctx, p, tk.ID, helpdesk.TicketUpdate{Status: &st})
	}

	got, err := set(agent, helpdesk.StatusSolved)
	must(t, "solve", err)
	if got.SolvedAt == nil || !got.SolvedAt.Equal(f.clock.Now().UTC().Truncate(time.Microsecond)) {
		t.Errorf("solved_at %v, want now", got.SolvedAt)
	}
	e := f.audit("ticket.update")[0]
	if a := decodeAudit(t, e.After); a["status"] != "solved" || a["solved_at"] == nil {
		t.Errorf("audit after %v", a)
	}
	got, err = set(cust, helpdesk.StatusOpen)
	must(t, "customer reopens", err)
	if got.Status != helpdesk.StatusOpen || got.SolvedAt != nil {
		t.Errorf("reopened: status %s solved_at %v, want open, nil", got.Status, got.SolvedAt)
	}
	got, err = set(cust, helpdesk.StatusSolved)
	must(t, "customer solves", err)
	if got.SolvedAt == nil || f.storedTicket(tk.ID).SolvedAt == nil {
		t.Error("solved_at not set when the customer solves")
	}
	solvedAt := *got.SolvedAt
	got, err = set(agent, helpdesk.StatusClosed)
	must(t, "close", err)
	if got.SolvedAt == nil || !got.SolvedAt.Equal(solvedAt) {
		t.Errorf("closing changed solved_at to %v, want %v", got.SolvedAt, solvedAt)
	}

	for _, tt := range []struct {
		name string
		p    *helpdesk.Principal
		st   helpdesk.Status
	}{
		{"CustomerReopen", cust, helpdesk.StatusOpen},
		{"CustomerSolve", cust, helpdesk.StatusSolved},
		{"AgentReopen", agent, helpdesk.StatusOpen},
	} {
		t.Run("ErrClosed"+tt.name, func(t *testing.T) {
			n := f.auditCount()
			_, err := set(tt.p, tt.st)
			wantCode(t, err, helpdesk.EFORBIDDEN)
			if helpdesk.ErrorMessage(err) != "Closed tickets cannot be reopened; open a new ticket." {
				t.Errorf("message %q", helpdesk.ErrorMessage(err))
			}
			if f.auditCount() != n || f.storedTicket(tk.ID).Status != helpdesk.StatusClosed {
				t.Error("a refused reopen changed something")
			}
		})
	}
	t.Run("AgentEditsClosedFields", func(t *testing.T) {
		_, err := svc.UpdateTicket(ctx, agent, tk.ID, helpdesk.TicketUpdate{Tags: &[]string{"followup"}})
		must(t, "tag a closed ticket", err)
	})
	t.Run("AdminReopens", func(t *testing.T) {
		got, err := set(admin, helpdesk.StatusOpen)
		must(t, "admin reopens", err)
		if got.Status != helpdesk.StatusOpen || got.SolvedAt != nil {
			t.Errorf("status %s solved_at %v", got.Status, got.SolvedAt)
		}
	})
}

func TestUpdateTicket_Customer(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	agent, a, b := f.agent("Al"), f.customer("Ann"), f.customer("Bob")
	tk := f.ticket(a, service.NewTicket{})

	tests := []struct {
		name string
		u    helpdesk.TicketUpdate
	}{
		{"Priority", helpdesk.TicketUpdate{Priority: ptr(helpdesk.PriorityUrgent)}},
		{"Subject", helpdesk.TicketUpdate{Subject: ptr("Better subject")}},
		{"Type", helpdesk.TicketUpdate{Type: ptr(helpdesk.TypeProblem)}},
		{"Assignee", helpdesk.TicketUpdate{AssigneeID: &agent.User.ID}},
		{"ClearAssignee", helpdesk.TicketUpdate{ClearAssignee: true}},
		{"Team", helpdesk.TicketUpdate{ClearTeam: true}},
		{"Tags", helpdesk.TicketUpdate{Tags: &[]string{"x"}}},
		{"Pending", helpdesk.TicketUpdate{Status: ptr(helpdesk.StatusPending)}},
		{"Closed", helpdesk.TicketUpdate{Status: ptr(helpdesk.StatusClosed)}},
		{"SolvedPlusPriority", helpdesk.TicketUpdate{Status: ptr(helpdesk.StatusSolved), Priority: ptr(helpdesk.PriorityLow)}},
	}
	n := f.auditCount()
	for _, tt := range tests {
		t.Run("ErrForbidden"+tt.name, func(t *testing.T) {
			_, err := svc.UpdateTicket(ctx, a, tk.ID, tt.u)
			wantCode(t, err, helpdesk.EFORBIDDEN)
		})
	}
	t.Run("ErrOtherCustomer", func(t *testing.T) {
		_, err := svc.UpdateTicket(ctx, b, tk.ID, helpdesk.TicketUpdate{Status: ptr(helpdesk.StatusSolved)})
		wantCode(t, err, helpdesk.ENOTFOUND)
	})
	if got := f.auditCount(); got != n {
		t.Errorf("audit entries: got %d, want %d", got, n)
	}
	got, err := svc.UpdateTicket(ctx, a, tk.ID, helpdesk.TicketUpdate{Status: ptr(helpdesk.StatusSolved)})
	must(t, "customer solves", err)
	if got.Status != helpdesk.StatusSolved {
		t.Errorf("status %s", got.Status)
	}
}
