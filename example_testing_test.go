package bigcommerce_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// ArchiveCancelled is the code under test: it archives every cancelled
// order and returns their ids.
func ArchiveCancelled(ctx context.Context, client *bigcommerce.Client) ([]int, error) {
	var ids []int
	filter := &bigcommerce.OrderFilter{StatusID: bigcommerce.Ptr(bigcommerce.OrderStatusCancelled)}
	for o, err := range client.Orders.All(ctx, filter) {
		if err != nil {
			return nil, err
		}
		ids = append(ids, o.ID)
	}
	for i, id := range ids {
		if _, err := client.Orders.Archive(ctx, id); err != nil {
			return ids[:i], fmt.Errorf("archive order %d: %w", id, err)
		}
	}
	return ids, nil
}

// Testing your own code with bigcommercetest: start a seeded store, give
// the code under test a client wired to it, then check what the store
// holds, and how the code copes when the store fails. In a _test.go file
// the body below is a func TestArchiveCancelled(t *testing.T), with
// t.Cleanup(srv.Close) and t.Fatal instead of log.Fatal.
func Example_testing() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Customers: 10, Products: 10, Orders: 80}))
	defer srv.Close()
	client, err := srv.Client() // TokenAuth and WithBaseURL for the store
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	archived, err := ArchiveCancelled(ctx, client)
	if err != nil {
		log.Fatal(err)
	}
	for _, id := range archived {
		isArchived, _ := srv.Store().OrderArchived(id) // the store's own view
		fmt.Println("order", id, "archived:", isArchived)
	}

	// The failure path: the store answers 500 to every archive.
	failing := bigcommercetest.NewServer(
		bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Customers: 10, Products: 10, Orders: 80}),
		bigcommercetest.WithFaults(bigcommercetest.Fault{Method: "DELETE", PathPrefix: "/v2/orders", Status: 500, Times: 100}))
	defer failing.Close()
	client, err = failing.Client(bigcommerce.WithRetryPolicy(bigcommerce.RetryPolicy{MaxRetries: 2})) // zero waits keep tests fast
	if err != nil {
		log.Fatal(err)
	}
	done, err := ArchiveCancelled(ctx, client)
	var apiErr *bigcommerce.Error
	fmt.Println("archived before failing:", len(done), "status:", errors.As(err, &apiErr) && apiErr.StatusCode == 500)
	// Output:
	// order 138 archived: true
	// order 141 archived: true
	// order 146 archived: true
	// archived before failing: 0 status: true
}
