package httpapi

import (
	"net/http"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/jobs"
	"github.com/triagehq/triage/internal/service"
)

// jobCursor names the job list's cursors.
const jobCursor = "jobs"

func (s *Server) listJobs(w http.ResponseWriter, r *http.Request) {
	var (
		f   jobs.ListFilter
		v   helpdesk.Validation
		err error
	)
	if f.Limit, err = queryLimit(r); err != nil {
		s.error(w, r, err)
		return
	}
	if f.AfterID, err = s.cursors.decodeID(jobCursor, r.URL.Query().Get("cursor")); err != nil {
		s.error(w, r, err)
		return
	}
	f.States = queryEnums(&v, r, "state", service.JobStates)
	if err := v.Err(); err != nil {
		s.error(w, r, err)
		return
	}
	list, err := s.svc.ListJobs(r.Context(), principalFrom(r.Context()), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	var next int64
	if len(list) == f.Limit {
		next = list[len(list)-1].ID
	}
	writeJSON(w, http.StatusOK, page[jobs.Job]{Items: list, NextCursor: s.cursors.idCursor(jobCursor, next)})
}

func (s *Server) retryJob(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	j, err := s.svc.RetryJob(r.Context(), principalFrom(r.Context()), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, j)
}

func (s *Server) discardJob(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	if _, err := s.svc.DiscardJob(r.Context(), principalFrom(r.Context()), id); err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
