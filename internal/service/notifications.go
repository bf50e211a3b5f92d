package service

import (
	"context"
	"crypto/hkdf"
	"crypto/sha256"
	"fmt"
	"slices"
	"strconv"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Notification list page size, and where the unread count stops: the web
// app shows "999+" beyond it, and counting further would cost a scan.
const (
	defaultNotificationLimit = 50
	MaxUnreadCount           = 1000
)

// UnsubscribeKey derives the key that signs one-click unsubscribe links
// from the server's secret, so the secret itself never signs anything.
func UnsubscribeKey(secret []byte) ([]byte, error) {
	key, err := hkdf.Key(sha256.New, secret, nil, "triage unsubscribe v1", 32)
	if err != nil {
		return nil, fmt.Errorf("derive unsubscribe key: %w", err)
	}
	return key, nil
}

// ListNotifications returns the caller's own notifications newest first,
// at most f.Limit (default 50, up to 100). f.UserID is ignored. A full page
// may continue: the next one has BeforeID set to its last ID.
func (s *Service) ListNotifications(ctx context.Context, p *helpdesk.Principal, f helpdesk.NotificationFilter) ([]*helpdesk.Notification, error) {
	if err := requireUser(p); err != nil {
		return nil, err
	}
	var v helpdesk.Validation
	f.Limit = pageLimit(&v, f.Limit, defaultNotificationLimit)
	if f.BeforeID < 0 {
		v.Add("cursor", "must not be negative")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	f.UserID = p.User.ID
	list, err := s.store.ListNotifications(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("list notifications: %w", err)
	}
	return list, nil
}

// UnreadNotificationCount counts the caller's unread notifications, up to
// MaxUnreadCount.
func (s *Service) UnreadNotificationCount(ctx context.Context, p *helpdesk.Principal) (int, error) {
	if err := requireUser(p); err != nil {
		return 0, err
	}
	n, err := s.store.CountUnreadNotifications(ctx, p.User.ID, MaxUnreadCount)
	if err != nil {
		return 0, fmt.Errorf("count unread notifications: %w", err)
	}
	return n, nil
}

// MarkNotificationRead marks one of the caller's notifications read; any
// other id, someone else's included, is not found. Reading is not audited:
// like a session's last use, it changes nothing anyone else sees.
func (s *Service) MarkNotificationRead(ctx context.Context, p *helpdesk.Principal, id int64) error {
	if err := requireUser(p); err != nil {
		return err
	}
	now := s.clock()
	return s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		ok, err := tx.MarkNotificationRead(ctx, p.User.ID, id, now)
		if err != nil {
			return fmt.Errorf("mark notification %d read: %w", id, err)
		}
		if !ok {
			return helpdesk.Errorf(helpdesk.ENOTFOUND, "Notification not found.")
		}
		return nil
	})
}

// MarkAllNotificationsRead marks every unread notification of the caller
// read, and returns how many there were.
func (s *Service) MarkAllNotificationsRead(ctx context.Context, p *helpdesk.Principal) (int, error) {
	if err := requireUser(p); err != nil {
		return 0, err
	}
	now := s.clock()
	var n int
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		var err error
		n, err = tx.MarkAllNotificationsRead(ctx, p.User.ID, now)
		if err != nil {
			return fmt.Errorf("mark notifications read: %w", err)
		}
		return nil
	})
	return n, err
}

// NotificationPrefs returns the caller's email preferences.
func (s *Service) NotificationPrefs(ctx context.Context, p *helpdesk.Principal) (*helpdesk.NotificationPrefs, error) {
	if err := requireUser(p); err != nil {
		return nil, err
	}
	prefs, err := s.store.FindNotificationPrefs(ctx, p.User.ID)
	if err != nil {
		return nil, fmt.Errorf("find notification preferences: %w", err)
	}
	return prefs, nil
}

// SetNotificationPrefs replaces the caller's email preferences with the
// flags of prefs and returns them as stored.
func (s *Service) SetNotificationPrefs(ctx context.Context, p *helpdesk.Principal, prefs helpdesk.NotificationPrefs) (*helpdesk.NotificationPrefs, error) {
	if err := requireUser(p); err != nil {
		return nil, err
	}
	var saved *helpdesk.NotificationPrefs
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		var err error
		saved, err = s.changePrefs(ctx, tx, p, p.User.ID, func(cur *helpdesk.NotificationPrefs) {
			for _, topic := range helpdesk.NotificationTopics {
				cur.Set(topic, prefs.Allows(topic))
			}
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	return saved, nil
}

// Unsubscribe turns off one email topic for userID, as a one-click
// unsubscribe link asks. The caller has checked the link's token, which
// names both; there is no session. Unsubscribing twice is not an error.
func (s *Service) Unsubscribe(ctx context.Context, userID int64, topic string) error {
	if !slices.Contains(helpdesk.NotificationTopics, topic) {
		return helpdesk.Invalid("topic", "is not an email topic")
	}
	return s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		u, err := tx.FindUserByID(ctx, userID)
		if err != nil {
			return fmt.Errorf("find user %d: %w", userID, err)
		}
		_, err = s.changePrefs(ctx, tx, &helpdesk.Principal{User: u}, userID, func(cur *helpdesk.NotificationPrefs) {
			cur.Set(topic, false)
		})
		return err
	})
}

// changePrefs applies change to userID's preferences inside tx, and saves
// and audits them if anything changed.
func (s *Service) changePrefs(ctx context.Context, tx helpdesk.Tx, actor *helpdesk.Principal, userID int64, change func(*helpdesk.NotificationPrefs)) (*helpdesk.NotificationPrefs, error) {
	cur, err := tx.FindNotificationPrefs(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("find notification preferences of user %d: %w", userID, err)
	}
	next := *cur
	change(&next)
	ch := newChanges()
	for _, topic := range helpdesk.NotificationTopics {
		if was, is := cur.Allows(topic), next.Allows(topic); was != is {
			ch.record(topic, was, is)
		}
	}
	if ch.empty() {
		return cur, nil
	}
	next.UpdatedAt = s.clock()
	if err := tx.SaveNotificationPrefs(ctx, &next); err != nil {
		return nil, fmt.Errorf("save notification preferences of user %d: %w", userID, err)
	}
	err = s.audit(ctx, tx, actor, "preferences.update", "user", strconv.FormatInt(userID, 10), ch.before, ch.after)
	if err != nil {
		return nil, err
	}
	return &next, nil
}
