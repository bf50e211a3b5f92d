package helpdesk_test

import (
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
)

func TestViewerCanSee(t *testing.T) {
	team, other, agentID := int64(7), int64(8), int64(20)
	type ticket struct {
		requester          int64
		teamID, assigneeID *int64
	}
	tickets := map[string]ticket{
		"no team":          {requester: 1},
		"own team":         {requester: 1, teamID: &team},
		"other team":       {requester: 1, teamID: &other},
		"other team, mine": {requester: 1, teamID: &other, assigneeID: &agentID},
		"other customer's": {requester: 2, teamID: &team},
	}
	tests := []struct {
		name   string
		viewer helpdesk.Viewer
		sees   map[string]bool
	}{
		{"Admin", helpdesk.Viewer{UserID: 99, Role: helpdesk.RoleAdmin},
			map[string]bool{"no team": true, "own team": true, "other team": true, "other team, mine": true, "other customer's": true}},
		{"AgentInTeam", helpdesk.Viewer{UserID: agentID, Role: helpdesk.RoleAgent},
			map[string]bool{"no team": true, "own team": true, "other team": false, "other team, mine": true, "other customer's": true}},
		{"Customer", helpdesk.Viewer{UserID: 1, Role: helpdesk.RoleCustomer},
			map[string]bool{"no team": true, "own team": true, "other team": true, "other team, mine": true, "other customer's": false}},
		{"UnknownRole", helpdesk.Viewer{UserID: 1, Role: "guest"},
			map[string]bool{"no team": false, "own team": false, "other team": false, "other team, mine": false, "other customer's": false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, tk := range tickets {
				got := tt.viewer.CanSee(tk.requester, tk.teamID, tk.assigneeID, []int64{team})
				if want := tt.sees[name]; got != want {
					t.Errorf("%s: CanSee = %v, want %v", name, got, want)
				}
			}
		})
	}
}
