package bigcommerce

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
	"github.com/shopspring/decimal"
)

// The spec's four orderConsignment_Get examples, as sent without
// consignments.line_items: links instead of line items, a single link object
// (not an array) for downloads and gift certificates.
func TestOrderConsignmentsSpecExamples(t *testing.T) {
	var examples map[string]json.RawMessage
	if err := json.Unmarshal(fixture(t, "orders/consignments_spec_examples.json"), &examples); err != nil {
		t.Fatal(err)
	}
	decode := func(name string) *OrderConsignments {
		t.Helper()
		raw, ok := examples[name]
		if !ok {
			t.Fatalf("no example %q", name)
		}
		var c OrderConsignments
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		return &c
	}
	const link = "/orders/129/products/12"

	c := decode("order with pickup consignments")
	if len(c.Pickups) != 1 || len(c.Shipping)+len(c.Downloads)+len(c.Email.GiftCertificates) != 0 {
		t.Fatalf("pickup example: %+v", c)
	}
	p := c.Pickups[0]
	if p.ID != 99 || p.PickupMethodID != 1 || p.PickupMethodDisplayName != "Pick Up" || p.CollectionTimeDescription != "9am - 6pm" ||
		p.Location.ID != 1 || p.Location.Code != "LOCATION-1" || p.Location.AddressLine2 != "Suite 101" ||
		p.Location.PostalCode != "78726" || p.Location.CountryAlpha2 != "US" {
		t.Errorf("pickup consignment %+v", p)
	}
	if p.LineItems.Items != nil || len(p.LineItems.Links) != 1 || p.LineItems.Links[0].Resource != link {
		t.Errorf("pickup line_items %+v, want one link", p.LineItems)
	}

	c = decode("order with shipping consignments")
	s := c.Shipping[0]
	money := func(v string) decimal.Decimal { return decimal.RequireFromString(v) }
	if s.ID != 99 || s.FirstName != "Jane" || s.Zip != "12345" || s.CountryISO2 != "US" || s.ShippingMethod != "Free Shipping" ||
		len(s.FormFields) != 1 || s.FormFields[0].Name != "License Id" || s.ItemsTotal != 1 || s.ShippingZoneID != 1 ||
		!s.BaseCost.Equal(money("5.1")) || !s.CostIncTax.Equal(money("6.2")) || !s.HandlingCostTax.Equal(money("1.2")) ||
		s.CostTaxClassID != 2 || s.ShippingQuotes.Resource != "/orders/163/consignments/shipping/64/shipping_quotes" {
		t.Errorf("shipping consignment %+v", s)
	}
	if len(s.LineItems.Links) != 1 || s.LineItems.Links[0].Resource != link {
		t.Errorf("shipping line_items %+v", s.LineItems)
	}

	c = decode("order with digital consignments")
	if len(c.Downloads) != 1 || c.Downloads[0].RecipientEmail != "recipient@email.com" ||
		len(c.Downloads[0].LineItems.Links) != 1 || c.Downloads[0].LineItems.Links[0].Resource != link {
		t.Errorf("digital example (a single link object): %+v", c.Downloads)
	}

	c = decode("order with gift certificate consignments")
	if g := c.Email.GiftCertificates; len(g) != 1 || len(g[0].LineItems.Links) != 1 || g[0].LineItems.Links[0].Resource != link {
		t.Errorf("gift certificate example (a single link object): %+v", g)
	}

	// An order carrying any of them was read without the line items.
	for name := range examples {
		o := Order{ID: 129, Consignments: decode(name)}
		if o.LineItemsIncluded() || o.LineItems() != nil || !errors.Is(o.CheckLineItems(), ErrLineItemsNotIncluded) {
			t.Errorf("%s: included %v, line items %v, check %v: want not included", name, o.LineItemsIncluded(), o.LineItems(), o.CheckLineItems())
		}
	}
}

