package bigcommerce_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
	"github.com/shopspring/decimal"
)

// The batch writers against the fake store: how many requests they run at
// once, how they attribute a rejection, the one-record creates
// (CreateMany, CreateVariants) and the streamed (Seq) writes.

// peakRoundTrips counts the requests in flight and the most at once.
type peakRoundTrips struct {
	rt           http.RoundTripper
	active, peak atomic.Int32
}

func (p *peakRoundTrips) RoundTrip(r *http.Request) (*http.Response, error) {
	n := p.active.Add(1)
	for old := p.peak.Load(); n > old && !p.peak.CompareAndSwap(old, n); old = p.peak.Load() {
	}
	defer p.active.Add(-1)
	return p.rt.RoundTrip(r)
}

// peakClient is a client of a store with 50 ms of latency that counts its
// requests in flight, with WithMaxConcurrency conc. Run it in a synctest
// bubble, where the latency takes no real time.
func peakClient(t *testing.T, seed bigcommercetest.Seed, conc int) (*bigcommerce.Client, *peakRoundTrips, *bigcommercetest.Store) {
	t.Helper()
	store := bigcommercetest.New(bigcommercetest.Config{StoreHash: fakeHash, Quota: 1 << 20, Latency: 50 * time.Millisecond})
	store.Seed(seed)
	counter := &peakRoundTrips{rt: store.Transport()}
	c, err := bigcommerce.NewClient(fakeHash, bigcommerce.TokenAuth{AccessToken: "fake-token"}, bigcommerce.WithMaxConcurrency(conc),
		bigcommerce.WithBaseURL("http://fakestore.test/stores/"+fakeHash), bigcommerce.WithHTTPClient(&http.Client{Transport: counter}))
	if err != nil {
		t.Fatal(err)
	}
	return c, counter, store
}

// TestBatchWritersConcurrency checks that each batch write runs as many
// requests at once as BigCommerce documents for its endpoint, and where it
// documents none, as WithMaxConcurrency allows (8 here): the catalog batch
// writes ran 2, a limit BigCommerce does not state.
func TestBatchWritersConcurrency(t *testing.T) {
	const conc = 8
	tests := []struct {
		name  string
		seed  bigcommercetest.Seed
		write func(context.Context, *bigcommerce.Client) error
		want  int32
	}{
		{"Products.UpdateBatch", bigcommercetest.Seed{Seed: 1, Products: 200}, func(ctx context.Context, c *bigcommerce.Client) error {
			_, _, err := c.Products.UpdateMany(ctx, importProductUpdates(200))
			return err
		}, conc},
		{"Products.UpdateVariantsBatch", bigcommercetest.Seed{Seed: 1, Products: 250, VariantsPerProduct: 2}, func(ctx context.Context, c *bigcommerce.Client) error {
			_, _, err := c.Products.UpdateVariants(ctx, importVariantUpdates(500))
			return err
		}, conc},
		{"Products.CreateMany", bigcommercetest.Seed{Seed: 1}, func(ctx context.Context, c *bigcommerce.Client) error {
			_, _, err := c.Products.CreateMany(ctx, importProducts(30))
			return err
		}, conc},
		{"Products.DeleteMany", bigcommercetest.Seed{Seed: 1, Products: 3000}, func(ctx context.Context, c *bigcommerce.Client) error {
			ids := make([]int, 3000)
			for i := range ids {
				ids[i] = i + 1
			}
			_, err := c.Products.DeleteMany(ctx, ids...)
			return err
		}, conc},
		// "Limit of 3 concurrent requests" (customers.v3.yml, PUT /customers).
		{"Customers.Update", bigcommercetest.Seed{Seed: 1, Customers: 200}, func(ctx context.Context, c *bigcommerce.Client) error {
			_, _, err := c.Customers.UpdateMany(ctx, importCustomerUpdates(200))
			return err
		}, 3},
		// "Up to 2 concurrent batch upsert requests" (price_lists.v3.yml).
		{"PriceLists.UpsertRecords", bigcommercetest.Seed{Seed: 1, Products: 2500, VariantsPerProduct: 2}, func(ctx context.Context, c *bigcommerce.Client) error {
			pl, _, err := c.PriceLists.Create(ctx, bigcommerce.PriceListCreate{Name: "Import concurrency"})
			if err != nil {
				return err
			}
			_, err = c.PriceLists.UpsertRecords(ctx, pl.ID, importPriceRecords(2500))
			return err
		}, 2},
		// One at a time, as BigCommerce asks for inventory writes.
		{"Inventory.AdjustAbsolute", bigcommercetest.Seed{Seed: 1, Products: 3000, VariantsPerProduct: 2}, func(ctx context.Context, c *bigcommerce.Client) error {
			_, _, err := c.Inventory.AdjustAbsolute(ctx, importAdjustments(3000), "")
			return err
		}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				c, counter, _ := peakClient(t, tt.seed, conc)
				if err := tt.write(t.Context(), c); err != nil {
					t.Fatal(err)
				}
				if got := counter.peak.Load(); got != tt.want {
					t.Errorf("%d requests at once, want %d", got, tt.want)
				}
			})
		})
	}
}

