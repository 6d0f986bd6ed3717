package bigcommerce_test

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// syncKinds are the three Sync methods, walked with a small page so that
// the runs take several windows.
var syncKinds = []struct {
	name string
	kind func() exportKind
	sync func(context.Context, *bigcommerce.Client, *bigcommerce.Checkpoint) iter.Seq2[exportRec, error]
}{
	{"orders", func() exportKind { return exportKinds[0] }, func(ctx context.Context, c *bigcommerce.Client, cp *bigcommerce.Checkpoint) iter.Seq2[exportRec, error] {
		return mapRecs(c.Orders.Sync(ctx, cp, &bigcommerce.OrderFilter{Limit: 25}), func(o bigcommerce.Order) exportRec { return exportRec{o.ID, o.DateModified.Time} })
	}},
	{"products", func() exportKind { return exportKinds[1] }, func(ctx context.Context, c *bigcommerce.Client, cp *bigcommerce.Checkpoint) iter.Seq2[exportRec, error] {
		return mapRecs(c.Products.Sync(ctx, cp, &bigcommerce.ProductFilter{Limit: 25}), func(p bigcommerce.Product) exportRec { return exportRec{p.ID, p.DateModified} })
	}},
	{"customers", func() exportKind { return exportKinds[2] }, func(ctx context.Context, c *bigcommerce.Client, cp *bigcommerce.Checkpoint) iter.Seq2[exportRec, error] {
		return mapRecs(c.Customers.Sync(ctx, cp, &bigcommerce.CustomerFilter{Limit: 25}), func(cu bigcommerce.Customer) exportRec { return exportRec{cu.ID, cu.DateModified} })
	}},
}

// newSyncStore seeds n records of kind k dated in the first half of 2025,
// with a store clock that starts after them and ticks a second at every
// reading, so that a record modified later always carries a later date.
func newSyncStore(t *testing.T, k exportKind, n int, opts ...bigcommerce.Option) (*bigcommercetest.Store, *bigcommerce.Client) {
	t.Helper()
	clock := &testClock{base: time.Date(2025, time.June, 1, 0, 0, 0, 0, time.UTC), step: time.Second}
	seed := k.seed(n)
	seed.Start = time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)
	client, store := newFakeStoreClient(t, bigcommercetest.Config{Now: clock.Now}, seed, opts...)
	return store, client
}

// collectSync runs one Sync to its end (or its first error) and returns the
// ids it delivered.
func collectSync(t *testing.T, seq iter.Seq2[exportRec, error]) ([]int, error) {
	t.Helper()
	recs, err := collect(seq)
	return ids(recs, func(r exportRec) int { return r.id }), err
}

// TestSyncDeliversEachChangeOnce runs three incremental syncs of each
// resource: the first delivers every record once; the second, after
// records were modified, inserted and deleted, exactly the changed and the
// new ones; the third, after no change, nothing, although its overlap reads
// records the second delivered.
func TestSyncDeliversEachChangeOnce(t *testing.T) {
	for _, sk := range syncKinds {
		t.Run(sk.name, func(t *testing.T) {
			k := sk.kind()
			store, client := newSyncStore(t, k, 120)
			ctx := context.Background()
			cp := &bigcommerce.Checkpoint{}

			got, err := collectSync(t, sk.sync(ctx, client, cp))
			if err != nil {
				t.Fatal(err)
			}
			if want := k.ids(store); !slices.Equal(got, want) {
				t.Fatalf("first run delivered %d ids, want the %d of the store once each in id order", len(got), len(want))
			}
			if cp.Run != nil || cp.Since.IsZero() {
				t.Fatalf("after a complete run the checkpoint has Run %+v and Since %v; want no run and a high-water mark", cp.Run, cp.Since)
			}

			ids := k.ids(store)
			changed := []int{ids[3], ids[50], ids[len(ids)-1]}
			for _, id := range changed {
				if !k.modify(store, id) {
					t.Fatalf("modify %d failed", id)
				}
			}
			k.remove(store, ids[10])
			inserted := k.insert(store, 0)
			want := append(slices.Clone(changed), inserted)
			slices.Sort(want)

			got, err = collectSync(t, sk.sync(ctx, client, cp))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("second run delivered %v, want the changed and new records %v", got, want)
			}

			got, err = collectSync(t, sk.sync(ctx, client, cp))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 0 {
				t.Fatalf("third run, with nothing changed, delivered %v", got)
			}
		})
	}
}

