package bigcommercetest_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// Example starts a seeded store, gets an SDK client wired to it (built the
// way production code builds one, plus WithBaseURL), and reads from the
// store through it.
func Example() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Customers: 10, Products: 5, Orders: 25}))
	defer srv.Close()

	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	count, _, err := client.Orders.Count(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	rate, _ := client.Rate()
	fmt.Println("orders:", count, "requests left:", rate.Remaining)
	fmt.Println("store requests:", srv.Store().Requests())
	// Output:
	// orders: 25 requests left: 149
	// store requests: 1
}

// ExampleWithScopes gives the store's API account only read access to
// orders: a write answers 403, and the error names the missing scope.
func ExampleWithScopes() {
	srv := bigcommercetest.NewServer(
		bigcommercetest.WithSeed(bigcommercetest.Seed{Orders: 1}),
		bigcommercetest.WithScopes(bigcommerce.ScopeOrdersReadOnly))
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	_, _, err = client.Orders.Get(ctx, 100, nil)
	fmt.Println("read:", err)
	_, err = client.Orders.Archive(ctx, 100)
	var apiErr *bigcommerce.Error
	if errors.As(err, &apiErr) {
		fmt.Println("archive:", apiErr.StatusCode, apiErr.Title)
	}
	// Output:
	// read: <nil>
	// archive: 403 You don't have a required scope to access the endpoint: store_v2_orders
}

// ExampleServer_Store injects a failure into the next request and reads
// the store's request log.
func ExampleServer_Store() {
	srv := bigcommercetest.NewServer()
	defer srv.Close()
	srv.Store().InjectFault(bigcommercetest.Fault{PathPrefix: "/v2/store", Status: 503})

	client, err := srv.Client(bigcommerce.WithRetryPolicy(bigcommerce.RetryPolicy{MaxRetries: 1})) // zero waits
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.Ping(context.Background()); err != nil {
		log.Fatal(err)
	}
	for _, r := range srv.Store().RequestLog() {
		fmt.Println(r.Method, r.Path, r.Status)
	}
	// Output:
	// GET /stores/fakestore/v2/store 503
	// GET /stores/fakestore/v2/store 200
}

// ExampleNewHandler serves the store without a listener, through its
// in-process Transport: no sockets, so it also works inside
// testing/synctest bubbles, where the rate window's waits pass on the
// bubble's fake clock.
func ExampleNewHandler() {
	store := bigcommercetest.NewHandler(
		bigcommercetest.WithConfig(bigcommercetest.Config{StoreHash: "abc123", AccessToken: "secret"}),
		bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 2, Products: 7}))
	client, err := bigcommerce.NewClient("abc123", bigcommerce.TokenAuth{AccessToken: "secret"},
		bigcommerce.WithBaseURL("https://api.bigcommerce.test/stores/abc123"), // never dialled
		bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}))
	if err != nil {
		log.Fatal(err)
	}
	products, resp, err := client.Products.List(context.Background(), &bigcommerce.ProductFilter{Limit: 5})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(products), "of", resp.Pagination.Total, "products; store has", store.ProductCount())
	// Output: 5 of 7 products; store has 7
}

// Seeded dates are recent: they fall in the 30 days before the store's
// clock, the newest within the last day, so code that asks what changed
// lately has data to find. Fixing the clock (Config.Now) fixes the dates.
func ExampleSeed() {
	now := time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)
	srv := bigcommercetest.NewServer(
		bigcommercetest.WithConfig(bigcommercetest.Config{Now: func() time.Time { return now }}),
		bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Orders: 60}))
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	recent := 0
	for _, err := range client.Orders.All(ctx, &bigcommerce.OrderFilter{MinDateModified: now.Add(-24 * time.Hour)}) {
		if err != nil {
			log.Fatal(err)
		}
		recent++
	}
	fmt.Println(recent, "of 60 orders modified in the last day")
	for _, id := range []int{100, 159} {
		o, _, err := client.Orders.Get(ctx, id, nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("order", o.ID, "created", o.DateCreated.UTC().Format(time.DateTime))
	}
	// Output:
	// 18 of 60 orders modified in the last day
	// order 100 created 2026-02-12 17:42:28
	// order 159 created 2026-03-14 11:49:12
}

// Testing a webhook receiver: SignWebhook builds a delivery signed the way
// BigCommerce signs it, and Deliver POSTs it to the receiver. A delivery
// changed after signing is refused.
func ExampleSignWebhook() {
	const secret = "client-secret" // the app's client secret
	receiver := bigcommerce.WebhookHandler(bigcommerce.WebhookOptions{ClientSecret: secret},
		func(ctx context.Context, ev *bigcommerce.WebhookEvent) error {
			id, _ := ev.Data.IntID()
			fmt.Println("handled", ev.Scope, ev.Data.Type, id, "of", ev.StoreHash())
			return nil
		})

	d := bigcommercetest.SignWebhook(secret, bigcommerce.WebhookEvent{
		Scope: bigcommerce.WebhookScopeOrderCreated,
		Data:  bigcommerce.WebhookData{Type: "order", ID: "250"},
	})
	fmt.Println(d.Deliver(receiver).Code)

	d.Body = bytes.Replace(d.Body, []byte(`"id":250`), []byte(`"id":251`), 1)
	fmt.Println(d.Deliver(receiver).Code)
	// Output:
	// handled store/order/created order 250 of fakestore
	// 200
	// 401
}

// Testing an app's load callback: SignPayloadJWT makes the
// signed_payload_jwt BigCommerce sends, signed with the app's secret.
func ExampleSignPayloadJWT() {
	app := bigcommerce.OAuthApp{ClientID: "client-id", ClientSecret: "client-secret"}
	load := app.LoadHandler(func(w http.ResponseWriter, r *http.Request, p *bigcommerce.SignedPayload) {
		fmt.Fprintf(w, "Hello, %s, in store %s", p.User.Email, p.StoreHash)
	})

	jwt := bigcommercetest.SignPayloadJWT(app, bigcommerce.SignedPayload{
		StoreHash: "abc123",
		User:      bigcommerce.SignedPayloadUser{ID: 9001, Email: "merchant@example.com"},
	})
	rec := httptest.NewRecorder()
	load.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/load?signed_payload_jwt="+url.QueryEscape(jwt), nil))
	fmt.Println(rec.Code, rec.Body)

	// Signed by another app: refused.
	forged := bigcommercetest.SignPayloadJWT(bigcommerce.OAuthApp{ClientID: "client-id", ClientSecret: "guess"}, bigcommerce.SignedPayload{StoreHash: "abc123"})
	rec = httptest.NewRecorder()
	load.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/load?signed_payload_jwt="+url.QueryEscape(forged), nil))
	fmt.Println(rec.Code)
	// Output:
	// 200 Hello, merchant@example.com, in store abc123
	// 401
}

// The legacy signed_payload, for apps that still read it.
func ExampleSignPayload() {
	app := bigcommerce.OAuthApp{ClientID: "client-id", ClientSecret: "client-secret"}
	p, err := app.VerifySignedPayload(bigcommercetest.SignPayload(app, bigcommerce.SignedPayload{StoreHash: "abc123"}))
	fmt.Println(p.Context, err)
	// Output: stores/abc123 <nil>
}
