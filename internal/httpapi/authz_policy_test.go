package httpapi_test

import (
	"net/http"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
)

// The authorization policy, written from the product's rules rather than
// read off the code: for every route, the status each caller must get, per
// object where the route takes one. TestAuthzMatrix runs it on every engine;
// TestAuthzPolicyCoversRoutes fails when a route has no row, so a route
// cannot be added without its policy.
//
// Callers are the matrix's columns, in this order.
var callerNames = [...]string{"anonymous", "customerA", "customerB", "agent", "outsider", "admin"}

// Column indexes of callerNames.
const (
	colAnonymous = iota
	colCustomerA
	colCustomerB
	colAgent
	colOutsider
	colAdmin
)

// want is one expected status per caller, in callerNames order.
type want [len(callerNames)]int

// Statuses by what they mean here.
const (
	ok      = http.StatusOK
	created = http.StatusCreated
	queued  = http.StatusAccepted
	done    = http.StatusNoContent
	invalid = http.StatusBadRequest
	anon    = http.StatusUnauthorized
	denied  = http.StatusForbidden
	hidden  = http.StatusNotFound
)

// everyone is a public route's answer to every caller; signedIn is an
// authenticated route's answer to every signed-in caller; staffOnly and
// adminOnly gate by role, with 403 for the others.
func everyone(s int) want  { return want{s, s, s, s, s, s} }
func signedIn(s int) want  { return want{anon, s, s, s, s, s} }
func staffOnly(s int) want { return want{anon, denied, denied, s, s, s} }
func adminOnly(s int) want { return want{anon, denied, denied, denied, denied, s} }

