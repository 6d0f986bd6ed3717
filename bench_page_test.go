package bigcommerce

// Per-page cost of the SDK against what an integrator would write by hand:
// net/http plus encoding/json into a plain struct with the same fields
// (strings for V2 money and dates, float64 for V3 money, strings for V3
// dates), for a 250-order V2 page and a 250-product V3 page. Both sides
// get the same recorded page body from the same in-process transport, so
// the only difference is the client-side work: building the request, the
// pipeline (throttle, retries, rate headers), reading the body and
// decoding it. The sub-benchmarks run side by side, so with -count N
// the raw and SDK runs interleave:
//
//	go test -run '^$' -bench 'Page' -benchmem -count 6

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

// recordedPage is one response of the fake store, kept to be replayed.
type recordedPage struct {
	body   []byte
	header http.Header
}

// pageHash is the store hash of the replayed pages' requests.
const pageHash = "fakestore"

// recordedPages maps the paths the page benchmarks and tests replay to
// their recordings in testdata/pages: answers of the fake store seeded with
// {Seed: 1, Customers: 100, Products: 250, Orders: 250}.
// TestRecordedPagesMatchStore (bench_pages_store_test.go) keeps them equal
// to what the store serves; run it with -update-pages to record them anew.
var recordedPages = map[string]string{
	"/v2/orders?limit=250":                                   "orders_250.json",
	"/v3/catalog/products?limit=250":                         "products_250.json",
	"/v3/catalog/products?limit=250&include=variants,images": "products_250_variants_images.json",
}

// RecordedPageFile is the file in testdata/pages holding the answer to path.
func RecordedPageFile(path string) (string, bool) {
	f, ok := recordedPages[path]
	return filepath.Join("testdata", "pages", f), ok
}

// recordPage returns the recorded answer to path, with the headers the
// store sends (the rate-limit headers of a fresh window).
func recordPage(tb testing.TB, path string) recordedPage {
	tb.Helper()
	file, ok := RecordedPageFile(path)
	if !ok {
		tb.Fatalf("no recording of %s", path)
	}
	body, err := os.ReadFile(file)
	if err != nil {
		tb.Fatal(err)
	}
	header := http.Header{}
	header.Set("Content-Type", "application/json")
	header.Set("X-Rate-Limit-Requests-Quota", "150")
	header.Set("X-Rate-Limit-Requests-Left", "149")
	header.Set("X-Rate-Limit-Time-Window-Ms", "30000")
	header.Set("X-Rate-Limit-Time-Reset-Ms", "29999")
	return recordedPage{body: body, header: header}
}

// replayTransport answers every request with the same recorded page, as a
// server without compression would (Content-Length set).
type replayTransport struct{ page recordedPage }

func (t replayTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		req.Body.Close()
	}
	return &http.Response{
		Status:        "200 OK",
		StatusCode:    http.StatusOK,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        t.page.header.Clone(),
		Body:          io.NopCloser(bytes.NewReader(t.page.body)),
		ContentLength: int64(len(t.page.body)),
		Request:       req,
	}, nil
}

