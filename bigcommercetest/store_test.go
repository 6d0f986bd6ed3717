package bigcommercetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

func TestAuth(t *testing.T) {
	tests := []struct {
		name   string
		path   string
		opts   []reqOpt
		status int
		v2     bool // error body is a V2 array
	}{
		{"v3 no token", "/stores/fakestore/v3/customers", nil, 401, false},
		{"v3 wrong token", "/stores/fakestore/v3/customers", []reqOpt{withHeader("X-Auth-Token", "nope")}, 401, false},
		{"v3 good token", "/stores/fakestore/v3/customers", []reqOpt{withHeader("X-Auth-Token", "fake-token")}, 200, false},
		{"v2 no token", "/stores/fakestore/v2/orders", nil, 401, true},
		{"v2 basic on token host", "/stores/fakestore/v2/store", []reqOpt{withBasic("legacy", "legacy-token")}, 401, true},
		{"legacy basic ok", "/api/v2/store", []reqOpt{withBasic("legacy", "legacy-token")}, 200, true},
		{"legacy wrong password", "/api/v2/store", []reqOpt{withBasic("legacy", "bad")}, 401, true},
		{"legacy token instead of basic", "/api/v2/store", []reqOpt{withHeader("X-Auth-Token", "fake-token")}, 401, true},
		{"legacy has no v3", "/api/v3/customers", []reqOpt{withBasic("legacy", "legacy-token")}, 404, false},
		{"wrong store hash", "/stores/other/v3/customers", []reqOpt{withHeader("X-Auth-Token", "fake-token")}, 404, false},
	}
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, New(Config{}))
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				r := h.raw("GET", tc.path, nil, tc.opts...).want(t, tc.status)
				if tc.status < 400 {
					return
				}
				if tc.v2 {
					errs := decode[[]v2Error](t, r)
					if len(errs) != 1 || errs[0].Status != tc.status || errs[0].Message == "" {
						t.Fatalf("V2 error body = %s", r.body)
					}
				} else {
					e := decode[v3Err](t, r)
					if e.Status != tc.status || e.Title == "" || e.Type == "" {
						t.Fatalf("V3 error body = %s", r.body)
					}
				}
				if r.header.Get("X-Rate-Limit-Requests-Quota") == "" {
					t.Fatal("error response lacks rate-limit headers")
				}
			})
		}
	})
}

func TestUnknownRouteAndMethod(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, New(Config{}))
		if e := decode[v3Err](t, h.api("GET", "/v3/nothing/here", nil).want(t, 404)); e.Status != 404 {
			t.Fatalf("got %+v", e)
		}
		if e := decode[[]v2Error](t, h.api("GET", "/v2/nothing", nil).want(t, 404)); e[0].Status != 404 {
			t.Fatalf("got %+v", e)
		}
		h.api("PATCH", "/v3/customers", "[]").want(t, 405)
		h.api("GET", "/v2/orders/abc", nil).want(t, 404)
	})
}

func TestContentType(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, New(Config{}))
		body := `[{"email":"a@example.com","first_name":"A","last_name":"B"}]`
		r := h.api("POST", "/v3/customers", body, withHeader("Content-Type", "text/plain")).want(t, 415)
		if e := decode[v3Err](t, r); e.Status != 415 {
			t.Fatalf("got %s", r.body)
		}
		r = h.api("POST", "/v2/orders", `{}`, withHeader("Content-Type", "application/x-www-form-urlencoded")).want(t, 415)
		decode[[]v2Error](t, r)
		h.api("POST", "/v3/customers", body, withHeader("Content-Type", "application/json; charset=utf-8")).want(t, 200)
		if h.s.CustomerCount() != 1 {
			t.Fatalf("customers = %d", h.s.CustomerCount())
		}
	})
}

