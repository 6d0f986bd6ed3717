package bigcommercetest

import (
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// call is the state of one request while it is being served.
type call struct {
	s        *Store
	r        *http.Request
	rel      string // path after /stores/{hash} or /api, e.g. "/v3/customers"
	legacy   bool   // served under /api (HTTP Basic)
	prefixOK bool   // path starts with a known prefix and the right store hash
	v2       bool   // V2 route (error shape is a JSON array)
	problem  bool   // V3 errors as application/problem+json (inventory, locations)
	params   []int  // numeric path parameters, in order
	query    url.Values
	body     []byte
	boundary string // the multipart boundary of a form post; "" for JSON
	resp     result
	acct     *Account // the token's API account; nil for the legacy Basic account
}

// locate splits the request path into prefix and route path and decides the
// error shape.
func (c *call) locate() {
	p := c.r.URL.Path
	switch {
	case strings.HasPrefix(p, "/stores/"):
		rest := p[len("/stores/"):]
		hash, tail, _ := strings.Cut(rest, "/")
		c.rel = "/" + tail
		c.prefixOK = hash == c.s.cfg.StoreHash
	case strings.HasPrefix(p, "/api/"):
		c.rel = p[len("/api"):]
		c.legacy = true
		c.prefixOK = true
	default:
		c.rel = p
	}
	if len(c.rel) > 1 {
		c.rel = strings.TrimSuffix(c.rel, "/")
	}
	c.v2 = !strings.HasPrefix(c.rel, "/v3/") && c.rel != "/v3"
	c.problem = strings.HasPrefix(c.rel, "/v3/inventory")
	c.query = c.r.URL.Query()
}

// readBody reads the request body and enforces the JSON content type.
func (c *call) readBody() bool {
	if c.r.Body == nil {
		return true
	}
	b, err := io.ReadAll(io.LimitReader(c.r.Body, maxBody+1))
	if err != nil {
		c.errorStatus(http.StatusBadRequest, "The request body could not be read.")
		return false
	}
	if len(b) > maxBody {
		c.errorStatus(http.StatusRequestEntityTooLarge, "The request payload is too large.")
		return false
	}
	c.body = b
	if len(b) == 0 {
		return true
	}
	mt, params, err := mime.ParseMediaType(c.r.Header.Get("Content-Type"))
	if err == nil && mt == "multipart/form-data" && params["boundary"] != "" {
		c.boundary = params["boundary"] // an image upload (resources.go)
		return true
	}
	if err != nil || mt != "application/json" {
		c.errorStatus(http.StatusUnsupportedMediaType, "The request's Content-Type is not supported. Use application/json.")
		return false
	}
	return true
}

// route is one entry of the routing table. A "#" segment matches a numeric
// path parameter, a "*" segment any one segment.
type route struct {
	method  string
	pattern []string
	handle  func(*call)
}

// routes is the routing table, built once.
var routes = buildRoutes()

// handRoutes are the method and pattern of the hand-written routes, which
// win over a generated route for the same operation.
var handRoutes = map[string]bool{}

func buildRoutes() []route {
	var rs []route
	add := func(method, pattern string, h func(*call)) {
		rs = append(rs, route{method: method, pattern: strings.Split(strings.Trim(pattern, "/"), "/"), handle: h})
	}
	// Store information.
	add("GET", "/v2/store", (*call).getStore)
	add("GET", "/v2/time", (*call).getTime)

	// Webhooks V3 (webhooks.go).
	add("GET", "/v3/hooks", (*call).listHooks)
	add("POST", "/v3/hooks", (*call).createHook)
	add("GET", "/v3/hooks/#", (*call).getHook)
	add("PUT", "/v3/hooks/#", (*call).updateHook)
	add("DELETE", "/v3/hooks/#", (*call).deleteHook)

	// Customers V3.
	add("GET", "/v3/customers", (*call).listCustomers)
	add("POST", "/v3/customers", (*call).createCustomers)
	add("PUT", "/v3/customers", (*call).updateCustomers)
	add("DELETE", "/v3/customers", (*call).deleteCustomers)
	add("GET", "/v3/customers/addresses", (*call).listAddresses)
	add("POST", "/v3/customers/addresses", (*call).createAddresses)
	add("PUT", "/v3/customers/addresses", (*call).updateAddresses)
	add("DELETE", "/v3/customers/addresses", (*call).deleteAddresses)

	// Catalog V3.
	add("GET", "/v3/catalog/products", (*call).listProducts)
	add("POST", "/v3/catalog/products", (*call).createProduct)
	add("PUT", "/v3/catalog/products", (*call).updateProductsBatch)
	add("DELETE", "/v3/catalog/products", (*call).deleteProducts)
	add("GET", "/v3/catalog/products/#", (*call).getProduct)
	add("PUT", "/v3/catalog/products/#", (*call).updateProduct)
	add("DELETE", "/v3/catalog/products/#", (*call).deleteProduct)
	add("GET", "/v3/catalog/products/#/variants", (*call).listProductVariants)
	add("POST", "/v3/catalog/products/#/variants", (*call).createVariant)
	add("GET", "/v3/catalog/products/#/variants/#", (*call).getVariant)
	add("PUT", "/v3/catalog/products/#/variants/#", (*call).updateVariant)
	add("DELETE", "/v3/catalog/products/#/variants/#", (*call).deleteVariant)
	add("GET", "/v3/catalog/variants", (*call).listVariants)
	add("PUT", "/v3/catalog/variants", (*call).updateVariantsBatch)

	// Orders V2 and V3 transactions.
	add("GET", "/v2/orders", (*call).listOrders)
	add("POST", "/v2/orders", (*call).createOrder)
	add("DELETE", "/v2/orders", (*call).deleteAllOrders)
	add("GET", "/v2/orders/count", (*call).countOrders)
	add("GET", "/v2/orders/#", (*call).getOrder)
	add("PUT", "/v2/orders/#", (*call).updateOrder)
	add("DELETE", "/v2/orders/#", (*call).archiveOrder)
	add("GET", "/v2/orders/#/products", (*call).listOrderProducts)
	add("GET", "/v2/orders/#/products/#", (*call).getOrderProduct)
	add("GET", "/v2/orders/#/shipping_addresses", (*call).listOrderShippingAddresses)
	add("GET", "/v2/orders/#/shippingaddresses", (*call).listOrderShippingAddresses)
	add("GET", "/v2/orders/#/shipping_addresses/#", (*call).getOrderShippingAddress)
	add("GET", "/v2/orders/#/shippingaddresses/#", (*call).getOrderShippingAddress)
	add("GET", "/v2/orders/#/coupons", (*call).listOrderCoupons)
	add("GET", "/v2/orders/#/shipments", (*call).listShipments)
	add("POST", "/v2/orders/#/shipments", (*call).createShipment)
	add("GET", "/v2/orders/#/shipments/count", (*call).countShipments)
	add("GET", "/v2/orders/#/shipments/#", (*call).getShipment)
	add("PUT", "/v2/orders/#/shipments/#", (*call).updateShipment)
	add("DELETE", "/v2/orders/#/shipments/#", (*call).deleteShipment)
	add("GET", "/v2/order_statuses", (*call).listOrderStatuses)
	add("GET", "/v2/order_statuses/#", (*call).getOrderStatus)
	add("GET", "/v3/orders/#/transactions", (*call).listTransactions)

	// Inventory and locations V3.
	add("PUT", "/v3/inventory/adjustments/absolute", (*call).adjustAbsolute)
	add("POST", "/v3/inventory/adjustments/relative", (*call).adjustRelative)
	add("GET", "/v3/inventory/items", (*call).listInventoryItems)
	add("GET", "/v3/inventory/locations/#/items", (*call).listLocationItems)
	add("PUT", "/v3/inventory/locations/#/items", (*call).updateLocationItems)
	add("GET", "/v3/inventory/locations", (*call).listLocations)
	add("POST", "/v3/inventory/locations", (*call).createLocations)
	add("PUT", "/v3/inventory/locations", (*call).updateLocations)
	add("DELETE", "/v3/inventory/locations", (*call).deleteLocations)

	// Customer groups, payment methods, brands, category trees, price
	// lists and channels.
	add("GET", "/v2/customer_groups", (*call).listCustomerGroups)
	add("POST", "/v2/customer_groups", (*call).createCustomerGroup)
	add("GET", "/v2/customer_groups/count", (*call).countCustomerGroups)
	add("GET", "/v2/customer_groups/#", (*call).getCustomerGroup)
	add("PUT", "/v2/customer_groups/#", (*call).updateCustomerGroup)
	add("DELETE", "/v2/customer_groups/#", (*call).deleteCustomerGroup)
	add("GET", "/v2/payments/methods", (*call).listPaymentMethods)
	add("GET", "/v3/catalog/brands", (*call).listBrands)
	add("POST", "/v3/catalog/brands", (*call).createBrand)
	add("DELETE", "/v3/catalog/brands", (*call).deleteBrands)
	add("GET", "/v3/catalog/brands/#", (*call).getBrand)
	add("PUT", "/v3/catalog/brands/#", (*call).updateBrand)
	add("DELETE", "/v3/catalog/brands/#", (*call).deleteBrand)
	add("GET", "/v3/catalog/trees", (*call).listTrees)
	add("PUT", "/v3/catalog/trees", (*call).upsertTrees)
	add("DELETE", "/v3/catalog/trees", (*call).deleteTrees)
	add("GET", "/v3/catalog/trees/categories", (*call).listTreeCategories)
	add("POST", "/v3/catalog/trees/categories", (*call).createTreeCategories)
	add("PUT", "/v3/catalog/trees/categories", (*call).updateTreeCategories)
	add("DELETE", "/v3/catalog/trees/categories", (*call).deleteTreeCategories)
	add("GET", "/v3/catalog/trees/#/categories", (*call).getCategoryTree)
	add("GET", "/v3/pricelists", (*call).listPriceLists)
	add("POST", "/v3/pricelists", (*call).createPriceList)
	add("DELETE", "/v3/pricelists", (*call).deletePriceLists)
	add("GET", "/v3/pricelists/assignments", (*call).listPriceAssignments)
	add("POST", "/v3/pricelists/assignments", (*call).createPriceAssignments)
	add("DELETE", "/v3/pricelists/assignments", (*call).deletePriceAssignments)
	add("GET", "/v3/pricelists/#", (*call).getPriceList)
	add("PUT", "/v3/pricelists/#", (*call).updatePriceList)
	add("DELETE", "/v3/pricelists/#", (*call).deletePriceList)
	add("GET", "/v3/pricelists/#/records", (*call).listPriceRecords)
	add("PUT", "/v3/pricelists/#/records", (*call).upsertPriceRecords)
	add("DELETE", "/v3/pricelists/#/records", (*call).deletePriceRecords)
	add("GET", "/v3/channels", (*call).listChannels)
	add("POST", "/v3/channels", (*call).createChannel)
	add("GET", "/v3/channels/#", (*call).getChannel)
	add("PUT", "/v3/channels/#", (*call).updateChannel)
	add("GET", "/v3/channels/#/listings", (*call).listListings)
	add("POST", "/v3/channels/#/listings", (*call).createListings)
	add("PUT", "/v3/channels/#/listings", (*call).updateListings)
	add("GET", "/v3/channels/#/listings/#", (*call).getListing)

	// The generated areas (resources.go), after the hand-written routes so
	// that those win where both match.
	hand := len(rs)
	for _, r := range generatedRoutes {
		add(r.method, genPattern(r), genHandler(r))
	}
	for _, r := range rs[:hand] {
		handRoutes[r.method+" /"+strings.Join(r.pattern, "/")] = true
	}
	return rs
}

// route dispatches the request to its handler, or answers 404/405.
func (s *Store) route(c *call) {
	if c.legacy && !c.v2 {
		c.notFound() // the legacy host serves V2 only
		return
	}
	segs := strings.Split(strings.Trim(c.rel, "/"), "/")
	pathMatched := false
	for _, rt := range routes {
		params, ok := matchPattern(rt.pattern, segs)
		if !ok {
			continue
		}
		pathMatched = true
		if rt.method != c.r.Method && (c.r.Method != http.MethodHead || rt.method != http.MethodGet) {
			continue
		}
		c.params = params
		rt.handle(c)
		return
	}
	if pathMatched {
		c.errorStatus(http.StatusMethodNotAllowed, "The requested method is not allowed for this resource.")
		return
	}
	c.notFound()
}

// matchPattern matches path segments against a pattern and returns the
// numeric parameters.
func matchPattern(pattern, segs []string) ([]int, bool) {
	if len(pattern) != len(segs) {
		return nil, false
	}
	var params []int
	for i, p := range pattern {
		if p == "*" {
			continue // a text parameter (a code, a namespace)
		}
		if p == "#" {
			n, err := strconv.Atoi(segs[i])
			if err != nil || n < 0 || segs[i][0] == '+' {
				return nil, false
			}
			params = append(params, n)
			continue
		}
		if p != segs[i] {
			return nil, false
		}
	}
	return params, true
}
