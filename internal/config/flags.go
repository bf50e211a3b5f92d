package config

import (
	"flag"
	"fmt"
	"net/mail"
	"net/url"
)

// Scope selects which settings a command takes, so that, say, `triage
// migrate` neither offers --addr nor fails on a bad TRIAGE_CORS_ORIGINS it
// never uses.
type Scope uint8

const (
	// ScopeStore: the database, the data directory and logging.
	ScopeStore Scope = 1 << iota
	// ScopeSecret: the secret key, which is then required on PostgreSQL.
	ScopeSecret
	// ScopeServer: listening and HTTP policy.
	ScopeServer
	// ScopeMigrate: whether to apply pending migrations at start.
	ScopeMigrate
)

// Flags is the set of settings registered on one command's FlagSet.
type Flags struct {
	scope  Scope
	values map[string]*rawValue
}

// Register adds a flag for every setting in scope to fs. Call Load after
// fs.Parse.
func Register(fs *flag.FlagSet, scope Scope) *Flags {
	f := &Flags{scope: scope, values: make(map[string]*rawValue)}
	for _, s := range settings {
		if s.scope&scope == 0 {
			continue
		}
		v := &rawValue{s: s.def, boolean: s.boolean}
		f.values[s.env] = v
		fs.Var(v, s.flag, fmt.Sprintf("%s (env %s)", s.usage, s.env))
	}
	return f
}

// Load builds the Config: a flag given on the command line wins over the
// environment variable, which wins over the default. Settings outside the
// scope keep their defaults. It reports every bad value at once in an
// *Error.
func (f *Flags) Load(getenv func(string) string) (*Config, error) {
	c := &Config{}
	var p problems
	for _, s := range settings {
		raw, source := s.def, s.env
		if v, ok := f.values[s.env]; ok {
			if e := getenv(s.env); e != "" {
				raw = e
			}
			if v.set {
				raw, source = v.s, "--"+s.flag
			}
		}
		if msg := s.apply(c, raw); msg != "" {
			p.add(source, shown(s, raw), msg)
		}
	}
	f.check(c, &p)
	if len(p) > 0 {
		return nil, &Error{Problems: p}
	}
	return c, nil
}

// check validates rules that involve more than one setting.
func (f *Flags) check(c *Config, p *problems) {
	if c.BaseURL == "" {
		c.BaseURL = defaultBaseURL(c.Addr)
	}
	if f.scope&ScopeSecret != 0 && c.PostgreSQL() && c.SecretKey == nil {
		*p = append(*p, "TRIAGE_SECRET_KEY: is required with PostgreSQL, where every instance must share it; "+
			"set it to at least 32 random bytes, e.g. the output of `openssl rand -hex 32`")
	}
	if c.Role == "" {
		c.Role = RoleAll
	}
	if c.Role != RoleAll && !c.PostgreSQL() {
		*p = append(*p, fmt.Sprintf("TRIAGE_ROLE=%q: web and worker processes share work through PostgreSQL; "+
			"on SQLite run one process with role all", c.Role))
	}
	if c.MailFrom == nil {
		c.MailFrom = &mail.Address{Name: "Triage", Address: "noreply@" + mailHost(c.BaseURL)}
	}
	if c.PostgreSQL() && c.DBMaxConns > 0 && c.DBMaxConns < 4 {
		*p = append(*p, fmt.Sprintf("TRIAGE_DB_MAX_CONNS=%d: must be at least 4 on PostgreSQL, where migrations, "+
			"live updates and background jobs each hold a connection (0 takes the driver's default)", c.DBMaxConns))
	}
	if c.DBMaxConns > 0 && c.DBMinConns > c.DBMaxConns {
		*p = append(*p, fmt.Sprintf("TRIAGE_DB_MIN_CONNS=%d: must not exceed TRIAGE_DB_MAX_CONNS=%d",
			c.DBMinConns, c.DBMaxConns))
	}
}

// shown is how a raw value appears in an error message: secrets never do,
// and database URLs lose their password.
func shown(s setting, raw string) string {
	switch s.env {
	case "TRIAGE_SECRET_KEY":
		return "(hidden)"
	case "TRIAGE_DATABASE_URL", "TRIAGE_SMTP_URL":
		return redactURL(raw)
	}
	return fmt.Sprintf("%q", raw)
}

type problems []string

func (p *problems) add(source, value, msg string) {
	*p = append(*p, fmt.Sprintf("%s=%s: %s", source, value, msg))
}

// rawValue keeps a flag's text until Load parses it with the same code that
// parses the environment, and remembers whether it was given.
type rawValue struct {
	s       string
	set     bool
	boolean bool
}

func (v *rawValue) String() string {
	if v == nil {
		return ""
	}
	return v.s
}

func (v *rawValue) Set(s string) error {
	v.s, v.set = s, true
	return nil
}

// IsBoolFlag lets boolean settings be given as a bare --flag.
func (v *rawValue) IsBoolFlag() bool { return v.boolean }

// mailHost is the host name of baseURL, for a default From address.
func mailHost(baseURL string) string {
	u, err := url.Parse(baseURL)
	if err != nil || u.Hostname() == "" {
		return "localhost"
	}
	return u.Hostname()
}