func TestOrderConsignmentsShapes(t *testing.T) {
	tests := []struct {
		name     string
		json     string
		nilField bool
		link     string
		legacy   bool
	}{
		{"absent", `{"id":1}`, true, "", false},
		{"null", `{"id":1,"consignments":null}`, true, "", false},
		{"link without the include", `{"id":1,"consignments":{"url":"https://api.bigcommerce.com/stores/abc/v2/orders/1/consignments","resource":"/orders/1/consignments"}}`, false, "/orders/1/consignments", false},
		{"legacy array structure", `{"id":1,"consignments":[{"id":"65c53b429a0ab"}]}`, false, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var o Order
			if err := json.Unmarshal([]byte(tt.json), &o); err != nil {
				t.Fatal(err)
			}
			if (o.Consignments == nil) != tt.nilField {
				t.Fatalf("Consignments = %+v", o.Consignments)
			}
			if tt.link != "" && (o.Consignments.Link == nil || o.Consignments.Link.Resource != tt.link) {
				t.Errorf("Link = %+v, want %s", o.Consignments.Link, tt.link)
			}
			if tt.legacy && o.Consignments.Legacy == nil {
				t.Error("legacy structure not kept")
			}
			if o.LineItems() != nil || !errors.Is(o.CheckLineItems(), ErrLineItemsNotIncluded) {
				t.Errorf("line items %v, check %v: want nil and ErrLineItemsNotIncluded", o.LineItems(), o.CheckLineItems())
			}
			// Written back in the shape it was read.
			b, err := json.Marshal(o)
			if err != nil {
				t.Fatal(err)
			}
			var back Order
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatal(err)
			}
			if (back.Consignments == nil) != tt.nilField || (tt.link != "" && back.Consignments.Link.Resource != tt.link) {
				t.Errorf("round trip: %s", b)
			}
		})
	}
	for _, bad := range []string{`{"shipping":[{"line_items":"x"}]}`, `{"shipping":[{"line_items":[1]}]}`, `{"pickups":{}}`} {
		var c OrderConsignments
		if err := json.Unmarshal([]byte(bad), &c); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestOrdersGetWithLineItems(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/orders/218", 200, fixture(t, "orders/get_with_line_items.json"))
	o, _, err := c.Orders.GetWithOptions(ctx(t), 218, &OrderGetOptions{Include: StringList{OrderIncludeConsignmentsLineItems}})
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.last(t).Raw; got != "consignment_structure=object&include=consignments.line_items" {
		t.Errorf("query %q", got)
	}
	if !o.LineItemsIncluded() || o.CheckLineItems() != nil {
		t.Fatalf("included %v, check %v", o.LineItemsIncluded(), o.CheckLineItems())
	}
	items := o.LineItems()
	// Product 66 is in the pickup consignment, 65 in the shipping one: the
	// result is sorted by id.
	if ids := lineIDs(items); !slices.Equal(ids, []int{65, 66}) {
		t.Fatalf("line item ids %v, want [65 66]", ids)
	}
	if items[0].OrderID != 218 || items[0].SKU != "S-ORAN" || !items[0].PriceIncTax.Equal(decimal.RequireFromString("65.23")) {
		t.Errorf("line item %+v", items[0])
	}
	if sh := o.Consignments.Shipping[0]; sh.ShippingMethod != "Free Shipping" || !sh.CostExTax.Equal(decimal.RequireFromString("5.1")) {
		t.Errorf("shipping consignment %+v", sh)
	}
	// No request for what the order already holds.
	n := rec.count()
	got, err := c.Orders.CompleteLineItems(ctx(t), o)
	if err != nil || !slices.Equal(lineIDs(got), []int{65, 66}) || rec.count() != n {
		t.Errorf("CompleteLineItems = %v, %v after %d more requests", lineIDs(got), err, rec.count()-n)
	}
	// The caller's options are not modified; plain Get sends no include.
	opts := &OrderGetOptions{Include: StringList{OrderIncludeFees}}
	if _, _, err := c.Orders.GetWithOptions(ctx(t), 218, opts); err != nil {
		t.Fatal(err)
	}
	if got := rec.last(t).Raw; got != "include=fees" || opts.ConsignmentStructure != "" {
		t.Errorf("query %q, options %+v", got, opts)
	}
	if _, _, err := c.Orders.Get(ctx(t), 218); err != nil || rec.last(t).Raw != "" {
		t.Errorf("Get: %v, query %q", err, rec.last(t).Raw)
	}
	// JSON round trip keeps the line items.
	b, _ := json.Marshal(o)
	var back Order
	if err := json.Unmarshal(b, &back); err != nil || !slices.Equal(lineIDs(back.LineItems()), []int{65, 66}) {
		t.Errorf("round trip: %v, %v", err, lineIDs(back.LineItems()))
	}
}

func TestOrdersTruncatedLineItemsAreReported(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v2/orders", 200, []byte("["+string(fixture(t, "orders/get_with_truncated_line_items.json"))+"]"))
	products := mockJSON(mt, http.MethodGet, "/v2/orders/218/products", 200, fixture(t, "orders/products.json"))
	list, _, err := c.Orders.List(ctx(t), (&OrderFilter{}).IncludeLineItems())
	if err != nil {
		t.Fatal(err)
	}
	o := list[0]
	var trunc *LineItemsTruncatedError
	if err := o.CheckLineItems(); !errors.As(err, &trunc) || trunc.OrderID != 218 || len(trunc.Warnings) != 1 ||
		!strings.Contains(trunc.Warnings[0], "only 50 are included") || !strings.Contains(err.Error(), "CompleteLineItems") {
		t.Fatalf("CheckLineItems = %v", err)
	}
	if w := o.Consignments.Warnings(); len(w) != 1 {
		t.Errorf("Warnings = %v", w)
	}
	// LineItems still gives what was sent; CompleteLineItems fetches all.
	if len(o.LineItems()) != 2 {
		t.Errorf("LineItems = %v", lineIDs(o.LineItems()))
	}
	got, err := c.Orders.CompleteLineItems(ctx(t), &o)
	if err != nil || len(got) != 2 || products.count() != 1 {
		t.Errorf("CompleteLineItems = %v, %v with %d product requests", lineIDs(got), err, products.count())
	}
	b, _ := json.Marshal(o)
	if !bytes.Contains(b, []byte(`"__warning__":{"message":"Not all line items`)) {
		t.Errorf("the warning is lost when the order is written back: %s", b)
	}
}

func TestOrdersListSendsConsignmentStructure(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/orders", 200, []byte("[]"))
	tests := []struct {
		name   string
		filter *OrderFilter
		want   string
	}{
		{"contract form", &OrderFilter{Include: StringList{OrderIncludeConsignmentsLineItems}},
			"consignment_structure=object&include=consignments.line_items"},
		{"shorthand", (&OrderFilter{Limit: 10}).IncludeLineItems().IncludeLineItems(),
			"consignment_structure=object&include=consignments.line_items&limit=10"},
		{"consignments only", &OrderFilter{Include: StringList{OrderIncludeFees, OrderIncludeConsignments}},
			"consignment_structure=object&include=fees,consignments"},
		{"fees only", &OrderFilter{Include: StringList{OrderIncludeFees}}, "include=fees"},
		{"shorthand on nil", (*OrderFilter)(nil).IncludeLineItems(),
			"consignment_structure=object&include=consignments.line_items"},
		{"already object", &OrderFilter{Include: StringList{OrderIncludeConsignmentsLineItems}, ConsignmentStructure: "object"},
			"consignment_structure=object&include=consignments.line_items"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := *tt.filter
			if _, _, err := c.Orders.List(ctx(t), tt.filter); err != nil {
				t.Fatal(err)
			}
			if got := rec.last(t).Raw; got != tt.want {
				t.Errorf("query\n got %s\nwant %s", got, tt.want)
			}
			if tt.filter.ConsignmentStructure != before.ConsignmentStructure {
				t.Error("the caller's filter was modified")
			}
		})
	}
	n := rec.count()
	_, _, err := c.Orders.List(ctx(t), &OrderFilter{Include: StringList{OrderIncludeConsignments}, ConsignmentStructure: "array"})
	assertValidation(t, err, "ConsignmentStructure", "object")
	_, _, err = c.Orders.GetWithOptions(ctx(t), 1, &OrderGetOptions{ConsignmentStructure: "array"})
	assertValidation(t, err, "ConsignmentStructure")
	if rec.count() != n {
		t.Error("a refused filter was sent")
	}
}

