package bigcommerce

import (
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
)

func collect(t *testing.T, seq iter.Seq2[thing, error]) ([]int, error) {
	t.Helper()
	var ids []int
	for it, err := range seq {
		if err != nil {
			return ids, err
		}
		ids = append(ids, it.ID)
	}
	return ids, nil
}

func TestWalkV2(t *testing.T) {
	tests := []struct {
		name      string
		total     int
		limit     int
		wantPages []string // page query of each request
	}{
		{"empty collection is one 204", 0, 0, []string{"1"}},
		{"short last page ends the walk", 7, 3, []string{"1", "2", "3"}},
		{"exact multiple ends on a 204", 6, 3, []string{"1", "2", "3"}},
		{"default is the largest page", 320, 0, []string{"1", "2"}},
		// A short page of exactly 50 records, BigCommerce's default page, is
		// what a proxy that drops limit serves: one more request tells.
		{"a short page of exactly 50 is confirmed", 300, 0, []string{"1", "2", "3"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := mockFunc(mt, http.MethodGet, "/v2/things", v2Store(tt.total))
			filter := &ListOptions{Limit: tt.limit}
			ids, err := collect(t, walk(ctx(t), c, filter, MaxPageSize, v2Things(c)))
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) != tt.total {
				t.Fatalf("got %d items, want %d", len(ids), tt.total)
			}
			for i, id := range ids {
				if id != i+1 {
					t.Fatalf("item %d has id %d: out of order or repeated", i, id)
				}
			}
			var pages []string
			for _, r := range rec.all() {
				pages = append(pages, r.Query.Get("page"))
				wantLimit := tt.limit
				if wantLimit == 0 {
					wantLimit = MaxPageSize
				}
				if r.Query.Get("limit") != strconv.Itoa(wantLimit) {
					t.Errorf("limit=%s, want %d", r.Query.Get("limit"), wantLimit)
				}
			}
			if fmt.Sprint(pages) != fmt.Sprint(tt.wantPages) {
				t.Errorf("pages requested %v, want %v", pages, tt.wantPages)
			}
			if *filter != (ListOptions{Limit: tt.limit}) {
				t.Errorf("caller's filter modified: %+v", *filter)
			}
		})
	}
}

func TestWalkV3UsesMeta(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v3/things", v3Store(10))
	ids, err := collect(t, walk(ctx(t), c, &ListOptions{Limit: 5}, MaxPageSize, v3Things(c)))
	if err != nil {
		t.Fatal(err)
	}
	// 10 items in pages of 5: meta says 2 pages, but the second is full,
	// so a third (empty) request makes sure nothing follows it; a stale or
	// wrong total would otherwise end the walk in silence.
	if len(ids) != 10 || rec.count() != 3 {
		t.Errorf("%d items in %d requests, want 10 in 3", len(ids), rec.count())
	}
}

func TestWalkStartsAtCallersPageNeverZero(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v2/things", v2Store(10))
	// A negative page is refused before anything is sent; page 0 (unset)
	// starts at page 1.
	if _, err := collect(t, walk(ctx(t), c, &ListOptions{Page: -3, Limit: 4}, MaxPageSize, v2Things(c))); !errors.Is(err, ErrInvalidRequest) || len(rec.all()) != 0 {
		t.Fatalf("page -3: %v after %d requests, want ErrInvalidRequest before any", err, len(rec.all()))
	}
	if _, err := collect(t, walk(ctx(t), c, &ListOptions{Limit: 4}, MaxPageSize, v2Things(c))); err != nil {
		t.Fatal(err)
	}
	if first := rec.all()[0].Query.Get("page"); first != "1" {
		t.Errorf("first page = %s, want 1", first)
	}
	ids, err := collect(t, walk(ctx(t), c, &ListOptions{Page: 2, Limit: 4}, MaxPageSize, v2Things(c)))
	if err != nil || len(ids) != 6 || ids[0] != 5 {
		t.Errorf("from page 2: %v, %v", ids, err)
	}
	var nilFilter *ListOptions
	if ids, err := collect(t, walk(ctx(t), c, nilFilter, MaxPageSize, v2Things(c))); err != nil || len(ids) != 10 {
		t.Errorf("nil filter: %v, %v", ids, err)
	}
}

func TestWalkBreakStopsFetching(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v2/things", v2Store(100))
	n := 0
	for _, err := range walk(ctx(t), c, &ListOptions{Limit: 10}, MaxPageSize, v2Things(c)) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n == 15 {
			break
		}
	}
	if rec.count() != 2 {
		t.Errorf("%d pages fetched for 15 items of pages of 10, want 2", rec.count())
	}
}

