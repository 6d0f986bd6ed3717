package bigcommerce

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
)

// TestWebhookHandlerReportsErrors: every error answer of WebhookHandler
// reaches OnError with its status and cause, and no secret.
func TestWebhookHandlerReportsErrors(t *testing.T) {
	body := fixture(t, "webhooks/event_order_created.json")
	cases := []struct {
		name   string
		opts   func(*WebhookOptions)
		req    func() *http.Request
		fnErr  error
		status int
		want   string
	}{
		{"forged signature", nil, func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Set(HeaderWebhookSignature, "v1,AAAA") })
		}, nil, 401, "no v1 signature matches"},
		{"stale timestamp", nil, func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Set(HeaderWebhookTimestamp, "1") })
		}, nil, 401, "webhook-timestamp"},
		{"oversize", nil, func() *http.Request {
			return signedRequest(bytes.Repeat([]byte(" "), DefaultWebhookMaxBody+1), nil)
		}, nil, 413, "too large"},
		{"not a webhook", nil, func() *http.Request { return signedRequest([]byte(`{"hello":1}`), nil) }, nil, 400, "no scope"},
		{"GET", nil, func() *http.Request { return httptest.NewRequest(http.MethodGet, "/webhooks", nil) }, nil, 405, "GET is not allowed"},
		{"fn fails", nil, func() *http.Request { return signedRequest(body, nil) }, errors.New("db down"), 500, "db down"},
		{"misconfigured", func(o *WebhookOptions) { o.ClientSecret = "" }, func() *http.Request { return signedRequest(body, nil) }, nil, 500, "set ClientSecret"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			opts := signedOpts()
			if tc.opts != nil {
				tc.opts(&opts)
			}
			var reported []error
			var statuses []int
			opts.OnError = func(r *http.Request, status int, err error) {
				reported, statuses = append(reported, err), append(statuses, status)
			}
			h := WebhookHandler(opts, func(context.Context, *WebhookEvent) error { return tc.fnErr })
			w := httptest.NewRecorder()
			h.ServeHTTP(w, tc.req())
			if w.Code != tc.status {
				t.Errorf("status %d, want %d", w.Code, tc.status)
			}
			if len(reported) != 1 || statuses[0] != tc.status {
				t.Fatalf("OnError got %v %v, want one error with status %d", reported, statuses, tc.status)
			}
			if msg := reported[0].Error(); !strings.Contains(msg, tc.want) || strings.Contains(msg, testClientSecret) {
				t.Errorf("reported %q, want it to mention %q and no secret", msg, tc.want)
			}
			if tc.fnErr != nil && !errors.Is(reported[0], tc.fnErr) {
				t.Errorf("reported error does not wrap fn's error")
			}
		})
	}
	t.Run("success reports nothing", func(t *testing.T) {
		opts := signedOpts()
		opts.OnError = func(_ *http.Request, status int, err error) { t.Errorf("OnError(%d, %v) on success", status, err) }
		w := httptest.NewRecorder()
		WebhookHandler(opts, func(context.Context, *WebhookEvent) error { return nil }).ServeHTTP(w, signedRequest(body, nil))
		if w.Code != 200 {
			t.Errorf("status %d", w.Code)
		}
	})
}

// ctxKey marks a test context, to check that hooks get the caller's.
type ctxKey struct{}

