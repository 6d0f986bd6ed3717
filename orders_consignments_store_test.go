package bigcommerce_test

// Declarations of orders_consignments_test.go that use bigcommercetest (directly or through
// other declarations), moved here by extconv: they are in package bigcommerce_test
// because bigcommercetest imports bigcommerce.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

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

	filter := &bigcommerce.OrderFilter{Include: bigcommerce.StringList{bigcommerce.OrderIncludeConsignmentsLineItems}}
	orders := walkAll(t, c.Orders.All(bigcommerce.Ctx(t), filter))
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
	// 4 pages of 250, the probe, and one look above the probed highest id
	// when the last window comes back full.
	if len(lists) < 4 || len(lists) > 6 {
		t.Errorf("%d list requests for 1,000 orders, want 4 to 6", len(lists))
	}
	for _, r := range lists {
		q, _ := url.ParseQuery(r.RawQuery)
		if q.Get("include") != bigcommerce.OrderIncludeConsignmentsLineItems || q.Get("consignment_structure") != "object" {
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
		fetched := walkAll(t, c.Orders.AllProducts(bigcommerce.Ctx(t), o.ID, nil))
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

	o, _, err := c.Orders.Get(bigcommerce.Ctx(t), small, &bigcommerce.OrderGetOptions{Include: bigcommerce.StringList{bigcommerce.OrderIncludeConsignmentsLineItems}})
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

	o, _, err = c.Orders.Get(bigcommerce.Ctx(t), big, &bigcommerce.OrderGetOptions{Include: bigcommerce.StringList{bigcommerce.OrderIncludeConsignmentsLineItems}})
	if err != nil {
		t.Fatal(err)
	}
	var trunc *bigcommerce.LineItemsTruncatedError
	if err := o.CheckLineItems(); !errors.As(err, &trunc) || len(o.LineItems()) != 50 {
		t.Fatalf("51 line items: check %v, %d inline", err, len(o.LineItems()))
	}
	all, err := c.Orders.CompleteLineItems(bigcommerce.Ctx(t), o)
	if err != nil || len(all) != 51 {
		t.Errorf("CompleteLineItems: %d, %v", len(all), err)
	}

	// include=consignments alone: one link per line item.
	o, _, err = c.Orders.Get(bigcommerce.Ctx(t), small, &bigcommerce.OrderGetOptions{Include: bigcommerce.StringList{bigcommerce.OrderIncludeConsignments}})
	if err != nil {
		t.Fatal(err)
	}
	if o.LineItemsIncluded() || len(o.Consignments.Shipping) != 1 || len(o.Consignments.Shipping[0].LineItems.Links) != 3 {
		t.Errorf("include=consignments: %+v", o.Consignments)
	}
	// Without the include there is no consignments field.
	o, _, err = c.Orders.Get(bigcommerce.Ctx(t), small, nil)
	if err != nil || o.Consignments != nil || !errors.Is(o.CheckLineItems(), bigcommerce.ErrLineItemsNotIncluded) {
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
	var raw bigcommerce.Order
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
		for o, err := range c.Orders.All(bigcommerce.Ctx(t), (&bigcommerce.OrderFilter{}).IncludeLineItems()) {
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
			fetched := walkAll(t, c.Orders.AllProducts(bigcommerce.Ctx(t), o.ID, nil))
			if !slices.Equal(bigcommerce.LineIDs(fetched), bigcommerce.LineIDs(o.LineItems())) {
				t.Errorf("order %d: inline %v, products %v", o.ID, bigcommerce.LineIDs(o.LineItems()), bigcommerce.LineIDs(fetched))
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
