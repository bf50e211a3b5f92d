package httpapi_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"maps"
	"net/http"
	"strings"

	"github.com/triagehq/triage/internal/service"
)

const (
	tooLarge = http.StatusRequestEntityTooLarge
	badMedia = http.StatusUnsupportedMediaType
)

// cases lists the bad requests: bodies, query parameters, cursors, path
// ids. Paths use the fixture placeholders of newBadInputEnv.
func (b *badInputEnv) cases() []badCase {
	var cs []badCase
	ids := b.e.IDs
	cs = append(cs, bodyCases("POST", "/api/v1/tickets", map[string]any{"subject": "x", "body": "y"}, ids)...)
	cs = append(cs, bodyCases("PATCH", "/api/v1/tickets/{ticket}", map[string]any{"subject": "x"}, ids)...)
	cs = append(cs, createTicketCases()...)
	cs = append(cs, patchTicketCases()...)
	cs = append(cs, otherBodyCases()...)
	cs = append(cs, limitCases()...)
	cs = append(cs, b.cursorCases()...)
	cs = append(cs, queryCases()...)
	cs = append(cs, pathIDCases()...)
	cs = append(cs, b.viewCases()...)
	return cs
}

// bodyCases are the bad bodies both ticket routes refuse; base holds the
// fields of a valid body.
func bodyCases(method, path string, base map[string]any, ids map[string]int64) []badCase {
	n := method + " "
	with := func(extra map[string]any) string {
		m := maps.Clone(base)
		maps.Copy(m, extra)
		b, err := json.Marshal(m)
		if err != nil {
			panic("marshal test body: " + err.Error())
		}
		return string(b)
	}
	raw := func(s string) json.RawMessage { return json.RawMessage(s) }
	open := strings.TrimSuffix(with(nil), "}")
	big := with(map[string]any{"subject": strings.Repeat("a", 10<<20)})
	c := func(name string, body any, status int, field string) badCase {
		return badCase{Name: n + name, Method: method, Path: path, Body: body, Status: status, Field: field}
	}
	return []badCase{
		c("MalformedJSON", `{"subject": "x", "body": }`, invalid, ""),
		c("Truncated", open, invalid, ""),
		c("UnknownField", open+`, "sneaky": 1}`, invalid, "sneaky"),
		c("FieldWrongCase", open+`, "Subject": "renamed"}`, invalid, "Subject"),
		c("DuplicateField", open+`, "subject": "second"}`, invalid, "subject"),
		c("TrailingValue", with(nil)+` {"subject": "z"}`, invalid, ""),
		c("TrailingGarbage", with(nil)+` garbage`, invalid, ""),
		c("WrongTypeSubject", with(map[string]any{"subject": 42}), invalid, "subject"),
		c("WrongTypeTags", with(map[string]any{"tags": "urgent"}), invalid, "tags"),
		c("NotAnObject", `["subject"]`, invalid, ""),
		c("Empty", "", invalid, ""),
		c("Whitespace", "   ", invalid, ""),
		c("Subject10MB", big, tooLarge, ""),
		c("Subject10MBChunked", strings.NewReader(big), tooLarge, ""),
		c("Subject300", with(map[string]any{"subject": strings.Repeat("s", 300)}), invalid, "subject"),
		c("SubjectNewline", with(map[string]any{"subject": "two\nlines"}), invalid, "subject"),
		c("InvalidStatus", with(map[string]any{"status": "exploded"}), invalid, "status"),
		c("InvalidPriority", with(map[string]any{"priority": "catastrophic"}), invalid, "priority"),
		c("InvalidType", with(map[string]any{"type": "rant"}), invalid, "type"),
		c("AssigneeIsCustomer", with(map[string]any{"assignee_id": ids["customerB"]}), invalid, "assignee_id"),
		c("AssigneeInactive", with(map[string]any{"assignee_id": ids["inactiveAgent"]}), invalid, "assignee_id"),
		c("AssigneeMissing", with(map[string]any{"assignee_id": 999999}), invalid, "assignee_id"),
		c("AssigneeNegative", with(map[string]any{"assignee_id": -1}), invalid, "assignee_id"),
		c("AssigneeOverflow", with(map[string]any{"assignee_id": raw("99999999999999999999")}), invalid, "assignee_id"),
		c("AssigneeFraction", with(map[string]any{"assignee_id": 1.5}), invalid, "assignee_id"),
		c("AssigneeString", with(map[string]any{"assignee_id": "bob"}), invalid, "assignee_id"),
		c("TeamMissing", with(map[string]any{"team_id": 999999}), invalid, "team_id"),
		c("TooManyTags", with(map[string]any{"tags": manyTags(21)}), invalid, "tags"),
		c("BadTag", with(map[string]any{"tags": []string{"<script>"}}), invalid, "tags"),
	}
}

