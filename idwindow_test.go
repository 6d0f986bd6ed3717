package bigcommerce

import (
	"testing"
)

// Export tests: Orders.All, Products.All and Customers.All against the fake
// store through the real Client, while the store changes between requests
// (DESIGN section 7).

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
