package bigcommercetest

import (
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestCustomersPagination(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, seeded(SeedOptions{Seed: 1, Customers: 7}))
		tests := []struct {
			query              string
			ids                []int
			total, pages, page int
			previous, next     string
			cursor             bool
		}{
			{"?limit=3", []int{1, 2, 3}, 7, 3, 1, "", "?page=2&limit=3", true},
			{"?limit=3&page=2", []int{4, 5, 6}, 7, 3, 2, "?page=1&limit=3", "?page=3&limit=3", false},
			{"?limit=3&page=3", []int{7}, 7, 3, 3, "?page=2&limit=3", "", false},
			{"?limit=3&page=4", []int{}, 7, 3, 4, "?page=3&limit=3", "", false},
			{"", []int{1, 2, 3, 4, 5, 6, 7}, 7, 1, 1, "", "", true},
		}
		for _, tc := range tests {
			t.Run(tc.query, func(t *testing.T) {
				l := decode[v3List](t, h.api("GET", "/v3/customers"+tc.query, nil).want(t, 200))
				p := l.Meta.Pagination
				if !slices.Equal(ids(l.Data), tc.ids) || p.Total != tc.total || p.TotalPages != tc.pages ||
					p.CurrentPage != tc.page || p.Count != len(tc.ids) || p.Links.Previous != tc.previous || p.Links.Next != tc.next {
					t.Fatalf("ids %v meta %+v", ids(l.Data), p)
				}
				if (l.Meta.CursorPagination != nil) != tc.cursor {
					t.Fatalf("cursor pagination present = %v", l.Meta.CursorPagination != nil)
				}
			})
		}
		// Cursor paging: first page's end cursor leads to the next page.
		first := decode[v3List](t, h.api("GET", "/v3/customers?limit=3", nil).want(t, 200))
		next := first.Meta.CursorPagination.Links.Next
		if !strings.HasPrefix(next, "?after=") {
			t.Fatalf("next = %q", next)
		}
		second := decode[v3List](t, h.api("GET", "/v3/customers"+next, nil).want(t, 200))
		if !slices.Equal(ids(second.Data), []int{4, 5, 6}) || second.Meta.Pagination != nil {
			t.Fatalf("cursor page: %v", ids(second.Data))
		}
		h.api("GET", "/v3/customers?after=garbage", nil).want(t, 422)
		h.api("GET", "/v3/customers?limit=251", nil).want(t, 413)
		h.api("GET", "/v3/customers?page=0", nil).want(t, 422)
	})
}

