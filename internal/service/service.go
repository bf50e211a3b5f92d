// Package service holds Triage's use cases: who may do what, ticket state
// transitions, authentication and sessions, and the audit trail. Every
// change runs in one store transaction together with its audit entry.
package service

import (
	"context"
	"crypto/hkdf"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/password"
	"github.com/triagehq/triage/internal/sealed"
)

// Options configures a Service. Zero durations take the defaults below.
type Options struct {
	Store helpdesk.Store
	// Secret is the server's secret key (at least 32 bytes); the JWT signing
	// key and other keys are derived from it.
	Secret []byte
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Render turns a comment body (Markdown) into sanitized HTML.
	Render func(body string) string
	// Registration allows customers to sign up by themselves.
	Registration bool
	// CacheSessions keeps authenticated sessions in memory for a few
	// seconds. Only safe when this process sees every change to sessions
	// and users (a single instance on SQLite).
	CacheSessions bool
	AccessTTL     time.Duration // default 15m
	RefreshTTL    time.Duration // default 30 days (also the session lifetime)
	ResetTTL      time.Duration // default 1h
	// PasswordParams are the argon2id costs for new hashes; zero fields
	// take password.DefaultParams. Only tests lower them.
	PasswordParams password.Params
	// Events receives domain events after commit (the realtime bus); nil
	// publishes nothing.
	Events Publisher
	// ResetMailKey (ResetMailKey of the secret) seals the token of a
	// password reset a user asks for into a job that mails it; nil queues
	// no mail, for servers without email.
	ResetMailKey []byte
	Logger       *slog.Logger
}

// Default lifetimes.
const (
	DefaultAccessTTL  = 15 * time.Minute
	DefaultRefreshTTL = 30 * 24 * time.Hour
	DefaultResetTTL   = time.Hour
)

// Service carries out Triage's use cases on a Store.
type Service struct {
	store        helpdesk.Store
	now          func() time.Time
	render       func(string) string
	log          *slog.Logger
	registration bool
	accessTTL    time.Duration
	refreshTTL   time.Duration
	resetTTL     time.Duration
	// jwtKey signs access tokens; derived from the secret, never the secret.
	jwtKey []byte
	// sessions caches authenticated principals by session id; nil when
	// caching is off. Every revocation path must call forgetSessions.
	sessions *sessionCache
	// hasher hashes and verifies passwords.
	hasher *password.Hasher
	// events carries committed changes to live clients; nil for none.
	events Publisher
	// sockets closes and re-scopes live connections; nil for none.
	sockets Sockets
	// jobs is the background job queue admins manage; nil for none.
	jobs JobQueue
	// resetMailKey seals reset tokens for the mail job; nil mails none.
	resetMailKey []byte
	// viewCounts caches saved-view counts until tickets change.
	viewCounts countCache
}

// New returns a Service for opts.
func New(opts Options) (*Service, error) {
	if opts.Store == nil {
		return nil, errors.New("service: a store is required")
	}
	if len(opts.Secret) < 32 {
		return nil, errors.New("service: the secret key must be at least 32 bytes")
	}
	key, err := hkdf.Key(sha256.New, opts.Secret, nil, "triage access-token v1", 32)
	if err != nil {
		return nil, fmt.Errorf("derive signing key: %w", err)
	}
	s := &Service{
		store:        opts.Store,
		now:          opts.Now,
		render:       opts.Render,
		log:          opts.Logger,
		registration: opts.Registration,
		accessTTL:    orDefault(opts.AccessTTL, DefaultAccessTTL),
		refreshTTL:   orDefault(opts.RefreshTTL, DefaultRefreshTTL),
		resetTTL:     orDefault(opts.ResetTTL, DefaultResetTTL),
		jwtKey:       key,
		hasher:       password.NewHasher(opts.PasswordParams),
		events:       opts.Events,
		resetMailKey: opts.ResetMailKey,
	}
	if n := len(opts.ResetMailKey); n != 0 && n != sealed.KeySize {
		return nil, fmt.Errorf("service: the reset mail key is %d bytes, want %d", n, sealed.KeySize)
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.render == nil {
		return nil, errors.New("service: a Markdown renderer is required")
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if opts.CacheSessions {
		s.sessions = newSessionCache()
	}
	return s, nil
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}

// clock returns the current time as stored: UTC, microsecond precision.
func (s *Service) clock() time.Time {
	return s.now().UTC().Truncate(time.Microsecond)
}

// audit appends one entry to the audit log inside tx. before and after are
// marshalled to JSON objects; nil leaves them empty. actor may be nil for
// anonymous events (failed logins) and the CLI.
func (s *Service) audit(ctx context.Context, tx helpdesk.Tx, actor *helpdesk.Principal, action, targetType, targetID string, before, after any) error {
	meta := helpdesk.RequestMetaFrom(ctx)
	e := &helpdesk.AuditEntry{
		CreatedAt:  s.clock(),
		Action:     action,
		TargetType: targetType,
		TargetID:   targetID,
		IP:         meta.IP,
		RequestID:  meta.RequestID,
	}
	if actor != nil && actor.User != nil {
		id := actor.User.ID
		e.ActorID = &id
	}
	var err error
	if e.Before, err = marshalAudit(before); err != nil {
		return err
	}
	if e.After, err = marshalAudit(after); err != nil {
		return err
	}
	if err := tx.AppendAudit(ctx, e); err != nil {
		return fmt.Errorf("append audit %s: %w", action, err)
	}
	return nil
}

func marshalAudit(v any) ([]byte, error) {
	if v == nil {
		return nil, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("marshal audit state: %w", err)
	}
	return b, nil
}
