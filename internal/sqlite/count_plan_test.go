package sqlite_test

import (
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/sqlite"
)

// countPlanCases are the ticket counts the web app's sidebar asks for, for
// each kind of viewer, and the other filters a count may carry.
func countPlanCases() map[string]helpdesk.TicketFilter {
	open := []helpdesk.Status{helpdesk.StatusNew, helpdesk.StatusOpen, helpdesk.StatusPending, helpdesk.StatusOnHold}
	since := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	me := int64(2)
	cases := map[string]helpdesk.TicketFilter{}
	for _, v := range []helpdesk.Viewer{{UserID: 1, Role: helpdesk.RoleAdmin}, {UserID: 2, Role: helpdesk.RoleAgent}} {
		r := string(v.Role)
		cases[r+"MyOpen"] = helpdesk.TicketFilter{Viewer: v, AssigneeID: &me, Statuses: open}
		cases[r+"Unassigned"] = helpdesk.TicketFilter{Viewer: v, Unassigned: true, Statuses: open}
		cases[r+"AllOpen"] = helpdesk.TicketFilter{Viewer: v, Statuses: open}
		cases[r+"MyTeams"] = helpdesk.TicketFilter{Viewer: v, TeamIDs: []int64{3, 5}, Statuses: open}
		cases[r+"NoTeam"] = helpdesk.TicketFilter{Viewer: v, NoTeam: true}
		cases[r+"RecentlyUpdated"] = helpdesk.TicketFilter{Viewer: v, UpdatedAfter: &since}
		cases[r+"Tag"] = helpdesk.TicketFilter{Viewer: v, Tag: "billing"}
	}
	cases["CustomerOpen"] = helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: 4, Role: helpdesk.RoleCustomer}, Statuses: open}
	return cases
}

// TestTicketCountPlans checks that every filtered count reads an index,
// never the whole tickets table.
func TestTicketCountPlans(t *testing.T) {
	db := MustOpenDB(t)
	for name, f := range countPlanCases() {
		t.Run(name, func(t *testing.T) {
			query, args := sqlite.TicketCountQuery(f, 10_001)
			if query == "" {
				t.Fatal("no query")
			}
			plan := explain(t, db, query, args)
			for _, line := range plan {
				if fullScan(line, false) {
					t.Errorf("full table scan %q in plan:\n%s", line, strings.Join(plan, "\n"))
				}
			}
		})
	}
}

// TestTicketCountQueryNothingToCount checks the cases answered without a
// query: a viewer who may see nothing, and a non-positive bound.
func TestTicketCountQueryNothingToCount(t *testing.T) {
	admin := helpdesk.Viewer{UserID: 1, Role: helpdesk.RoleAdmin}
	if q, _ := sqlite.TicketCountQuery(helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: 1, Role: "ghost"}}, 10); q != "" {
		t.Errorf("unknown role: query %q", q)
	}
	if q, _ := sqlite.TicketCountQuery(helpdesk.TicketFilter{Viewer: admin}, 0); q != "" {
		t.Errorf("max 0: query %q", q)
	}
}
