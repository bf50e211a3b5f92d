package httpapi

import (
	"context"
	_ "embed"
	"log/slog"
	"net/http"
	"time"
)

// readyTimeout bounds a readiness check, so a stuck database makes the
// probe fail rather than hang.
const readyTimeout = 2 * time.Second

type status struct {
	Status string `json:"status"`
}

// livez answers as long as the process serves HTTP at all.
func (s *Server) livez(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, status{Status: "ok"})
}

// readyz answers 503 while the server should not take traffic: the
// database unreachable or its migrations behind.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), readyTimeout)
	defer cancel()
	if err := s.cfg.Ready(ctx); err != nil {
		s.log.LogAttrs(r.Context(), slog.LevelWarn, "not ready",
			slog.String("request_id", infoFrom(r.Context()).requestID),
			slog.String("error", err.Error()))
		s.error(w, r, &statusError{status: http.StatusServiceUnavailable, detail: "The service is not ready."})
		return
	}
	writeJSON(w, http.StatusOK, status{Status: "ok"})
}

//go:embed openapi.json
var openAPIDocument []byte

// openAPI serves the API's OpenAPI 3.1 description.
func (s *Server) openAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPIDocument)
}

// Probes serves only GET /livez and GET /readyz, for a process that runs
// no API (a `--role=worker`), so an orchestrator can probe it like any
// other instance. ready is the readiness check.
func Probes(ready func(ctx context.Context) error, log *slog.Logger) http.Handler {
	s := &Server{cfg: Config{Ready: ready}, log: log}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /livez", s.livez)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) { s.error(w, r, errNotFound) })
	return mux
}