// rawOrder is Order as a plain struct: the same fields and JSON names, with
// the types someone decoding by hand would pick (strings for money and
// dates, as the V2 API sends them).
type rawOrder struct {
	ID                                      int             `json:"id"`
	CustomerID                              int             `json:"customer_id"`
	StatusID                                int             `json:"status_id"`
	Status                                  string          `json:"status"`
	CustomStatus                            string          `json:"custom_status"`
	PaymentStatus                           string          `json:"payment_status"`
	DateCreated                             string          `json:"date_created"`
	DateModified                            string          `json:"date_modified"`
	DateShipped                             string          `json:"date_shipped"`
	CartID                                  string          `json:"cart_id"`
	ChannelID                               int             `json:"channel_id"`
	IsDeleted                               bool            `json:"is_deleted"`
	SubtotalExTax                           string          `json:"subtotal_ex_tax"`
	SubtotalIncTax                          string          `json:"subtotal_inc_tax"`
	SubtotalTax                             string          `json:"subtotal_tax"`
	BaseShippingCost                        string          `json:"base_shipping_cost"`
	ShippingCostExTax                       string          `json:"shipping_cost_ex_tax"`
	ShippingCostIncTax                      string          `json:"shipping_cost_inc_tax"`
	ShippingCostTax                         string          `json:"shipping_cost_tax"`
	ShippingCostTaxClassID                  int             `json:"shipping_cost_tax_class_id"`
	BaseHandlingCost                        string          `json:"base_handling_cost"`
	HandlingCostExTax                       string          `json:"handling_cost_ex_tax"`
	HandlingCostIncTax                      string          `json:"handling_cost_inc_tax"`
	HandlingCostTax                         string          `json:"handling_cost_tax"`
	HandlingCostTaxClassID                  int             `json:"handling_cost_tax_class_id"`
	BaseWrappingCost                        string          `json:"base_wrapping_cost"`
	WrappingCostExTax                       string          `json:"wrapping_cost_ex_tax"`
	WrappingCostIncTax                      string          `json:"wrapping_cost_inc_tax"`
	WrappingCostTax                         string          `json:"wrapping_cost_tax"`
	WrappingCostTaxClassID                  int             `json:"wrapping_cost_tax_class_id"`
	TotalExTax                              string          `json:"total_ex_tax"`
	TotalIncTax                             string          `json:"total_inc_tax"`
	TotalTax                                string          `json:"total_tax"`
	IsTaxInclusivePricing                   bool            `json:"is_tax_inclusive_pricing"`
	DiscountAmount                          string          `json:"discount_amount"`
	CouponDiscount                          string          `json:"coupon_discount"`
	RefundedAmount                          string          `json:"refunded_amount"`
	StoreCreditAmount                       string          `json:"store_credit_amount"`
	GiftCertificateAmount                   string          `json:"gift_certificate_amount"`
	CurrencyID                              int             `json:"currency_id"`
	CurrencyCode                            string          `json:"currency_code"`
	CurrencyExchangeRate                    string          `json:"currency_exchange_rate"`
	DefaultCurrencyID                       int             `json:"default_currency_id"`
	DefaultCurrencyCode                     string          `json:"default_currency_code"`
	StoreDefaultCurrencyCode                string          `json:"store_default_currency_code"`
	StoreDefaultToTransactionalExchangeRate string          `json:"store_default_to_transactional_exchange_rate"`
	ItemsTotal                              int             `json:"items_total"`
	ItemsShipped                            int             `json:"items_shipped"`
	ShippingAddressCount                    int             `json:"shipping_address_count"`
	OrderIsDigital                          bool            `json:"order_is_digital"`
	PaymentMethod                           string          `json:"payment_method"`
	PaymentProviderID                       string          `json:"payment_provider_id"`
	TaxProviderID                           string          `json:"tax_provider_id"`
	IPAddress                               string          `json:"ip_address"`
	IPAddressV6                             string          `json:"ip_address_v6"`
	GeoipCountry                            string          `json:"geoip_country"`
	GeoipCountryISO2                        string          `json:"geoip_country_iso2"`
	CustomerLocale                          string          `json:"customer_locale"`
	IsEmailOptIn                            bool            `json:"is_email_opt_in"`
	StaffNotes                              string          `json:"staff_notes"`
	CustomerMessage                         string          `json:"customer_message"`
	OrderSource                             string          `json:"order_source"`
	EbayOrderID                             string          `json:"ebay_order_id"`
	ExternalID                              string          `json:"external_id"`
	ExternalMerchantID                      string          `json:"external_merchant_id"`
	ExternalSource                          string          `json:"external_source"`
	ExternalOrderID                         string          `json:"external_order_id"`
	BillingAddress                          rawAddress      `json:"billing_address"`
	Products                                rawLink         `json:"products"`
	ShippingAddresses                       rawLink         `json:"shipping_addresses"`
	Coupons                                 rawLink         `json:"coupons"`
	Fees                                    json.RawMessage `json:"fees"`
	Consignments                            json.RawMessage `json:"consignments,omitempty"`
}

type rawAddress struct {
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Company     string `json:"company"`
	Street1     string `json:"street_1"`
	Street2     string `json:"street_2"`
	City        string `json:"city"`
	State       string `json:"state"`
	Zip         string `json:"zip"`
	Country     string `json:"country"`
	CountryISO2 string `json:"country_iso2"`
	Phone       string `json:"phone"`
	Email       string `json:"email"`
	FormFields  []struct {
		Name  string          `json:"name"`
		Value json.RawMessage `json:"value"`
	} `json:"form_fields,omitempty"`
}

