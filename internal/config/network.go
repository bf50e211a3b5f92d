package config

import (
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
)

func checkAddr(raw string) string {
	host, port, err := net.SplitHostPort(raw)
	if err != nil {
		return "must be host:port, such as 127.0.0.1:8080 or :8080"
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return "must end in a port number from 0 to 65535"
	}
	if strings.ContainsAny(host, " /") {
		return "must have a host name or IP address before the port"
	}
	return ""
}

// defaultBaseURL derives the public URL from the listen address; a wildcard
// host becomes localhost, which is what a person on this machine types.
func defaultBaseURL(addr string) string {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "http://" + addr
	}
	if ip, err := netip.ParseAddr(host); host == "" || (err == nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
}

func applyBaseURL(c *Config, raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "must be an absolute http:// or https:// URL, such as https://help.example.com"
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return "must not contain credentials, a query or a fragment"
	}
	c.BaseURL = strings.TrimRight(raw, "/")
	return ""
}

func applyDatabaseURL(c *Config, raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "must be empty (SQLite in the data directory) or a postgres:// or postgresql:// URL"
	}
	if u.Host == "" && u.Query().Get("host") == "" {
		return "must name a host, as in postgres://user@db.example.com:5432/triage"
	}
	c.DatabaseURL = raw
	return ""
}

// redactURL hides the password of a URL shown in an error message.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL, hidden)"
	}
	return fmt.Sprintf("%q", u.Redacted())
}

func applyCORS(c *Config, raw string) string {
	var bad []string
	for _, o := range splitList(raw) {
		norm, ok := parseOrigin(o)
		if !ok {
			bad = append(bad, fmt.Sprintf("%q", o))
			continue
		}
		c.CORSOrigins = append(c.CORSOrigins, norm)
	}
	if len(bad) > 0 {
		return fmt.Sprintf("%s: each origin must be exactly scheme://host[:port], such as https://app.example.com "+
			"(no path, no wildcard '*')", strings.Join(bad, ", "))
	}
	return ""
}

// parseOrigin accepts an exact browser origin and returns it with the
// scheme and host lower-cased, which is how browsers send it.
func parseOrigin(o string) (string, bool) {
	if strings.Contains(o, "*") {
		return "", false
	}
	u, err := url.Parse(o)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Hostname() == "" {
		return "", false
	}
	if u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" || u.Opaque != "" {
		return "", false
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return "", false
		}
	}
	return strings.ToLower(u.Scheme + "://" + u.Host), true
}

func applyProxies(c *Config, raw string) string {
	var bad []string
	for _, s := range splitList(raw) {
		p, err := parsePrefix(s)
		if err != nil {
			bad = append(bad, fmt.Sprintf("%q", s))
			continue
		}
		c.TrustedProxies = append(c.TrustedProxies, p)
	}
	if len(bad) > 0 {
		return fmt.Sprintf("%s: each entry must be an IP address or a CIDR such as 10.0.0.0/8", strings.Join(bad, ", "))
	}
	return ""
}

// parsePrefix reads a CIDR, or a single address as a one-address prefix.
func parsePrefix(s string) (netip.Prefix, error) {
	if strings.Contains(s, "/") {
		p, err := netip.ParsePrefix(s)
		if err != nil {
			return netip.Prefix{}, err
		}
		return p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return netip.Prefix{}, err
	}
	a = a.Unmap()
	return netip.PrefixFrom(a, a.BitLen()), nil
}

func splitList(raw string) []string {
	var out []string
	for _, s := range strings.Split(raw, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}
