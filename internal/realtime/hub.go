package realtime

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
	"github.com/triagehq/triage/internal/helpdesk"
)

// Close codes the hub sends, in the range RFC 6455 leaves to applications.
const (
	// StatusSessionEnded: the user signed out, was deactivated, or may no
	// longer connect. The client should not reconnect without signing in.
	StatusSessionEnded websocket.StatusCode = 4001
	// StatusReconnect: the connection reached Config.MaxLifetime (or its
	// scope could not be reloaded). The client reconnects, which
	// authenticates it again.
	StatusReconnect websocket.StatusCode = 4000
)

// Config tunes the hub's connections. Zero fields take the defaults.
type Config struct {
	// QueueSize is how many frames a client may have waiting; a client
	// that falls further behind is dropped. Default 32.
	QueueSize int
	// PingInterval is how often each client is pinged. Default 25 s.
	PingInterval time.Duration
	// PingTimeout is how long a pong may take before the peer counts as
	// dead and is dropped. Default 10 s.
	PingTimeout time.Duration
	// WriteTimeout bounds one frame's write; a stalled write is noticed at
	// the next heartbeat. Default 10 s.
	WriteTimeout time.Duration
	// ReadLimit bounds one client message, in bytes. Default 4 KiB.
	ReadLimit int64
	// MaxLifetime closes connections older than this with
	// StatusReconnect, so a socket is never authorized longer than a
	// session would be without re-checking. Zero means no limit.
	MaxLifetime time.Duration
	// Logger receives warnings about dropped events and clients.
	Logger *slog.Logger
}

