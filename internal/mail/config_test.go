package mail_test

import (
	"strings"
	"testing"
	"time"

	netmail "net/mail"

	"github.com/triagehq/triage/internal/mail"
)

func TestParseSMTPURL(t *testing.T) {
	good := []struct {
		name, raw string
		want      mail.SMTPConfig
	}{
		{"STARTTLSWithCredentials", "smtp://mailer:p%40ss%3Aword@mail.example.com:2587",
			mail.SMTPConfig{Host: "mail.example.com", Port: 2587, Username: "mailer", Password: "p@ss:word", TLS: "starttls"}},
		{"DefaultPortSTARTTLS", "smtp://mail.example.com", mail.SMTPConfig{Host: "mail.example.com", Port: 587, TLS: "starttls"}},
		{"ExplicitSTARTTLS", "smtp://mail.example.com?tls=starttls", mail.SMTPConfig{Host: "mail.example.com", Port: 587, TLS: "starttls"}},
		{"NoneDefaultPort", "smtp://relay.local?tls=none", mail.SMTPConfig{Host: "relay.local", Port: 25, TLS: "none"}},
		{"NoneWithPort", "smtp://u:p@localhost:1025?tls=none",
			mail.SMTPConfig{Host: "localhost", Port: 1025, Username: "u", Password: "p", TLS: "none"}},
		{"SMTPS", "smtps://u:pw@mail.example.com", mail.SMTPConfig{Host: "mail.example.com", Port: 465, Username: "u", Password: "pw", TLS: "tls"}},
		{"UserWithoutPassword", "smtp://apikey@mail.example.com/", mail.SMTPConfig{Host: "mail.example.com", Port: 587, Username: "apikey", TLS: "starttls"}},
		{"IPv6AndTimeout", "smtp://[::1]:2525?tls=none&timeout=5s", mail.SMTPConfig{Host: "::1", Port: 2525, TLS: "none", Timeout: 5 * time.Second}},
	}
	for _, tt := range good {
		t.Run(tt.name, func(t *testing.T) {
			got, err := mail.ParseSMTPURL(tt.raw)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}

	const secret = "hunter2"
	bad := []struct{ name, raw, wantErr string }{
		{"Empty", "", "scheme"},
		{"WrongScheme", "https://u:hunter2@mail.example.com", "scheme"},
		{"MissingHost", "smtp://u:hunter2@:587", "host"},
		{"PasswordWithoutUser", "smtp://:hunter2@mail.example.com", "user"},
		{"PortNotNumber", "smtp://u:hunter2@mail.example.com:abc", "port"},
		{"PortOutOfRange", "smtp://u:hunter2@mail.example.com:99999", "port"},
		{"UnknownTLS", "smtp://u:hunter2@mail.example.com?tls=maybe", "tls"},
		{"SMTPSWithSTARTTLS", "smtps://u:hunter2@mail.example.com?tls=starttls", "smtps"},
		{"Path", "smtp://u:hunter2@mail.example.com/inbox", "want smtp://"},
		{"UnknownParameter", "smtp://u:hunter2@mail.example.com?from=a@b", "unknown parameter"},
		{"RepeatedParameter", "smtp://u:hunter2@mail.example.com?tls=none&tls=none", "2 times"},
		{"BadTimeout", "smtp://u:hunter2@mail.example.com?timeout=-1s", "timeout"},
		{"SpaceInHost", "smtp://u:hunter2@mail example.com", "host name"},
		{"ControlCharacter", "smtp://u:hunter2@mail.example.com\n", "control character"},
		{"UnescapedSlashInPassword", "smtp://u:hun/ter2@mail.example.com", "percent-encode"},
		{"UnescapedHashInPassword", "smtp://u:hunter2#x@mail.example.com", "percent-encode"},
		{"BadEscapeInPassword", "smtp://u:hunter2%zz@mail.example.com", "percent-encode"},
	}
	for _, tt := range bad {
		t.Run("Err"+tt.name, func(t *testing.T) {
			_, err := mail.ParseSMTPURL(tt.raw)
			if err == nil {
				t.Fatal("want an error")
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error %q contains the password", err)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not mention %q", err, tt.wantErr)
			}
		})
	}
}

func TestSMTPConfigString(t *testing.T) {
	cfg, err := mail.ParseSMTPURL("smtp://mailer:hunter2@mail.example.com:587")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := cfg.String(), "smtp://mailer:xxxxx@mail.example.com:587?tls=starttls"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSMTPConfigValidate(t *testing.T) {
	ok := mail.SMTPConfig{Host: "mail.example.com", Port: 587, From: netmail.Address{Address: "help@example.com"}}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid config: %v", err)
	}
	for name, edit := range map[string]func(*mail.SMTPConfig){
		"NoHost":      func(c *mail.SMTPConfig) { c.Host = "" },
		"NoFrom":      func(c *mail.SMTPConfig) { c.From = netmail.Address{} },
		"BadFrom":     func(c *mail.SMTPConfig) { c.From.Address = "nope" },
		"BadTLS":      func(c *mail.SMTPConfig) { c.TLS = "ssl" },
		"BadPort":     func(c *mail.SMTPConfig) { c.Port = 70000 },
		"OnlyPasword": func(c *mail.SMTPConfig) { c.Password = "hunter2" },
	} {
		t.Run("Err"+name, func(t *testing.T) {
			c := ok
			edit(&c)
			err := c.Validate()
			if err == nil {
				t.Fatal("want an error")
			}
			if strings.Contains(err.Error(), "hunter2") {
				t.Errorf("error %q contains the password", err)
			}
		})
	}
}
