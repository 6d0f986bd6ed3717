package bigcommerce_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// An app's auth callback: BigCommerce redirects the merchant's browser to
// /auth?code=...&scope=...&context=stores/{hash}; the handler exchanges the
// code and hands over the token. Here a local server stands in for
// BigCommerce's token endpoint.
func ExampleOAuthApp_AuthCallbackHandler() {
	login := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"access_token":"tok","scope":"store_v2_orders store_v2_products_read_only","context":"stores/abc123","user":{"id":1,"email":"merchant@example.com"}}`)
	}))
	defer login.Close()

	app := bigcommerce.OAuthApp{
		ClientID:     "client-id",
		ClientSecret: "client-secret",
		RedirectURL:  "https://app.example.com/auth",
		TokenURL:     login.URL + "/oauth2/token", // omit in production
	}
	mux := http.NewServeMux()
	mux.Handle("GET /auth", app.AuthCallbackHandler(func(w http.ResponseWriter, r *http.Request, tok *bigcommerce.OAuthToken) {
		// Store tok (json.Marshal keeps the token) keyed by tok.StoreHash().
		fmt.Println("installed on", tok.StoreHash(), "by", tok.User.Email)
		fmt.Println("can read orders:", tok.Scopes().Has(bigcommerce.ScopeOrdersReadOnly))
		fmt.Println("missing:", tok.Scopes().Missing(bigcommerce.ScopeProducts))
		client, err := bigcommerce.NewClient(tok.StoreHash(), tok)
		if err != nil {
			http.Error(w, "setup failed", http.StatusInternalServerError)
			return
		}
		_ = client // use the client for the store
		fmt.Fprint(w, "<html>Installed</html>")
	}))

	w := httptest.NewRecorder()
	mux.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/auth?code=qr6h3thvbvag2ffq&scope=store_v2_orders+store_v2_products_read_only&context=stores%2Fabc123", nil))
	fmt.Println(w.Code, w.Body.String())
	// Output:
	// installed on abc123 by merchant@example.com
	// can read orders: true
	// missing: [store_v2_products]
	// 200 <html>Installed</html>
}

// Receiving webhooks: WebhookHandler verifies each delivery's Standard
// Webhooks signature with the app's client secret before fn sees it.
func ExampleWebhookHandler() {
	const secret = "client-secret"
	handler := bigcommerce.WebhookHandler(bigcommerce.WebhookOptions{ClientSecret: secret},
		func(ctx context.Context, ev *bigcommerce.WebhookEvent) error {
			// Drop redeliveries by ev.DedupKey(); queue slow work.
			id, _ := ev.Data.IntID()
			fmt.Println(ev.Scope, ev.Data.Type, id, ev.StoreHash(), ev.DedupKey())
			return nil
		})

	// A delivery signed as BigCommerce signs it, by bigcommercetest.
	delivery := bigcommercetest.SignWebhook(secret, bigcommerce.WebhookEvent{
		Scope:    bigcommerce.WebhookScopeOrderCreated,
		StoreID:  "1025646",
		Data:     bigcommerce.WebhookData{Type: "order", ID: "250"},
		Hash:     "352e4afc6dd3fc85ea26bfdf3f91852604d57528",
		Producer: "stores/abc123",
	})
	w := delivery.Deliver(handler) // POST /webhooks
	fmt.Println(w.Code)
	// Output:
	// store/order/created order 250 abc123 352e4afc6dd3fc85ea26bfdf3f91852604d57528
	// 200
}

// Subscribing to an event, listing the subscriptions and removing one. A
// bigcommercetest store (with a fixed clock) stands in for BigCommerce.
func ExampleWebhooksService_Create() {
	clock := func() time.Time { return time.Date(2019, 6, 25, 18, 41, 46, 0, time.UTC) }
	srv := bigcommercetest.NewServer(bigcommercetest.WithConfig(bigcommercetest.Config{Now: clock}))
	defer srv.Close()
	client, err := srv.Client() // TokenAuth and WithBaseURL for the test store
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	hook, _, err := client.Webhooks.Create(ctx, bigcommerce.WebhookCreate{
		Scope:       bigcommerce.WebhookScopeOrderAll,
		Destination: "https://app.example.com/webhooks",
		IsActive:    bigcommerce.Ptr(true),
		Headers:     map[string]string{"X-App-Secret": "shared-secret"}, // check with WebhookOptions.SharedHeader
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(hook.ID, hook.Scope, hook.IsActive, hook.CreatedAt.UTC().Format(time.RFC3339))

	// BigCommerce refuses a destination that is not https on port 443;
	// the SDK says so before sending.
	_, _, err = client.Webhooks.Create(ctx, bigcommerce.WebhookCreate{Scope: bigcommerce.WebhookScopeProductAll, Destination: "http://app.example.com/webhooks"})
	fmt.Println(errors.Is(err, bigcommerce.ErrInvalidRequest))

	for h, err := range client.Webhooks.All(ctx, &bigcommerce.WebhookFilter{IsActive: bigcommerce.Ptr(true)}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("active:", h.ID, h.Scope, h.Destination)
	}
	deleted, _, err := client.Webhooks.Delete(ctx, hook.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("deleted", deleted.ID)
	// Output:
	// 1 store/order/* true 2019-06-25T18:41:46Z
	// true
	// active: 1 store/order/* https://app.example.com/webhooks
	// deleted 1
}