func lineIDs(items []OrderProduct) []int {
	ids := make([]int, len(items))
	for i, p := range items {
		ids[i] = p.ID
	}
	return ids
}

// postOrders creates n orders in the fake store through its HTTP API, order
// i with lines(i) custom line items, and returns how many line items each
// order id got.
func postOrders(t testing.TB, store *bigcommercetest.Store, n int, lines func(i int) int) map[int]int {
	t.Helper()
	hc := &http.Client{Transport: store.Transport()}
	out := map[int]int{}
	for i := range n {
		var products []map[string]any
		for j := range lines(i) {
			products = append(products, map[string]any{"name": fmt.Sprintf("Item %d-%d", i, j), "quantity": 1 + j%3, "price_inc_tax": 10 + j})
		}
		body, _ := json.Marshal(map[string]any{"billing_address": map[string]any{"first_name": "Ann", "zip": "78751", "email": "ann@example.com"}, "products": products})
		req, _ := http.NewRequest(http.MethodPost, "http://fakestore.test/stores/"+fakeHash+"/v2/orders", bytes.NewReader(body))
		req.Header.Set("X-Auth-Token", "fake-token")
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/json")
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var o struct {
			ID int `json:"id"`
		}
		if resp.StatusCode != http.StatusCreated || json.Unmarshal(b, &o) != nil {
			t.Fatalf("creating order %d: %d %s", i, resp.StatusCode, b)
		}
		out[o.ID] = len(products)
	}
	return out
}

