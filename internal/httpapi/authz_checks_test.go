package httpapi_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

// Checks of successful matrix responses: not only whether a caller gets an
// answer, but that the answer holds only what the caller may see.

// checkIsSelf checks a user answer is the caller.
func checkIsSelf(tb testing.TB, m *matrix, caller string, r *response) {
	var u struct {
		ID int64 `json:"id"`
	}
	r.decode(tb, &u)
	if u.ID != m.Users[caller].ID {
		tb.Errorf("as %s: got user %d, want %d", caller, u.ID, m.Users[caller].ID)
	}
}

// checkOwnItems checks a sessions or tokens list holds the caller's own
// and nothing else. Every fixture user has a session and a token, so the
// list is never empty and others' items are there to leak.
func checkOwnItems(tb testing.TB, m *matrix, caller string, r *response) {
	var pg struct {
		Items []struct {
			UserID int64 `json:"user_id"`
		} `json:"items"`
	}
	r.decode(tb, &pg)
	if len(pg.Items) == 0 {
		tb.Errorf("as %s: empty list", caller)
	}
	for _, it := range pg.Items {
		if it.UserID != m.Users[caller].ID {
			tb.Errorf("as %s: list holds an item of user %d: %s", caller, it.UserID, r.Body)
		}
	}
}

// checkTicketList checks the ticket list shows a caller exactly the fixture
// tickets the policy lets them open: a ticket is listed if and only if
// GET /tickets/{id} answers 200.
func checkTicketList(tb testing.TB, m *matrix, caller string, r *response) {
	col := slices.Index(callerNames[:], caller)
	var want, got []int64
	fixtures := map[int64]bool{}
	for _, row := range policyRows() {
		if row.Route != "GET /api/v1/tickets/{id}" || row.Fresh != nil {
			continue
		}
		key := strings.Trim(strings.TrimPrefix(row.Path, "/api/v1/tickets/"), "{}")
		id := m.IDs[key]
		fixtures[id] = true
		if row.Want[col] == ok {
			want = append(want, id)
		}
	}
	var pg struct {
		Items []struct {
			ID int64 `json:"id"`
		} `json:"items"`
	}
	r.decode(tb, &pg)
	for _, it := range pg.Items {
		if fixtures[it.ID] {
			got = append(got, it.ID)
		}
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		tb.Errorf("as %s: listed fixture tickets %v, want %v", caller, got, want)
	}
}

// checkComments checks a comment list is not empty, and shows staff the
// ticket's internal note: the proof that the customers' lists, which must
// never hold one, were not empty by accident.
func checkComments(ticket string) func(tb testing.TB, m *matrix, caller string, r *response) {
	return func(tb testing.TB, m *matrix, caller string, r *response) {
		var pg struct {
			Items []struct {
				TicketID int64 `json:"ticket_id"`
				Internal bool  `json:"internal"`
			} `json:"items"`
		}
		r.decode(tb, &pg)
		if len(pg.Items) == 0 {
			tb.Errorf("as %s: no comments on %s, want the first message at least", caller, ticket)
		}
		for _, it := range pg.Items {
			if it.TicketID != m.IDs[ticket] {
				tb.Errorf("as %s: comment of ticket %d listed on %s", caller, it.TicketID, ticket)
			}
		}
		staff := caller == "agent" || caller == "outsider" || caller == "admin"
		if staff && !bytes.Contains(r.Body, []byte(noteMarker)) {
			tb.Errorf("as %s: the internal note on %s is missing for staff: %s", caller, ticket, r.Body)
		}
	}
}
