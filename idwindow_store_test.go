package bigcommerce_test

// Declarations of idwindow_test.go that use bigcommercetest (directly or through
// other declarations), moved here by extconv: they are in package bigcommerce_test
// because bigcommercetest imports bigcommerce.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"iter"
	"math/rand/v2"
	"net/http"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// exportRec is what the tests keep of a yielded record.
type exportRec struct {
	id  int
	mod time.Time
}

// exportWalk says how a test calls All.
type exportWalk struct {
	limit   int
	minDate time.Time // the incremental sync's date_modified filter
	sorted  bool      // sort by date_modified ascending
}

// exportKind is one of the three exports.
type exportKind struct {
	name   string
	seed   func(n int) bigcommercetest.SeedOptions
	ids    func(*bigcommercetest.Store) []int
	insert func(*bigcommercetest.Store, int) int
	remove func(*bigcommercetest.Store, int) bool
	modify func(*bigcommercetest.Store, int) bool
	walk   func(context.Context, *bigcommerce.Client, exportWalk) iter.Seq2[exportRec, error]
}

// mapRecs turns a walk's items into exportRecs.
func mapRecs[T any](seq iter.Seq2[T, error], f func(T) exportRec) iter.Seq2[exportRec, error] {
	return func(yield func(exportRec, error) bool) {
		for v, err := range seq {
			var r exportRec
			if err == nil {
				r = f(v)
			}
			if !yield(r, err) {
				return
			}
		}
	}
}

var exportKinds = []exportKind{
	{
		name:   "orders",
		seed:   func(n int) bigcommercetest.SeedOptions { return bigcommercetest.SeedOptions{Seed: 8, Orders: n} },
		ids:    (*bigcommercetest.Store).OrderIDs,
		insert: (*bigcommercetest.Store).InsertOrder,
		remove: (*bigcommercetest.Store).DeleteOrder,
		modify: (*bigcommercetest.Store).ModifyOrder,
		walk: func(ctx context.Context, c *bigcommerce.Client, w exportWalk) iter.Seq2[exportRec, error] {
			f := &bigcommerce.OrderFilter{Limit: w.limit, MinDateModified: w.minDate}
			if w.sorted {
				f.Sort = bigcommerce.OrderSortDateModifiedAsc
			}
			return mapRecs(c.Orders.All(ctx, f), func(o bigcommerce.Order) exportRec { return exportRec{o.ID, o.DateModified.Time} })
		},
	},
	{
		name:   "products",
		seed:   func(n int) bigcommercetest.SeedOptions { return bigcommercetest.SeedOptions{Seed: 8, Products: n} },
		ids:    (*bigcommercetest.Store).ProductIDs,
		insert: (*bigcommercetest.Store).InsertProduct,
		remove: (*bigcommercetest.Store).DeleteProduct,
		modify: (*bigcommercetest.Store).ModifyProduct,
		walk: func(ctx context.Context, c *bigcommerce.Client, w exportWalk) iter.Seq2[exportRec, error] {
			f := &bigcommerce.ProductFilter{Limit: w.limit, DateModifiedMin: w.minDate}
			if w.sorted {
				f.Sort = bigcommerce.ProductSortDateModified
			}
			return mapRecs(c.Products.All(ctx, f), func(p bigcommerce.Product) exportRec { return exportRec{p.ID, p.DateModified} })
		},
	},
	{
		name:   "customers",
		seed:   func(n int) bigcommercetest.SeedOptions { return bigcommercetest.SeedOptions{Seed: 8, Customers: n} },
		ids:    (*bigcommercetest.Store).CustomerIDs,
		insert: (*bigcommercetest.Store).InsertCustomer,
		remove: (*bigcommercetest.Store).DeleteCustomer,
		modify: (*bigcommercetest.Store).ModifyCustomer,
		walk: func(ctx context.Context, c *bigcommerce.Client, w exportWalk) iter.Seq2[exportRec, error] {
			f := &bigcommerce.CustomerFilter{Limit: w.limit, DateModifiedMin: w.minDate}
			if w.sorted {
				f.Sort = bigcommerce.CustomerSortDateModifiedAsc
			}
			return mapRecs(c.Customers.All(ctx, f), func(cu bigcommerce.Customer) exportRec { return exportRec{cu.ID, cu.DateModified} })
		},
	},
}

