package bigcommercetest

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

// orderStore has 2 customers, 3 products and 6 orders (ids 100..105)
// created on the 10th of months 1..6 of 2024 at 11:32 UTC, with status
// ids 11, 2, 11, 7, 10, 11, customers 1, 2, 1, 0, 2, 1, channel 1 except
// order 104 (channel 2).
func orderStore(t *testing.T) *Store {
	t.Helper()
	clk := newClock()
	s := New(Config{Quota: 1 << 20, Now: clk.Now})
	s.Seed(SeedOptions{Seed: 11, Customers: 2, Products: 3})
	h := modes[1].open(t, s)
	statuses := []int{11, 2, 11, 7, 10, 11}
	customers := []int{1, 2, 1, 0, 2, 1}
	for i := range 6 {
		created := time.Date(2024, time.Month(i+1), 10, 11, 32, 0, 0, time.UTC)
		clk.mu.Lock()
		clk.t = created.Add(time.Hour)
		clk.mu.Unlock()
		channel := 1
		if i == 4 {
			channel = 2
		}
		body := fmt.Sprintf(`{"customer_id":%d,"status_id":%d,"channel_id":%d,"date_created":%q,"external_order_id":"EXT-%d",
			"billing_address":{"first_name":"Jane","last_name":"Doe","street_1":"1 Main St","city":"Austin","state":"Texas","zip":"78701","country_iso2":"US","email":"jane%d@example.com"},
			"base_shipping_cost":"5.00",
			"products":[{"product_id":1,"quantity":%d,"price_ex_tax":10,"price_inc_tax":10},{"name":"Custom engraving","quantity":1,"price_inc_tax":10.5,"price_ex_tax":10}]}`,
			customers[i], statuses[i], channel, created.Format(time.RFC1123Z), i, i%2, i+1)
		h.api("POST", "/v2/orders", body).want(t, 201)
	}
	return s
}

func orderIDs(t *testing.T, r reply) []int {
	t.Helper()
	if r.status == 204 {
		if len(r.body) != 0 {
			t.Fatalf("204 with body %q", r.body)
		}
		return []int{}
	}
	return ids(decode[[]map[string]any](t, r.want(t, 200)))
}

func TestOrderFilters(t *testing.T) {
	s := orderStore(t)
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, s)
		q := url.QueryEscape
		tests := []struct {
			query string
			want  []int
		}{
			{"", []int{100, 101, 102, 103, 104, 105}},
			{"min_id=102&max_id=104", []int{102, 103, 104}},
			{"status_id=11", []int{100, 102, 105}},
			{"customer_id=2", []int{101, 104}},
			{"customer_id=0", []int{103}},
			{"email=JANE1@example.com", []int{101, 103, 105}},
			{"channel_id=2", []int{104}},
			{"external_order_id=EXT-3", []int{103}},
			// Totals: 10 x (i+1) + 10.50 engraving + 5.00 shipping = 25.50, 35.50, ...
			{"min_total=60", []int{104, 105}},
			{"max_total=30&min_total=25.5", []int{100}},
			{"payment_method=manual&max_id=100", []int{100}},
			// RFC 2822 with an offset: 2024-03-10 11:32 -04:00 is 15:32 UTC.
			{"min_date_created=" + q("Sun, 10 Mar 2024 07:32:00 -0400"), []int{102, 103, 104, 105}},
			{"min_date_created=" + q("Sun, 10 Mar 2024 07:32:01 -0400"), []int{103, 104, 105}},
			{"max_date_created=" + q("Wed, 10 Apr 2024 11:32:00 +0000"), []int{100, 101, 102, 103}},
			// ISO 8601 with fractional seconds and offset, RFC 3339, plain dates.
			{"min_date_created=" + q("2024-04-10T07:32:00.000-04:00") + "&max_date_created=" + q("2024-05-10T11:32:00Z"), []int{103, 104}},
			{"min_date_created=2024-05-10T11:32:00", []int{104, 105}},
			{"max_date_created=2024-02-10", []int{100, 101}},
			{"min_date_created=2024-02-11&max_date_created=2024-03-31", []int{102}},
			{"min_date_modified=" + q("2024-06-10T12:32:00+00:00"), []int{105}},
			{"max_date_modified=" + q("Wed, 10 Jan 2024 12:32:00 +0000"), []int{100}},
			{"sort=date_created:desc&limit=2", []int{105, 104}},
			{"sort=customer_id:asc", []int{103, 100, 102, 105, 101, 104}},
			{"sort=status_id:desc&max_id=103", []int{102, 100, 103, 101}},
			{"sort=id:desc&limit=4&page=2", []int{101, 100}},
			{"status_id=4", []int{}},
			{"limit=3&page=2", []int{103, 104, 105}},
			{"limit=3&page=3", []int{}},
		}
		for _, tc := range tests {
			t.Run(tc.query, func(t *testing.T) {
				if got := orderIDs(t, h.api("GET", "/v2/orders?"+tc.query, nil)); !slices.Equal(got, tc.want) {
					t.Fatalf("ids = %v, want %v", got, tc.want)
				}
			})
		}
		for _, bad := range []string{"page=0", "min_date_created=yesterday", "min_id=abc", "sort=total:asc", "sort=id:up", "limit=0"} {
			r := h.api("GET", "/v2/orders?"+bad, nil).want(t, 400)
			if e := decode[[]v2Error](t, r); e[0].Status != 400 {
				t.Fatalf("%s: %s", bad, r.body)
			}
		}
		// Limits over 250 are capped, not refused.
		h.api("GET", "/v2/orders?limit=1000", nil).want(t, 200)
	})
}

