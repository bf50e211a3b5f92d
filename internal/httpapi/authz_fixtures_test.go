package httpapi_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/jobs"
	"github.com/triagehq/triage/internal/service"
)

// noteMarker starts the body of every internal note the matrix writes; no
// response to a customer may contain it.
const noteMarker = "INTERNAL-ONLY"

// vars are the values of a path's {placeholders} and a body's variables.
type vars map[string]string

// matrix is the authorization matrix's environment: the fixture cast and
// objects on one engine, and the makers of fresh objects for write cells.
type matrix struct {
	*testEnv
	tb testing.TB
	// fixtures holds the shared objects' ids by placeholder name.
	fixtures vars
	n        int
}

// newMatrix builds the fixtures described above the policy table.
func newMatrix(tb testing.TB, store helpdesk.Store) *matrix {
	tb.Helper()
	m := &matrix{testEnv: newEnvOn(tb, store), tb: tb, fixtures: vars{}}
	ctx := context.Background()
	carol, err := m.Svc.BootstrapUser(ctx, service.NewUser{
		Email: "carol@example.com", Name: "carol", Role: helpdesk.RoleCustomer, Password: password("carol"),
	})
	if err != nil {
		tb.Fatalf("bootstrap carol: %v", err)
	}
	m.Users["carol"] = carol
	m.IDs["otherTeam"] = m.team()
	m.IDs["ticketA"] = m.ticket("A", false)
	m.IDs["ticketB"] = m.ticket("B", false)
	m.IDs["ticketOther"] = m.ticket("Other", false)
	m.IDs["pubA"] = m.comment(m.IDs["ticketA"], "customerA", false)
	m.IDs["noteA"] = m.comment(m.IDs["ticketA"], "agent", true)
	if _, err := m.Svc.EditComment(ctx, m.principal("agent"), m.IDs["ticketA"], m.IDs["noteA"], noteMarker+" note, edited"); err != nil {
		tb.Fatalf("edit noteA: %v", err)
	}
	m.IDs["pubB"] = m.comment(m.IDs["ticketB"], "customerB", false)
	m.IDs["noteB"] = m.comment(m.IDs["ticketB"], "outsider", true)
	m.IDs["noteOther"] = m.comment(m.IDs["ticketOther"], "outsider", true)
	for name, u := range m.Users {
		m.IDs[name] = u.ID
		m.session(name)
		m.token(name)
	}
	for k, v := range m.IDs {
		m.fixtures[k] = itoa(v)
	}
	return m
}

// fail stops the test while fixtures are made.
func (m *matrix) fail(what string, err error) {
	m.tb.Helper()
	if err != nil {
		m.tb.Fatalf("matrix fixture: %s: %v", what, err)
	}
}

// unique returns a number no other call returns, for names and emails.
func (m *matrix) unique() string {
	m.n++
	return strconv.Itoa(m.n)
}

// owner is whose "own" object a fresh object is: the caller, or customerA
// for the anonymous caller, who owns nothing.
func owner(caller string) string {
	if caller == "anonymous" {
		return "customerA"
	}
	return caller
}

// ticket opens a ticket shaped like a fixture ticket: "A" (customerA, team
// Support), "B" (customerB, no team) or "Other" (customerA, otherTeam,
// assigned to outsider). closed opens it closed.
func (m *matrix) ticket(shape string, closed bool) int64 {
	m.tb.Helper()
	in := service.NewTicket{Subject: "Matrix ticket " + shape, Body: "It is on fire."}
	requester, team, other, outsider := m.IDs["customerA"], m.IDs["team"], m.IDs["otherTeam"], m.IDs["outsider"]
	switch shape {
	case "A":
		in.RequesterID, in.TeamID = &requester, &team
	case "B":
		requester = m.IDs["customerB"]
		in.RequesterID = &requester
	case "Other":
		in.RequesterID, in.TeamID, in.AssigneeID = &requester, &other, &outsider
	default:
		m.tb.Fatalf("unknown ticket shape %q", shape)
	}
	if closed {
		in.Status = helpdesk.StatusClosed
	}
	t, err := m.Svc.CreateTicket(context.Background(), m.principal("admin"), in)
	m.fail("create ticket", err)
	return t.ID
}

// comment adds a reply, or an internal note carrying noteMarker.
func (m *matrix) comment(ticketID int64, author string, internal bool) int64 {
	m.tb.Helper()
	body := "A reply by " + author + "."
	if internal {
		body = noteMarker + " note by " + author + ": the customer is on the watch list."
	}
	c, err := m.Svc.AddComment(context.Background(), m.principal(author), ticketID, body, internal)
	m.fail("add comment", err)
	return c.ID
}

