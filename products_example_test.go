package bigcommerce_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
	"github.com/shopspring/decimal"
)

// ExampleProductsService restocks every visible, sold-out product: it
// collects them with All (products are not changed while the pages are
// walked, so no page shifts under the walk), then writes the new stock
// with one UpdateBatch, which sends chunks of 10.
func ExampleProductsService() {
	srv := bigcommercetest.NewServer() // stands in for the store, so the example runs offline
	defer srv.Close()
	client, err := srv.Client() // TokenAuth and WithBaseURL for the test store
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for _, p := range []struct {
		name  string
		price string
		stock int
	}{{"1L Le Parfait Jar", "7.95", 0}, {"0.5L Le Parfait Jar", "5.50", 0}, {"Jar Lid", "1.25", 40}} {
		_, _, err := client.Products.Create(ctx, bigcommerce.ProductCreate{
			Name: p.name, Type: bigcommerce.ProductTypePhysical, Weight: 1, Price: decimal.RequireFromString(p.price),
			IsVisible: bigcommerce.Ptr(true), InventoryTracking: bigcommerce.Ptr("product"), InventoryLevel: bigcommerce.Ptr(p.stock),
		})
		if err != nil {
			log.Fatal(err)
		}
	}

	soldOut := &bigcommerce.ProductFilter{
		IsVisible:      bigcommerce.Ptr(true),
		InventoryLevel: bigcommerce.Ptr(0),
	}
	var restock []bigcommerce.ProductUpdate
	for p, err := range client.Products.All(ctx, soldOut) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d %s at %s is sold out\n", p.ID, p.Name, p.Price.StringFixed(2))
		restock = append(restock, bigcommerce.ProductUpdate{
			ID:                p.ID,
			InventoryTracking: bigcommerce.Ptr("product"),
			InventoryLevel:    bigcommerce.Ptr(25),
		})
	}

	saved, _, err := client.Products.UpdateMany(ctx, restock)
	var failed *bigcommerce.BatchError
	switch {
	case errors.As(err, &failed):
		fmt.Println("not restocked:", failed.FailedIndexes())
	case err != nil:
		log.Fatal(err)
	}
	for _, p := range saved {
		fmt.Printf("%d now has %d\n", p.ID, p.InventoryLevel)
	}
	// Output:
	// 1 1L Le Parfait Jar at 7.95 is sold out
	// 2 0.5L Le Parfait Jar at 5.50 is sold out
	// 1 now has 25
	// 2 now has 25
}
