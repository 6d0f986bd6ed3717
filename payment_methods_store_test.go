package bigcommerce_test

// Integration tests of the PaymentMethods service against bigcommercetest, through
// the real Client. They are in package bigcommerce_test because
// bigcommercetest imports bigcommerce.

import (
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
)

func TestIntegrationPaymentMethodsAll(t *testing.T) {
	c := defaultStoreClient(t)
	var names []string
	for m, err := range c.PaymentMethods.All(bigcommerce.Ctx(t), &bigcommerce.ListOptions{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, m.Name)
	}
	want := []string{"Braintree", "Cash on Delivery", "Check", "PayPal", "Square"}
	if len(names) != len(want) {
		t.Fatalf("names = %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("names[%d] = %q, want %q", i, names[i], want[i])
		}
	}
}
