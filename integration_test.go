package bigcommerce_test

// Integration tests: the real Client (TokenAuth or BasicAuth, the default
// retrying, throttled pipeline) against bigcommercetest, an in-memory
// BigCommerce imitation. Unit tests with httpmock check what the SDK sends;
// these check that what it sends is understood, that what comes back decodes,
// and that the pieces (walkers, batches, retries, throttle) work together.
//
// Requests go through store.Transport() (no sockets) unless a test is about
// real connections. Tests that wait (rate windows, retry backoff) run inside
// testing/synctest bubbles, so the waits pass on the bubble's fake clock.

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// fakeHash is the store hash of the fake stores the integration tests build.
const fakeHash = "fakestore"

// newFakeStoreClient builds a fake store from cfg, seeds it with seed, and
// returns it with a Client that reaches it in-process through
// store.Transport() with TokenAuth and the default pipeline (retry policy,
// throttle, concurrency); opts are applied after those defaults. It works
// inside synctest bubbles when called from within one.
func newFakeStoreClient(t testing.TB, cfg bigcommercetest.Config, seed bigcommercetest.SeedOptions, opts ...bigcommerce.Option) (*bigcommerce.Client, *bigcommercetest.Store) {
	t.Helper()
	if cfg.StoreHash == "" {
		cfg.StoreHash = fakeHash
	}
	store := bigcommercetest.New(cfg)
	store.Seed(seed)
	token := cfg.AccessToken
	if token == "" {
		token = "fake-token"
	}
	base := []bigcommerce.Option{
		bigcommerce.WithBaseURL("http://fakestore.test/stores/" + cfg.StoreHash),
		bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}),
	}
	c, err := bigcommerce.NewClient(cfg.StoreHash, bigcommerce.TokenAuth{AccessToken: token}, append(base, opts...)...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c, store
}

// walkAll drains a walk, failing the test on the first error.
func walkAll[T any](t testing.TB, seq func(func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatalf("walk failed after %d items: %v", len(out), err)
		}
		out = append(out, v)
	}
	return out
}

// logMark returns the current length of the store's request log, so a test
// can look at the requests made after it.
func logMark(store *bigcommercetest.Store) int { return len(store.RequestLog()) }

// requestsSince returns the requests logged after mark whose method matches
// (any when "") and whose path ends with suffix.
func requestsSince(store *bigcommercetest.Store, mark int, method, suffix string) []bigcommercetest.RequestRecord {
	var out []bigcommercetest.RequestRecord
	for _, r := range store.RequestLog()[mark:] {
		if (method == "" || r.Method == method) && strings.HasSuffix(r.Path, suffix) {
			out = append(out, r)
		}
	}
	return out
}

// checkPages asserts that the requests ask for exactly the pages 1..n, each
// once and with the given limit, and that none asks for page=0. The order
// is not checked: a V3 walk may fetch pages ahead concurrently.
// checkIDRanges checks an id-window walk (Orders.All, Products.All): besides
// the probes of the highest id (sorted descending) and the count, n data
// requests of limit records sorted by id ascending; the first asks for page
// 1 with no lower id bound, every other for no page and its own lower bound
// (lowKey: min_id or id:min), so that together they cover the ids once. It
// returns the data requests in the order sent.
func checkIDRanges(t *testing.T, reqs []bigcommercetest.RequestRecord, n, limit int, lowKey string) []bigcommercetest.RequestRecord {
	t.Helper()
	var data []bigcommercetest.RequestRecord
	var lows []int
	probes := 0
	for i, r := range reqs {
		q, err := url.ParseQuery(r.RawQuery)
		if err != nil {
			t.Fatalf("request %d: bad query %q: %v", i, r.RawQuery, err)
		}
		if strings.HasSuffix(r.Path, "/count") {
			continue
		}
		if q.Get("sort") == "id:desc" || q.Get("direction") == "desc" {
			probes++
			continue
		}
		data = append(data, r)
		if (q.Get("sort") != "id:asc" && q.Get("sort") != "id") || q.Get("limit") != fmt.Sprint(limit) {
			t.Errorf("request %d: %s, want sort by id ascending, limit=%d", i, r.RawQuery, limit)
		}
		low := 0
		if v := q.Get(lowKey); v != "" {
			fmt.Sscan(v, &low)
		}
		if first := len(data) == 1; first != (low == 0) || first != q.Has("page") {
			t.Errorf("request %d: %s: want page=1 and no %s first, then %s and no page", i, r.RawQuery, lowKey, lowKey)
		}
		lows = append(lows, low)
	}
	if len(data) != n || probes != 1 {
		t.Fatalf("got %d list requests and %d probes, want %d and 1: %+v", len(data), probes, n, reqs)
	}
	slices.Sort(lows)
	for i := 1; i < len(lows); i++ {
		if lows[i] <= lows[i-1] {
			t.Errorf("two windows start at %d", lows[i])
		}
	}
	return data
}

func checkPages(t *testing.T, reqs []bigcommercetest.RequestRecord, n, limit int) {
	t.Helper()
	if len(reqs) != n {
		t.Fatalf("got %d list requests, want %d: %+v", len(reqs), n, reqs)
	}
	var pages []int
	for i, r := range reqs {
		q, err := url.ParseQuery(r.RawQuery)
		if err != nil {
			t.Fatalf("request %d: bad query %q: %v", i, r.RawQuery, err)
		}
		if q.Get("page") == "0" {
			t.Errorf("request %d sent page=0: %s", i, r.RawQuery)
		}
		page := 1
		if p := q.Get("page"); p != "" {
			if _, err := fmt.Sscan(p, &page); err != nil {
				t.Errorf("request %d: page=%q", i, p)
			}
		}
		pages = append(pages, page)
		if got := q.Get("limit"); got != fmt.Sprint(limit) {
			t.Errorf("request %d: limit=%s, want %d", i, got, limit)
		}
	}
	slices.Sort(pages)
	for i, p := range pages {
		if p != i+1 {
			t.Fatalf("pages asked for: %v, want 1 to %d once each", pages, n)
		}
	}
}

