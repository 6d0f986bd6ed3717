package bigcommerce

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
)

func TestPriceListsListDecodesSpecExample(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/pricelists", 200, fixture(t, "price_lists/list.json"))
	lists, resp, err := c.PriceLists.List(ctx(t), &PriceListFilter{IDIn: IntList{1, 2}, NameLike: "Whole", DateModifiedMin: time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC), Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if want := "date_modified:min=2022-01-01T00:00:00Z&id:in=1,2&limit=50&name:like=Whole"; rec.last(t).Raw != want {
		t.Errorf("query\n got %s\nwant %s", rec.last(t).Raw, want)
	}
	if len(lists) != 3 || lists[0].Name != "Warehouse" || !lists[0].Active || !lists[0].DateModified.Equal(time.Date(2022, 5, 8, 14, 5, 27, 0, time.UTC)) {
		t.Errorf("lists = %+v", lists)
	}
	if p := resp.Pagination; p == nil || p.Cursor == nil || p.Cursor.EndCursor != "MTQ=" || p.Total != 3 {
		t.Errorf("Pagination = %+v", resp.Pagination)
	}
}

// cursorPages answers a V3 list by "after" cursor over ids 1..n, limit per
// page, encoding the cursor as the last id.
func cursorPages(n int) func(captured) (*http.Response, error) {
	return func(r captured) (*http.Response, error) {
		var after, limit int
		fmt.Sscan(r.Query.Get("after"), &after)
		fmt.Sscan(r.Query.Get("limit"), &limit)
		var items []string
		last := after
		for id := after + 1; id <= n && len(items) < limit; id++ {
			items = append(items, fmt.Sprintf(`{"id":%d,"name":"l%d","price_list_id":%d,"variant_id":%d}`, id, id, id, id))
			last = id
		}
		body := fmt.Sprintf(`{"data":[%s],"meta":{"cursor_pagination":{"count":%d,"per_page":%d,"start_cursor":"%d","end_cursor":"%d","links":{}}}}`,
			strings.Join(items, ","), len(items), limit, after+1, last)
		return httpmock.NewStringResponse(200, body), nil
	}
}

func TestPriceListsAllFollowsCursor(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v3/pricelists", cursorPages(5))
	var ids []int
	for l, err := range c.PriceLists.All(ctx(t), &PriceListFilter{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, l.ID)
	}
	if fmt.Sprint(ids) != "[1 2 3 4 5]" {
		t.Errorf("ids = %v", ids)
	}
	var queries []string
	for _, r := range rec.all() {
		queries = append(queries, r.Raw)
	}
	if want := "[limit=2 after=2&limit=2 after=4&limit=2]"; fmt.Sprint(queries) != want {
		t.Errorf("queries %v, want %s", queries, want)
	}
}

// TestPriceListsAllByPageWithoutCursor: with no cursor in the answers the
// walk goes on by page number, counting pages itself, so a meta without
// current_page still ends it at its short last page.
func TestPriceListsAllByPageWithoutCursor(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v3/pricelists", func(r captured) (*http.Response, error) {
		p, _ := strconv.Atoi(r.Query.Get("page"))
		page := max(1, p)
		var items []string
		for id := 2*page - 1; id <= min(2*page, 5); id++ {
			items = append(items, fmt.Sprintf(`{"id":%d,"name":"l%d"}`, id, id))
		}
		body := fmt.Sprintf(`{"data":[%s],"meta":{"pagination":{"total":5,"count":%d,"per_page":2,"total_pages":3}}}`, strings.Join(items, ","), len(items))
		return httpmock.NewStringResponse(200, body), nil
	})
	var ids []int
	for l, err := range c.PriceLists.All(ctx(t), &PriceListFilter{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, l.ID)
	}
	if fmt.Sprint(ids) != "[1 2 3 4 5]" {
		t.Errorf("ids = %v", ids)
	}
	var queries []string
	for _, r := range rec.all() {
		queries = append(queries, r.Raw)
	}
	if want := "[limit=2 limit=2&page=2 limit=2&page=3]"; fmt.Sprint(queries) != want {
		t.Errorf("queries %v, want %s", queries, want)
	}
}

