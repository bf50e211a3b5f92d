package service_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

// notify stores notifications for user about ticket, as the notification
// worker would, and returns them oldest first.
func (f *fixtures) notify(user, actor *helpdesk.Principal, ticket *helpdesk.Ticket, n int) []*helpdesk.Notification {
	f.t.Helper()
	var out []*helpdesk.Notification
	err := f.store.Update(context.Background(), func(ctx context.Context, tx helpdesk.Tx) error {
		for range n {
			f.n++
			nt := &helpdesk.Notification{UserID: user.User.ID, Kind: helpdesk.NotifyAssigned, TicketID: ticket.ID,
				ActorID: &actor.User.ID, DedupeKey: fmt.Sprintf("test:%d", f.n), CreatedAt: f.clock.Now().UTC()}
			if _, err := tx.CreateNotification(ctx, nt); err != nil {
				return err
			}
			out = append(out, nt)
		}
		return nil
	})
	if err != nil {
		f.t.Fatalf("create notifications: %v", err)
	}
	return out
}

func TestNotifications_OwnOnly(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	admin, al, bo, cust := f.admin("Ada"), f.agent("Al"), f.agent("Bo"), f.customer("Ann")
	tk := f.ticket(cust, service.NewTicket{Subject: "Printer <b>on fire</b>"})
	mine := f.notify(al, admin, tk, 3)
	theirs := f.notify(bo, admin, tk, 2)

	got, err := svc.ListNotifications(ctx, al, helpdesk.NotificationFilter{UserID: bo.User.ID})
	must(t, "ListNotifications", err)
	if len(got) != 3 || got[0].ID != mine[2].ID || got[2].ID != mine[0].ID {
		t.Fatalf("ListNotifications: got %v, want Al's three, newest first", got)
	}
	// The API shape: the ticket's subject and the actor, never the key.
	b, err := json.Marshal(got[0])
	must(t, "marshal", err)
	var m map[string]any
	must(t, "unmarshal", json.Unmarshal(b, &m))
	actor, _ := m["actor"].(map[string]any)
	if m["ticket_subject"] != tk.Subject || m["kind"] != "assigned" || actor["name"] != "Ada" ||
		m["read_at"] != nil || m["comment_id"] != nil || len(m) != 8 {
		t.Errorf("notification JSON: %s", b)
	}

	t.Run("Pages", func(t *testing.T) {
		page, err := svc.ListNotifications(ctx, al, helpdesk.NotificationFilter{Limit: 2})
		must(t, "ListNotifications", err)
		next, err := svc.ListNotifications(ctx, al, helpdesk.NotificationFilter{Limit: 2, BeforeID: page[1].ID})
		must(t, "ListNotifications(next)", err)
		if len(page) != 2 || len(next) != 1 || next[0].ID != mine[0].ID {
			t.Errorf("pages: got %v then %v", page, next)
		}
		_, err = svc.ListNotifications(ctx, al, helpdesk.NotificationFilter{Limit: 101})
		wantFields(t, err, "limit")
		_, err = svc.ListNotifications(ctx, al, helpdesk.NotificationFilter{BeforeID: -1})
		wantFields(t, err, "cursor")
	})
	t.Run("MarkRead", func(t *testing.T) {
		wantCode(t, svc.MarkNotificationRead(ctx, al, theirs[0].ID), helpdesk.ENOTFOUND)
		wantCode(t, svc.MarkNotificationRead(ctx, al, 9999), helpdesk.ENOTFOUND)
		must(t, "MarkNotificationRead", svc.MarkNotificationRead(ctx, al, mine[1].ID))
		must(t, "MarkNotificationRead(again)", svc.MarkNotificationRead(ctx, al, mine[1].ID))
		unread, err := svc.ListNotifications(ctx, al, helpdesk.NotificationFilter{UnreadOnly: true})
		must(t, "ListNotifications(unread)", err)
		if len(unread) != 2 {
			t.Errorf("unread after one read: got %d, want 2", len(unread))
		}
		if n, err := svc.UnreadNotificationCount(ctx, al); err != nil || n != 2 {
			t.Errorf("UnreadNotificationCount: %d, %v; want 2", n, err)
		}
		if n, err := svc.UnreadNotificationCount(ctx, bo); err != nil || n != 2 {
			t.Errorf("UnreadNotificationCount(Bo): %d, %v; want 2 (untouched)", n, err)
		}
	})
	t.Run("MarkAllRead", func(t *testing.T) {
		for i, want := range []int{2, 0} {
			n, err := svc.MarkAllNotificationsRead(ctx, al)
			must(t, "MarkAllNotificationsRead", err)
			if n != want {
				t.Errorf("MarkAllNotificationsRead #%d: got %d, want %d", i+1, n, want)
			}
		}
		if n, err := svc.UnreadNotificationCount(ctx, bo); err != nil || n != 2 {
			t.Errorf("UnreadNotificationCount(Bo): %d, %v; want 2 (untouched)", n, err)
		}
	})
	t.Run("Anonymous", func(t *testing.T) {
		_, err := svc.ListNotifications(ctx, nil, helpdesk.NotificationFilter{})
		wantCode(t, err, helpdesk.EUNAUTHORIZED)
		_, err = svc.UnreadNotificationCount(ctx, nil)
		wantCode(t, err, helpdesk.EUNAUTHORIZED)
		wantCode(t, svc.MarkNotificationRead(ctx, nil, mine[0].ID), helpdesk.EUNAUTHORIZED)
		_, err = svc.MarkAllNotificationsRead(ctx, nil)
		wantCode(t, err, helpdesk.EUNAUTHORIZED)
		_, err = svc.NotificationPrefs(ctx, nil)
		wantCode(t, err, helpdesk.EUNAUTHORIZED)
		_, err = svc.SetNotificationPrefs(ctx, nil, helpdesk.NotificationPrefs{})
		wantCode(t, err, helpdesk.EUNAUTHORIZED)
	})
}

