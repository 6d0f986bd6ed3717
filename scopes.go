package bigcommerce

import (
	"net/http"
	"strings"
)

// Scope is an OAuth scope of a BigCommerce API account or app. Each
// read-write scope also grants reading.
type Scope string

// The scopes the SDK's services need.
const (
	ScopeCustomers                Scope = "store_v2_customers"
	ScopeCustomersReadOnly        Scope = "store_v2_customers_read_only"
	ScopeProducts                 Scope = "store_v2_products"
	ScopeProductsReadOnly         Scope = "store_v2_products_read_only"
	ScopeOrders                   Scope = "store_v2_orders"
	ScopeOrdersReadOnly           Scope = "store_v2_orders_read_only"
	ScopeTransactions             Scope = "store_v2_transactions"
	ScopeTransactionsReadOnly     Scope = "store_v2_transactions_read_only"
	ScopeInventory                Scope = "store_inventory"
	ScopeInventoryReadOnly        Scope = "store_inventory_read_only"
	ScopeLocations                Scope = "store_locations"
	ScopeLocationsReadOnly        Scope = "store_locations_read_only"
	ScopeStoreInformation         Scope = "store_v2_information"
	ScopeStoreInformationReadOnly Scope = "store_v2_information_read_only"
	ScopeChannelSettings          Scope = "store_channel_settings"
	ScopeChannelSettingsReadOnly  Scope = "store_channel_settings_read_only"
	ScopeChannelListings          Scope = "store_channel_listings"
	ScopeChannelListingsReadOnly  Scope = "store_channel_listings_read_only"
	// ScopePaymentMethodsRead reads the V2 payment methods; it has no
	// read-write twin (methods_payments.v2.yml lists it under the UI name
	// "Information & Settings", read-only).
	ScopePaymentMethodsRead Scope = "store_payments_methods_read"
)

// scopeRoutes maps API path prefixes to the read-write scope and its
// read-only twin, most specific first.
var scopeRoutes = []struct {
	prefix          string
	write, readOnly Scope
}{
	{"/v3/orders/", ScopeTransactions, ScopeTransactionsReadOnly}, // transactions, refunds
	{"/v3/inventory/locations", ScopeLocations, ScopeLocationsReadOnly},
	{"/v3/inventory", ScopeInventory, ScopeInventoryReadOnly},
	{"/v3/customers", ScopeCustomers, ScopeCustomersReadOnly},
	{"/v2/customers", ScopeCustomers, ScopeCustomersReadOnly},
	{"/v2/customer_groups", ScopeCustomers, ScopeCustomersReadOnly},
	{"/v3/catalog", ScopeProducts, ScopeProductsReadOnly}, // products, brands, category trees
	{"/v3/pricelists", ScopeProducts, ScopeProductsReadOnly},
	{"/v3/channels/listings", ScopeChannelListings, ScopeChannelListingsReadOnly}, // see RequiredScope
	{"/v3/channels", ScopeChannelSettings, ScopeChannelSettingsReadOnly},
	{"/v2/payments/methods", ScopePaymentMethodsRead, ScopePaymentMethodsRead},
	{"/v2/orders", ScopeOrders, ScopeOrdersReadOnly},
	{"/v2/order_statuses", ScopeOrders, ScopeOrdersReadOnly},
	{"/v2/store", ScopeStoreInformation, ScopeStoreInformationReadOnly},
	{"/v2/time", ScopeStoreInformation, ScopeStoreInformationReadOnly},
}

// RequiredScope returns the least OAuth scope a call needs: the read-only
// scope for GET and HEAD, the read-write scope otherwise. It returns "" for
// paths it does not know (and for webhooks, which need no scope).
func RequiredScope(method, path string) Scope {
	read := method == http.MethodGet || method == http.MethodHead
	// The manifest names the scope of each operation it lists exactly
	// (method and path), so that table comes first.
	for _, s := range generatedScopes {
		if s.matches(method, path) {
			if read {
				return s.readOnly
			}
			return s.write
		}
	}
	// /v3/inventory/locations/{id}/items belongs to the Inventory API
	// (inventory.v3.yml: store_inventory), not to Locations.
	if strings.HasPrefix(path, "/v3/inventory/locations/") && strings.HasSuffix(path, "/items") {
		path = "/v3/inventory/items"
	}
	// A channel's listings (/v3/channels/{id}/listings[/{listing_id}]) need
	// the Channel Listings scope, the channel itself Channel Settings.
	if rest, ok := strings.CutPrefix(path, "/v3/channels/"); ok {
		if _, sub, _ := strings.Cut(rest, "/"); sub == "listings" || strings.HasPrefix(sub, "listings/") {
			path = "/v3/channels/listings"
		}
	}
	for _, r := range scopeRoutes {
		if strings.HasPrefix(path, r.prefix) {
			if read {
				return r.readOnly
			}
			return r.write
		}
	}
	return ""
}

// opScope is the scope of one generated operation: its method and path
// pattern, a {name} segment matching any one segment.
type opScope struct {
	method, pattern string
	write, readOnly Scope
}

func (s opScope) matches(method, path string) bool {
	if method == http.MethodHead {
		method = http.MethodGet
	}
	if method != s.method {
		return false
	}
	want := strings.Split(s.pattern, "/")
	got := strings.Split(path, "/")
	if len(want) != len(got) {
		return false
	}
	for i, w := range want {
		if w != got[i] && !(strings.HasPrefix(w, "{") && got[i] != "") {
			return false
		}
	}
	return true
}

// readOnlySuffix ends the name of every read-only scope.
const readOnlySuffix = "_read_only"

// Scopes is a set of granted OAuth scopes, in the order BigCommerce listed
// them, as ParseScopes returns it.
type Scopes []Scope

// ParseScopes parses the scopes BigCommerce grants an app, as the auth
// callback's scope parameter and the token response list them: names
// separated by spaces (a "+" or "," separator, from a query string decoded
// by hand, is accepted too). Duplicates are dropped.
func ParseScopes(granted string) Scopes {
	fields := strings.FieldsFunc(granted, func(r rune) bool {
		return r == ' ' || r == '+' || r == ',' || r == '\t' || r == '\n' || r == '\r'
	})
	out := make(Scopes, 0, len(fields))
	seen := make(map[Scope]bool, len(fields))
	for _, f := range fields {
		s := Scope(f)
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Has reports whether s grants want: want itself, or, for a read-only
// scope, its read-write twin (store_v2_orders grants
// store_v2_orders_read_only). An empty want is always granted.
func (s Scopes) Has(want Scope) bool {
	if want == "" {
		return true
	}
	write, isReadOnly := strings.CutSuffix(string(want), readOnlySuffix)
	for _, g := range s {
		if g == want || (isReadOnly && string(g) == write) {
			return true
		}
	}
	return false
}

// Missing returns the scopes of want that s does not grant, in want's order;
// an app can check them right after the token exchange.
func (s Scopes) Missing(want ...Scope) []Scope {
	var out []Scope
	for _, w := range want {
		if !s.Has(w) {
			out = append(out, w)
		}
	}
	return out
}

// String joins the scopes with spaces, as BigCommerce writes them.
func (s Scopes) String() string {
	parts := make([]string, len(s))
	for i, sc := range s {
		parts[i] = string(sc)
	}
	return strings.Join(parts, " ")
}
