package bigcommerce

import (
	"errors"
	"fmt"
	"strings"
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
	if _, _, err := c.Customers.Update(ctx(t), []CustomerUpdate{{ID: 1, CustomerGroupID: Ptr(created.ID)}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CustomerGroups.Delete(ctx(t), created.ID); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if cu, _, err := c.Customers.Get(ctx(t), 1); err != nil || cu.CustomerGroupID != 0 {
		t.Errorf("customer of the deleted group: %+v, %v; want group 0", cu, err)
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

func TestIntegrationCategoryTrees(t *testing.T) {
	c := coverageClient(t)
	trees, _, err := c.Categories.ListTrees(ctx(t), nil)
	if err != nil || len(trees) != 1 || trees[0].ID != 1 || fmt.Sprint(trees[0].Channels) != "[1]" {
		t.Fatalf("ListTrees = %+v, %v", trees, err)
	}
	eu, _, err := c.Categories.UpsertTrees(ctx(t), []CategoryTreeUpsert{{Name: "EU", Channels: []int{2}}, {ID: 1, Name: "US"}})
	if err != nil || len(eu) != 2 || eu[0].ID != 2 || eu[1].Name != "US" {
		t.Fatalf("UpsertTrees = %+v, %v", eu, err)
	}
	created, _, err := c.Categories.Create(ctx(t), []CategoryCreate{
		{Name: "Garden", TreeID: 2},
		{Name: "Bath sheets", ParentID: 3, CategoryFields: CategoryFields{IsVisible: Ptr(false)}},
	})
	if err != nil || len(created) != 2 || created[0].TreeID != 2 || created[1].TreeID != 1 || created[1].IsVisible || created[1].URL.Path != "/bath/towels/bath-sheets/" {
		t.Fatalf("Create = %+v, %v", created, err)
	}
	_, _, err = c.Categories.Create(ctx(t), []CategoryCreate{{Name: "ok", TreeID: 1}, {Name: "bad", ParentID: 999}})
	var be *BatchError
	if !errors.As(err, &be) || len(be.Failures) != 2 {
		t.Fatalf("Create with a missing parent: %v, want a *BatchError for both", err)
	}
	if _, err := c.Categories.Update(ctx(t), []CategoryUpdate{{CategoryID: created[0].CategoryID, Name: Ptr("Garden & Patio"), CategoryFields: CategoryFields{SortOrder: Ptr(4)}}}); err != nil {
		t.Fatal(err)
	}
	got, _, err := c.Categories.List(ctx(t), &CategoryFilter{TreeIDIn: IntList{2}})
	if err != nil || len(got) != 1 || got[0].Name != "Garden & Patio" || got[0].SortOrder != 4 {
		t.Fatalf("List tree 2 = %+v, %v", got, err)
	}

	nodes, _, err := c.Categories.GetTree(ctx(t), 1, 0)
	if err != nil || len(nodes) != 2 || nodes[0].Name != "Bath" || nodes[0].Children[0].Name != "Towels" || len(nodes[0].Children[0].Children) != 2 {
		t.Fatalf("GetTree = %+v, %v", nodes, err)
	}
	if n := nodes[0].Children[0].Children[0]; n.Depth != 3 || fmt.Sprint(n.Path) != "[1 3]" {
		t.Errorf("deep node = %+v", n)
	}
	shallow, _, err := c.Categories.GetTree(ctx(t), 1, 1)
	if err != nil || len(shallow) != 2 || len(shallow[0].Children) != 0 {
		t.Errorf("GetTree depth 1 = %+v, %v", shallow, err)
	}

	// All, a page of 2 at a time, then nested like GetTree.
	var all []Category
	for cat, err := range c.Categories.All(ctx(t), &CategoryFilter{TreeIDIn: IntList{1}, Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, cat)
	}
	roots := NestCategories(all)
	if len(all) != 6 || len(roots) != 2 || roots[0].Name != "Bath" || len(roots[0].Children[0].Children) != 2 {
		t.Errorf("All = %d categories, roots %+v", len(all), roots)
	}

	// Deleting Towels takes its subcategories with it.
	if _, err := c.Categories.Delete(ctx(t), 3); err != nil {
		t.Fatal(err)
	}
	left, _, err := c.Categories.List(ctx(t), &CategoryFilter{TreeIDIn: IntList{1}})
	if err != nil || len(left) != 3 {
		t.Errorf("after Delete: %d categories, %v; want Bath, Kitchen, Utensils", len(left), err)
	}
	if _, err := c.Categories.DeleteTrees(ctx(t), 2); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Categories.GetTree(ctx(t), 2, 0); !errors.Is(err, ErrNotFound) {
		t.Errorf("GetTree of a deleted tree: %v, want ErrNotFound", err)
	}
	if gone, _, _ := c.Categories.List(ctx(t), &CategoryFilter{TreeIDIn: IntList{2}}); len(gone) != 0 {
		t.Errorf("categories of the deleted tree remain: %+v", gone)
	}
}

func TestIntegrationPriceLists(t *testing.T) {
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000}, bigcommercetest.SeedOptions{Seed: 2, Products: 3, VariantsPerProduct: 3})
	var variants []Variant
	for _, pid := range []int{1, 2, 3} {
		vs, _, err := c.Products.ListVariants(ctx(t), pid, nil)
		if err != nil {
			t.Fatal(err)
		}
		variants = append(variants, vs...)
	}
	if len(variants) != 9 {
		t.Fatalf("%d variants seeded", len(variants))
	}
	lists, _, err := c.PriceLists.List(ctx(t), nil)
	if err != nil || len(lists) != 1 || lists[0].Name != "Wholesale" {
		t.Fatalf("seeded price lists = %+v, %v", lists, err)
	}
	pl, _, err := c.PriceLists.Create(ctx(t), PriceListCreate{Name: "Trade", Active: Ptr(true)})
	if err != nil || pl.ID != 2 || !pl.Active {
		t.Fatalf("Create = %+v, %v", pl, err)
	}
	if _, _, err := c.PriceLists.Create(ctx(t), PriceListCreate{Name: "trade"}); !errors.Is(err, ErrConflict) {
		t.Errorf("duplicate: %v", err)
	}

	// Two currencies for every variant, one of them by SKU.
	var in []PriceRecordUpsert
	for i, v := range variants {
		in = append(in, PriceRecordUpsert{VariantID: v.ID, Currency: "usd", Price: Ptr(dec(fmt.Sprintf("%d.25", 10+i)))})
		in = append(in, PriceRecordUpsert{SKU: v.SKU, Currency: "EUR", Price: Ptr(dec("9.99")), SalePrice: Ptr(dec("8.50")),
			BulkPricingTiers: []PriceTier{{QuantityMin: 5, QuantityMax: 9, Type: "percent", Amount: dec("2.5")}}})
	}
	if _, err := c.PriceLists.UpsertRecords(ctx(t), pl.ID, in); err != nil {
		t.Fatal(err)
	}
	var recs []PriceRecord
	for r, err := range c.PriceLists.AllRecords(ctx(t), pl.ID, &PriceRecordFilter{Limit: 4, Include: StringList{PriceRecordIncludeBulkPricingTiers, PriceRecordIncludeSKU}}) {
		if err != nil {
			t.Fatal(err)
		}
		recs = append(recs, r)
	}
	if len(recs) != 18 {
		t.Fatalf("AllRecords = %d records, want 18", len(recs))
	}
	assertDec(t, "usd price", recs[0].Price, "10.25")
	if eur := recs[1]; eur.Currency != "eur" || eur.SKU != variants[0].SKU || len(eur.BulkPricingTiers) != 1 || !eur.CalculatedPrice.Equal(dec("8.5")) {
		t.Errorf("eur record = %+v", eur)
	}
	// An upsert of an existing record changes it in place.
	if _, err := c.PriceLists.UpsertRecords(ctx(t), pl.ID, []PriceRecordUpsert{{VariantID: variants[0].ID, Currency: "usd", Price: Ptr(dec("1.5"))}}); err != nil {
		t.Fatal(err)
	}
	usd, _, err := c.PriceLists.ListRecords(ctx(t), pl.ID, &PriceRecordFilter{Currency: "usd", PriceMax: Ptr(dec("2"))})
	if err != nil || len(usd) != 1 || usd[0].VariantID != variants[0].ID {
		t.Fatalf("price:max filter = %+v, %v", usd, err)
	}
	// A bad record fails alone, named by identity.
	_, err = c.PriceLists.UpsertRecords(ctx(t), pl.ID, []PriceRecordUpsert{
		{VariantID: variants[1].ID, Currency: "usd", Price: Ptr(dec("3"))},
		{VariantID: 99999, Currency: "usd", Price: Ptr(dec("3"))},
	})
	var be *BatchError
	var e *Error
	if !errors.As(err, &be) || len(be.Failures) != 2 || !errors.As(be.Failures[1].Err, &e) || e.Fields["variant_id"] == "" {
		t.Fatalf("bad record: %v", err)
	}
	if _, err := c.PriceLists.DeleteRecords(ctx(t), pl.ID, &PriceRecordDeleteFilter{Currency: "eur"}); err != nil {
		t.Fatal(err)
	}
	left, _, _ := c.PriceLists.ListRecords(ctx(t), pl.ID, nil)
	if len(left) != 9 {
		t.Errorf("after deleting eur: %d records, want 9", len(left))
	}

	// Assignments: one good, one to a missing group (saved_records 1).
	_, err = c.PriceLists.CreateAssignments(ctx(t), []PriceListAssignmentCreate{{PriceListID: pl.ID, CustomerGroupID: 1}, {PriceListID: pl.ID, CustomerGroupID: 99}})
	if !errors.As(err, &be) || !strings.Contains(be.Failures[0].Err.Error(), "saved 1 of the 2") {
		t.Fatalf("partial assignment: %v", err)
	}
	var as []PriceListAssignment
	for a, err := range c.PriceLists.AllAssignments(ctx(t), &PriceListAssignmentFilter{PriceListID: pl.ID}) {
		if err != nil {
			t.Fatal(err)
		}
		as = append(as, a)
	}
	if len(as) != 1 || as[0].CustomerGroupID != 1 {
		t.Errorf("assignments = %+v", as)
	}
	if _, err := c.PriceLists.DeleteAssignments(ctx(t), &PriceListAssignmentDeleteFilter{PriceListID: pl.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.PriceLists.Delete(ctx(t), pl.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.PriceLists.ListRecords(ctx(t), pl.ID, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("records of a deleted list: %v", err)
	}
}

func TestIntegrationPriceListsAllByCursorSurvivesDeletes(t *testing.T) {
	c := coverageClient(t)
	for i := 0; i < 6; i++ {
		if _, _, err := c.PriceLists.Create(ctx(t), PriceListCreate{Name: fmt.Sprint("L", i)}); err != nil {
			t.Fatal(err)
		}
	}
	// Delete lists already seen while walking: a cursor walk still yields
	// every list that was never deleted, exactly once.
	seen := map[int]int{}
	for l, err := range c.PriceLists.All(ctx(t), &PriceListFilter{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		seen[l.ID]++
		if l.ID == 2 || l.ID == 4 {
			if _, err := c.PriceLists.Delete(ctx(t), l.ID-1); err != nil {
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
	chans, _, err := c.Channels.List(ctx(t), &ChannelFilter{TypeIn: StringList{"storefront"}})
	if err != nil || len(chans) != 1 || chans[0].ID != 1 {
		t.Fatalf("storefronts = %+v, %v", chans, err)
	}
	pos, _, err := c.Channels.Create(ctx(t), ChannelCreate{Name: "Shop POS", Type: ChannelTypePOS, Platform: "square", Status: ChannelStatusPrelaunch})
	if err != nil || pos.ID != 3 || pos.Status != ChannelStatusPrelaunch {
		t.Fatalf("Create = %+v, %v", pos, err)
	}
	up, _, err := c.Channels.Update(ctx(t), pos.ID, ChannelUpdate{Status: Ptr(ChannelStatusActive), IsVisible: Ptr(false)})
	if err != nil || up.Status != ChannelStatusActive || up.IsVisible {
		t.Fatalf("Update = %+v, %v", up, err)
	}
	got, _, err := c.Channels.Get(ctx(t), pos.ID)
	if err != nil || got.Name != "Shop POS" || got.Currencies == nil {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if _, _, err := c.Channels.Update(ctx(t), pos.ID, ChannelUpdate{Status: Ptr(ChannelStatusTerminated)}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Channels.Update(ctx(t), pos.ID, ChannelUpdate{Name: Ptr("again")}); !errors.Is(err, ErrUnprocessable) {
		t.Errorf("update of a terminated channel: %v, want 422", err)
	}
	var all []Channel
	for ch, err := range c.Channels.All(ctx(t), &ChannelFilter{Available: Ptr(true)}) {
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
	var in []ListingCreate
	for pid := 1; pid <= 4; pid++ {
		vs, _, err := c.Products.ListVariants(ctx(t), pid, nil)
		if err != nil || len(vs) == 0 {
			t.Fatalf("variants of %d: %v", pid, err)
		}
		in = append(in, ListingCreate{ProductID: pid, State: ListingStatePending,
			Variants: []ListingVariantWrite{{ProductID: pid, VariantID: vs[0].ID, State: ListingStatePending}}})
	}
	created, _, err := c.Channels.CreateListings(ctx(t), 2, in)
	if err != nil || len(created) != 4 || created[0].ChannelID != 2 || created[0].Name == "" || len(created[0].Variants) != 1 {
		t.Fatalf("CreateListings = %+v, %v", created, err)
	}
	var ids []int
	for l, err := range c.Channels.AllListings(ctx(t), 2, &ListingFilter{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, l.ListingID)
	}
	if fmt.Sprint(ids) != "[1 2 3 4]" {
		t.Errorf("AllListings ids = %v", ids)
	}
	vs, _, _ := c.Products.ListVariants(ctx(t), 1, nil)
	updated, _, err := c.Channels.UpdateListings(ctx(t), 2, []ListingUpdate{
		{ListingID: created[0].ListingID, ProductID: 1, State: ListingStateActive,
			Variants: []ListingVariantWrite{{ProductID: 1, VariantID: vs[1].ID, State: ListingStateActive}}},
		{ListingID: 999, ProductID: 2, State: ListingStateActive},
	})
	var be *BatchError
	if !errors.As(err, &be) || len(be.Failures) != 1 || be.Failures[0].Index != 1 || !errors.Is(be.Failures[0].Err, ErrNotFound) {
		t.Fatalf("UpdateListings err = %v; want item 1 not found", err)
	}
	if len(updated) != 1 || updated[0].State != ListingStateActive || len(updated[0].Variants) != 2 {
		t.Fatalf("updated = %+v", updated)
	}
	one, _, err := c.Channels.GetListing(ctx(t), 2, created[0].ListingID)
	if err != nil || one.State != ListingStateActive {
		t.Fatalf("GetListing = %+v, %v", one, err)
	}
	if _, _, err := c.Channels.GetListing(ctx(t), 1, created[0].ListingID); !errors.Is(err, ErrNotFound) {
		t.Errorf("listing of another channel: %v, want ErrNotFound", err)
	}
	_, _, err = c.Channels.CreateListings(ctx(t), 2, []ListingCreate{{ProductID: 1, State: ListingStateActive,
		Variants: []ListingVariantWrite{{ProductID: 1, VariantID: 99999, State: ListingStateActive}}}})
	if !errors.As(err, &be) || !errors.Is(be.Failures[0].Err, ErrUnprocessable) {
		t.Errorf("listing an unknown variant: %v, want 422", err)
	}
}

func TestClientHasCoverageServices(t *testing.T) {
	c, _ := newTestClient(t)
	if c.Categories == nil || c.Brands == nil || c.CustomerGroups == nil || c.Channels == nil || c.PriceLists == nil || c.PaymentMethods == nil {
		t.Fatalf("a coverage service is nil: %+v", c)
	}
	if c.Brands.client != c || c.PriceLists.client != c {
		t.Error("services are not wired to their client")
	}
}