func manyTags(n int) []string {
	tags := make([]string, n)
	for i := range tags {
		tags[i] = "tag" + itoa(int64(i))
	}
	return tags
}

// createTicketCases are refused on create only: PATCH has no body,
// requester or defaults.
func createTicketCases() []badCase {
	const p = "/api/v1/tickets"
	return []badCase{
		{Name: "POST RequesterMissing", Method: "POST", Path: p, Body: `{"subject": "x", "body": "y", "requester_id": 999999}`, Status: invalid, Field: "requester_id"},
		{Name: "POST NullBody", Method: "POST", Path: p, Body: `null`, Status: invalid, Field: "subject"},
		{Name: "POST BodyTooLong", Method: "POST", Path: p, Body: map[string]string{"subject": "x", "body": strings.Repeat("b", 64*1024+1)}, Status: invalid, Field: "body"},
		{Name: "POST WrongContentType", Method: "POST", Path: p, Body: "subject=x&body=y", ContentType: "application/x-www-form-urlencoded", Status: badMedia},
		{Name: "POST Latin1", Method: "POST", Path: p, Body: `{"subject": "x", "body": "y"}`, ContentType: "application/json; charset=latin1", Status: badMedia},
		{Name: "POST CustomerSetsPriority", As: "customerA", Method: "POST", Path: p, Body: map[string]string{"subject": "x", "body": "y", "priority": "urgent"}, Status: invalid, Field: "priority"},
		{Name: "POST CustomerFilesForAnother", As: "customerA", Method: "POST", Path: p, Body: `{"subject": "x", "body": "y", "requester_id": {customerB}}`, Status: invalid, Field: "requester_id"},
		{Name: "POST CustomerPicksTeam", As: "customerA", Method: "POST", Path: p, Body: `{"subject": "x", "body": "y", "team_id": {team}}`, Status: invalid, Field: "team_id"},
	}
}

// patchTicketCases are refused on PATCH only.
func patchTicketCases() []badCase {
	const p = "/api/v1/tickets/{ticket}"
	return []badCase{
		{Name: "PATCH EmptyPatch", Method: "PATCH", Path: p, Body: `{}`, Status: invalid},
		{Name: "PATCH EmptySubject", Method: "PATCH", Path: p, Body: `{"subject": "  "}`, Status: invalid, Field: "subject"},
		{Name: "PATCH NullPriority", Method: "PATCH", Path: p, Body: `{"priority": null}`, Status: invalid, Field: "priority"},
		{Name: "PATCH NullSubject", Method: "PATCH", Path: p, Body: `{"subject": null}`, Status: invalid, Field: "subject"},
		{Name: "PATCH CustomerInvalidStatus", As: "customerA", Method: "PATCH", Path: p, Body: `{"status": "exploded"}`, Status: invalid, Field: "status"},
	}
}

