package bigcommerce

import (
	"errors"
	"fmt"
	"testing"

	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// coverageClient is a client on a fresh fake store with its default
// customer groups, payment methods, brands, category tree, price lists and
// channel.
func coverageClient(t *testing.T) *Client {
	t.Helper()
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000}, bigcommercetest.SeedOptions{Seed: 1, Customers: 3})
	return c
}

func TestIntegrationCustomerGroupsLifecycle(t *testing.T) {
	c := coverageClient(t)
	n, _, err := c.CustomerGroups.Count(ctx(t))
	if err != nil || n != 3 {
		t.Fatalf("Count = %d, %v; want the 3 seeded groups", n, err)
	}
	created, _, err := c.CustomerGroups.Create(ctx(t), CustomerGroupCreate{
		Name: "VIP", CategoryAccess: &CategoryAccess{Type: CategoryAccessSpecific, Categories: []int{2}},
		DiscountRules: []DiscountRule{{Type: DiscountRuleAll, Method: DiscountPercent, Amount: Ptr(dec("12.5"))}},
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.ID != 4 || created.DateCreated.IsZero() || len(created.DiscountRules) != 1 {
		t.Fatalf("created = %+v", created)
	}
	assertDec(t, "amount", *created.DiscountRules[0].Amount, "12.5")

	if _, _, err := c.CustomerGroups.Create(ctx(t), CustomerGroupCreate{Name: "vip"}); !errors.Is(err, ErrConflict) {
		t.Errorf("duplicate name: err = %v, want ErrConflict", err)
	}
	updated, _, err := c.CustomerGroups.Update(ctx(t), created.ID, CustomerGroupUpdate{DiscountRules: []DiscountRule{}, IsDefault: Ptr(true)})
	if err != nil || len(updated.DiscountRules) != 0 || !updated.IsDefault || updated.Name != "VIP" {
		t.Fatalf("Update = %+v, %v", updated, err)
	}
	// Only one default group: Retail lost the flag.
	defaults, _, err := c.CustomerGroups.List(ctx(t), &CustomerGroupFilter{IsDefault: Ptr(true)})
	if err != nil || len(defaults) != 1 || defaults[0].ID != created.ID {
		t.Errorf("default groups = %+v, %v", defaults, err)
	}
	var names []string
	for g, err := range c.CustomerGroups.All(ctx(t), &CustomerGroupFilter{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, g.Name)
	}
	if want := []string{"Retail", "Wholesale", "Guests", "VIP"}; len(names) != 4 || names[0] != want[0] || names[3] != want[3] {
		t.Errorf("All names = %v, want %v", names, want)
	}
	if _, err := c.CustomerGroups.Delete(ctx(t), created.ID); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, _, err := c.CustomerGroups.Get(ctx(t), created.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: err = %v, want ErrNotFound", err)
	}
	none, _, err := c.CustomerGroups.List(ctx(t), &CustomerGroupFilter{Name: "nobody"})
	if err != nil || len(none) != 0 {
		t.Errorf("empty list (204) = %v, %v", none, err)
	}
}

func TestIntegrationPaymentMethodsAll(t *testing.T) {
	c := coverageClient(t)
	var names []string
	for m, err := range c.PaymentMethods.All(ctx(t), &ListOptions{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, m.Name)
	}
	want := []string{"Braintree", "Cash on Delivery", "Check", "PayPal", "Square"}
	if len(names) != len(want) {
		t.Fatalf("names = %v, want %v", names, want)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("names[%d] = %q, want %q", i, names[i], want[i])
		}
	}
}

func TestIntegrationBrandsLifecycle(t *testing.T) {
	c := coverageClient(t)
	created, _, err := c.Brands.Create(ctx(t), BrandCreate{Name: "Kinfolk", MetaKeywords: []string{"journal"}, PageTitle: Ptr("Kinfolk mag")})
	if err != nil || created.ID != 6 || created.CustomURL == nil || created.CustomURL.URL != "/brands/Kinfolk.html" {
		t.Fatalf("Create = %+v, %v", created, err)
	}
	if _, _, err := c.Brands.Create(ctx(t), BrandCreate{Name: "ofs"}); !errors.Is(err, ErrConflict) {
		t.Errorf("duplicate: %v, want ErrConflict", err)
	}
	up, _, err := c.Brands.Update(ctx(t), created.ID, BrandUpdate{MetaKeywords: []string{}, SearchKeywords: Ptr("paper")})
	if err != nil || len(up.MetaKeywords) != 0 || up.SearchKeywords != "paper" || up.Name != "Kinfolk" {
		t.Fatalf("Update = %+v, %v", up, err)
	}
	// All over 6 brands, 4 a page: two id-range requests.
	var ids []int
	for b, err := range c.Brands.All(ctx(t), &BrandFilter{Limit: 4}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, b.ID)
	}
	if fmt.Sprint(ids) != "[1 2 3 4 5 6]" {
		t.Errorf("All ids = %v", ids)
	}
	sorted, _, err := c.Brands.List(ctx(t), &BrandFilter{Sort: BrandSortName, NameLike: "o"})
	if err != nil || len(sorted) != 5 || sorted[0].Name != "Barr-Co." || sorted[4].Name != "Sagaform" {
		t.Errorf("sorted name:like=o = %+v, %v", sorted, err)
	}
	if _, err := c.Brands.DeleteWhere(ctx(t), &BrandDeleteFilter{Name: "Kinfolk", PageTitle: "other"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Brands.Get(ctx(t), created.ID); err != nil {
		t.Errorf("page_title narrowed the delete, yet: %v", err)
	}
	if _, err := c.Brands.DeleteWhere(ctx(t), &BrandDeleteFilter{Name: "Kinfolk"}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Brands.Get(ctx(t), created.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after DeleteWhere: %v, want ErrNotFound", err)
	}
	if _, err := c.Brands.Delete(ctx(t), 1); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Brands.Delete(ctx(t), 1); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete: %v, want ErrNotFound", err)
	}
}
