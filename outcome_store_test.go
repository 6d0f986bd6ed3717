package bigcommerce_test

// Declarations of outcome_test.go that use bigcommercetest (directly or through
// other declarations), moved here by extconv: they are in package bigcommerce_test
// because bigcommercetest imports bigcommerce.

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"testing/synctest"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// TestBatchUnknownAgainstFakeStore: the fake store writes a chunk of
// customers and cuts its answer; the SDK reports those items as
// outcome-unknown, and they are indeed in the store.
func TestBatchUnknownAgainstFakeStore(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, store := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.SeedOptions{Seed: 4}, bigcommerce.WithMaxConcurrency(1))
		store.InjectFault(bigcommercetest.Fault{Kind: bigcommercetest.FaultTruncate, Method: "POST", PathPrefix: "/v3/customers"})
		items := make([]bigcommerce.CustomerCreate, 15)
		for i := range items {
			items[i] = bigcommerce.CustomerCreate{Email: fmt.Sprintf("u%d@example.com", i), FirstName: "F", LastName: "L"}
		}
		before := store.CustomerCount()
		out, _, err := c.Customers.CreateMany(context.Background(), items)
		var be *bigcommerce.BatchError
		if !errors.As(err, &be) {
			t.Fatalf("err = %v, want *BatchError", err)
		}
		if got := be.UnknownIndexes(); !slices.Equal(got, []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}) || len(be.Failures) != 5 {
			t.Errorf("Unknown %v, Failures %v; want the first chunk unknown and the second not sent", got, be.FailedIndexes())
		}
		if len(out) != 0 {
			t.Errorf("%d customers returned", len(out))
		}
		if n := store.CustomerCount() - before; n != 10 {
			t.Errorf("the store holds %d new customers, want the 10 of the cut chunk", n)
		}
	})
}
