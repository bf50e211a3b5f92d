package realtime

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coder/websocket"
	"github.com/triagehq/triage/internal/helpdesk"
	"golang.org/x/time/rate"
)

// client is one open socket. Its reader is a goroutine the hub owns (see
// Hub.serve). It has no writer goroutine while idle: the first frame queued
// starts one, which drains the queue and exits, so ten thousand idle
// sockets cost ten thousand goroutines, not twenty thousand.
type client struct {
	hub       *Hub
	conn      *websocket.Conn
	userID    int64
	sessionID string
	name      string
	lifetime  *time.Timer

	viewer       atomic.Pointer[Viewer]
	writingSince atomic.Int64                       // unix ns when the frame being written was started; 0 if none
	filter       atomic.Pointer[map[int64]struct{}] // nil: every visible ticket

	mu       sync.Mutex
	queue    [][]byte
	pingDue  bool
	closing  *closeFrame // a close frame to send, then stop
	dead     bool        // accepts no more frames
	draining bool        // a writer goroutine is running
	writer   sync.WaitGroup

	// Owned by the reader goroutine.
	presence map[int64]string // ticket id -> state, until "left"
	limiter  *rate.Limiter
}

type closeFrame struct {
	code   websocket.StatusCode
	reason string
}

func newClient(h *Hub, conn *websocket.Conn, p *helpdesk.Principal, v Viewer) *client {
	c := &client{hub: h, conn: conn, userID: v.UserID, sessionID: p.SessionID, name: p.User.Name}
	c.viewer.Store(&v)
	return c
}

// offer queues f for c if c may see it and has not narrowed it away. It
// returns false when c's queue is full: the caller drops c.
func (c *client) offer(f *frames) bool {
	if id := f.ev.Ticket.ID; id != 0 {
		if only := c.filter.Load(); only != nil {
			if _, ok := (*only)[id]; !ok {
				return true
			}
		}
	}
	b := c.viewer.Load().frameFor(f)
	if b == nil {
		return true
	}
	return c.send(b)
}

// send queues a frame; false means the queue was full.
func (c *client) send(b []byte) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dead {
		return true
	}
	if len(c.queue) >= c.hub.cfg.QueueSize {
		return false
	}
	c.queue = append(c.queue, b)
	c.startWriter()
	return true
}

// stalled reports whether a frame has been being written for longer than d.
func (c *client) stalled(now time.Time, d time.Duration) bool {
	since := c.writingSince.Load()
	return since != 0 && now.UnixNano()-since > int64(d)
}

// ping asks the writer to ping the peer.
func (c *client) ping() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.dead {
		c.pingDue = true
		c.startWriter()
	}
}

// close sends a close frame with code and reason, dropping queued frames;
// the peer's answer ends the reader. Later calls change nothing.
func (c *client) close(code websocket.StatusCode, reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.dead {
		return
	}
	c.dead, c.queue = true, nil
	c.closing = &closeFrame{code: code, reason: reason}
	c.startWriter()
}

// abort drops the connection at once, with no close handshake: for a peer
// too slow to read one.
func (c *client) abort() {
	c.mu.Lock()
	c.dead, c.queue = true, nil
	c.mu.Unlock()
	_ = c.conn.CloseNow()
}

// finish stops c after its reader has returned: no more frames, wait for
// the writer (bounded by WriteTimeout, or the close handshake's 5 s), close.
func (c *client) finish() {
	c.mu.Lock()
	c.dead, c.queue = true, nil
	c.mu.Unlock()
	c.writer.Wait()
	if c.lifetime != nil {
		c.lifetime.Stop()
	}
	_ = c.conn.CloseNow()
}

// startWriter starts the writer goroutine unless it runs. c.mu is held.
func (c *client) startWriter() {
	if c.draining {
		return
	}
	c.draining = true
	c.writer.Add(1)
	go c.write()
}

// write sends queued frames, pings and the close frame until there is
// nothing left to do. A failed write or ping drops the connection.
func (c *client) write() {
	defer c.writer.Done()
	cfg := &c.hub.cfg
	for {
		c.mu.Lock()
		var (
			msg   []byte
			ping  bool
			final *closeFrame
		)
		switch {
		case c.closing != nil:
			final, c.closing = c.closing, nil
		case len(c.queue) > 0:
			msg, c.queue[0] = c.queue[0], nil
			c.queue = c.queue[1:]
			if len(c.queue) == 0 {
				c.queue = nil // an idle client keeps no buffer
			}
		case c.pingDue:
			ping, c.pingDue = true, false
		default:
			c.draining = false
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()

		if final != nil {
			// Close waits for the peer's close frame, which the reader
			// receives, for at most 5 s; then the socket is closed.
			_ = c.conn.Close(final.code, final.reason)
			c.mu.Lock()
			c.draining, c.pingDue = false, false
			c.mu.Unlock()
			return
		}
		var err error
		if ping {
			ctx, cancel := context.WithTimeout(context.Background(), cfg.PingTimeout)
			err = c.conn.Ping(ctx)
			cancel()
		} else {
			// No context: a timer per frame would cost more than the write.
			// The heartbeat aborts a write stalled past WriteTimeout.
			c.writingSince.Store(time.Now().UnixNano())
			err = c.conn.Write(context.Background(), websocket.MessageText, msg)
			c.writingSince.Store(0)
		}
		if err != nil {
			c.abort()
		}
	}
}
