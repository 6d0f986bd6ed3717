package bigcommerce

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
)

func TestCustomerGroupsList(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/customer_groups", 200, fixture(t, "customer_groups/list.json"))
	groups, resp, err := c.CustomerGroups.List(ctx(t), &CustomerGroupFilter{
		NameLike: "Whole", IsDefault: Ptr(false), IsGroupForGuests: Ptr(false),
		DateModifiedMin: time.Date(2023, 7, 1, 0, 0, 0, 0, time.UTC), Page: 2, Limit: 10,
	})
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	r := rec.last(t)
	assertStandardHeaders(t, r)
	if want := "date_modified:min=2023-07-01T00:00:00Z&is_default=false&is_group_for_guests=false&limit=10&name:like=Whole&page=2"; r.Raw != want {
		t.Errorf("query\n got %s\nwant %s", r.Raw, want)
	}
	if len(groups) != 2 {
		t.Fatalf("%d groups", len(groups))
	}
	g := groups[0]
	if g.ID != 1 || g.Name != "Wholesale" || g.IsDefault || g.CategoryAccess == nil || g.CategoryAccess.Type != CategoryAccessSpecific || len(g.CategoryAccess.Categories) != 4 {
		t.Errorf("group 1 = %+v", g)
	}
	if len(g.DiscountRules) != 1 || g.DiscountRules[0].Type != DiscountRulePriceList || g.DiscountRules[0].PriceListID != 3 || g.DiscountRules[0].Amount != nil {
		t.Errorf("price-list rule = %+v", g.DiscountRules)
	}
	if want := time.Date(2023, 7, 17, 6, 30, 41, 0, time.UTC); !g.DateCreated.Equal(want) {
		t.Errorf("DateCreated = %v, want %v", g.DateCreated, want)
	}
	r2 := groups[1].DiscountRules
	if len(r2) != 3 || r2[1].CategoryID != 30 || r2[2].ProductID != 3 || r2[0].Method != DiscountPercent {
		t.Fatalf("rules = %+v", r2)
	}
	assertDec(t, "all amount", *r2[0].Amount, "5")
	assertDec(t, "category amount (number)", *r2[1].Amount, "2.5")
	assertDec(t, "product amount (integer)", *r2[2].Amount, "10")
	if !groups[1].IsGroupForGuests || !groups[1].DateCreated.Equal(groups[0].DateCreated.Time) {
		t.Errorf("group 2 = %+v", groups[1])
	}
	if p := resp.Pagination; p == nil || p.CurrentPage != 2 || p.PerPage != 10 || p.Count != 2 {
		t.Errorf("Pagination = %+v", resp.Pagination)
	}
}

func TestCustomerGroupsListEmpty204(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v2/customer_groups", http.StatusNoContent, nil)
	groups, _, err := c.CustomerGroups.List(ctx(t), nil)
	if err != nil || len(groups) != 0 {
		t.Fatalf("List = %v, %v; want empty, nil", groups, err)
	}
}

func TestCustomerGroupsAllPagesUntilShortPage(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v2/customer_groups", func(r captured) (*http.Response, error) {
		if r.Query.Get("page") == "1" {
			return httpmock.NewStringResponse(200, `[{"id":1,"name":"A"},{"id":2,"name":"B"}]`), nil
		}
		return httpmock.NewStringResponse(200, `[{"id":3,"name":"C"}]`), nil
	})
	filter := &CustomerGroupFilter{Limit: 2, Name: "x"}
	var ids []int
	for g, err := range c.CustomerGroups.All(ctx(t), filter) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, g.ID)
	}
	if len(ids) != 3 || ids[2] != 3 {
		t.Errorf("ids = %v", ids)
	}
	reqs := rec.all()
	if len(reqs) != 2 || reqs[1].Raw != "limit=2&name=x&page=2" {
		t.Errorf("requests = %+v", reqs)
	}
	if filter.Page != 0 {
		t.Errorf("All changed the caller's filter: %+v", filter)
	}
}

func TestCustomerGroupsGetCountDelete(t *testing.T) {
	c, mt := newTestClient(t)
	get := mockJSON(mt, http.MethodGet, "/v2/customer_groups/1", 200, fixture(t, "customer_groups/get.json"))
	count := mockJSON(mt, http.MethodGet, "/v2/customer_groups/count", 200, fixture(t, "customer_groups/count.json"))
	del := mockJSON(mt, http.MethodDelete, "/v2/customer_groups/7", http.StatusNoContent, nil)
	g, _, err := c.CustomerGroups.Get(ctx(t), 1)
	if err != nil || g.Name != "Wholesale" || get.count() != 1 {
		t.Fatalf("Get = %+v, %v", g, err)
	}
	n, _, err := c.CustomerGroups.Count(ctx(t))
	if err != nil || n != 27 || count.count() != 1 {
		t.Fatalf("Count = %d, %v", n, err)
	}
	if _, err := c.CustomerGroups.Delete(ctx(t), 7); err != nil || del.count() != 1 {
		t.Fatalf("Delete: %v", err)
	}
}

