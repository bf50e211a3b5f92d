package httpapi_test

import (
	"net/http"
	"slices"
	"strconv"
	"testing"
)

// bulkRaisePriority is the body of the bulk rows of the authorization
// policy: raise the priority of the cell's fresh ticket.
func bulkRaisePriority(v vars) any {
	id, _ := strconv.ParseInt(v["newTicket"], 10, 64)
	return map[string]any{"ids": []int64{id}, "update": map[string]string{"priority": "high"}}
}

// checkBulkItem checks the one item of a bulk answer got the status item
// gives for the caller: 200 with the ticket, or the problem's status.
func checkBulkItem(item want) func(tb testing.TB, m *matrix, caller string, r *response) {
	return func(tb testing.TB, m *matrix, caller string, r *response) {
		tb.Helper()
		var out struct {
			Items []struct {
				Ticket map[string]any `json:"ticket"`
				Error  *struct {
					Status int `json:"status"`
				} `json:"error"`
			} `json:"items"`
		}
		r.decode(tb, &out)
		if len(out.Items) != 1 {
			tb.Fatalf("as %s: %d items, want 1: %s", caller, len(out.Items), r.Body)
		}
		got := http.StatusOK
		if it := out.Items[0]; it.Error != nil {
			got = it.Error.Status
		} else if it.Ticket == nil {
			tb.Fatalf("as %s: item with neither ticket nor error: %s", caller, r.Body)
		}
		if w := item[slices.Index(callerNames[:], caller)]; got != w {
			tb.Errorf("as %s: bulk item status %d, want %d: %s", caller, got, w, r.Body)
		}
	}
}
