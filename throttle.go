package bigcommerce

import (
	"context"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"
)

// RateLimit is a snapshot of the store's request quota, read from the
// X-Rate-Limit-* headers BigCommerce sends on every response (in any letter
// case). The quota is per store and shared by every app and client using it.
type RateLimit struct {
	// Quota is how many requests the window allows (X-Rate-Limit-Requests-Quota).
	Quota int
	// Remaining is how many requests are left in the window (X-Rate-Limit-Requests-Left).
	Remaining int
	// Window is the window's length (X-Rate-Limit-Time-Window-Ms).
	Window time.Duration
	// ResetIn is the time left until the window resets (X-Rate-Limit-Time-Reset-Ms).
	ResetIn time.Duration
}

const (
	headerQuota  = "X-Rate-Limit-Requests-Quota"
	headerLeft   = "X-Rate-Limit-Requests-Left"
	headerWindow = "X-Rate-Limit-Time-Window-Ms"
	headerReset  = "X-Rate-Limit-Time-Reset-Ms"
)

// parseRateLimit reads the rate headers; ok is false when the response had
// none (e.g. a 429 from an overloaded platform, or a non-BigCommerce proxy).
func parseRateLimit(h http.Header) (rl RateLimit, ok bool) {
	if v, found := headerInt(h, headerQuota); found {
		rl.Quota, ok = v, true
	}
	if v, found := headerInt(h, headerLeft); found {
		rl.Remaining, ok = v, true
	}
	if d, found := headerMillis(h, headerWindow); found {
		rl.Window, ok = d, true
	}
	if d, found := headerMillis(h, headerReset); found {
		rl.ResetIn, ok = d, true
	}
	return rl, ok
}

// headerValue looks a header up in any letter case: http.Header.Get only
// finds canonical keys, and headers built by hand (mocks, proxies) may not be.
func headerValue(h http.Header, name string) string {
	if v := h.Get(name); v != "" {
		return v
	}
	for k, vs := range h {
		if len(vs) > 0 && strings.EqualFold(k, name) {
			return vs[0]
		}
	}
	return ""
}

// headerInt reads a non-negative integer header. A number too large for an
// int saturates at math.MaxInt; callers clamp it further before it becomes
// a duration (headerMillis).
func headerInt(h http.Header, name string) (int, bool) {
	return nonNegInt(headerValue(h, name))
}

// nonNegInt parses a non-negative decimal integer, saturating at
// math.MaxInt; ok is false for anything else (empty, signed, not a number).
func nonNegInt(v string) (int, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	if errors.Is(err, strconv.ErrRange) && n > 0 {
		return n, true // saturated at math.MaxInt
	}
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// RetryPolicy controls how failed requests are retried. The rules, in order:
//
//  1. The context is done: stop.
//  2. 429 Too Many Requests: retry any method, since BigCommerce did not
//     process the request. Wait X-Rate-Limit-Time-Reset-Ms (plus jitter of up
//     to a quarter of MinWait), else X-Retry-After or Retry-After seconds, else
//     exponential backoff with full jitter (a 429 without headers means the
//     platform is under load). When that wait exceeds MaxWait or the
//     context's deadline, return a *RateLimitError at once instead of sleeping.
//  3. 500, 502, 503, 504 and transport errors: retry only idempotent methods
//     (GET, HEAD, OPTIONS, PUT, DELETE), or any method when the request never
//     left the machine (dial and DNS errors). BigCommerce has no idempotency
//     keys, so a retried POST could create a second order or customer.
//  4. Anything else (other 4xx, 501, 507, TLS certificate errors): never retry.
//
// Exponential backoff waits a random time in [0, min(MaxWait, MinWait·2^n)]
// before retry n+1. The zero RetryPolicy never retries; MinWait and MaxWait of
// zero make every wait zero (useful in tests).
type RetryPolicy struct {
	// MaxRetries is how many times one request is retried (not counting the
	// first attempt).
	MaxRetries int
	// MinWait is the base of the exponential backoff.
	MinWait time.Duration
	// MaxWait caps every wait; a rate-limit wait longer than this fails fast
	// with a *RateLimitError.
	MaxWait time.Duration
}

// DefaultRetryPolicy returns the policy a Client uses unless WithRetryPolicy
// says otherwise: 3 retries, 500 ms base backoff, 30 s longest wait (one full
// BigCommerce rate window).
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{MaxRetries: 3, MinWait: 500 * time.Millisecond, MaxWait: 30 * time.Second}
}

