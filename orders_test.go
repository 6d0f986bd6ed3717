package bigcommerce

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/shopspring/decimal"
)

// countAll counts every request that reaches the mock transport, matched or not.
func countAll(mt *httpmock.MockTransport) *atomic.Int32 {
	var n atomic.Int32
	mt.RegisterNoResponder(func(*http.Request) (*http.Response, error) {
		n.Add(1)
		return httpmock.NewStringResponse(http.StatusTeapot, "unexpected request"), nil
	})
	return &n
}

// orderPages answers GET /v2/orders with pages of n orders numbered from the
// page and limit asked for, and 204 after total orders.
func orderPages(total int) func(captured) (*http.Response, error) {
	return func(c captured) (*http.Response, error) {
		page, _ := strconv.Atoi(c.Query.Get("page"))
		limit, _ := strconv.Atoi(c.Query.Get("limit"))
		minID, _ := strconv.Atoi(c.Query.Get("min_id"))
		maxID, err := strconv.Atoi(c.Query.Get("max_id"))
		if err != nil {
			maxID = total
		}
		first := max(minID, 1) + (max(page, 1)-1)*limit
		var items []map[string]any
		for id := first; id <= min(total, maxID) && id < first+limit; id++ {
			items = append(items, map[string]any{"id": id, "total_inc_tax": "1.0000"})
		}
		if c.Query.Get("sort") == "id:desc" {
			items = nil
			for id := min(total, maxID); id >= max(minID, 1) && len(items) < limit; id-- {
				items = append(items, map[string]any{"id": id, "total_inc_tax": "1.0000"})
			}
		}
		if len(items) == 0 {
			return httpmock.NewBytesResponse(http.StatusNoContent, nil), nil
		}
		return httpmock.NewJsonResponse(http.StatusOK, items)
	}
}

// mockOrderCount answers GET /v2/orders/count with total.
func mockOrderCount(mt *httpmock.MockTransport, total int) *recorder {
	return mockJSON(mt, http.MethodGet, "/v2/orders/count", 200, []byte(fmt.Sprintf(`{"count":%d,"statuses":[]}`, total)))
}

// dataRequests returns the requests of an id walk that read records
// (sort=id:asc), leaving out the probe of the highest id.
func dataRequests(reqs []captured) []captured {
	var out []captured
	for _, r := range reqs {
		if r.Query.Get("sort") == "id:asc" {
			out = append(out, r)
		}
	}
	return out
}

func TestOrderStatusIDString(t *testing.T) {
	tests := []struct {
		id   OrderStatusID
		want string
	}{
		{OrderStatusIncomplete, "Incomplete"},
		{OrderStatusAwaitingFulfillment, "Awaiting Fulfillment"},
		{OrderStatusManualVerificationRequired, "Manual Verification Required"},
		{OrderStatusPartiallyRefunded, "Partially Refunded"},
		{15, "OrderStatusID(15)"},
		{-1, "OrderStatusID(-1)"},
	}
	for _, tt := range tests {
		if got := tt.id.String(); got != tt.want {
			t.Errorf("OrderStatusID(%d).String() = %q, want %q", int(tt.id), got, tt.want)
		}
	}
}

func TestOrderFilterEncoding(t *testing.T) {
	edt := time.FixedZone("EDT", -4*3600)
	tests := []struct {
		name   string
		filter *OrderFilter
		want   string
	}{
		{"nil", nil, ""},
		{"zero", &OrderFilter{}, ""},
		{"rfc2822 date with negative offset",
			&OrderFilter{MinDateCreated: time.Date(2017, 4, 20, 11, 32, 0, 0, edt)},
			"min_date_created=Thu,+20+Apr+2017+11:32:00+-0400"},
		{"utc date: the + of +0000 is escaped",
			&OrderFilter{MaxDateModified: time.Date(2018, 1, 10, 21, 5, 30, 0, time.UTC)},
			"max_date_modified=Wed,+10+Jan+2018+21:05:30+%2B0000"},
		{"status 0 and guest customer are sent",
			&OrderFilter{StatusID: Ptr(OrderStatusIncomplete), CustomerID: Ptr(0)},
			"customer_id=0&status_id=0"},
		{"status as number, not its name",
			&OrderFilter{StatusID: Ptr(OrderStatusAwaitingFulfillment)},
			"status_id=11"},
		{"totals as plain numbers, zero sendable",
			&OrderFilter{MinTotal: Ptr(decimal.RequireFromString("12.50")), MaxTotal: Ptr(decimal.Zero)},
			"max_total=0&min_total=12.5"},
		{"ids, sort, include, paging",
			&OrderFilter{MinID: 100, MaxID: 200, Sort: OrderSortDateCreatedDesc,
				Include: StringList{OrderIncludeConsignments, OrderIncludeFees}, ConsignmentStructure: "object",
				Page: 2, Limit: 250},
			"consignment_structure=object&include=consignments,fees&limit=250&max_id=200&min_id=100&page=2&sort=date_created:desc"},
		{"strings are escaped",
			&OrderFilter{Email: "jane+doe@example.com", PaymentMethod: "Credit Card", CartID: "a8458391", ExternalOrderID: "amz-1", ChannelID: 3},
			"cart_id=a8458391&channel_id=3&email=jane%2Bdoe%40example.com&external_order_id=amz-1&payment_method=Credit+Card"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assertQuery(t, tt.filter, tt.want) })
	}
}

