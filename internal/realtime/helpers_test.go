package realtime_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coder/websocket"
	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/realtime"
)

// The fixture: who is who, and which tickets exist.
const (
	admin     = 1
	agentT10  = 2 // agent in team 10
	agentT20  = 3 // agent in team 20, not in team 10
	customerA = 4
	customerB = 5

	ticketA10  = 100 // requested by A, team 10
	ticketB    = 101 // requested by B, no team
	ticketA20  = 102 // requested by A, team 20, assigned to agentT10
	team10     = 10
	team20     = 20
	waitFor    = 5 * time.Second // upper bound for anything to arrive
	readLimitC = 1 << 20
)

func ptr[T any](v T) *T { return &v }

// fakeAuthz is an Authorizer over maps, changeable while a test runs.
type fakeAuthz struct {
	mu      sync.Mutex
	users   map[int64]realtime.Viewer
	tickets map[int64]realtime.TicketRef
}

func newFakeAuthz() *fakeAuthz {
	return &fakeAuthz{
		users: map[int64]realtime.Viewer{
			admin:     {UserID: admin, Role: helpdesk.RoleAdmin},
			agentT10:  {UserID: agentT10, Role: helpdesk.RoleAgent, TeamIDs: []int64{team10}},
			agentT20:  {UserID: agentT20, Role: helpdesk.RoleAgent, TeamIDs: []int64{team20}},
			customerA: {UserID: customerA, Role: helpdesk.RoleCustomer},
			customerB: {UserID: customerB, Role: helpdesk.RoleCustomer},
		},
		tickets: map[int64]realtime.TicketRef{
			ticketA10: {ID: ticketA10, RequesterID: customerA, TeamID: ptr[int64](team10)},
			ticketB:   {ID: ticketB, RequesterID: customerB},
			ticketA20: {ID: ticketA20, RequesterID: customerA, TeamID: ptr[int64](team20), AssigneeID: ptr[int64](agentT10)},
		},
	}
}

func (a *fakeAuthz) Viewer(_ context.Context, id int64) (realtime.Viewer, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	v, ok := a.users[id]
	if !ok {
		return realtime.Viewer{}, helpdesk.Errorf(helpdesk.ENOTFOUND, "User not found.")
	}
	return v, nil
}

func (a *fakeAuthz) Ticket(_ context.Context, id int64) (realtime.TicketRef, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	t, ok := a.tickets[id]
	if !ok {
		return realtime.TicketRef{}, helpdesk.Errorf(helpdesk.ENOTFOUND, "Ticket not found.")
	}
	return t, nil
}

func (a *fakeAuthz) setUser(v realtime.Viewer) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.users[v.UserID] = v
}

func (a *fakeAuthz) deleteUser(id int64) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.users, id)
}

// cookieAuth authenticates the "session" cookie "USERID:SESSIONID", the
// way the HTTP package's session cookie would.
func cookieAuth(authz *fakeAuthz) func(*http.Request) (*helpdesk.Principal, error) {
	return func(r *http.Request) (*helpdesk.Principal, error) {
		ck, err := r.Cookie("session")
		if err != nil {
			return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, "Authentication required.")
		}
		uid, sid, _ := strings.Cut(ck.Value, ":")
		id, err := strconv.ParseInt(uid, 10, 64)
		if err != nil {
			return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, "Authentication required.")
		}
		v, err := authz.Viewer(r.Context(), id)
		if err != nil {
			return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, "Authentication required.")
		}
		u := &helpdesk.User{ID: id, Name: "User " + uid, Role: v.Role, Active: true}
		return &helpdesk.Principal{User: u, SessionID: sid}, nil
	}
}

// instance is one "triage serve": a hub on a bus, behind an HTTP server.
type instance struct {
	bus   realtime.Bus
	hub   *realtime.Hub
	srv   *httptest.Server
	authz *fakeAuthz
	gone  chan int64 // user ids of sockets the hub unregistered
}

