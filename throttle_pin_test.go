package bigcommerce

// Tests pinning the Throttle's counting rules that mutation testing
// (scripts/mutation.sh) found unguarded: boundaries of the waits and
// resets it believes, the window tolerance, rolls over several windows,
// and which snapshot wins within one window.

import (
	"context"
	"errors"
	"testing"
	"testing/synctest"
	"time"
)

// probeThrottle asks th for a permit without waiting and releases it at once: it
// returns 0 when one was granted, else the wait the *RateLimitError names.
func probeThrottle(t *testing.T, th *Throttle) time.Duration {
	t.Helper()
	p, err := th.Acquire(t.Context(), 0)
	if err == nil {
		p.Release()
		return 0
	}
	var rl *RateLimitError
	if !errors.As(err, &rl) {
		t.Fatalf("Acquire: %v, want a permit or a *RateLimitError", err)
	}
	return rl.RetryAfter
}

// TestPinThrottleWaitEqualToMaxWait: a throttle wait exactly equal to
// maxWait is waited for; one nanosecond more than maxWait fails at once.
func TestPinThrottleWaitEqualToMaxWait(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		th := NewThrottle()
		th.observe(RateLimit{Quota: 5, Remaining: 0, Window: 2 * time.Second, ResetIn: time.Second}, time.Now(), nil)
		wait := time.Second + throttleMargin
		var rl *RateLimitError
		if _, err := th.Acquire(t.Context(), wait-1); !errors.As(err, &rl) || rl.RetryAfter != wait {
			t.Fatalf("maxWait 1ns short of the wait: %v, want a *RateLimitError naming %s", err, wait)
		}
		start := time.Now()
		p, err := th.Acquire(t.Context(), wait)
		if err != nil {
			t.Fatalf("maxWait equal to the wait: %v, want a permit after waiting", err)
		}
		p.Release()
		if waited := time.Since(start); waited != wait {
			t.Errorf("waited %s, want %s", waited, wait)
		}
	})
}

// TestPinThrottleRollsWholeWindows: after several windows pass without
// news, the guessed window ends a whole number of windows after the known
// reset, with the full quota.
func TestPinThrottleRollsWholeWindows(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		th := NewThrottle()
		t0 := time.Now()
		th.observe(RateLimit{Quota: 2, Remaining: 0, Window: time.Second, ResetIn: time.Second}, t0, nil)
		// Known reset: t0 + 1.01 s. At t0 + 3.5 s the window that ends at
		// t0 + 4.01 s is running.
		time.Sleep(3500 * time.Millisecond)
		for i := range 2 {
			if p, err := th.Acquire(t.Context(), 0); err != nil {
				t.Fatalf("permit %d of the rolled window: %v", i+1, err)
			} else {
				defer p.Release()
			}
		}
		if got, want := probeThrottle(t, th), 510*time.Millisecond; got != want {
			t.Errorf("third permit of a 2-request window: wait %s, want %s (until t0 + 4.01 s)", got, want)
		}
	})
}

// TestPinThrottleNoGuessWithoutQuotaOrWindow: a window that ends when the
// last snapshot named no quota or no window length is not guessed at: the
// Throttle lets requests through (and does not divide by a zero window).
func TestPinThrottleNoGuessWithoutQuotaOrWindow(t *testing.T) {
	for name, rl := range map[string]RateLimit{
		"no quota":  {Quota: 0, Remaining: 0, Window: time.Second, ResetIn: time.Second},
		"no window": {Quota: 5, Remaining: 0, Window: 0, ResetIn: time.Second},
	} {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				th := NewThrottle()
				th.observe(rl, time.Now(), nil)
				if got := probeThrottle(t, th); got != time.Second+throttleMargin {
					t.Fatalf("before the reset: wait %s", got)
				}
				time.Sleep(2 * time.Second)
				for i := range 3 {
					if got := probeThrottle(t, th); got != 0 {
						t.Fatalf("request %d after the reset: wait %s, want none", i+1, got)
					}
				}
				if _, known := th.Rate(); known {
					t.Error("Rate() still known after a window that could not be guessed")
				}
			})
		})
	}
}

// TestPinThrottleResetBounds: a reset of 0 ms is a window ending now (kept
// for the margin); one of exactly maxResetIn is believed; one beyond it is
// ignored.
func TestPinThrottleResetBounds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cases := []struct {
			reset time.Duration
			want  time.Duration // wait of the next request
		}{
			{0, throttleMargin},
			{maxResetIn, maxResetIn + throttleMargin},
			{maxResetIn + time.Millisecond, 0},
		}
		for _, tc := range cases {
			th := NewThrottle()
			th.observe(RateLimit{Quota: 5, Remaining: 0, Window: time.Second, ResetIn: tc.reset}, time.Now(), nil)
			if got := probeThrottle(t, th); got != tc.want {
				t.Errorf("reset %s: wait %s, want %s", tc.reset, got, tc.want)
			}
			if _, known := th.Rate(); known != (tc.want != 0) {
				t.Errorf("reset %s: Rate() known = %v", tc.reset, known)
			}
		}
	})
}

