package httpapi_test

import (
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/httpapi"
)

const allowedOrigin = "https://app.example.com"

func withCORS(c *httpapi.Config) { c.CORSOrigins = []string{allowedOrigin} }

func TestCSRF(t *testing.T) {
	e := newEnv(t, withCORS)
	ticket := map[string]string{"subject": "Hello", "body": "there"}
	for _, tc := range []struct {
		name    string
		headers map[string]string
		status  int
	}{
		{"CrossSite", map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}, http.StatusForbidden},
		{"CrossSiteOldBrowser", map[string]string{"Origin": "https://evil.example"}, http.StatusForbidden},
		{"SameSiteSubdomain", map[string]string{"Origin": "https://evil.triage.test", "Sec-Fetch-Site": "same-site"}, http.StatusForbidden},
		{"SameOrigin", map[string]string{"Origin": "http://triage.test", "Sec-Fetch-Site": "same-origin"}, http.StatusCreated},
		{"SameOriginOldBrowser", map[string]string{"Origin": "http://triage.test"}, http.StatusCreated},
		{"NoOrigin", nil, http.StatusCreated},
		{"AllowListedOrigin", map[string]string{"Origin": allowedOrigin, "Sec-Fetch-Site": "cross-site"}, http.StatusCreated},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := e.as("customerA")
			for k, v := range tc.headers {
				c.Header.Set(k, v)
			}
			r := c.do("POST", "/api/v1/tickets", ticket)
			if tc.status == http.StatusForbidden {
				r.problem(t, http.StatusForbidden)
			} else if r.Status != tc.status {
				t.Fatalf("status = %d, want %d: %s", r.Status, tc.status, r.Body)
			}
		})
	}
	t.Run("LoginCrossSite", func(t *testing.T) {
		c := e.anon()
		c.Header.Set("Sec-Fetch-Site", "cross-site")
		c.Header.Set("Origin", "https://evil.example")
		c.do("POST", "/api/v1/auth/login", map[string]string{"email": "agent@example.com", "password": password("agent")}).problem(t, http.StatusForbidden)
	})
	t.Run("SafeMethodCrossSite", func(t *testing.T) {
		c := e.as("customerA")
		c.Header.Set("Sec-Fetch-Site", "cross-site")
		if r := c.do("GET", "/api/v1/me", nil); r.Status != http.StatusOK {
			t.Errorf("GET cross-site = %d", r.Status)
		}
	})
}

func TestCORS(t *testing.T) {
	e := newEnv(t, withCORS)
	preflight := func(origin string) *response {
		c := e.anon()
		c.Header.Set("Origin", origin)
		c.Header.Set("Access-Control-Request-Method", "PATCH")
		c.Header.Set("Access-Control-Request-Headers", "content-type")
		return c.do("OPTIONS", "/api/v1/tickets/1", nil)
	}
	t.Run("PreflightAllowed", func(t *testing.T) {
		r := preflight(allowedOrigin)
		h := r.Header
		if r.Status != http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != allowedOrigin ||
			h.Get("Access-Control-Allow-Credentials") != "true" || !strings.Contains(h.Get("Access-Control-Allow-Methods"), "PATCH") ||
			!strings.Contains(h.Get("Access-Control-Allow-Headers"), "Content-Type") {
			t.Errorf("preflight: %d %v", r.Status, h)
		}
		if !strings.Contains(strings.Join(h.Values("Vary"), ","), "Origin") {
			t.Errorf("Vary = %v", h.Values("Vary"))
		}
	})
	t.Run("PreflightRefused", func(t *testing.T) {
		for _, o := range []string{"https://evil.example", "https://app.example.com.evil.example", "http://app.example.com", "null"} {
			r := preflight(o)
			r.problem(t, http.StatusForbidden)
			if got := r.Header.Get("Access-Control-Allow-Origin"); got != "" {
				t.Errorf("origin %s: Access-Control-Allow-Origin = %q", o, got)
			}
		}
	})
	t.Run("ActualRequest", func(t *testing.T) {
		c := e.as("agent")
		c.Header.Set("Origin", allowedOrigin)
		r := c.do("GET", "/api/v1/me", nil)
		if r.Header.Get("Access-Control-Allow-Origin") != allowedOrigin || r.Header.Get("Access-Control-Allow-Credentials") != "true" {
			t.Errorf("headers %v", r.Header)
		}
		c.Header.Set("Origin", "https://evil.example")
		r = c.do("GET", "/api/v1/me", nil)
		if got := r.Header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("unlisted origin got Access-Control-Allow-Origin %q", got)
		}
	})
	t.Run("NeverWildcard", func(t *testing.T) {
		w := newEnv(t, func(c *httpapi.Config) { c.CORSOrigins = []string{"*"} })
		c := w.anon()
		c.Header.Set("Origin", "https://evil.example")
		if got := c.do("GET", "/livez", nil).Header.Get("Access-Control-Allow-Origin"); got != "" {
			t.Errorf("wildcard config: Access-Control-Allow-Origin = %q", got)
		}
	})
}