// TestCustomersCreateAddressesConcurrency: POST /v3/customers/addresses
// documents "10 concurrent requests": a client allowing 20 sends 10.
func TestCustomersCreateAddressesConcurrency(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, counter, _ := peakClient(t, bigcommercetest.Seed{Seed: 1, Customers: 300}, 20)
		in := make([]bigcommerce.AddressCreate, 300)
		for i := range in {
			in[i] = bigcommerce.AddressCreate{CustomerID: i + 1, FirstName: "A", LastName: "B", Address1: fmt.Sprintf("%d Import St", i), City: "Austin",
				StateOrProvince: "Texas", PostalCode: "78701", CountryCode: "US"}
		}
		if _, _, err := c.Customers.CreateAddresses(t.Context(), in); err != nil {
			t.Fatal(err)
		}
		if got := counter.peak.Load(); got != 10 {
			t.Errorf("%d requests at once, want 10", got)
		}
	})
}

// TestInventoryRejectionAttribution is issue 20's case: one unknown SKU
// among two items. BigCommerce rejects the whole request; the unknown SKU
// failed, the other item was not written only because of it and is said
// to be sendable again, which it is.
func TestInventoryRejectionAttribution(t *testing.T) {
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1, Products: 2, VariantsPerProduct: 2})
	items := []bigcommerce.InventoryAdjustment{
		{LocationID: 1, SKU: "SKU-000001-XS", Quantity: 5},
		{LocationID: 1, SKU: "NOPE", Quantity: 5},
	}
	_, _, err := c.Inventory.AdjustAbsolute(t.Context(), items, "")
	var be *bigcommerce.BatchError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want a *BatchError", err)
	}
	t.Logf("err.Error(): %s\nFailedIndexes(): %v", err, be.FailedIndexes())
	if !slices.Equal(be.FailedIndexes(), []int{0, 1}) || len(be.Unknown) != 0 {
		t.Fatalf("failed %v, unknown %v", be.FailedIndexes(), be.UnknownIndexes())
	}
	var e *bigcommerce.Error
	if !errors.As(be.Failures[1].Err, &e) || e.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(e.Fields["identity"], "sku NOPE does not exist") {
		t.Errorf("item 1: %v, want the 422 naming sku NOPE", be.Failures[1].Err)
	}
	innocent := be.Failures[0].Err
	if errors.As(innocent, &e) || errors.Is(innocent, bigcommerce.ErrUnprocessable) || !errors.Is(innocent, bigcommerce.ErrNotWritten) || errors.Is(be.Failures[1].Err, bigcommerce.ErrNotWritten) ||
		!strings.Contains(innocent.Error(), "not written: BigCommerce rejected the whole request (422") || !strings.Contains(innocent.Error(), "can be sent again") {
		t.Errorf("item 0: %v, want a not-written, can-be-sent-again error", innocent)
	}
	// As said: item 0 alone goes through.
	if _, _, err := c.Inventory.AdjustAbsolute(t.Context(), items[:1], ""); err != nil {
		t.Fatal(err)
	}
	stock, _, err := c.Inventory.ListItems(t.Context(), &bigcommerce.InventoryItemFilter{SKUIn: bigcommerce.StringList{"SKU-000001-XS"}, LocationIDIn: bigcommerce.IntList{1}})
	if err != nil || len(stock) != 1 || stock[0].Locations[0].TotalInventoryOnhand != 5 {
		t.Errorf("stock after resending item 0: %+v, %v", stock, err)
	}
}

