package realtime_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/triagehq/triage/internal/pgtest"
	"github.com/triagehq/triage/internal/realtime"
)

// newPGBus starts a PGBus with its own pool on the database at url, as one
// instance of Triage would.
func newPGBus(t testing.TB, url string) (*realtime.PGBus, *pgxpool.Pool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	pool, err := pgxpool.New(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	bus := realtime.NewPGBus(pool, "triage_events", slog.New(slog.DiscardHandler))
	if err := bus.Start(ctx); err != nil {
		pool.Close()
		t.Fatalf("start PGBus: %v", err)
	}
	t.Cleanup(func() {
		bus.Close()
		pool.Close()
	})
	return bus, pool
}

func TestPGBusAcrossInstances(t *testing.T) {
	url := pgtest.URL(t)
	busA, _ := newPGBus(t, url)
	busB, _ := newPGBus(t, url)
	a := newInstance(t, busA, realtime.Config{})
	b := newInstance(t, busB, realtime.Config{})
	onB := b.connect(t, customerA)
	onA := a.connect(t, agentT10)

	start := time.Now()
	a.publish(t, ticketEvent(realtime.TypeTicketCreated, a.ref(t, ticketA10)))
	got := onB.expect(t, realtime.TypeTicketCreated, ticketA10)
	if took := time.Since(start); took > time.Second {
		t.Errorf("instance B received the event after %v, want under 1 s", took)
	}
	if string(got.Data) != `{"audience":"public"}` {
		t.Errorf("customer on B got %s, want the public payload", got.raw)
	}
	onA.expect(t, realtime.TypeTicketCreated, ticketA10)

	t.Run("CloseUserOnOtherInstance", func(t *testing.T) {
		if err := a.hub.CloseUser(context.Background(), customerA); err != nil {
			t.Fatal(err)
		}
		if got := onB.closed(t); got != realtime.StatusSessionEnded {
			t.Errorf("close status %d, want %d", got, realtime.StatusSessionEnded)
		}
	})
	t.Run("RescopeOnOtherInstance", func(t *testing.T) {
		outsider := b.connect(t, agentT20)
		b.authz.setUser(realtime.Viewer{UserID: agentT20, Role: "agent", TeamIDs: []int64{team10}})
		if err := a.hub.RescopeUser(context.Background(), agentT20); err != nil {
			t.Fatal(err)
		}
		outsider.expect(t, realtime.TypeResync, 0)
		a.publish(t, ticketEvent(realtime.TypeTicketUpdated, a.ref(t, ticketA10)))
		outsider.expect(t, realtime.TypeTicketUpdated, ticketA10)
	})
}

func TestPGBusLargePayload(t *testing.T) {
	url := pgtest.URL(t)
	busA, _ := newPGBus(t, url)
	busB, _ := newPGBus(t, url)
	events, unsub, err := busB.Subscribe(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer unsub()

	for _, size := range []int{100, 7890, 8000, 20000, 200000} {
		body := strings.Repeat("é", size/2) // two bytes each, not ASCII
		payload, _ := json.Marshal(map[string]string{"body": body})
		e := realtime.Event{Type: realtime.TypeCommentCreated, Ticket: realtime.TicketRef{ID: 1, RequesterID: 2}, Payload: payload}
		if err := busA.Publish(context.Background(), e); err != nil {
			t.Fatalf("publish %d bytes: %v", len(payload), err)
		}
		select {
		case got := <-events:
			if string(got.Payload) != string(payload) {
				t.Errorf("%d-byte payload came back as %d bytes", len(payload), len(got.Payload))
			}
		case <-time.After(waitFor):
			t.Fatalf("%d-byte payload never arrived", len(payload))
		}
	}
}

func TestPGBusReconnects(t *testing.T) {
	url := pgtest.URL(t)
	bus, pool := newPGBus(t, url)
	events, unsub, err := bus.Subscribe(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer unsub()

	var killed int
	err = pool.QueryRow(context.Background(), `
SELECT count(*) FROM (
	SELECT pg_terminate_backend(pid) FROM pg_stat_activity
	WHERE application_name = 'triage-realtime' AND datname = current_database()) k`).Scan(&killed)
	if err != nil || killed != 1 {
		t.Fatalf("terminated %d listeners (%v), want 1", killed, err)
	}
	// Published while the listener is away or reconnecting: it arrives by
	// the catch-up from the table or by notification, once either way.
	for _, id := range []int64{1, 2} {
		e := realtime.Event{Type: realtime.TypeTicketUpdated, Ticket: realtime.TicketRef{ID: id, RequesterID: 9}}
		if err := bus.Publish(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range []int64{1, 2} {
		select {
		case got := <-events:
			if got.Ticket.ID != want {
				t.Fatalf("got ticket %d, want %d", got.Ticket.ID, want)
			}
		case <-time.After(waitFor):
			t.Fatalf("event for ticket %d lost across the reconnect", want)
		}
	}
	// After reconnecting, it listens again, and nothing came twice.
	if err := bus.Publish(context.Background(), realtime.Event{Type: realtime.TypeTicketUpdated, Ticket: realtime.TicketRef{ID: 3}}); err != nil {
		t.Fatal(err)
	}
	select {
	case got := <-events:
		if got.Ticket.ID != 3 {
			t.Fatalf("got ticket %d, want 3 (a duplicate?)", got.Ticket.ID)
		}
	case <-time.After(waitFor):
		t.Fatal("no event after reconnecting")
	}
}

func TestPGBusChannelName(t *testing.T) {
	pool, err := pgxpool.New(context.Background(), "postgres://127.0.0.1:1/none")
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	for _, ch := range []string{"", "Triage", "a-b", `x"; DROP TABLE users; --`} {
		if err := realtime.NewPGBus(pool, ch, slog.New(slog.DiscardHandler)).Start(context.Background()); err == nil || !strings.Contains(err.Error(), "identifier") {
			t.Errorf("channel %q: %v, want refused", ch, err)
		}
	}
	if _, _, err := realtime.NewPGBus(pool, "ok", nil).Subscribe(context.Background()); err == nil {
		t.Error("subscribed before Start")
	}
}
