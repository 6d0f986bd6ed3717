package bigcommerce_test

import (
	"context"
	"fmt"
	"log"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// Create a point-of-sale channel, then walk every channel. The test store
// starts with the default storefront and a marketplace.
func ExampleChannelsService_Create() {
	srv := bigcommercetest.NewServer()
	defer srv.Close()
	client, err := srv.Client() // TokenAuth and WithBaseURL for the test store
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	_, _, err = client.Channels.Create(ctx, bigcommerce.ChannelCreate{
		Name: "Shop POS", Type: bigcommerce.ChannelTypePOS, Platform: "square", Status: bigcommerce.ChannelStatusPrelaunch,
	})
	if err != nil {
		log.Fatal(err)
	}
	for ch, err := range client.Channels.All(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(ch.ID, ch.Name, ch.Type, ch.Platform, ch.Status)
	}
	// Output:
	// 1 Default storefront storefront bigcommerce active
	// 2 Amazon US marketplace amazon connected
	// 3 Shop POS pos square prelaunch
}
