package bigcommerce_test

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
	"github.com/shopspring/decimal"
)

// The import benchmark: each batch write the SDK offers, on a fake store
// with the export benchmark's quota shape (25 requests per 1 s window,
// 200 ms per request) and a client with WithMaxConcurrency 10. It waits for
// real (the latency is real time), so it only runs with -bench:
//
//	go test -run '^$' -bench BenchmarkImport -benchtime 1x -count 5 .
//
// Each write reports its requests, its 429s and its efficiency:
// bound/elapsed, where bound = max(requests / quota rate, requests ×
// latency / allowed) is the shortest time the quota and the latency allow
// for that many requests, and allowed is the concurrency BigCommerce
// documents for the endpoint (the write's case says which), else the
// client's WithMaxConcurrency. Baselines run beside the writes: "/old" is
// a catalog batch write as it ran before (2 requests at once, a limit
// BigCommerce does not document), "/loop" the loop of one-record creates a
// user wrote before CreateMany; "/seq" is the write fed by an iter.Seq.

const benchImportConc = 10

// importCase is one write of the import benchmark.
type importCase struct {
	name string
	seed bigcommercetest.Seed
	// allowed is the endpoint's documented concurrency, or benchImportConc.
	allowed int
	// setup prepares the store through the client (not timed; the rate
	// window is left to reset afterwards) and returns what write needs.
	setup func(ctx context.Context, c *bigcommerce.Client) (any, error)
	// write is the timed import; it fails on any error.
	write func(ctx context.Context, c *bigcommerce.Client, state any) error
}

func BenchmarkImport(b *testing.B) {
	for _, ic := range importCases() {
		b.Run(ic.name, func(b *testing.B) {
			var requests, tooMany, eff float64
			for range b.N {
				b.StopTimer()
				r, t, e := runImport(b, ic)
				requests += r
				tooMany += t
				eff += e
			}
			b.ReportMetric(requests/float64(b.N), "requests/op")
			b.ReportMetric(tooMany/float64(b.N), "429s/op")
			b.ReportMetric(eff/float64(b.N), "efficiency")
		})
	}
}

// runImport runs one import case on a fresh store and returns its
// requests, 429s and efficiency.
func runImport(b *testing.B, ic importCase) (requests, tooMany, eff float64) {
	b.Helper()
	store := bigcommercetest.New(bigcommercetest.Config{StoreHash: fakeHash, Quota: benchQuota, Window: benchWindow, Latency: benchLatency})
	store.Seed(ic.seed)
	c, err := bigcommerce.NewClient(fakeHash, bigcommerce.TokenAuth{AccessToken: "fake-token"}, bigcommerce.WithMaxConcurrency(benchImportConc),
		bigcommerce.WithBaseURL("http://fakestore.test/stores/"+fakeHash), bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}))
	if err != nil {
		b.Fatal(err)
	}
	var state any
	if ic.setup != nil {
		if state, err = ic.setup(b.Context(), c); err != nil {
			b.Fatal(err)
		}
		time.Sleep(benchWindow) // a fresh rate window for the write
	}
	before := len(store.RequestLog())
	b.StartTimer()
	start := time.Now()
	err = ic.write(b.Context(), c, state)
	elapsed := time.Since(start)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	log := store.RequestLog()[before:]
	for _, rec := range log {
		if rec.Status == http.StatusTooManyRequests {
			tooMany++
		}
	}
	requests = float64(len(log))
	bound := max(requests/(benchQuota/benchWindow.Seconds()), requests*benchLatency.Seconds()/float64(ic.allowed))
	return requests, tooMany, bound / elapsed.Seconds()
}

// Inputs of the import cases.

func importCustomers(n int) []bigcommerce.CustomerCreate {
	out := make([]bigcommerce.CustomerCreate, n)
	for i := range out {
		out[i] = bigcommerce.CustomerCreate{Email: fmt.Sprintf("import%05d@example.com", i), FirstName: "Import", LastName: fmt.Sprintf("Customer %d", i)}
	}
	return out
}

func importCustomerUpdates(n int) []bigcommerce.CustomerUpdate {
	out := make([]bigcommerce.CustomerUpdate, n)
	for i := range out {
		out[i] = bigcommerce.CustomerUpdate{ID: i + 1, Notes: bigcommerce.Ptr(fmt.Sprintf("imported %d", i))}
	}
	return out
}

