package bigcommercetest

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// catalogStore has 12 simple products (SKU-000001 .. SKU-000012) and 4
// products with 3 variants each at 2 locations.
func catalogStore(t *testing.T) *Store {
	t.Helper()
	s := seeded(SeedOptions{Seed: 9, Products: 12, Locations: 2})
	h := modes[1].open(t, s)
	for i := range 4 {
		body := fmt.Sprintf(`{"name":"Shirt %d","type":"physical","weight":1,"price":%d,"sku":"SHIRT-%d","inventory_tracking":"variant",
			"variants":[{"sku":"SHIRT-%d-S","option_values":[{"option_display_name":"Size","label":"S"}],"inventory_level":5},
			{"sku":"SHIRT-%d-M","option_values":[{"option_display_name":"Size","label":"M"}],"inventory_level":6},
			{"sku":"SHIRT-%d-L","price":30,"option_values":[{"option_display_name":"Size","label":"L"}]}]}`, i, 20+i, i, i, i, i)
		h.api("POST", "/v3/catalog/products", body).want(t, 200)
	}
	return s
}

func TestProductFilters(t *testing.T) {
	s := catalogStore(t)
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, s)
		lvl := func(id int) int { n, _ := s.InventoryLevel(id); return n }
		// Products with more than the 2nd product's stock, computed independently.
		var above []int
		for id := 1; id <= 16; id++ {
			if lvl(id) > lvl(2) {
				above = append(above, id)
			}
		}
		tests := []struct {
			query string
			want  []int
		}{
			{"id:in=3,1,15", []int{1, 3, 15}},
			{"id=4", []int{4}},
			{"id:not_in=1,2,3&id:max=5", []int{4, 5}},
			{"id:min=14", []int{14, 15, 16}},
			{"id:greater=14&id:less=16", []int{15}},
			{"sku=SKU-000007", []int{7}},
			{"sku:in=SKU-000002,SHIRT-1", []int{2, 14}},
			{"name=shirt%202", []int{15}},
			{"keyword=shirt", []int{13, 14, 15, 16}},
			{"inventory_level=11&id:min=13", []int{13, 14, 15, 16}},
			{fmt.Sprintf("inventory_level:greater=%d", lvl(2)), above},
			{"inventory_level:in=11&id:in=13,1", []int{13}},
			{"price=21", []int{14}},
			{"sort=price&direction=desc&id:min=13", []int{16, 15, 14, 13}},
			{"sort=name&id:min=13&limit=2&page=2", []int{15, 16}},
			{"sort=id&direction=desc&limit=3", []int{16, 15, 14}},
		}
		for _, tc := range tests {
			t.Run(tc.query, func(t *testing.T) {
				l := decode[v3List](t, h.api("GET", "/v3/catalog/products?"+tc.query, nil).want(t, 200))
				if got := ids(l.Data); !slices.Equal(got, tc.want) {
					t.Fatalf("ids = %v, want %v", got, tc.want)
				}
			})
		}
		// include=variants embeds the variants with their own stock.
		l := decode[v3List](t, h.api("GET", "/v3/catalog/products?id:in=13&include=variants,options", nil).want(t, 200))
		p := l.Data[0]
		vs := p["variants"].([]any)
		if len(vs) != 3 || p["inventory_level"].(float64) != 11 || p["base_variant_id"] != nil {
			t.Fatalf("product 13: level %v, %d variants", p["inventory_level"], len(vs))
		}
		if v := vs[2].(map[string]any); v["sku"] != "SHIRT-0-L" || v["price"].(float64) != 30 || v["calculated_price"].(float64) != 30 {
			t.Fatalf("variant %v", v)
		}
		if v := vs[0].(map[string]any); v["price"] != nil || v["calculated_price"].(float64) != 20 || v["inventory_level"].(float64) != 5 {
			t.Fatalf("variant %v", v)
		}
		if opts := p["options"].([]any); len(opts) != 1 || len(opts[0].(map[string]any)["option_values"].([]any)) != 3 {
			t.Fatalf("options %v", p["options"])
		}
		if _, ok := decode[v3List](t, h.api("GET", "/v3/catalog/products?id:in=13", nil)).Data[0]["variants"]; ok {
			t.Fatal("variants without include")
		}
		// include_fields keeps id; exclude_fields drops.
		l = decode[v3List](t, h.api("GET", "/v3/catalog/products?id:in=1&include_fields=name,price", nil).want(t, 200))
		if len(l.Data[0]) != 3 || l.Data[0]["name"] == nil {
			t.Fatalf("include_fields: %v", l.Data[0])
		}
		l = decode[v3List](t, h.api("GET", "/v3/catalog/products?id:in=1&exclude_fields=description", nil).want(t, 200))
		if _, ok := l.Data[0]["description"]; ok || l.Data[0]["sku"] != "SKU-000001" {
			t.Fatal("exclude_fields")
		}
		// Pagination and limits.
		l = decode[v3List](t, h.api("GET", "/v3/catalog/products?limit=5&page=4", nil).want(t, 200))
		if pg := l.Meta.Pagination; pg.Total != 16 || pg.TotalPages != 4 || pg.Count != 1 || pg.Links.Next != "" {
			t.Fatalf("meta %+v", pg)
		}
		h.api("GET", "/v3/catalog/products?limit=251", nil).want(t, 413)
		for _, bad := range []string{"colour=red", "sort=colour", "is_visible=maybe", "id:in=a", "include=everything", "date_modified:min=not-a-date"} {
			h.api("GET", "/v3/catalog/products?"+bad, nil).want(t, 422)
		}
		// Single product, 404.
		r := h.api("GET", "/v3/catalog/products/13?include=variants", nil).want(t, 200)
		if !strings.Contains(string(r.body), `"meta":{}`) {
			t.Fatalf("single meta: %s", truncate(r.body))
		}
		h.api("GET", "/v3/catalog/products/999", nil).want(t, 404)
	})
}

