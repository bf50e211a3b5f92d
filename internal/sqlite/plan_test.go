package sqlite_test

import (
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/sqlite"
)

// planCase is one ticket list whose query plan must use indexes.
type planCase struct {
	name string
	f    helpdesk.TicketFilter
	// ordered means the plan must read rows in sort order from an index,
	// with no temporary b-tree for ORDER BY: the default sort with no
	// filter or one filter, and every sort with no filter.
	ordered bool
}

func planCases() []planCase {
	admin := helpdesk.Viewer{UserID: 1, Role: helpdesk.RoleAdmin}
	id := func(v int64) *int64 { return &v }
	since := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := []planCase{
		{name: "Default", f: helpdesk.TicketFilter{Viewer: admin}, ordered: true},
		{name: "DefaultAfterCursor", ordered: true, f: helpdesk.TicketFilter{Viewer: admin,
			After: &helpdesk.TicketCursor{Sort: helpdesk.SortUpdatedDesc, Key: 1, ID: 1}}},
		{name: "Status", f: helpdesk.TicketFilter{Viewer: admin, Statuses: []helpdesk.Status{"open"}}, ordered: true},
		{name: "Priority", f: helpdesk.TicketFilter{Viewer: admin, Priorities: []helpdesk.Priority{"high"}}, ordered: true},
		{name: "Type", f: helpdesk.TicketFilter{Viewer: admin, Types: []helpdesk.TicketType{"task"}}, ordered: true},
		{name: "Assignee", f: helpdesk.TicketFilter{Viewer: admin, AssigneeID: id(2)}, ordered: true},
		{name: "Unassigned", f: helpdesk.TicketFilter{Viewer: admin, Unassigned: true}, ordered: true},
		{name: "Team", f: helpdesk.TicketFilter{Viewer: admin, TeamID: id(3)}, ordered: true},
		{name: "Requester", f: helpdesk.TicketFilter{Viewer: admin, RequesterID: id(4)}, ordered: true},
		{name: "Tag", f: helpdesk.TicketFilter{Viewer: admin, Tag: "billing"}, ordered: true},
		{name: "TagAfterCursor", ordered: true, f: helpdesk.TicketFilter{Viewer: admin, Tag: "billing",
			After: &helpdesk.TicketCursor{Sort: helpdesk.SortUpdatedDesc, Key: 1, ID: 1}}},
		{name: "TagSortPriority", f: helpdesk.TicketFilter{Viewer: admin, Tag: "billing", Sort: helpdesk.SortPriorityDesc}},
		{name: "AgentStatus", ordered: true, f: helpdesk.TicketFilter{
			Viewer: helpdesk.Viewer{UserID: 2, Role: helpdesk.RoleAgent}, Statuses: []helpdesk.Status{"open"}}},
		{name: "AgentTeam", ordered: true, f: helpdesk.TicketFilter{
			Viewer: helpdesk.Viewer{UserID: 2, Role: helpdesk.RoleAgent}, TeamID: id(3)}},
		{name: "AgentTag", ordered: true, f: helpdesk.TicketFilter{
			Viewer: helpdesk.Viewer{UserID: 2, Role: helpdesk.RoleAgent}, Tag: "billing"}},
		{name: "AgentUnassigned", ordered: true, f: helpdesk.TicketFilter{
			Viewer: helpdesk.Viewer{UserID: 2, Role: helpdesk.RoleAgent}, Unassigned: true}},
		{name: "TeamIn", f: helpdesk.TicketFilter{Viewer: admin, TeamIDs: []int64{3, 5}}},
		{name: "TeamInOne", f: helpdesk.TicketFilter{Viewer: admin, TeamIDs: []int64{3}}, ordered: true},
		{name: "NoTeam", f: helpdesk.TicketFilter{Viewer: admin, NoTeam: true}, ordered: true},
		{name: "UpdatedAfter", f: helpdesk.TicketFilter{Viewer: admin, UpdatedAfter: &since}, ordered: true},
		{name: "UpdatedAfterAfterCursor", ordered: true, f: helpdesk.TicketFilter{Viewer: admin, UpdatedAfter: &since,
			After: &helpdesk.TicketCursor{Sort: helpdesk.SortUpdatedDesc, Key: 1, ID: 1}}},
		{name: "AgentTeamIn", f: helpdesk.TicketFilter{
			Viewer: helpdesk.Viewer{UserID: 2, Role: helpdesk.RoleAgent}, TeamIDs: []int64{3, 5}}},
		{name: "AgentNoTeam", ordered: true, f: helpdesk.TicketFilter{
			Viewer: helpdesk.Viewer{UserID: 2, Role: helpdesk.RoleAgent}, NoTeam: true}},
		{name: "AgentUpdatedAfter", ordered: true, f: helpdesk.TicketFilter{
			Viewer: helpdesk.Viewer{UserID: 2, Role: helpdesk.RoleAgent}, UpdatedAfter: &since}},
		{name: "StatusesTwo", f: helpdesk.TicketFilter{Viewer: admin, Statuses: []helpdesk.Status{"new", "open"}}},
		{name: "Agent", f: helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: 2, Role: helpdesk.RoleAgent}}, ordered: true},
		{name: "Customer", f: helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: 4, Role: helpdesk.RoleCustomer}}, ordered: true},
	}
	for _, s := range helpdesk.TicketSorts {
		// With no filter, every sort reads its index in order.
		cases = append(cases,
			planCase{name: "Sort" + string(s), ordered: true, f: helpdesk.TicketFilter{Viewer: admin, Sort: s}},
			planCase{name: "Sort" + string(s) + "AfterCursor", ordered: true, f: helpdesk.TicketFilter{
				Viewer: admin, Sort: s, After: &helpdesk.TicketCursor{Sort: s, Key: 1, ID: 1}}})
	}
	return cases
}

