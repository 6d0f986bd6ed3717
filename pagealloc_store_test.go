package bigcommerce_test

// Declarations of pagealloc_test.go that use bigcommercetest (directly or through
// other declarations), moved here by extconv: they are in package bigcommerce_test
// because bigcommercetest imports bigcommerce.

import (
	"context"
	"net/http"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// TestListPagesArePreallocated checks through the real Client that a page
// asked with a limit is decoded into one slice of that capacity (not grown
// by doubling), and that a short or empty page still decodes correctly.
func TestListPagesArePreallocated(t *testing.T) {
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.SeedOptions{Seed: 1, Customers: 10, Products: 30, Orders: 40})
	ctx := context.Background()

	orders, _, err := c.Orders.List(ctx, &bigcommerce.OrderFilter{Limit: 25})
	if err != nil || len(orders) != 25 || cap(orders) != 25 {
		t.Errorf("Orders.List(limit 25): len %d, cap %d, %v; want 25, 25", len(orders), cap(orders), err)
	}
	orders, _, err = c.Orders.List(ctx, &bigcommerce.OrderFilter{Limit: 25, Page: 2})
	if err != nil || len(orders) != 15 || orders[14].ID == 0 {
		t.Errorf("Orders.List(limit 25, page 2): %d orders, %v; want 15", len(orders), err)
	}
	orders, resp, err := c.Orders.List(ctx, &bigcommerce.OrderFilter{Limit: 25, Page: 3})
	if err != nil || len(orders) != 0 || resp.StatusCode != http.StatusNoContent {
		t.Errorf("Orders.List past the end: %d orders, %v", len(orders), err)
	}

	products, _, err := c.Products.List(ctx, &bigcommerce.ProductFilter{Limit: 20})
	if err != nil || len(products) != 20 || cap(products) != 20 {
		t.Errorf("Products.List(limit 20): len %d, cap %d, %v; want 20, 20", len(products), cap(products), err)
	}
	products, _, err = c.Products.List(ctx, &bigcommerce.ProductFilter{Limit: 20, Page: 2})
	if err != nil || len(products) != 10 || products[9].ID == 0 {
		t.Errorf("Products.List(limit 20, page 2): %d products, %v; want 10", len(products), err)
	}
}
