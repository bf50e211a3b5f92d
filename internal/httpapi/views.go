package httpapi

import (
	"net/http"
	"strconv"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

// viewJSON is a saved view as the API shows it to one caller.
type viewJSON struct {
	*helpdesk.SavedView
	CanEdit bool `json:"can_edit"`
}

// countedViewJSON is an item of GET /views: a view with its count.
type countedViewJSON struct {
	viewJSON
	Count       int    `json:"count"`
	CountCapped bool   `json:"count_capped"`
	CountError  string `json:"count_error,omitempty"`
}

func viewOut(v *service.View) viewJSON {
	return viewJSON{SavedView: v.SavedView, CanEdit: v.CanEdit}
}

func (s *Server) listViews(w http.ResponseWriter, r *http.Request) {
	views, err := s.svc.ListViews(r.Context(), principalFrom(r.Context()))
	if err != nil {
		s.error(w, r, err)
		return
	}
	items := make([]countedViewJSON, len(views))
	for i, v := range views {
		items[i] = countedViewJSON{viewJSON: viewOut(&v.View), Count: v.Count, CountCapped: v.Capped,
			CountError: v.CountError}
	}
	writeJSON(w, http.StatusOK, list[countedViewJSON]{Items: items})
}

type newView struct {
	Name    string              `json:"name"`
	Query   string              `json:"query"`
	Sort    helpdesk.TicketSort `json:"sort"`
	Columns []string            `json:"columns"`
	Scope   string              `json:"scope"`
	TeamID  *int64              `json:"team_id"`
}

func (s *Server) createView(w http.ResponseWriter, r *http.Request) {
	var in newView
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	v, err := s.svc.CreateView(r.Context(), principalFrom(r.Context()), service.NewView{
		Name: in.Name, Query: in.Query, Sort: in.Sort, Columns: in.Columns, Scope: in.Scope, TeamID: in.TeamID,
	})
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/views/"+strconv.FormatInt(v.ID, 10))
	writeJSON(w, http.StatusCreated, viewOut(v))
}

func (s *Server) getView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	v, err := s.svc.GetView(r.Context(), principalFrom(r.Context()), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, viewOut(v))
}

// viewPatch is the body of PATCH /views/{id}: an absent field stays as it
// is; null is refused except for team_id, which it clears.
type viewPatch struct {
	Name     optional[string]              `json:"name"`
	Query    optional[string]              `json:"query"`
	Sort     optional[helpdesk.TicketSort] `json:"sort"`
	Columns  optional[[]string]            `json:"columns"`
	Scope    optional[string]              `json:"scope"`
	TeamID   optional[int64]               `json:"team_id"`
	Position optional[int]                 `json:"position"`
}

func (in viewPatch) update() (service.ViewUpdate, error) {
	var v helpdesk.Validation
	u := service.ViewUpdate{
		Name:      in.Name.ptr(&v, "name"),
		Query:     in.Query.ptr(&v, "query"),
		Sort:      in.Sort.ptr(&v, "sort"),
		Scope:     in.Scope.ptr(&v, "scope"),
		Position:  in.Position.ptr(&v, "position"),
		ClearTeam: in.TeamID.Null,
	}
	if cols := in.Columns.ptr(&v, "columns"); cols != nil {
		u.Columns = *cols
		if u.Columns == nil {
			u.Columns = []string{}
		}
	}
	if in.TeamID.Set && !in.TeamID.Null {
		u.TeamID = &in.TeamID.Value
	}
	return u, v.Err()
}

func (s *Server) updateView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	var in viewPatch
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	u, err := in.update()
	if err != nil {
		s.error(w, r, err)
		return
	}
	v, err := s.svc.UpdateView(r.Context(), principalFrom(r.Context()), id, u)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, viewOut(v))
}

func (s *Server) deleteView(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.svc.DeleteView(r.Context(), principalFrom(r.Context()), id); err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