// newInstance starts a hub on bus (a fresh LocalBus if nil) with cfg.
func newInstance(t testing.TB, bus realtime.Bus, cfg realtime.Config) *instance {
	t.Helper()
	if bus == nil {
		lb := realtime.NewLocalBus()
		t.Cleanup(lb.Close)
		bus = lb
	}
	in := &instance{bus: bus, authz: newFakeAuthz(), gone: make(chan int64, 100)}
	in.hub = realtime.NewHub(bus, in.authz, cfg)
	realtime.OnGone(in.hub, func(id int64) {
		select {
		case in.gone <- id:
		default:
		}
	})
	if err := in.hub.Start(context.Background()); err != nil {
		t.Fatalf("start hub: %v", err)
	}
	h, err := realtime.NewHandler(in.hub, cookieAuth(in.authz), realtime.HandlerOptions{Origins: []string{"https://app.example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	in.srv = httptest.NewServer(h)
	t.Cleanup(func() {
		in.hub.Close()
		in.srv.Close()
	})
	return in
}

func (in *instance) url() string { return "ws" + strings.TrimPrefix(in.srv.URL, "http") }

// newServer serves h for the test and returns its websocket URL.
func newServer(t testing.TB, h http.Handler) string {
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return "ws" + strings.TrimPrefix(srv.URL, "http")
}

// publish publishes an event on the instance's bus.
func (in *instance) publish(t testing.TB, e realtime.Event) {
	t.Helper()
	if err := in.bus.Publish(context.Background(), e); err != nil {
		t.Fatalf("publish %s: %v", e.Type, err)
	}
}

// waitGone waits until the hub has unregistered a socket of user id.
func (in *instance) waitGone(t testing.TB, id int64) {
	t.Helper()
	timeout := time.After(waitFor)
	for {
		select {
		case got := <-in.gone:
			if got == id {
				return
			}
		case <-timeout:
			t.Fatalf("socket of user %d still registered after %v", id, waitFor)
		}
	}
}

// frame is a decoded server frame.
type frame struct {
	ID       string          `json:"id"`
	Type     string          `json:"type"`
	TicketID int64           `json:"ticket_id"`
	Data     json.RawMessage `json:"data"`
	raw      string
}

// wsClient is a test socket. Unless raw, a goroutine reads it, so pings
// are answered and frames wait in a channel.
type wsClient struct {
	conn   *websocket.Conn
	frames chan frame
	done   chan error // the read error that ended the reader
}

func dialHeaders(user int64, session string) http.Header {
	h := http.Header{}
	h.Set("Cookie", "session="+strconv.FormatInt(user, 10)+":"+session)
	return h
}

// connect opens a socket as user with session "s<user>" and waits for hello.
func (in *instance) connect(t testing.TB, user int64) *wsClient {
	t.Helper()
	return in.connectSession(t, user, "s"+strconv.FormatInt(user, 10))
}

func (in *instance) connectSession(t testing.TB, user int64, session string) *wsClient {
	t.Helper()
	c := in.dialRaw(t, user, session)
	c.frames = make(chan frame, 4096)
	c.done = make(chan error, 1)
	go func() {
		for {
			_, b, err := c.conn.Read(context.Background())
			if err != nil {
				c.done <- err
				close(c.frames)
				return
			}
			var f frame
			if err := json.Unmarshal(b, &f); err != nil {
				c.done <- err
				close(c.frames)
				return
			}
			f.raw = string(b)
			c.frames <- f
		}
	}()
	if f := c.next(t); f.Type != "hello" {
		t.Fatalf("first frame %q, want hello", f.raw)
	}
	return c
}

// dialRaw opens a socket nobody reads.
func (in *instance) dialRaw(t testing.TB, user int64, session string) *wsClient {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	conn, _, err := websocket.Dial(ctx, in.url(), &websocket.DialOptions{HTTPHeader: dialHeaders(user, session)})
	if err != nil {
		t.Fatalf("dial as user %d: %v", user, err)
	}
	conn.SetReadLimit(readLimitC)
	t.Cleanup(func() { _ = conn.CloseNow() })
	return &wsClient{conn: conn}
}

// next returns the next frame, failing the test if none comes in time.
func (c *wsClient) next(t testing.TB) frame {
	t.Helper()
	select {
	case f, ok := <-c.frames:
		if !ok {
			t.Fatalf("socket closed while waiting for a frame: %v", <-c.done)
		}
		return f
	case <-time.After(waitFor):
		t.Fatalf("no frame within %v", waitFor)
	}
	return frame{}
}

// expect reads the next frame and checks its type and ticket.
func (c *wsClient) expect(t testing.TB, typ string, ticket int64) frame {
	t.Helper()
	f := c.next(t)
	if f.Type != typ || f.TicketID != ticket {
		t.Fatalf("got frame %s, want %s on ticket %d", f.raw, typ, ticket)
	}
	return f
}

// closed waits for the socket to close and returns its close status.
func (c *wsClient) closed(t testing.TB) websocket.StatusCode {
	t.Helper()
	timeout := time.After(waitFor)
	for {
		select {
		case _, ok := <-c.frames:
			if !ok {
				return websocket.CloseStatus(<-c.done)
			}
		case <-timeout:
			t.Fatalf("socket still open after %v", waitFor)
		}
	}
}

// send writes a client message.
func (c *wsClient) send(t testing.TB, msg any) {
	t.Helper()
	b, err := json.Marshal(msg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), waitFor)
	defer cancel()
	if err := c.conn.Write(ctx, websocket.MessageText, b); err != nil {
		t.Fatalf("write: %v", err)
	}
}

// ticketEvent is a ticket event whose payloads name the audience, so a
// leak shows in the data.
func ticketEvent(typ string, ref realtime.TicketRef) realtime.Event {
	return realtime.Event{
		Type:          typ,
		Ticket:        ref,
		Payload:       json.RawMessage(`{"audience":"staff","tags":["vip"],"team_id":10}`),
		PublicPayload: json.RawMessage(`{"audience":"public"}`),
	}
}

// ref returns the fixture's ticket id.
func (in *instance) ref(t testing.TB, id int64) realtime.TicketRef {
	t.Helper()
	r, err := in.authz.Ticket(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
