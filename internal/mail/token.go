package mail

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Unsubscribe topics: the email preferences a link can switch off.
const (
	TopicAssigned      = "email_assigned"
	TopicTeamAssigned  = "email_team_assigned"
	TopicCustomerReply = "email_customer_reply"
	TopicMention       = "email_mention"
	TopicTicketReplies = "email_ticket_replies"
)

// Topics returns every unsubscribe topic.
func Topics() []string {
	return []string{TopicAssigned, TopicTeamAssigned, TopicCustomerReply, TopicMention, TopicTicketReplies}
}

// IsTopic reports whether topic is one of Topics.
func IsTopic(topic string) bool { return slices.Contains(Topics(), topic) }

// ErrInvalidToken is wrapped by every ParseUnsubscribeToken error.
var ErrInvalidToken = errors.New("invalid unsubscribe token")

// tokenDomain separates these MACs from any other use of the same key.
const tokenDomain = "triage unsubscribe v1\x00"

// UnsubscribeToken returns a URL-safe token that lets its bearer switch off
// topic for userID without signing in. key must be secret and non-empty
// (ParseUnsubscribeToken rejects an empty key).
func UnsubscribeToken(key []byte, userID int64, topic string) string {
	payload := strconv.FormatInt(userID, 10) + "." + topic
	raw := append([]byte(payload+"."), tokenMAC(key, payload)...)
	return base64.RawURLEncoding.EncodeToString(raw)
}

// ParseUnsubscribeToken checks token's signature and returns what it
// grants. Errors wrap ErrInvalidToken and never echo the token.
func ParseUnsubscribeToken(key []byte, token string) (userID int64, topic string, err error) {
	if len(key) == 0 {
		return 0, "", fmt.Errorf("%w: no key configured", ErrInvalidToken)
	}
	raw, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil {
		return 0, "", fmt.Errorf("%w: not base64url", ErrInvalidToken)
	}
	// The MAC is binary and may contain dots, so split off exactly two fields.
	parts := strings.SplitN(string(raw), ".", 3)
	if len(parts) != 3 {
		return 0, "", fmt.Errorf("%w: malformed", ErrInvalidToken)
	}
	payload := parts[0] + "." + parts[1]
	if !hmac.Equal([]byte(parts[2]), tokenMAC(key, payload)) {
		return 0, "", fmt.Errorf("%w: signature mismatch", ErrInvalidToken)
	}
	userID, err = strconv.ParseInt(parts[0], 10, 64)
	if err != nil || userID <= 0 {
		return 0, "", fmt.Errorf("%w: bad user id", ErrInvalidToken)
	}
	if !IsTopic(parts[1]) {
		return 0, "", fmt.Errorf("%w: unknown topic %q", ErrInvalidToken, parts[1])
	}
	return userID, parts[1], nil
}

func tokenMAC(key []byte, payload string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(tokenDomain))
	h.Write([]byte(payload))
	return h.Sum(nil)
}
