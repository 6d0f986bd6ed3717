package bigcommerce

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptrace"
	"reflect"
	"strings"
	"sync"
	"time"
)

// RateLimiter paces a Client's requests to one store and caps how many of
// them are in flight at once. BigCommerce's quota (X-Rate-Limit-* headers)
// belongs to the store, not to a client: every app, worker and machine that
// talks to a store draws from the same window, so a RateLimiter may be
// shared by many Clients (WithRateLimiter).
//
// Two implementations come with this module:
//
//   - *Throttle (NewThrottle) paces the Clients of one process that share
//     it. It puts no cap on requests in flight; each Client's
//     WithMaxConcurrency does that.
//   - redisquota.Limiter shares the window and a store-wide cap on requests
//     in flight between processes and machines through Redis.
//
// The pipeline uses a RateLimiter like this, for every attempt of every
// request (a retry is a new attempt and acquires again):
//
//	permit, err := limiter.Acquire(ctx, maxWait) // before sending
//	// ... send; when the answer's headers arrive:
//	permit.Observe(ctx, rateFromHeaders, sentAt)
//	// ... read the body to the end (or fail):
//	permit.Release()
//
// Observe is called only when the answer carries X-Rate-Limit-* headers
// (429s included); Release is always called exactly once, also when the
// attempt failed. To back a RateLimiter with another store (a database, a
// coordination service), keep what the store says in one place and follow
// the rules in the method docs: of two snapshots of one window the lower
// count is the newer (counts only go down, whatever order the answers
// arrive in), a snapshot of a later window replaces an earlier one, and
// requests left are counted down when a permit is granted, not when the
// answer arrives, so that concurrent requests cannot overspend a window.
//
// WithMaxConcurrency and a RateLimiter's cap are separate limits that both
// apply: the Client's semaphore bounds the requests one Client runs at once
// (its goroutines, including time spent in retry backoff), while the
// RateLimiter's cap bounds the attempts in flight at the store across every
// Client, process and machine sharing it. A request first takes a slot of
// its Client's semaphore, then a permit for each attempt.
type RateLimiter interface {
	// Acquire blocks until one attempt may be sent, or ctx is done (then it
	// returns ctx's error). When the window is known to be spent it waits for
	// the reset; when that wait is longer than maxWait or would overrun ctx's
	// deadline it fails at once with a *RateLimitError, without waiting.
	// A store-wide cap on requests in flight is waited for until ctx is done.
	// Implementations backed by a remote store bound each call by ctx and
	// return an error that names the store when it cannot be reached.
	Acquire(ctx context.Context, maxWait time.Duration) (Permit, error)
}

// Permit is one attempt's right to be sent, granted by RateLimiter.Acquire.
type Permit interface {
	// Observe records the rate-limit snapshot of this attempt's answer.
	// sentAt is when the request was handed to the connection (after any
	// dial and TLS handshake): no later than the moment the store admitted
	// it and computed the headers. Count the reset from sentAt (plus a
	// small margin for jitter): a request sent at sentAt + rl.ResetIn lags
	// behind its send time as this one did, so it reaches the store after
	// the reset; counting from the answer's arrival instead resumes up to
	// one request's latency late. Snapshots of concurrent requests arrive in
	// any order: within one window keep the lowest count, take a later
	// window's snapshot, and ignore an earlier or ended window's. Observe is
	// called at most once, before Release.
	Observe(ctx context.Context, rl RateLimit, sentAt time.Time)
	// Release ends the attempt: its slot of the in-flight cap is free
	// again. It is called exactly once, after the answer's body was read or
	// the attempt failed, and must not block for long (a remote store should
	// bound it with a short timeout of its own).
	Release()
}

