package bigcommerce

import (
	"context"
	"sync"
	"time"
)

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