// testClock is a store clock that moves step forward at every reading
// (frozen when step is 0).
type testClock struct {
	base time.Time
	step time.Duration
	n    atomic.Int64
}

func (c *testClock) Now() time.Time {
	return c.base.Add(time.Duration(c.n.Add(1)) * c.step)
}

// setCustomerWalk forces how Customers.All walks for one test.
func setCustomerWalk(t *testing.T, mode int) {
	t.Cleanup(bigcommerce.SetCustomerWalkMode(mode))
}

// TestExportExactlyOnceOnALiveStore walks each export while, before every
// request, another client creates a record above every id, creates one in a
// gap below (anywhere in the id space), deletes one and modifies two, all
// at random positions: every record that exists for the whole walk must be
// yielded exactly once, and no record twice.
func TestExportExactlyOnceOnALiveStore(t *testing.T) {
	const n, limit = 400, 20
	// The seed's dates fall in the 30 days before the store's clock, base;
	// midMonth splits them.
	base := time.Date(2025, time.June, 1, 0, 0, 0, 0, time.UTC)
	midMonth := base.AddDate(0, 0, -15)
	walks := []struct {
		name   string
		walk   exportWalk
		frozen bool // every write of the walk lands in the same second
		mode   int  // customers: how to walk
	}{
		{name: "by id", walk: exportWalk{limit: limit}},
		{name: "date filter", walk: exportWalk{limit: limit, minDate: midMonth}},
		{name: "sorted by date_modified", walk: exportWalk{limit: limit, sorted: true}},
		{name: "sorted with date filter, one-second clock", walk: exportWalk{limit: limit, sorted: true, minDate: midMonth}, frozen: true},
		{name: "by id, one-second clock", walk: exportWalk{limit: limit}, frozen: true},
	}
	for _, k := range exportKinds {
		for _, w := range walks {
			modes := []int{bigcommerce.CustomerWalkAuto}
			if k.name == "customers" && !w.walk.sorted {
				modes = []int{bigcommerce.CustomerWalkIDIn, bigcommerce.CustomerWalkCursor}
			}
			for _, mode := range modes {
				name := k.name + "/" + w.name
				if len(modes) > 1 {
					name += []string{"", "/cursor", "/id:in"}[mode]
				}
				t.Run(name, func(t *testing.T) {
					setCustomerWalk(t, mode)
					clock := &testClock{base: base, step: time.Second}
					if w.frozen {
						clock.step = 0
					}
					c, store := newFakeStoreClient(t, bigcommercetest.Config{Quota: 1 << 30, Now: clock.Now}, k.seed(n))
					missed, dups, changes := liveExport(t, k, c, store, w.walk)
					t.Logf("%s: %d missed, %d duplicated; %d deleted, %d inserted, %d modified during the walk",
						name, missed, dups, changes[0], changes[1], changes[2])
				})
			}
		}
	}
}

