package bigcommerce_test

// Benchmarks of the real Client against bigcommercetest, in-process
// (store.Transport(), no sockets) with a quota large enough that the rate
// window never makes anyone wait. The times include the fake store's own
// work (filtering, encoding JSON), so they are an upper bound on the SDK's
// cost; bench_page_test.go compares one page against a hand-written client
// and isolates the decoding.
//
//	go test -bench . -benchmem -run '^$'

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// benchConfig gives a quota no benchmark can spend.
var benchConfig = bigcommercetest.Config{Quota: 1 << 30, Window: time.Hour}

// benchWalk runs walk b.N times, checks it yields want records each time,
// and reports records/s.
func benchWalk[T any](b *testing.B, want int, walk func() func(func(T, error) bool)) {
	b.Helper()
	b.ReportAllocs()
	records := 0
	for b.Loop() {
		n := 0
		for _, err := range walk() {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != want {
			b.Fatalf("walked %d records, want %d", n, want)
		}
		records += n
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
}

func BenchmarkCustomersAll(b *testing.B) {
	c, store := newFakeStoreClient(b, benchConfig, bigcommercetest.SeedOptions{Seed: 1, Customers: 10000})
	ctx := context.Background()
	benchWalk(b, store.CustomerCount(), func() func(func(bigcommerce.Customer, error) bool) {
		return c.Customers.All(ctx, nil)
	})
}

func BenchmarkOrdersAll(b *testing.B) {
	c, store := newFakeStoreClient(b, benchConfig, bigcommercetest.SeedOptions{Seed: 1, Customers: 500, Products: 200, Orders: 10000})
	ctx := context.Background()
	benchWalk(b, store.OrderCount(), func() func(func(bigcommerce.Order, error) bool) {
		return c.Orders.All(ctx, nil)
	})
}

func BenchmarkProductsAllWithVariants(b *testing.B) {
	c, store := newFakeStoreClient(b, benchConfig, bigcommercetest.SeedOptions{Seed: 1, Products: 2000, VariantsPerProduct: 3})
	ctx := context.Background()
	filter := &bigcommerce.ProductFilter{Include: []bigcommerce.ProductInclude{bigcommerce.ProductIncludeVariants}}
	benchWalk(b, store.ProductCount(), func() func(func(bigcommerce.Product, error) bool) {
		return c.Products.All(ctx, filter)
	})
}

func BenchmarkAdjustAbsolute5000(b *testing.B) {
	c, store := newFakeStoreClient(b, benchConfig, bigcommercetest.SeedOptions{Seed: 1, Products: 2500, VariantsPerProduct: 2})
	ctx := context.Background()
	items := make([]bigcommerce.InventoryAdjustment, 0, 5000)
	for p := 1; p <= 2500; p++ {
		for _, size := range []string{"XS", "S"} {
			items = append(items, bigcommerce.InventoryAdjustment{LocationID: 1, SKU: fmt.Sprintf("SKU-%06d-%s", p, size), Quantity: p % 97})
		}
	}
	if _, ok := store.StockAt(1, items[4999].SKU); !ok {
		b.Fatalf("seeded store has no SKU %s", items[4999].SKU)
	}
	b.ReportAllocs()
	records := 0
	for b.Loop() {
		txs, _, err := c.Inventory.AdjustAbsolute(ctx, items, "benchmark")
		if err != nil || len(txs) != 3 {
			b.Fatalf("AdjustAbsolute: %d transactions, %v", len(txs), err)
		}
		records += len(items)
	}
	b.ReportMetric(float64(records)/b.Elapsed().Seconds(), "records/s")
	if got, _ := store.StockAt(1, items[4999].SKU); got != items[4999].Quantity {
		b.Errorf("stock of %s is %d, want %d", items[4999].SKU, got, items[4999].Quantity)
	}
}