// otherBodyCases cover the other JSON routes' fields.
func otherBodyCases() []badCase {
	comments := "/api/v1/tickets/{ticket}/comments"
	return []badCase{
		{Name: "Comment EmptyBody", Method: "POST", Path: comments, Body: `{"body": ""}`, Status: invalid, Field: "body"},
		{Name: "Comment BodyTooLong", Method: "POST", Path: comments, Body: map[string]string{"body": strings.Repeat("b", 64*1024+1)}, Status: invalid, Field: "body"},
		{Name: "Comment Body2MB", Method: "POST", Path: comments, Body: map[string]string{"body": strings.Repeat("b", 2<<20)}, Status: tooLarge},
		{Name: "Comment InternalNotBool", Method: "POST", Path: comments, Body: `{"body": "x", "internal": "yes"}`, Status: invalid, Field: "internal"},
		{Name: "Comment UnknownField", Method: "POST", Path: comments, Body: `{"body": "x", "author_id": 1}`, Status: invalid, Field: "author_id"},
		{Name: "Comment CustomerInternal", As: "customerA", Method: "POST", Path: comments, Body: `{"body": "x", "internal": true}`, Status: invalid, Field: "internal"},
		{Name: "Users InvalidRole", Method: "POST", Path: "/api/v1/users", Body: map[string]string{"email": "w@example.com", "name": "W", "role": "wizard"}, Status: invalid, Field: "role"},
		{Name: "Users InvalidEmail", Method: "POST", Path: "/api/v1/users", Body: map[string]string{"email": "not-an-email", "name": "W", "role": "agent"}, Status: invalid, Field: "email"},
		{Name: "Users WeakPassword", Method: "POST", Path: "/api/v1/users", Body: map[string]string{"email": "w@example.com", "name": "W", "role": "agent", "password": "password1234"}, Status: invalid, Field: "password"},
		{Name: "Users PatchInvalidRole", Method: "PATCH", Path: "/api/v1/users/{customerA}", Body: `{"role": "root"}`, Status: invalid, Field: "role"},
		{Name: "Users PatchActiveNotBool", Method: "PATCH", Path: "/api/v1/users/{customerA}", Body: `{"active": "no"}`, Status: invalid, Field: "active"},
		{Name: "Users PatchNullEmail", Method: "PATCH", Path: "/api/v1/users/{customerA}", Body: `{"email": null}`, Status: invalid, Field: "email"},
		{Name: "Me EscalateRoleWrongCase", As: "customerA", Method: "PATCH", Path: "/api/v1/me", Body: `{"Role": "admin"}`, Status: invalid, Field: "Role"},
		{Name: "Bulk NestedWrongCase", Method: "POST", Path: "/api/v1/tickets/bulk", Body: `{"ids": [1], "update": {"Status": "solved"}}`, Status: invalid, Field: "update.Status"},
		{Name: "Bulk NestedDuplicate", Method: "POST", Path: "/api/v1/tickets/bulk", Body: `{"ids": [1], "update": {"status": "open", "status": "solved"}}`, Status: invalid, Field: "update.status"},
		{Name: "Me EscalateRole", As: "customerA", Method: "PATCH", Path: "/api/v1/me", Body: `{"role": "admin"}`, Status: invalid, Field: "role"},
		{Name: "Me Reactivate", As: "customerA", Method: "PATCH", Path: "/api/v1/me", Body: `{"active": true, "name": "A"}`, Status: invalid, Field: "active"},
		{Name: "Me BadTimeZone", As: "customerA", Method: "PATCH", Path: "/api/v1/me", Body: `{"time_zone": "Mars/Olympus"}`, Status: invalid, Field: "time_zone"},
		{Name: "Me PasswordWrongCurrent", As: "customerA", Method: "POST", Path: "/api/v1/me/password", Body: map[string]string{"current_password": "wrong-wrong-wrong", "new_password": "lilac-harbor-engine-4471"}, Status: invalid, Field: "current_password"},
		{Name: "Tokens EmptyName", Method: "POST", Path: "/api/v1/me/tokens", Body: `{"name": ""}`, Status: invalid, Field: "name"},
		{Name: "Tokens PastExpiry", Method: "POST", Path: "/api/v1/me/tokens", Body: `{"name": "x", "expires_at": "2001-01-01T00:00:00Z"}`, Status: invalid, Field: "expires_at"},
		{Name: "Tokens BadExpiry", Method: "POST", Path: "/api/v1/me/tokens", Body: `{"name": "x", "expires_at": "tomorrow"}`, Status: invalid, Field: "expires_at"},
		{Name: "Teams EmptyName", Method: "POST", Path: "/api/v1/teams", Body: `{"name": ""}`, Status: invalid, Field: "name"},
		{Name: "Teams MemberIsCustomer", Method: "PUT", Path: "/api/v1/teams/{team}/members/{customerA}", Status: invalid, Field: "user_id"},
		{Name: "Teams MemberMissing", Method: "PUT", Path: "/api/v1/teams/{team}/members/999999", Status: invalid, Field: "user_id"},
		{Name: "Login UnknownField", As: "anonymous", Method: "POST", Path: "/api/v1/auth/login", Body: `{"email": "a@example.com", "password": "x", "remember": true}`, Status: invalid, Field: "remember"},
		{Name: "Prefs MissingTopic", Method: "PUT", Path: "/api/v1/me/preferences", Body: `{"email_assigned": false, "email_team_assigned": true, "email_customer_reply": true, "email_mention": true}`, Status: invalid, Field: "email_ticket_replies"},
		{Name: "Prefs NotBool", Method: "PUT", Path: "/api/v1/me/preferences", Body: `{"email_assigned": "no", "email_team_assigned": true, "email_customer_reply": true, "email_mention": true, "email_ticket_replies": true}`, Status: invalid, Field: "email_assigned"},
		{Name: "Prefs UnknownTopic", Method: "PUT", Path: "/api/v1/me/preferences", Body: `{"email_assigned": false, "email_team_assigned": true, "email_customer_reply": true, "email_mention": true, "email_ticket_replies": true, "email_everything": false}`, Status: invalid, Field: "email_everything"},
		{Name: "Prefs NullTopic", Method: "PUT", Path: "/api/v1/me/preferences", Body: `{"email_assigned": null, "email_team_assigned": true, "email_customer_reply": true, "email_mention": true, "email_ticket_replies": true}`, Status: invalid, Field: "email_assigned"},
		{Name: "Unsubscribe NoToken", As: "anonymous", Method: "POST", Path: "/api/v1/unsubscribe", Status: invalid, Field: "token"},
		{Name: "Unsubscribe ForgedToken", As: "anonymous", Method: "POST", Path: "/api/v1/unsubscribe?token=MS5lbWFpbF9hc3NpZ25lZC5hYmNk", Status: invalid, Field: "token"},
		{Name: "Notifications UnreadNotBool", Method: "GET", Path: "/api/v1/notifications?unread=maybe", Status: invalid, Field: "unread"},
		{Name: "Notifications ReadMissing", Method: "POST", Path: "/api/v1/notifications/999999/read", Status: http.StatusNotFound},
		{Name: "Jobs BadState", Method: "GET", Path: "/api/v1/admin/jobs?state=dead", Status: invalid, Field: "state"},
		{Name: "Jobs RetryMissing", Method: "POST", Path: "/api/v1/admin/jobs/999999/retry", Status: http.StatusNotFound},
		{Name: "Jobs DiscardMissing", Method: "POST", Path: "/api/v1/admin/jobs/999999/discard", Status: http.StatusNotFound},
		{Name: "Register WithRole", As: "anonymous", Method: "POST", Path: "/api/v1/auth/register", Body: `{"email": "r@example.com", "name": "R", "password": "lilac-harbor-engine-4471", "role": "admin"}`, Status: invalid, Field: "role"},
	}
}