// team creates a team with members.
func (m *matrix) team(members ...string) int64 {
	m.tb.Helper()
	ctx, admin := context.Background(), m.principal("admin")
	t, err := m.Svc.CreateTeam(ctx, admin, helpdesk.Team{Name: "Matrix team " + m.unique()})
	m.fail("create team", err)
	for _, name := range members {
		m.fail("add team member", m.Svc.AddTeamMember(ctx, admin, t.ID, m.Users[name].ID))
	}
	return t.ID
}

// Fresh functions of write rows: each makes new objects for one cell and
// returns their placeholders.

func noFresh(*matrix, string) vars { return nil }

func freshTicket(shape string, closed bool) func(*matrix, string) vars {
	return func(m *matrix, _ string) vars {
		return vars{"newTicket": itoa(m.ticket(shape, closed))}
	}
}

func freshComment(shape, author string, internal bool) func(*matrix, string) vars {
	return func(m *matrix, _ string) vars {
		t := m.ticket(shape, false)
		return vars{"newTicket": itoa(t), "newComment": itoa(m.comment(t, author, internal))}
	}
}

func freshTeam(members ...string) func(*matrix, string) vars {
	return func(m *matrix, _ string) vars {
		return vars{"newTeam": itoa(m.team(members...))}
	}
}

func freshUser(m *matrix, _ string) vars {
	u, err := m.Svc.BootstrapUser(context.Background(), service.NewUser{
		Email: "someone-" + m.unique() + "@example.com", Name: "Some One", Role: helpdesk.RoleCustomer,
	})
	m.fail("create user", err)
	return vars{"newUser": itoa(u.ID)}
}

func freshResetToken(m *matrix, caller string) vars {
	v := freshUser(m, caller)
	id, _ := strconv.ParseInt(v["newUser"], 10, 64)
	t, err := m.Svc.IssuePasswordReset(context.Background(), m.principal("admin"), id)
	m.fail("issue password reset", err)
	return vars{"resetToken": t.Token}
}

func (m *matrix) session(name string) vars {
	res, err := m.Svc.Login(context.Background(), m.Users[name].Email, password(name))
	m.fail("login "+name, err)
	return vars{"newSession": res.Session.ID}
}

func freshOwnSession(m *matrix, caller string) vars { return m.session(owner(caller)) }
func freshCarolSession(m *matrix, _ string) vars    { return m.session("carol") }

func (m *matrix) token(name string) vars {
	t, _, err := m.Svc.CreateAPIToken(context.Background(), m.principal(name), "matrix", nil)
	m.fail("create api token", err)
	return vars{"newToken": itoa(t.ID)}
}

func freshOwnToken(m *matrix, caller string) vars { return m.token(owner(caller)) }
func freshCarolToken(m *matrix, _ string) vars    { return m.token("carol") }

// freshNotification gives the agent a new unread notification.
func freshNotification(m *matrix, _ string) vars {
	n := &helpdesk.Notification{UserID: m.Users["agent"].ID, Kind: helpdesk.NotifyAssigned, TicketID: m.IDs["ticketA"],
		DedupeKey: "matrix:" + m.unique(), CreatedAt: time.Now().UTC().Truncate(time.Microsecond)}
	err := m.Store.Update(context.Background(), func(ctx context.Context, tx helpdesk.Tx) error {
		_, err := tx.CreateNotification(ctx, n)
		return err
	})
	m.fail("create notification", err)
	return vars{"newNotification": itoa(n.ID)}
}

// matrixJob is a job no worker runs: the matrix only manages it.
type matrixJob struct {
	N string `json:"n"`
}

func (matrixJob) Kind() string { return "matrix_job" }

// freshJob enqueues a job and returns its id.
func freshJob(m *matrix, _ string) vars {
	err := m.Store.Update(context.Background(), func(ctx context.Context, tx helpdesk.Tx) error {
		return tx.EnqueueJob(ctx, matrixJob{N: m.unique()}, nil)
	})
	m.fail("enqueue job", err)
	list, err := m.Jobs.List(context.Background(), jobs.ListFilter{Limit: 1})
	m.fail("list jobs", err)
	if len(list) == 0 {
		m.tb.Fatal("matrix fixture: the enqueued job is not listed")
	}
	return vars{"newJob": itoa(list[0].ID)}
}
