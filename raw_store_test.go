package bigcommerce_test

import (
	"bytes"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// The raw calls against the fake store: each "before" problem of the
// escape hatch, through the real pipeline.

// TestRawPathWithQueryAgainstStore: a query string in NewRequest's path
// reaches the store as the query (it used to go as %3F in the path and
// come back 404).
func TestRawPathWithQueryAgainstStore(t *testing.T) {
	c, store := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1, Products: 5})
	mark := logMark(store)
	req, err := c.NewRequest(t.Context(), http.MethodGet, "/v3/catalog/products?limit=1", url.Values{"sort": {"id"}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var page struct {
		Data []bigcommerce.Product `json:"data"`
	}
	if _, err := c.Do(req, &page); err != nil {
		t.Fatal(err)
	}
	reqs := requestsSince(store, mark, http.MethodGet, "/v3/catalog/products")
	if len(page.Data) != 1 || len(reqs) != 1 || reqs[0].RawQuery != "limit=1&sort=id" {
		t.Fatalf("got %d products; store saw %+v", len(page.Data), reqs)
	}
}

// TestRawListPageAgainstStore: ListPage decodes a V3 page from {data,
// meta} with its pagination, and a V2 page with what V2 tells, a page past
// the end (204) being empty.
func TestRawListPageAgainstStore(t *testing.T) {
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1, Products: 5, Orders: 7})
	products, resp, err := bigcommerce.ListPage[bigcommerce.Product](t.Context(), c, "/v3/catalog/products?limit=2", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(products) != 2 || products[0].Name == "" {
		t.Fatalf("products %+v", products)
	}
	if p := resp.Pagination; p == nil || p.Total != 5 || p.TotalPages != 3 || p.CurrentPage != 1 || p.Count != 2 || p.Links.Next == "" {
		t.Errorf("V3 pagination %+v, want 5 records on 3 pages", p)
	}
	orders, resp, err := bigcommerce.ListPage[bigcommerce.Order](t.Context(), c, "/v2/orders", map[string]string{"page": "2", "limit": "5"})
	if err != nil {
		t.Fatal(err)
	}
	if p := resp.Pagination; len(orders) != 2 || p.CurrentPage != 2 || p.PerPage != 5 || p.Count != 2 {
		t.Errorf("V2 page 2: %d orders, pagination %+v", len(orders), p)
	}
	orders, resp, err = bigcommerce.ListPage[bigcommerce.Order](t.Context(), c, "/v2/orders?page=9&limit=5", nil)
	if err != nil || len(orders) != 0 || resp.StatusCode != http.StatusNoContent {
		t.Errorf("V2 page past the end: %d orders, status %d, %v; want an empty 204 page", len(orders), resp.StatusCode, err)
	}
}

// TestRawAllV2AgainstStore: All walks a V2 list page by page until the
// short page, with the caller's limit, never changing the caller's query,
// and stops sending when the loop breaks.
func TestRawAllV2AgainstStore(t *testing.T) {
	c, store := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1, Orders: 7})
	query := url.Values{"limit": {"2"}}
	mark := logMark(store)
	orders := walkAll(t, bigcommerce.All[bigcommerce.Order](t.Context(), c, "/v2/orders", query))
	if len(orders) != 7 || !slices.IsSortedFunc(orders, func(a, b bigcommerce.Order) int { return a.ID - b.ID }) {
		t.Fatalf("walked %d orders, want the 7 in id order", len(orders))
	}
	var pages []string
	for _, r := range requestsSince(store, mark, http.MethodGet, "/v2/orders") {
		pages = append(pages, r.RawQuery)
	}
	if want := []string{"limit=2&page=1", "limit=2&page=2", "limit=2&page=3", "limit=2&page=4"}; !slices.Equal(pages, want) {
		t.Errorf("pages asked %q, want %q (stop at the short page)", pages, want)
	}
	if len(query) != 1 || query.Get("limit") != "2" {
		t.Errorf("the caller's query became %v", query)
	}
	mark = logMark(store)
	for range bigcommerce.All[bigcommerce.Order](t.Context(), c, "/v2/orders?limit=2", nil) {
		break
	}
	if n := len(requestsSince(store, mark, "", "/v2/orders")); n != 1 {
		t.Errorf("%d requests after a break on the first item, want 1", n)
	}
}

