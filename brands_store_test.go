package bigcommerce_test

// Integration tests of the Brands service against bigcommercetest, through
// the real Client. They are in package bigcommerce_test because
// bigcommercetest imports bigcommerce.

import (
	"errors"
	"fmt"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
)

func TestIntegrationBrandsLifecycle(t *testing.T) {
	c := defaultStoreClient(t)
	created, _, err := c.Brands.Create(bigcommerce.Ctx(t), bigcommerce.BrandCreate{Name: "Kinfolk", MetaKeywords: []string{"journal"}, PageTitle: bigcommerce.Ptr("Kinfolk mag")})
	if err != nil || created.ID != 6 || created.CustomURL == nil || created.CustomURL.URL != "/brands/Kinfolk.html" {
		t.Fatalf("Create = %+v, %v", created, err)
	}
	if _, _, err := c.Brands.Create(bigcommerce.Ctx(t), bigcommerce.BrandCreate{Name: "ofs"}); !errors.Is(err, bigcommerce.ErrConflict) {
		t.Errorf("duplicate: %v, want ErrConflict", err)
	}
	up, _, err := c.Brands.Update(bigcommerce.Ctx(t), created.ID, bigcommerce.BrandUpdate{MetaKeywords: []string{}, SearchKeywords: bigcommerce.Ptr("paper")})
	if err != nil || len(up.MetaKeywords) != 0 || up.SearchKeywords != "paper" || up.Name != "Kinfolk" {
		t.Fatalf("Update = %+v, %v", up, err)
	}
	// All over 6 brands, 4 a page: two id-range requests.
	var ids []int
	for b, err := range c.Brands.All(bigcommerce.Ctx(t), &bigcommerce.BrandFilter{Limit: 4}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, b.ID)
	}
	if fmt.Sprint(ids) != "[1 2 3 4 5 6]" {
		t.Errorf("All ids = %v", ids)
	}
	sorted, _, err := c.Brands.List(bigcommerce.Ctx(t), &bigcommerce.BrandFilter{Sort: bigcommerce.BrandSortName, NameLike: "o"})
	if err != nil || len(sorted) != 5 || sorted[0].Name != "Barr-Co." || sorted[4].Name != "Sagaform" {
		t.Errorf("sorted name:like=o = %+v, %v", sorted, err)
	}
	if _, err := c.Brands.DeleteWhere(bigcommerce.Ctx(t), &bigcommerce.BrandDeleteFilter{Name: "Kinfolk", PageTitle: "other"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Brands.Get(bigcommerce.Ctx(t), created.ID); err != nil {
		t.Errorf("page_title narrowed the delete, yet: %v", err)
	}
	if _, err := c.Brands.DeleteWhere(bigcommerce.Ctx(t), &bigcommerce.BrandDeleteFilter{Name: "Kinfolk"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Brands.Get(bigcommerce.Ctx(t), created.ID); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Errorf("Get after DeleteWhere: %v, want ErrNotFound", err)
	}
	if _, err := c.Brands.Delete(bigcommerce.Ctx(t), 1); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Brands.Delete(bigcommerce.Ctx(t), 1); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Errorf("second Delete: %v, want ErrNotFound", err)
	}
}
