package bigcommerce

import (
	"errors"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
)

// endlessBody yields 'a' forever and counts what was read.
type endlessBody struct{ read int64 }

func (b *endlessBody) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	b.read += int64(len(p))
	return len(p), nil
}
func (b *endlessBody) Close() error { return nil }

// TestResponseSizeLimit: a 2xx body over the limit is an error naming
// WithMaxResponseBytes, read no further than the limit, never retried; a
// POST so answered is also outcome-unknown.
func TestResponseSizeLimit(t *testing.T) {
	cases := []struct {
		name     string
		opts     []Option
		method   string
		length   int64 // announced Content-Length, -1 for none
		maxRead  int64 // most bytes the client may read
		limitMsg string
	}{
		{"endless body, small limit", []Option{WithMaxResponseBytes(1000)}, "GET", -1, 1000 + 1 + 32<<10, "1000-byte limit"},
		{"announced length over the default", nil, "GET", DefaultMaxResponseBytes + 1, 0, "67108864-byte limit"},
		{"POST over the limit", []Option{WithMaxResponseBytes(10)}, "POST", -1, 10 + 1 + 32<<10, "10-byte limit"},
		{"limit equal to the error-body cap", []Option{WithMaxResponseBytes(maxErrorBody)}, "GET", -1, maxErrorBody + 1 + 32<<10, "65536-byte limit"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t, append([]Option{zeroWaitRetries}, tc.opts...)...)
			body := &endlessBody{}
			rec := mockFunc(mt, tc.method, "/v3/big", func(captured) (*http.Response, error) {
				return &http.Response{StatusCode: 200, Header: http.Header{}, Body: body, ContentLength: tc.length}, nil
			})
			req, _ := c.NewRequest(ctx(t), tc.method, "/v3/big", nil, nil)
			_, err := c.Do(req, &struct{}{})
			if !errors.Is(err, ErrResponseTooLarge) {
				t.Fatalf("err = %v, want ErrResponseTooLarge", err)
			}
			if msg := err.Error(); !strings.Contains(msg, "WithMaxResponseBytes") || !strings.Contains(msg, tc.limitMsg) ||
				!strings.HasPrefix(msg, "bigcommerce: "+tc.method+" /v3/big: response body too large") {
				t.Errorf("message %q does not name the option and its limit", msg)
			}
			if body.read > tc.maxRead {
				t.Errorf("read %d bytes, want at most %d", body.read, tc.maxRead)
			}
			if rec.count() != 1 {
				t.Errorf("%d attempts: a too-large answer must not be retried", rec.count())
			}
			if got := errors.Is(err, ErrOutcomeUnknown); got != (tc.method == "POST") {
				t.Errorf("outcome unknown = %v for %s", got, tc.method)
			}
		})
	}
	t.Run("at the limit is fine", func(t *testing.T) {
		c, mt := newTestClient(t, WithMaxResponseBytes(int64(len(`{"id":12}`))))
		mockJSON(mt, "GET", "/v3/small", 200, []byte(`{"id":12}`))
		var v struct{ ID int }
		req, _ := c.NewRequest(ctx(t), "GET", "/v3/small", nil, nil)
		if _, err := c.Do(req, &v); err != nil || v.ID != 12 {
			t.Errorf("v %+v err %v", v, err)
		}
	})
	t.Run("bad option", func(t *testing.T) {
		for _, n := range []int64{0, -1} {
			if _, err := NewClient("abc123", TokenAuth{AccessToken: "t"}, WithMaxResponseBytes(n)); !errors.Is(err, ErrInvalidRequest) || !strings.Contains(err.Error(), "WithMaxResponseBytes") {
				t.Errorf("WithMaxResponseBytes(%d): %v", n, err)
			}
		}
	})
}

// nestedErrorBody is a V3 error body whose errors list nests depth deep,
// each level opening with prefix.
func nestedErrorBody(prefix string, depth int) string {
	return strings.Repeat(prefix+`"errors":[`, depth) + strings.Repeat(`]}`, depth)
}