// TestSyncResumesFromASavedCheckpoint stops a run part way (as a crash
// would, after the last checkpoint saved), round-trips the checkpoint
// through JSON, and resumes it in a fresh Sync, twice: every record is
// delivered exactly once over the three attempts, and the resumed run still
// ends with a usable high-water mark.
func TestSyncResumesFromASavedCheckpoint(t *testing.T) {
	for _, sk := range syncKinds {
		t.Run(sk.name, func(t *testing.T) {
			k := sk.kind()
			store, client := newSyncStore(t, k, 150)
			ctx := context.Background()
			cp := &bigcommerce.Checkpoint{}
			var delivered []int
			for _, stopAfter := range []int{40, 37} {
				n := 0
				for r, err := range sk.sync(ctx, client, cp) {
					if err != nil {
						t.Fatal(err)
					}
					delivered = append(delivered, r.id)
					if n++; n == stopAfter {
						break
					}
				}
				b, err := json.Marshal(cp)
				if err != nil {
					t.Fatal(err)
				}
				cp = &bigcommerce.Checkpoint{}
				if err := json.Unmarshal(b, cp); err != nil {
					t.Fatal(err)
				}
				if cp.Run == nil || cp.Run.AfterID != delivered[len(delivered)-1] {
					t.Fatalf("saved checkpoint %s does not name the last id delivered, %d", b, delivered[len(delivered)-1])
				}
			}
			rest, err := collectSync(t, sk.sync(ctx, client, cp))
			if err != nil {
				t.Fatal(err)
			}
			delivered = append(delivered, rest...)
			if want := k.ids(store); !slices.Equal(delivered, want) {
				t.Fatalf("over three attempts %d ids were delivered, want the store's %d once each in order", len(delivered), len(want))
			}
			if cp.Run != nil || cp.Since.IsZero() {
				t.Fatalf("the resumed run ended with Run %+v, Since %v", cp.Run, cp.Since)
			}
		})
	}
}

// TestSyncResumesAfterAnError fails a request in the middle of a run: the
// error is yielded once, the checkpoint keeps its place, and the next Sync
// delivers the rest.
func TestSyncResumesAfterAnError(t *testing.T) {
	k := exportKinds[1]
	store, client := newSyncStore(t, k, 100, bigcommerce.WithRetryPolicy(bigcommerce.RetryPolicy{MaxRetries: 0}))
	ctx := context.Background()
	cp := &bigcommerce.Checkpoint{}
	var delivered []int
	n := 0
	var walkErr error
	for p, err := range client.Products.Sync(ctx, cp, &bigcommerce.ProductFilter{Limit: 10}) {
		if err != nil {
			walkErr = err
			break
		}
		delivered = append(delivered, p.ID)
		if n++; n == 30 {
			store.InjectFault(bigcommercetest.Fault{Method: "GET", PathPrefix: "/v3/catalog/products", Status: 401, Times: 50})
		}
	}
	if walkErr == nil {
		t.Fatal("the walk did not fail")
	}
	store.ClearFaults()
	rest, err := collectSync(t, mapRecs(client.Products.Sync(ctx, cp, &bigcommerce.ProductFilter{Limit: 10}), func(p bigcommerce.Product) exportRec { return exportRec{p.ID, p.DateModified} }))
	if err != nil {
		t.Fatal(err)
	}
	delivered = append(delivered, rest...)
	if want := k.ids(store); !slices.Equal(delivered, want) {
		t.Fatalf("delivered %d ids over the failed and the resumed run, want the store's %d once each", len(delivered), len(want))
	}
}

