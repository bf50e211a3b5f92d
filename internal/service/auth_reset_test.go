package service_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"testing"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

func TestPasswordReset_Flow(t *testing.T) {
	e := newAuthTestService(t, withCache)
	u := e.addUser("wes@example.com", "Wes", helpdesk.RoleCustomer, goodPW)
	s1 := e.login("wes@example.com", goodPW)
	s2 := e.login("wes@example.com", goodPW)
	e.authenticate(s1.AccessToken) // cached

	ticket, err := e.svc.RequestPasswordReset(authCtx(), " WES@example.com")
	authOK(t, "RequestPasswordReset", err)
	if ticket == nil || ticket.User.ID != u.ID || ticket.Token == "" {
		t.Fatalf("ticket %+v", ticket)
	}
	now := e.clock.Now().UTC().Truncate(time.Microsecond)
	if want := now.Add(service.DefaultResetTTL); !ticket.ExpiresAt.Equal(want) {
		t.Fatalf("expires %v, want %v", ticket.ExpiresAt, want)
	}
	sum := sha256.Sum256([]byte(ticket.Token))
	stored, err := e.db.FindPasswordReset(context.Background(), hex.EncodeToString(sum[:]))
	authOK(t, "FindPasswordReset by digest", err)
	if stored.UserID != u.ID {
		t.Fatalf("stored reset %+v", stored)
	}
	req := e.auditOf("auth.password_reset_requested")
	if len(req) != 1 || req[0].TargetID != strconv.FormatInt(u.ID, 10) {
		t.Fatalf("auth.password_reset_requested entries %+v", req)
	}

	err = e.svc.ResetPassword(context.Background(), ticket.Token, "password1234")
	authField(t, "ResetPassword with a common password", err, "password")

	authOK(t, "ResetPassword", e.svc.ResetPassword(authCtx(), ticket.Token, newPW))
	for _, res := range []*service.LoginResult{s1, s2} {
		_, err := e.svc.Authenticate(context.Background(), res.AccessToken)
		authCode(t, "Authenticate after reset", err, helpdesk.EUNAUTHORIZED)
	}
	_, err = e.svc.Login(context.Background(), "wes@example.com", goodPW)
	authCode(t, "Login with the old password", err, helpdesk.EUNAUTHORIZED)
	e.login("wes@example.com", newPW)
	if n := len(e.auditOf("auth.password_reset")); n != 1 {
		t.Fatalf("auth.password_reset entries: %d", n)
	}

	err = e.svc.ResetPassword(context.Background(), ticket.Token, "another-fine-passphrase")
	authField(t, "ResetPassword a second time", err, "token")
	e.login("wes@example.com", newPW)
}

func TestPasswordReset_Refused(t *testing.T) {
	e := newAuthTestService(t)
	u := e.addUser("xia@example.com", "Xia", helpdesk.RoleCustomer, goodPW)
	off := e.addUser("yan@example.com", "Yan", helpdesk.RoleCustomer, goodPW)
	e.deactivate(off)

	for _, email := range []string{"nobody@example.com", "yan@example.com"} {
		ticket, err := e.svc.RequestPasswordReset(context.Background(), email)
		if ticket != nil || err != nil {
			t.Fatalf("RequestPasswordReset(%s) = %+v, %v; want nil, nil", email, ticket, err)
		}
	}
	if n := len(e.auditOf("auth.password_reset_requested")); n != 2 {
		t.Fatalf("requests for unknown or inactive users audited %d times, want 2", n)
	}

	err := e.svc.ResetPassword(context.Background(), "no-such-token", newPW)
	authField(t, "ResetPassword unknown token", err, "token")

	ticket, err := e.svc.RequestPasswordReset(context.Background(), "xia@example.com")
	authOK(t, "RequestPasswordReset", err)
	e.clock.Advance(service.DefaultResetTTL)
	err = e.svc.ResetPassword(context.Background(), ticket.Token, newPW)
	authField(t, "ResetPassword expired token", err, "token")
	if got := e.user(u.ID).PasswordHash; got != u.PasswordHash {
		t.Fatal("a refused reset changed the password")
	}
}

func TestIssuePasswordReset(t *testing.T) {
	e := newAuthTestService(t)
	admin := &helpdesk.Principal{User: e.addUser("zed@corp.example", "Zed", helpdesk.RoleAdmin, goodPW)}
	agent := &helpdesk.Principal{User: e.addUser("abe@corp.example", "Abe", helpdesk.RoleAgent, goodPW)}
	nopw := e.addUser("bo@shop.example", "Bo", helpdesk.RoleCustomer, "")

	_, err := e.svc.IssuePasswordReset(context.Background(), agent, nopw.ID)
	authCode(t, "IssuePasswordReset as agent", err, helpdesk.EFORBIDDEN)
	_, err = e.svc.IssuePasswordReset(context.Background(), admin, nopw.ID+100)
	authCode(t, "IssuePasswordReset for nobody", err, helpdesk.ENOTFOUND)

	ticket, err := e.svc.IssuePasswordReset(context.Background(), admin, nopw.ID)
	authOK(t, "IssuePasswordReset", err)
	issued := e.auditOf("user.password_reset_issued")
	if len(issued) != 1 || *issued[0].ActorID != admin.User.ID || issued[0].TargetID != strconv.FormatInt(nopw.ID, 10) {
		t.Fatalf("user.password_reset_issued entries %+v", issued)
	}
	authOK(t, "ResetPassword", e.svc.ResetPassword(context.Background(), ticket.Token, newPW))
	e.login("bo@shop.example", newPW)
}
