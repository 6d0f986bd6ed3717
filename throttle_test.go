package bigcommerce

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
)

// TestThrottleWaitsForWindowReset: after a response says the quota is spent,
// the next request waits for the reset (counted from the send time, plus the
// margin) instead of being sent into a 429.
func TestThrottleWaitsForWindowReset(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newTestClient(t, WithRetryPolicy(DefaultRetryPolicy()))
		start := time.Now()
		var sentAt []time.Duration
		mockFunc(mt, http.MethodGet, "/v3/things", func(captured) (*http.Response, error) {
			sentAt = append(sentAt, time.Since(start))
			resp := httpmock.NewStringResponse(200, `{"data":{}}`)
			if len(sentAt) == 1 {
				resp.Header = rateHeaders(0, 2000)
			} else {
				resp.Header = rateHeaders(149, 30000)
			}
			return resp, nil
		})
		for i := 0; i < 2; i++ {
			req, _ := c.NewRequest(t.Context(), http.MethodGet, "/v3/things", nil, nil)
			if _, err := c.Do(req, nil); err != nil {
				t.Fatal(err)
			}
		}
		if want := 2*time.Second + throttleMargin; len(sentAt) != 2 || sentAt[1] != want {
			t.Errorf("requests sent at %v, want the second at %s (the reset plus the margin)", sentAt, want)
		}
		if rl, ok := c.Rate(); !ok || rl.Remaining != 149 {
			t.Errorf("Rate() = %+v, %v", rl, ok)
		}

		// A deadline before the reset fails at once, sending nothing.
		c, mt = newTestClient(t, WithRetryPolicy(DefaultRetryPolicy()))
		mockFunc(mt, http.MethodGet, "/v3/spent", func(captured) (*http.Response, error) {
			resp := httpmock.NewStringResponse(200, `{}`)
			resp.Header = rateHeaders(0, 10000)
			return resp, nil
		})
		req, _ := c.NewRequest(t.Context(), http.MethodGet, "/v3/spent", nil, nil)
		if _, err := c.Do(req, nil); err != nil {
			t.Fatal(err)
		}
		short, cancel := context.WithTimeout(t.Context(), time.Second)
		defer cancel()
		before := mt.GetTotalCallCount()
		req, _ = c.NewRequest(short, http.MethodGet, "/v3/spent", nil, nil)
		_, err := c.Do(req, nil)
		var rl *RateLimitError
		if !errors.As(err, &rl) || rl.Err != nil || rl.RetryAfter != 10*time.Second+throttleMargin {
			t.Fatalf("err = %v, want a *RateLimitError raised before sending", err)
		}
		if mt.GetTotalCallCount() != before {
			t.Error("the throttled request was sent")
		}
	})
}

// TestSharedRateLimiter: Clients sharing one Throttle, through either
// option, wait for the store's window that another Client learned.
func TestSharedRateLimiter(t *testing.T) {
	options := map[string]func(*Throttle) Option{
		"WithThrottle":    WithThrottle,
		"WithRateLimiter": func(th *Throttle) Option { return WithRateLimiter(th) },
	}
	for name, opt := range options {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				shared := NewThrottle()
				a, mtA := newTestClient(t, opt(shared))
				b, mtB := newTestClient(t, opt(shared), WithRetryPolicy(DefaultRetryPolicy()))
				mockFunc(mtA, http.MethodGet, "/v2/store", func(captured) (*http.Response, error) {
					resp := httpmock.NewStringResponse(200, `{}`)
					resp.Header = rateHeaders(0, 3000)
					return resp, nil
				})
				var sentAt time.Duration
				start := time.Now()
				mockFunc(mtB, http.MethodGet, "/v2/store", func(captured) (*http.Response, error) {
					sentAt = time.Since(start)
					return httpmock.NewStringResponse(200, `{}`), nil
				})
				if _, err := a.Ping(t.Context()); err != nil {
					t.Fatal(err)
				}
				if _, err := b.Ping(t.Context()); err != nil {
					t.Fatal(err)
				}
				if want := 3*time.Second + throttleMargin; sentAt != want {
					t.Errorf("second client sent at %s, want %s: it should wait for the store's window", sentAt, want)
				}
				if rl, ok := b.Rate(); !ok || rl.Remaining != 0 {
					t.Errorf("b.Rate() = %+v, %v; want the shared snapshot", rl, ok)
				}
			})
		})
	}
}

