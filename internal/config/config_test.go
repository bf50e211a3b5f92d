package config_test

import (
	"errors"
	"flag"
	"io"
	"log/slog"
	"net/mail"
	"net/netip"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/config"
)

const all = config.ScopeStore | config.ScopeSecret | config.ScopeServer | config.ScopeMigrate

// load parses args and env the way a command does.
func load(t *testing.T, scope config.Scope, env map[string]string, args ...string) (*config.Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	f := config.Register(fs, scope)
	if err := fs.Parse(args); err != nil {
		t.Fatalf("parse flags %v: %v", args, err)
	}
	return f.Load(func(k string) string { return env[k] })
}

func TestLoad_Defaults(t *testing.T) {
	c, err := load(t, all, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := &config.Config{
		Addr:            "127.0.0.1:8080",
		DataDir:         "./data",
		BaseURL:         "http://127.0.0.1:8080",
		Registration:    true,
		MaxBodyBytes:    1 << 20,
		LogLevel:        slog.LevelInfo,
		LogFormat:       "json",
		ShutdownTimeout: 15 * time.Second,
		Migrate:         true,
		Role:            config.RoleAll,
		MailFrom:        &mail.Address{Name: "Triage", Address: "noreply@127.0.0.1"},
		SiteName:        "Triage",
		RateLimit:       600,
	}
	if !reflect.DeepEqual(c, want) {
		t.Fatalf("got %+v, want %+v", c, want)
	}
	if c.PostgreSQL() || c.TLS() || c.SQLitePath() != "data/triage.db" {
		t.Fatalf("got PostgreSQL=%v TLS=%v SQLitePath=%q", c.PostgreSQL(), c.TLS(), c.SQLitePath())
	}
}

func TestLoad_Values(t *testing.T) {
	secret := strings.Repeat("k", 32)
	tests := []struct {
		name  string
		env   map[string]string
		args  []string
		check func(*config.Config) bool
	}{
		{"AddrFromEnv", map[string]string{"TRIAGE_ADDR": ":9000"}, nil,
			func(c *config.Config) bool { return c.Addr == ":9000" && c.BaseURL == "http://localhost:9000" }},
		{"FlagWinsOverEnv", map[string]string{"TRIAGE_ADDR": ":9000"}, []string{"--addr", "127.0.0.1:7000"},
			func(c *config.Config) bool { return c.Addr == "127.0.0.1:7000" }},
		{"FlagWinsOverBadEnv", map[string]string{"TRIAGE_LOG_LEVEL": "loud"}, []string{"--log-level=debug"},
			func(c *config.Config) bool { return c.LogLevel == slog.LevelDebug }},
		{"WildcardIPv6BaseURL", map[string]string{"TRIAGE_ADDR": "[::]:8080"}, nil,
			func(c *config.Config) bool { return c.BaseURL == "http://localhost:8080" }},
		{"BaseURLTrailingSlash", map[string]string{"TRIAGE_BASE_URL": "https://help.example.com/"}, nil,
			func(c *config.Config) bool { return c.BaseURL == "https://help.example.com" && c.TLS() }},
		{"PostgreSQL", map[string]string{"TRIAGE_DATABASE_URL": "postgresql://u:p@db:5432/triage", "TRIAGE_SECRET_KEY": secret}, nil,
			func(c *config.Config) bool { return c.PostgreSQL() && string(c.SecretKey) == secret }},
		{"Pool", nil, []string{"--db-max-conns=20", "--db-min-conns=2", "--sqlite-read-conns=8"},
			func(c *config.Config) bool { return c.DBMaxConns == 20 && c.DBMinConns == 2 && c.SQLiteReadConns == 8 }},
		{"CORS", map[string]string{"TRIAGE_CORS_ORIGINS": " https://App.Example.com , http://localhost:5173,"}, nil,
			func(c *config.Config) bool {
				return reflect.DeepEqual(c.CORSOrigins, []string{"https://app.example.com", "http://localhost:5173"})
			}},
		{"Proxies", map[string]string{"TRIAGE_TRUSTED_PROXIES": "10.1.2.3/8, 192.168.1.1,::1"}, nil,
			func(c *config.Config) bool {
				return reflect.DeepEqual(c.TrustedProxies, []netip.Prefix{
					netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("192.168.1.1/32"), netip.MustParsePrefix("::1/128"),
				})
			}},
		{"BareBoolFlag", map[string]string{"TRIAGE_REGISTRATION": "false"}, []string{"--registration"},
			func(c *config.Config) bool { return c.Registration }},
		{"MigrateFalse", nil, []string{"--migrate=false"},
			func(c *config.Config) bool { return !c.Migrate }},
		{"TextLogs", map[string]string{"TRIAGE_LOG_FORMAT": "TEXT", "TRIAGE_LOG_LEVEL": "WARN"}, nil,
			func(c *config.Config) bool { return c.LogFormat == "text" && c.LogLevel == slog.LevelWarn }},
		{"Durations", map[string]string{"TRIAGE_SHUTDOWN_TIMEOUT": "90s", "TRIAGE_MAX_BODY_BYTES": "4096"}, nil,
			func(c *config.Config) bool { return c.ShutdownTimeout == 90*time.Second && c.MaxBodyBytes == 4096 }},
		{"RateLimitOff", map[string]string{"TRIAGE_RATE_LIMIT": "Off"}, nil,
			func(c *config.Config) bool { return c.RateLimit == -1 }},
		{"RateLimit", nil, []string{"--rate-limit=1200"},
			func(c *config.Config) bool { return c.RateLimit == 1200 }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := load(t, all, tt.env, tt.args...)
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(c) {
				t.Fatalf("unexpected config: %+v", c)
			}
		})
	}
}

