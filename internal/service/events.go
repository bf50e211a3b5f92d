package service

import (
	"context"
	"encoding/json"
	"log/slog"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/realtime"
)

// Publisher carries domain events to live clients (realtime.LocalBus or
// realtime.PGBus). The service publishes only after a commit.
type Publisher interface {
	Publish(ctx context.Context, e realtime.Event) error
}

// Sockets controls users' open live connections (realtime.Hub): the
// service tells it when a session ends or what a user may see changes.
type Sockets interface {
	CloseUser(ctx context.Context, userID int64) error
	CloseOtherSessions(ctx context.Context, userID int64, keepSessionID string) error
	CloseSession(ctx context.Context, sessionID string) error
	RescopeUser(ctx context.Context, userID int64) error
}

// AttachSockets makes the service close and re-scope live connections. It
// must be called before the service serves requests; the hub is built after
// the service because it authorizes through it.
func (s *Service) AttachSockets(sk Sockets) { s.sockets = sk }

// ticketData is what staff receive about a ticket in a live event.
type ticketData struct {
	ID         int64           `json:"id"`
	Subject    string          `json:"subject"`
	Status     helpdesk.Status `json:"status"`
	Priority   string          `json:"priority"`
	AssigneeID *int64          `json:"assignee_id"`
	TeamID     *int64          `json:"team_id"`
	UpdatedAt  time.Time       `json:"updated_at"`
}

// publicTicketData is what a customer receives about their own ticket:
// nothing about who works it or how it is triaged.
type publicTicketData struct {
	ID        int64           `json:"id"`
	Subject   string          `json:"subject"`
	Status    helpdesk.Status `json:"status"`
	UpdatedAt time.Time       `json:"updated_at"`
}

type commentData struct {
	ID        int64     `json:"id"`
	TicketID  int64     `json:"ticket_id"`
	Internal  bool      `json:"internal"`
	AuthorID  int64     `json:"author_id"`
	CreatedAt time.Time `json:"created_at"`
}

type publicCommentData struct {
	ID        int64     `json:"id"`
	TicketID  int64     `json:"ticket_id"`
	AuthorID  int64     `json:"author_id"`
	CreatedAt time.Time `json:"created_at"`
}

// ticketEvent describes t after a change. before is the ticket as it was
// when the change may have moved it out of someone's sight (team or
// assignee changed); those who lost it receive ticket.hidden.
func ticketEvent(typ string, t *helpdesk.Ticket, before *helpdesk.Ticket) realtime.Event {
	e := realtime.Event{
		Type:   typ,
		Ticket: realtime.RefOf(t),
		Payload: mustJSON(map[string]any{"ticket": ticketData{
			ID: t.ID, Subject: t.Subject, Status: t.Status, Priority: string(t.Priority),
			AssigneeID: t.AssigneeID, TeamID: t.TeamID, UpdatedAt: t.UpdatedAt,
		}}),
		PublicPayload: mustJSON(map[string]any{"ticket": publicTicketData{
			ID: t.ID, Subject: t.Subject, Status: t.Status, UpdatedAt: t.UpdatedAt,
		}}),
		At: t.UpdatedAt,
	}
	if before != nil && (!sameID(before.TeamID, t.TeamID) || !sameID(before.AssigneeID, t.AssigneeID)) {
		ref := realtime.RefOf(before)
		e.Before = &ref
	}
	return e
}

// commentEvent describes a new comment. An internal note is an internal
// event: customers never receive it, not even its id.
func commentEvent(t *helpdesk.Ticket, c *helpdesk.Comment) realtime.Event {
	e := realtime.Event{
		Type:     realtime.TypeCommentCreated,
		Ticket:   realtime.RefOf(t),
		Internal: c.Internal,
		Payload: mustJSON(map[string]any{"comment": commentData{
			ID: c.ID, TicketID: t.ID, Internal: c.Internal, AuthorID: c.AuthorID, CreatedAt: c.CreatedAt,
		}}),
		At: c.CreatedAt,
	}
	if !c.Internal {
		e.PublicPayload = mustJSON(map[string]any{"comment": publicCommentData{
			ID: c.ID, TicketID: t.ID, AuthorID: c.AuthorID, CreatedAt: c.CreatedAt,
		}})
	}
	return e
}

// publish hands committed events to the bus. A failure costs live clients
// an update (they resync on reconnect), never the change itself, so it is
// logged rather than returned.
func (s *Service) publish(ctx context.Context, events ...realtime.Event) {
	// Cached view counts may include what just changed; drop them before
	// the caller can ask again, without waiting for the bus.
	s.viewCounts.invalidate()
	if s.events == nil {
		return
	}
	// The request may end as soon as the change is committed; the event
	// must still go out.
	ctx = context.WithoutCancel(ctx)
	for _, e := range events {
		if err := s.events.Publish(ctx, e); err != nil {
			s.log.Warn("live event not published", slog.String("type", e.Type),
				slog.Int64("ticket_id", e.Ticket.ID), slog.String("error", err.Error()))
		}
	}
}

// sessionEnded forgets a revoked session and closes its sockets.
func (s *Service) sessionEnded(ctx context.Context, sessionID string) {
	s.sessions.forget(sessionID)
	if s.sockets != nil {
		s.socketErr(s.sockets.CloseSession(context.WithoutCancel(ctx), sessionID))
	}
}

// otherSessionsEnded forgets userID's sessions and closes their sockets,
// except those of session keep ("" for none).
func (s *Service) otherSessionsEnded(ctx context.Context, userID int64, keep string) {
	s.sessions.forgetUser(userID)
	if s.sockets != nil {
		s.socketErr(s.sockets.CloseOtherSessions(context.WithoutCancel(ctx), userID, keep))
	}
}

// scopeChanged forgets userID's cached sessions and re-scopes their
// sockets: after a change of role, activation or team membership. The hub
// closes the sockets of a user who may no longer connect.
func (s *Service) scopeChanged(ctx context.Context, userIDs ...int64) {
	s.viewCounts.invalidate()
	for _, id := range userIDs {
		s.sessions.forgetUser(id)
		if s.sockets != nil {
			s.socketErr(s.sockets.RescopeUser(context.WithoutCancel(ctx), id))
		}
	}
}

func (s *Service) socketErr(err error) {
	if err != nil {
		s.log.Warn("live connections not updated", slog.String("error", err.Error()))
	}
}

func sameID(a, b *int64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}

// mustJSON encodes our own plain structs, which always encode.
func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic("service: encode event payload: " + err.Error())
	}
	return b
}
