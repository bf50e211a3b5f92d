package realtime

import (
	"context"
	"encoding/json"
	"slices"
	"time"

	"github.com/coder/websocket"
	"github.com/triagehq/triage/internal/helpdesk"
	"golang.org/x/time/rate"
)

// Limits on what a client may ask.
const (
	// MaxSubscribe is the most ticket ids one subscribe message may name.
	MaxSubscribe = 500
	// maxPresence is how many tickets one socket may be present on at once.
	maxPresence = 20
)

// Presence states.
const (
	presenceViewing  = "viewing"
	presenceReplying = "replying"
	presenceLeft     = "left"
)

// clientMessage is anything a client sends:
//
//	{"type":"subscribe","ticket_ids":[1,2]}  narrow to these tickets ([] or null: all visible)
//	{"type":"presence","ticket_id":1,"state":"viewing"|"replying"|"left"}
type clientMessage struct {
	Type      string  `json:"type"`
	TicketIDs []int64 `json:"ticket_ids"`
	TicketID  int64   `json:"ticket_id"`
	State     string  `json:"state"`
}

// presencePayload is the data of a presence event.
type presencePayload struct {
	TicketID int64  `json:"ticket_id"`
	UserID   int64  `json:"user_id"`
	Name     string `json:"name"`
	State    string `json:"state"`
}

// read handles c's messages until the socket fails or closes. Messages over
// ReadLimit close the socket (StatusMessageTooBig); bursts beyond 5 a second
// are refused with an error frame.
func (h *Hub) read(ctx context.Context, c *client) {
	for {
		// No context: the socket's close ends the read.
		typ, data, err := c.conn.Read(context.Background())
		if err != nil {
			return
		}
		switch {
		case typ != websocket.MessageText:
			c.reply(errorFrame("Messages must be JSON text."))
		case !c.allow():
			c.reply(errorFrame("Too many messages; slow down."))
		default:
			h.handle(ctx, c, data)
		}
	}
}

func (h *Hub) handle(ctx context.Context, c *client, data []byte) {
	var m clientMessage
	if err := json.Unmarshal(data, &m); err != nil {
		c.reply(errorFrame("Messages must be JSON objects with a type."))
		return
	}
	switch m.Type {
	case "subscribe":
		c.reply(h.subscribe(c, m.TicketIDs))
	case "presence":
		ctx, cancel := context.WithTimeout(ctx, h.cfg.WriteTimeout)
		defer cancel()
		if msg := h.presence(ctx, c, m.TicketID, m.State); msg != nil {
			c.reply(msg)
		}
	default:
		c.reply(errorFrame("Unknown message type."))
	}
}

// subscribe narrows c to ids, or widens it back to everything visible when
// ids is empty. The ids need no check: narrowing only removes events, and
// every event is still authorized.
func (h *Hub) subscribe(c *client, ids []int64) []byte {
	if len(ids) > MaxSubscribe {
		return errorFrame("Too many ticket ids.")
	}
	if len(ids) == 0 {
		c.filter.Store(nil)
		return controlFrame("subscribed", map[string]any{"ticket_ids": nil})
	}
	only := make(map[int64]struct{}, len(ids))
	for _, id := range ids {
		if id <= 0 {
			return errorFrame("Ticket ids must be positive.")
		}
		only[id] = struct{}{}
	}
	c.filter.Store(&only)
	sorted := slices.Sorted(func(yield func(int64) bool) {
		for id := range only {
			if !yield(id) {
				return
			}
		}
	})
	return controlFrame("subscribed", map[string]any{"ticket_ids": sorted})
}

// presence publishes that c's user is viewing, replying to or has left a
// ticket, to the staff who may see it. It returns an error frame, or nil.
func (h *Hub) presence(ctx context.Context, c *client, ticketID int64, state string) []byte {
	if !c.viewer.Load().Role.Staff() {
		return errorFrame("Presence is for staff.")
	}
	if ticketID <= 0 || (state != presenceViewing && state != presenceReplying && state != presenceLeft) {
		return errorFrame("Presence needs a ticket_id and a state of viewing, replying or left.")
	}
	if _, ok := c.presence[ticketID]; !ok && len(c.presence) >= maxPresence && state != presenceLeft {
		return errorFrame("Present on too many tickets.")
	}
	if err := h.publishPresence(ctx, c, ticketID, state); err != nil {
		if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
			return errorFrame("Ticket not found.")
		}
		return errorFrame("Presence could not be shared.")
	}
	if state == presenceLeft {
		delete(c.presence, ticketID)
	} else {
		if c.presence == nil {
			c.presence = make(map[int64]string)
		}
		c.presence[ticketID] = state
	}
	return nil
}

// publishPresence checks c's user may see the ticket now and publishes the
// presence event: Internal, so customers never receive it.
func (h *Hub) publishPresence(ctx context.Context, c *client, ticketID int64, state string) error {
	ref, err := h.authz.Ticket(ctx, ticketID)
	if err != nil {
		return err
	}
	v := c.viewer.Load()
	if !v.Role.Staff() || !v.CanSee(ref) {
		return helpdesk.Errorf(helpdesk.ENOTFOUND, "Ticket not found.")
	}
	raw, err := json.Marshal(presencePayload{TicketID: ticketID, UserID: c.userID, Name: c.name, State: state})
	if err != nil {
		return err
	}
	return h.bus.Publish(ctx, Event{Type: TypePresence, Ticket: ref, Internal: true, Payload: raw, At: time.Now()})
}

// allow rate-limits c's messages; the limiter is made on first use, so an
// idle socket carries none.
func (c *client) allow() bool {
	if c.limiter == nil {
		c.limiter = rate.NewLimiter(5, 20)
	}
	return c.limiter.Allow()
}

// reply queues a frame for c alone; a client too slow for its own replies
// is dropped like any other.
func (c *client) reply(b []byte) {
	if !c.send(b) {
		c.abort()
	}
}

func errorFrame(msg string) []byte {
	return controlFrame("error", map[string]string{"message": msg})
}
