package bigcommerce

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
)

// problemJSON answers status with body as application/problem+json, the
// content type the Inventory and Locations APIs use for errors.
func problemJSON(status int, body []byte) *http.Response {
	resp := httpmock.NewBytesResponse(status, body)
	resp.Header.Set("Content-Type", "application/problem+json")
	return resp
}

// specAdjustments are the items of the spec's adjustment examples, with
// the quantities given.
func specAdjustments(q ...int) []InventoryAdjustment {
	return []InventoryAdjustment{
		{LocationID: 1, VariantID: 1, Quantity: q[0]},
		{LocationID: 2, VariantID: 3, Quantity: q[1]},
		{LocationID: 3, SKU: "sku-4", Quantity: q[2]},
		{LocationID: 1, SKU: "sku-5", Quantity: q[3]},
		{LocationID: 1, ProductID: 111, Quantity: q[4]},
	}
}

func TestAdjustAbsoluteSendsSpecExample(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPut, "/v3/inventory/adjustments/absolute", 200, fixture(t, "inventory/transaction.json"))

	ids, resp, err := c.Inventory.AdjustAbsolute(ctx(t), specAdjustments(1, 1, 1, 1, 7), "Absolute adjustment reason")
	if err != nil {
		t.Fatal(err)
	}
	if resp == nil || resp.StatusCode != 200 {
		t.Fatalf("resp = %+v", resp)
	}
	if want := []string{"9d2f2d5e-1c0a-4b3c-8f61-2f1c5a0e7b41"}; !slices.Equal(ids, want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
	got := rec.last(t)
	assertStandardHeaders(t, got)
	if got.Method != http.MethodPut || got.Path != "/v3/inventory/adjustments/absolute" || got.Raw != "" {
		t.Errorf("request = %s %s?%s", got.Method, got.Path, got.Raw)
	}
	assertJSONBody(t, got.Body, string(fixture(t, "inventory/adjust_absolute_request.json")))
}

func TestAdjustRelativeSendsSpecExampleWithNegatives(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPost, "/v3/inventory/adjustments/relative", 200, fixture(t, "inventory/transaction.json"))

	ids, _, err := c.Inventory.AdjustRelative(ctx(t), specAdjustments(1, -1, 1, -1, 7), "Relative adjustment reason")
	if err != nil {
		t.Fatal(err)
	}
	if len(ids) != 1 || ids[0] != "9d2f2d5e-1c0a-4b3c-8f61-2f1c5a0e7b41" {
		t.Errorf("ids = %v", ids)
	}
	got := rec.last(t)
	assertStandardHeaders(t, got)
	if got.Method != http.MethodPost || got.Path != "/v3/inventory/adjustments/relative" {
		t.Errorf("request = %s %s", got.Method, got.Path)
	}
	assertJSONBody(t, got.Body, string(fixture(t, "inventory/adjust_relative_request.json")))
}

func TestAdjustAbsoluteSendsQuantityZeroAndOneIdentity(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPut, "/v3/inventory/adjustments/absolute", 200, fixture(t, "inventory/transaction.json"))

	_, _, err := c.Inventory.AdjustAbsolute(ctx(t), []InventoryAdjustment{{LocationID: 1, ProductID: 111, Quantity: 0}}, "")
	if err != nil {
		t.Fatal(err)
	}
	body := string(rec.last(t).Body)
	if !strings.Contains(body, `"quantity":0`) {
		t.Errorf("body %s does not send \"quantity\":0", body)
	}
	for _, absent := range []string{"variant_id", "sku", "reason"} {
		if strings.Contains(body, absent) {
			t.Errorf("body %s contains %q", body, absent)
		}
	}
	assertJSONBody(t, rec.last(t).Body, `{"items":[{"location_id":1,"product_id":111,"quantity":0}]}`)
}

func TestAdjustValidation(t *testing.T) {
	good := InventoryAdjustment{LocationID: 1, SKU: "A", Quantity: 1}
	tests := []struct {
		name     string
		absolute bool
		items    []InventoryAdjustment
		wants    []string
	}{
		{"nil items", true, nil, []string{"no items"}},
		{"empty items", false, []InventoryAdjustment{}, []string{"no items"}},
		{"no identity", true, []InventoryAdjustment{good, {LocationID: 1, Quantity: 3}}, []string{"items[1]", "no identity"}},
		{"two identities", false, []InventoryAdjustment{good, good, {LocationID: 1, VariantID: 3, SKU: "B", Quantity: 1}}, []string{"items[2]", "VariantID, SKU"}},
		{"three identities", true, []InventoryAdjustment{{LocationID: 1, ProductID: 1, VariantID: 3, SKU: "B"}}, []string{"items[0]", "3 identities"}},
		{"location zero", true, []InventoryAdjustment{{SKU: "A", Quantity: 1}}, []string{"items[0]", "LocationID 0"}},
		{"location negative", false, []InventoryAdjustment{good, {LocationID: -2, SKU: "A", Quantity: -1}}, []string{"items[1]", "LocationID -2"}},
		{"absolute negative quantity", true, []InventoryAdjustment{good, good, good, {LocationID: 1, SKU: "A", Quantity: -5}}, []string{"items[3]", "Quantity -5"}},
		{"negative product id", true, []InventoryAdjustment{{LocationID: 1, ProductID: -4}}, []string{"items[0]", "ProductID -4"}},
		{"several bad items all named", true, []InventoryAdjustment{{LocationID: 1}, good, {SKU: "A"}}, []string{"items[0]", "items[2]"}},
		{"many bad items summarised", false, make([]InventoryAdjustment, 8), []string{"items[0]", "items[4]", "and 3 more"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			var (
				ids  []string
				resp *Response
				err  error
			)
			if tt.absolute {
				ids, resp, err = c.Inventory.AdjustAbsolute(ctx(t), tt.items, "")
			} else {
				ids, resp, err = c.Inventory.AdjustRelative(ctx(t), tt.items, "")
			}
			assertValidation(t, err, tt.wants...)
			if ids != nil || resp == nil {
				t.Errorf("ids = %v, resp = %v; want nil ids and a non-nil *Response", ids, resp)
			}
			assertNothingSent(t, mt)
		})
	}
}

