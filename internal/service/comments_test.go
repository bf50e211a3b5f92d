package service_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

func TestAddComment(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	agent, cust, other := f.agent("Al"), f.customer("Ann"), f.customer("Bob")
	tk := f.ticket(cust, service.NewTicket{})

	t.Run("ErrCustomerInternal", func(t *testing.T) {
		_, err := svc.AddComment(ctx, cust, tk.ID, "secret", true)
		wantFields(t, err, "internal")
		wantFieldMessage(t, err, "internal", "customers cannot post internal notes")
	})
	t.Run("ErrOtherCustomer", func(t *testing.T) {
		_, err := svc.AddComment(ctx, other, tk.ID, "me too", false)
		wantCode(t, err, helpdesk.ENOTFOUND)
	})
	t.Run("ErrBody", func(t *testing.T) {
		_, err := svc.AddComment(ctx, agent, tk.ID, " \n ", false)
		wantFields(t, err, "body")
	})
	t.Run("InternalNote", func(t *testing.T) {
		f.clock.Advance(time.Minute)
		c, err := svc.AddComment(ctx, agent, tk.ID, "note *to self*", true)
		must(t, "AddComment(internal)", err)
		if !c.Internal || !strings.Contains(c.BodyHTML, "<em>to self</em>") {
			t.Errorf("got %+v", c)
		}
		got := f.storedTicket(tk.ID)
		if got.Status != helpdesk.StatusNew || got.FirstResponseAt != nil {
			t.Errorf("an internal note moved the ticket: status %s first response %v", got.Status, got.FirstResponseAt)
		}
		if !got.UpdatedAt.Equal(f.clock.Now().UTC().Truncate(time.Microsecond)) {
			t.Errorf("updated_at %v not bumped", got.UpdatedAt)
		}
		e := f.audit("comment.create")[0]
		if a := decodeAudit(t, e.After); a["internal"] != true || e.TargetID != strconv.FormatInt(c.ID, 10) {
			t.Errorf("comment.create audit %+v after %v", e, a)
		}
	})
	t.Run("FirstStaffReply", func(t *testing.T) {
		f.clock.Advance(time.Minute)
		_, err := svc.AddComment(ctx, agent, tk.ID, "On it.", false)
		must(t, "AddComment", err)
		first := f.clock.Now().UTC().Truncate(time.Microsecond)
		got := f.storedTicket(tk.ID)
		if got.Status != helpdesk.StatusOpen || got.FirstResponseAt == nil || !got.FirstResponseAt.Equal(first) {
			t.Errorf("after the first reply: status %s first response %v, want open, %v", got.Status, got.FirstResponseAt, first)
		}
		if a := decodeAudit(t, f.audit("ticket.update")[0].After); a["status"] != "open" {
			t.Errorf("status change audit after %v", a)
		}
		f.clock.Advance(time.Minute)
		_, err = svc.AddComment(ctx, agent, tk.ID, "Still on it.", false)
		must(t, "AddComment", err)
		if got := f.storedTicket(tk.ID); !got.FirstResponseAt.Equal(first) {
			t.Errorf("first response moved to %v", got.FirstResponseAt)
		}
	})
	t.Run("CustomerReplyReopens", func(t *testing.T) {
		for _, st := range []helpdesk.Status{helpdesk.StatusPending, helpdesk.StatusSolved} {
			_, err := svc.UpdateTicket(ctx, agent, tk.ID, helpdesk.TicketUpdate{Status: &st})
			must(t, "set "+string(st), err)
			_, err = svc.AddComment(ctx, cust, tk.ID, "Any news?", false)
			must(t, "customer reply", err)
			if got := f.storedTicket(tk.ID); got.Status != helpdesk.StatusOpen || got.SolvedAt != nil {
				t.Errorf("customer reply on %s: status %s solved_at %v, want open, nil", st, got.Status, got.SolvedAt)
			}
		}
		hold := helpdesk.StatusOnHold
		_, err := svc.UpdateTicket(ctx, agent, tk.ID, helpdesk.TicketUpdate{Status: &hold})
		must(t, "hold", err)
		_, err = svc.AddComment(ctx, cust, tk.ID, "Any news?", false)
		must(t, "customer reply", err)
		if got := f.storedTicket(tk.ID); got.Status != helpdesk.StatusOnHold {
			t.Errorf("customer reply on on_hold: status %s, want on_hold", got.Status)
		}
	})
	t.Run("ErrClosed", func(t *testing.T) {
		_, err := svc.UpdateTicket(ctx, agent, tk.ID, helpdesk.TicketUpdate{Status: ptr(helpdesk.StatusClosed)})
		must(t, "close", err)
		n := f.auditCount()
		_, err = svc.AddComment(ctx, cust, tk.ID, "Hello?", false)
		wantCode(t, err, helpdesk.EFORBIDDEN)
		if helpdesk.ErrorMessage(err) != "Closed tickets cannot be reopened; open a new ticket." {
			t.Errorf("message %q", helpdesk.ErrorMessage(err))
		}
		if f.auditCount() != n {
			t.Error("a refused comment wrote audit")
		}
		_, err = svc.AddComment(ctx, agent, tk.ID, "Closing note", true)
		must(t, "staff note on a closed ticket", err)
		if got := f.storedTicket(tk.ID); got.Status != helpdesk.StatusClosed {
			t.Errorf("status %s, want closed", got.Status)
		}
	})
}

