package notify

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	netmail "net/mail"
	"net/url"
	"strconv"
	"strings"

	"github.com/riverqueue/river"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/mail"
)

// EmailWorker sends one notification email. Everything is read again when
// it runs, since the job may run long after it was queued: a user since
// deactivated, a preference turned off, a ticket moved out of sight or a
// comment gone means no email. Each email has a fixed Message-ID, recorded
// once sent, so a retry after a send that did succeed sends nothing.
type EmailWorker struct {
	river.WorkerDefaults[EmailArgs]
	d Deps
}

// Work sends the email of job, if it is still due.
func (w *EmailWorker) Work(ctx context.Context, job *river.Job[EmailArgs]) error {
	a := job.Args
	if w.d.Mailer == nil {
		return nil
	}
	id := mail.MessageIDFor(a.TicketID, messagePart(a), w.d.host())
	if sent, err := w.d.Store.EmailSent(ctx, id); err != nil || sent {
		return err
	}
	m, err := w.compose(ctx, a, id)
	if err != nil || m == nil {
		return err
	}
	if err := w.d.Mailer.Send(ctx, m); errors.Is(err, mail.ErrPermanent) {
		return river.JobCancel(err)
	} else if err != nil {
		return err
	}
	// Should this record fail, the job retries and the email goes out
	// twice: better than never.
	return w.d.Store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		return tx.RecordEmailSent(ctx, m.MessageID, w.d.clock())
	})
}

// letter is what an email is about, as it is now.
type letter struct {
	user    *helpdesk.User
	ticket  *helpdesk.Ticket
	comment *helpdesk.Comment
	actor   string
	team    string
}

// compose builds the message for a, with Message-ID id, or returns nil
// when it is no longer due.
func (w *EmailWorker) compose(ctx context.Context, a EmailArgs, id string) (*mail.Message, error) {
	l, err := w.load(ctx, a)
	if err != nil || l == nil {
		return nil, err
	}
	topic := topicOf(a.Template)
	prefs, err := w.d.Store.FindNotificationPrefs(ctx, a.UserID)
	if err != nil {
		return nil, fmt.Errorf("find preferences of user %d: %w", a.UserID, err)
	}
	if !prefs.Allows(topic) {
		return nil, nil
	}
	d := mail.Data{
		SiteName:       w.d.SiteName,
		BaseURL:        w.d.BaseURL,
		Recipient:      l.user.Name,
		TicketID:       l.ticket.ID,
		TicketSubject:  l.ticket.Subject,
		ActorName:      l.actor,
		TeamName:       l.team,
		TicketURL:      w.ticketURL(l.user, l.ticket.ID),
		PreferencesURL: w.link("/account/notifications"),
	}
	if l.comment != nil {
		// BodyHTML was sanitized when the comment was stored.
		d.BodyText, d.BodyHTML = l.comment.Body, template.HTML(l.comment.BodyHTML)
	}
	// The link in the body opens the web app's confirmation page (a GET
	// must change nothing: mail scanners follow links); the header names
	// the API route mail clients POST to (RFC 8058).
	var listUnsubscribe string
	if len(w.d.UnsubscribeKey) > 0 {
		token := url.QueryEscape(mail.UnsubscribeToken(w.d.UnsubscribeKey, l.user.ID, topic))
		d.UnsubscribeURL = w.link("/unsubscribe?token=" + token)
		listUnsubscribe = w.link("/api/v1/unsubscribe?token=" + token)
	}
	subject, text, html, err := mail.Render(a.Template, d)
	if err != nil {
		return nil, err
	}
	root := mail.TicketRootID(l.ticket.ID, w.d.host())
	return &mail.Message{
		To:              netmail.Address{Name: l.user.Name, Address: l.user.Email},
		Subject:         subject,
		Text:            text,
		HTML:            html,
		MessageID:       id,
		InReplyTo:       root,
		References:      []string{root},
		ListUnsubscribe: listUnsubscribe,
		Headers: map[string]string{
			"Auto-Submitted":  "auto-generated",
			"X-Triage-Ticket": strconv.FormatInt(l.ticket.ID, 10),
		},
	}, nil
}