// idsOf maps items to their ids.
func idsOf[T any](items []T, id func(T) int) []int {
	out := make([]int, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}

// checkUniqueAscending asserts ids are strictly increasing (every walk of
// the fake store is in id order unless sorted otherwise), so none is
// repeated or skipped back.
func checkUniqueAscending(t *testing.T, what string, ids []int) {
	t.Helper()
	for i := 1; i < len(ids); i++ {
		if ids[i] <= ids[i-1] {
			t.Fatalf("%s: ids not strictly ascending at %d: %d after %d", what, i, ids[i], ids[i-1])
		}
	}
}

// walkSeed is the data the walk tests run over: counts chosen so that the
// small page sizes below give both short last pages and exact multiples.
var walkSeed = bigcommercetest.SeedOptions{
	Seed: 7, Customers: 57, Products: 23, VariantsPerProduct: 3,
	Orders: 30, LineItemsPerOrder: 5, Locations: 3,
}

func TestIntegrationWalks(t *testing.T) {
	ctx := context.Background()
	c, store := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000}, walkSeed)

	t.Run("Customers.All", func(t *testing.T) {
		mark := logMark(store)
		got := walkAll(t, c.Customers.All(ctx, &bigcommerce.CustomerFilter{Limit: 10}))
		if len(got) != store.CustomerCount() || len(got) != 57 {
			t.Fatalf("walked %d customers, store has %d", len(got), store.CustomerCount())
		}
		checkUniqueAscending(t, "customers", idsOf(got, func(c bigcommerce.Customer) int { return c.ID }))
		// The first page of 10; the highest id (page 29 of 2: positions 57
		// and 58, so that the probe also shows nothing lies beyond the
		// total); id:in windows of 10 ids over 11..57; one more look for
		// the highest id (the same page again, beside the last windows).
		var windows, probes int
		for _, r := range requestsSince(store, mark, "GET", "/v3/customers") {
			q, _ := url.ParseQuery(r.RawQuery)
			switch {
			case q.Has("id:in"):
				windows++
				if n := len(strings.Split(q.Get("id:in"), ",")); n > 10 || q.Get("limit") != "10" {
					t.Errorf("window %s: %d ids, want at most 10 and limit=10", r.RawQuery, n)
				}
			case q.Get("limit") == "2" && q.Get("page") == "29":
				probes++
			}
		}
		if windows != 5 || probes != 2 {
			t.Errorf("%d id:in windows and %d probes, want 5 and 2", windows, probes)
		}
	})

	t.Run("Customers.AllAddresses", func(t *testing.T) {
		mark := logMark(store)
		got := walkAll(t, c.Customers.AllAddresses(ctx, &bigcommerce.AddressFilter{Limit: 20}))
		if len(got) != store.CustomerCount() { // the seed gives each customer one address
			t.Fatalf("walked %d addresses, want one per customer (%d)", len(got), store.CustomerCount())
		}
		owners := map[int]bool{}
		for _, a := range got {
			owners[a.CustomerID] = true
		}
		if len(owners) != store.CustomerCount() {
			t.Errorf("addresses belong to %d customers, want %d", len(owners), store.CustomerCount())
		}
		checkUniqueAscending(t, "addresses", idsOf(got, func(a bigcommerce.CustomerAddress) int { return a.ID }))
		checkPages(t, requestsSince(store, mark, "GET", "/v3/customers/addresses"), 3, 20)
	})

	t.Run("Products.All with variants", func(t *testing.T) {
		mark := logMark(store)
		got := walkAll(t, c.Products.All(ctx, &bigcommerce.ProductFilter{Limit: 5, Include: []bigcommerce.ProductInclude{bigcommerce.ProductIncludeVariants}}))
		if len(got) != store.ProductCount() || len(got) != 23 {
			t.Fatalf("walked %d products, store has %d", len(got), store.ProductCount())
		}
		checkUniqueAscending(t, "products", idsOf(got, func(p bigcommerce.Product) int { return p.ID }))
		for _, p := range got {
			if len(p.Variants) != 3 {
				t.Fatalf("product %d has %d variants, want 3", p.ID, len(p.Variants))
			}
			if level, ok := store.InventoryLevel(p.ID); !ok || level != p.InventoryLevel {
				t.Errorf("product %d: inventory_level %d, store says %d", p.ID, p.InventoryLevel, level)
			}
		}
		// The first page of 5, then windows 6-10, 11-15, 16-20 and 21 on.
		checkIDRanges(t, requestsSince(store, mark, "GET", "/v3/catalog/products"), 5, 5, "id:min")
	})

	t.Run("Products.AllVariants", func(t *testing.T) {
		pid, ok := store.ProductIDBySKU("SKU-000005")
		if !ok {
			t.Fatal("seeded product SKU-000005 missing")
		}
		mark := logMark(store)
		got := walkAll(t, c.Products.AllVariants(ctx, pid, &bigcommerce.VariantFilter{Limit: 2}))
		if len(got) != 3 {
			t.Fatalf("walked %d variants, want 3", len(got))
		}
		for _, v := range got {
			if v.ProductID != pid || !strings.HasPrefix(v.SKU, "SKU-000005-") {
				t.Errorf("variant %d: product %d sku %q, want product %d", v.ID, v.ProductID, v.SKU, pid)
			}
			if owner, _ := store.ProductIDBySKU(v.SKU); owner != pid {
				t.Errorf("variant sku %s belongs to product %d in the store", v.SKU, owner)
			}
		}
		checkPages(t, requestsSince(store, mark, "GET", fmt.Sprintf("/v3/catalog/products/%d/variants", pid)), 2, 2)
	})

	t.Run("Orders.All exact multiple looks once above the probed highest id", func(t *testing.T) {
		mark := logMark(store)
		got := walkAll(t, c.Orders.All(ctx, &bigcommerce.OrderFilter{Limit: 10}))
		if len(got) != store.OrderCount() || len(got) != 30 {
			t.Fatalf("walked %d orders, store has %d", len(got), store.OrderCount())
		}
		checkUniqueAscending(t, "orders", idsOf(got, func(o bigcommerce.Order) int { return o.ID }))
		// Orders 100-109 on the first page, then windows 110-119 and
		// 120-129, the last ending at the highest id the probe found (129)
		// and full: one open request above it (204) tells a page boundary
		// from a stale probe.
		reqs := checkIDRanges(t, requestsSince(store, mark, "GET", "/v2/orders"), 4, 10, "min_id")
		if last := reqs[len(reqs)-1]; !strings.Contains(last.RawQuery, "min_id=130") || strings.Contains(last.RawQuery, "max_id") || last.Status != http.StatusNoContent {
			t.Errorf("last request %s (%d): want an open window from 130 answered 204", last.RawQuery, last.Status)
		}
	})

	t.Run("Orders.All short last page", func(t *testing.T) {
		mark := logMark(store)
		got := walkAll(t, c.Orders.All(ctx, &bigcommerce.OrderFilter{Limit: 7}))
		if len(got) != 30 {
			t.Fatalf("walked %d orders, want 30", len(got))
		}
		// 7+7+7+7+2: the short last window ends the walk without a 204.
		reqs := checkIDRanges(t, requestsSince(store, mark, "GET", "/v2/orders"), 5, 7, "min_id")
		for _, r := range reqs {
			if r.Status != http.StatusOK {
				t.Errorf("%s?%s answered %d, want 200", r.Path, r.RawQuery, r.Status)
			}
		}
	})

	t.Run("Orders.AllProducts", func(t *testing.T) {
		const orderID = 102 // the fake store numbers orders from 100, like BigCommerce
		mark := logMark(store)
		got := walkAll(t, c.Orders.AllProducts(ctx, orderID, &bigcommerce.ListOptions{Limit: 2}))
		if len(got) != 5 {
			t.Fatalf("walked %d line items, want 5", len(got))
		}
		for _, l := range got {
			if l.OrderID != orderID {
				t.Errorf("line %d belongs to order %d, want %d", l.ID, l.OrderID, orderID)
			}
		}
		order, _, err := c.Orders.Get(ctx, orderID, nil)
		if err != nil {
			t.Fatal(err)
		}
		qty := 0
		for _, l := range got {
			qty += l.Quantity
		}
		if int(order.ItemsTotal) != qty {
			t.Errorf("order items_total %d, line quantities sum to %d", order.ItemsTotal, qty)
		}
		// 2+2+1: the short third page ends the walk.
		checkPages(t, requestsSince(store, mark, "GET", fmt.Sprintf("/v2/orders/%d/products", orderID)), 3, 2)
	})

	t.Run("Inventory.AllItems exact multiple", func(t *testing.T) {
		mark := logMark(store)
		got := walkAll(t, c.Inventory.AllItems(ctx, &bigcommerce.InventoryItemFilter{Limit: 23}))
		if len(got) != 69 { // 23 products x 3 variants
			t.Fatalf("walked %d inventory items, want 69", len(got))
		}
		seen := map[string]bool{}
		for _, it := range got {
			if seen[it.Identity.SKU] {
				t.Fatalf("sku %s walked twice", it.Identity.SKU)
			}
			seen[it.Identity.SKU] = true
			if len(it.Locations) != store.LocationCount() {
				t.Fatalf("item %s has %d locations, want %d", it.Identity.SKU, len(it.Locations), store.LocationCount())
			}
			for _, l := range it.Locations {
				if want, ok := store.StockAt(l.LocationID, it.Identity.SKU); !ok || want != l.TotalInventoryOnhand {
					t.Errorf("%s at %d: onhand %d, store says %d", it.Identity.SKU, l.LocationID, l.TotalInventoryOnhand, want)
				}
			}
		}
		// 69 = 3 x 23: V3 meta says 3 pages, but the third is full, so a
		// fourth (empty) request makes sure no item follows it: a stale
		// total would otherwise end the walk in silence.
		checkPages(t, requestsSince(store, mark, "GET", "/v3/inventory/items"), 4, 23)
	})

	t.Run("Inventory.AllLocationItems", func(t *testing.T) {
		mark := logMark(store)
		got := walkAll(t, c.Inventory.AllLocationItems(ctx, 2, &bigcommerce.LocationItemFilter{Limit: 30}))
		if len(got) != 69 {
			t.Fatalf("walked %d items at location 2, want 69", len(got))
		}
		for _, it := range got {
			if want, ok := store.StockAt(2, it.Identity.SKU); !ok || want != it.TotalInventoryOnhand {
				t.Errorf("%s: onhand %d, store says %d", it.Identity.SKU, it.TotalInventoryOnhand, want)
			}
		}
		checkPages(t, requestsSince(store, mark, "GET", "/v3/inventory/locations/2/items"), 3, 30)
	})

	t.Run("Inventory.AllLocations", func(t *testing.T) {
		mark := logMark(store)
		got := walkAll(t, c.Inventory.AllLocations(ctx, &bigcommerce.LocationFilter{Limit: 2}))
		if len(got) != store.LocationCount() || len(got) != 3 {
			t.Fatalf("walked %d locations, store has %d", len(got), store.LocationCount())
		}
		checkUniqueAscending(t, "locations", idsOf(got, func(l bigcommerce.Location) int { return l.ID }))
		checkPages(t, requestsSince(store, mark, "GET", "/v3/inventory/locations"), 2, 2)
	})

	// Webhooks.All is not covered: the fake store does not serve
	// /v3/hooks (see bigcommercetest/doc.go), so there is nothing to walk.

	t.Run("no page=0 anywhere", func(t *testing.T) {
		for _, r := range store.RequestLog() {
			q, _ := url.ParseQuery(r.RawQuery)
			if q.Has("page") && q.Get("page") == "0" {
				t.Errorf("%s %s?%s sent page=0", r.Method, r.Path, r.RawQuery)
			}
		}
	})
}