// retryDecision is what the policy says about one attempt's outcome.
type retryDecision struct {
	retry bool
	wait  time.Duration
	// tooLong is set when a 429 asked for a wait past MaxWait or the deadline.
	tooLong bool
}

// jitter returns a random duration in [0, max]. Tests may replace it.
var jitter = func(max time.Duration) time.Duration {
	if max <= 0 {
		return 0
	}
	return rand.N(max + 1)
}

// decide applies the retry rules to the outcome of attempt number attempt
// (0 for the first) of a request with the given method.
func (p RetryPolicy) decide(ctx context.Context, method string, attempt int, resp *http.Response, err error) retryDecision {
	if ctx.Err() != nil {
		return retryDecision{}
	}
	if err != nil {
		if !transportErrorRetryable(err) {
			return retryDecision{}
		}
		if isIdempotent(method) || neverSent(err) {
			return retryDecision{retry: true, wait: p.backoff(attempt)}
		}
		return retryDecision{}
	}
	if resp == nil {
		return retryDecision{}
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		wait := p.rateLimitWait(resp.Header, attempt)
		if wait > p.MaxWait || pastDeadline(ctx, wait) {
			return retryDecision{wait: wait, tooLong: true}
		}
		return retryDecision{retry: true, wait: wait}
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		if isIdempotent(method) {
			return retryDecision{retry: true, wait: p.backoff(attempt)}
		}
	}
	return retryDecision{}
}

// rateLimitWait is how long a 429 asks the client to wait.
func (p RetryPolicy) rateLimitWait(h http.Header, attempt int) time.Duration {
	if reset, ok := headerMillis(h, headerReset); ok {
		return reset + jitter(p.MinWait/4)
	}
	if d, ok := retryAfter(h); ok {
		return d
	}
	return p.backoff(attempt)
}

// retryAfter reads X-Retry-After or Retry-After: integer seconds, or an
// HTTP date. The wait is clamped to [0, maxHeaderWait].
func retryAfter(h http.Header) (time.Duration, bool) {
	for _, name := range []string{"X-Retry-After", "Retry-After"} {
		v := strings.TrimSpace(headerValue(h, name))
		if v == "" {
			continue
		}
		if s, ok := nonNegInt(v); ok {
			if s > int(maxHeaderWait/time.Second) {
				return maxHeaderWait, true
			}
			return time.Duration(s) * time.Second, true
		}
		if t, err := http.ParseTime(v); err == nil {
			return clampWait(time.Until(t)), true
		}
	}
	return 0, false
}

// backoff is exponential backoff with full jitter.
func (p RetryPolicy) backoff(attempt int) time.Duration {
	ceiling := p.MinWait
	for i := 0; i < attempt && ceiling < p.MaxWait; i++ {
		ceiling *= 2
	}
	ceiling = min(ceiling, p.MaxWait)
	return jitter(ceiling)
}

// pastDeadline reports whether waiting d would reach ctx's deadline, which
// would leave no time to send the request.
func pastDeadline(ctx context.Context, d time.Duration) bool {
	deadline, ok := ctx.Deadline()
	return ok && time.Until(deadline) <= d
}

func isIdempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}

// neverSent reports whether err proves the request never reached the
// server: the connection could not be made or the host not resolved.
func neverSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

// permanentError marks a transport-level failure that retrying cannot fix
// (an authenticator's error, for instance).
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// transportErrorRetryable rejects errors that will fail the same way again.
func transportErrorRetryable(err error) bool {
	var perm *permanentError
	if errors.As(err, &perm) {
		return false
	}
	var unknownCA x509.UnknownAuthorityError
	var invalidCert x509.CertificateInvalidError
	var hostname x509.HostnameError
	if errors.As(err, &unknownCA) || errors.As(err, &invalidCert) || errors.As(err, &hostname) {
		return false
	}
	var uerr *url.Error
	if errors.As(err, &uerr) {
		msg := uerr.Err.Error()
		if strings.Contains(msg, "unsupported protocol scheme") || strings.Contains(msg, "stopped after") ||
			strings.Contains(msg, "invalid header") {
			return false
		}
	}
	return true
}

