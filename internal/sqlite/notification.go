package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// notificationColumns reads a notification n with its ticket t and actor a.
const notificationColumns = `n.id, n.user_id, n.kind, n.ticket_id, n.comment_id, n.actor_id, n.dedupe_key,
	n.created_at, n.read_at, t.subject, coalesce(a.name, '')`

const notificationFrom = ` FROM notifications n JOIN tickets t ON t.id = n.ticket_id
	LEFT JOIN users a ON a.id = n.actor_id`

func scanNotification(s scanner) (*helpdesk.Notification, error) {
	var n helpdesk.Notification
	var comment, actor, read sql.NullInt64
	var created int64
	err := s.Scan(&n.ID, &n.UserID, &n.Kind, &n.TicketID, &comment, &actor, &n.DedupeKey, &created, &read,
		&n.TicketSubject, &n.ActorName)
	if err != nil {
		return nil, err
	}
	n.CommentID, n.ActorID = fromNullID(comment), fromNullID(actor)
	n.CreatedAt, n.ReadAt = fromMicros(created), fromNullMicros(read)
	return &n, nil
}

// ListNotifications returns f.UserID's notifications, newest first.
func (r queries) ListNotifications(ctx context.Context, f helpdesk.NotificationFilter) ([]*helpdesk.Notification, error) {
	var w where
	w.add("n.user_id = ?", f.UserID)
	if f.UnreadOnly {
		w.add("n.read_at IS NULL")
	}
	if f.BeforeID > 0 {
		w.add("n.id < ?", f.BeforeID)
	}
	rows, err := r.q.QueryContext(ctx, `SELECT `+notificationColumns+notificationFrom+w.String()+
		` ORDER BY n.id DESC LIMIT ?`, append(w.args, clampLimit(f.Limit))...)
	if err != nil {
		return nil, fmt.Errorf("list notifications of user %d: %w", f.UserID, err)
	}
	defer rows.Close()
	list := []*helpdesk.Notification{}
	for rows.Next() {
		n, err := scanNotification(rows)
		if err != nil {
			return nil, fmt.Errorf("list notifications of user %d: %w", f.UserID, err)
		}
		list = append(list, n)
	}
	return list, rows.Err()
}

// CountUnreadNotifications counts userID's unread notifications, up to max.
func (r queries) CountUnreadNotifications(ctx context.Context, userID int64, max int) (int, error) {
	var n int
	err := r.q.QueryRowContext(ctx, `
		SELECT count(*) FROM (
			SELECT 1 FROM notifications WHERE user_id = ? AND read_at IS NULL LIMIT ?)`,
		userID, max).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count unread notifications of user %d: %w", userID, err)
	}
	return n, nil
}

// FindNotificationPrefs returns userID's email preferences, or the
// defaults.
func (r queries) FindNotificationPrefs(ctx context.Context, userID int64) (*helpdesk.NotificationPrefs, error) {
	p := helpdesk.NotificationPrefs{UserID: userID}
	var updated int64
	err := r.q.QueryRowContext(ctx, `
		SELECT email_assigned, email_team_assigned, email_customer_reply, email_mention,
			email_ticket_replies, updated_at
		FROM notification_prefs WHERE user_id = ?`, userID,
	).Scan(&p.EmailAssigned, &p.EmailTeamAssigned, &p.EmailCustomerReply, &p.EmailMention,
		&p.EmailTicketReplies, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return helpdesk.DefaultNotificationPrefs(userID), nil
	} else if err != nil {
		return nil, fmt.Errorf("find notification preferences of user %d: %w", userID, err)
	}
	p.UpdatedAt = fromMicros(updated)
	return &p, nil
}

// EmailSent reports whether the email with messageID was recorded as sent.
func (r queries) EmailSent(ctx context.Context, messageID string) (bool, error) {
	var sent bool
	err := r.q.QueryRowContext(ctx,
		`SELECT EXISTS (SELECT 1 FROM sent_emails WHERE message_id = ?)`, messageID).Scan(&sent)
	if err != nil {
		return false, fmt.Errorf("look up sent email: %w", err)
	}
	return sent, nil
}