func TestIntegrationFilters(t *testing.T) {
	ctx := context.Background()
	// A fixed clock fixes the seed's dates, which fall in the 30 days
	// before it.
	clock := func() time.Time { return time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC) }
	c, store := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000, Now: clock}, walkSeed)
	customers := walkAll(t, c.Customers.All(ctx, nil))
	products := walkAll(t, c.Products.All(ctx, nil))
	orders := walkAll(t, c.Orders.All(ctx, nil))
	if len(customers) != store.CustomerCount() || len(products) != store.ProductCount() || len(orders) != store.OrderCount() {
		t.Fatalf("unfiltered walks: %d customers, %d products, %d orders; store has %d, %d, %d",
			len(customers), len(products), len(orders), store.CustomerCount(), store.ProductCount(), store.OrderCount())
	}

	// The seed dates fall in December 2024; its 20th splits them.
	mid := time.Date(2024, 12, 20, 12, 0, 0, 0, time.UTC)

	t.Run("customers date_created:min (V3)", func(t *testing.T) {
		var want []int
		for _, cu := range customers {
			if !cu.DateCreated.Before(mid) {
				want = append(want, cu.ID)
			}
		}
		if len(want) == 0 || len(want) == len(customers) {
			t.Fatalf("filter date %s does not split the seed (%d of %d)", mid, len(want), len(customers))
		}
		mark := logMark(store)
		got := walkAll(t, c.Customers.All(ctx, &bigcommerce.CustomerFilter{DateCreatedMin: mid, Limit: 10}))
		if gotIDs := idsOf(got, func(c bigcommerce.Customer) int { return c.ID }); !slices.Equal(gotIDs, want) {
			t.Errorf("date_created:min gave %v, want %v", gotIDs, want)
		}
		reqs := requestsSince(store, mark, "GET", "/v3/customers")
		if q, _ := url.ParseQuery(reqs[0].RawQuery); q.Get("date_created:min") != "2024-12-20T12:00:00Z" {
			t.Errorf("sent %q", reqs[0].RawQuery)
		}
	})

	t.Run("customers id:in", func(t *testing.T) {
		want := []int{customers[3].ID, customers[17].ID, customers[40].ID}
		got := walkAll(t, c.Customers.All(ctx, &bigcommerce.CustomerFilter{IDIn: bigcommerce.IntList{want[2], want[0], want[1]}}))
		if gotIDs := idsOf(got, func(c bigcommerce.Customer) int { return c.ID }); !slices.Equal(gotIDs, want) {
			t.Errorf("id:in gave %v, want %v", gotIDs, want)
		}
	})

	t.Run("orders min_date_created (V2)", func(t *testing.T) {
		var want []int
		for _, o := range orders {
			if !o.DateCreated.Before(mid) {
				want = append(want, o.ID)
			}
		}
		if len(want) == 0 || len(want) == len(orders) {
			t.Fatalf("filter date %s does not split the seed (%d of %d)", mid, len(want), len(orders))
		}
		mark := logMark(store)
		got := walkAll(t, c.Orders.All(ctx, &bigcommerce.OrderFilter{MinDateCreated: mid, Limit: 5}))
		if gotIDs := idsOf(got, func(o bigcommerce.Order) int { return o.ID }); !slices.Equal(gotIDs, want) {
			t.Errorf("min_date_created gave %v, want %v", gotIDs, want)
		}
		reqs := requestsSince(store, mark, "GET", "/v2/orders")
		if q, _ := url.ParseQuery(reqs[0].RawQuery); q.Get("min_date_created") != "Fri, 20 Dec 2024 12:00:00 +0000" {
			t.Errorf("sent %q", reqs[0].RawQuery)
		}
	})

	t.Run("orders status_id", func(t *testing.T) {
		byStatus := map[bigcommerce.OrderStatusID][]int{}
		for _, o := range orders {
			byStatus[o.StatusID] = append(byStatus[o.StatusID], o.ID)
		}
		if len(byStatus) < 2 {
			t.Fatalf("the seed has only statuses %v", slices.Collect(maps.Keys(byStatus)))
		}
		for status, want := range byStatus {
			got := walkAll(t, c.Orders.All(ctx, &bigcommerce.OrderFilter{StatusID: bigcommerce.Ptr(status)}))
			if gotIDs := idsOf(got, func(o bigcommerce.Order) int { return o.ID }); !slices.Equal(gotIDs, want) {
				t.Errorf("status_id=%d gave %v, want %v", status, gotIDs, want)
			}
		}
		count, _, err := c.Orders.CountByStatus(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if int(count.Count) != store.OrderCount() {
			t.Errorf("Orders.CountByStatus says %d, store has %d", count.Count, store.OrderCount())
		}
		for _, sc := range count.Statuses {
			if sc.Count != len(byStatus[sc.ID]) {
				t.Errorf("Orders.CountByStatus: status %d has %d orders, the walk found %d", sc.ID, sc.Count, len(byStatus[sc.ID]))
			}
		}
		if n, _, err := c.Orders.Count(ctx, nil); err != nil || n != store.OrderCount() {
			t.Errorf("Orders.Count = %d, %v; store has %d", n, err, store.OrderCount())
		}
	})

	t.Run("products is_visible=false", func(t *testing.T) {
		var hidden, visible []int
		for _, p := range products {
			if p.IsVisible {
				visible = append(visible, p.ID)
			} else {
				hidden = append(hidden, p.ID)
			}
		}
		if len(hidden) == 0 {
			t.Fatal("the seed has no hidden product; pick another seed")
		}
		mark := logMark(store)
		got := walkAll(t, c.Products.All(ctx, &bigcommerce.ProductFilter{IsVisible: bigcommerce.Ptr(false)}))
		if gotIDs := idsOf(got, func(p bigcommerce.Product) int { return p.ID }); !slices.Equal(gotIDs, hidden) {
			t.Errorf("is_visible=false gave %v, want %v", gotIDs, hidden)
		}
		if reqs := requestsSince(store, mark, "GET", "/v3/catalog/products"); !strings.Contains(reqs[0].RawQuery, "is_visible=false") {
			t.Errorf("sent %q", reqs[0].RawQuery)
		}
		got = walkAll(t, c.Products.All(ctx, &bigcommerce.ProductFilter{IsVisible: bigcommerce.Ptr(true)}))
		if gotIDs := idsOf(got, func(p bigcommerce.Product) int { return p.ID }); !slices.Equal(gotIDs, visible) {
			t.Errorf("is_visible=true gave %v, want %v", gotIDs, visible)
		}
	})

	t.Run("products id:in", func(t *testing.T) {
		want := []int{products[1].ID, products[9].ID, products[22].ID}
		got := walkAll(t, c.Products.All(ctx, &bigcommerce.ProductFilter{IDIn: bigcommerce.IntList(want)}))
		if gotIDs := idsOf(got, func(p bigcommerce.Product) int { return p.ID }); !slices.Equal(gotIDs, want) {
			t.Errorf("id:in gave %v, want %v", gotIDs, want)
		}
	})
}

