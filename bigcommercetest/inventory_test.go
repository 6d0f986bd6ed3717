package bigcommercetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// levelOf reads a product's inventory_level through the catalog API.
func levelOf(t *testing.T, h *harness, id int) int {
	t.Helper()
	p := decode[struct{ Data map[string]any }](t, h.api("GET", fmt.Sprintf("/v3/catalog/products/%d", id), nil).want(t, 200)).Data
	return int(p["inventory_level"].(float64))
}

func TestInventoryAdjustments(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		// Products 1-2 are simple (tracked by product); 3-4 have 2 variants each.
		s := seeded(SeedOptions{Seed: 12, Products: 2, Locations: 3})
		h := m.open(t, s)
		for i := range 2 {
			h.api("POST", "/v3/catalog/products", fmt.Sprintf(`{"name":"Cap %d","type":"physical","weight":1,"price":9,"inventory_tracking":"variant",
				"variants":[{"sku":"CAP-%d-A","option_values":[{"option_display_name":"Colour","label":"Red"}]},{"sku":"CAP-%d-B","option_values":[{"option_display_name":"Colour","label":"Blue"}]}]}`, i, i, i)).want(t, 200)
		}
		capA := decode[v3List](t, h.api("GET", "/v3/catalog/variants?sku=CAP-0-A", nil)).Data[0]
		capAID := int(capA["id"].(float64))

		// Absolute: set every location of product 1 and CAP-0-A.
		body := fmt.Sprintf(`{"reason":"count","items":[
			{"location_id":1,"product_id":1,"quantity":10},{"location_id":2,"product_id":1,"quantity":20},{"location_id":3,"sku":"SKU-000001","quantity":30},
			{"location_id":1,"variant_id":%d,"quantity":4},{"location_id":2,"sku":"CAP-0-B","quantity":6}]}`, capAID)
		r := h.api("PUT", "/v3/inventory/adjustments/absolute", body).want(t, 200)
		if tx := decode[map[string]string](t, r)["transaction_id"]; len(tx) != 36 || strings.Count(tx, "-") != 4 {
			t.Fatalf("transaction_id %q", tx)
		}
		if n, ok := s.StockAt(2, "SKU-000001"); !ok || n != 20 {
			t.Fatalf("StockAt(2) = %d %v", n, ok)
		}
		if got := levelOf(t, h, 1); got != 60 {
			t.Fatalf("product 1 level = %d", got)
		}
		// Variant-tracked product 3: the sum over its variants and locations.
		if got, want := levelOf(t, h, 3), 4+6; got != want {
			t.Fatalf("product 3 level = %d, want %d", got, want)
		}

		// Relative: add and subtract.
		h.api("POST", "/v3/inventory/adjustments/relative", `{"items":[{"location_id":1,"sku":"SKU-000001","quantity":-3},{"location_id":3,"product_id":1,"quantity":5}]}`).want(t, 200)
		if n, _ := s.StockAt(1, "SKU-000001"); n != 7 {
			t.Fatalf("after relative: %d", n)
		}
		if got := levelOf(t, h, 1); got != 62 {
			t.Fatalf("product 1 level = %d", got)
		}

		// Below zero: the whole request is rejected.
		r = h.api("POST", "/v3/inventory/adjustments/relative", `{"items":[{"location_id":2,"product_id":1,"quantity":-1},{"location_id":1,"sku":"SKU-000001","quantity":-8}]}`).want(t, 422)
		if ct := r.header.Get("Content-Type"); ct != "application/problem+json" {
			t.Fatalf("content type %q", ct)
		}
		if e := decode[v3Err](t, r); e.Status != 422 || e.Title == "" {
			t.Fatalf("error %s", r.body)
		}
		if a, _ := s.StockAt(2, "SKU-000001"); a != 20 {
			t.Fatalf("rejected request changed stock: %d", a)
		}
		// Two items for the same stock accumulate before the check.
		h.api("POST", "/v3/inventory/adjustments/relative", `{"items":[{"location_id":1,"sku":"SKU-000001","quantity":-4},{"location_id":1,"sku":"SKU-000001","quantity":-4}]}`).want(t, 422)

		invalid := []struct{ name, path, method, body string }{
			{"no identity", "absolute", "PUT", `{"items":[{"location_id":1,"quantity":1}]}`},
			{"two identities", "absolute", "PUT", `{"items":[{"location_id":1,"quantity":1,"sku":"SKU-000001","product_id":1}]}`},
			{"unknown location", "absolute", "PUT", `{"items":[{"location_id":99,"quantity":1,"sku":"SKU-000001"}]}`},
			{"unknown sku", "relative", "POST", `{"items":[{"location_id":1,"quantity":1,"sku":"NOPE"}]}`},
			{"no location", "relative", "POST", `{"items":[{"quantity":1,"sku":"SKU-000001"}]}`},
			{"no quantity", "relative", "POST", `{"items":[{"location_id":1,"sku":"SKU-000001"}]}`},
			{"negative absolute", "absolute", "PUT", `{"items":[{"location_id":1,"quantity":-1,"sku":"SKU-000001"}]}`},
			{"variant of product-tracked", "absolute", "PUT", `{"items":[{"location_id":1,"quantity":1,"variant_id":1}]}`},
			{"product of variant-tracked", "absolute", "PUT", `{"items":[{"location_id":1,"quantity":1,"product_id":3}]}`},
			{"no items", "absolute", "PUT", `{"reason":"x"}`},
		}
		for _, tc := range invalid {
			t.Run(tc.name, func(t *testing.T) {
				r := h.api(tc.method, "/v3/inventory/adjustments/"+tc.path, tc.body).want(t, 422)
				if e := decode[v3Err](t, r); e.Status != 422 {
					t.Fatalf("body %s", r.body)
				}
			})
		}
		r = h.api("PUT", "/v3/inventory/adjustments/absolute", `{"items":[{"location_id":1,"quantity":1,"variant_id":1}]}`).want(t, 422)
		if e := decode[v3Err](t, r); e.Title != "[Item with variant_id 1 is tracked by product, please update stock by product id]" {
			t.Fatalf("title %q", e.Title)
		}
		var items []string
		for range 2001 {
			items = append(items, `{"location_id":1,"quantity":1,"sku":"SKU-000001"}`)
		}
		h.api("PUT", "/v3/inventory/adjustments/absolute", `{"items":[`+strings.Join(items, ",")+`]}`).want(t, 413)
		h.api("POST", "/v3/inventory/adjustments/absolute", `{"items":[]}`).want(t, 405)
	})
}