func TestCustomerFilters(t *testing.T) {
	s := New(Config{Quota: 1000})
	h := modes[1].open(t, s)
	people := []struct {
		first, last, email, company string
		group                       int
		created                     time.Time
	}{
		{"Ada", "Lovelace", "ada@example.com", "Analytical", 1, time.Date(2024, 1, 10, 8, 0, 0, 0, time.UTC)},
		{"Alan", "Turing", "alan@example.com", "Bletchley", 2, time.Date(2024, 2, 10, 8, 0, 0, 0, time.UTC)},
		{"Grace", "Hopper", "grace@example.com", "Navy", 1, time.Date(2024, 3, 10, 8, 0, 0, 0, time.UTC)},
		{"Alan", "Kay", "kay@example.com", "Xerox", 3, time.Date(2024, 4, 10, 8, 0, 0, 0, time.UTC)},
	}
	for _, p := range people {
		s.cfg.Now = func() time.Time { return p.created }
		body := fmt.Sprintf(`[{"email":%q,"first_name":%q,"last_name":%q,"company":%q,"customer_group_id":%d,
			"addresses":[{"first_name":%q,"last_name":%q,"address1":"1 Main St","city":"Austin","country_code":"US","state_or_province":"Texas","postal_code":"78701"}]}]`,
			p.email, p.first, p.last, p.company, p.group, p.first, p.last)
		h.api("POST", "/v3/customers", body).want(t, 200)
	}
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, s)
		tests := []struct {
			query string
			want  []int
		}{
			{"id:in=2,4,99", []int{2, 4}},
			{"id%3Ain=3%2C1", []int{1, 3}},
			{"email:in=GRACE@example.com,kay@example.com", []int{3, 4}},
			{"name:in=alan%20turing", []int{2}},
			{"name:like=alan", []int{2, 4}},
			{"company:in=navy,xerox", []int{3, 4}},
			{"customer_group_id:in=1", []int{1, 3}},
			{"date_created:min=2024-02-10T08:00:00Z", []int{2, 3, 4}},
			{"date_created:max=2024-02-10", []int{1, 2}},
			{"date_created=2024-03-10", []int{3}},
			{"date_created:min=2024-01-15T00:00:00&date_created:max=2024-03-31", []int{2, 3}},
			{"date_modified:min=" + url.QueryEscape("2024-04-10T09:00:00+01:00"), []int{4}},
			{"sort=last_name:asc", []int{3, 4, 1, 2}},
			{"sort=date_created:desc", []int{4, 3, 2, 1}},
			{"sort=date_created:desc&limit=2&page=2", []int{2, 1}},
		}
		for _, tc := range tests {
			t.Run(tc.query, func(t *testing.T) {
				l := decode[v3List](t, h.api("GET", "/v3/customers?"+tc.query, nil).want(t, 200))
				if got := ids(l.Data); !slices.Equal(got, tc.want) {
					t.Fatalf("ids = %v, want %v", got, tc.want)
				}
			})
		}
		l := decode[v3List](t, h.api("GET", "/v3/customers?id:in=1&include=addresses", nil).want(t, 200))
		addrs, ok := l.Data[0]["addresses"].([]any)
		if !ok || len(addrs) != 1 || addrs[0].(map[string]any)["country"] != "United States" {
			t.Fatalf("addresses = %v", l.Data[0]["addresses"])
		}
		if _, ok := decode[v3List](t, h.api("GET", "/v3/customers?id:in=1", nil)).Data[0]["addresses"]; ok {
			t.Fatal("addresses without include")
		}
		for _, bad := range []string{"id:in=x", "date_created:min=yesterday", "sort=email:asc", "include=everything", "bogus=1", "id=1"} {
			r := h.api("GET", "/v3/customers?"+bad, nil).want(t, 422)
			if e := decode[v3Err](t, r); e.Status != 422 || len(e.Errors) == 0 {
				t.Fatalf("%s: %s", bad, r.body)
			}
		}
	})
}

func TestCustomerWrites(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, New(Config{}))
		// Validation: errors keyed by index and field; nothing saved.
		r := h.api("POST", "/v3/customers", `[{"email":"ok@example.com","first_name":"A","last_name":"B"},{"first_name":"","last_name":"C"}]`).want(t, 422)
		e := decode[v3Err](t, r)
		if e.Errors["1.email"] == "" || e.Errors["1.first_name"] == "" || h.s.CustomerCount() != 0 {
			t.Fatalf("errors %v", e.Errors)
		}
		// Batch limit.
		var many []map[string]string
		for i := range 11 {
			many = append(many, map[string]string{"email": fmt.Sprintf("u%d@example.com", i), "first_name": "U", "last_name": "V"})
		}
		r = h.api("POST", "/v3/customers", many).want(t, 413)
		if e := decode[v3Err](t, r); e.Title != "The request payload is too large. The maximum number of items allowed in the array is 10" {
			t.Fatalf("title %q", e.Title)
		}
		h.api("PUT", "/v3/customers", many).want(t, 413)
		// Create.
		r = h.api("POST", "/v3/customers", many[:2]).want(t, 200)
		created := decode[v3List](t, r)
		if !slices.Equal(ids(created.Data), []int{1, 2}) {
			t.Fatalf("created %v", ids(created.Data))
		}
		// Duplicate email, also case-insensitive.
		r = h.api("POST", "/v3/customers", `[{"email":"U0@example.com","first_name":"X","last_name":"Y"}]`).want(t, 422)
		if decode[v3Err](t, r).Errors["0.email"] == "" {
			t.Fatalf("dup: %s", r.body)
		}
		// Update.
		r = h.api("PUT", "/v3/customers", `[{"id":2,"company":"Initech","email":"new@example.com"}]`).want(t, 200)
		if got := decode[v3List](t, r).Data[0]; got["company"] != "Initech" || got["first_name"] != "U" {
			t.Fatalf("updated %v", got)
		}
		h.api("PUT", "/v3/customers", `[{"company":"x"}]`).want(t, 422)
		h.api("PUT", "/v3/customers", `[{"id":99,"company":"x"}]`).want(t, 422)
		h.api("PUT", "/v3/customers", `[{"id":1,"email":"new@example.com"}]`).want(t, 422)
		// DELETE without id:in: 204 and nothing deleted.
		h.api("DELETE", "/v3/customers", nil).want(t, 204)
		if h.s.CustomerCount() != 2 {
			t.Fatal("DELETE without filter deleted customers")
		}
		r = h.api("DELETE", "/v3/customers?id:in=1", nil).want(t, 204)
		if len(r.body) != 0 || h.s.CustomerCount() != 1 {
			t.Fatalf("delete: %d customers", h.s.CustomerCount())
		}
	})
}

