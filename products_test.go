package bigcommerce

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/shopspring/decimal"
)

// assertDecPtr fails unless got is nil for want "" or equals want.
func assertDecPtr(t *testing.T, name string, got *decimal.Decimal, want string) {
	t.Helper()
	switch {
	case want == "" && got != nil:
		t.Errorf("%s = %s, want nil (null)", name, got)
	case want != "" && got == nil:
		t.Errorf("%s = nil, want %s", name, want)
	case want != "" && !got.Equal(dec(want)):
		t.Errorf("%s = %s, want %s", name, got, want)
	}
}

// jsonResponse builds an httpmock JSON response.
func jsonResponse(status int, body any) (*http.Response, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	resp := httpmock.NewBytesResponse(status, b)
	resp.Header.Set("Content-Type", "application/json")
	return resp, nil
}

// noRequests registers a catch-all responder and returns a func that fails
// the test if anything was sent.
func noRequests(t *testing.T, mt *httpmock.MockTransport) func() {
	t.Helper()
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		t.Errorf("unexpected request %s %s", req.Method, req.URL)
		return httpmock.NewStringResponse(500, ""), nil
	})
	return func() {
		t.Helper()
		if n := mt.GetTotalCallCount(); n != 0 {
			t.Errorf("%d requests were sent, want none", n)
		}
	}
}

func TestProductsList(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/catalog/products", 200, fixture(t, "products/list.json"))

	f := &ProductFilter{
		IsVisible: Ptr(true),
		Include:   []ProductInclude{ProductIncludeVariants, ProductIncludeImages},
		Sort:      ProductSortDateModified,
		Direction: Desc,
		Page:      2,
		Limit:     50,
	}
	got, resp, err := c.Products.List(ctx(t), f)
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if req.Method != http.MethodGet || req.Path != "/v3/catalog/products" {
		t.Errorf("request = %s %s", req.Method, req.Path)
	}
	if want := "direction=desc&include=variants,images&is_visible=true&limit=50&page=2&sort=date_modified"; req.Raw != want {
		t.Errorf("query\n got %s\nwant %s", req.Raw, want)
	}
	if req.Query.Get("include") != "variants,images" {
		t.Errorf("decoded include = %q", req.Query.Get("include"))
	}
	assertStandardHeaders(t, req)
	if len(req.Body) != 0 {
		t.Errorf("GET sent a body: %s", req.Body)
	}

	if len(got) != 2 {
		t.Fatalf("got %d products, want 2", len(got))
	}
	p := got[0]
	if p.ID != 37 || p.Name != "Smith Journal 13" || p.Type != ProductTypePhysical || p.SKU != "SM-13" {
		t.Errorf("product 0 = %d %q %q %q", p.ID, p.Name, p.Type, p.SKU)
	}
	assertDec(t, "price", p.Price, "40")
	assertDec(t, "calculated_price", p.CalculatedPrice, "50")
	assertDec(t, "fixed_cost_shipping_price", p.FixedCostShippingPrice, "50")
	if p.Weight != 5 || p.InventoryLevel != 100 || p.InventoryWarningLevel != 10 || p.InventoryTracking != "product" || p.TotalSold != 44 {
		t.Errorf("weight/inventory = %v %d %d %q %d", p.Weight, p.InventoryLevel, p.InventoryWarningLevel, p.InventoryTracking, p.TotalSold)
	}
	if p.Condition != ConditionNew || !p.IsVisible || !p.IsFeatured || p.SortOrder != -2147483648 {
		t.Errorf("condition/flags = %q %v %v %d", p.Condition, p.IsVisible, p.IsFeatured, p.SortOrder)
	}
	if !p.DateCreated.Equal(time.Date(2021, 2, 10, 20, 29, 15, 0, time.UTC)) || !p.DateModified.Equal(time.Date(2024, 6, 10, 15, 45, 28, 0, time.UTC)) {
		t.Errorf("dates = %v %v", p.DateCreated, p.DateModified)
	}
	if !p.DateLastImported.Equal(time.Date(2022, 1, 27, 20, 17, 47, 0, time.UTC)) {
		t.Errorf("date_last_imported = %v", p.DateLastImported)
	}
	if p.PreorderReleaseDate == nil || !p.PreorderReleaseDate.Equal(time.Date(2019, 8, 24, 14, 15, 22, 0, time.UTC)) {
		t.Errorf("preorder_release_date = %v", p.PreorderReleaseDate)
	}
	if p.BaseVariantID == nil || *p.BaseVariantID != 112 {
		t.Errorf("base_variant_id = %v", p.BaseVariantID)
	}
	if p.CustomURL != (CustomURL{URL: "/dress/", IsCustomized: true}) || p.MPN != " " || !slices.Equal(p.Categories, []int{24}) {
		t.Errorf("custom_url/mpn/categories = %+v %q %v", p.CustomURL, p.MPN, p.Categories)
	}

	q := got[1]
	if q.ID != 174 || !slices.Equal(q.Categories, []int{23, 21}) || !slices.Equal(q.RelatedProducts, []int{-1}) {
		t.Errorf("product 1 = %d %v %v", q.ID, q.Categories, q.RelatedProducts)
	}
	assertDec(t, "price", q.Price, "7.95")
	assertDec(t, "retail_price", q.RetailPrice, "10")
	if q.BaseVariantID == nil || *q.BaseVariantID != 345 || !q.DateLastImported.IsZero() {
		t.Errorf("base_variant_id = %v, date_last_imported = %v", q.BaseVariantID, q.DateLastImported)
	}
	if resp.Pagination == nil || resp.Pagination.Total != 2 || resp.Pagination.TotalPages != 1 {
		t.Errorf("pagination = %+v", resp.Pagination)
	}
}