type rawLink struct {
	URL      string `json:"url"`
	Resource string `json:"resource"`
}

// rawProduct is Product as a plain struct: V3 money is a JSON number
// (float64 by hand), dates are strings. Sub-resources that only come with
// include= are kept as raw JSON: they are not on the benchmarked page.
type rawProduct struct {
	ID                          int             `json:"id"`
	Name                        string          `json:"name"`
	Type                        string          `json:"type"`
	SKU                         string          `json:"sku"`
	Description                 string          `json:"description"`
	Weight                      float64         `json:"weight"`
	Width                       float64         `json:"width"`
	Depth                       float64         `json:"depth"`
	Height                      float64         `json:"height"`
	Price                       float64         `json:"price"`
	CostPrice                   float64         `json:"cost_price"`
	RetailPrice                 float64         `json:"retail_price"`
	SalePrice                   float64         `json:"sale_price"`
	MapPrice                    float64         `json:"map_price"`
	CalculatedPrice             float64         `json:"calculated_price"`
	TaxClassID                  int             `json:"tax_class_id"`
	ProductTaxCode              string          `json:"product_tax_code"`
	Categories                  []int           `json:"categories"`
	BrandID                     int             `json:"brand_id"`
	OptionSetID                 int             `json:"option_set_id"`
	OptionSetDisplay            string          `json:"option_set_display"`
	InventoryLevel              int             `json:"inventory_level"`
	InventoryWarningLevel       int             `json:"inventory_warning_level"`
	InventoryTracking           string          `json:"inventory_tracking"`
	FixedCostShippingPrice      float64         `json:"fixed_cost_shipping_price"`
	IsFreeShipping              bool            `json:"is_free_shipping"`
	IsVisible                   bool            `json:"is_visible"`
	IsFeatured                  bool            `json:"is_featured"`
	RelatedProducts             []int           `json:"related_products"`
	Warranty                    string          `json:"warranty"`
	BinPickingNumber            string          `json:"bin_picking_number"`
	LayoutFile                  string          `json:"layout_file"`
	UPC                         string          `json:"upc"`
	MPN                         string          `json:"mpn"`
	GTIN                        string          `json:"gtin"`
	SearchKeywords              string          `json:"search_keywords"`
	Availability                string          `json:"availability"`
	AvailabilityDescription     string          `json:"availability_description"`
	GiftWrappingOptionsType     string          `json:"gift_wrapping_options_type"`
	GiftWrappingOptionsList     []int           `json:"gift_wrapping_options_list"`
	SortOrder                   int             `json:"sort_order"`
	Condition                   string          `json:"condition"`
	IsConditionShown            bool            `json:"is_condition_shown"`
	OrderQuantityMinimum        int             `json:"order_quantity_minimum"`
	OrderQuantityMaximum        int             `json:"order_quantity_maximum"`
	PageTitle                   string          `json:"page_title"`
	MetaKeywords                []string        `json:"meta_keywords"`
	MetaDescription             string          `json:"meta_description"`
	ViewCount                   int             `json:"view_count"`
	PreorderReleaseDate         *string         `json:"preorder_release_date"`
	PreorderMessage             string          `json:"preorder_message"`
	IsPreorderOnly              bool            `json:"is_preorder_only"`
	IsPriceHidden               bool            `json:"is_price_hidden"`
	PriceHiddenLabel            string          `json:"price_hidden_label"`
	CustomURL                   rawCustomURL    `json:"custom_url"`
	OpenGraphType               string          `json:"open_graph_type"`
	OpenGraphTitle              string          `json:"open_graph_title"`
	OpenGraphDescription        string          `json:"open_graph_description"`
	OpenGraphUseMetaDescription bool            `json:"open_graph_use_meta_description"`
	OpenGraphUseProductName     bool            `json:"open_graph_use_product_name"`
	OpenGraphUseImage           bool            `json:"open_graph_use_image"`
	DateLastImported            string          `json:"date_last_imported"`
	ReviewsRatingSum            int             `json:"reviews_rating_sum"`
	ReviewsCount                int             `json:"reviews_count"`
	TotalSold                   int             `json:"total_sold"`
	DateCreated                 string          `json:"date_created"`
	DateModified                string          `json:"date_modified"`
	BaseVariantID               *int            `json:"base_variant_id"`
	Channels                    []int           `json:"channels"`
	Variants                    json.RawMessage `json:"variants"`
	Images                      json.RawMessage `json:"images"`
	PrimaryImage                json.RawMessage `json:"primary_image"`
	Videos                      json.RawMessage `json:"videos"`
	CustomFields                json.RawMessage `json:"custom_fields"`
	BulkPricingRules            json.RawMessage `json:"bulk_pricing_rules"`
	ParentRelations             json.RawMessage `json:"parent_relations"`
	Options                     json.RawMessage `json:"options"`
	Modifiers                   json.RawMessage `json:"modifiers"`
}

