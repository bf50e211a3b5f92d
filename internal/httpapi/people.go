package httpapi

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// userSummary is a person shown next to a ticket: id and name, and the
// email of a requester when the caller is staff.
type userSummary struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Email string `json:"email,omitempty"`
}

// authorSummary is the author shown with a comment.
type authorSummary struct {
	ID   int64         `json:"id"`
	Name string        `json:"name"`
	Role helpdesk.Role `json:"role"`
}

// staffOnly is a field that staff callers receive, null or not, and that
// is left out entirely for customers.
type staffOnly[T any] struct {
	value T
	shown bool
}

// IsZero tells encoding/json's omitzero to leave the field out when it is
// not shown.
func (f staffOnly[T]) IsZero() bool { return !f.shown }

// MarshalJSON writes the value itself.
func (f staffOnly[T]) MarshalJSON() ([]byte, error) { return json.Marshal(f.value) }

// ticketJSON is a ticket as the API shows it: with its requester and
// assignee embedded, and without the internal triage fields (team, tags)
// when the caller is a customer.
type ticketJSON struct {
	ID              int64               `json:"id"`
	Subject         string              `json:"subject"`
	Status          helpdesk.Status     `json:"status"`
	Priority        helpdesk.Priority   `json:"priority"`
	Type            helpdesk.TicketType `json:"type"`
	RequesterID     int64               `json:"requester_id"`
	Requester       userSummary         `json:"requester"`
	AssigneeID      *int64              `json:"assignee_id"`
	Assignee        *userSummary        `json:"assignee"`
	TeamID          staffOnly[*int64]   `json:"team_id,omitzero"`
	Tags            staffOnly[[]string] `json:"tags,omitzero"`
	CreatedAt       time.Time           `json:"created_at"`
	UpdatedAt       time.Time           `json:"updated_at"`
	SolvedAt        *time.Time          `json:"solved_at"`
	FirstResponseAt *time.Time          `json:"first_response_at"`
	// Snippet is where a search's words matched; only in search results.
	Snippet *helpdesk.Snippet `json:"snippet,omitempty"`
}

// commentJSON is a comment with its author embedded.
type commentJSON struct {
	*helpdesk.Comment
	Author authorSummary `json:"author"`
}

// people is the users one response mentions, looked up together.
type people struct {
	staff bool
	users map[int64]*helpdesk.User
}

// lookupPeople loads the users ids name, in one batch. The ids must come
// from objects the caller was allowed to see: the lookup itself checks
// nothing.
func (s *Server) lookupPeople(r *http.Request, ids []int64) (*people, error) {
	p := principalFrom(r.Context())
	users, err := s.svc.UserSummaries(r.Context(), p, ids)
	if err != nil {
		return nil, err
	}
	return &people{staff: p.User.Role.Staff(), users: users}, nil
}

// name returns the name of user id ("" if the user is gone).
func (pp *people) name(id int64) string {
	if u := pp.users[id]; u != nil {
		return u.Name
	}
	return ""
}

// ticket shapes t for the caller.
func (pp *people) ticket(t *helpdesk.Ticket) ticketJSON {
	out := ticketJSON{
		ID: t.ID, Subject: t.Subject, Status: t.Status, Priority: t.Priority, Type: t.Type,
		RequesterID: t.RequesterID, Requester: userSummary{ID: t.RequesterID, Name: pp.name(t.RequesterID)},
		AssigneeID: t.AssigneeID, CreatedAt: t.CreatedAt, UpdatedAt: t.UpdatedAt,
		SolvedAt: t.SolvedAt, FirstResponseAt: t.FirstResponseAt,
	}
	if pp.staff {
		if u := pp.users[t.RequesterID]; u != nil {
			out.Requester.Email = u.Email
		}
		tags := t.Tags
		if tags == nil {
			tags = []string{}
		}
		out.TeamID = staffOnly[*int64]{value: t.TeamID, shown: true}
		out.Tags = staffOnly[[]string]{value: tags, shown: true}
	}
	if t.AssigneeID != nil {
		out.Assignee = &userSummary{ID: *t.AssigneeID, Name: pp.name(*t.AssigneeID)}
	}
	return out
}

// comment shapes c for the caller.
func (pp *people) comment(c *helpdesk.Comment) commentJSON {
	a := authorSummary{ID: c.AuthorID}
	if u := pp.users[c.AuthorID]; u != nil {
		a.Name, a.Role = u.Name, u.Role
	}
	return commentJSON{Comment: c, Author: a}
}

// ticketPeople returns the ids of the people tickets mention.
func ticketPeople(tickets ...*helpdesk.Ticket) []int64 {
	ids := make([]int64, 0, 2*len(tickets))
	for _, t := range tickets {
		if t == nil {
			continue
		}
		ids = append(ids, t.RequesterID)
		if t.AssigneeID != nil {
			ids = append(ids, *t.AssigneeID)
		}
	}
	return ids
}

// ticketsJSON shapes tickets for the caller, with one user lookup.
func (s *Server) ticketsJSON(r *http.Request, tickets []*helpdesk.Ticket) ([]ticketJSON, error) {
	pp, err := s.lookupPeople(r, ticketPeople(tickets...))
	if err != nil {
		return nil, err
	}
	out := make([]ticketJSON, len(tickets))
	for i, t := range tickets {
		out[i] = pp.ticket(t)
	}
	return out, nil
}

// writeTicket sends one ticket shaped for the caller.
func (s *Server) writeTicket(w http.ResponseWriter, r *http.Request, status int, t *helpdesk.Ticket) {
	out, err := s.ticketsJSON(r, []*helpdesk.Ticket{t})
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, status, out[0])
}

// commentsJSON shapes comments for the caller, with one user lookup.
func (s *Server) commentsJSON(r *http.Request, comments []*helpdesk.Comment) ([]commentJSON, error) {
	ids := make([]int64, len(comments))
	for i, c := range comments {
		ids[i] = c.AuthorID
	}
	pp, err := s.lookupPeople(r, ids)
	if err != nil {
		return nil, err
	}
	out := make([]commentJSON, len(comments))
	for i, c := range comments {
		out[i] = pp.comment(c)
	}
	return out, nil
}

// writeComment sends one comment with its author.
func (s *Server) writeComment(w http.ResponseWriter, r *http.Request, status int, c *helpdesk.Comment) {
	out, err := s.commentsJSON(r, []*helpdesk.Comment{c})
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, status, out[0])
}
