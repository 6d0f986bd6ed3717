package bigcommerce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/shopspring/decimal"
)

// refusingClient returns a Client whose transport fails the test if any
// request reaches it: every call made through it must be refused before
// sending.
func refusingClient(t *testing.T) *Client {
	t.Helper()
	mt := httpmock.NewMockTransport()
	mt.RegisterNoResponder(func(req *http.Request) (*http.Response, error) {
		t.Errorf("a request was sent, want none: %s %s", req.Method, req.URL)
		return nil, errors.New("test: nothing may be sent")
	})
	c, err := NewClient("abc123", TokenAuth{AccessToken: testToken},
		WithHTTPClient(&http.Client{Transport: mt}), WithRetryPolicy(RetryPolicy{}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// assertRefused checks that err is a client-side refusal mentioning wants.
func assertRefused(t *testing.T, err error, wants ...string) {
	t.Helper()
	if !errors.Is(err, ErrInvalidRequest) {
		t.Fatalf("error = %v (%T), want one matching ErrInvalidRequest", err, err)
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Errorf("error %T is not a *ValidationError", err)
	}
	for _, w := range wants {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q does not mention %q", err, w)
		}
	}
}

// TestNilContextRefusedByEveryOperation calls every operation of
// specOps (every SDK operation) with a nil context: each must return an
// error matching ErrInvalidRequest, never panic, and send nothing.
func TestNilContextRefusedByEveryOperation(t *testing.T) {
	var nilCtx context.Context
	for _, op := range specOps() {
		t.Run(op.name, func(t *testing.T) {
			c := refusingClient(t)
			defer func() {
				if r := recover(); r != nil {
					t.Fatalf("panicked on a nil context: %v", r)
				}
			}()
			assertRefused(t, op.call(nilCtx, c), "ctx is nil")
		})
	}
	t.Run("NewRequest", func(t *testing.T) {
		_, err := refusingClient(t).NewRequest(nilCtx, http.MethodGet, "/v3/customers", nil, nil)
		assertRefused(t, err, "GET /v3/customers", "ctx is nil")
	})
}

// TestPagingRefusedOnEveryList sends a negative page, a negative limit and
// a limit above the endpoint's maximum to every List that takes paging,
// and a too-large limit to every All: all are refused before sending.
func TestPagingRefusedOnEveryList(t *testing.T) {
	type pagingCall func(ctx context.Context, c *Client, page, limit int) error
	lists := []struct {
		name string
		max  int
		call pagingCall
	}{
		{"Customers.List", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return errOnly(c.Customers.List(ctx, &CustomerFilter{Page: p, Limit: l}))
		}},
		{"Customers.All", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return drain(c.Customers.All(ctx, &CustomerFilter{Page: p, Limit: l}))
		}},
		{"Customers.ListAddresses", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return errOnly(c.Customers.ListAddresses(ctx, &AddressFilter{Page: p, Limit: l}))
		}},
		{"Customers.AllAddresses", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return drain(c.Customers.AllAddresses(ctx, &AddressFilter{Page: p, Limit: l}))
		}},
		{"Products.List", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return errOnly(c.Products.List(ctx, &ProductFilter{Page: p, Limit: l}))
		}},
		{"Products.All", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return drain(c.Products.All(ctx, &ProductFilter{Page: p, Limit: l}))
		}},
		{"Products.ListVariants", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return errOnly(c.Products.ListVariants(ctx, 1, &VariantFilter{Page: p, Limit: l}))
		}},
		{"Products.AllVariants", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return drain(c.Products.AllVariants(ctx, 1, &VariantFilter{Page: p, Limit: l}))
		}},
		{"Orders.List", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return errOnly(c.Orders.List(ctx, &OrderFilter{Page: p, Limit: l}))
		}},
		{"Orders.All", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return drain(c.Orders.All(ctx, &OrderFilter{Page: p, Limit: l}))
		}},
		{"Orders.ListProducts", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return errOnly(c.Orders.ListProducts(ctx, 1, &ListOptions{Page: p, Limit: l}))
		}},
		{"Orders.AllProducts", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return drain(c.Orders.AllProducts(ctx, 1, &ListOptions{Page: p, Limit: l}))
		}},
		{"Orders.ListShippingAddresses", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return errOnly(c.Orders.ListShippingAddresses(ctx, 1, &ListOptions{Page: p, Limit: l}))
		}},
		{"Orders.ListShipments", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return errOnly(c.Orders.ListShipments(ctx, 1, &ListOptions{Page: p, Limit: l}))
		}},
		{"Inventory.ListItems", MaxInventoryPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return errOnly(c.Inventory.ListItems(ctx, &InventoryItemFilter{Page: p, Limit: l}))
		}},
		{"Inventory.AllItems", MaxInventoryPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return drain(c.Inventory.AllItems(ctx, &InventoryItemFilter{Page: p, Limit: l}))
		}},
		{"Inventory.ListLocationItems", MaxInventoryPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return errOnly(c.Inventory.ListLocationItems(ctx, 1, &LocationItemFilter{Page: p, Limit: l}))
		}},
		{"Inventory.AllLocationItems", MaxInventoryPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return drain(c.Inventory.AllLocationItems(ctx, 1, &LocationItemFilter{Page: p, Limit: l}))
		}},
		{"Inventory.ListLocations", MaxInventoryPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return errOnly(c.Inventory.ListLocations(ctx, &LocationFilter{Page: p, Limit: l}))
		}},
		{"Inventory.AllLocations", MaxInventoryPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return drain(c.Inventory.AllLocations(ctx, &LocationFilter{Page: p, Limit: l}))
		}},
		{"Webhooks.List", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return errOnly(c.Webhooks.List(ctx, &WebhookFilter{Page: p, Limit: l}))
		}},
		{"Webhooks.All", MaxPageSize, func(ctx context.Context, c *Client, p, l int) error {
			return drain(c.Webhooks.All(ctx, &WebhookFilter{Page: p, Limit: l}))
		}},
	}
	for _, list := range lists {
		cases := []struct {
			name        string
			page, limit int
			want        string
		}{
			{"limit above the maximum", 1, list.max + 1, fmt.Sprintf("limit must be between 1 and %d", list.max)},
		}
		// All treats a negative Page or Limit like 0 (unset) before any
		// request exists; the walk in pagewalk.go owns that choice.
		if strings.Contains(list.name, ".List") {
			cases = append(cases,
				struct {
					name        string
					page, limit int
					want        string
				}{"negative page", -1, 0, "page must be 1 or more"},
				struct {
					name        string
					page, limit int
					want        string
				}{"negative limit", 0, -5, "got -5"})
		}
		for _, tc := range cases {
			t.Run(list.name+"/"+tc.name, func(t *testing.T) {
				assertRefused(t, list.call(t.Context(), refusingClient(t), tc.page, tc.limit), tc.want)
			})
		}
	}
}