func TestRateWindow(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		clk := newClock()
		h := m.open(t, New(Config{Quota: 3, Window: 30 * time.Second, Now: clk.Now}))
		for i := 1; i <= 3; i++ {
			r := h.api("GET", "/v2/store", nil).want(t, 200)
			if got := r.header.Get("X-Rate-Limit-Requests-Left"); got != strconv.Itoa(3-i) {
				t.Fatalf("request %d: left = %q", i, got)
			}
			if r.header.Get("X-Rate-Limit-Time-Window-Ms") != "30000" || r.header.Get("X-Rate-Limit-Requests-Quota") != "3" {
				t.Fatalf("headers %v", r.header)
			}
			clk.Advance(time.Second)
		}
		// 3 s into the window: 27 s left.
		r := h.api("GET", "/v2/store", nil).want(t, 429)
		if got := r.header.Get("X-Rate-Limit-Time-Reset-Ms"); got != "27000" {
			t.Fatalf("reset = %q", got)
		}
		if got := r.header.Get("X-Retry-After"); got != "27" {
			t.Fatalf("retry-after = %q", got)
		}
		if r.header.Get("X-Rate-Limit-Requests-Left") != "0" {
			t.Fatalf("left = %q", r.header.Get("X-Rate-Limit-Requests-Left"))
		}
		decode[[]v2Error](t, r)
		// Unauthenticated requests are limited too (the limit comes first).
		h.raw("GET", "/stores/fakestore/v3/customers", nil).want(t, 429)
		clk.Advance(26*time.Second + 500*time.Millisecond)
		r = h.api("GET", "/v3/customers", nil).want(t, 429)
		if r.header.Get("X-Retry-After") != "1" || r.header.Get("X-Rate-Limit-Time-Reset-Ms") != "500" {
			t.Fatalf("headers %v", r.header)
		}
		decode[v3Err](t, r)
		clk.Advance(500 * time.Millisecond) // the next window starts
		r = h.api("GET", "/v2/store", nil).want(t, 200)
		if r.header.Get("X-Rate-Limit-Requests-Left") != "2" || r.header.Get("X-Rate-Limit-Time-Reset-Ms") != "30000" {
			t.Fatalf("after reset: %v", r.header)
		}
		// Skipping several windows keeps them aligned to the first request.
		clk.Advance(95 * time.Second)
		r = h.api("GET", "/v2/store", nil).want(t, 200)
		if r.header.Get("X-Rate-Limit-Time-Reset-Ms") != "25000" {
			t.Fatalf("aligned reset = %q", r.header.Get("X-Rate-Limit-Time-Reset-Ms"))
		}
	})
}

func TestFaults(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		t.Run("status 503 V3", func(t *testing.T) {
			h := m.open(t, New(Config{}))
			h.s.InjectFault(Fault{Kind: FaultStatus, Status: 503, PathPrefix: "/v3/customers", Times: 2})
			h.api("GET", "/v2/store", nil).want(t, 200) // other paths unaffected
			for range 2 {
				r := h.api("GET", "/v3/customers", nil).want(t, 503)
				if e := decode[v3Err](t, r); e.Status != 503 {
					t.Fatalf("body %s", r.body)
				}
				if r.header.Get("X-Rate-Limit-Requests-Left") == "" {
					t.Fatal("fault response lacks rate headers")
				}
			}
			h.api("GET", "/v3/customers", nil).want(t, 200)
		})
		t.Run("status 500 V2 and method filter", func(t *testing.T) {
			h := m.open(t, New(Config{}))
			h.s.InjectFault(Fault{Kind: FaultStatus, Method: "POST"})
			h.api("GET", "/v2/orders", nil).want(t, 204)
			r := h.api("POST", "/v2/orders", `{}`).want(t, 500)
			decode[[]v2Error](t, r)
			if h.s.OrderCount() != 0 {
				t.Fatal("faulted request was processed")
			}
		})
		t.Run("status 502 HTML", func(t *testing.T) {
			h := m.open(t, New(Config{}))
			h.s.InjectFault(Fault{Kind: FaultStatus, Status: 502})
			r := h.api("GET", "/v2/orders", nil).want(t, 502)
			if !strings.HasPrefix(r.header.Get("Content-Type"), "text/html") || !bytes.Contains(r.body, []byte("502 Bad Gateway")) {
				t.Fatalf("502 = %q %s", r.header.Get("Content-Type"), r.body)
			}
		})
		t.Run("drop", func(t *testing.T) {
			h := m.open(t, New(Config{}))
			h.s.InjectFault(Fault{Kind: FaultDrop, PathPrefix: "/v2/"})
			r := h.api("GET", "/v2/store", nil)
			if r.err == nil {
				t.Fatalf("dropped request succeeded: %d", r.status)
			}
			h.api("GET", "/v2/store", nil).want(t, 200)
			log := h.s.RequestLog()
			if len(log) != 2 || log[0].Status != 0 || log[1].Status != 200 {
				t.Fatalf("log %+v", log)
			}
		})
		t.Run("truncate", func(t *testing.T) {
			h := m.open(t, seeded(SeedOptions{Seed: 1, Customers: 20}))
			h.s.InjectFault(Fault{Kind: FaultTruncate})
			r := h.api("GET", "/v3/customers", nil)
			if r.status != 200 || !errors.Is(r.err, io.ErrUnexpectedEOF) {
				t.Fatalf("status %d err %v", r.status, r.err)
			}
			h.api("GET", "/v3/customers", nil).want(t, 200)
		})
		t.Run("429 without headers", func(t *testing.T) {
			h := m.open(t, New(Config{}))
			h.s.InjectFault(Fault{Kind: Fault429NoHeaders})
			r := h.api("GET", "/v3/customers", nil).want(t, 429)
			for k := range r.header {
				if strings.HasPrefix(strings.ToLower(k), "x-rate-limit") || strings.EqualFold(k, "X-Retry-After") {
					t.Fatalf("unexpected header %s", k)
				}
			}
			r = h.api("GET", "/v3/customers", nil).want(t, 200)
			// The faulted request did not use quota.
			if r.header.Get("X-Rate-Limit-Requests-Left") != "149" {
				t.Fatalf("left = %s", r.header.Get("X-Rate-Limit-Requests-Left"))
			}
		})
	})
}