func TestProductWrites(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, seeded(SeedOptions{Seed: 2, Products: 3, Locations: 2}))
		// Required fields.
		r := h.api("POST", "/v3/catalog/products", `{"name":"X"}`).want(t, 422)
		if e := decode[v3Err](t, r); e.Errors["type"] == "" || e.Errors["price"] == "" || e.Errors["weight"] == "" {
			t.Fatalf("errors %v", e.Errors)
		}
		// Duplicate SKU and name: 409.
		h.api("POST", "/v3/catalog/products", `{"name":"New","type":"physical","weight":1,"price":2,"sku":"SKU-000001"}`).want(t, 409)
		first := decode[struct{ Data map[string]any }](t, h.api("GET", "/v3/catalog/products/1", nil)).Data
		h.api("POST", "/v3/catalog/products", fmt.Sprintf(`{"name":%q,"type":"physical","weight":1,"price":2}`, first["name"])).want(t, 409)
		// Create with inventory: lands at the default location.
		r = h.api("POST", "/v3/catalog/products", `{"name":"Lamp","type":"physical","weight":1.5,"price":19.99,"sku":"LAMP-1","inventory_tracking":"product","inventory_level":7}`).want(t, 200)
		p := decode[struct{ Data map[string]any }](t, r).Data
		if p["id"].(float64) != 4 || p["inventory_level"].(float64) != 7 || p["price"].(float64) != 19.99 || p["base_variant_id"] == nil {
			t.Fatalf("created %v", p)
		}
		if n, ok := h.s.StockAt(1, "LAMP-1"); !ok || n != 7 {
			t.Fatalf("stock %d %v", n, ok)
		}
		// Update one product.
		r = h.api("PUT", "/v3/catalog/products/4", `{"price":25,"inventory_level":9,"sku":"LAMP-2"}`).want(t, 200)
		p = decode[struct{ Data map[string]any }](t, r).Data
		if p["price"].(float64) != 25 || p["inventory_level"].(float64) != 9 || p["sku"] != "LAMP-2" {
			t.Fatalf("updated %v", p)
		}
		if _, ok := h.s.StockAt(1, "LAMP-1"); ok {
			t.Fatal("old SKU still indexed")
		}
		h.api("PUT", "/v3/catalog/products/4", `{"sku":"SKU-000002"}`).want(t, 409)
		h.api("PUT", "/v3/catalog/products/4", `{"type":"car"}`).want(t, 422)
		h.api("PUT", "/v3/catalog/products/99", `{"price":1}`).want(t, 404)
		// Batch update: max 10, id required.
		var eleven []map[string]any
		for i := range 11 {
			eleven = append(eleven, map[string]any{"id": i + 1, "price": 1})
		}
		r = h.api("PUT", "/v3/catalog/products", eleven).want(t, 413)
		if e := decode[v3Err](t, r); e.Status != 413 {
			t.Fatalf("413 body %s", r.body)
		}
		h.api("PUT", "/v3/catalog/products", `[{"price":1}]`).want(t, 422)
		r = h.api("PUT", "/v3/catalog/products", `[{"id":1,"price":11},{"id":2,"is_visible":false}]`).want(t, 200)
		if got := ids(decode[v3List](t, r).Data); !slices.Equal(got, []int{1, 2}) {
			t.Fatalf("batch %v", got)
		}
		// DELETE collection needs id:in; never deletes everything.
		r = h.api("DELETE", "/v3/catalog/products", nil).want(t, 422)
		if decode[v3Err](t, r).Errors["id:in"] == "" || h.s.ProductCount() != 4 {
			t.Fatalf("unfiltered delete: %s", r.body)
		}
		h.api("DELETE", "/v3/catalog/products?is_visible=false", nil).want(t, 422)
		var many []string
		for i := range 251 {
			many = append(many, fmt.Sprint(i+1))
		}
		h.api("DELETE", "/v3/catalog/products?id:in="+strings.Join(many, ","), nil).want(t, 413)
		h.api("DELETE", "/v3/catalog/products?id:in=1,2", nil).want(t, 204)
		h.api("DELETE", "/v3/catalog/products/3", nil).want(t, 204)
		if h.s.ProductCount() != 1 {
			t.Fatalf("products = %d", h.s.ProductCount())
		}
		if _, ok := h.s.StockAt(1, "SKU-000001"); ok {
			t.Fatal("deleted product's stock remains")
		}
	})
}