func TestListComments(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	agent, cust, other := f.agent("Al"), f.customer("Ann"), f.customer("Bob")
	tk := f.ticket(cust, service.NewTicket{})
	for i := range 5 {
		_, err := svc.AddComment(ctx, agent, tk.ID, "c"+strconv.Itoa(i), i%2 == 1)
		must(t, "AddComment", err)
	}

	all, next, err := svc.ListComments(ctx, agent, tk.ID, 0, 0)
	must(t, "ListComments(agent)", err)
	if len(all) != 6 || next != 0 {
		t.Errorf("agent sees %d comments next %d, want 6, 0", len(all), next)
	}
	public, _, err := svc.ListComments(ctx, cust, tk.ID, 0, 0)
	must(t, "ListComments(customer)", err)
	if len(public) != 4 {
		t.Errorf("customer sees %d comments, want 4", len(public))
	}
	for _, c := range public {
		if c.Internal {
			t.Errorf("customer got internal comment %d", c.ID)
		}
	}
	page, next, err := svc.ListComments(ctx, agent, tk.ID, 0, 4)
	must(t, "ListComments(page 1)", err)
	if len(page) != 4 || next != page[3].ID {
		t.Fatalf("page 1: %d comments next %d", len(page), next)
	}
	page, next, err = svc.ListComments(ctx, agent, tk.ID, next, 4)
	must(t, "ListComments(page 2)", err)
	if len(page) != 2 || next != 0 || page[1].ID != all[5].ID {
		t.Errorf("page 2: %d comments next %d", len(page), next)
	}
	_, _, err = svc.ListComments(ctx, other, tk.ID, 0, 0)
	wantCode(t, err, helpdesk.ENOTFOUND)
	_, _, err = svc.ListComments(ctx, agent, tk.ID, 0, 101)
	wantFields(t, err, "limit")
	_, _, err = svc.ListComments(ctx, agent, tk.ID, 0, -5)
	wantFields(t, err, "limit")
}