func TestRequestLogAndCount(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, New(Config{}))
		h.api("GET", "/v3/customers?limit=5", nil)
		h.raw("GET", "/stores/fakestore/v2/orders", nil)
		h.api("DELETE", "/v3/customers", nil)
		if n := h.s.Requests(); n != 3 {
			t.Fatalf("Requests() = %d", n)
		}
		want := []RequestRecord{
			{"GET", "/stores/fakestore/v3/customers", "limit=5", 200},
			{"GET", "/stores/fakestore/v2/orders", "", 401},
			{"DELETE", "/stores/fakestore/v3/customers", "", 204},
		}
		got := h.s.RequestLog()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("log = %+v\nwant %+v", got, want)
		}
	})
}

func TestSeedDeterminism(t *testing.T) {
	opts := SeedOptions{Seed: 42, Customers: 50, Products: 20, VariantsPerProduct: 3, Orders: 30, Locations: 3}
	// The dates follow the store's clock: fix it.
	clock := func() time.Time { return time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC) }
	seeded := func(opts SeedOptions) *Store {
		s := New(Config{Quota: 1 << 30, Now: clock})
		s.Seed(opts)
		return s
	}
	paths := []string{
		"/v3/customers?limit=250&include=addresses", "/v3/catalog/products?include=variants,images,custom_fields,options&limit=250",
		"/v2/orders?limit=250", "/v2/orders/101/products", "/v2/orders/count", "/v3/inventory/items?limit=1000",
		"/v3/inventory/locations", "/v3/customers/addresses?limit=250",
	}
	fetch := func(s *Store) []string {
		h := modes[1].open(t, s)
		var out []string
		for _, p := range paths {
			out = append(out, string(h.api("GET", p, nil).want(t, 200).body))
		}
		return out
	}
	a, b := fetch(seeded(opts)), fetch(seeded(opts))
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("%s differs between equal seeds", paths[i])
		}
	}
	// Re-seeding a used store gives the same data again.
	s := seeded(opts)
	h := modes[1].open(t, s)
	h.api("DELETE", "/v3/customers?id:in=1,2", nil).want(t, 204)
	s.Seed(opts)
	if c := fetch(s); c[0] != a[0] {
		t.Fatal("re-seeded store differs")
	}
	opts.Seed = 43
	if c := fetch(seeded(opts)); c[0] == a[0] {
		t.Fatal("different seeds gave equal customers")
	}
	if seeded(opts).OrderCount() != 30 {
		t.Fatal("order count")
	}
}

func TestSeedLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("large seed")
	}
	s := seeded(SeedOptions{Seed: 7, Customers: 100_000, Products: 500, Orders: 2000})
	if s.CustomerCount() != 100_000 {
		t.Fatalf("customers = %d", s.CustomerCount())
	}
	h := modes[1].open(t, s)
	l := decode[v3List](t, h.api("GET", "/v3/customers?page=400&limit=250", nil).want(t, 200))
	if l.Meta.Pagination.Total != 100_000 || len(l.Data) != 250 || ids(l.Data)[249] != 100_000 {
		t.Fatalf("last page: %+v", l.Meta.Pagination)
	}
	r := h.api("GET", "/v3/customers?email:in="+l.Data[0]["email"].(string), nil).want(t, 200)
	if got := ids(decode[v3List](t, r).Data); len(got) != 1 || got[0] != 99_751 {
		t.Fatalf("email lookup = %v", got)
	}
}

func TestConcurrentRequests(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, seeded(SeedOptions{Seed: 3, Customers: 100, Products: 30, VariantsPerProduct: 2, Orders: 50, Locations: 2}))
		var wg sync.WaitGroup
		errs := make(chan string, 256)
		for g := range 16 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 10 {
					var r reply
					switch (g + i) % 6 {
					case 0:
						r = h.api("GET", "/v3/customers?limit=20&page="+strconv.Itoa(i+1), nil)
					case 1:
						body := fmt.Sprintf(`[{"email":"c%d-%d@example.com","first_name":"C","last_name":"D"}]`, g, i)
						r = h.api("POST", "/v3/customers", body)
					case 2:
						r = h.api("POST", "/v3/inventory/adjustments/relative", `{"items":[{"location_id":1,"sku":"SKU-000001-S","quantity":1}]}`)
					case 3:
						r = h.api("GET", "/v3/catalog/products?include=variants&limit=10", nil)
					case 4:
						r = h.api("GET", "/v2/orders?limit=10&sort=date_created:desc", nil)
					case 5:
						r = h.api("PUT", "/v3/catalog/products/2", `{"price":12.5}`)
					}
					if r.err != nil || r.status >= 300 {
						errs <- fmt.Sprintf("%d %v %s", r.status, r.err, truncate(r.body))
					}
					_ = h.s.Requests()
					_, _ = h.s.StockAt(1, "SKU-000001-S")
				}
			}()
		}
		wg.Wait()
		close(errs)
		for e := range errs {
			t.Error(e)
		}
		if n := h.s.Requests(); n != 160 {
			t.Fatalf("Requests() = %d", n)
		}
	})
}

// TestTransportInSynctest shows the in-process transport working inside a
// synctest bubble: the configured latency passes on the fake clock.
func TestTransportInSynctest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		s := New(Config{Latency: 2 * time.Second, Quota: 1, Window: 10 * time.Second})
		hc := &http.Client{Transport: s.Transport()}
		get := func() *http.Response {
			req, _ := http.NewRequest("GET", "http://x/stores/fakestore/v2/store", nil)
			req.Header.Set("X-Auth-Token", "fake-token")
			resp, err := hc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			return resp
		}
		start := time.Now()
		if r := get(); r.StatusCode != 200 {
			t.Fatalf("status %d", r.StatusCode)
		}
		if d := time.Since(start); d != 2*time.Second {
			t.Fatalf("latency %v", d)
		}
		r := get()
		if r.StatusCode != 429 || r.Header.Get("X-Retry-After") != "8" {
			t.Fatalf("second request: %d %v", r.StatusCode, r.Header)
		}
		time.Sleep(8 * time.Second)
		if r := get(); r.StatusCode != 200 {
			t.Fatalf("after waiting: %d", r.StatusCode)
		}
		// A cancelled context ends the wait.
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		req, _ := http.NewRequestWithContext(ctx, "GET", "http://x/stores/fakestore/v2/store", nil)
		if _, err := hc.Do(req); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestStoreInformation(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, New(Config{StoreHash: "abc123", AccessToken: "tok"}))
		r := h.raw("GET", "/stores/abc123/v2/store", nil, withHeader("X-Auth-Token", "tok")).want(t, 200)
		info := decode[map[string]any](t, r)
		for _, k := range []string{"id", "name", "domain", "secure_url", "plan_name", "plan_level", "currency"} {
			if _, ok := info[k]; !ok {
				t.Errorf("missing %s", k)
			}
		}
		if info["id"] != "abc123" {
			t.Fatalf("id = %v", info["id"])
		}
	})
}