// TestPagingAcceptsTheMaximum shows the bounds are inclusive: the largest
// page each endpoint serves is sent, and 0 sends no limit at all.
func TestPagingAcceptsTheMaximum(t *testing.T) {
	tests := []struct {
		name, path, wantQuery string
		call                  func(ctx context.Context, c *Client) error
	}{
		{"V3 list at 250", "/v3/catalog/products", "limit=250&page=1", func(ctx context.Context, c *Client) error {
			return errOnly(c.Products.List(ctx, &ProductFilter{Page: 1, Limit: MaxPageSize}))
		}},
		{"inventory at 1000", "/v3/inventory/items", "limit=1000", func(ctx context.Context, c *Client) error {
			return errOnly(c.Inventory.ListItems(ctx, &InventoryItemFilter{Limit: MaxInventoryPageSize}))
		}},
		{"zero is unset", "/v3/customers", "", func(ctx context.Context, c *Client) error {
			return errOnly(c.Customers.List(ctx, &CustomerFilter{}))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := mockJSON(mt, http.MethodGet, tt.path, http.StatusOK, []byte(`{"data":[],"meta":{}}`))
			if err := tt.call(t.Context(), c); err != nil {
				t.Fatal(err)
			}
			if got := rec.last(t).Raw; got != tt.wantQuery {
				t.Errorf("query = %q, want %q", got, tt.wantQuery)
			}
		})
	}
}

