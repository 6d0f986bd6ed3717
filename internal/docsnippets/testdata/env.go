// The environment of the checker's tests: a context and a Client of a
// small seeded store.
package main

import (
	"context"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

var (
	ctx    = context.Background()
	srv    = bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Orders: 3}))
	client = newClient()
)

func newClient() *bigcommerce.Client {
	c, err := srv.Client()
	if err != nil {
		panic(err)
	}
	return c
}
