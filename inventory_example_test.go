package bigcommerce_test

import (
	"context"
	"fmt"
	"log"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// ExampleInventoryService_AdjustAbsolute sets stock levels after a stock
// count, then records a sale of two with a relative adjustment. A
// bigcommercetest store stands in for BigCommerce; StockAt reads what it
// holds.
func ExampleInventoryService_AdjustAbsolute() {
	srv := bigcommercetest.NewServer()
	defer srv.Close()
	client, err := srv.Client() // TokenAuth and WithBaseURL for the test store
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for _, sku := range []string{"RE-130", "RE-131"} {
		_, _, err := client.Products.Create(ctx, bigcommerce.ProductCreate{
			Name: "Jar " + sku, Type: bigcommerce.ProductTypePhysical, Weight: 1, SKU: bigcommerce.Ptr(sku),
			InventoryTracking: bigcommerce.Ptr("product"),
		})
		if err != nil {
			log.Fatal(err)
		}
	}

	// Absolute: the counted quantity at location 1 (the default location);
	// 0 marks an item out of stock.
	_, _, err = client.Inventory.AdjustAbsolute(ctx, []bigcommerce.InventoryAdjustment{
		{LocationID: 1, SKU: "RE-130", Quantity: 30},
		{LocationID: 1, SKU: "RE-131", Quantity: 0},
	}, "Weekly stock count")
	if err != nil {
		log.Fatal(err)
	}
	// Relative: a change, here two sold in a physical shop.
	_, _, err = client.Inventory.AdjustRelative(ctx, []bigcommerce.InventoryAdjustment{
		{LocationID: 1, SKU: "RE-130", Quantity: -2},
	}, "Shop sale")
	if err != nil {
		log.Fatal(err)
	}
	for _, sku := range []string{"RE-130", "RE-131"} {
		n, _ := srv.Store().StockAt(1, sku)
		fmt.Println(sku, n)
	}
	// Output:
	// RE-130 28
	// RE-131 0
}