func TestAdjustBadItemAfterManyGoodOnesSendsNothing(t *testing.T) {
	c, mt := newTestClient(t)
	items := make([]InventoryAdjustment, 4500)
	for i := range items {
		items[i] = InventoryAdjustment{LocationID: 1, VariantID: i + 1, Quantity: 1}
	}
	items[4321].SKU = "DUP" // two identities, in the last chunk
	_, _, err := c.Inventory.AdjustAbsolute(ctx(t), items, "")
	assertValidation(t, err, "items[4321]")
	assertNothingSent(t, mt)
}

func TestAdjustAbsoluteChunksSequentially(t *testing.T) {
	c, mt := newTestClient(t, WithMaxConcurrency(8))
	var inFlight, maxInFlight, calls atomic.Int32
	rec := mockFunc(mt, http.MethodPut, "/v3/inventory/adjustments/absolute", func(captured) (*http.Response, error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := maxInFlight.Load()
			if n <= m || maxInFlight.CompareAndSwap(m, n) {
				break
			}
		}
		k := calls.Add(1)
		return httpmock.NewJsonResponse(200, map[string]string{"transaction_id": fmt.Sprintf("tx-%d", k)})
	})

	items := make([]InventoryAdjustment, 4500)
	for i := range items {
		items[i] = InventoryAdjustment{LocationID: 1 + i%3, VariantID: 1000 + i, Quantity: i % 7}
	}
	ids, _, err := c.Inventory.AdjustAbsolute(ctx(t), items, "stock count")
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"tx-1", "tx-2", "tx-3"}; !slices.Equal(ids, want) {
		t.Errorf("ids = %v, want %v", ids, want)
	}
	if m := maxInFlight.Load(); m != 1 {
		t.Errorf("%d requests were in flight at once, want 1", m)
	}
	reqs := rec.all()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3", len(reqs))
	}
	offset := 0
	for i, want := range []int{2000, 2000, 500} {
		var body adjustmentRequest
		if err := json.Unmarshal(reqs[i].Body, &body); err != nil {
			t.Fatal(err)
		}
		if len(body.Items) != want || body.Reason != "stock count" {
			t.Errorf("request %d: %d items, reason %q; want %d, %q", i, len(body.Items), body.Reason, want, "stock count")
			continue
		}
		if !reflect.DeepEqual(body.Items[0], items[offset]) || !reflect.DeepEqual(body.Items[want-1], items[offset+want-1]) {
			t.Errorf("request %d does not hold items %d..%d in order", i, offset, offset+want-1)
		}
		offset += want
	}
}

func TestAdjustAbsoluteProblemJSON422(t *testing.T) {
	c, mt := newTestClient(t)
	mockFunc(mt, http.MethodPut, "/v3/inventory/adjustments/absolute", func(captured) (*http.Response, error) {
		return problemJSON(422, fixture(t, "inventory/error_422_tracking.json")), nil
	})
	ids, resp, err := c.Inventory.AdjustAbsolute(ctx(t), []InventoryAdjustment{{LocationID: 1, VariantID: 106, Quantity: 4}, {LocationID: 1, SKU: "x", Quantity: 1}}, "")
	if len(ids) != 0 || resp == nil {
		t.Errorf("ids = %v, resp = %v", ids, resp)
	}
	var be *BatchError
	if !errors.As(err, &be) || !slices.Equal(be.FailedIndexes(), []int{0, 1}) {
		t.Fatalf("error = %v, want a *BatchError for items 0 and 1", err)
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v does not wrap an *Error", err)
	}
	if e.StatusCode != 422 || e.Title != "[Item with variant_id 106 is tracked by product, please update stock by product id]" {
		t.Errorf("*Error = %d %q", e.StatusCode, e.Title)
	}
	if !errors.Is(err, ErrUnprocessable) {
		t.Error("errors.Is(err, ErrUnprocessable) = false")
	}
}

func TestAdjustRelativeProblemJSON422(t *testing.T) {
	c, mt := newTestClient(t)
	mockFunc(mt, http.MethodPost, "/v3/inventory/adjustments/relative", func(captured) (*http.Response, error) {
		return problemJSON(422, fixture(t, "inventory/error_422_relative.json")), nil
	})
	_, _, err := c.Inventory.AdjustRelative(ctx(t), []InventoryAdjustment{{LocationID: 1, ProductID: 113, Quantity: -1}}, "")
	var e *Error
	if !errors.As(err, &e) || e.Title != "Items with identity: [product_id 113] requires absolute adjustment before relative" {
		t.Fatalf("error = %v", err)
	}
}

