package postgres

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triagehq/triage/internal/helpdesk"
)

// notificationColumns reads a notification n with its ticket t and actor a.
const notificationColumns = `n.id, n.user_id, n.kind, n.ticket_id, n.comment_id, n.actor_id, n.dedupe_key,
	n.created_at, n.read_at, t.subject, coalesce(a.name, '')`

const notificationFrom = ` FROM notifications n JOIN tickets t ON t.id = n.ticket_id
	LEFT JOIN users a ON a.id = n.actor_id`

// scanNotification reads one row of notificationColumns.
func scanNotification(row pgx.Row) (*helpdesk.Notification, error) {
	var n helpdesk.Notification
	err := row.Scan(&n.ID, &n.UserID, &n.Kind, &n.TicketID, &n.CommentID, &n.ActorID, &n.DedupeKey,
		&n.CreatedAt, &n.ReadAt, &n.TicketSubject, &n.ActorName)
	if err != nil {
		return nil, err
	}
	n.CreatedAt, n.ReadAt = n.CreatedAt.UTC(), utcPtr(n.ReadAt)
	return &n, nil
}

// ListNotifications returns f.UserID's notifications, newest first.
func (r reader) ListNotifications(ctx context.Context, f helpdesk.NotificationFilter) ([]*helpdesk.Notification, error) {
	var w where
	w.add("n.user_id = %s", f.UserID)
	if f.UnreadOnly {
		w.add("n.read_at IS NULL")
	}
	if f.BeforeID > 0 {
		w.add("n.id < %s", f.BeforeID)
	}
	limit := w.arg(clampLimit(f.Limit))
	rows, err := r.q.Query(ctx, `SELECT `+notificationColumns+notificationFrom+w.sql()+
		` ORDER BY n.id DESC LIMIT `+limit, w.args...)
	if err != nil {
		return nil, fmt.Errorf("list notifications of user %d: %w", f.UserID, err)
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (*helpdesk.Notification, error) {
		return scanNotification(row)
	})
	if err != nil {
		return nil, fmt.Errorf("list notifications of user %d: %w", f.UserID, err)
	}
	if list == nil {
		list = []*helpdesk.Notification{}
	}
	return list, nil
}

// CountUnreadNotifications counts userID's unread notifications, up to max.
func (r reader) CountUnreadNotifications(ctx context.Context, userID int64, max int) (int, error) {
	var n int
	err := r.q.QueryRow(ctx, `
		SELECT count(*) FROM (
			SELECT 1 FROM notifications WHERE user_id = $1 AND read_at IS NULL LIMIT $2) AS unread`,
		userID, max).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count unread notifications of user %d: %w", userID, err)
	}
	return n, nil
}

// FindNotificationPrefs returns userID's email preferences, or the
// defaults.
func (r reader) FindNotificationPrefs(ctx context.Context, userID int64) (*helpdesk.NotificationPrefs, error) {
	p := helpdesk.NotificationPrefs{UserID: userID}
	err := r.q.QueryRow(ctx, `
		SELECT email_assigned, email_team_assigned, email_customer_reply, email_mention,
			email_ticket_replies, updated_at
		FROM notification_prefs WHERE user_id = $1`, userID,
	).Scan(&p.EmailAssigned, &p.EmailTeamAssigned, &p.EmailCustomerReply, &p.EmailMention,
		&p.EmailTicketReplies, &p.UpdatedAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return helpdesk.DefaultNotificationPrefs(userID), nil
	} else if err != nil {
		return nil, fmt.Errorf("find notification preferences of user %d: %w", userID, err)
	}
	p.UpdatedAt = p.UpdatedAt.UTC()
	return &p, nil
}

// EmailSent reports whether the email with messageID was recorded as sent.
func (r reader) EmailSent(ctx context.Context, messageID string) (bool, error) {
	var sent bool
	err := r.q.QueryRow(ctx,
		`SELECT EXISTS (SELECT 1 FROM sent_emails WHERE message_id = $1)`, messageID).Scan(&sent)
	if err != nil {
		return false, fmt.Errorf("look up sent email: %w", err)
	}
	return sent, nil
}

// CreateNotification stores n unless its user already has one with its
// dedupe key.
func (t *tx) CreateNotification(ctx context.Context, n *helpdesk.Notification) (bool, error) {
	err := t.ptx.QueryRow(ctx, `
		INSERT INTO notifications (user_id, kind, ticket_id, comment_id, actor_id, dedupe_key,
			created_at, read_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (user_id, dedupe_key) DO NOTHING
		RETURNING id`,
		n.UserID, n.Kind, n.TicketID, n.CommentID, n.ActorID, n.DedupeKey, n.CreatedAt, n.ReadAt,
	).Scan(&n.ID)
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("create notification: %w", translate(err))
	}
	return true, nil
}

// MarkNotificationRead marks userID's notification id read at `at`,
// keeping an earlier read time.
func (t *tx) MarkNotificationRead(ctx context.Context, userID, id int64, at time.Time) (bool, error) {
	tag, err := t.ptx.Exec(ctx,
		`UPDATE notifications SET read_at = coalesce(read_at, $3) WHERE id = $1 AND user_id = $2`,
		id, userID, at)
	if err != nil {
		return false, fmt.Errorf("mark notification %d read: %w", id, translate(err))
	}
	return tag.RowsAffected() > 0, nil
}

// MarkAllNotificationsRead marks userID's unread notifications read.
func (t *tx) MarkAllNotificationsRead(ctx context.Context, userID int64, at time.Time) (int, error) {
	tag, err := t.ptx.Exec(ctx,
		`UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL`, userID, at)
	if err != nil {
		return 0, fmt.Errorf("mark notifications of user %d read: %w", userID, translate(err))
	}
	return int(tag.RowsAffected()), nil
}

// SaveNotificationPrefs stores p, replacing the user's earlier preferences.
func (t *tx) SaveNotificationPrefs(ctx context.Context, p *helpdesk.NotificationPrefs) error {
	_, err := t.ptx.Exec(ctx, `
		INSERT INTO notification_prefs (user_id, email_assigned, email_team_assigned,
			email_customer_reply, email_mention, email_ticket_replies, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)
		ON CONFLICT (user_id) DO UPDATE SET
			email_assigned = excluded.email_assigned,
			email_team_assigned = excluded.email_team_assigned,
			email_customer_reply = excluded.email_customer_reply,
			email_mention = excluded.email_mention,
			email_ticket_replies = excluded.email_ticket_replies,
			updated_at = excluded.updated_at`,
		p.UserID, p.EmailAssigned, p.EmailTeamAssigned, p.EmailCustomerReply, p.EmailMention,
		p.EmailTicketReplies, p.UpdatedAt)
	if err != nil {
		return fmt.Errorf("save notification preferences of user %d: %w", p.UserID, translate(err))
	}
	return nil
}

// RecordEmailSent notes the email with messageID as sent; a second record
// keeps the first time.
func (t *tx) RecordEmailSent(ctx context.Context, messageID string, at time.Time) error {
	_, err := t.ptx.Exec(ctx, `
		INSERT INTO sent_emails (message_id, sent_at) VALUES ($1, $2)
		ON CONFLICT (message_id) DO NOTHING`, messageID, at)
	if err != nil {
		return fmt.Errorf("record sent email: %w", translate(err))
	}
	return nil
}
