package httpapi

import (
	"context"

	"github.com/triagehq/triage/internal/helpdesk"
)

// requestInfo is what the middleware learns about a request as it runs, for
// the access log and problems. It is shared by pointer so that inner
// layers (the route wrapper, authentication) can fill it in for the outer
// ones.
type requestInfo struct {
	requestID string
	ip        string
	route     string
	userID    int64
}

type infoKey struct{}
type principalKey struct{}

func withInfo(ctx context.Context, info *requestInfo) context.Context {
	return context.WithValue(ctx, infoKey{}, info)
}

// infoFrom returns the request's info; a fresh one if the middleware did
// not run (handlers called directly).
func infoFrom(ctx context.Context) *requestInfo {
	if info, ok := ctx.Value(infoKey{}).(*requestInfo); ok {
		return info
	}
	return &requestInfo{}
}

func withPrincipal(ctx context.Context, p *helpdesk.Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// principalFrom returns the authenticated caller, or nil.
func principalFrom(ctx context.Context) *helpdesk.Principal {
	p, _ := ctx.Value(principalKey{}).(*helpdesk.Principal)
	return p
}