func TestIntegrationCustomersCreatePartialFailure(t *testing.T) {
	ctx := context.Background()
	c, store := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000}, bigcommercetest.SeedOptions{Seed: 3, Customers: 12})
	existing := walkAll(t, c.Customers.All(ctx, &bigcommerce.CustomerFilter{Limit: 1}))[0]
	before := store.CustomerCount()

	const n, dup = 25, 13
	in := make([]bigcommerce.CustomerCreate, n)
	emails := make(bigcommerce.StringList, n)
	for i := range in {
		emails[i] = fmt.Sprintf("batch%02d@example.com", i)
		in[i] = bigcommerce.CustomerCreate{Email: emails[i], FirstName: "Batch", LastName: fmt.Sprintf("Customer %d", i)}
	}
	in[dup].Email = strings.ToUpper(existing.Email) // BigCommerce compares emails case-insensitively

	created, _, err := c.Customers.CreateMany(ctx, in)
	var be *bigcommerce.BatchError
	if !errors.As(err, &be) {
		t.Fatalf("Create: got %v, want a *BatchError", err)
	}
	// Chunks of 10: BigCommerce rejects the whole second chunk (10..19)
	// because of item 13 and writes nothing from it.
	wantFailed := []int{10, 11, 12, 13, 14, 15, 16, 17, 18, 19}
	if got := be.FailedIndexes(); !slices.Equal(got, wantFailed) || be.Total != n {
		t.Fatalf("failed indexes %v of %d, want %v of %d", got, be.Total, wantFailed, n)
	}
	if !errors.Is(err, bigcommerce.ErrUnprocessable) {
		t.Errorf("errors.Is(err, ErrUnprocessable) = false: %v", err)
	}
	var resend []bigcommerce.CustomerCreate
	for _, f := range be.Failures {
		var e *bigcommerce.Error
		isAPIError := errors.As(f.Err, &e)
		if f.Index == dup {
			if !isAPIError || e.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(e.Fields["email"], "already in use") {
				t.Errorf("item %d: got %v (fields %v), want a 422 naming the email", f.Index, f.Err, e)
			}
			continue
		}
		if isAPIError || !strings.Contains(f.Err.Error(), "can be sent again") {
			t.Errorf("item %d: got %v, want a not-written error saying it can be sent again", f.Index, f.Err)
		}
		resend = append(resend, in[f.Index])
	}

	// The customers of the accepted chunks come back in input order.
	var wantEmails []string
	for i := range in {
		if i < 10 || i >= 20 {
			wantEmails = append(wantEmails, emails[i])
		}
	}
	if got := func() []string {
		var out []string
		for _, cu := range created {
			out = append(out, cu.Email)
		}
		return out
	}(); !slices.Equal(got, wantEmails) {
		t.Errorf("created %v, want %v", got, wantEmails)
	}
	if got := store.CustomerCount(); got != before+15 {
		t.Errorf("store has %d customers, want %d", got, before+15)
	}

	// The items BigCommerce did not blame can be sent again as they are.
	again, _, err := c.Customers.CreateMany(ctx, resend)
	if err != nil || len(again) != len(resend) {
		t.Fatalf("resend: %d created, err %v", len(again), err)
	}
	stored := walkAll(t, c.Customers.All(ctx, &bigcommerce.CustomerFilter{EmailIn: emails}))
	if len(stored) != n-1 || store.CustomerCount() != before+n-1 {
		t.Errorf("found %d of the new customers (store count %d), want %d", len(stored), store.CustomerCount(), n-1)
	}
	for _, cu := range stored {
		if strings.EqualFold(cu.Email, existing.Email) {
			t.Errorf("the duplicate email was stored: %+v", cu)
		}
	}

	// Delete them again, in one call, and check the store.
	ids := idsOf(stored, func(c bigcommerce.Customer) int { return c.ID })
	if _, err := c.Customers.DeleteMany(ctx, ids...); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if got := store.CustomerCount(); got != before {
		t.Errorf("after Delete the store has %d customers, want %d", got, before)
	}
	if left := walkAll(t, c.Customers.All(ctx, &bigcommerce.CustomerFilter{IDIn: bigcommerce.IntList(ids)})); len(left) != 0 {
		t.Errorf("%d deleted customers are still listed", len(left))
	}
	if _, _, err := c.Customers.Get(ctx, ids[0]); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Errorf("Get of a deleted customer: %v, want ErrNotFound", err)
	}
}

