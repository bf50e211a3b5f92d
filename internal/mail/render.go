package mail

import (
	"bytes"
	"embed"
	"fmt"
	htmltemplate "html/template"
	"strings"
	"sync"
	texttemplate "text/template"
	"time"
	"unicode/utf8"
)

// Template kinds for Render.
const (
	KindAgentReply    = "agent_reply"    // to the customer: an agent's public reply
	KindAssigned      = "assigned"       // to staff: a ticket was assigned to them
	KindTeamAssigned  = "team_assigned"  // to staff: a ticket was assigned to their team
	KindCustomerReply = "customer_reply" // to the assignee: the customer replied
	KindMention       = "mention"        // to staff: someone mentioned them
	KindPasswordReset = "password_reset" // to anyone: the link of a reset they asked for
)

// Data fills a template. Every string is escaped in HTML except BodyHTML,
// which must already be sanitized (the markdown renderer's output).
type Data struct {
	SiteName       string
	BaseURL        string
	Recipient      string // the recipient's name
	TicketID       int64
	TicketSubject  string
	ActorName      string
	TeamName       string // team_assigned: the team's name
	BodyText       string // the comment's Markdown source, shown in the text part
	BodyHTML       htmltemplate.HTML
	TicketURL      string
	PreferencesURL string
	UnsubscribeURL string
	// ResetURL and ResetExpires are password_reset's link and when it
	// stops working.
	ResetURL     string
	ResetExpires time.Time
}

// Bounds keep subjects readable and clear of header length limits.
const (
	maxSubjectRunes = 200
	maxTitleRunes   = 120
	maxNameRunes    = 60
)

//go:embed templates/*.html templates/*.txt
var templateFS embed.FS

type kindTemplates struct {
	html *htmltemplate.Template
	text *texttemplate.Template
}

// parsedTemplates parses every kind once; the result is read-only.
var parsedTemplates = sync.OnceValues(func() (map[string]kindTemplates, error) {
	kinds := []string{KindAgentReply, KindAssigned, KindTeamAssigned, KindCustomerReply, KindMention, KindPasswordReset}
	m := make(map[string]kindTemplates, len(kinds))
	for _, kind := range kinds {
		h, err := htmltemplate.ParseFS(templateFS, "templates/layout.html", "templates/"+kind+".html")
		if err != nil {
			return nil, fmt.Errorf("parse %s.html: %w", kind, err)
		}
		t, err := texttemplate.ParseFS(templateFS, "templates/layout.txt", "templates/"+kind+".txt")
		if err != nil {
			return nil, fmt.Errorf("parse %s.txt: %w", kind, err)
		}
		m[kind] = kindTemplates{html: h, text: t}
	}
	return m, nil
})

// view is what the templates see: Data with one-line names plus the
// subject and the reset link's expiry as text.
type view struct {
	Data
	Subject string
	Expires string
}

// Render returns the subject and both bodies of a kind of email. The
// subject of a ticket's email starts with "[#<ticket>]" so replies and
// notifications about one ticket sort together; no subject contains a
// line break.
func Render(kind string, d Data) (subject, text, html string, err error) {
	all, err := parsedTemplates()
	if err != nil {
		return "", "", "", err
	}
	tmpl, ok := all[kind]
	if !ok {
		return "", "", "", fmt.Errorf("render mail: unknown kind %q", kind)
	}
	v := view{Data: d}
	v.SiteName = clip(oneLine(d.SiteName), maxNameRunes)
	v.Recipient = clip(oneLine(d.Recipient), maxNameRunes)
	v.ActorName = clip(oneLine(d.ActorName), maxNameRunes)
	v.TeamName = clip(oneLine(d.TeamName), maxNameRunes)
	v.TicketSubject = clip(oneLine(d.TicketSubject), maxTitleRunes)
	if v.TicketSubject == "" {
		v.TicketSubject = "(no subject)"
	}
	v.Subject = subjectFor(kind, v.Data)
	if !d.ResetExpires.IsZero() {
		v.Expires = d.ResetExpires.UTC().Format("2 January 2006 at 15:04 MST")
	}

	var tb, hb bytes.Buffer
	if err := tmpl.text.ExecuteTemplate(&tb, "layout", v); err != nil {
		return "", "", "", fmt.Errorf("render %s text: %w", kind, err)
	}
	if err := tmpl.html.ExecuteTemplate(&hb, "layout", v); err != nil {
		return "", "", "", fmt.Errorf("render %s html: %w", kind, err)
	}
	return v.Subject, strings.TrimSpace(tb.String()) + "\n", hb.String(), nil
}

// subjectFor builds the subject from already one-line, clipped fields.
func subjectFor(kind string, d Data) string {
	var s string
	switch kind {
	case KindPasswordReset:
		return "Reset your password"
	case KindAssigned:
		s = "Assigned to you: " + d.TicketSubject
	case KindTeamAssigned:
		team := d.TeamName
		if team == "" {
			team = "your team"
		}
		s = "Assigned to " + team + ": " + d.TicketSubject
	case KindCustomerReply:
		who := d.ActorName
		if who == "" {
			who = "the customer"
		}
		s = "New reply from " + who + ": " + d.TicketSubject
	case KindMention:
		who := d.ActorName
		if who == "" {
			who = "Someone"
		}
		s = who + " mentioned you: " + d.TicketSubject
	default:
		s = d.TicketSubject
	}
	return clip(fmt.Sprintf("[#%d] %s", d.TicketID, s), maxSubjectRunes)
}

// clip shortens s to at most n runes, marking the cut with an ellipsis.
func clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n-1])) + "…"
}
