package httpapi_test

import (
	"net/http"
	"testing"
)

// TestTicketVisibility runs one route's row of the visibility policy on
// every engine through the scenario table helpers; the full authorization
// matrix builds on the same helpers.
func TestTicketVisibility(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng.name, func(t *testing.T) {
			e := newEnvOn(t, eng.open(t))
			e.seedTicket("ticketA", "customerA")
			e.run(t, []scenario{
				{Name: "Anonymous", As: "anonymous", Method: "GET", Path: "/api/v1/tickets/{ticketA}", Status: http.StatusUnauthorized},
				{Name: "Requester", As: "customerA", Method: "GET", Path: "/api/v1/tickets/{ticketA}", Status: http.StatusOK},
				{Name: "OtherCustomer", As: "customerB", Method: "GET", Path: "/api/v1/tickets/{ticketA}", Status: http.StatusNotFound},
				{Name: "AgentInTeam", As: "agent", Method: "GET", Path: "/api/v1/tickets/{ticketA}", Status: http.StatusOK},
				{Name: "AgentOutsideTeam", As: "outsider", Method: "GET", Path: "/api/v1/tickets/{ticketA}", Status: http.StatusNotFound},
				{Name: "Admin", As: "admin", Method: "GET", Path: "/api/v1/tickets/{ticketA}", Status: http.StatusOK,
					Check: func(tb testing.TB, e *testEnv, r *response) {
						var tk struct {
							ID int64 `json:"id"`
						}
						r.decode(tb, &tk)
						if tk.ID != e.IDs["ticketA"] {
							tb.Errorf("id = %d, want %d", tk.ID, e.IDs["ticketA"])
						}
					}},
				{Name: "CustomerCannotAssign", As: "customerA", Method: "PATCH", Path: "/api/v1/tickets/{ticketA}",
					Body: map[string]any{"assignee_id": e.IDs["agent"]}, Status: http.StatusForbidden},
				{Name: "CustomerSolvesOwn", As: "customerA", Method: "PATCH", Path: "/api/v1/tickets/{ticketA}",
					Body: map[string]any{"status": "solved"}, Status: http.StatusOK},
			})
		})
	}
}
