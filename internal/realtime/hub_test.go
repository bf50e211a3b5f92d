package realtime_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/coder/websocket"
	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/realtime"
)

// Absence is shown without sleeping: after the event that must not arrive,
// a marker that must arrive is published; delivery is in order, so the
// marker being next proves the first event was never sent.

func TestCustomerIsolation(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{})
	a := in.connect(t, customerA)
	b := in.connect(t, customerB)

	in.publish(t, ticketEvent(realtime.TypeTicketCreated, in.ref(t, ticketA10)))
	in.publish(t, ticketEvent(realtime.TypeTicketCreated, in.ref(t, ticketB)))
	in.publish(t, ticketEvent(realtime.TypeTicketCreated, in.ref(t, ticketA20)))

	got := a.expect(t, realtime.TypeTicketCreated, ticketA10)
	if string(got.Data) != `{"audience":"public"}` {
		t.Errorf("customer A got data %s, want the public payload", got.Data)
	}
	// B's first event is its own ticket: A's was never sent to B.
	b.expect(t, realtime.TypeTicketCreated, ticketB)
	a.expect(t, realtime.TypeTicketCreated, ticketA20) // wait: nothing of B's reached A either
}

func TestInternalNotes(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{})
	customer := in.connect(t, customerA)
	agent := in.connect(t, agentT10)
	ref := in.ref(t, ticketA10)

	in.publish(t, realtime.Event{
		Type: realtime.TypeCommentCreated, Ticket: ref, Internal: true,
		Payload: json.RawMessage(`{"body":"secret note: refund fraud","internal":true}`),
	})
	in.publish(t, realtime.Event{
		Type: realtime.TypeCommentCreated, Ticket: ref,
		Payload:       json.RawMessage(`{"body":"We are on it","internal":false,"author_email":"agent@example.com"}`),
		PublicPayload: json.RawMessage(`{"body":"We are on it"}`),
	})

	t.Run("CustomerGetsOnlyThePublicComment", func(t *testing.T) {
		got := customer.expect(t, realtime.TypeCommentCreated, ticketA10)
		if string(got.Data) != `{"body":"We are on it"}` {
			t.Errorf("customer got %s, want only the public payload", got.raw)
		}
		for _, leak := range []string{"secret", "internal", "author_email"} {
			if strings.Contains(got.raw, leak) {
				t.Errorf("customer frame %s contains %q", got.raw, leak)
			}
		}
	})
	t.Run("StaffGetBoth", func(t *testing.T) {
		note := agent.expect(t, realtime.TypeCommentCreated, ticketA10)
		if !strings.Contains(string(note.Data), "secret note") {
			t.Errorf("agent got %s, want the internal note", note.raw)
		}
		reply := agent.expect(t, realtime.TypeCommentCreated, ticketA10)
		if !strings.Contains(string(reply.Data), "author_email") {
			t.Errorf("agent got %s, want the full payload", reply.raw)
		}
	})
	t.Run("ErrInternalWithPublicPayload", func(t *testing.T) {
		err := in.bus.Publish(context.Background(), realtime.Event{
			Type: realtime.TypeCommentCreated, Ticket: ref, Internal: true,
			Payload: json.RawMessage(`{}`), PublicPayload: json.RawMessage(`{"body":"x"}`),
		})
		if err == nil {
			t.Fatal("published an internal event with a public payload")
		}
	})
}

func TestAgentTeams(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{})
	outsider := in.connect(t, agentT20)
	member := in.connect(t, agentT10)
	adm := in.connect(t, admin)

	in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketA10))) // team 10
	in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketA20))) // team 20, assigned to agentT10
	in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketB)))   // no team

	outsider.expect(t, realtime.TypeTicketUpdated, ticketA20) // team 10's ticket never came
	outsider.expect(t, realtime.TypeTicketUpdated, ticketB)
	member.expect(t, realtime.TypeTicketUpdated, ticketA10)
	got := member.expect(t, realtime.TypeTicketUpdated, ticketA20) // as its assignee
	if !strings.Contains(string(got.Data), `"staff"`) {
		t.Errorf("agent got %s, want the staff payload", got.raw)
	}
	member.expect(t, realtime.TypeTicketUpdated, ticketB)
	for _, id := range []int64{ticketA10, ticketA20, ticketB} {
		adm.expect(t, realtime.TypeTicketUpdated, id)
	}
}