// TestThrottleIgnoresStaleSnapshots: answers to concurrent requests arrive
// in any order. Within one window the lowest count is the newest; a
// snapshot showing more requests left must not raise the count (that let
// requests through into 429s). A later window's snapshot is taken; one of
// an earlier or ended window is not.
func TestThrottleIgnoresStaleSnapshots(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		window := 30 * time.Second
		th := NewThrottle()
		t0 := time.Now()
		snap := func(remaining int, resetIn time.Duration, sentAt time.Duration) {
			th.observe(RateLimit{Quota: 150, Remaining: remaining, Window: window, ResetIn: resetIn}, t0.Add(sentAt), nil)
		}
		check := func(what string, want int) {
			t.Helper()
			if rl, _ := th.Rate(); rl.Remaining != want {
				t.Errorf("%s: Remaining = %d, want %d", what, rl.Remaining, want)
			}
		}
		snap(3, 10*time.Second, 5*time.Millisecond)
		snap(5, 10*time.Second+4*time.Millisecond, time.Millisecond)
		check("after an older count of the same window", 3)
		snap(4, 10*time.Second-2*time.Millisecond, 8*time.Millisecond)
		check("after a higher count sent later (admitted earlier)", 3)
		snap(1, 9*time.Second, time.Second)
		check("after a lower count of the same window", 1)
		snap(149, window, 10*time.Second)
		check("after the next window's snapshot", 149)
		snap(7, 9*time.Second, time.Second)
		check("after a late snapshot of the earlier window", 149)

		// A snapshot whose window has ended by the time it arrives is
		// history, even for a Throttle that knows nothing.
		fresh := NewThrottle()
		time.Sleep(time.Second)
		fresh.observe(RateLimit{Quota: 150, Remaining: 0, Window: window, ResetIn: 500 * time.Millisecond}, t0, nil)
		if _, known := fresh.Rate(); known {
			t.Error("a snapshot of an ended window was taken")
		}
	})
}

// TestThrottleIgnoresBrokenResets: a reset no store sends (negative, or
// a year away) neither stalls requests nor breaks the clock arithmetic.
func TestThrottleIgnoresBrokenResets(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		for _, reset := range []time.Duration{-time.Second, 365 * 24 * time.Hour, time.Duration(1<<63 - 1)} {
			th := NewThrottle()
			th.observe(RateLimit{Quota: 1, Remaining: 0, Window: time.Second, ResetIn: reset}, time.Now(), nil)
			if _, err := th.Acquire(t.Context(), 0); err != nil {
				t.Errorf("after a reset of %s: %v, want a permit at once", reset, err)
			}
		}
	})
}

// TestThrottleCountsUnansweredPermits: a snapshot counts only the requests
// the store had admitted when it answered; permits granted and not yet
// answered are deducted from its count, so concurrent requests cannot
// overspend the window.
func TestThrottleCountsUnansweredPermits(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		th := NewThrottle()
		ctx := t.Context()
		acquire := func() Permit {
			t.Helper()
			p, err := th.Acquire(ctx, time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			return p
		}
		first := acquire()
		sentAt := time.Now()
		time.Sleep(50 * time.Millisecond)
		later := []Permit{acquire(), acquire(), acquire()}
		// The first answer: 4 left in a window of 10 ending in 1 s.
		first.Observe(ctx, RateLimit{Quota: 10, Remaining: 4, Window: time.Second, ResetIn: time.Second}, sentAt)
		first.Release()
		// 4 - 3 unanswered = 1 more now; the next waits for the reset.
		later = append(later, acquire())
		start := time.Now()
		next := acquire()
		if waited, want := time.Since(start), sentAt.Add(time.Second+throttleMargin).Sub(start); waited != want {
			t.Errorf("the fifth permit waited %s, want %s (until the reset)", waited, want)
		}
		for _, p := range later {
			p.Release() // answered with no headers: they no longer count
		}
		// After the reset without news the Throttle assumes a fresh window
		// of the last quota: 9 more besides next, then a wait.
		for i := range 9 {
			if _, err := th.Acquire(ctx, 0); err != nil {
				t.Fatalf("permit %d of the new window: %v", i+2, err)
			}
		}
		var rl *RateLimitError
		if _, err := th.Acquire(ctx, 0); !errors.As(err, &rl) || rl.RetryAfter != time.Second {
			t.Errorf("the 11th permit of a 10-request window: %v, want a *RateLimitError 1 s before the next reset", err)
		}
		next.Release()
	})
}

// TestThrottle429AtBoundaryCostsOneRetry: when a 429 still happens (another
// client took the window), the request is retried once after the reset the
// 429 names and succeeds.
func TestThrottle429AtBoundaryCostsOneRetry(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newTestClient(t, WithRetryPolicy(DefaultRetryPolicy()))
		start := time.Now()
		var sentAt []time.Duration
		mockFunc(mt, http.MethodGet, "/v3/things", func(captured) (*http.Response, error) {
			sentAt = append(sentAt, time.Since(start))
			if len(sentAt) == 1 {
				resp := httpmock.NewStringResponse(429, `{"status":429,"title":"Too many requests"}`)
				resp.Header = rateHeaders(0, 300)
				return resp, nil
			}
			resp := httpmock.NewStringResponse(200, `{"data":{}}`)
			resp.Header = rateHeaders(149, 30000)
			return resp, nil
		})
		req, _ := c.NewRequest(t.Context(), http.MethodGet, "/v3/things", nil, nil)
		if _, err := c.Do(req, nil); err != nil {
			t.Fatalf("a 429 at a boundary failed the request: %v", err)
		}
		if len(sentAt) != 2 || sentAt[1] < 300*time.Millisecond || sentAt[1] > 300*time.Millisecond+throttleMargin+DefaultRetryPolicy().MinWait/4 {
			t.Errorf("attempts at %v, want two, the second just after the 300 ms reset", sentAt)
		}
	})
}