// messagePart names one email within its ticket's thread: the comment and
// recipient, or the notification it repeats.
func messagePart(a EmailArgs) string {
	if a.CommentID != 0 {
		return fmt.Sprintf("c%d-u%d", a.CommentID, a.UserID)
	}
	return fmt.Sprintf("n%d-u%d", a.NotificationID, a.UserID)
}

// load reads the recipient, ticket, comment and names of a, and applies
// the rules once more; nil means the email is no longer due.
func (w *EmailWorker) load(ctx context.Context, a EmailArgs) (*letter, error) {
	r := w.d.Store
	var l letter
	var err error
	if l.user, err = findUser(ctx, r, a.UserID); err != nil || l.user == nil || !l.user.Active {
		return nil, err
	}
	if l.ticket, err = r.FindTicketByID(ctx, a.TicketID); helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("find ticket %d: %w", a.TicketID, err)
	}
	if a.CommentID != 0 {
		l.comment, err = r.FindCommentByID(ctx, a.CommentID)
		if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
			return nil, nil
		} else if err != nil {
			return nil, fmt.Errorf("find comment %d: %w", a.CommentID, err)
		}
		if l.comment.TicketID != l.ticket.ID {
			return nil, nil
		}
	}
	if ok, err := w.allowed(ctx, a, &l); err != nil || !ok {
		return nil, err
	}
	if err := w.names(ctx, a, &l); err != nil {
		return nil, err
	}
	return &l, nil
}

// allowed applies the recipient rules to an email. The one email a
// customer can get is an agent's public reply on their own ticket; an
// internal note reaches staff only.
func (w *EmailWorker) allowed(ctx context.Context, a EmailArgs, l *letter) (bool, error) {
	switch a.Template {
	case mail.KindAgentReply:
		return l.comment != nil && !l.comment.Internal && l.user.Role == helpdesk.RoleCustomer &&
			l.user.ID == l.ticket.RequesterID, nil
	case mail.KindCustomerReply, mail.KindMention:
		if l.comment == nil {
			return false, nil
		}
	case mail.KindAssigned, mail.KindTeamAssigned:
	default:
		w.d.Logger.WarnContext(ctx, "unknown email template", slog.String("template", a.Template))
		return false, nil
	}
	return staffCanSee(ctx, w.d.Store, l.user, l.ticket)
}

// names fills in who acted and, for a team assignment, the team.
func (w *EmailWorker) names(ctx context.Context, a EmailArgs, l *letter) error {
	if a.ActorID != 0 {
		u, err := findUser(ctx, w.d.Store, a.ActorID)
		if err != nil {
			return err
		}
		if u != nil {
			l.actor = u.Name
		}
	}
	if a.Template == mail.KindTeamAssigned && l.ticket.TeamID != nil {
		tm, err := w.d.Store.FindTeamByID(ctx, *l.ticket.TeamID)
		if err != nil && helpdesk.ErrorCode(err) != helpdesk.ENOTFOUND {
			return fmt.Errorf("find team %d: %w", *l.ticket.TeamID, err)
		}
		if tm != nil {
			l.team = tm.Name
		}
	}
	return nil
}

// ticketURL links a ticket where u opens it: the agent workspace for
// staff, the portal for customers.
func (w *EmailWorker) ticketURL(u *helpdesk.User, id int64) string {
	if u.Role.Staff() {
		return w.link("/tickets/" + strconv.FormatInt(id, 10))
	}
	return w.link("/portal/tickets/" + strconv.FormatInt(id, 10))
}

// link returns BaseURL joined with path.
func (w *EmailWorker) link(path string) string {
	return strings.TrimRight(w.d.BaseURL, "/") + path
}