func TestInventoryItemsAndLocations(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		s := seeded(SeedOptions{Seed: 13, Products: 3, VariantsPerProduct: 2, Locations: 3})
		h := m.open(t, s)
		l := decode[v3List](t, h.api("GET", "/v3/inventory/items?product_id:in=2&location_id:in=1,3", nil).want(t, 200))
		if len(l.Data) != 2 || l.Meta.Pagination.Total != 2 {
			t.Fatalf("items %v", l.Data)
		}
		it := l.Data[0]
		ident := it["identity"].(map[string]any)
		locs := it["locations"].([]any)
		if ident["sku"] != "SKU-000002-XS" || ident["product_id"].(float64) != 2 || len(locs) != 2 {
			t.Fatalf("item %v", it)
		}
		loc3 := locs[1].(map[string]any)
		n, _ := s.StockAt(3, "SKU-000002-XS")
		if loc3["location_id"].(float64) != 3 || int(loc3["total_inventory_onhand"].(float64)) != n || loc3["settings"] == nil {
			t.Fatalf("location entry %v (stock %d)", loc3, n)
		}
		l = decode[v3List](t, h.api("GET", "/v3/inventory/items?sku:in=SKU-000001-S,SKU-000003-XS&limit=1", nil).want(t, 200))
		if len(l.Data) != 1 || l.Meta.Pagination.TotalPages != 2 || l.Meta.Pagination.Links.Next != "?page=2&limit=1" {
			t.Fatalf("paged items %+v", l.Meta.Pagination)
		}
		h.api("GET", "/v3/inventory/items?warehouse=1", nil).want(t, 422)

		// Location settings: safety stock lowers available_to_sell.
		h.api("PUT", "/v3/inventory/locations/2/items", `{"settings":[{"identity":{"sku":"SKU-000001-XS"},"safety_stock":1000,"bin_picking_number":"A-1"}]}`).want(t, 200)
		h.api("PUT", "/v3/inventory/locations/2/items", `{"settings":[{"identity":{"sku":"SKU-000001-XS"}}]}`).want(t, 422)
		h.api("PUT", "/v3/inventory/locations/99/items", `{"settings":[{"identity":{"sku":"SKU-000001-XS"},"safety_stock":1}]}`).want(t, 404)
		l = decode[v3List](t, h.api("GET", "/v3/inventory/locations/2/items?sku:in=SKU-000001-XS", nil).want(t, 200))
		if li := l.Data[0]; li["available_to_sell"].(float64) != 0 || li["settings"].(map[string]any)["bin_picking_number"] != "A-1" {
			t.Fatalf("location item %v", li)
		}
		h.api("GET", "/v3/inventory/locations/99/items", nil).want(t, 404)

		// Locations.
		l = decode[v3List](t, h.api("GET", "/v3/inventory/locations?is_default=true", nil).want(t, 200))
		if !slices.Equal(ids(l.Data), []int{1}) {
			t.Fatalf("default %v", ids(l.Data))
		}
		h.api("POST", "/v3/inventory/locations", `[{"code":"POP-UP","label":"Pop-up store","type_id":"VIRTUAL"}]`).want(t, 200)
		h.api("POST", "/v3/inventory/locations", `[{"code":"POP-UP","label":"Again","type_id":"VIRTUAL"}]`).want(t, 422)
		h.api("POST", "/v3/inventory/locations", `[{"code":"X","label":"X","type_id":"SHIP"}]`).want(t, 422)
		l = decode[v3List](t, h.api("GET", "/v3/inventory/locations?location_code:in=pop-up", nil).want(t, 200))
		if len(l.Data) != 1 || l.Data[0]["type_id"] != "VIRTUAL" {
			t.Fatalf("created %v", l.Data)
		}
		newID := ids(l.Data)[0]
		h.api("PUT", "/v3/inventory/locations", fmt.Sprintf(`[{"id":%d,"enabled":false}]`, newID)).want(t, 200)
		l = decode[v3List](t, h.api("GET", "/v3/inventory/locations?is_active=false", nil).want(t, 200))
		if !slices.Equal(ids(l.Data), []int{newID}) {
			t.Fatalf("inactive %v", ids(l.Data))
		}
		l = decode[v3List](t, h.api("GET", "/v3/inventory/locations?type_id:in=PHYSICAL", nil).want(t, 200))
		if !slices.Equal(ids(l.Data), []int{1, 2, 3}) {
			t.Fatalf("physical %v", ids(l.Data))
		}
		h.api("DELETE", "/v3/inventory/locations", nil).want(t, 422)
		h.api("DELETE", "/v3/inventory/locations?location_id:in=1", nil).want(t, 422)
		h.api("DELETE", "/v3/inventory/locations?location_id:in=77", nil).want(t, 404)
		h.api("DELETE", "/v3/inventory/locations?location_id:in=3", nil).want(t, 200)
		if _, ok := s.StockAt(3, "SKU-000001-XS"); ok || s.LocationCount() != 3 {
			t.Fatalf("location 3 still there (%d locations)", s.LocationCount())
		}
		// The product level no longer counts the deleted location.
		sum := 0
		for _, loc := range []int{1, 2, newID} {
			for _, sku := range []string{"SKU-000001-XS", "SKU-000001-S"} {
				n, _ := s.StockAt(loc, sku)
				sum += n
			}
		}
		if got := levelOf(t, h, 1); got != sum {
			t.Fatalf("level %d, want %d", got, sum)
		}
	})
}