func importProducts(n int) []bigcommerce.ProductCreate {
	out := make([]bigcommerce.ProductCreate, n)
	for i := range out {
		out[i] = bigcommerce.ProductCreate{Name: fmt.Sprintf("Imported product %05d", i), Type: bigcommerce.ProductTypePhysical, Weight: 1, Price: decimal.NewFromInt(int64(10 + i%90))}
	}
	return out
}

func importProductUpdates(n int) []bigcommerce.ProductUpdate {
	out := make([]bigcommerce.ProductUpdate, n)
	for i := range out {
		out[i] = bigcommerce.ProductUpdate{ID: i + 1, Price: bigcommerce.Ptr(decimal.NewFromInt(int64(20 + i%50)))}
	}
	return out
}

func importVariants(n int) []bigcommerce.VariantCreate {
	out := make([]bigcommerce.VariantCreate, n)
	for i := range out {
		out[i] = bigcommerce.VariantCreate{SKU: fmt.Sprintf("IMPORT-%05d", i), OptionValues: []bigcommerce.VariantOptionValue{{OptionDisplayName: "Colour", Label: fmt.Sprintf("Colour %d", i)}}}
	}
	return out
}

func importVariantUpdates(n int) []bigcommerce.VariantUpdate {
	out := make([]bigcommerce.VariantUpdate, n)
	for i := range out {
		out[i] = bigcommerce.VariantUpdate{ID: i + 1, Price: bigcommerce.Ptr(decimal.NewFromInt(int64(20 + i%50)))}
	}
	return out
}

func importAdjustments(products int) []bigcommerce.InventoryAdjustment {
	out := make([]bigcommerce.InventoryAdjustment, 0, 2*products)
	for p := 1; p <= products; p++ {
		for _, size := range []string{"XS", "S"} {
			out = append(out, bigcommerce.InventoryAdjustment{LocationID: 1, SKU: fmt.Sprintf("SKU-%06d-%s", p, size), Quantity: p % 97})
		}
	}
	return out
}

func importPriceRecords(products int) []bigcommerce.PriceRecordUpsert {
	out := make([]bigcommerce.PriceRecordUpsert, 0, 2*products)
	for p := 1; p <= products; p++ {
		for _, size := range []string{"XS", "S"} {
			out = append(out, bigcommerce.PriceRecordUpsert{SKU: fmt.Sprintf("SKU-%06d-%s", p, size), Currency: "usd", Price: bigcommerce.Ptr(decimal.NewFromInt(int64(5 + p%40)))})
		}
	}
	return out
}

func importCustomFields(n int) []bigcommerce.ProductCustomFieldCreate {
	out := make([]bigcommerce.ProductCustomFieldCreate, n)
	for i := range out {
		out[i] = bigcommerce.ProductCustomFieldCreate{Name: fmt.Sprintf("field %d", i), Value: fmt.Sprintf("value %d", i)}
	}
	return out
}

// newPriceList is the setup of the price record cases.
func newPriceList(ctx context.Context, c *bigcommerce.Client) (any, error) {
	pl, _, err := c.PriceLists.Create(ctx, bigcommerce.PriceListCreate{Name: "Import", Active: bigcommerce.Ptr(true)})
	if err != nil {
		return nil, err
	}
	return pl.ID, nil
}

// loop is the user loop a write without a many-records method needs: one
// call after the other.
func loop[T any](items []T, call func(T) error) error {
	for _, it := range items {
		if err := call(it); err != nil {
			return err
		}
	}
	return nil
}

