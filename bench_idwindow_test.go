package bigcommerce_test

import (
	"context"
	"iter"
	"net/http"
	"strconv"
	"testing"
	"testing/synctest"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// The export benchmark: a fake store with BigCommerce's quota shape (25
// requests per 1 s window, 200 ms per request) and 10,000 records, walked
// with WithMaxConcurrency 4 and 10. It waits for real (the latency is real
// time), so it only runs with -bench:
//
//	go test -run '^$' -bench BenchmarkExport -benchtime 1x -count 5 .
//
// Each export reports its requests, its 429s, and its efficiency:
// bound/elapsed, where bound = max(requests / quota rate, requests × latency
// / concurrency) is the shortest time the quota and the latency allow for
// that many requests. The old walks (offset pages fetched ahead for
// products and customers, one id range at a time for orders) run beside
// the new ones for comparison; customers are measured both ways the new
// walk can go (cursor and id:in windows).

const (
	benchQuota   = 25
	benchWindow  = time.Second
	benchLatency = 200 * time.Millisecond
	benchRecords = 10_000
)

func BenchmarkExport(b *testing.B) {
	type export struct {
		name string
		seed bigcommercetest.SeedOptions
		walk func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[int, error]
		mode int // customers: how the new walk goes
	}
	ids := func(seq iter.Seq2[bigcommerce.Order, error]) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for o, err := range seq {
				if !yield(o.ID, err) {
					return
				}
			}
		}
	}
	pids := func(seq iter.Seq2[bigcommerce.Product, error]) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for p, err := range seq {
				if !yield(p.ID, err) {
					return
				}
			}
		}
	}
	cids := func(seq iter.Seq2[bigcommerce.Customer, error]) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for cu, err := range seq {
				if !yield(cu.ID, err) {
					return
				}
			}
		}
	}
	orders := bigcommercetest.SeedOptions{Seed: 1, Orders: benchRecords, LineItemsPerOrder: 1}
	products := bigcommercetest.SeedOptions{Seed: 1, Products: benchRecords}
	customers := bigcommercetest.SeedOptions{Seed: 1, Customers: benchRecords}
	exports := []export{
		{name: "orders/new", seed: orders, walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[int, error] {
			return ids(c.Orders.All(ctx, nil))
		}},
		{name: "orders/old", seed: orders, walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[int, error] {
			return ids(oldOrdersWalk(ctx, c))
		}},
		{name: "products/new", seed: products, walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[int, error] {
			return pids(c.Products.All(ctx, nil))
		}},
		{name: "products/old", seed: products, walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[int, error] {
			return pids(bigcommerce.OffsetWalkProducts(ctx, c))
		}},
		{name: "customers/new-idin", seed: customers, mode: bigcommerce.CustomerWalkIDIn, walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[int, error] {
			return cids(c.Customers.All(ctx, nil))
		}},
		{name: "customers/new-cursor", seed: customers, mode: bigcommerce.CustomerWalkCursor, walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[int, error] {
			return cids(c.Customers.All(ctx, nil))
		}},
		{name: "customers/old", seed: customers, walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[int, error] {
			return cids(bigcommerce.OffsetWalkCustomers(ctx, c))
		}},
	}
	for _, conc := range []int{4, 10} {
		for _, ex := range exports {
			b.Run(ex.name+"/c"+strconv.Itoa(conc), func(b *testing.B) {
				defer bigcommerce.SetCustomerWalkMode(ex.mode)()
				var requests, tooMany, eff float64
				for range b.N {
					b.StopTimer()
					store := bigcommercetest.New(bigcommercetest.Config{StoreHash: fakeHash, Quota: benchQuota, Window: benchWindow, Latency: benchLatency})
					store.Seed(ex.seed)
					c, err := bigcommerce.NewClient(fakeHash, bigcommerce.TokenAuth{AccessToken: "fake-token"}, bigcommerce.WithMaxConcurrency(conc),
						bigcommerce.WithBaseURL("http://fakestore.test/stores/"+fakeHash), bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}))
					if err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
					start := time.Now()
					n := 0
					for _, err := range ex.walk(b.Context(), c) {
						if err != nil {
							b.Fatal(err)
						}
						n++
					}
					elapsed := time.Since(start)
					b.StopTimer()
					if n != benchRecords {
						b.Fatalf("exported %d records, want %d", n, benchRecords)
					}
					log := store.RequestLog()
					r := float64(len(log))
					for _, rec := range log {
						if rec.Status == http.StatusTooManyRequests {
							tooMany++
						}
					}
					bound := max(r/(benchQuota/benchWindow.Seconds()), r*benchLatency.Seconds()/float64(conc))
					requests += r
					eff += bound / elapsed.Seconds()
				}
				b.ReportMetric(requests/float64(b.N), "requests/op")
				b.ReportMetric(tooMany/float64(b.N), "429s/op")
				b.ReportMetric(eff/float64(b.N), "efficiency")
			})
		}
	}
}

// oldOrdersWalk is how Orders.All walked before the export engine: one
// request at a time, min_id just above the last order seen.
func oldOrdersWalk(ctx context.Context, c *bigcommerce.Client) iter.Seq2[bigcommerce.Order, error] {
	return func(yield func(bigcommerce.Order, error) bool) {
		f := bigcommerce.OrderFilter{Limit: bigcommerce.MaxPageSize, Sort: bigcommerce.OrderSortIDAsc}
		for {
			items, _, err := c.Orders.List(ctx, &f)
			if err != nil {
				yield(bigcommerce.Order{}, err)
				return
			}
			for _, o := range items {
				if !yield(o, nil) {
					return
				}
			}
			if len(items) < bigcommerce.MaxPageSize {
				return
			}
			f.MinID = items[len(items)-1].ID + 1
		}
	}
}

