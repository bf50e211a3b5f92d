// Package load drives a running Triage server: it logs in, discovers what
// to ask for (visible tickets, search words, a tag, deep cursors) and runs
// each scenario with a fixed number of concurrent connections for a fixed
// time, recording every operation's latency and every failure.
package load

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"
)

// RequestTimeout bounds one request; a slower answer is an error.
const RequestTimeout = 30 * time.Second

// NewTransport returns a transport that keeps one idle connection per
// concurrent worker, so a run never pays for new connections.
func NewTransport(concurrency int) *http.Transport {
	return &http.Transport{
		Proxy:               nil,
		MaxIdleConns:        2 * concurrency,
		MaxIdleConnsPerHost: 2 * concurrency,
		IdleConnTimeout:     90 * time.Second,
		// The API does not compress; asking for gzip would only make the
		// requests differ from the plain handler's.
		DisableCompression: true,
		ForceAttemptHTTP2:  false,
	}
}

// Client calls one server as one user.
type Client struct {
	base  string // e.g. http://127.0.0.1:8080
	token string // API token; empty for the plain handler
	hc    *http.Client
}

// NewClient returns a client of base on transport t.
func NewClient(base, token string, t http.RoundTripper) *Client {
	return &Client{base: strings.TrimRight(base, "/"), token: token, hc: &http.Client{Transport: t, Timeout: RequestTimeout}}
}

// StatusError is an answer with a status the operation did not expect.
type StatusError struct {
	Status int
	Detail string // the problem's detail, or the start of the body
}

func (e *StatusError) Error() string {
	if e.Detail == "" {
		return fmt.Sprintf("HTTP %d", e.Status)
	}
	return fmt.Sprintf("HTTP %d: %s", e.Status, e.Detail)
}

// Get fetches path (relative to the API root /api/v1 unless it starts
// with //) and expects 200. It decodes the body into into unless into is
// nil, and returns the body's size.
func (c *Client) Get(ctx context.Context, path string, into any) (int, error) {
	return c.do(ctx, http.MethodGet, path, nil, http.StatusOK, into)
}

// Post sends body as JSON to path and expects 201.
func (c *Client) Post(ctx context.Context, path string, body, into any) (int, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return 0, err
	}
	return c.do(ctx, http.MethodPost, path, b, http.StatusCreated, into)
}

func (c *Client) url(path string) string {
	if rest, ok := strings.CutPrefix(path, "//"); ok {
		return c.base + "/" + rest
	}
	return c.base + "/api/v1" + path
}

func (c *Client) do(ctx context.Context, method, path string, body []byte, want int, into any) (int, error) {
	var rd io.Reader
	if body != nil {
		rd = bytes.NewReader(body)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.url(path), rd)
	if err != nil {
		return 0, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != want {
		return 0, statusError(resp)
	}
	if into == nil {
		n, err := io.Copy(io.Discard, resp.Body)
		return int(n), err
	}
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return len(b), err
	}
	if err := json.Unmarshal(b, into); err != nil {
		return len(b), fmt.Errorf("decode %s %s: %w", method, path, err)
	}
	return len(b), nil
}

// statusError reads what the server said about a failure: the detail of
// a problem+json body, else the body's start.
func statusError(resp *http.Response) error {
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	io.Copy(io.Discard, resp.Body)
	var p struct {
		Detail string `json:"detail"`
	}
	detail := strings.TrimSpace(string(b))
	if json.Unmarshal(b, &p) == nil && p.Detail != "" {
		detail = p.Detail
	}
	if len(detail) > 160 {
		detail = detail[:160] + "…"
	}
	return &StatusError{Status: resp.StatusCode, Detail: detail}
}

// ErrKind names the kind of err for the report's error counts: the
// status and detail of an unexpected answer, or what failed on the wire.
func ErrKind(err error) string {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Error()
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	s := "transport: " + err.Error()
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}

// Login signs in with email and password, creates an API token named
// name, and returns it. The session lives only for this call.
func Login(ctx context.Context, base, email, password, name string) (string, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return "", err
	}
	c := NewClient(base, "", http.DefaultTransport)
	c.hc.Jar = jar
	creds := map[string]string{"email": email, "password": password}
	b, _ := json.Marshal(creds)
	if _, err := c.do(ctx, http.MethodPost, "/auth/login", b, http.StatusOK, &json.RawMessage{}); err != nil {
		return "", fmt.Errorf("log in as %s: %w", email, err)
	}
	var tok struct {
		Token string `json:"token"`
	}
	if _, err := c.Post(ctx, "/me/tokens", map[string]string{"name": name}, &tok); err != nil {
		return "", fmt.Errorf("create an API token: %w", err)
	}
	if tok.Token == "" {
		return "", errors.New("create an API token: no token in the answer")
	}
	return tok.Token, nil
}