type rawCustomURL struct {
	URL          string `json:"url"`
	IsCustomized bool   `json:"is_customized"`
}

// rawPagination is the V3 meta.pagination a hand-written client reads.
type rawPagination struct {
	Total       int `json:"total"`
	Count       int `json:"count"`
	PerPage     int `json:"per_page"`
	CurrentPage int `json:"current_page"`
	TotalPages  int `json:"total_pages"`
	Links       struct {
		Previous string `json:"previous"`
		Current  string `json:"current"`
		Next     string `json:"next"`
	} `json:"links"`
}

// rawProductsPage is the V3 envelope a hand-written client decodes.
type rawProductsPage struct {
	Data []rawProduct `json:"data"`
	Meta struct {
		Pagination rawPagination `json:"pagination"`
	} `json:"meta"`
}

// jsonNames lists the JSON names of a struct type's fields.
func jsonNames(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name != "-" && f.IsExported() {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	return names
}

// TestRawPageStructsMirrorModels keeps the benchmark fair as the models
// change: the plain structs must decode exactly the model's fields.
func TestRawPageStructsMirrorModels(t *testing.T) {
	for _, tc := range []struct{ model, raw reflect.Type }{
		{reflect.TypeFor[Order](), reflect.TypeFor[rawOrder]()},
		{reflect.TypeFor[OrderAddress](), reflect.TypeFor[rawAddress]()},
		{reflect.TypeFor[OrderLink](), reflect.TypeFor[rawLink]()},
		{reflect.TypeFor[Product](), reflect.TypeFor[rawProduct]()},
		{reflect.TypeFor[CustomURL](), reflect.TypeFor[rawCustomURL]()},
	} {
		if m, r := jsonNames(tc.model), jsonNames(tc.raw); !slices.Equal(m, r) {
			t.Errorf("%s has JSON fields\n%v\nbut %s has\n%v\nupdate the plain struct in bench_page_test.go", tc.model, m, tc.raw, r)
		}
	}
}

// replayClients returns an SDK client and a plain *http.Client that both
// get page for every request.
func replayClients(tb testing.TB, page recordedPage) (*Client, *http.Client) {
	hc := &http.Client{Transport: replayTransport{page}}
	c, err := NewClient(pageHash, TokenAuth{AccessToken: "fake-token"}, WithBaseURL("http://fakestore.test/stores/"+pageHash), WithHTTPClient(hc))
	if err != nil {
		tb.Fatal(err)
	}
	return c, hc
}

// rawGet is the hand-written side: one GET, decoded with encoding/json.
func rawGet(ctx context.Context, hc *http.Client, url string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	req.Header.Set("X-Auth-Token", "fake-token")
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}

// pageFetch fetches one page and returns how many records it decoded.
type pageFetch func() (int, error)

// comparePages benchmarks the raw and the SDK fetch of the same page. The
// raw and sdk sub-benchmarks give each side's ns, bytes and allocations per
// page. A busy machine moves both sides' times between runs, so "paired"
// fetches the page with both in turn (alternating which goes first) and
// reports the median wall time per page of each side, the median of the
// pairwise ratios sdk/raw, and the same ratio in process CPU time
// (sdk/raw-cpu, which time spent waiting for a core does not inflate).
func comparePages(b *testing.B, size, want int, raw, sdk pageFetch) {
	check := func(b *testing.B, fetch pageFetch) {
		n, err := fetch()
		if err != nil {
			b.Fatal(err)
		}
		if n != want {
			b.Fatalf("decoded %d records, want %d", n, want)
		}
	}
	for _, side := range []struct {
		name  string
		fetch pageFetch
	}{{"raw", raw}, {"sdk", sdk}} {
		b.Run(side.name, func(b *testing.B) {
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				check(b, side.fetch)
			}
		})
	}
	b.Run("paired", func(b *testing.B) {
		var wall, cpu [2][]time.Duration // [0] raw, [1] sdk
		timed := func(side int, fetch pageFetch) {
			cpu0, _ := processCPU()
			start := time.Now()
			check(b, fetch)
			wall[side] = append(wall[side], time.Since(start))
			cpu1, _ := processCPU()
			cpu[side] = append(cpu[side], cpu1-cpu0)
		}
		i := 0
		for b.Loop() {
			if i%2 == 0 {
				timed(0, raw)
				timed(1, sdk)
			} else {
				timed(1, sdk)
				timed(0, raw)
			}
			i++
		}
		b.ReportMetric(float64(median(wall[0])), "raw-ns/page")
		b.ReportMetric(float64(median(wall[1])), "sdk-ns/page")
		b.ReportMetric(medianRatio(wall[1], wall[0]), "sdk/raw")
		if _, ok := processCPU(); ok {
			b.ReportMetric(medianRatio(cpu[1], cpu[0]), "sdk/raw-cpu")
		}
	})
}