func TestAdjustChunkFailures(t *testing.T) {
	items := make([]InventoryAdjustment, 4500)
	for i := range items {
		items[i] = InventoryAdjustment{LocationID: 1, VariantID: i + 1, Quantity: 1}
	}

	t.Run("422 in the middle chunk: the others are still sent", func(t *testing.T) {
		c, mt := newTestClient(t)
		var calls atomic.Int32
		rec := mockFunc(mt, http.MethodPut, "/v3/inventory/adjustments/absolute", func(captured) (*http.Response, error) {
			k := calls.Add(1)
			if k == 2 {
				return problemJSON(422, fixture(t, "inventory/error_422_tracking.json")), nil
			}
			return httpmock.NewJsonResponse(200, map[string]string{"transaction_id": fmt.Sprintf("tx-%d", k)})
		})
		ids, _, err := c.Inventory.AdjustAbsolute(ctx(t), items, "")
		if !slices.Equal(ids, []string{"tx-1", "tx-3"}) {
			t.Errorf("ids = %v, want [tx-1 tx-3]", ids)
		}
		var be *BatchError
		if !errors.As(err, &be) {
			t.Fatalf("error = %v, want *BatchError", err)
		}
		failed := be.FailedIndexes()
		if len(failed) != 2000 || failed[0] != 2000 || failed[1999] != 3999 {
			t.Errorf("failed indexes: %d of them, %v..%v; want 2000..3999", len(failed), failed[0], failed[len(failed)-1])
		}
		if rec.count() != 3 {
			t.Errorf("%d requests, want 3", rec.count())
		}
	})

	t.Run("401 on the first chunk: nothing more is sent", func(t *testing.T) {
		c, mt := newTestClient(t)
		rec := mockFunc(mt, http.MethodPut, "/v3/inventory/adjustments/absolute", func(captured) (*http.Response, error) {
			return problemJSON(401, []byte(`{"status":401,"title":"Unauthorized"}`)), nil
		})
		ids, _, err := c.Inventory.AdjustAbsolute(ctx(t), items, "")
		if len(ids) != 0 || !errors.Is(err, ErrUnauthorized) {
			t.Errorf("ids = %v, err = %v", ids, err)
		}
		var be *BatchError
		if !errors.As(err, &be) || len(be.Failures) != 4500 {
			t.Errorf("want every item reported failed, got %v", err)
		}
		if rec.count() != 1 {
			t.Errorf("%d requests, want 1", rec.count())
		}
	})
}

func TestAdjustRelativeIsNotRetriedOn5xx(t *testing.T) {
	c, mt := newTestClient(t, WithRetryPolicy(RetryPolicy{MaxRetries: 3}))
	post := mockFunc(mt, http.MethodPost, "/v3/inventory/adjustments/relative", func(captured) (*http.Response, error) {
		return problemJSON(503, []byte(`{"status":503,"title":"Service Unavailable"}`)), nil
	})
	put := mockFunc(mt, http.MethodPut, "/v3/inventory/adjustments/absolute", func(captured) (*http.Response, error) {
		return problemJSON(503, []byte(`{"status":503,"title":"Service Unavailable"}`)), nil
	})
	items := []InventoryAdjustment{{LocationID: 1, SKU: "A", Quantity: -2}}
	if _, _, err := c.Inventory.AdjustRelative(ctx(t), items, ""); err == nil {
		t.Fatal("want an error")
	}
	if post.count() != 1 {
		t.Errorf("relative POST sent %d times, want 1 (never retried)", post.count())
	}
	items[0].Quantity = 2
	if _, _, err := c.Inventory.AdjustAbsolute(ctx(t), items, ""); err == nil {
		t.Fatal("want an error")
	}
	if put.count() != 4 {
		t.Errorf("absolute PUT sent %d times, want 4 (idempotent, retried)", put.count())
	}
}

func TestInventoryAdjustmentMarshalJSON(t *testing.T) {
	for _, a := range []InventoryAdjustment{{LocationID: 1}, {LocationID: 1, ProductID: 2, SKU: "x"}} {
		if b, err := json.Marshal(a); err == nil {
			t.Errorf("json.Marshal(%+v) = %s, want an error", a, b)
		}
	}
	b, err := json.Marshal(InventoryAdjustment{LocationID: 4, VariantID: 9})
	if err != nil || string(b) != `{"location_id":4,"variant_id":9,"quantity":0}` {
		t.Errorf("json.Marshal = %s, %v", b, err)
	}
	if b, err := json.Marshal(ItemIdentity{}); err == nil {
		t.Errorf("json.Marshal(ItemIdentity{}) = %s, want an error", b)
	}
	if b, err := json.Marshal(ItemIdentity{SKU: "RE-130"}); err != nil || string(b) != `{"sku":"RE-130"}` {
		t.Errorf("json.Marshal(ItemIdentity) = %s, %v", b, err)
	}
}

func TestListItems(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/inventory/items", 200, fixture(t, "inventory/items_list.json"))

	items, resp, err := c.Inventory.ListItems(ctx(t), &InventoryItemFilter{
		SKUIn:          StringList{"RE-130", "RE-120"},
		VariantIDIn:    IntList{78, 79},
		ProductIDIn:    IntList{120},
		LocationIDIn:   IntList{1, 2},
		LocationCodeIn: StringList{"BC-LOCATION-1", "BIGC-1"},
		Page:           1,
		Limit:          2,
	})
	if err != nil {
		t.Fatal(err)
	}
	got := rec.last(t)
	assertStandardHeaders(t, got)
	if want := "limit=2&location_code:in=BC-LOCATION-1,BIGC-1&location_id:in=1,2&page=1&product_id:in=120&sku:in=RE-130,RE-120&variant_id:in=78,79"; got.Raw != want {
		t.Errorf("query\n got %s\nwant %s", got.Raw, want)
	}
	if got.Query.Get("sku:in") != "RE-130,RE-120" || got.Method != http.MethodGet {
		t.Errorf("decoded query = %v", got.Query)
	}
	if resp.Pagination == nil || resp.Pagination.Total != 3 || resp.Pagination.TotalPages != 2 {
		t.Errorf("pagination = %+v", resp.Pagination)
	}
	want := []InventoryItem{
		{
			Identity: InventoryIdentity{SKU: "RE-130", VariantID: 79, ProductID: 120, SKUID: 24},
			Locations: []InventoryItemLocation{
				{LocationID: 1, LocationCode: "BC-LOCATION-1", LocationName: "Default location", AvailableToSell: 10, TotalInventoryOnhand: 11, LocationEnabled: true,
					Settings: InventorySettings{SafetyStock: 1, IsInStock: true, WarningLevel: 1, BinPickingNumber: "1"}},
				{LocationID: 2, LocationCode: "BIGC-1", LocationName: "Central store"},
			},
		},
		{
			Identity: InventoryIdentity{SKU: "RE-120", VariantID: 78, ProductID: 120}, // sku_id null
			Locations: []InventoryItemLocation{
				{LocationID: 1, LocationCode: "BC-LOCATION-1", LocationName: "Default location", AvailableToSell: 5, TotalInventoryOnhand: 5, LocationEnabled: true,
					Settings: InventorySettings{IsInStock: true, WarningLevel: 2}},
			},
		},
	}
	if !reflect.DeepEqual(items, want) {
		t.Errorf("items\n got %+v\nwant %+v", items, want)
	}
}

