package bigcommerce

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
)

const credentialsHint = "check ClientID and ClientSecret"

// TestExchangeAnswers: what Exchange says about each answer of the token
// endpoint: the credentials hint only where the answer means that, and
// outcome-unknown where the code may have been used.
func TestExchangeAnswers(t *testing.T) {
	cases := []struct {
		name     string
		answer   httpmock.Responder
		hint     string // the hint must contain this ("" for no hint at all)
		credHint bool   // the hint names ClientID and ClientSecret
		unknown  bool
		status   int
	}{
		{"invalid_client", httpmock.NewStringResponder(401, `{"error":"invalid_client"}`), "credentials were refused", true, false, 401},
		{"401 without an OAuth code", httpmock.NewStringResponder(401, ``), "refused", true, false, 401},
		{"400 without an OAuth code", httpmock.NewStringResponder(400, `{"title":"Bad"}`), "refused", true, false, 400},
		{"invalid_grant", httpmock.NewStringResponder(400, `{"error":"invalid_grant","error_description":"code expired"}`), "used up or expired", false, false, 400},
		{"invalid_scope", httpmock.NewStringResponder(400, `{"error":"invalid_scope"}`), "scope", false, false, 400},
		{"404 wrong TokenURL", httpmock.NewStringResponder(404, `<html>not found</html>`), "TokenURL", false, false, 404},
		{"422", httpmock.NewStringResponder(422, `{"title":"Unprocessable"}`), "", false, false, 422},
		{"500", httpmock.NewStringResponder(500, ``), "", false, true, 500},
		{"502", httpmock.NewStringResponder(502, `<html>Bad Gateway</html>`), "", false, true, 502},
		{"503", httpmock.NewStringResponder(503, ``), "", false, true, 503},
		{"504", httpmock.NewStringResponder(504, ``), "", false, true, 504},
		{"connection cut", httpmock.NewErrorResponder(&net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}), "", false, true, 0},
		{"2xx body cut", func(*http.Request) (*http.Response, error) { return cutBody(200), nil }, "", false, true, 0},
		{"4xx body cut", func(*http.Request) (*http.Response, error) { return cutBody(400), nil }, "", false, false, 0},
		{"2xx not JSON", httpmock.NewStringResponder(200, `<html>ok</html>`), "", false, true, 0},
		{"dial refused", httpmock.NewErrorResponder(&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}), "", false, false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app, mt := testApp(t)
			mt.RegisterResponder(http.MethodPost, testTokenURL, tc.answer)
			tok, err := app.Exchange(ctx(t), testCode, "store_v2_orders", "stores/abc123")
			if err == nil {
				t.Fatalf("no error, token %v", tok)
			}
			if n := mt.GetTotalCallCount(); n != 1 {
				t.Errorf("%d calls, want 1", n)
			}
			if got := errors.Is(err, ErrOutcomeUnknown); got != tc.unknown {
				t.Errorf("outcome unknown = %v, want %v: %v", got, tc.unknown, err)
			}
			msg := err.Error()
			if tc.unknown && !strings.Contains(msg, "used up the code") {
				t.Errorf("message does not say the code may be used: %s", msg)
			}
			if got := strings.Contains(msg, credentialsHint); got != tc.credHint {
				t.Errorf("credentials hint shown = %v, want %v: %s", got, tc.credHint, msg)
			}
			var e *Error
			if tc.status != 0 {
				if !errors.As(err, &e) || e.StatusCode != tc.status {
					t.Fatalf("err = %v, want an *Error with status %d", err, tc.status)
				}
				if (tc.hint == "") != (e.Hint == "") || !strings.Contains(e.Hint, tc.hint) {
					t.Errorf("Hint = %q, want one mentioning %q", e.Hint, tc.hint)
				}
			}
			for _, secret := range []string{testClientSecret, testCode} {
				if strings.Contains(msg, secret) {
					t.Errorf("the error shows %q: %s", secret, msg)
				}
			}
		})
	}
}

