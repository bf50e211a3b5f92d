package service_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/jobs"
	"github.com/triagehq/triage/internal/realtime"
	"github.com/triagehq/triage/internal/service"
)

// recorder is a Publisher and a Sockets that remembers what it was told.
type recorder struct {
	mu       sync.Mutex
	events   []realtime.Event
	controls []string
}

func (r *recorder) Publish(_ context.Context, e realtime.Event) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if err := e.Validate(); err != nil {
		return err
	}
	r.events = append(r.events, e)
	return nil
}

func (r *recorder) control(s string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.controls = append(r.controls, s)
	return nil
}

func (r *recorder) CloseUser(_ context.Context, id int64) error {
	return r.control("close_user:" + itoa(id))
}
func (r *recorder) CloseOtherSessions(_ context.Context, id int64, keep string) error {
	return r.control("close_others:" + itoa(id) + ":" + keep)
}
func (r *recorder) CloseSession(_ context.Context, sid string) error {
	return r.control("close_session:" + sid)
}
func (r *recorder) RescopeUser(_ context.Context, id int64) error {
	return r.control("rescope:" + itoa(id))
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// take returns and forgets what was recorded.
func (r *recorder) take() ([]realtime.Event, []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	e, c := r.events, r.controls
	r.events, r.controls = nil, nil
	return e, c
}

func newEventService(t *testing.T) (*service.Service, *fixtures, *recorder) {
	rec := &recorder{}
	svc, _, f := newTestService(t, func(o *service.Options) { o.Events = rec })
	svc.AttachSockets(rec)
	return svc, f, rec
}

func TestEventsAfterCommitOnly(t *testing.T) {
	svc, f, rec := newEventService(t)
	ctx := context.Background()
	admin := f.admin("Ada")
	agent := f.agent("Bob")
	cust := f.customer("Cy")
	rec.take()

	tk := f.ticket(cust, service.NewTicket{Subject: "Printer on fire"})
	evs, _ := rec.take()
	if len(evs) != 1 || evs[0].Type != realtime.TypeTicketCreated || evs[0].Ticket.ID != tk.ID || evs[0].Ticket.RequesterID != cust.User.ID {
		t.Fatalf("create: events %+v", evs)
	}
	if !strings.Contains(string(evs[0].PublicPayload), "Printer on fire") || strings.Contains(string(evs[0].PublicPayload), "priority") {
		t.Fatalf("public payload %s", evs[0].PublicPayload)
	}

	// A refused change publishes nothing.
	if _, err := svc.CreateTicket(ctx, cust, service.NewTicket{Subject: "", Body: "x"}); err == nil {
		t.Fatal("empty subject accepted")
	}
	if _, err := svc.UpdateTicket(ctx, cust, tk.ID, helpdesk.TicketUpdate{Priority: ptr(helpdesk.PriorityHigh)}); err == nil {
		t.Fatal("customer changed priority")
	}
	if evs, _ := rec.take(); len(evs) != 0 {
		t.Fatalf("refused changes published %+v", evs)
	}

	// Assignment names the ticket as it was, for those who lose it.
	if _, err := svc.UpdateTicket(ctx, admin, tk.ID, helpdesk.TicketUpdate{AssigneeID: &agent.User.ID}); err != nil {
		t.Fatal(err)
	}
	evs, _ = rec.take()
	if len(evs) != 1 || evs[0].Type != realtime.TypeTicketAssigned || evs[0].Before == nil || evs[0].Before.AssigneeID != nil ||
		evs[0].Ticket.AssigneeID == nil || *evs[0].Ticket.AssigneeID != agent.User.ID {
		t.Fatalf("assign: events %+v", evs)
	}
	// A no-op update publishes nothing.
	if _, err := svc.UpdateTicket(ctx, admin, tk.ID, helpdesk.TicketUpdate{AssigneeID: &agent.User.ID}); err != nil {
		t.Fatal(err)
	}
	if evs, _ := rec.take(); len(evs) != 0 {
		t.Fatalf("no-op update published %+v", evs)
	}

	// An internal note is internal all the way: no public payload at all.
	if _, err := svc.AddComment(ctx, agent, tk.ID, "secret plan", true); err != nil {
		t.Fatal(err)
	}
	evs, _ = rec.take()
	if len(evs) != 2 {
		t.Fatalf("note: events %+v", evs)
	}
	for _, e := range evs {
		if !e.Internal || len(e.PublicPayload) != 0 {
			t.Fatalf("note event %s reaches customers: %+v", e.Type, e)
		}
		if strings.Contains(string(e.Payload), "secret plan") {
			t.Fatalf("event %s carries the note's text", e.Type)
		}
	}
	// A public reply reaches the customer, without the internal flag.
	if _, err := svc.AddComment(ctx, agent, tk.ID, "on my way", false); err != nil {
		t.Fatal(err)
	}
	evs, _ = rec.take()
	if len(evs) != 2 || evs[0].Type != realtime.TypeCommentCreated || evs[0].Internal || len(evs[0].PublicPayload) == 0 ||
		evs[1].Type != realtime.TypeTicketUpdated || evs[1].Internal {
		t.Fatalf("reply: events %+v", evs)
	}
}

func TestSocketsFollowSessionsAndScope(t *testing.T) {
	svc, f, rec := newEventService(t)
	ctx := context.Background()
	admin := f.admin("Ada")
	agent := f.agent("Bob")
	rec.take()

	tm := f.team(admin, "Billing", agent)
	_, ctl := rec.take()
	if !slices.Contains(ctl, "rescope:"+itoa(agent.User.ID)) {
		t.Fatalf("joining a team: controls %v", ctl)
	}
	if err := svc.RemoveTeamMember(ctx, admin, tm.ID, agent.User.ID); err != nil {
		t.Fatal(err)
	}
	if _, ctl := rec.take(); !slices.Contains(ctl, "rescope:"+itoa(agent.User.ID)) {
		t.Fatalf("leaving a team: controls %v", ctl)
	}
	if _, err := svc.UpdateUser(ctx, admin, agent.User.ID, helpdesk.UserUpdate{Active: ptr(false)}); err != nil {
		t.Fatal(err)
	}
	if _, ctl := rec.take(); !slices.Contains(ctl, "rescope:"+itoa(agent.User.ID)) {
		t.Fatalf("deactivation: controls %v", ctl)
	}
	v, err := svc.RealtimeAuthorizer().Viewer(ctx, agent.User.ID)
	if helpdesk.ErrorCode(err) != helpdesk.EFORBIDDEN {
		t.Fatalf("deactivated user's viewer: %+v, %v", v, err)
	}
}

func TestChangesEnqueueNotificationJobs(t *testing.T) {
	svc, db, f := newTestService(t)
	ctx := context.Background()
	admin := f.admin("Ada")
	agent := f.agent("Bob")
	cust := f.customer("Cy")
	q, err := jobs.NewSQLite(db.JobDB(), jobs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	kinds := func() []string {
		list, err := q.List(ctx, jobs.ListFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		out := make([]string, len(list))
		for i, j := range list {
			out[i] = j.Kind
		}
		return out
	}
	t1 := f.ticket(cust, service.NewTicket{})
	t2 := f.ticket(cust, service.NewTicket{})
	if n := len(kinds()); n != 2 {
		t.Fatalf("%d jobs after two new tickets, want 2", n)
	}
	if _, err := svc.BulkUpdateTickets(ctx, admin, []int64{t1.ID, t2.ID}, service.BulkUpdate{TicketUpdate: helpdesk.TicketUpdate{AssigneeID: &agent.User.ID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.AddComment(ctx, agent, t1.ID, "done", false); err != nil {
		t.Fatal(err)
	}
	// A refused change enqueues nothing.
	if _, err := svc.AddComment(ctx, cust, t1.ID, "sneaky", true); err == nil {
		t.Fatal("customer posted an internal note")
	}
	if got := kinds(); len(got) != 5 || got[0] != "notify_event" {
		t.Fatalf("jobs %v, want 5 notify_event (2 created, 2 bulk assignments, 1 comment)", got)
	}
}
