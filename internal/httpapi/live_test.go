package httpapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/httpapi"
	"github.com/triagehq/triage/internal/realtime"
	"github.com/triagehq/triage/internal/service"
)

// liveEnv is a testEnv served over a real listener with a live hub on a
// local bus, as `triage serve` runs on SQLite.
type liveEnv struct {
	*testEnv
	URL string
}

// lateAuthz lets the hub be built before the service it asks.
type lateAuthz struct{ svc **service.Service }

func (a lateAuthz) Viewer(ctx context.Context, id int64) (realtime.Viewer, error) {
	return (*a.svc).RealtimeAuthorizer().Viewer(ctx, id)
}
func (a lateAuthz) Ticket(ctx context.Context, id int64) (realtime.TicketRef, error) {
	return (*a.svc).RealtimeAuthorizer().Ticket(ctx, id)
}

func newLiveEnv(t *testing.T, store helpdesk.Store) *liveEnv {
	t.Helper()
	bus := realtime.NewLocalBus()
	var svc *service.Service
	hub := realtime.NewHub(bus, lateAuthz{&svc}, realtime.Config{})
	e := newEnvWith(t, store, func(o *service.Options) { o.Events = bus },
		func(c *httpapi.Config) { c.Live = hub })
	svc = e.Svc
	svc.AttachSockets(hub)
	if err := hub.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(e.Server.Handler())
	t.Cleanup(func() { hub.Close(); ts.Close(); bus.Close() })
	return &liveEnv{testEnv: e, URL: ts.URL}
}

// socket is one live connection read frame by frame.
type socket struct {
	t    *testing.T
	conn *websocket.Conn
}

type liveFrame struct {
	Type     string          `json:"type"`
	TicketID int64           `json:"ticket_id"`
	Data     json.RawMessage `json:"data"`
}

// dial opens /api/v1/ws with c's cookies and the given Origin ("" for the
// server's own). It returns the HTTP status of a refused upgrade.
func (e *liveEnv) dial(t *testing.T, c *client, origin string) (*socket, int) {
	t.Helper()
	h := http.Header{}
	if origin == "" {
		origin = e.URL
	}
	h.Set("Origin", origin)
	var parts []string
	for _, ck := range c.cookies {
		parts = append(parts, ck.Name+"="+ck.Value)
	}
	if len(parts) > 0 {
		h.Set("Cookie", strings.Join(parts, "; "))
	}
	if c.bearer != "" {
		h.Set("Authorization", "Bearer "+c.bearer)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	conn, res, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(e.URL, "http")+"/api/v1/ws", &websocket.DialOptions{HTTPHeader: h})
	if err != nil {
		if res == nil {
			t.Fatalf("dial: %v", err)
		}
		return nil, res.StatusCode
	}
	t.Cleanup(func() { conn.CloseNow() })
	s := &socket{t: t, conn: conn}
	if f := s.next(); f.Type != "hello" {
		t.Fatalf("first frame %q, want hello", f.Type)
	}
	return s, http.StatusSwitchingProtocols
}

// next reads the next frame, failing the test after 5 s.
func (s *socket) next() liveFrame {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_, b, err := s.conn.Read(ctx)
	if err != nil {
		s.t.Fatalf("read frame: %v", err)
	}
	var f liveFrame
	if err := json.Unmarshal(b, &f); err != nil {
		s.t.Fatalf("frame is not JSON: %s", b)
	}
	return f
}

// closeStatus reads until the socket closes and returns the close code.
func (s *socket) closeStatus() websocket.StatusCode {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for {
		if _, _, err := s.conn.Read(ctx); err != nil {
			if errors.Is(err, context.DeadlineExceeded) {
				s.t.Fatal("socket still open after 5 s")
			}
			return websocket.CloseStatus(err)
		}
	}
}