// TestRawAllV3OffsetAgainstStore: All walks a V3 list without a cursor by
// page number, reading the first page once and the rest as the meta names
// them.
func TestRawAllV3OffsetAgainstStore(t *testing.T) {
	c, store := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1, Products: 5})
	mark := logMark(store)
	products := walkAll(t, bigcommerce.All[bigcommerce.Product](t.Context(), c, "/v3/catalog/products?limit=2", nil))
	ids := map[int]bool{}
	for _, p := range products {
		ids[p.ID] = true
	}
	if len(products) != 5 || len(ids) != 5 {
		t.Fatalf("walked %d products (%d distinct), want 5", len(products), len(ids))
	}
	var pages []string
	for _, r := range requestsSince(store, mark, http.MethodGet, "/v3/catalog/products") {
		pages = append(pages, r.RawQuery)
	}
	slices.Sort(pages)
	if want := []string{"limit=2&page=1", "limit=2&page=2", "limit=2&page=3"}; !slices.Equal(pages, want) {
		t.Errorf("pages asked %q, want %q (page 1 once)", pages, want)
	}
}

// TestRawAllV3CursorAgainstStore: when the first page's meta offers a
// cursor (V3 customers), All follows it instead of page numbers.
func TestRawAllV3CursorAgainstStore(t *testing.T) {
	c, store := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1, Customers: 7})
	mark := logMark(store)
	type customer struct {
		ID    int    `json:"id"`
		Email string `json:"email"`
	}
	customers := walkAll(t, bigcommerce.All[customer](t.Context(), c, "/v3/customers", map[string]string{"limit": "3"}))
	if len(customers) != 7 || customers[0].Email == "" {
		t.Fatalf("walked %+v, want the 7 customers", customers)
	}
	reqs := requestsSince(store, mark, http.MethodGet, "/v3/customers")
	if len(reqs) != 3 || reqs[0].RawQuery != "limit=3&page=1" {
		t.Fatalf("requests %+v, want 3 pages from page 1", reqs)
	}
	for _, r := range reqs[1:] {
		q, _ := url.ParseQuery(r.RawQuery)
		if q.Get("after") == "" || q.Has("page") {
			t.Errorf("request %q: want the cursor (after) and no page", r.RawQuery)
		}
	}
}

// TestRawAbsoluteURLAgainstStore: an absolute URL under the base URL (a V2
// order's products link) goes through the pipeline; another store's is
// refused before sending.
func TestRawAbsoluteURLAgainstStore(t *testing.T) {
	c, store := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1, Orders: 2, LineItemsPerOrder: 3})
	order, _, err := c.Orders.Get(t.Context(), 100, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(order.Products.URL, c.BaseURL()+"/v2/") {
		t.Fatalf("the order's products link %q is not under the base URL %s", order.Products.URL, c.BaseURL())
	}
	lines, _, err := bigcommerce.Get[[]bigcommerce.OrderProduct](t.Context(), c, order.Products.URL, nil)
	if err != nil || len(lines) != 3 || lines[0].OrderID != 100 {
		t.Fatalf("lines %+v, %v", lines, err)
	}
	mark := logMark(store)
	other := strings.Replace(order.Products.URL, "/stores/"+fakeHash+"/", "/stores/otherstore/", 1)
	if _, _, err := bigcommerce.Get[[]bigcommerce.OrderProduct](t.Context(), c, other, nil); err == nil || !strings.Contains(err.Error(), "outside the Client's base URL") {
		t.Errorf("another store's URL: %v", err)
	}
	if n := len(store.RequestLog()) - mark; n != 0 {
		t.Errorf("%d requests sent for a refused URL", n)
	}
}

// TestRawSendAgainstStore: Send creates a V2 record from a JSON body and
// uploads a product image as multipart/form-data (which used to be sent as
// the JSON {} when passed to NewRequest).
func TestRawSendAgainstStore(t *testing.T) {
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1, Products: 1})
	type coupon struct {
		ID   int    `json:"id"`
		Code string `json:"code"`
	}
	made, _, err := bigcommerce.Send[coupon](t.Context(), c, http.MethodPost, "/v2/coupons", coupon{Code: "SPRING"})
	if err != nil || made.ID == 0 || made.Code != "SPRING" {
		t.Fatalf("coupon %+v, %v", made, err)
	}
	products, _, err := c.Products.List(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	path := "/v3/catalog/products/" + strconv.Itoa(products[0].ID) + "/images"
	img, _, err := bigcommerce.Send[bigcommerce.ProductImage](t.Context(), c, http.MethodPost, path, &bigcommerce.Multipart{
		Fields: map[string]string{"description": "The mug, front"},
		File:   bigcommerce.FormFile{Field: "image_file", Name: "mug.png", Content: bytes.NewReader([]byte("\x89PNG\r\n\x1a\n..."))},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(img.ImageURL, "/images/mug.png") || img.Description != "The mug, front" {
		t.Errorf("uploaded image %+v", img)
	}
	images := walkAll(t, bigcommerce.All[bigcommerce.ProductImage](t.Context(), c, path, nil))
	if len(images) != 1 || images[0].ID != img.ID {
		t.Errorf("the product's images %+v, want the one uploaded", images)
	}
}
