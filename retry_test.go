package bigcommerce

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
)

// outcome is one cell of the retry matrix: what came back from an attempt.
type outcome struct {
	name    string
	status  int         // 0 for a transport error
	header  http.Header // response headers
	err     error       // transport error
	wantFor func(idempotent bool) (retry bool)
}

func retryMatrixOutcomes() []outcome {
	reset := http.Header{"X-Rate-Limit-Time-Reset-Ms": {"1500"}}
	xRetry := http.Header{"X-Retry-After": {"2"}}
	retryAfter := http.Header{"Retry-After": {"3"}}
	always := func(bool) bool { return true }
	never := func(bool) bool { return false }
	ifIdempotent := func(idem bool) bool { return idem }
	dial := &url.Error{Op: "Post", URL: "https://x", Err: &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}}
	dns := &url.Error{Op: "Get", URL: "https://x", Err: &net.DNSError{Err: "no such host", Name: "x"}}
	reset2 := &url.Error{Op: "Get", URL: "https://x", Err: &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}}
	eof := &url.Error{Op: "Get", URL: "https://x", Err: io.ErrUnexpectedEOF}
	tls := &url.Error{Op: "Get", URL: "https://x", Err: x509.UnknownAuthorityError{}}
	outs := []outcome{
		{name: "200", status: 200, wantFor: never},
		{name: "207", status: 207, wantFor: never},
		{name: "400", status: 400, wantFor: never},
		{name: "401", status: 401, wantFor: never},
		{name: "403", status: 403, wantFor: never},
		{name: "404", status: 404, wantFor: never},
		{name: "409", status: 409, wantFor: never},
		{name: "413", status: 413, wantFor: never},
		{name: "422", status: 422, wantFor: never},
		{name: "429 reset header", status: 429, header: reset, wantFor: always},
		{name: "429 X-Retry-After", status: 429, header: xRetry, wantFor: always},
		{name: "429 Retry-After", status: 429, header: retryAfter, wantFor: always},
		{name: "429 no headers", status: 429, wantFor: always},
		{name: "500", status: 500, wantFor: ifIdempotent},
		{name: "501", status: 501, wantFor: never},
		{name: "502", status: 502, wantFor: ifIdempotent},
		{name: "503", status: 503, wantFor: ifIdempotent},
		{name: "503 with Retry-After", status: 503, header: retryAfter, wantFor: ifIdempotent},
		{name: "504", status: 504, wantFor: ifIdempotent},
		{name: "507", status: 507, wantFor: never},
		{name: "connection reset", err: reset2, wantFor: ifIdempotent},
		{name: "truncated body", err: eof, wantFor: ifIdempotent},
		{name: "dial refused", err: dial, wantFor: always},
		{name: "dns failure", err: dns, wantFor: always},
		{name: "tls unknown authority", err: tls, wantFor: never},
		{name: "authenticator failed", err: &permanentError{err: errors.New("no token")}, wantFor: never},
	}
	return outs
}

// TestRetryMatrix covers every method × status × transport error × header
// combination the retry rules distinguish, with zero waits.
func TestRetryMatrix(t *testing.T) {
	methods := map[string]bool{"GET": true, "HEAD": true, "OPTIONS": true, "PUT": true, "DELETE": true, "POST": false, "PATCH": false}
	policy := RetryPolicy{MaxRetries: 3, MaxWait: time.Minute}
	for method, idempotent := range methods {
		for _, o := range retryMatrixOutcomes() {
			t.Run(method+"/"+o.name, func(t *testing.T) {
				var resp *http.Response
				if o.err == nil {
					resp = &http.Response{StatusCode: o.status, Header: o.header}
					if resp.Header == nil {
						resp.Header = http.Header{}
					}
				}
				d := policy.decide(context.Background(), method, 0, resp, o.err)
				if want := o.wantFor(idempotent); d.retry != want {
					t.Fatalf("retry = %v, want %v", d.retry, want)
				}
				if d.tooLong {
					t.Error("tooLong set although the wait fits MaxWait")
				}
				if !d.retry {
					return
				}
				var want time.Duration // exponential backoff with MinWait 0 is 0
				switch {
				case o.status == 429 && o.header.Get("X-Rate-Limit-Time-Reset-Ms") != "":
					want = 1500 * time.Millisecond
				case o.status == 429 && o.header.Get("X-Retry-After") != "":
					want = 2 * time.Second
				case o.status == 429 && o.header.Get("Retry-After") != "":
					want = 3 * time.Second
				}
				if d.wait != want {
					t.Errorf("wait = %s, want %s", d.wait, want)
				}
			})
		}
	}
}

