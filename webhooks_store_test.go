package bigcommerce_test

// The webhook tests that run against bigcommercetest. They are in the
// external test package because bigcommercetest imports bigcommerce.

import (
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// hookStoreClient returns a client for a bigcommercetest store, in-process,
// authenticated as the store account with the given token.
func hookStoreClient(t *testing.T, store *bigcommercetest.Store, token string) *bigcommerce.Client {
	t.Helper()
	c, err := bigcommerce.NewClient("fakestore", bigcommerce.TokenAuth{AccessToken: token},
		bigcommerce.WithBaseURL("http://fakestore.test/stores/fakestore"),
		bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}),
		bigcommerce.WithRetryPolicy(bigcommerce.RetryPolicy{}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestWebhooksLifecycleAgainstStore runs the whole subscription flow the
// way an app does (subscribe, find, pause, delete) against the store, with
// two API accounts that must not see each other's hooks.
func TestWebhooksLifecycleAgainstStore(t *testing.T) {
	now := time.Date(2025, 6, 1, 10, 0, 0, 0, time.UTC)
	store := bigcommercetest.New(bigcommercetest.Config{Now: func() time.Time { return now }, ClientID: "app-one"})
	store.AddAccount(bigcommercetest.Account{AccessToken: "token-two", ClientID: "app-two"})
	c := hookStoreClient(t, store, "fake-token")
	other := hookStoreClient(t, store, "token-two")

	var created []*bigcommerce.Webhook
	for _, scope := range []bigcommerce.WebhookScope{bigcommerce.WebhookScopeOrderCreated, bigcommerce.WebhookScopeProductAll, bigcommerce.WebhookScopeAppUninstalled} {
		h, resp, err := c.Webhooks.Create(t.Context(), bigcommerce.WebhookCreate{
			Scope: scope, Destination: "https://app.example.com/hooks", IsActive: bigcommerce.Ptr(true), Headers: map[string]string{"X-Secret": "s"},
		})
		if err != nil {
			t.Fatalf("Create %s: %v", scope, err)
		}
		if resp.StatusCode != 200 || h.ClientID != "app-one" || h.StoreHash != "fakestore" || !h.CreatedAt.Equal(now) || h.Headers["X-Secret"] != "s" {
			t.Errorf("created %+v (status %d)", h, resp.StatusCode)
		}
		created = append(created, h)
	}
	if _, _, err := other.Webhooks.Create(t.Context(), bigcommerce.WebhookCreate{Scope: bigcommerce.WebhookScopeCartAll, Destination: "https://two.example.com/h", IsActive: bigcommerce.Ptr(true)}); err != nil {
		t.Fatal(err)
	}

	// All with a small page walks every page, and sees only its client's hooks.
	var ids []int
	for h, err := range c.Webhooks.All(t.Context(), &bigcommerce.WebhookFilter{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, h.ID)
	}
	if len(ids) != 3 || ids[0] != created[0].ID || ids[2] != created[2].ID {
		t.Errorf("All ids %v, want the three created", ids)
	}
	found, _, err := c.Webhooks.List(t.Context(), &bigcommerce.WebhookFilter{Scope: bigcommerce.WebhookScopeProductAll, Destination: "https://app.example.com/hooks"})
	if err != nil || len(found) != 1 || found[0].ID != created[1].ID {
		t.Fatalf("List by scope and destination: %+v, %v", found, err)
	}

	now = now.Add(time.Hour)
	paused, _, err := c.Webhooks.Update(t.Context(), created[1].ID, bigcommerce.WebhookUpdate{IsActive: bigcommerce.Ptr(false)})
	if err != nil || paused.IsActive || paused.Scope != bigcommerce.WebhookScopeProductAll || !paused.UpdatedAt.Equal(now) || !paused.CreatedAt.Equal(created[1].CreatedAt.Time) {
		t.Fatalf("Update: %+v, %v", paused, err)
	}
	active, _, err := c.Webhooks.List(t.Context(), &bigcommerce.WebhookFilter{IsActive: bigcommerce.Ptr(true)})
	if err != nil || len(active) != 2 {
		t.Fatalf("active hooks %+v, %v", active, err)
	}

	if _, _, err := other.Webhooks.Delete(t.Context(), created[0].ID); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Errorf("another client deleted our hook: %v", err)
	}
	deleted, resp, err := c.Webhooks.Delete(t.Context(), created[0].ID)
	if err != nil || resp.StatusCode != 200 || deleted.ID != created[0].ID || deleted.Scope != bigcommerce.WebhookScopeOrderCreated {
		t.Fatalf("Delete: %+v, %v", deleted, err)
	}
	if _, _, err := c.Webhooks.Get(t.Context(), created[0].ID); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Errorf("Get after Delete: %v", err)
	}
	if n := store.HookCount(); n != 3 {
		t.Errorf("store has %d hooks, want 3", n)
	}
}
