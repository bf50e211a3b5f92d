package ceiling_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/triagehq/triage/bench/internal/ceiling"
)

// TestHandlerSize keeps the yardstick comparable to a 50-row list page of
// the real API, which is about 24 KB of JSON.
func TestHandlerSize(t *testing.T) {
	rec := httptest.NewRecorder()
	ceiling.Handler(50).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	var p struct {
		Items []map[string]any `json:"items"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 50 {
		t.Errorf("got %d rows, want 50", len(p.Items))
	}
	if n := rec.Body.Len(); n < 20_000 || n > 30_000 {
		t.Errorf("body is %d bytes, want 20-30 KB like a list page", n)
	}
}