// TestListValuesRefused covers the :in lists: ids must be positive, except
// where 0 means something; a comma inside a value or an empty value is
// refused. Each refusal names the parameter and matches ErrInvalidRequest.
func TestListValuesRefused(t *testing.T) {
	tests := []struct {
		name string
		call func(ctx context.Context, c *Client) error
		want []string
	}{
		{"customer id:in 0", func(ctx context.Context, c *Client) error {
			return errOnly(c.Customers.List(ctx, &CustomerFilter{IDIn: IntList{1, 0}}))
		}, []string{"GET /v3/customers", "id:in", "value 0 (index 1)"}},
		{"product id:not_in negative", func(ctx context.Context, c *Client) error {
			return errOnly(c.Products.List(ctx, &ProductFilter{IDNotIn: IntList{-3}}))
		}, []string{"id:not_in", "value -3"}},
		{"product categories:in 0", func(ctx context.Context, c *Client) error {
			return errOnly(c.Products.List(ctx, &ProductFilter{CategoriesIn: IntList{0}}))
		}, []string{"categories:in"}},
		{"product channel_id:in 0", func(ctx context.Context, c *Client) error {
			return drain(c.Products.All(ctx, &ProductFilter{ChannelIDIn: IntList{0}}))
		}, []string{"channel_id:in"}},
		{"inventory_level:in negative", func(ctx context.Context, c *Client) error {
			return errOnly(c.Products.List(ctx, &ProductFilter{InventoryLevelIn: IntList{-1}}))
		}, []string{"inventory_level:in", "want 0 or more"}},
		{"customer_group_id:in negative", func(ctx context.Context, c *Client) error {
			return errOnly(c.Customers.List(ctx, &CustomerFilter{CustomerGroupIDIn: IntList{-1}}))
		}, []string{"customer_group_id:in"}},
		{"address customer_id:in 0", func(ctx context.Context, c *Client) error {
			return errOnly(c.Customers.ListAddresses(ctx, &AddressFilter{CustomerIDIn: IntList{0}}))
		}, []string{"customer_id:in"}},
		{"inventory location_id:in 0", func(ctx context.Context, c *Client) error {
			return errOnly(c.Inventory.ListItems(ctx, &InventoryItemFilter{LocationIDIn: IntList{0}}))
		}, []string{"location_id:in"}},
		{"location items variant_id:in 0", func(ctx context.Context, c *Client) error {
			return errOnly(c.Inventory.ListLocationItems(ctx, 1, &LocationItemFilter{VariantIDIn: IntList{0}}))
		}, []string{"variant_id:in"}},
		{"locations location_id:in negative", func(ctx context.Context, c *Client) error {
			return errOnly(c.Inventory.ListLocations(ctx, &LocationFilter{LocationIDIn: IntList{-2}}))
		}, []string{"location_id:in"}},
		{"comma in email:in", func(ctx context.Context, c *Client) error {
			return errOnly(c.Customers.List(ctx, &CustomerFilter{EmailIn: StringList{"a@x.com,b@x.com"}}))
		}, []string{"GET /v3/customers", "email:in", "contains a comma"}},
		{"comma in sku:in", func(ctx context.Context, c *Client) error {
			return errOnly(c.Inventory.ListItems(ctx, &InventoryItemFilter{SKUIn: StringList{"A,B"}}))
		}, []string{"sku:in", "contains a comma"}},
		{"empty include value", func(ctx context.Context, c *Client) error {
			return errOnly(c.Orders.List(ctx, &OrderFilter{Include: StringList{""}}))
		}, []string{"include", "empty value"}},
		{"escape hatch filter", func(ctx context.Context, c *Client) error {
			_, err := c.NewRequest(ctx, http.MethodGet, "/v3/customers", &CustomerFilter{IDIn: IntList{0}}, nil)
			return err
		}, []string{"GET /v3/customers", "id:in"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assertRefused(t, tt.call(t.Context(), refusingClient(t)), tt.want...)
		})
	}
}