// TestExchangeRetries429Once: a 429 proves the code was not used, so the
// exchange is retried once after the wait the answer names (on the fake
// clock), and not when that wait is too long.
func TestExchangeRetries429Once(t *testing.T) {
	cases := []struct {
		name     string
		headers  map[string]string
		second   int // status of the second answer
		deadline time.Duration
		calls    int
		waited   time.Duration
		ok       bool
	}{
		{name: "Retry-After seconds", headers: map[string]string{"Retry-After": "7"}, second: 200, calls: 2, waited: 7 * time.Second, ok: true},
		{name: "reset in ms wins", headers: map[string]string{"X-Rate-Limit-Time-Reset-Ms": "1500", "Retry-After": "9"}, second: 200, calls: 2, waited: 1500 * time.Millisecond, ok: true},
		{name: "no headers: 1 s", second: 200, calls: 2, waited: time.Second, ok: true},
		{name: "second 429 is returned", headers: map[string]string{"Retry-After": "2"}, second: 429, calls: 2, waited: 2 * time.Second},
		{name: "wait past MaxExchangeRetryWait", headers: map[string]string{"Retry-After": "31"}, calls: 1},
		{name: "huge reset is clamped, not negative", headers: map[string]string{"X-Rate-Limit-Time-Reset-Ms": "9223372036854775807"}, calls: 1},
		{name: "wait past the deadline", headers: map[string]string{"Retry-After": "10"}, deadline: 5 * time.Second, calls: 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				app, mt := testApp(t)
				calls := 0
				mt.RegisterResponder(http.MethodPost, testTokenURL, func(*http.Request) (*http.Response, error) {
					calls++
					if calls == 1 || tc.second == 429 {
						resp := httpmock.NewStringResponse(429, `{"status":429,"title":"Too Many Requests"}`)
						for k, v := range tc.headers {
							resp.Header.Set(k, v)
						}
						return resp, nil
					}
					return httpmock.NewStringResponse(tc.second, tokenResponse), nil
				})
				c := context.Background()
				if tc.deadline > 0 {
					var cancel context.CancelFunc
					c, cancel = context.WithTimeout(c, tc.deadline)
					defer cancel()
				}
				start := time.Now()
				tok, err := app.Exchange(c, testCode, "store_v2_orders", "stores/abc123")
				if waited := time.Since(start); waited != tc.waited {
					t.Errorf("waited %s, want %s", waited, tc.waited)
				}
				if calls != tc.calls {
					t.Errorf("%d calls, want %d", calls, tc.calls)
				}
				if tc.ok {
					if err != nil || tok.AccessToken != testAccessToken {
						t.Fatalf("tok %v, err %v", tok, err)
					}
					return
				}
				var e *Error
				if !errors.As(err, &e) || e.StatusCode != 429 || errors.Is(err, ErrOutcomeUnknown) {
					t.Fatalf("err = %v, want the 429 (not outcome-unknown)", err)
				}
				if strings.Contains(err.Error(), credentialsHint) || !strings.Contains(e.Hint, "not used") {
					t.Errorf("hint = %q", e.Hint)
				}
			})
		})
	}
}

// TestAuthCallbackHandlerReportsErrors: the handler hands the real cause
// of each error answer to OnError (an invalid_grant behind the 502), with
// no secret in it.
func TestAuthCallbackHandlerReportsErrors(t *testing.T) {
	cases := []struct {
		name   string
		method string
		query  string
		answer httpmock.Responder
		status int
		want   string
	}{
		{"invalid_grant behind 502", http.MethodGet, "code=" + testCode + "&scope=s&context=stores%2Fabc123",
			httpmock.NewStringResponder(400, `{"error":"invalid_grant","error_description":"code `+testCode+` expired"}`), 502, "invalid_grant"},
		{"5xx behind 502", http.MethodGet, "code=" + testCode + "&scope=s&context=stores%2Fabc123",
			httpmock.NewStringResponder(503, ``), 502, "outcome unknown"},
		{"missing code", http.MethodGet, "scope=s&context=stores%2Fabc123", nil, 400, "missing code"},
		{"bad context", http.MethodGet, "code=x&scope=s&context=abc", nil, 400, "stores/{store_hash}"},
		{"POST", http.MethodPost, "", nil, 405, "POST is not allowed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app, mt := testApp(t)
			if tc.answer != nil {
				mt.RegisterResponder(http.MethodPost, testTokenURL, tc.answer)
			}
			var reported []error
			var statuses []int
			app.OnError = func(r *http.Request, status int, err error) {
				if r == nil {
					t.Error("OnError got no request")
				}
				reported, statuses = append(reported, err), append(statuses, status)
			}
			h := app.AuthCallbackHandler(func(http.ResponseWriter, *http.Request, *OAuthToken) { t.Error("onInstall called") })
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(tc.method, "/auth?"+tc.query, nil))
			if w.Code != tc.status {
				t.Errorf("status %d, want %d", w.Code, tc.status)
			}
			if len(reported) != 1 || statuses[0] != tc.status {
				t.Fatalf("OnError got %v with %v, want one error with status %d", reported, statuses, tc.status)
			}
			msg := reported[0].Error()
			if !strings.Contains(msg, tc.want) {
				t.Errorf("reported %q, want it to mention %q", msg, tc.want)
			}
			if strings.Contains(msg, testClientSecret) || strings.Contains(msg, testCode) {
				t.Errorf("reported error shows a secret: %s", msg)
			}
			if strings.Contains(w.Body.String(), tc.want) && tc.status == 502 {
				t.Errorf("the answer itself reveals the cause: %q", w.Body.String())
			}
		})
	}
}

// TestCallbackHandlerReportsErrors: a forged load callback is reported with
// the reason verification failed.
func TestCallbackHandlerReportsErrors(t *testing.T) {
	app, _ := testApp(t)
	var got error
	var status int
	app.OnError = func(_ *http.Request, s int, err error) { status, got = s, err }
	h := app.LoadHandler(func(http.ResponseWriter, *http.Request, *SignedPayload) { t.Error("fn called") })
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/load?signed_payload_jwt=a.b.c", nil))
	if w.Code != 401 || status != 401 || !errors.Is(got, ErrInvalidSignature) {
		t.Errorf("answer %d, reported %d %v; want 401 and an ErrInvalidSignature", w.Code, status, got)
	}
	w = httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/load", nil))
	if w.Code != 400 || status != 400 || got == nil || !strings.Contains(got.Error(), "signed_payload") {
		t.Errorf("answer %d, reported %d %v; want 400 naming the missing parameter", w.Code, status, got)
	}
}
