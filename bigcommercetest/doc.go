// Package bigcommercetest is an in-memory, concurrency-safe imitation of the
// BigCommerce REST API, served as an [http.Handler]. It is meant for
// integration tests, runnable examples and benchmarks, and uses only the
// standard library.
//
// Start it with httptest.NewServer(store), or use [Store.Transport] to serve
// requests in-process without sockets (which also works inside
// testing/synctest bubbles). Fill it with [Store.Seed], inject failures with
// [Store.InjectFault] and [Store.FailSKU], and inspect it with
// [Store.Requests], [Store.RequestLog], [Store.StockAt] and the count
// accessors. Change it between requests, as other clients of a live store
// do, with [Store.BeforeRequest] and the Insert, Delete and Modify methods
// of orders, products and customers (mutate.go).
//
// # Routes
//
// Under /stores/{hash} (X-Auth-Token), and for V2 also under /api (HTTP
// Basic, the legacy API host):
//
//	GET    /v2/store, /v2/time
//	GET    /v3/customers                  POST|PUT|DELETE /v3/customers
//	GET    /v3/customers/addresses        POST|PUT|DELETE /v3/customers/addresses
//	GET    /v3/catalog/products           POST|PUT|DELETE /v3/catalog/products
//	GET|PUT|DELETE /v3/catalog/products/{id}
//	GET|POST       /v3/catalog/products/{id}/variants
//	GET|PUT|DELETE /v3/catalog/products/{id}/variants/{vid}
//	GET|PUT        /v3/catalog/variants
//	GET|POST|DELETE /v2/orders, GET /v2/orders/count
//	GET|PUT|DELETE /v2/orders/{id}
//	GET    /v2/orders/{id}/products[/{pid}], /v2/orders/{id}/shipping_addresses[/{aid}]
//	       (also spelt shippingaddresses), /v2/orders/{id}/coupons
//	GET|POST       /v2/orders/{id}/shipments, GET /v2/orders/{id}/shipments/count
//	GET|PUT|DELETE /v2/orders/{id}/shipments/{sid}
//	GET    /v2/order_statuses[/{id}]
//	GET    /v3/orders/{id}/transactions
//	PUT    /v3/inventory/adjustments/absolute
//	POST   /v3/inventory/adjustments/relative
//	GET    /v3/inventory/items
//	GET|PUT /v3/inventory/locations/{id}/items
//	GET|POST|PUT|DELETE /v3/inventory/locations
//
// # Behaviour
//
// Every request first counts against a fixed rate window (Config.Quota per
// Config.Window, starting at the first request); every response carries the
// X-Rate-Limit-* headers, and a spent quota answers 429 with X-Retry-After.
// Then come authentication (401), the content type of bodies (415) and
// routing (404/405, in the version's error shape: V3 objects, V2 arrays,
// application/problem+json for inventory and locations).
//
// V3 lists use the {data, meta:{pagination}} envelope with relative links,
// refuse unknown query parameters (422) and limits over the maximum (413).
// V2 lists are bare arrays and answer an empty page with 204 and no body.
// Destructive calls without a filter are refused (DELETE /v2/orders,
// DELETE /v3/catalog/products) or, as on the real API, do nothing
// (DELETE /v3/customers without id:in answers 204).
//
// # Differences from the real API
//
//   - Writes are applied at once: inventory adjustments are not
//     asynchronous, and creating an order does not change stock.
//   - Only the documented fields of the resources above exist; customer
//     attributes, form fields, metafields, channels, brands, categories,
//     price lists, coupons, refunds and webhooks are not modelled (include
//     values for them give empty lists).
//   - Orders take line items as products only (no consignments, fees or
//     coupons), and PUT /v2/orders/{id} cannot change line items.
//   - A date-only filter value means the whole day (from 00:00:00 for
//     lower bounds, to 23:59:59 UTC for upper bounds) rather than "now".
//   - Errors keep the documented shapes, but titles and messages are this
//     package's own wording; 406 for an unacceptable Accept header, 403 for
//     missing scopes and the legacy X-BC-ApiLimit-Remaining header are not
//     imitated.
package bigcommercetest
