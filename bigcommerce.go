// Package bigcommerce is a client for the BigCommerce REST API (V2 and V3):
// customers, catalog products and variants, orders, and inventory, behind
// one retrying, rate-aware HTTP pipeline.
//
// # Services
//
// Client.Customers, Client.Products, Client.Orders, Client.Inventory and
// Client.Webhooks cover the core resources. Client.Categories (category
// trees), Client.Brands, Client.CustomerGroups, Client.Channels (with their
// listings), Client.PriceLists (with records and assignments) and
// Client.PaymentMethods cover the store's structure around them. Each
// method's doc names its endpoint, and RequiredScope names the OAuth scope
// a call needs (a 403's Error.Hint quotes it).
//
// # Authentication
//
// Create a Client with a store hash and an Authenticator:
//
//   - TokenAuth: an API account's or app's access token (X-Auth-Token). The
//     usual choice, and the only one that reaches V3.
//   - BasicAuth: a legacy API account (username + API token, HTTP Basic
//     against https://store-{hash}.mybigcommerce.com/api/v2). V2 only.
//   - *OAuthToken: the token an OAuth app install yields.
//
// Credentials are added beneath the retry engine to each attempt, only for
// the client's own host (and B2BEditionURL), and never appear in errors or
// logs.
//
// # Rate limits and retries
//
// BigCommerce gives every store a request quota per 30-second window,
// shared by all its apps. The client reads the X-Rate-Limit-* headers of
// every response (Response.Rate, Client.Rate) and throttles itself: when the
// window is nearly spent, new requests wait for the reset instead of running
// into 429s. WithMaxConcurrency bounds requests in flight (default 4, at
// most 25). A 429 is retried for any method after the wait BigCommerce asks
// for; 5xx answers and transport errors are retried only for idempotent
// methods, because a retried POST could create a second order. See
// RetryPolicy for the exact rules.
//
// # Pagination
//
// Every list has a one-page List method returning ([]T, *Response, error),
// with Response.Pagination, and an All method returning iter.Seq2[T, error]
// that walks every page:
//
//	for order, err := range client.Orders.All(ctx, &bigcommerce.OrderFilter{StatusID: bigcommerce.Ptr(bigcommerce.OrderStatusAwaitingFulfillment)}) {
//		if err != nil {
//			return err
//		}
//		fmt.Println(order.ID)
//	}
//
// All never modifies the caller's filter, uses the largest page size unless
// the filter sets Limit, stops fetching when the loop breaks, and yields an
// error once. For V2 lists an empty page is BigCommerce's 204 No Content.
//
// Orders.All, Products.All and Customers.All are export walks: they read id
// windows (several at once, within the client's concurrency and throttle)
// instead of page offsets, and yield every record that exists for the whole
// walk exactly once while other clients write to the store. Each All's
// documentation says which key it walks and what a concurrent write can do
// to it.
//
// # Errors
//
// Failed calls return an *Error (match with errors.Is against ErrNotFound,
// ErrUnauthorized, ErrForbidden, ErrConflict, ErrUnprocessable,
// ErrRateLimited), a *RateLimitError, a *MultiStatusError for a 207 partial
// success (returned together with the saved data), a *BatchError for
// chunked batch writes (naming each failed input index), or a
// *ValidationError when the input was refused before anything was sent.
//
// # Escape hatch
//
// For endpoints the typed services do not cover, Get, ListPage, All and
// Send call any V2, V3 or B2B Edition path through the same pipeline,
// decoding V3's {data, meta} into a type of your own and filling
// Response.Pagination; Multipart sends a streamed form upload:
//
//	// coupon is a type of your own.
//	type coupon struct{ ID int; Code string }
//	for c, err := range bigcommerce.All[coupon](ctx, client, "/v2/coupons?limit=50", nil) { ... }
//
// NewRequest and Do give full control over the request and the body:
//
//	req, _ := client.NewRequest(ctx, http.MethodGet, "/v2/time", nil, nil)
//	var t struct{ Time int64 `json:"time"` }
//	_, err := client.Do(req, &t)
//
// Absolute URLs are accepted only where the store's credentials belong:
// under the base URL and on B2BEditionURL.
package bigcommerce

//go:generate go run ./internal/cmd/bcgen

// Version is the SDK's version, sent in the User-Agent header.
const Version = "0.1.0"