func TestOrdersList(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/orders", 200, fixture(t, "orders/list.json"))
	filter := &OrderFilter{
		StatusID:       Ptr(OrderStatusAwaitingFulfillment),
		MinDateCreated: time.Date(2017, 4, 20, 11, 32, 0, 0, time.FixedZone("", -4*3600)),
		MinTotal:       Ptr(decimal.RequireFromString("99.90")),
		Sort:           OrderSortIDAsc,
		Limit:          50,
	}
	orders, resp, err := c.Orders.List(ctx(t), filter)
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if req.Method != http.MethodGet || req.Path != "/v2/orders" {
		t.Errorf("request = %s %s", req.Method, req.Path)
	}
	wantRaw := "limit=50&min_date_created=Thu,+20+Apr+2017+11:32:00+-0400&min_total=99.9&sort=id:asc&status_id=11"
	if req.Raw != wantRaw {
		t.Errorf("raw query\n got: %s\nwant: %s", req.Raw, wantRaw)
	}
	if got := req.Query.Get("min_date_created"); got != "Thu, 20 Apr 2017 11:32:00 -0400" {
		t.Errorf("decoded min_date_created = %q", got)
	}
	assertStandardHeaders(t, req)
	if len(req.Body) != 0 {
		t.Errorf("GET sent a body: %s", req.Body)
	}
	if len(orders) != 1 {
		t.Fatalf("got %d orders, want 1", len(orders))
	}
	o := orders[0]
	if o.ID != 100 || o.CustomerID != 20 || o.StatusID != OrderStatusAwaitingFulfillment || o.Status != "Awaiting Fulfillment" {
		t.Errorf("order = id %d customer %d status %d %q", o.ID, o.CustomerID, o.StatusID, o.Status)
	}
	assertDec(t, "SubtotalExTax", o.SubtotalExTax, "336.32")
	assertDec(t, "TotalIncTax", o.TotalIncTax, "361.95")
	if o.Products.Resource != "/orders/100/products" || o.ExternalSource != "POS" || o.ExternalID != "" {
		t.Errorf("products link %+v, external source %q, external id %q", o.Products, o.ExternalSource, o.ExternalID)
	}
	if p := resp.Pagination; p == nil || p.CurrentPage != 1 || p.PerPage != 50 || p.Count != 1 {
		t.Errorf("pagination = %+v", resp.Pagination)
	}
	if filter.Page != 0 || filter.Limit != 50 {
		t.Errorf("List modified the filter: page %d limit %d", filter.Page, filter.Limit)
	}
}

func TestOrdersListNoContent(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/orders", http.StatusNoContent, nil)
	orders, resp, err := c.Orders.List(ctx(t), &OrderFilter{Email: "nobody@example.com"})
	if err != nil {
		t.Fatalf("204 must not be an error: %v", err)
	}
	if len(orders) != 0 || resp == nil || resp.StatusCode != http.StatusNoContent {
		t.Errorf("got %d orders, resp %+v", len(orders), resp)
	}
	if got := rec.last(t).Raw; got != "email=nobody%40example.com" {
		t.Errorf("query = %q", got)
	}
}

func TestOrdersListRejectsBadPaging(t *testing.T) {
	for _, f := range []*OrderFilter{{Limit: MaxPageSize + 1}, {Limit: -1}, {Page: -1}} {
		c, mt := newTestClient(t)
		n := countAll(mt)
		_, resp, err := c.Orders.List(ctx(t), f)
		var verr *ValidationError
		if !errors.As(err, &verr) || resp == nil {
			t.Errorf("List(%+v) = %v, %v; want a *ValidationError and a non-nil Response", f, resp, err)
		}
		if n.Load() != 0 {
			t.Errorf("List(%+v) sent %d requests", f, n.Load())
		}
	}
}

func TestOrdersAll(t *testing.T) {
	tests := []struct {
		name      string
		total     int
		wantMinID []string // min_id of each data request, sorted: All walks by id range
	}{
		{"ends on a short page", 5, []string{"", "3", "5"}},
		// The last window came back full: one more request above the
		// probed highest id tells a page boundary from a stale probe.
		{"exact multiple: last page full, one look above the probed highest id", 6, []string{"", "3", "5", "7"}},
		{"empty store: first page is 204", 0, []string{""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := mockFunc(mt, http.MethodGet, "/v2/orders", orderPages(tt.total))
			mockOrderCount(mt, tt.total)
			filter := &OrderFilter{Limit: 2, Sort: OrderSortIDAsc}
			var ids []int
			for o, err := range c.Orders.All(ctx(t), filter) {
				if err != nil {
					t.Fatal(err)
				}
				ids = append(ids, o.ID)
			}
			if len(ids) != tt.total {
				t.Errorf("got %d orders %v, want %d", len(ids), ids, tt.total)
			}
			for i, id := range ids {
				if id != i+1 {
					t.Fatalf("orders out of order or repeated: %v", ids)
				}
			}
			var pages []string
			for i, r := range dataRequests(rec.all()) {
				if r.Query.Get("limit") != "2" {
					t.Errorf("request query %q lost the filter", r.Raw)
				}
				if (i == 0) != r.Query.Has("page") {
					t.Errorf("request %q: only the first request names a page", r.Raw)
				}
				pages = append(pages, r.Query.Get("min_id"))
			}
			slices.Sort(pages)
			if !slices.Equal(pages, tt.wantMinID) {
				t.Errorf("min_id requested = %v, want %v (%d requests)", pages, tt.wantMinID, rec.count())
			}
			if filter.Page != 0 || filter.Limit != 2 || filter.MinID != 0 {
				t.Errorf("All modified the caller's filter: %+v", filter)
			}
		})
	}
}

