package bigcommerce

// Tests pinning behaviour that mutation testing (scripts/mutation.sh) found
// unguarded in errors.go, batch.go and the retry rules of ratelimit.go.

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// TestPinErrorText pins the exact message of each error type: status,
// title, detail, further messages, sorted field errors, hint, request id.
func TestPinErrorText(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"everything", &Error{StatusCode: 422, Method: "POST", Path: "/v3/customers", Title: "Invalid", Detail: "see errors",
			Messages: []string{"Invalid", "second"}, Fields: map[string]string{"b": "y", "a": "x"}, Hint: "Fix it", RequestID: "r1"},
			"bigcommerce: POST /v3/customers: 422 Invalid: see errors; second (a: x; b: y). Fix it [request id r1]"},
		{"no request", &Error{StatusCode: 500, Title: "Internal Server Error"}, "bigcommerce: 500 Internal Server Error"},
		{"detail equal to title", &Error{StatusCode: 404, Method: "GET", Path: "/v2/orders/1", Title: "Gone", Detail: "Gone"}, "bigcommerce: GET /v2/orders/1: 404 Gone"},
		{"messages without title", &Error{StatusCode: 400, Method: "GET", Path: "/x", Messages: []string{"a", "b"}}, "bigcommerce: GET /x: 400; a; b"},
		{"one field", &Error{StatusCode: 409, Method: "PUT", Path: "/x", Title: "Conflict", Fields: map[string]string{"sku": "taken"}}, "bigcommerce: PUT /x: 409 Conflict (sku: taken)"},
		{"rate limit without answer", &RateLimitError{RetryAfter: 1500 * time.Millisecond}, "bigcommerce: rate limit reached; quota refreshes in 1.5s: retry later or lower the request rate"},
		{"rate limit with answer", &RateLimitError{Err: &Error{StatusCode: 429, Method: "GET", Path: "/x", Title: "Too Many Requests"}, RetryAfter: 2 * time.Second},
			"bigcommerce: GET /x: 429 Too Many Requests; quota refreshes in 2s: retry later or lower the request rate"},
		{"multi-status", &MultiStatusError{Method: "PUT", Path: "/v3/p", Errors: []*Error{{StatusCode: 422, Title: "a"}, {StatusCode: 409, Title: "b"}}},
			"bigcommerce: PUT /v3/p: 207 partially saved: 422 a; 409 b"},
		{"batch failed only", &BatchError{Total: 3, Failures: []BatchFailure{{Index: 1, Err: errors.New("bigcommerce: bad")}}},
			"bigcommerce: 1 of 3 items failed; item 1: bad"},
		{"batch unknown only", &BatchError{Total: 2, Unknown: []BatchFailure{{Index: 0, Err: errors.New("cut")}}},
			"bigcommerce: 1 of 2 items have an unknown outcome (they may have been written: check before resending them); item 0: cut"},
		{"batch both", &BatchError{Total: 4, Failures: []BatchFailure{{Index: 3, Err: errors.New("x")}}, Unknown: []BatchFailure{{Index: 0, Err: errors.New("y")}}},
			"bigcommerce: 1 of 4 items failed; item 3: x; 1 of 4 items have an unknown outcome (they may have been written: check before resending them); item 0: y"},
		{"batch over five", &BatchError{Total: 7, Failures: []BatchFailure{{0, errors.New("e")}, {1, errors.New("e")}, {2, errors.New("e")}, {3, errors.New("e")}, {4, errors.New("e")}, {5, errors.New("e")}, {6, errors.New("e")}}},
			"bigcommerce: 7 of 7 items failed; item 0: e; item 1: e; item 2: e; item 3: e; item 4: e; and 2 more"},
		{"validation", &ValidationError{Op: "Orders.List", Message: "limit must be 1 to 250"}, "bigcommerce: Orders.List: limit must be 1 to 250 (nothing was sent)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error()\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

// TestPinErrorBodies pins how the error shapes become messages and fields:
// several titles in one errors array, several V2 messages, array-valued
// field errors, batch_errors by index.
func TestPinErrorBodies(t *testing.T) {
	cases := []struct {
		name, body string
		status     int
		want       string
	}{
		{"several titles in one errors array", `{"status":422,"title":"Bad","errors":[{"title":"one"},{"title":"two"},{"message":"three"}]}`, 422,
			"bigcommerce: POST /v3/x: 422 Bad; one; two; three"},
		{"several V2 messages", `[{"status":400,"message":"first"},{"status":400,"message":"second","details":{"invalid_reason":"x"}}]`, 400,
			"bigcommerce: POST /v3/x: 400 first; second (invalid_reason: x)"},
		{"array-valued field errors", `{"title":"Invalid","errors":{"name":["too short","has spaces"],"price":"must be >= 0","n":3}}`, 422,
			`bigcommerce: POST /v3/x: 422 Invalid (n: 3; name: ["too short","has spaces"]; price: must be >= 0)`},
		{"batch_errors by index", `{"title":"Some failed","batch_errors":[{"title":"row 0","errors":{"email":"taken"}},{"title":"row 1","errors":{"sku":"dup"}}]}`, 422,
			"bigcommerce: POST /v3/x: 422 Some failed; row 0; row 1 (0.email: taken; 1.sku: dup)"},
		{"string errors", `{"title":"T","errors":"plain words"}`, 422, "bigcommerce: POST /v3/x: 422 T; plain words"},
		{"field values compacted", `{"title":"T","errors":{"name": [ "a",  "b" ], "n": { "min" : 1 }}}`, 422, `bigcommerce: POST /v3/x: 422 T (n: {"min":1}; name: ["a","b"])`},
		{"list items of every kind", `{"title":"T","errors":[null, "x", 3, ["y"], {"detail":"z"}]}`, 422, `bigcommerce: POST /v3/x: 422 T; x; 3; ["y"]; z`},
		{"nested lists followed four deep", `{"title":"T","errors":[{"title":"L1","errors":[{"title":"L2","errors":[{"title":"L3","errors":[{"title":"L4","errors":[{"title":"L5"}]}]}]}]}]}`, 422,
			"bigcommerce: POST /v3/x: 422 T; L1; L2; L3; L4"},
		{"unreadable batch_errors entry skipped", `{"title":"T","batch_errors":[1,{"title":"row 1","errors":{"sku":"dup"}}]}`, 422, "bigcommerce: POST /v3/x: 422 T; row 1 (1.sku: dup)"},
		{"message as title", `{"message":"went wrong"}`, 500, "bigcommerce: POST /v3/x: 500 went wrong"},
		{"html page", `<html>oops</html>`, 502, "bigcommerce: POST /v3/x: 502 Bad Gateway"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := &http.Response{StatusCode: tc.status, Header: http.Header{}}
			if got := decodeError(resp, []byte(tc.body), "POST", "/v3/x").Error(); got != tc.want {
				t.Errorf("Error()\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
	t.Run("request id header", func(t *testing.T) {
		resp := &http.Response{StatusCode: 404, Header: http.Header{"X-Request-Id": {"abc-1"}}}
		if e := decodeError(resp, nil, "GET", "/x"); e.RequestID != "abc-1" || e.Error() != "bigcommerce: GET /x: 404 Not Found [request id abc-1]" {
			t.Errorf("%q %q", e.RequestID, e.Error())
		}
	})
}

// TestPinItemErrorsDoNotStopOtherChunks: an error about a chunk's items
// (its own *BatchError, a 207, a 400/404/409/413/422) leaves the other
// chunks to be sent; any other error stops the chunks after it.
func TestPinItemErrorsDoNotStopOtherChunks(t *testing.T) {
	itemLevelErrs := map[string]error{
		"chunk BatchError": &BatchError{Total: 2, Failures: []BatchFailure{{Index: 1, Err: errors.New("bad")}}},
		"207":              &MultiStatusError{Errors: []*Error{{StatusCode: 422}}},
		"400":              &Error{StatusCode: 400},
		"404":              &Error{StatusCode: 404},
		"409":              &Error{StatusCode: 409},
		"413":              &Error{StatusCode: 413},
		"422":              &Error{StatusCode: 422},
	}
	for name, chunkErr := range itemLevelErrs {
		t.Run(name, func(t *testing.T) {
			sent := 0
			_, _, err := batch(context.Background(), make([]int, 8), 2, 1, func(_ context.Context, chunk []int) ([]int, *Response, error) {
				sent++
				if sent == 1 {
					return nil, &Response{}, chunkErr
				}
				return chunk, &Response{}, nil
			})
			if sent != 4 {
				t.Errorf("%d chunks sent, want all 4", sent)
			}
			var be *BatchError
			if !errors.As(err, &be) || len(be.Failures) == 0 || be.Failures[0].Index > 1 {
				t.Errorf("err = %v", err)
			}
		})
	}
	for name, stopErr := range map[string]error{"401": &Error{StatusCode: 401}, "403": &Error{StatusCode: 403}, "429": &RateLimitError{}, "500": &Error{StatusCode: 500}, "transport": errors.New("reset")} {
		t.Run("stops after "+name, func(t *testing.T) {
			sent := 0
			_, _, err := batch(context.Background(), make([]int, 8), 2, 1, func(_ context.Context, chunk []int) ([]int, *Response, error) {
				sent++
				return nil, &Response{}, stopErr
			})
			var be *BatchError
			if sent != 1 || !errors.As(err, &be) || len(be.Failures) != 8 {
				t.Errorf("%d chunks sent, err %v; want 1 chunk and 8 failures", sent, err)
			}
		})
	}
}

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

// TestPinRateHeaderValues: zero is a value (Requests-Left: 0 means none
// left), a header present without a value is absent, odd-case keys count.
func TestPinRateHeaderValues(t *testing.T) {
	cases := []struct {
		name string
		h    http.Header
		want RateLimit
		ok   bool
	}{
		{"Requests-Left 0", http.Header{"X-Rate-Limit-Requests-Left": {"0"}}, RateLimit{}, true},
		{"Reset 0", http.Header{"X-Rate-Limit-Time-Reset-Ms": {"0"}}, RateLimit{}, true},
		{"Quota only", http.Header{"X-Rate-Limit-Requests-Quota": {"150"}}, RateLimit{Quota: 150}, true},
		{"Window only", http.Header{"X-Rate-Limit-Time-Window-Ms": {"30000"}}, RateLimit{Window: 30 * time.Second}, true},
		{"present without value", http.Header{"X-Rate-Limit-Requests-Left": {""}}, RateLimit{}, false},
		{"odd case without values", http.Header{"x-rate-limit-requests-left": {}}, RateLimit{}, false},
		{"odd case with value", http.Header{"x-rate-limit-requests-left": {"7"}}, RateLimit{Remaining: 7}, true},
		{"spaces around", http.Header{"X-Rate-Limit-Requests-Left": {" 3 "}}, RateLimit{Remaining: 3}, true},
		{"negative", http.Header{"X-Rate-Limit-Requests-Left": {"-1"}}, RateLimit{}, false},
		{"negative beyond int", http.Header{"X-Rate-Limit-Requests-Left": {"-99999999999999999999"}}, RateLimit{}, false},
		{"positive beyond int", http.Header{"X-Rate-Limit-Requests-Left": {"99999999999999999999"}}, RateLimit{Remaining: math.MaxInt}, true},
	}
	for _, tc := range cases {
		got, ok := parseRateLimit(tc.h)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: parseRateLimit = %+v, %v; want %+v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
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

// TestPinChunkUnknownShifted: a chunk's own *BatchError with unknown items
// is shifted to input indexes like its failures.
func TestPinChunkUnknownShifted(t *testing.T) {
	_, _, err := batch(context.Background(), make([]int, 6), 3, 1, func(_ context.Context, chunk []int) ([]int, *Response, error) {
		return nil, &Response{}, &BatchError{Total: 3, Failures: []BatchFailure{{Index: 0, Err: errors.New("bad")}}, Unknown: []BatchFailure{{Index: 2, Err: errors.New("cut")}}}
	})
	var be *BatchError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v", err)
	}
	if got, want := be.FailedIndexes(), []int{0, 3}; !slices.Equal(got, want) {
		t.Errorf("FailedIndexes = %v, want %v", got, want)
	}
	if got, want := be.UnknownIndexes(), []int{2, 5}; !slices.Equal(got, want) {
		t.Errorf("UnknownIndexes = %v, want %v", got, want)
	}
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

// pinPages is a fetch for walkPages over a collection of size(): pages of
// f.Limit items with ids from 1, and meta (when meta says so) naming the
// page and the number of pages at the time each page is served.
func pinPages(size func(page int) int, meta func(page int) bool, requested *[]int, mu *sync.Mutex) func(context.Context, *ListOptions) ([]thing, *Response, error) {
	return func(_ context.Context, f *ListOptions) ([]thing, *Response, error) {
		mu.Lock()
		defer mu.Unlock()
		*requested = append(*requested, f.Page)
		total := size(f.Page)
		var items []thing
		for id := (f.Page-1)*f.Limit + 1; id <= min(f.Page*f.Limit, total); id++ {
			items = append(items, thing{ID: id})
		}
		resp := &Response{}
		if meta(f.Page) {
			resp.Pagination = &Pagination{Total: total, Count: len(items), PerPage: f.Limit, CurrentPage: f.Page, TotalPages: (total + f.Limit - 1) / f.Limit}
		}
		return items, resp, nil
	}
}

// ifElse returns a when cond holds, else b.
func ifElse(cond bool, a, b int) int {
	if cond {
		return a
	}
	return b
}

// TestPinWalkAheadCollectionChanges: a concurrent walk follows a collection
// that grows under it (a later page names more pages), stops at the first
// empty page of one that shrank, and reads pages that come without meta.
func TestPinWalkAheadCollectionChanges(t *testing.T) {
	always := func(int) bool { return true }
	cases := []struct {
		name      string
		size      func(served, page int) int // collection size when page is served after served others
		meta      func(page int) bool
		wantItems int
		wantPages int
		zeroMeta  bool // pages without meta carry an empty one (total_pages 0)
	}{
		{"grows from 30 to 45 after page 1", func(served, _ int) int { return ifElse(served == 0, 30, 45) }, always, 45, 5, false},
		{"grows by a page the last page in flight shows", func(_, page int) int { return ifElse(page < 3, 30, 35) }, always, 35, 4, false},
		{"shrinks from 50 to 20 after page 1", func(served, _ int) int { return ifElse(served == 0, 50, 20) }, always, 20, 5, false},
		{"pages after the first without meta", func(int, int) int { return 30 }, func(page int) bool { return page == 1 }, 30, 4, false},
		{"grows by a page, later pages without meta", func(served, _ int) int { return ifElse(served == 0, 30, 35) }, func(page int) bool { return page == 1 }, 35, 4, false},
		{"grows by two pages, later pages without meta", func(served, _ int) int { return ifElse(served == 0, 30, 50) }, func(page int) bool { return page == 1 }, 50, 6, false},
		{"grows by a page, later pages with zero meta", func(served, _ int) int { return ifElse(served == 0, 30, 35) }, func(page int) bool { return page == 1 }, 35, 4, true},
		{"zero meta on every page (as V2 pages carry)", func(int, int) int { return 25 }, func(int) bool { return false }, 25, 3, true},
		{"no meta at all: pages in turn until a short one", func(int, int) int { return 25 }, func(int) bool { return false }, 25, 3, false},
		{"unchanged", func(int, int) int { return 30 }, always, 30, 3, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			var requested []int
			served := 0
			size := func(page int) int { n := tc.size(served, page); served++; return n }
			fetch := pinPages(size, tc.meta, &requested, &mu)
			if tc.zeroMeta {
				inner := fetch
				fetch = func(ctx context.Context, f *ListOptions) ([]thing, *Response, error) {
					items, resp, err := inner(ctx, f)
					if resp.Pagination == nil {
						resp.Pagination = &Pagination{}
					}
					return items, resp, err
				}
			}
			ids, err := collect(t, walkPages[thing, ListOptions, *ListOptions](context.Background(), 3, &ListOptions{Limit: 10}, MaxPageSize, fetch))
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) != tc.wantItems {
				t.Errorf("%d items, want %d", len(ids), tc.wantItems)
			}
			for i, id := range ids {
				if id != i+1 {
					t.Fatalf("item %d has id %d: out of order or repeated", i, id)
				}
			}
			if len(requested) > tc.wantPages {
				t.Errorf("pages requested %v, want at most %d", requested, tc.wantPages)
			}
		})
	}
}

// TestPinWalkConfirmsMetaLessEnd: when only one page is left, or the walk
// fetches one page at a time, the pages are fetched in turn, and a full
// page without meta is followed by one more request: a collection that grew
// under the walk is read to its end. (Fetched ahead, the same rule holds
// for the last page known; see TestPinWalkAheadCollectionChanges.)
func TestPinWalkConfirmsMetaLessEnd(t *testing.T) {
	cases := []struct {
		name        string
		depth       int
		first, then int // collection size for page 1, then for the others
		wantItems   int
	}{
		{"two pages, depth 3", 3, 20, 25, 25},
		{"three pages, depth 1", 1, 30, 35, 35},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			var requested []int
			served := 0
			size := func(int) int {
				served++
				if served == 1 {
					return tc.first
				}
				return tc.then
			}
			ids, err := collect(t, walkPages[thing, ListOptions, *ListOptions](context.Background(), tc.depth, &ListOptions{Limit: 10}, MaxPageSize,
				pinPages(size, func(page int) bool { return page == 1 }, &requested, &mu)))
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) != tc.wantItems {
				t.Errorf("%d items after pages %v, want %d", len(ids), requested, tc.wantItems)
			}
		})
	}
}

// TestPinCheckIDs: a page of an id walk is refused when an id is below the
// range asked for, above it, or not above the id before it (a repeat, or a
// page out of order); an open range (hi 0) has no upper bound.
func TestPinCheckIDs(t *testing.T) {
	cases := []struct {
		name      string
		ids       []int
		r         idRange
		last      int
		refusedAt int // the id named in the error; 0: accepted
	}{
		{"inside the window", []int{11, 12, 20}, idRange{11, 20}, 10, 0},
		{"open window", []int{11, 500}, idRange{11, 0}, 10, 0},
		{"gap before the window", []int{15}, idRange{15, 20}, 10, 0},
		{"below the window, above the last id", []int{12}, idRange{15, 20}, 10, 12},
		{"above the window", []int{15, 21}, idRange{15, 20}, 10, 21},
		{"the last id again", []int{10}, idRange{0, 0}, 10, 10},
		{"repeated on the page", []int{15, 16, 16}, idRange{15, 20}, 14, 16},
		{"descending", []int{17, 16}, idRange{15, 20}, 14, 16},
	}
	for _, tc := range cases {
		err := checkIDs(tc.ids, func(id int) int { return id }, tc.r, tc.last)
		switch {
		case tc.refusedAt == 0 && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.refusedAt != 0 && (err == nil || !strings.Contains(err.Error(), fmt.Sprintf("answered id %d:", tc.refusedAt))):
			t.Errorf("%s: err = %v, want a refusal naming id %d", tc.name, err, tc.refusedAt)
		}
	}
}

// TestPinWalkDepth: a walk keeps at most depth pages in flight, and keeps
// that many while pages remain (depth 1 is the page-at-a-time walk).
func TestPinWalkDepth(t *testing.T) {
	for _, depth := range []int{1, 3} {
		t.Run(fmt.Sprint("depth ", depth), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var mu sync.Mutex
				inFlight, peak := 0, 0
				fetch := func(_ context.Context, f *ListOptions) ([]thing, *Response, error) {
					mu.Lock()
					inFlight++
					peak = max(peak, inFlight)
					mu.Unlock()
					time.Sleep(time.Second) // on the bubble's clock: every page in flight is waiting here
					mu.Lock()
					inFlight--
					mu.Unlock()
					const total = 100
					var items []thing
					for id := (f.Page-1)*f.Limit + 1; id <= min(f.Page*f.Limit, total); id++ {
						items = append(items, thing{ID: id})
					}
					return items, &Response{Pagination: &Pagination{Total: total, TotalPages: total / f.Limit}}, nil
				}
				ids, err := collect(t, walkPages[thing, ListOptions, *ListOptions](t.Context(), depth, &ListOptions{Limit: 10}, MaxPageSize, fetch))
				if err != nil || len(ids) != 100 {
					t.Fatalf("%d items, %v; want 100", len(ids), err)
				}
				if peak != depth {
					t.Errorf("at most %d pages in flight, want %d", peak, depth)
				}
			})
		})
	}
}