func TestProductFilterEncoding(t *testing.T) {
	cest := time.FixedZone("CEST", 2*3600)
	tests := []struct {
		name   string
		filter *ProductFilter
		want   string
	}{
		{"nil", nil, ""},
		{"zero", &ProductFilter{}, ""},
		{"is_visible false is sent", &ProductFilter{IsVisible: Ptr(false)}, "is_visible=false"},
		{"is_visible true", &ProductFilter{IsVisible: Ptr(true)}, "is_visible=true"},
		{"inventory_level operators", &ProductFilter{
			InventoryLevel:        Ptr(0),
			InventoryLevelIn:      IntList{0, 5},
			InventoryLevelNotIn:   IntList{1, 2},
			InventoryLevelMin:     Ptr(1),
			InventoryLevelMax:     Ptr(100),
			InventoryLevelGreater: Ptr(0),
			InventoryLevelLess:    Ptr(10),
		}, "inventory_level=0&inventory_level:greater=0&inventory_level:in=0,5&inventory_level:less=10&inventory_level:max=100&inventory_level:min=1&inventory_level:not_in=1,2"},
		{"in stock", &ProductFilter{InventoryLevelGreater: Ptr(0)}, "inventory_level:greater=0"},
		{"1/0 flags", &ProductFilter{IsFeatured: Ptr(false), IsFreeShipping: Ptr(true), InventoryLow: Ptr(true), OutOfStock: Ptr(true)},
			"inventory_low=1&is_featured=0&is_free_shipping=1&out_of_stock=1"},
		{"is_featured true", &ProductFilter{IsFeatured: Ptr(true)}, "is_featured=1"},
		{"ids", &ProductFilter{ID: 5, IDIn: IntList{1, 2, 3}, IDNotIn: IntList{4}, IDMin: 1, IDMax: 9, IDGreater: 2, IDLess: 100, ChannelIDIn: IntList{1, 2}},
			"channel_id:in=1,2&id=5&id:greater=2&id:in=1,2,3&id:less=100&id:max=9&id:min=1&id:not_in=4"},
		{"condition lower case, price, zero-valued pointers", &ProductFilter{Condition: ConditionRefurbished, Price: Ptr(dec("7.95")), Weight: Ptr(1.5), BrandID: Ptr(0), TotalSold: Ptr(0)},
			"brand_id=0&condition=refurbished&price=7.95&total_sold=0&weight=1.5"},
		{"condition already lower", &ProductFilter{Condition: "used"}, "condition=used"},
		{"dates", &ProductFilter{
			DateModified:        time.Date(2025, 1, 10, 0, 0, 0, 0, time.UTC),
			DateModifiedMin:     time.Date(2025, 1, 15, 0, 3, 17, 0, time.UTC),
			DateModifiedMax:     time.Date(2025, 1, 16, 0, 0, 0, 0, cest),
			DateLastImported:    time.Date(2015, 8, 21, 22, 53, 23, 0, time.UTC),
			DateLastImportedNot: time.Date(2015, 8, 22, 0, 0, 0, 0, time.UTC),
			DateLastImportedMin: time.Date(2015, 8, 1, 0, 0, 0, 0, time.UTC),
			DateLastImportedMax: time.Date(2015, 9, 1, 0, 0, 0, 0, time.UTC),
		}, "date_last_imported=2015-08-21&date_last_imported:max=2015-09-01&date_last_imported:min=2015-08-01&date_last_imported:not=2015-08-22&date_modified=2025-01-10&date_modified:max=2025-01-16T00:00:00%2B02:00&date_modified:min=2025-01-15T00:03:17Z"},
		{"strings", &ProductFilter{Name: "Smith Journal", NameLike: "Journal", MPN: "M1", UPC: "U1", SKU: "SM-13", SKUIn: StringList{"A", "B"}, Keyword: "jar glass", KeywordContext: "merchant", Availability: "preorder", Type: ProductTypeDigital, Categories: 23, CategoriesIn: IntList{21, 23}},
			"availability=preorder&categories=23&categories:in=21,23&keyword=jar+glass&keyword_context=merchant&mpn=M1&name=Smith+Journal&name:like=Journal&sku=SM-13&sku:in=A,B&type=digital&upc=U1"},
		{"include, fields, sort, paging", &ProductFilter{Include: []ProductInclude{ProductIncludeOptions, ProductIncludeVariants}, IncludeFields: StringList{"name", "price"}, ExcludeFields: StringList{"description"}, Sort: ProductSortPrice, Direction: Asc, Page: 3, Limit: 10},
			"direction=asc&exclude_fields=description&include=options,variants&include_fields=name,price&limit=10&page=3&sort=price"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assertQuery(t, tt.filter, tt.want) })
	}
}

func TestProductsListSendsPriceAndIsVisibleFalse(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/catalog/products", 200, fixture(t, "products/list.json"))
	_, _, err := c.Products.List(ctx(t), &ProductFilter{IsVisible: Ptr(false), Price: Ptr(dec("7.95")), InventoryLevelLess: Ptr(5)})
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if want := "inventory_level:less=5&is_visible=false&price=7.95"; req.Raw != want {
		t.Errorf("query\n got %s\nwant %s", req.Raw, want)
	}
	if req.Query.Get("is_visible") != "false" || req.Query.Get("inventory_level:less") != "5" {
		t.Errorf("decoded query = %v", req.Query)
	}
}

// pagedProducts answers GET /v3/catalog/products with total products split
// into pages of the requested limit.
func pagedProducts(total int) func(captured) (*http.Response, error) {
	return func(req captured) (*http.Response, error) {
		page, limit := 1, 50
		var err error
		if req.Query.Has("page") {
			page, err = strconv.Atoi(req.Query.Get("page"))
		}
		if req.Query.Has("limit") && err == nil {
			limit, err = strconv.Atoi(req.Query.Get("limit"))
		}
		if err != nil || page < 1 || limit < 1 {
			return jsonResponse(400, map[string]any{"title": "bad paging"})
		}
		lo, hi := 1, total
		if v, err := strconv.Atoi(req.Query.Get("id:min")); err == nil {
			lo = max(lo, v)
		}
		if v, err := strconv.Atoi(req.Query.Get("id:max")); err == nil {
			hi = min(hi, v)
		}
		var ids []int
		for id := lo; id <= hi; id++ {
			ids = append(ids, id)
		}
		if req.Query.Get("direction") == "desc" {
			slices.Reverse(ids)
		}
		matching := len(ids)
		ids = ids[min((page-1)*limit, len(ids)):min(page*limit, len(ids))]
		var data []map[string]any
		for _, id := range ids {
			data = append(data, map[string]any{"id": id, "name": fmt.Sprintf("P%d", id), "price": 1.5})
		}
		return jsonResponse(200, map[string]any{"data": data, "meta": map[string]any{"pagination": map[string]any{
			"total": matching, "count": len(data), "per_page": limit, "current_page": page, "total_pages": (matching + limit - 1) / limit,
		}}})
	}
}

func TestProductsAll(t *testing.T) {
	tests := []struct {
		name      string
		filter    *ProductFilter
		total     int
		wantLimit string
		wantReqs  int // data requests: the first page, then id windows
	}{
		{"nil filter uses 250", nil, 300, "250", 2},
		{"caller's limit kept", &ProductFilter{Limit: 40}, 100, "40", 3},
		{"options cap the page at 10", &ProductFilter{Include: []ProductInclude{ProductIncludeOptions}}, 25, "10", 3},
		{"modifiers cap the page at 10", &ProductFilter{Include: []ProductInclude{ProductIncludeImages, ProductIncludeModifiers}}, 10, "10", 1},
		{"variants do not cap", &ProductFilter{Include: []ProductInclude{ProductIncludeVariants}}, 5, "250", 1},
		{"options with an explicit limit", &ProductFilter{Include: []ProductInclude{ProductIncludeOptions}, Limit: 5}, 6, "5", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := mockFunc(mt, http.MethodGet, "/v3/catalog/products", pagedProducts(tt.total))
			var before ProductFilter
			if tt.filter != nil {
				before = *tt.filter
			}
			var ids []int
			for p, err := range c.Products.All(ctx(t), tt.filter) {
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, p.ID)
			}
			if len(ids) != tt.total || (tt.total > 0 && (ids[0] != 1 || ids[len(ids)-1] != tt.total)) {
				t.Errorf("got %d products, want %d in order", len(ids), tt.total)
			}
			var reqs []captured
			for _, r := range rec.all() {
				if r.Query.Get("direction") == "asc" { // not the probe of the highest id
					reqs = append(reqs, r)
				}
			}
			if len(reqs) != tt.wantReqs {
				t.Errorf("%d requests, want %d", len(reqs), tt.wantReqs)
			}
			for i, r := range reqs {
				if r.Query.Get("limit") != tt.wantLimit || r.Query.Get("sort") != "id" || (i == 0) != r.Query.Has("page") {
					t.Errorf("request %d: %s, want limit=%s, sort=id, and a page only on the first", i, r.Raw, tt.wantLimit)
				}
				assertStandardHeaders(t, r)
			}
			if tt.filter != nil && !reflect.DeepEqual(*tt.filter, before) {
				t.Errorf("All modified the caller's filter: %+v", tt.filter)
			}
		})
	}
}

