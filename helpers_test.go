package bigcommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/shopspring/decimal"
)

// testBaseURL is where newTestClient's requests go.
const testBaseURL = "https://api.bigcommerce.com/stores/abc123"

// testToken is the access token test clients send.
const testToken = "test-token-5ecret"

// newTestClient returns a Client whose requests go to a per-test httpmock
// transport (never the global one), with retries off unless opts say
// otherwise. Unmatched requests fail the test through httpmock's error.
func newTestClient(t *testing.T, opts ...Option) (*Client, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	// Count unmatched requests too, so GetTotalCallCount proves "nothing
	// was sent" even for paths no responder was registered for.
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		return httpmock.NewStringResponse(http.StatusNotFound, `{"status":404,"title":"no responder for `+req.Method+` `+req.URL.Path+`"}`), nil
	})
	base := []Option{WithHTTPClient(&http.Client{Transport: mt}), WithRetryPolicy(RetryPolicy{})}
	c, err := NewClient("abc123", TokenAuth{AccessToken: testToken}, append(base, opts...)...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c, mt
}

// captured is one request a recorder saw.
type captured struct {
	Method string
	Path   string // below the base URL, e.g. "/v3/customers"
	Query  url.Values
	Raw    string // raw query string as sent
	Header http.Header
	Body   []byte
}

// recorder answers requests for one method and path and keeps them.
type recorder struct {
	mu   sync.Mutex
	reqs []captured
}

// count returns how many requests were seen.
func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.reqs)
}

// last returns the most recent request, failing the test if there is none.
func (r *recorder) last(t *testing.T) captured {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.reqs) == 0 {
		t.Fatal("no request was sent")
	}
	return r.reqs[len(r.reqs)-1]
}

// all returns every request seen, in order.
func (r *recorder) all() []captured {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]captured(nil), r.reqs...)
}

// record stores req (reading its body) and returns the capture.
func (r *recorder) record(req *http.Request) captured {
	var body []byte
	if req.Body != nil {
		body, _ = io.ReadAll(req.Body)
	}
	c := captured{
		Method: req.Method,
		Path:   req.URL.Path[len("/stores/abc123"):],
		Query:  req.URL.Query(),
		Raw:    req.URL.RawQuery,
		Header: req.Header.Clone(),
		Body:   body,
	}
	r.mu.Lock()
	r.reqs = append(r.reqs, c)
	r.mu.Unlock()
	return c
}

// mockJSON registers a responder for method and path (below the base URL,
// any query) answering status with body as JSON, and returns its recorder.
func mockJSON(mt *httpmock.MockTransport, method, path string, status int, body []byte) *recorder {
	rec := &recorder{}
	mt.RegisterResponder(method, testBaseURL+path, func(req *http.Request) (*http.Response, error) {
		rec.record(req)
		resp := httpmock.NewBytesResponse(status, body)
		if len(body) > 0 {
			resp.Header.Set("Content-Type", "application/json")
		}
		return resp, nil
	})
	return rec
}

// mockFunc registers fn as the responder for method and path and returns
// its recorder; fn sees each request after it is recorded.
func mockFunc(mt *httpmock.MockTransport, method, path string, fn func(captured) (*http.Response, error)) *recorder {
	rec := &recorder{}
	mt.RegisterResponder(method, testBaseURL+path, func(req *http.Request) (*http.Response, error) {
		return fn(rec.record(req))
	})
	return rec
}

// byPage returns the requests sorted by their page parameter: All fetches
// V3 pages ahead concurrently, so they may arrive in any order.
func byPage(reqs []captured) []captured {
	out := slices.Clone(reqs)
	sort.SliceStable(out, func(i, j int) bool {
		a, _ := strconv.Atoi(out[i].Query.Get("page"))
		b, _ := strconv.Atoi(out[j].Query.Get("page"))
		return a < b
	})
	return out
}

// fixture reads testdata/<name>.
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("fixture: %v", err)
	}
	return b
}

// assertJSONBody checks that a request body equals want as JSON (key order
// and spacing ignored).
func assertJSONBody(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("request body is not JSON: %v: %s", err, got)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("bad expectation: %v", err)
	}
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	if !bytes.Equal(gb, wb) {
		t.Errorf("request body\n got: %s\nwant: %s", gb, wb)
	}
}

// assertStandardHeaders checks the headers every request must carry.
func assertStandardHeaders(t *testing.T, c captured) {
	t.Helper()
	if got := c.Header.Get("X-Auth-Token"); got != testToken {
		t.Errorf("X-Auth-Token = %q, want the test token", got)
	}
	if got := c.Header.Get("Accept"); got != "application/json" {
		t.Errorf("Accept = %q, want application/json", got)
	}
	if len(c.Body) > 0 && c.Header.Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type = %q on a request with a body", c.Header.Get("Content-Type"))
	}
}

// assertNothingSent fails the test if the transport saw any request.
func assertNothingSent(t *testing.T, mt *httpmock.MockTransport) {
	t.Helper()
	if n := mt.GetTotalCallCount(); n != 0 {
		t.Errorf("%d requests were sent, want none", n)
	}
}

// assertValidation checks that err is a *ValidationError mentioning every
// one of wants.
func assertValidation(t *testing.T, err error, wants ...string) {
	t.Helper()
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("error = %v (%T), want *ValidationError", err, err)
	}
	if !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("errors.Is(err, ErrInvalidRequest) = false")
	}
	for _, w := range wants {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not mention %q", err, w)
		}
	}
}

// assertQuery checks the exact query string a filter encodes to (the
// golden tests of every filter).
func assertQuery(t *testing.T, filter any, want string) {
	t.Helper()
	got, err := encodeQuery(filter)
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("encoded query\n got: %s\nwant: %s", got, want)
	}
}

// dec parses a decimal for test expectations.
func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// assertDec fails unless got equals want numerically ("225.0000" == "225").
func assertDec(t *testing.T, name string, got decimal.Decimal, want string) {
	t.Helper()
	if !got.Equal(dec(want)) {
		t.Errorf("%s = %s, want %s", name, got, want)
	}
}

// ctx returns a test context.
func ctx(t *testing.T) context.Context { return t.Context() }
