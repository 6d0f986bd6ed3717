package bigcommerce

import (
	"testing"
)

// TestClientHasAreaServices: every service field of a new Client is set
// and wired to that Client.
func TestClientHasAreaServices(t *testing.T) {
	c, _ := newTestClient(t)
	if c.Categories == nil || c.Brands == nil || c.CustomerGroups == nil || c.Channels == nil || c.PriceLists == nil || c.PaymentMethods == nil {
		t.Fatalf("a service is nil: %+v", c)
	}
	if c.Brands.client != c || c.PriceLists.client != c {
		t.Error("services are not wired to their client")
	}
}
