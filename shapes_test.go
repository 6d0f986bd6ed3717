package bigcommerce

import (
	"errors"
	"net/http"
	"testing"

	"github.com/shopspring/decimal"
)

// Tests of the shapes CONTRIBUTING.md's table gives the methods that
// changed to follow it, and of the deprecated names they replaced.

// TestIncludeValuesGoInAStringList checks that every Include, a
// StringList, goes out as one comma-joined parameter, and that the former
// []ProductInclude literals still compile and send the same.
func TestIncludeValuesGoInAStringList(t *testing.T) {
	c, mt := newTestClient(t)
	channels := mockJSON(mt, http.MethodGet, "/v3/channels", 200, []byte(`{"data":[],"meta":{}}`))
	if _, _, err := c.Channels.List(ctx(t), &ChannelFilter{Include: StringList{ChannelIncludeCurrencies}}); err != nil {
		t.Fatal(err)
	}
	if got := channels.last(t).Raw; got != "include=currencies" {
		t.Errorf("Channels.List query %q", got)
	}
	products := mockJSON(mt, http.MethodGet, "/v3/catalog/products", 200, []byte(`{"data":[],"meta":{}}`))
	// A literal written for the former []ProductInclude field.
	if _, _, err := c.Products.List(ctx(t), &ProductFilter{Include: []ProductInclude{ProductIncludeVariants, ProductIncludeImages}}); err != nil {
		t.Fatal(err)
	}
	if got := products.last(t).Query.Get("include"); got != "variants,images" {
		t.Errorf("Products.List include %q", got)
	}
	if _, _, err := c.Products.List(ctx(t), &ProductFilter{Include: StringList{ProductIncludeOptions, "bad,value"}}); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("an include value with a comma: %v, want ErrInvalidRequest", err)
	}
}

// TestDeleteManyTakesIDs checks that every DeleteMany takes ids ...int and
// sends them as BigCommerce expects.
func TestDeleteManyTakesIDs(t *testing.T) {
	c, mt := newTestClient(t)
	carts := mockJSON(mt, http.MethodDelete, "/v3/carts/metafields", 200, []byte(`{"data":[1,2],"meta":{}}`))
	store := mockJSON(mt, http.MethodDelete, "/v3/store/metafields", 200, []byte(`{"data":[3],"meta":{}}`))
	products := mockJSON(mt, http.MethodDelete, "/v3/catalog/products/metafields", 200, []byte(`{"data":[4,5],"meta":{}}`))
	if _, err := c.CartMetafields.DeleteMany(ctx(t), 1, 2); err != nil {
		t.Fatal(err)
	}
	ids := []int{3}
	if _, err := c.StoreMetafields.DeleteMany(ctx(t), ids...); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Metafields.DeleteMany(ctx(t), MetafieldsOfProducts, 4, 5); err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, carts.last(t).Body, `[1,2]`)
	assertJSONBody(t, store.last(t).Body, `[3]`)
	assertJSONBody(t, products.last(t).Body, `[4,5]`)
}

// TestOrdersCountIsAnInt checks Count's number and CountByStatus's
// breakdown of the same answer.
func TestOrdersCountIsAnInt(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/orders/count", 200, fixture(t, "orders/count.json"))
	n, _, err := c.Orders.Count(ctx(t), &OrderFilter{ChannelID: 1})
	if err != nil || n != 133 || rec.last(t).Raw != "channel_id=1" {
		t.Fatalf("Count = %d, %v, query %q; want 133", n, err, rec.last(t).Raw)
	}
	byStatus, _, err := c.Orders.CountByStatus(ctx(t), nil)
	if err != nil || int(byStatus.Count) != n || len(byStatus.Statuses) != 15 {
		t.Fatalf("CountByStatus = %+v, %v", byStatus, err)
	}
	mockJSON(mt, http.MethodGet, "/v2/orders/count", http.StatusUnprocessableEntity, []byte(`[{"status":400,"message":"bad filter"}]`))
	if n, resp, err := c.Orders.Count(ctx(t), nil); n != 0 || resp == nil || !errors.Is(err, ErrUnprocessable) {
		t.Errorf("Count on an error = %d, %v, %v", n, resp, err)
	}
}