func TestOrdersAllDefaultsToMaxPageSize(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v2/orders", orderPages(3))
	mockOrderCount(mt, 3)
	n := 0
	for _, err := range c.Orders.All(ctx(t), nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	data := dataRequests(rec.all())
	if n != 3 || len(data) != 1 {
		t.Errorf("got %d orders in %d requests, want 3 in 1", n, len(data))
	}
	if got := data[0].Raw; got != "limit=250&page=1&sort=id:asc" {
		t.Errorf("query = %q, want limit=250&page=1&sort=id:asc", got)
	}
}

func TestOrdersAllByPageWhenSortedOtherwise(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v2/orders", orderPages(5))
	n := 0
	for _, err := range c.Orders.All(ctx(t), &OrderFilter{Limit: 2, Sort: OrderSortDateCreatedDesc}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	var pages []string
	for _, r := range rec.all() {
		if r.Query.Has("min_id") || r.Query.Get("sort") != "date_created:desc" {
			t.Errorf("query %q: a walk sorted by date must page by number and keep the sort", r.Raw)
		}
		pages = append(pages, r.Query.Get("page"))
	}
	if n != 5 || !slices.Equal(pages, []string{"1", "2", "3"}) {
		t.Errorf("%d orders over pages %v, want 5 over [1 2 3]", n, pages)
	}
}

func TestOrdersAllStopsWhenServerIgnoresIDRange(t *testing.T) {
	c, mt := newTestClient(t)
	full := orderPages(100)
	mockOrderCount(mt, 100)
	mockFunc(mt, http.MethodGet, "/v2/orders", func(r captured) (*http.Response, error) {
		r.Query.Del("min_id") // a server that ignores min_id would repeat page 1 forever
		return full(r)
	})
	var got, errs int
	for _, err := range c.Orders.All(ctx(t), &OrderFilter{Limit: 10}) {
		if err != nil {
			errs++
			if !strings.Contains(err.Error(), "ignored the id range") {
				t.Errorf("err = %v", err)
			}
			continue
		}
		got++
	}
	if got != 10 || errs != 1 {
		t.Errorf("%d orders and %d errors, want 10 then 1 error", got, errs)
	}
}

func TestOrdersAllStopsOnBreakAndYieldsErrorOnce(t *testing.T) {
	t.Run("break", func(t *testing.T) {
		c, mt := newTestClient(t)
		rec := mockFunc(mt, http.MethodGet, "/v2/orders", orderPages(100))
		mockOrderCount(mt, 100)
		for o, err := range c.Orders.All(ctx(t), &OrderFilter{Limit: 2}) {
			if err != nil {
				t.Fatal(err)
			}
			if o.ID == 3 {
				break
			}
		}
		// The first page, the probe, and the windows in flight (4, the
		// default concurrency) when the consumer stopped; no more.
		if sent := rec.count(); sent > 2+DefaultMaxConcurrency {
			t.Errorf("sent %d list requests after a break in the first window, want at most %d", sent, 2+DefaultMaxConcurrency)
		}
	})
	t.Run("error", func(t *testing.T) {
		c, mt := newTestClient(t)
		pages := orderPages(10)
		mockOrderCount(mt, 10)
		mockFunc(mt, http.MethodGet, "/v2/orders", func(r captured) (*http.Response, error) {
			if r.Query.Get("min_id") == "3" {
				return httpmock.NewStringResponse(http.StatusNotFound, `[{"status":404,"message":"gone"}]`), nil
			}
			return pages(r)
		})
		var got, errs int
		for _, err := range c.Orders.All(ctx(t), &OrderFilter{Limit: 2}) {
			if err != nil {
				errs++
				if !errors.Is(err, ErrNotFound) {
					t.Errorf("error = %v, want ErrNotFound", err)
				}
				continue
			}
			got++
		}
		if got != 2 || errs != 1 {
			t.Errorf("got %d orders, %d errors; want 2, 1", got, errs)
		}
	})
}

func TestOrdersGet(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/orders/218", 200, fixture(t, "orders/get.json"))
	o, _, err := c.Orders.Get(ctx(t), 218, nil)
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if req.Method != http.MethodGet || req.Path != "/v2/orders/218" || req.Raw != "" {
		t.Errorf("request = %s %s?%s", req.Method, req.Path, req.Raw)
	}
	assertStandardHeaders(t, req)

	if o.ID != 218 || o.CustomerID != 11 || o.StatusID != OrderStatusAwaitingPayment || o.Status != "Awaiting Payment" {
		t.Errorf("order = %d/%d/%d/%q", o.ID, o.CustomerID, o.StatusID, o.Status)
	}
	wantCreated := time.Date(2019, 3, 5, 21, 40, 11, 0, time.UTC)
	if !o.DateCreated.Equal(wantCreated) {
		t.Errorf("DateCreated = %v, want %v", o.DateCreated, wantCreated)
	}
	if !o.DateShipped.IsZero() {
		t.Errorf(`DateShipped "" = %v, want zero`, o.DateShipped)
	}
	assertDec(t, "SubtotalExTax", o.SubtotalExTax, "62.6793")
	assertDec(t, "TotalIncTax", o.TotalIncTax, "69.84")
	assertDec(t, "BaseShippingCost", o.BaseShippingCost, "12")
	assertDec(t, "CouponDiscount", o.CouponDiscount, "5")
	assertDec(t, "CurrencyExchangeRate", o.CurrencyExchangeRate, "1")
	if o.ItemsTotal != 4 || o.ShippingAddressCount != 1 || o.EbayOrderID != "0" || o.PaymentProviderID != "" {
		t.Errorf("items %d, addresses %d, ebay %q, provider %q", o.ItemsTotal, o.ShippingAddressCount, o.EbayOrderID, o.PaymentProviderID)
	}
	if o.ExternalSource != "" || o.ExternalOrderID != "external-order-id" || o.CustomStatus != "Awaiting Payment" {
		t.Errorf("external source %q, external order id %q, custom status %q", o.ExternalSource, o.ExternalOrderID, o.CustomStatus)
	}
	b := o.BillingAddress
	if b.Zip != "78108" || b.CountryISO2 != "US" || len(b.FormFields) != 1 || string(b.FormFields[0].Value) != `"Leave in backyard"` {
		t.Errorf("billing address = %+v", b)
	}
	if o.Coupons.Resource != "/orders/218/coupons" || !strings.HasSuffix(o.ShippingAddresses.URL, "/v2/orders/218/shippingaddresses") {
		t.Errorf("links = %+v %+v", o.Coupons, o.ShippingAddresses)
	}
	if o.Fees.Link != nil || len(o.Fees.Items) != 2 {
		t.Fatalf("fees = %+v, want 2 items", o.Fees)
	}
	f := o.Fees.Items[1]
	if f.ID != 2 || f.Type != "custom_fee" || f.TaxClassID != nil || *o.Fees.Items[0].TaxClassID != 22 {
		t.Errorf("fee = %+v", f)
	}
	assertDec(t, "fee CostIncTax", f.CostIncTax, "12")
	assertDec(t, "fee CostExTax", f.CostExTax, "4")
	// The spec example misspells the first fee's cost_ex_tax as cost_exc_tax:
	// the field stays zero rather than failing the decode.
	assertDec(t, "fee[0] CostExTax", o.Fees.Items[0].CostExTax, "0")
}

func TestOrderDecodeAwkwardShapes(t *testing.T) {
	var o Order
	if err := json.Unmarshal(fixture(t, "orders/awkward.json"), &o); err != nil {
		t.Fatal(err)
	}
	// Money as numbers, strings and null.
	assertDec(t, "SubtotalExTax (number)", o.SubtotalExTax, "225")
	assertDec(t, "TotalIncTax (number)", o.TotalIncTax, "243.5")
	assertDec(t, "SubtotalTax (string)", o.SubtotalTax, "18.5")
	assertDec(t, "TotalTax (null)", o.TotalTax, "0")
	assertDec(t, "BaseShippingCost (null)", o.BaseShippingCost, "0")
	if got := o.CurrencyExchangeRate.String(); got != "1.2345678901" {
		t.Errorf("10 dp exchange rate = %s", got)
	}
	if got := o.StoreDefaultToTransactionalExchangeRate.String(); got != "0.8100000001" {
		t.Errorf("10 dp numeric exchange rate = %s", got)
	}
	// Dates: RFC 2822, RFC 3339 and "".
	if !o.DateCreated.Equal(time.Date(2012, 11, 20, 0, 0, 0, 0, time.UTC)) || !o.DateModified.Equal(time.Date(2024, 5, 14, 9, 34, 0, 0, time.UTC)) {
		t.Errorf("dates = %v, %v", o.DateCreated, o.DateModified)
	}
	if !o.DateShipped.IsZero() {
		t.Errorf("DateShipped = %v, want zero", o.DateShipped)
	}
	// Ints as strings, floats and null; a numeric payment provider id.
	if o.ItemsTotal != 3 || o.ItemsShipped != 1 || o.ShippingAddressCount != 0 || o.CustomerID != 0 {
		t.Errorf("items %d/%d, addresses %d, customer %d", o.ItemsTotal, o.ItemsShipped, o.ShippingAddressCount, o.CustomerID)
	}
	if o.PaymentProviderID != "4242" || o.StatusID != OrderStatusIncomplete || !o.IsDeleted {
		t.Errorf("provider %q, status %d, deleted %v", o.PaymentProviderID, o.StatusID, o.IsDeleted)
	}
	if o.BillingAddress.Company != "" || string(o.BillingAddress.FormFields[1].Value) != "3" {
		t.Errorf("billing address = %+v", o.BillingAddress)
	}
	// fees without include=fees is a link.
	if o.Fees.Link == nil || o.Fees.Link.Resource != "/orders/301/fees" || o.Fees.Items != nil {
		t.Errorf("fees = %+v", o.Fees)
	}
}

func TestOrderDecodeSpecMultipleItemsExample(t *testing.T) {
	// The spec's second order example has money with 0 or 2 decimals, a key
	// "currency_code\"" (a typo) and credit_card_type {}: it must still decode.
	var o Order
	if err := json.Unmarshal(fixture(t, "orders/get_multiple_items.json"), &o); err != nil {
		t.Fatal(err)
	}
	assertDec(t, "SubtotalIncTax", o.SubtotalIncTax, "1000.74")
	assertDec(t, "BaseShippingCost", o.BaseShippingCost, "8")
	if o.ID != 247 || o.CurrencyCode != "" || o.PaymentStatus != "captured" {
		t.Errorf("id %d, currency %q, payment status %q", o.ID, o.CurrencyCode, o.PaymentStatus)
	}
}

func TestOrderFeesRoundTrip(t *testing.T) {
	for _, in := range []string{`{"url":"u","resource":"/orders/1/fees"}`, `[{"id":1,"type":"custom_fee","display_name_customer":"","display_name_merchant":"","source":"","base_cost":"1","cost_ex_tax":"1","cost_inc_tax":"1","cost_tax":"0","tax_class_id":null}]`, `null`} {
		var f OrderFees
		if err := json.Unmarshal([]byte(in), &f); err != nil {
			t.Fatal(err)
		}
		out, err := json.Marshal(f)
		if err != nil {
			t.Fatal(err)
		}
		assertJSONBody(t, out, in)
	}
}

func TestOrdersGetNotFound(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v2/orders/999", http.StatusNotFound, fixture(t, "orders/error_404.json"))
	o, resp, err := c.Orders.Get(ctx(t), 999, nil)
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	var apiErr *Error
	if !errors.As(err, &apiErr) || apiErr.Title != "The requested resource was not found." || apiErr.Path != "/v2/orders/999" {
		t.Errorf("error = %+v", apiErr)
	}
	if o != nil || resp == nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("order %v, resp %+v", o, resp)
	}
}

func TestOrdersCount(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/orders/count", 200, fixture(t, "orders/count.json"))
	filter := &OrderFilter{ChannelID: 1, CustomerID: Ptr(0), Page: 3, Limit: 10}
	cnt, _, err := c.Orders.CountByStatus(ctx(t), filter)
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if req.Method != http.MethodGet || req.Path != "/v2/orders/count" || req.Raw != "channel_id=1&customer_id=0" {
		t.Errorf("request = %s %s?%s (page and limit must not be sent)", req.Method, req.Path, req.Raw)
	}
	assertStandardHeaders(t, req)
	if filter.Page != 3 {
		t.Error("Count modified the filter")
	}
	if cnt.Count != 133 || len(cnt.Statuses) != 15 {
		t.Fatalf("count = %d with %d statuses", cnt.Count, len(cnt.Statuses))
	}
	s := cnt.Statuses[0]
	if s.ID != OrderStatusIncomplete || s.Name != "Incomplete" || s.CustomLabel != "Incomplete - Testing" || s.Count != 15 || s.SortOrder != 0 {
		t.Errorf("status[0] = %+v", s)
	}
	s = cnt.Statuses[3]
	if s.ID != OrderStatusAwaitingFulfillment || s.Count != 31 || s.SortOrder != 3 || s.SystemLabel != "Awaiting Fulfillment" {
		t.Errorf("status[3] = %+v", s)
	}
	if !strings.HasPrefix(s.SystemDescription, "Customer has completed") {
		t.Errorf("description = %q", s.SystemDescription)
	}
}

func TestOrdersCountNilFilter(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/orders/count", 200, []byte(`{"count":0,"statuses":[]}`))
	cnt, _, err := c.Orders.Count(ctx(t), nil)
	if err != nil || cnt != 0 || rec.last(t).Raw != "" {
		t.Errorf("count %d, err %v, query %q", cnt, err, rec.last(t).Raw)
	}
}

func TestOrdersCreate(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPost, "/v2/orders", 201, fixture(t, "orders/get.json"))
	o, _, err := c.Orders.Create(ctx(t), OrderCreate{
		StatusID:   Ptr(OrderStatusIncomplete),
		CustomerID: Ptr(0),
		BillingAddress: &OrderAddressCreate{
			FirstName: Ptr("Jane"), LastName: Ptr("Doe"), Street1: Ptr("123 Main Street"),
			City: Ptr("Austin"), State: Ptr("Texas"), Zip: Ptr("78751"), Country: Ptr("United States"),
			CountryISO2: Ptr("US"), Email: Ptr("janedoe@example.com"), Company: Ptr(""),
		},
		Products: []OrderProductCreate{
			{ProductID: Ptr(118), VariantID: Ptr(93), Quantity: 1},
			{Name: Ptr("BigCommerce Coffee Mug"), Quantity: 1, PriceIncTax: Ptr(decimal.NewFromInt(50)), PriceExTax: Ptr(decimal.RequireFromString("45.50"))},
			{ProductID: Ptr(184), Quantity: 5, ProductOptions: []OrderProductOptionValue{{ID: 200, Value: "180"}}},
		},
		DateCreated:    &Time{time.Date(2012, 11, 20, 1, 0, 0, 0, time.FixedZone("", 3600))},
		ExternalSource: Ptr("M-MIG"),
		OrderIsDigital: Ptr(false),
	})
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if req.Method != http.MethodPost || req.Path != "/v2/orders" || req.Raw != "" {
		t.Errorf("request = %s %s?%s", req.Method, req.Path, req.Raw)
	}
	assertStandardHeaders(t, req)
	if req.Header.Get("Content-Type") != "application/json" {
		t.Errorf("Content-Type = %q", req.Header.Get("Content-Type"))
	}
	assertJSONBody(t, req.Body, `{
		"status_id": 0,
		"customer_id": 0,
		"billing_address": {"first_name":"Jane","last_name":"Doe","company":"","street_1":"123 Main Street","city":"Austin",
			"state":"Texas","zip":"78751","country":"United States","country_iso2":"US","email":"janedoe@example.com"},
		"products": [
			{"product_id":118,"variant_id":93,"quantity":1},
			{"name":"BigCommerce Coffee Mug","quantity":1,"price_inc_tax":50,"price_ex_tax":45.5},
			{"product_id":184,"quantity":5,"product_options":[{"id":200,"value":"180"}]}
		],
		"date_created": "Tue, 20 Nov 2012 00:00:00 +0000",
		"external_source": "M-MIG",
		"order_is_digital": false
	}`)
	if o.ID != 218 {
		t.Errorf("created order id = %d", o.ID)
	}
}

