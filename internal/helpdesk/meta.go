package helpdesk

import "context"

// RequestMeta is what the audit log records about where a change came from.
type RequestMeta struct {
	IP        string
	RequestID string
	UserAgent string
}

type metaKey struct{}

// WithRequestMeta returns ctx carrying m.
func WithRequestMeta(ctx context.Context, m RequestMeta) context.Context {
	return context.WithValue(ctx, metaKey{}, m)
}

// RequestMetaFrom returns the RequestMeta in ctx, or the zero value.
func RequestMetaFrom(ctx context.Context) RequestMeta {
	m, _ := ctx.Value(metaKey{}).(RequestMeta)
	return m
}
