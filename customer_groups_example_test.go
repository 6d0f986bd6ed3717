package bigcommerce_test

import (
	"context"
	"fmt"
	"log"
)

// Customer groups with their typed discount rules.
func ExampleCustomerGroupsService_All() {
	client := fakeStoreClient()
	for g, err := range client.CustomerGroups.All(context.Background(), nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Print(g.ID, " ", g.Name)
		for _, r := range g.DiscountRules {
			fmt.Printf(" [%s %s %s]", r.Type, r.Method, r.Amount.StringFixed(2))
		}
		fmt.Println()
	}
	// Output:
	// 1 Retail
	// 2 Wholesale [all percent 10.00] [category fixed 5.00]
	// 3 Guests
}
