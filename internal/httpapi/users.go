package httpapi

import (
	"net/http"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

const usersCursor = "users"

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request) {
	f, err := s.userFilter(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	users, next, err := s.svc.ListUsers(r.Context(), principalFrom(r.Context()), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, page[*helpdesk.User]{Items: users, NextCursor: s.cursors.idCursor(usersCursor, next)})
}

// userFilter reads the user list's query parameters.
func (s *Server) userFilter(r *http.Request) (helpdesk.UserFilter, error) {
	var (
		f   helpdesk.UserFilter
		v   helpdesk.Validation
		err error
	)
	q := r.URL.Query()
	if f.Limit, err = queryLimit(r); err != nil {
		return f, err
	}
	if f.AfterID, err = s.cursors.decodeID(usersCursor, q.Get("cursor")); err != nil {
		return f, err
	}
	f.Roles = queryEnums(&v, r, "role", []helpdesk.Role{helpdesk.RoleAdmin, helpdesk.RoleAgent, helpdesk.RoleCustomer})
	f.Active = queryBool(&v, r, "active")
	f.Email = q.Get("email")
	f.Query = q.Get("q")
	f.TeamID = queryID(&v, r, "team")
	return f, v.Err()
}

type newUser struct {
	Email    string        `json:"email"`
	Name     string        `json:"name"`
	Role     helpdesk.Role `json:"role"`
	Password string        `json:"password"`
	TimeZone string        `json:"time_zone"`
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request) {
	var in newUser
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	u, err := s.svc.CreateUser(r.Context(), principalFrom(r.Context()), service.NewUser{
		Email: in.Email, Name: in.Name, Role: in.Role, Password: in.Password, TimeZone: in.TimeZone,
	})
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, u)
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	u, err := s.svc.GetUser(r.Context(), principalFrom(r.Context()), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, u)
}

func (s *Server) updateUser(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	u, err := decodeUserPatch(r)
	if err != nil {
		s.error(w, r, err)
		return
	}
	user, err := s.svc.UpdateUser(r.Context(), principalFrom(r.Context()), id, u)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, user)
}

// userPatch is the body of PATCH /users/{id} and PATCH /me. None of its
// fields can be cleared, so null is refused.
type userPatch struct {
	Email    optional[string]        `json:"email"`
	Name     optional[string]        `json:"name"`
	Role     optional[helpdesk.Role] `json:"role"`
	Active   optional[bool]          `json:"active"`
	TimeZone optional[string]        `json:"time_zone"`
}

func decodeUserPatch(r *http.Request) (helpdesk.UserUpdate, error) {
	var (
		in userPatch
		v  helpdesk.Validation
	)
	if err := decode(r, &in); err != nil {
		return helpdesk.UserUpdate{}, err
	}
	u := helpdesk.UserUpdate{
		Email:    in.Email.ptr(&v, "email"),
		Name:     in.Name.ptr(&v, "name"),
		Role:     in.Role.ptr(&v, "role"),
		Active:   in.Active.ptr(&v, "active"),
		TimeZone: in.TimeZone.ptr(&v, "time_zone"),
	}
	return u, v.Err()
}
