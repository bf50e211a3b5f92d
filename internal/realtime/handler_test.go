package realtime_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/coder/websocket"
	"github.com/triagehq/triage/internal/realtime"
)

func TestHandlerRefusals(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{})
	host := in.srv.Listener.Addr().String()
	tests := []struct {
		name   string
		cookie string
		origin string
		want   int
	}{
		{"OKNoOrigin", "session=1:s", "", http.StatusSwitchingProtocols},
		{"OKSameOrigin", "session=1:s", "http://" + host, http.StatusSwitchingProtocols},
		{"OKAllowedOrigin", "session=4:s", "https://app.example.com", http.StatusSwitchingProtocols},
		{"OKAllowedOriginCase", "session=4:s", "https://APP.example.com", http.StatusSwitchingProtocols},
		{"ErrForeignOrigin", "session=1:s", "https://evil.example", http.StatusForbidden},
		{"ErrAllowedHostOtherScheme", "session=1:s", "http://app.example.com", http.StatusForbidden},
		{"ErrAllowedHostOtherPort", "session=1:s", "https://app.example.com:8443", http.StatusForbidden},
		{"ErrNullOrigin", "session=1:s", "null", http.StatusForbidden},
		{"ErrForeignOriginAnonymous", "", "https://evil.example", http.StatusForbidden},
		{"ErrAnonymous", "", "", http.StatusUnauthorized},
		{"ErrAnonymousSameOrigin", "", "http://" + host, http.StatusUnauthorized},
		{"ErrBadCookie", "session=nobody", "", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			if tt.cookie != "" {
				h.Set("Cookie", tt.cookie)
			}
			if tt.origin != "" {
				h.Set("Origin", tt.origin)
			}
			conn, resp, err := websocket.Dial(context.Background(), in.url(), &websocket.DialOptions{HTTPHeader: h})
			if conn != nil {
				defer conn.CloseNow()
			}
			if resp == nil {
				t.Fatalf("no response: %v", err)
			}
			if resp.StatusCode != tt.want {
				t.Fatalf("status %d, want %d (%v)", resp.StatusCode, tt.want, err)
			}
		})
	}
}

// TestHandlerDeactivatedUser: a principal whose scope can no longer be
// loaded (deactivated between authentication and upgrade) is refused.
func TestHandlerDeactivatedUser(t *testing.T) {
	in := newInstance(t, nil, realtime.Config{})
	authz := in.authz
	h, err := realtime.NewHandler(in.hub, cookieAuth(newFakeAuthz()), realtime.HandlerOptions{})
	if err != nil {
		t.Fatal(err)
	}
	authz.deleteUser(customerA)
	srv := newServer(t, h)
	_, resp, err := websocket.Dial(context.Background(), srv, &websocket.DialOptions{HTTPHeader: dialHeaders(customerA, "s")})
	if err == nil || resp == nil || resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("dial as deactivated user: %v, %v; want 401", resp, err)
	}
}

func TestNewHandlerOrigins(t *testing.T) {
	for _, o := range []string{"*", "https://*.example.com", "app.example.com", "https://app.example.com/path", "null", "ftp://x"} {
		if _, err := realtime.NewHandler(nil, nil, realtime.HandlerOptions{Origins: []string{o}}); err == nil {
			t.Errorf("origin %q accepted", o)
		}
	}
	if _, err := realtime.NewHandler(nil, nil, realtime.HandlerOptions{Origins: []string{"https://app.example.com/", "http://localhost:5173"}}); err != nil {
		t.Errorf("exact origins refused: %v", err)
	}
}
