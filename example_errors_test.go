package bigcommerce_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// exampleClient connects to a bigcommercetest store the way production code
// connects to BigCommerce, plus WithBaseURL.
func exampleClient(srv *bigcommercetest.Server, opts ...bigcommerce.Option) *bigcommerce.Client {
	client, err := srv.Client(opts...)
	if err != nil {
		log.Fatal(err)
	}
	return client
}

// Errors from BigCommerce are *Error values; errors.Is matches them
// against the sentinels (ErrNotFound, ErrUnauthorized, ErrForbidden,
// ErrRateLimited, ...) and errors.As gives the details.
func ExampleError() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Orders: 3}))
	defer srv.Close()
	client := exampleClient(srv)

	_, _, err := client.Orders.Get(context.Background(), 999, nil)
	if errors.Is(err, bigcommerce.ErrNotFound) {
		fmt.Println("no order 999")
	}
	var apiErr *bigcommerce.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Method, apiErr.Path)
	}
	// Output:
	// no order 999
	// 404 GET /v2/orders/999
}

// A *RateLimitError means the store's request quota is spent for longer
// than the client may wait (RetryPolicy.MaxWait, the context's deadline).
// RetryAfter says when to come back.
func ExampleRateLimitError() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithQuota(1, 30*time.Second))
	defer srv.Close()
	// This client waits for nothing, so the second call fails at once.
	client := exampleClient(srv, bigcommerce.WithRetryPolicy(bigcommerce.RetryPolicy{}))
	ctx := context.Background()

	for range 2 {
		_, err := client.Ping(ctx)
		var rle *bigcommerce.RateLimitError
		switch {
		case errors.As(err, &rle):
			fmt.Println("rate limited:", errors.Is(err, bigcommerce.ErrRateLimited), rle.Rate.Quota, "per", rle.Rate.Window,
				"retry in about", rle.RetryAfter.Round(time.Second))
		case err != nil:
			log.Fatal(err)
		default:
			fmt.Println("ok")
		}
	}
	// Output:
	// ok
	// rate limited: true 1 per 30s retry in about 30s
}

// A *BatchError lists the items of a chunked batch write that failed, by
// their index in the input; the rest were saved and are returned. Here
// BigCommerce rejects the second chunk of customers whole, because one of
// its emails is taken.
func ExampleBatchError() {
	srv := bigcommercetest.NewServer()
	defer srv.Close()
	client := exampleClient(srv)
	ctx := context.Background()
	if _, _, err := client.Customers.CreateMany(ctx, []bigcommerce.CustomerCreate{{Email: "taken@example.com", FirstName: "Ada", LastName: "Lovelace"}}); err != nil {
		log.Fatal(err)
	}

	var customers []bigcommerce.CustomerCreate
	for i := range 12 { // chunks of 10: items 0-9, then 10-11
		customers = append(customers, bigcommerce.CustomerCreate{
			Email: fmt.Sprintf("buyer%d@example.com", i), FirstName: "Buyer", LastName: fmt.Sprint(i),
		})
	}
	customers[11].Email = "taken@example.com"

	created, _, err := client.Customers.CreateMany(ctx, customers)
	var batchErr *bigcommerce.BatchError
	if errors.As(err, &batchErr) {
		fmt.Println("created:", len(created), "failed:", batchErr.FailedIndexes(), "of", batchErr.Total)
		fmt.Println("rejected as invalid:", errors.Is(err, bigcommerce.ErrUnprocessable))
	}
	fmt.Println("in the store:", srv.Store().CustomerCount())
	// Output:
	// created: 10 failed: [10 11] of 12
	// rejected as invalid: true
	// in the store: 11
}

// A *MultiStatusError (207) means BigCommerce saved part of a write: here
// the product, but not its stock. It comes with the saved data.
func ExampleMultiStatusError() {
	srv := bigcommercetest.NewServer()
	defer srv.Close()
	srv.Store().FailSKU("MUG-1") // the store will refuse this SKU's inventory
	client := exampleClient(srv)

	p, _, err := client.Products.Create(context.Background(), bigcommerce.ProductCreate{
		Name: "Mug", Type: bigcommerce.ProductTypePhysical, Weight: 1, SKU: bigcommerce.Ptr("MUG-1"),
		InventoryTracking: bigcommerce.Ptr("product"), InventoryLevel: bigcommerce.Ptr(5),
	})
	var partial *bigcommerce.MultiStatusError
	if errors.As(err, &partial) {
		fmt.Println("saved product", p.ID, p.Name, "with", len(partial.Errors), "problem(s)")
	}
	// Output: saved product 1 Mug with 1 problem(s)
}
