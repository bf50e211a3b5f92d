package httpapi_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/httpapi"
)

func findCookie(r *response, name string) *http.Cookie {
	for _, c := range r.Cookies {
		if c.Name == name {
			return c
		}
	}
	return nil
}

func TestLoginCookies(t *testing.T) {
	for _, tc := range []struct {
		name   string
		cfg    func(*httpapi.Config)
		secure bool
	}{
		{"Plain", func(c *httpapi.Config) {}, false},
		{"TLS", func(c *httpapi.Config) { c.TLS = true }, true},
		{"HTTPSBaseURL", func(c *httpapi.Config) { c.BaseURL = "https://help.example.com" }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, tc.cfg)
			r := e.anon().do("POST", "/api/v1/auth/login", map[string]string{"email": "agent@example.com", "password": password("agent")})
			if r.Status != http.StatusOK {
				t.Fatalf("login: %d %s", r.Status, r.Body)
			}
			var body struct {
				User struct {
					Email string `json:"email"`
				} `json:"user"`
				ExpiresAt time.Time `json:"expires_at"`
			}
			r.decode(t, &body)
			if body.User.Email != "agent@example.com" || body.ExpiresAt.IsZero() {
				t.Errorf("body %s", r.Body)
			}
			for _, want := range []struct {
				name, path string
				minAge     int
			}{{"triage_access", "/", 60}, {"triage_refresh", "/api/v1/auth", 24 * 3600}} {
				c := findCookie(r, want.name)
				if c == nil {
					t.Fatalf("no %s cookie", want.name)
				}
				if !c.HttpOnly || c.SameSite != http.SameSiteLaxMode || c.Path != want.path || c.Secure != tc.secure || c.MaxAge < want.minAge {
					t.Errorf("%s = %+v", want.name, c)
				}
			}
			hsts := r.Header.Get("Strict-Transport-Security")
			if (hsts != "") != tc.secure {
				t.Errorf("Strict-Transport-Security = %q with TLS %v", hsts, tc.secure)
			}
		})
	}
}

func TestLoginFailure(t *testing.T) {
	e := newEnv(t)
	for _, body := range []map[string]string{
		{"email": "agent@example.com", "password": "wrong password entirely"},
		{"email": "nobody@example.com", "password": password("agent")},
	} {
		r := e.anon().do("POST", "/api/v1/auth/login", body)
		p := r.problem(t, http.StatusUnauthorized)
		if p.Detail != "Invalid email or password." || len(r.Cookies) != 0 {
			t.Errorf("problem %+v, cookies %v", p, r.Cookies)
		}
	}
}

func TestLogoutRevokesOldCookie(t *testing.T) {
	e := newEnv(t)
	c := e.as("agent")
	stolen := c.cookie("triage_access")
	if r := c.do("GET", "/api/v1/me", nil); r.Status != http.StatusOK {
		t.Fatalf("me: %d", r.Status)
	}
	r := c.do("POST", "/api/v1/auth/logout", nil)
	if r.Status != http.StatusNoContent {
		t.Fatalf("logout: %d %s", r.Status, r.Body)
	}
	for _, name := range []string{"triage_access", "triage_refresh"} {
		if ck := findCookie(r, name); ck == nil || ck.MaxAge >= 0 {
			t.Errorf("logout does not clear %s: %+v", name, ck)
		}
	}
	replay := e.anon()
	replay.cookies = []*http.Cookie{{Name: "triage_access", Value: stolen}}
	replay.do("GET", "/api/v1/me", nil).problem(t, http.StatusUnauthorized)
	// Logging out without a session still succeeds, so clients can clean up.
	if r := e.anon().do("POST", "/api/v1/auth/logout", nil); r.Status != http.StatusNoContent {
		t.Errorf("anonymous logout: %d", r.Status)
	}
}

func TestLogoutWithOnlyRefreshCookie(t *testing.T) {
	e := newEnv(t)
	c := e.as("agent")
	access, refresh := c.cookie("triage_access"), c.cookie("triage_refresh")
	expired := e.anon()
	expired.cookies = []*http.Cookie{{Name: "triage_refresh", Value: refresh}}
	if r := expired.do("POST", "/api/v1/auth/logout", nil); r.Status != http.StatusNoContent {
		t.Fatalf("logout: %d %s", r.Status, r.Body)
	}
	replay := e.anon()
	replay.cookies = []*http.Cookie{{Name: "triage_access", Value: access}}
	replay.do("GET", "/api/v1/me", nil).problem(t, http.StatusUnauthorized)
	replay.cookies = []*http.Cookie{{Name: "triage_refresh", Value: refresh}}
	replay.do("POST", "/api/v1/auth/refresh", nil).problem(t, http.StatusUnauthorized)
}

