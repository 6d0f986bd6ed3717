package bigcommerce_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// NewClient with an API account's access token, the credential new stores
// create. The examples run against bigcommercetest, an in-process store; a
// real program passes its own store hash and token and leaves WithBaseURL
// out.
func ExampleNewClient() {
	srv := bigcommercetest.NewServer() // stands in for api.bigcommerce.com
	defer srv.Close()

	client, err := bigcommerce.NewClient(srv.StoreHash(), // e.g. "abc123", from the API path
		bigcommerce.TokenAuth{AccessToken: srv.AccessToken()}, // e.g. os.Getenv("BIGCOMMERCE_ACCESS_TOKEN")
		bigcommerce.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	info, err := client.Ping(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("connected to", info.Name)
	// Output: connected to Fake Store
}

// NewClient with a legacy API account (username and API token, HTTP
// Basic): it reaches only the V2 API, at the store's own /api path.
func ExampleNewClient_basicAuth() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Orders: 12}))
	defer srv.Close()
	username, apiToken := srv.BasicAuth()

	client, err := bigcommerce.NewClient("", bigcommerce.BasicAuth{Username: username, APIToken: apiToken},
		bigcommerce.WithBaseURL(srv.LegacyURL)) // e.g. https://store-abc123.mybigcommerce.com/api
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	count, _, err := client.Orders.Count(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("orders:", count)

	// V3 endpoints refuse a legacy account before anything is sent.
	_, _, err = client.Customers.List(ctx, nil)
	fmt.Println(err)
	// Output:
	// orders: 12
	// bigcommerce: GET /v3/customers: V3 endpoints need an OAuth access token (TokenAuth or *OAuthToken); legacy API accounts reach only /v2 (nothing was sent)
}

// NewClient with the token an app receives when a merchant installs it
// (OAuthApp.Exchange or AuthCallbackHandler). The token knows its store
// and its scopes.
func ExampleNewClient_oauthToken() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithScopes(bigcommerce.ScopeOrdersReadOnly))
	defer srv.Close()

	// In an app, tok comes from the token exchange; printing it hides the token.
	tok := &bigcommerce.OAuthToken{
		AccessToken: srv.AccessToken(),
		Scope:       "store_v2_orders_read_only",
		Context:     "stores/" + srv.StoreHash(),
	}
	client, err := bigcommerce.NewClient(tok.StoreHash(), tok, bigcommerce.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("store:", tok.StoreHash())
	fmt.Println("can write products:", tok.Scopes().Has(bigcommerce.ScopeProducts))
	_, _, err = client.Orders.List(context.Background(), nil)
	fmt.Println("list orders:", err)
	// Output:
	// store: fakestore
	// can write products: false
	// list orders: <nil>
}

// Ping checks the store hash and the credentials with one cheap call,
// GET /v2/store, before a long job starts.
func ExampleClient_Ping() {
	srv := bigcommercetest.NewServer()
	defer srv.Close()

	good, _ := bigcommerce.NewClient(srv.StoreHash(), bigcommerce.TokenAuth{AccessToken: srv.AccessToken()}, bigcommerce.WithBaseURL(srv.URL))
	info, err := good.Ping(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(info.Domain, info.Currency)

	bad, _ := bigcommerce.NewClient(srv.StoreHash(), bigcommerce.TokenAuth{AccessToken: "wrong"}, bigcommerce.WithBaseURL(srv.URL))
	_, err = bad.Ping(context.Background())
	fmt.Println(errors.Is(err, bigcommerce.ErrUnauthorized))
	// Output:
	// fakestore.example.com USD
	// true
}

// Do sends a request the typed services do not cover, through the same
// retrying, rate-aware pipeline: here the store's clock, GET /v2/time.
func ExampleClient_Do() {
	clock := func() time.Time { return time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC) }
	srv := bigcommercetest.NewServer(bigcommercetest.WithConfig(bigcommercetest.Config{Now: clock}))
	defer srv.Close()
	client, err := srv.Client() // TokenAuth and WithBaseURL for the test store
	if err != nil {
		log.Fatal(err)
	}

	ctx := context.Background()
	req, err := client.NewRequest(ctx, http.MethodGet, "/v2/time", nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	var body struct {
		Time int64 `json:"time"`
	}
	resp, err := client.Do(req, &body)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(resp.StatusCode, time.Unix(body.Time, 0).UTC().Format(time.RFC3339))
	// Output: 200 2025-03-01T12:00:00Z
}
