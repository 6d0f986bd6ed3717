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
	{"/v3/catalog", ScopeProducts, ScopeProductsReadOnly},
	{"/v2/orders", ScopeOrders, ScopeOrdersReadOnly},
	{"/v2/order_statuses", ScopeOrders, ScopeOrdersReadOnly},
	{"/v2/store", ScopeStoreInformation, ScopeStoreInformationReadOnly},
	{"/v2/time", ScopeStoreInformation, ScopeStoreInformationReadOnly},
}

// RequiredScope returns the least OAuth scope a call needs: the read-only
// scope for GET and HEAD, the read-write scope otherwise. It returns "" for
// paths it does not know (and for webhooks, which need no scope).
func RequiredScope(method, path string) Scope {
	// /v3/inventory/locations/{id}/items belongs to the Inventory API
	// (inventory.v3.yml: store_inventory), not to Locations.
	if strings.HasPrefix(path, "/v3/inventory/locations/") && strings.HasSuffix(path, "/items") {
		path = "/v3/inventory/items"
	}
	for _, r := range scopeRoutes {
		if strings.HasPrefix(path, r.prefix) {
			if method == http.MethodGet || method == http.MethodHead {
				return r.readOnly
			}
			return r.write
		}
	}
	return ""
}
