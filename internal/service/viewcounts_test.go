package service_test

import (
	"context"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/realtime"
	"github.com/triagehq/triage/internal/service"
	"github.com/triagehq/triage/internal/sqlite"
)

// countWorld is a desk with two views for everyone: all tickets, and the
// high-priority ones.
type countWorld struct {
	svc         *service.Service
	store       *sqlite.DB
	f           *fixtures
	admin, cust *helpdesk.Principal
	all, high   int64 // view ids
}

func newCountWorld(t *testing.T) *countWorld {
	t.Helper()
	svc, store, f := newTestService(t)
	w := &countWorld{svc: svc, store: store, f: f, admin: f.admin("Ada"), cust: f.customer("Cy")}
	ctx := context.Background()
	all, err := svc.CreateView(ctx, w.admin, service.NewView{Name: "All", Scope: helpdesk.ViewEveryone})
	must(t, "CreateView(all)", err)
	high, err := svc.CreateView(ctx, w.admin, service.NewView{Name: "High", Query: "priority:high", Scope: helpdesk.ViewEveryone})
	must(t, "CreateView(high)", err)
	w.all, w.high = all.ID, high.ID
	return w
}

// counts returns p's count of each view by id, failing on a count error.
func (w *countWorld) counts(t *testing.T, p *helpdesk.Principal) map[int64]int {
	t.Helper()
	list, err := w.svc.ListViews(context.Background(), p)
	must(t, "ListViews", err)
	out := map[int64]int{}
	for _, v := range list {
		if v.CountError != "" || v.Capped {
			t.Fatalf("view %s: count error %q, capped %v", v.Name, v.CountError, v.Capped)
		}
		out[v.ID] = v.Count
	}
	return out
}

// wantCounts checks p's counts of the all and high views.
func (w *countWorld) wantCounts(t *testing.T, p *helpdesk.Principal, all, high int) {
	t.Helper()
	got := w.counts(t, p)
	if got[w.all] != all || got[w.high] != high {
		t.Errorf("counts: all %d, high %d; want %d, %d", got[w.all], got[w.high], all, high)
	}
}

// quietTicket stores a ticket straight in the database: a change no event
// reports, as if made by a process with no bus.
func (w *countWorld) quietTicket(t *testing.T) {
	t.Helper()
	now := w.f.clock.Now().UTC().Truncate(time.Microsecond)
	tk := &helpdesk.Ticket{Subject: "Quiet", Status: helpdesk.StatusOpen, Priority: helpdesk.PriorityHigh,
		Type: helpdesk.TypeQuestion, RequesterID: w.cust.User.ID, Tags: []string{}, CreatedAt: now, UpdatedAt: now}
	err := w.store.Update(context.Background(), func(ctx context.Context, tx helpdesk.Tx) error {
		return tx.CreateTicket(ctx, tk)
	})
	must(t, "CreateTicket in the store", err)
}

func TestViewCountsCachedUntilTicketsChange(t *testing.T) {
	w := newCountWorld(t)
	ctx := context.Background()
	w.f.ticket(w.admin, service.NewTicket{RequesterID: &w.cust.User.ID})
	w.wantCounts(t, w.admin, 1, 0)

	// A change no event reports is not seen while the counts are cached...
	w.quietTicket(t)
	w.wantCounts(t, w.admin, 1, 0)
	w.f.clock.Advance(service.ViewCountMaxAge - time.Second)
	w.wantCounts(t, w.admin, 1, 0)
	// ...and is once they are too old.
	w.f.clock.Advance(time.Second)
	w.wantCounts(t, w.admin, 2, 1)

	// A change made through this service is seen at once.
	tk := w.f.ticket(w.admin, service.NewTicket{RequesterID: &w.cust.User.ID})
	w.wantCounts(t, w.admin, 3, 1)
	high := helpdesk.PriorityHigh
	_, err := w.svc.UpdateTicket(ctx, w.admin, tk.ID, helpdesk.TicketUpdate{Priority: &high})
	must(t, "UpdateTicket", err)
	w.wantCounts(t, w.admin, 3, 2)
	_, err = w.svc.AddComment(ctx, w.admin, tk.ID, "Looking.", false)
	must(t, "AddComment", err)
	w.wantCounts(t, w.admin, 3, 2)
}