// TestTicketListPlans checks, on a fresh database with no ANALYZE
// statistics, that no ticket list scans the tickets table without an index,
// and that lists in the default order need no sort step.
func TestTicketListPlans(t *testing.T) {
	db := MustOpenDB(t)
	for _, tc := range planCases() {
		t.Run(tc.name, func(t *testing.T) {
			query, args, err := sqlite.TicketListQuery(tc.f)
			if err != nil {
				t.Fatal(err)
			}
			plan := explain(t, db, query, args)
			byID := tc.f.Sort.Field() == "id"
			for _, line := range plan {
				if fullScan(line, byID) {
					t.Errorf("full table scan %q in plan:\n%s", line, strings.Join(plan, "\n"))
				}
				if tc.ordered && strings.Contains(line, "USE TEMP B-TREE FOR ORDER BY") {
					t.Errorf("sort step in plan:\n%s", strings.Join(plan, "\n"))
				}
			}
		})
	}
}

// fullScan reports whether a plan line reads all of tickets without an
// index. The one exception is a list in id order: tickets.id is the rowid,
// so the table's own b-tree is the id index, and SQLite prints its in-order
// walk (which stops at LIMIT like any index walk) as a plain "SCAN t".
// Since such a list also has no sort step (checked separately for every
// id-ordered case), the walk is in id order and not a full scan.
func fullScan(line string, byID bool) bool {
	f := strings.Fields(line)
	if len(f) < 2 || f[0] != "SCAN" || (f[1] != "tickets" && f[1] != "t") || strings.Contains(line, "INDEX") {
		return false
	}
	return !byID || len(f) > 2
}

// explain returns the detail lines of EXPLAIN QUERY PLAN for query.
func explain(t *testing.T, db *sqlite.DB, query string, args []any) []string {
	t.Helper()
	rows, err := db.Reader().QueryContext(t.Context(), "EXPLAIN QUERY PLAN "+query, args...)
	if err != nil {
		t.Fatalf("explain: %v", err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("plan:\n  %s", strings.Join(plan, "\n  "))
	return plan
}
