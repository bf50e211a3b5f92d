package httpapi

import (
	"time"

	"github.com/maypok86/otter/v2"
	"golang.org/x/time/rate"
)

// Limiter decides whether one more event for key is allowed now, and if
// not, how long to wait. The in-process MemoryLimiter serves one instance;
// a shared implementation (Redis) serves several.
type Limiter interface {
	Allow(key string) (ok bool, retryAfter time.Duration)
}

// Rate is a token bucket: Events per Per, all of which may come at once.
// A negative Events turns the limit off.
type Rate struct {
	Events int
	Per    time.Duration
}

// Off reports whether r imposes no limit.
func (r Rate) Off() bool { return r.Events < 0 }

// RateLimits holds every limiter's rate. Zero fields take the defaults.
type RateLimits struct {
	LoginPerIP      Rate
	LoginPerAccount Rate // keyed by the email tried
	RegisterPerIP   Rate
	ResetPerIP      Rate // password reset requests and confirmations
	ResetPerAccount Rate // keyed by the email a reset is asked for
	General         Rate // every API request, keyed by user id or IP
	// MaxKeys bounds how many keys each in-process limiter remembers.
	MaxKeys int
}

// DefaultRateLimits are generous to people and tight to password guessing.
var DefaultRateLimits = RateLimits{
	LoginPerIP:      Rate{Events: 20, Per: time.Minute},
	LoginPerAccount: Rate{Events: 10, Per: 15 * time.Minute},
	RegisterPerIP:   Rate{Events: 10, Per: time.Hour},
	ResetPerIP:      Rate{Events: 10, Per: time.Hour},
	ResetPerAccount: Rate{Events: 3, Per: time.Hour},
	General:         Rate{Events: 600, Per: time.Minute},
	MaxKeys:         100_000,
}

func (l RateLimits) withDefaults() RateLimits {
	d := DefaultRateLimits
	pick := func(r *Rate, def Rate) {
		if r.Events == 0 || (r.Events > 0 && r.Per <= 0) {
			*r = def
		}
	}
	pick(&l.LoginPerIP, d.LoginPerIP)
	pick(&l.LoginPerAccount, d.LoginPerAccount)
	pick(&l.RegisterPerIP, d.RegisterPerIP)
	pick(&l.ResetPerIP, d.ResetPerIP)
	pick(&l.ResetPerAccount, d.ResetPerAccount)
	pick(&l.General, d.General)
	if l.MaxKeys <= 0 {
		l.MaxKeys = d.MaxKeys
	}
	return l
}

// MemoryLimiter keeps one token bucket per key in this process. The map
// is bounded: a key idle long enough to have refilled its bucket is
// dropped (forgetting it loses nothing), and beyond MaxKeys the least
// valuable keys are evicted.
type MemoryLimiter struct {
	rate    Rate
	limit   rate.Limit
	buckets *otter.Cache[string, *rate.Limiter]
}

// NewMemoryLimiter returns a limiter of r remembering at most maxKeys keys.
// Close stops its clean-up goroutine.
func NewMemoryLimiter(r Rate, maxKeys int) *MemoryLimiter {
	return &MemoryLimiter{
		rate:  r,
		limit: rate.Limit(float64(r.Events) / r.Per.Seconds()),
		buckets: otter.Must(&otter.Options[string, *rate.Limiter]{
			MaximumSize:      maxKeys,
			ExpiryCalculator: otter.ExpiryAccessing[string, *rate.Limiter](r.Per),
		}),
	}
}

// Allow takes a token from key's bucket, or reports how long until one is
// available.
func (m *MemoryLimiter) Allow(key string) (bool, time.Duration) {
	b, ok := m.buckets.GetIfPresent(key)
	if !ok {
		b, _ = m.buckets.ComputeIfAbsent(key, func() (*rate.Limiter, bool) {
			return rate.NewLimiter(m.limit, m.rate.Events), false
		})
	}
	now := time.Now()
	res := b.ReserveN(now, 1)
	if !res.OK() {
		return false, m.rate.Per
	}
	if d := res.DelayFrom(now); d > 0 {
		res.CancelAt(now)
		return false, d
	}
	return true, 0
}

// Close stops the background clean-up.
func (m *MemoryLimiter) Close() error {
	m.buckets.StopAllGoroutines()
	return nil
}

// unlimited is the Limiter of a rate that is off.
type unlimited struct{}

func (unlimited) Allow(string) (bool, time.Duration) { return true, 0 }
