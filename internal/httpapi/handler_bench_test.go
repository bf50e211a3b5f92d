package httpapi_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

// BenchmarkHandlers measures whole requests through the handler (auth,
// store, people lookup, JSON) on SQLite, without the network, to profile
// with -cpuprofile / -memprofile. The bench/ harness measures the server
// over HTTP at scale.
func BenchmarkHandlers(b *testing.B) {
	e := newEnvOn(b, openSQLite(b))
	ctx := context.Background()
	admin := e.principal("admin")
	var last *helpdesk.Ticket
	for i := range 300 {
		req := e.Users["customerA"].ID
		t, err := e.Svc.CreateTicket(ctx, admin, service.NewTicket{
			Subject: fmt.Sprintf("Printer %d jams on tray two", i), Body: "The printer says paper jam every morning.",
			RequesterID: &req, Tags: []string{"hardware", "printer"},
		})
		if err != nil {
			b.Fatal(err)
		}
		last = t
		if _, err := e.Svc.AddComment(ctx, admin, t.ID, "We are sending a technician.", false); err != nil {
			b.Fatal(err)
		}
	}
	c, _ := e.withToken("agent")
	for _, bc := range []struct{ name, path string }{
		{"List", "/api/v1/tickets?limit=50"},
		{"ListFiltered", "/api/v1/tickets?limit=50&status=new&tag=printer"},
		{"Ticket", fmt.Sprintf("/api/v1/tickets/%d", last.ID)},
		{"Comments", fmt.Sprintf("/api/v1/tickets/%d/comments", last.ID)},
		{"Search", "/api/v1/tickets?limit=50&q=technician"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if r := c.do("GET", bc.path, nil); r.Status != http.StatusOK {
					b.Fatalf("%s: %d %s", bc.path, r.Status, r.Body)
				}
			}
		})
	}
}
