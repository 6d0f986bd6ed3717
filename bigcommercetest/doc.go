// Package bigcommercetest is an in-memory, concurrency-safe imitation of a
// BigCommerce store's REST API, for testing code that uses the
// github.com/bigcommerce-go/bigcommerce SDK without a store, credentials or
// network. It is to this SDK what net/http/httptest is to net/http: start a
// store, point a client at it, run the code under test, then look at what
// the store holds.
//
// # Testing code that uses the SDK
//
// [NewServer] starts a store on a local listener; [WithSeed] fills it with
// realistic, deterministic data; [Server.Client] returns a
// bigcommerce.Client wired to it, built the way production code builds one
// (TokenAuth and the SDK's defaults) plus bigcommerce.WithBaseURL, with
// your options on top:
//
//	func TestRestock(t *testing.T) {
//		srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Products: 20}))
//		t.Cleanup(srv.Close)
//		client, err := srv.Client()
//		if err != nil {
//			t.Fatal(err)
//		}
//		if err := Restock(ctx, client); err != nil { // the code under test
//			t.Fatal(err)
//		}
//		if n, _ := srv.Store().StockAt(1, "SKU-1"); n != 10 { ... }
//	}
//
// Options set the rate window ([WithQuota]), latency ([WithLatency]),
// failures ([WithFaults]: 5xx, dropped connections, truncated bodies, 429
// without headers), and API accounts with chosen OAuth scopes
// ([WithScopes], [WithAccount]). During a test, [Server.Store] gives the
// [Store] to inspect ([Store.RequestLog], [Store.StockAt], the counts) or
// change ([Store.InjectFault], [Store.FailSKU], [Store.Seed]). To change it
// between requests, as other clients of a live store do (for export tests),
// use [Store.BeforeRequest] and the Insert, Delete and Modify methods of
// orders, products and customers.
//
// To serve the store yourself, [NewHandler] returns the [Store], an
// [http.Handler]: mount it on any server, or call it without sockets
// through [Store.Transport] and bigcommerce.WithHTTPClient (which also
// works inside testing/synctest bubbles, where rate-window waits pass on
// the fake clock). [New] and [Config] are the lower-level constructor.
//
// To test a webhook receiver or an app's callbacks, [SignWebhook] builds a
// delivery signed as BigCommerce signs it ([WebhookDelivery.Deliver] POSTs
// it to a handler), and [SignPayloadJWT] and [SignPayload] the signed
// payloads of the load, uninstall and remove_user callbacks.
//
// This package imports the SDK, so the SDK's own tests that use it are in
// the external test package (package bigcommerce_test).
//
// # Routes
//
// Under /stores/{hash} (X-Auth-Token), and for V2 also under /api (HTTP
// Basic, the legacy API host):
//
//	// not compiled: the routes, by method and path
//	GET    /v2/store, /v2/time
//	GET|POST       /v3/hooks
//	GET|PUT|DELETE /v3/hooks/{id}         (DELETE answers 200 with the hook)
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
//	GET|POST       /v2/customer_groups, GET /v2/customer_groups/count
//	GET|PUT|DELETE /v2/customer_groups/{id}
//	GET    /v2/payments/methods
//	GET|POST|DELETE /v3/catalog/brands, GET|PUT|DELETE /v3/catalog/brands/{id}
//	GET|PUT|DELETE /v3/catalog/trees, GET /v3/catalog/trees/{id}/categories
//	GET|POST|PUT|DELETE /v3/catalog/trees/categories
//	GET|POST|DELETE /v3/pricelists, GET|PUT|DELETE /v3/pricelists/{id}
//	GET|PUT|DELETE /v3/pricelists/{id}/records
//	GET|POST|DELETE /v3/pricelists/assignments
//	GET|POST       /v3/channels, GET|PUT /v3/channels/{id}
//	GET|POST|PUT   /v3/channels/{id}/listings, GET /v3/channels/{id}/listings/{lid}
//
// Besides these, every operation the SDK's manifest lists (api/manifest in
// the SDK's repository: metafields, image uploads, product images, options
// and modifiers, coupons, promotions, refunds, settings, carts, tax,
// shipping and the rest; routes_gen.go lists them) is served generically
// from in-memory records: records are JSON objects kept per collection
// path, created with the next id (a UUID where the spec's ids are text),
// read, merged by updates, deleted; lists page in the version's envelope
// (V2 204 when empty); filters apply to any field (name, name:in,
// name:not_in, name:min, name:max, name:greater, name:less, name:like, V2's
// min_name and max_name), and a query parameter the spec does not declare
// for the operation is refused with 422; an unknown id is 404, a batch over
// its documented limit 413, a batch update of an unknown id 422 (unless the
// operation is an upsert), an unfiltered DELETE 400; an operation whose
// spec answer has no body answers 204; multipart image uploads answer an
// image_url on the store's CDN.
//
// Every store starts with three customer groups, five payment methods, five
// brands, a default category tree (channel 1) with five categories, a
// "Wholesale" price list assigned to group 2 on channel 1, and two channels
// (1, the storefront; 2, a marketplace), whatever [Store.Seed] is given.
//
// # Behaviour
//
// Every request first counts against a fixed rate window (Config.Quota per
// Config.Window, starting at the first request); every response carries the
// X-Rate-Limit-* headers, and a spent quota answers 429 with X-Retry-After.
// Then come authentication (401), the account's OAuth scopes (403 naming
// the scope needed: the read-only scope for GET, the read-write one
// otherwise; webhooks need none), the content type of bodies (415) and
// routing (404/405, in the version's error shape: V3 objects, V2 arrays,
// application/problem+json for inventory and locations).
//
// Webhooks belong to the client id of the token that created them: each
// account sees, changes and deletes only its own. They survive Seed.
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
//   - Only the documented fields of the hand-served resources above exist
//     (include values for sub-resources give empty lists), and products are
//     not linked to brands, categories, channels or price lists.
//   - The generically served operations keep what was written and nothing
//     more: no defaults or computed fields (a refund's totals, a coupon's
//     use count), no check that the parent record exists (images of an
//     unknown product are kept), and one collection per path, so a record
//     written through one path is not seen through another (a refund
//     created under an order is not listed by GET
//     /v3/orders/payment_actions/refunds; metafields written with the batch
//     endpoints are not listed under their owner).
//   - Price list and assignment cursors are keysets (the last record's
//     key), so they stay valid when that record is deleted.
//   - Webhooks are stored but never delivered: no event reaches a
//     destination, and the 90-day
//     deactivation of idle hooks are not imitated. A hook created without
//     is_active is inactive (BigCommerce documents no default).
//   - Scopes are checked per route prefix from the store's own table;
//     routes it does not know need none. Legacy Basic accounts have every
//     V2 scope, and app-level concepts (users, the token exchange at
//     login.bigcommerce.com) do not exist.
//   - The listener is plain HTTP on 127.0.0.1, not HTTPS.
//   - Orders take line items as products only (no consignments, fees or
//     coupons), and PUT /v2/orders/{id} cannot change line items. Orders
//     are read with include=consignments[.line_items] and
//     consignment_structure=object as the spec shapes them (consignments
//     derived from the line items, at most 50 line items per consignment
//     with a "__warning__"); without consignment_structure=object the
//     consignments are a link, and GET /v2/orders/{id}/consignments is not
//     served.
//   - A date-only filter value means the whole day (from 00:00:00 for
//     lower bounds, to 23:59:59 UTC for upper bounds) rather than "now".
//   - Errors keep the documented shapes, but titles and messages are this
//     package's own wording; 406 for an unacceptable Accept header and the
//     legacy X-BC-ApiLimit-Remaining header are not imitated.
package bigcommercetest
