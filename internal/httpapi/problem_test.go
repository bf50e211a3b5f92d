package httpapi_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/triagehq/triage/internal/httpapi"
)

func TestProblem(t *testing.T) {
	e := newEnv(t)
	e.seedTicket("ticketA", "customerA")
	admin := e.as("admin")

	t.Run("NotFound", func(t *testing.T) {
		r := admin.do("GET", "/api/v1/tickets/999999", nil)
		p := r.problem(t, http.StatusNotFound)
		if p.Type != "urn:triage:problem:not_found" || p.Instance != "/api/v1/tickets/999999" {
			t.Errorf("problem = %+v", p)
		}
		if got := r.Header.Get("X-Request-ID"); got != p.RequestID {
			t.Errorf("X-Request-ID = %q, problem request_id = %q", got, p.RequestID)
		}
	})
	t.Run("InvisibleIsNotFound", func(t *testing.T) {
		r := e.as("customerB").do("GET", "/api/v1/tickets/{ticketA}", nil)
		r.problem(t, http.StatusNotFound)
	})
	t.Run("Unauthenticated", func(t *testing.T) {
		p := e.anon().do("GET", "/api/v1/tickets", nil).problem(t, http.StatusUnauthorized)
		if p.Type != "urn:triage:problem:unauthorized" {
			t.Errorf("type = %q", p.Type)
		}
	})
	t.Run("Forbidden", func(t *testing.T) {
		e.as("customerA").do("GET", "/api/v1/audit", nil).problem(t, http.StatusForbidden)
	})
	t.Run("BadPathID", func(t *testing.T) {
		for _, id := range []string{"0", "-1", "abc", "99999999999999999999", "1.5"} {
			admin.do("GET", "/api/v1/tickets/"+id, nil).problem(t, http.StatusNotFound)
		}
	})
	t.Run("UnknownRoute", func(t *testing.T) {
		admin.do("GET", "/api/v1/nope", nil).problem(t, http.StatusNotFound)
		admin.do("GET", "/api", nil).problem(t, http.StatusNotFound)
	})
	t.Run("MethodNotAllowed", func(t *testing.T) {
		r := admin.do("DELETE", "/api/v1/tickets", nil)
		r.problem(t, http.StatusMethodNotAllowed)
		if allow := r.Header.Get("Allow"); !strings.Contains(allow, "GET") || !strings.Contains(allow, "POST") {
			t.Errorf("Allow = %q", allow)
		}
	})
	t.Run("NoAppIsNotFound", func(t *testing.T) {
		e.anon().do("GET", "/", nil).problem(t, http.StatusNotFound)
	})
	t.Run("Conflict", func(t *testing.T) {
		r := admin.do("POST", "/api/v1/teams", map[string]string{"name": "support"})
		if p := r.problem(t, http.StatusConflict); p.Type != "urn:triage:problem:conflict" {
			t.Errorf("type = %q", p.Type)
		}
	})
}

func TestRequestID(t *testing.T) {
	e := newEnv(t)
	c := e.anon()
	c.Header.Set("X-Request-ID", "abc-DEF_123")
	if got := c.do("GET", "/livez", nil).Header.Get("X-Request-ID"); got != "abc-DEF_123" {
		t.Errorf("sane incoming id: got %q", got)
	}
	for _, bad := range []string{"has space", "semi;colon", strings.Repeat("a", 65), "<script>"} {
		c.Header.Set("X-Request-ID", bad)
		if got := c.do("GET", "/livez", nil).Header.Get("X-Request-ID"); got == bad || got == "" {
			t.Errorf("incoming %q: got %q, want a fresh id", bad, got)
		}
	}
}

func TestHealth(t *testing.T) {
	ready := errors.New("database unreachable: dial tcp 10.0.0.5:5432")
	var fail bool
	e := newEnv(t, func(c *httpapi.Config) {
		c.Ready = func(context.Context) error {
			if fail {
				return ready
			}
			return nil
		}
	})
	if r := e.anon().do("GET", "/livez", nil); r.Status != http.StatusOK {
		t.Errorf("livez = %d", r.Status)
	}
	if r := e.anon().do("GET", "/readyz", nil); r.Status != http.StatusOK {
		t.Errorf("readyz = %d: %s", r.Status, r.Body)
	}
	fail = true
	r := e.anon().do("GET", "/readyz", nil)
	r.problem(t, http.StatusServiceUnavailable)
	if strings.Contains(string(r.Body), "10.0.0.5") {
		t.Errorf("readyz leaks the error: %s", r.Body)
	}
}

func TestReadyDefaultsToService(t *testing.T) {
	e := newEnv(t)
	if r := e.anon().do("GET", "/readyz", nil); r.Status != http.StatusOK {
		t.Errorf("readyz = %d: %s", r.Status, r.Body)
	}
}

// TestInternalErrorHidden breaks the database under a signed-in client: the
// answer is a bare 500 problem, and the real error is logged once with the
// request id.
func TestInternalErrorHidden(t *testing.T) {
	e := newEnv(t)
	c := e.as("agent")
	e.Store.Close()
	c.Header.Set("X-Request-ID", "broken-db-1")
	r := c.do("GET", "/api/v1/tickets", nil)
	p := r.problem(t, http.StatusInternalServerError)
	if p.Detail != "Internal error." || p.Type != "urn:triage:problem:internal" || p.RequestID != "broken-db-1" {
		t.Errorf("problem %+v", p)
	}
	for _, leak := range []string{"sql", "database", "closed"} {
		if strings.Contains(strings.ToLower(string(r.Body)), leak) {
			t.Errorf("response leaks %q: %s", leak, r.Body)
		}
	}
	var n int
	for _, line := range e.Logs.Lines(t) {
		if line["msg"] == "internal error" && line["request_id"] == "broken-db-1" {
			n++
			if line["error"] == "" {
				t.Error("internal error logged without the error")
			}
		}
	}
	if n != 1 {
		t.Errorf("internal error logged %d times, want once:\n%s", n, e.Logs)
	}
}

// TestClientGoneIsNotAnInternalError: a request whose client went away
// fails with context.Canceled somewhere below; that is logged at debug,
// not as an internal error, and answered 499.
func TestClientGoneIsNotAnInternalError(t *testing.T) {
	e := newEnv(t)
	c, _ := e.withToken("admin")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequestWithContext(ctx, "GET", "http://triage.test/api/v1/tickets", nil)
	req.Header.Set("Authorization", "Bearer "+c.bearer)
	rec := httptest.NewRecorder()
	e.Server.Handler().ServeHTTP(rec, req)
	if rec.Code != 499 {
		t.Errorf("status %d, want 499", rec.Code)
	}
	if strings.Contains(e.Logs.String(), "internal error") {
		t.Errorf("a gone client was logged as an internal error: %s", e.Logs.String())
	}
}
