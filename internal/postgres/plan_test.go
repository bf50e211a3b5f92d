package postgres_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/postgres"
)

// seedPlanData fills the ticket tables through SQL with enough rows, and
// fresh statistics, for the planner to choose as it would in production.
func seedPlanData(tb testing.TB, db *postgres.DB) {
	tb.Helper()
	stmts := []string{
		`INSERT INTO users (email, name, role, created_at, updated_at)
		 SELECT 'u' || i || '@example.com', 'User ' || i,
		        CASE WHEN i <= 2 THEN 'admin' WHEN i <= 20 THEN 'agent' ELSE 'customer' END,
		        now(), now()
		 FROM generate_series(1, 500) i`,
		`INSERT INTO teams (name, created_at, updated_at)
		 SELECT 'Team ' || i, now(), now() FROM generate_series(1, 8) i`,
		`INSERT INTO team_members (team_id, user_id)
		 SELECT 1 + i % 8, i FROM generate_series(3, 20) i`,
		`INSERT INTO tickets (subject, status, priority, type, requester_id, assignee_id, team_id,
		                      tags, created_at, updated_at)
		 SELECT 'Ticket ' || i,
		        (ARRAY['new','open','pending','on_hold','solved','closed'])[1 + i % 6],
		        (ARRAY['low','normal','high','urgent'])[1 + i % 4],
		        (ARRAY['question','incident','problem','task'])[1 + i % 4],
		        21 + i % 480,
		        CASE WHEN i % 3 = 0 THEN NULL ELSE 3 + i % 18 END,
		        CASE WHEN i % 5 = 0 THEN NULL ELSE 1 + i % 8 END,
		        ARRAY['tag' || i % 50],
		        now() - i * interval '1 minute', now() - (i % 997) * interval '1 second'
		 FROM generate_series(1, 20000) i`,
		`INSERT INTO ticket_tags (ticket_id, tag) SELECT id, tags[1] FROM tickets`,
		`ANALYZE`,
	}
	for _, s := range stmts {
		if _, err := db.Pool().Exec(context.Background(), s); err != nil {
			tb.Fatalf("seed: %v\n%s", err, s)
		}
	}
}

// explain returns the plan of the ticket list query for f, with sequential
// scans discouraged: a Seq Scan that remains means no index can serve it.
func explain(t *testing.T, db *postgres.DB, f helpdesk.TicketFilter) string {
	t.Helper()
	sql, args, err := postgres.ListTicketsQuery(f)
	if err != nil || sql == "" {
		t.Fatalf("ListTicketsQuery: sql %q, err %v", sql, err)
	}
	return explainSQL(t, db, sql, args)
}

// explainSQL returns the plan of sql with sequential scans discouraged.
func explainSQL(t *testing.T, db *postgres.DB, sql string, args []any) string {
	t.Helper()
	var plan []string
	err := pgx.BeginFunc(t.Context(), db.Pool(), func(tx pgx.Tx) error {
		if _, err := tx.Exec(t.Context(), `SET LOCAL enable_seqscan = off`); err != nil {
			return err
		}
		rows, err := tx.Query(t.Context(), `EXPLAIN (FORMAT TEXT) `+sql, args...)
		if err != nil {
			return err
		}
		plan, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	})
	if err != nil {
		t.Fatalf("EXPLAIN: %v\n%s", err, sql)
	}
	return strings.Join(plan, "\n")
}

var sortNode = regexp.MustCompile(`(?m)^\s*(->\s+)?(Incremental )?Sort\s+\(`)