// limitCases try every list with out-of-range page sizes.
func limitCases() []badCase {
	var cs []badCase
	for _, list := range []string{"/api/v1/tickets", "/api/v1/users", "/api/v1/audit", "/api/v1/tickets/{ticket}/comments"} {
		for _, l := range []string{"-1", "0", "101", "99999999999999999999", "abc", "1.5", "1e2", "%20"} {
			cs = append(cs, badCase{Name: "Limit " + list + " " + l, Method: "GET", Path: list + "?limit=" + l, Status: invalid, Field: "limit"})
		}
	}
	return cs
}

// cursorCases tamper with real, signed cursors.
func (b *badInputEnv) cursorCases() []badCase {
	tickets, users := b.cursors["tickets"], b.cursors["users"]
	payload, sig, _ := strings.Cut(tickets, ".")
	forgedSig := base64.RawURLEncoding.EncodeToString(make([]byte, 32))
	tampered := map[string]string{
		"PayloadByte":     flipDigit(payload) + "." + sig,
		"PayloadChar":     flipChar(payload, 0) + "." + sig,
		"SignatureByte":   payload + "." + flipChar(sig, 0),
		"SignaturePad":    payload + "." + flipPadding(sig),
		"SignatureCut":    payload + "." + sig[:len(sig)-1],
		"SignatureGone":   payload,
		"SignatureEmpty":  payload + ".",
		"PayloadEmpty":    "." + sig,
		"Swapped":         sig + "." + payload,
		"Forged":          base64.RawURLEncoding.EncodeToString([]byte(`{"s":"-updated_at","k":0,"i":1}`)) + "." + forgedSig,
		"Garbage":         "garbage",
		"Padded":          tickets + "==",
		"TooLong":         strings.Repeat("A", 600) + "." + sig,
		"FromUsersList":   users,
		"FromAuditList":   b.cursors["audit"],
		"FromOtherTicket": b.cursors["comments2"],
	}
	var cs []badCase
	for name, c := range tampered {
		cs = append(cs, badCase{Name: "Cursor tickets " + name, Method: "GET", Path: "/api/v1/tickets?cursor=" + q(c), Status: invalid, Field: "cursor"})
	}
	return append(cs,
		badCase{Name: "Cursor tickets OtherSort", Method: "GET", Path: "/api/v1/tickets?sort=-id&cursor=" + q(tickets), Status: invalid, Field: "cursor"},
		badCase{Name: "Cursor tickets OtherSortBack", Method: "GET", Path: "/api/v1/tickets?cursor=" + q(b.cursors["ticketsByID"]), Status: invalid, Field: "cursor"},
		badCase{Name: "Cursor users FromTickets", Method: "GET", Path: "/api/v1/users?cursor=" + q(tickets), Status: invalid, Field: "cursor"},
		badCase{Name: "Cursor users FromAudit", Method: "GET", Path: "/api/v1/users?cursor=" + q(b.cursors["audit"]), Status: invalid, Field: "cursor"},
		badCase{Name: "Cursor users Tampered", Method: "GET", Path: "/api/v1/users?cursor=" + q(flipChar(users, 0)), Status: invalid, Field: "cursor"},
		badCase{Name: "Cursor audit FromUsers", Method: "GET", Path: "/api/v1/audit?cursor=" + q(users), Status: invalid, Field: "cursor"},
		badCase{Name: "Cursor comments FromOtherTicket", Method: "GET", Path: "/api/v1/tickets/{ticket}/comments?cursor=" + q(b.cursors["comments2"]), Status: invalid, Field: "cursor"},
		badCase{Name: "Cursor comments Padding", Method: "GET", Path: "/api/v1/tickets/{ticket}/comments?cursor=" + q(flipPaddingCursor(b.cursors["comments"])), Status: invalid, Field: "cursor"},
	)
}

