package bigcommerce

// Tests pinning the retry rules of retry.go that mutation testing
// (scripts/mutation.sh) found unguarded.

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"testing/synctest"
	"time"
)

// TestPinDefaultRetryPolicy pins the documented defaults.
func TestPinDefaultRetryPolicy(t *testing.T) {
	if got := DefaultRetryPolicy(); got != (RetryPolicy{MaxRetries: 3, MinWait: 500 * time.Millisecond, MaxWait: 30 * time.Second}) {
		t.Errorf("DefaultRetryPolicy() = %+v", got)
	}
}

// TestPinRetryAfterForms: seconds, zero, HTTP dates (past and future), the
// X- variant first, and headers present without a value.
func TestPinRetryAfterForms(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		in10s := time.Now().Add(10 * time.Second).UTC().Format(http.TimeFormat)
		past := time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat)
		cases := []struct {
			name string
			h    http.Header
			want time.Duration
			ok   bool
		}{
			{"seconds", http.Header{"Retry-After": {"4"}}, 4 * time.Second, true},
			{"zero", http.Header{"Retry-After": {"0"}}, 0, true},
			{"HTTP date", http.Header{"Retry-After": {in10s}}, 10 * time.Second, true},
			{"HTTP date in the past", http.Header{"Retry-After": {past}}, 0, true},
			{"X-Retry-After first", http.Header{"X-Retry-After": {"2"}, "Retry-After": {"9"}}, 2 * time.Second, true},
			{"empty X-Retry-After skipped", http.Header{"X-Retry-After": {""}, "Retry-After": {"5"}}, 5 * time.Second, true},
			{"blank value", http.Header{"Retry-After": {"  "}}, 0, false},
			{"present without values", http.Header{"retry-after": {}, "x-retry-after": nil}, 0, false},
			{"negative", http.Header{"Retry-After": {"-3"}}, 0, false},
			{"garbage", http.Header{"Retry-After": {"soon"}}, 0, false},
			{"none", http.Header{}, 0, false},
		}
		for _, tc := range cases {
			got, ok := retryAfter(tc.h)
			if got != tc.want || ok != tc.ok {
				t.Errorf("%s: retryAfter = %s, %v; want %s, %v", tc.name, got, ok, tc.want, tc.ok)
			}
		}
	})
}

// TestPinRateLimitWaitBoundary: a 429 whose wait equals MaxWait is waited
// for; one millisecond more fails fast.
func TestPinRateLimitWaitBoundary(t *testing.T) {
	saved := jitter
	defer func() { jitter = saved }()
	jitter = func(time.Duration) time.Duration { return 0 }
	p := RetryPolicy{MaxRetries: 1, MinWait: time.Second, MaxWait: 5 * time.Second}
	for _, tc := range []struct {
		reset   string
		retry   bool
		tooLong bool
	}{{"5000", true, false}, {"5001", false, true}, {"4999", true, false}} {
		resp := &http.Response{StatusCode: 429, Header: http.Header{headerReset: {tc.reset}}}
		d := p.decide(context.Background(), "POST", 0, resp, nil)
		if d.retry != tc.retry || d.tooLong != tc.tooLong {
			t.Errorf("reset %s ms with MaxWait 5s: %+v", tc.reset, d)
		}
	}
}

// TestPinJitter: jitter stays in [0, max], includes both ends, and varies.
func TestPinJitter(t *testing.T) {
	if jitter(0) != 0 || jitter(-time.Second) != 0 {
		t.Error("jitter of a non-positive max is not 0")
	}
	seen := map[time.Duration]bool{}
	low, high := false, false
	for range 2000 {
		d := jitter(1)
		if d < 0 || d > 1 {
			t.Fatalf("jitter(1) = %s", d)
		}
		seen[d] = true
		w := jitter(1000)
		if w < 0 || w > 1000 {
			t.Fatalf("jitter(1000) = %s", w)
		}
		low, high = low || w < 250, high || w > 750
	}
	if !seen[0] || !seen[1] || !low || !high {
		t.Errorf("jitter is not spread over [0, max]: saw %v, low %v, high %v", seen, low, high)
	}
}

// TestPinPermanentTransportErrors: an unsupported scheme or a redirect
// loop fails the same way again, so even a GET is not retried.
func TestPinPermanentTransportErrors(t *testing.T) {
	p := RetryPolicy{MaxRetries: 3, MaxWait: time.Second}
	for _, msg := range []string{`unsupported protocol scheme "ftp"`, "stopped after 10 redirects", `net/http: invalid header field value for "X"`} {
		err := &url.Error{Op: "Get", URL: "https://x", Err: errors.New(msg)}
		if d := p.decide(context.Background(), "GET", 0, nil, err); d.retry {
			t.Errorf("%s: retried", msg)
		}
	}
	t.Run("redirect loop through the client", func(t *testing.T) {
		c, mt := newTestClient(t, zeroWaitRetries)
		rec := mockFunc(mt, "GET", "/v3/loop", func(captured) (*http.Response, error) {
			resp := &http.Response{StatusCode: 302, Header: http.Header{"Location": {testBaseURL + "/v3/loop"}}, Body: http.NoBody}
			return resp, nil
		})
		req, _ := c.NewRequest(ctx(t), "GET", "/v3/loop", nil, nil)
		if _, err := c.Do(req, nil); err == nil {
			t.Fatal("no error for a redirect loop")
		}
		if rec.count() != 10 {
			t.Errorf("%d requests, want the 10 of one attempt", rec.count())
		}
	})
}

// TestPinWaitReachingDeadline: a 429 wait that would end exactly at the
// context's deadline fails fast (no time would be left to send); one that
// ends before it is waited for.
func TestPinWaitReachingDeadline(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		saved := jitter
		defer func() { jitter = saved }()
		jitter = func(time.Duration) time.Duration { return 0 }
		p := RetryPolicy{MaxRetries: 1, MinWait: time.Second, MaxWait: time.Minute}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		for _, tc := range []struct {
			reset string
			retry bool
		}{{"5000", false}, {"4999", true}} {
			resp := &http.Response{StatusCode: 429, Header: http.Header{headerReset: {tc.reset}}}
			if d := p.decide(ctx, "GET", 0, resp, nil); d.retry != tc.retry || d.tooLong == tc.retry {
				t.Errorf("reset %s ms with 5 s to the deadline: %+v, want retry %v", tc.reset, d, tc.retry)
			}
		}
	})
}

// TestPinBackoffNoOverflow: the backoff ceiling stops doubling once it
// reaches MaxWait, so a MaxWait near the largest duration never overflows
// into a negative (zero) wait.
func TestPinBackoffNoOverflow(t *testing.T) {
	saved := jitter
	defer func() { jitter = saved }()
	var ceilings []time.Duration
	jitter = func(max time.Duration) time.Duration { ceilings = append(ceilings, max); return 0 }
	p := RetryPolicy{MaxRetries: 5, MinWait: 1 << 61, MaxWait: 1 << 62}
	for attempt := range 4 {
		p.backoff(attempt)
	}
	want := []time.Duration{1 << 61, 1 << 62, 1 << 62, 1 << 62}
	for i := range want {
		if i >= len(ceilings) || ceilings[i] != want[i] {
			t.Fatalf("backoff ceilings %v, want %v", ceilings, want)
		}
	}
}
