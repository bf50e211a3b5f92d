package config

import (
	"fmt"
	"net/mail"
	"strconv"
	"strings"
	"time"

	triagemail "github.com/triagehq/triage/internal/mail"
)

// Defaults of the settings that have one.
const (
	DefaultAddr            = "127.0.0.1:8080"
	DefaultDataDir         = "./data"
	DefaultMaxBodyBytes    = 1 << 20
	DefaultShutdownTimeout = 15 * time.Second
	// MinSecretLen is the shortest accepted secret key, in bytes.
	MinSecretLen = 32
)

// setting is one configuration value: its environment variable, its flag,
// its default, and how to parse it into a Config. apply returns "" or what
// is wrong with the value.
type setting struct {
	env     string
	flag    string
	def     string
	usage   string
	scope   Scope
	boolean bool
	apply   func(c *Config, raw string) string
}

// settings is every setting, in the order the README documents them. The
// order matters once: TRIAGE_ADDR comes before TRIAGE_BASE_URL, whose
// default derives from it (in check).
var settings = []setting{
	{env: "TRIAGE_ADDR", flag: "addr", def: DefaultAddr, scope: ScopeServer,
		usage: "address the HTTP server listens on, host:port",
		apply: func(c *Config, raw string) string { c.Addr = raw; return checkAddr(raw) }},
	{env: "TRIAGE_DATA_DIR", flag: "data-dir", def: DefaultDataDir, scope: ScopeStore,
		usage: "directory for the SQLite database and the generated secret key",
		apply: applyDataDir},
	{env: "TRIAGE_BASE_URL", flag: "base-url", scope: ScopeServer,
		usage: "public URL of the service (default http://<addr>)",
		apply: applyBaseURL},
	{env: "TRIAGE_DATABASE_URL", flag: "database-url", scope: ScopeStore,
		usage: "empty for SQLite in the data directory, or a postgres:// URL",
		apply: applyDatabaseURL},
	{env: "TRIAGE_SECRET_KEY", flag: "secret-key", scope: ScopeSecret,
		usage: "server secret of at least 32 bytes; generated and kept in the data directory on SQLite if unset",
		apply: applySecretKey},
	{env: "TRIAGE_DB_MAX_CONNS", flag: "db-max-conns", def: "0", scope: ScopeStore,
		usage: "PostgreSQL pool size (0 = the driver's default)",
		apply: func(c *Config, raw string) string { return parseInt32(raw, 0, 10000, &c.DBMaxConns) }},
	{env: "TRIAGE_DB_MIN_CONNS", flag: "db-min-conns", def: "0", scope: ScopeStore,
		usage: "PostgreSQL connections kept open when idle",
		apply: func(c *Config, raw string) string { return parseInt32(raw, 0, 10000, &c.DBMinConns) }},
	{env: "TRIAGE_SQLITE_READ_CONNS", flag: "sqlite-read-conns", def: "0", scope: ScopeStore,
		usage: "SQLite reader pool size (0 = max(4, 2*GOMAXPROCS))",
		apply: applyReadConns},
	{env: "TRIAGE_CORS_ORIGINS", flag: "cors-origins", scope: ScopeServer,
		usage: "comma-separated exact origins allowed to call the API from a browser, e.g. https://app.example.com",
		apply: applyCORS},
	{env: "TRIAGE_TRUSTED_PROXIES", flag: "trusted-proxies", scope: ScopeServer,
		usage: "comma-separated CIDRs or IPs of proxies whose X-Forwarded-For is believed",
		apply: applyProxies},
	{env: "TRIAGE_REGISTRATION", flag: "registration", def: "true", scope: ScopeServer, boolean: true,
		usage: "allow customers to sign up by themselves",
		apply: func(c *Config, raw string) string { return parseBool(raw, &c.Registration) }},
	{env: "TRIAGE_LOG_LEVEL", flag: "log-level", def: "info", scope: ScopeStore,
		usage: "debug, info, warn or error",
		apply: applyLogLevel},
	{env: "TRIAGE_LOG_FORMAT", flag: "log-format", def: "json", scope: ScopeStore,
		usage: "json or text",
		apply: applyLogFormat},
	{env: "TRIAGE_RATE_LIMIT", flag: "rate-limit", def: "600", scope: ScopeServer,
		usage: "API requests a minute allowed per user (or per IP when signed out), or off; login, sign-up and reset limits stay",
		apply: applyRateLimit},
	{env: "TRIAGE_MAX_BODY_BYTES", flag: "max-body-bytes", def: strconv.Itoa(DefaultMaxBodyBytes), scope: ScopeServer,
		usage: "largest accepted request body, in bytes",
		apply: func(c *Config, raw string) string { return parseInt64(raw, 1024, 1<<30, &c.MaxBodyBytes) }},
	{env: "TRIAGE_SHUTDOWN_TIMEOUT", flag: "shutdown-timeout", def: DefaultShutdownTimeout.String(), scope: ScopeServer,
		usage: "how long a graceful shutdown waits for requests in flight",
		apply: applyShutdownTimeout},
	{env: "TRIAGE_ROLE", flag: "role", def: RoleAll, scope: ScopeServer,
		usage: "what this process runs: all (HTTP and background jobs), web (HTTP only) or worker (jobs only); web and worker need PostgreSQL",
		apply: applyRole},
	{env: "TRIAGE_SMTP_URL", flag: "smtp-url", scope: ScopeServer,
		usage: "outgoing mail server, e.g. smtp://user:pass@mail.example.com:587 (STARTTLS), smtps://…:465, or smtp://host:25?tls=none; empty sends no email",
		apply: applySMTPURL},
	{env: "TRIAGE_MAIL_FROM", flag: "mail-from", scope: ScopeServer,
		usage: "From address of outgoing mail, e.g. \"Acme Support <support@example.com>\" (default Triage <noreply@the base URL's host>)",
		apply: applyMailFrom},
	{env: "TRIAGE_SITE_NAME", flag: "site-name", def: "Triage", scope: ScopeServer,
		usage: "name of the helpdesk in emails",
		apply: applySiteName},
	{env: "TRIAGE_MIGRATE", flag: "migrate", def: "true", scope: ScopeMigrate, boolean: true,
		usage: "apply pending database migrations at start",
		apply: func(c *Config, raw string) string { return parseBool(raw, &c.Migrate) }},
}