func TestCustomerGroupsCreateAndUpdateBodies(t *testing.T) {
	c, mt := newTestClient(t)
	post := mockJSON(mt, http.MethodPost, "/v2/customer_groups", 200, fixture(t, "customer_groups/get.json"))
	put := mockJSON(mt, http.MethodPut, "/v2/customer_groups/1", 200, fixture(t, "customer_groups/get.json"))
	_, _, err := c.CustomerGroups.Create(ctx(t), CustomerGroupCreate{
		Name: "Wholesale", IsDefault: Ptr(false),
		CategoryAccess: &CategoryAccess{Type: CategoryAccessSpecific, Categories: []int{18, 19}},
		DiscountRules: []DiscountRule{
			{Type: DiscountRuleAll, Method: DiscountPercent, Amount: Ptr(dec("5.0000"))},
			{Type: DiscountRuleCategory, Method: DiscountFixed, Amount: Ptr(dec("2.5")), CategoryID: 30},
		},
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	assertJSONBody(t, post.last(t).Body, `{"name":"Wholesale","is_default":false,
		"category_access":{"type":"specific","categories":[18,19]},
		"discount_rules":[{"type":"all","method":"percent","amount":"5"},{"type":"category","method":"fixed","amount":"2.5","category_id":30}]}`)

	// An empty non-nil rule list clears every rule; false is sent.
	g, _, err := c.CustomerGroups.Update(ctx(t), 1, CustomerGroupUpdate{DiscountRules: []DiscountRule{}, IsGroupForGuests: Ptr(false)})
	if err != nil || g.ID != 1 {
		t.Fatalf("Update = %+v, %v", g, err)
	}
	assertJSONBody(t, put.last(t).Body, `{"discount_rules":[],"is_group_for_guests":false}`)
}

func TestCustomerGroups207ReturnsNoGroup(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodPut, "/v2/customer_groups/1", http.StatusMultiStatus, []byte(`{"status":207,"message":"sitewide discount update failed"}`))
	g, _, err := c.CustomerGroups.Update(ctx(t), 1, CustomerGroupUpdate{Name: Ptr("Gold")})
	var ms *MultiStatusError
	if g != nil || !errors.As(err, &ms) {
		t.Fatalf("Update = %+v, %v; want nil and *MultiStatusError", g, err)
	}
}

func TestCustomerGroupsValidation(t *testing.T) {
	amount := Ptr(dec("5"))
	tests := []struct {
		name string
		call func(c *Client) error
		want string
	}{
		{"get id 0", func(c *Client) error { _, _, err := c.CustomerGroups.Get(ctx(t), 0); return err }, "positive id"},
		{"delete id -1", func(c *Client) error { _, err := c.CustomerGroups.Delete(ctx(t), -1); return err }, "positive id"},
		{"list limit 251", func(c *Client) error {
			_, _, err := c.CustomerGroups.List(ctx(t), &CustomerGroupFilter{Limit: 251})
			return err
		}, "limit"},
		{"create no name", func(c *Client) error {
			_, _, err := c.CustomerGroups.Create(ctx(t), CustomerGroupCreate{Name: " "})
			return err
		}, "Name is required"},
		{"update nothing", func(c *Client) error {
			_, _, err := c.CustomerGroups.Update(ctx(t), 1, CustomerGroupUpdate{})
			return err
		}, "nothing to update"},
		{"price list with others", func(c *Client) error {
			_, _, err := c.CustomerGroups.Create(ctx(t), CustomerGroupCreate{Name: "a", DiscountRules: []DiscountRule{
				{Type: DiscountRulePriceList, PriceListID: 1}, {Type: DiscountRuleAll, Method: DiscountPercent, Amount: amount}}})
			return err
		}, "only rule"},
		{"two all rules", func(c *Client) error {
			_, _, err := c.CustomerGroups.Create(ctx(t), CustomerGroupCreate{Name: "a", DiscountRules: []DiscountRule{
				{Type: DiscountRuleAll, Method: DiscountPercent, Amount: amount}, {Type: DiscountRuleAll, Method: DiscountFixed, Amount: amount}}})
			return err
		}, "only one store-wide"},
		{"category without id", func(c *Client) error {
			_, _, err := c.CustomerGroups.Create(ctx(t), CustomerGroupCreate{Name: "a", DiscountRules: []DiscountRule{
				{Type: DiscountRuleCategory, Method: DiscountPercent, Amount: amount}}})
			return err
		}, "CategoryID"},
		{"rule without amount", func(c *Client) error {
			_, _, err := c.CustomerGroups.Update(ctx(t), 1, CustomerGroupUpdate{DiscountRules: []DiscountRule{
				{Type: DiscountRuleProduct, Method: DiscountPrice, ProductID: 4}}})
			return err
		}, "Amount is required"},
		{"categories with all access", func(c *Client) error {
			_, _, err := c.CustomerGroups.Create(ctx(t), CustomerGroupCreate{Name: "a", CategoryAccess: &CategoryAccess{Type: CategoryAccessAll, Categories: []int{1}}})
			return err
		}, "takes no Categories"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			assertValidation(t, tt.call(c), tt.want)
			assertNothingSent(t, mt)
		})
	}
}