// TestSyncRefusesConflictingFilters checks that a filter setting the bounds
// Sync owns, or a nil checkpoint, is refused before anything is sent.
func TestSyncRefusesConflictingFilters(t *testing.T) {
	store, client := newSyncStore(t, exportKinds[0], 5)
	ctx := context.Background()
	since := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	cases := map[string]iter.Seq2[exportRec, error]{
		"orders MinID": mapRecs(client.Orders.Sync(ctx, &bigcommerce.Checkpoint{}, &bigcommerce.OrderFilter{MinID: 3}), func(bigcommerce.Order) exportRec { return exportRec{} }),
		"orders sort":  mapRecs(client.Orders.Sync(ctx, &bigcommerce.Checkpoint{}, &bigcommerce.OrderFilter{Sort: bigcommerce.OrderSortDateModifiedAsc}), func(bigcommerce.Order) exportRec { return exportRec{} }),
		"products date": mapRecs(client.Products.Sync(ctx, &bigcommerce.Checkpoint{}, &bigcommerce.ProductFilter{DateModifiedMin: since}), func(bigcommerce.Product) exportRec {
			return exportRec{}
		}),
		"customers sort": mapRecs(client.Customers.Sync(ctx, &bigcommerce.Checkpoint{}, &bigcommerce.CustomerFilter{Sort: bigcommerce.CustomerSortLastNameAsc}), func(bigcommerce.Customer) exportRec {
			return exportRec{}
		}),
		"nil checkpoint": mapRecs(client.Orders.Sync(ctx, nil, nil), func(bigcommerce.Order) exportRec { return exportRec{} }),
	}
	before := store.Requests()
	for name, seq := range cases {
		_, err := collectSync(t, seq)
		if !errors.Is(err, bigcommerce.ErrInvalidRequest) {
			t.Errorf("%s: got %v, want ErrInvalidRequest", name, err)
		}
	}
	if n := store.Requests() - before; n != 0 {
		t.Errorf("%d requests were sent for refused syncs", n)
	}
}

// skipWindowOnce answers one GET /v2/orders whose min_id is at least from
// with 204 No Content, once: a flaky cache that loses a window of ids.
type skipWindowOnce struct {
	next http.RoundTripper
	from int
	done atomic.Bool
}

func (s *skipWindowOnce) RoundTrip(r *http.Request) (*http.Response, error) {
	minID, _ := strconv.Atoi(r.URL.Query().Get("min_id"))
	if r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/v2/orders") && minID >= s.from && r.URL.Query().Get("sort") != "id:desc" && s.done.CompareAndSwap(false, true) {
		return &http.Response{StatusCode: http.StatusNoContent, Header: http.Header{}, Body: http.NoBody, Request: r}, nil
	}
	return s.next.RoundTrip(r)
}

// TestSyncAfterAnIncompleteWalk loses a window of orders once: the walk
// ends with ErrIncompleteWalk, and the next Sync with the saved checkpoint
// delivers the orders the first attempt missed instead of ending the run
// past them.
func TestSyncAfterAnIncompleteWalk(t *testing.T) {
	k := exportKinds[0]
	rt := &skipWindowOnce{from: 400}
	store, _ := newSyncStore(t, k, 600)
	rt.next = store.Transport()
	client, err := bigcommerce.NewClient(fakeHash, bigcommerce.TokenAuth{AccessToken: "fake-token"},
		bigcommerce.WithBaseURL("http://fakestore.test/stores/"+fakeHash), bigcommerce.WithHTTPClient(&http.Client{Transport: rt}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	cp := &bigcommerce.Checkpoint{}
	first, err := collectSync(t, mapRecs(client.Orders.Sync(ctx, cp, &bigcommerce.OrderFilter{Limit: 50}), func(o bigcommerce.Order) exportRec { return exportRec{o.ID, o.DateModified.Time} }))
	if !errors.Is(err, bigcommerce.ErrIncompleteWalk) || !rt.done.Load() {
		t.Fatalf("first attempt: %d orders, err %v: want the lost window reported", len(first), err)
	}
	b, _ := json.Marshal(cp)
	cp = &bigcommerce.Checkpoint{}
	if err := json.Unmarshal(b, cp); err != nil {
		t.Fatal(err)
	}
	second, err := collectSync(t, mapRecs(client.Orders.Sync(ctx, cp, &bigcommerce.OrderFilter{Limit: 50}), func(o bigcommerce.Order) exportRec { return exportRec{o.ID, o.DateModified.Time} }))
	if err != nil {
		t.Fatal(err)
	}
	got := map[int]bool{}
	for _, id := range append(first, second...) {
		got[id] = true
	}
	for _, id := range k.ids(store) {
		if !got[id] {
			t.Fatalf("order %d was never delivered (first attempt %d orders, second %d)", id, len(first), len(second))
		}
	}
	if cp.Run != nil {
		t.Errorf("the second attempt did not end the run")
	}
}
