package bigcommerce_test

// An order export with line items on a quota-limited store: the old way
// (GET /v2/orders, then GET /v2/orders/{id}/products for every order)
// against the line items inline (include=consignments.line_items). Each
// iteration exports 1,000 orders (1 to 3 line items each) from a fresh
// fake store with BigCommerce's quota shape scaled down (25 requests per 1 s
// window) and 20 ms per request. The old way is bound by the quota (about
// 1,004 requests, 40 s); run it on purpose:
//
//	go test -run '^$' -bench OrderExportLineItems -benchtime 1x -count 3
//
// Reported: ns/op (one whole export), requests/op, orders/op and
// line-items/op.

import (
	"context"
	"testing"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

const benchExportOrders = 1000

var benchQuotaConfig = bigcommercetest.Config{Quota: 25, Window: time.Second, Latency: 20 * time.Millisecond}

// benchExport runs export once per iteration against a fresh store and
// reports its requests.
func benchExport(b *testing.B, export func(ctx context.Context, c *bigcommerce.Client) (orders, items int, err error)) {
	ctx := context.Background()
	var requests, orders, items int
	for b.Loop() {
		b.StopTimer()
		c, store := newFakeStoreClient(b, benchQuotaConfig, bigcommercetest.SeedOptions{Seed: 1, Products: 50, Orders: benchExportOrders})
		before := store.Requests()
		b.StartTimer()
		n, m, err := export(ctx, c)
		b.StopTimer()
		if err != nil {
			b.Fatal(err)
		}
		if n != benchExportOrders {
			b.Fatalf("exported %d orders, want %d", n, benchExportOrders)
		}
		requests += store.Requests() - before
		orders, items = n, m
		b.StartTimer()
	}
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
	b.ReportMetric(float64(orders), "orders/op")
	b.ReportMetric(float64(items), "line-items/op")
}

func BenchmarkOrderExportLineItems(b *testing.B) {
	b.Run("old=ListProducts-per-order", func(b *testing.B) {
		benchExport(b, func(ctx context.Context, c *bigcommerce.Client) (int, int, error) {
			orders, items := 0, 0
			for o, err := range c.Orders.All(ctx, nil) {
				if err != nil {
					return orders, items, err
				}
				lines, _, err := c.Orders.ListProducts(ctx, o.ID, &bigcommerce.ListOptions{Limit: bigcommerce.MaxPageSize})
				if err != nil {
					return orders, items, err
				}
				orders++
				items += len(lines)
			}
			return orders, items, nil
		})
	})
	b.Run("new=include-line-items", func(b *testing.B) {
		benchExport(b, func(ctx context.Context, c *bigcommerce.Client) (int, int, error) {
			orders, items := 0, 0
			filter := &bigcommerce.OrderFilter{Include: bigcommerce.StringList{bigcommerce.OrderIncludeConsignmentsLineItems}}
			for o, err := range c.Orders.All(ctx, filter) {
				if err != nil {
					return orders, items, err
				}
				lines, err := c.Orders.CompleteLineItems(ctx, &o)
				if err != nil {
					return orders, items, err
				}
				orders++
				items += len(lines)
			}
			return orders, items, nil
		})
	})
}