func TestFailSKU(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, seeded(SeedOptions{Seed: 4, Products: 4}))
		h.s.FailSKU("SKU-000002")
		before, _ := h.s.StockAt(1, "SKU-000002")

		// Single product write: 207 with data and errors; inventory not written.
		r := h.api("PUT", "/v3/catalog/products/2", `{"price":99,"inventory_level":1234}`).want(t, 207)
		ms := decode[struct {
			Data   map[string]any `json:"data"`
			Errors v3Err          `json:"errors"`
		}](t, r)
		if ms.Data["price"].(float64) != 99 || len(ms.Errors.Errors) == 0 || ms.Errors.Title == "" {
			t.Fatalf("207 body %s", r.body)
		}
		if after, _ := h.s.StockAt(1, "SKU-000002"); after != before {
			t.Fatalf("stock changed %d -> %d", before, after)
		}

		// Batch: the other items are saved.
		r = h.api("PUT", "/v3/catalog/products", `[{"id":1,"price":5},{"id":2,"price":6},{"id":3,"price":7}]`).want(t, 207)
		batch := decode[struct {
			Data   []map[string]any `json:"data"`
			Errors v3Err            `json:"errors"`
		}](t, r)
		if got := ids(batch.Data); !slices.Equal(got, []int{1, 3}) || batch.Errors.Errors["1"] == "" {
			t.Fatalf("batch 207: %s", r.body)
		}
		p2 := decode[struct{ Data map[string]any }](t, h.api("GET", "/v3/catalog/products/2", nil)).Data
		p3 := decode[struct{ Data map[string]any }](t, h.api("GET", "/v3/catalog/products/3", nil)).Data
		if p2["price"].(float64) != 99 || p3["price"].(float64) != 7 {
			t.Fatalf("prices %v %v", p2["price"], p3["price"])
		}

		// Variant batch: 207, other items saved; unknown id: 422 batch_errors.
		h.api("POST", "/v3/catalog/products", `{"name":"Tee","type":"physical","weight":1,"price":10,"inventory_tracking":"variant",
			"variants":[{"sku":"TEE-S","option_values":[{"option_display_name":"Size","label":"S"}]},
			{"sku":"TEE-M","option_values":[{"option_display_name":"Size","label":"M"}]}]}`).want(t, 200)
		vs := decode[v3List](t, h.api("GET", "/v3/catalog/products/5/variants", nil).want(t, 200))
		vIDs := ids(vs.Data)
		h.s.FailSKU("tee-m")
		r = h.api("PUT", "/v3/catalog/variants", fmt.Sprintf(`[{"id":%d,"price":11},{"id":%d,"price":12},{"product_id":5,"sku":"TEE-L","option_values":[{"option_display_name":"Size","label":"L"}]}]`, vIDs[0], vIDs[1])).want(t, 207)
		vb := decode[struct {
			Data   []map[string]any `json:"data"`
			Errors v3Err            `json:"errors"`
		}](t, r)
		if len(vb.Data) != 2 || vb.Data[0]["price"].(float64) != 11 || vb.Data[1]["sku"] != "TEE-L" || vb.Errors.Errors["1"] == "" {
			t.Fatalf("variant batch 207: %s", r.body)
		}
		r = h.api("PUT", "/v3/catalog/variants", `[{"id":99999,"price":1}]`).want(t, 422)
		if be := decode[struct {
			BatchErrors []v3Err `json:"batch_errors"`
		}](t, r); len(be.BatchErrors) != 1 {
			t.Fatalf("batch_errors %s", r.body)
		}
		var fiftyOne []map[string]any
		for i := range 51 {
			fiftyOne = append(fiftyOne, map[string]any{"id": i + 1})
		}
		h.api("PUT", "/v3/catalog/variants", fiftyOne).want(t, 413)
	})
}