func TestWalkYieldsErrorOnce(t *testing.T) {
	c, mt := newTestClient(t)
	calls := 0
	mockFunc(mt, http.MethodGet, "/v2/things", func(r captured) (*http.Response, error) {
		calls++
		if calls == 2 {
			return httpmock.NewStringResponse(500, `[{"status":500,"message":"boom"}]`), nil
		}
		return v2Store(100)(r)
	})
	var items, errs int
	for _, err := range walk(ctx(t), c, &ListOptions{Limit: 10}, MaxPageSize, v2Things(c)) {
		if err != nil {
			errs++
			var e *Error
			if !errors.As(err, &e) || e.StatusCode != 500 {
				t.Errorf("err = %v", err)
			}
			continue // keep ranging: the walk must still end
		}
		items++
	}
	if items != 10 || errs != 1 || calls != 2 {
		t.Errorf("items %d, errors %d, calls %d; want 10, 1, 2", items, errs, calls)
	}
}

// slowV3Store serves v3Store's pages after 10 ms of (fake) latency, counting
// the requests in flight.
func slowV3Store(total int, inFlight, peak *atomic.Int32, fail int) func(captured) (*http.Response, error) {
	serve := v3Store(total)
	return func(r captured) (*http.Response, error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
		}
		time.Sleep(10 * time.Millisecond)
		if page, _ := strconv.Atoi(r.Query.Get("page")); page == fail {
			return httpmock.NewStringResponse(500, `{"status":500,"title":"boom"}`), nil
		}
		return serve(r)
	}
}

func TestWalkFetchesAheadInOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newTestClient(t, WithMaxConcurrency(3))
		var inFlight, peak atomic.Int32
		rec := mockFunc(mt, http.MethodGet, "/v3/things", slowV3Store(95, &inFlight, &peak, 0))
		start := time.Now()
		ids, err := collect(t, walk(t.Context(), c, &ListOptions{Limit: 10}, MaxPageSize, v3Things(c)))
		if err != nil {
			t.Fatal(err)
		}
		for i, id := range ids {
			if id != i+1 {
				t.Fatalf("item %d has id %d: pages yielded out of order", i, id)
			}
		}
		if len(ids) != 95 || rec.count() != 10 {
			t.Errorf("%d items in %d requests, want 95 in 10", len(ids), rec.count())
		}
		if peak.Load() != 3 {
			t.Errorf("peak %d requests in flight, want 3 (WithMaxConcurrency)", peak.Load())
		}
		// Page 1 alone, then 9 pages three at a time: 4 rounds of 10 ms.
		if elapsed := time.Since(start); elapsed != 40*time.Millisecond {
			t.Errorf("walk took %s of fake time, want 40ms", elapsed)
		}
	})
}

func TestWalkAheadBreakCancels(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newTestClient(t, WithMaxConcurrency(4))
		var inFlight, peak atomic.Int32
		rec := mockFunc(mt, http.MethodGet, "/v3/things", slowV3Store(1000, &inFlight, &peak, 0))
		n := 0
		for _, err := range walk(t.Context(), c, &ListOptions{Limit: 10}, MaxPageSize, v3Things(c)) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == 15 {
				break
			}
		}
		// synctest.Test fails if a prefetching goroutine outlives the walk.
		if got := rec.count(); got > 1+4 {
			t.Errorf("%d pages fetched for 15 items, want at most 5 (page 1 plus 4 ahead)", got)
		}
		time.Sleep(time.Second) // fake time: httpmock's responders outlive a cancelled request
	})
}

func TestWalkAheadErrorYieldedOnceInOrder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newTestClient(t, WithMaxConcurrency(4))
		var inFlight, peak atomic.Int32
		mockFunc(mt, http.MethodGet, "/v3/things", slowV3Store(100, &inFlight, &peak, 4))
		var ids []int
		errs := 0
		for it, err := range walk(t.Context(), c, &ListOptions{Limit: 10}, MaxPageSize, v3Things(c)) {
			if err != nil {
				errs++
				continue
			}
			ids = append(ids, it.ID)
		}
		// httpmock's responders outlive a cancelled request; let their fake
		// latency pass so the bubble can end.
		time.Sleep(time.Second)
		if errs != 1 || len(ids) != 30 || ids[29] != 30 {
			t.Errorf("%d errors after %d items (last %v); want 1 error after pages 1-3", errs, len(ids), ids[len(ids)-1:])
		}
	})
}