func TestIntegrationProductsUpdateBatchMultiStatus(t *testing.T) {
	ctx := context.Background()
	c, store := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000}, bigcommercetest.SeedOptions{Seed: 5, Products: 23})
	products := walkAll(t, c.Products.All(ctx, nil))
	if len(products) != 23 {
		t.Fatalf("seeded %d products", len(products))
	}
	const failing = 12
	store.FailSKU(products[failing].SKU)

	updates := make([]bigcommerce.ProductUpdate, len(products))
	for i, p := range products {
		updates[i] = bigcommerce.ProductUpdate{ID: p.ID, Price: bigcommerce.Ptr(p.Price.Add(bigcommerce.Dec("1.25")))}
	}
	saved, _, err := c.Products.UpdateMany(ctx, updates)
	var be *bigcommerce.BatchError
	if !errors.As(err, &be) {
		t.Fatalf("UpdateBatch: got %v, want a *BatchError", err)
	}
	if got := be.FailedIndexes(); !slices.Equal(got, []int{failing}) {
		t.Fatalf("failed indexes %v, want [%d]", got, failing)
	}
	var ms *bigcommerce.MultiStatusError
	if !errors.As(be.Failures[0].Err, &ms) || len(ms.Errors) == 0 {
		t.Fatalf("failure of item %d is %v, want a *MultiStatusError with details", failing, be.Failures[0].Err)
	}
	if len(saved) != len(products)-1 {
		t.Fatalf("%d products came back, want %d", len(saved), len(products)-1)
	}
	for _, p := range saved {
		if p.ID == products[failing].ID {
			t.Errorf("the failed product %d came back as saved", p.ID)
		}
	}

	// The store has the new prices, except for the failed product.
	after := walkAll(t, c.Products.All(ctx, nil))
	for i, p := range after {
		want := products[i].Price.Add(bigcommerce.Dec("1.25"))
		if i == failing {
			want = products[i].Price
		}
		if !p.Price.Equal(want) {
			t.Errorf("product %d (index %d): price %s, want %s", p.ID, i, p.Price, want)
		}
	}

	// DeleteMany removes exactly the products asked for.
	del := []int{products[0].ID, products[5].ID, products[22].ID}
	if _, err := c.Products.DeleteMany(ctx, del...); err != nil {
		t.Fatalf("DeleteMany: %v", err)
	}
	if got := store.ProductCount(); got != 20 {
		t.Errorf("store has %d products after deleting 3 of 23", got)
	}
	for _, id := range del {
		if _, _, err := c.Products.Get(ctx, id, nil); !errors.Is(err, bigcommerce.ErrNotFound) {
			t.Errorf("Get(%d) after delete: %v, want ErrNotFound", id, err)
		}
	}
	if _, ok := store.ProductIDBySKU(products[5].SKU); ok {
		t.Errorf("the deleted product's SKU %s is still known", products[5].SKU)
	}
}