// liveExport runs one walk on a store that changes before every request and
// returns the records missed and duplicated, failing the test when any is,
// and the number of deletes, inserts and modifications made.
func liveExport(t *testing.T, k exportKind, c *bigcommerce.Client, store *bigcommercetest.Store, w exportWalk) (missed, dups int, changes [3]int) {
	t.Helper()
	ctx := t.Context()
	rng := rand.New(rand.NewPCG(7, 11))
	// Gaps, so that records can be created below the walk's position.
	var gaps []int
	for i, id := range k.ids(store) {
		if i%5 == 2 {
			k.remove(store, id)
			gaps = append(gaps, id)
		}
	}
	// What exists before the walk, with its dates (read without changes).
	before := map[int]time.Time{}
	for r, err := range k.walk(ctx, c, exportWalk{limit: bigcommerce.MaxPageSize}) {
		if err != nil {
			t.Fatal(err)
		}
		before[r.id] = r.mod
	}
	if len(before) == 0 {
		t.Fatal("no records before the walk")
	}

	var mu sync.Mutex
	deleted := map[int]bool{}
	store.BeforeRequest(func(*http.Request) {
		mu.Lock()
		defer mu.Unlock()
		if k.insert(store, 0) > 0 {
			changes[1]++
		}
		if len(gaps) > 0 {
			i := rng.IntN(len(gaps))
			if k.insert(store, gaps[i]) > 0 {
				changes[1]++
			}
			gaps = slices.Delete(gaps, i, i+1)
		}
		ids := k.ids(store)
		if id := ids[rng.IntN(len(ids))]; k.remove(store, id) {
			deleted[id] = true
			changes[0]++
		}
		for range 2 {
			if k.modify(store, ids[rng.IntN(len(ids))]) {
				changes[2]++
			}
		}
	})
	seen := map[int]int{}
	var prev exportRec
	for r, err := range k.walk(ctx, c, w) {
		if err != nil {
			t.Fatalf("walk failed after %d records: %v", len(seen), err)
		}
		seen[r.id]++
		if !w.sorted && len(seen) > 1 && r.id <= prev.id {
			t.Errorf("id %d yielded after id %d: not in ascending id order", r.id, prev.id)
		}
		prev = r
	}
	store.BeforeRequest(nil)
	mu.Lock()
	defer mu.Unlock()
	for id, mod := range before {
		if deleted[id] || (!w.minDate.IsZero() && mod.Before(w.minDate)) {
			continue
		}
		if seen[id] == 0 {
			missed++
		}
	}
	for _, cnt := range seen {
		if cnt > 1 {
			dups++
		}
	}
	if missed > 0 || dups > 0 {
		t.Errorf("%d records that existed throughout were missed, %d records were yielded more than once", missed, dups)
	}
	if changes[0] == 0 || changes[1] == 0 || changes[2] == 0 {
		t.Errorf("the store did not change during the walk: %v", changes)
	}
	return missed, dups, changes
}

// stripIDBounds is a server that ignores the id bounds of a list.
type stripIDBounds struct{ rt http.RoundTripper }

func (s stripIDBounds) RoundTrip(r *http.Request) (*http.Response, error) {
	q := r.URL.Query()
	for _, k := range []string{"min_id", "max_id", "id:min", "id:max", "id:in"} {
		q.Del(k)
	}
	r2 := r.Clone(r.Context())
	r2.URL.RawQuery = q.Encode()
	return s.rt.RoundTrip(r2)
}

// repeatRecord is a server that lists one record of every page twice, one
// after the other (in a V2 array or a V3 data array).
type repeatRecord struct{ rt http.RoundTripper }

func (s repeatRecord) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := s.rt.RoundTrip(r)
	if err != nil || r.Method != http.MethodGet || resp.StatusCode != http.StatusOK {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	repeat := func(items []json.RawMessage) []json.RawMessage {
		if len(items) < 2 {
			return items
		}
		i := len(items) / 2
		return slices.Insert(items, i, items[i])
	}
	var list []json.RawMessage
	var page map[string]json.RawMessage
	switch {
	case json.Unmarshal(body, &list) == nil:
		body, err = json.Marshal(repeat(list))
	case json.Unmarshal(body, &page) == nil && json.Unmarshal(page["data"], &list) == nil:
		if page["data"], err = json.Marshal(repeat(list)); err == nil {
			body, err = json.Marshal(page)
		}
	}
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Del("Content-Length")
	return resp, nil
}

