package notify

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/riverqueue/river"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/mail"
	"github.com/triagehq/triage/internal/realtime"
)

// EventWorker decides who hears about a change, stores their in-app
// notifications and queues their email, all in one transaction, then
// publishes the new notifications live. Running it twice for one job
// changes nothing: every notification has a dedupe key, and an email is
// queued only with a notification that was new (or, for customers, as a
// unique job).
type EventWorker struct {
	river.WorkerDefaults[EventArgs]
	d Deps
}

// Work handles one event.
func (w *EventWorker) Work(ctx context.Context, job *river.Job[EventArgs]) error {
	var created []*helpdesk.Notification
	var ticket *helpdesk.Ticket
	err := w.d.Store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		// PostgreSQL may run this function again after a serialization
		// failure; nothing from an earlier attempt may survive.
		created, ticket = nil, nil
		ev, err := loadEvent(ctx, tx, job.ID, job.Args)
		if err != nil || ev == nil {
			return err
		}
		ticket = ev.ticket
		deliveries, err := ev.recipients(ctx, tx)
		if err != nil {
			return err
		}
		for _, d := range deliveries {
			n, err := w.deliver(ctx, tx, ev, d)
			if err != nil {
				return err
			}
			if n != nil {
				created = append(created, n)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("notify %s of ticket %d: %w", job.Args.Event, job.Args.TicketID, err)
	}
	w.publish(ctx, ticket, created)
	return nil
}

// deliver stores d's notification, if it has one, and queues its email if
// the recipient wants it. It returns the notification when it was new, and
// does nothing at all when it was not: that event was handled before.
func (w *EventWorker) deliver(ctx context.Context, tx helpdesk.Tx, ev *event, d delivery) (*helpdesk.Notification, error) {
	email := EmailArgs{UserID: d.user.ID, TicketID: ev.ticket.ID, Template: d.template, ActorID: ev.args.ActorID}
	if ev.comment != nil {
		email.CommentID = ev.comment.ID
	}
	var n *helpdesk.Notification
	if d.kind != "" {
		n = &helpdesk.Notification{UserID: d.user.ID, Kind: d.kind, TicketID: ev.ticket.ID,
			DedupeKey: d.key, CreatedAt: w.d.clock()}
		if ev.comment != nil {
			n.CommentID = &ev.comment.ID
		}
		if ev.actor != nil {
			n.ActorID, n.ActorName = &ev.actor.ID, ev.actor.Name
		}
		n.TicketSubject = ev.ticket.Subject
		created, err := tx.CreateNotification(ctx, n)
		if err != nil {
			return nil, fmt.Errorf("create %s notification for user %d: %w", d.kind, d.user.ID, err)
		}
		if !created {
			return nil, nil
		}
		email.NotificationID = n.ID
	}
	if w.d.Mailer == nil {
		return n, nil
	}
	prefs, err := tx.FindNotificationPrefs(ctx, d.user.ID)
	if err != nil {
		return nil, fmt.Errorf("find preferences of user %d: %w", d.user.ID, err)
	}
	if prefs.Allows(topicOf(d.template)) {
		if err := tx.EnqueueJob(ctx, email, nil); err != nil {
			return nil, err
		}
	}
	return n, nil
}

// publish sends each new notification to its user's open sockets. A lost
// event costs only liveness: the notification is stored, and the web app
// refetches on reconnect.
func (w *EventWorker) publish(ctx context.Context, t *helpdesk.Ticket, created []*helpdesk.Notification) {
	if w.d.Events == nil {
		return
	}
	for _, n := range created {
		payload, err := json.Marshal(n)
		if err == nil {
			err = w.d.Events.Publish(ctx, realtime.Event{
				Type:   realtime.TypeNotificationCreated,
				UserID: n.UserID,
				// With the ticket named, the hub also checks the user can
				// still see it.
				Ticket:   realtime.RefOf(t),
				Internal: true,
				Payload:  payload,
			})
		}
		if err != nil {
			w.d.Logger.WarnContext(ctx, "publish notification failed", slog.Int64("notification_id", n.ID),
				slog.String("error", err.Error()))
		}
	}
}

// topicOf returns the preference that allows email of a template.
func topicOf(template string) string {
	switch template {
	case mail.KindAgentReply:
		return helpdesk.TopicEmailTicketReplies
	case mail.KindAssigned:
		return helpdesk.TopicEmailAssigned
	case mail.KindTeamAssigned:
		return helpdesk.TopicEmailTeamAssigned
	case mail.KindCustomerReply:
		return helpdesk.TopicEmailCustomerReply
	case mail.KindMention:
		return helpdesk.TopicEmailMention
	}
	return ""
}
