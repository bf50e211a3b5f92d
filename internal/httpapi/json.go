package httpapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// writeJSON sends v as JSON with status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	writeJSONType(w, "application/json", status, v)
}

func writeJSONType(w http.ResponseWriter, contentType string, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(v); err != nil {
		// Every response type here is a plain struct; failing to encode
		// one is a programming error, answered without a body.
		w.WriteHeader(http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", contentType)
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// decode reads the request body into v strictly: JSON media type, a single
// JSON value, no unknown fields, types as declared. Its errors are
// problems naming the offending field or position.
func decode(r *http.Request, v any) error {
	if r.ContentLength == 0 {
		return errEmptyBody
	}
	if err := checkContentType(r); err != nil {
		return err
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return decodeError(err)
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return helpdesk.Errorf(helpdesk.EINVALID, "The request body must hold a single JSON value; found more data after it.")
	}
	if err := checkKeys(body, reflect.TypeOf(v)); err != nil {
		return decodeError(err)
	}
	return nil
}

// checkContentType refuses bodies that do not say they are JSON.
func checkContentType(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return &statusError{status: http.StatusUnsupportedMediaType, detail: "Content-Type must be application/json."}
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil || mt != "application/json" {
		return &statusError{status: http.StatusUnsupportedMediaType, detail: "Content-Type must be application/json."}
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return &statusError{status: http.StatusUnsupportedMediaType, detail: "JSON bodies must be UTF-8."}
	}
	return nil
}

// decodeError turns a json.Decoder error into a caller-safe problem.
func decodeError(err error) error {
	var (
		syntax *json.SyntaxError
		typ    *json.UnmarshalTypeError
		mbe    *http.MaxBytesError
		he     *helpdesk.Error
	)
	switch {
	case errors.Is(err, io.EOF):
		return errEmptyBody
	case errors.As(err, &mbe):
		return errTooLarge
	case errors.As(err, &he):
		return he
	case errors.As(err, &syntax):
		return helpdesk.Errorf(helpdesk.EINVALID, "Malformed JSON at byte %d: %s.", syntax.Offset, strings.TrimPrefix(syntax.Error(), "json: "))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return helpdesk.Errorf(helpdesk.EINVALID, "Malformed JSON: the body ends in the middle of a value.")
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			return helpdesk.Errorf(helpdesk.EINVALID, "The request body must be a JSON %s, not %s.", jsonKind(typ), typ.Value)
		}
		return helpdesk.Invalid(field, "must be %s, not %s", jsonKind(typ), typ.Value)
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		return helpdesk.Invalid(strings.Trim(name, `"`), "unknown field")
	}
	return helpdesk.Errorf(helpdesk.EINVALID, "Malformed JSON: %s.", strings.TrimPrefix(err.Error(), "json: "))
}

// jsonKind names the JSON type a Go type is decoded from.
func jsonKind(e *json.UnmarshalTypeError) string {
	if e.Type == reflect.TypeFor[time.Time]() {
		return "an RFC 3339 time such as 2026-01-31T09:00:00Z"
	}
	switch k := e.Type.Kind().String(); {
	case strings.HasPrefix(k, "int"), strings.HasPrefix(k, "uint"), strings.HasPrefix(k, "float"):
		return "a number"
	case k == "string":
		return "a string"
	case k == "bool":
		return "a boolean"
	case k == "slice" || k == "array":
		return "an array"
	case k == "struct" || k == "map":
		return "an object"
	default:
		return fmt.Sprintf("a %s", e.Type)
	}
}

// optional is a PATCH field: absent, null, or a value. Pointer fields cannot
// tell absent from null, and null means "clear" for some fields.
type optional[T any] struct {
	Set   bool // the field was present
	Null  bool // the field was null
	Value T
}

// UnmarshalJSON records presence; the decoder skips it for absent fields.
func (o *optional[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(b) == "null" {
		o.Null = true
		return nil
	}
	return json.Unmarshal(b, &o.Value)
}

// ptr returns the value as "nil = unchanged", refusing null for a field that
// cannot be cleared.
func (o optional[T]) ptr(v *helpdesk.Validation, field string) *T {
	if !o.Set {
		return nil
	}
	if o.Null {
		v.Add(field, "must not be null")
		return nil
	}
	return &o.Value
}

// jsonTime is a time in a request body. time.Time's own parse errors name
// no field; this one fails like a mistyped field, so the problem names it.
type jsonTime struct{ time.Time }

func (t *jsonTime) UnmarshalJSON(b []byte) error {
	if err := t.Time.UnmarshalJSON(b); err != nil {
		return &json.UnmarshalTypeError{Value: jsonValueKind(b), Type: reflect.TypeFor[time.Time]()}
	}
	return nil
}

// ptr returns the time, or nil when the field was absent or null.
func (t *jsonTime) ptr() *time.Time {
	if t == nil {
		return nil
	}
	return &t.Time
}

// jsonValueKind names the kind of a raw JSON value in encoding/json's
// words, for error messages.
func jsonValueKind(b []byte) string {
	switch {
	case len(b) == 0:
		return "nothing"
	case b[0] == '"':
		return "a string in another format"
	case b[0] == '{':
		return "object"
	case b[0] == '[':
		return "array"
	case b[0] == 't' || b[0] == 'f':
		return "bool"
	default:
		return "number"
	}
}