func TestCustomerAddresses(t *testing.T) {
	forModes(t, func(t *testing.T, m mode) {
		h := m.open(t, seeded(SeedOptions{Seed: 5, Customers: 3}))
		addr := `{"customer_id":2,"first_name":"Jo","last_name":"Doe","address1":"5 Elm St","city":"Denver","state_or_province":"Colorado","postal_code":"80202","country_code":"US"}`
		r := h.api("POST", "/v3/customers/addresses", "["+addr+"]").want(t, 200)
		l := decode[v3List](t, r)
		if len(l.Data) != 1 || l.Data[0]["country"] != "United States" {
			t.Fatalf("created %s", r.body)
		}
		newID := ids(l.Data)[0]
		// A duplicate is accepted but left out of the response.
		if l := decode[v3List](t, h.api("POST", "/v3/customers/addresses", "["+addr+"]").want(t, 200)); len(l.Data) != 0 {
			t.Fatalf("duplicate returned: %v", l.Data)
		}
		h.api("POST", "/v3/customers/addresses", `[{"customer_id":2,"first_name":"x"}]`).want(t, 422)
		h.api("POST", "/v3/customers/addresses", `[{"customer_id":99,"first_name":"Jo","last_name":"Doe","address1":"5 Elm St","city":"Denver","state_or_province":"Colorado","postal_code":"80202","country_code":"US"}]`).want(t, 422)
		l = decode[v3List](t, h.api("GET", "/v3/customers/addresses?customer_id:in=2", nil).want(t, 200))
		if got := ids(l.Data); len(got) != 2 || got[1] != newID {
			t.Fatalf("addresses of 2: %v", got)
		}
		l = decode[v3List](t, h.api("GET", "/v3/customers/addresses?name:in=jo+doe", nil).want(t, 200))
		if !slices.Equal(ids(l.Data), []int{newID}) {
			t.Fatalf("name:in: %v", ids(l.Data))
		}
		r = h.api("PUT", "/v3/customers/addresses", fmt.Sprintf(`[{"id":%d,"city":"Boulder"}]`, newID)).want(t, 200)
		if decode[v3List](t, r).Data[0]["city"] != "Boulder" {
			t.Fatalf("put: %s", r.body)
		}
		h.api("DELETE", "/v3/customers/addresses?id:in="+fmt.Sprint(newID), nil).want(t, 204)
		l = decode[v3List](t, h.api("GET", "/v3/customers?id:in=2", nil).want(t, 200))
		if l.Data[0]["address_count"].(float64) != 1 {
			t.Fatalf("address_count %v", l.Data[0]["address_count"])
		}
		h.api("GET", "/v3/customers/addresses?email:in=x", nil).want(t, 422)
	})
}
