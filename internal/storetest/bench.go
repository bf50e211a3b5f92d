package storetest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Sizes of the benchmark data set: a mid-sized help desk.
const (
	benchTickets   = 100_000
	benchBatch     = 1_000 // tickets per seeding transaction
	benchAgents    = 48
	benchCustomers = 250
	benchTeams     = 10
	benchPageSize  = 50
	benchDeepPage  = 50 // the page ListDeepPage fetches
)

// benchTags is the small tag vocabulary tickets draw from; about one
// ticket in eight has each. benchRareTag is on one ticket in 500, so a list
// filtered by it shows whether the tag filter reads an index in sort order
// or walks the sort index probing for the tag.
var benchTags = []string{"billing", "bug", "feature", "login", "mobile", "outage",
	"refund", "security", "sla", "vip", "web", "windows"}

const benchRareTag = "legal"

// Analyzer is an optional interface of a store under benchmark: Bench
// calls Analyze after seeding, so the planner sees the data as it would in
// a running deployment (where PostgreSQL's autovacuum analyzes after bulk
// changes). A test wraps a store to provide it; stores need not.
type Analyzer interface {
	Analyze(ctx context.Context) error
}

// benchWorld is the seeded data set the benchmarks query.
type benchWorld struct {
	admin     *helpdesk.User
	agents    []*helpdesk.User
	customers []*helpdesk.User
	teams     []*helpdesk.Team
}

// Bench seeds one store with benchTickets tickets, then times the ticket
// list's common queries and the ticket write path. Seeding happens once:
// a benchmark that calls b.Run runs its own body a single time.
func Bench(b *testing.B, open func(b *testing.B) helpdesk.Store) {
	s := open(b)
	start := time.Now()
	w := seedBench(b, s)
	b.Logf("seeded %d tickets in %s", benchTickets, time.Since(start).Round(time.Millisecond))
	if a, ok := s.(Analyzer); ok {
		if err := a.Analyze(context.Background()); err != nil {
			b.Fatalf("analyze: %v", err)
		}
	}

	admin := helpdesk.Viewer{UserID: w.admin.ID, Role: helpdesk.RoleAdmin}
	lists := []struct {
		name string
		f    helpdesk.TicketFilter
	}{
		{"ListDefault", helpdesk.TicketFilter{Viewer: admin}},
		{"FilterStatus", helpdesk.TicketFilter{Viewer: admin, Statuses: []helpdesk.Status{helpdesk.StatusPending}}},
		{"FilterAssignee", helpdesk.TicketFilter{Viewer: admin, AssigneeID: &w.agents[0].ID}},
		{"FilterTag", helpdesk.TicketFilter{Viewer: admin, Tag: "outage"}},
		{"FilterRareTag", helpdesk.TicketFilter{Viewer: admin, Tag: benchRareTag}},
		{"ListAsAgent", helpdesk.TicketFilter{Viewer: helpdesk.Viewer{UserID: w.agents[0].ID, Role: helpdesk.RoleAgent}}},
	}
	for _, l := range lists {
		l.f.Sort, l.f.Limit = helpdesk.SortUpdatedDesc, benchPageSize
		b.Run(l.name, func(b *testing.B) { benchList(b, s, l.f) })
	}
	b.Run("ListDeepPage", func(b *testing.B) { benchDeep(b, s, helpdesk.TicketFilter{Viewer: admin}) })
	// Last, because it adds tickets to the data set the lists read.
	b.Run("CreateTicket", func(b *testing.B) { benchCreate(b, s, w) })
}

// benchList times fetching the first page of f.
func benchList(b *testing.B, s helpdesk.Store, f helpdesk.TicketFilter) {
	ctx := context.Background()
	var n int
	for b.Loop() {
		page, err := s.ListTickets(ctx, f)
		if err != nil {
			b.Fatalf("ListTickets: %v", err)
		}
		n = len(page)
	}
	if n != benchPageSize {
		b.Fatalf("ListTickets: got %d rows, want a full page of %d", n, benchPageSize)
	}
}

// benchDeep pages to page benchDeepPage with cursors (untimed), then times
// fetching that page alone: keyset paging should cost what page 1 costs.
func benchDeep(b *testing.B, s helpdesk.Store, f helpdesk.TicketFilter) {
	ctx := context.Background()
	f.Sort, f.Limit = helpdesk.SortUpdatedDesc, benchPageSize
	for page := 1; page < benchDeepPage; page++ {
		rows, err := s.ListTickets(ctx, f)
		if err != nil || len(rows) != benchPageSize {
			b.Fatalf("ListTickets(page %d): %d rows, %v", page, len(rows), err)
		}
		c := helpdesk.CursorFor(f.Sort, rows[len(rows)-1])
		f.After = &c
	}
	benchList(b, s, f)
}