// TestExportStopsOnARepeatedRecord: a page that lists a record twice fails
// the walk before the second copy is yielded.
func TestExportStopsOnARepeatedRecord(t *testing.T) {
	const limit = 10
	for _, k := range exportKinds {
		t.Run(k.name, func(t *testing.T) {
			store := bigcommercetest.New(bigcommercetest.Config{StoreHash: fakeHash, Quota: 1 << 30})
			store.Seed(k.seed(5 * limit))
			c, err := bigcommerce.NewClient(fakeHash, bigcommerce.TokenAuth{AccessToken: "fake-token"},
				bigcommerce.WithBaseURL("http://fakestore.test/stores/"+fakeHash),
				bigcommerce.WithHTTPClient(&http.Client{Transport: repeatRecord{store.Transport()}}))
			if err != nil {
				t.Fatal(err)
			}
			seen := map[int]bool{}
			var errs int
			for r, err := range k.walk(t.Context(), c, exportWalk{limit: limit}) {
				if err != nil {
					errs++
					if want := "ignored the id range or the sort"; !strings.Contains(err.Error(), want) {
						t.Errorf("error %q does not say %q", err, want)
					}
					continue
				}
				if seen[r.id] {
					t.Errorf("record %d yielded twice", r.id)
				}
				seen[r.id] = true
			}
			if errs != 1 {
				t.Errorf("%d errors after %d records, want one", errs, len(seen))
			}
		})
	}
}

// TestExportWindowEdges checks the window maths at the edges: every record
// is yielded once, in ascending id order, whatever the shape of the ids.
func TestExportWindowEdges(t *testing.T) {
	const limit = 10
	dense := func(from, count int) []int {
		out := make([]int, count)
		for i := range out {
			out[i] = from + i
		}
		return out
	}
	sparse := make([]int, 0, 55)
	for i := range 55 {
		sparse = append(sparse, 1000+37*i+i*i%11)
	}
	clustered := append(dense(1, 12), dense(90_000, 25)...)
	cases := []struct {
		name string
		ids  []int
		grow int // records created above every id at the walk's second request
	}{
		{name: "empty store"},
		{name: "one record", ids: []int{7}},
		{name: "one page exactly", ids: dense(1, limit)},
		{name: "exact multiple of the page size", ids: dense(1, 4*limit)},
		{name: "one more than a multiple", ids: dense(1, 4*limit+1)},
		{name: "sparse ids", ids: sparse},
		{name: "ids that start high", ids: dense(5_000_000, 4*limit+3)},
		{name: "two clusters far apart", ids: clustered},
		{name: "grows past the estimate", ids: dense(1, 3*limit), grow: 3*limit + 4},
	}
	for _, k := range exportKinds {
		for _, tc := range cases {
			t.Run(k.name+"/"+tc.name, func(t *testing.T) {
				c, store := newFakeStoreClient(t, bigcommercetest.Config{Quota: 1 << 30}, bigcommercetest.SeedOptions{})
				for _, id := range tc.ids {
					if k.insert(store, id) != id {
						t.Fatalf("cannot create id %d", id)
					}
				}
				var requests atomic.Int32
				store.BeforeRequest(func(*http.Request) {
					if requests.Add(1) == 2 {
						for range tc.grow {
							k.insert(store, 0)
						}
					}
				})
				var got []int
				for r, err := range k.walk(t.Context(), c, exportWalk{limit: limit}) {
					if err != nil {
						t.Fatalf("walk failed after %d records: %v", len(got), err)
					}
					got = append(got, r.id)
				}
				if want := k.ids(store); tc.grow == 0 && !slices.Equal(got, want) {
					t.Errorf("yielded %d ids %v,\nwant %d ids %v", len(got), got, len(want), want)
				} else if tc.grow > 0 {
					// Every record that existed throughout, once, in id
					// order; of those created during the walk, any that
					// the walk met (it need not: they are left to the
					// next incremental run), once.
					exists := map[int]bool{}
					for _, id := range want {
						exists[id] = true
					}
					for i, id := range got {
						if !exists[id] || (i > 0 && id <= got[i-1]) {
							t.Fatalf("yielded %v: id %d is not in the store or out of order", got, id)
						}
					}
					for _, id := range tc.ids {
						if _, found := slices.BinarySearch(got, id); !found {
							t.Errorf("record %d, which existed throughout, was not yielded (got %v)", id, got)
						}
					}
				}
				if max := 2*(len(k.ids(store))/limit) + 8; int(requests.Load()) > max {
					t.Errorf("%d requests for %d records, want at most %d", requests.Load(), len(got), max)
				}
			})
		}
		t.Run(k.name+"/server ignores the id bound", func(t *testing.T) {
			store := bigcommercetest.New(bigcommercetest.Config{StoreHash: fakeHash, Quota: 1 << 30})
			store.Seed(k.seed(5 * limit))
			c, err := bigcommerce.NewClient(fakeHash, bigcommerce.TokenAuth{AccessToken: "fake-token"},
				bigcommerce.WithBaseURL("http://fakestore.test/stores/"+fakeHash),
				bigcommerce.WithHTTPClient(&http.Client{Transport: stripIDBounds{store.Transport()}}))
			if err != nil {
				t.Fatal(err)
			}
			var items, errs int
			for _, err := range k.walk(t.Context(), c, exportWalk{limit: limit}) {
				if err != nil {
					errs++
					if want := "ignored the id range"; !strings.Contains(err.Error(), want) {
						t.Errorf("error %q does not say %q", err, want)
					}
					continue
				}
				items++
			}
			if errs != 1 || items > 2*limit {
				t.Errorf("%d records then %d errors, want at most %d records then one error", items, errs, 2*limit)
			}
			if store.Requests() > 20 {
				t.Errorf("%d requests: the walk must stop at the first bad page", store.Requests())
			}
		})
	}
}

