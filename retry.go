package bigcommerce

import (
	"context"
	"crypto/x509"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

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