// flipDigit changes the last digit of a base64url JSON payload, keeping it
// valid JSON: a different position under the same signature.
func flipDigit(payload string) string {
	raw, _ := base64.RawURLEncoding.DecodeString(payload)
	for i := len(raw) - 1; i >= 0; i-- {
		if raw[i] >= '0' && raw[i] <= '9' {
			raw[i] ^= 1
			break
		}
	}
	return base64.RawURLEncoding.EncodeToString(raw)
}

// flipChar replaces the base64 character at i with another one.
func flipChar(s string, i int) string {
	c := byte('A')
	if s[i] == 'A' {
		c = 'B'
	}
	return s[:i] + string(c) + s[i+1:]
}

// flipPadding changes only the unused low bits of the last character of
// an unpadded base64 string: a lax decoder reads the same bytes from it.
func flipPadding(s string) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
	last := strings.IndexByte(alphabet, s[len(s)-1])
	return s[:len(s)-1] + string(alphabet[last^1])
}

// flipPaddingCursor flips the padding bits of a cursor's signature.
func flipPaddingCursor(c string) string {
	payload, sig, _ := strings.Cut(c, ".")
	return payload + "." + flipPadding(sig)
}

// queryCases send unknown, repeated and invalid query parameters.
func queryCases() []badCase {
	get := func(name, path, field string) badCase {
		return badCase{Name: "Query " + name, Method: "GET", Path: path, Status: invalid, Field: field}
	}
	return []badCase{
		get("UnknownTickets", "/api/v1/tickets?stauts=open", "stauts"),
		get("UnknownUsers", "/api/v1/users?sort=name", "sort"),
		get("UnknownAudit", "/api/v1/audit?q=login", "q"),
		get("UnknownOnTicket", "/api/v1/tickets/{ticket}?expand=comments", "expand"),
		get("UnknownOnMe", "/api/v1/me?debug=1", "debug"),
		get("Repeated", "/api/v1/tickets?status=open&status=new", "status"),
		get("RepeatedLimit", "/api/v1/tickets?limit=1&limit=2", "limit"),
		get("Status", "/api/v1/tickets?status=exploded", "status"),
		get("Priority", "/api/v1/tickets?priority=meh", "priority"),
		get("Type", "/api/v1/tickets?type=rant", "type"),
		get("Sort", "/api/v1/tickets?sort=subject", "sort"),
		get("Assignee", "/api/v1/tickets?assignee=bob", "assignee"),
		get("Team", "/api/v1/tickets?team=-3", "team"),
		get("Requester", "/api/v1/tickets?requester=abc", "requester"),
		get("Tag", "/api/v1/tickets?tag=%3Cscript%3E", "tag"),
		get("Role", "/api/v1/users?role=wizard", "role"),
		get("Active", "/api/v1/users?active=maybe", "active"),
		get("Since", "/api/v1/audit?since=yesterday", "since"),
		get("Actor", "/api/v1/audit?actor=-1", "actor"),
		{Name: "Query ChangingRoute", Method: "PATCH", Path: "/api/v1/tickets/{ticket}?status=solved", Body: `{"priority": "high"}`, Status: invalid, Field: "status"},
	}
}

