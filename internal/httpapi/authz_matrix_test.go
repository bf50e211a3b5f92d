package httpapi_test

import (
	"bytes"
	"context"
	"maps"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// policyRow is one line of the authorization policy: a route, the object
// its path points at, and the status each caller must get.
type policyRow struct {
	// Route is "METHOD pattern" exactly as in Server.Routes().
	Route string
	// Path is the pattern with its wildcards filled by {placeholders};
	// empty means the pattern itself (routes without wildcards).
	Path string
	// Object says in words what the row is about, when the path or body
	// alone does not.
	Object string
	// Body is the request body: valid input, so that the only reason for a
	// refusal is authorization. A func(vars) any builds it per cell.
	Body any
	// Fresh marks a write row: each cell gets a newly signed-in client and
	// new objects from Fresh, so cells cannot interfere. Read rows share
	// the fixtures and one client per caller.
	Fresh func(m *matrix, caller string) vars
	Want  want
	// Check inspects a successful response further; After undoes what a
	// successful cell changed that later cells rely on.
	Check func(tb testing.TB, m *matrix, caller string, r *response)
	After func(tb testing.TB, m *matrix, caller string, c *client)
}

func (row policyRow) method() string { m, _, _ := strings.Cut(row.Route, " "); return m }

func (row policyRow) path() string {
	if row.Path != "" {
		return row.Path
	}
	_, p, _ := strings.Cut(row.Route, " ")
	return p
}

func (row policyRow) name() string {
	n := row.method() + " " + row.path()
	if row.Object != "" {
		n += " (" + row.Object + ")"
	}
	return n
}

// TestAuthzPolicyCoversRoutes fails if a route has no policy row, or a row
// names a route the router does not serve or a path that is not its route's.
func TestAuthzPolicyCoversRoutes(t *testing.T) {
	e := newEnv(t)
	covered := map[string]bool{}
	for _, row := range policyRows() {
		covered[row.Route] = true
	}
	routes := map[string]bool{}
	for _, rt := range e.Server.Routes() {
		key := rt.Method + " " + rt.Pattern
		routes[key] = true
		if !covered[key] {
			t.Errorf("route %s has no row in the authorization policy", key)
		}
	}
	for _, row := range policyRows() {
		_, pattern, _ := strings.Cut(row.Route, " ")
		switch {
		case !routes[row.Route]:
			t.Errorf("policy row %s names a route the router does not serve", row.name())
		case !patternRegexp(pattern).MatchString(strings.SplitN(row.path(), "?", 2)[0]):
			t.Errorf("policy row %s: path does not fit route %s", row.name(), row.Route)
		case strings.Contains(row.Route, " /api/v1/") && !isPublic(e, row.Route) && row.Want[colAnonymous] != anon:
			t.Errorf("policy row %s: anonymous callers of an authenticated route must get 401", row.name())
		}
	}
}

func isPublic(e *testEnv, route string) bool {
	for _, rt := range e.Server.Routes() {
		if rt.Method+" "+rt.Pattern == route {
			return !rt.Auth
		}
	}
	return false
}

// patternRegexp matches the paths of a route pattern, with any text (a
// placeholder included) in each wildcard.
func patternRegexp(pattern string) *regexp.Regexp {
	parts := wildcard.Split(pattern, -1)
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile("^" + strings.Join(parts, "[^/]+") + "$")
}

// TestAuthzMatrix runs every row of the policy for every caller on every
// engine: reads first on shared fixtures, signed in with a cookie and again
// with an API token, then writes on fresh objects with a cookie.
func TestAuthzMatrix(t *testing.T) {
	for _, eng := range engines {
		t.Run(eng.name, func(t *testing.T) {
			start := time.Now()
			m := newMatrix(t, eng.open(t))
			cells := m.runRows(t, "", false, reuse(m.as))
			// API tokens stand for their user: the same reads, the same answers.
			cells += m.runRows(t, "token ", false, reuse(m.tokenClient))
			cells += m.runRows(t, "", true, m.as)
			t.Logf("%s: %d cells in %v", eng.name, cells, time.Since(start).Round(time.Millisecond))
		})
	}
}

// runRows runs the read or the write rows of the policy for every caller,
// with clients from clientFor, and returns how many cells it ran.
func (m *matrix) runRows(t *testing.T, prefix string, writes bool, clientFor func(caller string) *client) int {
	cells := 0
	for _, row := range policyRows() {
		if (row.Fresh != nil) != writes {
			continue
		}
		t.Run(prefix+row.name(), func(t *testing.T) {
			for col, caller := range callerNames {
				m.runCell(t, row, col, clientFor(caller))
				cells++
			}
		})
	}
	return cells
}

// reuse makes clientFor's client for each caller once and then reuses it.
func reuse(clientFor func(caller string) *client) func(caller string) *client {
	made := map[string]*client{}
	return func(caller string) *client {
		c, ok := made[caller]
		if !ok {
			c = clientFor(caller)
			made[caller] = c
		}
		return c
	}
}

// tokenClient returns a client using a new API token of caller.
func (m *matrix) tokenClient(caller string) *client {
	if caller == "anonymous" {
		return m.anon()
	}
	c, _ := m.withToken(caller)
	return c
}

// placeholder finds the {name}s of a row's path.
var placeholder = regexp.MustCompile(`\{([A-Za-z]+)\}`)

// runCell makes one request and checks it against the policy.
func (m *matrix) runCell(t *testing.T, row policyRow, col int, c *client) {
	t.Helper()
	caller := callerNames[col]
	v := maps.Clone(m.fixtures)
	v["self"] = itoa(m.Users[owner(caller)].ID)
	v["caller"] = caller
	v["n"] = m.unique()
	if row.Fresh != nil {
		maps.Copy(v, row.Fresh(m, caller))
	}
	path := fill(t, row.path(), v, "")
	body := row.Body
	if f, ok := body.(func(vars) any); ok {
		body = f(v)
	}
	audited := m.lastAuditID(t)
	r := c.do(row.method(), path, body)
	want := row.Want[col]
	if r.Status != want {
		t.Fatalf("%s as %s: status %d, want %d; body %s", row.name(), caller, r.Status, want, r.Body)
	}
	// Every change is audited, so a refusal that wrote an entry changed
	// something.
	if want >= 400 && m.lastAuditID(t) != audited {
		t.Errorf("%s as %s: refused with %d, but wrote to the audit log", row.name(), caller, want)
	}
	if col == colAnonymous || col == colCustomerA || col == colCustomerB {
		if bytes.Contains(r.Body, []byte(noteMarker)) || bytes.Contains(r.Body, []byte(`"internal":true`)) {
			t.Errorf("%s as %s: an internal note leaked: %s", row.name(), caller, r.Body)
		}
	}
	if want >= 400 {
		p := r.problem(t, want)
		if want == http.StatusNotFound {
			m.sameAsMissing(t, row, v, c, body, p.Detail)
		}
		return
	}
	if row.Check != nil {
		row.Check(t, m, caller, r)
	}
	if row.After != nil {
		row.After(t, m, caller, c)
	}
}

// sameAsMissing checks a 404 for an object the caller may not see is the
// very answer for one that does not exist, so ids cannot be probed.
func (m *matrix) sameAsMissing(t *testing.T, row policyRow, v vars, c *client, body any, detail string) {
	t.Helper()
	path := fill(t, row.path(), v, "999999999")
	r := c.do(row.method(), path, body)
	if p := r.problem(t, http.StatusNotFound); p.Detail != detail {
		t.Errorf("%s: an invisible object answers %q but a missing one %q", row.name(), detail, p.Detail)
	}
}

// lastAuditID returns the newest audit entry's id.
func (m *matrix) lastAuditID(t *testing.T) int64 {
	t.Helper()
	entries, err := m.Store.ListAudit(context.Background(), helpdesk.AuditFilter{Limit: 1})
	if err != nil || len(entries) == 0 {
		t.Fatalf("newest audit entry: %v (%d entries)", err, len(entries))
	}
	return entries[0].ID
}

// fill replaces a path's placeholders from v; a non-empty last replaces
// the last one instead, to name an object that does not exist.
func fill(t *testing.T, path string, v vars, last string) string {
	t.Helper()
	all := placeholder.FindAllStringSubmatchIndex(path, -1)
	var b strings.Builder
	prev := 0
	for i, loc := range all {
		name := path[loc[2]:loc[3]]
		val, ok := v[name]
		if !ok {
			t.Fatalf("path %s: no value for {%s}", path, name)
		}
		if last != "" && i == len(all)-1 {
			val = last
		}
		b.WriteString(path[prev:loc[0]])
		b.WriteString(val)
		prev = loc[1]
	}
	b.WriteString(path[prev:])
	return b.String()
}
