package httpapi_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/triagehq/triage/internal/httpapi"
)

// client makes requests as one caller. The zero credentials are anonymous.
type client struct {
	env     *testEnv
	cookies []*http.Cookie
	bearer  string
	// Header is added to every request (Origin, X-Forwarded-For...).
	Header     http.Header
	RemoteAddr string
}

// anon returns an anonymous client.
func (e *testEnv) anon() *client {
	return &client{env: e, Header: http.Header{}, RemoteAddr: "192.0.2.10:40000"}
}

// as returns a client signed in as the named fixture user (or anonymous for
// "anonymous"), through POST /auth/login, keeping its cookies.
func (e *testEnv) as(name string) *client {
	e.tb.Helper()
	c := e.anon()
	if name == "anonymous" || name == "" {
		return c
	}
	res := c.do("POST", "/api/v1/auth/login", map[string]string{
		"email": e.Users[name].Email, "password": password(name),
	})
	if res.Status != http.StatusOK {
		e.tb.Fatalf("login %s: status %d: %s", name, res.Status, res.Body)
	}
	return c
}

// withToken returns a client using a new API token of the named user.
func (e *testEnv) withToken(name string) (*client, string) {
	e.tb.Helper()
	_, secret, err := e.Svc.CreateAPIToken(context.Background(), e.principal(name), "test", nil)
	if err != nil {
		e.tb.Fatalf("create api token: %v", err)
	}
	c := e.anon()
	c.bearer = secret
	return c, secret
}

// response is what a request got back.
type response struct {
	Status  int
	Header  http.Header
	Body    []byte
	Cookies []*http.Cookie
}

// do sends a request; body is marshalled to JSON unless it is a string or
// []byte, which are sent as they are.
func (c *client) do(method, path string, body any) *response {
	c.env.tb.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	case io.Reader:
		rd = b
	default:
		j, err := json.Marshal(b)
		if err != nil {
			c.env.tb.Fatalf("marshal body: %v", err)
		}
		rd = bytes.NewReader(j)
	}
	req := httptest.NewRequest(method, "http://triage.test"+c.env.path(path), rd)
	req.RemoteAddr = c.RemoteAddr
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, vs := range c.Header {
		req.Header[k] = vs
	}
	for _, ck := range c.cookies {
		req.AddCookie(ck)
	}
	if c.bearer != "" {
		req.Header.Set("Authorization", "Bearer "+c.bearer)
	}
	rec := httptest.NewRecorder()
	c.env.Server.Handler().ServeHTTP(rec, req)
	res := rec.Result()
	out := &response{Status: res.StatusCode, Header: res.Header, Body: rec.Body.Bytes(), Cookies: res.Cookies()}
	c.keepCookies(out.Cookies)
	return out
}

// keepCookies applies Set-Cookie like a browser: set, replace or delete.
func (c *client) keepCookies(set []*http.Cookie) {
	for _, n := range set {
		kept := c.cookies[:0]
		for _, o := range c.cookies {
			if o.Name != n.Name {
				kept = append(kept, o)
			}
		}
		c.cookies = kept
		if n.MaxAge >= 0 && n.Value != "" {
			c.cookies = append(c.cookies, &http.Cookie{Name: n.Name, Value: n.Value})
		}
	}
}

// cookie returns the client's current value of a cookie.
func (c *client) cookie(name string) string {
	for _, ck := range c.cookies {
		if ck.Name == name {
			return ck.Value
		}
	}
	return ""
}

// decode reads the JSON body into v.
func (r *response) decode(tb testing.TB, v any) {
	tb.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		tb.Fatalf("decode %s: %v", r.Body, err)
	}
}

// problem checks r is a problem+json of status and returns it.
func (r *response) problem(tb testing.TB, status int) httpapi.Problem {
	tb.Helper()
	if r.Status != status {
		tb.Fatalf("status = %d, want %d; body %s", r.Status, status, r.Body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		tb.Fatalf("Content-Type = %q, want application/problem+json", ct)
	}
	var p httpapi.Problem
	dec := json.NewDecoder(bytes.NewReader(r.Body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		tb.Fatalf("decode problem %s: %v", r.Body, err)
	}
	if p.Status != status || p.Type == "" || p.Title == "" || p.Detail == "" || p.RequestID == "" {
		tb.Fatalf("incomplete problem: %+v", p)
	}
	return p
}

// fieldError checks r is a 400 problem naming field.
func (r *response) fieldError(tb testing.TB, field string) httpapi.Problem {
	tb.Helper()
	p := r.problem(tb, http.StatusBadRequest)
	for _, f := range p.Errors {
		if f.Field == field {
			return p
		}
	}
	tb.Fatalf("problem does not name field %q: %s", field, r.Body)
	return p
}
