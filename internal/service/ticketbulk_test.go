package service_test

import (
	"context"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

func TestBulkUpdateTickets_Fields(t *testing.T) {
	svc, f, w := newTeamWorld(t)
	ctx := context.Background()
	ids := []int64{w.byTeam[w.red.ID][0], w.byTeam[0][0], w.byTeam[w.blue.ID][0]}
	before := f.auditCount()
	f.clock.Advance(time.Minute)
	res, err := svc.BulkUpdateTickets(ctx, w.agent, ids, service.BulkUpdate{TicketUpdate: helpdesk.TicketUpdate{
		Status: ptr(helpdesk.StatusPending), AssigneeID: &w.agent.User.ID, Priority: ptr(helpdesk.PriorityHigh)}})
	must(t, "BulkUpdateTickets", err)
	if len(res) != len(ids) {
		t.Fatalf("results: %d, want %d", len(res), len(ids))
	}
	for i, r := range res {
		if r.ID != ids[i] || r.Err != nil || r.Ticket == nil || r.Ticket.ID != ids[i] {
			t.Fatalf("result %d: %+v", i, r)
		}
		st := f.storedTicket(r.ID)
		if st.Status != helpdesk.StatusPending || *st.AssigneeID != w.agent.User.ID || st.Priority != helpdesk.PriorityHigh {
			t.Errorf("ticket %d stored %+v", r.ID, st)
		}
	}
	// One audit entry per ticket, as PATCH writes.
	entries := f.audit("ticket.update")
	if f.auditCount()-before != len(ids) || len(entries) != len(ids) {
		t.Errorf("audit: %d new entries (%d ticket.update), want %d", f.auditCount()-before, len(entries), len(ids))
	}
	var targets []string
	for _, e := range entries {
		targets = append(targets, e.TargetID)
	}
	for _, id := range ids {
		if !slices.Contains(targets, strconv.FormatInt(id, 10)) {
			t.Errorf("no audit entry for ticket %d (targets %v)", id, targets)
		}
	}
}

func TestBulkUpdateTickets_PerTicketErrors(t *testing.T) {
	svc, f, w := newTeamWorld(t)
	ctx := context.Background()
	green := w.byTeam[w.green.ID][0] // invisible to w.agent
	closed := w.byTeam[0][1]
	_, err := svc.UpdateTicket(ctx, w.admin, closed, helpdesk.TicketUpdate{Status: ptr(helpdesk.StatusClosed)})
	must(t, "close", err)
	ok := w.byTeam[w.red.ID][1]
	ids := []int64{green, 99999, closed, ok}
	res, err := svc.BulkUpdateTickets(ctx, w.agent, ids, service.BulkUpdate{TicketUpdate: helpdesk.TicketUpdate{
		Status: ptr(helpdesk.StatusOpen)}})
	must(t, "BulkUpdateTickets", err)
	want := []string{helpdesk.ENOTFOUND, helpdesk.ENOTFOUND, helpdesk.EFORBIDDEN, ""}
	for i, r := range res {
		if r.ID != ids[i] || helpdesk.ErrorCode(r.Err) != want[i] {
			t.Errorf("item %d (ticket %d): got id %d err %v, want code %q", i, ids[i], r.ID, r.Err, want[i])
		}
		if (r.Err == nil) != (r.Ticket != nil) {
			t.Errorf("item %d: ticket %v with error %v; want exactly one", i, r.Ticket, r.Err)
		}
	}
	// The invisible ticket reads exactly like the missing one.
	if res[0].Err.Error() != res[1].Err.Error() {
		t.Errorf("invisible %q vs missing %q", res[0].Err, res[1].Err)
	}
	if st := f.storedTicket(green); st.Status != helpdesk.StatusNew {
		t.Errorf("invisible ticket changed: %+v", st)
	}
	if st := f.storedTicket(ok); st.Status != helpdesk.StatusOpen {
		t.Errorf("visible ticket not updated: %+v", st)
	}
}

func TestBulkUpdateTickets_Tags(t *testing.T) {
	svc, f, w := newTeamWorld(t)
	ctx := context.Background()
	a, b := w.byTeam[w.red.ID][0], w.byTeam[w.red.ID][1]
	_, err := svc.UpdateTicket(ctx, w.admin, a, helpdesk.TicketUpdate{Tags: &[]string{"vip", "old"}})
	must(t, "tag a", err)
	_, err = svc.UpdateTicket(ctx, w.admin, b, helpdesk.TicketUpdate{Tags: &[]string{"bug"}})
	must(t, "tag b", err)
	res, err := svc.BulkUpdateTickets(ctx, w.agent, []int64{a, b}, service.BulkUpdate{
		AddTags: []string{"Billing", "vip"}, RemoveTags: []string{"OLD"}})
	must(t, "BulkUpdateTickets", err)
	for _, r := range res {
		must(t, "item", r.Err)
	}
	if got := f.storedTicket(a).Tags; !slices.Equal(got, []string{"billing", "vip"}) {
		t.Errorf("ticket a tags %v", got)
	}
	if got := f.storedTicket(b).Tags; !slices.Equal(got, []string{"billing", "bug", "vip"}) {
		t.Errorf("ticket b tags %v", got)
	}
	// Adding tags a ticket already has changes nothing and audits nothing.
	n := f.auditCount()
	res, err = svc.BulkUpdateTickets(ctx, w.agent, []int64{a}, service.BulkUpdate{AddTags: []string{"vip"}})
	must(t, "BulkUpdateTickets(no-op)", err)
	if res[0].Err != nil || !slices.Equal(res[0].Ticket.Tags, []string{"billing", "vip"}) || f.auditCount() != n {
		t.Errorf("no-op add: %+v, audit %d -> %d", res[0], n, f.auditCount())
	}
	// Too many tags on one ticket fails that ticket only.
	many := make([]string, helpdesk.MaxTags-1)
	for i := range many {
		many[i] = "t" + strconv.Itoa(i)
	}
	res, err = svc.BulkUpdateTickets(ctx, w.agent, []int64{a, b}, service.BulkUpdate{AddTags: many})
	must(t, "BulkUpdateTickets(many)", err)
	if helpdesk.ErrorCode(res[0].Err) != helpdesk.EINVALID || res[1].Err == nil {
		// a has 2 tags + 19 = 21; b has 3 + 19 = 22: both over.
		t.Errorf("over the tag limit: %v / %v", res[0].Err, res[1].Err)
	}
}

func TestBulkUpdateTickets_Refused(t *testing.T) {
	svc, _, w := newTeamWorld(t)
	ctx := context.Background()
	id := w.byTeam[0][0]
	status := service.BulkUpdate{TicketUpdate: helpdesk.TicketUpdate{Status: ptr(helpdesk.StatusOpen)}}

	_, err := svc.BulkUpdateTickets(ctx, w.custA, []int64{id}, status)
	wantCode(t, err, helpdesk.EFORBIDDEN)
	_, err = svc.BulkUpdateTickets(ctx, nil, []int64{id}, status)
	wantCode(t, err, helpdesk.EUNAUTHORIZED)

	hundredOne := make([]int64, service.MaxBulkTickets+1)
	for i := range hundredOne {
		hundredOne[i] = int64(i + 1)
	}
	for name, ids := range map[string][]int64{
		"None": nil, "Empty": {}, "TooMany": hundredOne, "Zero": {id, 0}, "Negative": {-1}, "Repeated": {id, id},
	} {
		_, err := svc.BulkUpdateTickets(ctx, w.agent, ids, status)
		if helpdesk.ErrorCode(err) != helpdesk.EINVALID || len(helpdesk.ErrorFields(err)) != 1 ||
			helpdesk.ErrorFields(err)[0].Field != "ids" {
			t.Errorf("ids %s: %v (%v)", name, err, helpdesk.ErrorFields(err))
		}
	}
	_, err = svc.BulkUpdateTickets(ctx, w.agent, hundredOne[:service.MaxBulkTickets], status)
	if err != nil {
		t.Errorf("exactly %d ids: %v", service.MaxBulkTickets, err)
	}

	_, err = svc.BulkUpdateTickets(ctx, w.agent, []int64{id}, service.BulkUpdate{})
	wantCode(t, err, helpdesk.EINVALID)
	_, err = svc.BulkUpdateTickets(ctx, w.agent, []int64{id}, service.BulkUpdate{
		TicketUpdate: helpdesk.TicketUpdate{Subject: ptr("New subject")}})
	wantFields(t, err, "subject")
	_, err = svc.BulkUpdateTickets(ctx, w.agent, []int64{id}, service.BulkUpdate{
		TicketUpdate: helpdesk.TicketUpdate{Tags: &[]string{"a"}}, AddTags: []string{"b"}})
	wantFields(t, err, "tags")
	_, err = svc.BulkUpdateTickets(ctx, w.agent, []int64{id}, service.BulkUpdate{AddTags: []string{"x"}, RemoveTags: []string{"X"}})
	wantFields(t, err, "remove_tags")
	_, err = svc.BulkUpdateTickets(ctx, w.agent, []int64{id}, service.BulkUpdate{AddTags: []string{"bad tag!"}})
	wantFields(t, err, "add_tags")
	_, err = svc.BulkUpdateTickets(ctx, w.agent, []int64{id}, service.BulkUpdate{
		TicketUpdate: helpdesk.TicketUpdate{AssigneeID: &w.custA.User.ID}})
	wantFields(t, err, "assignee_id")
	_, err = svc.BulkUpdateTickets(ctx, w.agent, []int64{id}, service.BulkUpdate{
		TicketUpdate: helpdesk.TicketUpdate{Status: ptr[helpdesk.Status]("bogus")}})
	wantFields(t, err, "status")
}
