package httpapi

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// Limits of list pages.
const (
	maxPageLimit     = 100
	defaultPageLimit = 25
)

// page is one page of a cursor-paginated list.
type page[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// list is a complete, unpaginated list.
type list[T any] struct {
	Items []T `json:"items"`
}

// checkQuery refuses query parameters the route does not know, and
// repeated ones, so a typo is an error rather than an ignored filter.
func checkQuery(r *http.Request, allowed map[string]bool) error {
	q := r.URL.Query()
	if len(q) == 0 {
		return nil
	}
	names := make([]string, 0, len(q))
	for name := range q {
		names = append(names, name)
	}
	sort.Strings(names)
	var v helpdesk.Validation
	for _, name := range names {
		if !allowed[name] {
			v.Add(safeParamName(name), "unknown query parameter")
		} else if len(q[name]) > 1 {
			v.Add(name, "must be given once (use commas for several values)")
		}
	}
	return v.Err()
}

// safeParamName keeps an echoed parameter name short and printable.
func safeParamName(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	q := strconv.QuoteToGraphic(s)
	return q[1 : len(q)-1]
}

// pathID reads a positive int64 path value; anything else is not found,
// because no object has such an id.
func pathID(r *http.Request, name string) (int64, error) {
	id, ok := parseID(r.PathValue(name))
	if !ok {
		return 0, errNotFound
	}
	return id, nil
}

// parseID reads an id written the one way ids are written: positive
// decimal digits, no sign, no leading zeros. Other spellings ("+7", "007")
// would give one object several URLs.
func parseID(s string) (int64, bool) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 || strconv.FormatInt(id, 10) != s {
		return 0, false
	}
	return id, true
}

// queryLimit reads the limit parameter (1..100, default 25).
func queryLimit(r *http.Request) (int, error) {
	s := r.URL.Query().Get("limit")
	if s == "" {
		return defaultPageLimit, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > maxPageLimit {
		return 0, helpdesk.Invalid("limit", "must be an integer from 1 to %d", maxPageLimit)
	}
	return n, nil
}

// queryID reads an optional positive id parameter.
func queryID(v *helpdesk.Validation, r *http.Request, name string) *int64 {
	s := r.URL.Query().Get(name)
	if s == "" {
		return nil
	}
	id, ok := parseID(s)
	if !ok {
		v.Add(name, "must be a positive integer id")
		return nil
	}
	return &id
}

// queryTime reads an optional RFC 3339 time parameter.
func queryTime(v *helpdesk.Validation, r *http.Request, name string) *time.Time {
	s := r.URL.Query().Get(name)
	if s == "" {
		return nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		v.Add(name, "must be an RFC 3339 time such as 2026-01-31T09:00:00Z")
		return nil
	}
	return &t
}

// queryBool reads an optional true/false parameter.
func queryBool(v *helpdesk.Validation, r *http.Request, name string) *bool {
	switch r.URL.Query().Get(name) {
	case "":
		return nil
	case "true":
		b := true
		return &b
	case "false":
		b := false
		return &b
	}
	v.Add(name, "must be true or false")
	return nil
}

// queryEnums reads a comma-separated list of allowed values.
func queryEnums[T ~string](v *helpdesk.Validation, r *http.Request, name string, all []T) []T {
	s := r.URL.Query().Get(name)
	if s == "" {
		return nil
	}
	var out []T
	for part := range strings.SplitSeq(s, ",") {
		t := T(strings.TrimSpace(part))
		if !contains(all, t) {
			v.Add(name, "must be a comma-separated list of %s", joinEnums(all))
			return nil
		}
		if !contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func contains[T comparable](all []T, v T) bool {
	for _, a := range all {
		if a == v {
			return true
		}
	}
	return false
}

func joinEnums[T ~string](all []T) string {
	s := make([]string, len(all))
	for i, a := range all {
		s[i] = string(a)
	}
	return strings.Join(s, ", ")
}