// pathIDCases use ids no object can have: not found, like a missing one.
func pathIDCases() []badCase {
	var cs []badCase
	for _, id := range []string{"abc", "-1", "0", "99999999999999999999", "1e3", "0x10", "+{ticket}", "0{ticket}", "%20{ticket}"} {
		cs = append(cs,
			badCase{Name: "PathID GET ticket " + id, Method: "GET", Path: "/api/v1/tickets/" + id, Status: hidden},
			badCase{Name: "PathID PATCH ticket " + id, Method: "PATCH", Path: "/api/v1/tickets/" + id, Body: `{"priority": "high"}`, Status: hidden},
			badCase{Name: "PathID comment " + id, Method: "PATCH", Path: "/api/v1/tickets/{ticket}/comments/" + id, Body: `{"body": "x"}`, Status: hidden},
		)
	}
	return append(cs,
		badCase{Name: "PathID user", Method: "PATCH", Path: "/api/v1/users/-5", Body: `{"name": "x"}`, Status: hidden},
		badCase{Name: "PathID team", Method: "DELETE", Path: "/api/v1/teams/abc", Status: hidden},
		badCase{Name: "PathID member", Method: "PUT", Path: "/api/v1/teams/{team}/members/abc", Status: hidden},
		badCase{Name: "PathID token", Method: "DELETE", Path: "/api/v1/me/tokens/-1", Status: hidden},
		badCase{Name: "PathID session", Method: "DELETE", Path: "/api/v1/me/sessions/" + strings.Repeat("s", 200), Status: hidden},
		badCase{Name: "PathID reset", Method: "POST", Path: "/api/v1/users/0/password-reset", Status: hidden},
	)
}

