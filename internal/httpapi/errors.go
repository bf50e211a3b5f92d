package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/triagehq/triage/internal/helpdesk"
)

// codeStatus is the one map from domain error codes to HTTP statuses.
var codeStatus = map[string]int{
	helpdesk.EINVALID:      http.StatusBadRequest,
	helpdesk.EUNAUTHORIZED: http.StatusUnauthorized,
	helpdesk.EFORBIDDEN:    http.StatusForbidden,
	helpdesk.ENOTFOUND:     http.StatusNotFound,
	helpdesk.ECONFLICT:     http.StatusConflict,
	helpdesk.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	helpdesk.ERATELIMIT:    http.StatusTooManyRequests,
	helpdesk.EUNAVAILABLE:  http.StatusForbidden,
	helpdesk.EINTERNAL:     http.StatusInternalServerError,
}

// codeTitle is the short, fixed summary of each code's problem type.
var codeTitle = map[string]string{
	helpdesk.EINVALID:      "Invalid input",
	helpdesk.EUNAUTHORIZED: "Authentication required",
	helpdesk.EFORBIDDEN:    "Forbidden",
	helpdesk.ENOTFOUND:     "Not found",
	helpdesk.ECONFLICT:     "Conflict",
	helpdesk.ETOOLARGE:     "Payload too large",
	helpdesk.ERATELIMIT:    "Too many requests",
	helpdesk.EUNAVAILABLE:  "Feature unavailable",
	helpdesk.EINTERNAL:     "Internal error",
}

// problemTypePrefix starts every problem type URI; the code follows it.
// The URIs identify problem types and are not meant to be dereferenced.
const problemTypePrefix = "urn:triage:problem:"

// Problem is an RFC 9457 problem details object.
type Problem struct {
	Type      string                `json:"type"`
	Title     string                `json:"title"`
	Status    int                   `json:"status"`
	Detail    string                `json:"detail"`
	Instance  string                `json:"instance,omitempty"`
	Errors    []helpdesk.FieldError `json:"errors,omitempty"`
	RequestID string                `json:"request_id"`
}

// statusError is a failure of the HTTP exchange itself (a wrong method or
// media type, a server that is not ready) rather than of the domain.
type statusError struct {
	status int
	detail string
}

func (e *statusError) Error() string { return e.detail }

// Errors shared by several handlers.
var (
	errNotFound        = helpdesk.Errorf(helpdesk.ENOTFOUND, "Not found.")
	errUnauthenticated = helpdesk.Errorf(helpdesk.EUNAUTHORIZED, "Authentication required.")
	errEmptyBody       = helpdesk.Errorf(helpdesk.EINVALID, "The request body is empty; a JSON object is required.")
	errTooLarge        = helpdesk.Errorf(helpdesk.ETOOLARGE, "The request body is too large.")
)

// problemFor builds the problem for err. Internal errors keep their
// message to the log.
func problemFor(err error) Problem {
	var se *statusError
	if errors.As(err, &se) {
		return Problem{Type: "about:blank", Title: http.StatusText(se.status), Status: se.status, Detail: se.detail}
	}
	code := helpdesk.ErrorCode(err)
	status, ok := codeStatus[code]
	if !ok {
		code, status = helpdesk.EINTERNAL, http.StatusInternalServerError
	}
	p := Problem{
		Type:   problemTypePrefix + code,
		Title:  codeTitle[code],
		Status: status,
		Detail: helpdesk.ErrorMessage(err),
	}
	if code == helpdesk.EINTERNAL {
		p.Detail = "Internal error."
	} else if code == helpdesk.EINVALID {
		p.Errors = helpdesk.ErrorFields(err)
	}
	return p
}

// error writes err as a problem. An internal error is logged here, once,
// with the request id; its text never reaches the client.
func (s *Server) error(w http.ResponseWriter, r *http.Request, err error) {
	p := problemFor(err)
	info := infoFrom(r.Context())
	p.RequestID = info.requestID
	p.Instance = r.URL.Path
	if p.Status == http.StatusInternalServerError && r.Context().Err() != nil && errors.Is(err, context.Canceled) {
		// The client went away mid-request: nobody reads the answer, and
		// it is no fault of the server. 499 is what nginx logs for it.
		s.log.LogAttrs(r.Context(), slog.LevelDebug, "client gone",
			slog.String("request_id", info.requestID), slog.String("route", r.Pattern))
		w.WriteHeader(statusClientClosed)
		return
	}
	if p.Status == http.StatusInternalServerError {
		s.log.LogAttrs(r.Context(), slog.LevelError, "internal error",
			slog.String("request_id", info.requestID),
			slog.String("method", r.Method),
			slog.String("route", r.Pattern),
			slog.String("error", err.Error()))
	}
	writeProblem(w, p)
}

// statusClientClosed is nginx's code for a request whose client closed the
// connection before the answer.
const statusClientClosed = 499

// writeProblem sends p as application/problem+json.
func writeProblem(w http.ResponseWriter, p Problem) {
	if p.Status == http.StatusTooManyRequests && w.Header().Get("Retry-After") == "" {
		w.Header().Set("Retry-After", "1")
	}
	writeJSONType(w, "application/problem+json", p.Status, p)
}