func TestRefresh(t *testing.T) {
	e := newEnv(t)
	c := e.as("customerA")
	oldRefresh := c.cookie("triage_refresh")
	r := c.do("POST", "/api/v1/auth/refresh", nil)
	if r.Status != http.StatusOK || findCookie(r, "triage_access") == nil {
		t.Fatalf("refresh: %d %s", r.Status, r.Body)
	}
	if c.cookie("triage_refresh") == oldRefresh {
		t.Error("refresh token was not rotated")
	}
	if r := c.do("GET", "/api/v1/me", nil); r.Status != http.StatusOK {
		t.Errorf("me after refresh: %d", r.Status)
	}
	// Reusing the old refresh token is refused and clears the cookies.
	thief := e.anon()
	thief.cookies = []*http.Cookie{{Name: "triage_refresh", Value: oldRefresh}}
	r = thief.do("POST", "/api/v1/auth/refresh", nil)
	r.problem(t, http.StatusUnauthorized)
	if ck := findCookie(r, "triage_refresh"); ck == nil || ck.MaxAge >= 0 {
		t.Error("refused refresh does not clear the cookie")
	}
	e.anon().do("POST", "/api/v1/auth/refresh", nil).problem(t, http.StatusUnauthorized)
}

func TestBearerToken(t *testing.T) {
	e := newEnv(t)
	c, secret := e.withToken("agent")
	if !strings.HasPrefix(secret, "trg_") {
		t.Fatalf("token %q", secret)
	}
	if r := c.do("GET", "/api/v1/me", nil); r.Status != http.StatusOK {
		t.Fatalf("me with token: %d %s", r.Status, r.Body)
	}
	c.bearer = secret + "x"
	c.do("GET", "/api/v1/me", nil).problem(t, http.StatusUnauthorized)
	c.bearer = ""
	c.Header.Set("Authorization", "Basic YWdlbnQ6cGFzcw==")
	c.do("GET", "/api/v1/me", nil).problem(t, http.StatusUnauthorized)
}

func TestAPITokens(t *testing.T) {
	e := newEnv(t)
	c := e.as("agent")
	r := c.do("POST", "/api/v1/me/tokens", map[string]string{"name": "ci"})
	if r.Status != http.StatusCreated {
		t.Fatalf("create: %d %s", r.Status, r.Body)
	}
	var tok struct {
		ID    int64  `json:"id"`
		Token string `json:"token"`
	}
	r.decode(t, &tok)
	if !strings.HasPrefix(tok.Token, "trg_") {
		t.Fatalf("token %s", r.Body)
	}
	r = c.do("GET", "/api/v1/me/tokens", nil)
	if r.Status != http.StatusOK || strings.Contains(string(r.Body), tok.Token) {
		t.Errorf("list shows the secret or fails: %d %s", r.Status, r.Body)
	}
	bearer := e.anon()
	bearer.bearer = tok.Token
	if r := bearer.do("GET", "/api/v1/me", nil); r.Status != http.StatusOK {
		t.Fatalf("use token: %d", r.Status)
	}
	e.IDs["tok"] = tok.ID
	if r := c.do("DELETE", "/api/v1/me/tokens/{tok}", nil); r.Status != http.StatusNoContent {
		t.Fatalf("revoke: %d %s", r.Status, r.Body)
	}
	bearer.do("GET", "/api/v1/me", nil).problem(t, http.StatusUnauthorized)
}

func TestRegister(t *testing.T) {
	e := newEnv(t)
	body := map[string]string{"email": "new@example.com", "name": "New", "password": "a long enough passphrase 7"}
	r := e.anon().do("POST", "/api/v1/auth/register", body)
	if r.Status != http.StatusCreated || findCookie(r, "triage_access") == nil {
		t.Fatalf("register: %d %s", r.Status, r.Body)
	}
	if !strings.Contains(string(r.Body), `"role":"customer"`) {
		t.Errorf("role: %s", r.Body)
	}
	withRole := map[string]string{"email": "evil@example.com", "name": "Evil", "password": "a long enough passphrase 7", "role": "admin"}
	e.anon().do("POST", "/api/v1/auth/register", withRole).fieldError(t, "role")

	off := newEnv(t, func(c *httpapi.Config) { c.Registration = false })
	p := off.anon().do("POST", "/api/v1/auth/register", body).problem(t, http.StatusForbidden)
	if p.Type != "urn:triage:problem:unavailable" {
		t.Errorf("type %q", p.Type)
	}
}