func TestHostileInput(t *testing.T) {
	h := modes[1].open(t, seeded(SeedOptions{Seed: 1, Customers: 3, Products: 2, Orders: 3}))
	tests := []struct {
		method, path, body string
		status             int
	}{
		{"GET", "/v3/customers?page=9223372036854775807", "", 200},
		{"GET", "/v2/orders?page=9223372036854775807", "", 204},
		{"GET", "/v2/orders?page=99999999999999999999", "", 400},
		{"GET", "/v2/orders/99999999999999999999", "", 404},
		{"GET", "/v2/order_statuses/-1", "", 404},
		{"POST", "/v3/customers", "{", 422},
		{"POST", "/v3/customers", `{"email":"x@example.com"}`, 422},
		{"POST", "/v3/customers", `[1,2]`, 422},
		{"POST", "/v3/customers", `[{"email":5}]`, 422},
		{"POST", "/v3/catalog/products", `[]`, 422},
		{"POST", "/v3/catalog/products", `{"name":"x","type":"physical","weight":"heavy","price":1}`, 422},
		{"PUT", "/v3/catalog/products/1", `{"categories":"x"}`, 422},
		{"PUT", "/v3/catalog/variants", `[{"id":"x"}]`, 422},
		{"POST", "/v2/orders", `{"billing_address":null,"products":[]}`, 400},
		{"POST", "/v2/orders", `{"billing_address":{},"products":[{"product_id":1,"quantity":-1}]}`, 400},
		{"POST", "/v2/orders/100/shipments", `{"order_address_id":"x"}`, 400},
		{"PUT", "/v3/inventory/adjustments/absolute", `{"items":[{"location_id":1,"sku":"SKU-000001","quantity":1e30}]}`, 422},
		{"PUT", "/v3/inventory/adjustments/absolute", `{"items":"all"}`, 422},
		{"PUT", "/v3/inventory/locations/1/items", `{"settings":[{"identity":{}}]}`, 422},
		{"POST", "/v3/inventory/locations", `[{}]`, 422},
	}
	for _, tc := range tests {
		var body any
		if tc.body != "" {
			body = tc.body
		}
		r := h.api(tc.method, tc.path, body)
		if r.status != tc.status {
			t.Errorf("%s %s %s: status %d, want %d: %s", tc.method, tc.path, tc.body, r.status, tc.status, truncate(r.body))
		}
	}
}

func TestServeHTTPWithRecorder(t *testing.T) {
	s := New(Config{})
	req := httptest.NewRequest("GET", "/stores/fakestore/v2/orders", nil)
	req.Header.Set("X-Auth-Token", "fake-token")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Code != 204 || rec.Body.Len() != 0 || rec.Header().Get("X-Rate-Limit-Requests-Left") != "149" {
		t.Fatalf("recorder: %d %q %v", rec.Code, rec.Body.String(), rec.Header())
	}
	// A dropped connection cannot be imitated without a connection: nothing is written.
	s.InjectFault(Fault{Kind: FaultDrop})
	rec = httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	if rec.Body.Len() != 0 || rec.Header().Get("Content-Type") != "" {
		t.Fatalf("drop on recorder wrote %q", rec.Body.String())
	}
}

func BenchmarkListCustomers(b *testing.B) {
	s := New(Config{Quota: 1 << 30})
	s.Seed(SeedOptions{Seed: 1, Customers: 10_000})
	hc := &http.Client{Transport: s.Transport()}
	for i := 0; b.Loop(); i++ {
		req, _ := http.NewRequest("GET", "http://x/stores/fakestore/v3/customers?limit=250&page="+strconv.Itoa(1+i%40), nil)
		req.Header.Set("X-Auth-Token", "fake-token")
		resp, err := hc.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}
