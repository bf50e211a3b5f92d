package httpapi

import (
	"net/http"
	"strconv"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

func (s *Server) listTickets(w http.ResponseWriter, r *http.Request) {
	if q := r.URL.Query(); q.Has("q") {
		s.searchTickets(w, r, q.Get("q"))
		return
	}
	p := principalFrom(r.Context())
	f, err := s.ticketFilter(r, p)
	if err != nil {
		s.error(w, r, err)
		return
	}
	items, next, err := s.svc.ListTickets(r.Context(), p, f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	shaped, err := s.ticketsJSON(r, items)
	if err != nil {
		s.error(w, r, err)
		return
	}
	out := page[ticketJSON]{Items: shaped}
	if next != nil {
		c := s.cursors.encode(ticketsCursor, next)
		out.NextCursor = &c
	}
	writeJSON(w, http.StatusOK, out)
}

type newTicket struct {
	Subject     string              `json:"subject"`
	Body        string              `json:"body"`
	Priority    helpdesk.Priority   `json:"priority"`
	Type        helpdesk.TicketType `json:"type"`
	Status      helpdesk.Status     `json:"status"`
	RequesterID *int64              `json:"requester_id"`
	AssigneeID  *int64              `json:"assignee_id"`
	TeamID      *int64              `json:"team_id"`
	Tags        []string            `json:"tags"`
}

func (s *Server) createTicket(w http.ResponseWriter, r *http.Request) {
	var in newTicket
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	t, err := s.svc.CreateTicket(r.Context(), principalFrom(r.Context()), service.NewTicket{
		Subject: in.Subject, Body: in.Body, Priority: in.Priority, Type: in.Type, Status: in.Status,
		RequesterID: in.RequesterID, AssigneeID: in.AssigneeID, TeamID: in.TeamID, Tags: in.Tags,
	})
	if err != nil {
		s.error(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/tickets/"+strconv.FormatInt(t.ID, 10))
	s.writeTicket(w, r, http.StatusCreated, t)
}

func (s *Server) getTicket(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	t, err := s.svc.GetTicket(r.Context(), principalFrom(r.Context()), id)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.writeTicket(w, r, http.StatusOK, t)
}

// ticketPatch is the body of PATCH /tickets/{id}: an absent field stays as
// it is; null clears assignee_id and team_id and is refused elsewhere.
type ticketPatch struct {
	Subject    optional[string]              `json:"subject"`
	Status     optional[helpdesk.Status]     `json:"status"`
	Priority   optional[helpdesk.Priority]   `json:"priority"`
	Type       optional[helpdesk.TicketType] `json:"type"`
	AssigneeID optional[int64]               `json:"assignee_id"`
	TeamID     optional[int64]               `json:"team_id"`
	Tags       optional[[]string]            `json:"tags"`
}

func (in ticketPatch) update() (helpdesk.TicketUpdate, error) {
	var v helpdesk.Validation
	u, err := in.fields(&v)
	if err != nil {
		return u, err
	}
	if u.Empty() {
		return u, helpdesk.Errorf(helpdesk.EINVALID, "The request changes nothing; send at least one field.")
	}
	return u, nil
}

// fields turns the patch into a ticket update, adding problems to v and
// returning v's error.
func (in ticketPatch) fields(v *helpdesk.Validation) (helpdesk.TicketUpdate, error) {
	u := helpdesk.TicketUpdate{
		Subject:       in.Subject.ptr(v, "subject"),
		Status:        in.Status.ptr(v, "status"),
		Priority:      in.Priority.ptr(v, "priority"),
		Type:          in.Type.ptr(v, "type"),
		Tags:          in.Tags.ptr(v, "tags"),
		ClearAssignee: in.AssigneeID.Null,
		ClearTeam:     in.TeamID.Null,
	}
	if in.AssigneeID.Set && !in.AssigneeID.Null {
		u.AssigneeID = &in.AssigneeID.Value
	}
	if in.TeamID.Set && !in.TeamID.Null {
		u.TeamID = &in.TeamID.Value
	}
	return u, v.Err()
}

func (s *Server) updateTicket(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		s.error(w, r, err)
		return
	}
	var in ticketPatch
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	u, err := in.update()
	if err != nil {
		s.error(w, r, err)
		return
	}
	t, err := s.svc.UpdateTicket(r.Context(), principalFrom(r.Context()), id, u)
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.writeTicket(w, r, http.StatusOK, t)
}
