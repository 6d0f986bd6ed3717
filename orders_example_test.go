package bigcommerce_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
)

// newExampleOrderStore stands in for a BigCommerce store: two orders
// awaiting fulfillment, then an empty page (204) as V2 does.
func newExampleOrderStore() *httptest.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v2/orders", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("page") != "1" || r.URL.Query().Get("status_id") != "11" {
			w.WriteHeader(http.StatusNoContent)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `[
			{"id": 100, "status_id": 11, "status": "Awaiting Fulfillment", "total_inc_tax": "361.9500",
			 "date_created": "Wed, 10 Jan 2018 21:05:30 +0000", "date_shipped": ""},
			{"id": 101, "status_id": 11, "status": "Awaiting Fulfillment", "total_inc_tax": 19.5,
			 "date_created": "Thu, 11 Jan 2018 08:00:00 +0000", "date_shipped": ""}
		]`)
	})
	mux.HandleFunc("PUT /v2/orders/{id}", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"id": %s, "status_id": 9, "status": "Awaiting Shipment"}`, r.PathValue("id"))
	})
	return httptest.NewServer(mux)
}

// Walk every order awaiting fulfillment created since a date, then move one
// to Awaiting Shipment.
func ExampleOrdersService_All() {
	srv := newExampleOrderStore()
	defer srv.Close()

	client, err := bigcommerce.NewClient("abc123", bigcommerce.TokenAuth{AccessToken: "token"},
		bigcommerce.WithBaseURL(srv.URL)) // omit WithBaseURL to talk to api.bigcommerce.com
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	filter := &bigcommerce.OrderFilter{
		StatusID:       bigcommerce.Ptr(bigcommerce.OrderStatusAwaitingFulfillment),
		MinDateCreated: time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC),
		Sort:           bigcommerce.OrderSortIDAsc,
	}
	for order, err := range client.Orders.All(ctx, filter) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("#%d %s %s created %s shipped=%v\n", order.ID, order.Status,
			order.TotalIncTax.StringFixed(2), order.DateCreated.Format(time.DateOnly), !order.DateShipped.IsZero())
	}

	order, _, err := client.Orders.UpdateStatus(ctx, 100, bigcommerce.OrderStatusAwaitingShipment)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("#%d is now %s (%d)\n", order.ID, order.StatusID, order.StatusID)
	// Output:
	// #100 Awaiting Fulfillment 361.95 created 2018-01-10 shipped=false
	// #101 Awaiting Fulfillment 19.50 created 2018-01-11 shipped=false
	// #100 is now Awaiting Shipment (9)
}
