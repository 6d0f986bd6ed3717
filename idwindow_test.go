package bigcommerce

import (
	"testing"
)

// Tests of the id-window walk behind Orders.All, Products.All and
// Customers.All (ARCHITECTURE.md, "Walks and the exactly-once rule"). The
// tests that run it against the fake store while the store changes between
// requests are in idwindow_store_test.go.

// TestOrdersAllRefusesBadPagingBeforeSending: a limit the API cannot serve
// is one error, and no probe goes out first.
func TestOrdersAllRefusesBadPagingBeforeSending(t *testing.T) {
	c, mt := newTestClient(t)
	var errs []error
	for _, err := range c.Orders.All(ctx(t), &OrderFilter{Limit: MaxPageSize + 1}) {
		errs = append(errs, err)
	}
	if len(errs) != 1 {
		t.Fatalf("yielded %v, want one error", errs)
	}
	assertValidation(t, errs[0], "limit")
	assertNothingSent(t, mt)
}