func TestTicketMovedAway(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{})
	member := in.connect(t, agentT10)
	outsider := in.connect(t, agentT20)
	customer := in.connect(t, customerA)

	before := in.ref(t, ticketA10)
	after := before
	after.TeamID = ptr[int64](team20)
	e := ticketEvent(realtime.TypeTicketUpdated, after)
	e.Before = &before
	in.publish(t, e)

	hidden := member.expect(t, realtime.TypeTicketHidden, ticketA10)
	if hidden.Data != nil {
		t.Errorf("hidden frame %s carries data", hidden.raw)
	}
	outsider.expect(t, realtime.TypeTicketUpdated, ticketA10)
	if got := customer.expect(t, realtime.TypeTicketUpdated, ticketA10); string(got.Data) != `{"audience":"public"}` {
		t.Errorf("customer got %s, want the public payload", got.raw)
	}
}

func TestUserAddressedEvent(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{})
	adm := in.connect(t, admin)
	agent := in.connect(t, agentT10)

	in.publish(t, realtime.Event{Type: "notification.created", UserID: agentT10, Payload: json.RawMessage(`{"n":1}`)})
	in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketB)))

	agent.expect(t, "notification.created", 0)
	adm.expect(t, realtime.TypeTicketUpdated, ticketB) // the notification was not the admin's
}

func TestSubscribeNarrows(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{})
	adm := in.connect(t, admin)

	adm.send(t, map[string]any{"type": "subscribe", "ticket_ids": []int64{ticketB}})
	if got := adm.expect(t, "subscribed", 0); string(got.Data) != `{"ticket_ids":[101]}` {
		t.Fatalf("ack %s", got.raw)
	}
	in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketA10)))
	in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketB)))
	adm.expect(t, realtime.TypeTicketUpdated, ticketB)

	adm.send(t, map[string]any{"type": "subscribe", "ticket_ids": []int64{}})
	adm.expect(t, "subscribed", 0)
	in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketA10)))
	adm.expect(t, realtime.TypeTicketUpdated, ticketA10)

	t.Run("NarrowingNeverWidens", func(t *testing.T) {
		b := in.connect(t, customerB)
		b.send(t, map[string]any{"type": "subscribe", "ticket_ids": []int64{ticketA10, ticketB}})
		b.expect(t, "subscribed", 0)
		in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketA10)))
		in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketB)))
		b.expect(t, realtime.TypeTicketUpdated, ticketB)
		adm.expect(t, realtime.TypeTicketUpdated, ticketA10)
		adm.expect(t, realtime.TypeTicketUpdated, ticketB)
	})
	t.Run("ErrBadMessages", func(t *testing.T) {
		for _, msg := range []string{`{"type":"subscribe","ticket_ids":[-1]}`, `{"type":"dance"}`, `not json`} {
			if err := adm.conn.Write(context.Background(), websocket.MessageText, []byte(msg)); err != nil {
				t.Fatal(err)
			}
			adm.expect(t, "error", 0)
		}
	})
}