func TestProductsAllYieldsErrorOnce(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v3/catalog/products", 403, []byte(`{"status":403,"title":"You don't have a required scope to access the endpoint"}`))
	var errs int
	for _, err := range c.Products.All(ctx(t), nil) {
		if err == nil {
			t.Fatal("want an error")
		}
		if !errors.Is(err, ErrForbidden) {
			t.Errorf("err = %v, want ErrForbidden", err)
		}
		errs++
	}
	if errs != 1 {
		t.Errorf("%d errors yielded, want 1", errs)
	}
}

func TestProductsGet(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/catalog/products/174", 200, fixture(t, "products/get.json"))
	p, _, err := c.Products.Get(ctx(t), 174, &ProductGetOptions{
		Include:       []ProductInclude{ProductIncludeVariants, ProductIncludeImages},
		IncludeFields: StringList{"name", "price"},
		ExcludeFields: StringList{"description"},
	})
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if req.Method != http.MethodGet || req.Path != "/v3/catalog/products/174" {
		t.Errorf("request = %s %s", req.Method, req.Path)
	}
	if want := "exclude_fields=description&include=variants,images&include_fields=name,price"; req.Raw != want {
		t.Errorf("query\n got %s\nwant %s", req.Raw, want)
	}
	assertStandardHeaders(t, req)
	if p.ID != 174 || p.Name != "1L Le Parfait Jar" || p.SKU != "" || p.OptionSetID != 55 || p.BrandID != 36 || p.ViewCount != 10 {
		t.Errorf("product = %d %q %q %d %d %d", p.ID, p.Name, p.SKU, p.OptionSetID, p.BrandID, p.ViewCount)
	}
	assertDec(t, "price", p.Price, "7.95")
	assertDec(t, "calculated_price", p.CalculatedPrice, "7.95")
	if p.CustomURL.URL != "/all/1l-le-parfait-jar/" || p.LayoutFile != "product.html" || p.SearchKeywords != "jar, glass" {
		t.Errorf("custom_url/layout/keywords = %q %q %q", p.CustomURL.URL, p.LayoutFile, p.SearchKeywords)
	}
	if !p.DateCreated.Equal(time.Date(2018, 8, 15, 14, 48, 46, 0, time.UTC)) {
		t.Errorf("date_created = %v", p.DateCreated)
	}

	// No options: no query at all.
	if _, _, err := c.Products.Get(ctx(t), 174, nil); err != nil {
		t.Fatal(err)
	}
	if raw := rec.last(t).Raw; raw != "" {
		t.Errorf("query without options = %q", raw)
	}
}

func TestProductsGetNotFound(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v3/catalog/products/9", 404, []byte(`{"status":404,"title":"The requested product was not found.","type":"https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes"}`))
	p, resp, err := c.Products.Get(ctx(t), 9, nil)
	if !errors.Is(err, ErrNotFound) || p != nil || resp == nil {
		t.Fatalf("Get = %v, %v, %v; want nil product, response, ErrNotFound", p, resp, err)
	}
}

func TestProductsCreate(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPost, "/v3/catalog/products", 200, fixture(t, "products/create.json"))
	p, _, err := c.Products.Create(ctx(t), ProductCreate{
		Name:             "Smith Journal 13",
		Type:             ProductTypePhysical,
		Weight:           0,
		Price:            dec("12.50"),
		SKU:              Ptr("SM-13"),
		CostPrice:        Ptr(dec("0")),
		Categories:       []int{23},
		IsVisible:        Ptr(false),
		InventoryLevel:   Ptr(0),
		Condition:        Ptr(ConditionNew),
		CustomURL:        &CustomURLUpdate{URL: "/smith-journal-13/", IsCustomized: true},
		BulkPricingRules: []BulkPricingRule{{QuantityMin: 10, QuantityMax: 50, Type: "price", Amount: dec("1.25")}},
		MetaKeywords:     []string{},
		Variants: []VariantCreate{{
			SKU:          "SM-13-RED",
			OptionValues: []VariantOptionValue{{OptionDisplayName: "Color", Label: "Red"}},
			Price:        Ptr(dec("13.99")),
		}},
	})
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if req.Method != http.MethodPost || req.Path != "/v3/catalog/products" || req.Raw != "" {
		t.Errorf("request = %s %s?%s", req.Method, req.Path, req.Raw)
	}
	assertStandardHeaders(t, req)
	assertJSONBody(t, req.Body, `{
		"name": "Smith Journal 13", "type": "physical", "weight": 0, "price": 12.5,
		"sku": "SM-13", "cost_price": 0, "categories": [23], "is_visible": false, "inventory_level": 0,
		"condition": "New", "custom_url": {"url": "/smith-journal-13/", "is_customized": true},
		"bulk_pricing_rules": [{"quantity_min": 10, "quantity_max": 50, "type": "price", "amount": 1.25}],
		"meta_keywords": [],
		"variants": [{"sku": "SM-13-RED", "option_values": [{"option_display_name": "Color", "label": "Red"}], "price": 13.99}]
	}`)
	// Money goes out as JSON numbers, never strings.
	if !strings.Contains(string(req.Body), `"price":12.5`) {
		t.Errorf("price not sent as a number: %s", req.Body)
	}

	if p.Name != "Smith Journal 13" || p.BrandID != 37 || len(p.Images) != 1 || p.Images[0].ImageFile != "string" {
		t.Errorf("product = %q %d %+v", p.Name, p.BrandID, p.Images)
	}
	if len(p.CustomFields) != 1 || p.CustomFields[0] != (ProductCustomField{ID: 6, Name: "ISBN", Value: "1234567890123"}) {
		t.Errorf("custom_fields = %+v", p.CustomFields)
	}
	if len(p.BulkPricingRules) != 1 || p.BulkPricingRules[0].QuantityMax != 50 {
		t.Fatalf("bulk_pricing_rules = %+v", p.BulkPricingRules)
	}
	assertDec(t, "bulk amount", p.BulkPricingRules[0].Amount, "10")
	if !p.Images[0].DateModified.Equal(time.Date(2019, 8, 24, 14, 15, 22, 0, time.UTC)) {
		t.Errorf("image date_modified = %v", p.Images[0].DateModified)
	}
}

func TestProductsCreateValidation(t *testing.T) {
	ok := ProductCreate{Name: "Jar", Type: ProductTypeDigital, Weight: 0, Price: dec("0")}
	tests := []struct {
		name string
		edit func(*ProductCreate)
	}{
		{"no name", func(p *ProductCreate) { p.Name = " " }},
		{"no type", func(p *ProductCreate) { p.Type = "" }},
		{"bad type", func(p *ProductCreate) { p.Type = "giftcertificate" }},
		{"negative weight", func(p *ProductCreate) { p.Weight = -1 }},
		{"negative price", func(p *ProductCreate) { p.Price = dec("-0.01") }},
		{"variant without sku", func(p *ProductCreate) { p.Variants = []VariantCreate{{SKU: "A"}, {}} }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			check := noRequests(t, mt)
			p := ok
			tt.edit(&p)
			got, resp, err := c.Products.Create(ctx(t), p)
			assertValidation(t, err)
			if got != nil || resp == nil {
				t.Errorf("Create = %v, %v", got, resp)
			}
			check()
		})
	}
}