func TestIntegrationInventoryAdjustments(t *testing.T) {
	ctx := context.Background()
	// 700 products x 3 variants x 2 locations = 4,200 absolute items: three
	// chunks of at most 2,000.
	c, store := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000},
		bigcommercetest.SeedOptions{Seed: 11, Products: 700, VariantsPerProduct: 3, Locations: 2})
	items := walkAll(t, c.Inventory.AllItems(ctx, nil))
	if len(items) != 2100 {
		t.Fatalf("walked %d inventory items, want 2100", len(items))
	}

	var abs []bigcommerce.InventoryAdjustment
	want := map[[2]any]int{} // {location, sku} -> stock
	for i, it := range items {
		for _, loc := range []int{1, 2} {
			q := (i*7+loc*3)%50 + 10
			a := bigcommerce.InventoryAdjustment{LocationID: loc, SKU: it.Identity.SKU, Quantity: q}
			if i%5 == 0 {
				a = bigcommerce.InventoryAdjustment{LocationID: loc, VariantID: it.Identity.VariantID, Quantity: q}
			}
			abs = append(abs, a)
			want[[2]any{loc, it.Identity.SKU}] = q
		}
	}
	mark := logMark(store)
	txs, _, err := c.Inventory.AdjustAbsolute(ctx, abs, "stock take")
	if err != nil {
		t.Fatalf("AdjustAbsolute: %v", err)
	}
	if len(txs) != 3 || slices.Contains(txs, "") {
		t.Errorf("transaction ids %q, want 3", txs)
	}
	if got := len(requestsSince(store, mark, "PUT", "/v3/inventory/adjustments/absolute")); got != 3 {
		t.Errorf("%d absolute requests, want 3", got)
	}

	// Relative: every item at location 1, 2,100 items in two chunks; a few
	// go down.
	var rel []bigcommerce.InventoryAdjustment
	for i, it := range items {
		d := 4
		if i%3 == 0 {
			d = -3
		}
		rel = append(rel, bigcommerce.InventoryAdjustment{LocationID: 1, SKU: it.Identity.SKU, Quantity: d})
		want[[2]any{1, it.Identity.SKU}] += d
	}
	mark = logMark(store)
	if txs, _, err = c.Inventory.AdjustRelative(ctx, rel, "restock"); err != nil || len(txs) != 2 {
		t.Fatalf("AdjustRelative: %q, %v", txs, err)
	}
	if got := len(requestsSince(store, mark, "POST", "/v3/inventory/adjustments/relative")); got != 2 {
		t.Errorf("%d relative requests, want 2", got)
	}

	// Read back: the store, the inventory items, one location's items and
	// the products' inventory_level all agree.
	for k, q := range want {
		if got, ok := store.StockAt(k[0].(int), k[1].(string)); !ok || got != q {
			t.Fatalf("store stock of %v = %d, want %d", k, got, q)
		}
	}
	for _, it := range walkAll(t, c.Inventory.AllItems(ctx, nil)) {
		for _, l := range it.Locations {
			if q := want[[2]any{l.LocationID, it.Identity.SKU}]; l.TotalInventoryOnhand != q {
				t.Fatalf("AllItems: %s at %d = %d, want %d", it.Identity.SKU, l.LocationID, l.TotalInventoryOnhand, q)
			}
		}
	}
	sample := bigcommerce.StringList{items[0].Identity.SKU, items[1001].Identity.SKU, items[2099].Identity.SKU}
	listed, _, err := c.Inventory.ListItems(ctx, &bigcommerce.InventoryItemFilter{SKUIn: sample, LocationIDIn: bigcommerce.IntList{2}})
	if err != nil || len(listed) != 3 {
		t.Fatalf("ListItems(sku:in): %d items, %v", len(listed), err)
	}
	for _, it := range listed {
		if len(it.Locations) != 1 || it.Locations[0].LocationID != 2 || it.Locations[0].TotalInventoryOnhand != want[[2]any{2, it.Identity.SKU}] {
			t.Errorf("ListItems: %s = %+v, want only location 2 with %d", it.Identity.SKU, it.Locations, want[[2]any{2, it.Identity.SKU}])
		}
	}
	for _, it := range walkAll(t, c.Inventory.AllLocationItems(ctx, 1, nil)) {
		if q := want[[2]any{1, it.Identity.SKU}]; it.TotalInventoryOnhand != q {
			t.Fatalf("AllLocationItems(1): %s = %d, want %d", it.Identity.SKU, it.TotalInventoryOnhand, q)
		}
	}
	level := map[int]int{}
	for k, q := range want {
		pid, _ := store.ProductIDBySKU(k[1].(string))
		level[pid] += q
	}
	for _, p := range walkAll(t, c.Products.All(ctx, nil)) {
		if stored, _ := store.InventoryLevel(p.ID); p.InventoryLevel != level[p.ID] || stored != level[p.ID] {
			t.Fatalf("product %d: inventory_level %d (store %d), want %d", p.ID, p.InventoryLevel, stored, level[p.ID])
		}
	}
}

// statuses returns the statuses of the logged requests matching method and
// path suffix, in order (0 for a dropped connection).
func statuses(store *bigcommercetest.Store, mark int, method, suffix string) []int {
	var out []int
	for _, r := range requestsSince(store, mark, method, suffix) {
		out = append(out, r.Status)
	}
	return out
}

func TestIntegrationRateLimitBurst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// 5 requests per 1 s window; the default pipeline (4 in flight,
		// throttle, 3 retries) must get 40 requests from 8 goroutines through.
		c, store := newFakeStoreClient(t, bigcommercetest.Config{Quota: 5, Window: time.Second},
			bigcommercetest.SeedOptions{Seed: 1, Customers: 20, Orders: 10})
		ctx := context.Background()
		start := time.Now()
		const workers, perWorker = 8, 5
		var wg sync.WaitGroup
		errs := make(chan error, workers*perWorker)
		for w := range workers {
			wg.Go(func() {
				for i := range perWorker {
					var err error
					switch (w + i) % 3 {
					case 0:
						_, err = c.Ping(ctx)
					case 1:
						_, _, err = c.Customers.List(ctx, &bigcommerce.CustomerFilter{Limit: 5})
					default:
						_, _, err = c.Orders.List(ctx, &bigcommerce.OrderFilter{Limit: 5})
					}
					errs <- err
				}
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("request failed: %v", err)
			}
		}
		elapsed := time.Since(start)

		log := store.RequestLog()
		ok, limited := 0, 0
		for _, r := range log {
			switch r.Status {
			case http.StatusOK:
				ok++
			case http.StatusTooManyRequests:
				limited++
			default:
				t.Errorf("unexpected %d for %s %s", r.Status, r.Method, r.Path)
			}
		}
		t.Logf("40 requests: %d answered, %d of them 429, %s of fake time", len(log), limited, elapsed)
		if ok != workers*perWorker {
			t.Errorf("%d requests succeeded at the store, want %d", ok, workers*perWorker)
		}
		// The throttle paces from the headers: it counts the requests in
		// flight against what is left and ignores snapshots that arrive out
		// of order, so no request should run into the limit at all.
		if limited != 0 {
			t.Errorf("%d requests were answered 429; the throttle should have avoided them", limited)
		}
		// 40 requests at 5 per second need at least 7 window resets.
		if elapsed < 7*time.Second {
			t.Errorf("finished after %s of fake time: the quota cannot allow that", elapsed)
		}
		if rl, known := c.Rate(); !known || rl.Quota != 5 {
			t.Errorf("Client.Rate() = %+v, %v; want the store's quota 5", rl, known)
		}
	})
}