// TestObserver: each logical call reaches the observer once, with the
// caller's context, its method and path, the final status, the attempts,
// the time waited (on the fake clock, jitter off) and the error; never a
// credential or the query.
func TestObserver(t *testing.T) {
	old := jitter
	jitter = func(time.Duration) time.Duration { return 0 }
	defer func() { jitter = old }()
	cases := []struct {
		name     string
		method   string
		answers  []int // statuses in order; the last repeats
		status   int
		attempts int
		waited   time.Duration
		errIs    error
		unknown  bool
		failed   bool // the call fails with an *Error
	}{
		{name: "ok", method: "GET", answers: []int{200}, status: 200, attempts: 1},
		{name: "retried 503 then ok", method: "GET", answers: []int{503, 503, 200}, status: 200, attempts: 3},
		// Each 429 names a 1.5 s reset: the retry waits for it, then the
		// throttle holds the next attempt for its safety margin past it.
		{name: "429 waits for the reset", method: "GET", answers: []int{429, 429, 200}, status: 200, attempts: 3, waited: 3*time.Second + 2*throttleMargin},
		{name: "404", method: "GET", answers: []int{404}, status: 404, attempts: 1, errIs: ErrNotFound, failed: true},
		{name: "retries run out", method: "PUT", answers: []int{500}, status: 500, attempts: 4, failed: true},
		{name: "POST 502 unknown", method: "POST", answers: []int{502}, status: 502, attempts: 1, unknown: true, errIs: ErrOutcomeUnknown, failed: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var got []CallInfo
				var gotCtx []context.Context
				c, mt := newTestClient(t, WithRetryPolicy(RetryPolicy{MaxRetries: 3, MaxWait: 10 * time.Second}), WithObserver(func(ctx context.Context, ci CallInfo) {
					got, gotCtx = append(got, ci), append(gotCtx, ctx)
				}))
				n := 0
				mt.RegisterResponder(tc.method, testBaseURL+"/v3/widgets/5", func(*http.Request) (*http.Response, error) {
					status := tc.answers[min(n, len(tc.answers)-1)]
					n++
					resp := httpmock.NewStringResponse(status, `{"data":{}}`)
					resp.Header.Set("X-Request-Id", "rid-1")
					if status == 429 {
						resp.Header.Set("X-Rate-Limit-Time-Reset-Ms", "1500")
					}
					return resp, nil
				})
				cx := context.WithValue(t.Context(), ctxKey{}, "mine")
				req, _ := c.NewRequest(cx, tc.method, "/v3/widgets/5", &struct {
					Q string `url:"q"`
				}{"secret-query"}, nil)
				start := time.Now()
				_, err := c.Do(req, nil)
				if len(got) != 1 {
					t.Fatalf("observer called %d times, want 1", len(got))
				}
				ci := got[0]
				if gotCtx[0].Value(ctxKey{}) != "mine" {
					t.Error("observer did not get the caller's context")
				}
				if ci.Method != tc.method || ci.Path != "/v3/widgets/5" || ci.StatusCode != tc.status || ci.Attempts != tc.attempts || ci.Waited != tc.waited {
					t.Errorf("CallInfo = %+v, want %s /v3/widgets/5 status %d attempts %d waited %s", ci, tc.method, tc.status, tc.attempts, tc.waited)
				}
				if ci.RequestID != "rid-1" || !ci.Start.Equal(start) || ci.Duration != tc.waited {
					t.Errorf("CallInfo = %+v: want request id rid-1, start %s, duration %s", ci, start, tc.waited)
				}
				if ci.Err != err || tc.failed != (err != nil) {
					t.Errorf("CallInfo.Err = %v, call error %v, want %v", ci.Err, err, tc.errIs)
				}
				var e *Error
				if (tc.errIs != nil && !errors.Is(ci.Err, tc.errIs)) || (tc.failed && !errors.As(ci.Err, &e)) {
					t.Errorf("CallInfo.Err = %v, want %v", ci.Err, tc.errIs)
				}
				if ci.OutcomeUnknown != tc.unknown {
					t.Errorf("OutcomeUnknown = %v, want %v", ci.OutcomeUnknown, tc.unknown)
				}
				var buf bytes.Buffer
				slog.New(slog.NewTextHandler(&buf, nil)).Info("call", "info", ci)
				if s := buf.String(); strings.Contains(s, testToken) || strings.Contains(s, "secret-query") {
					t.Errorf("CallInfo shows a credential or the query: %s", s)
				}
			})
		})
	}
}

// TestRetryLogCarriesContext: the retry log record is made with the
// caller's context, so a handler can add its trace id.
func TestRetryLogCarriesContext(t *testing.T) {
	h := &ctxHandler{}
	c, mt := newTestClient(t, zeroWaitRetries, WithLogger(slog.New(h)))
	n := 0
	mt.RegisterResponder("GET", testBaseURL+"/v3/widgets", func(*http.Request) (*http.Response, error) {
		n++
		if n == 1 {
			return httpmock.NewStringResponse(503, ``), nil
		}
		return httpmock.NewStringResponse(200, `{}`), nil
	})
	req, _ := c.NewRequest(context.WithValue(ctx(t), ctxKey{}, "trace-7"), "GET", "/v3/widgets", nil, nil)
	if _, err := c.Do(req, nil); err != nil {
		t.Fatal(err)
	}
	retried := false
	for _, r := range h.records {
		if r.msg == "bigcommerce: retrying" {
			retried = true
		}
		if r.trace != "trace-7" {
			t.Errorf("record %q logged without the caller's context", r.msg)
		}
	}
	if !retried {
		t.Errorf("no retry record among %v", h.records)
	}
}

// ctxHandler records each log message with the ctxKey value of its context.
type ctxHandler struct {
	records []struct{ msg, trace string }
}

func (h *ctxHandler) Enabled(context.Context, slog.Level) bool { return true }
func (h *ctxHandler) Handle(ctx context.Context, r slog.Record) error {
	trace, _ := ctx.Value(ctxKey{}).(string)
	h.records = append(h.records, struct{ msg, trace string }{r.Message, trace})
	return nil
}
func (h *ctxHandler) WithAttrs([]slog.Attr) slog.Handler { return h }
func (h *ctxHandler) WithGroup(string) slog.Handler      { return h }