// The fixtures the rows name (see newMatrix):
//   - users: admin; agent, in team "Support"; outsider, an agent in no team;
//     customerA; customerB; carol, a customer none of the callers is.
//   - teams: team ("Support", member agent), otherTeam (no members).
//   - ticketA: requested by customerA, team Support.
//   - ticketB: requested by customerB, no team.
//   - ticketOther: requested by customerA, team otherTeam, assigned to outsider.
//   - comments: pubA (customerA's reply on ticketA), noteA (agent's internal
//     note on ticketA, edited once), pubB (customerB's reply on ticketB),
//     noteB (outsider's internal note on ticketB), noteOther (outsider's
//     internal note on ticketOther).
//   - every user has a session and an API token besides the callers' own.
//
// {self} is the caller's own user id. Write rows make fresh objects per
// cell with a Fresh function; their placeholders start with "new".
func policyRows() []policyRow {
	return []policyRow{
		// Operations and the public auth routes.
		{Route: "GET /livez", Want: everyone(ok)},
		{Route: "GET /readyz", Want: everyone(ok)},
		{Route: "GET /api/v1/openapi.json", Want: everyone(ok)},
		{Route: "POST /api/v1/auth/login", Object: "carol's credentials", Fresh: noFresh,
			Body: map[string]string{"email": "carol@example.com", "password": password("carol")}, Want: everyone(ok)},
		{Route: "POST /api/v1/auth/logout", Fresh: noFresh, Want: everyone(done)},
		{Route: "POST /api/v1/auth/refresh", Object: "the caller's refresh cookie", Fresh: noFresh,
			Want: signedIn(ok)},
		{Route: "POST /api/v1/auth/register", Fresh: noFresh, Body: registerBody, Want: everyone(created)},
		{Route: "POST /api/v1/auth/password-reset", Fresh: noFresh,
			Body: map[string]string{"email": "carol@example.com"}, Want: everyone(queued)},
		{Route: "POST /api/v1/auth/password-reset/confirm", Object: "a valid reset token", Fresh: freshResetToken,
			Body: resetConfirmBody, Want: everyone(done)},

		// The caller's own account.
		{Route: "GET /api/v1/me", Want: signedIn(ok), Check: checkIsSelf},
		{Route: "PATCH /api/v1/me", Object: "time zone", Fresh: noFresh,
			Body: map[string]string{"time_zone": "Europe/Paris"}, Want: signedIn(ok)},
		{Route: "PATCH /api/v1/me", Object: "own role (escalation)", Fresh: noFresh,
			Body: map[string]string{"role": "admin"}, Want: signedIn(invalid)},
		{Route: "POST /api/v1/me/password", Fresh: noFresh, Body: passwordChangeBody,
			Want: signedIn(done), After: restorePassword},
		{Route: "GET /api/v1/me/sessions", Want: signedIn(ok), Check: checkOwnItems},
		{Route: "DELETE /api/v1/me/sessions/{id}", Path: "/api/v1/me/sessions/{newSession}", Object: "own session",
			Fresh: freshOwnSession, Want: signedIn(done)},
		{Route: "DELETE /api/v1/me/sessions/{id}", Path: "/api/v1/me/sessions/{newSession}", Object: "carol's session",
			Fresh: freshCarolSession, Want: signedIn(hidden)},
		{Route: "GET /api/v1/me/tokens", Want: signedIn(ok), Check: checkOwnItems},
		{Route: "POST /api/v1/me/tokens", Fresh: noFresh, Body: map[string]string{"name": "matrix"}, Want: signedIn(created)},
		{Route: "DELETE /api/v1/me/tokens/{id}", Path: "/api/v1/me/tokens/{newToken}", Object: "own token",
			Fresh: freshOwnToken, Want: signedIn(done)},
		// Admins may revoke anyone's token (a leaked integration token).
		{Route: "DELETE /api/v1/me/tokens/{id}", Path: "/api/v1/me/tokens/{newToken}", Object: "carol's token",
			Fresh: freshCarolToken, Want: want{anon, hidden, hidden, hidden, hidden, done}},

		// Tickets: customers see what they requested; agents their teams',
		// their own and unteamed tickets; admins everything.
		{Route: "GET /api/v1/tickets", Want: signedIn(ok), Check: checkTicketList},
		{Route: "POST /api/v1/tickets", Fresh: noFresh,
			Body: map[string]string{"subject": "Matrix", "body": "Opened by the matrix."}, Want: signedIn(created)},
		{Route: "POST /api/v1/tickets", Object: "with a staff-only field", Fresh: noFresh,
			Body: map[string]string{"subject": "Matrix", "body": "Opened by the matrix.", "priority": "high"},
			Want: want{anon, invalid, invalid, created, created, created}},
		{Route: "GET /api/v1/tickets/{id}", Path: "/api/v1/tickets/{ticketA}", Want: want{anon, ok, hidden, ok, hidden, ok}},
		{Route: "GET /api/v1/tickets/{id}", Path: "/api/v1/tickets/{ticketB}", Want: want{anon, hidden, ok, ok, ok, ok}},
		{Route: "GET /api/v1/tickets/{id}", Path: "/api/v1/tickets/{ticketOther}", Want: want{anon, ok, hidden, hidden, ok, ok}},
		{Route: "PATCH /api/v1/tickets/{id}", Path: "/api/v1/tickets/{newTicket}", Object: "like ticketA: solve",
			Fresh: freshTicket("A", false), Body: solve, Want: want{anon, ok, hidden, ok, hidden, ok}},
		{Route: "PATCH /api/v1/tickets/{id}", Path: "/api/v1/tickets/{newTicket}", Object: "like ticketB: solve",
			Fresh: freshTicket("B", false), Body: solve, Want: want{anon, hidden, ok, ok, ok, ok}},
		{Route: "PATCH /api/v1/tickets/{id}", Path: "/api/v1/tickets/{newTicket}", Object: "like ticketOther: solve",
			Fresh: freshTicket("Other", false), Body: solve, Want: want{anon, ok, hidden, hidden, ok, ok}},
		{Route: "PATCH /api/v1/tickets/{id}", Path: "/api/v1/tickets/{newTicket}", Object: "like ticketA: priority",
			Fresh: freshTicket("A", false), Body: raisePriority, Want: want{anon, denied, hidden, ok, hidden, ok}},
		{Route: "PATCH /api/v1/tickets/{id}", Path: "/api/v1/tickets/{newTicket}", Object: "like ticketB: priority",
			Fresh: freshTicket("B", false), Body: raisePriority, Want: want{anon, hidden, denied, ok, ok, ok}},
		{Route: "PATCH /api/v1/tickets/{id}", Path: "/api/v1/tickets/{newTicket}", Object: "like ticketOther: priority",
			Fresh: freshTicket("Other", false), Body: raisePriority, Want: want{anon, denied, hidden, hidden, ok, ok}},
		// Closed is final for everyone but admins.
		{Route: "PATCH /api/v1/tickets/{id}", Path: "/api/v1/tickets/{newTicket}", Object: "closed like ticketA: reopen",
			Fresh: freshTicket("A", true), Body: map[string]string{"status": "open"}, Want: want{anon, denied, hidden, denied, hidden, ok}},
		// Counts apply the list's visibility; bulk edits are for staff, and
		// each ticket in them answers as PATCH would (Check: the item's status).
		{Route: "GET /api/v1/tickets/count", Want: signedIn(ok)},
		{Route: "GET /api/v1/tickets/facets", Want: staffOnly(ok)},
		{Route: "POST /api/v1/tickets/bulk", Object: "like ticketA: priority", Fresh: freshTicket("A", false),
			Body: bulkRaisePriority, Want: staffOnly(ok), Check: checkBulkItem(want{anon, denied, hidden, ok, hidden, ok})},
		{Route: "POST /api/v1/tickets/bulk", Object: "like ticketB: priority", Fresh: freshTicket("B", false),
			Body: bulkRaisePriority, Want: staffOnly(ok), Check: checkBulkItem(want{anon, hidden, denied, ok, ok, ok})},
		{Route: "POST /api/v1/tickets/bulk", Object: "like ticketOther: priority", Fresh: freshTicket("Other", false),
			Body: bulkRaisePriority, Want: staffOnly(ok), Check: checkBulkItem(want{anon, denied, hidden, hidden, ok, ok})},

		// Comments: customers never see or write internal notes; only a
		// comment's author (or an admin) edits it; revisions are for staff.
		{Route: "GET /api/v1/tickets/{id}/comments", Path: "/api/v1/tickets/{ticketA}/comments",
			Want: want{anon, ok, hidden, ok, hidden, ok}, Check: checkComments("ticketA")},
		{Route: "GET /api/v1/tickets/{id}/comments", Path: "/api/v1/tickets/{ticketB}/comments",
			Want: want{anon, hidden, ok, ok, ok, ok}, Check: checkComments("ticketB")},
		{Route: "GET /api/v1/tickets/{id}/comments", Path: "/api/v1/tickets/{ticketOther}/comments",
			Want: want{anon, ok, hidden, hidden, ok, ok}, Check: checkComments("ticketOther")},
		{Route: "POST /api/v1/tickets/{id}/comments", Path: "/api/v1/tickets/{newTicket}/comments", Object: "like ticketA",
			Fresh: freshTicket("A", false), Body: reply, Want: want{anon, created, hidden, created, hidden, created}},
		{Route: "POST /api/v1/tickets/{id}/comments", Path: "/api/v1/tickets/{newTicket}/comments", Object: "like ticketB",
			Fresh: freshTicket("B", false), Body: reply, Want: want{anon, hidden, created, created, created, created}},
		{Route: "POST /api/v1/tickets/{id}/comments", Path: "/api/v1/tickets/{newTicket}/comments", Object: "like ticketOther",
			Fresh: freshTicket("Other", false), Body: reply, Want: want{anon, created, hidden, hidden, created, created}},
		// A customer's internal note is refused as input, before the ticket is
		// even looked up, so it reveals nothing.
		{Route: "POST /api/v1/tickets/{id}/comments", Path: "/api/v1/tickets/{newTicket}/comments", Object: "internal note like ticketA",
			Fresh: freshTicket("A", false), Body: map[string]any{"body": noteMarker + " from the matrix", "internal": true},
			Want: want{anon, invalid, invalid, created, hidden, created}},
		{Route: "POST /api/v1/tickets/{id}/comments", Path: "/api/v1/tickets/{newTicket}/comments", Object: "closed like ticketA",
			Fresh: freshTicket("A", true), Body: reply, Want: want{anon, denied, hidden, created, hidden, created}},
		{Route: "PATCH /api/v1/tickets/{id}/comments/{comment_id}", Path: "/api/v1/tickets/{newTicket}/comments/{newComment}",
			Object: "customerA's reply like pubA", Fresh: freshComment("A", "customerA", false), Body: edit,
			Want: want{anon, ok, hidden, denied, hidden, ok}},
		{Route: "PATCH /api/v1/tickets/{id}/comments/{comment_id}", Path: "/api/v1/tickets/{newTicket}/comments/{newComment}",
			Object: "agent's note like noteA", Fresh: freshComment("A", "agent", true), Body: edit,
			Want: want{anon, hidden, hidden, ok, hidden, ok}},
		{Route: "PATCH /api/v1/tickets/{id}/comments/{comment_id}", Path: "/api/v1/tickets/{newTicket}/comments/{newComment}",
			Object: "customerB's reply like pubB", Fresh: freshComment("B", "customerB", false), Body: edit,
			Want: want{anon, hidden, ok, denied, denied, ok}},
		{Route: "PATCH /api/v1/tickets/{id}/comments/{comment_id}", Path: "/api/v1/tickets/{newTicket}/comments/{newComment}",
			Object: "outsider's note like noteB", Fresh: freshComment("B", "outsider", true), Body: edit,
			Want: want{anon, hidden, hidden, denied, ok, ok}},
		{Route: "GET /api/v1/tickets/{id}/comments/{comment_id}/revisions", Path: "/api/v1/tickets/{ticketA}/comments/{pubA}/revisions",
			Want: want{anon, denied, denied, ok, hidden, ok}},
		{Route: "GET /api/v1/tickets/{id}/comments/{comment_id}/revisions", Path: "/api/v1/tickets/{ticketA}/comments/{noteA}/revisions",
			Want: want{anon, denied, denied, ok, hidden, ok}},
		{Route: "GET /api/v1/tickets/{id}/comments/{comment_id}/revisions", Path: "/api/v1/tickets/{ticketB}/comments/{noteB}/revisions",
			Want: want{anon, denied, denied, ok, ok, ok}},
		{Route: "GET /api/v1/tickets/{id}/comments/{comment_id}/revisions", Path: "/api/v1/tickets/{ticketB}/comments/{pubA}/revisions",
			Object: "a comment of another ticket", Want: want{anon, denied, denied, hidden, hidden, hidden}},

		// Users: staff read everyone, customers only themselves; only admins
		// change users.
		{Route: "GET /api/v1/users", Want: staffOnly(ok)},
		{Route: "POST /api/v1/users", Fresh: noFresh, Body: newUserBody, Want: adminOnly(created)},
		{Route: "GET /api/v1/users/{id}", Path: "/api/v1/users/{self}", Want: signedIn(ok), Check: checkIsSelf},
		{Route: "GET /api/v1/users/{id}", Path: "/api/v1/users/{carol}", Want: want{anon, hidden, hidden, ok, ok, ok}},
		{Route: "PATCH /api/v1/users/{id}", Path: "/api/v1/users/{self}", Fresh: noFresh,
			Body: map[string]string{"time_zone": "Europe/Paris"}, Want: adminOnly(ok)},
		{Route: "PATCH /api/v1/users/{id}", Path: "/api/v1/users/{newUser}", Object: "another user", Fresh: freshUser,
			Body: map[string]string{"time_zone": "Europe/Paris"}, Want: adminOnly(ok)},
		{Route: "POST /api/v1/users/{id}/password-reset", Path: "/api/v1/users/{self}/password-reset", Fresh: noFresh,
			Want: adminOnly(created)},
		{Route: "POST /api/v1/users/{id}/password-reset", Path: "/api/v1/users/{newUser}/password-reset", Object: "another user",
			Fresh: freshUser, Want: adminOnly(created)},

		// Teams: staff read, admins change.
		{Route: "GET /api/v1/teams", Want: staffOnly(ok)},
		{Route: "POST /api/v1/teams", Fresh: noFresh, Body: newTeamBody, Want: adminOnly(created)},
		{Route: "GET /api/v1/teams/{id}", Path: "/api/v1/teams/{team}", Object: "agent's team", Want: staffOnly(ok)},
		{Route: "GET /api/v1/teams/{id}", Path: "/api/v1/teams/{otherTeam}", Want: staffOnly(ok)},
		{Route: "PATCH /api/v1/teams/{id}", Path: "/api/v1/teams/{newTeam}", Fresh: freshTeam(),
			Body: map[string]string{"description": "Changed by the matrix"}, Want: adminOnly(ok)},
		{Route: "DELETE /api/v1/teams/{id}", Path: "/api/v1/teams/{newTeam}", Fresh: freshTeam(), Want: adminOnly(done)},
		{Route: "GET /api/v1/teams/{id}/members", Path: "/api/v1/teams/{team}/members", Want: staffOnly(ok)},
		{Route: "PUT /api/v1/teams/{id}/members/{user_id}", Path: "/api/v1/teams/{newTeam}/members/{outsider}",
			Fresh: freshTeam(), Want: adminOnly(done)},
		{Route: "DELETE /api/v1/teams/{id}/members/{user_id}", Path: "/api/v1/teams/{newTeam}/members/{outsider}",
			Fresh: freshTeam("outsider"), Want: adminOnly(done)},

		// Saved views: staff only. A personal view is its owner's alone
		// (even admins get 404); a team view is seen by the team's members
		// and admins, a view for everyone by all staff; only admins share
		// views and change shared ones.
		{Route: "GET /api/v1/views", Object: "every kind of view", Fresh: freshEveryKindOfView,
			Want: staffOnly(ok), Check: checkViewList},
		{Route: "POST /api/v1/views", Object: "personal", Fresh: noFresh, Body: viewBody(helpdesk.ViewPersonal),
			Want: staffOnly(created)},
		{Route: "POST /api/v1/views", Object: "shared with team Support", Fresh: noFresh, Body: viewBody(helpdesk.ViewTeam),
			Want: adminOnly(created)},
		{Route: "POST /api/v1/views", Object: "shared with everyone", Fresh: noFresh, Body: viewBody(helpdesk.ViewEveryone),
			Want: adminOnly(created)},
		{Route: "GET /api/v1/views/{id}", Path: "/api/v1/views/{newView}", Object: "own personal view",
			Fresh: freshView("caller", helpdesk.ViewPersonal, ""), Want: staffOnly(ok)},
		{Route: "GET /api/v1/views/{id}", Path: "/api/v1/views/{newView}", Object: "agent's personal view",
			Fresh: freshView("agent", helpdesk.ViewPersonal, ""), Want: want{anon, denied, denied, ok, hidden, hidden}},
		{Route: "GET /api/v1/views/{id}", Path: "/api/v1/views/{newView}", Object: "shared with team Support",
			Fresh: freshView("admin", helpdesk.ViewTeam, "team"), Want: want{anon, denied, denied, ok, hidden, ok}},
		{Route: "GET /api/v1/views/{id}", Path: "/api/v1/views/{newView}", Object: "shared with everyone",
			Fresh: freshView("admin", helpdesk.ViewEveryone, ""), Want: staffOnly(ok)},
		{Route: "PATCH /api/v1/views/{id}", Path: "/api/v1/views/{newView}", Object: "own personal view: rename",
			Fresh: freshView("caller", helpdesk.ViewPersonal, ""), Body: renameView, Want: staffOnly(ok)},
		{Route: "PATCH /api/v1/views/{id}", Path: "/api/v1/views/{newView}", Object: "own personal view: share",
			Fresh: freshView("caller", helpdesk.ViewPersonal, ""), Body: map[string]string{"scope": "everyone"},
			Want: adminOnly(ok)},
		{Route: "PATCH /api/v1/views/{id}", Path: "/api/v1/views/{newView}", Object: "agent's personal view: rename",
			Fresh: freshView("agent", helpdesk.ViewPersonal, ""), Body: renameView, Want: want{anon, denied, denied, ok, hidden, hidden}},
		{Route: "PATCH /api/v1/views/{id}", Path: "/api/v1/views/{newView}", Object: "shared with team Support: rename",
			Fresh: freshView("admin", helpdesk.ViewTeam, "team"), Body: renameView, Want: want{anon, denied, denied, denied, hidden, ok}},
		{Route: "PATCH /api/v1/views/{id}", Path: "/api/v1/views/{newView}", Object: "shared with everyone: rename",
			Fresh: freshView("admin", helpdesk.ViewEveryone, ""), Body: renameView, Want: adminOnly(ok)},
		{Route: "DELETE /api/v1/views/{id}", Path: "/api/v1/views/{newView}", Object: "own personal view",
			Fresh: freshView("caller", helpdesk.ViewPersonal, ""), Want: staffOnly(done)},
		{Route: "DELETE /api/v1/views/{id}", Path: "/api/v1/views/{newView}", Object: "agent's personal view",
			Fresh: freshView("agent", helpdesk.ViewPersonal, ""), Want: want{anon, denied, denied, done, hidden, hidden}},
		{Route: "DELETE /api/v1/views/{id}", Path: "/api/v1/views/{newView}", Object: "shared with team Support",
			Fresh: freshView("admin", helpdesk.ViewTeam, "team"), Want: want{anon, denied, denied, denied, hidden, done}},
		{Route: "DELETE /api/v1/views/{id}", Path: "/api/v1/views/{newView}", Object: "shared with everyone",
			Fresh: freshView("admin", helpdesk.ViewEveryone, ""), Want: adminOnly(done)},

		{Route: "GET /api/v1/audit", Want: adminOnly(ok)},

		// The matrix's server has no live hub: the websocket answers 503
		// to every signed-in caller (live_test.go covers the hub itself).
		{Route: "GET /api/v1/ws", Want: signedIn(http.StatusServiceUnavailable)},

		// Notifications and preferences: everyone has their own, and only
		// their own.
		{Route: "GET /api/v1/notifications", Want: signedIn(ok)},
		{Route: "GET /api/v1/notifications/unread-count", Want: signedIn(ok)},
		{Route: "POST /api/v1/notifications/{id}/read", Path: "/api/v1/notifications/{newNotification}/read",
			Object: "the agent's notification", Fresh: freshNotification,
			Want: want{anon, hidden, hidden, done, hidden, hidden}},
		{Route: "POST /api/v1/notifications/read-all", Fresh: noFresh, Want: signedIn(ok)},
		{Route: "GET /api/v1/me/preferences", Want: signedIn(ok)},
		{Route: "PUT /api/v1/me/preferences", Fresh: noFresh, Body: allPrefs, Want: signedIn(ok)},
		{Route: "POST /api/v1/unsubscribe", Path: "/api/v1/unsubscribe?token=forged.token", Object: "a forged token",
			Fresh: noFresh, Want: everyone(invalid)},

		// Background jobs: admins only.
		{Route: "GET /api/v1/admin/jobs", Want: adminOnly(ok)},
		{Route: "POST /api/v1/admin/jobs/{id}/retry", Path: "/api/v1/admin/jobs/{newJob}/retry", Fresh: freshJob,
			Want: adminOnly(ok)},
		{Route: "POST /api/v1/admin/jobs/{id}/discard", Path: "/api/v1/admin/jobs/{newJob}/discard", Fresh: freshJob,
			Want: adminOnly(done)},
	}
}