func TestListItemsNilFilter(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/inventory/items", 200, fixture(t, "inventory/items_list.json"))
	if _, _, err := c.Inventory.ListItems(ctx(t), nil); err != nil {
		t.Fatal(err)
	}
	if raw := rec.last(t).Raw; raw != "" {
		t.Errorf("query = %q, want none", raw)
	}
}

func TestAllItemsAcrossPages(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v3/inventory/items", func(r captured) (*http.Response, error) {
		switch r.Query.Get("page") {
		case "1":
			return httpmock.NewBytesResponse(200, fixture(t, "inventory/items_list.json")), nil
		case "2":
			return httpmock.NewBytesResponse(200, fixture(t, "inventory/items_page2.json")), nil
		}
		return problemJSON(404, nil), nil
	})
	filter := &InventoryItemFilter{ProductIDIn: IntList{120, 121}}
	var skus []string
	for item, err := range c.Inventory.AllItems(ctx(t), filter) {
		if err != nil {
			t.Fatal(err)
		}
		skus = append(skus, item.Identity.SKU)
	}
	if want := []string{"RE-130", "RE-120", "RE-131"}; !slices.Equal(skus, want) {
		t.Errorf("skus = %v, want %v", skus, want)
	}
	reqs := rec.all()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	for i, r := range reqs {
		assertStandardHeaders(t, r)
		if want := fmt.Sprintf("limit=1000&page=%d&product_id:in=120,121", i+1); r.Raw != want {
			t.Errorf("request %d query = %s, want %s", i, r.Raw, want)
		}
	}
	if filter.Page != 0 || filter.Limit != 0 {
		t.Errorf("caller's filter was modified: %+v", filter)
	}
}

func TestAllItemsYieldsErrorOnce(t *testing.T) {
	c, mt := newTestClient(t)
	mockFunc(mt, http.MethodGet, "/v3/inventory/items", func(captured) (*http.Response, error) {
		return problemJSON(403, []byte(`{"status":403,"title":"You don't have a required scope to access the endpoint"}`)), nil
	})
	var errs []error
	for _, err := range c.Inventory.AllItems(ctx(t), nil) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrForbidden) {
		t.Fatalf("errors = %v", errs)
	}
	if !strings.Contains(errs[0].Error(), string(ScopeInventoryReadOnly)) {
		t.Errorf("error %q does not name the scope %s", errs[0], ScopeInventoryReadOnly)
	}
}

func TestListLocationItems(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/inventory/locations/2/items", 200, fixture(t, "inventory/location_items_list.json"))

	items, resp, err := c.Inventory.ListLocationItems(ctx(t), 2, &LocationItemFilter{
		VariantIDIn: IntList{78, 91},
		ProductIDIn: IntList{130, 131},
		SKUIn:       StringList{"RE-130"},
		Page:        1,
		Limit:       100,
	})
	if err != nil {
		t.Fatal(err)
	}
	got := rec.last(t)
	assertStandardHeaders(t, got)
	if want := "limit=100&page=1&product_id:in=130,131&sku:in=RE-130&variant_id:in=78,91"; got.Raw != want {
		t.Errorf("query\n got %s\nwant %s", got.Raw, want)
	}
	if resp.Pagination == nil || resp.Pagination.Total != 2 {
		t.Errorf("pagination = %+v", resp.Pagination)
	}
	want := []LocationItem{
		{Identity: InventoryIdentity{SKU: "RE-130", VariantID: 78, ProductID: 130}, AvailableToSell: 10, TotalInventoryOnhand: 12,
			Settings: InventorySettings{SafetyStock: 2, IsInStock: true, WarningLevel: 2, BinPickingNumber: "1"}},
		{Identity: InventoryIdentity{VariantID: 91, ProductID: 131}},
	}
	if !reflect.DeepEqual(items, want) {
		t.Errorf("items\n got %+v\nwant %+v", items, want)
	}
}

func TestAllLocationItems(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/inventory/locations/7/items", 200, fixture(t, "inventory/location_items_list.json"))
	n := 0
	for item, err := range c.Inventory.AllLocationItems(ctx(t), 7, &LocationItemFilter{SKUIn: StringList{"RE-130"}}) {
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 && item.TotalInventoryOnhand != 12 {
			t.Errorf("first item = %+v", item)
		}
		n++
	}
	if n != 2 || rec.count() != 1 {
		t.Errorf("%d items in %d requests, want 2 in 1 (total_pages is 1)", n, rec.count())
	}
	if raw := rec.last(t).Raw; raw != "limit=1000&page=1&sku:in=RE-130" {
		t.Errorf("query = %s", raw)
	}
}

func TestLocationItemsBadLocationSendsNothing(t *testing.T) {
	c, mt := newTestClient(t)
	_, resp, err := c.Inventory.ListLocationItems(ctx(t), 0, nil)
	assertValidation(t, err, "location id 0")
	if resp == nil {
		t.Error("resp is nil")
	}
	var errs []error
	for _, err := range c.Inventory.AllLocationItems(ctx(t), -1, nil) {
		errs = append(errs, err)
	}
	if len(errs) != 1 {
		t.Fatalf("want one error, got %v", errs)
	}
	assertValidation(t, errs[0], "location id -1")
	_, _, err = c.Inventory.UpdateLocationItemSettings(ctx(t), 0, []LocationItemSettingsUpdate{{Identity: ItemIdentity{SKU: "A"}, IsInStock: Ptr(true)}})
	assertValidation(t, err, "location id 0")
	assertNothingSent(t, mt)
}