// throttleMargin is how much later than the reset a snapshot names a
// throttled request resumes. It covers the difference between two requests'
// lags from send time (the moment the connection was handed the request) to
// admission at the store's limiter, and the store's rounding of
// X-Rate-Limit-Time-Reset-Ms to milliseconds: the snapshot's request may
// have been admitted later after its send time than the resumed request
// will be. Measured with BenchmarkAdmissionLag (bigcommercetest over
// loopback HTTP, 10 in flight, 3 runs of 2,000 requests on a loaded 2-core
// machine): the lag is 0.15 ms at the median, 3.5 to 9 ms at the 99th
// percentile, 18 to 58 ms at the maximum (scheduler stalls). The resumed
// request lags too, which is why BenchmarkThrottleQuotaStore (25 requests
// per 1 s, 200 ms each, 10 in flight, real time) met 0 429s in 5 × 250
// requests even with no margin; 10 ms guards against the asymmetric cases
// up to the 99th percentile and cost nothing measurable there (efficiency
// 1.039 against 1.040 without), about 1 % of a 1 s window at most and
// 0.03 % of BigCommerce's 30 s window. The rare request that still meets a
// 429 is retried once after the reset the 429 names. Anchoring at the send
// time instead of the answer's arrival cut that benchmark's time to 0.925×.
const throttleMargin = 10 * time.Millisecond

// maxResetIn bounds the resets the Throttle believes: BigCommerce's windows
// last seconds, so a header promising a reset a day away is broken.
const maxResetIn = 24 * time.Hour

// Throttle paces requests from the rate-limit headers so that a bulk job
// waits for the window to reset instead of running into 429s. It is the
// in-process RateLimiter: BigCommerce's quota is per store and shared by
// every client of it, so several Clients of one process talking to one store
// should share one Throttle (WithRateLimiter, or its older spelling
// WithThrottle). To share a store's quota between processes use
// redisquota.Limiter. A Throttle caps nothing but the window: each Client's
// WithMaxConcurrency bounds its requests in flight.
//
// How it counts:
//
//   - A snapshot is anchored at the send time of the request it answers,
//     which is no later than the store's admission of it, when the store
//     computed the headers. Throttled requests resume at send time +
//     X-Rate-Limit-Time-Reset-Ms, plus a small margin for jitter: they
//     reach the store as much after their own send time as the answered
//     request did, so just after the reset, instead of up to one request's
//     latency after it as counting from the answer's arrival did.
//   - Answers to concurrent requests arrive in any order. Within one window
//     (snapshots whose resets agree within half a window) the count of
//     requests left only goes down, so the lowest count is the newest; a
//     snapshot of a later window replaces the known one; a snapshot of an
//     earlier or ended window is stale and ignored.
//   - Requests left are the newest count minus the permits granted and not
//     yet answered: the store may not have counted them yet. Counting
//     permits when they are granted, not when their answers arrive, keeps
//     concurrent requests from overspending a window.
//   - When the known window has ended without news, the Throttle assumes a
//     fresh window of the last quota until a snapshot of it arrives.
//
// The zero value is not usable; call NewThrottle. A Throttle is safe for
// concurrent use; its lock is never held while waiting.
type Throttle struct {
	mu        sync.Mutex
	last      RateLimit // the newest snapshot
	known     bool
	resetAt   time.Time // when the known window ends, margin included
	remaining int       // its requests left: last.Remaining, or the quota after a roll
	// unanswered counts the permits granted whose answers have not come.
	unanswered int
	// changed is closed (and replaced) when what waiters wait for changes,
	// so they look again at once.
	changed chan struct{}
}

// NewThrottle returns a Throttle that knows nothing yet and lets requests
// through until a response tells it the quota.
func NewThrottle() *Throttle {
	return &Throttle{changed: make(chan struct{})}
}

// Rate returns the most recent rate-limit snapshot, and false if no
// response with rate headers has been seen yet.
func (t *Throttle) Rate() (RateLimit, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.last, t.known
}