func TestSecurityHeaders(t *testing.T) {
	app := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write([]byte("<!doctype html><title>Triage</title>"))
	})
	e := newEnv(t, func(c *httpapi.Config) { c.App = app; c.TLS = true })
	common := map[string]string{
		"X-Content-Type-Options":    "nosniff",
		"Referrer-Policy":           "strict-origin-when-cross-origin",
		"X-Frame-Options":           "DENY",
		"Strict-Transport-Security": "max-age=63072000; includeSubDomains",
	}
	check := func(t *testing.T, r *response, want map[string]string) {
		t.Helper()
		for k, v := range common {
			if got := r.Header.Get(k); got != v {
				t.Errorf("%s = %q, want %q", k, got, v)
			}
		}
		for k, v := range want {
			if got := r.Header.Get(k); got != v {
				t.Errorf("%s = %q, want %q", k, got, v)
			}
		}
	}
	t.Run("API", func(t *testing.T) {
		check(t, e.as("agent").do("GET", "/api/v1/me", nil), map[string]string{
			"Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
			"Cache-Control":           "no-store",
			"Content-Type":            "application/json",
		})
	})
	t.Run("Problem", func(t *testing.T) {
		check(t, e.anon().do("GET", "/api/v1/me", nil), map[string]string{"Cache-Control": "no-store"})
	})
	t.Run("HTML", func(t *testing.T) {
		r := e.anon().do("GET", "/tickets/42", nil)
		check(t, r, map[string]string{"Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"})
		if string(r.Body) != "<!doctype html><title>Triage</title>" {
			t.Errorf("app body %q", r.Body)
		}
	})
}

func TestRateLimit(t *testing.T) {
	e := newEnv(t, func(c *httpapi.Config) {
		c.RateLimits.LoginPerIP = httpapi.Rate{Events: 3, Per: time.Hour}
		c.RateLimits.LoginPerAccount = httpapi.Rate{Events: 2, Per: time.Hour}
		c.RateLimits.ResetPerAccount = httpapi.Rate{Events: 1, Per: time.Hour}
	})
	login := func(ip, email string) *response {
		c := e.anon()
		c.RemoteAddr = ip + ":5000"
		return c.do("POST", "/api/v1/auth/login", map[string]string{"email": email, "password": "not the password at all"})
	}
	t.Run("PerAccount", func(t *testing.T) {
		login("198.51.100.1", "agent@example.com").problem(t, http.StatusUnauthorized)
		login("198.51.100.2", "AGENT@example.com").problem(t, http.StatusUnauthorized)
		r := login("198.51.100.3", "agent@example.com")
		r.problem(t, http.StatusTooManyRequests)
		secs, err := strconv.Atoi(r.Header.Get("Retry-After"))
		if err != nil || secs < 1 || secs > 3600 {
			t.Errorf("Retry-After = %q", r.Header.Get("Retry-After"))
		}
	})
	t.Run("PerIP", func(t *testing.T) {
		for i := range 3 {
			login("198.51.100.9", "user"+strconv.Itoa(i)+"@example.com").problem(t, http.StatusUnauthorized)
		}
		login("198.51.100.9", "other@example.com").problem(t, http.StatusTooManyRequests)
		login("198.51.100.10", "other@example.com").problem(t, http.StatusUnauthorized)
	})
	t.Run("ResetPerAccount", func(t *testing.T) {
		c := e.anon()
		if r := c.do("POST", "/api/v1/auth/password-reset", map[string]string{"email": "agent@example.com"}); r.Status != http.StatusAccepted {
			t.Fatalf("first reset: %d", r.Status)
		}
		c.do("POST", "/api/v1/auth/password-reset", map[string]string{"email": "agent@example.com"}).problem(t, http.StatusTooManyRequests)
	})
}

