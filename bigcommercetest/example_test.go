package bigcommercetest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// Example starts a seeded store and counts its orders over HTTP.
func Example() {
	store := bigcommercetest.New(bigcommercetest.Config{})
	store.Seed(bigcommercetest.SeedOptions{Seed: 1, Customers: 10, Products: 5, Orders: 25})
	srv := httptest.NewServer(store)
	defer srv.Close()

	req, _ := http.NewRequest("GET", srv.URL+"/stores/fakestore/v2/orders/count", nil)
	req.Header.Set("X-Auth-Token", "fake-token")
	resp, err := srv.Client().Do(req)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer resp.Body.Close()
	var body struct {
		Count int `json:"count"`
	}
	_ = json.NewDecoder(resp.Body).Decode(&body)
	fmt.Println(resp.StatusCode, body.Count, resp.Header.Get("X-Rate-Limit-Requests-Left"))
	// Output: 200 25 149
}
