package service_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

func TestCreateTicket_Customer(t *testing.T) {
	ctx := context.Background()
	svc, db, f := newTestService(t)
	cust := f.customer("Ann")

	tk, err := svc.CreateTicket(ctx, cust, service.NewTicket{Subject: "  Login fails  ", Body: "Hi <script>x</script> **help**", Type: helpdesk.TypeIncident})
	must(t, "CreateTicket", err)
	now := f.clock.Now().UTC().Truncate(time.Microsecond)
	if tk.Subject != "Login fails" || tk.Status != helpdesk.StatusNew || tk.Priority != helpdesk.PriorityNormal ||
		tk.Type != helpdesk.TypeIncident || tk.RequesterID != cust.User.ID || tk.AssigneeID != nil || tk.TeamID != nil ||
		tk.Tags == nil || len(tk.Tags) != 0 || !tk.CreatedAt.Equal(now) || !tk.UpdatedAt.Equal(now) {
		t.Errorf("got %+v", tk)
	}
	comments, err := db.ListComments(ctx, helpdesk.CommentFilter{TicketID: tk.ID, IncludeInternal: true, Limit: 10})
	must(t, "ListComments", err)
	if len(comments) != 1 || comments[0].Internal || comments[0].AuthorID != cust.User.ID ||
		comments[0].Body != "Hi <script>x</script> **help**" || !strings.Contains(comments[0].BodyHTML, "<strong>help</strong>") ||
		strings.Contains(comments[0].BodyHTML, "<script") {
		t.Errorf("first comment %+v", comments)
	}
	e := f.audit("ticket.create")
	if len(e) != 1 || e[0].TargetType != "ticket" || e[0].TargetID != strconv.FormatInt(tk.ID, 10) ||
		decodeAudit(t, e[0].After)["subject"] != "Login fails" {
		t.Errorf("ticket.create audit %+v", e)
	}

	t.Run("ErrStaffFields", func(t *testing.T) {
		n := f.auditCount()
		_, err := svc.CreateTicket(ctx, cust, service.NewTicket{
			Subject: "S", Body: "B", Priority: helpdesk.PriorityUrgent, Status: helpdesk.StatusOpen,
			RequesterID: ptr(cust.User.ID), AssigneeID: ptr(int64(1)), TeamID: ptr(int64(1)), Tags: []string{"vip"},
		})
		wantFields(t, err, "priority", "status", "requester_id", "assignee_id", "team_id", "tags")
		wantFieldMessage(t, err, "priority", "only agents can set this")
		if got := f.auditCount(); got != n {
			t.Errorf("audit entries: got %d, want %d", got, n)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		_, err := svc.CreateTicket(ctx, cust, service.NewTicket{Subject: strings.Repeat("s", 251), Body: "  ", Type: "rant"})
		wantFields(t, err, "subject", "body", "type")
		_, err = svc.CreateTicket(ctx, cust, service.NewTicket{Subject: "a\nb", Body: strings.Repeat("x", helpdesk.MaxBodyLen+1)})
		wantFields(t, err, "subject", "body")
	})
}

func TestCreateTicket_Staff(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	admin, agent, cust := f.admin("Ada"), f.agent("Al"), f.customer("Ann")
	tm := f.team(admin, "Billing", agent)

	tk, err := svc.CreateTicket(ctx, agent, service.NewTicket{
		Subject: "Refund", Body: "Called in", Priority: helpdesk.PriorityHigh, Type: helpdesk.TypeTask,
		Status: helpdesk.StatusSolved, RequesterID: &cust.User.ID, AssigneeID: &agent.User.ID, TeamID: &tm.ID,
		Tags: []string{"VIP", " refund ", "vip"},
	})
	must(t, "CreateTicket", err)
	if tk.RequesterID != cust.User.ID || *tk.AssigneeID != agent.User.ID || *tk.TeamID != tm.ID ||
		!slices.Equal(tk.Tags, []string{"refund", "vip"}) || tk.Status != helpdesk.StatusSolved || tk.SolvedAt == nil {
		t.Errorf("got %+v", tk)
	}
	if got := f.storedTicket(tk.ID); !slices.Equal(got.Tags, tk.Tags) || got.Priority != helpdesk.PriorityHigh {
		t.Errorf("stored %+v", got)
	}
	own := f.ticket(agent, service.NewTicket{})
	if own.RequesterID != agent.User.ID {
		t.Errorf("requester %d, want the caller %d", own.RequesterID, agent.User.ID)
	}

	t.Run("ErrForeignIDs", func(t *testing.T) {
		inactive := f.agent("Gone")
		_, err := svc.UpdateUser(ctx, admin, inactive.User.ID, helpdesk.UserUpdate{Active: ptr(false)})
		must(t, "deactivate", err)
		n := f.auditCount()
		tests := []struct {
			name  string
			in    service.NewTicket
			field string
			msg   string
		}{
			{"MissingRequester", service.NewTicket{RequesterID: ptr(int64(9999))}, "requester_id", "does not exist"},
			{"InactiveRequester", service.NewTicket{RequesterID: &inactive.User.ID}, "requester_id", "active"},
			{"MissingAssignee", service.NewTicket{AssigneeID: ptr(int64(9999))}, "assignee_id", "does not exist"},
			{"CustomerAssignee", service.NewTicket{AssigneeID: &cust.User.ID}, "assignee_id", "agent or admin"},
			{"InactiveAssignee", service.NewTicket{AssigneeID: &inactive.User.ID}, "assignee_id", "agent or admin"},
			{"MissingTeam", service.NewTicket{TeamID: ptr(int64(9999))}, "team_id", "does not exist"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				tt.in.Subject, tt.in.Body = "S", "B"
				_, err := svc.CreateTicket(ctx, agent, tt.in)
				wantFields(t, err, tt.field)
				wantFieldMessage(t, err, tt.field, tt.msg)
			})
		}
		if got := f.auditCount(); got != n {
			t.Errorf("audit entries: got %d, want %d", got, n)
		}
	})
	t.Run("ErrEnums", func(t *testing.T) {
		_, err := svc.CreateTicket(ctx, agent, service.NewTicket{Subject: "S", Body: "B", Priority: "asap", Status: "done", Tags: []string{"a b"}})
		wantFields(t, err, "priority", "status", "tags")
	})
}