// CreateNotification stores n unless its user already has one with its
// dedupe key.
func (tx *Tx) CreateNotification(ctx context.Context, n *helpdesk.Notification) (bool, error) {
	res, err := tx.tx.ExecContext(ctx, `
		INSERT INTO notifications (user_id, kind, ticket_id, comment_id, actor_id, dedupe_key,
			created_at, read_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id, dedupe_key) DO NOTHING`,
		n.UserID, n.Kind, n.TicketID, nullID(n.CommentID), nullID(n.ActorID), n.DedupeKey,
		micros(n.CreatedAt), nullMicros(n.ReadAt))
	if err != nil {
		return false, fmt.Errorf("create notification: %w", translate(err))
	}
	if affected, err := res.RowsAffected(); err != nil {
		return false, fmt.Errorf("create notification: %w", err)
	} else if affected == 0 {
		return false, nil
	}
	if n.ID, err = res.LastInsertId(); err != nil {
		return false, fmt.Errorf("create notification: %w", err)
	}
	return true, nil
}

// MarkNotificationRead marks userID's notification id read at `at`,
// keeping an earlier read time.
func (tx *Tx) MarkNotificationRead(ctx context.Context, userID, id int64, at time.Time) (bool, error) {
	res, err := tx.tx.ExecContext(ctx,
		`UPDATE notifications SET read_at = coalesce(read_at, ?) WHERE id = ? AND user_id = ?`,
		micros(at), id, userID)
	if err != nil {
		return false, fmt.Errorf("mark notification %d read: %w", id, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("mark notification %d read: %w", id, err)
	}
	return n > 0, nil
}

// MarkAllNotificationsRead marks userID's unread notifications read.
func (tx *Tx) MarkAllNotificationsRead(ctx context.Context, userID int64, at time.Time) (int, error) {
	res, err := tx.tx.ExecContext(ctx,
		`UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL`, micros(at), userID)
	if err != nil {
		return 0, fmt.Errorf("mark notifications of user %d read: %w", userID, err)
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// SaveNotificationPrefs stores p, replacing the user's earlier preferences.
func (tx *Tx) SaveNotificationPrefs(ctx context.Context, p *helpdesk.NotificationPrefs) error {
	_, err := tx.tx.ExecContext(ctx, `
		INSERT INTO notification_prefs (user_id, email_assigned, email_team_assigned,
			email_customer_reply, email_mention, email_ticket_replies, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (user_id) DO UPDATE SET
			email_assigned = excluded.email_assigned,
			email_team_assigned = excluded.email_team_assigned,
			email_customer_reply = excluded.email_customer_reply,
			email_mention = excluded.email_mention,
			email_ticket_replies = excluded.email_ticket_replies,
			updated_at = excluded.updated_at`,
		p.UserID, boolInt(p.EmailAssigned), boolInt(p.EmailTeamAssigned), boolInt(p.EmailCustomerReply),
		boolInt(p.EmailMention), boolInt(p.EmailTicketReplies), micros(p.UpdatedAt))
	if err != nil {
		return fmt.Errorf("save notification preferences of user %d: %w", p.UserID, translate(err))
	}
	return nil
}

// RecordEmailSent notes the email with messageID as sent; a second record
// keeps the first time.
func (tx *Tx) RecordEmailSent(ctx context.Context, messageID string, at time.Time) error {
	_, err := tx.tx.ExecContext(ctx, `
		INSERT INTO sent_emails (message_id, sent_at) VALUES (?, ?)
		ON CONFLICT (message_id) DO NOTHING`, messageID, micros(at))
	if err != nil {
		return fmt.Errorf("record sent email: %w", translate(err))
	}
	return nil
}
