package realtime_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/realtime"
)

// TestViewerCanSee pins the visibility rule as the hub applies it to a
// connection's cached scope (helpdesk.Viewer.CanSee, shared with the service).
func TestViewerCanSee(t *testing.T) {
	const me = 7
	var (
		unteamed      = realtime.TicketRef{ID: 1, RequesterID: 99}
		myTeam        = realtime.TicketRef{ID: 2, RequesterID: 99, TeamID: ptr[int64](10)}
		otherTeam     = realtime.TicketRef{ID: 3, RequesterID: 99, TeamID: ptr[int64](20)}
		assignedToMe  = realtime.TicketRef{ID: 4, RequesterID: 99, TeamID: ptr[int64](20), AssigneeID: ptr[int64](me)}
		assignedOther = realtime.TicketRef{ID: 5, RequesterID: 99, AssigneeID: ptr[int64](8)}
		mine          = realtime.TicketRef{ID: 6, RequesterID: me, TeamID: ptr[int64](20)}
	)
	tickets := []realtime.TicketRef{unteamed, myTeam, otherTeam, assignedToMe, assignedOther, mine}
	tests := []struct {
		role helpdesk.Role
		want []bool // per ticket above
	}{
		{helpdesk.RoleAdmin, []bool{true, true, true, true, true, true}},
		{helpdesk.RoleAgent, []bool{true, true, false, true, true, false}},
		{helpdesk.RoleCustomer, []bool{false, false, false, false, false, true}},
		{helpdesk.Role("auditor"), []bool{false, false, false, false, false, false}},
		{helpdesk.Role(""), []bool{false, false, false, false, false, false}},
	}
	for _, tt := range tests {
		v := realtime.Viewer{UserID: me, Role: tt.role, TeamIDs: []int64{10}}
		for i, tk := range tickets {
			if got := v.CanSee(tk); got != tt.want[i] {
				t.Errorf("role %q, ticket %+v: CanSee = %v, want %v", tt.role, tk, got, tt.want[i])
			}
		}
	}
}

func TestEventValidate(t *testing.T) {
	ok := realtime.Event{Type: realtime.TypeTicketCreated, Ticket: realtime.TicketRef{ID: 1, RequesterID: 2}, Payload: json.RawMessage(`{}`)}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid event refused: %v", err)
	}
	tests := []struct {
		name   string
		modify func(*realtime.Event)
	}{
		{"ErrTypeRequired", func(e *realtime.Event) { e.Type = "" }},
		{"ErrTypeTooLong", func(e *realtime.Event) { e.Type = strings.Repeat("x", 65) }},
		{"ErrInternalWithPublicPayload", func(e *realtime.Event) { e.Internal, e.PublicPayload = true, json.RawMessage(`{"body":"x"}`) }},
		{"ErrPayloadNotJSON", func(e *realtime.Event) { e.Payload = json.RawMessage(`{`) }},
		{"ErrPublicPayloadNotJSON", func(e *realtime.Event) { e.PublicPayload = json.RawMessage(`nope`) }},
		{"ErrPayloadTooLarge", func(e *realtime.Event) {
			e.Payload = json.RawMessage(`"` + strings.Repeat("x", realtime.MaxPayload) + `"`)
		}},
		{"ErrBeforeOtherTicket", func(e *realtime.Event) { e.Before = &realtime.TicketRef{ID: 9} }},
		{"ErrNegativeTicket", func(e *realtime.Event) { e.Ticket.ID = -1 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := ok
			tt.modify(&e)
			if err := e.Validate(); err == nil {
				t.Errorf("event %+v accepted", e)
			}
		})
	}
	t.Run("OKInternalWithNullPublicPayload", func(t *testing.T) {
		e := ok
		e.Internal, e.PublicPayload = true, json.RawMessage(`null`)
		if err := e.Validate(); err != nil {
			t.Error(err)
		}
	})
}

func TestRefOf(t *testing.T) {
	tk := &helpdesk.Ticket{ID: 3, RequesterID: 4, TeamID: ptr[int64](5), AssigneeID: ptr[int64](6)}
	got := realtime.RefOf(tk)
	if got.ID != 3 || got.RequesterID != 4 || *got.TeamID != 5 || *got.AssigneeID != 6 {
		t.Errorf("RefOf = %+v", got)
	}
}