// TestExportBreakAndErrorEndEveryRequest stops each export early, and makes
// a later window fail: the walk returns only after its requests have
// finished (no goroutine outlives it) and an error is yielded once.
func TestExportBreakAndErrorEndEveryRequest(t *testing.T) {
	for _, k := range exportKinds {
		t.Run(k.name+"/break", func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				store := bigcommercetest.New(bigcommercetest.Config{StoreHash: fakeHash, Quota: 1 << 30, Latency: 200 * time.Millisecond})
				store.Seed(k.seed(500))
				rt := &activeRoundTrips{rt: store.Transport()}
				c, err := bigcommerce.NewClient(fakeHash, bigcommerce.TokenAuth{AccessToken: "fake-token"}, bigcommerce.WithMaxConcurrency(6),
					bigcommerce.WithBaseURL("http://fakestore.test/stores/"+fakeHash), bigcommerce.WithHTTPClient(&http.Client{Transport: rt}))
				if err != nil {
					t.Fatal(err)
				}
				n := 0
				for _, err := range k.walk(t.Context(), c, exportWalk{limit: 25}) {
					if err != nil {
						t.Fatal(err)
					}
					if n++; n == 30 { // inside the first window: others are in flight
						break
					}
				}
				if a := rt.active.Load(); a != 0 {
					t.Errorf("the walk returned with %d requests in flight", a)
				}
				synctest.Wait() // lets goroutines that already returned exit; a request in flight stays blocked
				if g := walkGoroutines(); g != 0 {
					t.Errorf("%d goroutines of the walk outlive it", g)
				}
				sent := store.Requests()
				if sent < 4 {
					t.Errorf("%d requests: no window was read concurrently", sent)
				}
				time.Sleep(time.Minute) // fake time: nothing more may be sent
				if store.Requests() != sent {
					t.Errorf("%d requests after the break, %d when it returned", store.Requests(), sent)
				}
			})
		})
		t.Run(k.name+"/error", func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, store := newFakeStoreClient(t, bigcommercetest.Config{Quota: 1 << 30, Latency: 200 * time.Millisecond}, k.seed(500),
					bigcommerce.WithMaxConcurrency(6))
				var requests atomic.Int32
				store.BeforeRequest(func(*http.Request) {
					if requests.Add(1) == 6 {
						store.InjectFault(bigcommercetest.Fault{Kind: bigcommercetest.FaultStatus, Status: http.StatusUnprocessableEntity, Times: 100})
					}
				})
				synctest.Wait()
				var items, errs int
				for _, err := range k.walk(t.Context(), c, exportWalk{limit: 25}) {
					if err != nil {
						errs++
						var apiErr *bigcommerce.Error
						if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusUnprocessableEntity {
							t.Errorf("err = %v, want the 422", err)
						}
						continue
					}
					items++
				}
				if errs != 1 {
					t.Errorf("%d errors after %d records, want 1", errs, items)
				}
				synctest.Wait() // lets goroutines that already returned exit; a request in flight stays blocked
				if g := walkGoroutines(); g != 0 {
					t.Errorf("%d goroutines of the walk outlive it", g)
				}
			})
		})
	}
}

