package bigcommercetest_test

// Tests of the public entry point (NewServer, options), the webhooks and
// the scopes, through the SDK's real Client.

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// clientFor returns a client for srv authenticated with token; no retries,
// so a test sees every answer.
func clientFor(t *testing.T, srv *bigcommercetest.Server, token string) *bigcommerce.Client {
	t.Helper()
	c, err := bigcommerce.NewClient(srv.StoreHash(), bigcommerce.TokenAuth{AccessToken: token},
		bigcommerce.WithBaseURL(srv.URL), bigcommerce.WithRetryPolicy(bigcommerce.RetryPolicy{MaxRetries: 0}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func newServer(t *testing.T, opts ...bigcommercetest.Option) *bigcommercetest.Server {
	t.Helper()
	srv := bigcommercetest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

func TestNewServerSeedAndClient(t *testing.T) {
	seed := bigcommercetest.Seed{Seed: 7, Customers: 12, Products: 4, Orders: 9}
	srv := newServer(t, bigcommercetest.WithSeed(seed))
	c := clientFor(t, srv, srv.AccessToken())
	ctx := context.Background()

	info, err := c.Ping(ctx)
	if err != nil {
		t.Fatalf("Ping: %v", err)
	}
	if info.ID != srv.StoreHash() {
		t.Errorf("store id %q, want %q", info.ID, srv.StoreHash())
	}
	n := 0
	for _, err := range c.Customers.All(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 12 || srv.Store().CustomerCount() != 12 || srv.Store().OrderCount() != 9 || srv.Store().ProductCount() != 4 {
		t.Errorf("walked %d customers; store has %d customers, %d orders, %d products", n,
			srv.Store().CustomerCount(), srv.Store().OrderCount(), srv.Store().ProductCount())
	}

	// The same seed gives the same data.
	other := newServer(t, bigcommercetest.WithSeed(seed))
	a, _, err := c.Orders.Get(ctx, 100, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _, err := clientFor(t, other, other.AccessToken()).Orders.Get(ctx, 100, nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.BillingAddress.Email != b.BillingAddress.Email || !a.TotalIncTax.Equal(b.TotalIncTax) {
		t.Errorf("same seed, different orders: %+v vs %+v", a.BillingAddress, b.BillingAddress)
	}
}

func TestNewServerLegacyBasicAuth(t *testing.T) {
	srv := newServer(t, bigcommercetest.WithSeed(bigcommercetest.Seed{Orders: 3}))
	user, token := srv.BasicAuth()
	c, err := bigcommerce.NewClient("", bigcommerce.BasicAuth{Username: user, APIToken: token}, bigcommerce.WithBaseURL(srv.LegacyURL))
	if err != nil {
		t.Fatal(err)
	}
	n, _, err := c.Orders.Count(context.Background(), nil)
	if err != nil || n != 3 {
		t.Fatalf("Count = %d, %v", n, err)
	}
}

func TestNewServerQuota(t *testing.T) {
	srv := newServer(t, bigcommercetest.WithQuota(2, time.Hour))
	c := clientFor(t, srv, srv.AccessToken())
	ctx := context.Background()
	for i := range 2 {
		if _, err := c.Ping(ctx); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	// A fresh client (its throttle has seen nothing) sends the third
	// request, so that the store itself answers 429.
	_, err := clientFor(t, srv, srv.AccessToken()).Ping(ctx)
	var rle *bigcommerce.RateLimitError
	if !errors.As(err, &rle) || !errors.Is(err, bigcommerce.ErrRateLimited) {
		t.Fatalf("third request: %v, want a *RateLimitError", err)
	}
	if rle.RetryAfter <= 0 || rle.RetryAfter > time.Hour {
		t.Errorf("RetryAfter = %v", rle.RetryAfter)
	}
	log := srv.Store().RequestLog()
	if len(log) != 3 || log[2].Status != http.StatusTooManyRequests {
		t.Errorf("request log %+v, want the third answered 429", log)
	}
}

func TestNewServerFaults(t *testing.T) {
	srv := newServer(t, bigcommercetest.WithFaults(bigcommercetest.Fault{PathPrefix: "/v2/store", Status: 503}))
	c := clientFor(t, srv, srv.AccessToken())
	_, err := c.Ping(context.Background())
	var e *bigcommerce.Error
	if !errors.As(err, &e) || e.StatusCode != 503 {
		t.Fatalf("Ping: %v, want the injected 503", err)
	}
	if _, err := c.Ping(context.Background()); err != nil {
		t.Fatalf("second Ping: %v (the fault hits once)", err)
	}
}

func TestNewServerLatency(t *testing.T) {
	srv := newServer(t, bigcommercetest.WithLatency(time.Hour))
	c := clientFor(t, srv, srv.AccessToken())
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the latency waits for the request, which is gone: no real wait
	if _, err := c.Ping(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Ping: %v, want context.Canceled", err)
	}
}

func TestNewHandler(t *testing.T) {
	store := bigcommercetest.NewHandler(bigcommercetest.WithConfig(bigcommercetest.Config{StoreHash: "abc123", AccessToken: "t0k"}),
		bigcommercetest.WithSeed(bigcommercetest.Seed{Products: 2}))
	var h http.Handler = store
	_ = h
	c, err := bigcommerce.NewClient("abc123", bigcommerce.TokenAuth{AccessToken: "t0k"},
		bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}),
		bigcommerce.WithBaseURL("https://api.bigcommerce.test/stores/abc123"))
	if err != nil {
		t.Fatal(err)
	}
	products, _, err := c.Products.List(context.Background(), nil)
	if err != nil || len(products) != 2 {
		t.Fatalf("List = %d products, %v", len(products), err)
	}
}

func TestScopes(t *testing.T) {
	srv := newServer(t,
		bigcommercetest.WithSeed(bigcommercetest.Seed{Customers: 1, Products: 1, Orders: 1}),
		bigcommercetest.WithScopes(bigcommerce.ScopeOrdersReadOnly, bigcommerce.ScopeProducts),
		bigcommercetest.WithAccount(bigcommercetest.Account{AccessToken: "nothing", Scopes: []string{}}),
		bigcommercetest.WithAccount(bigcommercetest.Account{AccessToken: "all"}),
	)
	ctx := context.Background()
	c := clientFor(t, srv, srv.AccessToken())
	none := clientFor(t, srv, "nothing")
	all := clientFor(t, srv, "all")
	type call func(*bigcommerce.Client) error
	listOrders := func(c *bigcommerce.Client) error { _, _, err := c.Orders.List(ctx, nil); return err }
	archiveOrder := func(c *bigcommerce.Client) error { _, err := c.Orders.Archive(ctx, 100); return err }
	listProducts := func(c *bigcommerce.Client) error { _, _, err := c.Products.List(ctx, nil); return err }
	listCustomers := func(c *bigcommerce.Client) error { _, _, err := c.Customers.List(ctx, nil); return err }
	ping := func(c *bigcommerce.Client) error { _, err := c.Ping(ctx); return err }
	items := func(c *bigcommerce.Client) error { _, _, err := c.Inventory.ListItems(ctx, nil); return err }
	hooks := func(c *bigcommerce.Client) error { _, _, err := c.Webhooks.List(ctx, nil); return err }
	tests := []struct {
		name   string
		client *bigcommerce.Client
		call   call
		scope  string // "" = allowed
	}{
		{"read-only orders can list", c, listOrders, ""},
		{"read-only orders cannot archive", c, archiveOrder, "store_v2_orders"},
		{"read-write products can read", c, listProducts, ""},
		{"no customers scope", c, listCustomers, "store_v2_customers_read_only"},
		{"no information scope", c, ping, "store_v2_information_read_only"},
		{"no inventory scope", c, items, "store_inventory_read_only"},
		{"webhooks need no scope", none, hooks, ""},
		{"account without scopes", none, listProducts, "store_v2_products_read_only"},
		{"account with every scope", all, archiveOrder, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call(tc.client)
			if tc.scope == "" {
				if err != nil {
					t.Fatalf("err = %v, want success", err)
				}
				return
			}
			if !errors.Is(err, bigcommerce.ErrForbidden) || !strings.Contains(err.Error(), tc.scope) {
				t.Fatalf("err = %v, want 403 naming %s", err, tc.scope)
			}
		})
	}
}

func TestWebhooks(t *testing.T) {
	srv := newServer(t, bigcommercetest.WithAccount(bigcommercetest.Account{AccessToken: "other", ClientID: "other-client"}))
	ctx := context.Background()
	c := clientFor(t, srv, srv.AccessToken())
	other := clientFor(t, srv, "other")

	created, _, err := c.Webhooks.Create(ctx, bigcommerce.WebhookCreate{
		Scope: bigcommerce.WebhookScopeOrderCreated, Destination: "https://app.example.com/hooks",
		IsActive: bigcommerce.Ptr(true), Headers: map[string]string{"X-Secret": "s"},
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.ID == 0 || created.ClientID != "fake-client-id" || created.StoreHash != srv.StoreHash() ||
		!created.IsActive || created.Headers["X-Secret"] != "s" || created.CreatedAt.IsZero() {
		t.Errorf("created %+v", created)
	}
	second, _, err := c.Webhooks.Create(ctx, bigcommerce.WebhookCreate{Scope: bigcommerce.WebhookScopeProductAll, Destination: "https://app.example.com/p"})
	if err != nil {
		t.Fatal(err)
	}
	if second.IsActive || second.Headers != nil {
		t.Errorf("a hook created without is_active or headers: %+v", second)
	}
	if _, _, err := other.Webhooks.Create(ctx, bigcommerce.WebhookCreate{Scope: "store/cart/*", Destination: "https://x.example.com/h"}); err != nil {
		t.Fatal(err)
	}

	ids := func(c *bigcommerce.Client, f *bigcommerce.WebhookFilter) []int {
		t.Helper()
		var out []int
		for h, err := range c.Webhooks.All(ctx, f) {
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, h.ID)
		}
		return out
	}
	filters := []struct {
		name   string
		client *bigcommerce.Client
		f      *bigcommerce.WebhookFilter
		want   []int
	}{
		{"own hooks only", c, nil, []int{created.ID, second.ID}},
		{"other client's", other, nil, []int{3}},
		{"active", c, &bigcommerce.WebhookFilter{IsActive: bigcommerce.Ptr(true)}, []int{created.ID}},
		{"inactive", c, &bigcommerce.WebhookFilter{IsActive: bigcommerce.Ptr(false)}, []int{second.ID}},
		{"scope", c, &bigcommerce.WebhookFilter{Scope: bigcommerce.WebhookScopeProductAll}, []int{second.ID}},
		{"destination", c, &bigcommerce.WebhookFilter{Destination: "https://app.example.com/hooks"}, []int{created.ID}},
		{"pages of one", c, &bigcommerce.WebhookFilter{Limit: 1}, []int{created.ID, second.ID}},
	}
	for _, tc := range filters {
		if got := ids(tc.client, tc.f); !equalInts(got, tc.want) {
			t.Errorf("%s: ids %v, want %v", tc.name, got, tc.want)
		}
	}

	// Another client's hook is not found.
	if _, _, err := other.Webhooks.Get(ctx, created.ID); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Errorf("other client's Get: %v", err)
	}
	got, _, err := c.Webhooks.Get(ctx, created.ID)
	if err != nil || got.Destination != created.Destination {
		t.Fatalf("Get: %+v, %v", got, err)
	}
	upd, _, err := c.Webhooks.Update(ctx, created.ID, bigcommerce.WebhookUpdate{IsActive: bigcommerce.Ptr(false)})
	if err != nil || upd.IsActive || upd.Scope != bigcommerce.WebhookScopeOrderCreated || upd.Headers["X-Secret"] != "s" {
		t.Fatalf("Update: %+v, %v", upd, err)
	}
	del, resp, err := c.Webhooks.Delete(ctx, created.ID)
	if err != nil || resp.StatusCode != 200 || del.ID != created.ID {
		t.Fatalf("Delete: %+v, %v", del, err)
	}
	if _, _, err := c.Webhooks.Get(ctx, created.ID); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Errorf("Get after Delete: %v", err)
	}
	if n := srv.Store().HookCount(); n != 2 {
		t.Errorf("HookCount = %d, want 2", n)
	}
}

func TestWebhooksRefuseInvalidBodies(t *testing.T) {
	srv := newServer(t)
	hc := srv.HTTPClient()
	send := func(method, path, body string) int {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		req.Header.Set("X-Auth-Token", srv.AccessToken())
		req.Header.Set("Content-Type", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if st := send("POST", "/v3/hooks", `{"scope":"store/order/*","destination":"https://a.example.com/h","is_active":true}`); st != 200 {
		t.Fatalf("valid create: %d", st)
	}
	tests := []struct {
		name, method, path, body string
		status                   int
	}{
		{"no destination", "POST", "/v3/hooks", `{"scope":"store/order/*"}`, 422},
		{"no scope", "POST", "/v3/hooks", `{"destination":"https://a.example.com/h"}`, 422},
		{"http destination", "POST", "/v3/hooks", `{"scope":"store/order/*","destination":"http://a.example.com/h"}`, 422},
		{"port 8443", "POST", "/v3/hooks", `{"scope":"store/order/*","destination":"https://a.example.com:8443/h"}`, 422},
		{"headers not strings", "POST", "/v3/hooks", `{"scope":"store/order/*","destination":"https://a.example.com/h","headers":{"a":1}}`, 422},
		{"array body", "POST", "/v3/hooks", `[]`, 422},
		{"empty update", "PUT", "/v3/hooks/1", `{}`, 422},
		{"update unknown", "PUT", "/v3/hooks/99", `{"is_active":false}`, 404},
		{"delete unknown", "DELETE", "/v3/hooks/99", ``, 404},
		{"unknown filter", "GET", "/v3/hooks?sort=id", ``, 422},
		{"limit too big", "GET", "/v3/hooks?limit=251", ``, 413},
		{"headers null clears", "PUT", "/v3/hooks/1", `{"headers":null}`, 200},
	}
	for _, tc := range tests {
		if st := send(tc.method, tc.path, tc.body); st != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, st, tc.status)
		}
	}
	if n := srv.Store().HookCount(); n != 1 {
		t.Errorf("HookCount = %d, want 1", n)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestScopeErrorBody checks the 403 body itself (the SDK's own hint also
// names the scope, so the Client tests above cannot tell them apart).
func TestScopeErrorBody(t *testing.T) {
	srv := newServer(t, bigcommercetest.WithScopes("store_v2_products_read_only"))
	tests := []struct{ method, path, body string }{
		{"GET", "/v3/customers", `{"status":403,"title":"You don't have a required scope to access the endpoint","type":"https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes","errors":{"scope":"requires store_v2_customers_read_only"}}`},
		{"PUT", "/v3/catalog/products/1", `{"status":403,"title":"You don't have a required scope to access the endpoint","type":"https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes","errors":{"scope":"requires store_v2_products"}}`},
		{"GET", "/v2/orders", `[{"status":403,"message":"You don't have a required scope to access the endpoint: store_v2_orders_read_only"}]`},
		{"GET", "/v3/inventory/locations/1/items", `{"status":403,"title":"You don't have a required scope to access the endpoint","type":"https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes","errors":{"scope":"requires store_inventory_read_only"}}`},
	}
	for _, tc := range tests {
		req, _ := http.NewRequest(tc.method, srv.URL+tc.path, nil)
		req.Header.Set("X-Auth-Token", srv.AccessToken())
		resp, err := srv.HTTPClient().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 403 || string(body) != tc.body {
			t.Errorf("%s %s: %d %s\nwant 403 %s", tc.method, tc.path, resp.StatusCode, body, tc.body)
		}
	}
}
