package realtime_test

import (
	"context"
	"testing"

	"github.com/triagehq/triage/internal/realtime"
)

func TestLocalBus(t *testing.T) {
	ctx := context.Background()
	bus := realtime.NewLocalBus()
	defer bus.Close()
	events, unsub, err := bus.Subscribe(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer unsub()

	t.Run("OKFillsIDAndTime", func(t *testing.T) {
		if err := bus.Publish(ctx, realtime.Event{Type: realtime.TypeTicketCreated}); err != nil {
			t.Fatal(err)
		}
		e := <-events
		if e.ID == "" || e.At.IsZero() {
			t.Errorf("published event %+v has no id or time", e)
		}
	})
	t.Run("ErrInvalid", func(t *testing.T) {
		if err := bus.Publish(ctx, realtime.Event{}); err == nil {
			t.Error("published an event with no type")
		}
	})
	t.Run("LaggingSubscriberGetsResync", func(t *testing.T) {
		// Nobody reads: the buffer fills, the rest are dropped, and the
		// next event that fits is preceded by a resync.
		for i := range realtime.SubscriberBuffer + 10 {
			if err := bus.Publish(ctx, realtime.Event{Type: realtime.TypeTicketUpdated, Ticket: realtime.TicketRef{ID: int64(i + 1)}}); err != nil {
				t.Fatal(err)
			}
		}
		if got := bus.Dropped(); got != 10 {
			t.Errorf("dropped %d, want 10", got)
		}
		for i := range realtime.SubscriberBuffer {
			if e := <-events; e.Ticket.ID != int64(i+1) {
				t.Fatalf("event %d is about ticket %d", i, e.Ticket.ID)
			}
		}
		if err := bus.Publish(ctx, realtime.Event{Type: realtime.TypeTicketUpdated, Ticket: realtime.TicketRef{ID: 9999}}); err != nil {
			t.Fatal(err)
		}
		if e := <-events; e.Type != realtime.TypeResync {
			t.Errorf("got %s, want resync", e.Type)
		}
		if e := <-events; e.Ticket.ID != 9999 {
			t.Errorf("got ticket %d, want 9999", e.Ticket.ID)
		}
	})
	t.Run("UnsubscribeCloses", func(t *testing.T) {
		ch, cancel, err := bus.Subscribe(ctx)
		if err != nil {
			t.Fatal(err)
		}
		cancel()
		cancel()
		if _, ok := <-ch; ok {
			t.Error("channel open after unsubscribe")
		}
	})
}

func TestLocalBusClosed(t *testing.T) {
	bus := realtime.NewLocalBus()
	ch, _, err := bus.Subscribe(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	bus.Close()
	if _, ok := <-ch; ok {
		t.Error("channel open after Close")
	}
	if _, _, err := bus.Subscribe(context.Background()); err == nil {
		t.Error("subscribed to a closed bus")
	}
}
