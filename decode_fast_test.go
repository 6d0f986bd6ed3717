package bigcommerce

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// decimalSeeds are money literals at the edges of fastDecimal's own parser
// (signs, points, 18 and 19 digits, zeros) and of its fallback.
var decimalSeeds = []string{
	`0`, `0.0000`, `-0.00`, `"0.0000"`, `1164.0700`, `"1164.0700"`, `-12.5`, `"-12.5"`, `211.99`,
	`00.5`, `5.`, `.5`, `-.5`, `-`, `""`, `"`, `"5`, ``, `1e3`, `1E-2`, `"1.5e2"`, `+5`, `--5`, `1.2.3`, `-1-`,
	`123456789012345678`, `-123456789012345678`, `1234567890123456789`, `12345678901234567.8`,
	`0.000000000000000001`, `0.0000000000000000000`, `9223372036854775807`, `99999999999999999999`,
	`null`, `"null"`, `abc`, `12a`, ` 12`, `"12 "`, `"−5"`, `true`, `[]`, `{}`,
}

// checkFastDecimal decodes raw with decimal.Decimal and with fastDecimal and
// reports any difference in value (representation included) or error.
func checkFastDecimal(t *testing.T, raw []byte) {
	t.Helper()
	var want decimal.Decimal
	wantErr := want.UnmarshalJSON(raw)
	var got fastDecimal
	err := got.UnmarshalJSON(raw)
	if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
		t.Errorf("%q: error %v, decimal.Decimal's %v", raw, err, wantErr)
	}
	if !reflect.DeepEqual(decimal.Decimal(got), want) {
		t.Errorf("%q: decoded %v (exp %d), decimal.Decimal decodes %v (exp %d)", raw, decimal.Decimal(got), decimal.Decimal(got).Exponent(), want, want.Exponent())
	}
}

func TestFastDecimalMatchesLibrary(t *testing.T) {
	for _, in := range decimalSeeds {
		checkFastDecimal(t, []byte(in))
	}
}

func FuzzFastDecimal(f *testing.F) {
	for _, in := range decimalSeeds {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, raw []byte) { checkFastDecimal(t, raw) })
}

func TestZeroDecimalsAreNotShared(t *testing.T) {
	// A zero from the fast path shares its big.Int; arithmetic on it
	// must leave the other zeros alone.
	var a, b fastDecimal
	if err := a.UnmarshalJSON([]byte(`"0.00"`)); err != nil {
		t.Fatal(err)
	}
	if err := b.UnmarshalJSON([]byte(`"0.00"`)); err != nil {
		t.Fatal(err)
	}
	sum := decimal.Decimal(a).Add(decimal.RequireFromString("5.25"))
	_ = decimal.Decimal(a).Neg().Mul(decimal.NewFromInt(3)).Round(1).BigInt().SetInt64(42)
	_ = decimal.Decimal(a).Coefficient().SetInt64(42)
	if !sum.Equal(decimal.RequireFromString("5.25")) || !decimal.Decimal(b).IsZero() || decimal.Decimal(b).String() != "0" || zeroDecimals[2].String() != "0" {
		t.Errorf("arithmetic changed a shared zero: sum %v, other zero %v, cached %v", sum, decimal.Decimal(b), zeroDecimals[2])
	}
}

func TestOrderShadow(t *testing.T) {
	if orderShadow == nil {
		t.Fatal("Order has no shadow type, so order pages decode slowly: see decode_fast.go for what shadowOf refuses")
	}
	type withEmbedded struct {
		Order
		Price decimal.Decimal
	}
	type unexported struct {
		Price decimal.Decimal
		note  string
	}
	type noMoney struct{ ID int }
	for name, typ := range map[string]reflect.Type{
		"embedded field":         reflect.TypeFor[withEmbedded](),
		"unexported field":       reflect.TypeFor[unexported](),
		"no money field":         reflect.TypeFor[noMoney](),
		"own decoder":            reflect.TypeFor[Variant](),
		"named with own decoder": reflect.TypeFor[decimalList](),
		"a map":                  reflect.TypeFor[map[string]decimal.Decimal](),
	} {
		if s := shadowOf(typ); s != nil {
			t.Errorf("%s: shadowOf built %v", name, s)
		}
	}
	_ = unexported{}.note
	type priced struct {
		ID    int              `json:"id"`
		Price decimal.Decimal  `json:"price"`
		Sale  *decimal.Decimal `json:"sale,omitempty"`
	}
	s := shadowOf(reflect.TypeFor[priced]())
	if s == nil || s.Field(1).Type != reflect.TypeFor[fastDecimal]() || s.Field(2).Type != reflect.TypeFor[*fastDecimal]() || s.Field(2).Tag != `json:"sale,omitempty"` {
		t.Errorf("shadow of priced: %v", s)
	}
	if s := shadowOf(reflect.TypeFor[[]priced]()); s == nil || s.Kind() != reflect.Slice || s.Elem().Field(1).Type != reflect.TypeFor[fastDecimal]() {
		t.Errorf("shadow of []priced: %v", s)
	}
	// A type that refers to itself gets a shadow a few levels deep (the
	// rest decoded as it is), and building it ends.
	if s := shadowOf(reflect.TypeFor[recursive]()); s == nil || s.Size() != reflect.TypeFor[recursive]().Size() {
		t.Errorf("shadow of recursive: %v", s)
	}
	if orderPageShadow == nil || productsShadow == nil {
		t.Errorf("no shadow for a page of orders (%v) or of products (%v)", orderPageShadow, productsShadow)
	}
}