func TestOrderShapeAndCount(t *testing.T) {
	s := orderStore(t)
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, s)
		o := decode[map[string]any](t, h.api("GET", "/v2/orders/101", nil).want(t, 200))
		if o["date_created"] != "Sat, 10 Feb 2024 11:32:00 +0000" || o["date_shipped"] != "" ||
			o["status"] != "Shipped" || o["currency_exchange_rate"] != "1.0000000000" || o["is_deleted"] != false {
			t.Fatalf("order %v", o)
		}
		if o["subtotal_ex_tax"] != "30.0000" || o["subtotal_inc_tax"] != "30.5000" || o["subtotal_tax"] != "0.5000" ||
			o["total_inc_tax"] != "35.5000" || o["total_ex_tax"] != "35.0000" {
			t.Fatalf("money %v %v %v", o["subtotal_inc_tax"], o["total_ex_tax"], o["total_inc_tax"])
		}
		if o["shipping_cost_inc_tax"] != "5.0000" || o["items_total"].(float64) != 3 {
			t.Fatalf("shipping %v items %v", o["shipping_cost_inc_tax"], o["items_total"])
		}
		link := o["products"].(map[string]any)
		if link["resource"] != "/orders/101/products" || !strings.HasSuffix(link["url"].(string), "/stores/fakestore/v2/orders/101/products") {
			t.Fatalf("products link %v", link)
		}
		lines := decode[[]map[string]any](t, h.api("GET", "/v2/orders/101/products", nil).want(t, 200))
		if len(lines) != 2 || lines[1]["price_inc_tax"] != "10.5000" || lines[1]["price_ex_tax"] != "10.0000" || lines[1]["total_tax"] != "0.5000" {
			t.Fatalf("lines %v", lines)
		}
		h.api("GET", "/v2/orders/101/products?page=2", nil).want(t, 204)
		h.api("GET", "/v2/orders/101/products?limit=2&page=2", nil).want(t, 204)
		sa := decode[[]map[string]any](t, h.api("GET", "/v2/orders/101/shipping_addresses", nil).want(t, 200))
		if len(sa) != 1 || sa[0]["country"] != "United States" {
			t.Fatalf("shipping addresses %v", sa)
		}
		h.api("GET", "/v2/orders/999", nil).want(t, 404)

		cnt := decode[struct {
			Count    int `json:"count"`
			Statuses []struct {
				ID        int `json:"id"`
				Count     int `json:"count"`
				SortOrder int `json:"sort_order"`
			} `json:"statuses"`
		}](t, h.api("GET", "/v2/orders/count", nil).want(t, 200))
		if cnt.Count != 6 || len(cnt.Statuses) != 15 {
			t.Fatalf("count %+v", cnt)
		}
		for _, st := range cnt.Statuses {
			if st.ID == 11 && st.Count != 3 {
				t.Fatalf("status 11 count %d", st.Count)
			}
		}
		if got := decode[map[string]any](t, h.api("GET", "/v2/orders/count?customer_id=2", nil)); got["count"].(float64) != 2 {
			t.Fatalf("filtered count %v", got["count"])
		}
		sts := decode[[]map[string]any](t, h.api("GET", "/v2/order_statuses", nil).want(t, 200))
		if len(sts) != 15 || sts[12]["name"] != "Manual Verification Required" || sts[14]["id"].(float64) != 14 {
			t.Fatalf("statuses %v", sts)
		}
		h.api("GET", "/v2/order_statuses/15", nil).want(t, 404)
		// Legacy host serves the same routes.
		r := h.raw("GET", "/api/v2/orders?limit=1", nil, withBasic("legacy", "legacy-token")).want(t, 200)
		if lo := decode[[]map[string]any](t, r); !strings.Contains(lo[0]["products"].(map[string]any)["url"].(string), "/api/v2/orders/100/products") {
			t.Fatalf("legacy link %v", lo[0]["products"])
		}
	})
}