func TestPriceListsAllRefusesBefore(t *testing.T) {
	c, mt := newTestClient(t)
	for _, err := range c.PriceLists.All(ctx(t), &PriceListFilter{Before: "x"}) {
		assertValidation(t, err, "Before")
	}
	assertNothingSent(t, mt)
}

func TestPriceListsCRUD(t *testing.T) {
	c, mt := newTestClient(t)
	post := mockJSON(mt, http.MethodPost, "/v3/pricelists", 200, fixture(t, "price_lists/get.json"))
	put := mockJSON(mt, http.MethodPut, "/v3/pricelists/4", 200, fixture(t, "price_lists/get.json"))
	mockJSON(mt, http.MethodGet, "/v3/pricelists/4", 200, fixture(t, "price_lists/get.json"))
	del := mockJSON(mt, http.MethodDelete, "/v3/pricelists/4", 204, nil)
	delWhere := mockJSON(mt, http.MethodDelete, "/v3/pricelists", 204, nil)

	l, _, err := c.PriceLists.Create(ctx(t), PriceListCreate{Name: "Wholesale Group - Trade Show", Active: Ptr(false)})
	if err != nil || l.ID != 4 || l.Active {
		t.Fatalf("Create = %+v, %v", l, err)
	}
	assertJSONBody(t, post.last(t).Body, `{"name":"Wholesale Group - Trade Show","active":false}`)
	if _, _, err := c.PriceLists.Update(ctx(t), 4, PriceListUpdate{Active: Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, put.last(t).Body, `{"active":true}`)
	if g, _, err := c.PriceLists.Get(ctx(t), 4); err != nil || g.Name != "Wholesale Group - Trade Show" {
		t.Fatalf("Get = %+v, %v", g, err)
	}
	if _, err := c.PriceLists.Delete(ctx(t), 4); err != nil || del.count() != 1 {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.PriceLists.DeleteWhere(ctx(t), &PriceListDeleteFilter{IDIn: IntList{5, 6}}); err != nil || delWhere.last(t).Raw != "id:in=5,6" {
		t.Fatalf("DeleteWhere: %v", err)
	}
}

func TestPriceRecordsListDecodesMoney(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/pricelists/3/records", 200, fixture(t, "price_lists/records.json"))
	recs, _, err := c.PriceLists.ListRecords(ctx(t), 3, &PriceRecordFilter{
		CurrencyIn: StringList{"usd", "eur"}, PriceMin: Ptr(dec("10.5")), Include: StringList{PriceRecordIncludeBulkPricingTiers, PriceRecordIncludeSKU},
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "currency:in=usd,eur&include=bulk_pricing_tiers,sku&price:min=10.5"; rec.last(t).Raw != want {
		t.Errorf("query\n got %s\nwant %s", rec.last(t).Raw, want)
	}
	if len(recs) < 5 || recs[0].VariantID != 358 || recs[0].Currency != "usd" || recs[0].ProductID != 187 {
		t.Fatalf("records = %+v", recs)
	}
	assertDec(t, "price", recs[0].Price, "25.48")
	assertDec(t, "sale price", recs[0].SalePrice, "18.57")
	assertDec(t, "calculated", recs[0].CalculatedPrice, "25.48")
	tiers := recs[4].BulkPricingTiers
	if len(tiers) != 3 || tiers[2].QuantityMax != 2147483647 || tiers[1].Type != "percent" {
		t.Fatalf("tiers = %+v", tiers)
	}
	assertDec(t, "tier amount", tiers[1].Amount, "3")
}

func TestPriceRecordsUpsertChunksAtTheLimit(t *testing.T) {
	c, mt := newTestClient(t, WithMaxConcurrency(8))
	rec := mockJSON(mt, http.MethodPut, "/v3/pricelists/3/records", 200, []byte(`{"data":{},"meta":{}}`))
	in := make([]PriceRecordUpsert, 2*PriceRecordBatchSize+1)
	for i := range in {
		in[i] = PriceRecordUpsert{VariantID: i + 1, Currency: "usd", Price: Ptr(dec("1.10"))}
	}
	in[0].SalePrice = Ptr(dec("0"))
	in[0].BulkPricingTiers = []PriceTier{{QuantityMin: 10, QuantityMax: 19, Type: "percent", Amount: dec("2.5")}}
	if _, err := c.PriceLists.UpsertRecords(ctx(t), 3, in); err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, r := range rec.all() {
		var items []json.RawMessage
		if err := json.Unmarshal(r.Body, &items); err != nil {
			t.Fatal(err)
		}
		if len(items) > PriceRecordBatchSize {
			t.Errorf("a request carried %d records", len(items))
		}
		total += len(items)
		if strings.Contains(string(items[0]), `"variant_id":1,`) {
			assertJSONBody(t, items[0], `{"variant_id":1,"currency":"usd","price":1.1,"sale_price":0,"bulk_pricing_tiers":[{"quantity_min":10,"quantity_max":19,"type":"percent","amount":2.5}]}`)
		}
	}
	if rec.count() != 3 || total != len(in) {
		t.Errorf("%d requests, %d records", rec.count(), total)
	}
}

func TestPriceRecordsUpsert422NamesRecordsByIdentity(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodPut, "/v3/pricelists/3/records", 422, fixture(t, "price_lists/records_422.json"))
	_, err := c.PriceLists.UpsertRecords(ctx(t), 3, []PriceRecordUpsert{
		{VariantID: 358, Currency: "usd", Price: Ptr(dec("1"))},
		{VariantID: 359, Currency: "usd", Price: Ptr(dec("2"))},
		{SKU: "sku-3", Currency: "EUR", Price: Ptr(dec("3"))},
	})
	var be *BatchError
	if !errors.As(err, &be) || len(be.Failures) != 3 {
		t.Fatalf("err = %v, want a *BatchError for all three", err)
	}
	var e *Error
	if errors.As(be.Failures[0].Err, &e) || !strings.Contains(be.Failures[0].Err.Error(), "can be sent again") {
		t.Errorf("record 0: %v", be.Failures[0].Err)
	}
	if !errors.As(be.Failures[1].Err, &e) || e.Fields["price"] != "must not be negative" {
		t.Errorf("record 1: %v", be.Failures[1].Err)
	}
	if !errors.As(be.Failures[2].Err, &e) || e.Fields["currency"] != "is not enabled" {
		t.Errorf("record 2: %v", be.Failures[2].Err)
	}
}

func TestPriceRecordsAllAndDelete(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v3/pricelists/3/records", cursorPages(3))
	del := mockJSON(mt, http.MethodDelete, "/v3/pricelists/3/records", 204, nil)
	n := 0
	for r, err := range c.PriceLists.AllRecords(ctx(t), 3, &PriceRecordFilter{Limit: 2, Currency: "usd"}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if r.VariantID != n {
			t.Errorf("record %d has variant %d", n, r.VariantID)
		}
	}
	if n != 3 || rec.count() != 2 || rec.last(t).Raw != "after=2&currency=usd&limit=2" {
		t.Errorf("n %d, %d requests, last %s", n, rec.count(), rec.last(t).Raw)
	}
	if _, err := c.PriceLists.DeleteRecords(ctx(t), 3, &PriceRecordDeleteFilter{Currency: "usd", SKUIn: StringList{"A", "B"}}); err != nil {
		t.Fatal(err)
	}
	if r := del.last(t); r.Raw != "currency=usd&sku:in=A,B" {
		t.Errorf("DeleteRecords query %s", r.Raw)
	}
}

func TestPriceListAssignments(t *testing.T) {
	c, mt := newTestClient(t)
	list := mockJSON(mt, http.MethodGet, "/v3/pricelists/assignments", 200, fixture(t, "price_lists/assignments.json"))
	post := mockJSON(mt, http.MethodPost, "/v3/pricelists/assignments", 200, nil)
	del := mockJSON(mt, http.MethodDelete, "/v3/pricelists/assignments", 204, nil)
	as, _, err := c.PriceLists.ListAssignments(ctx(t), &PriceListAssignmentFilter{PriceListIDIn: IntList{1, 3}, ChannelID: 2})
	if err != nil || len(as) != 2 || as[0].CustomerGroupID != 2 || as[1].ChannelID != 2 {
		t.Fatalf("ListAssignments = %+v, %v", as, err)
	}
	if r := list.last(t); r.Raw != "channel_id=2&price_list_id:in=1,3" {
		t.Errorf("query %s", r.Raw)
	}
	in := make([]PriceListAssignmentCreate, 26)
	for i := range in {
		in[i] = PriceListAssignmentCreate{PriceListID: 1, CustomerGroupID: i + 1}
	}
	in[25] = PriceListAssignmentCreate{PriceListID: 2, ChannelID: 1}
	if _, err := c.PriceLists.CreateAssignments(ctx(t), in); err != nil {
		t.Fatal(err)
	}
	if post.count() != 2 {
		t.Errorf("%d POSTs for 26 assignments, want 2", post.count())
	}
	for _, r := range post.all() {
		if strings.Contains(string(r.Body), `"price_list_id":2`) {
			assertJSONBody(t, r.Body, `[{"price_list_id":2,"channel_id":1}]`)
		}
	}
	if _, err := c.PriceLists.DeleteAssignments(ctx(t), &PriceListAssignmentDeleteFilter{CustomerGroupID: 3}); err != nil || del.last(t).Raw != "customer_group_id=3" {
		t.Fatalf("DeleteAssignments: %v", err)
	}
}

func TestPriceListAssignments422AfterPartialSave(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodPost, "/v3/pricelists/assignments", 422, fixture(t, "price_lists/assignments_422.json"))
	_, err := c.PriceLists.CreateAssignments(ctx(t), []PriceListAssignmentCreate{{PriceListID: 1, CustomerGroupID: 2}, {PriceListID: 1, CustomerGroupID: 99}})
	// BigCommerce saved one of the two without saying which: neither may
	// be called failed (safe to resend), both are unknown.
	var be *BatchError
	if !errors.As(err, &be) || len(be.Failures) != 0 || len(be.Unknown) != 2 || !errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("err = %v", err)
	}
	for _, f := range be.Unknown {
		if !strings.Contains(f.Err.Error(), "saved 1 of the 2") || !errors.Is(f.Err, ErrUnprocessable) || !errors.Is(f.Err, ErrOutcomeUnknown) {
			t.Errorf("item %d: %v; want the partial-save warning wrapping the 422, outcome unknown", f.Index, f.Err)
		}
	}
}

func TestPriceListsValidation(t *testing.T) {
	tests := []struct {
		name string
		call func(c *Client) error
		want string
	}{
		{"create no name", func(c *Client) error { _, _, err := c.PriceLists.Create(ctx(t), PriceListCreate{}); return err }, "Name is required"},
		{"update nothing", func(c *Client) error { _, _, err := c.PriceLists.Update(ctx(t), 1, PriceListUpdate{}); return err }, "nothing to update"},
		{"delete where empty", func(c *Client) error {
			_, err := c.PriceLists.DeleteWhere(ctx(t), &PriceListDeleteFilter{})
			return err
		}, "unfiltered"},
		{"records list 0", func(c *Client) error { _, _, err := c.PriceLists.ListRecords(ctx(t), 0, nil); return err }, "positive id"},
		{"upsert no currency", func(c *Client) error {
			_, err := c.PriceLists.UpsertRecords(ctx(t), 1, []PriceRecordUpsert{{VariantID: 1, Price: Ptr(dec("1"))}})
			return err
		}, "Currency"},
		{"upsert no price", func(c *Client) error {
			_, err := c.PriceLists.UpsertRecords(ctx(t), 1, []PriceRecordUpsert{{VariantID: 1, Currency: "usd"}})
			return err
		}, "Price is required"},
		{"upsert no identity", func(c *Client) error {
			_, err := c.PriceLists.UpsertRecords(ctx(t), 1, []PriceRecordUpsert{{Currency: "usd", Price: Ptr(dec("1"))}})
			return err
		}, "VariantID or SKU"},
		{"delete records nil", func(c *Client) error { _, err := c.PriceLists.DeleteRecords(ctx(t), 1, nil); return err }, "unfiltered"},
		{"assignment without target", func(c *Client) error {
			_, err := c.PriceLists.CreateAssignments(ctx(t), []PriceListAssignmentCreate{{PriceListID: 1}})
			return err
		}, "CustomerGroupID, ChannelID"},
		{"delete assignments empty", func(c *Client) error {
			_, err := c.PriceLists.DeleteAssignments(ctx(t), &PriceListAssignmentDeleteFilter{})
			return err
		}, "unfiltered"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			assertValidation(t, tt.call(c), tt.want)
			assertNothingSent(t, mt)
		})
	}
}