func TestNotifications_UnreadCountCapped(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	admin, al, cust := f.admin("Ada"), f.agent("Al"), f.customer("Ann")
	tk := f.ticket(cust, service.NewTicket{})
	f.notify(al, admin, tk, service.MaxUnreadCount+5)
	if n, err := svc.UnreadNotificationCount(ctx, al); err != nil || n != service.MaxUnreadCount {
		t.Errorf("UnreadNotificationCount: %d, %v; want the cap %d", n, err, service.MaxUnreadCount)
	}
}

func TestNotificationPrefs(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	al, cust := f.agent("Al"), f.customer("Ann")

	got, err := svc.NotificationPrefs(ctx, al)
	must(t, "NotificationPrefs", err)
	if *got != *helpdesk.DefaultNotificationPrefs(al.User.ID) {
		t.Errorf("NotificationPrefs before any change: got %+v, want all on", got)
	}

	want := helpdesk.NotificationPrefs{EmailAssigned: false, EmailTeamAssigned: true, EmailCustomerReply: true,
		EmailMention: false, EmailTicketReplies: true, UserID: cust.User.ID}
	got, err = svc.SetNotificationPrefs(ctx, al, want)
	must(t, "SetNotificationPrefs", err)
	if got.UserID != al.User.ID || got.EmailAssigned || got.EmailMention || !got.EmailTeamAssigned || got.UpdatedAt.IsZero() {
		t.Errorf("SetNotificationPrefs: got %+v", got)
	}
	again, err := svc.NotificationPrefs(ctx, al)
	must(t, "NotificationPrefs", err)
	if *again != *got {
		t.Errorf("NotificationPrefs after set: got %+v, want %+v", again, got)
	}
	// UserID in the input names nobody: the customer's stay the defaults.
	if c, err := svc.NotificationPrefs(ctx, cust); err != nil || !c.EmailAssigned || !c.EmailMention {
		t.Errorf("customer's preferences: %+v, %v; want the defaults", c, err)
	}
	entries := f.audit("preferences.update")
	if len(entries) != 1 || entries[0].TargetID != strconv.FormatInt(al.User.ID, 10) {
		t.Fatalf("preferences.update audit: %+v", entries)
	}
	before, after := decodeAudit(t, entries[0].Before), decodeAudit(t, entries[0].After)
	if len(after) != 2 || after["email_assigned"] != false || after["email_mention"] != false ||
		before["email_assigned"] != true {
		t.Errorf("audit before %v after %v, want just the two changed topics", before, after)
	}

	// Saving the same flags changes and audits nothing.
	_, err = svc.SetNotificationPrefs(ctx, al, want)
	must(t, "SetNotificationPrefs(same)", err)
	if n := len(f.audit("preferences.update")); n != 1 {
		t.Errorf("audit entries after a no-op save: got %d, want 1", n)
	}
}

func TestUnsubscribe(t *testing.T) {
	ctx := context.Background()
	svc, _, f := newTestService(t)
	cust := f.customer("Ann")

	wantFields(t, svc.Unsubscribe(ctx, cust.User.ID, "email_everything"), "topic")
	wantCode(t, svc.Unsubscribe(ctx, 9999, helpdesk.TopicEmailTicketReplies), helpdesk.ENOTFOUND)

	for range 2 {
		must(t, "Unsubscribe", svc.Unsubscribe(ctx, cust.User.ID, helpdesk.TopicEmailTicketReplies))
	}
	got, err := svc.NotificationPrefs(ctx, cust)
	must(t, "NotificationPrefs", err)
	want := helpdesk.DefaultNotificationPrefs(cust.User.ID)
	want.EmailTicketReplies, want.UpdatedAt = false, got.UpdatedAt
	if *got != *want {
		t.Errorf("after unsubscribe: got %+v, want only ticket replies off", got)
	}
	entries := f.audit("preferences.update")
	if len(entries) != 1 || entries[0].ActorID == nil || *entries[0].ActorID != cust.User.ID {
		t.Fatalf("unsubscribe audit: %+v, want one entry by the user", entries)
	}
	if a := decodeAudit(t, entries[0].After); len(a) != 1 || a["email_ticket_replies"] != false {
		t.Errorf("unsubscribe audit after: %v", a)
	}
}

func TestUnsubscribeKey(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	k1, err := service.UnsubscribeKey(secret)
	must(t, "UnsubscribeKey", err)
	k2, err := service.UnsubscribeKey(secret)
	must(t, "UnsubscribeKey", err)
	k3, err := service.UnsubscribeKey([]byte("another secret, another key, ok?"))
	must(t, "UnsubscribeKey", err)
	if len(k1) != 32 || string(k1) != string(k2) || string(k1) == string(k3) || string(k1) == string(secret) {
		t.Errorf("UnsubscribeKey: not a stable 32-byte key derived from the secret")
	}
}
