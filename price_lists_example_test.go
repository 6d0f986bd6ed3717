package bigcommerce_test

import (
	"context"
	"fmt"
	"log"

	"github.com/shopspring/decimal"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// Create a price list and give a variant its price in two currencies
// (records are upserted by variant id or SKU), then read them back.
func ExamplePriceListsService_Create() {
	srv := bigcommercetest.NewServer()
	defer srv.Close()
	client, err := srv.Client() // TokenAuth and WithBaseURL for the test store
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	_, _, err = client.Products.Create(ctx, bigcommerce.ProductCreate{Name: "Pour-over kettle", Type: bigcommerce.ProductTypePhysical, Weight: 1, SKU: bigcommerce.Ptr("KT-1")})
	if err != nil {
		log.Fatal(err)
	}

	list, _, err := client.PriceLists.Create(ctx, bigcommerce.PriceListCreate{Name: "Trade", Active: bigcommerce.Ptr(true)})
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.PriceLists.UpsertRecords(ctx, list.ID, []bigcommerce.PriceRecordUpsert{
		{SKU: "KT-1", Currency: "usd", Price: bigcommerce.Ptr(decimal.RequireFromString("39.50"))},
		{SKU: "KT-1", Currency: "eur", Price: bigcommerce.Ptr(decimal.RequireFromString("36.00"))},
	})
	if err != nil {
		log.Fatal(err) // a *BatchError names the records that failed
	}
	for r, err := range client.PriceLists.AllRecords(ctx, list.ID, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("variant", r.VariantID, r.Currency, r.Price.StringFixed(2))
	}
	// Output:
	// variant 1 usd 39.50
	// variant 1 eur 36.00
}