func TestUpdateLocationItemSettingsSendsZeroAndFalse(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPut, "/v3/inventory/locations/1/items", 200, fixture(t, "inventory/transaction.json"))

	id, _, err := c.Inventory.UpdateLocationItemSettings(ctx(t), 1, []LocationItemSettingsUpdate{
		{Identity: ItemIdentity{SKU: "RE-130"}, SafetyStock: Ptr(0), IsInStock: Ptr(false)},
		{Identity: ItemIdentity{VariantID: 79}, WarningLevel: Ptr(10), BinPickingNumber: Ptr("1")},
		{Identity: ItemIdentity{ProductID: 120}, BinPickingNumber: Ptr("")},
	})
	if err != nil {
		t.Fatal(err)
	}
	if id != "9d2f2d5e-1c0a-4b3c-8f61-2f1c5a0e7b41" {
		t.Errorf("transaction id = %q", id)
	}
	got := rec.last(t)
	assertStandardHeaders(t, got)
	if got.Method != http.MethodPut || got.Raw != "" {
		t.Errorf("request = %s ?%s", got.Method, got.Raw)
	}
	assertJSONBody(t, got.Body, `{"settings":[
		{"identity":{"sku":"RE-130"},"safety_stock":0,"is_in_stock":false},
		{"identity":{"variant_id":79},"warning_level":10,"bin_picking_number":"1"},
		{"identity":{"product_id":120},"bin_picking_number":""}]}`)
}

func TestUpdateLocationItemSettingsValidation(t *testing.T) {
	tests := []struct {
		name     string
		settings []LocationItemSettingsUpdate
		wants    []string
	}{
		{"empty", nil, []string{"no settings"}},
		{"no identity", []LocationItemSettingsUpdate{{Identity: ItemIdentity{SKU: "A"}, IsInStock: Ptr(true)}, {IsInStock: Ptr(true)}}, []string{"settings[1]", "no identity"}},
		{"two identities", []LocationItemSettingsUpdate{{Identity: ItemIdentity{SKU: "A", ProductID: 3}, IsInStock: Ptr(true)}}, []string{"settings[0]", "ProductID, SKU"}},
		{"no setting", []LocationItemSettingsUpdate{{Identity: ItemIdentity{SKU: "A"}}}, []string{"settings[0]", "no setting to change"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			id, resp, err := c.Inventory.UpdateLocationItemSettings(ctx(t), 1, tt.settings)
			assertValidation(t, err, tt.wants...)
			if id != "" || resp == nil {
				t.Errorf("id = %q, resp = %v", id, resp)
			}
			assertNothingSent(t, mt)
		})
	}
}

func TestUpdateLocationItemSettingsProblemJSON422(t *testing.T) {
	c, mt := newTestClient(t)
	mockFunc(mt, http.MethodPut, "/v3/inventory/locations/1/items", func(captured) (*http.Response, error) {
		return problemJSON(422, fixture(t, "inventory/error_422_settings.json")), nil
	})
	_, _, err := c.Inventory.UpdateLocationItemSettings(ctx(t), 1, []LocationItemSettingsUpdate{{Identity: ItemIdentity{SKU: "A"}, BinPickingNumber: Ptr("B")}})
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("error = %v, want an *Error inside", err)
	}
	if e.StatusCode != 422 || e.Title != "Payload contains invalid fields" {
		t.Errorf("*Error = %d %q", e.StatusCode, e.Title)
	}
	// The item's own error keeps its field, without the item's index.
	if got := e.Fields["settings"]; got != "At least one setting must be specified: warning_level, is_in_stock or safety_stock" {
		t.Errorf("Fields = %v", e.Fields)
	}
}

func TestUpdateLocationItemSettingsChunksAndReturnsLastID(t *testing.T) {
	c, mt := newTestClient(t)
	var calls atomic.Int32
	rec := mockFunc(mt, http.MethodPut, "/v3/inventory/locations/3/items", func(captured) (*http.Response, error) {
		return httpmock.NewJsonResponse(200, map[string]string{"transaction_id": fmt.Sprintf("tx-%d", calls.Add(1))})
	})
	settings := make([]LocationItemSettingsUpdate, 2001)
	for i := range settings {
		settings[i] = LocationItemSettingsUpdate{Identity: ItemIdentity{VariantID: i + 1}, SafetyStock: Ptr(i)}
	}
	id, _, err := c.Inventory.UpdateLocationItemSettings(ctx(t), 3, settings)
	if err != nil {
		t.Fatal(err)
	}
	if id != "tx-2" {
		t.Errorf("id = %q, want the last one, tx-2", id)
	}
	reqs := rec.all()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	assertJSONBody(t, reqs[1].Body, `{"settings":[{"identity":{"variant_id":2001},"safety_stock":2000}]}`)
}