func TestProductsCreateConflict(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodPost, "/v3/catalog/products", 409, fixture(t, "products/conflict_409.json"))
	p, _, err := c.Products.Create(ctx(t), ProductCreate{Name: "Smith Journal 13", Type: ProductTypePhysical, Price: dec("1"), SKU: Ptr("SM-13")})
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("err = %v, want ErrConflict", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 409 || e.Fields["sku"] != "Sku 'SM-13' is not unique." {
		t.Errorf("error = %#v", e)
	}
	if p != nil {
		t.Errorf("product = %+v, want nil", p)
	}
}

func TestProductsUpdate(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPut, "/v3/catalog/products/174", 200, fixture(t, "products/get.json"))
	p, _, err := c.Products.Update(ctx(t), 174, ProductUpdate{
		Price:             Ptr(dec("7.95")),
		IsVisible:         Ptr(false),
		InventoryTracking: Ptr("product"),
		InventoryLevel:    Ptr(0),
		Description:       Ptr(""),
		RelatedProducts:   []int{},
	})
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if req.Method != http.MethodPut || req.Path != "/v3/catalog/products/174" {
		t.Errorf("request = %s %s", req.Method, req.Path)
	}
	assertStandardHeaders(t, req)
	assertJSONBody(t, req.Body, `{"price": 7.95, "is_visible": false, "inventory_tracking": "product", "inventory_level": 0, "description": "", "related_products": []}`)
	if p.ID != 174 {
		t.Errorf("product id = %d", p.ID)
	}

	// An ID equal to the path id is fine, and is not sent.
	if _, _, err := c.Products.Update(ctx(t), 174, ProductUpdate{ID: 174, Name: Ptr("Jar")}); err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, rec.last(t).Body, `{"name": "Jar"}`)
}

func TestProductsUpdateValidation(t *testing.T) {
	c, mt := newTestClient(t)
	check := noRequests(t, mt)
	for _, tc := range []struct {
		id int
		u  ProductUpdate
	}{{0, ProductUpdate{}}, {-3, ProductUpdate{}}, {5, ProductUpdate{ID: 6}}} {
		p, resp, err := c.Products.Update(ctx(t), tc.id, tc.u)
		assertValidation(t, err)
		if p != nil || resp == nil {
			t.Errorf("Update = %v, %v", p, resp)
		}
	}
	check()
}

func TestProductsUpdateMultiStatus(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodPut, "/v3/catalog/products/174", 207, fixture(t, "products/update_207.json"))
	p, resp, err := c.Products.Update(ctx(t), 174, ProductUpdate{InventoryTracking: Ptr("product"), InventoryLevel: Ptr(-5)})
	var ms *MultiStatusError
	if !errors.As(err, &ms) {
		t.Fatalf("err = %v, want a *MultiStatusError", err)
	}
	if p == nil || p.ID != 174 || p.InventoryTracking != "product" {
		t.Fatalf("product = %+v, want the saved product", p)
	}
	if resp.StatusCode != 207 {
		t.Errorf("status = %d", resp.StatusCode)
	}
	if len(ms.Errors) != 1 || ms.Errors[0].Title != "Inventory update failed" || !strings.Contains(ms.Errors[0].Fields["inventory_level"], "negative") {
		t.Errorf("multi-status errors = %+v", ms.Errors)
	}
	if ms.Method != http.MethodPut || ms.Path != "/v3/catalog/products/174" {
		t.Errorf("multi-status names %s %s", ms.Method, ms.Path)
	}
}

func TestProductsCreateMultiStatusArrayData(t *testing.T) {
	// The spec's POST 207 declares data as an array: the first element is
	// the created product.
	c, mt := newTestClient(t)
	body := `{"data":[{"id":77,"name":"Jar","price":3}],"errors":{"status":422,"title":"The URL could not be saved"},"meta":{}}`
	mockJSON(mt, http.MethodPost, "/v3/catalog/products", 207, []byte(body))
	p, _, err := c.Products.Create(ctx(t), ProductCreate{Name: "Jar", Type: ProductTypePhysical, Price: dec("3")})
	var ms *MultiStatusError
	if !errors.As(err, &ms) || ms.Errors[0].Title != "The URL could not be saved" {
		t.Fatalf("err = %v", err)
	}
	if p == nil || p.ID != 77 {
		t.Fatalf("product = %+v", p)
	}
	assertDec(t, "price", p.Price, "3")
}

// echoProducts answers a batch PUT with the products it was sent.
func echoProducts(status int, drop map[int]bool, errs any) func(captured) (*http.Response, error) {
	return func(req captured) (*http.Response, error) {
		var items []map[string]any
		if err := json.Unmarshal(req.Body, &items); err != nil {
			return jsonResponse(400, map[string]any{"title": err.Error()})
		}
		data := []map[string]any{}
		for _, it := range items {
			id := int(it["id"].(float64))
			if !drop[id] {
				data = append(data, map[string]any{"id": id, "name": fmt.Sprintf("P%d", id), "price": it["price"]})
			}
		}
		body := map[string]any{"data": data, "meta": map[string]any{}}
		if errs != nil {
			body["errors"] = errs
		}
		return jsonResponse(status, body)
	}
}

func updates(ids ...int) []ProductUpdate {
	out := make([]ProductUpdate, len(ids))
	for i, id := range ids {
		out[i] = ProductUpdate{ID: id, Price: Ptr(decimal.NewFromInt(int64(id)))}
	}
	return out
}

func seq(from, to int) []int {
	var out []int
	for i := from; i <= to; i++ {
		out = append(out, i)
	}
	return out
}

func TestProductsUpdateBatchChunks(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodPut, "/v3/catalog/products", echoProducts(200, nil, nil))
	got, resp, err := c.Products.UpdateMany(ctx(t), updates(seq(1, 25)...))
	if err != nil {
		t.Fatal(err)
	}
	if resp == nil || resp.StatusCode != 200 {
		t.Errorf("response = %+v", resp)
	}
	reqs := rec.all()
	var sizes []int
	var sent []int
	for _, r := range reqs {
		assertStandardHeaders(t, r)
		if r.Method != http.MethodPut || r.Raw != "" {
			t.Errorf("request = %s ?%s", r.Method, r.Raw)
		}
		var items []ProductUpdate
		if err := json.Unmarshal(r.Body, &items); err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(items))
		for _, it := range items {
			sent = append(sent, it.ID)
		}
	}
	slices.Sort(sizes)
	if !slices.Equal(sizes, []int{5, 10, 10}) {
		t.Errorf("chunk sizes = %v, want 10/10/5", sizes)
	}
	slices.Sort(sent)
	if !slices.Equal(sent, seq(1, 25)) {
		t.Errorf("ids sent = %v", sent)
	}
	if len(got) != 25 {
		t.Fatalf("got %d products", len(got))
	}
	for i, p := range got {
		if p.ID != i+1 {
			t.Fatalf("product %d has id %d: results are not in input order", i, p.ID)
		}
	}
	assertDec(t, "price of 25", got[24].Price, "25")
	// The body of one item, exactly.
	assertJSONBody(t, []byte(mustFirstItem(t, reqs, 1)), `{"id": 1, "price": 1}`)
}

