package bigcommerce_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"

	"github.com/bigcommerce-go/bigcommerce"
)

// ExampleInventoryService_AdjustAbsolute sets stock levels at the default
// location, sending a quantity of 0 to mark an item out of stock. A local
// test server stands in for BigCommerce.
func ExampleInventoryService_AdjustAbsolute() {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var body struct {
			Items []json.RawMessage `json:"items"`
		}
		if r.Method != http.MethodPut || r.URL.Path != "/v3/inventory/adjustments/absolute" || json.NewDecoder(r.Body).Decode(&body) != nil {
			http.Error(w, `{"status":400,"title":"unexpected request"}`, http.StatusBadRequest)
			return
		}
		for _, item := range body.Items {
			fmt.Printf("server got %s\n", item)
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"transaction_id":"9d2f2d5e-1c0a-4b3c-8f61-2f1c5a0e7b41"}`)
	}))
	defer srv.Close()

	client, err := bigcommerce.NewClient("", bigcommerce.TokenAuth{AccessToken: "token"}, bigcommerce.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ids, _, err := client.Inventory.AdjustAbsolute(context.Background(), []bigcommerce.InventoryAdjustment{
		{LocationID: 1, SKU: "RE-130", Quantity: 30},
		{LocationID: 1, ProductID: 111, Quantity: 0}, // out of stock
	}, "Weekly stock count")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("transactions:", ids)
	// Output:
	// server got {"location_id":1,"sku":"RE-130","quantity":30}
	// server got {"location_id":1,"product_id":111,"quantity":0}
	// transactions: [9d2f2d5e-1c0a-4b3c-8f61-2f1c5a0e7b41]
}