func importCases() []importCase {
	const (
		customersUpdateConc = 3 // "Limit of 3 concurrent requests", customers.v3.yml PUT /customers
		inventoryConc       = 1 // "Wait to send new requests until the current request returns", inventory-adjustments.mdx
		priceRecordsConc    = 2 // "Up to 2 concurrent batch upsert requests", price_lists.v3.yml PUT /pricelists/{id}/records
	)
	variantsSeed := bigcommercetest.Seed{Seed: 1, Products: 2000, VariantsPerProduct: 2}
	return []importCase{
		{name: "customers-create/400", seed: bigcommercetest.Seed{Seed: 1}, allowed: benchImportConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				_, _, err := c.Customers.CreateMany(ctx, importCustomers(400))
				return err
			}},
		{name: "customers-create/400/seq", seed: bigcommercetest.Seed{Seed: 1}, allowed: benchImportConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				_, err := c.Customers.CreateManySeq(ctx, slices.Values(importCustomers(400)))
				return err
			}},
		{name: "customers-update/400", seed: bigcommercetest.Seed{Seed: 1, Customers: 400}, allowed: customersUpdateConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				_, _, err := c.Customers.UpdateMany(ctx, importCustomerUpdates(400))
				return err
			}},
		{name: "products-update-batch/400/old", seed: bigcommercetest.Seed{Seed: 1, Products: 400}, allowed: benchImportConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				_, _, err := bigcommerce.OldProductsUpdateBatch(ctx, c, importProductUpdates(400))
				return err
			}},
		{name: "products-update-batch/400", seed: bigcommercetest.Seed{Seed: 1, Products: 400}, allowed: benchImportConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				_, _, err := c.Products.UpdateMany(ctx, importProductUpdates(400))
				return err
			}},
		{name: "products-update-batch/400/seq", seed: bigcommercetest.Seed{Seed: 1, Products: 400}, allowed: benchImportConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				_, err := c.Products.UpdateManySeq(ctx, slices.Values(importProductUpdates(400)))
				return err
			}},
		{name: "variants-update/1000/old", seed: variantsSeed, allowed: benchImportConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				_, _, err := bigcommerce.OldProductsUpdateVariantsBatch(ctx, c, importVariantUpdates(1000))
				return err
			}},
		{name: "variants-update/1000", seed: variantsSeed, allowed: benchImportConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				_, _, err := c.Products.UpdateVariants(ctx, importVariantUpdates(1000))
				return err
			}},
		{name: "products-create/100/loop", seed: bigcommercetest.Seed{Seed: 1}, allowed: benchImportConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				return loop(importProducts(100), func(p bigcommerce.ProductCreate) error {
					_, _, err := c.Products.Create(ctx, p)
					return err
				})
			}},
		{name: "products-create/100", seed: bigcommercetest.Seed{Seed: 1}, allowed: benchImportConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				_, _, err := c.Products.CreateMany(ctx, importProducts(100))
				return err
			}},
		{name: "variants-create/100/loop", seed: bigcommercetest.Seed{Seed: 1, Products: 1}, allowed: benchImportConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				return loop(importVariants(100), func(v bigcommerce.VariantCreate) error {
					_, _, err := c.Products.CreateVariant(ctx, 1, v)
					return err
				})
			}},
		{name: "variants-create/100", seed: bigcommercetest.Seed{Seed: 1, Products: 1}, allowed: benchImportConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				_, _, err := c.Products.CreateVariants(ctx, 1, importVariants(100))
				return err
			}},
		{name: "inventory-absolute/4000", seed: variantsSeed, allowed: inventoryConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				_, _, err := c.Inventory.AdjustAbsolute(ctx, importAdjustments(2000), "import")
				return err
			}},
		{name: "inventory-absolute/4000/seq", seed: variantsSeed, allowed: inventoryConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				_, err := c.Inventory.AdjustAbsoluteSeq(ctx, slices.Values(importAdjustments(2000)), "import")
				return err
			}},
		{name: "price-records-upsert/4000", seed: variantsSeed, allowed: priceRecordsConc, setup: newPriceList,
			write: func(ctx context.Context, c *bigcommerce.Client, state any) error {
				_, err := c.PriceLists.UpsertRecords(ctx, state.(int), importPriceRecords(2000))
				return err
			}},
		{name: "custom-fields-create/100/loop", seed: bigcommercetest.Seed{Seed: 1, Products: 1}, allowed: benchImportConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				return loop(importCustomFields(100), func(f bigcommerce.ProductCustomFieldCreate) error {
					_, _, err := c.ProductCustomFields.Create(ctx, 1, f)
					return err
				})
			}},
		{name: "custom-fields-create/100", seed: bigcommercetest.Seed{Seed: 1, Products: 1}, allowed: benchImportConc,
			write: func(ctx context.Context, c *bigcommerce.Client, _ any) error {
				_, _, err := c.ProductCustomFields.CreateMany(ctx, 1, importCustomFields(100))
				return err
			}},
	}
}
