package seed_test

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/markdown"
	"github.com/triagehq/triage/internal/password"
	"github.com/triagehq/triage/internal/pgtest"
	"github.com/triagehq/triage/internal/postgres"
	"github.com/triagehq/triage/internal/seed"
	"github.com/triagehq/triage/internal/sqlite"
)

var now = time.Date(2026, 3, 14, 15, 9, 26, 535897000, time.UTC)

func mustOpenDB(tb testing.TB) *sqlite.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "seed.db"), sqlite.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	return db
}

func options(tickets int) seed.Options {
	return seed.Options{
		Tickets: tickets, Agents: 4, Customers: 15, Seed: 42, BatchSize: 25,
		Hash:   password.NewHasher(password.DefaultParams).Hash,
		Render: markdown.New().Render,
		Now:    func() time.Time { return now },
	}
}

// Both stores load tickets in bulk.
var (
	_ seed.BulkLoader = (*sqlite.DB)(nil)
	_ seed.BulkLoader = (*postgres.DB)(nil)
)

func TestRun(t *testing.T) {
	checkRun(t, mustOpenDB(t))
}

// TestRun_Store runs the same checks on a store without a BulkLoader,
// which the seed fills through helpdesk.Store.
func TestRun_Store(t *testing.T) {
	checkRun(t, plainStore{mustOpenDB(t)})
}

// plainStore hides the bulk loader of the store it wraps.
type plainStore struct{ helpdesk.Store }

