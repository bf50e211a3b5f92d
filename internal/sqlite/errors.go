package sqlite

import (
	"database/sql"
	"errors"
	"strings"

	"github.com/triagehq/triage/internal/helpdesk"

	sqlitedrv "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// translate turns a driver constraint error into a helpdesk error and
// returns any other error unchanged.
func translate(err error) error {
	var se *sqlitedrv.Error
	if !errors.As(err, &se) {
		return err
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return helpdesk.Errorf(helpdesk.ECONFLICT, "%s", conflictMessage(se.Error()))
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return helpdesk.Errorf(helpdesk.EINVALID, "A referenced record does not exist.")
	case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return helpdesk.Errorf(helpdesk.EINVALID, "A value is missing or out of range.")
	}
	return err
}

// conflictMessage picks the message for a uniqueness failure from the
// driver's text, e.g. "UNIQUE constraint failed: users.email (2067)".
func conflictMessage(msg string) string {
	column := msg
	if i := strings.LastIndex(msg, "failed: "); i >= 0 {
		column = msg[i+len("failed: "):]
	}
	column, _, _ = strings.Cut(column, " ")
	column = strings.TrimSuffix(column, ",")
	switch column {
	case "users.email":
		return "A user with this email already exists."
	case "teams.name_lower":
		return "A team with this name already exists."
	case "sessions.id":
		return "A session with this id already exists."
	case "refresh_tokens.token_hash":
		return "This refresh token already exists."
	case "api_tokens.token_hash":
		return "An API token with this hash already exists."
	case "password_resets.token_hash":
		return "This password reset already exists."
	}
	return "This record already exists."
}

// notFound turns sql.ErrNoRows into an ENOTFOUND error about what, and
// translates anything else.
func notFound(err error, what string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return helpdesk.Errorf(helpdesk.ENOTFOUND, "%s not found.", what)
	}
	return translate(err)
}

// mustAffect returns an ENOTFOUND error about what when res changed no row.
func mustAffect(res sql.Result, what string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return helpdesk.Errorf(helpdesk.ENOTFOUND, "%s not found.", what)
	}
	return nil
}