// TestDeprecatedNamesCallTheirMethods checks that each former name sends
// exactly what its new name sends.
func TestDeprecatedNamesCallTheirMethods(t *testing.T) {
	c, mt := newTestClient(t)
	recs := []*recorder{
		mockJSON(mt, http.MethodGet, "/v2/orders/7", 200, fixture(t, "orders/get.json")),
		mockJSON(mt, http.MethodPut, "/v3/catalog/products", 200, []byte(`{"data":[{"id":1}],"meta":{}}`)),
		mockJSON(mt, http.MethodPut, "/v3/catalog/variants", 200, []byte(`{"data":[{"id":2,"product_id":1}],"meta":{}}`)),
		mockJSON(mt, http.MethodGet, "/v2/countries/states", 200, []byte(`[{"id":1,"state":"Texas"}]`)),
		mockJSON(mt, http.MethodGet, "/v2/countries/states/count", 200, []byte(`{"count":51}`)),
		mockJSON(mt, http.MethodGet, "/v3/channels/currency-assignments", 200, []byte(`{"data":[{"channel_id":1}],"meta":{}}`)),
		mockJSON(mt, http.MethodGet, "/v3/carts/metafields", 200, []byte(`{"data":[{"id":3}],"meta":{}}`)),
	}
	// sentBy runs call and returns the requests it sent, as text.
	sentBy := func(call func() error) ([]string, error) {
		before := make([]int, len(recs))
		for i, r := range recs {
			before[i] = r.count()
		}
		err := call()
		var out []string
		for i, r := range recs {
			for _, c := range r.all()[before[i]:] {
				out = append(out, c.Method+" "+c.Path+"?"+c.Raw+" "+string(c.Body))
			}
		}
		return out, err
	}
	opts := &OrderGetOptions{Include: StringList{OrderIncludeFees}}
	pairs := []struct {
		old, new string
		call     func(old bool) error
	}{
		{"Orders.GetWithOptions", "Orders.Get", func(old bool) error {
			if old {
				return errOnly(c.Orders.GetWithOptions(ctx(t), 7, opts))
			}
			return errOnly(c.Orders.Get(ctx(t), 7, opts))
		}},
		{"Products.UpdateBatch", "Products.UpdateMany", func(old bool) error {
			u := []ProductUpdate{{ID: 1, Name: Ptr("Mug")}}
			if old {
				return errOnly(c.Products.UpdateBatch(ctx(t), u))
			}
			return errOnly(c.Products.UpdateMany(ctx(t), u))
		}},
		{"Products.UpdateVariantsBatch", "Products.UpdateVariants", func(old bool) error {
			u := []VariantUpdate{{ID: 2, Price: Ptr(decimal.RequireFromString("9.5"))}}
			if old {
				return errOnly(c.Products.UpdateVariantsBatch(ctx(t), u))
			}
			return errOnly(c.Products.UpdateVariants(ctx(t), u))
		}},
		{"States.ListAll", "States.ListAcrossCountries", func(old bool) error {
			if old {
				return errOnly(c.States.ListAll(ctx(t), &ListOptions{Page: 2}))
			}
			return errOnly(c.States.ListAcrossCountries(ctx(t), &ListOptions{Page: 2}))
		}},
		{"States.AllCountries", "States.AllAcrossCountries", func(old bool) error {
			if old {
				return drain(c.States.AllCountries(ctx(t), nil))
			}
			return drain(c.States.AllAcrossCountries(ctx(t), nil))
		}},
		{"States.CountAll", "States.CountAcrossCountries", func(old bool) error {
			if old {
				return errOnly(c.States.CountAll(ctx(t)))
			}
			return errOnly(c.States.CountAcrossCountries(ctx(t)))
		}},
		{"ChannelCurrencyAssignments.ListAll", "ChannelCurrencyAssignments.List", func(old bool) error {
			if old {
				return errOnly(c.ChannelCurrencyAssignments.ListAll(ctx(t)))
			}
			return errOnly(c.ChannelCurrencyAssignments.List(ctx(t)))
		}},
		{"ChannelCurrencyAssignments.AllChannels", "ChannelCurrencyAssignments.All", func(old bool) error {
			if old {
				return drain(c.ChannelCurrencyAssignments.AllChannels(ctx(t)))
			}
			return drain(c.ChannelCurrencyAssignments.All(ctx(t)))
		}},
		{"CartMetafields.ListAll", "CartMetafields.ListAcrossCarts", func(old bool) error {
			f := &CartMetafieldAllFilter{Key: "k"}
			if old {
				return errOnly(c.CartMetafields.ListAll(ctx(t), f))
			}
			return errOnly(c.CartMetafields.ListAcrossCarts(ctx(t), f))
		}},
		{"CartMetafields.AllCarts", "CartMetafields.AllAcrossCarts", func(old bool) error {
			if old {
				return drain(c.CartMetafields.AllCarts(ctx(t), nil))
			}
			return drain(c.CartMetafields.AllAcrossCarts(ctx(t), nil))
		}},
	}
	covered := map[string]bool{}
	for _, p := range pairs {
		covered[p.old] = true
	}
	for name, d := range serviceDocs(t) {
		if to := d.deprecatedFor(); to != "" && !covered[name] {
			t.Errorf("%s is deprecated for %s: add it to this test", name, to)
		}
	}
	for _, p := range pairs {
		t.Run(p.old, func(t *testing.T) {
			sent := func(old bool) []string {
				reqs, err := sentBy(func() error { return p.call(old) })
				if err != nil {
					t.Fatal(err)
				}
				return reqs
			}
			got, want := sent(true), sent(false)
			if len(want) == 0 || len(got) != len(want) {
				t.Fatalf("%s sent %q, %s sent %q", p.old, got, p.new, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("%s sent %q, %s sent %q", p.old, got[i], p.new, want[i])
				}
			}
		})
	}
}

// TestOrdersAllFees checks that AllFees yields what ListFees returns.
func TestOrdersAllFees(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v2/orders/7/fees", 200, []byte(`[{"id":1,"type":"custom_fee"},{"id":2,"type":"custom_fee"}]`))
	var got []int
	for f, err := range c.Orders.AllFees(ctx(t), 7) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, f.ID)
	}
	if len(got) != 2 || got[0] != 1 || got[1] != 2 {
		t.Errorf("AllFees yielded %v, want [1 2]", got)
	}
	mockJSON(mt, http.MethodGet, "/v2/orders/8/fees", http.StatusNotFound, []byte(`[{"status":404,"message":"The requested resource was not found."}]`))
	n := 0
	for _, err := range c.Orders.AllFees(ctx(t), 8) {
		n++
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("AllFees of an unknown order: %v, want ErrNotFound", err)
		}
	}
	if n != 1 {
		t.Errorf("AllFees of an unknown order yielded %d times, want the error once", n)
	}
}
