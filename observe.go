package bigcommerce

import (
	"context"
	"errors"
	"time"
)

// CallInfo describes one logical API call (all its attempts) for
// WithObserver. It carries no credentials, headers, query or bodies: Path
// has no host and no query string, and Err's message never contains a
// secret.
type CallInfo struct {
	// Method and Path name the call, e.g. "GET", "/v3/catalog/products/12".
	// Path holds ids: for metric labels prefer Method plus a route you
	// derive, to keep the label set small.
	Method, Path string
	// StatusCode is the HTTP status of the last answer, 0 when none came.
	StatusCode int
	// Attempts is how many times the request was handed to the network
	// (0 when it was refused or cancelled before sending).
	Attempts int
	// Waited is the time spent waiting rather than talking to BigCommerce:
	// for a concurrency slot, for the rate-limit throttle and between
	// retries.
	Waited time.Duration
	// Start is when the call began; Duration is how long it took in all.
	Start    time.Time
	Duration time.Duration
	// RequestID is BigCommerce's X-Request-Id of the last answer, if any.
	RequestID string
	// Err is the call's error, nil on success.
	Err error
	// OutcomeUnknown is set when Err matches ErrOutcomeUnknown: a write
	// that may have been applied.
	OutcomeUnknown bool
}

// WithObserver calls fn once after every logical API call the Client makes
// through Do (every service method uses it), with the caller's context and
// what happened: method, path, status, attempts, time waited, duration and
// error. It is the hook for tracing and metrics: fn sees no credentials,
// headers or bodies. fn runs on the caller's goroutine before the call
// returns, so keep it quick; it must be safe for concurrent use when the
// Client is shared. See the example for OpenTelemetry.
func WithObserver(fn func(ctx context.Context, call CallInfo)) Option {
	return func(c *config) error {
		if fn == nil {
			return invalid("WithObserver", "fn is nil: pass a function or leave the option out")
		}
		c.observer = fn
		return nil
	}
}

// observe reports a finished call to the observer, if there is one.
func (c *Client) observe(st *callState, r *Response, err error, start time.Time) {
	if c.observer == nil {
		return
	}
	info := CallInfo{
		Method:         st.method,
		Path:           st.path,
		Attempts:       st.sends,
		Waited:         st.waited,
		Start:          start,
		Duration:       time.Since(start),
		Err:            err,
		OutcomeUnknown: errors.Is(err, ErrOutcomeUnknown),
	}
	info.StatusCode = st.lastStatus
	if r.Response != nil {
		info.StatusCode = r.StatusCode
		info.RequestID = r.Header.Get("X-Request-Id")
	}
	c.observer(st.ctx, info)
}