var allPrefs = map[string]bool{"email_assigned": true, "email_team_assigned": true, "email_customer_reply": true,
	"email_mention": true, "email_ticket_replies": true}

// Bodies shared by several rows.
var (
	solve         = map[string]string{"status": "solved"}
	raisePriority = map[string]string{"priority": "high"}
	reply         = map[string]string{"body": "A reply from the matrix."}
	edit          = map[string]string{"body": "Edited by the matrix."}
	renameView    = map[string]string{"name": "Renamed by the matrix"}
)

// matrixPassword is the password the password-change row sets, and then
// changes back.
const matrixPassword = "lilac-harbor-engine-4471"

func registerBody(v vars) any {
	return map[string]string{"email": "signup-" + v["n"] + "@example.com", "name": "New Customer", "password": matrixPassword}
}

func resetConfirmBody(v vars) any {
	return map[string]string{"token": v["resetToken"], "password": matrixPassword}
}

func passwordChangeBody(v vars) any {
	return map[string]string{"current_password": password(v["caller"]), "new_password": matrixPassword}
}

func newUserBody(v vars) any {
	return map[string]string{"email": "made-" + v["n"] + "@example.com", "name": "Made By Matrix", "role": "agent"}
}

func newTeamBody(v vars) any {
	return map[string]string{"name": "Matrix team " + v["n"]}
}

// restorePassword changes the password back, so later cells can sign in.
func restorePassword(tb testing.TB, m *matrix, caller string, c *client) {
	r := c.do("POST", "/api/v1/me/password", map[string]string{"current_password": matrixPassword, "new_password": password(caller)})
	if r.Status != http.StatusNoContent {
		tb.Fatalf("restore password of %s: %d %s", caller, r.Status, r.Body)
	}
}
