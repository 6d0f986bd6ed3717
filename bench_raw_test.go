package bigcommerce

// The raw calls' cost against the typed services on the same recorded
// 250-record pages (see bench_page_test.go): ListPage[T] decodes V3's
// {data, meta} with its own top-level pass (rawAnswer) where Products.List
// decodes the envelope type directly. The sub-benchmarks run side by side:
//
//	go test -run '^$' -bench 'RawListPage' -benchmem -count 6

import (
	"context"
	"testing"
)

func BenchmarkRawListPage(b *testing.B) {
	ctx := context.Background()
	b.Run("v3-products", func(b *testing.B) {
		c, _ := replayClients(b, recordPage(b, "/v3/catalog/products?limit=250"))
		filter := &ProductFilter{Limit: 250}
		b.Run("typed", func(b *testing.B) {
			for b.Loop() {
				if items, _, err := c.Products.List(ctx, filter); err != nil || len(items) != 250 {
					b.Fatal(len(items), err)
				}
			}
		})
		b.Run("raw", func(b *testing.B) {
			for b.Loop() {
				if items, _, err := ListPage[Product](ctx, c, "/v3/catalog/products?limit=250", nil); err != nil || len(items) != 250 {
					b.Fatal(len(items), err)
				}
			}
		})
	})
	b.Run("v2-orders", func(b *testing.B) {
		c, _ := replayClients(b, recordPage(b, "/v2/orders?limit=250"))
		filter := &OrderFilter{Limit: 250}
		b.Run("typed", func(b *testing.B) {
			for b.Loop() {
				if items, _, err := c.Orders.List(ctx, filter); err != nil || len(items) != 250 {
					b.Fatal(len(items), err)
				}
			}
		})
		b.Run("raw", func(b *testing.B) {
			for b.Loop() {
				if items, _, err := ListPage[Order](ctx, c, "/v2/orders?limit=250", nil); err != nil || len(items) != 250 {
					b.Fatal(len(items), err)
				}
			}
		})
	})
}
