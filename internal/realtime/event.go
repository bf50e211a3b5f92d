package realtime

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Event types. Clients receive them as the "type" of a frame.
const (
	TypeTicketCreated  = "ticket.created"
	TypeTicketUpdated  = "ticket.updated"
	TypeTicketAssigned = "ticket.assigned"
	TypeCommentCreated = "comment.created"
	TypeCommentUpdated = "comment.updated"
	// TypeNotificationCreated carries a new in-app notification to its
	// one recipient (Event.UserID).
	TypeNotificationCreated = "notification.created"
	TypePresence            = "presence"

	// TypeTicketHidden replaces an event for a recipient who could see the
	// ticket before the change (Event.Before) but cannot any more, so live
	// lists drop it. It carries the ticket id and nothing else.
	TypeTicketHidden = "ticket.hidden"

	// TypeResync tells clients that events may have been lost (a bus
	// subscriber fell behind, or the PostgreSQL listener was away for longer
	// than the event table keeps rows): they should refetch what they show.
	TypeResync = "resync"
)

// MaxPayload bounds Payload and PublicPayload. Events are notices for live
// views, not documents: anything bigger is fetched through the API.
const MaxPayload = 256 << 10

// TicketRef holds the fields of a ticket that decide who may see it.
type TicketRef struct {
	ID          int64  `json:"id"`
	RequesterID int64  `json:"requester_id"`
	TeamID      *int64 `json:"team_id,omitempty"`
	AssigneeID  *int64 `json:"assignee_id,omitempty"`
}

// RefOf returns the visibility fields of t.
func RefOf(t *helpdesk.Ticket) TicketRef {
	return TicketRef{ID: t.ID, RequesterID: t.RequesterID, TeamID: t.TeamID, AssigneeID: t.AssigneeID}
}

// Event is one thing that happened, published after commit and delivered to
// every connected user allowed to see it. The hub decides per recipient:
//
//   - an event with UserID set goes to that user only;
//   - an event about a ticket (Ticket.ID != 0) goes only to users who may
//     see the ticket as it is now (see Viewer.CanSee); users who could see
//     it only as it was (Before) get a bare TypeTicketHidden instead;
//   - staff receive Payload; customers receive PublicPayload, and nothing
//     at all when it is empty or the event is Internal.
//
// Payloads are rendered once by the publisher, so the realtime package never
// decides which fields a customer may read: the service does, in one place.
type Event struct {
	// ID is unique per event; Publish fills it in when empty.
	ID   string `json:"id"`
	Type string `json:"type"`
	// Ticket is the ticket the event is about, as it is after the change;
	// a zero ID means the event is about no ticket.
	Ticket TicketRef `json:"ticket"`
	// Before is the ticket as it was, when the change moved it between
	// teams or assignees; nil otherwise.
	Before *TicketRef `json:"before,omitempty"`
	// UserID addresses the event to one user (a notification); 0 means
	// everyone allowed.
	UserID int64 `json:"user_id,omitempty"`
	// Internal marks events about staff-only content, such as an internal
	// note or presence: customers never receive them.
	Internal bool `json:"internal,omitempty"`
	// Payload is what staff receive as the frame's data.
	Payload json.RawMessage `json:"payload,omitempty"`
	// PublicPayload is what a customer may receive; empty means nothing.
	PublicPayload json.RawMessage `json:"public_payload,omitempty"`
	// At is when it happened; Publish fills it in when zero.
	At time.Time `json:"at"`
}