func TestPasswordReset(t *testing.T) {
	e := newEnv(t)
	for _, email := range []string{"customerA@example.com", "nobody@example.com"} {
		r := e.anon().do("POST", "/api/v1/auth/password-reset", map[string]string{"email": email})
		if r.Status != http.StatusAccepted || len(r.Body) != 0 {
			t.Errorf("reset for %s: %d %s", email, r.Status, r.Body)
		}
	}
	if n := strings.Count(e.Logs.String(), `"msg":"password reset requested"`); n != 1 {
		t.Errorf("%d reset log lines, want 1:\n%s", n, e.Logs)
	}

	// An admin issues a link; the token in it sets a new password once.
	admin := e.as("admin")
	r := admin.do("POST", "/api/v1/users/{customerB}/password-reset", nil)
	var link struct {
		ResetURL  string    `json:"reset_url"`
		ExpiresAt time.Time `json:"expires_at"`
	}
	r.decode(t, &link)
	token, ok := strings.CutPrefix(link.ResetURL, "http://triage.test/reset-password?token=")
	if r.Status != http.StatusCreated || !ok || link.ExpiresAt.IsZero() {
		t.Fatalf("issue: %d %s", r.Status, r.Body)
	}
	confirm := map[string]string{"token": token, "password": "a brand new passphrase 9"}
	if r := e.anon().do("POST", "/api/v1/auth/password-reset/confirm", confirm); r.Status != http.StatusNoContent {
		t.Fatalf("confirm: %d %s", r.Status, r.Body)
	}
	e.anon().do("POST", "/api/v1/auth/password-reset/confirm", confirm).problem(t, http.StatusBadRequest)
	login := map[string]string{"email": "customerb@example.com", "password": "a brand new passphrase 9"}
	if r := e.anon().do("POST", "/api/v1/auth/login", login); r.Status != http.StatusOK {
		t.Errorf("login with new password: %d %s", r.Status, r.Body)
	}
	e.as("agent").do("POST", "/api/v1/users/{customerB}/password-reset", nil).problem(t, http.StatusForbidden)
}

func TestMe(t *testing.T) {
	e := newEnv(t)
	c := e.as("customerA")
	r := c.do("PATCH", "/api/v1/me", map[string]string{"name": "Alice", "time_zone": "Europe/Paris"})
	if r.Status != http.StatusOK || !strings.Contains(string(r.Body), `"name":"Alice"`) {
		t.Fatalf("patch me: %d %s", r.Status, r.Body)
	}
	c.do("PATCH", "/api/v1/me", map[string]string{"role": "admin"}).fieldError(t, "role")
	c.do("PATCH", "/api/v1/me", `{"name": null}`).fieldError(t, "name")

	r = c.do("GET", "/api/v1/me/sessions", nil)
	var sessions struct {
		Items []struct {
			ID      string `json:"id"`
			Current bool   `json:"current"`
		} `json:"items"`
	}
	r.decode(t, &sessions)
	if len(sessions.Items) != 1 || !sessions.Items[0].Current {
		t.Fatalf("sessions: %s", r.Body)
	}
	other := e.as("customerA")
	r = c.do("POST", "/api/v1/me/password", map[string]string{"current_password": password("customerA"), "new_password": "another fine passphrase 3"})
	if r.Status != http.StatusNoContent {
		t.Fatalf("change password: %d %s", r.Status, r.Body)
	}
	other.do("GET", "/api/v1/me", nil).problem(t, http.StatusUnauthorized)
	if r := c.do("GET", "/api/v1/me", nil); r.Status != http.StatusOK {
		t.Errorf("the session that changed the password ended: %d", r.Status)
	}
	c.do("DELETE", "/api/v1/me/sessions/not-a-session", nil).problem(t, http.StatusNotFound)
	if r := c.do("DELETE", "/api/v1/me/sessions/"+sessions.Items[0].ID, nil); r.Status != http.StatusNoContent {
		t.Fatalf("revoke own session: %d %s", r.Status, r.Body)
	}
	c.do("GET", "/api/v1/me", nil).problem(t, http.StatusUnauthorized)
}