// TestPinThrottleWindowTolerance: snapshots whose resets agree within half
// a window belong to the known window (a higher count there is stale);
// beyond half a window later they are the next window (taken), beyond half
// a window earlier a previous one (ignored). With no window length known
// the tolerance is one second.
func TestPinThrottleWindowTolerance(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		cases := []struct {
			name      string
			window    time.Duration
			shift     time.Duration // of the second snapshot's reset
			remaining int           // of the second snapshot (the first has 5)
			want      int           // Rate().Remaining afterwards
		}{
			{"higher count 14 s later in a 30 s window: same window", 30 * time.Second, 14 * time.Second, 9, 5},
			{"higher count 16 s later in a 30 s window: next window", 30 * time.Second, 16 * time.Second, 9, 9},
			{"lower count 14 s earlier: same window", 30 * time.Second, -14 * time.Second, 2, 2},
			{"lower count 16 s earlier: previous window", 30 * time.Second, -16 * time.Second, 2, 5},
			{"no window, higher count 0.9 s later: same window", 0, 900 * time.Millisecond, 9, 5},
			{"no window, higher count 1.1 s later: next window", 0, 1100 * time.Millisecond, 9, 9},
		}
		for _, tc := range cases {
			th := NewThrottle()
			now := time.Now()
			th.observe(RateLimit{Quota: 10, Remaining: 5, Window: tc.window, ResetIn: 20 * time.Second}, now, nil)
			th.observe(RateLimit{Quota: 10, Remaining: tc.remaining, Window: tc.window, ResetIn: 20*time.Second + tc.shift}, now, nil)
			if rl, _ := th.Rate(); rl.Remaining != tc.want {
				t.Errorf("%s: Remaining = %d, want %d", tc.name, rl.Remaining, tc.want)
			}
		}
	})
}

// TestPinThrottleSameWindowResetEstimate: within one window the reset
// resumed at is the later of the estimates (each is no later than the true
// reset), whether the new count is equal, higher or lower; an equal or
// higher count is no news, so Rate() keeps the snapshot it had.
func TestPinThrottleSameWindowResetEstimate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const base = 10 * time.Second
		cases := []struct {
			name         string
			remaining    int           // of the second snapshot (the first has 2)
			shift        time.Duration // of the second snapshot's reset
			wantReset    time.Duration // Rate().ResetIn afterwards
			wantRetryAft time.Duration // wait once the window is spent
		}{
			{"equal count, later reset", 2, 5 * time.Millisecond, base, base + 5*time.Millisecond + throttleMargin},
			{"equal count, earlier reset", 2, -5 * time.Millisecond, base, base + throttleMargin},
			{"higher count, later reset", 3, 5 * time.Millisecond, base, base + 5*time.Millisecond + throttleMargin},
			{"lower count, earlier reset", 1, -5 * time.Millisecond, base - 5*time.Millisecond, base + throttleMargin},
			{"lower count, later reset", 1, 5 * time.Millisecond, base + 5*time.Millisecond, base + 5*time.Millisecond + throttleMargin},
		}
		for _, tc := range cases {
			th := NewThrottle()
			now := time.Now()
			th.observe(RateLimit{Quota: 10, Remaining: 2, Window: 30 * time.Second, ResetIn: base}, now, nil)
			th.observe(RateLimit{Quota: 10, Remaining: tc.remaining, Window: 30 * time.Second, ResetIn: base + tc.shift}, now, nil)
			rl, _ := th.Rate()
			if rl.ResetIn != tc.wantReset {
				t.Errorf("%s: Rate().ResetIn = %s, want %s", tc.name, rl.ResetIn, tc.wantReset)
			}
			var held []Permit
			for range min(rl.Remaining, 2) {
				p, err := th.Acquire(context.Background(), 0)
				if err != nil {
					t.Fatalf("%s: %v", tc.name, err)
				}
				held = append(held, p)
			}
			if got := probeThrottle(t, th); got != tc.wantRetryAft {
				t.Errorf("%s: wait %s, want %s", tc.name, got, tc.wantRetryAft)
			}
			for _, p := range held {
				p.Release()
			}
		}
	})
}