// quotaExport runs one export on a fresh quota-limited store (seeded with
// seed) and returns the records yielded, the requests sent, the 429s among
// them, the time it took and its efficiency (see BenchmarkExport).
func quotaExport(tb testing.TB, seed bigcommercetest.SeedOptions, conc int,
	walk func(context.Context, *bigcommerce.Client) iter.Seq2[int, error]) (records, requests, tooMany int, elapsed time.Duration, eff float64) {
	tb.Helper()
	store := bigcommercetest.New(bigcommercetest.Config{StoreHash: fakeHash, Quota: benchQuota, Window: benchWindow, Latency: benchLatency})
	store.Seed(seed)
	c, err := bigcommerce.NewClient(fakeHash, bigcommerce.TokenAuth{AccessToken: "fake-token"}, bigcommerce.WithMaxConcurrency(conc),
		bigcommerce.WithBaseURL("http://fakestore.test/stores/"+fakeHash), bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}))
	if err != nil {
		tb.Fatal(err)
	}
	seen := map[int]bool{}
	start := time.Now()
	for id, err := range walk(tb.Context(), c) {
		if err != nil {
			tb.Fatal(err)
		}
		if seen[id] {
			tb.Fatalf("id %d yielded twice", id)
		}
		seen[id] = true
	}
	elapsed = time.Since(start)
	log := store.RequestLog()
	for _, rec := range log {
		if rec.Status == http.StatusTooManyRequests {
			tooMany++
		}
	}
	r := float64(len(log))
	bound := max(r/(benchQuota/benchWindow.Seconds()), r*benchLatency.Seconds()/float64(conc))
	return len(seen), len(log), tooMany, elapsed, bound / elapsed.Seconds()
}

// TestExportQuotaShapeFakeClock runs the quota benchmark's exports on the
// bubble's fake clock, where only the latency and the rate window take
// time (decoding is free): what is left is how well the walk and the
// throttle schedule requests. The sequential walks (the old Orders.All by
// min_id, the customers cursor) must take longer than the id windows.
func TestExportQuotaShapeFakeClock(t *testing.T) {
	const records = 3000
	orders := bigcommercetest.SeedOptions{Seed: 1, Orders: records, LineItemsPerOrder: 1}
	products := bigcommercetest.SeedOptions{Seed: 1, Products: records}
	allOrders := func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[int, error] {
		return mapIDs(c.Orders.All(ctx, nil), func(o bigcommerce.Order) int { return o.ID })
	}
	oldOrders := func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[int, error] {
		return mapIDs(oldOrdersWalk(ctx, c), func(o bigcommerce.Order) int { return o.ID })
	}
	allProducts := func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[int, error] {
		return mapIDs(c.Products.All(ctx, nil), func(p bigcommerce.Product) int { return p.ID })
	}
	customers := bigcommercetest.SeedOptions{Seed: 1, Customers: records}
	customersBy := func(mode int) func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[int, error] {
		return func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[int, error] {
			restore := bigcommerce.SetCustomerWalkMode(mode)
			return func(yield func(int, error) bool) {
				defer restore()
				for id, err := range mapIDs(c.Customers.All(ctx, nil), func(cu bigcommerce.Customer) int { return cu.ID }) {
					if !yield(id, err) {
						return
					}
				}
			}
		}
	}
	for _, conc := range []int{4, 10} {
		for _, ex := range []struct {
			name, oldName string
			seed          bigcommercetest.SeedOptions
			new, old      func(context.Context, *bigcommerce.Client) iter.Seq2[int, error]
		}{
			{"orders", "old walk by min_id", orders, allOrders, oldOrders},
			{"products", "old walk by offset", products, allProducts, func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[int, error] {
				return mapIDs(bigcommerce.OffsetWalkProducts(ctx, c), func(p bigcommerce.Product) int { return p.ID })
			}},
			// Dense customer ids: id:in windows against the cursor, the
			// choice Customers.All makes by density.
			{"customers", "cursor walk", customers, customersBy(bigcommerce.CustomerWalkIDIn), customersBy(bigcommerce.CustomerWalkCursor)},
		} {
			t.Run(ex.name+"/c"+strconv.Itoa(conc), func(t *testing.T) {
				synctest.Test(t, func(t *testing.T) {
					n, reqs, tooMany, el, eff := quotaExport(t, ex.seed, conc, ex.new)
					if n != records {
						t.Fatalf("exported %d records, want %d", n, records)
					}
					t.Logf("new walk: %d requests, %d 429s, %v, efficiency %.2f", reqs, tooMany, el, eff)
					if ex.old == nil {
						return
					}
					_, oreqs, otoo, oel, oeff := quotaExport(t, ex.seed, conc, ex.old)
					t.Logf("%s: %d requests, %d 429s, %v, efficiency %.2f", ex.oldName, oreqs, otoo, oel, oeff)
					if ex.name != "products" && el >= oel { // the old products walk fetched offsets ahead
						t.Errorf("the id windows took %v, the sequential walk %v", el, oel)
					}
				})
			})
		}
	}
}

// mapIDs maps a walk's items to their ids.
func mapIDs[T any](seq iter.Seq2[T, error], id func(T) int) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for v, err := range seq {
			var n int
			if err == nil {
				n = id(v)
			}
			if !yield(n, err) {
				return
			}
		}
	}
}
