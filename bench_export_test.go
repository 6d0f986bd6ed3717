package bigcommerce

import (
	"context"
	"iter"
	"net/http"
	"strconv"
	"testing"
	"time"

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
		walk func(ctx context.Context, c *Client) iter.Seq2[int, error]
		mode int // customers: how the new walk goes
	}
	ids := func(seq iter.Seq2[Order, error]) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for o, err := range seq {
				if !yield(o.ID, err) {
					return
				}
			}
		}
	}
	pids := func(seq iter.Seq2[Product, error]) iter.Seq2[int, error] {
		return func(yield func(int, error) bool) {
			for p, err := range seq {
				if !yield(p.ID, err) {
					return
				}
			}
		}
	}
	cids := func(seq iter.Seq2[Customer, error]) iter.Seq2[int, error] {
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
		{name: "orders/new", seed: orders, walk: func(ctx context.Context, c *Client) iter.Seq2[int, error] {
			return ids(c.Orders.All(ctx, nil))
		}},
		{name: "orders/old", seed: orders, walk: func(ctx context.Context, c *Client) iter.Seq2[int, error] {
			return ids(oldOrdersWalk(ctx, c))
		}},
		{name: "products/new", seed: products, walk: func(ctx context.Context, c *Client) iter.Seq2[int, error] {
			return pids(c.Products.All(ctx, nil))
		}},
		{name: "products/old", seed: products, walk: func(ctx context.Context, c *Client) iter.Seq2[int, error] {
			return pids(walk(ctx, c, &ProductFilter{}, MaxPageSize, c.Products.List))
		}},
		{name: "customers/new-idin", seed: customers, mode: customerWalkIDIn, walk: func(ctx context.Context, c *Client) iter.Seq2[int, error] {
			return cids(c.Customers.All(ctx, nil))
		}},
		{name: "customers/new-cursor", seed: customers, mode: customerWalkCursor, walk: func(ctx context.Context, c *Client) iter.Seq2[int, error] {
			return cids(c.Customers.All(ctx, nil))
		}},
		{name: "customers/old", seed: customers, walk: func(ctx context.Context, c *Client) iter.Seq2[int, error] {
			return cids(walk(ctx, c, &CustomerFilter{}, MaxPageSize, c.Customers.List))
		}},
	}
	for _, conc := range []int{4, 10} {
		for _, ex := range exports {
			b.Run(ex.name+"/c"+strconv.Itoa(conc), func(b *testing.B) {
				old := customerWalkMode
				customerWalkMode = ex.mode
				defer func() { customerWalkMode = old }()
				var requests, tooMany, eff float64
				for range b.N {
					b.StopTimer()
					store := bigcommercetest.New(bigcommercetest.Config{StoreHash: fakeHash, Quota: benchQuota, Window: benchWindow, Latency: benchLatency})
					store.Seed(ex.seed)
					c, err := NewClient(fakeHash, TokenAuth{AccessToken: "fake-token"}, WithMaxConcurrency(conc),
						WithBaseURL("http://fakestore.test/stores/"+fakeHash), WithHTTPClient(&http.Client{Transport: store.Transport()}))
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
func oldOrdersWalk(ctx context.Context, c *Client) iter.Seq2[Order, error] {
	return func(yield func(Order, error) bool) {
		f := OrderFilter{Limit: MaxPageSize, Sort: OrderSortIDAsc}
		for {
			items, _, err := c.Orders.List(ctx, &f)
			if err != nil {
				yield(Order{}, err)
				return
			}
			for _, o := range items {
				if !yield(o, nil) {
					return
				}
			}
			if len(items) < MaxPageSize {
				return
			}
			f.MinID = items[len(items)-1].ID + 1
		}
	}
}
