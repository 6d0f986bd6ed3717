package bigcommerce_test

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log"
	"strconv"
	"strings"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
	"github.com/shopspring/decimal"
)

// ExampleInventoryService_AdjustAbsoluteSeq streams a stock file into
// BigCommerce: the rows are read one at a time as the SDK sends them, so
// a file of a million rows needs no more memory than one of three. A bad
// row is reported at its position and the others are still sent.
func ExampleInventoryService_AdjustAbsoluteSeq() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Products: 3, VariantsPerProduct: 2}))
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	file := strings.NewReader("SKU-000001-XS,1,12\nSKU-000002-S,1,-4\nSKU-000003-XS,1,7\n") // os.Open in real life

	var readErr error
	rows := func(yield func(bigcommerce.InventoryAdjustment) bool) {
		r := csv.NewReader(file)
		for {
			rec, err := r.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				readErr = err
				return
			}
			location, _ := strconv.Atoi(rec[1])
			quantity, _ := strconv.Atoi(rec[2])
			if !yield(bigcommerce.InventoryAdjustment{SKU: rec[0], LocationID: location, Quantity: quantity}) {
				return
			}
		}
	}
	ctx := bigcommerce.WithProgress(context.Background(), func(p bigcommerce.Progress) {
		if p.Finished {
			fmt.Printf("%s: %d rows, %d failed\n", p.Op, p.Done, p.Failed)
		}
	})
	_, err = client.Inventory.AdjustAbsoluteSeq(ctx, rows, "stock file")
	if readErr != nil {
		log.Fatal(readErr)
	}
	var be *bigcommerce.BatchError
	if errors.As(err, &be) {
		for _, f := range be.Failures {
			fmt.Printf("row %d not applied\n", f.Index+1)
		}
	}
	for _, sku := range []string{"SKU-000001-XS", "SKU-000003-XS"} {
		n, _ := srv.Store().StockAt(1, sku)
		fmt.Println(sku, n)
	}
	// Output:
	// Inventory.AdjustAbsoluteSeq: 3 rows, 1 failed
	// row 2 not applied
	// SKU-000001-XS 12
	// SKU-000003-XS 7
}

// ExampleProductsService_CreateMany creates products whose POST takes one
// at a time, as many at once as the client allows: the result holds one
// product per input, and a product BigCommerce refused is named by its
// index.
func ExampleProductsService_CreateMany() {
	srv := bigcommercetest.NewServer()
	defer srv.Close()
	client, err := srv.Client(bigcommerce.WithMaxConcurrency(8))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	in := []bigcommerce.ProductCreate{
		{Name: "Mug", Type: bigcommerce.ProductTypePhysical, Weight: 1, Price: decimal.RequireFromString("9.50")},
		{Name: "Lamp", Type: bigcommerce.ProductTypePhysical, Weight: 3, Price: decimal.RequireFromString("35")},
		{Name: "Mug", Type: bigcommerce.ProductTypePhysical, Weight: 1, Price: decimal.RequireFromString("9.50")}, // a duplicate name
	}
	products, _, err := client.Products.CreateMany(ctx, in[:2])
	if err != nil {
		log.Fatal(err)
	}
	for i, p := range products {
		fmt.Printf("%d: %s created (id > 0: %v)\n", i, p.Name, p.ID > 0)
	}
	_, _, err = client.Products.CreateMany(ctx, in[2:])
	var be *bigcommerce.BatchError
	if errors.As(err, &be) {
		fmt.Println("failed:", be.FailedIndexes(), errors.Is(err, bigcommerce.ErrConflict))
	}
	// Output:
	// 0: Mug created (id > 0: true)
	// 1: Lamp created (id > 0: true)
	// failed: [0] true
}
