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

// fakeStoreClient returns a client on an in-process fake store, which
// starts with a category tree, customer groups, brands, price lists and
// channels.
func fakeStoreClient() *bigcommerce.Client {
	store := bigcommercetest.New(bigcommercetest.Config{})
	client, err := bigcommerce.NewClient("fakestore", bigcommerce.TokenAuth{AccessToken: "fake-token"},
		bigcommerce.WithBaseURL("http://fakestore.test/stores/fakestore"),
		bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}))
	if err != nil {
		log.Fatal(err)
	}
	return client
}

// GetTree gives one tree's categories nested, in one request.
func ExampleCategoriesService_GetTree() {
	client := fakeStoreClient()
	nodes, _, err := client.Categories.GetTree(context.Background(), 1, nil)
	if err != nil {
		log.Fatal(err)
	}
	var show func(nodes []bigcommerce.CategoryNode)
	show = func(nodes []bigcommerce.CategoryNode) {
		for _, n := range nodes {
			fmt.Printf("%s%s %s\n", strings.Repeat("  ", n.Depth-1), n.Name, n.URL)
			show(n.Children)
		}
	}
	show(nodes)
	// Output:
	// Bath /bath/
	//   Towels /bath/towels/
	//     Hand towels /bath/towels/hand-towels/
	// Kitchen /kitchen/
	//   Utensils /kitchen/utensils/
}

// NestCategories builds trees of full categories from All's flat list.
func ExampleNestCategories() {
	client := fakeStoreClient()
	var flat []bigcommerce.Category
	for c, err := range client.Categories.All(context.Background(), &bigcommerce.CategoryFilter{TreeIDIn: bigcommerce.IntList{1}}) {
		if err != nil {
			log.Fatal(err)
		}
		flat = append(flat, c)
	}
	for _, root := range bigcommerce.NestCategories(flat) {
		fmt.Println(root.Name, len(root.Children), root.IsVisible)
	}
	// Output:
	// Bath 1 true
	// Kitchen 1 true
}