func (c Config) withDefaults() Config {
	if c.QueueSize <= 0 {
		c.QueueSize = 32
	}
	if c.PingInterval <= 0 {
		c.PingInterval = 25 * time.Second
	}
	if c.PingTimeout <= 0 {
		c.PingTimeout = 10 * time.Second
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = 10 * time.Second
	}
	if c.ReadLimit <= 0 {
		c.ReadLimit = 4 << 10
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Hub holds the open sockets of one instance, receives events from the Bus
// and delivers each to the sockets allowed to see it.
type Hub struct {
	bus      Bus
	authz    Authorizer
	cfg      Config
	log      *slog.Logger
	instance string // tells this hub's control events from other instances'

	mu      sync.RWMutex
	clients map[*client]struct{}
	byUser  map[int64]map[*client]struct{}
	closed  bool

	dropped atomic.Int64
	conns   sync.WaitGroup // one per registered client
	wg      sync.WaitGroup // dispatch and heartbeat
	stop    context.CancelFunc
	unsub   func()

	onGone func(userID int64) // tests: a client was unregistered
}

// NewHub returns a hub that receives events from bus and asks authz about
// users and tickets. It does nothing until Start.
func NewHub(bus Bus, authz Authorizer, cfg Config) *Hub {
	cfg = cfg.withDefaults()
	return &Hub{
		bus:      bus,
		authz:    authz,
		cfg:      cfg,
		log:      cfg.Logger,
		instance: newID(),
		clients:  make(map[*client]struct{}),
		byUser:   make(map[int64]map[*client]struct{}),
	}
}

// Start subscribes to the bus, returning once subscribed, and starts the
// dispatch and heartbeat loops, which run until Close.
func (h *Hub) Start(ctx context.Context) error {
	events, unsub, err := h.bus.Subscribe(ctx)
	if err != nil {
		return err
	}
	runCtx, stop := context.WithCancel(context.Background())
	h.stop, h.unsub = stop, unsub
	h.wg.Add(2)
	go h.dispatch(events)
	go h.heartbeat(runCtx)
	return nil
}

// Close closes every socket with StatusGoingAway, stops the loops and
// waits for the connections' goroutines to finish.
func (h *Hub) Close() {
	h.mu.Lock()
	h.closed = true
	for c := range h.clients {
		c.close(websocket.StatusGoingAway, "server shutting down")
	}
	h.mu.Unlock()
	if h.stop != nil {
		h.stop()
		h.unsub()
	}
	h.wg.Wait()
	h.conns.Wait()
}

// Stats is a snapshot of the hub for metrics.
type Stats struct {
	Clients int   // open sockets
	Dropped int64 // clients dropped for falling behind or a stalled write
}

// Stats returns the number of open sockets and of clients dropped so far.
func (h *Hub) Stats() Stats {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return Stats{Clients: len(h.clients), Dropped: h.dropped.Load()}
}

// register adds a connection. Its hello frame is queued before it can
// receive any event, so a client that has read hello misses nothing.
func (h *Hub) register(conn *websocket.Conn, p *helpdesk.Principal, v Viewer) (*client, bool) {
	c := newClient(h, conn, p, v)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, false
	}
	// Under h.mu, so dispatch cannot offer an event before the hello.
	c.send(controlFrame("hello", map[string]any{"user_id": v.UserID, "role": v.Role}))
	h.clients[c] = struct{}{}
	if h.byUser[c.userID] == nil {
		h.byUser[c.userID] = make(map[*client]struct{})
	}
	h.byUser[c.userID][c] = struct{}{}
	h.conns.Add(1)
	if h.cfg.MaxLifetime > 0 {
		c.lifetime = time.AfterFunc(h.cfg.MaxLifetime, func() {
			c.close(StatusReconnect, "connection lifetime reached")
		})
	}
	return c, true
}

// serve reads c's messages until the socket closes, then unregisters it.
// It is the socket's only goroutine while the socket is idle.
func (h *Hub) serve(c *client) {
	defer h.unregister(c)
	h.read(context.Background(), c)
}

// unregister removes a connection whose reader has stopped, and waits for
// its writer.
func (h *Hub) unregister(c *client) {
	h.mu.Lock()
	delete(h.clients, c)
	if m := h.byUser[c.userID]; m != nil {
		delete(m, c)
		if len(m) == 0 {
			delete(h.byUser, c.userID)
		}
	}
	h.mu.Unlock()
	c.finish()
	h.leaveAll(c)
	if h.onGone != nil {
		h.onGone(c.userID)
	}
	h.conns.Done()
}

// dispatch delivers each event from the bus to the clients allowed to see
// it. It never blocks on a client: one whose queue is full is dropped.
func (h *Hub) dispatch(events <-chan Event) {
	defer h.wg.Done()
	var slow []*client
	for e := range events {
		if strings.HasPrefix(e.Type, controlPrefix) {
			h.control(e)
			continue
		}
		f, err := encodeFrames(&e)
		if err != nil {
			h.log.Warn("realtime event dropped", slog.String("type", e.Type), slog.String("error", err.Error()))
			continue
		}
		slow = slow[:0]
		h.mu.RLock()
		for c := range h.clients {
			if !c.offer(f) {
				slow = append(slow, c)
			}
		}
		h.mu.RUnlock()
		for _, c := range slow {
			h.dropped.Add(1)
			h.log.Warn("realtime client dropped: too slow", slog.Int64("user_id", c.userID))
			c.abort()
		}
	}
}

// heartbeat pings every client each PingInterval, and drops clients whose
// current write has been stuck for longer than WriteTimeout.
func (h *Hub) heartbeat(ctx context.Context) {
	defer h.wg.Done()
	t := time.NewTicker(h.cfg.PingInterval)
	defer t.Stop()
	var stalled []*client
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			stalled = stalled[:0]
			h.mu.RLock()
			for c := range h.clients {
				if c.stalled(now, h.cfg.WriteTimeout) {
					stalled = append(stalled, c)
				} else {
					c.ping()
				}
			}
			h.mu.RUnlock()
			for _, c := range stalled {
				h.dropped.Add(1)
				h.log.Warn("realtime client dropped: write stalled", slog.Int64("user_id", c.userID))
				c.abort()
			}
		}
	}
}

// userClients returns the open clients of user id.
func (h *Hub) userClients(id int64) []*client {
	h.mu.RLock()
	defer h.mu.RUnlock()
	cs := make([]*client, 0, len(h.byUser[id]))
	for c := range h.byUser[id] {
		cs = append(cs, c)
	}
	return cs
}