func TestIntegrationFaultsRetried(t *testing.T) {
	ctx := context.Background()
	// run runs one case in its own bubble (the retry waits of the default
	// policy pass on the fake clock) against its own small store.
	run := func(name string, f func(t *testing.T, c *bigcommerce.Client, store *bigcommercetest.Store)) {
		t.Run(name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, store := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.SeedOptions{Seed: 2, Customers: 3, Orders: 3})
				f(t, c, store)
			})
		})
	}

	run("429 without headers", func(t *testing.T, c *bigcommerce.Client, store *bigcommercetest.Store) {
		store.InjectFault(bigcommercetest.Fault{Kind: bigcommercetest.Fault429NoHeaders, Method: "GET", PathPrefix: "/v3/customers", Times: 2})
		mark := logMark(store)
		got, _, err := c.Customers.List(ctx, nil)
		if err != nil || len(got) != 3 {
			t.Fatalf("List: %d customers, %v", len(got), err)
		}
		if s := statuses(store, mark, "GET", "/v3/customers"); !slices.Equal(s, []int{429, 429, 200}) {
			t.Errorf("statuses %v, want [429 429 200]", s)
		}
	})

	run("5xx on GET", func(t *testing.T, c *bigcommerce.Client, store *bigcommercetest.Store) {
		store.InjectFault(bigcommercetest.Fault{Kind: bigcommercetest.FaultStatus, Status: 503, Method: "GET", PathPrefix: "/v2/orders"})
		store.InjectFault(bigcommercetest.Fault{Kind: bigcommercetest.FaultStatus, Status: 502, Method: "GET", PathPrefix: "/v2/orders"})
		mark := logMark(store)
		got, _, err := c.Orders.List(ctx, nil)
		if err != nil || len(got) != 3 {
			t.Fatalf("List: %d orders, %v", len(got), err)
		}
		if s := statuses(store, mark, "GET", "/v2/orders"); !slices.Equal(s, []int{503, 502, 200}) {
			t.Errorf("statuses %v, want [503 502 200]", s)
		}
	})

	run("5xx on GET until retries run out", func(t *testing.T, c *bigcommerce.Client, store *bigcommercetest.Store) {
		store.InjectFault(bigcommercetest.Fault{Kind: bigcommercetest.FaultStatus, Status: 500, Method: "GET", PathPrefix: "/v2/store", Times: 10})
		defer store.ClearFaults()
		mark := logMark(store)
		_, err := c.Ping(ctx)
		var e *bigcommerce.Error
		if !errors.As(err, &e) || e.StatusCode != 500 {
			t.Fatalf("Ping: %v, want the last 500", err)
		}
		if s := statuses(store, mark, "GET", "/v2/store"); len(s) != 4 { // 1 + MaxRetries
			t.Errorf("statuses %v, want 4 attempts", s)
		}
	})

	run("5xx on POST not retried", func(t *testing.T, c *bigcommerce.Client, store *bigcommercetest.Store) {
		store.InjectFault(bigcommercetest.Fault{Kind: bigcommercetest.FaultStatus, Status: 500, Method: "POST", PathPrefix: "/v3/customers"})
		before := store.CustomerCount()
		mark := logMark(store)
		_, _, err := c.Customers.CreateMany(ctx, []bigcommerce.CustomerCreate{{Email: "once@example.com", FirstName: "Only", LastName: "Once"}})
		var e *bigcommerce.Error
		if !errors.As(err, &e) || e.StatusCode != 500 {
			t.Fatalf("Create: %v, want the 500", err)
		}
		if s := statuses(store, mark, "POST", "/v3/customers"); !slices.Equal(s, []int{500}) {
			t.Errorf("statuses %v, want a single 500: a POST must not be retried", s)
		}
		if store.CustomerCount() != before {
			t.Errorf("a customer was created")
		}
	})

	run("dropped connection on GET", func(t *testing.T, c *bigcommerce.Client, store *bigcommercetest.Store) {
		store.InjectFault(bigcommercetest.Fault{Kind: bigcommercetest.FaultDrop, Method: "GET", PathPrefix: "/v3/customers"})
		mark := logMark(store)
		got, _, err := c.Customers.List(ctx, nil)
		if err != nil || len(got) != 3 {
			t.Fatalf("List: %d customers, %v", len(got), err)
		}
		if s := statuses(store, mark, "GET", "/v3/customers"); !slices.Equal(s, []int{0, 200}) {
			t.Errorf("statuses %v, want [0 200]", s)
		}
	})

	run("dropped connection on POST not retried", func(t *testing.T, c *bigcommerce.Client, store *bigcommercetest.Store) {
		store.InjectFault(bigcommercetest.Fault{Kind: bigcommercetest.FaultDrop, Method: "POST", PathPrefix: "/v3/inventory/adjustments/relative"})
		mark := logMark(store)
		_, _, err := c.Inventory.AdjustRelative(ctx, []bigcommerce.InventoryAdjustment{{LocationID: 1, ProductID: 1, Quantity: 1}}, "")
		if err == nil {
			t.Fatal("AdjustRelative succeeded through a dropped connection")
		}
		if n := len(requestsSince(store, mark, "POST", "/v3/inventory/adjustments/relative")); n != 1 {
			t.Errorf("%d attempts, want 1: a relative adjustment must not be sent twice", n)
		}
	})

	run("truncated body on GET", func(t *testing.T, c *bigcommerce.Client, store *bigcommercetest.Store) {
		store.InjectFault(bigcommercetest.Fault{Kind: bigcommercetest.FaultTruncate, Method: "GET", PathPrefix: "/v2/orders"})
		mark := logMark(store)
		got, _, err := c.Orders.List(ctx, nil)
		if err != nil || len(got) != 3 {
			t.Fatalf("List: %d orders, %v", len(got), err)
		}
		if s := statuses(store, mark, "GET", "/v2/orders"); !slices.Equal(s, []int{200, 200}) {
			t.Errorf("statuses %v, want [200 200] (the first body cut short)", s)
		}
	})
}

