package bigcommercetest_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// Example starts a seeded store, gets an SDK client wired to it (built the
// way production code builds one, plus WithBaseURL), and reads from the
// store through it.
func Example() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Customers: 10, Products: 5, Orders: 25}))
	defer srv.Close()

	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	count, _, err := client.Orders.Count(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	rate, _ := client.Rate()
	fmt.Println("orders:", count, "requests left:", rate.Remaining)
	fmt.Println("store requests:", srv.Store().Requests())
	// Output:
	// orders: 25 requests left: 149
	// store requests: 1
}

// ExampleWithScopes gives the store's API account only read access to
// orders: a write answers 403, and the error names the missing scope.
func ExampleWithScopes() {
	srv := bigcommercetest.NewServer(
		bigcommercetest.WithSeed(bigcommercetest.Seed{Orders: 1}),
		bigcommercetest.WithScopes(bigcommerce.ScopeOrdersReadOnly))
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	_, _, err = client.Orders.Get(ctx, 100, nil)
	fmt.Println("read:", err)
	_, err = client.Orders.Archive(ctx, 100)
	var apiErr *bigcommerce.Error
	if errors.As(err, &apiErr) {
		fmt.Println("archive:", apiErr.StatusCode, apiErr.Title)
	}
	// Output:
	// read: <nil>
	// archive: 403 You don't have a required scope to access the endpoint: store_v2_orders
}

// ExampleServer_Store injects a failure into the next request and reads
// the store's request log.
func ExampleServer_Store() {
	srv := bigcommercetest.NewServer()
	defer srv.Close()
	srv.Store().InjectFault(bigcommercetest.Fault{PathPrefix: "/v2/store", Status: 503})

	client, err := srv.Client(bigcommerce.WithRetryPolicy(bigcommerce.RetryPolicy{MaxRetries: 1})) // zero waits
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.Ping(context.Background()); err != nil {
		log.Fatal(err)
	}
	for _, r := range srv.Store().RequestLog() {
		fmt.Println(r.Method, r.Path, r.Status)
	}
	// Output:
	// GET /stores/fakestore/v2/store 503
	// GET /stores/fakestore/v2/store 200
}

// ExampleNewHandler serves the store without a listener, through its
// in-process Transport: no sockets, so it also works inside
// testing/synctest bubbles, where the rate window's waits pass on the
// bubble's fake clock.
func ExampleNewHandler() {
	store := bigcommercetest.NewHandler(
		bigcommercetest.WithConfig(bigcommercetest.Config{StoreHash: "abc123", AccessToken: "secret"}),
		bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 2, Products: 7}))
	client, err := bigcommerce.NewClient("abc123", bigcommerce.TokenAuth{AccessToken: "secret"},
		bigcommerce.WithBaseURL("https://api.bigcommerce.test/stores/abc123"), // never dialled
		bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}))
	if err != nil {
		log.Fatal(err)
	}
	products, resp, err := client.Products.List(context.Background(), &bigcommerce.ProductFilter{Limit: 5})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(products), "of", resp.Pagination.Total, "products; store has", store.ProductCount())
	// Output: 5 of 7 products; store has 7
}
