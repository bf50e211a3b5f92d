package web

import (
	"strconv"
	"strings"
)

// negotiate picks the Content-Encoding to send from the client's
// Accept-Encoding header among the available ones (in order of
// preference), or "" for the file as it is. It honours q-values, including
// q=0 refusals and the "*" wildcard.
func negotiate(accept string, available []string) string {
	if accept == "" || len(available) == 0 {
		return ""
	}
	q := map[string]float64{}
	wildcard := -1.0
	for _, part := range strings.Split(accept, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name == "" {
			continue
		}
		weight := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					weight = f
				}
			}
		}
		if name == "*" {
			wildcard = weight
			continue
		}
		if name == "x-gzip" {
			name = "gzip"
		}
		q[name] = weight
	}
	best, bestQ := "", 0.0
	for _, enc := range available {
		w, ok := q[enc]
		if !ok {
			w = wildcard
		}
		if w > bestQ {
			best, bestQ = enc, w
		}
	}
	return best
}
