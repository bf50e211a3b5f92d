package mail_test

import (
	"testing"

	"github.com/triagehq/triage/internal/mail"
)

func TestMessageIDs(t *testing.T) {
	tests := []struct{ got, want string }{
		{mail.TicketRootID(42, "help.example.com"), "<ticket-42@help.example.com>"},
		{mail.MessageIDFor(42, "c17-u5", "help.example.com"), "<ticket-42-c17-u5@help.example.com>"},
		{mail.MessageIDFor(42, "n9", "help.example.com"), "<ticket-42-n9@help.example.com>"},
		{mail.MessageIDFor(1, "a b>", "evil>host\r\n"), "<ticket-1-a-b-@evil-host-->"},
		{mail.TicketRootID(1, ""), "<ticket-1@localhost>"},
		{mail.ResetMessageID(7, "help.example.com"), "<reset-7@help.example.com>"},
		{mail.ResetMessageID(7, "evil>host"), "<reset-7@evil-host>"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