// mustFirstItem returns the JSON of the batch item with the given id.
func mustFirstItem(t *testing.T, reqs []captured, id int) string {
	t.Helper()
	for _, r := range reqs {
		var items []json.RawMessage
		_ = json.Unmarshal(r.Body, &items)
		for _, it := range items {
			var p struct{ ID int }
			_ = json.Unmarshal(it, &p)
			if p.ID == id {
				return string(it)
			}
		}
	}
	t.Fatalf("item %d not sent", id)
	return ""
}

func TestProductsUpdateBatchFixture(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPut, "/v3/catalog/products", 200, fixture(t, "products/update_batch.json"))
	got, _, err := c.Products.UpdateMany(ctx(t), []ProductUpdate{{ID: 1, Name: Ptr("Smith Journal 13"), IsFeatured: Ptr(true)}})
	if err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, rec.last(t).Body, `[{"id": 1, "name": "Smith Journal 13", "is_featured": true}]`)
	if len(got) != 1 || got[0].Name != "Smith Journal 13" || got[0].GiftWrappingOptionsType != "any" || got[0].ReviewsCount != 4 {
		t.Errorf("got %+v", got)
	}
}

func TestProductsUpdateBatchMultiStatus(t *testing.T) {
	msBody := map[string]any{"status": 422, "title": "Inventory update failed", "errors": map[string]any{"inventory_level": "would be negative"}}

	t.Run("missing products are the failures", func(t *testing.T) {
		c, mt := newTestClient(t)
		// Product 3 (index 2, first chunk) and 12 (index 11, second chunk) do not come back.
		mockFunc(mt, http.MethodPut, "/v3/catalog/products", func(req captured) (*http.Response, error) {
			if strings.Contains(string(req.Body), `"id":3,`) || strings.Contains(string(req.Body), `"id":12,`) {
				return echoProducts(207, map[int]bool{3: true, 12: true}, msBody)(req)
			}
			return echoProducts(200, nil, nil)(req)
		})
		got, _, err := c.Products.UpdateMany(ctx(t), updates(seq(1, 15)...))
		var be *BatchError
		if !errors.As(err, &be) {
			t.Fatalf("err = %v, want *BatchError", err)
		}
		if !slices.Equal(be.FailedIndexes(), []int{2, 11}) || be.Total != 15 {
			t.Errorf("failed indexes = %v of %d, want [2 11] of 15", be.FailedIndexes(), be.Total)
		}
		for _, f := range be.Failures {
			var ms *MultiStatusError
			if !errors.As(f.Err, &ms) || ms.Errors[0].Fields["inventory_level"] != "would be negative" {
				t.Errorf("failure %d: %v, want the *MultiStatusError", f.Index, f.Err)
			}
		}
		var ms *MultiStatusError
		if !errors.As(err, &ms) {
			t.Error("errors.As on the batch error does not reach the *MultiStatusError")
		}
		if len(got) != 13 {
			t.Fatalf("got %d saved products, want 13", len(got))
		}
		for _, p := range got {
			if p.ID == 3 || p.ID == 12 {
				t.Errorf("product %d reported saved", p.ID)
			}
		}
	})

	t.Run("all products back: every item of the chunk reported", func(t *testing.T) {
		c, mt := newTestClient(t)
		mockFunc(mt, http.MethodPut, "/v3/catalog/products", func(req captured) (*http.Response, error) {
			if strings.Contains(string(req.Body), `"id":11,`) {
				return echoProducts(207, nil, msBody)(req)
			}
			return echoProducts(200, nil, nil)(req)
		})
		got, _, err := c.Products.UpdateMany(ctx(t), updates(seq(1, 13)...))
		var be *BatchError
		if !errors.As(err, &be) {
			t.Fatalf("err = %v, want *BatchError", err)
		}
		// Those products were saved (in part): unknown, never failed (resendable).
		if !slices.Equal(be.UnknownIndexes(), []int{10, 11, 12}) || len(be.Failures) != 0 || !errors.Is(err, ErrOutcomeUnknown) {
			t.Errorf("unknown indexes = %v, failed %v, want [10 11 12] unknown and none failed", be.UnknownIndexes(), be.FailedIndexes())
		}
		if len(got) != 13 {
			t.Errorf("got %d saved products, want all 13 (the data is never dropped)", len(got))
		}
	})
}

func TestProductsUpdateBatchChunkError(t *testing.T) {
	c, mt := newTestClient(t)
	mockFunc(mt, http.MethodPut, "/v3/catalog/products", func(req captured) (*http.Response, error) {
		if strings.Contains(string(req.Body), `"id":1,`) {
			return jsonResponse(409, map[string]any{"status": 409, "title": "Duplicate SKU", "errors": map[string]any{"sku": "taken"}})
		}
		return echoProducts(200, nil, nil)(req)
	})
	got, _, err := c.Products.UpdateMany(ctx(t), updates(seq(1, 12)...))
	var be *BatchError
	if !errors.As(err, &be) || !slices.Equal(be.FailedIndexes(), seq(0, 9)) {
		t.Fatalf("err = %v, want items 0-9 failed", err)
	}
	if !errors.Is(be.Failures[0].Err, ErrConflict) {
		t.Errorf("failure err = %v, want ErrConflict", be.Failures[0].Err)
	}
	if len(got) != 2 || got[0].ID != 11 || got[1].ID != 12 {
		t.Errorf("saved = %+v", got)
	}
}

func TestProductsUpdateBatchValidation(t *testing.T) {
	c, mt := newTestClient(t)
	check := noRequests(t, mt)
	for _, items := range [][]ProductUpdate{nil, {}, updates(1, 2, 0), updates(4, -1)} {
		got, resp, err := c.Products.UpdateMany(ctx(t), items)
		assertValidation(t, err)
		if got != nil || resp == nil {
			t.Errorf("UpdateBatch = %v, %v", got, resp)
		}
	}
	check()
}

func TestProductsDelete(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodDelete, "/v3/catalog/products/174", 204, nil)
	resp, err := c.Products.Delete(ctx(t), 174)
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if req.Method != http.MethodDelete || req.Path != "/v3/catalog/products/174" || req.Raw != "" || len(req.Body) != 0 {
		t.Errorf("request = %s %s?%s %s", req.Method, req.Path, req.Raw, req.Body)
	}
	assertStandardHeaders(t, req)
	if resp.StatusCode != 204 {
		t.Errorf("status = %d", resp.StatusCode)
	}

	c2, mt2 := newTestClient(t)
	check := noRequests(t, mt2)
	resp, err = c2.Products.Delete(ctx(t), 0)
	assertValidation(t, err)
	if resp == nil {
		t.Error("nil response")
	}
	check()
}

