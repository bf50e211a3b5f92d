package mail_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/triagehq/triage/internal/mail"
)

func renderData() mail.Data {
	return mail.Data{
		SiteName:       "Acme Help",
		BaseURL:        "https://help.example.com",
		Recipient:      "Jane Doe",
		TicketID:       42,
		TicketSubject:  "Printer on fire",
		ActorName:      "Bob Agent",
		TeamName:       "Hardware",
		BodyText:       "Have you tried **turning it off**?",
		BodyHTML:       "<p>Have you tried <strong>turning it off</strong>?</p>",
		TicketURL:      "https://help.example.com/tickets/42",
		PreferencesURL: "https://help.example.com/settings/notifications",
		UnsubscribeURL: "https://help.example.com/unsubscribe?token=abc",
	}
}

func TestRender(t *testing.T) {
	tests := []struct {
		kind, subject string
		showsBody     bool
	}{
		{mail.KindAgentReply, "[#42] Printer on fire", true},
		{mail.KindAssigned, "[#42] Assigned to you: Printer on fire", false},
		{mail.KindTeamAssigned, "[#42] Assigned to Hardware: Printer on fire", false},
		{mail.KindCustomerReply, "[#42] New reply from Bob Agent: Printer on fire", true},
		{mail.KindMention, "[#42] Bob Agent mentioned you: Printer on fire", true},
	}
	for _, tt := range tests {
		t.Run(tt.kind, func(t *testing.T) {
			d := renderData()
			subject, text, html, err := mail.Render(tt.kind, d)
			if err != nil {
				t.Fatal(err)
			}
			if subject != tt.subject {
				t.Errorf("subject: got %q, want %q", subject, tt.subject)
			}
			for _, want := range []string{d.TicketURL, d.PreferencesURL, d.UnsubscribeURL, "You received this email because", "Jane Doe"} {
				if !strings.Contains(text, want) {
					t.Errorf("text lacks %q:\n%s", want, text)
				}
				if !strings.Contains(html, want) {
					t.Errorf("html lacks %q:\n%s", want, html)
				}
			}
			if tt.showsBody {
				if !strings.Contains(text, d.BodyText) {
					t.Errorf("text lacks the comment:\n%s", text)
				}
				if !strings.Contains(html, string(d.BodyHTML)) {
					t.Errorf("html lacks the comment HTML:\n%s", html)
				}
			}
			if strings.Contains(text, "<p>") {
				t.Errorf("text part contains HTML:\n%s", text)
			}
			for _, want := range []string{`<html lang="en">`, `<meta charset="utf-8">`, "<title>" + tt.subject + "</title>"} {
				if !strings.Contains(html, want) {
					t.Errorf("html lacks %q", want)
				}
			}
			for _, banned := range []string{"<script", "<img", "src="} {
				if strings.Contains(html, banned) {
					t.Errorf("html contains %q", banned)
				}
			}
		})
	}
}

func TestRenderEscapes(t *testing.T) {
	d := renderData()
	d.TicketSubject = `<script>alert("x")</script>`
	d.ActorName = `<img src=x onerror=alert(1)>`
	d.TeamName = `<b>Ops</b>`
	d.TicketURL = "javascript:alert(1)"
	for _, kind := range []string{mail.KindAgentReply, mail.KindAssigned, mail.KindTeamAssigned, mail.KindCustomerReply, mail.KindMention} {
		t.Run(kind, func(t *testing.T) {
			subject, _, html, err := mail.Render(kind, d)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(subject, d.TicketSubject) {
				t.Errorf("subject %q should keep the text as is (it is not HTML)", subject)
			}
			for _, raw := range []string{"<script", "<img", "<b>", "javascript:"} {
				if strings.Contains(html, raw) {
					t.Errorf("html contains unescaped %q", raw)
				}
			}
			if !strings.Contains(html, "&lt;script&gt;") {
				t.Errorf("html lacks the escaped subject")
			}
		})
	}
}