// TestListZeroWhereItMeansSomething: 0 is a real value in the
// customer_group_id and inventory_level lists, and is sent.
func TestListZeroWhereItMeansSomething(t *testing.T) {
	c, mt := newTestClient(t)
	customers := mockJSON(mt, http.MethodGet, "/v3/customers", http.StatusOK, []byte(`{"data":[],"meta":{}}`))
	products := mockJSON(mt, http.MethodGet, "/v3/catalog/products", http.StatusOK, []byte(`{"data":[],"meta":{}}`))
	if _, _, err := c.Customers.List(t.Context(), &CustomerFilter{CustomerGroupIDIn: IntList{0, 2}}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Products.List(t.Context(), &ProductFilter{InventoryLevelIn: IntList{0}, InventoryLevelNotIn: IntList{0}}); err != nil {
		t.Fatal(err)
	}
	if got := customers.last(t).Raw; got != "customer_group_id:in=0,2" {
		t.Errorf("customers query = %q", got)
	}
	if got := products.last(t).Raw; got != "inventory_level:in=0&inventory_level:not_in=0" {
		t.Errorf("products query = %q", got)
	}
}

// TestCustomerCreateAddressLimit: customer_Post allows at most 10
// addresses and 10 attribute values per customer.
func TestCustomerCreateAddressLimit(t *testing.T) {
	address := AddressCreate{FirstName: "Jane", LastName: "Doe", Address1: "1 Main St", City: "Austin", CountryCode: "US"}
	customer := func(addresses, attributes int) CustomerCreate {
		c := CustomerCreate{Email: "jane@example.com", FirstName: "Jane", LastName: "Doe"}
		for range addresses {
			c.Addresses = append(c.Addresses, address)
		}
		for i := range attributes {
			c.Attributes = append(c.Attributes, CustomerAttributeCreate{AttributeID: i + 1, AttributeValue: "v"})
		}
		return c
	}
	refused := []struct {
		name  string
		input []CustomerCreate
		want  []string
	}{
		{"11 addresses", []CustomerCreate{customer(11, 0)}, []string{"Customers.Create", "customer 0", "11 addresses", "at most 10"}},
		{"11 addresses on the second customer", []CustomerCreate{customer(1, 0), customer(11, 0)}, []string{"customer 1"}},
		{"11 attributes", []CustomerCreate{customer(0, 11)}, []string{"11 attribute values", "at most 10"}},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := refusingClient(t).Customers.CreateMany(t.Context(), tt.input)
			assertRefused(t, err, tt.want...)
		})
	}
	t.Run("10 addresses and 10 attributes are sent", func(t *testing.T) {
		c, mt := newTestClient(t)
		rec := mockJSON(mt, http.MethodPost, "/v3/customers", http.StatusOK, []byte(`{"data":[{"id":1}],"meta":{}}`))
		if _, _, err := c.Customers.CreateMany(t.Context(), []CustomerCreate{customer(10, 10)}); err != nil {
			t.Fatal(err)
		}
		var body []struct {
			Addresses  []json.RawMessage `json:"addresses"`
			Attributes []json.RawMessage `json:"attributes"`
		}
		if err := json.Unmarshal(rec.last(t).Body, &body); err != nil {
			t.Fatal(err)
		}
		if len(body) != 1 || len(body[0].Addresses) != 10 || len(body[0].Attributes) != 10 {
			t.Errorf("sent %s", rec.last(t).Body)
		}
	})
}