func TestRetryStopsWhenContextDone(t *testing.T) {
	c, cancel := context.WithCancel(context.Background())
	cancel()
	d := DefaultRetryPolicy().decide(c, http.MethodGet, 0, &http.Response{StatusCode: 503, Header: http.Header{}}, nil)
	if d.retry {
		t.Error("retried after the context was cancelled")
	}
}

func TestRateLimitWaitBeyondLimits(t *testing.T) {
	long := &http.Response{StatusCode: 429, Header: http.Header{"X-Rate-Limit-Time-Reset-Ms": {"45000"}}}
	d := DefaultRetryPolicy().decide(context.Background(), http.MethodGet, 0, long, nil)
	if d.retry || !d.tooLong || d.wait < 45*time.Second {
		t.Errorf("45 s reset with 30 s MaxWait: %+v, want no retry, tooLong", d)
	}
	short := &http.Response{StatusCode: 429, Header: http.Header{"X-Rate-Limit-Time-Reset-Ms": {"5000"}}}
	deadline, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	d = DefaultRetryPolicy().decide(deadline, http.MethodPost, 0, short, nil)
	if d.retry || !d.tooLong {
		t.Errorf("5 s reset with a 1 s deadline: %+v, want no retry, tooLong", d)
	}
}

func TestBackoffIsExponentialWithFullJitter(t *testing.T) {
	saved := jitter
	defer func() { jitter = saved }()
	jitter = func(max time.Duration) time.Duration { return max } // the ceiling
	p := RetryPolicy{MinWait: 100 * time.Millisecond, MaxWait: time.Second}
	want := []time.Duration{100, 200, 400, 800, 1000, 1000}
	for attempt, w := range want {
		if got := p.backoff(attempt); got != w*time.Millisecond {
			t.Errorf("attempt %d: ceiling %s, want %s", attempt, got, w*time.Millisecond)
		}
	}
	jitter = saved
	for i := 0; i < 200; i++ {
		if got := p.backoff(3); got < 0 || got > 800*time.Millisecond {
			t.Fatalf("backoff(3) = %s, outside [0, 800ms]", got)
		}
	}
	h := http.Header{"X-Rate-Limit-Time-Reset-Ms": {"1000"}}
	for i := 0; i < 200; i++ {
		if got := p.rateLimitWait(h, 0); got < time.Second || got > time.Second+25*time.Millisecond {
			t.Fatalf("reset wait = %s, want 1 s plus at most MinWait/4 of jitter", got)
		}
	}
}

// statusSequence answers the given statuses in order, then 200.
func statusSequence(statuses ...int) func(captured) (*http.Response, error) {
	var mu sync.Mutex
	i := 0
	return func(captured) (*http.Response, error) {
		mu.Lock()
		defer mu.Unlock()
		if i < len(statuses) {
			s := statuses[i]
			i++
			resp := httpmock.NewStringResponse(s, `{"status":`+strconv.Itoa(s)+`,"title":"t"}`)
			if s == 429 {
				resp.Header.Set("X-Rate-Limit-Time-Reset-Ms", "0")
			}
			return resp, nil
		}
		return httpmock.NewStringResponse(200, `{"data":{"ok":true}}`), nil
	}
}

