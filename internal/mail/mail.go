// Package mail composes and sends Triage's notification email: the SMTP
// sender, the embedded templates, threading Message-IDs and signed
// unsubscribe tokens.
package mail

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
)

// ErrPermanent is wrapped by Send errors that retrying cannot fix, such as a
// 5xx reply rejecting the recipient or the message, or an invalid message.
// A job that sees it should stop retrying.
var ErrPermanent = errors.New("permanent mail failure")

// Message is one email to one recipient. Text and HTML are alternative
// renderings of the same content; Text is always sent, HTML when not empty.
type Message struct {
	To      mail.Address
	Subject string
	Text    string
	HTML    string

	// MessageID, InReplyTo and References are full "<id@host>" forms.
	// An empty MessageID gets a random one.
	MessageID  string
	InReplyTo  string
	References []string

	// ListUnsubscribe is an https URL (RFC 8058 one-click). When set, the
	// List-Unsubscribe and List-Unsubscribe-Post headers are added. An http
	// URL (development) gets List-Unsubscribe only, since RFC 8058 requires
	// https for one-click.
	ListUnsubscribe string

	// Headers are extra header fields, e.g. "Auto-Submitted".
	Headers map[string]string
}

// Sender delivers messages.
type Sender interface {
	Send(ctx context.Context, m *Message) error
}

// TicketRootID returns the Message-ID that anchors a ticket's thread, used
// in References so mail clients group every message about the ticket.
func TicketRootID(ticketID int64, host string) string {
	return fmt.Sprintf("<ticket-%d@%s>", ticketID, idHost(host))
}

// MessageIDFor returns the Message-ID of one message about a ticket. part
// distinguishes messages (e.g. "c17-u5": comment 17 to user 5); the same
// inputs always give the same ID, which makes sends idempotent. host should
// be a bare host name (url.URL.Hostname); other characters become "-".
func MessageIDFor(ticketID int64, part string, host string) string {
	return fmt.Sprintf("<ticket-%d-%s@%s>", ticketID, idSafe(part), idHost(host))
}

// ResetMessageID returns the Message-ID of the password reset mail sent
// by job jobID. It is fixed per job, so a job run twice sends once, and
// unique per job, so two resets asked for are two mails.
func ResetMessageID(jobID int64, host string) string {
	return fmt.Sprintf("<reset-%d@%s>", jobID, idHost(host))
}

// idSafe maps s to characters allowed in a Message-ID's dot-atom.
func idSafe(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9',
			r == '.', r == '-', r == '_':
			return r
		}
		return '-'
	}, s)
}

// idHost is idSafe for the right-hand side, which must not be empty.
func idHost(host string) string {
	if host == "" {
		return "localhost"
	}
	return idSafe(host)
}