func TestListLocations(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/inventory/locations", 200, fixture(t, "inventory/locations_list.json"))

	locs, resp, err := c.Inventory.ListLocations(ctx(t), &LocationFilter{
		LocationIDIn:            IntList{2, 3},
		LocationCodeIn:          StringList{"BIGC-1", "WEB-STOCK"},
		IsDefault:               Ptr(false),
		TypeIDIn:                StringList{"PHYSICAL", "VIRTUAL"},
		ManagedByExternalSource: Ptr(false),
		IsActive:                Ptr(true),
		StorefrontVisibility:    Ptr(false),
		Page:                    2,
		Limit:                   50,
	})
	if err != nil {
		t.Fatal(err)
	}
	got := rec.last(t)
	assertStandardHeaders(t, got)
	want := "is_active=true&is_default=false&limit=50&location_code:in=BIGC-1,WEB-STOCK&location_id:in=2,3&managed_by_external_source=false&page=2&storefront_visibility=false&type_id:in=PHYSICAL,VIRTUAL"
	if got.Raw != want {
		t.Errorf("query\n got %s\nwant %s", got.Raw, want)
	}
	if resp.Pagination == nil || resp.Pagination.PerPage != 100 {
		t.Errorf("pagination = %+v", resp.Pagination)
	}
	if len(locs) != 2 {
		t.Fatalf("%d locations", len(locs))
	}
	day := &OperatingHoursForDay{Open: true, Opening: "08:00", Closing: "16:00"}
	closed := &OperatingHoursForDay{Opening: "08:00", Closing: "16:00"}
	created := time.Date(2022, 5, 30, 12, 18, 2, 0, time.UTC)
	wantPhysical := Location{
		ID: 2, Code: "BIGC-1", Label: "Central store", Description: "Central shop of the world",
		TypeID: LocationPhysical, Enabled: true, TimeZone: "Etc/GMT+12",
		OperatingHours: OperatingHours{Sunday: closed, Monday: day, Tuesday: day, Wednesday: day, Thursday: day, Friday: day, Saturday: closed},
		CreatedAt:      created, UpdatedAt: created,
		Address: &LocationAddress{Address1: "Central Park", City: "New York City", State: "NY", Zip: "11111", Email: "admin@example.com",
			Phone: "800-555-0198", GeoCoordinates: GeoCoordinates{Latitude: 11, Longitude: 8}, CountryCode: "US"},
		StorefrontVisibility: true,
		SpecialHours:         []SpecialHours{{Label: "Thanksgiving", Date: "2022-09-29", Open: true, Opening: "09:00", Closing: "09:00"}},
	}
	if !reflect.DeepEqual(locs[0], wantPhysical) {
		t.Errorf("location\n got %+v\nwant %+v", locs[0], wantPhysical)
	}
	v := locs[1]
	if v.TypeID != LocationVirtual || v.Address != nil || v.Description != "" || v.Enabled || !v.ManagedByExternalSource || len(v.SpecialHours) != 0 {
		t.Errorf("virtual location = %+v", v)
	}
	if !v.CreatedAt.Equal(time.Date(2023, 1, 2, 2, 4, 5, 0, time.UTC)) {
		t.Errorf("created_at = %v", v.CreatedAt)
	}
}

func TestAllLocations(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/inventory/locations", 200, fixture(t, "inventory/locations_list.json"))
	var ids []int
	for loc, err := range c.Inventory.AllLocations(ctx(t), &LocationFilter{IsDefault: Ptr(false)}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, loc.ID)
	}
	if !slices.Equal(ids, []int{2, 3}) || rec.count() != 1 {
		t.Errorf("ids = %v in %d requests", ids, rec.count())
	}
	if raw := rec.last(t).Raw; raw != "is_default=false&limit=1000&page=1" {
		t.Errorf("query = %s", raw)
	}
}

// specLocationCreate is the spec's create_locations example as a LocationCreate.
func specLocationCreate() LocationCreate {
	closed := &OperatingHoursForDay{Open: false, Opening: "08:00", Closing: "16:00"}
	return LocationCreate{
		Code:                    "BIGC-1",
		Label:                   "Central store",
		Description:             Ptr("Central shop of the world"),
		ManagedByExternalSource: false,
		TypeID:                  LocationPhysical,
		Enabled:                 Ptr(true),
		OperatingHours:          &OperatingHours{Sunday: closed, Monday: closed, Tuesday: closed, Wednesday: closed, Thursday: closed, Friday: closed, Saturday: closed},
		TimeZone:                "Etc/UTC",
		Address: &LocationAddressCreate{
			Address1: "5th Ave", Address2: "string", City: "New York", State: "NY", Zip: "10021",
			Email: "contact@example.com", Phone: "800-555-0198",
			GeoCoordinates: GeoCoordinates{Latitude: 40.774378, Longitude: -73.9653178},
			CountryCode:    "US",
		},
		StorefrontVisibility: Ptr(true),
		SpecialHours:         []SpecialHours{{Label: "Thanksgiving", Date: "2022-09-29", Open: true, Opening: "09:00", Closing: "09:00"}},
	}
}

func TestCreateLocations(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPost, "/v3/inventory/locations", 200, fixture(t, "inventory/transaction.json"))

	id, _, err := c.Inventory.CreateLocations(ctx(t), []LocationCreate{specLocationCreate()})
	if err != nil {
		t.Fatal(err)
	}
	if id != "9d2f2d5e-1c0a-4b3c-8f61-2f1c5a0e7b41" {
		t.Errorf("transaction id = %q", id)
	}
	got := rec.last(t)
	assertStandardHeaders(t, got)
	if got.Method != http.MethodPost || got.Raw != "" {
		t.Errorf("request = %s ?%s", got.Method, got.Raw)
	}
	assertJSONBody(t, got.Body, string(fixture(t, "inventory/create_locations_request.json")))
}

func TestCreateLocationsSendsFalseOnPurpose(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPost, "/v3/inventory/locations", 200, fixture(t, "inventory/transaction.json"))
	_, _, err := c.Inventory.CreateLocations(ctx(t), []LocationCreate{{
		Label: "Web stock", TypeID: LocationVirtual, TimeZone: "Etc/UTC",
		Enabled: Ptr(false), StorefrontVisibility: Ptr(false), Description: Ptr(""),
	}})
	if err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, rec.last(t).Body, `[{"label":"Web stock","type_id":"VIRTUAL","time_zone":"Etc/UTC","managed_by_external_source":false,
		"enabled":false,"storefront_visibility":false,"description":""}]`)
}

