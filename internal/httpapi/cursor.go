package httpapi

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"strings"

	"github.com/triagehq/triage/internal/helpdesk"
)

// cursorCodec makes pagination cursors opaque and tamper-proof:
// base64url(JSON position) "." base64url(HMAC-SHA256). The list kind is
// part of the MAC, so a cursor of one list cannot be replayed on another.
type cursorCodec struct {
	key []byte
}

// maxCursorLen bounds what is worth verifying at all.
const maxCursorLen = 512

// cursorEncoding reads cursors strictly: a lax decoder ignores the unused
// low bits of the last character, so several spellings of one cursor, all
// but one of them altered, would pass the MAC check.
var cursorEncoding = base64.RawURLEncoding.Strict()

func (c cursorCodec) mac(kind, payload string) []byte {
	m := hmac.New(sha256.New, c.key)
	m.Write([]byte(kind))
	m.Write([]byte{0})
	m.Write([]byte(payload))
	return m.Sum(nil)
}

// encode signs v as a cursor for the list kind.
func (c cursorCodec) encode(kind string, v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		// Cursor positions are plain structs and integers.
		panic("httpapi: marshal cursor: " + err.Error())
	}
	payload := base64.RawURLEncoding.EncodeToString(b)
	return payload + "." + base64.RawURLEncoding.EncodeToString(c.mac(kind, payload))
}

// decode verifies a cursor of the list kind and reads its position into v.
// Anything garbled or tampered with is an EINVALID error on field cursor.
func (c cursorCodec) decode(kind, s string, v any) error {
	bad := helpdesk.Invalid("cursor", "is not a valid cursor for this list")
	if len(s) > maxCursorLen {
		return bad
	}
	payload, sig, ok := strings.Cut(s, ".")
	if !ok {
		return bad
	}
	got, err := cursorEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, c.mac(kind, payload)) {
		return bad
	}
	b, err := cursorEncoding.DecodeString(payload)
	if err != nil {
		return bad
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return bad
	}
	return nil
}

// afterID is the position of the id-keyed lists (users, audit, comments).
type afterID struct {
	ID int64 `json:"i"`
}

// idCursor returns the signed cursor for an id-keyed list, or nil at the end.
func (c cursorCodec) idCursor(kind string, id int64) *string {
	if id <= 0 {
		return nil
	}
	s := c.encode(kind, afterID{ID: id})
	return &s
}

// decodeID reads an id-keyed cursor; empty means the first page.
func (c cursorCodec) decodeID(kind, s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	var a afterID
	if err := c.decode(kind, s, &a); err != nil {
		return 0, err
	}
	if a.ID <= 0 {
		return 0, helpdesk.Invalid("cursor", "is not a valid cursor for this list")
	}
	return a.ID, nil
}
