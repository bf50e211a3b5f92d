package httpapi

import (
	"errors"
	"io"
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/triagehq/triage/internal/helpdesk"
)

// limiters are the server's rate limiters, one per rule.
type limiters struct {
	loginIP, loginAccount, registerIP, resetIP, resetAccount, general Limiter
}

func newLimiters(l RateLimits, factory func(name string, r Rate) Limiter) limiters {
	build := func(name string, r Rate) Limiter {
		switch {
		case r.Off():
			return unlimited{}
		case factory != nil:
			return factory(name, r)
		}
		return NewMemoryLimiter(r, l.MaxKeys)
	}
	return limiters{
		loginIP:      build("login_ip", l.LoginPerIP),
		loginAccount: build("login_account", l.LoginPerAccount),
		registerIP:   build("register_ip", l.RegisterPerIP),
		resetIP:      build("reset_ip", l.ResetPerIP),
		resetAccount: build("reset_account", l.ResetPerAccount),
		general:      build("general", l.General),
	}
}

// Close closes the limiters that hold resources.
func (l limiters) Close() error {
	var errs []error
	for _, lim := range []Limiter{l.loginIP, l.loginAccount, l.registerIP, l.resetIP, l.resetAccount, l.general} {
		if c, ok := lim.(io.Closer); ok {
			errs = append(errs, c.Close())
		}
	}
	return errors.Join(errs...)
}

// allow spends one event of key on lim, or answers 429 with Retry-After
// and reports false.
func (s *Server) allow(w http.ResponseWriter, r *http.Request, lim Limiter, key string) bool {
	ok, wait := lim.Allow(key)
	if ok {
		return true
	}
	secs := max(1, int(math.Ceil(wait.Seconds())))
	w.Header().Set("Retry-After", strconv.Itoa(secs))
	s.error(w, r, helpdesk.Errorf(helpdesk.ERATELIMIT, "Too many requests; try again in %s.", retryText(secs)))
	return false
}

func retryText(secs int) string {
	if secs == 1 {
		return "1 second"
	}
	return (time.Duration(secs) * time.Second).String()
}

// allowClient applies the general limit: per user when authenticated,
// otherwise per client address.
func (s *Server) allowClient(w http.ResponseWriter, r *http.Request, p *helpdesk.Principal) bool {
	key := "ip:" + infoFrom(r.Context()).ip
	if p != nil {
		key = "user:" + strconv.FormatInt(p.User.ID, 10)
	}
	return s.allow(w, r, s.limits.general, key)
}

// allowIP applies lim to the client address.
func (s *Server) allowIP(w http.ResponseWriter, r *http.Request, lim Limiter) bool {
	return s.allow(w, r, lim, infoFrom(r.Context()).ip)
}

// allowAccount applies lim to the account an email names, whether or not
// it exists, so answers do not reveal which addresses have accounts.
func (s *Server) allowAccount(w http.ResponseWriter, r *http.Request, lim Limiter, email string) bool {
	return s.allow(w, r, lim, helpdesk.NormalizeEmail(email))
}