// Validate refuses events that are malformed or that would leak: an Internal
// event must not carry a public payload.
func (e *Event) Validate() error {
	switch {
	case e.Type == "" || len(e.Type) > 64:
		return fmt.Errorf("event type %q: must be 1 to 64 bytes", e.Type)
	case len(e.ID) > 64:
		return errors.New("event id: must be at most 64 bytes")
	case e.Internal && hasJSON(e.PublicPayload):
		return fmt.Errorf("%s event is internal but has a public payload", e.Type)
	case e.Ticket.ID < 0 || e.UserID < 0:
		return fmt.Errorf("%s event: negative id", e.Type)
	case e.Before != nil && e.Before.ID != e.Ticket.ID:
		return fmt.Errorf("%s event: before names ticket %d, not %d", e.Type, e.Before.ID, e.Ticket.ID)
	case len(e.Payload) > MaxPayload || len(e.PublicPayload) > MaxPayload:
		return fmt.Errorf("%s event: payload over %d bytes", e.Type, MaxPayload)
	case len(e.Payload) > 0 && !json.Valid(e.Payload):
		return fmt.Errorf("%s event: payload is not JSON", e.Type)
	case len(e.PublicPayload) > 0 && !json.Valid(e.PublicPayload):
		return fmt.Errorf("%s event: public payload is not JSON", e.Type)
	}
	return nil
}

// prepare fills in the ID and time of an event about to be published, and
// validates it.
func prepare(e *Event, now time.Time) error {
	if e.ID == "" {
		e.ID = newID()
	}
	if e.At.IsZero() {
		e.At = now
	}
	return e.Validate()
}

// hasJSON reports whether raw holds a value other than JSON null.
func hasJSON(raw json.RawMessage) bool {
	return len(raw) > 0 && string(raw) != "null"
}

// newID returns 16 random bytes as hex; crypto/rand never fails.
func newID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// frame is what a client receives for an event.
type frame struct {
	ID       string          `json:"id,omitempty"`
	Type     string          `json:"type"`
	TicketID int64           `json:"ticket_id,omitempty"`
	At       *time.Time      `json:"at,omitempty"`
	Data     json.RawMessage `json:"data,omitempty"`
}

// frames holds an event encoded once for each kind of recipient, so fan-out
// to thousands of clients costs no encoding per client.
type frames struct {
	ev     *Event
	staff  []byte // Payload, for staff
	public []byte // PublicPayload, for customers; nil if they get nothing
	hidden []byte // the bare TypeTicketHidden, if Before is set
}

func encodeFrames(e *Event) (*frames, error) {
	f := &frames{ev: e}
	at := e.At
	var err error
	if e.Type == TypeResync {
		// Everyone may learn that they should refetch; nothing else.
		f.staff, err = json.Marshal(frame{ID: e.ID, Type: e.Type, At: &at})
		f.public = f.staff
		return f, err
	}
	if f.staff, err = json.Marshal(frame{ID: e.ID, Type: e.Type, TicketID: e.Ticket.ID, At: &at, Data: dataOrNil(e.Payload)}); err != nil {
		return nil, fmt.Errorf("encode %s event: %w", e.Type, err)
	}
	if !e.Internal && hasJSON(e.PublicPayload) {
		if f.public, err = json.Marshal(frame{ID: e.ID, Type: e.Type, TicketID: e.Ticket.ID, At: &at, Data: e.PublicPayload}); err != nil {
			return nil, fmt.Errorf("encode %s event: %w", e.Type, err)
		}
	}
	if e.Before != nil {
		if f.hidden, err = json.Marshal(frame{ID: e.ID, Type: TypeTicketHidden, TicketID: e.Ticket.ID, At: &at}); err != nil {
			return nil, fmt.Errorf("encode %s event: %w", e.Type, err)
		}
	}
	return f, nil
}

func dataOrNil(raw json.RawMessage) json.RawMessage {
	if hasJSON(raw) {
		return raw
	}
	return nil
}

// controlFrame encodes a server message that is not an event (hello, ack,
// error).
func controlFrame(typ string, data any) []byte {
	var raw json.RawMessage
	if data != nil {
		raw, _ = json.Marshal(data) // our own maps and structs always encode
	}
	b, _ := json.Marshal(frame{Type: typ, Data: raw})
	return b
}
