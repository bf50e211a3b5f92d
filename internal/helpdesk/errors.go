package helpdesk

import (
	"errors"
	"fmt"
)

// Error codes. The HTTP package maps each to a status; nothing else does.
const (
	ECONFLICT     = "conflict"     // unique violation, stale state, reuse
	EINTERNAL     = "internal"     // anything unexpected; never shown in detail
	EINVALID      = "invalid"      // bad input; Fields says which
	ENOTFOUND     = "not_found"    // absent, or present but not visible
	EUNAUTHORIZED = "unauthorized" // no valid credentials
	EFORBIDDEN    = "forbidden"    // visible, but the action is not allowed
	ERATELIMIT    = "rate_limited" // too many attempts
	ETOOLARGE     = "too_large"    // a payload over its limit
	EUNAVAILABLE  = "unavailable"  // a feature switched off (e.g. registration)
)

// FieldError names one invalid input field and why it was refused.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is the domain's error. Message is safe to show to the caller;
// internal details stay in wrapped errors and logs.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
}

func (e *Error) Error() string {
	return fmt.Sprintf("helpdesk error: code=%s message=%s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the *Error in err's chain, EINTERNAL for any
// other non-nil error, and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the caller-safe message of err.
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// ErrorFields returns the per-field problems of err, if any.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Validation collects field errors; Err returns nil when there are none.
type Validation struct {
	fields []FieldError
}

// Add records a problem with field.
func (v *Validation) Add(field, format string, args ...any) {
	v.fields = append(v.fields, FieldError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// Err returns an EINVALID *Error listing every field, or nil.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	msg := "Invalid input."
	if len(v.fields) == 1 {
		msg = v.fields[0].Field + ": " + v.fields[0].Message
	}
	return &Error{Code: EINVALID, Message: msg, Fields: v.fields}
}

// Invalid returns an EINVALID error about one field.
func Invalid(field, format string, args ...any) error {
	var v Validation
	v.Add(field, format, args...)
	return v.Err()
}