// TestNewClientRefusesPastedCredentials: a secret with whitespace or a
// line break is refused at NewClient, without printing it.
func TestNewClientRefusesPastedCredentials(t *testing.T) {
	const secret = "s3cr3t-token"
	tests := []struct {
		name string
		auth Authenticator
		want string
	}{
		{"trailing newline", TokenAuth{AccessToken: secret + "\n"}, "TokenAuth.AccessToken starts or ends with whitespace"},
		{"CRLF", TokenAuth{AccessToken: secret + "\r\n"}, "TokenAuth.AccessToken"},
		{"leading space", TokenAuth{AccessToken: " " + secret}, "starts or ends with"},
		{"tab inside", TokenAuth{AccessToken: "s3cr3t\ttoken"}, "TokenAuth.AccessToken contains whitespace"},
		{"pointer", &TokenAuth{AccessToken: secret + " "}, "TokenAuth.AccessToken"},
		{"client id", TokenAuth{AccessToken: secret, ClientID: "id\n"}, "TokenAuth.ClientID"},
		{"basic token", BasicAuth{Username: "admin", APIToken: secret + "\n"}, "BasicAuth.APIToken"},
		{"basic username", BasicAuth{Username: "admin\n", APIToken: secret}, "BasicAuth.Username"},
		{"oauth token", &OAuthToken{AccessToken: "\n" + secret}, "OAuthToken.AccessToken"},
		{"control character", TokenAuth{AccessToken: "s3cr3t\x00token"}, "control character"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient("abc123", tt.auth)
			if err == nil {
				t.Fatalf("NewClient accepted the credential (%s)", c.BaseURL())
			}
			assertRefused(t, err, tt.want, "strings.TrimSpace")
			if strings.Contains(err.Error(), "s3cr3t") {
				t.Errorf("error %q shows the secret", err)
			}
		})
	}
}

// TestNewClientSuggestsTheStoreHash: a pasted API path, context or store
// host is refused with the hash to pass instead.
func TestNewClientSuggestsTheStoreHash(t *testing.T) {
	tests := []struct{ input, want string }{
		{"https://api.bigcommerce.com/stores/abc123/v3/", `pass "abc123"`},
		{"https://api.bigcommerce.com/stores/abc123", `pass "abc123"`},
		{"api.bigcommerce.com/stores/abc123/v2", `pass "abc123"`},
		{"stores/abc123", `pass "abc123"`},
		{"/stores/abc123/", `pass "abc123"`},
		{"https://store-abc123.mybigcommerce.com/api/v2/", `pass "abc123"`},
		{"ABC123", `pass "abc123"`},
		{" abc123\n", `pass "abc123"`},
		{"abc-123", "is malformed"},
		{"stores/", "is malformed"},
	}
	for _, tt := range tests {
		t.Run(tt.input, func(t *testing.T) {
			_, err := NewClient(tt.input, TokenAuth{AccessToken: "tok"})
			assertRefused(t, err, "NewClient", tt.want)
		})
	}
}