func TestPipelineRetries(t *testing.T) {
	zero := RetryPolicy{MaxRetries: 3, MaxWait: time.Minute}
	tests := []struct {
		name       string
		method     string
		statuses   []int
		wantCalls  int
		wantStatus int // of the error; 0 for success
	}{
		{"GET recovers from 503s", "GET", []int{503, 502}, 3, 0},
		{"PUT recovers from 500", "PUT", []int{500}, 2, 0},
		{"DELETE recovers from 504", "DELETE", []int{504}, 2, 0},
		{"POST is not retried on 503", "POST", []int{503}, 1, 503},
		{"POST is retried on 429", "POST", []int{429, 429}, 3, 0},
		{"GET gives up after MaxRetries", "GET", []int{503, 503, 503, 503, 503}, 4, 503},
		{"429 until retries run out", "GET", []int{429, 429, 429, 429}, 4, 429},
		{"422 is never retried", "PUT", []int{422}, 1, 422},
		{"501 is never retried", "GET", []int{501}, 1, 501},
		{"507 is never retried", "PUT", []int{507}, 1, 507},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t, WithRetryPolicy(zero))
			rec := mockFunc(mt, tt.method, "/v3/things", statusSequence(tt.statuses...))
			var body any
			if tt.method == "POST" || tt.method == "PUT" {
				body = map[string]int{"n": 1}
			}
			req, _ := c.NewRequest(ctx(t), tt.method, "/v3/things", nil, body)
			resp, err := c.Do(req, nil)
			if got := rec.count(); got != tt.wantCalls {
				t.Errorf("%d attempts, want %d", got, tt.wantCalls)
			}
			if resp == nil {
				t.Fatal("nil *Response")
			}
			for i, r := range rec.all() {
				if body != nil {
					assertJSONBody(t, r.Body, `{"n":1}`)
				}
				if r.Header.Get("X-Auth-Token") != testToken {
					t.Errorf("attempt %d lacks the token", i)
				}
			}
			if tt.wantStatus == 0 {
				if err != nil {
					t.Fatalf("err = %v", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.StatusCode != tt.wantStatus {
				t.Fatalf("err = %v, want an *Error with status %d", err, tt.wantStatus)
			}
			if tt.wantStatus == 429 {
				var rl *RateLimitError
				if !errors.As(err, &rl) || !errors.Is(err, ErrRateLimited) {
					t.Errorf("a final 429 is not a *RateLimitError: %T", err)
				}
			}
		})
	}
}

func TestPipelineTransportErrors(t *testing.T) {
	zero := RetryPolicy{MaxRetries: 2}
	dial := &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}
	tests := []struct {
		name      string
		method    string
		err       error
		wantCalls int
	}{
		{"GET retried after a reset", "GET", reset, 3},
		{"POST not retried after a reset", "POST", reset, 1},
		{"POST retried when the dial failed", "POST", dial, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t, WithRetryPolicy(zero))
			rec := mockFunc(mt, tt.method, "/v3/things", func(captured) (*http.Response, error) { return nil, tt.err })
			req, _ := c.NewRequest(ctx(t), tt.method, "/v3/things", nil, map[string]int{"n": 1})
			resp, err := c.Do(req, nil)
			if err == nil || resp == nil {
				t.Fatalf("err = %v, resp = %v", err, resp)
			}
			if got := rec.count(); got != tt.wantCalls {
				t.Errorf("%d attempts, want %d", got, tt.wantCalls)
			}
		})
	}
}

// failingBody yields some bytes, then fails as a dropped connection does.
type failingBody struct{ sent bool }

func (b *failingBody) Read(p []byte) (int, error) {
	if b.sent {
		return 0, io.ErrUnexpectedEOF
	}
	b.sent = true
	return copy(p, `{"data":[{"id":`), nil
}

func (b *failingBody) Close() error { return nil }