func TestGeneralRateLimit(t *testing.T) {
	e := newEnv(t, func(c *httpapi.Config) { c.RateLimits.General = httpapi.Rate{Events: 2, Per: time.Minute} })
	c := e.anon()
	for range 2 {
		if r := c.do("GET", "/livez", nil); r.Status != http.StatusOK {
			t.Fatalf("status %d", r.Status)
		}
	}
	r := c.do("GET", "/livez", nil)
	r.problem(t, http.StatusTooManyRequests)
	if r.Header.Get("Retry-After") == "" {
		t.Error("no Retry-After")
	}
	other := e.anon()
	other.RemoteAddr = "203.0.113.77:1"
	if r := other.do("GET", "/livez", nil); r.Status != http.StatusOK {
		t.Errorf("another client is limited too: %d", r.Status)
	}
}

func TestMemoryLimiter(t *testing.T) {
	l := httpapi.NewMemoryLimiter(httpapi.Rate{Events: 2, Per: time.Minute}, 10)
	defer l.Close()
	for i := range 2 {
		if ok, _ := l.Allow("k"); !ok {
			t.Fatalf("event %d refused", i)
		}
	}
	ok, wait := l.Allow("k")
	if ok || wait <= 0 || wait > 30*time.Second {
		t.Errorf("third event: ok %v, wait %v", ok, wait)
	}
	// Many keys stay within the bound without refusing fresh ones.
	for i := range 1000 {
		if ok, _ := l.Allow("key-" + strconv.Itoa(i)); !ok {
			t.Fatalf("fresh key %d refused", i)
		}
	}
}

// TestMemoryLimiterConcurrent checks the bucket is shared correctly: of
// many concurrent events on one key, exactly the burst gets through.
func TestMemoryLimiterConcurrent(t *testing.T) {
	l := httpapi.NewMemoryLimiter(httpapi.Rate{Events: 50, Per: time.Hour}, 100)
	defer l.Close()
	var (
		wg      sync.WaitGroup
		allowed atomic.Int64
	)
	for range 8 {
		wg.Go(func() {
			for range 100 {
				if ok, _ := l.Allow("shared"); ok {
					allowed.Add(1)
				}
			}
		})
	}
	wg.Wait()
	if n := allowed.Load(); n != 50 {
		t.Errorf("allowed %d events, want 50", n)
	}
}

