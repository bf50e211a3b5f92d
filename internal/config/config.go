// Package config builds Triage's configuration from command-line flags and
// TRIAGE_* environment variables, and validates it once, at start, so that
// a bad value stops the process with a clear message instead of surfacing
// later as a puzzling failure.
package config

import (
	"log/slog"
	"net/mail"
	"net/netip"
	"path/filepath"
	"strings"
	"time"
)

// Config is the validated configuration of one triage process.
type Config struct {
	// Addr is the TCP address the HTTP server listens on.
	Addr string
	// DataDir holds the SQLite database and the generated secret key.
	DataDir string
	// BaseURL is the public URL of the service, without a trailing slash.
	BaseURL string
	// DatabaseURL is empty for SQLite, or a postgres:// URL.
	DatabaseURL string
	// SecretKey is the server secret: from TRIAGE_SECRET_KEY, or, on SQLite,
	// filled in by EnsureSecret from the key file in DataDir.
	SecretKey []byte

	DBMaxConns      int32 // PostgreSQL pool size; 0 = the driver's default
	DBMinConns      int32 // PostgreSQL idle connections kept open
	SQLiteReadConns int   // SQLite reader pool size; 0 = the store's default

	CORSOrigins    []string
	TrustedProxies []netip.Prefix
	Registration   bool
	MaxBodyBytes   int64

	LogLevel  slog.Level
	LogFormat string // "json" or "text"

	ShutdownTimeout time.Duration
	// Migrate applies pending migrations when a command starts.
	Migrate bool

	// Role is what `serve` runs: RoleAll, RoleWeb or RoleWorker.
	Role string
	// SMTPURL is the outgoing mail server; empty sends no email.
	SMTPURL string
	// MailFrom is the From address of outgoing mail.
	MailFrom *mail.Address
	// SiteName names the helpdesk in emails.
	SiteName string
	// RateLimit is the API requests a minute allowed per user or IP; -1
	// turns the general limit off.
	RateLimit int
}

// RunsWeb reports whether this process serves HTTP.
func (c *Config) RunsWeb() bool { return c.Role != RoleWorker }

// RunsWorker reports whether this process works background jobs.
func (c *Config) RunsWorker() bool { return c.Role != RoleWeb }

// PostgreSQL reports whether the configured database is PostgreSQL.
func (c *Config) PostgreSQL() bool { return c.DatabaseURL != "" }

// SQLitePath is the SQLite database file inside the data directory.
func (c *Config) SQLitePath() string { return filepath.Join(c.DataDir, "triage.db") }

// SecretPath is where a generated secret key is kept on SQLite.
func (c *Config) SecretPath() string { return filepath.Join(c.DataDir, "secret.key") }

// TLS reports whether clients reach the service over HTTPS (directly or
// through a TLS-terminating proxy), which makes cookies Secure and turns
// HSTS on.
func (c *Config) TLS() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// Error lists every problem found in the configuration.
type Error struct {
	Problems []string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("invalid configuration:")
	for _, p := range e.Problems {
		b.WriteString("\n  - ")
		b.WriteString(p)
	}
	return b.String()
}
