package bigcommerce_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"strconv"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// Create customers in one call (any number: they go out in chunks of 10),
// export them with All, and see a destructive call without ids refused.
func ExampleCustomersService() {
	// A bigcommercetest store stands in for BigCommerce; its clock is fixed
	// so that the dates below do not change.
	clock := func() time.Time { return time.Date(2024, 5, 14, 9, 34, 0, 0, time.UTC) }
	srv := bigcommercetest.NewServer(bigcommercetest.WithConfig(bigcommercetest.Config{Now: clock}))
	defer srv.Close()
	client, err := bigcommerce.NewClient(srv.StoreHash(), bigcommerce.TokenAuth{AccessToken: srv.AccessToken()},
		bigcommerce.WithBaseURL(srv.URL)) // a real program leaves WithBaseURL out
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	created, _, err := client.Customers.CreateMany(ctx, []bigcommerce.CustomerCreate{
		{Email: "ada@example.com", FirstName: "Ada", LastName: "Lovelace", AcceptsProductReviewAbandonedCartEmails: bigcommerce.Ptr(false)},
		{Email: "alan@example.com", FirstName: "Alan", LastName: "Turing"},
	})
	var batchErr *bigcommerce.BatchError
	if errors.As(err, &batchErr) {
		fmt.Println("not created:", batchErr.FailedIndexes())
	} else if err != nil {
		log.Fatal(err)
	}
	for _, c := range created {
		fmt.Println("created", c.ID, c.Email)
	}

	// Walk every customer created since a date, newest first.
	filter := &bigcommerce.CustomerFilter{
		DateCreatedMin: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
		Sort:           bigcommerce.CustomerSortDateCreatedDesc,
	}
	for c, err := range client.Customers.All(ctx, filter) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(c.FirstName, c.LastName, c.DateCreated.Format(time.RFC3339))
	}

	// Delete needs explicit ids; an empty call is refused before sending.
	_, err = client.Customers.DeleteMany(ctx)
	fmt.Println(errors.Is(err, bigcommerce.ErrInvalidRequest), strconv.Quote(err.Error()))
	// Output:
	// created 1 ada@example.com
	// created 2 alan@example.com
	// Alan Turing 2024-05-14T09:34:00Z
	// Ada Lovelace 2024-05-14T09:34:00Z
	// true "bigcommerce: Customers.DeleteMany: no ids given: pass at least one id (BigCommerce ignores a DELETE without id:in) (nothing was sent)"
}

// Export every customer with All: it yields each customer that exists for
// the whole walk exactly once, stopping at the first error. Besides the
// pages of 250 (the first page, then windows of ids read concurrently) it
// asks twice for the highest id: before the windows, to size them, and
// beside the last ones, for customers created during the walk.
func ExampleCustomersService_All() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 3, Customers: 600}))
	defer srv.Close()
	client, err := srv.Client() // TokenAuth and WithBaseURL for the test store
	if err != nil {
		log.Fatal(err)
	}

	seen := map[int]bool{}
	for c, err := range client.Customers.All(context.Background(), nil) {
		if err != nil {
			log.Fatal(err) // a partial export is an error, never a short list
		}
		seen[c.ID] = true
	}
	fmt.Println("exported", len(seen), "customers in", srv.Store().Requests(), "requests")
	// Output: exported 600 customers in 5 requests
}
