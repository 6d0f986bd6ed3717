package bigcommerce_test

// Integration tests of the PriceLists service against bigcommercetest, through
// the real Client. They are in package bigcommerce_test because
// bigcommercetest imports bigcommerce.

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

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
	if !errors.As(err, &be) || len(be.Failures) != 0 || len(be.Unknown) != 2 || !errors.Is(be.Unknown[0].Err, bigcommerce.ErrOutcomeUnknown) ||
		!strings.Contains(be.Unknown[0].Err.Error(), "saved 1 of the 2") {
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
	c := defaultStoreClient(t)
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