func TestEditComment(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	admin, agent, colleague, cust, other := f.admin("Ada"), f.agent("Al"), f.agent("Cole"), f.customer("Ann"), f.customer("Bob")
	tk := f.ticket(cust, service.NewTicket{})
	c, err := svc.AddComment(ctx, agent, tk.ID, "first *draft*", false)
	must(t, "AddComment", err)
	note, err := svc.AddComment(ctx, agent, tk.ID, "internal", true)
	must(t, "AddComment(internal)", err)

	f.clock.Advance(time.Minute)
	edited, err := svc.EditComment(ctx, agent, tk.ID, c.ID, "final **text**")
	must(t, "EditComment", err)
	now := f.clock.Now().UTC().Truncate(time.Microsecond)
	if edited.Body != "final **text**" || !strings.Contains(edited.BodyHTML, "<strong>text</strong>") ||
		edited.EditedAt == nil || !edited.EditedAt.Equal(now) {
		t.Errorf("got %+v", edited)
	}
	if got := f.storedTicket(tk.ID); !got.UpdatedAt.Equal(now) {
		t.Errorf("ticket updated_at %v, want %v", got.UpdatedAt, now)
	}
	revs, err := svc.ListCommentRevisions(ctx, agent, tk.ID, c.ID)
	must(t, "ListCommentRevisions", err)
	if len(revs) != 1 || revs[0].Body != "first *draft*" || revs[0].EditorID != agent.User.ID || !revs[0].CreatedAt.Equal(now) {
		t.Errorf("revisions %+v", revs)
	}
	e := f.audit("comment.edit")
	if len(e) != 1 || decodeAudit(t, e[0].After)["revision_id"] != float64(revs[0].ID) {
		t.Errorf("comment.edit audit %+v", e)
	}

	t.Run("Admin", func(t *testing.T) {
		_, err := svc.EditComment(ctx, admin, tk.ID, c.ID, "admin fix")
		must(t, "EditComment(admin)", err)
		revs, err := svc.ListCommentRevisions(ctx, admin, tk.ID, c.ID)
		must(t, "ListCommentRevisions", err)
		if len(revs) != 2 || revs[1].EditorID != admin.User.ID || revs[1].Body != "final **text**" {
			t.Errorf("revisions %+v", revs)
		}
	})
	t.Run("ErrNotAuthor", func(t *testing.T) {
		n := f.auditCount()
		_, err := svc.EditComment(ctx, colleague, tk.ID, c.ID, "hijack")
		wantCode(t, err, helpdesk.EFORBIDDEN)
		_, err = svc.EditComment(ctx, cust, tk.ID, c.ID, "hijack")
		wantCode(t, err, helpdesk.EFORBIDDEN)
		if f.auditCount() != n {
			t.Error("a refused edit wrote audit")
		}
	})
	t.Run("ErrInternalHiddenFromCustomer", func(t *testing.T) {
		_, err := svc.EditComment(ctx, cust, tk.ID, note.ID, "x")
		wantCode(t, err, helpdesk.ENOTFOUND)
	})
	t.Run("ErrOtherTicket", func(t *testing.T) {
		tk2 := f.ticket(agent, service.NewTicket{})
		_, err := svc.EditComment(ctx, agent, tk2.ID, c.ID, "x")
		wantCode(t, err, helpdesk.ENOTFOUND)
		_, err = svc.EditComment(ctx, agent, tk.ID, 9999, "x")
		wantCode(t, err, helpdesk.ENOTFOUND)
	})
	t.Run("ErrOtherCustomer", func(t *testing.T) {
		_, err := svc.EditComment(ctx, other, tk.ID, c.ID, "x")
		wantCode(t, err, helpdesk.ENOTFOUND)
	})
	t.Run("CustomerOwnComment", func(t *testing.T) {
		mine, err := svc.AddComment(ctx, cust, tk.ID, "typo", false)
		must(t, "AddComment", err)
		_, err = svc.EditComment(ctx, cust, tk.ID, mine.ID, "fixed")
		must(t, "EditComment(own)", err)
		_, err = svc.ListCommentRevisions(ctx, cust, tk.ID, mine.ID)
		wantCode(t, err, helpdesk.EFORBIDDEN)
	})
	t.Run("SameBodyKeepsNoRevision", func(t *testing.T) {
		_, err := svc.EditComment(ctx, agent, tk.ID, note.ID, "internal")
		must(t, "EditComment(same)", err)
		revs, err := svc.ListCommentRevisions(ctx, agent, tk.ID, note.ID)
		must(t, "ListCommentRevisions", err)
		if len(revs) != 0 {
			t.Errorf("%d revisions, want 0", len(revs))
		}
	})
}
