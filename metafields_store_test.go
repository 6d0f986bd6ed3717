package bigcommerce_test

import (
	"errors"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// TestMetafieldsAgainstFakeStore drives the one metafield service for two
// owners through the real client and the fake store: each owner's
// metafields are its own, updates are partial, and a deleted metafield is
// ErrNotFound.
func TestMetafieldsAgainstFakeStore(t *testing.T) {
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.SeedOptions{})
	ctx := t.Context()
	product, order := bigcommerce.ProductMetafields(11), bigcommerce.OrderMetafields(12)
	m, _, err := c.Metafields.Create(ctx, product, bigcommerce.MetafieldCreate{Key: "color", Namespace: "app", PermissionSet: "app_only", Value: "blue"})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Metafields.Create(ctx, order, bigcommerce.MetafieldCreate{Key: "erp_id", Namespace: "app", PermissionSet: "read", Value: "E-1"}); err != nil {
		t.Fatal(err)
	}
	got, _, err := c.Metafields.Update(ctx, product, m.ID, bigcommerce.MetafieldUpdate{Value: bigcommerce.Ptr("red")})
	if err != nil || got.Value != "red" || got.Key != "color" {
		t.Fatalf("partial update: %+v, %v", got, err)
	}
	var keys []string
	for mf, err := range c.Metafields.All(ctx, product, nil) {
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, mf.Key)
	}
	if len(keys) != 1 || keys[0] != "color" {
		t.Fatalf("the product's metafields: %v, want only its own", keys)
	}
	if _, err := c.Metafields.Delete(ctx, product, m.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Metafields.Get(ctx, product, m.ID); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Fatalf("Get after Delete: %v, want ErrNotFound", err)
	}
	if _, _, err := c.Metafields.Create(ctx, bigcommerce.MetafieldOwner{}, bigcommerce.MetafieldCreate{}); !errors.Is(err, bigcommerce.ErrInvalidRequest) {
		t.Fatalf("the zero owner: %v, want ErrInvalidRequest", err)
	}
	if _, _, err := c.Metafields.CreateMany(ctx, bigcommerce.MetafieldsOfProducts, []bigcommerce.MetafieldCreate{{Key: "k", Namespace: "n", PermissionSet: "read", Value: "v"}}); !errors.Is(err, bigcommerce.ErrInvalidRequest) {
		t.Fatalf("CreateMany without ResourceID: %v, want ErrInvalidRequest", err)
	}
	made, _, err := c.Metafields.CreateMany(ctx, bigcommerce.MetafieldsOfProducts, []bigcommerce.MetafieldCreate{
		{Key: "a", Namespace: "n", PermissionSet: "read", Value: "1", ResourceID: bigcommerce.Ptr(11)},
		{Key: "b", Namespace: "n", PermissionSet: "read", Value: "2", ResourceID: bigcommerce.Ptr(12)},
	})
	if err != nil || len(made) != 2 {
		t.Fatalf("CreateMany: %v, %v", made, err)
	}
	if _, err := c.Metafields.DeleteMany(ctx, bigcommerce.MetafieldsOfProducts, made[0].ID, made[1].ID); err != nil {
		t.Fatal(err)
	}
}
