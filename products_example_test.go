package bigcommerce_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/bigcommerce-go/bigcommerce"
)

// ExampleProductsService restocks every visible, sold-out product: it
// collects them with All (products are not changed while the pages are
// walked, so no page shifts under the walk), then writes the new stock
// with one UpdateBatch, which sends chunks of 10.
func ExampleProductsService() {
	// A stand-in for the store, so the example runs offline.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodGet && r.URL.RawQuery == "direction=desc&include_fields=id&inventory_level=0&is_visible=true&limit=1&sort=id":
			// All probes the highest id while it reads the first page.
			fmt.Fprint(w, `{"data":[{"id":175}],"meta":{"pagination":{"total":2,"count":1,"per_page":1,"current_page":1,"total_pages":2}}}`)
		case r.Method == http.MethodGet && r.URL.RawQuery == "direction=asc&inventory_level=0&is_visible=true&limit=250&page=1&sort=id":
			fmt.Fprint(w, `{"data":[{"id":174,"name":"1L Le Parfait Jar","price":7.95,"inventory_level":0},
				{"id":175,"name":"0.5L Le Parfait Jar","price":5.5,"inventory_level":0}],
				"meta":{"pagination":{"total":2,"count":2,"per_page":250,"current_page":1,"total_pages":1}}}`)
		case r.Method == http.MethodPut:
			body, _ := io.ReadAll(r.Body)
			var items []map[string]any
			_ = json.Unmarshal(body, &items)
			for _, it := range items {
				it["name"] = "restocked"
			}
			_ = json.NewEncoder(w).Encode(map[string]any{"data": items, "meta": map[string]any{}})
		default:
			http.Error(w, `{"status":404,"title":"not found"}`, http.StatusNotFound)
		}
	}))
	defer srv.Close()

	client, err := bigcommerce.NewClient("abc123", bigcommerce.TokenAuth{AccessToken: "token"},
		bigcommerce.WithBaseURL(srv.URL+"/stores/abc123"))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	soldOut := &bigcommerce.ProductFilter{
		IsVisible:      bigcommerce.Ptr(true),
		InventoryLevel: bigcommerce.Ptr(0),
	}
	var restock []bigcommerce.ProductUpdate
	for p, err := range client.Products.All(ctx, soldOut) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d %s at %s is sold out\n", p.ID, p.Name, p.Price.StringFixed(2))
		restock = append(restock, bigcommerce.ProductUpdate{
			ID:                p.ID,
			InventoryTracking: bigcommerce.Ptr("product"),
			InventoryLevel:    bigcommerce.Ptr(25),
		})
	}

	saved, _, err := client.Products.UpdateBatch(ctx, restock)
	var failed *bigcommerce.BatchError
	switch {
	case errors.As(err, &failed):
		fmt.Println("not restocked:", failed.FailedIndexes())
	case err != nil:
		log.Fatal(err)
	}
	for _, p := range saved {
		fmt.Printf("%d now has %d\n", p.ID, p.InventoryLevel)
	}
	// Output:
	// 174 1L Le Parfait Jar at 7.95 is sold out
	// 175 0.5L Le Parfait Jar at 5.50 is sold out
	// 174 now has 25
	// 175 now has 25
}
