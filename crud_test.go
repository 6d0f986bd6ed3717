package bigcommerce

import (
	"errors"
	"strings"
	"testing"
)

// TestDeleteWhereNamesARefusedFilterOnce checks that a filter value the
// SDK refuses comes back as one *ValidationError named after the
// operation, saying once that nothing was sent.
func TestDeleteWhereNamesARefusedFilterOnce(t *testing.T) {
	c := refusingClient(t)
	_, err := c.Coupons.DeleteWhere(t.Context(), &CouponDeleteFilter{IDIn: IntList{0}})
	var ve *ValidationError
	if !errors.As(err, &ve) || ve.Op != "Coupons.DeleteWhere" {
		t.Fatalf("error %v, want a *ValidationError of Coupons.DeleteWhere", err)
	}
	if n := strings.Count(err.Error(), "nothing was sent"); n != 1 {
		t.Fatalf("%q says %d times that nothing was sent", err, n)
	}
}