func TestProductsDeleteMany(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodDelete, "/v3/catalog/products", 204, nil)
	ids := seq(1, 600)
	if _, err := c.Products.DeleteMany(ctx(t), ids...); err != nil {
		t.Fatal(err)
	}
	if rec.count() != 3 {
		t.Fatalf("%d requests, want 3", rec.count())
	}
	reqs := rec.all()
	var sizes, deleted []int
	for _, r := range reqs {
		assertStandardHeaders(t, r)
		if len(r.Query) != 1 || !strings.HasPrefix(r.Raw, "id:in=") {
			t.Errorf("query = %q, want only id:in", r.Raw)
		}
		parts := strings.Split(r.Query.Get("id:in"), ",")
		sizes = append(sizes, len(parts))
		for _, s := range parts {
			n, err := strconv.Atoi(s)
			if err != nil {
				t.Fatal(err)
			}
			deleted = append(deleted, n)
		}
	}
	slices.Sort(sizes)
	if !slices.Equal(sizes, []int{100, 250, 250}) {
		t.Errorf("chunk sizes = %v, want 250/250/100", sizes)
	}
	slices.Sort(deleted)
	if !slices.Equal(deleted, ids) {
		t.Error("not every id was deleted exactly once")
	}

	// A small delete, exact query.
	if _, err := c.Products.DeleteMany(ctx(t), 4, 5, 6); err != nil {
		t.Fatal(err)
	}
	if raw := rec.last(t).Raw; raw != "id:in=4,5,6" {
		t.Errorf("query = %q", raw)
	}
}

func TestProductsDeleteManyRefusesUnfiltered(t *testing.T) {
	c, mt := newTestClient(t)
	check := noRequests(t, mt)
	resp, err := c.Products.DeleteMany(ctx(t))
	assertValidation(t, err)
	if resp == nil {
		t.Error("nil response")
	}
	_, err = c.Products.DeleteMany(ctx(t), []int{}...)
	assertValidation(t, err)
	_, err = c.Products.DeleteMany(ctx(t), 1, 0, 3)
	assertValidation(t, err)
	check()
}

func TestProductsListVariants(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/catalog/products/192/variants", 200, fixture(t, "products/variants_list.json"))
	got, resp, err := c.Products.ListVariants(ctx(t), 192, &VariantFilter{IncludeFields: StringList{"sku", "price"}, Page: 1, Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if req.Method != http.MethodGet || req.Path != "/v3/catalog/products/192/variants" {
		t.Errorf("request = %s %s", req.Method, req.Path)
	}
	if want := "include_fields=sku,price&limit=50&page=1"; req.Raw != want {
		t.Errorf("query = %q, want %q", req.Raw, want)
	}
	assertStandardHeaders(t, req)
	if len(got) != 3 || resp.Pagination.Total != 3 {
		t.Fatalf("got %d variants, pagination %+v", len(got), resp.Pagination)
	}
	v := got[0]
	if v.ID != 382 || v.ProductID != 192 || v.SKU != "SMIT" || v.SKUID == nil || *v.SKUID != 348 {
		t.Errorf("variant = %d %d %q %v", v.ID, v.ProductID, v.SKU, v.SKUID)
	}
	assertDecPtr(t, "price", v.Price, "10")
	assertDecPtr(t, "sale_price", v.SalePrice, "8")
	assertDecPtr(t, "map_price ({} in the spec example)", v.MapPrice, "")
	assertDec(t, "calculated_price", v.CalculatedPrice, "10")
	if v.Weight == nil || *v.Weight != 4 || v.CalculatedWeight != 2 || v.InventoryLevel == nil || *v.InventoryLevel != 0 {
		t.Errorf("weight/inventory = %v %v %v", v.Weight, v.CalculatedWeight, v.InventoryLevel)
	}
	if len(v.OptionValues) != 1 || v.OptionValues[0] != (VariantOptionValue{ID: 174, OptionID: 220, OptionDisplayName: "Color", Label: "Beige"}) {
		t.Errorf("option_values = %+v", v.OptionValues)
	}

	c2, mt2 := newTestClient(t)
	check := noRequests(t, mt2)
	_, resp, err = c2.Products.ListVariants(ctx(t), 0, nil)
	assertValidation(t, err)
	if resp == nil {
		t.Error("nil response")
	}
	check()
}

func TestVariantNullableDecoding(t *testing.T) {
	var env struct {
		Data []Variant `json:"data"`
	}
	if err := json.Unmarshal(fixture(t, "products/variants_nullable.json"), &env); err != nil {
		t.Fatal(err)
	}
	base, red := env.Data[0], env.Data[1]
	// null = inherit from the product.
	for name, p := range map[string]*decimal.Decimal{"price": base.Price, "sale_price": base.SalePrice, "retail_price": base.RetailPrice, "cost_price": base.CostPrice, "map_price": base.MapPrice, "fixed_cost_shipping_price": base.FixedCostShippingPrice} {
		assertDecPtr(t, name, p, "")
	}
	if base.SKUID != nil || base.InventoryLevel != nil || base.InventoryWarningLevel != nil || base.Weight != nil || base.Width != nil {
		t.Errorf("base variant nullable fields = %v %v %v %v %v", base.SKUID, base.InventoryLevel, base.InventoryWarningLevel, base.Weight, base.Width)
	}
	if base.UPC != "" || base.BinPickingNumber != "" || base.OptionValues == nil || len(base.OptionValues) != 0 {
		t.Errorf("null strings / empty option values = %q %q %v", base.UPC, base.BinPickingNumber, base.OptionValues)
	}
	assertDec(t, "calculated_price", base.CalculatedPrice, "7.95")

	assertDecPtr(t, "price (string)", red.Price, "8.5")
	assertDecPtr(t, "sale_price 0 is not null", red.SalePrice, "0")
	assertDecPtr(t, "retail_price", red.RetailPrice, "")
	assertDecPtr(t, "map_price", red.MapPrice, "12.25")
	if red.SKUID == nil || *red.SKUID != 12 || red.InventoryLevel == nil || *red.InventoryLevel != 0 || red.Weight == nil || *red.Weight != 1.5 {
		t.Errorf("red variant = %v %v %v", red.SKUID, red.InventoryLevel, red.Weight)
	}

	// A variant decoded twice keeps no stale map_price.
	v := Variant{MapPrice: Ptr(dec("1"))}
	if err := json.Unmarshal([]byte(`{"id":1,"map_price":{}}`), &v); err != nil || v.MapPrice != nil || v.ID != 1 {
		t.Errorf("map_price {} = %v, %v", v.MapPrice, err)
	}
	if err := json.Unmarshal([]byte(`{"id":"x"}`), &v); err == nil {
		t.Error("a malformed variant decoded without error")
	}
}

func TestProductsAllVariants(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v3/catalog/products/192/variants", func(req captured) (*http.Response, error) {
		page, _ := strconv.Atoi(req.Query.Get("page"))
		data := []map[string]any{{"id": page*10 + 1, "sku": "A", "price": nil}, {"id": page*10 + 2, "sku": "B", "price": 2}}
		if page > 2 {
			data = data[:0] // the meta names 2 pages: past them, none
		}
		return jsonResponse(200, map[string]any{"data": data, "meta": map[string]any{"pagination": map[string]any{"total": 4, "count": len(data), "per_page": 2, "current_page": page, "total_pages": 2}}})
	})
	f := &VariantFilter{Limit: 2}
	var ids []int
	for v, err := range c.Products.AllVariants(ctx(t), 192, f) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, v.ID)
	}
	if !slices.Equal(ids, []int{11, 12, 21, 22}) {
		t.Errorf("ids = %v", ids)
	}
	// The last page the meta names is full: one more request makes sure
	// no record follows it (a stale total would otherwise end the walk).
	reqs := rec.all()
	if len(reqs) != 3 || reqs[0].Raw != "limit=2&page=1" || reqs[1].Raw != "limit=2&page=2" || reqs[2].Raw != "limit=2&page=3" {
		t.Errorf("requests = %+v", reqs)
	}
	if f.Page != 0 {
		t.Error("AllVariants modified the caller's filter")
	}

	// Without a limit, 250 a page.
	rec2 := mockFunc(mt, http.MethodGet, "/v3/catalog/products/7/variants", func(captured) (*http.Response, error) {
		return jsonResponse(200, map[string]any{"data": []any{}, "meta": map[string]any{}})
	})
	for _, err := range c.Products.AllVariants(ctx(t), 7, nil) {
		t.Fatal(err)
	}
	if raw := rec2.last(t).Raw; raw != "limit=250&page=1" {
		t.Errorf("query = %q", raw)
	}

	var got error
	for _, err := range c.Products.AllVariants(ctx(t), 0, nil) {
		got = err
	}
	assertValidation(t, got)
}

