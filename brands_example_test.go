package bigcommerce_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// Create a brand; its name is unique, so creating it again is a conflict
// (ErrConflict). The test store starts with five brands.
func ExampleBrandsService_Create() {
	srv := bigcommercetest.NewServer()
	defer srv.Close()
	client, err := srv.Client() // TokenAuth and WithBaseURL for the test store
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	brand, _, err := client.Brands.Create(ctx, bigcommerce.BrandCreate{Name: "Kinfolk", PageTitle: bigcommerce.Ptr("Kinfolk magazine")})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(brand.ID, brand.Name, brand.PageTitle)

	_, _, err = client.Brands.Create(ctx, bigcommerce.BrandCreate{Name: "Kinfolk"})
	fmt.Println("again:", errors.Is(err, bigcommerce.ErrConflict))
	// Output:
	// 6 Kinfolk Kinfolk magazine
	// again: true
}
