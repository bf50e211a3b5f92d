package service

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/triagehq/triage/internal/helpdesk"
)

// API tokens look like "trg_" followed by 43 base64url characters. The
// prefix makes them recognizable to people and to secret scanners.
const (
	apiTokenPrefix    = "trg_"
	apiTokenLen       = len(apiTokenPrefix) + 43
	apiTokenShownLen  = len(apiTokenPrefix) + 8 // "trg_abcd1234"
	maxAPITokenName   = 100
	apiTokenNotFound  = "API token not found."
	apiTokensByTokens = "API tokens cannot create API tokens; sign in to create one."
)

// CreateAPIToken makes a token for the caller and returns it with its
// plaintext, which is shown this once: only its SHA-256 is stored.
func (s *Service) CreateAPIToken(ctx context.Context, p *helpdesk.Principal, name string, expiresAt *time.Time) (*helpdesk.APIToken, string, error) {
	if err := checkPrincipal(p); err != nil {
		return nil, "", err
	}
	// A leaked token must not be able to mint its own successors.
	if p.TokenID != 0 {
		return nil, "", helpdesk.Errorf(helpdesk.EFORBIDDEN, apiTokensByTokens)
	}
	now := s.clock()
	name = strings.TrimSpace(name)
	if err := validateAPIToken(name, expiresAt, now); err != nil {
		return nil, "", err
	}
	plain := apiTokenPrefix + newTokenSecret()
	t := &helpdesk.APIToken{
		UserID:    p.User.ID,
		Name:      name,
		Prefix:    plain[:apiTokenShownLen],
		TokenHash: tokenDigest(plain),
		CreatedAt: now,
	}
	if expiresAt != nil {
		exp := expiresAt.UTC().Truncate(time.Microsecond)
		t.ExpiresAt = &exp
	}
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		if err := tx.CreateAPIToken(ctx, t); err != nil {
			return fmt.Errorf("create api token: %w", err)
		}
		after := map[string]any{"name": t.Name, "prefix": t.Prefix, "user_id": t.UserID, "expires_at": t.ExpiresAt}
		return s.audit(ctx, tx, p, "token.create", "api_token", strconv.FormatInt(t.ID, 10), nil, after)
	})
	if err != nil {
		return nil, "", err
	}
	return t, plain, nil
}

func validateAPIToken(name string, expiresAt *time.Time, now time.Time) error {
	var v helpdesk.Validation
	switch {
	case name == "":
		v.Add("name", "is required")
	case !utf8.ValidString(name) || utf8.RuneCountInString(name) > maxAPITokenName:
		v.Add("name", "must be at most %d characters of valid text", maxAPITokenName)
	case strings.ContainsAny(name, "\x00\r\n"):
		v.Add("name", "must be a single line")
	}
	if expiresAt != nil && !expiresAt.After(now) {
		v.Add("expires_at", "must be in the future")
	}
	return v.Err()
}

// ListAPITokens returns the caller's tokens, revoked ones included, newest
// first.
func (s *Service) ListAPITokens(ctx context.Context, p *helpdesk.Principal) ([]*helpdesk.APIToken, error) {
	if err := checkPrincipal(p); err != nil {
		return nil, err
	}
	list, err := s.store.ListAPITokens(ctx, p.User.ID)
	if err != nil {
		return nil, fmt.Errorf("list api tokens: %w", err)
	}
	return list, nil
}

// RevokeAPIToken ends a token of the caller's; admins may end anyone's.
// Other ids are not found. Revoking a revoked token changes nothing.
func (s *Service) RevokeAPIToken(ctx context.Context, p *helpdesk.Principal, id int64) error {
	if err := checkPrincipal(p); err != nil {
		return err
	}
	now := s.clock()
	err := s.store.Update(ctx, func(ctx context.Context, tx helpdesk.Tx) error {
		t, err := tx.FindAPITokenByID(ctx, id)
		if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
			return helpdesk.Errorf(helpdesk.ENOTFOUND, apiTokenNotFound)
		} else if err != nil {
			return fmt.Errorf("find api token %d: %w", id, err)
		}
		if t.UserID != p.User.ID && p.User.Role != helpdesk.RoleAdmin {
			return helpdesk.Errorf(helpdesk.ENOTFOUND, apiTokenNotFound)
		}
		if t.RevokedAt != nil {
			return nil
		}
		if err := tx.RevokeAPIToken(ctx, id, now); err != nil {
			return fmt.Errorf("revoke api token %d: %w", id, err)
		}
		after := map[string]any{"name": t.Name, "prefix": t.Prefix, "user_id": t.UserID}
		return s.audit(ctx, tx, p, "token.revoke", "api_token", strconv.FormatInt(id, 10), nil, after)
	})
	if err == nil {
		s.sessions.forgetToken(id)
	}
	return err
}

// AuthenticateAPIToken returns the caller an API token stands for: a live
// token of an active user.
func (s *Service) AuthenticateAPIToken(ctx context.Context, token string) (*helpdesk.Principal, error) {
	if len(token) != apiTokenLen || !strings.HasPrefix(token, apiTokenPrefix) {
		return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadCredential)
	}
	now := s.clock()
	digest := tokenDigest(token)
	key := apiTokenCachePrefix + digest
	if p, ok := s.sessions.get(key); ok {
		return p, nil
	}
	gen := s.sessions.generation()
	t, err := s.store.FindAPITokenByHash(ctx, digest)
	if helpdesk.ErrorCode(err) == helpdesk.ENOTFOUND {
		return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadCredential)
	} else if err != nil {
		return nil, fmt.Errorf("find api token: %w", err)
	}
	if !t.Live(now) {
		return nil, helpdesk.Errorf(helpdesk.EUNAUTHORIZED, msgBadCredential)
	}
	u, err := s.activeUser(ctx, t.UserID)
	if err != nil {
		return nil, err
	}
	if t.LastUsedAt == nil || now.Sub(*t.LastUsedAt) >= touchInterval {
		s.touch(ctx, u, func(ctx context.Context, tx helpdesk.Tx) error {
			return tx.TouchAPIToken(ctx, t.ID, now)
		})
	}
	p := &helpdesk.Principal{User: u, TokenID: t.ID}
	if t.ExpiresAt == nil {
		// Tokens that expire are read every time, so that they stop on
		// the dot; revocations evict at once (RevokeAPIToken, and
		// forgetUser for deactivations and role changes).
		s.sessions.putIfCurrent(key, p, gen)
	}
	return p, nil
}

// apiTokenCachePrefix keeps cached API tokens apart from cached sessions.
const apiTokenCachePrefix = "api-token:"