// An export of 1,000 orders with 1-5 line items each, with the line items
// inline, takes a handful of list requests, not one per order.
func TestOrdersAllWithLineItemsRequests(t *testing.T) {
	c, store := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000}, bigcommercetest.SeedOptions{Seed: 1})
	r := rand.New(rand.NewPCG(1, 2))
	want := postOrders(t, store, 1000, func(int) int { return 1 + r.IntN(5) })
	mark := logMark(store)

	filter := &OrderFilter{Include: StringList{OrderIncludeConsignmentsLineItems}}
	orders := walkAll(t, c.Orders.All(ctx(t), filter))
	if len(orders) != 1000 {
		t.Fatalf("exported %d orders, want 1000", len(orders))
	}
	var sizes [6]int
	for _, o := range orders {
		if err := o.CheckLineItems(); err != nil {
			t.Fatalf("order %d: %v", o.ID, err)
		}
		items := o.LineItems()
		if len(items) != want[o.ID] {
			t.Fatalf("order %d: %d line items, want %d", o.ID, len(items), want[o.ID])
		}
		for _, it := range items {
			if it.OrderID != o.ID || !strings.HasPrefix(it.Name, "Item ") || it.PriceIncTax.IsZero() {
				t.Fatalf("order %d: line item %+v", o.ID, it)
			}
		}
		sizes[len(items)]++
	}
	for n := 1; n <= 5; n++ {
		if sizes[n] == 0 {
			t.Errorf("no order with %d line items: %v", n, sizes)
		}
	}
	lists := requestsSince(store, mark, http.MethodGet, "/v2/orders")
	if len(lists) < 4 || len(lists) > 5 {
		t.Errorf("%d list requests for 1,000 orders, want 4 or 5", len(lists))
	}
	for _, r := range lists {
		q, _ := url.ParseQuery(r.RawQuery)
		if q.Get("include") != OrderIncludeConsignmentsLineItems || q.Get("consignment_structure") != "object" {
			t.Errorf("list request without the include: %s", r.RawQuery)
		}
	}
	if p := requestsSince(store, mark, http.MethodGet, "/products"); len(p) != 0 {
		t.Errorf("%d requests for order products", len(p))
	}
	if len(filter.Include) != 1 || filter.ConsignmentStructure != "" {
		t.Errorf("the caller's filter was modified: %+v", filter)
	}

	// The inline line items are what GET /v2/orders/{id}/products answers.
	for i := 0; i < len(orders); i += 97 {
		o := orders[i]
		fetched := walkAll(t, c.Orders.AllProducts(ctx(t), o.ID, nil))
		a, _ := json.Marshal(fetched)
		b, _ := json.Marshal(o.LineItems())
		if !bytes.Equal(a, b) {
			t.Errorf("order %d: inline line items\n%s\ndiffer from GET /v2/orders/%d/products\n%s", o.ID, b, o.ID, a)
		}
	}
}

