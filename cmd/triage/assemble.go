package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"github.com/triagehq/triage/internal/config"
	"github.com/triagehq/triage/internal/httpapi"
	"github.com/triagehq/triage/internal/jobs"
	"github.com/triagehq/triage/internal/mail"
	"github.com/triagehq/triage/internal/markdown"
	"github.com/triagehq/triage/internal/notify"
	"github.com/triagehq/triage/internal/postgres"
	"github.com/triagehq/triage/internal/realtime"
	"github.com/triagehq/triage/internal/service"
	"github.com/triagehq/triage/internal/sqlite"
	"github.com/triagehq/triage/web"
)

// application is everything `serve` runs, wired for the process's role.
type application struct {
	svc  *service.Service
	api  *httpapi.Server // nil for a worker
	hub  *realtime.Hub   // nil for a worker
	jobs *jobs.Runner
	// closers run in reverse order on close.
	closers []func()
}

func (a *application) close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
}

// realtimeChannel is the PostgreSQL NOTIFY channel live events travel on.
const realtimeChannel = "triage_events"

// assemble builds the application on an open, migrated store.
func assemble(ctx context.Context, cfg *config.Config, st store, log *slog.Logger) (_ *application, err error) {
	a := &application{}
	defer func() {
		if err != nil {
			a.close()
		}
	}()

	// Events go through PostgreSQL between instances, and stay in the
	// process on SQLite, which has one.
	var bus interface {
		realtime.Bus
		Close()
	}
	switch db := st.(type) {
	case *postgres.DB:
		b := realtime.NewPGBus(db.Pool(), realtimeChannel, log)
		if err := b.Start(ctx); err != nil {
			return nil, fmt.Errorf("start live event bus: %w", err)
		}
		bus = b
	default:
		bus = realtime.NewLocalBus()
	}
	a.closers = append(a.closers, bus.Close)

	// A reset a user asks for is mailed only when there is mail to send:
	// without TRIAGE_SMTP_URL no job is queued (an admin issues the link).
	resetKey, err := service.ResetMailKey(cfg.SecretKey)
	if err != nil {
		return nil, err
	}
	var resetMailKey []byte
	if cfg.SMTPURL != "" {
		resetMailKey = resetKey
	}
	a.svc, err = service.New(service.Options{
		Store:        st,
		Secret:       cfg.SecretKey,
		Render:       markdown.New().Render,
		Registration: cfg.Registration,
		// Only a single process on SQLite sees every session change, so
		// only there may sessions be cached.
		CacheSessions: !cfg.PostgreSQL(),
		Events:        bus,
		ResetMailKey:  resetMailKey,
		Logger:        log,
	})
	if err != nil {
		return nil, err
	}
	unsubscribeKey, err := service.UnsubscribeKey(cfg.SecretKey)
	if err != nil {
		return nil, err
	}

	var workers *river.Workers
	if cfg.RunsWorker() {
		workers = river.NewWorkers()
		deps := notify.Deps{
			Store: st, Events: bus, BaseURL: cfg.BaseURL, SiteName: cfg.SiteName,
			UnsubscribeKey: unsubscribeKey, ResetKey: resetKey, Logger: log,
		}
		if cfg.SMTPURL != "" {
			sc, err := mail.ParseSMTPURL(cfg.SMTPURL)
			if err != nil {
				return nil, fmt.Errorf("TRIAGE_SMTP_URL: %w", err)
			}
			sc.From = *cfg.MailFrom
			if err := sc.Validate(); err != nil {
				return nil, fmt.Errorf("mail settings: %w", err)
			}
			deps.Mailer = mail.NewSMTP(sc)
			log.Info("email is on", "smtp_host", sc.Host, "from", cfg.MailFrom.Address)
		} else {
			log.Info("email is off: set TRIAGE_SMTP_URL to send notifications by mail")
		}
		notify.Register(workers, deps)
	}
	jcfg := jobs.Config{Workers: workers, Logger: log}
	switch db := st.(type) {
	case *postgres.DB:
		a.jobs, err = jobs.NewPostgres(db.Pool(), jcfg)
	case *sqlite.DB:
		a.jobs, err = jobs.NewSQLite(db.JobDB(), jcfg)
	default:
		err = fmt.Errorf("no job queue for store %T", st)
	}
	if err != nil {
		return nil, fmt.Errorf("job queue: %w", err)
	}
	a.svc.AttachJobs(a.jobs)

	if !cfg.RunsWeb() {
		return a, nil
	}
	a.hub = realtime.NewHub(bus, a.svc.RealtimeAuthorizer(), realtime.Config{
		// A socket is authorized no longer than an access token would be
		// without checking the session again.
		MaxLifetime: service.DefaultAccessTTL,
		Logger:      log,
	})
	if err := a.hub.Start(ctx); err != nil {
		return nil, fmt.Errorf("start live hub: %w", err)
	}
	a.closers = append(a.closers, a.hub.Close)
	a.svc.AttachSockets(a.hub)
	// Other instances' changes reach this one's cached view counts
	// through the same bus.
	stopFollowing, err := a.svc.FollowChanges(ctx, bus)
	if err != nil {
		return nil, err
	}
	a.closers = append(a.closers, stopFollowing)

	cursorKey, err := config.CursorKey(cfg.SecretKey)
	if err != nil {
		return nil, err
	}
	a.api = httpapi.NewServer(a.svc, httpapi.Config{
		BaseURL:        cfg.BaseURL,
		TLS:            cfg.TLS(),
		CORSOrigins:    cfg.CORSOrigins,
		TrustedProxies: cfg.TrustedProxies,
		MaxBodyBytes:   cfg.MaxBodyBytes,
		RateLimits:     httpapi.RateLimits{General: httpapi.Rate{Events: cfg.RateLimit, Per: time.Minute}},
		CursorKey:      cursorKey,
		UnsubscribeKey: unsubscribeKey,
		Registration:   cfg.Registration,
		Logger:         log,
		Ready:          a.svc.Ready,
		App:            web.Handler(),
		Live:           a.hub,
	})
	a.closers = append(a.closers, func() { a.api.Close() })
	return a, nil
}
