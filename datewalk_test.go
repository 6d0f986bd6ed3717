package bigcommerce

import (
	"testing"
)

// Export tests: Orders.All, Products.All and Customers.All against the fake
// store through the real Client, while the store changes between requests
// (DESIGN section 7).

// TestIDSet checks the export's set of ids.
func TestIDSet(t *testing.T) {
	var s idSet
	ids := []int{0, 1, 63, 64, 4095, 4096, 1 << 40, -5, 1}
	for i, id := range ids {
		if got, want := s.add(id), i < len(ids)-1; got != want {
			t.Errorf("add(%d) = %v, want %v", id, got, want)
		}
	}
	if len(s) != 4 {
		t.Errorf("%d chunks, want 4", len(s))
	}
}

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
