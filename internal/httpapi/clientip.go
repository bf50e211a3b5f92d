package httpapi

import (
	"net/http"
	"net/netip"
	"strings"
)

// clientIP returns the address of the client that made r. X-Forwarded-For
// is believed only when the peer is a trusted proxy, and then only as far
// as the chain of trusted proxies goes: walking it from the right, the
// first address that is not a trusted proxy is the client. Anything to its
// left could have been written by the client itself.
func clientIP(r *http.Request, trusted []netip.Prefix) string {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		// Not a TCP peer (a test recorder, a unix socket): take what is there.
		return r.RemoteAddr
	}
	addr := peer.Addr().Unmap()
	if !isTrusted(addr, trusted) {
		return addr.String()
	}
	hops := forwardedFor(r.Header.Values("X-Forwarded-For"))
	for i := len(hops) - 1; i >= 0; i-- {
		hop, err := netip.ParseAddr(hops[i])
		if err != nil {
			// A garbled hop ends the chain we can vouch for.
			break
		}
		hop = hop.Unmap()
		addr = hop
		if !isTrusted(hop, trusted) {
			break
		}
	}
	return addr.String()
}

// forwardedFor splits every X-Forwarded-For header into hops, in order.
func forwardedFor(values []string) []string {
	var hops []string
	for _, v := range values {
		for part := range strings.SplitSeq(v, ",") {
			hops = append(hops, strings.TrimSpace(part))
		}
	}
	return hops
}

func isTrusted(addr netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}
