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

// Throttle paces requests from the rate-limit headers so that a bulk job
// waits for the window to reset instead of running into 429s. BigCommerce's
// quota is per store and shared by every client of it, so several Clients
// talking to one store can share one Throttle (see WithThrottle). The zero
// value is not usable; call NewThrottle. A Throttle is safe for concurrent
// use; its lock is never held while waiting.
type Throttle struct {
	mu       sync.Mutex
	last     RateLimit
	seenAt   time.Time
	known    bool
	inFlight int
}

// NewThrottle returns a Throttle that knows nothing yet and lets requests
// through until a response tells it the quota.
func NewThrottle() *Throttle { return &Throttle{} }

// Rate returns the most recent rate-limit snapshot, and false if no
// response with rate headers has been seen yet.
func (t *Throttle) Rate() (RateLimit, bool) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.last, t.known
}

// observe records a snapshot read from a response, unless it is stale.
func (t *Throttle) observe(rl RateLimit) {
	now := time.Now()
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.staleLocked(rl, now) {
		return
	}
	t.last, t.seenAt, t.known = rl, now, true
}

// staleLocked reports whether rl, read at now, is an older view of the
// window already known: the known window has not ended, rl's window ends at
// about the same time, yet rl claims more requests left. Responses to
// concurrent requests arrive in any order; believing the older, higher count
// would let requests through that the store then answers with 429.
func (t *Throttle) staleLocked(rl RateLimit, now time.Time) bool {
	if !t.known || rl.Remaining <= t.last.Remaining {
		return false
	}
	knownReset := t.seenAt.Add(t.last.ResetIn)
	if !now.Before(knownReset) {
		return false // the known window is over: rl is news
	}
	// A new window ends about one window length after the known one; the
	// same window ends at the same time, give or take rounding and latency.
	tolerance := t.last.Window / 2
	if tolerance <= 0 {
		tolerance = time.Second
	}
	return now.Add(rl.ResetIn).Sub(knownReset) < tolerance
}

// waitLocked says how long a new request must wait: until the window resets
// when the requests already in flight will use up what is left of it.
func (t *Throttle) waitLocked(now time.Time) time.Duration {
	if !t.known {
		return 0
	}
	resetAt := t.seenAt.Add(t.last.ResetIn)
	if !now.Before(resetAt) || t.last.Remaining > t.inFlight {
		return 0
	}
	return resetAt.Sub(now)
}

// acquire waits until a request may be sent and counts it as in flight; the
// returned func must be called when its response has been observed. A wait
// longer than maxWait or past ctx's deadline fails at once with a
// *RateLimitError.
func (t *Throttle) acquire(ctx context.Context, maxWait time.Duration, log func(time.Duration)) (release func(), err error) {
	for {
		t.mu.Lock()
		wait := t.waitLocked(time.Now())
		if wait <= 0 {
			t.inFlight++
			t.mu.Unlock()
			return t.release, nil
		}
		rate := t.last
		t.mu.Unlock()
		if wait > maxWait || pastDeadline(ctx, wait) {
			return nil, &RateLimitError{Rate: rate, RetryAfter: wait}
		}
		log(wait)
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, ctx.Err()
		case <-timer.C:
		}
	}
}

func (t *Throttle) release() {
	t.mu.Lock()
	t.inFlight--
	t.mu.Unlock()
}
