package service_test

import (
	"context"
	"strconv"
	"strings"
	"testing"

	"github.com/triagehq/triage/internal/helpdesk"
	"github.com/triagehq/triage/internal/service"
)

const newPW = "amber-falcon-river-77"

func TestChangePassword(t *testing.T) {
	e := newAuthTestService(t, withCache)
	u := e.addUser("tia@example.com", "Tia Tamsin", helpdesk.RoleAgent, goodPW)
	mine := e.login("tia@example.com", goodPW)
	other := e.login("tia@example.com", goodPW)
	p := e.authenticate(mine.AccessToken)
	e.authenticate(other.AccessToken) // cached

	t.Run("WrongCurrent", func(t *testing.T) {
		err := e.svc.ChangePassword(context.Background(), p, "not-my-password", newPW)
		authField(t, "ChangePassword", err, "current_password")
	})
	t.Run("WeakNext", func(t *testing.T) {
		err := e.svc.ChangePassword(context.Background(), p, goodPW, "password1234")
		authField(t, "ChangePassword", err, "new_password")
		err = e.svc.ChangePassword(context.Background(), p, goodPW, "tamsin-rules-ok")
		authField(t, "ChangePassword", err, "new_password")
		err = e.svc.ChangePassword(context.Background(), p, goodPW, goodPW)
		authField(t, "ChangePassword", err, "new_password")
	})
	t.Run("BothWrong", func(t *testing.T) {
		err := e.svc.ChangePassword(context.Background(), p, "nope", "short")
		if n := len(helpdesk.ErrorFields(err)); n != 2 {
			t.Fatalf("fields %+v, want current_password and new_password", helpdesk.ErrorFields(err))
		}
	})
	if n := len(e.auditOf("user.password_change")); n != 0 {
		t.Fatalf("refused changes audited: %d", n)
	}

	authOK(t, "ChangePassword", e.svc.ChangePassword(authCtx(), p, goodPW, newPW))

	e.authenticate(mine.AccessToken) // the caller's session lives on
	_, err := e.svc.Authenticate(context.Background(), other.AccessToken)
	authCode(t, "Authenticate other session", err, helpdesk.EUNAUTHORIZED)
	_, err = e.svc.Refresh(context.Background(), other.RefreshToken)
	authCode(t, "Refresh other session", err, helpdesk.EUNAUTHORIZED)
	_, err = e.svc.Login(context.Background(), "tia@example.com", goodPW)
	authCode(t, "Login with the old password", err, helpdesk.EUNAUTHORIZED)
	e.login("tia@example.com", newPW)

	changes := e.auditOf("user.password_change")
	if len(changes) != 1 || *changes[0].ActorID != u.ID || changes[0].TargetID != strconv.FormatInt(u.ID, 10) {
		t.Fatalf("user.password_change entries %+v", changes)
	}
	if got := authAfter(t, changes[0])["sessions_revoked"]; got != float64(1) {
		t.Fatalf("sessions_revoked %v, want 1", got)
	}
	log := e.auditJSON()
	hash := e.user(u.ID).PasswordHash
	for _, secret := range []string{goodPW, newPW, hash, "argon2id"} {
		if strings.Contains(log, secret) {
			t.Fatalf("audit log holds %q", secret)
		}
	}
}

func TestRegister(t *testing.T) {
	in := service.RegisterInput{Email: " Uma@Example.com ", Name: " Uma Ulm ", Password: goodPW, TimeZone: "Europe/Paris"}
	t.Run("Off", func(t *testing.T) {
		e := newAuthTestService(t)
		res, err := e.svc.Register(context.Background(), in)
		if res != nil {
			t.Fatal("registered while switched off")
		}
		authCode(t, "Register", err, helpdesk.EUNAVAILABLE)
	})
	t.Run("On", func(t *testing.T) {
		e := newAuthTestService(t, withRegistration)
		res, err := e.svc.Register(authCtx(), in)
		authOK(t, "Register", err)
		u := e.user(res.User.ID)
		if u.Email != "uma@example.com" || u.Name != "Uma Ulm" || u.Role != helpdesk.RoleCustomer || !u.Active || u.TimeZone != "Europe/Paris" {
			t.Fatalf("stored user %+v", u)
		}
		if !strings.HasPrefix(u.PasswordHash, "$argon2id$") || u.PasswordChangedAt == nil {
			t.Fatalf("password not stored: %q", u.PasswordHash)
		}
		if p := e.authenticate(res.AccessToken); p.User.ID != u.ID {
			t.Fatalf("registration session is user %d's", p.User.ID)
		}
		e.login("uma@example.com", goodPW)
		regs := e.auditOf("user.register")
		if len(regs) != 1 || regs[0].ActorID == nil || *regs[0].ActorID != u.ID || authAfter(t, regs[0])["role"] != "customer" {
			t.Fatalf("user.register entries %+v", regs)
		}
		if strings.Contains(e.auditJSON(), goodPW) {
			t.Fatal("audit log holds the password")
		}

		_, err = e.svc.Register(context.Background(), service.RegisterInput{Email: "UMA@example.com", Name: "Imposter", Password: newPW})
		authCode(t, "Register a taken email", err, helpdesk.ECONFLICT)
	})
	t.Run("Invalid", func(t *testing.T) {
		e := newAuthTestService(t, withRegistration)
		_, err := e.svc.Register(context.Background(), service.RegisterInput{Email: "nope", Name: " ", Password: "short", TimeZone: "Mars/Olympus"})
		got := map[string]bool{}
		for _, f := range helpdesk.ErrorFields(err) {
			got[f.Field] = true
		}
		if len(got) != 4 || !got["email"] || !got["name"] || !got["password"] || !got["time_zone"] {
			t.Fatalf("fields %+v, want email, name, password, time_zone", helpdesk.ErrorFields(err))
		}
		_, err = e.svc.Register(context.Background(), service.RegisterInput{Email: "victor@example.com", Name: "Vic", Password: "i-am-VICTOR-2025!"})
		authField(t, "Register with email in password", err, "password")
	})
}
