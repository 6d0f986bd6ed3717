package bigcommercetest

import (
	"net/http"
	"slices"
	"strings"
)

// Account is an API account of the store: an access token, its client id
// and the OAuth scopes it was granted.
type Account struct {
	// AccessToken is the X-Auth-Token value of the account. Required.
	AccessToken string
	// ClientID is the account's client id, the client_id of the webhooks
	// it creates. Default "fake-client-id".
	ClientID string
	// Scopes are the account's OAuth scopes, such as "store_v2_products".
	// A read-write scope also grants its _read_only twin. Nil grants every
	// scope; an empty non-nil slice grants none.
	Scopes []string
}

// AddAccount adds an API account (or replaces the one with the same access
// token), so that tests can call the store with several credentials, each
// with its own scopes and webhooks. An Account without AccessToken is
// ignored: no request could use it.
func (s *Store) AddAccount(a Account) {
	if a.AccessToken == "" {
		return
	}
	if a.ClientID == "" {
		a.ClientID = "fake-client-id"
	}
	a.Scopes = cloneScopes(a.Scopes)
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.accounts[a.AccessToken] = a
}

// account returns the account of an access token.
func (s *Store) account(token string) (Account, bool) {
	if token == "" {
		return Account{}, false
	}
	s.ctl.Lock()
	defer s.ctl.Unlock()
	for tok, a := range s.accounts {
		if equal(token, tok) {
			return a, true
		}
	}
	return Account{}, false
}

// cloneScopes copies a scope list, keeping nil (every scope) apart from
// empty (none).
func cloneScopes(scopes []string) []string {
	if scopes == nil {
		return nil
	}
	return append([]string{}, scopes...)
}

// readOnlySuffix ends the name of every read-only scope.
const readOnlySuffix = "_read_only"

// scopeRoutes maps route prefixes (after /stores/{hash}) to the read-write
// scope that guards them, most specific first; reads need the read-only
// twin. It is the store's own table, written from the OpenAPI files'
// security sections and BigCommerce's scope list; routes it does not name
// (webhooks, and routes added later) need no scope.
var scopeRoutes = []struct {
	prefix string
	scope  string
}{
	{"/v3/hooks", ""}, // "accessible from the default scope"
	{"/v3/orders/", "store_v2_transactions"},
	{"/v3/inventory/locations/#/items", "store_inventory"}, // the Inventory API, not Locations
	{"/v3/inventory/locations", "store_locations"},
	{"/v3/inventory", "store_inventory"},
	{"/v3/customers", "store_v2_customers"},
	{"/v2/customers", "store_v2_customers"},
	{"/v2/customer_groups", "store_v2_customers"},
	{"/v3/catalog", "store_v2_products"},
	{"/v2/orders", "store_v2_orders"},
	{"/v2/order_statuses", "store_v2_orders"},
	{"/v2/store", "store_v2_information"},
	{"/v2/time", "store_v2_information"},
}

// requiredScope returns the scope a request needs: the read-only scope for
// GET and HEAD, the read-write scope otherwise, "" for none.
func requiredScope(method, rel string) string {
	for _, r := range scopeRoutes {
		if !matchScopePrefix(r.prefix, rel) {
			continue
		}
		if r.scope == "" {
			return ""
		}
		if method == http.MethodGet || method == http.MethodHead {
			return r.scope + readOnlySuffix
		}
		return r.scope
	}
	return ""
}

// matchScopePrefix reports whether rel starts with prefix, where a "#"
// segment of prefix matches one path segment and a prefix containing "#"
// must match rel whole.
func matchScopePrefix(prefix, rel string) bool {
	if !strings.Contains(prefix, "#") {
		return strings.HasPrefix(rel, prefix)
	}
	ps := strings.Split(prefix, "/")
	rs := strings.Split(rel, "/")
	if len(ps) != len(rs) {
		return false
	}
	for i := range ps {
		if ps[i] != "#" && ps[i] != rs[i] {
			return false
		}
	}
	return true
}

// grants reports whether the scopes grant want (want itself, or for a
// read-only scope its read-write twin). Nil grants everything.
func grants(scopes []string, want string) bool {
	if scopes == nil || want == "" {
		return true
	}
	if slices.Contains(scopes, want) {
		return true
	}
	write, ok := strings.CutSuffix(want, readOnlySuffix)
	return ok && slices.Contains(scopes, write)
}

// forbiddenTitle is BigCommerce's title for a 403 caused by a missing scope.
const forbiddenTitle = "You don't have a required scope to access the endpoint"

// authorize checks the account's scopes against the route. On failure it
// answers 403 with the needed scope named and returns false. The legacy
// Basic account has no scopes to check.
func (s *Store) authorize(c *call) bool {
	if c.acct == nil {
		return true
	}
	need := requiredScope(c.r.Method, c.rel)
	if grants(c.acct.Scopes, need) {
		return true
	}
	if c.v2 {
		c.v2err(http.StatusForbidden, forbiddenTitle+": "+need)
		return false
	}
	c.v3err(http.StatusForbidden, forbiddenTitle, map[string]string{"scope": "requires " + need})
	return false
}
