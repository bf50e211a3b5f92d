package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

func notificationTests() []test {
	return []test{
		{"Notifications/CreateDedupe", testNotificationCreateDedupe},
		{"Notifications/ListOrderAndFilters", testNotificationList},
		{"Notifications/MarkReadAndCount", testNotificationMarkRead},
		{"Notifications/RolledBack", testNotificationRollback},
		{"Notifications/BadKind", testNotificationBadKind},
		{"NotificationPrefs/DefaultsSaveReplace", testNotificationPrefs},
		{"SentEmails/RecordIdempotent", testSentEmails},
	}
}

func notificationID(n *helpdesk.Notification) int64 { return n.ID }

// notifyWorld is a ticket with a comment, an agent to notify and a
// customer who acts.
type notifyWorld struct {
	agent, agent2, cust *helpdesk.User
	ticket              *helpdesk.Ticket
	comment             *helpdesk.Comment
}

func seedNotifyWorld(t *testing.T, s helpdesk.Store) *notifyWorld {
	t.Helper()
	w := &notifyWorld{
		agent:  mustCreateUser(t, s, "nia@corp.example", "Nia", helpdesk.RoleAgent),
		agent2: mustCreateUser(t, s, "oli@corp.example", "Oli", helpdesk.RoleAgent),
		cust:   mustCreateUser(t, s, "pia@shop.example", "Pia", helpdesk.RoleCustomer),
	}
	w.ticket = mustCreateTicket(t, s, newTicket(w.cust.ID, "Broken"))
	w.comment = mustCreateComment(t, s, w.ticket.ID, w.cust.ID, "Help", false, at(time.Minute))
	return w
}

// createNotification stores n and returns whether it was created.
func createNotification(t *testing.T, s helpdesk.Store, n *helpdesk.Notification) bool {
	t.Helper()
	var created bool
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		var err error
		created, err = tx.CreateNotification(ctx, n)
		return err
	})
	return created
}

// mustNotify stores a notification of kind for userID about w's ticket,
// created at `when`, and fails unless it was new.
func mustNotify(t *testing.T, s helpdesk.Store, w *notifyWorld, userID int64, key string, when time.Time) *helpdesk.Notification {
	t.Helper()
	n := &helpdesk.Notification{UserID: userID, Kind: helpdesk.NotifyAssigned, TicketID: w.ticket.ID,
		ActorID: &w.agent2.ID, DedupeKey: key, CreatedAt: when}
	if !createNotification(t, s, n) || n.ID <= 0 {
		t.Fatalf("CreateNotification(%s): not created (id %d)", key, n.ID)
	}
	n.TicketSubject, n.ActorName = w.ticket.Subject, w.agent2.Name
	return n
}

func testNotificationCreateDedupe(t *testing.T, s helpdesk.Store) {
	w := seedNotifyWorld(t, s)
	want := &helpdesk.Notification{UserID: w.agent.ID, Kind: helpdesk.NotifyCustomerReply, TicketID: w.ticket.ID,
		CommentID: &w.comment.ID, ActorID: &w.cust.ID, DedupeKey: "customer_reply:c1",
		CreatedAt: at(2*time.Minute + time.Microsecond)}
	if !createNotification(t, s, want) || want.ID <= 0 {
		t.Fatalf("CreateNotification: not created, id %d", want.ID)
	}
	// Lists read the ticket's subject and the actor's name along.
	want.TicketSubject, want.ActorName = w.ticket.Subject, w.cust.Name
	got, err := s.ListNotifications(t.Context(), helpdesk.NotificationFilter{UserID: w.agent.ID})
	must(t, "ListNotifications", err)
	checkEqual(t, "ListNotifications after create", got, []*helpdesk.Notification{want})

	again := *want
	again.ID, again.Kind, again.CreatedAt = 0, helpdesk.NotifyMention, at(time.Hour)
	if createNotification(t, s, &again) {
		t.Errorf("CreateNotification(same user, same key): created, want false")
	}
	if again.ID != 0 {
		t.Errorf("CreateNotification(duplicate): id got %d, want it left 0", again.ID)
	}
	got, err = s.ListNotifications(t.Context(), helpdesk.NotificationFilter{UserID: w.agent.ID})
	must(t, "ListNotifications", err)
	checkEqual(t, "ListNotifications after duplicate (first one kept)", got, []*helpdesk.Notification{want})

	// The key is per user: someone else may have the same one.
	other := &helpdesk.Notification{UserID: w.agent2.ID, Kind: helpdesk.NotifyMention, TicketID: w.ticket.ID,
		DedupeKey: want.DedupeKey, CreatedAt: at(0)}
	if !createNotification(t, s, other) {
		t.Errorf("CreateNotification(other user, same key): not created")
	}
	other.TicketSubject = w.ticket.Subject
	got, err = s.ListNotifications(t.Context(), helpdesk.NotificationFilter{UserID: w.agent2.ID})
	must(t, "ListNotifications(other)", err)
	checkEqual(t, "ListNotifications(other, no comment or actor)", got, []*helpdesk.Notification{other})
}

