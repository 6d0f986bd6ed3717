package bigcommerce_test

// Declarations of integration_coverage_test.go that use bigcommercetest (directly or through
// other declarations), moved here by extconv: they are in package bigcommerce_test
// because bigcommercetest imports bigcommerce.

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// coverageClient is a client on a fresh fake store with its default
// customer groups, payment methods, brands, category tree, price lists and
// channel.
func coverageClient(t *testing.T) *bigcommerce.Client {
	t.Helper()
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000}, bigcommercetest.SeedOptions{Seed: 1, Customers: 3})
	return c
}

func TestIntegrationCustomerGroupsLifecycle(t *testing.T) {
	c := coverageClient(t)
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
	if _, _, err := c.Customers.Update(bigcommerce.Ctx(t), []bigcommerce.CustomerUpdate{{ID: 1, CustomerGroupID: bigcommerce.Ptr(created.ID)}}); err != nil {
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

func TestIntegrationPaymentMethodsAll(t *testing.T) {
	c := coverageClient(t)
	var names []string
	for m, err := range c.PaymentMethods.All(bigcommerce.Ctx(t), &bigcommerce.ListOptions{Limit: 2}) {
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

func TestIntegrationCategoryTrees(t *testing.T) {
	c := coverageClient(t)
	trees, _, err := c.Categories.ListTrees(bigcommerce.Ctx(t), nil)
	if err != nil || len(trees) != 1 || trees[0].ID != 1 || fmt.Sprint(trees[0].Channels) != "[1]" {
		t.Fatalf("ListTrees = %+v, %v", trees, err)
	}
	eu, _, err := c.Categories.UpsertTrees(bigcommerce.Ctx(t), []bigcommerce.CategoryTreeUpsert{{Name: "EU", Channels: []int{2}}, {ID: 1, Name: "US"}})
	if err != nil || len(eu) != 2 || eu[0].ID != 2 || eu[1].Name != "US" {
		t.Fatalf("UpsertTrees = %+v, %v", eu, err)
	}
	created, _, err := c.Categories.Create(bigcommerce.Ctx(t), []bigcommerce.CategoryCreate{
		{Name: "Garden", TreeID: 2},
		{Name: "Bath sheets", ParentID: 3, CategoryFields: bigcommerce.CategoryFields{IsVisible: bigcommerce.Ptr(false)}},
	})
	if err != nil || len(created) != 2 || created[0].TreeID != 2 || created[1].TreeID != 1 || created[1].IsVisible || created[1].URL.Path != "/bath/towels/bath-sheets/" {
		t.Fatalf("Create = %+v, %v", created, err)
	}
	_, _, err = c.Categories.Create(bigcommerce.Ctx(t), []bigcommerce.CategoryCreate{{Name: "ok", TreeID: 1}, {Name: "bad", ParentID: 999}})
	var be *bigcommerce.BatchError
	if !errors.As(err, &be) || len(be.Failures) != 2 {
		t.Fatalf("Create with a missing parent: %v, want a *BatchError for both", err)
	}
	if _, err := c.Categories.Update(bigcommerce.Ctx(t), []bigcommerce.CategoryUpdate{{CategoryID: created[0].CategoryID, Name: bigcommerce.Ptr("Garden & Patio"), CategoryFields: bigcommerce.CategoryFields{SortOrder: bigcommerce.Ptr(4)}}}); err != nil {
		t.Fatal(err)
	}
	got, _, err := c.Categories.List(bigcommerce.Ctx(t), &bigcommerce.CategoryFilter{TreeIDIn: bigcommerce.IntList{2}})
	if err != nil || len(got) != 1 || got[0].Name != "Garden & Patio" || got[0].SortOrder != 4 {
		t.Fatalf("List tree 2 = %+v, %v", got, err)
	}

	nodes, _, err := c.Categories.GetTree(bigcommerce.Ctx(t), 1, 0)
	if err != nil || len(nodes) != 2 || nodes[0].Name != "Bath" || nodes[0].Children[0].Name != "Towels" || len(nodes[0].Children[0].Children) != 2 {
		t.Fatalf("GetTree = %+v, %v", nodes, err)
	}
	if n := nodes[0].Children[0].Children[0]; n.Depth != 3 || fmt.Sprint(n.Path) != "[1 3]" {
		t.Errorf("deep node = %+v", n)
	}
	shallow, _, err := c.Categories.GetTree(bigcommerce.Ctx(t), 1, 1)
	if err != nil || len(shallow) != 2 || len(shallow[0].Children) != 0 {
		t.Errorf("GetTree depth 1 = %+v, %v", shallow, err)
	}

	// All, a page of 2 at a time, then nested like GetTree.
	var all []bigcommerce.Category
	for cat, err := range c.Categories.All(bigcommerce.Ctx(t), &bigcommerce.CategoryFilter{TreeIDIn: bigcommerce.IntList{1}, Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, cat)
	}
	roots := bigcommerce.NestCategories(all)
	if len(all) != 6 || len(roots) != 2 || roots[0].Name != "Bath" || len(roots[0].Children[0].Children) != 2 {
		t.Errorf("All = %d categories, roots %+v", len(all), roots)
	}

	// Deleting Towels takes its subcategories with it.
	if _, err := c.Categories.Delete(bigcommerce.Ctx(t), 3); err != nil {
		t.Fatal(err)
	}
	left, _, err := c.Categories.List(bigcommerce.Ctx(t), &bigcommerce.CategoryFilter{TreeIDIn: bigcommerce.IntList{1}})
	if err != nil || len(left) != 3 {
		t.Errorf("after Delete: %d categories, %v; want Bath, Kitchen, Utensils", len(left), err)
	}
	if _, err := c.Categories.DeleteTrees(bigcommerce.Ctx(t), 2); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Categories.GetTree(bigcommerce.Ctx(t), 2, 0); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Errorf("GetTree of a deleted tree: %v, want ErrNotFound", err)
	}
	if gone, _, _ := c.Categories.List(bigcommerce.Ctx(t), &bigcommerce.CategoryFilter{TreeIDIn: bigcommerce.IntList{2}}); len(gone) != 0 {
		t.Errorf("categories of the deleted tree remain: %+v", gone)
	}
}

func TestIntegrationPriceLists(t *testing.T) {
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000}, bigcommercetest.SeedOptions{Seed: 2, Products: 3, VariantsPerProduct: 3})
	var variants []bigcommerce.Variant
	for _, pid := range []int{1, 2, 3} {
		vs, _, err := c.Products.ListVariants(bigcommerce.Ctx(t), pid, nil)
		if err != nil {
			t.Fatal(err)
		}
		variants = append(variants, vs...)
	}
	if len(variants) != 9 {
		t.Fatalf("%d variants seeded", len(variants))
	}
	lists, _, err := c.PriceLists.List(bigcommerce.Ctx(t), nil)
	if err != nil || len(lists) != 1 || lists[0].Name != "Wholesale" {
		t.Fatalf("seeded price lists = %+v, %v", lists, err)
	}
	pl, _, err := c.PriceLists.Create(bigcommerce.Ctx(t), bigcommerce.PriceListCreate{Name: "Trade", Active: bigcommerce.Ptr(true)})
	if err != nil || pl.ID != 2 || !pl.Active {
		t.Fatalf("Create = %+v, %v", pl, err)
	}
	if _, _, err := c.PriceLists.Create(bigcommerce.Ctx(t), bigcommerce.PriceListCreate{Name: "trade"}); !errors.Is(err, bigcommerce.ErrConflict) {
		t.Errorf("duplicate: %v", err)
	}

	// Two currencies for every variant, one of them by SKU.
	var in []bigcommerce.PriceRecordUpsert
	for i, v := range variants {
		in = append(in, bigcommerce.PriceRecordUpsert{VariantID: v.ID, Currency: "usd", Price: bigcommerce.Ptr(bigcommerce.Dec(fmt.Sprintf("%d.25", 10+i)))})
		in = append(in, bigcommerce.PriceRecordUpsert{SKU: v.SKU, Currency: "EUR", Price: bigcommerce.Ptr(bigcommerce.Dec("9.99")), SalePrice: bigcommerce.Ptr(bigcommerce.Dec("8.50")),
			BulkPricingTiers: []bigcommerce.PriceTier{{QuantityMin: 5, QuantityMax: 9, Type: "percent", Amount: bigcommerce.Dec("2.5")}}})
	}
	if _, err := c.PriceLists.UpsertRecords(bigcommerce.Ctx(t), pl.ID, in); err != nil {
		t.Fatal(err)
	}
	var recs []bigcommerce.PriceRecord
	for r, err := range c.PriceLists.AllRecords(bigcommerce.Ctx(t), pl.ID, &bigcommerce.PriceRecordFilter{Limit: 4, Include: bigcommerce.StringList{bigcommerce.PriceRecordIncludeBulkPricingTiers, bigcommerce.PriceRecordIncludeSKU}}) {
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	if len(recs) != 18 {
		t.Fatalf("AllRecords = %d records, want 18", len(recs))
	}
	bigcommerce.AssertDec(t, "usd price", recs[0].Price, "10.25")
	if eur := recs[1]; eur.Currency != "eur" || eur.SKU != variants[0].SKU || len(eur.BulkPricingTiers) != 1 || !eur.CalculatedPrice.Equal(bigcommerce.Dec("8.5")) {
		t.Errorf("eur record = %+v", eur)
	}
	// An upsert of an existing record changes it in place.
	if _, err := c.PriceLists.UpsertRecords(bigcommerce.Ctx(t), pl.ID, []bigcommerce.PriceRecordUpsert{{VariantID: variants[0].ID, Currency: "usd", Price: bigcommerce.Ptr(bigcommerce.Dec("1.5"))}}); err != nil {
		t.Fatal(err)
	}
	usd, _, err := c.PriceLists.ListRecords(bigcommerce.Ctx(t), pl.ID, &bigcommerce.PriceRecordFilter{Currency: "usd", PriceMax: bigcommerce.Ptr(bigcommerce.Dec("2"))})
	if err != nil || len(usd) != 1 || usd[0].VariantID != variants[0].ID {
		t.Fatalf("price:max filter = %+v, %v", usd, err)
	}
	// A bad record fails alone, named by identity.
	_, err = c.PriceLists.UpsertRecords(bigcommerce.Ctx(t), pl.ID, []bigcommerce.PriceRecordUpsert{
		{VariantID: variants[1].ID, Currency: "usd", Price: bigcommerce.Ptr(bigcommerce.Dec("3"))},
		{VariantID: 99999, Currency: "usd", Price: bigcommerce.Ptr(bigcommerce.Dec("3"))},
	})
	var be *bigcommerce.BatchError
	var e *bigcommerce.Error
	if !errors.As(err, &be) || len(be.Failures) != 2 || !errors.As(be.Failures[1].Err, &e) || e.Fields["variant_id"] == "" {
		t.Fatalf("bad record: %v", err)
	}
	if _, err := c.PriceLists.DeleteRecords(bigcommerce.Ctx(t), pl.ID, &bigcommerce.PriceRecordDeleteFilter{Currency: "eur"}); err != nil {
		t.Fatal(err)
	}
	left, _, _ := c.PriceLists.ListRecords(bigcommerce.Ctx(t), pl.ID, nil)
	if len(left) != 9 {
		t.Errorf("after deleting eur: %d records, want 9", len(left))
	}

	// Assignments: one good, one to a missing group (saved_records 1).
	_, err = c.PriceLists.CreateAssignments(bigcommerce.Ctx(t), []bigcommerce.PriceListAssignmentCreate{{PriceListID: pl.ID, CustomerGroupID: 1}, {PriceListID: pl.ID, CustomerGroupID: 99}})
	if !errors.As(err, &be) || !strings.Contains(be.Failures[0].Err.Error(), "saved 1 of the 2") {
		t.Fatalf("partial assignment: %v", err)
	}
	var as []bigcommerce.PriceListAssignment
	for a, err := range c.PriceLists.AllAssignments(bigcommerce.Ctx(t), &bigcommerce.PriceListAssignmentFilter{PriceListID: pl.ID}) {
		if err != nil {
			t.Fatal(err)
		}
		as = append(as, a)
	}
	if len(as) != 1 || as[0].CustomerGroupID != 1 {
		t.Errorf("assignments = %+v", as)
	}
	if _, err := c.PriceLists.DeleteAssignments(bigcommerce.Ctx(t), &bigcommerce.PriceListAssignmentDeleteFilter{PriceListID: pl.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PriceLists.Delete(bigcommerce.Ctx(t), pl.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.PriceLists.ListRecords(bigcommerce.Ctx(t), pl.ID, nil); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Errorf("records of a deleted list: %v", err)
	}
}

func TestIntegrationPriceListsAllByCursorSurvivesDeletes(t *testing.T) {
	c := coverageClient(t)
	for i := 0; i < 6; i++ {
		if _, _, err := c.PriceLists.Create(bigcommerce.Ctx(t), bigcommerce.PriceListCreate{Name: fmt.Sprint("L", i)}); err != nil {
			t.Fatal(err)
		}
	}
	// Delete lists already seen while walking: a cursor walk still yields
	// every list that was never deleted, exactly once.
	seen := map[int]int{}
	for l, err := range c.PriceLists.All(bigcommerce.Ctx(t), &bigcommerce.PriceListFilter{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		seen[l.ID]++
		if l.ID == 2 || l.ID == 4 {
			if _, err := c.PriceLists.Delete(bigcommerce.Ctx(t), l.ID-1); err != nil {
				t.Fatal(err)
			}
		}
	}
	for id := 1; id <= 7; id++ {
		if seen[id] != 1 {
			t.Errorf("list %d seen %d times", id, seen[id])
		}
	}
}

func TestIntegrationChannelsAndListings(t *testing.T) {
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000}, bigcommercetest.SeedOptions{Seed: 3, Products: 4, VariantsPerProduct: 2})
	chans, _, err := c.Channels.List(bigcommerce.Ctx(t), &bigcommerce.ChannelFilter{TypeIn: bigcommerce.StringList{"storefront"}})
	if err != nil || len(chans) != 1 || chans[0].ID != 1 {
		t.Fatalf("storefronts = %+v, %v", chans, err)
	}
	pos, _, err := c.Channels.Create(bigcommerce.Ctx(t), bigcommerce.ChannelCreate{Name: "Shop POS", Type: bigcommerce.ChannelTypePOS, Platform: "square", Status: bigcommerce.ChannelStatusPrelaunch})
	if err != nil || pos.ID != 3 || pos.Status != bigcommerce.ChannelStatusPrelaunch {
		t.Fatalf("Create = %+v, %v", pos, err)
	}
	up, _, err := c.Channels.Update(bigcommerce.Ctx(t), pos.ID, bigcommerce.ChannelUpdate{Status: bigcommerce.Ptr(bigcommerce.ChannelStatusActive), IsVisible: bigcommerce.Ptr(false)})
	if err != nil || up.Status != bigcommerce.ChannelStatusActive || up.IsVisible {
		t.Fatalf("Update = %+v, %v", up, err)
	}
	got, _, err := c.Channels.Get(bigcommerce.Ctx(t), pos.ID)
	if err != nil || got.Name != "Shop POS" || got.Currencies == nil {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if _, _, err := c.Channels.Update(bigcommerce.Ctx(t), pos.ID, bigcommerce.ChannelUpdate{Status: bigcommerce.Ptr(bigcommerce.ChannelStatusTerminated)}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Channels.Update(bigcommerce.Ctx(t), pos.ID, bigcommerce.ChannelUpdate{Name: bigcommerce.Ptr("again")}); !errors.Is(err, bigcommerce.ErrUnprocessable) {
		t.Errorf("update of a terminated channel: %v, want 422", err)
	}
	var all []bigcommerce.Channel
	for ch, err := range c.Channels.All(bigcommerce.Ctx(t), &bigcommerce.ChannelFilter{Available: bigcommerce.Ptr(true)}) {
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, ch)
	}
	if len(all) != 2 {
		t.Errorf("available channels = %d, want 2", len(all))
	}

	// List every product on the marketplace, one variant each, then walk
	// the listings two at a time.
	var in []bigcommerce.ListingCreate
	for pid := 1; pid <= 4; pid++ {
		vs, _, err := c.Products.ListVariants(bigcommerce.Ctx(t), pid, nil)
		if err != nil || len(vs) == 0 {
			t.Fatalf("variants of %d: %v", pid, err)
		}
		in = append(in, bigcommerce.ListingCreate{ProductID: pid, State: bigcommerce.ListingStatePending,
			Variants: []bigcommerce.ListingVariantWrite{{ProductID: pid, VariantID: vs[0].ID, State: bigcommerce.ListingStatePending}}})
	}
	created, _, err := c.Channels.CreateListings(bigcommerce.Ctx(t), 2, in)
	if err != nil || len(created) != 4 || created[0].ChannelID != 2 || created[0].Name == "" || len(created[0].Variants) != 1 {
		t.Fatalf("CreateListings = %+v, %v", created, err)
	}
	var ids []int
	for l, err := range c.Channels.AllListings(bigcommerce.Ctx(t), 2, &bigcommerce.ListingFilter{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, l.ListingID)
	}
	if fmt.Sprint(ids) != "[1 2 3 4]" {
		t.Errorf("AllListings ids = %v", ids)
	}
	vs, _, _ := c.Products.ListVariants(bigcommerce.Ctx(t), 1, nil)
	updated, _, err := c.Channels.UpdateListings(bigcommerce.Ctx(t), 2, []bigcommerce.ListingUpdate{
		{ListingID: created[0].ListingID, ProductID: 1, State: bigcommerce.ListingStateActive,
			Variants: []bigcommerce.ListingVariantWrite{{ProductID: 1, VariantID: vs[1].ID, State: bigcommerce.ListingStateActive}}},
		{ListingID: 999, ProductID: 2, State: bigcommerce.ListingStateActive},
	})
	var be *bigcommerce.BatchError
	if !errors.As(err, &be) || len(be.Failures) != 1 || be.Failures[0].Index != 1 || !errors.Is(be.Failures[0].Err, bigcommerce.ErrNotFound) {
		t.Fatalf("UpdateListings err = %v; want item 1 not found", err)
	}
	if len(updated) != 1 || updated[0].State != bigcommerce.ListingStateActive || len(updated[0].Variants) != 2 {
		t.Fatalf("updated = %+v", updated)
	}
	one, _, err := c.Channels.GetListing(bigcommerce.Ctx(t), 2, created[0].ListingID)
	if err != nil || one.State != bigcommerce.ListingStateActive {
		t.Fatalf("GetListing = %+v, %v", one, err)
	}
	if _, _, err := c.Channels.GetListing(bigcommerce.Ctx(t), 1, created[0].ListingID); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Errorf("listing of another channel: %v, want ErrNotFound", err)
	}
	_, _, err = c.Channels.CreateListings(bigcommerce.Ctx(t), 2, []bigcommerce.ListingCreate{{ProductID: 1, State: bigcommerce.ListingStateActive,
		Variants: []bigcommerce.ListingVariantWrite{{ProductID: 1, VariantID: 99999, State: bigcommerce.ListingStateActive}}}})
	if !errors.As(err, &be) || !errors.Is(be.Failures[0].Err, bigcommerce.ErrUnprocessable) {
		t.Errorf("listing an unknown variant: %v, want 422", err)
	}
}