// TestRun_PostgreSQL runs the same checks on PostgreSQL.
func TestRun_PostgreSQL(t *testing.T) {
	ctx := context.Background()
	db, err := postgres.Open(ctx, pgtest.URL(t), postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	checkRun(t, db)
}

func checkRun(t *testing.T, db helpdesk.Store) {
	ctx := context.Background()
	res, err := seed.Run(ctx, db, options(60))
	if err != nil {
		t.Fatal(err)
	}
	if res.Users != 20 || res.Teams != 5 || res.Tickets != 60 || res.Comments < 60 || res.Comments > 660 {
		t.Fatalf("got %+v, want 20 users, 5 teams, 60 tickets, 60-660 comments", res)
	}
	users := allUsers(t, db)
	if len(users) != 20 {
		t.Fatalf("got %d users stored, want 20", len(users))
	}
	tickets := listTickets(t, db, helpdesk.Viewer{Role: helpdesk.RoleAdmin})
	if len(tickets) != 60 {
		t.Fatalf("got %d tickets stored, want 60", len(tickets))
	}
	teams := teamMembers(t, db)
	if len(teams) != 5 {
		t.Fatalf("got %d teams, want 5", len(teams))
	}
	statuses := map[helpdesk.Status]int{}
	for _, tk := range tickets {
		statuses[tk.Status]++
		checkTicket(t, db, tk, users, teams)
	}
	if len(statuses) < 4 {
		t.Errorf("got statuses %v, want a realistic mix", statuses)
	}
	entries, err := db.ListAudit(ctx, helpdesk.AuditFilter{Action: "demo.seed", Limit: 10})
	if err != nil || len(entries) != 1 {
		t.Fatalf("got %d demo.seed audit entries (err %v), want 1", len(entries), err)
	}
}

func TestRun_DemoLogins(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	opts := options(30)
	if _, err := seed.Run(ctx, db, opts); err != nil {
		t.Fatal(err)
	}
	h := password.NewHasher(password.DefaultParams)
	for email, role := range map[string]helpdesk.Role{
		seed.AdminEmail: helpdesk.RoleAdmin, seed.AgentEmail: helpdesk.RoleAgent, seed.CustomerEmail: helpdesk.RoleCustomer,
	} {
		u, err := db.FindUserByEmail(ctx, email)
		if err != nil {
			t.Fatalf("demo login %s: %v", email, err)
		}
		if u.Role != role || !u.Active {
			t.Errorf("%s: got role %s active %v, want %s and active", email, u.Role, u.Active, role)
		}
		if ok, _, err := h.Verify(u.PasswordHash, seed.DemoPassword); !ok || err != nil {
			t.Errorf("%s: the demo password does not verify (err %v)", email, err)
		}
		if err := password.Check(seed.DemoPassword, u.Email, u.Name); err != nil {
			t.Errorf("%s: the demo password breaks the password rules: %v", email, err)
		}
	}
	customer, _ := db.FindUserByEmail(ctx, seed.CustomerEmail)
	own := listTickets(t, db, helpdesk.Viewer{UserID: customer.ID, Role: helpdesk.RoleCustomer})
	if len(own) == 0 {
		t.Error("the demo customer has no tickets to look at")
	}
	agent, _ := db.FindUserByEmail(ctx, seed.AgentEmail)
	if ids, err := db.ListUserTeamIDs(ctx, agent.ID); err != nil || len(ids) != 2 {
		t.Errorf("the demo agent is in teams %v (err %v), want 2 teams", ids, err)
	}
}

func TestRun_Deterministic(t *testing.T) {
	ctx := context.Background()
	subjects := func() []string {
		db := mustOpenDB(t)
		if _, err := seed.Run(ctx, db, options(40)); err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, tk := range listTickets(t, db, helpdesk.Viewer{Role: helpdesk.RoleAdmin}) {
			out = append(out, tk.Subject+"|"+string(tk.Status)+"|"+tk.UpdatedAt.String())
		}
		return out
	}
	if a, b := subjects(), subjects(); !reflect.DeepEqual(a, b) {
		t.Fatalf("two runs with the same seed differ:\n%v\n%v", a, b)
	}
}

func TestRun_SecondRunAddsTickets(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	if _, err := seed.Run(ctx, db, options(20)); err != nil {
		t.Fatal(err)
	}
	opts := options(15)
	opts.Seed = 7
	res, err := seed.Run(ctx, db, opts)
	if err != nil {
		t.Fatal(err)
	}
	if res.Users != 0 || res.Tickets != 15 {
		t.Fatalf("got %+v, want no new users and 15 tickets", res)
	}
	if n := len(listTickets(t, db, helpdesk.Viewer{Role: helpdesk.RoleAdmin})); n != 35 {
		t.Fatalf("got %d tickets, want 35", n)
	}
	opts.IfEmpty = true
	if res, err := seed.Run(ctx, db, opts); err != nil || !res.Skipped {
		t.Fatalf("got %+v, %v; want a skipped run", res, err)
	}
}

func TestRun_ErrNotDemo(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	err := db.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		return tx.CreateUser(ctx, &helpdesk.User{Email: "real@corp.example", Name: "Real Admin",
			Role: helpdesk.RoleAdmin, Active: true, CreatedAt: now, UpdatedAt: now})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seed.Run(ctx, db, options(5)); !errors.Is(err, seed.ErrNotDemo) {
		t.Fatalf("got %v, want ErrNotDemo", err)
	}
	opts := options(5)
	opts.IfEmpty = true
	if res, err := seed.Run(ctx, db, opts); err != nil || !res.Skipped {
		t.Fatalf("IfEmpty: got %+v, %v; want a skipped run", res, err)
	}
	opts = options(5)
	opts.Force = true
	if res, err := seed.Run(ctx, db, opts); err != nil || res.Tickets != 5 {
		t.Fatalf("Force: got %+v, %v; want 5 tickets", res, err)
	}
}

// checkTicket checks that everything a user would see of tk is valid and
// consistent.
func checkTicket(t *testing.T, db helpdesk.Reader, tk *helpdesk.Ticket, users map[int64]*helpdesk.User, teams map[int64][]int64) {
	t.Helper()
	var v helpdesk.Validation
	helpdesk.ValidateSubject(&v, "subject", tk.Subject)
	if tags := helpdesk.NormalizeTags(&v, "tags", tk.Tags); tk.Tags == nil || !slices.Equal(tags, tk.Tags) || len(tags) == 0 {
		t.Errorf("#%d: tags %q are not normalized", tk.ID, tk.Tags)
	}
	if err := v.Err(); err != nil || strings.ContainsAny(tk.Subject, "{}") {
		t.Errorf("#%d: subject %q: %v", tk.ID, tk.Subject, err)
	}
	if !tk.Status.Valid() || !tk.Priority.Valid() || !tk.Type.Valid() {
		t.Errorf("#%d: invalid enum in %+v", tk.ID, tk)
	}
	if u := users[tk.RequesterID]; u == nil || u.Role != helpdesk.RoleCustomer {
		t.Errorf("#%d: requester %d is not a customer", tk.ID, tk.RequesterID)
	}
	if tk.AssigneeID != nil {
		if u := users[*tk.AssigneeID]; u == nil || !u.Role.Staff() {
			t.Errorf("#%d: assignee %d is not staff", tk.ID, *tk.AssigneeID)
		} else if tk.TeamID != nil && !slices.Contains(teams[*tk.TeamID], u.ID) {
			t.Errorf("#%d: assignee %d is not in team %d", tk.ID, u.ID, *tk.TeamID)
		}
	}
	if tk.CreatedAt.Before(now.AddDate(-1, 0, -1)) || tk.UpdatedAt.Before(tk.CreatedAt) || tk.UpdatedAt.After(now) {
		t.Errorf("#%d: created %v updated %v out of order (now %v)", tk.ID, tk.CreatedAt, tk.UpdatedAt, now)
	}
	done := tk.Status == helpdesk.StatusSolved || tk.Status == helpdesk.StatusClosed
	if done != (tk.SolvedAt != nil) {
		t.Errorf("#%d: status %s with solved_at %v", tk.ID, tk.Status, tk.SolvedAt)
	}
	checkComments(t, db, tk, users)
}

func checkComments(t *testing.T, db helpdesk.Reader, tk *helpdesk.Ticket, users map[int64]*helpdesk.User) {
	t.Helper()
	comments, err := db.ListComments(context.Background(), helpdesk.CommentFilter{TicketID: tk.ID, IncludeInternal: true, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if len(comments) < 1 || len(comments) > 11 {
		t.Fatalf("#%d: got %d comments, want 1-11", tk.ID, len(comments))
	}
	if c := comments[0]; c.AuthorID != tk.RequesterID || c.Internal || !c.CreatedAt.Equal(tk.CreatedAt) {
		t.Errorf("#%d: the first comment is not the requester's public message at creation", tk.ID)
	}
	var firstResponse *time.Time
	for i, c := range comments {
		var v helpdesk.Validation
		helpdesk.ValidateBody(&v, "body", c.Body)
		if err := v.Err(); err != nil || strings.ContainsAny(c.Body, "{}") || c.BodyHTML == "" {
			t.Errorf("#%d comment %d: body %q html %q: %v", tk.ID, c.ID, c.Body, c.BodyHTML, err)
		}
		if i > 0 && c.CreatedAt.Before(comments[i-1].CreatedAt) || c.CreatedAt.After(tk.UpdatedAt) {
			t.Errorf("#%d comment %d: at %v out of order", tk.ID, c.ID, c.CreatedAt)
		}
		author := users[c.AuthorID]
		if c.Internal && !author.Role.Staff() {
			t.Errorf("#%d comment %d: internal note by a customer", tk.ID, c.ID)
		}
		if !c.Internal && author.Role.Staff() && firstResponse == nil {
			firstResponse = &c.CreatedAt
		}
	}
	if (firstResponse == nil) != (tk.FirstResponseAt == nil) ||
		(firstResponse != nil && !firstResponse.Equal(*tk.FirstResponseAt)) {
		t.Errorf("#%d: first_response_at %v, want %v", tk.ID, tk.FirstResponseAt, firstResponse)
	}
	if tk.Status == helpdesk.StatusNew && firstResponse != nil {
		t.Errorf("#%d: a new ticket has a public staff reply", tk.ID)
	}
}

func allUsers(t *testing.T, db helpdesk.Reader) map[int64]*helpdesk.User {
	t.Helper()
	out := map[int64]*helpdesk.User{}
	f := helpdesk.UserFilter{Limit: 1000}
	for {
		page, err := db.ListUsers(context.Background(), f)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			return out
		}
		for _, u := range page {
			out[u.ID] = u
		}
		f.AfterID = page[len(page)-1].ID
	}
}

func listTickets(t *testing.T, db helpdesk.Reader, v helpdesk.Viewer) []*helpdesk.Ticket {
	t.Helper()
	tickets, err := db.ListTickets(context.Background(), helpdesk.TicketFilter{Viewer: v, Sort: helpdesk.SortIDAsc, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	return tickets
}

func teamMembers(t *testing.T, db helpdesk.Reader) map[int64][]int64 {
	t.Helper()
	ctx := context.Background()
	teams, err := db.ListTeams(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64][]int64{}
	for _, tm := range teams {
		members, err := db.ListTeamMembers(ctx, tm.ID)
		if err != nil {
			t.Fatal(err)
		}
		out[tm.ID] = []int64{}
		for _, m := range members {
			out[tm.ID] = append(out[tm.ID], m.ID)
		}
	}
	return out
}