func TestForwardedFor(t *testing.T) {
	e := newEnv(t, func(c *httpapi.Config) {
		c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	})
	sessionIP := func(remote, xff string) string {
		t.Helper()
		c := e.anon()
		c.RemoteAddr = remote
		if xff != "" {
			c.Header.Set("X-Forwarded-For", xff)
		}
		r := c.do("POST", "/api/v1/auth/login", map[string]string{"email": "agent@example.com", "password": password("agent")})
		if r.Status != http.StatusOK {
			t.Fatalf("login: %d %s", r.Status, r.Body)
		}
		var s struct {
			Items []struct {
				IP      string `json:"ip"`
				Current bool   `json:"current"`
			} `json:"items"`
		}
		c.do("GET", "/api/v1/me/sessions", nil).decode(t, &s)
		for _, it := range s.Items {
			if it.Current {
				return it.IP
			}
		}
		t.Fatal("no current session")
		return ""
	}
	for _, tc := range []struct{ name, remote, xff, want string }{
		{"Untrusted", "198.51.100.5:1234", "203.0.113.9", "198.51.100.5"},
		{"TrustedProxy", "10.0.0.1:1234", "203.0.113.9", "203.0.113.9"},
		{"ChainOfProxies", "10.0.0.1:1234", "203.0.113.9, 10.1.2.3", "203.0.113.9"},
		{"SpoofedLeftmost", "10.0.0.1:1234", "1.1.1.1, 203.0.113.9", "203.0.113.9"},
		{"Garbage", "10.0.0.1:1234", "203.0.113.9, not-an-ip", "10.0.0.1"},
		{"OnlyProxies", "10.0.0.1:1234", "10.9.9.9", "10.9.9.9"},
		{"IPv6Peer", "[2001:db8::1]:443", "203.0.113.9", "2001:db8::1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := sessionIP(tc.remote, tc.xff); got != tc.want {
				t.Errorf("ip = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestPanicRecovery(t *testing.T) {
	app := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		panic("secret internal state: db password hunter2")
	})
	e := newEnv(t, func(c *httpapi.Config) { c.App = app })
	c := e.anon()
	c.Header.Set("X-Request-ID", "boom-req-1")
	r := c.do("GET", "/explode", nil)
	p := r.problem(t, http.StatusInternalServerError)
	if p.Detail != "Internal error." || p.RequestID != "boom-req-1" {
		t.Errorf("problem %+v", p)
	}
	for _, leak := range []string{"hunter2", "goroutine", ".go:", "panic"} {
		if strings.Contains(string(r.Body), leak) {
			t.Errorf("response leaks %q: %s", leak, r.Body)
		}
	}
	var logged bool
	for _, line := range e.Logs.Lines(t) {
		if line["msg"] == "panic" && line["request_id"] == "boom-req-1" && strings.Contains(line["stack"].(string), "goroutine") {
			logged = true
		}
	}
	if !logged {
		t.Errorf("panic not logged with request id and stack:\n%s", e.Logs)
	}
}

func TestAccessLog(t *testing.T) {
	e := newEnv(t)
	c := e.as("agent")
	c.Header.Set("X-Request-ID", "log-req-1")
	c.do("GET", "/api/v1/tickets?limit=5", nil)
	for _, line := range e.Logs.Lines(t) {
		if line["msg"] != "request" || line["request_id"] != "log-req-1" {
			continue
		}
		if line["route"] != "GET /api/v1/tickets" || line["status"] != float64(200) || line["method"] != "GET" ||
			line["user_id"] != float64(e.IDs["agent"]) || line["ip"] != "192.0.2.10" {
			t.Errorf("log line %v", line)
		}
		if _, ok := line["latency_ms"]; !ok {
			t.Error("no latency_ms")
		}
		return
	}
	t.Errorf("no access log line:\n%s", e.Logs)
}

// TestLogsHoldNoSecrets drives every credential-bearing route and checks
// that no password, token or cookie value reaches the log.
func TestLogsHoldNoSecrets(t *testing.T) {
	e := newEnv(t)
	secrets := []string{password("agent"), password("customerA"), "wrong-but-secret-guess-123", "new secret passphrase 42"}
	c := e.as("agent")
	secrets = append(secrets, c.cookie("triage_access"), c.cookie("triage_refresh"))
	e.anon().do("POST", "/api/v1/auth/login", map[string]string{"email": "agent@example.com", "password": "wrong-but-secret-guess-123"})
	c.do("POST", "/api/v1/auth/refresh", nil)
	secrets = append(secrets, c.cookie("triage_access"), c.cookie("triage_refresh"))

	var tok struct {
		Token string `json:"token"`
	}
	c.do("POST", "/api/v1/me/tokens", map[string]string{"name": "ci"}).decode(t, &tok)
	secrets = append(secrets, tok.Token)
	bearer := e.anon()
	bearer.bearer = tok.Token
	bearer.do("GET", "/api/v1/tickets", nil)
	bearer.bearer = tok.Token + "wrong"
	bearer.do("GET", "/api/v1/tickets", nil)

	e.anon().do("POST", "/api/v1/auth/password-reset", map[string]string{"email": "customerA@example.com"})
	var link struct {
		ResetURL string `json:"reset_url"`
	}
	e.as("admin").do("POST", "/api/v1/users/{customerA}/password-reset", nil).decode(t, &link)
	token := link.ResetURL[strings.Index(link.ResetURL, "token=")+len("token="):]
	secrets = append(secrets, token)
	e.anon().do("POST", "/api/v1/auth/password-reset/confirm", map[string]string{"token": token, "password": "new secret passphrase 42"})
	c.do("POST", "/api/v1/auth/logout", nil)

	logs := e.Logs.String()
	if !strings.Contains(logs, `"msg":"request"`) {
		t.Fatal("nothing logged")
	}
	for _, s := range secrets {
		if s == "" {
			t.Fatal("a secret was not captured")
		}
		if strings.Contains(logs, s) {
			t.Errorf("log contains secret %q", s)
		}
	}
	for _, word := range []string{"triage_access", "triage_refresh", "Authorization", "Cookie"} {
		if strings.Contains(logs, word) {
			t.Errorf("log mentions %q", word)
		}
	}
}
