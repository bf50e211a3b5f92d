package httpapi

import (
	"net/http"

	"github.com/triagehq/triage/internal/helpdesk"
)

const ticketsCursor = "tickets"

// ticketFilter reads the ticket list's query parameters. The service sets
// the viewer from the principal itself; it is not taken from here.
func (s *Server) ticketFilter(r *http.Request, p *helpdesk.Principal) (helpdesk.TicketFilter, error) {
	var (
		f   helpdesk.TicketFilter
		v   helpdesk.Validation
		err error
	)
	q := r.URL.Query()
	if f.Limit, err = queryLimit(r); err != nil {
		return f, err
	}
	f.Sort = helpdesk.SortUpdatedDesc
	if sort := q.Get("sort"); sort != "" {
		f.Sort = helpdesk.TicketSort(sort)
		if !f.Sort.Valid() {
			return f, helpdesk.Invalid("sort", "must be one of %s", joinEnums(helpdesk.TicketSorts))
		}
	}
	if c := q.Get("cursor"); c != "" {
		var after helpdesk.TicketCursor
		if err := s.cursors.decode(ticketsCursor, c, &after); err != nil {
			return f, err
		}
		if after.Sort != f.Sort {
			return f, helpdesk.Invalid("cursor", "belongs to another sort order; start again without a cursor")
		}
		f.After = &after
	}
	readTicketFilters(&f, &v, r, p)
	return f, v.Err()
}

// ticketCountFilter reads the ticket count's query parameters: the list's
// filters, without paging or sort.
func ticketCountFilter(r *http.Request, p *helpdesk.Principal) (helpdesk.TicketFilter, error) {
	var (
		f helpdesk.TicketFilter
		v helpdesk.Validation
	)
	readTicketFilters(&f, &v, r, p)
	return f, v.Err()
}

// readTicketFilters reads the filter parameters that lists and counts
// share into f, adding problems to v.
func readTicketFilters(f *helpdesk.TicketFilter, v *helpdesk.Validation, r *http.Request, p *helpdesk.Principal) {
	q := r.URL.Query()
	f.Statuses = queryEnums(v, r, "status", helpdesk.Statuses)
	f.Priorities = queryEnums(v, r, "priority", helpdesk.Priorities)
	f.Types = queryEnums(v, r, "type", helpdesk.TicketTypes)
	f.RequesterID = queryID(v, r, "requester")
	f.UpdatedAfter = queryTime(v, r, "updated_after")
	f.Tag = q.Get("tag")
	switch team := q.Get("team"); team {
	case "":
	case "mine":
		f.MyTeams = true
	case "none":
		f.NoTeam = true
	default:
		if id, ok := parseID(team); ok {
			f.TeamID = &id
		} else {
			v.Add("team", "must be a team id, mine or none")
		}
	}
	switch a := q.Get("assignee"); a {
	case "":
	case "me":
		id := p.User.ID
		f.AssigneeID = &id
	case "none":
		f.Unassigned = true
	default:
		if id, ok := parseID(a); ok {
			f.AssigneeID = &id
		} else {
			v.Add("assignee", "must be a user id, me or none")
		}
	}
}
