package web

import "testing"

func TestNegotiate(t *testing.T) {
	both := []string{"br", "gzip"}
	tests := []struct {
		name      string
		accept    string
		available []string
		want      string
	}{
		{"None", "", both, ""},
		{"NoCopies", "br, gzip", nil, ""},
		{"PrefersBrotli", "gzip, deflate, br, zstd", both, "br"},
		{"GzipOnly", "gzip", both, "gzip"},
		{"XGzip", "x-gzip", both, "gzip"},
		{"QValues", "br;q=0.5, gzip;q=0.8", both, "gzip"},
		{"Refused", "br;q=0, gzip;q=0", both, ""},
		{"Wildcard", "*", both, "br"},
		{"WildcardWithRefusal", "br;q=0, *", both, "gzip"},
		{"WildcardRefused", "identity, *;q=0", both, ""},
		{"CaseAndSpaces", " GZIP ; Q=1 ", both, "gzip"},
		{"Unavailable", "br", []string{"gzip"}, ""},
		{"BadQ", "br;q=x", both, "br"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := negotiate(tt.accept, tt.available); got != tt.want {
				t.Errorf("negotiate(%q, %v): got %q, want %q", tt.accept, tt.available, got, tt.want)
			}
		})
	}
}