func TestProductsCreateVariant(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPost, "/v3/catalog/products/192/variants", 200, fixture(t, "products/variant_create.json"))
	v, _, err := c.Products.CreateVariant(ctx(t), 192, VariantCreate{
		SKU:                "SMIT-2",
		OptionValues:       []VariantOptionValue{{ID: 176, OptionID: 220}},
		Price:              Ptr(dec("25")),
		SalePrice:          Ptr(dec("20.00")),
		InventoryLevel:     Ptr(0),
		PurchasingDisabled: Ptr(false),
	})
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if req.Method != http.MethodPost || req.Path != "/v3/catalog/products/192/variants" || req.Raw != "" {
		t.Errorf("request = %s %s?%s", req.Method, req.Path, req.Raw)
	}
	assertStandardHeaders(t, req)
	assertJSONBody(t, req.Body, `{"sku": "SMIT-2", "option_values": [{"id": 176, "option_id": 220}], "price": 25, "sale_price": 20, "inventory_level": 0, "purchasing_disabled": false}`)
	if v.ID != 384 || v.SKU != "SMIT-2" || v.SKUID == nil || *v.SKUID != 350 {
		t.Errorf("variant = %+v", v)
	}
	assertDecPtr(t, "retail_price", v.RetailPrice, "25")
	assertDecPtr(t, "fixed_cost_shipping_price", v.FixedCostShippingPrice, "10")
}

func TestProductsCreateVariantValidation(t *testing.T) {
	c, mt := newTestClient(t)
	check := noRequests(t, mt)
	ov := []VariantOptionValue{{ID: 1, OptionID: 2}}
	for _, tc := range []struct {
		pid int
		v   VariantCreate
	}{{0, VariantCreate{SKU: "A", OptionValues: ov}}, {1, VariantCreate{OptionValues: ov}}, {1, VariantCreate{SKU: "A"}}} {
		v, resp, err := c.Products.CreateVariant(ctx(t), tc.pid, tc.v)
		assertValidation(t, err)
		if v != nil || resp == nil {
			t.Errorf("CreateVariant = %v, %v", v, resp)
		}
	}
	check()
}

func TestProductsUpdateVariant(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPut, "/v3/catalog/products/81/variants/65", 200, fixture(t, "products/variant_update.json"))
	v, _, err := c.Products.UpdateVariant(ctx(t), 81, 65, VariantUpdate{
		Price:                     Ptr(dec("89")),
		PurchasingDisabled:        Ptr(true),
		PurchasingDisabledMessage: Ptr("This item is not available."),
		InventoryLevel:            Ptr(0),
		UPC:                       Ptr(""),
	})
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if req.Method != http.MethodPut || req.Path != "/v3/catalog/products/81/variants/65" {
		t.Errorf("request = %s %s", req.Method, req.Path)
	}
	assertStandardHeaders(t, req)
	assertJSONBody(t, req.Body, `{"price": 89, "purchasing_disabled": true, "purchasing_disabled_message": "This item is not available.", "inventory_level": 0, "upc": ""}`)
	if v.ID != 65 || v.MPN != "TR-SML02" || v.Height == nil || *v.Height != 14.6 || len(v.OptionValues) != 0 {
		t.Errorf("variant = %+v", v)
	}
	assertDecPtr(t, "map_price", v.MapPrice, "0")
	assertDecPtr(t, "sale_price", v.SalePrice, "85")

	c2, mt2 := newTestClient(t)
	check := noRequests(t, mt2)
	for _, ids := range [][3]int{{0, 1, 0}, {1, 0, 0}, {1, 2, 3}} {
		v, resp, err := c2.Products.UpdateVariant(ctx(t), ids[0], ids[1], VariantUpdate{ID: ids[2]})
		assertValidation(t, err)
		if v != nil || resp == nil {
			t.Errorf("UpdateVariant = %v, %v", v, resp)
		}
	}
	check()
}

func TestProductsUpdateVariantMultiStatus(t *testing.T) {
	c, mt := newTestClient(t)
	body := `{"data":{"id":65,"product_id":81,"sku":"OTS","inventory_level":null},"errors":{"status":422,"title":"Inventory was not saved","errors":{"inventory_level":"over the limit"}},"meta":{}}`
	mockJSON(mt, http.MethodPut, "/v3/catalog/products/81/variants/65", 207, []byte(body))
	v, _, err := c.Products.UpdateVariant(ctx(t), 81, 65, VariantUpdate{InventoryLevel: Ptr(5)})
	var ms *MultiStatusError
	if !errors.As(err, &ms) || v == nil || v.ID != 65 || v.InventoryLevel != nil {
		t.Fatalf("UpdateVariant = %+v, %v", v, err)
	}
}

func TestProductsDeleteVariant(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodDelete, "/v3/catalog/products/81/variants/65", 204, nil)
	if _, err := c.Products.DeleteVariant(ctx(t), 81, 65); err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if req.Method != http.MethodDelete || req.Path != "/v3/catalog/products/81/variants/65" || req.Raw != "" {
		t.Errorf("request = %s %s?%s", req.Method, req.Path, req.Raw)
	}
	assertStandardHeaders(t, req)

	c2, mt2 := newTestClient(t)
	check := noRequests(t, mt2)
	for _, ids := range [][2]int{{0, 1}, {1, 0}, {-1, -1}} {
		resp, err := c2.Products.DeleteVariant(ctx(t), ids[0], ids[1])
		assertValidation(t, err)
		if resp == nil {
			t.Error("nil response")
		}
	}
	check()
}

func TestProductsUpdateVariantsBatch(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPut, "/v3/catalog/variants", 200, fixture(t, "products/variants_batch.json"))
	got, _, err := c.Products.UpdateVariants(ctx(t), []VariantUpdate{
		{ID: 65, Price: Ptr(dec("89")), InventoryLevel: Ptr(0)},
		{ProductID: 192, SKU: Ptr("SMIT-2"), OptionValues: []VariantOptionValue{{ID: 176, OptionID: 220}}, Price: Ptr(dec("25"))},
	})
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if req.Method != http.MethodPut || req.Path != "/v3/catalog/variants" || req.Raw != "" {
		t.Errorf("request = %s %s?%s", req.Method, req.Path, req.Raw)
	}
	assertStandardHeaders(t, req)
	assertJSONBody(t, req.Body, `[
		{"id": 65, "price": 89, "inventory_level": 0},
		{"product_id": 192, "sku": "SMIT-2", "option_values": [{"id": 176, "option_id": 220}], "price": 25}
	]`)
	if len(got) != 2 || got[0].ID != 65 || got[1].ID != 384 {
		t.Errorf("got %+v", got)
	}
}

