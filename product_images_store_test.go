package bigcommerce_test

import (
	"errors"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// TestGeneratedServiceAgainstFakeStore drives a generated service
// (ProductImages) through the real client and the fake store: create, get,
// list, the All walk across pages, update, delete, and ErrNotFound after.
func TestGeneratedServiceAgainstFakeStore(t *testing.T) {
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.SeedOptions{})
	ctx := t.Context()
	var made []int
	for i := range 5 {
		img, _, err := c.ProductImages.Create(ctx, 3, bigcommerce.ProductImageCreate{ImageURL: "https://example.com/" + string(rune('a'+i)) + ".jpg"})
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, img.ID)
	}
	got, _, err := c.ProductImages.Get(ctx, 3, made[2])
	if err != nil || got.ID != made[2] || got.ImageURL != "https://example.com/c.jpg" {
		t.Fatalf("Get: %+v, %v", got, err)
	}
	var seen []int
	for img, err := range c.ProductImages.All(ctx, 3, &bigcommerce.ProductImageFilter{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, img.ID)
	}
	if len(seen) != 5 {
		t.Fatalf("All over pages of 2 yielded %v, want the 5 created", seen)
	}
	if _, _, err := c.ProductImages.Update(ctx, 3, made[0], bigcommerce.ProductImageUpdate{Description: bigcommerce.Ptr("")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ProductImages.Delete(ctx, 3, made[0]); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.ProductImages.Get(ctx, 3, made[0]); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Fatalf("Get after Delete: %v, want ErrNotFound", err)
	}
	if _, _, err := c.ProductImages.Get(ctx, 0, 1); !errors.Is(err, bigcommerce.ErrInvalidRequest) {
		t.Fatalf("Get with product id 0: %v, want ErrInvalidRequest before sending", err)
	}
}