func TestTicketListPlans(t *testing.T) {
	db := MustOpenDB(t)
	seedPlanData(t, db)
	admin := helpdesk.Viewer{UserID: 1, Role: helpdesk.RoleAdmin}
	id := func(v int64) *int64 { return &v }
	cursor := &helpdesk.TicketCursor{Sort: helpdesk.SortUpdatedDesc, Key: 1_700_000_000_000_000, ID: 9000}
	recent := time.Now().Add(-10 * time.Minute)

	cases := []struct {
		name string
		f    helpdesk.TicketFilter
		// sorted is true when the order must come straight off an index,
		// without a Sort node.
		sorted bool
	}{
		{"Default", helpdesk.TicketFilter{Viewer: admin}, true},
		{"DefaultAfterCursor", helpdesk.TicketFilter{Viewer: admin, After: cursor}, true},
		{"Status", helpdesk.TicketFilter{Viewer: admin, Statuses: []helpdesk.Status{helpdesk.StatusOpen}}, true},
		{"Statuses", helpdesk.TicketFilter{Viewer: admin,
			Statuses: []helpdesk.Status{helpdesk.StatusOpen, helpdesk.StatusPending}}, false},
		{"Priority", helpdesk.TicketFilter{Viewer: admin, Priorities: []helpdesk.Priority{helpdesk.PriorityUrgent}}, true},
		{"Type", helpdesk.TicketFilter{Viewer: admin, Types: []helpdesk.TicketType{helpdesk.TypeIncident}}, true},
		{"Assignee", helpdesk.TicketFilter{Viewer: admin, AssigneeID: id(5)}, true},
		{"Unassigned", helpdesk.TicketFilter{Viewer: admin, Unassigned: true}, true},
		{"Team", helpdesk.TicketFilter{Viewer: admin, TeamID: id(3)}, true},
		{"Requester", helpdesk.TicketFilter{Viewer: admin, RequesterID: id(42)}, true},
		{"TeamIn", helpdesk.TicketFilter{Viewer: admin, TeamIDs: []int64{3, 5}}, false},
		{"TeamInOne", helpdesk.TicketFilter{Viewer: admin, TeamIDs: []int64{3}}, true},
		{"NoTeam", helpdesk.TicketFilter{Viewer: admin, NoTeam: true}, true},
		{"UpdatedAfter", helpdesk.TicketFilter{Viewer: admin, UpdatedAfter: &recent}, true},
		{"UpdatedAfterAfterCursor", helpdesk.TicketFilter{Viewer: admin, UpdatedAfter: &recent, After: cursor}, true},
		{"AgentTeamIn", helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: 5, Role: helpdesk.RoleAgent},
			TeamIDs: []int64{3, 5}}, false},
		{"AgentNoTeam", helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: 5, Role: helpdesk.RoleAgent},
			NoTeam: true}, false},
		{"Tag", helpdesk.TicketFilter{Viewer: admin, Tag: "tag7"}, false},
		{"AgentVisibility", helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: 5, Role: helpdesk.RoleAgent}}, false},
		{"CustomerVisibility", helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: 42, Role: helpdesk.RoleCustomer}}, true},
		{"AgentStatus", helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: 5, Role: helpdesk.RoleAgent},
			Statuses: []helpdesk.Status{helpdesk.StatusNew}}, false},
	}
	for _, s := range helpdesk.TicketSorts {
		cases = append(cases, struct {
			name   string
			f      helpdesk.TicketFilter
			sorted bool
		}{"Sort" + string(s), helpdesk.TicketFilter{Viewer: admin, Sort: s}, true})
		c := helpdesk.TicketCursor{Sort: s, Key: 2, ID: 10000}
		if f := s.Field(); f == "updated_at" || f == "created_at" {
			c.Key = 1_700_000_000_000_000
		}
		cases = append(cases, struct {
			name   string
			f      helpdesk.TicketFilter
			sorted bool
		}{"Sort" + string(s) + "AfterCursor", helpdesk.TicketFilter{Viewer: admin, Sort: s, After: &c}, true})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.f.Limit = 26
			plan := explain(t, db, c.f)
			if strings.Contains(plan, "Seq Scan on tickets") {
				t.Errorf("plan scans the tickets table:\n%s", plan)
			}
			if c.sorted && sortNode.MatchString(plan) {
				t.Errorf("plan sorts; the order should come from an index:\n%s", plan)
			}
		})
	}
}

// TestTicketCountPlans checks that the counts the web app's sidebar asks
// for, and the other filters a count may carry, read indexes rather than
// the whole tickets table.
func TestTicketCountPlans(t *testing.T) {
	db := MustOpenDB(t)
	seedPlanData(t, db)
	open := []helpdesk.Status{helpdesk.StatusNew, helpdesk.StatusOpen, helpdesk.StatusPending, helpdesk.StatusOnHold}
	recent := time.Now().Add(-10 * time.Minute)
	me := int64(5)
	cases := map[string]helpdesk.TicketFilter{}
	for _, v := range []helpdesk.Viewer{{UserID: 1, Role: helpdesk.RoleAdmin}, {UserID: 5, Role: helpdesk.RoleAgent}} {
		r := string(v.Role)
		cases[r+"MyOpen"] = helpdesk.TicketFilter{Viewer: v, AssigneeID: &me, Statuses: open}
		cases[r+"Unassigned"] = helpdesk.TicketFilter{Viewer: v, Unassigned: true, Statuses: open}
		cases[r+"AllOpen"] = helpdesk.TicketFilter{Viewer: v, Statuses: open}
		cases[r+"MyTeams"] = helpdesk.TicketFilter{Viewer: v, TeamIDs: []int64{3, 5}, Statuses: open}
		cases[r+"NoTeam"] = helpdesk.TicketFilter{Viewer: v, NoTeam: true}
		cases[r+"RecentlyUpdated"] = helpdesk.TicketFilter{Viewer: v, UpdatedAfter: &recent}
		cases[r+"Tag"] = helpdesk.TicketFilter{Viewer: v, Tag: "tag7"}
	}
	cases["CustomerOpen"] = helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: 42, Role: helpdesk.RoleCustomer}, Statuses: open}
	for name, f := range cases {
		t.Run(name, func(t *testing.T) {
			sql, args := postgres.CountTicketsQuery(f, 10_001)
			if sql == "" {
				t.Fatal("no query")
			}
			plan := explainSQL(t, db, sql, args)
			if strings.Contains(plan, "Seq Scan on tickets") {
				t.Errorf("plan scans the tickets table:\n%s", plan)
			}
		})
	}
}
