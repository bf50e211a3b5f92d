package postgres

import (
	"errors"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/triagehq/triage/internal/helpdesk"
)

// conflictMessage says, per unique constraint, what clashed, in words a
// caller may be shown.
func conflictMessage(constraint string) string {
	switch constraint {
	case "users_email_lower_key":
		return "A user with this email already exists."
	case "teams_name_lower_key":
		return "A team with this name already exists."
	case "sessions_pkey":
		return "A session with this id already exists."
	case "refresh_tokens_pkey":
		return "This refresh token already exists."
	case "api_tokens_token_hash_key":
		return "An API token with this hash already exists."
	case "password_resets_pkey":
		return "This password reset token already exists."
	case "team_members_pkey":
		return "This user is already a member of the team."
	}
	return "This record already exists."
}

// translate turns constraint violations into helpdesk errors that keep
// the driver's error in their chain for logs. Anything else is returned
// unchanged, to be wrapped by the caller and reported as internal.
func translate(err error) error {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return err
	}
	var herr error
	switch pgErr.Code {
	case "23505": // unique_violation
		herr = &helpdesk.Error{Code: helpdesk.ECONFLICT, Message: conflictMessage(pgErr.ConstraintName)}
	case "23503": // foreign_key_violation
		herr = helpdesk.Invalid(constraintField(pgErr, "_fkey"), "refers to a record that does not exist")
	case "23514": // check_violation
		herr = helpdesk.Invalid(constraintField(pgErr, "_check"), "has a value that is not allowed")
	case "23502": // not_null_violation
		herr = helpdesk.Invalid(pgErr.ColumnName, "is required")
	default:
		return err
	}
	return fmt.Errorf("%w (%w)", herr, err)
}

// constraintField guesses the column a constraint guards from
// PostgreSQL's default naming, <table>_<column>_<suffix>.
func constraintField(pgErr *pgconn.PgError, suffix string) string {
	name := strings.TrimSuffix(pgErr.ConstraintName, suffix)
	return strings.TrimPrefix(name, pgErr.TableName+"_")
}

// notFound is the error for a missing row of the named kind.
func notFound(what string) error {
	return helpdesk.Errorf(helpdesk.ENOTFOUND, "%s not found.", what)
}

// rowError maps a single-row read's error: no row is ENOTFOUND, anything
// else is translated.
func rowError(err error, what string) error {
	if errors.Is(err, pgx.ErrNoRows) {
		return notFound(what)
	}
	return translate(err)
}