func TestProductsUpdateVariantsBatchChunks(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodPut, "/v3/catalog/variants", func(req captured) (*http.Response, error) {
		var items []map[string]any
		_ = json.Unmarshal(req.Body, &items)
		data := make([]map[string]any, len(items))
		for i, it := range items {
			data[i] = map[string]any{"id": it["id"], "price": nil}
		}
		return jsonResponse(200, map[string]any{"data": data, "meta": map[string]any{}})
	})
	items := make([]VariantUpdate, 120)
	for i := range items {
		items[i] = VariantUpdate{ID: i + 1, PurchasingDisabled: Ptr(false)}
	}
	got, _, err := c.Products.UpdateVariants(ctx(t), items)
	if err != nil {
		t.Fatal(err)
	}
	var sizes []int
	for _, r := range rec.all() {
		var items []json.RawMessage
		_ = json.Unmarshal(r.Body, &items)
		sizes = append(sizes, len(items))
	}
	slices.Sort(sizes)
	if !slices.Equal(sizes, []int{20, 50, 50}) {
		t.Errorf("chunk sizes = %v, want 50/50/20", sizes)
	}
	if len(got) != 120 || got[0].ID != 1 || got[119].ID != 120 || got[5].Price != nil {
		t.Errorf("got %d variants", len(got))
	}
}

func TestProductsUpdateVariantsBatch422(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodPut, "/v3/catalog/variants", 422, fixture(t, "products/variants_batch_422.json"))
	got, _, err := c.Products.UpdateVariants(ctx(t), []VariantUpdate{{ID: 384, SKU: Ptr("SMIT-2")}, {ID: 9999, Price: Ptr(dec("1"))}})
	var be *BatchError
	if !errors.As(err, &be) || !slices.Equal(be.FailedIndexes(), []int{0, 1}) {
		t.Fatalf("err = %v, want both items failed", err)
	}
	if !errors.Is(err, ErrUnprocessable) {
		t.Error("errors.Is(err, ErrUnprocessable) = false")
	}
	var e *Error
	if !errors.As(be.Failures[0].Err, &e) {
		t.Fatalf("failure = %v", be.Failures[0].Err)
	}
	if e.StatusCode != 422 || e.Fields["0.sku"] != "Sku 'SMIT-2' is not unique." || e.Fields["1.id"] != "Variant 9999 was not found." {
		t.Errorf("fields = %v", e.Fields)
	}
	if !slices.Contains(e.Messages, "JSON data is missing or invalid") || !slices.Contains(e.Messages, "The variant does not exist") {
		t.Errorf("messages = %v", e.Messages)
	}
	if len(got) != 0 {
		t.Errorf("got %v", got)
	}
}

func TestProductsUpdateVariantsBatchValidation(t *testing.T) {
	c, mt := newTestClient(t)
	check := noRequests(t, mt)
	ov := []VariantOptionValue{{ID: 1, OptionID: 2}}
	for _, items := range [][]VariantUpdate{
		nil,
		{{ID: 1}, {}},
		{{ID: -1}},
		{{ProductID: 1, SKU: Ptr("A")}},    // no option values
		{{ProductID: 1, OptionValues: ov}}, // no sku
		{{ProductID: 1, SKU: Ptr(" "), OptionValues: ov}}, // blank sku
		{{SKU: Ptr("A"), OptionValues: ov}},               // no product
	} {
		got, resp, err := c.Products.UpdateVariants(ctx(t), items)
		assertValidation(t, err)
		if got != nil || resp == nil {
			t.Errorf("UpdateVariantsBatch = %v, %v", got, resp)
		}
	}
	check()
}

func TestProductWriteTypesSendZeroValues(t *testing.T) {
	b, err := json.Marshal(ProductUpdate{
		ID: 3, IsVisible: Ptr(false), InventoryLevel: Ptr(0), SalePrice: Ptr(decimal.Zero), Warranty: Ptr(""),
		Categories: []int{}, PreorderReleaseDate: Ptr(time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)),
	})
	if err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, b, `{"id": 3, "is_visible": false, "inventory_level": 0, "sale_price": 0, "warranty": "", "categories": [], "preorder_release_date": "2025-03-01T00:00:00Z"}`)
	b, _ = json.Marshal(ProductUpdate{})
	if string(b) != "{}" {
		t.Errorf("empty update = %s", b)
	}
	b, _ = json.Marshal(VariantUpdate{})
	if string(b) != "{}" {
		t.Errorf("empty variant update = %s", b)
	}
	// Required create fields are always sent, even at zero.
	b, _ = json.Marshal(ProductCreate{Name: "Gift card", Type: ProductTypeDigital})
	assertJSONBody(t, b, `{"name": "Gift card", "type": "digital", "weight": 0, "price": 0}`)
	b, _ = json.Marshal(VariantCreate{SKU: "A", Price: Ptr(dec("0.10"))})
	assertJSONBody(t, b, `{"sku": "A", "price": 0.1}`)
}

func TestProductsUpdateVariantsBatchMultiStatus(t *testing.T) {
	c, mt := newTestClient(t)
	// The new variant (no id) came back, matched by product and SKU; variant 66 did not.
	mockJSON(mt, http.MethodPut, "/v3/catalog/variants", 207, []byte(`{
		"data": [{"id": 65, "product_id": 192}, {"id": 384, "product_id": 192, "sku": "SMIT-2"}],
		"errors": {"status": 422, "title": "Some variants could not be saved.", "errors": {"inventory_level": "would be negative"}},
		"meta": {}}`))
	got, _, err := c.Products.UpdateVariants(ctx(t), []VariantUpdate{
		{ID: 65, Price: Ptr(dec("89"))},
		{ID: 66, InventoryLevel: Ptr(-1)},
		{ProductID: 192, SKU: Ptr("SMIT-2"), OptionValues: []VariantOptionValue{{ID: 176, OptionID: 220}}},
	})
	var be *BatchError
	var ms *MultiStatusError
	if !errors.As(err, &be) || !slices.Equal(be.FailedIndexes(), []int{1}) || len(be.Unknown) != 0 || !errors.As(be.Failures[0].Err, &ms) {
		t.Fatalf("err = %v; want only item 1 failed, with the *MultiStatusError", err)
	}
	if len(got) != 2 {
		t.Errorf("got %d variants, want the 2 saved", len(got))
	}
}

func TestMultiStatusChunkErrorNamedItemThatCameBack(t *testing.T) {
	ms := &MultiStatusError{Method: "PUT", Path: "/v3/catalog/products", Errors: []*Error{{StatusCode: 422, Fields: map[string]string{"1.inventory_level": "bad"}}}}
	err := multiStatusChunkError(ms, 3, func(int) bool { return true })
	var be *BatchError
	var e *Error
	if !errors.As(err, &be) || len(be.Failures) != 0 || !slices.Equal(be.UnknownIndexes(), []int{1}) ||
		!errors.Is(be.Unknown[0].Err, ErrOutcomeUnknown) || !errors.As(be.Unknown[0].Err, &e) || e.Fields["inventory_level"] != "bad" {
		t.Fatalf("err = %v; want item 1 unknown (saved in part), with its own *Error", err)
	}
	if err := multiStatusChunkError(ms, 3, nil); !errors.As(err, &be) || !slices.Equal(be.FailedIndexes(), []int{1}) || len(be.Unknown) != 0 {
		t.Fatalf("without back: %v; want item 1 failed", err)
	}
}