func TestRenderSubjectIsOneBoundedLine(t *testing.T) {
	d := renderData()
	d.TicketSubject = "Line one\r\nBcc: victim@example.com\u2028" + strings.Repeat("ü", 500)
	d.ActorName = "Mallory\nX-Header: y"
	for _, kind := range []string{mail.KindAgentReply, mail.KindAssigned, mail.KindTeamAssigned, mail.KindCustomerReply, mail.KindMention} {
		subject, text, _, err := mail.Render(kind, d)
		if err != nil {
			t.Fatal(err)
		}
		if strings.ContainsAny(subject, "\r\n\u2028") {
			t.Errorf("%s: subject %q contains a line break", kind, subject)
		}
		if n := utf8.RuneCountInString(subject); n > 200 {
			t.Errorf("%s: subject has %d runes, want at most 200", kind, n)
		}
		if !strings.HasPrefix(subject, "[#42] ") {
			t.Errorf("%s: subject %q lacks the ticket prefix", kind, subject)
		}
		if strings.Contains(text, "Mallory\n") {
			t.Errorf("%s: the actor's name broke a line in the text part", kind)
		}
	}
}

func TestRenderMissingOptionalFields(t *testing.T) {
	d := mail.Data{TicketID: 7, TicketURL: "https://help.example.com/tickets/7"}
	subject, text, html, err := mail.Render(mail.KindTeamAssigned, d)
	if err != nil {
		t.Fatal(err)
	}
	if subject != "[#7] Assigned to your team: (no subject)" {
		t.Errorf("subject: got %q", subject)
	}
	if strings.Contains(text, "Unsubscribe") || strings.Contains(html, `href=""`) {
		t.Errorf("want no empty links:\n%s\n%s", text, html)
	}
}

func TestRenderErrUnknownKind(t *testing.T) {
	if _, _, _, err := mail.Render("digest", renderData()); err == nil || !strings.Contains(err.Error(), "digest") {
		t.Fatalf("got %v, want an unknown kind error", err)
	}
}

func TestRenderPasswordReset(t *testing.T) {
	d := mail.Data{
		SiteName:     "Acme Help",
		Recipient:    "Jane Doe",
		ResetURL:     "https://help.example.com/reset-password?token=abc-123_x",
		ResetExpires: time.Date(2025, 3, 14, 10, 26, 53, 0, time.FixedZone("CET", 3600)),
	}
	subject, text, html, err := mail.Render(mail.KindPasswordReset, d)
	if err != nil {
		t.Fatal(err)
	}
	if want := "Reset your password"; subject != want {
		t.Errorf("subject: got %q, want %q", subject, want)
	}
	for _, want := range []string{d.ResetURL, "Jane Doe", "14 March 2025 at 09:26 UTC",
		"If you did not ask, ignore this mail; your password is unchanged.",
		"You received this email because a password reset was requested"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q:\n%s", want, text)
		}
		if !strings.Contains(html, want) {
			t.Errorf("html lacks %q:\n%s", want, html)
		}
	}
	if !strings.Contains(html, `href="`+d.ResetURL+`"`) {
		t.Errorf("html lacks the link:\n%s", html)
	}
	for _, banned := range []string{"View ticket", "ticket #", "Unsubscribe", "preferences"} {
		if strings.Contains(text, banned) || strings.Contains(html, banned) {
			t.Errorf("the reset mail mentions %q:\n%s\n%s", banned, text, html)
		}
	}
}

func TestRenderPasswordResetEscapes(t *testing.T) {
	d := mail.Data{Recipient: "<b>Eve</b>", ResetURL: "javascript:alert(1)"}
	_, _, html, err := mail.Render(mail.KindPasswordReset, d)
	if err != nil {
		t.Fatal(err)
	}
	for _, raw := range []string{"<b>", `href="javascript:`} {
		if strings.Contains(html, raw) {
			t.Errorf("html contains unescaped %q", raw)
		}
	}
}