// benchCreate times one ticket plus its audit entry per transaction, the
// shape of the service's CreateTicket.
func benchCreate(b *testing.B, s helpdesk.Store, w *benchWorld) {
	ctx := context.Background()
	r := rand.New(rand.NewPCG(3, 4))
	for b.Loop() {
		tk := w.ticket(r, benchTickets)
		err := s.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
			if err := tx.CreateTicket(ctx, tk); err != nil {
				return err
			}
			return tx.AppendAudit(ctx, &helpdesk.AuditEntry{CreatedAt: tk.CreatedAt, ActorID: &w.admin.ID,
				Action: "ticket.create", TargetType: "ticket", TargetID: fmt.Sprint(tk.ID),
				After: []byte(`{"subject":"Benchmark ticket"}`), IP: "192.0.2.1", RequestID: "bench"})
		})
		if err != nil {
			b.Fatalf("create ticket: %v", err)
		}
	}
}

// seedBench creates the users, teams and tickets in large transactions.
func seedBench(b *testing.B, s helpdesk.Store) *benchWorld {
	ctx := context.Background()
	w := &benchWorld{}
	err := s.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		return w.seedPeople(ctx, tx)
	})
	if err != nil {
		b.Fatalf("seed people: %v", err)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for first := 0; first < benchTickets; first += benchBatch {
		err := s.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
			for i := first; i < first+benchBatch; i++ {
				if err := tx.CreateTicket(ctx, w.ticket(r, i)); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatalf("seed tickets %d..: %v", first, err)
		}
	}
	return w
}

// seedPeople creates the admin, agents (each in one or two teams),
// customers and teams.
func (w *benchWorld) seedPeople(ctx context.Context, tx helpdesk.Tx) error {
	user := func(role helpdesk.Role, i int) (*helpdesk.User, error) {
		u := &helpdesk.User{Email: fmt.Sprintf("%s%d@bench.example", role, i), Name: fmt.Sprintf("%s %d", role, i),
			Role: role, Active: true, CreatedAt: base, UpdatedAt: base}
		return u, tx.CreateUser(ctx, u)
	}
	var err error
	if w.admin, err = user(helpdesk.RoleAdmin, 0); err != nil {
		return err
	}
	for i := range benchTeams {
		t := &helpdesk.Team{Name: fmt.Sprintf("Team %d", i), CreatedAt: base, UpdatedAt: base}
		if err := tx.CreateTeam(ctx, t); err != nil {
			return err
		}
		w.teams = append(w.teams, t)
	}
	for i := range benchAgents {
		u, err := user(helpdesk.RoleAgent, i)
		if err != nil {
			return err
		}
		w.agents = append(w.agents, u)
		for _, team := range []int{i % benchTeams, (i + 3) % benchTeams}[:1+i%2] {
			if err := tx.AddTeamMember(ctx, w.teams[team].ID, u.ID); err != nil {
				return err
			}
		}
	}
	for i := range benchCustomers {
		u, err := user(helpdesk.RoleCustomer, i)
		if err != nil {
			return err
		}
		w.customers = append(w.customers, u)
	}
	return nil
}

// ticket returns the i-th random ticket: created five minutes after the
// previous one, updated up to 30 days later, 70% assigned, 85% in a team,
// with up to three common tags and rarely benchRareTag.
func (w *benchWorld) ticket(r *rand.Rand, i int) *helpdesk.Ticket {
	created := base.Add(-365*24*time.Hour + time.Duration(i)*5*time.Minute)
	tk := &helpdesk.Ticket{
		Subject:     fmt.Sprintf("Benchmark ticket %d", i),
		Status:      helpdesk.Statuses[r.IntN(len(helpdesk.Statuses))],
		Priority:    helpdesk.Priorities[r.IntN(len(helpdesk.Priorities))],
		Type:        helpdesk.TicketTypes[r.IntN(len(helpdesk.TicketTypes))],
		RequesterID: w.customers[r.IntN(len(w.customers))].ID,
		CreatedAt:   created,
		UpdatedAt:   created.Add(time.Duration(r.Int64N(30*24*3600*1e6)) * time.Microsecond),
		Tags:        []string{},
	}
	if r.IntN(100) < 70 {
		tk.AssigneeID = &w.agents[r.IntN(len(w.agents))].ID
	}
	if r.IntN(100) < 85 {
		tk.TeamID = &w.teams[r.IntN(len(w.teams))].ID
	}
	for range r.IntN(4) {
		if tag := benchTags[r.IntN(len(benchTags))]; !slices.Contains(tk.Tags, tag) {
			tk.Tags = append(tk.Tags, tag)
		}
	}
	if r.IntN(500) == 0 {
		tk.Tags = append(tk.Tags, benchRareTag)
	}
	slices.Sort(tk.Tags)
	return tk
}