func TestOrdersCreateWithConsignments(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPost, "/v2/orders", 200, fixture(t, "orders/get.json"))
	_, _, err := c.Orders.Create(ctx(t), OrderCreate{
		BillingAddress: &OrderAddressCreate{Zip: Ptr("78751")},
		Consignments:   json.RawMessage(`{"pickups":[{"pickup_method_id":1}]}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, rec.last(t).Body, `{"billing_address":{"zip":"78751"},"consignments":{"pickups":[{"pickup_method_id":1}]}}`)
}

func TestOrdersCreateValidation(t *testing.T) {
	addr := &OrderAddressCreate{Zip: Ptr("78751")}
	products := []OrderProductCreate{{ProductID: Ptr(1), Quantity: 1}}
	tests := []struct {
		name  string
		order OrderCreate
		want  string
	}{
		{"no billing address", OrderCreate{Products: products}, "BillingAddress"},
		{"no products or consignments", OrderCreate{BillingAddress: addr}, "Products or Consignments"},
		{"both", OrderCreate{BillingAddress: addr, Products: products, Consignments: json.RawMessage(`{"pickups":[]}`)}, "not both"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			n := countAll(mt)
			o, resp, err := c.Orders.Create(ctx(t), tt.order)
			if !errors.Is(err, ErrInvalidRequest) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want a validation error mentioning %q", err, tt.want)
			}
			if o != nil || resp == nil || n.Load() != 0 {
				t.Errorf("order %v, resp %v, %d requests sent", o, resp, n.Load())
			}
		})
	}
}

func TestOrdersUpdate(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPut, "/v2/orders/218", 200, fixture(t, "orders/get.json"))
	o, _, err := c.Orders.Update(ctx(t), 218, OrderUpdate{
		Products: []OrderProductUpdate{
			{ID: Ptr(117), ProductID: Ptr(123), Quantity: Ptr(0)},
			{Name: Ptr("Poster"), Quantity: Ptr(1), PriceIncTax: Ptr(decimal.RequireFromString("10.98")), PriceExTax: Ptr(decimal.NewFromInt(10))},
		},
		StaffNotes:     Ptr(""),
		DiscountAmount: Ptr(decimal.Zero),
		Fees:           []OrderFeeCreate{{ID: Ptr(1), Type: "custom_fee", CostExTax: Ptr(decimal.RequireFromString("12.3")), TaxClassID: Ptr(0)}},
	})
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	if req.Method != http.MethodPut || req.Path != "/v2/orders/218" {
		t.Errorf("request = %s %s", req.Method, req.Path)
	}
	assertStandardHeaders(t, req)
	assertJSONBody(t, req.Body, `{
		"products": [
			{"id":117,"product_id":123,"quantity":0},
			{"name":"Poster","quantity":1,"price_inc_tax":10.98,"price_ex_tax":10}
		],
		"fees": [{"id":1,"type":"custom_fee","cost_ex_tax":"12.3","tax_class_id":0}],
		"staff_notes": "",
		"discount_amount": "0"
	}`)
	if o.ID != 218 {
		t.Errorf("order id = %d", o.ID)
	}
}

func TestOrdersUpdateStatus(t *testing.T) {
	for _, status := range []OrderStatusID{OrderStatusIncomplete, OrderStatusShipped, OrderStatusPartiallyRefunded} {
		c, mt := newTestClient(t)
		rec := mockJSON(mt, http.MethodPut, "/v2/orders/7", 200, []byte(`{"id":7,"status_id":`+strconv.Itoa(int(status))+`}`))
		o, _, err := c.Orders.UpdateStatus(ctx(t), 7, status)
		if err != nil {
			t.Fatal(err)
		}
		req := rec.last(t)
		assertStandardHeaders(t, req)
		if req.Method != http.MethodPut || req.Path != "/v2/orders/7" {
			t.Errorf("request = %s %s", req.Method, req.Path)
		}
		if want := `{"status_id":` + strconv.Itoa(int(status)) + `}`; string(req.Body) != want {
			t.Errorf("body = %s, want exactly %s", req.Body, want)
		}
		if o.StatusID != status {
			t.Errorf("returned status = %d", o.StatusID)
		}
	}
	c, mt := newTestClient(t)
	n := countAll(mt)
	if _, _, err := c.Orders.UpdateStatus(ctx(t), 7, -1); !errors.Is(err, ErrInvalidRequest) || n.Load() != 0 {
		t.Errorf("status -1: err %v, %d requests", err, n.Load())
	}
}

func TestOrdersArchive(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodDelete, "/v2/orders/5", http.StatusNoContent, nil)
	collection := mockJSON(mt, http.MethodDelete, "/v2/orders", http.StatusNoContent, nil)
	resp, err := c.Orders.Archive(ctx(t), 5)
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodDelete || req.Path != "/v2/orders/5" || len(req.Body) != 0 || req.Raw != "" {
		t.Errorf("request = %s %s?%s body %q", req.Method, req.Path, req.Raw, req.Body)
	}
	if resp.StatusCode != http.StatusNoContent {
		t.Errorf("status = %d", resp.StatusCode)
	}
	if collection.count() != 0 {
		t.Error("DELETE /v2/orders (archive everything) was sent")
	}
}

func TestOrdersRejectBadIDsWithoutSending(t *testing.T) {
	calls := map[string]func(c *Client, id, sub int) (*Response, error){
		"Get": func(c *Client, id, _ int) (*Response, error) {
			_, r, err := c.Orders.Get(t.Context(), id, nil)
			return r, err
		},
		"Update": func(c *Client, id, _ int) (*Response, error) {
			_, r, err := c.Orders.Update(t.Context(), id, OrderUpdate{StaffNotes: Ptr("x")})
			return r, err
		},
		"UpdateStatus": func(c *Client, id, _ int) (*Response, error) {
			_, r, err := c.Orders.UpdateStatus(t.Context(), id, OrderStatusShipped)
			return r, err
		},
		"Archive": func(c *Client, id, _ int) (*Response, error) { return c.Orders.Archive(t.Context(), id) },
		"ListProducts": func(c *Client, id, _ int) (*Response, error) {
			_, r, err := c.Orders.ListProducts(t.Context(), id, nil)
			return r, err
		},
		"ListShippingAddresses": func(c *Client, id, _ int) (*Response, error) {
			_, r, err := c.Orders.ListShippingAddresses(t.Context(), id, nil)
			return r, err
		},
		"ListShipments": func(c *Client, id, _ int) (*Response, error) {
			_, r, err := c.Orders.ListShipments(t.Context(), id, nil)
			return r, err
		},
		"GetShipment": func(c *Client, id, sub int) (*Response, error) {
			_, r, err := c.Orders.GetShipment(t.Context(), id, sub)
			return r, err
		},
		"CreateShipment": func(c *Client, id, sub int) (*Response, error) {
			_, r, err := c.Orders.CreateShipment(t.Context(), id, ShipmentCreate{OrderAddressID: sub, Items: []ShipmentItem{{OrderProductID: 1, Quantity: 1}}})
			return r, err
		},
		"UpdateShipment": func(c *Client, id, sub int) (*Response, error) {
			_, r, err := c.Orders.UpdateShipment(t.Context(), id, sub, ShipmentUpdate{})
			return r, err
		},
		"DeleteShipment": func(c *Client, id, sub int) (*Response, error) {
			return c.Orders.DeleteShipment(t.Context(), id, sub)
		},
		"ListTransactions": func(c *Client, id, _ int) (*Response, error) {
			_, r, err := c.Orders.ListTransactions(t.Context(), id)
			return r, err
		},
	}
	for name, call := range calls {
		for _, ids := range [][2]int{{0, 1}, {-3, 1}, {1, 0}} {
			if ids[1] == 0 && !strings.Contains(name, "Shipment") || name == "ListShipments" && ids[1] == 0 {
				continue // the second id only matters for single-shipment calls
			}
			c, mt := newTestClient(t)
			n := countAll(mt)
			resp, err := call(c, ids[0], ids[1])
			var verr *ValidationError
			if !errors.As(err, &verr) || !errors.Is(err, ErrInvalidRequest) {
				t.Errorf("%s%v: err = %v, want *ValidationError", name, ids, err)
			}
			if resp == nil {
				t.Errorf("%s%v: nil *Response", name, ids)
			}
			if n.Load() != 0 {
				t.Errorf("%s%v: %d requests sent", name, ids, n.Load())
			}
		}
	}
}

func TestOrdersListProducts(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/orders/149/products", 200, fixture(t, "orders/products.json"))
	items, resp, err := c.Orders.ListProducts(ctx(t), 149, &ListOptions{Page: 2, Limit: 25})
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodGet || req.Path != "/v2/orders/149/products" || req.Raw != "limit=25&page=2" {
		t.Errorf("request = %s %s?%s", req.Method, req.Path, req.Raw)
	}
	if resp.Pagination.CurrentPage != 2 {
		t.Errorf("pagination = %+v", resp.Pagination)
	}
	if len(items) != 2 {
		t.Fatalf("got %d items", len(items))
	}
	p := items[0]
	if p.ID != 65 || p.OrderID != 149 || p.ProductID != 77 || p.OrderAddressID != 51 || p.SKU != "S-ORAN" || p.UPC != "1234567891112" || p.Type != "physical" {
		t.Errorf("item = %+v", p)
	}
	assertDec(t, "PriceIncTax", p.PriceIncTax, "65.23")
	assertDec(t, "Weight (string)", p.Weight, "1")
	assertDec(t, "FixedShippingCost", p.FixedShippingCost, "5")
	assertDec(t, "DiscountedTotalIncTax", p.DiscountedTotalIncTax, "63.64")
	if p.Quantity != 1 || p.OptionSetID != 19 || p.ParentOrderProductID != 0 || p.GiftCertificateID != 0 {
		t.Errorf("quantity %d option set %d parent %d", p.Quantity, p.OptionSetID, p.ParentOrderProductID)
	}
	if len(p.AppliedDiscounts) != 1 || p.AppliedDiscounts[0].Code != "" || p.AppliedDiscounts[0].Target != "order" {
		t.Errorf("discounts = %+v", p.AppliedDiscounts)
	}
	assertDec(t, "discount amount", p.AppliedDiscounts[0].Amount, "1.59")
	if len(p.ProductOptions) != 5 || p.ProductOptions[1].DisplayValue != "Orange" || p.ProductOptions[0].ProductOptionID != 120 || p.ProductOptions[4].Type != "Product Pick List" {
		t.Errorf("options = %+v", p.ProductOptions)
	}
	if b := items[1]; b.ParentOrderProductID != 65 || !b.IsBundledProduct || !b.EventDate.IsZero() || b.BinPickingNumber != "BIN" {
		t.Errorf("bundled item = %+v", b)
	}
}

func TestOrderProductNumericWeight(t *testing.T) {
	var p OrderProduct
	in := `{"id":1,"weight":1.5,"base_wrapping_cost":2,"quantity_shipped":"2","event_date":"Tue, 20 Nov 2012 00:00:00 +0000"}`
	if err := json.Unmarshal([]byte(in), &p); err != nil {
		t.Fatal(err)
	}
	assertDec(t, "Weight", p.Weight, "1.5")
	assertDec(t, "BaseWrappingCost", p.BaseWrappingCost, "2")
	if p.QuantityShipped != 2 || p.EventDate.Year() != 2012 {
		t.Errorf("quantity shipped %d, event date %v", p.QuantityShipped, p.EventDate)
	}
}

func TestOrdersAllProducts(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v2/orders/9/products", func(r captured) (*http.Response, error) {
		switch r.Query.Get("page") {
		case "1":
			return httpmock.NewStringResponse(200, `[{"id":1},{"id":2}]`), nil
		case "2":
			return httpmock.NewStringResponse(200, `[{"id":3}]`), nil
		}
		return httpmock.NewStringResponse(500, "unexpected page"), nil
	})
	opts := &ListOptions{Limit: 2}
	var ids []int
	for p, err := range c.Orders.AllProducts(ctx(t), 9, opts) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, p.ID)
	}
	if !slices.Equal(ids, []int{1, 2, 3}) || rec.count() != 2 {
		t.Errorf("ids %v in %d requests, want [1 2 3] in 2", ids, rec.count())
	}
	if got := rec.all()[1].Raw; got != "limit=2&page=2" {
		t.Errorf("second request query = %q", got)
	}
	if opts.Page != 0 {
		t.Error("AllProducts modified the options")
	}
}

func TestOrdersListShippingAddresses(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/orders/229/shipping_addresses", 200, fixture(t, "orders/shipping_addresses.json"))
	addrs, _, err := c.Orders.ListShippingAddresses(ctx(t), 229, nil)
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodGet || req.Path != "/v2/orders/229/shipping_addresses" || req.Raw != "" {
		t.Errorf("request = %s %s?%s", req.Method, req.Path, req.Raw)
	}
	if len(addrs) != 2 {
		t.Fatalf("got %d addresses", len(addrs))
	}
	a := addrs[0]
	if a.ID != 132 || a.OrderID != 229 || a.Street1 != "666 Sussex St" || a.Zip != "78251" || a.CountryISO2 != "US" || a.ItemsTotal != 2 || a.ItemsShipped != 2 {
		t.Errorf("address = %+v", a)
	}
	assertDec(t, "BaseCost", a.BaseCost, "12.99")
	assertDec(t, "CostTax", a.CostTax, "0.99")
	if a.ShippingZoneID != 1 || a.ShippingZoneName != "United States -1" || a.ShippingQuotes.Resource != "/orders/229/shippingaddresses/132/shippingquotes" {
		t.Errorf("zone %d %q, quotes %+v", a.ShippingZoneID, a.ShippingZoneName, a.ShippingQuotes)
	}
}

func TestOrdersListShipments(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/orders/225/shipments", 200, fixture(t, "orders/shipments.json"))
	ships, _, err := c.Orders.ListShipments(ctx(t), 225, &ListOptions{Limit: 250})
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodGet || req.Path != "/v2/orders/225/shipments" || req.Raw != "limit=250" {
		t.Errorf("request = %s %s?%s", req.Method, req.Path, req.Raw)
	}
	if len(ships) != 2 {
		t.Fatalf("got %d shipments", len(ships))
	}
	s := ships[1]
	if s.ID != 7 || s.OrderAddressID != 128 || s.TrackingNumber != "EJ958083578UK" || s.ShippingProvider != "usps" || s.ShippingProviderDisplayName != "USPS" {
		t.Errorf("shipment = %+v", s)
	}
	if !s.DateCreated.Equal(time.Date(2019, 3, 11, 17, 22, 31, 0, time.UTC)) {
		t.Errorf("DateCreated = %v", s.DateCreated)
	}
	if len(s.Items) != 1 || s.Items[0] != (ShipmentItem{OrderProductID: 189, Quantity: 1}) {
		t.Errorf("items = %+v", s.Items)
	}
	if s.ShippingAddress.Street1 != "555 Main Street" || s.BillingAddress.LastName != "Does" {
		t.Errorf("addresses = %+v / %+v", s.ShippingAddress, s.BillingAddress)
	}
}

func TestOrdersListShipmentsNoContent(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v2/orders/225/shipments", http.StatusNoContent, nil)
	ships, resp, err := c.Orders.ListShipments(ctx(t), 225, nil)
	if err != nil || len(ships) != 0 || resp.StatusCode != http.StatusNoContent {
		t.Errorf("shipments %v, resp %v, err %v", ships, resp, err)
	}
}

func TestOrdersGetShipment(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/orders/228/shipments/11", 200, fixture(t, "orders/shipment.json"))
	s, _, err := c.Orders.GetShipment(ctx(t), 228, 11)
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodGet || req.Path != "/v2/orders/228/shipments/11" {
		t.Errorf("request = %s %s", req.Method, req.Path)
	}
	if s.ID != 11 || s.OrderID != 228 || s.CustomerID != 11 || len(s.Items) != 2 || s.Items[1].OrderProductID != 195 || s.Comments != "Ready to go..." {
		t.Errorf("shipment = %+v", s)
	}
	assertDec(t, "MerchantShippingCost", s.MerchantShippingCost, "0")
	if !strings.HasPrefix(s.GeneratedTrackingLink, "http://trkcnfrm1.smi.usps.com/") {
		t.Errorf("generated link = %q", s.GeneratedTrackingLink)
	}
}

func TestOrdersCreateShipment(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPost, "/v2/orders/228/shipments", http.StatusCreated, fixture(t, "orders/shipment.json"))
	s, resp, err := c.Orders.CreateShipment(ctx(t), 228, ShipmentCreate{
		OrderAddressID:   131,
		Items:            []ShipmentItem{{OrderProductID: 194, Quantity: 1}, {OrderProductID: 195, Quantity: 1}},
		TrackingNumber:   Ptr("EJ958083578US"),
		ShippingProvider: Ptr("usps"),
		TrackingCarrier:  Ptr(""),
		Comments:         Ptr("Ready to go..."),
	})
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodPost || req.Path != "/v2/orders/228/shipments" {
		t.Errorf("request = %s %s", req.Method, req.Path)
	}
	assertJSONBody(t, req.Body, `{
		"order_address_id": 131,
		"items": [{"order_product_id":194,"quantity":1},{"order_product_id":195,"quantity":1}],
		"tracking_number": "EJ958083578US",
		"shipping_provider": "usps",
		"tracking_carrier": "",
		"comments": "Ready to go..."
	}`)
	if resp.StatusCode != http.StatusCreated || s.ID != 11 {
		t.Errorf("status %d, shipment id %d", resp.StatusCode, s.ID)
	}
}

func TestOrdersCreateShipmentValidation(t *testing.T) {
	tests := map[string]ShipmentCreate{
		"no address":     {Items: []ShipmentItem{{OrderProductID: 1, Quantity: 1}}},
		"no items":       {OrderAddressID: 1},
		"zero quantity":  {OrderAddressID: 1, Items: []ShipmentItem{{OrderProductID: 1}}},
		"no product id":  {OrderAddressID: 1, Items: []ShipmentItem{{Quantity: 1}}},
		"negative items": {OrderAddressID: 1, Items: []ShipmentItem{{OrderProductID: 1, Quantity: -2}}},
	}
	for name, sc := range tests {
		c, mt := newTestClient(t)
		n := countAll(mt)
		if _, _, err := c.Orders.CreateShipment(ctx(t), 1, sc); !errors.Is(err, ErrInvalidRequest) || n.Load() != 0 {
			t.Errorf("%s: err %v, %d requests", name, err, n.Load())
		}
	}
}

func TestOrdersUpdateShipment(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPut, "/v2/orders/228/shipments/11", 200, fixture(t, "orders/shipment.json"))
	s, _, err := c.Orders.UpdateShipment(ctx(t), 228, 11, ShipmentUpdate{
		TrackingNumber:       Ptr("EJ958083578US"),
		MerchantShippingCost: Ptr(decimal.RequireFromString("1.0000")),
		OrderAddressID:       Ptr(1),
		ShippingProvider:     Ptr("fedex"),
		Comments:             Ptr(""),
	})
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodPut || req.Path != "/v2/orders/228/shipments/11" {
		t.Errorf("request = %s %s", req.Method, req.Path)
	}
	assertJSONBody(t, req.Body, `{"tracking_number":"EJ958083578US","merchant_shipping_cost":"1","order_address_id":1,"shipping_provider":"fedex","comments":""}`)
	if s.ID != 11 {
		t.Errorf("shipment id = %d", s.ID)
	}
}

func TestOrdersDeleteShipment(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodDelete, "/v2/orders/228/shipments/11", http.StatusNoContent, nil)
	all := mockJSON(mt, http.MethodDelete, "/v2/orders/228/shipments", http.StatusNoContent, nil)
	resp, err := c.Orders.DeleteShipment(ctx(t), 228, 11)
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodDelete || req.Path != "/v2/orders/228/shipments/11" || len(req.Body) != 0 {
		t.Errorf("request = %s %s %q", req.Method, req.Path, req.Body)
	}
	if resp.StatusCode != http.StatusNoContent || all.count() != 0 {
		t.Errorf("status %d, collection deletes %d", resp.StatusCode, all.count())
	}
}

func TestOrdersListStatuses(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/order_statuses", 200, fixture(t, "orders/statuses.json"))
	statuses, _, err := c.Orders.ListStatuses(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodGet || req.Path != "/v2/order_statuses" || req.Raw != "" {
		t.Errorf("request = %s %s?%s", req.Method, req.Path, req.Raw)
	}
	if len(statuses) != 15 {
		t.Fatalf("got %d statuses", len(statuses))
	}
	for i, s := range statuses {
		if s.ID != OrderStatusID(i) || s.SystemLabel != s.ID.String() {
			t.Errorf("status %d = %+v, String() %q", i, s, s.ID.String())
		}
	}
	if s := statuses[10]; s.CustomLabel != "Completed - Testing" || s.Order != 7 {
		t.Errorf("status 10 = %+v", s)
	}
}

func TestOrdersListTransactions(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/orders/7/transactions", 200, fixture(t, "orders/transactions.json"))
	txs, resp, err := c.Orders.ListTransactions(ctx(t), 7)
	if err != nil {
		t.Fatal(err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodGet || req.Path != "/v3/orders/7/transactions" || req.Raw != "" {
		t.Errorf("request = %s %s?%s", req.Method, req.Path, req.Raw)
	}
	if len(txs) != 1 {
		t.Fatalf("got %d transactions", len(txs))
	}
	tx := txs[0]
	assertDec(t, "Amount (number)", tx.Amount, "3.4")
	if tx.OrderID != "string" || tx.Event != "purchase" || tx.Method != "credit_card" || tx.Gateway != "2checkout" || !tx.Test || tx.Status != "ok" {
		t.Errorf("transaction = %+v", tx)
	}
	if !tx.DateCreated.Equal(time.Date(2019, 8, 24, 14, 15, 22, 0, time.UTC)) {
		t.Errorf("DateCreated = %v", tx.DateCreated)
	}
	if tx.CreditCard == nil || tx.CreditCard.CardType != "alelo" || tx.CreditCard.CardExpiryMonth != 1 {
		t.Errorf("credit card = %+v", tx.CreditCard)
	}
	if tx.AVSResult == nil || tx.AVSResult.PostalMatch != "string" || tx.CVVResult == nil || tx.Offline == nil || tx.Custom == nil {
		t.Errorf("avs %+v cvv %+v offline %+v custom %+v", tx.AVSResult, tx.CVVResult, tx.Offline, tx.Custom)
	}
	if tx.GiftCertificate == nil || tx.GiftCertificate.Code != "MB345" || tx.CustomProviderFieldResult != nil || tx.ProviderCustomerID != "" {
		t.Errorf("gift certificate %+v, provider fields %+v", tx.GiftCertificate, tx.CustomProviderFieldResult)
	}
	assertDec(t, "gift certificate remaining", tx.GiftCertificate.RemainingBalance, "35.42")
	assertDec(t, "store credit remaining", tx.StoreCredit.RemainingBalance, "35.42")
	if resp.Pagination == nil || resp.Pagination.Links.Current != "?page=1&limit=50" {
		t.Errorf("pagination = %+v", resp.Pagination)
	}
}

func TestOrdersListTransactionsNoContent(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v3/orders/7/transactions", http.StatusNoContent, nil)
	txs, resp, err := c.Orders.ListTransactions(ctx(t), 7)
	if err != nil {
		t.Fatalf("204 must not be an error: %v", err)
	}
	if txs == nil || len(txs) != 0 || resp.StatusCode != http.StatusNoContent {
		t.Errorf("transactions %#v, status %d; want a non-nil empty slice", txs, resp.StatusCode)
	}
}