// TestIntegrationFaultsOverHTTP repeats the connection faults over real
// sockets (an httptest server), where a drop is a closed connection and a
// truncated body a short read, with zero retry waits instead of a bubble.
func TestIntegrationFaultsOverHTTP(t *testing.T) {
	store := bigcommercetest.New(bigcommercetest.Config{StoreHash: fakeHash})
	store.Seed(bigcommercetest.SeedOptions{Seed: 4, Customers: 4, Orders: 4})
	srv := httptest.NewServer(store)
	defer srv.Close()
	c, err := bigcommerce.NewClient(fakeHash, bigcommerce.TokenAuth{AccessToken: "fake-token"}, bigcommerce.WithBaseURL(srv.URL+"/stores/"+fakeHash),
		bigcommerce.WithRetryPolicy(bigcommerce.RetryPolicy{MaxRetries: 3}))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	store.InjectFault(bigcommercetest.Fault{Kind: bigcommercetest.FaultDrop, Method: "GET", PathPrefix: "/v3/customers"})
	if got, _, err := c.Customers.List(ctx, nil); err != nil || len(got) != 4 {
		t.Errorf("List after a dropped connection: %d customers, %v", len(got), err)
	}
	store.InjectFault(bigcommercetest.Fault{Kind: bigcommercetest.FaultTruncate, Method: "GET", PathPrefix: "/v2/orders"})
	mark := logMark(store)
	if got, _, err := c.Orders.List(ctx, nil); err != nil || len(got) != 4 {
		t.Errorf("List after a truncated body: %d orders, %v", len(got), err)
	}
	if n := len(requestsSince(store, mark, "GET", "/v2/orders")); n != 2 {
		t.Errorf("%d order requests, want 2 (the truncated one and its retry)", n)
	}
	store.InjectFault(bigcommercetest.Fault{Kind: bigcommercetest.FaultDrop, Method: "POST", PathPrefix: "/v3/customers"})
	before := store.CustomerCount()
	mark = logMark(store)
	if _, _, err := c.Customers.CreateMany(ctx, []bigcommerce.CustomerCreate{{Email: "drop@example.com", FirstName: "D", LastName: "Rop"}}); err == nil {
		t.Error("Create succeeded through a dropped connection")
	}
	if n := len(requestsSince(store, mark, "POST", "/v3/customers")); n != 1 || store.CustomerCount() != before {
		t.Errorf("%d POST attempts (want 1), customers %d -> %d", n, before, store.CustomerCount())
	}
}

func TestIntegrationPing(t *testing.T) {
	ctx := context.Background()
	c, store := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.SeedOptions{})
	info, err := c.Ping(ctx)
	if err != nil {
		t.Fatalf("Ping: %v", err)
	}
	if info.Name != "Fake Store" || info.Domain != fakeHash+".example.com" || info.PlanName != "Standard" ||
		info.Currency != "USD" || info.ID != fakeHash || info.Timezone.Name != "Etc/UTC" {
		t.Errorf("Ping: %+v", info)
	}

	bad, err := bigcommerce.NewClient(fakeHash, bigcommerce.TokenAuth{AccessToken: "wrong-token"}, bigcommerce.WithBaseURL("http://fakestore.test/stores/"+fakeHash),
		bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}))
	if err != nil {
		t.Fatal(err)
	}
	mark := logMark(store)
	_, err = bad.Ping(ctx)
	var e *bigcommerce.Error
	if !errors.Is(err, bigcommerce.ErrUnauthorized) || !errors.As(err, &e) || !strings.Contains(e.Hint, "access token") {
		t.Fatalf("Ping with a wrong token: %v, want ErrUnauthorized with a hint about the token", err)
	}
	if strings.Contains(err.Error(), "wrong-token") {
		t.Errorf("the error shows the token: %v", err)
	}
	if s := statuses(store, mark, "GET", "/v2/store"); !slices.Equal(s, []int{401}) {
		t.Errorf("statuses %v, want one 401 (never retried)", s)
	}
}

func TestIntegrationBasicAuthLegacy(t *testing.T) {
	store := bigcommercetest.New(bigcommercetest.Config{StoreHash: fakeHash, BasicUser: "legacy", BasicToken: "legacy-token"})
	store.Seed(bigcommercetest.SeedOptions{Seed: 9, Orders: 6})
	srv := httptest.NewServer(store)
	defer srv.Close()
	ctx := context.Background()

	for _, base := range []string{srv.URL + "/api", srv.URL + "/api/v2/"} {
		t.Run(strings.TrimPrefix(base, srv.URL), func(t *testing.T) {
			c, err := bigcommerce.NewClient("", bigcommerce.BasicAuth{Username: "legacy", APIToken: "legacy-token"}, bigcommerce.WithBaseURL(base))
			if err != nil {
				t.Fatal(err)
			}
			info, err := c.Ping(ctx)
			if err != nil || info.Name != "Fake Store" {
				t.Fatalf("Ping: %+v, %v", info, err)
			}
			mark := logMark(store)
			orders, _, err := c.Orders.List(ctx, &bigcommerce.OrderFilter{Limit: 4})
			if err != nil || len(orders) != 4 {
				t.Fatalf("Orders.List: %d orders, %v", len(orders), err)
			}
			reqs := requestsSince(store, mark, "GET", "")
			if len(reqs) != 1 || reqs[0].Path != "/api/v2/orders" {
				t.Errorf("requests %+v, want one GET /api/v2/orders", reqs)
			}
			if all := walkAll(t, c.Orders.All(ctx, &bigcommerce.OrderFilter{Limit: 4})); len(all) != store.OrderCount() {
				t.Errorf("Orders.All walked %d of %d", len(all), store.OrderCount())
			}

			// V3 is refused before anything is sent.
			mark = logMark(store)
			_, _, err = c.Customers.List(ctx, nil)
			if !errors.Is(err, bigcommerce.ErrInvalidRequest) || !strings.Contains(err.Error(), "OAuth access token") {
				t.Errorf("Customers.List with BasicAuth: %v, want a client-side refusal", err)
			}
			if n := logMark(store) - mark; n != 0 {
				t.Errorf("%d requests sent for a refused V3 call", n)
			}
		})
	}

	t.Run("wrong password", func(t *testing.T) {
		c, err := bigcommerce.NewClient("", bigcommerce.BasicAuth{Username: "legacy", APIToken: "not-the-token"}, bigcommerce.WithBaseURL(srv.URL+"/api"))
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Ping(ctx)
		var e *bigcommerce.Error
		if !errors.Is(err, bigcommerce.ErrUnauthorized) || !errors.As(err, &e) || !strings.Contains(e.Hint, "legacy API account") {
			t.Fatalf("Ping: %v, want ErrUnauthorized with a hint about the legacy account", err)
		}
		if strings.Contains(err.Error(), "not-the-token") {
			t.Errorf("the error shows the API token: %v", err)
		}
		if _, _, err := c.Orders.List(ctx, nil); !errors.Is(err, bigcommerce.ErrUnauthorized) {
			t.Errorf("Orders.List: %v, want ErrUnauthorized", err)
		}
	})
}
