package helpdesk

import (
	"strconv"
	"time"
)

// PasswordResetMail is the background job that mails a user the link of
// a reset they asked for. The service enqueues it in the transaction that
// creates the reset; the notify package sends it. The raw token is never
// stored in plain text: Sealed holds it encrypted under a key derived from
// the server secret, bound to the user (ResetMailBinding).
type PasswordResetMail struct {
	UserID    int64     `json:"user_id"`
	Sealed    string    `json:"sealed"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Kind names the job's worker.
func (PasswordResetMail) Kind() string { return "notify_password_reset" }

// PasswordResetMailAttempts bounds the job's runs: a reset link is useless
// after an hour, so there is no point in retrying for weeks.
const PasswordResetMailAttempts = 5

// ResetMailBinding is the additional data a PasswordResetMail's token is
// sealed with, so a sealed token cannot be moved into another user's job.
func ResetMailBinding(userID int64) []byte {
	return []byte("notify_password_reset user " + strconv.FormatInt(userID, 10))
}