func testNotificationList(t *testing.T, s helpdesk.Store) {
	w := seedNotifyWorld(t, s)
	var mine []*helpdesk.Notification // oldest first
	for i := range 5 {
		mine = append(mine, mustNotify(t, s, w, w.agent.ID, fmt.Sprintf("k%d", i), at(time.Duration(i)*time.Minute)))
		mustNotify(t, s, w, w.agent2.ID, fmt.Sprintf("k%d", i), at(0))
	}
	read := at(time.Hour)
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		for _, n := range []*helpdesk.Notification{mine[1], mine[3]} {
			if _, err := tx.MarkNotificationRead(ctx, w.agent.ID, n.ID, read); err != nil {
				return err
			}
			n.ReadAt = &read
		}
		return nil
	})
	ctx := t.Context()
	all := []int64{mine[4].ID, mine[3].ID, mine[2].ID, mine[1].ID, mine[0].ID}
	for _, c := range []struct {
		name string
		f    helpdesk.NotificationFilter
		want []int64
	}{
		{"all", helpdesk.NotificationFilter{UserID: w.agent.ID}, all},
		{"unread", helpdesk.NotificationFilter{UserID: w.agent.ID, UnreadOnly: true},
			[]int64{mine[4].ID, mine[2].ID, mine[0].ID}},
		{"limit", helpdesk.NotificationFilter{UserID: w.agent.ID, Limit: 2}, all[:2]},
		{"before", helpdesk.NotificationFilter{UserID: w.agent.ID, BeforeID: mine[3].ID, Limit: 2}, all[2:4]},
		{"unread before", helpdesk.NotificationFilter{UserID: w.agent.ID, UnreadOnly: true, BeforeID: mine[2].ID},
			[]int64{mine[0].ID}},
		{"nobody", helpdesk.NotificationFilter{UserID: w.cust.ID}, []int64{}},
	} {
		got, err := s.ListNotifications(ctx, c.f)
		must(t, "ListNotifications("+c.name+")", err)
		if got == nil {
			t.Errorf("ListNotifications(%s): nil, want a non-nil slice", c.name)
		}
		checkIDs(t, "ListNotifications("+c.name+")", ids(got, notificationID), c.want)
	}
	got, err := s.ListNotifications(ctx, helpdesk.NotificationFilter{UserID: w.agent.ID})
	must(t, "ListNotifications", err)
	checkEqual(t, "ListNotifications rows", got, []*helpdesk.Notification{mine[4], mine[3], mine[2], mine[1], mine[0]})
}

