package bigcommerce_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"strings"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// Export orders with their line items: one request per 250 orders instead
// of one more per order.
func ExampleOrdersService_All_lineItems() {
	store := bigcommercetest.New(bigcommercetest.Config{})
	store.Seed(bigcommercetest.SeedOptions{Seed: 1, Products: 5, Orders: 3})
	client, err := bigcommerce.NewClient("fakestore", bigcommerce.TokenAuth{AccessToken: "fake-token"},
		bigcommerce.WithBaseURL("http://fakestore.test/stores/fakestore"), // omit both to talk to api.bigcommerce.com
		bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	filter := &bigcommerce.OrderFilter{
		Include: bigcommerce.StringList{bigcommerce.OrderIncludeConsignmentsLineItems},
	}
	for order, err := range client.Orders.All(ctx, filter) {
		if err != nil {
			log.Fatal(err)
		}
		// CompleteLineItems returns order.LineItems() without a request,
		// unless BigCommerce cut a consignment at 50 line items.
		items, err := client.Orders.CompleteLineItems(ctx, &order)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("#%d: %d line items\n", order.ID, len(items))
		for _, it := range items {
			fmt.Printf("  %d x %s (%s)\n", it.Quantity, it.SKU, it.TotalIncTax.StringFixed(2))
		}
	}
	perOrder := 0
	for _, r := range store.RequestLog() {
		if strings.HasSuffix(r.Path, "/products") {
			perOrder++
		}
	}
	fmt.Println("requests for line items:", perOrder)
	// Output:
	// #100: 3 line items
	//   3 x SKU-000004 (647.97)
	//   1 x SKU-000004 (215.99)
	//   1 x SKU-000001 (52.92)
	// #101: 3 line items
	//   2 x SKU-000004 (431.98)
	//   2 x SKU-000005 (131.76)
	//   1 x SKU-000004 (215.99)
	// #102: 1 line items
	//   2 x SKU-000005 (131.76)
	// requests for line items: 0
}