// viewCases cover the saved views' fields. {view} is the admin's
// personal view, made here.
func (b *badInputEnv) viewCases() []badCase {
	v, err := b.e.Svc.CreateView(context.Background(), b.e.principal("admin"), service.NewView{Name: "Mine"})
	if err != nil {
		b.e.tb.Fatalf("create view: %v", err)
	}
	b.e.IDs["view"] = v.ID
	const list, one = "/api/v1/views", "/api/v1/views/{view}"
	post := func(name, body, field string) badCase {
		return badCase{Name: "Views POST " + name, Method: "POST", Path: list, Body: body, Status: invalid, Field: field}
	}
	patch := func(name, body, field string) badCase {
		return badCase{Name: "Views PATCH " + name, Method: "PATCH", Path: one, Body: body, Status: invalid, Field: field}
	}
	return []badCase{
		post("MalformedJSON", `{"name": }`, ""),
		post("UnknownField", `{"name": "x", "owner_id": 1}`, "owner_id"),
		post("NameNotString", `{"name": 7}`, "name"),
		post("NoName", `{"query": "status:open"}`, "name"),
		post("BlankName", `{"name": "   "}`, "name"),
		post("NameTooLong", `{"name": "`+strings.Repeat("n", 101)+`"}`, "name"),
		post("NameNewline", `{"name": "two\nlines"}`, "name"),
		post("QueryUnknownField", `{"name": "x", "query": "status:open stauts:new"}`, "query"),
		post("QueryUnclosedQuote", `{"name": "x", "query": "\"paper jam"}`, "query"),
		post("QueryTooLong", `{"name": "x", "query": "`+strings.Repeat("w ", 600)+`"}`, "query"),
		post("QueryNotString", `{"name": "x", "query": ["status:open"]}`, "query"),
		post("BadSort", `{"name": "x", "sort": "subject"}`, "sort"),
		post("RelevanceWithoutText", `{"name": "x", "query": "status:open", "sort": "relevance"}`, "sort"),
		post("UnknownColumn", `{"name": "x", "columns": ["id", "password_hash"]}`, "columns"),
		post("DuplicateColumn", `{"name": "x", "columns": ["id", "subject", "id"]}`, "columns"),
		post("ColumnsNotArray", `{"name": "x", "columns": "id"}`, "columns"),
		post("BadScope", `{"name": "x", "scope": "galaxy"}`, "scope"),
		post("TeamWithoutTeamID", `{"name": "x", "scope": "team"}`, "team_id"),
		post("PersonalWithTeamID", `{"name": "x", "team_id": {team}}`, "team_id"),
		post("TeamMissing", `{"name": "x", "scope": "team", "team_id": 999999}`, "team_id"),
		post("TeamIDNotNumber", `{"name": "x", "scope": "team", "team_id": "Support"}`, "team_id"),
		{Name: "Views POST WrongContentType", Method: "POST", Path: list, Body: "name=x", ContentType: "text/plain", Status: badMedia},
		{Name: "Views PATCH EmptyPatch", Method: "PATCH", Path: one, Body: `{}`, Status: invalid},
		patch("NullName", `{"name": null}`, "name"),
		patch("BlankName", `{"name": ""}`, "name"),
		patch("NullColumns", `{"columns": null}`, "columns"),
		patch("BadQuery", `{"query": "created>yesterday"}`, "query"),
		patch("NegativePosition", `{"position": -1}`, "position"),
		patch("HugePosition", `{"position": 99999999999}`, "position"),
		patch("TeamScopeWithoutTeam", `{"scope": "team"}`, "team_id"),
		patch("TeamIDOnPersonal", `{"team_id": {team}}`, "team_id"),
		patch("UnknownField", `{"owner_id": {agent}}`, "owner_id"),
		{Name: "Views GET Missing", Method: "GET", Path: "/api/v1/views/999999", Status: hidden},
		{Name: "Views GET BadID", Method: "GET", Path: "/api/v1/views/abc", Status: hidden},
		{Name: "Views DELETE BadID", Method: "DELETE", Path: "/api/v1/views/-1", Status: hidden},
		{Name: "Views PATCH Missing", Method: "PATCH", Path: "/api/v1/views/999999", Body: `{"name": "x"}`, Status: hidden},
		{Name: "Views GET UnknownParam", Method: "GET", Path: "/api/v1/views?limit=10", Status: invalid, Field: "limit"},
	}
}
