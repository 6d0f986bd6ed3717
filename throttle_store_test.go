package bigcommerce_test

// Declarations of throttle_test.go that use bigcommercetest (directly or through
// other declarations), moved here by extconv: they are in package bigcommerce_test
// because bigcommercetest imports bigcommerce.

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// timedTransport notes when each request is handed to the store.
type timedTransport struct {
	base  http.RoundTripper
	mu    sync.Mutex
	sends []time.Time
}

func (tt *timedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	tt.mu.Lock()
	tt.sends = append(tt.sends, time.Now())
	tt.mu.Unlock()
	return tt.base.RoundTrip(r)
}

// TestThrottleAnchorsAtAdmission: the fake store computes the reset when it
// admits a request, before its 200 ms of latency, as a real rate limiter
// does. One request after another, with 2 requests per 1 s window: the third
// goes out when the window resets (1 s after the first admission, plus the
// margin), not 200 ms later, which counting from the answer's arrival gave.
func TestThrottleAnchorsAtAdmission(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		store := bigcommercetest.New(bigcommercetest.Config{Quota: 2, Window: time.Second, Latency: 200 * time.Millisecond})
		tt := &timedTransport{base: store.Transport()}
		c, err := bigcommerce.NewClient("fakestore", bigcommerce.TokenAuth{AccessToken: "fake-token"},
			bigcommerce.WithBaseURL("http://fakestore.test/stores/fakestore"), bigcommerce.WithHTTPClient(&http.Client{Transport: tt}))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		for range 3 {
			if _, err := c.Ping(t.Context()); err != nil {
				t.Fatal(err)
			}
		}
		var got []time.Duration
		for _, s := range tt.sends {
			got = append(got, s.Sub(start))
		}
		want := []time.Duration{0, 200 * time.Millisecond, time.Second + bigcommerce.ThrottleMargin}
		if !slices.Equal(got, want) {
			t.Errorf("requests sent at %v, want %v", got, want)
		}
		for _, r := range store.RequestLog() {
			if r.Status != http.StatusOK {
				t.Errorf("%s %s answered %d", r.Method, r.Path, r.Status)
			}
		}
	})
}

// TestThrottleAtQuotaSpeed exports through one Client at concurrency 10
// from a store allowing 25 requests per 1 s window at 100 ms each: no 429,
// and at least 0.95 of the bound max(requests / quota rate, requests ×
// latency / concurrency).
func TestThrottleAtQuotaSpeed(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const quota, requests, conc = 25, 300, 10
		window, latency := time.Second, 100*time.Millisecond
		store := bigcommercetest.New(bigcommercetest.Config{Quota: quota, Window: window, Latency: latency})
		c, err := bigcommerce.NewClient("fakestore", bigcommerce.TokenAuth{AccessToken: "fake-token"},
			bigcommerce.WithBaseURL("http://fakestore.test/stores/fakestore"), bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}),
			bigcommerce.WithMaxConcurrency(conc))
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		var next atomic.Int32
		var wg sync.WaitGroup
		for range conc {
			wg.Go(func() {
				for next.Add(1) <= requests {
					if _, err := c.Ping(t.Context()); err != nil {
						t.Error(err)
						return
					}
				}
			})
		}
		wg.Wait()
		elapsed := time.Since(start)
		limited := 0
		for _, r := range store.RequestLog() {
			if r.Status == http.StatusTooManyRequests {
				limited++
			}
		}
		// The first window starts at the first request, so 300 requests
		// need 11 whole windows and the 100 ms of the last one's requests.
		bound := max(time.Duration(requests/quota-1)*window+latency, requests*latency/conc)
		eff := float64(bound) / float64(elapsed)
		t.Logf("%d requests in %s of fake time: %d 429s, efficiency %.3f of %s", requests, elapsed, limited, eff, bound)
		if limited != 0 {
			t.Errorf("%d requests were answered 429", limited)
		}
		if eff < 0.95 {
			t.Errorf("efficiency %.3f, want at least 0.95", eff)
		}
	})
}

