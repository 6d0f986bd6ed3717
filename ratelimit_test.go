package bigcommerce

import (
	"math"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
)

func TestParseRateLimitAnyCase(t *testing.T) {
	canonical := http.Header{}
	canonical.Set("X-Rate-Limit-Requests-Quota", "150")
	canonical.Set("X-Rate-Limit-Requests-Left", "42")
	canonical.Set("X-Rate-Limit-Time-Window-Ms", "30000")
	canonical.Set("X-Rate-Limit-Time-Reset-Ms", "1234")
	lower := http.Header{
		"x-rate-limit-requests-quota": {"150"},
		"x-rate-limit-requests-left":  {"42"},
		"x-rate-limit-time-window-ms": {"30000"},
		"X-RATE-LIMIT-TIME-RESET-MS":  {"1234"},
	}
	want := RateLimit{Quota: 150, Remaining: 42, Window: 30 * time.Second, ResetIn: 1234 * time.Millisecond}
	for name, h := range map[string]http.Header{"canonical": canonical, "odd case": lower} {
		got, ok := parseRateLimit(h)
		if !ok || got != want {
			t.Errorf("%s: parseRateLimit = %+v, %v; want %+v", name, got, ok, want)
		}
	}
	if _, ok := parseRateLimit(http.Header{"X-Rate-Limit-Requests-Left": {"many"}}); ok {
		t.Error("a non-numeric header was accepted")
	}
	if _, ok := parseRateLimit(http.Header{}); ok {
		t.Error("no headers reported as a snapshot")
	}
}

func rateHeaders(remaining, resetMs int) http.Header {
	return http.Header{
		"X-Rate-Limit-Requests-Quota": {"150"},
		"X-Rate-Limit-Requests-Left":  {strconv.Itoa(remaining)},
		"X-Rate-Limit-Time-Window-Ms": {"30000"},
		"X-Rate-Limit-Time-Reset-Ms":  {strconv.Itoa(resetMs)},
	}
}

// TestRateSnapshotConcurrent hammers the client from many goroutines while
// reading the snapshot; go test -race proves the state is guarded.
func TestRateSnapshotConcurrent(t *testing.T) {
	c, mt := newTestClient(t, WithMaxConcurrency(MaxConcurrency))
	var n atomic.Int32
	mockFunc(mt, http.MethodGet, "/v2/store", func(captured) (*http.Response, error) {
		resp := httpmock.NewStringResponse(200, `{"name":"s"}`)
		resp.Header = rateHeaders(int(1000-n.Add(1)), 30000)
		return resp, nil
	})
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Go(func() {
			if _, err := c.Ping(t.Context()); err != nil {
				t.Error(err)
			}
			_, _ = c.Rate()
		})
	}
	wg.Wait()
	rl, ok := c.Rate()
	if !ok || rl.Quota != 150 || rl.Remaining < 950 || rl.Remaining > 999 {
		t.Errorf("final snapshot %+v, %v", rl, ok)
	}
	if got := mt.GetTotalCallCount(); got != 50 {
		t.Errorf("%d requests, want 50", got)
	}
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
