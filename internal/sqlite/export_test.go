package sqlite

// TicketListQuery exposes the ticket list's SQL to the plan tests.
var TicketListQuery = ticketListQuery

// TicketCountQuery exposes the ticket count's SQL to the plan tests.
var TicketCountQuery = ticketCountQuery

// SearchCandidatesQuery exposes the search's SQL to the plan tests.
var SearchCandidatesQuery = searchCandidatesQuery

// SetMaxRankedMatches changes the bound on ranked words for one test.
func SetMaxRankedMatches(t interface{ Cleanup(func()) }, n int) {
	old := maxRankedMatches
	maxRankedMatches = n
	t.Cleanup(func() { maxRankedMatches = old })
}
