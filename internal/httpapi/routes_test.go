package httpapi_test

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
)

type openAPIDoc struct {
	OpenAPI string                                 `json:"openapi"`
	Paths   map[string]map[string]openAPIOperation `json:"paths"`
}

type openAPIOperation struct {
	OperationID string            `json:"operationId"`
	Security    *[]map[string]any `json:"security"`
	Parameters  []struct {
		Ref  string `json:"$ref"`
		Name string `json:"name"`
		In   string `json:"in"`
	} `json:"parameters"`
}

// loadOpenAPI fetches the served document, and the raw JSON for $ref checks.
func loadOpenAPI(t *testing.T, e *testEnv) (openAPIDoc, map[string]any) {
	t.Helper()
	r := e.anon().do("GET", "/api/v1/openapi.json", nil)
	if r.Status != http.StatusOK || r.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("openapi.json: %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	var doc openAPIDoc
	r.decode(t, &doc)
	var raw map[string]any
	r.decode(t, &raw)
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q", doc.OpenAPI)
	}
	return doc, raw
}

// TestOpenAPIMatchesRoutes fails if a route is missing from the document
// or the document describes an operation the router does not serve.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	e := newEnv(t)
	doc, raw := loadOpenAPI(t, e)

	routes := map[string]bool{}
	for _, rt := range e.Server.Routes() {
		key := rt.Method + " " + rt.Pattern
		if routes[key] {
			t.Errorf("route %s registered twice", key)
		}
		routes[key] = true
	}
	documented := map[string]openAPIOperation{}
	for path, ops := range doc.Paths {
		for method, op := range ops {
			documented[strings.ToUpper(method)+" "+path] = op
		}
	}
	for key := range routes {
		if _, ok := documented[key]; !ok {
			t.Errorf("route %s is missing from openapi.json", key)
		}
	}
	for key := range documented {
		if !routes[key] {
			t.Errorf("openapi.json describes %s, which the router does not serve", key)
		}
	}

	params := raw["components"].(map[string]any)["parameters"].(map[string]any)
	opIDs := map[string]bool{}
	for _, rt := range e.Server.Routes() {
		key := rt.Method + " " + rt.Pattern
		op, ok := documented[key]
		if !ok {
			continue
		}
		if op.OperationID == "" || opIDs[op.OperationID] {
			t.Errorf("%s: missing or duplicate operationId %q", key, op.OperationID)
		}
		opIDs[op.OperationID] = true
		public := op.Security != nil && len(*op.Security) == 0
		if public == rt.Auth {
			t.Errorf("%s: auth %v in the router but security %v in the document", key, rt.Auth, op.Security)
		}
		var path, query []string
		for _, p := range op.Parameters {
			name, in := p.Name, p.In
			if p.Ref != "" {
				def := params[strings.TrimPrefix(p.Ref, "#/components/parameters/")].(map[string]any)
				name, in = def["name"].(string), def["in"].(string)
			}
			if in == "path" {
				path = append(path, name)
			} else if in == "query" {
				query = append(query, name)
			}
		}
		wantPath := pathParams(rt.Pattern)
		sort.Strings(path)
		if !slices.Equal(path, wantPath) {
			t.Errorf("%s: documented path parameters %v, want %v", key, path, wantPath)
		}
		wantQuery := slices.Clone(rt.Query)
		sort.Strings(wantQuery)
		sort.Strings(query)
		if !slices.Equal(query, wantQuery) {
			t.Errorf("%s: documented query parameters %v, router accepts %v", key, query, wantQuery)
		}
	}
}

var wildcard = regexp.MustCompile(`\{([a-z_]+)\}`)

func pathParams(pattern string) []string {
	var out []string
	for _, m := range wildcard.FindAllStringSubmatch(pattern, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return out
}

// TestOpenAPIRefsResolve checks every $ref in the document points at a
// component that exists, and that the schemas the brief names are there.
func TestOpenAPIRefsResolve(t *testing.T) {
	e := newEnv(t)
	_, raw := loadOpenAPI(t, e)
	components := raw["components"].(map[string]any)
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if ref, ok := v["$ref"].(string); ok {
				parts := strings.Split(strings.TrimPrefix(ref, "#/components/"), "/")
				group, _ := components[parts[0]].(map[string]any)
				if len(parts) != 2 || group[parts[1]] == nil {
					t.Errorf("unresolved $ref %s", ref)
				}
			}
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(raw)
	schemas := components["schemas"].(map[string]any)
	for _, name := range []string{"Ticket", "Comment", "User", "Team", "AuditEntry", "Session", "APIToken", "Problem"} {
		if schemas[name] == nil {
			t.Errorf("schema %s missing", name)
		}
	}
	schemes := components["securitySchemes"].(map[string]any)
	for _, name := range []string{"cookieAuth", "bearerAuth"} {
		if schemes[name] == nil {
			t.Errorf("security scheme %s missing", name)
		}
	}
	if _, err := json.Marshal(raw); err != nil {
		t.Fatal(err)
	}
}

// TestAnonymousGets401 is the anonymous row of the authorization matrix:
// every route marked Auth answers 401 problem+json without credentials.
func TestAnonymousGets401(t *testing.T) {
	e := newEnv(t)
	for _, rt := range e.Server.Routes() {
		if !rt.Auth {
			continue
		}
		path := wildcard.ReplaceAllString(rt.Pattern, "1")
		var body any
		if rt.Method == "POST" || rt.Method == "PATCH" {
			body = map[string]any{}
		}
		e.anon().do(rt.Method, path, body).problem(t, http.StatusUnauthorized)
	}
}
