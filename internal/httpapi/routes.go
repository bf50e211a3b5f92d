package httpapi

import "net/http"

// Route describes one entry of the route table: what the OpenAPI document
// and the authorization tests are checked against.
type Route struct {
	Method  string
	Pattern string
	// Auth reports whether the route answers 401 without credentials.
	Auth bool
	// Query lists the query parameters the route accepts; any other is
	// refused with a 400 naming it.
	Query []string
}

// route is a Route with its handler.
type route struct {
	Route
	handler http.HandlerFunc
}

// Routes returns the route table.
func (s *Server) Routes() []Route {
	out := make([]Route, len(s.routes))
	for i, rt := range s.routes {
		out[i] = rt.Route
	}
	return out
}

// Query parameter sets of the paged lists.
var (
	ticketListQuery  = []string{"limit", "cursor", "status", "priority", "type", "assignee", "team", "requester", "tag", "updated_after", "sort", "q"}
	ticketCountQuery = []string{"status", "priority", "type", "assignee", "team", "requester", "tag", "updated_after", "q"}
	userListQuery    = []string{"limit", "cursor", "role", "active", "email", "q", "team"}
	auditListQuery   = []string{"limit", "cursor", "actor", "action", "target_type", "target_id", "since", "until"}
	commentListQuery = []string{"limit", "cursor"}
)

// routeTable is every route the server answers. Keep it in step with
// openapi.json; a test compares the two.
func (s *Server) routeTable() []route {
	pub := func(method, pattern string, h http.HandlerFunc) route {
		return route{Route{Method: method, Pattern: pattern}, h}
	}
	auth := func(method, pattern string, h http.HandlerFunc, query ...string) route {
		return route{Route{Method: method, Pattern: pattern, Auth: true, Query: query}, h}
	}
	const v1 = "/api/v1"
	return []route{
		pub("GET", "/livez", s.livez),
		pub("GET", "/readyz", s.readyz),
		pub("GET", v1+"/openapi.json", s.openAPI),

		pub("POST", v1+"/auth/login", s.login),
		pub("POST", v1+"/auth/logout", s.logout),
		pub("POST", v1+"/auth/refresh", s.refresh),
		pub("POST", v1+"/auth/register", s.register),
		pub("POST", v1+"/auth/password-reset", s.requestPasswordReset),
		pub("POST", v1+"/auth/password-reset/confirm", s.confirmPasswordReset),

		auth("GET", v1+"/me", s.getMe),
		auth("PATCH", v1+"/me", s.updateMe),
		auth("POST", v1+"/me/password", s.changePassword),
		auth("GET", v1+"/me/sessions", s.listSessions),
		auth("DELETE", v1+"/me/sessions/{id}", s.revokeSession),
		auth("GET", v1+"/me/tokens", s.listAPITokens),
		auth("POST", v1+"/me/tokens", s.createAPIToken),
		auth("DELETE", v1+"/me/tokens/{id}", s.revokeAPIToken),

		auth("GET", v1+"/tickets", s.listTickets, ticketListQuery...),
		auth("POST", v1+"/tickets", s.createTicket),
		auth("GET", v1+"/tickets/count", s.countTickets, ticketCountQuery...),
		auth("GET", v1+"/tickets/facets", s.ticketFacets, ticketCountQuery...),
		auth("POST", v1+"/tickets/bulk", s.bulkUpdateTickets),
		auth("GET", v1+"/tickets/{id}", s.getTicket),
		auth("PATCH", v1+"/tickets/{id}", s.updateTicket),
		auth("GET", v1+"/tickets/{id}/comments", s.listComments, commentListQuery...),
		auth("POST", v1+"/tickets/{id}/comments", s.createComment),
		auth("PATCH", v1+"/tickets/{id}/comments/{comment_id}", s.editComment),
		auth("GET", v1+"/tickets/{id}/comments/{comment_id}/revisions", s.listRevisions),

		auth("GET", v1+"/users", s.listUsers, userListQuery...),
		auth("POST", v1+"/users", s.createUser),
		auth("GET", v1+"/users/{id}", s.getUser),
		auth("PATCH", v1+"/users/{id}", s.updateUser),
		auth("POST", v1+"/users/{id}/password-reset", s.issuePasswordReset),

		auth("GET", v1+"/teams", s.listTeams),
		auth("POST", v1+"/teams", s.createTeam),
		auth("GET", v1+"/teams/{id}", s.getTeam),
		auth("PATCH", v1+"/teams/{id}", s.updateTeam),
		auth("DELETE", v1+"/teams/{id}", s.deleteTeam),
		auth("GET", v1+"/teams/{id}/members", s.listTeamMembers),
		auth("PUT", v1+"/teams/{id}/members/{user_id}", s.addTeamMember),
		auth("DELETE", v1+"/teams/{id}/members/{user_id}", s.removeTeamMember),

		auth("GET", v1+"/views", s.listViews),
		auth("POST", v1+"/views", s.createView),
		auth("GET", v1+"/views/{id}", s.getView),
		auth("PATCH", v1+"/views/{id}", s.updateView),
		auth("DELETE", v1+"/views/{id}", s.deleteView),

		auth("GET", v1+"/audit", s.listAudit, auditListQuery...),

		auth("GET", v1+"/ws", s.live),

		auth("GET", v1+"/notifications", s.listNotifications, "limit", "cursor", "unread"),
		auth("GET", v1+"/notifications/unread-count", s.unreadNotificationCount),
		auth("POST", v1+"/notifications/{id}/read", s.markNotificationRead),
		auth("POST", v1+"/notifications/read-all", s.markAllNotificationsRead),
		auth("GET", v1+"/me/preferences", s.getPreferences),
		auth("PUT", v1+"/me/preferences", s.putPreferences),
		{Route{Method: "POST", Pattern: v1 + "/unsubscribe", Query: []string{"token"}}, s.unsubscribe},

		auth("GET", v1+"/admin/jobs", s.listJobs, "limit", "cursor", "state"),
		auth("POST", v1+"/admin/jobs/{id}/retry", s.retryJob),
		auth("POST", v1+"/admin/jobs/{id}/discard", s.discardJob),
	}
}

// wrap adds what every route needs around its handler: the route pattern
// for the access log, authentication, the general rate limit and the query
// parameter allow-list.
func (s *Server) wrap(rt route) http.Handler {
	allowed := make(map[string]bool, len(rt.Query))
	for _, q := range rt.Query {
		allowed[q] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info := infoFrom(r.Context())
		info.route = r.Pattern
		r, err := s.authenticate(r)
		if err != nil {
			s.error(w, r, err)
			return
		}
		p := principalFrom(r.Context())
		if p != nil {
			info.userID = p.User.ID
		}
		if !s.allowClient(w, r, p) {
			return
		}
		if rt.Auth && p == nil {
			s.error(w, r, errUnauthenticated)
			return
		}
		if err := checkQuery(r, allowed); err != nil {
			s.error(w, r, err)
			return
		}
		rt.handler(w, r)
	})
}
