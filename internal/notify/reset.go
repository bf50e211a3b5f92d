package notify

import (
	"context"
	"errors"
	"fmt"
	netmail "net/mail"
	"net/url"
	"strings"

	"github.com/riverqueue/river"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/mail"
	"github.com/triagehq/triage/internal/sealed"
)

// ResetArgs is the job the service enqueues when a user asks for a
// password reset.
type ResetArgs = helpdesk.PasswordResetMail

// ResetWorker mails the link of a password reset a user asked for. The
// token arrives sealed and is opened only to write the mail; it is never
// logged nor returned in an error. A user since deactivated or a link
// already expired means no mail. Like the email worker it records its
// Message-ID, fixed per job, so a run after a send that did succeed sends
// nothing.
type ResetWorker struct {
	river.WorkerDefaults[ResetArgs]
	d Deps
}

// NewResetWorker returns the worker of ResetArgs.
func NewResetWorker(d Deps) *ResetWorker { return &ResetWorker{d: withDefaults(d)} }

// Work sends the reset mail of job, if it is still due.
func (w *ResetWorker) Work(ctx context.Context, job *river.Job[ResetArgs]) error {
	a := job.Args
	if w.d.Mailer == nil {
		return nil
	}
	id := mail.ResetMessageID(job.ID, w.d.host())
	if sent, err := w.d.Store.EmailSent(ctx, id); err != nil || sent {
		return err
	}
	u, err := findUser(ctx, w.d.Store, a.UserID)
	if err != nil || u == nil || !u.Active {
		return err
	}
	if !w.d.clock().Before(a.ExpiresAt) {
		return nil
	}
	token, err := sealed.Open(w.d.ResetKey, a.Sealed, helpdesk.ResetMailBinding(a.UserID))
	if err != nil {
		// Another secret, or changed arguments: no retry can help.
		return river.JobCancel(fmt.Errorf("open reset token of user %d: %w", a.UserID, err))
	}
	m, err := w.compose(u, string(token), a, id)
	if err != nil {
		return err
	}
	if err := w.d.Mailer.Send(ctx, m); errors.Is(err, mail.ErrPermanent) {
		return river.JobCancel(err)
	} else if err != nil {
		return err
	}
	return w.d.Store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		return tx.RecordEmailSent(ctx, m.MessageID, w.d.clock())
	})
}

// compose builds the reset mail to u with Message-ID id. It is
// transactional mail: no unsubscribe link, no preferences.
func (w *ResetWorker) compose(u *helpdesk.User, token string, a ResetArgs, id string) (*mail.Message, error) {
	d := mail.Data{
		SiteName:     w.d.SiteName,
		BaseURL:      w.d.BaseURL,
		Recipient:    u.Name,
		ResetURL:     strings.TrimRight(w.d.BaseURL, "/") + "/reset-password?token=" + url.QueryEscape(token),
		ResetExpires: a.ExpiresAt,
	}
	subject, text, html, err := mail.Render(mail.KindPasswordReset, d)
	if err != nil {
		return nil, err
	}
	return &mail.Message{
		To:        netmail.Address{Name: u.Name, Address: u.Email},
		Subject:   subject,
		Text:      text,
		HTML:      html,
		MessageID: id,
		Headers:   map[string]string{"Auto-Submitted": "auto-generated"},
	}, nil
}