func TestPresence(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{})
	member := in.connect(t, agentT10)
	adm := in.connect(t, admin)
	outsider := in.connect(t, agentT20)
	customer := in.connect(t, customerA)

	member.send(t, map[string]any{"type": "presence", "ticket_id": ticketA10, "state": "replying"})
	got := adm.expect(t, realtime.TypePresence, ticketA10)
	var p struct {
		UserID int64  `json:"user_id"`
		Name   string `json:"name"`
		State  string `json:"state"`
	}
	if err := json.Unmarshal(got.Data, &p); err != nil || p.UserID != agentT10 || p.State != "replying" || p.Name != "User 2" {
		t.Fatalf("presence frame %s", got.raw)
	}
	member.expect(t, realtime.TypePresence, ticketA10) // the sender's other tabs learn it too

	// Neither the outsider nor the customer (requester of the ticket) got it.
	in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketA20)))
	outsider.expect(t, realtime.TypeTicketUpdated, ticketA20)
	customer.expect(t, realtime.TypeTicketUpdated, ticketA20)
	adm.expect(t, realtime.TypeTicketUpdated, ticketA20)

	t.Run("ErrCustomer", func(t *testing.T) {
		customer.send(t, map[string]any{"type": "presence", "ticket_id": ticketA10, "state": "viewing"})
		customer.expect(t, "error", 0)
	})
	t.Run("ErrInvisibleTicket", func(t *testing.T) {
		outsider.send(t, map[string]any{"type": "presence", "ticket_id": ticketA10, "state": "viewing"})
		if f := outsider.expect(t, "error", 0); !strings.Contains(string(f.Data), "not found") {
			t.Errorf("got %s, want ticket not found", f.raw)
		}
	})
	t.Run("LeftOnDisconnect", func(t *testing.T) {
		_ = member.conn.Close(websocket.StatusNormalClosure, "")
		got := adm.expect(t, realtime.TypePresence, ticketA10)
		if !strings.Contains(string(got.Data), `"state":"left"`) {
			t.Errorf("got %s, want left", got.raw)
		}
	})
}

func TestCloseUser(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{})
	tab1 := in.connectSession(t, customerA, "s1")
	tab2 := in.connectSession(t, customerA, "s2")
	other := in.connect(t, customerB)

	if err := in.hub.CloseUser(context.Background(), customerA); err != nil {
		t.Fatal(err)
	}
	for _, c := range []*wsClient{tab1, tab2} {
		if got := c.closed(t); got != realtime.StatusSessionEnded {
			t.Errorf("close status %d, want %d", got, realtime.StatusSessionEnded)
		}
	}
	in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketB)))
	other.expect(t, realtime.TypeTicketUpdated, ticketB)
}

func TestCloseSession(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{})
	out := in.connectSession(t, customerA, "signed-out")
	still := in.connectSession(t, customerA, "still-in")

	if err := in.hub.CloseSession(context.Background(), "signed-out"); err != nil {
		t.Fatal(err)
	}
	if got := out.closed(t); got != realtime.StatusSessionEnded {
		t.Errorf("close status %d, want %d", got, realtime.StatusSessionEnded)
	}
	in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketA10)))
	still.expect(t, realtime.TypeTicketUpdated, ticketA10)
}

func TestRescopeUser(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{})
	agent := in.connect(t, agentT20)

	in.authz.setUser(realtime.Viewer{UserID: agentT20, Role: helpdesk.RoleAgent, TeamIDs: []int64{team10, team20}})
	if err := in.hub.RescopeUser(context.Background(), agentT20); err != nil {
		t.Fatal(err)
	}
	agent.expect(t, realtime.TypeResync, 0)
	in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketA10)))
	agent.expect(t, realtime.TypeTicketUpdated, ticketA10)

	t.Run("DemotedToCustomer", func(t *testing.T) {
		in.authz.setUser(realtime.Viewer{UserID: agentT20, Role: helpdesk.RoleCustomer})
		if err := in.hub.RescopeUser(context.Background(), agentT20); err != nil {
			t.Fatal(err)
		}
		agent.expect(t, realtime.TypeResync, 0)
		// An agent would see the unteamed ticket; a customer who did not
		// request it does not.
		in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketB)))
		in.publish(t, realtime.Event{Type: "notification.created", UserID: agentT20, Payload: json.RawMessage(`{}`), PublicPayload: json.RawMessage(`{}`)})
		agent.expect(t, "notification.created", 0)
	})
	t.Run("Deactivated", func(t *testing.T) {
		in.authz.deleteUser(agentT20)
		if err := in.hub.RescopeUser(context.Background(), agentT20); err != nil {
			t.Fatal(err)
		}
		if got := agent.closed(t); got != realtime.StatusSessionEnded {
			t.Errorf("close status %d, want %d", got, realtime.StatusSessionEnded)
		}
	})
}