func TestTruncatedBodyRetriedOnlyWhenIdempotent(t *testing.T) {
	for method, want := range map[string]int{"GET": 2, "POST": 1} {
		t.Run(method, func(t *testing.T) {
			c, mt := newTestClient(t, WithRetryPolicy(RetryPolicy{MaxRetries: 1}))
			calls := 0
			mockFunc(mt, method, "/v3/things", func(captured) (*http.Response, error) {
				calls++
				return &http.Response{StatusCode: 200, Header: http.Header{}, Body: &failingBody{}}, nil
			})
			req, _ := c.NewRequest(ctx(t), method, "/v3/things", nil, nil)
			_, err := c.Do(req, &struct{}{})
			if !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Errorf("err = %v, want io.ErrUnexpectedEOF", err)
			}
			if calls != want {
				t.Errorf("%d attempts, want %d", calls, want)
			}
		})
	}
}

// TestRateLimitWaitsForReset runs in a synctest bubble: the 1.5 s wait a
// 429 asks for passes on the fake clock, not for real.
func TestRateLimitWaitsForReset(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newTestClient(t, WithRetryPolicy(DefaultRetryPolicy()))
		start := time.Now()
		var times []time.Duration
		calls := 0
		mockFunc(mt, http.MethodPost, "/v3/things", func(captured) (*http.Response, error) {
			calls++
			times = append(times, time.Since(start))
			if calls == 1 {
				resp := httpmock.NewStringResponse(429, `{"status":429,"title":"Too many requests"}`)
				resp.Header = rateHeaders(0, 1500)
				return resp, nil
			}
			resp := httpmock.NewStringResponse(200, `{"data":{}}`)
			resp.Header = rateHeaders(149, 30000)
			return resp, nil
		})
		req, _ := c.NewRequest(t.Context(), http.MethodPost, "/v3/things", nil, map[string]int{"n": 1})
		if _, err := c.Do(req, nil); err != nil {
			t.Fatal(err)
		}
		if calls != 2 {
			t.Fatalf("%d attempts, want 2", calls)
		}
		// 1.5 s from the header plus at most MinWait/4 (125 ms) of jitter.
		if times[1] < 1500*time.Millisecond || times[1] > 1625*time.Millisecond {
			t.Errorf("retried after %s, want 1.5 s to 1.625 s", times[1])
		}
	})
}

func TestRateLimitErrorAtOnceWhenWaitTooLong(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newTestClient(t, WithRetryPolicy(DefaultRetryPolicy()))
		rec := mockFunc(mt, http.MethodGet, "/v3/things", func(captured) (*http.Response, error) {
			resp := httpmock.NewStringResponse(429, `{"status":429,"title":"Too many requests"}`)
			resp.Header = rateHeaders(0, 45000)
			return resp, nil
		})
		start := time.Now()
		req, _ := c.NewRequest(t.Context(), http.MethodGet, "/v3/things", nil, nil)
		_, err := c.Do(req, nil)
		var rl *RateLimitError
		if !errors.As(err, &rl) {
			t.Fatalf("err = %v, want *RateLimitError", err)
		}
		if rl.RetryAfter != 45*time.Second || rl.Rate.Remaining != 0 || rl.Rate.Quota != 150 {
			t.Errorf("RateLimitError = %+v", rl)
		}
		if waited := time.Since(start); waited != 0 {
			t.Errorf("waited %s before failing, want no wait", waited)
		}
		if rec.count() != 1 {
			t.Errorf("%d attempts, want 1", rec.count())
		}
	})
}

func ExampleRetryPolicy() {
	// Fail fast in an interactive tool: one retry, and never wait more than 5 s.
	_, err := NewClient("abc123", TokenAuth{AccessToken: "token"},
		WithRetryPolicy(RetryPolicy{MaxRetries: 1, MinWait: 200 * time.Millisecond, MaxWait: 5 * time.Second}))
	fmt.Println(err)
	// Output: <nil>
}
