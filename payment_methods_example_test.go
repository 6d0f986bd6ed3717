package bigcommerce_test

import (
	"context"
	"fmt"
	"log"

	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// The payment methods the store has enabled, with whether each gateway is
// in test mode.
func ExamplePaymentMethodsService_All() {
	srv := bigcommercetest.NewServer()
	defer srv.Close()
	client, err := srv.Client() // TokenAuth and WithBaseURL for the test store
	if err != nil {
		log.Fatal(err)
	}
	for m, err := range client.PaymentMethods.All(context.Background(), nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(m.Code, m.Name, m.TestMode)
	}
	// Output:
	// braintree Braintree true
	// cod Cash on Delivery false
	// cheque Check false
	// paypalcommerce PayPal false
	// squarev2 Square false
}