// TestProductsCreateMany creates products one POST each: results aligned
// with the input, a refused product in Failures at its index, the others
// created.
func TestProductsCreateMany(t *testing.T) {
	c, store := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1, Products: 1})
	existing, _, err := c.Products.Get(t.Context(), 1, nil)
	if err != nil {
		t.Fatal(err)
	}
	in := importProducts(5)
	in[3].Name = existing.Name // a duplicate name: 409
	mark := logMark(store)
	out, _, err := c.Products.CreateMany(t.Context(), in)
	var be *bigcommerce.BatchError
	if !errors.As(err, &be) || !slices.Equal(be.FailedIndexes(), []int{3}) || len(be.Unknown) != 0 || !errors.Is(be.Failures[0].Err, bigcommerce.ErrConflict) {
		t.Fatalf("err = %v", err)
	}
	if len(out) != len(in) {
		t.Fatalf("%d results for %d inputs", len(out), len(in))
	}
	for i, p := range out {
		switch {
		case i == 3 && p.ID != 0:
			t.Errorf("result 3 = %+v, want the zero Product", p)
		case i != 3 && (p.ID == 0 || p.Name != in[i].Name):
			t.Errorf("result %d = %d %q, want the product created from input %d (%q)", i, p.ID, p.Name, i, in[i].Name)
		}
	}
	if n := len(requestsSince(store, mark, http.MethodPost, "/v3/catalog/products")); n != 5 {
		t.Errorf("%d POSTs, want 5", n)
	}
}

// TestProductsCreateManyOutcomeUnknown: a 500 to one POST is never
// resent; its item is unknown, and nothing is sent after it.
func TestProductsCreateManyOutcomeUnknown(t *testing.T) {
	c, store := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1}, bigcommerce.WithMaxConcurrency(1),
		bigcommerce.WithRetryPolicy(bigcommerce.RetryPolicy{MaxRetries: 3}))
	in := importProducts(4)
	in[1].SKU = bigcommerce.Ptr("PARTIAL")
	store.FailSKU("PARTIAL") // created, stock not saved: a 207
	mark := logMark(store)
	first, _, err := c.Products.CreateMany(t.Context(), in[:2])
	var be *bigcommerce.BatchError
	if !errors.As(err, &be) || !slices.Equal(be.UnknownIndexes(), []int{1}) || len(be.Failures) != 0 || first[1].ID == 0 {
		t.Fatalf("207: %v, results %+v", err, first)
	}
	store.InjectFault(bigcommercetest.Fault{Method: http.MethodPost, PathPrefix: "/v3/catalog/products", Status: http.StatusBadGateway})
	out, _, err := c.Products.CreateMany(t.Context(), in[2:])
	if !errors.As(err, &be) || !slices.Equal(be.UnknownIndexes(), []int{0}) || !slices.Equal(be.FailedIndexes(), []int{1}) ||
		!errors.Is(be.Unknown[0].Err, bigcommerce.ErrOutcomeUnknown) || errors.Is(be.Failures[0].Err, bigcommerce.ErrOutcomeUnknown) {
		t.Fatalf("502: %v", err)
	}
	if out[0].ID != 0 || out[1].ID != 0 {
		t.Errorf("results %+v, want none created", out)
	}
	if n := len(requestsSince(store, mark, http.MethodPost, "/v3/catalog/products")); n != 3 {
		t.Errorf("%d POSTs, want 3: two, then one answered 502 and neither resent nor followed", n)
	}
}

// TestCreateManyValidation: a bad item, no items or a bad path id is
// refused before anything is sent.
func TestCreateManyValidation(t *testing.T) {
	c, store := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1, Products: 1})
	bad := importProducts(3)
	bad[2].Name = ""
	noOptions := importVariants(2)
	noOptions[1].OptionValues = nil
	calls := map[string]func() error{
		"Products.CreateMany bad item": func() error { _, _, err := c.Products.CreateMany(t.Context(), bad); return err },
		"Products.CreateMany none":     func() error { _, _, err := c.Products.CreateMany(t.Context(), nil); return err },
		"CreateVariants bad item":      func() error { _, _, err := c.Products.CreateVariants(t.Context(), 1, noOptions); return err },
		"CreateVariants product 0":     func() error { _, _, err := c.Products.CreateVariants(t.Context(), 0, importVariants(1)); return err },
		"generated, none": func() error {
			_, _, err := c.ProductCustomFields.CreateMany(t.Context(), 1, nil)
			return err
		},
		"generated, product 0": func() error {
			_, _, err := c.ProductCustomFields.CreateMany(t.Context(), 0, importCustomFields(1))
			return err
		},
	}
	mark := logMark(store)
	for name, call := range calls {
		if err := call(); !errors.Is(err, bigcommerce.ErrInvalidRequest) {
			t.Errorf("%s: %v, want ErrInvalidRequest", name, err)
		}
	}
	if err := calls["Products.CreateMany bad item"](); !strings.Contains(err.Error(), "product 2: name is required") {
		t.Errorf("message %q does not name the item", err)
	}
	if n := len(store.RequestLog()) - mark; n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// TestProductsCreateVariants adds variants to a product, one POST each.
