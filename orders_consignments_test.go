package bigcommerce

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

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
	o, _, err := c.Orders.Get(ctx(t), 218, &OrderGetOptions{Include: StringList{OrderIncludeConsignmentsLineItems}})
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
	if _, _, err := c.Orders.Get(ctx(t), 218, opts); err != nil {
		t.Fatal(err)
	}
	if got := rec.last(t).Raw; got != "include=fees" || opts.ConsignmentStructure != "" {
		t.Errorf("query %q, options %+v", got, opts)
	}
	if _, _, err := c.Orders.Get(ctx(t), 218, nil); err != nil || rec.last(t).Raw != "" {
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
	_, _, err = c.Orders.Get(ctx(t), 1, &OrderGetOptions{ConsignmentStructure: "array"})
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
