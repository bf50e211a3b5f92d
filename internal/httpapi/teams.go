package httpapi

import (
	"net/http"

	"github.com/triagehq/triage/internal/helpdesk"
)

func (s *Server) listTeams(w http.ResponseWriter, r *http.Request) {
	teams, err := s.svc.ListTeams(r.Context(), principalFrom(r.Context()))
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list[*helpdesk.Team]{Items: teams})
}

type newTeam struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

func (s *Server) createTeam(w http.ResponseWriter, r *http.Request) {
	var in newTeam
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	t, err := s.svc.CreateTeam(r.Context(), principalFrom(r.Context()), helpdesk.Team{Name: in.Name, Description: in.Description})
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, t)
}

func (s *Server) getTeam(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	t, err := s.svc.GetTeam(r.Context(), principalFrom(r.Context()), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, t)
}

type teamPatch struct {
	Name        optional[string] `json:"name"`
	Description optional[string] `json:"description"`
}

func (s *Server) updateTeam(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	var (
		in teamPatch
		v  helpdesk.Validation
	)
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	u := helpdesk.TeamUpdate{Name: in.Name.ptr(&v, "name"), Description: in.Description.ptr(&v, "description")}
	if err := v.Err(); err != nil {
		s.error(w, r, err)
		return
	}
	t, err := s.svc.UpdateTeam(r.Context(), principalFrom(r.Context()), id, u)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, t)
}

func (s *Server) deleteTeam(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.svc.DeleteTeam(r.Context(), principalFrom(r.Context()), id); err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) listTeamMembers(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	users, err := s.svc.ListTeamMembers(r.Context(), principalFrom(r.Context()), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list[*helpdesk.User]{Items: users})
}

// memberIDs reads the team and user ids of a membership route.
func memberIDs(r *http.Request) (teamID, userID int64, err error) {
	if teamID, err = pathID(r, "id"); err != nil {
		return 0, 0, err
	}
	if userID, err = pathID(r, "user_id"); err != nil {
		return 0, 0, err
	}
	return teamID, userID, nil
}

// addTeamMember is idempotent, as PUT should be.
func (s *Server) addTeamMember(w http.ResponseWriter, r *http.Request) {
	teamID, userID, err := memberIDs(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.svc.AddTeamMember(r.Context(), principalFrom(r.Context()), teamID, userID); err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *Server) removeTeamMember(w http.ResponseWriter, r *http.Request) {
	teamID, userID, err := memberIDs(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	if err := s.svc.RemoveTeamMember(r.Context(), principalFrom(r.Context()), teamID, userID); err != nil {
		s.error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
