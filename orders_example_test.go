package bigcommerce_test

import (
	"context"
	"fmt"
	"log"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// Walk every order awaiting fulfillment, then move one to Awaiting
// Shipment. A seeded bigcommercetest store stands in for BigCommerce.
func ExampleOrdersService_All() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Customers: 5, Products: 5, Orders: 40}))
	defer srv.Close()
	client, err := bigcommerce.NewClient(srv.StoreHash(), bigcommerce.TokenAuth{AccessToken: srv.AccessToken()},
		bigcommerce.WithBaseURL(srv.URL)) // omit WithBaseURL to talk to api.bigcommerce.com
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	filter := &bigcommerce.OrderFilter{
		StatusID: bigcommerce.Ptr(bigcommerce.OrderStatusAwaitingFulfillment),
		Sort:     bigcommerce.OrderSortIDAsc,
	}
	var first int
	n := 0
	for order, err := range client.Orders.All(ctx, filter) {
		if err != nil {
			log.Fatal(err)
		}
		if first == 0 {
			first = order.ID
		}
		n++
	}
	fmt.Println(n, "orders await fulfillment")

	order, _, err := client.Orders.UpdateStatus(ctx, first, bigcommerce.OrderStatusAwaitingShipment)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("#%d is now %s (%d)\n", order.ID, order.StatusID, order.StatusID)
	// Output:
	// 11 orders await fulfillment
	// #102 is now Awaiting Shipment (9)
}

// Ship an order: one shipment per shipping address, listing the order's
// line items (order product ids) and quantities, with tracking.
func ExampleOrdersService_CreateShipment() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Customers: 2, Products: 3, Orders: 10, LineItemsPerOrder: 2}))
	defer srv.Close()
	client, err := srv.Client() // TokenAuth and WithBaseURL for the test store
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	waiting, _, err := client.Orders.List(ctx, &bigcommerce.OrderFilter{StatusID: bigcommerce.Ptr(bigcommerce.OrderStatusAwaitingFulfillment)})
	if err != nil || len(waiting) == 0 {
		log.Fatal("no order to ship: ", err)
	}
	orderID := waiting[0].ID

	addresses, _, err := client.Orders.ListShippingAddresses(ctx, orderID, nil)
	if err != nil {
		log.Fatal(err)
	}
	var items []bigcommerce.ShipmentItem
	for p, err := range client.Orders.AllProducts(ctx, orderID, nil) {
		if err != nil {
			log.Fatal(err)
		}
		if left := p.Quantity - int(p.QuantityShipped); left > 0 {
			items = append(items, bigcommerce.ShipmentItem{OrderProductID: p.ID, Quantity: left})
		}
	}
	shipment, _, err := client.Orders.CreateShipment(ctx, orderID, bigcommerce.ShipmentCreate{
		OrderAddressID:  addresses[0].ID,
		Items:           items,
		TrackingNumber:  bigcommerce.Ptr("1Z999AA10123456784"),
		TrackingCarrier: bigcommerce.Ptr("ups"),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("shipment", shipment.ID, "of order", shipment.OrderID, "with", len(shipment.Items), "line items, tracking", shipment.TrackingNumber)

	shipments, _, err := client.Orders.ListShipments(ctx, orderID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("order", orderID, "has", len(shipments), "shipment(s)")
	// Output:
	// shipment 7 of order 101 with 2 line items, tracking 1Z999AA10123456784
	// order 101 has 1 shipment(s)
}