func applyDataDir(c *Config, raw string) string {
	c.DataDir = strings.TrimSpace(raw)
	if c.DataDir == "" {
		return "must name a directory"
	}
	return ""
}

func applySecretKey(c *Config, raw string) string {
	if raw == "" {
		return ""
	}
	if len(raw) < MinSecretLen {
		return fmt.Sprintf("must be at least %d bytes long (got %d); e.g. the output of `openssl rand -hex 32`",
			MinSecretLen, len(raw))
	}
	c.SecretKey = []byte(raw)
	return ""
}

func applyRateLimit(c *Config, raw string) string {
	if strings.EqualFold(strings.TrimSpace(raw), "off") {
		c.RateLimit = -1
		return ""
	}
	var n int64
	if msg := parseInt64(raw, 1, 1_000_000, &n); msg != "" {
		return msg + ", or off"
	}
	c.RateLimit = int(n)
	return ""
}

func applyReadConns(c *Config, raw string) string {
	var n int64
	if msg := parseInt64(raw, 0, 1000, &n); msg != "" {
		return msg
	}
	c.SQLiteReadConns = int(n)
	return ""
}

func applyLogLevel(c *Config, raw string) string {
	if err := c.LogLevel.UnmarshalText([]byte(raw)); err != nil || strings.ContainsAny(raw, "+-") {
		return "must be one of debug, info, warn, error"
	}
	return ""
}

func applyLogFormat(c *Config, raw string) string {
	c.LogFormat = strings.ToLower(raw)
	if c.LogFormat != "json" && c.LogFormat != "text" {
		return "must be json or text"
	}
	return ""
}

func applyShutdownTimeout(c *Config, raw string) string {
	d, err := time.ParseDuration(raw)
	if err != nil || d <= 0 || d > time.Hour {
		return "must be a duration between 1ms and 1h, such as 15s"
	}
	c.ShutdownTimeout = d
	return ""
}

func parseBool(raw string, dst *bool) string {
	b, err := strconv.ParseBool(raw)
	if err != nil {
		return "must be true or false"
	}
	*dst = b
	return ""
}

func parseInt64(raw string, lo, hi int64, dst *int64) string {
	n, err := strconv.ParseInt(strings.TrimSpace(raw), 10, 64)
	if err != nil || n < lo || n > hi {
		return fmt.Sprintf("must be a whole number from %d to %d", lo, hi)
	}
	*dst = n
	return ""
}

func parseInt32(raw string, lo, hi int64, dst *int32) string {
	var n int64
	if msg := parseInt64(raw, lo, hi, &n); msg != "" {
		return msg
	}
	*dst = int32(n)
	return ""
}

// Process roles.
const (
	RoleAll    = "all"
	RoleWeb    = "web"
	RoleWorker = "worker"
)

func applyRole(c *Config, raw string) string {
	c.Role = strings.ToLower(strings.TrimSpace(raw))
	switch c.Role {
	case RoleAll, RoleWeb, RoleWorker:
		return ""
	}
	return "must be all, web or worker"
}

func applyMailFrom(c *Config, raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	a, err := mail.ParseAddress(raw)
	if err != nil {
		return "must be an address such as \"Acme Support <support@example.com>\""
	}
	c.MailFrom = a
	return ""
}

func applySiteName(c *Config, raw string) string {
	c.SiteName = strings.TrimSpace(raw)
	if c.SiteName == "" || len(c.SiteName) > 100 || strings.ContainsAny(c.SiteName, "\r\n") {
		return "must be 1 to 100 characters on one line"
	}
	return ""
}

func applySMTPURL(c *Config, raw string) string {
	c.SMTPURL = strings.TrimSpace(raw)
	if c.SMTPURL == "" {
		return ""
	}
	if _, err := triagemail.ParseSMTPURL(c.SMTPURL); err != nil {
		return err.Error()
	}
	return ""
}