// BenchmarkAdmissionLag measures what throttleMargin must cover: the time
// from the moment a request gets its connection (the send time the
// Throttle anchors a snapshot at) to the moment the store admits it, over
// loopback HTTP to bigcommercetest with 10 requests in flight. It reports
// the median, 99th percentile and maximum lag in microseconds.
func BenchmarkAdmissionLag(b *testing.B) {
	store := bigcommercetest.New(bigcommercetest.Config{Quota: 1 << 30, Latency: 5 * time.Millisecond})
	var mu sync.Mutex
	arrived := map[string]time.Time{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := time.Now()
		mu.Lock()
		arrived[r.Header.Get("X-Probe")] = now
		mu.Unlock()
		store.ServeHTTP(w, r)
	}))
	defer srv.Close()
	c, err := bigcommerce.NewClient("", bigcommerce.TokenAuth{AccessToken: "fake-token"}, bigcommerce.WithBaseURL(srv.URL+"/stores/fakestore"), bigcommerce.WithMaxConcurrency(10))
	if err != nil {
		b.Fatal(err)
	}
	var lags []time.Duration
	var next atomic.Int64
	b.ResetTimer()
	var wg sync.WaitGroup
	for range 10 {
		wg.Go(func() {
			for {
				n := next.Add(1)
				if n > int64(b.N) {
					return
				}
				id := strconv.FormatInt(n, 10)
				var gotConn time.Time
				ctx := httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) { gotConn = time.Now() }})
				req, _ := c.NewRequest(ctx, http.MethodGet, "/v2/time", nil, nil)
				req.Header.Set("X-Probe", id)
				if _, err := c.Do(req, nil); err != nil {
					b.Error(err)
					return
				}
				mu.Lock()
				lags = append(lags, arrived[id].Sub(gotConn))
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	slices.Sort(lags)
	if len(lags) == 0 {
		return
	}
	at := func(q float64) float64 { return float64(lags[int(q*float64(len(lags)-1))].Microseconds()) }
	b.ReportMetric(at(0.5), "p50-µs")
	b.ReportMetric(at(0.99), "p99-µs")
	b.ReportMetric(at(1), "max-µs")
}

// BenchmarkThrottleQuotaStore runs requests through one Client at
// concurrency 10 against a store allowing 25 requests per 1 s window at
// 200 ms each (BigCommerce's quota shape, scaled down), over loopback HTTP
// in real time, and reports the 429s met and the efficiency against the
// bound max(requests / quota rate, requests × latency / concurrency). It is
// the real-clock check of throttleMargin: run it with -benchtime 250x.
func BenchmarkThrottleQuotaStore(b *testing.B) {
	const quota, conc = 25, 10
	window, latency := time.Second, 200*time.Millisecond
	store := bigcommercetest.New(bigcommercetest.Config{Quota: quota, Window: window, Latency: latency})
	srv := httptest.NewServer(store)
	defer srv.Close()
	c, err := bigcommerce.NewClient("", bigcommerce.TokenAuth{AccessToken: "fake-token"}, bigcommerce.WithBaseURL(srv.URL+"/stores/fakestore"), bigcommerce.WithMaxConcurrency(conc))
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	start := time.Now()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range conc {
		wg.Go(func() {
			for next.Add(1) <= int64(b.N) {
				if _, err := c.Ping(context.Background()); err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	limited := 0
	for _, r := range store.RequestLog() {
		if r.Status == http.StatusTooManyRequests {
			limited++
		}
	}
	bound := max(time.Duration(float64(b.N)/quota*float64(window)), time.Duration(b.N)*latency/conc)
	b.ReportMetric(float64(limited), "429s")
	b.ReportMetric(float64(bound)/float64(elapsed), "efficiency")
}