func testNotificationMarkRead(t *testing.T, s helpdesk.Store) {
	w := seedNotifyWorld(t, s)
	var mine []*helpdesk.Notification
	for i := range 4 {
		mine = append(mine, mustNotify(t, s, w, w.agent.ID, fmt.Sprintf("m%d", i), at(0)))
	}
	theirs := mustNotify(t, s, w, w.agent2.ID, "t0", at(0))
	ctx := t.Context()
	count := func(userID int64, max int) int {
		t.Helper()
		n, err := s.CountUnreadNotifications(ctx, userID, max)
		must(t, "CountUnreadNotifications", err)
		return n
	}
	if got := count(w.agent.ID, 100); got != 4 {
		t.Errorf("CountUnreadNotifications: got %d, want 4", got)
	}
	if got := count(w.agent.ID, 3); got != 3 {
		t.Errorf("CountUnreadNotifications(max 3): got %d, want 3", got)
	}

	mark := func(userID, id int64, when time.Time) bool {
		t.Helper()
		var ok bool
		update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
			var err error
			ok, err = tx.MarkNotificationRead(ctx, userID, id, when)
			return err
		})
		return ok
	}
	first := at(time.Hour + 3*time.Microsecond)
	if !mark(w.agent.ID, mine[0].ID, first) {
		t.Errorf("MarkNotificationRead(own): false, want true")
	}
	if !mark(w.agent.ID, mine[0].ID, at(2*time.Hour)) {
		t.Errorf("MarkNotificationRead(own, again): false, want true")
	}
	if mark(w.agent.ID, theirs.ID, first) {
		t.Errorf("MarkNotificationRead(someone else's): true, want false")
	}
	if mark(w.agent.ID, theirs.ID+100, first) {
		t.Errorf("MarkNotificationRead(missing): true, want false")
	}
	got, err := s.ListNotifications(ctx, helpdesk.NotificationFilter{UserID: w.agent.ID, BeforeID: mine[0].ID + 1, Limit: 1})
	must(t, "ListNotifications", err)
	mine[0].ReadAt = &first
	checkEqual(t, "notification read twice (first time kept)", got, []*helpdesk.Notification{mine[0]})
	if got := count(w.agent2.ID, 100); got != 1 {
		t.Errorf("CountUnreadNotifications(other user): got %d, want 1 (untouched)", got)
	}

	all := at(3 * time.Hour)
	for i, want := range []int{3, 0} {
		var n int
		update(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
			var err error
			n, err = tx.MarkAllNotificationsRead(ctx, w.agent.ID, all)
			return err
		})
		if n != want {
			t.Errorf("MarkAllNotificationsRead #%d: got %d, want %d", i+1, n, want)
		}
	}
	if got := count(w.agent.ID, 100); got != 0 {
		t.Errorf("CountUnreadNotifications after read-all: got %d, want 0", got)
	}
	if got := count(w.agent2.ID, 100); got != 1 {
		t.Errorf("CountUnreadNotifications(other user) after read-all: got %d, want 1", got)
	}
	got, err = s.ListNotifications(ctx, helpdesk.NotificationFilter{UserID: w.agent.ID})
	must(t, "ListNotifications", err)
	for _, n := range got {
		want := all
		if n.ID == mine[0].ID {
			want = first
		}
		checkEqual(t, fmt.Sprintf("ReadAt of %d", n.ID), n.ReadAt, &want)
	}
}

func testNotificationRollback(t *testing.T, s helpdesk.Store) {
	w := seedNotifyWorld(t, s)
	err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		n := &helpdesk.Notification{UserID: w.agent.ID, Kind: helpdesk.NotifyMention, TicketID: w.ticket.ID,
			DedupeKey: "rb", CreatedAt: at(0)}
		if _, err := tx.CreateNotification(ctx, n); err != nil {
			return err
		}
		if err := tx.RecordEmailSent(ctx, "<rb@example.com>", at(0)); err != nil {
			return err
		}
		return errBoom
	})
	if err != errBoom {
		t.Fatalf("Update: got %v, want errBoom", err)
	}
	if n, err := s.CountUnreadNotifications(t.Context(), w.agent.ID, 10); err != nil || n != 0 {
		t.Errorf("CountUnreadNotifications after rollback: %d, %v; want 0", n, err)
	}
	if sent, err := s.EmailSent(t.Context(), "<rb@example.com>"); err != nil || sent {
		t.Errorf("EmailSent after rollback: %v, %v; want false", sent, err)
	}
	// The key is free again.
	mustNotify(t, s, w, w.agent.ID, "rb", at(0))
}

