// Package notify turns ticket events into notifications: in-app entries for
// staff, delivered live, and email for staff and customers. It is River
// workers. The event worker, fed by the service inside the transaction of
// each change, decides who hears about it; the email worker sends one
// message, and is safe to run twice. The reset worker mails the link of a
// password reset a user asked for.
//
// The rules that must never bend: a customer never receives internal-note
// content, by any channel; only active users are told anything; staff are
// told only about tickets they can see; nobody is told about their own
// action.
package notify

import (
	"context"
	"log/slog"
	"net/url"
	"time"

	"github.com/riverqueue/river"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/mail"
	"github.com/triagehq/triage/internal/realtime"
)

// EventArgs is the job the service enqueues for a change that may notify
// someone. It is defined in the domain so the service need not import this
// package.
type EventArgs = helpdesk.NotificationEvent

// EmailArgs is one email to send: template (a mail kind) about a ticket to
// a user. The event worker enqueues it.
type EmailArgs struct {
	UserID   int64  `json:"user_id"`
	TicketID int64  `json:"ticket_id"`
	Template string `json:"template"`
	// CommentID is the comment the email quotes; 0 for assignments.
	CommentID int64 `json:"comment_id,omitempty"`
	// ActorID is who acted; 0 for nobody in particular.
	ActorID int64 `json:"actor_id,omitempty"`
	// NotificationID is the in-app notification the email repeats; 0 for
	// customer email, which has none.
	NotificationID int64 `json:"notification_id,omitempty"`
}

// Kind names the email worker.
func (EmailArgs) Kind() string { return "notify_email" }

// InsertOpts makes an email job unique by its arguments, so an event
// worker run twice cannot queue the same email twice even where no
// notification row dedupes it (customer email). The worker's Message-ID
// check is the second line of defence.
func (EmailArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}}
}

// Publisher carries live events to connected users (realtime.LocalBus or
// PGBus).
type Publisher interface {
	Publish(ctx context.Context, e realtime.Event) error
}

// Deps is what the workers need.
type Deps struct {
	Store helpdesk.Store
	// Events receives notification.created events; nil publishes nothing.
	Events Publisher
	// Mailer sends email; nil means no email is queued at all. The sender's
	// From address is part of its own configuration.
	Mailer mail.Sender
	// BaseURL is the web app's public URL, such as https://help.example.com;
	// links in email start with it, and its host names Message-IDs.
	BaseURL  string
	SiteName string
	// UnsubscribeKey signs one-click unsubscribe links; empty leaves them
	// out.
	UnsubscribeKey []byte
	// ResetKey opens the reset tokens sealed into PasswordResetMail jobs
	// (service.ResetMailKey of the secret); nil registers no reset worker.
	ResetKey []byte
	// Now is the clock; nil means time.Now.
	Now    func() time.Time
	Logger *slog.Logger
}

// Register adds the workers to w: the event and email workers always, the
// reset worker when there is a Mailer and a ResetKey.
func Register(w *river.Workers, d Deps) {
	river.AddWorker(w, NewEventWorker(d))
	river.AddWorker(w, NewEmailWorker(d))
	if d.Mailer != nil && len(d.ResetKey) > 0 {
		river.AddWorker(w, NewResetWorker(d))
	}
}

// NewEventWorker returns the worker of EventArgs. Servers use Register;
// tests may call its Work directly.
func NewEventWorker(d Deps) *EventWorker { return &EventWorker{d: withDefaults(d)} }

// NewEmailWorker returns the worker of EmailArgs.
func NewEmailWorker(d Deps) *EmailWorker { return &EmailWorker{d: withDefaults(d)} }

func withDefaults(d Deps) Deps {
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	return d
}

// clock returns the time as stored: UTC, microsecond precision.
func (d *Deps) clock() time.Time { return d.Now().UTC().Truncate(time.Microsecond) }

// host returns BaseURL's host name, for Message-IDs.
func (d *Deps) host() string {
	u, err := url.Parse(d.BaseURL)
	if err != nil {
		return ""
	}
	return u.Hostname()
}