// decimalList decodes itself: a shadow must not bypass that.
type decimalList []decimal.Decimal

func (l *decimalList) UnmarshalJSON([]byte) error { *l = nil; return nil }

// recursive refers to itself: building its shadow must end.
type recursive struct {
	Price decimal.Decimal
	Next  *recursive
}

// orderDocs are V2 order bodies, valid and not, that decodeJSON must
// decode exactly as encoding/json does.
var orderDocs = []string{
	`[]`,
	`[{"id":1,"total_inc_tax":"12.50","subtotal_tax":"0.0000","date_created":"Wed, 10 Jan 2018 21:05:30 +0000"}]`,
	`[{"id":1,"total_inc_tax":null,"currency_exchange_rate":"1.0000000000","store_default_to_transactional_exchange_rate":1}]`,
	`[{"id":1,"fees":[{"id":3,"base_cost":"1.50","cost_inc_tax":"1.8"}],"consignments":[{"x":1}]},{"id":2,"fees":{"url":"u","resource":"/orders/2/fees"}}]`,
	`[{"id":1,"total_inc_tax":"abc"}]`,
	`[{"id":1,"total_inc_tax":"1.00"},{"id":"x","total_tax":"2.00"}]`,
	`[{"id":1,"total_tax":"2.00"},{"id":2,"date_created":"yesterday","total_tax":"3.00"}]`,
	`[{"ID":7,"Total_Inc_Tax":"9.99","TOTAL_TAX":"1e2"}]`,
	`[{"id":1,"billing_address":{"first_name":"A","form_fields":[{"name":"n","value":1}]}}]`,
	`{"id":1}`,
	`[1,2]`,
	`[{"id":1`,
	`null`,
}

// checkDecodeOrders decodes body into a page and into a single order with
// decodeJSON and with json.Unmarshal, and reports any difference.
func checkDecodeOrders(t *testing.T, body []byte) {
	t.Helper()
	got, want := newPage[Order](250), newPage[Order](250)
	err, wantErr := decodeJSON(body, &got), json.Unmarshal(body, &want)
	if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
		t.Errorf("page %.80q: error %v, encoding/json's %v", body, err, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("page %.80q: decoded\n%+v\nencoding/json decodes\n%+v", body, got, want)
	}
	var one, wantOne Order
	err, wantErr = decodeJSON(body, &one), json.Unmarshal(body, &wantOne)
	if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
		t.Errorf("order %.80q: error %v, encoding/json's %v", body, err, wantErr)
	}
	if !reflect.DeepEqual(one, wantOne) {
		t.Errorf("order %.80q: decoded\n%+v\nencoding/json decodes\n%+v", body, one, wantOne)
	}
}

func TestDecodeJSONMatchesEncodingJSON(t *testing.T) {
	for _, doc := range orderDocs {
		checkDecodeOrders(t, []byte(doc))
	}
	page := recordPage(t, "/v2/orders?limit=250").body
	checkDecodeOrders(t, page)
	var orders []Order
	if err := decodeJSON(page, &orders); err != nil || len(orders) != 250 || orders[0].TotalIncTax.IsZero() {
		t.Errorf("recorded page: %d orders, first total %v, %v", len(orders), orders[0].TotalIncTax, err)
	}
	// A target that is not empty is left to encoding/json.
	prefilled := []Order{{ID: 9, StaffNotes: "keep"}}
	if fastTarget(&prefilled) != nil {
		t.Error("fastTarget accepted a page that already has orders")
	}
	if fastTarget(&Order{ID: 9}) != nil || fastTarget((*Order)(nil)) != nil || fastTarget(&[]Product{}) != nil {
		t.Error("fastTarget accepted a filled order, a nil order or another type")
	}
}

// productDocs are V3 product pages, valid and not.
var productDocs = []string{
	`{"data":[],"meta":{"pagination":{"total":0}}}`,
	`{"data":[{"id":1,"price":211.99,"cost_price":0,"sale_price":"0.00","map_price":1e2,"date_created":"2024-04-24T12:39:17Z"}],"meta":{"pagination":{"total":1,"count":1,"per_page":250,"current_page":1,"total_pages":1,"links":{"current":"?page=1"}}}}`,
	`{"data":[{"id":1,"variants":[{"id":2,"price":null,"map_price":"","calculated_price":5.5}],"bulk_pricing_rules":[{"id":1,"amount":10}],"primary_image":{"id":3}}]}`,
	`{"data":[{"id":1,"price":"cheap"}]}`,
	`{"data":[{"id":1,"price":1.5},{"id":"x","price":2}]}`,
	`{"data":{"id":1},"meta":{}}`,
	`{"data":[{"id":1}],"meta":{"cursor_pagination":{"count":1,"end_cursor":"abc"}}}`,
	`[]`,
	`{"data":[{"id":1,"price":1.5`,
}