func TestLiveRefusals(t *testing.T) {
	e := newLiveEnv(t, openSQLite(t))
	if _, st := e.dial(t, e.anon(), ""); st != http.StatusUnauthorized {
		t.Fatalf("anonymous upgrade: %d, want 401", st)
	}
	if _, st := e.dial(t, e.as("customerA"), "https://evil.example"); st != http.StatusForbidden {
		t.Fatalf("foreign origin: %d, want 403", st)
	}
	tok, _ := e.withToken("agent")
	if _, st := e.dial(t, tok, ""); st != http.StatusForbidden {
		t.Fatalf("API token: %d, want 403", st)
	}
	if _, st := e.dial(t, e.as("agent"), ""); st != http.StatusSwitchingProtocols {
		t.Fatalf("agent: %d, want 101", st)
	}
}

func TestLiveAuthorization(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng.name, func(t *testing.T) {
			e := newLiveEnv(t, eng.open(t))
			ctx := context.Background()
			custA := e.as("customerA")
			wsA, _ := e.dial(t, custA, "")
			wsAgent, _ := e.dial(t, e.as("agent"), "")
			wsOut, _ := e.dial(t, e.as("outsider"), "")

			// customerB's ticket: the team agent sees it, customer A and the
			// agent outside the team do not.
			tb := e.seedTicket("ticketB", "customerB")
			if f := wsAgent.next(); f.Type != "ticket.created" || f.TicketID != tb.ID {
				t.Fatalf("agent got %+v, want ticket.created %d", f, tb.ID)
			}
			ta := e.seedTicket("ticketA", "customerA")
			if f := wsA.next(); f.Type != "ticket.created" || f.TicketID != ta.ID {
				t.Fatalf("customer A got %+v, want their own ticket %d (not %d)", f, ta.ID, tb.ID)
			} else if strings.Contains(string(f.Data), "team_id") || strings.Contains(string(f.Data), "priority") {
				t.Fatalf("customer frame carries triage fields: %s", f.Data)
			}
			if f := wsAgent.next(); f.Type != "ticket.created" || f.TicketID != ta.ID {
				t.Fatalf("agent got %+v", f)
			}

			// An internal note reaches staff only; the customer's next frame
			// is the public reply that follows it.
			agent := e.principal("agent")
			agent.User = e.Users["agent"]
			if _, err := e.Svc.AddComment(ctx, agent, ta.ID, "internal: refund is fraud-flagged", true); err != nil {
				t.Fatal(err)
			}
			if _, err := e.Svc.AddComment(ctx, agent, ta.ID, "We are on it.", false); err != nil {
				t.Fatal(err)
			}
			f := wsA.next()
			if f.Type != "comment.created" || strings.Contains(string(f.Data), `"internal":true`) {
				t.Fatalf("customer's first frame after the note: %+v %s", f, f.Data)
			}
			var staff []liveFrame
			for range 4 { // note + its ticket bump, reply + its ticket bump
				staff = append(staff, wsAgent.next())
			}
			if staff[0].Type != "comment.created" || !strings.Contains(string(staff[0].Data), `"internal":true`) {
				t.Fatalf("agent did not get the note: %+v", staff)
			}

			// The outsider saw none of it: their first frame is the one
			// addressed to everyone staff may see after a re-scope.
			if err := e.Svc.AddTeamMember(ctx, e.principal("admin"), e.IDs["team"], e.Users["outsider"].ID); err != nil {
				t.Fatal(err)
			}
			if f := wsOut.next(); f.Type != "resync" {
				t.Fatalf("outsider's first frame %+v, want resync after joining the team", f)
			}

			// Logout closes the customer's socket with "session ended".
			if r := custA.do("POST", "/api/v1/auth/logout", nil); r.Status != http.StatusNoContent {
				t.Fatalf("logout: %d %s", r.Status, r.Body)
			}
			if code := wsA.closeStatus(); code != realtime.StatusSessionEnded {
				t.Fatalf("after logout the socket closed with %d, want %d", code, realtime.StatusSessionEnded)
			}
			// Deactivation closes the agent's.
			if _, err := e.Svc.UpdateUser(ctx, e.principal("admin"), e.Users["agent"].ID, helpdesk.UserUpdate{Active: new(false)}); err != nil {
				t.Fatal(err)
			}
			if code := wsAgent.closeStatus(); code != realtime.StatusSessionEnded {
				t.Fatalf("after deactivation the socket closed with %d", code)
			}
		})
	}
}