func TestCreateLocationsValidation(t *testing.T) {
	physical := specLocationCreate()
	noAddress := physical
	noAddress.Address = nil
	tests := []struct {
		name  string
		locs  []LocationCreate
		wants []string
	}{
		{"empty", nil, []string{"no locations"}},
		{"missing required", []LocationCreate{physical, {}}, []string{"locations[1]", "Label", "TypeID", "TimeZone"}},
		{"physical without address", []LocationCreate{noAddress}, []string{"locations[0]", "Address"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			id, resp, err := c.Inventory.CreateLocations(ctx(t), tt.locs)
			assertValidation(t, err, tt.wants...)
			if id != "" || resp == nil {
				t.Errorf("id = %q, resp = %v", id, resp)
			}
			assertNothingSent(t, mt)
		})
	}
}

func TestCreateLocationsProblemJSON422(t *testing.T) {
	c, mt := newTestClient(t)
	mockFunc(mt, http.MethodPost, "/v3/inventory/locations", func(captured) (*http.Response, error) {
		return problemJSON(422, []byte(`{"status":422,"title":"Locations were not valid","type":"https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes","errors":{"0.code":"Location with code BIGC-1 already exists"}}`)), nil
	})
	_, resp, err := c.Inventory.CreateLocations(ctx(t), []LocationCreate{specLocationCreate()})
	var e *Error
	if !errors.As(err, &e) || e.Fields["0.code"] != "Location with code BIGC-1 already exists" {
		t.Fatalf("error = %v", err)
	}
	if resp == nil || resp.StatusCode != 422 {
		t.Errorf("resp = %v", resp)
	}
}