// activeRoundTrips counts the requests in flight.
type activeRoundTrips struct {
	rt     http.RoundTripper
	active atomic.Int32
}

func (a *activeRoundTrips) RoundTrip(r *http.Request) (*http.Response, error) {
	a.active.Add(1)
	defer a.active.Add(-1)
	return a.rt.RoundTrip(r)
}

// walkGoroutines counts the goroutines of this synctest bubble that a walk
// started (with sync.WaitGroup.Go).
func walkGoroutines() int {
	buf := make([]byte, 1<<20)
	n := 0
	for _, g := range strings.Split(string(buf[:runtime.Stack(buf, true)]), "\n\n") {
		if strings.Contains(g, "synctest bubble") && strings.Contains(g, "created by sync.(*WaitGroup).Go") {
			n++
		}
	}
	return n
}

// TestExportRequestsWindows checks what the id walks send: probes that size
// the windows with the caller's filter, windows with both bounds (the
// probed highest id closes the last one, and a full last one costs one
// open request above it), the caller's filter on every
// request and left unmodified.
func TestExportRequestsWindows(t *testing.T) {
	c, store := newFakeStoreClient(t, bigcommercetest.Config{Quota: 1 << 30}, bigcommercetest.SeedOptions{Seed: 3, Orders: 100, Products: 100})
	min := time.Date(2024, time.March, 1, 0, 0, 0, 0, time.UTC)
	of := &bigcommerce.OrderFilter{Limit: 10, MinDateModified: min}
	ofCopy := *of
	walkAll(t, c.Orders.All(t.Context(), of))
	if !reflect.DeepEqual(*of, ofCopy) {
		t.Errorf("Orders.All modified the caller's filter: %+v", *of)
	}
	pf := &bigcommerce.ProductFilter{Limit: 10, DateModifiedMin: min}
	walkAll(t, c.Products.All(t.Context(), pf))
	if pf.Sort != "" || pf.IDMin != 0 || pf.Page != 0 {
		t.Errorf("Products.All modified the caller's filter: %+v", *pf)
	}
	type tally struct{ counts, probes, open, closed int }
	got := map[string]*tally{"orders": {}, "products": {}}
	for _, r := range store.RequestLog() {
		q := r.RawQuery
		if !strings.Contains(q, "date_modified") {
			t.Errorf("%s?%s lost the caller's date filter", r.Path, q)
		}
		tl := got["orders"]
		if strings.Contains(r.Path, "/products") {
			tl = got["products"]
		}
		switch {
		case strings.HasSuffix(r.Path, "/count"):
			tl.counts++
		case strings.Contains(q, "desc"):
			tl.probes++
		case strings.Contains(q, "max_id=") || strings.Contains(q, "id:max="):
			tl.closed++
		case strings.Contains(q, "min_id=") || strings.Contains(q, "id:min="):
			tl.open++
		}
	}
	// The last closed window is full (100 records end on a page boundary):
	// one open request above the probed highest id tells it from a stale
	// probe.
	want := map[string]tally{"orders": {1, 1, 1, 9}, "products": {0, 1, 1, 9}}
	for name, w := range want {
		if *got[name] != w {
			t.Errorf("%s: %+v count requests, highest-id probes, open and closed windows; want %+v", name, *got[name], w)
		}
	}
}

