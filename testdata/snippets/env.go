// The environment of the documentation's Go snippets (TestDocSnippets,
// CONTRIBUTING.md "Snippets in the documentation"): the names a snippet may
// use without declaring them. Every snippet is compiled in one package with
// this file; the snippets that run (those using client) see these values:
// a seeded bigcommercetest store that nobody else uses.
package main

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// The usual two: a context and a Client of a seeded store.
var (
	ctx = context.Background()
	srv = bigcommercetest.NewServer(
		bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Customers: 20, Products: 20, VariantsPerProduct: 3, Orders: 60}),
		bigcommercetest.WithQuota(1_000_000, 30*time.Second), // no waiting for a rate window
	)
	store                            = srv.Store()
	client                           = newClient()
	auth   bigcommerce.Authenticator = bigcommerce.TokenAuth{AccessToken: srv.AccessToken()}
)

// Ids and values of that store.
var (
	id         = 100 // an order
	orderID    = 100
	customerID = 1
	productID  = 1
	variantID  = 1
	locationID = 1
	listID     = 1 // a price list
	since      = time.Now().Add(-24 * time.Hour)
	err        error
)

// OAuth apps and webhooks.
var (
	clientID     = "client-id"
	clientSecret = "client-secret"
	mux          = http.NewServeMux()
	tok          = &bigcommerce.OAuthToken{AccessToken: "token", Context: "stores/abc123"}
	ev           = &bigcommerce.WebhookEvent{Scope: bigcommerce.WebhookScopeOrderStatusUpdated}
)

// receiver stands for a webhook receiver under test, app for an app.
var (
	receiver = bigcommerce.WebhookHandler(bigcommerce.WebhookOptions{ClientSecret: clientSecret},
		func(ctx context.Context, ev *bigcommerce.WebhookEvent) error { return enqueue(ev.DedupKey(), ev) })
	app = bigcommerce.OAuthApp{ClientID: clientID, ClientSecret: clientSecret}
	t   = &testing.T{}
)

// enqueue stands for the queue a webhook receiver hands events to.
func enqueue(key string, ev *bigcommerce.WebhookEvent) error { return nil }

// A RateLimiter's view of one attempt (RateLimiter's doc).
var (
	limiter         bigcommerce.RateLimiter = bigcommerce.NewThrottle()
	maxWait                                 = 30 * time.Second
	rateFromHeaders bigcommerce.RateLimit
	sentAt          time.Time
)

// ArchiveCancelled and Restock stand for the user's code under test in
// bigcommercetest's examples.
func ArchiveCancelled(ctx context.Context, client *bigcommerce.Client) ([]int, error) {
	return nil, nil
}

func Restock(ctx context.Context, client *bigcommerce.Client) error { return nil }

func newClient() *bigcommerce.Client {
	c, err := srv.Client()
	if err != nil {
		panic(err)
	}
	return c
}