func TestVariants(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, seeded(SeedOptions{Seed: 6, Products: 2, VariantsPerProduct: 3, Locations: 2}))
		l := decode[v3List](t, h.api("GET", "/v3/catalog/products/1/variants", nil).want(t, 200))
		if len(l.Data) != 3 || l.Data[0]["sku"] != "SKU-000001-XS" {
			t.Fatalf("variants %v", l.Data)
		}
		vid := ids(l.Data)[1]
		r := h.api("PUT", fmt.Sprintf("/v3/catalog/products/1/variants/%d", vid), `{"price":null,"sale_price":3.5,"inventory_level":40}`).want(t, 200)
		v := decode[struct{ Data map[string]any }](t, r).Data
		if v["sale_price"].(float64) != 3.5 || v["calculated_price"].(float64) != 3.5 {
			t.Fatalf("variant %v", v)
		}
		if n, _ := h.s.StockAt(1, "SKU-000001-S"); n != 40 {
			t.Fatalf("stock at default = %d", n)
		}
		h.api("PUT", fmt.Sprintf("/v3/catalog/products/2/variants/%d", vid), `{"price":1}`).want(t, 404)
		h.api("PUT", fmt.Sprintf("/v3/catalog/products/1/variants/%d", vid), `{"sku":"SKU-000002-M"}`).want(t, 409)
		r = h.api("POST", "/v3/catalog/products/1/variants", `{"sku":"SKU-000001-XL","option_values":[{"option_display_name":"Size","label":"XL"}]}`).want(t, 200)
		nv := decode[struct{ Data map[string]any }](t, r).Data
		h.api("POST", "/v3/catalog/products/1/variants", `{"sku":"SKU-000001-XL"}`).want(t, 409)
		h.api("POST", "/v3/catalog/products/1/variants", `{"price":1}`).want(t, 422)
		h.api("GET", fmt.Sprintf("/v3/catalog/products/1/variants/%v", nv["id"]), nil).want(t, 200)
		h.api("DELETE", fmt.Sprintf("/v3/catalog/products/1/variants/%v", nv["id"]), nil).want(t, 204)
		l = decode[v3List](t, h.api("GET", "/v3/catalog/variants?product_id:in=2&limit=2", nil).want(t, 200))
		if len(l.Data) != 2 || l.Meta.Pagination.Total != 3 {
			t.Fatalf("catalog variants %+v", l.Meta.Pagination)
		}
		l = decode[v3List](t, h.api("GET", "/v3/catalog/variants?sku=sku-000002-m", nil).want(t, 200))
		if len(l.Data) != 1 {
			t.Fatalf("by sku %v", l.Data)
		}
		h.api("GET", "/v3/catalog/variants?colour=1", nil).want(t, 422)
	})
}