// Acquire implements RateLimiter: it returns at once unless the known
// window is spent, and then waits for its reset (or for news from a
// response) while that is at most maxWait away and within ctx's deadline;
// otherwise it fails at once with a *RateLimitError.
func (t *Throttle) Acquire(ctx context.Context, maxWait time.Duration) (Permit, error) {
	for {
		t.mu.Lock()
		now := time.Now()
		wait := t.waitLocked(now)
		if wait <= 0 {
			t.unanswered++
			t.mu.Unlock()
			return &throttlePermit{t: t}, nil
		}
		rate, changed := t.last, t.changed
		t.mu.Unlock()
		if wait > maxWait || pastDeadline(ctx, wait) {
			return nil, &RateLimitError{Rate: rate, RetryAfter: wait}
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, ctx.Err()
		case <-changed:
			timer.Stop()
		case <-timer.C:
		}
	}
}

// waitLocked says how long a new request must wait: until the known window
// resets when the permits not yet answered use up what is left of it.
func (t *Throttle) waitLocked(now time.Time) time.Duration {
	if !t.known {
		return 0
	}
	if !now.Before(t.resetAt) {
		t.rollLocked(now)
		if !t.known {
			return 0
		}
	}
	if t.remaining > t.unanswered {
		return 0
	}
	return t.resetAt.Sub(now)
}

// rollLocked moves past a window that has ended without news: the store
// opens the next one with the full quota, ending a whole number of windows
// later. A snapshot of it replaces this guess as soon as one arrives.
// Without a known quota and window there is nothing to guess from, and the
// Throttle lets requests through until the next snapshot.
func (t *Throttle) rollLocked(now time.Time) {
	if t.last.Window <= 0 || t.last.Quota <= 0 {
		t.known = false
		return
	}
	n := now.Sub(t.resetAt)/t.last.Window + 1
	t.resetAt = t.resetAt.Add(n * t.last.Window)
	t.remaining = t.last.Quota
}

// observe records a snapshot from the answer to p's request, sent at
// sentAt, unless it is stale (see Throttle). p may be nil.
func (t *Throttle) observe(rl RateLimit, sentAt time.Time, p *throttlePermit) {
	now := time.Now()
	resetAt := sentAt.Add(rl.ResetIn + throttleMargin)
	t.mu.Lock()
	defer t.mu.Unlock()
	if p != nil {
		t.answeredLocked(p)
	}
	if rl.ResetIn < 0 || rl.ResetIn > maxResetIn {
		return // not a window any store has: ignore rather than stall
	}
	if !resetAt.After(now) {
		return // the window it describes is over
	}
	if t.known {
		tolerance := max(t.last.Window, rl.Window) / 2
		if tolerance <= 0 {
			tolerance = time.Second
		}
		switch {
		case resetAt.Before(t.resetAt.Add(-tolerance)):
			return // an earlier window
		case resetAt.Before(t.resetAt.Add(tolerance)):
			// The same window: the lowest count is the newest. Each reset
			// estimate is no later than the true reset; keep the closer.
			if rl.Remaining >= t.remaining {
				if resetAt.After(t.resetAt) {
					t.resetAt = resetAt
				}
				return
			}
			resetAt = later(resetAt, t.resetAt)
		}
	}
	t.last, t.known, t.resetAt, t.remaining = rl, true, resetAt, rl.Remaining
	t.notifyLocked()
}

// later returns the later of two times.
func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// answeredLocked stops counting p against the window: the store has
// counted it, or never will.
func (t *Throttle) answeredLocked(p *throttlePermit) {
	if !p.answered {
		p.answered = true
		t.unanswered--
		t.notifyLocked()
	}
}

func (t *Throttle) notifyLocked() {
	close(t.changed)
	t.changed = make(chan struct{})
}

// throttlePermit is a Throttle's Permit.
type throttlePermit struct {
	t        *Throttle
	answered bool // guarded by t.mu
}

// Observe implements Permit.
func (p *throttlePermit) Observe(_ context.Context, rl RateLimit, sentAt time.Time) {
	p.t.observe(rl, sentAt, p)
}

// Release implements Permit.
func (p *throttlePermit) Release() {
	p.t.mu.Lock()
	p.t.answeredLocked(p)
	p.t.mu.Unlock()
}
