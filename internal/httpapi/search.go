package httpapi

import (
	"net/http"

	"github.com/triagehq/triage/internal/helpdesk"
)

// searchFilter reads a search's parameters: the list's, with sort left
// empty when not given (so the query's sort: or relevance applies) and
// relevance allowed.
func (s *Server) searchFilter(r *http.Request, p *helpdesk.Principal) (helpdesk.TicketFilter, error) {
	var (
		f   helpdesk.TicketFilter
		v   helpdesk.Validation
		err error
	)
	q := r.URL.Query()
	if f.Limit, err = queryLimit(r); err != nil {
		return f, err
	}
	if sort := helpdesk.TicketSort(q.Get("sort")); sort != "" {
		if !sort.Valid() && sort != helpdesk.SortRelevance {
			return f, helpdesk.Invalid("sort", "must be one of %s or relevance", joinEnums(helpdesk.TicketSorts))
		}
		f.Sort = sort
	}
	if c := q.Get("cursor"); c != "" {
		var after helpdesk.TicketCursor
		if err := s.cursors.decode(ticketsCursor, c, &after); err != nil {
			return f, err
		}
		f.After = &after
	}
	readTicketFilters(&f, &v, r, p)
	return f, v.Err()
}

// searchTickets answers GET /tickets?q=: the list's response, each item
// with its snippet when q has words to match.
func (s *Server) searchTickets(w http.ResponseWriter, r *http.Request, q string) {
	p := principalFrom(r.Context())
	f, err := s.searchFilter(r, p)
	if err != nil {
		s.error(w, r, err)
		return
	}
	hits, next, err := s.svc.SearchTickets(r.Context(), p, q, f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	tickets := make([]*helpdesk.Ticket, len(hits))
	for i, h := range hits {
		tickets[i] = h.Ticket
	}
	shaped, err := s.ticketsJSON(r, tickets)
	if err != nil {
		s.error(w, r, err)
		return
	}
	for i, h := range hits {
		shaped[i].Snippet = h.Snippet
	}
	out := page[ticketJSON]{Items: shaped}
	if next != nil {
		c := s.cursors.encode(ticketsCursor, next)
		out.NextCursor = &c
	}
	writeJSON(w, http.StatusOK, out)
}

// ticketFacets answers GET /tickets/facets: a search's counts by status,
// priority and assignee.
func (s *Server) ticketFacets(w http.ResponseWriter, r *http.Request) {
	p := principalFrom(r.Context())
	f, err := ticketCountFilter(r, p)
	if err != nil {
		s.error(w, r, err)
		return
	}
	facets, err := s.svc.SearchFacets(r.Context(), p, r.URL.Query().Get("q"), f)
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, facets)
}
