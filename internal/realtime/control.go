package realtime

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Control events travel on the bus like any other, so that signing out on
// one instance closes the sockets held by every instance, but are handled by
// the hubs and never delivered to a client.
const (
	controlPrefix       = "hub."
	controlCloseUser    = "hub.close_user"
	controlCloseSession = "hub.close_session"
	controlRescopeUser  = "hub.rescope_user"
)

type controlPayload struct {
	Instance  string `json:"instance"`
	UserID    int64  `json:"user_id,omitempty"`
	SessionID string `json:"session_id,omitempty"`
	// Keep names the one session CloseUser leaves open, if any.
	Keep string `json:"keep,omitempty"`
}

// CloseUser closes every socket of user id, on every instance, with
// StatusSessionEnded: for deactivation, deletion, or signing out
// everywhere. Local sockets are closed before it returns; the error says
// only whether the other instances could be told.
func (h *Hub) CloseUser(ctx context.Context, userID int64) error {
	h.closeUserLocal(userID, "")
	return h.publishControl(ctx, controlCloseUser, controlPayload{UserID: userID})
}

// CloseOtherSessions closes every socket of user id except those opened
// with session keep, on every instance: after a password change signs the
// user out everywhere else.
func (h *Hub) CloseOtherSessions(ctx context.Context, userID int64, keep string) error {
	h.closeUserLocal(userID, keep)
	return h.publishControl(ctx, controlCloseUser, controlPayload{UserID: userID, Keep: keep})
}

// CloseSession closes the sockets opened with session id, on every
// instance: for signing out one browser.
func (h *Hub) CloseSession(ctx context.Context, sessionID string) error {
	h.closeSessionLocal(sessionID)
	return h.publishControl(ctx, controlCloseSession, controlPayload{SessionID: sessionID})
}

// RescopeUser reloads the role and teams of user id for their sockets on
// every instance, after a role change or a change of team membership, and
// sends them a resync frame, since what they may see has changed. A user
// the Authorizer refuses is disconnected.
func (h *Hub) RescopeUser(ctx context.Context, userID int64) error {
	err := h.rescopeLocal(ctx, userID)
	if perr := h.publishControl(ctx, controlRescopeUser, controlPayload{UserID: userID}); err == nil {
		err = perr
	}
	return err
}

func (h *Hub) publishControl(ctx context.Context, typ string, p controlPayload) error {
	p.Instance = h.instance
	raw, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode %s: %w", typ, err)
	}
	if err := h.bus.Publish(ctx, Event{Type: typ, Internal: true, Payload: raw}); err != nil {
		return fmt.Errorf("publish %s: %w", typ, err)
	}
	return nil
}

// control applies another instance's control event to local sockets.
func (h *Hub) control(e Event) {
	var p controlPayload
	if err := json.Unmarshal(e.Payload, &p); err != nil || p.Instance == h.instance {
		return
	}
	switch e.Type {
	case controlCloseUser:
		h.closeUserLocal(p.UserID, p.Keep)
	case controlCloseSession:
		h.closeSessionLocal(p.SessionID)
	case controlRescopeUser:
		ctx, cancel := context.WithTimeout(context.Background(), h.cfg.WriteTimeout)
		defer cancel()
		if err := h.rescopeLocal(ctx, p.UserID); err != nil {
			h.log.Warn("realtime rescope failed", slog.Int64("user_id", p.UserID), slog.String("error", err.Error()))
		}
	}
}

func (h *Hub) closeUserLocal(userID int64, keep string) {
	for _, c := range h.userClients(userID) {
		if keep == "" || c.sessionID != keep {
			c.close(StatusSessionEnded, "session ended")
		}
	}
}

func (h *Hub) closeSessionLocal(sessionID string) {
	if sessionID == "" {
		return
	}
	h.mu.RLock()
	defer h.mu.RUnlock()
	for c := range h.clients {
		if c.sessionID == sessionID {
			c.close(StatusSessionEnded, "session ended")
		}
	}
}

// rescopeLocal reloads the viewer of userID's local sockets. Failing to
// load it closes them: they would otherwise keep a scope that may be wrong.
func (h *Hub) rescopeLocal(ctx context.Context, userID int64) error {
	cs := h.userClients(userID)
	if len(cs) == 0 {
		return nil
	}
	v, err := h.authz.Viewer(ctx, userID)
	switch code := helpdesk.ErrorCode(err); {
	case code == helpdesk.ENOTFOUND || code == helpdesk.EFORBIDDEN || code == helpdesk.EUNAUTHORIZED:
		for _, c := range cs {
			c.close(StatusSessionEnded, "session ended")
		}
		return nil
	case err != nil:
		for _, c := range cs {
			c.close(StatusReconnect, "scope could not be reloaded")
		}
		return fmt.Errorf("rescope user %d: %w", userID, err)
	}
	resync := controlFrame(TypeResync, nil)
	for _, c := range cs {
		c.viewer.Store(&v)
		if !c.send(resync) {
			c.abort()
		}
	}
	return nil
}

// leaveAll announces that c's user left the tickets it was present on, as
// the socket closes.
func (h *Hub) leaveAll(c *client) {
	for id, state := range c.presence {
		if state == presenceLeft {
			continue
		}
		ctx, cancel := context.WithTimeout(context.Background(), h.cfg.WriteTimeout)
		if err := h.publishPresence(ctx, c, id, presenceLeft); err != nil {
			h.log.Debug("realtime presence left not sent", slog.Int64("ticket_id", id), slog.String("error", err.Error()))
		}
		cancel()
	}
}
