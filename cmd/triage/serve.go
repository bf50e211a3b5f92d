package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/triagehq/triage/internal/config"
	"github.com/triagehq/triage/internal/httpapi"
)

// HTTP server timeouts. They bound how long a slow or idle client can hold
// a connection; request bodies are small, so reading them never needs long.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 120 * time.Second
	maxHeaderBytes    = 64 << 10
)

func serve(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "serve", "serve [flags]")
	cf := config.Register(fs, config.ScopeStore|config.ScopeSecret|config.ScopeServer|config.ScopeMigrate)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{msg: fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	cfg, err := cf.Load(e.getenv)
	if err != nil {
		return err
	}
	if err := cfg.EnsureSecret(); err != nil {
		return err
	}
	log := newLogger(cfg, e.stderr)
	v := buildVersion()
	log.Info("starting triage", "version", v.version, "commit", v.commit, "database", engine(cfg), "role", cfg.Role)

	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := prepareSchema(ctx, st, cfg, log); err != nil {
		return err
	}
	app, err := assemble(ctx, cfg, st, log)
	if err != nil {
		return err
	}
	defer app.close()
	if err := app.jobs.Start(ctx); err != nil {
		return fmt.Errorf("start background jobs: %w", err)
	}
	if cfg.RunsWeb() {
		err = listenAndServe(ctx, cfg, app.api.Handler(), log, app.hub.Close)
	} else {
		// A worker serves only its health probes.
		log.Info("triage worker is running", "queues", "default")
		err = listenAndServe(ctx, cfg, httpapi.Probes(app.svc.Ready, log), log, func() {})
	}
	// Running jobs get the shutdown grace period to finish; whatever is
	// still running then is cancelled and retried by the next worker.
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if jerr := app.jobs.Stop(sctx); jerr != nil && err == nil {
		err = fmt.Errorf("stop background jobs: %w", jerr)
	}
	if err == nil {
		log.Info("stopped")
	}
	return err
}

// listenAndServe serves h until ctx ends, then shuts down gracefully: it
// stops accepting connections and waits up to cfg.ShutdownTimeout for
// requests in flight.
func listenAndServe(ctx context.Context, cfg *config.Config, h http.Handler, log *slog.Logger, beforeShutdown func()) error {
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	log.Info("triage is listening", "url", cfg.BaseURL, "addr", ln.Addr().String())

	select {
	case err := <-errc:
		return fmt.Errorf("serve http: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", cfg.ShutdownTimeout.String())
	// Live sockets are hijacked connections Shutdown does not wait for:
	// close them first, telling clients to reconnect elsewhere.
	beforeShutdown()
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
		return fmt.Errorf("graceful shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve http: %w", err)
	}
	return nil
}