// WithRateLimiter makes the Client pace its requests, and cap the requests
// in flight, with l. Clients talking to the same store should share one
// RateLimiter, because the store's quota is shared by all of them: a
// *Throttle within one process, or a redisquota.Limiter across processes and
// machines. Without this option each Client has a Throttle of its own.
func WithRateLimiter(l RateLimiter) Option {
	return func(c *config) error {
		if l == nil || (reflect.ValueOf(l).Kind() == reflect.Pointer && reflect.ValueOf(l).IsNil()) {
			return errors.New("bigcommerce: WithRateLimiter(nil): pass NewThrottle() or a redisquota.Limiter, or leave the option out")
		}
		c.limiter = l
		return nil
	}
}

// rateReporter is implemented by limiters that can tell the last snapshot
// they saw without a network call (*Throttle, redisquota.Limiter).
type rateReporter interface {
	Rate() (RateLimit, bool)
}

// acquire gets a permit for one attempt to host from the Client's
// RateLimiter; requests to other hosts (a redirect elsewhere) do not draw
// on the store's quota. Its errors are permanent for the retry engine: a
// wait the limiter refused, or a limiter that cannot reach its store, is
// not fixed by retrying at once.
func (c *Client) acquire(ctx context.Context, host, method, path string) (Permit, error) {
	if !strings.EqualFold(host, c.baseURL.Host) {
		return noPermit{}, nil
	}
	start := time.Now()
	p, err := c.limiter.Acquire(ctx, c.retry.MaxWait)
	if waited := time.Since(start); waited >= time.Millisecond {
		c.logger.DebugContext(ctx, "bigcommerce: throttled", "method", method, "path", path, "wait", waited)
	}
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, ctxErr
		}
		return nil, &permanentError{err: err}
	}
	if p == nil {
		return nil, &permanentError{err: errors.New("the RateLimiter granted a nil Permit")}
	}
	return p, nil
}

// noPermit is the Permit of a request that needs none.
type noPermit struct{}

func (noPermit) Observe(context.Context, RateLimit, time.Time) {}
func (noPermit) Release()                                      {}

// sendTime records when an attempt was handed to a connection.
type sendTime struct {
	mu sync.Mutex
	t  time.Time
}

// withSendTime attaches a trace to r that notes when it got its connection,
// after any dial and TLS handshake: the request's bytes follow at once, so
// that moment is no later than the store's admission of the request.
func withSendTime(r *http.Request) (*http.Request, *sendTime) {
	st := &sendTime{}
	trace := &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) {
		st.mu.Lock()
		st.t = time.Now()
		st.mu.Unlock()
	}}
	return r.WithContext(httptrace.WithClientTrace(r.Context(), trace)), st
}

// at returns the send time, or fallback (taken before RoundTrip) when the
// transport reports no connections (mocks, in-process transports).
func (s *sendTime) at(fallback time.Time) time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.t.IsZero() {
		return fallback
	}
	return s.t
}

// releaseWithBody releases p when resp's body has been read to its end or
// closed, whichever comes first: until then the answer is still in flight.
func releaseWithBody(resp *http.Response, p Permit) {
	if resp.Body == nil {
		p.Release()
		return
	}
	resp.Body = &permitBody{ReadCloser: resp.Body, permit: p}
}

// permitBody is a response body that releases its attempt's permit.
type permitBody struct {
	io.ReadCloser
	permit Permit
	once   sync.Once
}

func (b *permitBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	if err != nil {
		b.once.Do(b.permit.Release)
	}
	return n, err
}

func (b *permitBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.permit.Release)
	return err
}

// rateCache keeps the newest snapshot a Client saw, for Client.Rate when
// its RateLimiter cannot tell.
type rateCache struct {
	mu     sync.Mutex
	last   RateLimit
	sentAt time.Time
	known  bool
}

func (r *rateCache) set(rl RateLimit, sentAt time.Time) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.known && sentAt.Before(r.sentAt) {
		return
	}
	r.last, r.sentAt, r.known = rl, sentAt, true
}

func (r *rateCache) get() (RateLimit, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last, r.known
}