func TestProductsCreateVariants(t *testing.T) {
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1, Products: 2})
	in := importVariants(4)
	in[2].SKU = "SKU-000002" // product 2's SKU: 409
	out, _, err := c.Products.CreateVariants(t.Context(), 1, in)
	var be *bigcommerce.BatchError
	if !errors.As(err, &be) || !slices.Equal(be.FailedIndexes(), []int{2}) || !errors.Is(err, bigcommerce.ErrConflict) {
		t.Fatalf("err = %v", err)
	}
	for i, v := range out {
		if i != 2 && (v.ID == 0 || v.SKU != in[i].SKU || v.ProductID != 1) {
			t.Errorf("result %d = %+v, want input %d's variant", i, v, i)
		}
	}
	got := walkAll(t, c.Products.AllVariants(t.Context(), 1, nil))
	if len(got) != 1+3 {
		t.Errorf("product 1 has %d variants, want its base and 3 new", len(got))
	}
}

// TestGeneratedCreateMany: the CreateMany beside a generated one-record
// Create.
func TestGeneratedCreateMany(t *testing.T) {
	c, store := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1, Products: 1})
	in := importCustomFields(12)
	mark := logMark(store)
	out, _, err := c.ProductCustomFields.CreateMany(t.Context(), 1, in)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range out {
		if f.ID == 0 || f.Name != in[i].Name || f.Value != in[i].Value {
			t.Errorf("result %d = %+v, want input %d", i, f, i)
		}
	}
	if n := len(requestsSince(store, mark, http.MethodPost, "/custom-fields")); n != 12 {
		t.Errorf("%d POSTs, want 12", n)
	}
}

// countingSeq yields n items made by item, counting how many were read.
func countingSeq[T any](n int, read *atomic.Int64, item func(i int) T) iter.Seq[T] {
	return func(yield func(T) bool) {
		for i := range n {
			read.Add(1)
			if !yield(item(i)) {
				return
			}
		}
	}
}

// TestInventoryAdjustAbsoluteSeq streams adjustments: the refused one and
// the one BigCommerce names fail at their positions in the sequence, the
// others are written.
func TestInventoryAdjustAbsoluteSeq(t *testing.T) {
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1, Products: 1500, VariantsPerProduct: 2})
	all := importAdjustments(1500) // 3,000 items: two requests
	all[10].LocationID = 0         // refused before sending
	all[2500].SKU = "NOPE"         // named by BigCommerce's 422
	var read atomic.Int64
	var reports []bigcommerce.Progress
	ctx := bigcommerce.WithProgress(t.Context(), func(p bigcommerce.Progress) { reports = append(reports, p) })
	_, err := c.Inventory.AdjustAbsoluteSeq(ctx, countingSeq(len(all), &read, func(i int) bigcommerce.InventoryAdjustment { return all[i] }), "import")
	var be *bigcommerce.BatchError
	if !errors.As(err, &be) || be.Total != 3000 || read.Load() != 3000 {
		t.Fatalf("err = %v (read %d)", err, read.Load())
	}
	// Chunks are made of the accepted items: the first request holds
	// positions 0..2000 but 10, the second 2001..2999, among them the
	// unknown SKU: it failed with the 422, the second request's 998 others
	// were not written.
	var named, notWritten, refused []int
	for _, f := range be.Failures {
		var ve *bigcommerce.ValidationError
		var e *bigcommerce.Error
		switch {
		case errors.As(f.Err, &ve):
			refused = append(refused, f.Index)
		case errors.As(f.Err, &e):
			named = append(named, f.Index)
		case strings.Contains(f.Err.Error(), "can be sent again"):
			notWritten = append(notWritten, f.Index)
		}
	}
	if !slices.Equal(refused, []int{10}) || !slices.Equal(named, []int{2500}) || len(notWritten) != 998 || notWritten[0] != 2001 {
		t.Errorf("refused %v, named %v, not written %d from %v", refused, named, len(notWritten), notWritten[:1])
	}
	stock, _, err := c.Inventory.ListItems(t.Context(), &bigcommerce.InventoryItemFilter{SKUIn: bigcommerce.StringList{all[0].SKU, all[2000].SKU}, LocationIDIn: bigcommerce.IntList{1}})
	if err != nil || len(stock) != 2 {
		t.Fatalf("stock of the first request's items: %+v, %v", stock, err)
	}
	want := map[string]int{all[0].SKU: all[0].Quantity, all[2000].SKU: all[2000].Quantity}
	for _, it := range stock {
		if got := it.Locations[0].TotalInventoryOnhand; got != want[it.Identity.SKU] {
			t.Errorf("%s: stock %d, want %d", it.Identity.SKU, got, want[it.Identity.SKU])
		}
	}
	last := reports[len(reports)-1]
	if !last.Finished || last.Op != "Inventory.AdjustAbsoluteSeq" || last.Total != 3000 || last.Done != 3000 || last.Failed != 1000 || reports[0].Total != -1 {
		t.Errorf("last progress report %+v", last)
	}
}

