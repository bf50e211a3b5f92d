package service_test

import (
	"context"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
)

// TestIssuePasswordReset_Inactive checks an admin gets no reset link for a
// deactivated user, since ResetPassword would refuse it, and that nothing
// is written.
func TestIssuePasswordReset_Inactive(t *testing.T) {
	e := newAuthTestService(t)
	admin := &helpdesk.Principal{User: e.addUser("uma@example.com", "Uma", helpdesk.RoleAdmin, goodPW)}
	gone := e.addUser("vic@example.com", "Vic", helpdesk.RoleCustomer, "")
	e.deactivate(gone)
	before := len(e.auditOf(""))

	_, err := e.svc.IssuePasswordReset(context.Background(), admin, gone.ID)
	authCode(t, "IssuePasswordReset for an inactive user", err, helpdesk.ECONFLICT)
	if after := len(e.auditOf("")); after != before {
		t.Errorf("refused reset wrote %d audit entries", after-before)
	}
}