func TestSlowClientDropped(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{QueueSize: 4})
	slow := in.dialRaw(t, agentT10, "slow") // never reads
	fast := in.connect(t, admin)

	// Each event waits for the fast client, so only the slow one falls
	// behind: once the socket buffers are full its queue fills and it is
	// dropped. 2,000 events of 128 KiB is far more than any buffer holds.
	big := `{"pad":"` + strings.Repeat("x", 128<<10) + `"}`
	sent := 0
	for dropped := false; !dropped; sent++ {
		if sent == 2000 {
			t.Fatal("slow client never dropped")
		}
		in.publish(t, realtime.Event{Type: realtime.TypeTicketUpdated, Ticket: in.ref(t, ticketB), Payload: json.RawMessage(big)})
		fast.expect(t, realtime.TypeTicketUpdated, ticketB)
		select {
		case id := <-in.gone:
			if id != agentT10 {
				t.Fatalf("user %d dropped, want the slow client", id)
			}
			dropped = true
		default:
		}
	}
	if got := in.hub.Stats().Dropped; got != 1 {
		t.Errorf("dropped %d clients, want 1", got)
	}
	// The slow socket reads what the buffers held, then finds it closed.
	n := 0
	for {
		if _, _, err := slow.conn.Read(context.Background()); err != nil {
			break
		}
		n++
	}
	if n >= sent {
		t.Errorf("slow client read %d of %d events: it was not cut off", n, sent)
	}
	in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketA10)))
	fast.expect(t, realtime.TypeTicketUpdated, ticketA10)
	t.Logf("slow client dropped after %d events (%d read)", sent, n)
}

func TestHeartbeatDropsDeadPeer(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{PingInterval: 20e6, PingTimeout: 50e6}) // 20 ms, 50 ms
	live := in.connect(t, admin)
	in.dialRaw(t, customerB, "dead") // never reads, so never answers a ping

	in.waitGone(t, customerB)
	in.publish(t, ticketEvent(realtime.TypeTicketUpdated, in.ref(t, ticketB)))
	live.expect(t, realtime.TypeTicketUpdated, ticketB)
	if got := in.hub.Stats().Clients; got != 1 {
		t.Errorf("%d clients, want the live one only", got)
	}
}

func TestReadLimit(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{ReadLimit: 1024})
	c := in.connect(t, admin)
	c.send(t, map[string]any{"type": "subscribe", "pad": strings.Repeat("x", 2048)})
	if got := c.closed(t); got != websocket.StatusMessageTooBig {
		t.Errorf("close status %d, want %d", got, websocket.StatusMessageTooBig)
	}
}

func TestMaxLifetime(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{MaxLifetime: 50e6}) // 50 ms
	c := in.connect(t, admin)
	if got := c.closed(t); got != realtime.StatusReconnect {
		t.Errorf("close status %d, want %d", got, realtime.StatusReconnect)
	}
}

func TestHubClose(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{})
	c := in.connect(t, admin)
	in.hub.Close()
	if got := c.closed(t); got != websocket.StatusGoingAway {
		t.Errorf("close status %d, want %d", got, websocket.StatusGoingAway)
	}
}

func TestResyncReachesEveryone(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{})
	customer := in.connect(t, customerB)
	agent := in.connect(t, agentT20)
	in.publish(t, realtime.Event{Type: realtime.TypeResync})
	for _, c := range []*wsClient{customer, agent} {
		if got := c.expect(t, realtime.TypeResync, 0); got.Data != nil {
			t.Errorf("resync frame %s carries data", got.raw)
		}
	}
}