// TestCustomersSeqWrites streams customers into the store and updates
// them, stopping the read at the first error that is not about the items.
func TestCustomersSeqWrites(t *testing.T) {
	// One request at a time, so the 401 answers the first update request.
	c, store := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1}, bigcommerce.WithMaxConcurrency(1))
	var read atomic.Int64
	if _, err := c.Customers.CreateManySeq(t.Context(), countingSeq(95, &read, func(i int) bigcommerce.CustomerCreate { return importCustomers(95)[i] })); err != nil {
		t.Fatal(err)
	}
	if store.CustomerCount() != 95 {
		t.Fatalf("%d customers, want 95", store.CustomerCount())
	}
	store.InjectFault(bigcommercetest.Fault{Method: http.MethodPut, PathPrefix: "/v3/customers", Status: http.StatusUnauthorized})
	read.Store(0)
	_, err := c.Customers.UpdateManySeq(t.Context(), countingSeq(95, &read, func(i int) bigcommerce.CustomerUpdate { return importCustomerUpdates(95)[i] }))
	var be *bigcommerce.BatchError
	if !errors.As(err, &be) || !errors.Is(err, bigcommerce.ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	// The first chunk was answered 401 and the read stopped there: the
	// failures are the 10 items read, nothing else was sent, and the one
	// item read after them only showed that more followed (the error says
	// the rest was neither read nor sent).
	if n := read.Load(); n != 11 || be.Total != 10 || len(be.Failures) != 10 || len(be.Unknown) != 0 || !errors.Is(err, bigcommerce.ErrNotWritten) {
		t.Errorf("read %d, total %d, %d failures", n, be.Total, len(be.Failures))
	}
}

// TestBatchSeqProgressUnderLoad runs a streamed product update of a
// thousand items under the progress hook, checking the reports' order.
func TestBatchSeqProgressUnderLoad(t *testing.T) {
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1, Products: 1000}, bigcommerce.WithMaxConcurrency(6))
	var mu sync.Mutex
	var done []int
	ctx := bigcommerce.WithProgress(t.Context(), func(p bigcommerce.Progress) {
		mu.Lock()
		defer mu.Unlock()
		done = append(done, p.Done)
	})
	var read atomic.Int64
	items := countingSeq(1000, &read, func(i int) bigcommerce.ProductUpdate {
		return bigcommerce.ProductUpdate{ID: i + 1, Price: bigcommerce.Ptr(decimal.NewFromInt(9))}
	})
	if _, err := c.Products.UpdateManySeq(ctx, items); err != nil {
		t.Fatal(err)
	}
	if len(done) != 101 || done[100] != 1000 || !slices.IsSorted(done) {
		t.Errorf("reports %v", done)
	}
}

// TestProductsUpdateBatchRejection: a product batch BigCommerce rejects
// over one item (its error keys "1.name") fails that item with the error
// and the others of the request as not written, resendable.
func TestProductsUpdateBatchRejection(t *testing.T) {
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 1, Products: 3})
	in := importProductUpdates(3)
	in[1].Name = bigcommerce.Ptr("")
	_, _, err := c.Products.UpdateMany(t.Context(), in)
	var be *bigcommerce.BatchError
	if !errors.As(err, &be) || !slices.Equal(be.FailedIndexes(), []int{0, 1, 2}) {
		t.Fatalf("err = %v", err)
	}
	var e *bigcommerce.Error
	if !errors.As(be.Failures[1].Err, &e) || e.Fields["name"] == "" || errors.Is(be.Failures[1].Err, bigcommerce.ErrNotWritten) {
		t.Errorf("item 1: %v, want the 422 naming its name", be.Failures[1].Err)
	}
	for _, i := range []int{0, 2} {
		if f := be.Failures[i]; !errors.Is(f.Err, bigcommerce.ErrNotWritten) || errors.As(f.Err, &e) {
			t.Errorf("item %d: %v, want not written", i, f.Err)
		}
	}
	// Sent again without the bad one, they go through.
	if _, _, err := c.Products.UpdateMany(t.Context(), []bigcommerce.ProductUpdate{in[0], in[2]}); err != nil {
		t.Fatal(err)
	}
}
