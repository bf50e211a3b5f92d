// Package ceiling is the benchmark's yardstick: a plain net/http handler
// that JSON-encodes a page of 50 ticket-shaped rows on every request, as
// fast as the standard library goes on this machine. Every Triage figure
// is also given as a share of its throughput, measured in the same run.
package ceiling

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

type person struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
}

// row has the fields and typical values of a ticket in the list API.
type row struct {
	ID              int64      `json:"id"`
	Subject         string     `json:"subject"`
	Status          string     `json:"status"`
	Priority        string     `json:"priority"`
	Type            string     `json:"type"`
	RequesterID     int64      `json:"requester_id"`
	Requester       person     `json:"requester"`
	AssigneeID      *int64     `json:"assignee_id"`
	Assignee        *person    `json:"assignee"`
	TeamID          *int64     `json:"team_id"`
	Tags            []string   `json:"tags"`
	CreatedAt       time.Time  `json:"created_at"`
	UpdatedAt       time.Time  `json:"updated_at"`
	SolvedAt        *time.Time `json:"solved_at"`
	FirstResponseAt *time.Time `json:"first_response_at"`
}

type page struct {
	Items      []row  `json:"items"`
	NextCursor string `json:"next_cursor"`
}

// newPage returns n rows of plausible tickets.
func newPage(n int) page {
	subjects := []string{"Can't log in after resetting my password", "Charged twice for invoice INV-2026-0412",
		"Where is my order #482913?", "Export to CSV times out on large reports", "Request for a copy of my personal data"}
	statuses := []string{"open", "pending", "new", "solved", "on_hold"}
	base := time.Date(2026, 11, 3, 9, 14, 27, 123456000, time.UTC)
	p := page{NextCursor: "eyJzIjoiLXVwZGF0ZWRfYXQiLCJrIjoxNzkyMjg3NTk5MjgwMjU5LCJpIjoyMjB9.elo5bruyXGLZ2HISxJKaBYJJFkgnnJwVpC5WR8UC8IM"}
	for i := range n {
		id := int64(982_000 + i)
		agent, team := int64(3+i%12), int64(1+i%5)
		created := base.Add(-time.Duration(i) * 37 * time.Hour)
		responded := created.Add(93 * time.Minute)
		p.Items = append(p.Items, row{
			ID: id, Subject: subjects[i%len(subjects)], Status: statuses[i%len(statuses)],
			Priority: "normal", Type: "question",
			RequesterID: 100 + id%5000,
			Requester:   person{ID: 100 + id%5000, Name: "Marco Kowalski", Email: "marco.kowalski@example.net"},
			AssigneeID:  &agent, Assignee: &person{ID: agent, Name: "Mateus Moreau"},
			TeamID: &team, Tags: []string{"account", "email", "login", "password-reset"},
			CreatedAt: created, UpdatedAt: created.Add(20 * time.Hour), FirstResponseAt: &responded,
		})
	}
	return p
}

// Handler answers every request with the JSON page of rows rows,
// encoded afresh each time as an API handler would.
func Handler(rows int) http.Handler {
	p := newPage(rows)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(p)
	})
}

// Serve listens on addr, writes "listening on ADDR" to out, and serves
// Handler(rows) until ctx ends.
func Serve(ctx context.Context, addr string, rows int, out io.Writer) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: Handler(rows), ReadHeaderTimeout: 10 * time.Second}
	fmt.Fprintf(out, "listening on %s\n", ln.Addr())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return srv.Shutdown(sctx)
}