func testNotificationBadKind(t *testing.T, s helpdesk.Store) {
	w := seedNotifyWorld(t, s)
	err := updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		_, err := tx.CreateNotification(ctx, &helpdesk.Notification{UserID: w.agent.ID, Kind: "party",
			TicketID: w.ticket.ID, DedupeKey: "x", CreatedAt: at(0)})
		return err
	})
	wantCode(t, "CreateNotification(unknown kind)", err, helpdesk.EINVALID)
	err = updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		_, err := tx.CreateNotification(ctx, &helpdesk.Notification{UserID: w.agent.ID, Kind: helpdesk.NotifyMention,
			TicketID: w.ticket.ID + 100, DedupeKey: "x", CreatedAt: at(0)})
		return err
	})
	wantCode(t, "CreateNotification(missing ticket)", err, helpdesk.EINVALID)
}

func testNotificationPrefs(t *testing.T, s helpdesk.Store) {
	w := seedNotifyWorld(t, s)
	ctx := t.Context()
	got, err := s.FindNotificationPrefs(ctx, w.agent.ID)
	must(t, "FindNotificationPrefs(never saved)", err)
	checkEqual(t, "FindNotificationPrefs(never saved)", got, helpdesk.DefaultNotificationPrefs(w.agent.ID))

	want := &helpdesk.NotificationPrefs{UserID: w.agent.ID, EmailAssigned: false, EmailTeamAssigned: true,
		EmailCustomerReply: false, EmailMention: true, EmailTicketReplies: false, UpdatedAt: at(time.Microsecond)}
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.SaveNotificationPrefs(ctx, want) })
	got, err = s.FindNotificationPrefs(ctx, w.agent.ID)
	must(t, "FindNotificationPrefs", err)
	checkEqual(t, "FindNotificationPrefs after save", got, want)

	want = &helpdesk.NotificationPrefs{UserID: w.agent.ID, EmailAssigned: true, EmailTeamAssigned: false,
		EmailCustomerReply: true, EmailMention: false, EmailTicketReplies: true, UpdatedAt: at(time.Hour)}
	update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.SaveNotificationPrefs(ctx, want) })
	got, err = s.FindNotificationPrefs(ctx, w.agent.ID)
	must(t, "FindNotificationPrefs", err)
	checkEqual(t, "FindNotificationPrefs after second save", got, want)

	got, err = s.FindNotificationPrefs(ctx, w.agent2.ID)
	must(t, "FindNotificationPrefs(other user)", err)
	checkEqual(t, "FindNotificationPrefs(other user)", got, helpdesk.DefaultNotificationPrefs(w.agent2.ID))

	err = updateErr(t, s, func(ctx context.Context, tx helpdesk.Tx) error {
		return tx.SaveNotificationPrefs(ctx, &helpdesk.NotificationPrefs{UserID: w.cust.ID + 100, UpdatedAt: at(0)})
	})
	wantCode(t, "SaveNotificationPrefs(missing user)", err, helpdesk.EINVALID)
}

func testSentEmails(t *testing.T, s helpdesk.Store) {
	ctx := t.Context()
	const id = "<ticket-42-c17-u5@triage.example>"
	sent, err := s.EmailSent(ctx, id)
	must(t, "EmailSent", err)
	if sent {
		t.Fatalf("EmailSent before any record: true")
	}
	for range 2 {
		update(t, s, func(ctx context.Context, tx helpdesk.Tx) error { return tx.RecordEmailSent(ctx, id, at(0)) })
	}
	if sent, err = s.EmailSent(ctx, id); err != nil || !sent {
		t.Errorf("EmailSent after record: %v, %v; want true", sent, err)
	}
	if sent, err = s.EmailSent(ctx, "<ticket-42-c17-u6@triage.example>"); err != nil || sent {
		t.Errorf("EmailSent(other id): %v, %v; want false", sent, err)
	}
}