func TestViewCountsPerViewer(t *testing.T) {
	w := newCountWorld(t)
	agent := w.f.agent("Oto")
	team := w.f.team(w.admin, "Billing")
	w.f.ticket(w.admin, service.NewTicket{RequesterID: &w.cust.User.ID, TeamID: &team.ID})
	w.f.ticket(w.admin, service.NewTicket{RequesterID: &w.cust.User.ID})
	w.wantCounts(t, w.admin, 2, 0)
	// The agent is in no team: the Billing ticket is not theirs to count.
	w.wantCounts(t, agent, 1, 0)
	// Joining the team changes what they see, and so their counts.
	must(t, "AddTeamMember", w.svc.AddTeamMember(context.Background(), w.admin, team.ID, agent.User.ID))
	w.wantCounts(t, agent, 2, 0)
}

// feed is a Changes whose events the test sends one at a time. The channel
// is unbuffered, so when a send returns the follower has taken the event,
// and when the next send returns it has finished with it.
type feed struct {
	ch     chan realtime.Event
	closed bool
}

func (f *feed) Subscribe(context.Context) (<-chan realtime.Event, func(), error) {
	return f.ch, func() { close(f.ch); f.closed = true }, nil
}

// send hands e to the follower and waits until it has dealt with it.
func (f *feed) send(e realtime.Event) {
	f.ch <- e
	f.ch <- realtime.Event{Type: realtime.TypePresence}
}

func TestViewCountsFollowOtherInstances(t *testing.T) {
	w := newCountWorld(t)
	fd := &feed{ch: make(chan realtime.Event)}
	stop, err := w.svc.FollowChanges(context.Background(), fd)
	must(t, "FollowChanges", err)
	w.wantCounts(t, w.admin, 0, 0)

	w.quietTicket(t) // made by another instance
	fd.send(realtime.Event{Type: realtime.TypePresence})
	fd.send(realtime.Event{Type: realtime.TypeNotificationCreated})
	w.wantCounts(t, w.admin, 0, 0)
	fd.send(realtime.Event{Type: realtime.TypeTicketCreated})
	w.wantCounts(t, w.admin, 1, 1)

	w.quietTicket(t)
	fd.send(realtime.Event{Type: realtime.TypeResync})
	w.wantCounts(t, w.admin, 2, 2)

	stop()
	if !fd.closed {
		t.Error("stop did not end the subscription")
	}
}

func TestViewCountError(t *testing.T) {
	w := newCountWorld(t)
	// A query the parser refuses cannot be saved through the service; one
	// stored anyway (say, by an older version) is listed with its problem.
	now := w.f.clock.Now().UTC().Truncate(time.Microsecond)
	v := &helpdesk.SavedView{OwnerID: w.admin.User.ID, Name: "Broken", Query: "stauts:open", Columns: []string{"id"},
		Scope: helpdesk.ViewPersonal, CreatedAt: now, UpdatedAt: now}
	must(t, "CreateSavedView", w.store.Update(context.Background(), func(ctx context.Context, tx helpdesk.Tx) error {
		return tx.CreateSavedView(ctx, v)
	}))
	list, err := w.svc.ListViews(context.Background(), w.admin)
	must(t, "ListViews", err)
	for _, got := range list {
		if got.ID == v.ID && (got.CountError == "" || got.Count != 0) {
			t.Errorf("broken view: count %d, error %q; want 0 and an error", got.Count, got.CountError)
		}
		if got.ID != v.ID && got.CountError != "" {
			t.Errorf("view %s: count error %q", got.Name, got.CountError)
		}
	}
}