// checkDecodeProducts decodes body into a product page with decodeJSON and
// with json.Unmarshal, and reports any difference.
func checkDecodeProducts(t *testing.T, body []byte) {
	t.Helper()
	got := newEnvelope[[]Product](&ProductFilter{Limit: 250})
	want := newEnvelope[[]Product](&ProductFilter{Limit: 250})
	err, wantErr := decodeJSON(body, &got), json.Unmarshal(body, &want)
	if (err == nil) != (wantErr == nil) || (err != nil && err.Error() != wantErr.Error()) {
		t.Errorf("products %.80q: error %v, encoding/json's %v", body, err, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("products %.80q: decoded\n%+v\nencoding/json decodes\n%+v", body, got, want)
	}
}

func TestDecodeJSONMatchesEncodingJSONForProducts(t *testing.T) {
	for _, doc := range productDocs {
		checkDecodeProducts(t, []byte(doc))
	}
	page := recordPage(t, "/v3/catalog/products?limit=250").body
	checkDecodeProducts(t, page)
	withVariants := recordPage(t, "/v3/catalog/products?limit=250&include=variants,images").body
	checkDecodeProducts(t, withVariants)
	env := newEnvelope[[]Product](&ProductFilter{Limit: 250})
	if err := decodeJSON(withVariants, &env); err != nil || len(env.Data) != 250 || len(env.Data[0].Variants) == 0 || env.Data[0].Price.IsZero() {
		t.Errorf("recorded page: %d products, %v", len(env.Data), err)
	}
	if fastTarget(&envelope[[]Product]{Data: []Product{{ID: 1}}}) != nil {
		t.Error("fastTarget accepted a product page that already has products")
	}
}

func FuzzDecodeProducts(f *testing.F) {
	for _, doc := range productDocs {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, body []byte) { checkDecodeProducts(t, body) })
}

func FuzzDecodeOrders(f *testing.F) {
	for _, doc := range orderDocs {
		f.Add([]byte(doc))
	}
	f.Fuzz(func(t *testing.T, body []byte) { checkDecodeOrders(t, body) })
}

// BenchmarkPageDecode measures what decode_fast.go saves: each recorded
// page (testdata/pages) decoded by decodeJSON (path=fast) and by plain
// json.Unmarshal (path=std) into the same model types, allocated as listV2
// and getV3 do. Compare the two paths with
//
//	go test -run '^$' -bench PageDecode -benchmem -count 6 > new.txt
//	benchstat -col /path new.txt
//
// A shared machine moves both paths' times between runs, so path=paired
// decodes the page both ways in turn (alternating which goes first) and
// reports the median of the pairwise ratios fast/std in wall time and in
// process CPU time.
func BenchmarkPageDecode(b *testing.B) {
	pages := []struct {
		name string
		path string
		into func() any
	}{
		{"orders", "/v2/orders?limit=250", func() any { p := newPage[Order](250); return &p }},
		{"products", "/v3/catalog/products?limit=250", func() any { e := newEnvelope[[]Product](&ProductFilter{Limit: 250}); return &e }},
		{"products_variants_images", "/v3/catalog/products?limit=250&include=variants,images", func() any { e := newEnvelope[[]Product](&ProductFilter{Limit: 250}); return &e }},
	}
	paths := []struct {
		name   string
		decode func([]byte, any) error
	}{{"fast", decodeJSON}, {"std", json.Unmarshal}}
	for _, pg := range pages {
		body := recordPage(b, pg.path).body
		for _, p := range paths {
			b.Run("page="+pg.name+"/path="+p.name, func(b *testing.B) {
				b.SetBytes(int64(len(body)))
				b.ReportAllocs()
				for b.Loop() {
					if err := p.decode(body, pg.into()); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
		b.Run("page="+pg.name+"/path=paired", func(b *testing.B) {
			var wall, cpu [2][]time.Duration // [0] fast, [1] std
			timed := func(side int) {
				v := pg.into()
				cpu0, _ := processCPU()
				start := time.Now()
				if err := paths[side].decode(body, v); err != nil {
					b.Fatal(err)
				}
				wall[side] = append(wall[side], time.Since(start))
				cpu1, _ := processCPU()
				cpu[side] = append(cpu[side], cpu1-cpu0)
			}
			i := 0
			for b.Loop() {
				timed(i % 2)
				timed(1 - i%2)
				i++
			}
			b.ReportMetric(float64(median(wall[0])), "fast-ns/page")
			b.ReportMetric(float64(median(wall[1])), "std-ns/page")
			b.ReportMetric(medianRatio(wall[0], wall[1]), "fast/std")
			if _, ok := processCPU(); ok {
				b.ReportMetric(medianRatio(cpu[0], cpu[1]), "fast/std-cpu")
			}
		})
	}
}
