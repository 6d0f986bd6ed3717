package bigcommerce_test

// Integration tests of the CustomerGroups service against bigcommercetest, through
// the real Client. They are in package bigcommerce_test because
// bigcommercetest imports bigcommerce.

import (
	"errors"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// defaultStoreClient is a client on a fresh fake store with its default
// customer groups, payment methods, brands, category tree, price lists and
// channel.
func defaultStoreClient(t *testing.T) *bigcommerce.Client {
	t.Helper()
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000}, bigcommercetest.SeedOptions{Seed: 1, Customers: 3})
	return c
}

func TestIntegrationCustomerGroupsLifecycle(t *testing.T) {
	c := defaultStoreClient(t)
	n, _, err := c.CustomerGroups.Count(bigcommerce.Ctx(t))
	if err != nil || n != 3 {
		t.Fatalf("Count = %d, %v; want the 3 seeded groups", n, err)
	}
	created, _, err := c.CustomerGroups.Create(bigcommerce.Ctx(t), bigcommerce.CustomerGroupCreate{
		Name: "VIP", CategoryAccess: &bigcommerce.CategoryAccess{Type: bigcommerce.CategoryAccessSpecific, Categories: []int{2}},
		DiscountRules: []bigcommerce.DiscountRule{{Type: bigcommerce.DiscountRuleAll, Method: bigcommerce.DiscountPercent, Amount: bigcommerce.Ptr(bigcommerce.Dec("12.5"))}},
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.ID != 4 || created.DateCreated.IsZero() || len(created.DiscountRules) != 1 {
		t.Fatalf("created = %+v", created)
	}
	bigcommerce.AssertDec(t, "amount", *created.DiscountRules[0].Amount, "12.5")

	if _, _, err := c.CustomerGroups.Create(bigcommerce.Ctx(t), bigcommerce.CustomerGroupCreate{Name: "vip"}); !errors.Is(err, bigcommerce.ErrConflict) {
		t.Errorf("duplicate name: err = %v, want ErrConflict", err)
	}
	updated, _, err := c.CustomerGroups.Update(bigcommerce.Ctx(t), created.ID, bigcommerce.CustomerGroupUpdate{DiscountRules: []bigcommerce.DiscountRule{}, IsDefault: bigcommerce.Ptr(true)})
	if err != nil || len(updated.DiscountRules) != 0 || !updated.IsDefault || updated.Name != "VIP" {
		t.Fatalf("Update = %+v, %v", updated, err)
	}
	// Only one default group: Retail lost the flag.
	defaults, _, err := c.CustomerGroups.List(bigcommerce.Ctx(t), &bigcommerce.CustomerGroupFilter{IsDefault: bigcommerce.Ptr(true)})
	if err != nil || len(defaults) != 1 || defaults[0].ID != created.ID {
		t.Errorf("default groups = %+v, %v", defaults, err)
	}
	var names []string
	for g, err := range c.CustomerGroups.All(bigcommerce.Ctx(t), &bigcommerce.CustomerGroupFilter{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, g.Name)
	}
	if want := []string{"Retail", "Wholesale", "Guests", "VIP"}; len(names) != 4 || names[0] != want[0] || names[3] != want[3] {
		t.Errorf("All names = %v, want %v", names, want)
	}
	if _, _, err := c.Customers.UpdateMany(bigcommerce.Ctx(t), []bigcommerce.CustomerUpdate{{ID: 1, CustomerGroupID: bigcommerce.Ptr(created.ID)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CustomerGroups.Delete(bigcommerce.Ctx(t), created.ID); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if cu, _, err := c.Customers.Get(bigcommerce.Ctx(t), 1); err != nil || cu.CustomerGroupID != 0 {
		t.Errorf("customer of the deleted group: %+v, %v; want group 0", cu, err)
	}
	if _, _, err := c.CustomerGroups.Get(bigcommerce.Ctx(t), created.ID); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Errorf("Get after Delete: err = %v, want ErrNotFound", err)
	}
	none, _, err := c.CustomerGroups.List(bigcommerce.Ctx(t), &bigcommerce.CustomerGroupFilter{Name: "nobody"})
	if err != nil || len(none) != 0 {
		t.Errorf("empty list (204) = %v, %v", none, err)
	}
}