func TestPaymentMethodsListAndAll(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/payments/methods", 200, fixture(t, "payment_methods/list.json"))
	methods, _, err := c.PaymentMethods.List(ctx(t), &ListOptions{Page: 1, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if r := rec.last(t); r.Raw != "limit=5&page=1" || r.Method != http.MethodGet {
		t.Errorf("request %s ?%s", r.Method, r.Raw)
	}
	if len(methods) != 2 || methods[0] != (PaymentMethod{Code: "squarev2", Name: "Square"}) || !methods[1].TestMode {
		t.Errorf("methods = %+v", methods)
	}
	var codes []string
	for m, err := range c.PaymentMethods.All(ctx(t), nil) {
		if err != nil {
			t.Fatal(err)
		}
		codes = append(codes, m.Code)
	}
	if len(codes) != 2 || rec.last(t).Raw != "limit=250&page=1" {
		t.Errorf("All codes %v, last query %s", codes, rec.last(t).Raw)
	}
}

func TestCoverageScopes(t *testing.T) {
	tests := []struct {
		method, path string
		want         Scope
	}{
		{"GET", "/v2/customer_groups", ScopeCustomersReadOnly},
		{"PUT", "/v2/customer_groups/3", ScopeCustomers},
		{"GET", "/v2/payments/methods", ScopePaymentMethodsRead},
		{"GET", "/v3/catalog/brands", ScopeProductsReadOnly},
		{"DELETE", "/v3/catalog/trees/categories", ScopeProducts},
		{"PUT", "/v3/pricelists/4/records", ScopeProducts},
		{"GET", "/v3/pricelists/assignments", ScopeProductsReadOnly},
		{"GET", "/v3/channels", ScopeChannelSettingsReadOnly},
		{"PUT", "/v3/channels/1", ScopeChannelSettings},
		{"GET", "/v3/channels/1/listings", ScopeChannelListingsReadOnly},
		{"PUT", "/v3/channels/1/listings", ScopeChannelListings},
		{"GET", "/v3/channels/1/listings/9", ScopeChannelListingsReadOnly},
	}
	for _, tt := range tests {
		if got := RequiredScope(tt.method, tt.path); got != tt.want {
			t.Errorf("RequiredScope(%s, %s) = %q, want %q", tt.method, tt.path, got, tt.want)
		}
	}
}

func TestCoverage403NamesTheScope(t *testing.T) {
	tests := []struct {
		call func(c *Client) error
		path string
		want Scope
	}{
		{func(c *Client) error { _, _, err := c.Channels.ListListings(ctx(t), 1, nil); return err }, "/v3/channels/1/listings", ScopeChannelListingsReadOnly},
		{func(c *Client) error { _, _, err := c.Channels.Get(ctx(t), 1); return err }, "/v3/channels/1", ScopeChannelSettingsReadOnly},
		{func(c *Client) error { _, _, err := c.PaymentMethods.List(ctx(t), nil); return err }, "/v2/payments/methods", ScopePaymentMethodsRead},
		{func(c *Client) error {
			_, err := c.PriceLists.UpsertRecords(ctx(t), 1, []PriceRecordUpsert{{VariantID: 1, Currency: "usd", Price: Ptr(dec("1"))}})
			return err
		}, "/v3/pricelists/1/records", ScopeProducts},
		{func(c *Client) error { _, err := c.CustomerGroups.Delete(ctx(t), 1); return err }, "/v2/customer_groups/1", ScopeCustomers},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			c, mt := newTestClient(t)
			mt.RegisterNoResponder(httpmock.NewStringResponder(http.StatusForbidden, `{"status":403,"title":"You don't have a required scope to access the endpoint"}`))
			err := tt.call(c)
			if !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), string(tt.want)) {
				t.Errorf("err = %v; want a 403 naming %s", err, tt.want)
			}
		})
	}
}