// The fake store serves the spec's shapes: the line items through Get, links
// with include=consignments alone, the link object without
// consignment_structure=object, and a warning past 50 line items.
func TestFakeStoreConsignments(t *testing.T) {
	c, store := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000}, bigcommercetest.SeedOptions{Seed: 1})
	ids := postOrders(t, store, 2, func(i int) int { return []int{3, 51}[i] })
	var small, big int
	for id, n := range ids {
		if n == 3 {
			small = id
		} else {
			big = id
		}
	}

	o, _, err := c.Orders.GetWithOptions(ctx(t), small, &OrderGetOptions{Include: StringList{OrderIncludeConsignmentsLineItems}})
	if err != nil {
		t.Fatal(err)
	}
	if err := o.CheckLineItems(); err != nil || len(o.LineItems()) != 3 || len(o.Consignments.Shipping) != 1 {
		t.Fatalf("check %v, %d line items, consignments %+v", err, len(o.LineItems()), o.Consignments)
	}
	if sh := o.Consignments.Shipping[0]; sh.FirstName != "Ann" || sh.Zip != "78751" || sh.ID == 0 ||
		!strings.HasSuffix(sh.ShippingQuotes.Resource, "/shipping_quotes") {
		t.Errorf("shipping consignment %+v", sh)
	}

	o, _, err = c.Orders.GetWithOptions(ctx(t), big, &OrderGetOptions{Include: StringList{OrderIncludeConsignmentsLineItems}})
	if err != nil {
		t.Fatal(err)
	}
	var trunc *LineItemsTruncatedError
	if err := o.CheckLineItems(); !errors.As(err, &trunc) || len(o.LineItems()) != 50 {
		t.Fatalf("51 line items: check %v, %d inline", err, len(o.LineItems()))
	}
	all, err := c.Orders.CompleteLineItems(ctx(t), o)
	if err != nil || len(all) != 51 {
		t.Errorf("CompleteLineItems: %d, %v", len(all), err)
	}

	// include=consignments alone: one link per line item.
	o, _, err = c.Orders.GetWithOptions(ctx(t), small, &OrderGetOptions{Include: StringList{OrderIncludeConsignments}})
	if err != nil {
		t.Fatal(err)
	}
	if o.LineItemsIncluded() || len(o.Consignments.Shipping) != 1 || len(o.Consignments.Shipping[0].LineItems.Links) != 3 {
		t.Errorf("include=consignments: %+v", o.Consignments)
	}
	// Without the include there is no consignments field.
	o, _, err = c.Orders.Get(ctx(t), small)
	if err != nil || o.Consignments != nil || !errors.Is(o.CheckLineItems(), ErrLineItemsNotIncluded) {
		t.Errorf("plain Get: %v, consignments %+v", err, o.Consignments)
	}

	// A client that forgets consignment_structure=object gets a link.
	hc := &http.Client{Transport: store.Transport()}
	req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("http://fakestore.test/stores/%s/v2/orders/%d?include=consignments.line_items", fakeHash, small), nil)
	req.Header.Set("X-Auth-Token", "fake-token")
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var raw Order
	if err := json.NewDecoder(resp.Body).Decode(&raw); err != nil {
		t.Fatal(err)
	}
	if raw.Consignments == nil || raw.Consignments.Link == nil || raw.Consignments.Link.Resource != fmt.Sprintf("/orders/%d/consignments", small) {
		t.Errorf("without consignment_structure: %+v", raw.Consignments)
	}
}

