package postgres_test

import (
	"context"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
)

func TestErrorTranslation(t *testing.T) {
	db := MustOpenDB(t)
	alice := mustCreateUser(t, db, "alice@example.com", helpdesk.RoleCustomer)
	team := &helpdesk.Team{Name: "Billing", CreatedAt: now, UpdatedAt: now}
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error { return tx.CreateTeam(ctx, team) })
	missing := int64(987654)

	ticket := func(mod func(*helpdesk.Ticket)) *helpdesk.Ticket {
		tk := &helpdesk.Ticket{Subject: "s", Status: helpdesk.StatusNew, Priority: helpdesk.PriorityLow,
			Type: helpdesk.TypeTask, RequesterID: alice.ID, CreatedAt: now, UpdatedAt: now}
		mod(tk)
		return tk
	}
	cases := []struct {
		name      string
		fn        func(ctx context.Context, tx helpdesk.Tx) error
		code      string
		message   string
		fieldName string
	}{
		{"UniqueEmailAnyCase", func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.CreateUser(ctx, &helpdesk.User{Email: "ALICE@example.com", Name: "A",
				Role: helpdesk.RoleAgent, CreatedAt: now, UpdatedAt: now})
		}, helpdesk.ECONFLICT, "A user with this email already exists.", ""},
		{"UniqueTeamNameAnyCase", func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.CreateTeam(ctx, &helpdesk.Team{Name: "billing", CreatedAt: now, UpdatedAt: now})
		}, helpdesk.ECONFLICT, "A team with this name already exists.", ""},
		{"ForeignKeyRequester", func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.CreateTicket(ctx, ticket(func(tk *helpdesk.Ticket) { tk.RequesterID = missing }))
		}, helpdesk.EINVALID, "", "requester_id"},
		{"ForeignKeyTeam", func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.CreateTicket(ctx, ticket(func(tk *helpdesk.Ticket) { tk.TeamID = &missing }))
		}, helpdesk.EINVALID, "", "team_id"},
		{"ForeignKeyMember", func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.AddTeamMember(ctx, team.ID, missing)
		}, helpdesk.EINVALID, "", "user_id"},
		{"ForeignKeyComment", func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.CreateComment(ctx, &helpdesk.Comment{TicketID: missing, AuthorID: alice.ID,
				Body: "b", CreatedAt: now})
		}, helpdesk.EINVALID, "", "ticket_id"},
		{"CheckStatus", func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.CreateTicket(ctx, ticket(func(tk *helpdesk.Ticket) { tk.Status = "bogus" }))
		}, helpdesk.EINVALID, "", "status"},
		{"CheckRole", func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.CreateUser(ctx, &helpdesk.User{Email: "r@example.com", Name: "R", Role: "root",
				CreatedAt: now, UpdatedAt: now})
		}, helpdesk.EINVALID, "", "role"},
		{"NotFoundTicket", func(ctx context.Context, tx helpdesk.Tx) error {
			_, err := tx.FindTicketByID(ctx, missing)
			return err
		}, helpdesk.ENOTFOUND, "Ticket not found.", ""},
		{"NotFoundSession", func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.RevokeSession(ctx, "nope", now)
		}, helpdesk.ENOTFOUND, "Session not found.", ""},
		{"NotFoundRefreshToken", func(ctx context.Context, tx helpdesk.Tx) error {
			_, err := tx.UseRefreshToken(ctx, "nope", now)
			return err
		}, helpdesk.ENOTFOUND, "Refresh token not found.", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := db.Update(t.Context(), c.fn)
			if got := helpdesk.ErrorCode(err); got != c.code {
				t.Fatalf("code: got %q, want %q (err: %v)", got, c.code, err)
			}
			if c.message != "" {
				if got := helpdesk.ErrorMessage(err); got != c.message {
					t.Errorf("message: got %q, want %q", got, c.message)
				}
			}
			if c.fieldName != "" {
				fields := helpdesk.ErrorFields(err)
				if len(fields) != 1 || fields[0].Field != c.fieldName {
					t.Errorf("fields: got %+v, want one about %s", fields, c.fieldName)
				}
			}
		})
	}
}

// A taken email must not poison the transaction: SQLite carries on after
// a failed statement, and PostgreSQL must behave the same for the callers
// that handle the conflict.
func TestConflictKeepsTransactionUsable(t *testing.T) {
	db := MustOpenDB(t)
	mustCreateUser(t, db, "taken@example.com", helpdesk.RoleAgent)
	var second *helpdesk.User
	mustUpdate(t, db, func(ctx context.Context, tx helpdesk.Tx) error {
		dup := &helpdesk.User{Email: "taken@example.com", Name: "Dup", Role: helpdesk.RoleAgent,
			CreatedAt: now, UpdatedAt: now}
		if err := tx.CreateUser(ctx, dup); helpdesk.ErrorCode(err) != helpdesk.ECONFLICT {
			t.Errorf("CreateUser(taken): got %v, want ECONFLICT", err)
		}
		second = &helpdesk.User{Email: "free@example.com", Name: "Free", Role: helpdesk.RoleAgent,
			CreatedAt: now, UpdatedAt: now}
		return tx.CreateUser(ctx, second)
	})
	if _, err := db.FindUserByID(t.Context(), second.ID); err != nil {
		t.Errorf("user created after the conflict: %v", err)
	}
}