func TestLoad_Invalid(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want []string // substrings, one problem each
	}{
		{"Addr", map[string]string{"TRIAGE_ADDR": "8080"}, nil, []string{`TRIAGE_ADDR="8080": must be host:port`}},
		{"Port", map[string]string{"TRIAGE_ADDR": "localhost:99999"}, nil, []string{"TRIAGE_ADDR", "port number"}},
		{"DatabaseURLScheme", map[string]string{"TRIAGE_DATABASE_URL": "mysql://db/x"}, nil, []string{"TRIAGE_DATABASE_URL", "postgres://"}},
		{"PostgresNeedsSecret", map[string]string{"TRIAGE_DATABASE_URL": "postgres://db/x"}, nil, []string{"TRIAGE_SECRET_KEY: is required with PostgreSQL"}},
		{"ShortSecret", map[string]string{"TRIAGE_SECRET_KEY": "short"}, nil, []string{"TRIAGE_SECRET_KEY=(hidden): must be at least 32 bytes"}},
		{"CORSWildcard", map[string]string{"TRIAGE_CORS_ORIGINS": "*"}, nil, []string{"TRIAGE_CORS_ORIGINS", "no wildcard"}},
		{"CORSPath", map[string]string{"TRIAGE_CORS_ORIGINS": "https://ok.example.com,https://x.example.com/app"}, nil, []string{`"https://x.example.com/app"`}},
		{"CORSNoScheme", map[string]string{"TRIAGE_CORS_ORIGINS": "example.com"}, nil, []string{"TRIAGE_CORS_ORIGINS"}},
		{"Proxy", map[string]string{"TRIAGE_TRUSTED_PROXIES": "10.0.0.0/33,nope"}, nil, []string{`"10.0.0.0/33", "nope"`}},
		{"Registration", map[string]string{"TRIAGE_REGISTRATION": "maybe"}, nil, []string{"TRIAGE_REGISTRATION", "true or false"}},
		{"LogLevel", map[string]string{"TRIAGE_LOG_LEVEL": "info+2"}, nil, []string{"TRIAGE_LOG_LEVEL"}},
		{"LogFormat", map[string]string{"TRIAGE_LOG_FORMAT": "xml"}, nil, []string{"json or text"}},
		{"MaxBody", map[string]string{"TRIAGE_MAX_BODY_BYTES": "-1"}, nil, []string{"TRIAGE_MAX_BODY_BYTES", "whole number"}},
		{"RateLimit", map[string]string{"TRIAGE_RATE_LIMIT": "0"}, nil, []string{"TRIAGE_RATE_LIMIT", "or off"}},
		{"Shutdown", map[string]string{"TRIAGE_SHUTDOWN_TIMEOUT": "15"}, nil, []string{"TRIAGE_SHUTDOWN_TIMEOUT", "duration"}},
		{"Pool", map[string]string{"TRIAGE_DB_MAX_CONNS": "2", "TRIAGE_DB_MIN_CONNS": "5"}, nil, []string{"must not exceed"}},
		{"BaseURL", map[string]string{"TRIAGE_BASE_URL": "ftp://x"}, nil, []string{"TRIAGE_BASE_URL", "absolute http"}},
		{"DataDir", map[string]string{}, []string{"--data-dir", " "}, []string{"--data-dir", "directory"}},
		{"FlagNamesItself", map[string]string{}, []string{"--migrate=perhaps"}, []string{`--migrate="perhaps"`}},
		{"AllReportedTogether",
			map[string]string{"TRIAGE_ADDR": "x", "TRIAGE_LOG_FORMAT": "xml", "TRIAGE_REGISTRATION": "2"}, nil,
			[]string{"TRIAGE_ADDR", "TRIAGE_LOG_FORMAT", "TRIAGE_REGISTRATION"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := load(t, all, tt.env, tt.args...)
			var cerr *config.Error
			if !errors.As(err, &cerr) {
				t.Fatalf("got error %v, want *config.Error", err)
			}
			msg := err.Error()
			for _, w := range tt.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q does not mention %q", msg, w)
				}
			}
			if tt.name == "AllReportedTogether" && len(cerr.Problems) != 3 {
				t.Errorf("got %d problems, want 3: %q", len(cerr.Problems), cerr.Problems)
			}
		})
	}
}