func TestOrderWrites(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, orderStore(t))
		h.api("POST", "/v2/orders", `{"products":[{"product_id":1}]}`).want(t, 400)
		h.api("POST", "/v2/orders", `{"billing_address":{"zip":"1"}}`).want(t, 400)
		h.api("POST", "/v2/orders", `{"billing_address":{"zip":"1"},"products":[{"product_id":999}]}`).want(t, 400)
		h.api("POST", "/v2/orders", `{"billing_address":{"zip":"1"},"products":[{"name":"x"}],"status_id":15}`).want(t, 400)
		if h.s.OrderCount() != 6 {
			t.Fatal("invalid orders were created")
		}
		// Update status and notes.
		r := h.api("PUT", "/v2/orders/100", `{"status_id":9,"staff_notes":"rush"}`).want(t, 200)
		if o := decode[map[string]any](t, r); o["status"] != "Awaiting Shipment" || o["staff_notes"] != "rush" {
			t.Fatalf("put %v", o)
		}
		// Shipments: partial, then complete.
		lines := decode[[]map[string]any](t, h.api("GET", "/v2/orders/102/products", nil))
		sa := decode[[]map[string]any](t, h.api("GET", "/v2/orders/102/shipping_addresses", nil))
		addrID, line0, line1 := sa[0]["id"], lines[0]["id"], lines[1]["id"]
		h.api("GET", "/v2/orders/102/shipments", nil).want(t, 204)
		h.api("POST", "/v2/orders/102/shipments", fmt.Sprintf(`{"order_address_id":%v,"items":[{"order_product_id":%v,"quantity":9}]}`, addrID, line0)).want(t, 400)
		h.api("POST", "/v2/orders/102/shipments", `{"order_address_id":1,"items":[]}`).want(t, 400)
		r = h.api("POST", "/v2/orders/102/shipments", fmt.Sprintf(`{"order_address_id":%v,"tracking_number":"1Z999","shipping_provider":"ups","items":[{"order_product_id":%v,"quantity":3}]}`, addrID, line0)).want(t, 201)
		sh := decode[map[string]any](t, r)
		if o := decode[map[string]any](t, h.api("GET", "/v2/orders/102", nil)); o["status"] != "Partially Shipped" || o["date_shipped"] == "" {
			t.Fatalf("after partial %v %v", o["status"], o["date_shipped"])
		}
		h.api("POST", "/v2/orders/102/shipments", fmt.Sprintf(`{"order_address_id":%v,"items":[{"order_product_id":%v,"quantity":1}]}`, addrID, line1)).want(t, 201)
		if o := decode[map[string]any](t, h.api("GET", "/v2/orders/102", nil)); o["status"] != "Shipped" || o["items_shipped"].(float64) != 4 {
			t.Fatalf("after full %v %v", o["status"], o["items_shipped"])
		}
		shipPath := fmt.Sprintf("/v2/orders/102/shipments/%v", sh["id"])
		r = h.api("PUT", shipPath, `{"tracking_number":"1Z000"}`).want(t, 200)
		if decode[map[string]any](t, r)["tracking_number"] != "1Z000" {
			t.Fatalf("shipment put %s", r.body)
		}
		if got := decode[[]map[string]any](t, h.api("GET", "/v2/orders/102/shipments", nil).want(t, 200)); len(got) != 2 {
			t.Fatalf("shipments %d", len(got))
		}
		h.api("DELETE", shipPath, nil).want(t, 204)
		h.api("GET", shipPath, nil).want(t, 404)
		if o := decode[map[string]any](t, h.api("GET", "/v2/orders/102", nil)); o["status"] != "Partially Shipped" {
			t.Fatalf("after delete %v", o["status"])
		}
		// Archive one order; refuse archiving all.
		h.api("DELETE", "/v2/orders/103", nil).want(t, 204)
		if got := orderIDs(t, h.api("GET", "/v2/orders", nil)); slices.Contains(got, 103) || len(got) != 5 {
			t.Fatalf("after archive %v", got)
		}
		if archived, ok := h.s.OrderArchived(103); !archived || !ok {
			t.Fatal("order 103 not archived")
		}
		if o := decode[map[string]any](t, h.api("GET", "/v2/orders/103", nil).want(t, 200)); o["is_deleted"] != true {
			t.Fatal("is_deleted")
		}
		r = h.api("DELETE", "/v2/orders", nil).want(t, 400)
		decode[[]v2Error](t, r)
		if got := orderIDs(t, h.api("GET", "/v2/orders", nil)); len(got) != 5 {
			t.Fatalf("DELETE /v2/orders archived orders: %v", got)
		}
	})
}

func TestTransactions(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, seeded(SeedOptions{Seed: 8, Customers: 5, Products: 5, Orders: 40}))
		var paid, unpaid int
		for id := 100; id < 140; id++ {
			r := h.api("GET", fmt.Sprintf("/v3/orders/%d/transactions", id), nil)
			switch r.status {
			case 200:
				l := decode[v3List](t, r)
				if _, ok := l.Data[0]["order_id"].(string); !ok || l.Meta.Pagination == nil {
					t.Fatalf("transaction %v", l.Data[0])
				}
				paid++
			case 204:
				if len(r.body) != 0 {
					t.Fatal("204 with body")
				}
				unpaid++
			default:
				t.Fatalf("status %d", r.status)
			}
		}
		if paid == 0 || unpaid == 0 {
			t.Fatalf("paid %d unpaid %d", paid, unpaid)
		}
		h.api("GET", "/v3/orders/999/transactions", nil).want(t, 404)
		// Orders created over the API have none.
		h.api("POST", "/v2/orders", `{"billing_address":{"zip":"1"},"products":[{"name":"x","price_inc_tax":"2.50"}]}`).want(t, 201)
		h.api("GET", "/v3/orders/140/transactions", nil).want(t, 204)
	})
}