// Seeded orders put physical items in shipping consignments, digital ones
// in the download consignment and gift certificates in email consignments,
// and together they are exactly the order's products.
func TestFakeStoreConsignmentKinds(t *testing.T) {
	for _, seed := range []bigcommercetest.SeedOptions{
		{Seed: 7, Products: 40, Orders: 60, LineItemsPerOrder: 4},
		{Seed: 8, Orders: 5}, // no catalog: gift certificates
	} {
		c, _ := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000}, seed)
		kinds := map[string]int{}
		for o, err := range c.Orders.All(ctx(t), (&OrderFilter{}).IncludeLineItems()) {
			if err != nil {
				t.Fatal(err)
			}
			cs := o.Consignments
			for _, s := range cs.Shipping {
				for _, it := range s.LineItems.Items {
					kinds["shipping/"+it.Type]++
				}
			}
			for _, d := range cs.Downloads {
				for _, it := range d.LineItems.Items {
					kinds["downloads/"+it.Type]++
				}
			}
			for _, g := range cs.Email.GiftCertificates {
				if g.RecipientEmail == "" || len(g.LineItems.Items) != 1 {
					t.Errorf("order %d: gift certificate consignment %+v", o.ID, g)
				}
				kinds["gift_certificates/"+g.LineItems.Items[0].Type]++
			}
			fetched := walkAll(t, c.Orders.AllProducts(ctx(t), o.ID, nil))
			if !slices.Equal(lineIDs(fetched), lineIDs(o.LineItems())) {
				t.Errorf("order %d: inline %v, products %v", o.ID, lineIDs(o.LineItems()), lineIDs(fetched))
			}
		}
		for k := range kinds {
			kind, typ, _ := strings.Cut(k, "/")
			if want := map[string]string{"shipping": "physical", "downloads": "digital", "gift_certificates": "giftcertificate"}[kind]; typ != want {
				t.Errorf("%s items in %s consignments", typ, kind)
			}
		}
		if seed.Products > 0 && (kinds["shipping/physical"] == 0 || kinds["downloads/digital"] == 0) {
			t.Errorf("seed %d: kinds %v, want physical and digital items", seed.Seed, kinds)
		}
		if seed.Products == 0 && kinds["gift_certificates/giftcertificate"] == 0 {
			t.Errorf("seed %d: kinds %v, want gift certificates", seed.Seed, kinds)
		}
	}
}

// FuzzDecodeOrderConsignments: no input panics the consignment decoders,
// and what decodes is written back in a shape that decodes to the same line
// items.
func FuzzDecodeOrderConsignments(f *testing.F) {
	for _, name := range []string{"orders/get_with_line_items.json", "orders/get_with_truncated_line_items.json", "orders/get.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{"id":1,"consignments":{"url":"u","resource":"/orders/1/consignments"}}`))
	f.Add([]byte(`{"id":1,"consignments":{"downloads":[{"line_items":{"url":"u","resource":"r"}}],"email":{"gift_certificates":[{"line_items":[]}]}}}`))
	f.Add([]byte(`{"id":1,"consignments":[{"id":"x"}]}`))
	f.Add([]byte(`{"id":1,"consignments":{"shipping":[{"line_items":[{"id":2},{"id":2}],"__warning__":{}}]}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var o Order
		if json.Unmarshal(b, &o) != nil {
			return
		}
		items, included, check := o.LineItems(), o.LineItemsIncluded(), o.CheckLineItems()
		if included != (items != nil) || (check == nil && !included) {
			t.Fatalf("included %v, items %v, check %v", included, items != nil, check)
		}
		out, err := json.Marshal(o)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		var back Order
		if err := json.Unmarshal(out, &back); err != nil {
			t.Fatalf("re-decoding %s: %v", out, err)
		}
		if back.LineItemsIncluded() != included || !slices.Equal(lineIDs(back.LineItems()), lineIDs(items)) {
			t.Fatalf("round trip changed the line items: %v -> %v", lineIDs(items), lineIDs(back.LineItems()))
		}
	})
}