// visibilityWorld is the cast of the visibility tests: two customers, an
// agent in the team, an agent outside it, and an admin, with a ticket of
// each kind the rule distinguishes.
type visibilityWorld struct {
	admin, inTeam, outside, custA, custB *helpdesk.Principal
	// noTeam has no team; teamed belongs to the team; assigned belongs to
	// the team but is assigned to the outside agent; ofB is customer B's.
	noTeam, teamed, assigned, ofB *helpdesk.Ticket
}

func newVisibilityWorld(f *fixtures) *visibilityWorld {
	w := &visibilityWorld{admin: f.admin("Ada"), inTeam: f.agent("Ina"), outside: f.agent("Otto"), custA: f.customer("Ann"), custB: f.customer("Bob")}
	tm := f.team(w.admin, "Billing", w.inTeam)
	w.noTeam = f.ticket(w.custA, service.NewTicket{Subject: "no team"})
	w.teamed = f.ticket(w.admin, service.NewTicket{Subject: "teamed", RequesterID: &w.custA.User.ID, TeamID: &tm.ID})
	w.assigned = f.ticket(w.admin, service.NewTicket{Subject: "assigned", RequesterID: &w.custA.User.ID, TeamID: &tm.ID, AssigneeID: &w.outside.User.ID})
	w.ofB = f.ticket(w.custB, service.NewTicket{Subject: "of B"})
	return w
}

func TestTicketVisibility(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	w := newVisibilityWorld(f)
	all := []*helpdesk.Ticket{w.noTeam, w.teamed, w.assigned, w.ofB}
	tests := []struct {
		name string
		p    *helpdesk.Principal
		want []*helpdesk.Ticket
	}{
		{"Admin", w.admin, all},
		{"AgentInTeam", w.inTeam, all},
		{"AgentOutsideTeam", w.outside, []*helpdesk.Ticket{w.noTeam, w.assigned, w.ofB}},
		{"CustomerA", w.custA, []*helpdesk.Ticket{w.noTeam, w.teamed, w.assigned}},
		{"CustomerB", w.custB, []*helpdesk.Ticket{w.ofB}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []int64
			for _, tk := range tt.want {
				want = append(want, tk.ID)
			}
			var gettable []int64
			for _, tk := range all {
				got, err := svc.GetTicket(ctx, tt.p, tk.ID)
				if err == nil {
					gettable = append(gettable, got.ID)
					continue
				}
				wantCode(t, err, helpdesk.ENOTFOUND)
				if helpdesk.ErrorMessage(err) != "Ticket not found." {
					t.Errorf("message %q", helpdesk.ErrorMessage(err))
				}
			}
			slices.Sort(gettable)
			if !slices.Equal(gettable, want) {
				t.Errorf("GetTicket finds %v, want %v", gettable, want)
			}
			// The list must agree with the single-ticket rule.
			items, _, err := svc.ListTickets(ctx, tt.p, helpdesk.TicketFilter{Sort: helpdesk.SortIDAsc})
			must(t, "ListTickets", err)
			var listed []int64
			for _, tk := range items {
				listed = append(listed, tk.ID)
			}
			if !slices.Equal(listed, want) {
				t.Errorf("ListTickets lists %v, want %v", listed, want)
			}
		})
	}
	t.Run("Missing", func(t *testing.T) {
		_, err := svc.GetTicket(ctx, w.admin, 12345)
		wantCode(t, err, helpdesk.ENOTFOUND)
		if helpdesk.ErrorMessage(err) != "Ticket not found." {
			t.Errorf("message %q", helpdesk.ErrorMessage(err))
		}
	})
	t.Run("ViewerNotTrusted", func(t *testing.T) {
		items, _, err := svc.ListTickets(ctx, w.custB, helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: w.admin.User.ID, Role: helpdesk.RoleAdmin}})
		must(t, "ListTickets", err)
		if len(items) != 1 || items[0].ID != w.ofB.ID {
			t.Errorf("customer B with a forged viewer listed %d tickets", len(items))
		}
	})
}

