package load_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/bench/internal/load"
)

func TestWords(t *testing.T) {
	got := load.Words("Can't log in to **Acme**: mail marco.kowalski@example.net, see https://x.io/a or v4.2 (again)!")
	want := []string{"can", "t", "log", "in", "to", "acme", "mail", "see", "or", "again"}
	if !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}

func TestPickWords(t *testing.T) {
	// 100 sampled tickets.
	df := map[string]int{
		"the": 97, "order": 52, "invoice": 49, "refund": 6, "carrier": 3,
		"zeppelin": 1, "albatross": 1, "xy": 1, "ab": 50,
	}
	got := load.PickWords(df, 100)
	want := map[string]string{load.Role50: "invoice", load.Role5: "refund", load.RoleRare: "albatross"}
	for role, w := range want {
		if got[role] != w {
			t.Errorf("%s word = %q, want %q (all: %v)", role, got[role], w, got)
		}
	}
	if got := load.PickWords(map[string]int{"ab": 3}, 10); len(got) != 0 {
		t.Errorf("PickWords with no candidate = %v, want none", got)
	}
}

func TestDocFreq(t *testing.T) {
	got := load.DocFreq([]string{"Refund refund please", "no refund", "thanks"})
	if got["refund"] != 2 || got["please"] != 1 || got["thanks"] != 1 {
		t.Errorf("DocFreq = %v", got)
	}
}

// TestRun drives a test server that fails every third request and checks
// that the run counts successes and failures apart, with what failed.
func TestRun(t *testing.T) {
	var n int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "Bearer tok" {
			http.Error(w, "no token", http.StatusUnauthorized)
			return
		}
		if n++; n%3 == 0 {
			w.Header().Set("Content-Type", "application/problem+json")
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, `{"status":400,"detail":"q: unknown query parameter"}`)
			return
		}
		fmt.Fprint(w, `{"items":[]}`)
	}))
	defer srv.Close()
	ws := load.NewWorkers(srv.URL, "tok", 1, 1) // one worker: n needs no lock
	op := func(ctx context.Context, w *load.Worker) error {
		_, err := w.C.Get(ctx, "/tickets?q=x", nil)
		return err
	}
	f := load.Run(context.Background(), "search", op, ws, load.Timing{Warmup: 20 * time.Millisecond, Duration: 200 * time.Millisecond})
	if f.OK == 0 || f.Errors == 0 {
		t.Fatalf("ok %d, errors %d: want both", f.OK, f.Errors)
	}
	if ratio := float64(f.Errors) / float64(f.OK+f.Errors); ratio < 0.3 || ratio > 0.37 {
		t.Errorf("errors are %.2f of requests, want a third", ratio)
	}
	if len(f.ErrKinds) != 1 || f.ErrKinds[0].What != "HTTP 400: q: unknown query parameter" || f.ErrKinds[0].Count != f.Errors {
		t.Errorf("error kinds = %+v", f.ErrKinds)
	}
	if f.RPS <= 0 || f.P50 <= 0 || f.P99 < f.P50 || f.Elapsed != 200*time.Millisecond {
		t.Errorf("figure = %+v", f)
	}
}

func TestErrKind(t *testing.T) {
	c := load.NewClient("http://127.0.0.1:1", "", load.NewTransport(1))
	_, err := c.Get(context.Background(), "/tickets", nil)
	if got := load.ErrKind(err); !strings.HasPrefix(got, "transport: ") || !strings.Contains(got, "refused") {
		t.Errorf("ErrKind = %q, want a transport error", got)
	}
	if got := load.ErrKind(&load.StatusError{Status: 429, Detail: "Too many requests"}); got != "HTTP 429: Too many requests" {
		t.Errorf("ErrKind = %q", got)
	}
	if got := load.ErrKind(errors.New("x")); got != "transport: x" {
		t.Errorf("ErrKind = %q", got)
	}
}
