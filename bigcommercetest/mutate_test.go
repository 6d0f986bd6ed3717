package bigcommercetest

import (
	"net/http"
	"net/url"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

func TestMutateRecords(t *testing.T) {
	clk := newClock()
	s := New(Config{Quota: 1 << 30, Now: clk.Now})
	s.Seed(SeedOptions{Seed: 1, Orders: 3, Products: 3, Customers: 3})
	now := clk.Now()
	kinds := []struct {
		name   string
		ids    func() []int
		insert func(int) int
		remove func(int) bool
		modify func(int) bool
		list   string
		isV2   bool
	}{
		{"orders", s.OrderIDs, s.InsertOrder, s.DeleteOrder, s.ModifyOrder, "/v2/orders?sort=id:asc", true},
		{"products", s.ProductIDs, s.InsertProduct, s.DeleteProduct, s.ModifyProduct, "/v3/catalog/products", false},
		{"customers", s.CustomerIDs, s.InsertCustomer, s.DeleteCustomer, s.ModifyCustomer, "/v3/customers", false},
	}
	h := modes[1].open(t, s)
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			before := k.ids()
			top := before[len(before)-1]
			if got := k.insert(0); got != top+1 {
				t.Errorf("insert(0) = %d, want the next id %d", got, top+1)
			}
			if got := k.insert(top + 50); got != top+50 {
				t.Errorf("insert(%d) = %d", top+50, got)
			}
			if got := k.insert(top + 50); got != 0 {
				t.Errorf("insert of a taken id = %d, want 0", got)
			}
			if got := k.insert(0); got != top+51 {
				t.Errorf("insert(0) after an explicit id = %d, want %d", got, top+51)
			}
			if !k.remove(before[1]) || k.remove(before[1]) {
				t.Error("remove reports wrongly whether the record existed")
			}
			if !k.modify(before[0]) || k.modify(before[1]) {
				t.Error("modify reports wrongly whether the record exists")
			}
			want := []int{before[0], before[2], top + 1, top + 50, top + 51}
			if got := k.ids(); !slices.Equal(got, want) {
				t.Errorf("ids = %v, want %v", got, want)
			}
			// The API sees the same: the records and their new dates.
			var listed []int
			var modified map[string]any
			if k.isV2 {
				items := decode[[]map[string]any](t, h.api(http.MethodGet, k.list, nil).want(t, http.StatusOK))
				listed = ids(items)
				modified = items[0]
			} else {
				l := decode[v3List](t, h.api(http.MethodGet, k.list, nil).want(t, http.StatusOK))
				listed = ids(l.Data)
				modified = l.Data[0]
			}
			if !slices.Equal(listed, want) {
				t.Errorf("listed %v, want %v", listed, want)
			}
			date, _ := modified["date_modified"].(string)
			if got, err := time.Parse(time.RFC3339, date); k.isV2 {
				if got, err := time.Parse(time.RFC1123Z, date); err != nil || !got.Equal(now) {
					t.Errorf("date_modified of a modified order = %q, want %v", date, now)
				}
			} else if err != nil || !got.Equal(now) {
				t.Errorf("date_modified of a modified record = %q, want %v", date, now)
			}
		})
	}
}

func TestBeforeRequestHook(t *testing.T) {
	s := seeded(SeedOptions{Seed: 1, Customers: 4})
	var calls atomic.Int32
	s.BeforeRequest(func(r *http.Request) {
		if calls.Add(1) == 1 {
			s.DeleteCustomer(1) // before the first request is served
		}
	})
	h := modes[1].open(t, s)
	l := decode[v3List](t, h.api(http.MethodGet, "/v3/customers", nil).want(t, http.StatusOK))
	if got := ids(l.Data); !slices.Equal(got, []int{2, 3, 4}) {
		t.Errorf("ids = %v, want [2 3 4]: the hook runs before the request is served", got)
	}
	s.BeforeRequest(nil)
	h.api(http.MethodGet, "/v3/customers", nil).want(t, http.StatusOK)
	if calls.Load() != 1 {
		t.Errorf("hook called %d times, want 1 (removed after the first request)", calls.Load())
	}
}

// TestCustomerCursorIsAKeyset: a page after a cursor starts right after the
// cursor's place in the sort order even when that customer was deleted or
// modified since.
func TestCustomerCursorIsAKeyset(t *testing.T) {
	clk := newClock()
	s := New(Config{Quota: 1 << 30, Now: clk.Now})
	s.Seed(SeedOptions{Seed: 1, Customers: 9})
	h := modes[1].open(t, s)
	for _, sortBy := range []string{"", "date_modified:asc", "last_name:desc"} {
		t.Run("sort="+sortBy, func(t *testing.T) {
			q, allQ := "/v3/customers?limit=3", "/v3/customers?limit=250"
			if sortBy != "" {
				q += "&sort=" + sortBy
				allQ += "&sort=" + sortBy
			}
			all := decode[v3List](t, h.api(http.MethodGet, allQ, nil).want(t, http.StatusOK))
			first := decode[v3List](t, h.api(http.MethodGet, q, nil).want(t, http.StatusOK))
			cursor := first.Meta.CursorPagination.EndCursor
			endID := ids(first.Data)[2]
			s.DeleteCustomer(endID)
			next := decode[v3List](t, h.api(http.MethodGet, q+"&after="+url.QueryEscape(cursor), nil).want(t, http.StatusOK))
			want := ids(all.Data)[3:6]
			if got := ids(next.Data); !slices.Equal(got, want) {
				t.Errorf("after the deleted customer %d: %v, want %v", endID, got, want)
			}
			s.InsertCustomer(endID) // put it back (with new data) for the next sort
		})
	}
}