func TestLoad_DatabaseURLPasswordHidden(t *testing.T) {
	_, err := load(t, all, map[string]string{"TRIAGE_DATABASE_URL": "mysql://u:hunter2secret@db/x"})
	if err == nil || strings.Contains(err.Error(), "hunter2secret") {
		t.Fatalf("got %v, want an error without the password", err)
	}
}

func TestLoad_OutOfScopeIgnored(t *testing.T) {
	// `triage migrate` must not trip over server settings it never uses.
	env := map[string]string{"TRIAGE_ADDR": "bad", "TRIAGE_DATABASE_URL": "postgres://db/x"}
	c, err := load(t, config.ScopeStore, env)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != config.DefaultAddr || !c.PostgreSQL() {
		t.Fatalf("got Addr=%q PostgreSQL=%v", c.Addr, c.PostgreSQL())
	}
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	config.Register(fs, config.ScopeStore)
	if err := fs.Parse([]string{"--addr=:1"}); err == nil {
		t.Fatal("got no error for --addr on a store-only command")
	}
}

func TestLoad_RoleAndMail(t *testing.T) {
	if _, err := load(t, all, nil, "--role=worker"); err == nil || !strings.Contains(err.Error(), "PostgreSQL") {
		t.Fatalf("worker on SQLite: %v, want a PostgreSQL error", err)
	}
	if _, err := load(t, all, nil, "--role=wizard"); err == nil || !strings.Contains(err.Error(), "must be all, web or worker") {
		t.Fatalf("bad role: %v", err)
	}
	c, err := load(t, all, map[string]string{
		"TRIAGE_DATABASE_URL": "postgres://u@h/db", "TRIAGE_SECRET_KEY": strings.Repeat("k", 32),
		"TRIAGE_ROLE": "web", "TRIAGE_MAIL_FROM": "Acme Support <help@acme.example>",
		"TRIAGE_BASE_URL": "https://help.acme.example",
	})
	if err != nil {
		t.Fatal(err)
	}
	if !c.RunsWeb() || c.RunsWorker() || c.MailFrom.Address != "help@acme.example" || c.MailFrom.Name != "Acme Support" {
		t.Fatalf("config %+v", c)
	}
	_, err = load(t, all, map[string]string{"TRIAGE_MAIL_FROM": "not an address", "TRIAGE_SMTP_URL": "smtp://u:hunter2@h:bad"}, "--site-name=")
	if err == nil || !strings.Contains(err.Error(), "TRIAGE_MAIL_FROM") || !strings.Contains(err.Error(), "site-name") {
		t.Fatalf("bad mail settings: %v", err)
	}
	if strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("error shows the SMTP password: %v", err)
	}
}