func TestUpdateLocations(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPut, "/v3/inventory/locations", 200, fixture(t, "inventory/transaction.json"))

	closed := &OperatingHoursForDay{Opening: "08:00", Closing: "16:00"}
	id, _, err := c.Inventory.UpdateLocations(ctx(t), []LocationUpdate{{
		ID:                      2,
		Code:                    Ptr("BIGC-2"),
		Label:                   Ptr("Central store"),
		Description:             Ptr("Central shop of the world"),
		ManagedByExternalSource: Ptr(false),
		TypeID:                  Ptr(LocationPhysical),
		Enabled:                 Ptr(true),
		OperatingHours:          &OperatingHours{Sunday: closed, Monday: closed, Tuesday: closed, Wednesday: closed, Thursday: closed, Friday: closed, Saturday: closed},
		TimeZone:                Ptr("Etc/UTC"),
		Address: &LocationAddressUpdate{
			Address1: Ptr("5th Ave"), Address2: Ptr("string"), City: Ptr("New York City"), State: Ptr("NY"), Zip: Ptr("12345"),
			Email: Ptr("contact@example.com"), Phone: Ptr("800-555-0198"),
			GeoCoordinates: &GeoCoordinates{Latitude: 11, Longitude: 11}, CountryCode: "US",
		},
		StorefrontVisibility: Ptr(true),
		SpecialHours:         []SpecialHours{{Label: "Thanksgiving", Date: "2022-09-29", Open: true, Opening: "09:00", Closing: "09:00"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if id != "9d2f2d5e-1c0a-4b3c-8f61-2f1c5a0e7b41" {
		t.Errorf("transaction id = %q", id)
	}
	got := rec.last(t)
	assertStandardHeaders(t, got)
	if got.Method != http.MethodPut {
		t.Errorf("method = %s", got.Method)
	}
	assertJSONBody(t, got.Body, string(fixture(t, "inventory/update_locations_request.json")))
}

func TestUpdateLocationsSendsFalseZeroAndEmptyOnPurpose(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPut, "/v3/inventory/locations", 200, fixture(t, "inventory/transaction.json"))
	_, _, err := c.Inventory.UpdateLocations(ctx(t), []LocationUpdate{
		{ID: 3, Enabled: Ptr(false), StorefrontVisibility: Ptr(false), ManagedByExternalSource: Ptr(false), Description: Ptr(""), SpecialHours: []SpecialHours{}},
		{ID: 4, Address: &LocationAddressUpdate{CountryCode: "US", GeoCoordinates: &GeoCoordinates{}}},
		{ID: 5, Label: Ptr("Only the label")},
	})
	if err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, rec.last(t).Body, `[
		{"id":3,"enabled":false,"storefront_visibility":false,"managed_by_external_source":false,"description":"","special_hours":[]},
		{"id":4,"address":{"country_code":"US","geo_coordinates":{"latitude":0,"longitude":0}}},
		{"id":5,"label":"Only the label"}]`)
}

func TestUpdateLocationsValidation(t *testing.T) {
	tests := []struct {
		name  string
		locs  []LocationUpdate
		wants []string
	}{
		{"empty", []LocationUpdate{}, []string{"no locations"}},
		{"missing id", []LocationUpdate{{ID: 2, Label: Ptr("a")}, {Label: Ptr("b")}}, []string{"locations[1]", "ID 0"}},
		{"address without country", []LocationUpdate{{ID: 2, Address: &LocationAddressUpdate{City: Ptr("Austin")}}}, []string{"locations[0]", "CountryCode"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			_, resp, err := c.Inventory.UpdateLocations(ctx(t), tt.locs)
			assertValidation(t, err, tt.wants...)
			if resp == nil {
				t.Error("resp is nil")
			}
			assertNothingSent(t, mt)
		})
	}
}

func TestDeleteLocations(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodDelete, "/v3/inventory/locations", 200, fixture(t, "inventory/transaction.json"))

	resp, err := c.Inventory.DeleteLocations(ctx(t), 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	if resp == nil || resp.StatusCode != 200 {
		t.Errorf("resp = %v", resp)
	}
	got := rec.last(t)
	assertStandardHeaders(t, got)
	if got.Raw != "location_id:in=2,3" || got.Query.Get("location_id:in") != "2,3" || len(got.Body) != 0 {
		t.Errorf("request = %s ?%s body %q", got.Method, got.Raw, got.Body)
	}
}

func TestDeleteLocationsRefusesUnfilteredDelete(t *testing.T) {
	c, mt := newTestClient(t)
	resp, err := c.Inventory.DeleteLocations(ctx(t))
	assertValidation(t, err, "no location ids")
	if resp == nil {
		t.Error("resp is nil")
	}
	_, err = c.Inventory.DeleteLocations(ctx(t), 2, 0)
	assertValidation(t, err, "ids[1] = 0")
	assertNothingSent(t, mt)
}

func TestDeleteLocationsProblemJSON422(t *testing.T) {
	c, mt := newTestClient(t)
	mockFunc(mt, http.MethodDelete, "/v3/inventory/locations", func(captured) (*http.Response, error) {
		return problemJSON(422, fixture(t, "inventory/error_422_delete.json")), nil
	})
	_, err := c.Inventory.DeleteLocations(ctx(t), 1)
	var e *Error
	if !errors.As(err, &e) || !strings.HasPrefix(e.Title, "Location canʼt be deleted.") || e.Method != http.MethodDelete {
		t.Fatalf("error = %v", err)
	}
}

func TestInventoryScopes(t *testing.T) {
	tests := []struct {
		method, path string
		want         Scope
	}{
		{http.MethodGet, "/v3/inventory/locations/1/items", ScopeInventoryReadOnly},
		{http.MethodPut, "/v3/inventory/locations/1/items", ScopeInventory},
		{http.MethodGet, "/v3/inventory/items", ScopeInventoryReadOnly},
		{http.MethodPost, "/v3/inventory/adjustments/relative", ScopeInventory},
		{http.MethodGet, "/v3/inventory/locations", ScopeLocationsReadOnly},
		{http.MethodDelete, "/v3/inventory/locations", ScopeLocations},
		{http.MethodGet, "/v3/inventory/locations/1/metafields", ScopeLocationsReadOnly},
	}
	for _, tt := range tests {
		if got := RequiredScope(tt.method, tt.path); got != tt.want {
			t.Errorf("RequiredScope(%s, %s) = %s, want %s", tt.method, tt.path, got, tt.want)
		}
	}
}

// TestInventoryRejectionByItem: BigCommerce rejects a whole inventory
// request over some items, naming them by identity in the title (the
// spec's 422 examples) or by index in the error keys; the items named fail
// with the *Error, the others were not written and can be sent again.
// When the error names an item that is not in the request, the SDK cannot
// tell and every item fails with it.
func TestInventoryRejectionByItem(t *testing.T) {
	adjust := func(absolute bool, items ...InventoryAdjustment) func(*Client) error {
		return func(c *Client) error {
			var err error
			if absolute {
				_, _, err = c.Inventory.AdjustAbsolute(ctx(t), items, "")
			} else {
				_, _, err = c.Inventory.AdjustRelative(ctx(t), items, "")
			}
			return err
		}
	}
	tests := []struct {
		name, method, path, fixture string
		call                        func(*Client) error
		named, notWritten           []int
	}{
		{"variant id in the title", http.MethodPut, "/v3/inventory/adjustments/absolute", "inventory/error_422_tracking.json",
			adjust(true, InventoryAdjustment{LocationID: 1, VariantID: 105, Quantity: 1}, InventoryAdjustment{LocationID: 1, VariantID: 106, Quantity: 1},
				InventoryAdjustment{LocationID: 1, SKU: "x", Quantity: 1}),
			[]int{1}, []int{0, 2}},
		{"product id in the title", http.MethodPost, "/v3/inventory/adjustments/relative", "inventory/error_422_relative.json",
			adjust(false, InventoryAdjustment{LocationID: 1, ProductID: 113, Quantity: -1}, InventoryAdjustment{LocationID: 2, ProductID: 114, Quantity: 2}),
			[]int{0}, []int{1}},
		{"index in the keys", http.MethodPut, "/v3/inventory/locations/1/items", "inventory/error_422_settings.json",
			func(c *Client) error {
				_, _, err := c.Inventory.UpdateLocationItemSettings(ctx(t), 1, []LocationItemSettingsUpdate{
					{Identity: ItemIdentity{SKU: "A"}, BinPickingNumber: Ptr("B")}, {Identity: ItemIdentity{SKU: "C"}, SafetyStock: Ptr(1)}})
				return err
			},
			[]int{0}, []int{1}},
		{"an identity not in the request", http.MethodPut, "/v3/inventory/adjustments/absolute", "inventory/error_422_tracking.json",
			adjust(true, InventoryAdjustment{LocationID: 1, VariantID: 105, Quantity: 1}, InventoryAdjustment{LocationID: 1, SKU: "106", Quantity: 1}),
			[]int{0, 1}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			mockFunc(mt, tt.method, tt.path, func(captured) (*http.Response, error) {
				return problemJSON(422, fixture(t, tt.fixture)), nil
			})
			err := tt.call(c)
			var be *BatchError
			if !errors.As(err, &be) || len(be.Unknown) != 0 {
				t.Fatalf("err = %v", err)
			}
			var named, notWritten []int
			for _, f := range be.Failures {
				var e *Error
				switch {
				case errors.As(f.Err, &e) && e.StatusCode == 422:
					named = append(named, f.Index)
				case errors.Is(f.Err, ErrNotWritten) && strings.Contains(f.Err.Error(), "not written: BigCommerce rejected the whole request (422") && strings.Contains(f.Err.Error(), "can be sent again"):
					notWritten = append(notWritten, f.Index)
				default:
					t.Errorf("item %d: %v", f.Index, f.Err)
				}
			}
			if !slices.Equal(named, tt.named) || !slices.Equal(notWritten, tt.notWritten) {
				t.Errorf("named %v, not written %v; want %v, %v", named, notWritten, tt.named, tt.notWritten)
			}
		})
	}
}