// TestErrorBodyDecodingIsLinear: an error body of 64 KiB nested thousands
// deep decodes with allocations proportional to its size (it used to take
// 1.75 GB), and what a real nested body says is still read.
func TestErrorBodyDecodingIsLinear(t *testing.T) {
	for _, tc := range []struct {
		prefix, title string
		depth         int
	}{
		{`{"title":"t",`, "t", 100},
		{`{"title":"t",`, "t", 1000},
		{`{"title":"t",`, "t", 2600},
		{`{`, "Unprocessable Entity", 4900}, // 64 KiB, 4,900 deep: the body
	} {
		depth := tc.depth
		body := nestedErrorBody(tc.prefix, depth)
		if len(body) > maxErrorBody {
			t.Fatalf("test body of %d bytes is over the %d kept", len(body), maxErrorBody)
		}
		resp := &http.Response{StatusCode: 422, Header: http.Header{}}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		e := decodeError(resp, []byte(body), "POST", "/v3/x")
		_ = e.Error()
		runtime.ReadMemStats(&after)
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > uint64(64*len(body))+1<<20 {
			t.Errorf("depth %d (%d bytes): allocated %d bytes, want O(size)", depth, len(body), alloc)
		}
		if e.Title != tc.title {
			t.Errorf("depth %d: Title = %q", depth, e.Title)
		}
	}
	t.Run("through the client", func(t *testing.T) {
		c, mt := newTestClient(t)
		body := nestedErrorBody("{", 4900) // about 64 KiB, the most kept
		mockJSON(mt, "GET", "/v3/x", 400, []byte(body))
		req, _ := c.NewRequest(ctx(t), "GET", "/v3/x", nil, nil)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := c.Do(req, nil)
		runtime.ReadMemStats(&after)
		if !errors.Is(err, ErrUnprocessable) {
			t.Errorf("err = %v", err)
		}
		if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 16<<20 {
			t.Errorf("allocated %d bytes for a %d-byte error body", alloc, len(body))
		}
	})
	t.Run("shallow nesting still read", func(t *testing.T) {
		e := decodeError(&http.Response{StatusCode: 422, Header: http.Header{}},
			[]byte(`{"title":"Invalid","errors":[{"title":"a","errors":[{"title":"b","errors":{"sku":"taken"}}]}]}`), "PUT", "/v3/x")
		if strings.Join(e.Messages, "|") != "a|b" || e.Fields["sku"] != "taken" {
			t.Errorf("Messages %q Fields %v", e.Messages, e.Fields)
		}
	})
}

// TestHeaderNumbersClamped: header numbers too large for a duration are
// clamped, never turned negative.
func TestHeaderNumbersClamped(t *testing.T) {
	cases := []struct {
		header, value string
		want          time.Duration
		ok            bool
	}{
		{headerReset, "9223372036854775807", maxHeaderWait, true},
		{headerReset, "99999999999999999999999999", maxHeaderWait, true},
		{headerReset, "86400001", maxHeaderWait, true},
		{headerReset, "1500", 1500 * time.Millisecond, true},
		{headerReset, "0", 0, true},
		{headerReset, "-5", 0, false},
		{headerReset, "", 0, false},
		{headerReset, "1e3", 0, false},
		{headerWindow, "9223372036854775807", maxHeaderWait, true},
	}
	for _, tc := range cases {
		h := http.Header{tc.header: {tc.value}}
		got, ok := headerMillis(h, tc.header)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: %q = %s, %v; want %s, %v", tc.header, tc.value, got, ok, tc.want, tc.ok)
		}
		rl, _ := parseRateLimit(h)
		if rl.ResetIn < 0 || rl.Window < 0 {
			t.Errorf("%s: %q: negative snapshot %+v", tc.header, tc.value, rl)
		}
	}
	future := time.Now().Add(1000 * 24 * time.Hour).UTC().Format(http.TimeFormat)
	for _, tc := range []struct {
		value string
		want  time.Duration
	}{
		{"9223372036854775807", maxHeaderWait},
		{"86401", maxHeaderWait},
		{"3", 3 * time.Second},
		{future, maxHeaderWait},
		{"Mon, 02 Jan 2006 15:04:05 GMT", 0},
	} {
		got, ok := retryAfter(http.Header{"Retry-After": {tc.value}})
		if !ok || got != tc.want {
			t.Errorf("Retry-After %q = %s, %v; want %s", tc.value, got, ok, tc.want)
		}
	}
}