// TestOrderLineMoneyIsJSONNumber: orderProducts_Post and _Put type the
// line money as number; it is sent as a JSON number with every digit, and
// a nil field is left out.
func TestOrderLineMoneyIsJSONNumber(t *testing.T) {
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	tests := []struct {
		name string
		v    any
		want string
	}{
		{"create, all money", OrderProductCreate{Quantity: 1, PriceIncTax: d("10.9876"), PriceExTax: d("10"), WrappingCostExTax: d("0.5"), WrappingCostIncTax: d("0.55")},
			`{"quantity":1,"price_inc_tax":10.9876,"price_ex_tax":10,"wrapping_cost_ex_tax":0.5,"wrapping_cost_inc_tax":0.55}`},
		{"create, no money", OrderProductCreate{ProductID: Ptr(3), Quantity: 2}, `{"product_id":3,"quantity":2}`},
		{"create, zero price", OrderProductCreate{Quantity: 1, PriceIncTax: d("0")}, `{"quantity":1,"price_inc_tax":0}`},
		{"update, all money", OrderProductUpdate{ID: Ptr(7), PriceIncTax: d("99999999.99"), PriceExTax: d("-1.5"), WrappingCostExTax: d("1"), WrappingCostIncTax: d("1.1")},
			`{"id":7,"price_inc_tax":99999999.99,"price_ex_tax":-1.5,"wrapping_cost_ex_tax":1,"wrapping_cost_inc_tax":1.1}`},
		{"update, remove line", OrderProductUpdate{ID: Ptr(7), Quantity: Ptr(0)}, `{"id":7,"quantity":0}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := json.Marshal(tt.v)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("JSON\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
	t.Run("through Orders.Update", func(t *testing.T) {
		c, mt := newTestClient(t)
		rec := mockJSON(mt, http.MethodPut, "/v2/orders/5", http.StatusOK, []byte(`{"id":5}`))
		_, _, err := c.Orders.Update(t.Context(), 5, OrderUpdate{Products: []OrderProductUpdate{{Name: Ptr("Poster"), Quantity: Ptr(1), PriceIncTax: d("10.98"), PriceExTax: d("10")}}})
		if err != nil {
			t.Fatal(err)
		}
		assertJSONBody(t, rec.last(t).Body, `{"products":[{"name":"Poster","quantity":1,"price_inc_tax":10.98,"price_ex_tax":10}]}`)
	})
}

// TestOrdersCountSendsOnlyDocumentedParameters: /v2/orders/count documents
// the filters but not page, limit, sort, include or consignment_structure.
func TestOrdersCountSendsOnlyDocumentedParameters(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/orders/count", http.StatusOK, fixture(t, "orders/count.json"))
	day := time.Date(2024, 5, 14, 9, 34, 0, 0, time.UTC)
	f := &OrderFilter{MinID: 1, MaxID: 9, MinTotal: Ptr(dec("1.5")), CustomerID: Ptr(0), StatusID: Ptr(OrderStatusID(11)), Email: "a@example.com",
		CartID: "c", PaymentMethod: "Cash", MinDateCreated: day, MaxDateModified: day, ChannelID: 2, ExternalOrderID: "x",
		Sort: OrderSortDateCreatedDesc, Include: StringList{OrderIncludeFees}, ConsignmentStructure: "object", Page: 3, Limit: 10}
	if _, _, err := c.Orders.Count(t.Context(), f); err != nil {
		t.Fatal(err)
	}
	want := "cart_id=c&channel_id=2&customer_id=0&email=a%40example.com&external_order_id=x&max_date_modified=Tue,+14+May+2024+09:34:00+%2B0000" +
		"&max_id=9&min_date_created=Tue,+14+May+2024+09:34:00+%2B0000&min_id=1&min_total=1.5&payment_method=Cash&status_id=11"
	if got := rec.last(t).Raw; got != want {
		t.Errorf("query\n got: %s\nwant: %s", got, want)
	}
	if f.Page != 3 || f.Sort != OrderSortDateCreatedDesc {
		t.Errorf("Count modified the caller's filter: %+v", f)
	}
}

// TestProductDateFiltersSentAsDates: the filters the spec declares
// format: date go out as YYYY-MM-DD, in the time's own location; the
// :min/:max of date_modified (a plain string there) keep the full time.
func TestProductDateFiltersSentAsDates(t *testing.T) {
	late := time.Date(2025, 1, 15, 23, 30, 0, 0, time.FixedZone("PST", -8*3600))
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/catalog/products", http.StatusOK, []byte(`{"data":[],"meta":{}}`))
	f := &ProductFilter{DateModified: late, DateModifiedMin: late, DateLastImported: late, DateLastImportedNot: late.UTC(),
		DateLastImportedMin: late, DateLastImportedMax: late}
	if _, _, err := c.Products.List(t.Context(), f); err != nil {
		t.Fatal(err)
	}
	q := rec.last(t).Query
	for key, want := range map[string]string{
		"date_modified":          "2025-01-15",
		"date_last_imported":     "2025-01-15",
		"date_last_imported:not": "2025-01-16", // the same instant, in UTC
		"date_last_imported:min": "2025-01-15",
		"date_last_imported:max": "2025-01-15",
		"date_modified:min":      "2025-01-15T23:30:00-08:00",
	} {
		if got := q.Get(key); got != want {
			t.Errorf("%s = %q, want %q", key, got, want)
		}
	}
}

// TestProductDateLastImportedLenient: a date_last_imported that is not a
// date (the spec types it as a plain string) does not fail the page; the
// text is kept in Raw.
func TestProductDateLastImportedLenient(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v3/catalog/products", http.StatusOK, []byte(`{"data":[
		{"id":1,"date_last_imported":"2022-01-27T20:17:47+00:00"},
		{"id":2,"date_last_imported":"Never"},
		{"id":3,"date_last_imported":""},
		{"id":4,"date_last_imported":null},
		{"id":5,"date_last_imported":1643314667},
		{"id":6,"date_last_imported":"Thu, 27 Jan 2022 20:17:47 +0000"},
		{"id":7}
	],"meta":{}}`))
	products, _, err := c.Products.List(t.Context(), nil)
	if err != nil {
		t.Fatalf("one odd date failed the page: %v", err)
	}
	when := time.Date(2022, 1, 27, 20, 17, 47, 0, time.UTC)
	want := []struct {
		raw  string
		time time.Time
	}{
		{"2022-01-27T20:17:47+00:00", when}, {"Never", time.Time{}}, {"", time.Time{}}, {"", time.Time{}},
		{"1643314667", time.Time{}}, {"Thu, 27 Jan 2022 20:17:47 +0000", when}, {"", time.Time{}},
	}
	if len(products) != len(want) {
		t.Fatalf("got %d products, want %d", len(products), len(want))
	}
	for i, w := range want {
		got := products[i].DateLastImported
		if got.Raw != w.raw || !got.Equal(w.time) {
			t.Errorf("product %d: DateLastImported = {%v, Raw %q}, want {%v, Raw %q}", products[i].ID, got.Time, got.Raw, w.time, w.raw)
		}
	}
}

// TestLenientTimeRoundTrip: a decoded value marshals back to what was
// read; a value set in Go marshals as RFC 3339.
func TestLenientTimeRoundTrip(t *testing.T) {
	tests := []struct{ in, out string }{
		{`"Never"`, `"Never"`},
		{`"2022-01-27T20:17:47Z"`, `"2022-01-27T20:17:47Z"`},
		{`null`, `""`},
		{`12`, `"12"`},
	}
	for _, tt := range tests {
		var lt LenientTime
		if err := json.Unmarshal([]byte(tt.in), &lt); err != nil {
			t.Fatalf("%s: %v", tt.in, err)
		}
		got, err := json.Marshal(lt)
		if err != nil || string(got) != tt.out {
			t.Errorf("%s round trip = %s, %v; want %s", tt.in, got, err, tt.out)
		}
	}
	set, _ := json.Marshal(LenientTime{Time: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)})
	if string(set) != `"2024-01-02T03:04:05Z"` {
		t.Errorf("set in Go = %s", set)
	}
}

// FuzzLenientTime: decoding any JSON value never fails, and a value that
// ParseTime reads sets the time.
func FuzzLenientTime(f *testing.F) {
	for _, s := range []string{`"2022-01-27T20:17:47+00:00"`, `"Never"`, `""`, `null`, `12`, `{"a":1}`, `[1]`, `"Thu, 27 Jan 2022 20:17:47 +0000"`, `"2024-02-30"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		if !json.Valid([]byte(in)) {
			return
		}
		var p Product
		doc := `{"id":1,"date_last_imported":` + in + `}`
		if err := json.Unmarshal([]byte(doc), &p); err != nil {
			t.Fatalf("product with date_last_imported %s failed to decode: %v", in, err)
		}
		var s string
		if json.Unmarshal([]byte(in), &s) == nil {
			if p.DateLastImported.Raw != s {
				t.Errorf("Raw = %q, want %q", p.DateLastImported.Raw, s)
			}
			if want, err := ParseTime(s); err == nil && !p.DateLastImported.Equal(want) {
				t.Errorf("Time = %v, want %v", p.DateLastImported.Time, want)
			}
		}
	})
}

// TestNewRequestRefusalsMatchErrInvalidRequest: the escape hatch's own
// refusals are *ValidationErrors too.
func TestNewRequestRefusalsMatchErrInvalidRequest(t *testing.T) {
	c := refusingClient(t)
	tests := []struct {
		name         string
		method, path string
		body         any
		want         string
	}{
		{"relative path", http.MethodGet, "v2/orders", nil, "must start with /"},
		{"unencodable body", http.MethodPost, "/v2/orders", func() {}, "POST /v2/orders: encoding body"},
		{"adjustment without identity", http.MethodPut, "/v3/inventory/adjustments/absolute", []InventoryAdjustment{{LocationID: 1}}, "encoding body"},
		{"bad method", "BAD METHOD", "/v2/orders", nil, "invalid method"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.NewRequest(t.Context(), tt.method, tt.path, nil, tt.body)
			assertRefused(t, err, tt.want)
		})
	}
}
