package httpapi

import (
	"log/slog"
	"net/http"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

// ticketCount is the answer of GET /tickets/count.
type ticketCount struct {
	Count  int  `json:"count"`
	Capped bool `json:"capped"`
}

func (s *Server) countTickets(w http.ResponseWriter, r *http.Request) {
	p := principalFrom(r.Context())
	f, err := ticketCountFilter(r, p)
	if err != nil {
		s.error(w, r, err)
		return
	}
	var n int
	var capped bool
	if q := r.URL.Query(); q.Has("q") {
		n, capped, err = s.svc.CountSearch(r.Context(), p, q.Get("q"), f)
	} else {
		n, capped, err = s.svc.CountTickets(r.Context(), p, f)
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, ticketCount{Count: n, Capped: capped})
}

// bulkPatch is the update of POST /tickets/bulk: PATCH /tickets/{id}'s
// fields but the subject, and tag edits.
type bulkPatch struct {
	Status     optional[helpdesk.Status]     `json:"status"`
	Priority   optional[helpdesk.Priority]   `json:"priority"`
	Type       optional[helpdesk.TicketType] `json:"type"`
	AssigneeID optional[int64]               `json:"assignee_id"`
	TeamID     optional[int64]               `json:"team_id"`
	Tags       optional[[]string]            `json:"tags"`
	AddTags    optional[[]string]            `json:"add_tags"`
	RemoveTags optional[[]string]            `json:"remove_tags"`
}

// bulkRequest is the body of POST /tickets/bulk.
type bulkRequest struct {
	IDs    []int64    `json:"ids"`
	Update *bulkPatch `json:"update"`
}

// update turns the body into the service's bulk update.
func (in bulkRequest) update() (service.BulkUpdate, error) {
	var v helpdesk.Validation
	if in.IDs == nil {
		v.Add("ids", "is required")
	}
	if in.Update == nil {
		v.Add("update", "is required")
		return service.BulkUpdate{}, v.Err()
	}
	p := in.Update
	// fields' error is v's so far; the tag edits below add to v too.
	u, _ := ticketPatch{Status: p.Status, Priority: p.Priority, Type: p.Type,
		AssigneeID: p.AssigneeID, TeamID: p.TeamID, Tags: p.Tags}.fields(&v)
	out := service.BulkUpdate{TicketUpdate: u}
	if add := p.AddTags.ptr(&v, "add_tags"); add != nil {
		out.AddTags = *add
	}
	if remove := p.RemoveTags.ptr(&v, "remove_tags"); remove != nil {
		out.RemoveTags = *remove
	}
	return out, v.Err()
}

// bulkItem is one ticket's outcome in the bulk answer.
type bulkItem struct {
	ID     int64       `json:"id"`
	Ticket *ticketJSON `json:"ticket,omitempty"`
	Error  *Problem    `json:"error,omitempty"`
}

func (s *Server) bulkUpdateTickets(w http.ResponseWriter, r *http.Request) {
	var in bulkRequest
	if err := decode(r, &in); err != nil {
		s.error(w, r, err)
		return
	}
	u, err := in.update()
	if err != nil {
		s.error(w, r, err)
		return
	}
	results, err := s.svc.BulkUpdateTickets(r.Context(), principalFrom(r.Context()), in.IDs, u)
	if err != nil {
		s.error(w, r, err)
		return
	}
	items, err := s.bulkItems(r, results)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, list[bulkItem]{Items: items})
}

// bulkItems shapes the results, with one user lookup for all the tickets.
func (s *Server) bulkItems(r *http.Request, results []service.BulkResult) ([]bulkItem, error) {
	tickets := make([]*helpdesk.Ticket, len(results))
	for i, res := range results {
		tickets[i] = res.Ticket
	}
	pp, err := s.lookupPeople(r, ticketPeople(tickets...))
	if err != nil {
		return nil, err
	}
	info := infoFrom(r.Context())
	items := make([]bulkItem, len(results))
	for i, res := range results {
		items[i].ID = res.ID
		if res.Err == nil {
			t := pp.ticket(res.Ticket)
			items[i].Ticket = &t
			continue
		}
		p := problemFor(res.Err)
		p.RequestID = info.requestID
		if p.Status == http.StatusInternalServerError {
			s.log.LogAttrs(r.Context(), slog.LevelError, "internal error",
				slog.String("request_id", info.requestID), slog.String("route", r.Pattern),
				slog.Int64("ticket_id", res.ID), slog.String("error", res.Err.Error()))
		}
		items[i].Error = &p
	}
	return items, nil
}
