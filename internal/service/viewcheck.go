package service

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/search/query"
)

// validateView checks every field of v, naming each bad one.
func validateView(v *helpdesk.SavedView) error {
	var val helpdesk.Validation
	switch n := utf8.RuneCountInString(v.Name); {
	case v.Name == "":
		val.Add("name", "is required")
	case n > MaxViewName || !utf8.ValidString(v.Name):
		val.Add("name", "must be at most %d characters of valid text", MaxViewName)
	case strings.ContainsAny(v.Name, "\x00\r\n"):
		val.Add("name", "must be a single line")
	}
	q, err := query.Parse(v.Query)
	var qerr *query.Error
	if errors.As(err, &qerr) {
		val.Add("query", "%s", qerr.Error())
	} else if err != nil {
		val.Add("query", "is not a valid search")
	}
	switch {
	case v.Sort == "" || v.Sort.Valid():
	case v.Sort == helpdesk.SortRelevance:
		if q != nil && !hasFreeText(q) {
			val.Add("sort", "relevance needs free words in the query")
		}
	default:
		val.Add("sort", "must be empty, relevance or one of %s", joinSorts(helpdesk.TicketSorts))
	}
	validateViewColumns(&val, v.Columns)
	switch v.Scope {
	case helpdesk.ViewTeam:
		if v.TeamID == nil {
			val.Add("team_id", "is required for a team view")
		}
	case helpdesk.ViewPersonal, helpdesk.ViewEveryone:
		if v.TeamID != nil {
			val.Add("team_id", "must be null unless scope is team")
		}
	default:
		val.Add("scope", "must be personal, team or everyone")
	}
	if v.Position < 0 || v.Position > MaxViewPosition {
		val.Add("position", "must be between 0 and %d", MaxViewPosition)
	}
	return val.Err()
}

func validateViewColumns(val *helpdesk.Validation, columns []string) {
	for i, col := range columns {
		switch {
		case !slices.Contains(helpdesk.ViewColumns, col):
			val.Add("columns", "%q is not a column; use %s", clip(col, 40), strings.Join(helpdesk.ViewColumns, ", "))
			return
		case slices.Contains(columns[:i], col):
			val.Add("columns", "lists %q twice", col)
			return
		}
	}
}

// hasFreeText reports whether q has words or phrases to match.
func hasFreeText(q *query.Query) bool {
	return slices.ContainsFunc(q.Terms, func(t query.Term) bool { return t.Field == "" && !t.Negated })
}

func joinSorts(sorts []helpdesk.TicketSort) string {
	parts := make([]string, len(sorts))
	for i, s := range sorts {
		parts[i] = string(s)
	}
	return strings.Join(parts, ", ")
}

// clip cuts s to at most n bytes of whole runes, for echoing input back.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// checkViewTeam refuses a team that does not exist.
func checkViewTeam(ctx context.Context, r helpdesk.Reader, teamID *int64) error {
	if teamID == nil {
		return nil
	}
	_, err := r.FindTeamByID(ctx, *teamID)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return helpdesk.Invalid("team_id", "does not exist")
	} else if err != nil {
		return fmt.Errorf("find team %d: %w", *teamID, err)
	}
	return nil
}

// checkViewQuota refuses a view beyond MaxViewsPerOwner.
func checkViewQuota(ctx context.Context, r helpdesk.Reader, ownerID int64) error {
	// Listing with every team's views includes every view ownerID owns.
	views, err := r.ListSavedViews(ctx, ownerID, nil, true)
	if err != nil {
		return fmt.Errorf("list views of user %d: %w", ownerID, err)
	}
	owned := 0
	for _, v := range views {
		if v.OwnerID == ownerID {
			owned++
		}
	}
	if owned >= MaxViewsPerOwner {
		return helpdesk.Errorf(helpdesk.ECONFLICT, "You have %d saved views, the most allowed; delete one first.", owned)
	}
	return nil
}
