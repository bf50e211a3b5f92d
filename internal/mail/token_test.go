package mail_test

import (
	"encoding/base64"
	"errors"
	"strings"
	"testing"

	"github.com/triagehq/triage/internal/mail"
)

var tokenKey = []byte("0123456789abcdef0123456789abcdef")

func TestUnsubscribeToken(t *testing.T) {
	for _, topic := range mail.Topics() {
		t.Run(topic, func(t *testing.T) {
			token := mail.UnsubscribeToken(tokenKey, 9001, topic)
			if strings.ContainsAny(token, "+/=?&") {
				t.Errorf("token %q is not URL-safe", token)
			}
			userID, gotTopic, err := mail.ParseUnsubscribeToken(tokenKey, token)
			if err != nil {
				t.Fatal(err)
			}
			if userID != 9001 || gotTopic != topic {
				t.Errorf("got (%d, %q), want (9001, %q)", userID, gotTopic, topic)
			}
		})
	}
}

func TestParseUnsubscribeTokenErrors(t *testing.T) {
	valid := mail.UnsubscribeToken(tokenKey, 5, mail.TopicMention)
	raw, err := base64.RawURLEncoding.DecodeString(valid)
	if err != nil {
		t.Fatal(err)
	}
	// Forge: same MAC, other user.
	forged := base64.RawURLEncoding.EncodeToString([]byte("6" + string(raw[1:])))
	// Tamper: flip a bit of the MAC.
	flipped := append([]byte(nil), raw...)
	flipped[len(flipped)-1] ^= 1

	tests := []struct {
		name, token string
		key         []byte
	}{
		{"OtherUser", forged, tokenKey},
		{"FlippedMAC", base64.RawURLEncoding.EncodeToString(flipped), tokenKey},
		{"Truncated", valid[:len(valid)-4], tokenKey},
		{"OtherKey", valid, []byte("another key, same length 32 byte")},
		{"EmptyKey", mail.UnsubscribeToken(nil, 5, mail.TopicMention), nil},
		{"UnknownTopic", mail.UnsubscribeToken(tokenKey, 5, "email_everything"), tokenKey},
		{"ZeroUser", mail.UnsubscribeToken(tokenKey, 0, mail.TopicMention), tokenKey},
		{"NotBase64", "***", tokenKey},
		{"Empty", "", tokenKey},
		{"NoDots", base64.RawURLEncoding.EncodeToString([]byte("garbage")), tokenKey},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := mail.ParseUnsubscribeToken(tt.key, tt.token)
			if !errors.Is(err, mail.ErrInvalidToken) {
				t.Fatalf("got %v, want ErrInvalidToken", err)
			}
			if tt.token != "" && strings.Contains(err.Error(), tt.token) {
				t.Errorf("error %q echoes the token", err)
			}
		})
	}
}

func TestIsTopic(t *testing.T) {
	if !mail.IsTopic(mail.TopicTicketReplies) || mail.IsTopic("email") || mail.IsTopic("") {
		t.Error("IsTopic disagrees with Topics")
	}
}
