package bigcommerce_test

import (
	"context"
	"fmt"
	"log"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// One service reads and writes the metafields of every kind of record: the
// owner (ProductMetafields, OrderMetafields, ...) says whose. An update
// changes only the fields it sets.
func ExampleMetafieldsService_Create() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Products: 1}))
	defer srv.Close()
	client, err := srv.Client() // TokenAuth and WithBaseURL for the test store
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	product := bigcommerce.ProductMetafields(1)

	m, _, err := client.Metafields.Create(ctx, product, bigcommerce.MetafieldCreate{
		Namespace: "erp", Key: "warehouse_code", Value: "W-12", PermissionSet: "app_only",
	})
	if err != nil {
		log.Fatal(err)
	}
	m, _, err = client.Metafields.Update(ctx, product, m.ID, bigcommerce.MetafieldUpdate{Value: bigcommerce.Ptr("W-14")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.Namespace, m.Key, m.Value)
	// Output: erp warehouse_code W-14
}