// median returns the median of ds (which it sorts).
func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return ds[len(ds)/2]
}

// medianRatio returns the median of the pairwise ratios a[i]/b[i]: one
// pair is measured under the same load, so a burst on the machine moves
// few ratios.
func medianRatio(a, b []time.Duration) float64 {
	rs := make([]float64, 0, len(a))
	for i := range a {
		if b[i] > 0 {
			rs = append(rs, float64(a[i])/float64(b[i]))
		}
	}
	if len(rs) == 0 {
		return 0
	}
	slices.Sort(rs)
	return rs[len(rs)/2]
}

func BenchmarkPageOrders(b *testing.B) {
	page := recordPage(b, "/v2/orders?limit=250")
	c, hc := replayClients(b, page)
	ctx := context.Background()
	url := "http://fakestore.test/stores/" + pageHash + "/v2/orders?limit=250"
	filter := &OrderFilter{Limit: 250}
	comparePages(b, len(page.body), 250,
		func() (int, error) {
			var orders []rawOrder
			err := rawGet(ctx, hc, url, &orders)
			return len(orders), err
		},
		func() (int, error) {
			orders, _, err := c.Orders.List(ctx, filter)
			return len(orders), err
		})
}

func BenchmarkPageProducts(b *testing.B) {
	page := recordPage(b, "/v3/catalog/products?limit=250")
	c, hc := replayClients(b, page)
	ctx := context.Background()
	url := "http://fakestore.test/stores/" + pageHash + "/v3/catalog/products?limit=250"
	filter := &ProductFilter{Limit: 250}
	comparePages(b, len(page.body), 250,
		func() (int, error) {
			var p rawProductsPage
			err := rawGet(ctx, hc, url, &p)
			return len(p.Data), err
		},
		func() (int, error) {
			products, _, err := c.Products.List(ctx, filter)
			return len(products), err
		})
}

// BenchmarkDecodePage isolates decoding: the same body decoded the way
// Client.decode does (json.Unmarshal) into the plain structs and into the models, in a page slice
// allocated as listV2 and getV3 do.
func BenchmarkDecodePage(b *testing.B) {
	orders := recordPage(b, "/v2/orders?limit=250").body
	products := recordPage(b, "/v3/catalog/products?limit=250").body
	for _, tc := range []struct {
		name string
		body []byte
		into func() any
	}{
		{"orders/raw", orders, func() any { return new([]rawOrder) }},
		{"orders/sdk", orders, func() any { p := newPage[Order](250); return &p }},
		{"products/raw", products, func() any { return new(rawProductsPage) }},
		{"products/sdk", products, func() any { e := newEnvelope[[]Product](&ProductFilter{Limit: 250}); return &e }},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.body)))
			b.ReportAllocs()
			for b.Loop() {
				if err := json.Unmarshal(tc.body, tc.into()); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