func TestListTickets_Paging(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	agent := f.agent("Al")
	var ids []int64
	for i := range 7 {
		f.clock.Advance(time.Second)
		ids = append(ids, f.ticket(agent, service.NewTicket{Subject: "T" + strconv.Itoa(i)}).ID)
	}
	slices.Reverse(ids) // newest updated first: the default sort

	var got []int64
	var cursor *helpdesk.TicketCursor
	for pages := 0; ; pages++ {
		items, next, err := svc.ListTickets(ctx, agent, helpdesk.TicketFilter{Limit: 3, After: cursor})
		must(t, "ListTickets", err)
		for _, tk := range items {
			got = append(got, tk.ID)
		}
		if next == nil {
			break
		}
		if next.Sort != helpdesk.SortUpdatedDesc || next.ID != items[len(items)-1].ID {
			t.Fatalf("cursor %+v, want the last item under -updated_at", next)
		}
		if cursor = next; pages > 5 {
			t.Fatal("paging does not end")
		}
	}
	if !slices.Equal(got, ids) {
		t.Errorf("pages give %v, want %v", got, ids)
	}
	items, next, err := svc.ListTickets(ctx, agent, helpdesk.TicketFilter{Limit: 7})
	must(t, "ListTickets(7)", err)
	if len(items) != 7 || next != nil {
		t.Errorf("exact page: %d items, next %v; want 7, nil", len(items), next)
	}
}

func TestListTickets_ErrInvalid(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	agent := f.agent("Al")
	tests := []struct {
		name  string
		f     helpdesk.TicketFilter
		field string
	}{
		{"NegativeLimit", helpdesk.TicketFilter{Limit: -1}, "limit"},
		{"HugeLimit", helpdesk.TicketFilter{Limit: 1_000_000}, "limit"},
		{"Sort", helpdesk.TicketFilter{Sort: "subject"}, "sort"},
		{"Status", helpdesk.TicketFilter{Statuses: []helpdesk.Status{"open", "gone"}}, "status"},
		{"Priority", helpdesk.TicketFilter{Priorities: []helpdesk.Priority{"meh"}}, "priority"},
		{"Type", helpdesk.TicketFilter{Types: []helpdesk.TicketType{"bug"}}, "type"},
		{"AssigneeAndNone", helpdesk.TicketFilter{AssigneeID: ptr(int64(1)), Unassigned: true}, "assignee"},
		{"Tag", helpdesk.TicketFilter{Tag: "no spaces"}, "tag"},
		{"CursorSort", helpdesk.TicketFilter{Sort: helpdesk.SortIDAsc, After: &helpdesk.TicketCursor{Sort: helpdesk.SortUpdatedDesc, Key: 1, ID: 1}}, "cursor"},
		{"CursorDefaultSort", helpdesk.TicketFilter{After: &helpdesk.TicketCursor{Sort: helpdesk.SortIDAsc, Key: 1, ID: 1}}, "cursor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := svc.ListTickets(ctx, agent, tt.f)
			wantFields(t, err, tt.field)
		})
	}
	_, _, err := svc.ListTickets(ctx, agent, helpdesk.TicketFilter{Sort: "bogus"})
	wantFieldMessage(t, err, "sort", "-updated_at")
}

func TestListTickets_Filters(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	agent, cust := f.agent("Al"), f.customer("Ann")
	urgent := f.ticket(agent, service.NewTicket{Priority: helpdesk.PriorityUrgent, Tags: []string{"vip"}, AssigneeID: &agent.User.ID})
	f.ticket(cust, service.NewTicket{})

	items, _, err := svc.ListTickets(ctx, agent, helpdesk.TicketFilter{Tag: " VIP "})
	must(t, "ListTickets(tag)", err)
	if len(items) != 1 || items[0].ID != urgent.ID {
		t.Errorf("tag filter: %d items", len(items))
	}
	items, _, err = svc.ListTickets(ctx, agent, helpdesk.TicketFilter{Unassigned: true})
	must(t, "ListTickets(unassigned)", err)
	if len(items) != 1 || items[0].AssigneeID != nil {
		t.Errorf("unassigned filter: %d items", len(items))
	}
}