// failProbes answers the probes that size the windows (the count and the
// highest id, sorted descending) with a 422.
type failProbes struct{ rt http.RoundTripper }

func (f failProbes) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, "/count") || strings.Contains(r.URL.RawQuery, "desc") {
		return &http.Response{StatusCode: http.StatusUnprocessableEntity, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(`{"status":422,"title":"probe refused"}`)), Request: r}, nil
	}
	return f.rt.RoundTrip(r)
}

// TestExportProbeFailureOnlySlowsTheWalk: without the count or the highest
// id the windows are sized blindly, but every record is still yielded once.
func TestExportProbeFailureOnlySlowsTheWalk(t *testing.T) {
	for _, k := range exportKinds[:2] { // customers' probe is an offset page, not a sort
		t.Run(k.name, func(t *testing.T) {
			store := bigcommercetest.New(bigcommercetest.Config{StoreHash: fakeHash, Quota: 1 << 30})
			store.Seed(k.seed(95))
			c, err := bigcommerce.NewClient(fakeHash, bigcommerce.TokenAuth{AccessToken: "fake-token"},
				bigcommerce.WithBaseURL("http://fakestore.test/stores/"+fakeHash),
				bigcommerce.WithHTTPClient(&http.Client{Transport: failProbes{store.Transport()}}))
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for r, err := range k.walk(t.Context(), c, exportWalk{limit: 10}) {
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, r.id)
			}
			if want := k.ids(store); !slices.Equal(got, want) {
				t.Errorf("yielded %v, want %v", got, want)
			}
		})
	}
}

// TestExportStartPageAndIDBounds: a walk that starts at a later page goes on
// by id from that page's first record; the caller's id bounds limit every
// window, the last one included.
func TestExportStartPageAndIDBounds(t *testing.T) {
	c, store := newFakeStoreClient(t, bigcommercetest.Config{Quota: 1 << 30}, bigcommercetest.SeedOptions{Seed: 2, Orders: 95, Products: 95})
	orderIDs, productIDs := store.OrderIDs(), store.ProductIDs()
	tests := []struct {
		name string
		walk iter.Seq2[int, error]
		want []int
	}{
		{"orders from page 3", mapIDs(c.Orders.All(t.Context(), &bigcommerce.OrderFilter{Page: 3, Limit: 10}), func(o bigcommerce.Order) int { return o.ID }), orderIDs[20:]},
		{"products from page 3", mapIDs(c.Products.All(t.Context(), &bigcommerce.ProductFilter{Page: 3, Limit: 10}), func(p bigcommerce.Product) int { return p.ID }), productIDs[20:]},
		{"orders between ids", mapIDs(c.Orders.All(t.Context(), &bigcommerce.OrderFilter{MinID: orderIDs[7], MaxID: orderIDs[61], Limit: 10}), func(o bigcommerce.Order) int { return o.ID }), orderIDs[7:62]},
		{"products greater and less", mapIDs(c.Products.All(t.Context(), &bigcommerce.ProductFilter{IDGreater: productIDs[7], IDLess: productIDs[61], Limit: 10}), func(p bigcommerce.Product) int { return p.ID }), productIDs[8:61]},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mark := logMark(store)
			got := walkAll(t, tt.walk)
			if !slices.Equal(got, tt.want) {
				t.Errorf("yielded %v,\nwant %v", got, tt.want)
			}
			for _, r := range store.RequestLog()[mark:] {
				if strings.Contains(r.RawQuery, "page=") && !strings.Contains(r.RawQuery, "page=3") && !strings.Contains(r.RawQuery, "page=1&") {
					t.Errorf("%s: only the first request names a page", r.RawQuery)
				}
			}
		})
	}
}