// TestHugeResetFailsFast: a 429 whose reset header would overflow gives a
// *RateLimitError at once with a long wait, not a negative wait and three
// immediate retries.
func TestHugeResetFailsFast(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newTestClient(t, WithRetryPolicy(DefaultRetryPolicy()))
		rec := mockFunc(mt, "GET", "/v3/x", func(captured) (*http.Response, error) {
			resp := httpmock.NewStringResponse(429, ``)
			resp.Header.Set(headerReset, "9223372036854775807")
			resp.Header.Set(headerLeft, "0")
			return resp, nil
		})
		req, _ := c.NewRequest(t.Context(), "GET", "/v3/x", nil, nil)
		start := time.Now()
		_, err := c.Do(req, nil)
		var rle *RateLimitError
		if !errors.As(err, &rle) || rle.RetryAfter != maxHeaderWait {
			t.Fatalf("err = %v, want a *RateLimitError with RetryAfter %s", err, maxHeaderWait)
		}
		if rec.count() != 1 || time.Since(start) != 0 {
			t.Errorf("%d attempts over %s, want 1 at once", rec.count(), time.Since(start))
		}
		if rl, _ := c.Rate(); rl.ResetIn < 0 {
			t.Errorf("snapshot ResetIn %s", rl.ResetIn)
		}
	})
}

// TestEmptyPageIsAnError: a V3 list answer with no body, or with no data
// where its meta says records remain, is an error, never an empty page.
func TestEmptyPageIsAnError(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		fails  bool
	}{
		{"empty 200 body", 200, ``, true},
		{"whitespace body", 200, " \n", true},
		{"data null, count 5", 200, `{"data":null,"meta":{"pagination":{"total":5,"count":5,"per_page":250,"current_page":1,"total_pages":1}}}`, true},
		{"data missing, more pages", 200, `{"meta":{"pagination":{"total":600,"count":0,"per_page":250,"current_page":1,"total_pages":3}}}`, true},
		{"data empty, count 2", 200, `{"data":[],"meta":{"pagination":{"total":2,"count":2,"per_page":250,"current_page":1,"total_pages":1}}}`, true},
		{"cursor: data null, next link", 200, `{"data":null,"meta":{"cursor_pagination":{"count":0,"per_page":50,"links":{"next":"?after=abc"}}}}`, true},
		{"truly empty list", 200, `{"data":[],"meta":{"pagination":{"total":0,"count":0,"per_page":250,"current_page":1,"total_pages":0}}}`, false},
		{"data null on an empty list", 200, `{"data":null,"meta":{"pagination":{"total":0,"count":0,"per_page":250,"current_page":1,"total_pages":1}}}`, false},
		{"past the last page", 200, `{"data":[],"meta":{"pagination":{"total":3,"count":0,"per_page":250,"current_page":2,"total_pages":1}}}`, false},
		{"204", 204, ``, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			mockJSON(mt, "GET", "/v3/customers/addresses", tc.status, []byte(tc.body))
			got, _, err := c.Customers.ListAddresses(ctx(t), nil)
			if !tc.fails {
				if err != nil || len(got) != 0 {
					t.Errorf("got %v, %v; want an empty page", got, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("got %v with no error, want an error", got)
			}
			if !strings.Contains(err.Error(), "not empty") || !strings.Contains(err.Error(), "/v3/customers/addresses") {
				t.Errorf("message %q", err)
			}
		})
	}
	t.Run("a walk yields the error", func(t *testing.T) {
		c, mt := newTestClient(t, WithMaxConcurrency(1))
		mt.RegisterResponder("GET", testBaseURL+"/v3/customers/addresses", func(r *http.Request) (*http.Response, error) {
			if r.URL.Query().Get("page") == "2" {
				return httpmock.NewStringResponse(200, `{"data":null,"meta":{"pagination":{"total":3,"count":1,"per_page":2,"current_page":2,"total_pages":2}}}`), nil
			}
			return httpmock.NewStringResponse(200, `{"data":[{"id":1},{"id":2}],"meta":{"pagination":{"total":3,"count":2,"per_page":2,"current_page":1,"total_pages":2}}}`), nil
		})
		n, failed := 0, false
		for _, err := range c.Customers.AllAddresses(ctx(t), &AddressFilter{Limit: 2}) {
			if err != nil {
				failed = true
				break
			}
			n++
		}
		if !failed || n != 2 {
			t.Errorf("walk yielded %d items, failed %v; want 2 then an error", n, failed)
		}
	})
}
