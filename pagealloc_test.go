package bigcommerce

import (
	"encoding/json"
	"runtime"
	"testing"
)

func TestNewPage(t *testing.T) {
	for _, tt := range []struct {
		limit   int
		wantNil bool
		wantCap int
	}{
		{limit: 250, wantCap: 250},
		{limit: 1, wantCap: 1},
		{limit: 0, wantNil: true},
		{limit: -5, wantNil: true},
		{limit: MaxPageSize + 1, wantNil: true},
	} {
		got := newPage[Order](tt.limit)
		if (got == nil) != tt.wantNil || len(got) != 0 || cap(got) != tt.wantCap {
			t.Errorf("newPage(%d): nil %v, len %d, cap %d; want nil %v, cap %d", tt.limit, got == nil, len(got), cap(got), tt.wantNil, tt.wantCap)
		}
	}
}

func TestNewEnvelope(t *testing.T) {
	var nilFilter *ProductFilter
	for _, tt := range []struct {
		name    string
		opts    any
		wantCap int
	}{
		{"filter with limit", &ProductFilter{Limit: 50}, 50},
		{"filter without limit", &ProductFilter{}, 0},
		{"limit over the maximum", &ProductFilter{Limit: 1000}, 0},
		{"typed nil filter", nilFilter, 0},
		{"no options", nil, 0},
		{"options that do not page", struct{ Limit int }{Limit: 50}, 0},
	} {
		env := newEnvelope[[]Product](tt.opts)
		if len(env.Data) != 0 || cap(env.Data) != tt.wantCap || (tt.wantCap == 0) != (env.Data == nil) {
			t.Errorf("%s: data nil %v, len %d, cap %d; want cap %d", tt.name, env.Data == nil, len(env.Data), cap(env.Data), tt.wantCap)
		}
	}
	if env := newEnvelope[Product](&ProductFilter{Limit: 50}); env.Data.ID != 0 {
		t.Errorf("a single product's envelope starts with %+v", env.Data)
	}
}

// bytesPerRun returns the bytes f allocates per call, averaged over n calls.
func bytesPerRun(t *testing.T, n int, f func() error) uint64 {
	t.Helper()
	if err := f(); err != nil { // warm up encoding/json's type caches
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for range n {
		if err := f(); err != nil {
			t.Fatal(err)
		}
	}
	runtime.ReadMemStats(&after)
	return (after.TotalAlloc - before.TotalAlloc) / uint64(n)
}

// TestPageDecodeBytesWithinBudget holds the decoding of a page to a
// memory budget: a 250-order V2 page and a 250-product V3 page, decoded as
// listV2 and getV3 do (Client.decode's json.Unmarshal into a preallocated
// page), allocate at most 1.25 times the bytes of encoding/json into plain
// structs. The whole request is compared by the benchmarks in
// bench_page_test.go; this test leaves out reading the body, whose
// allocations the race detector changes.
func TestPageDecodeBytesWithinBudget(t *testing.T) {
	for _, tt := range []struct {
		name, path string
		raw, sdk   func() any
	}{
		{"orders", "/v2/orders?limit=250",
			func() any { return new([]rawOrder) },
			func() any { p := newPage[Order](250); return &p }},
		{"products", "/v3/catalog/products?limit=250",
			func() any { return new(rawProductsPage) },
			func() any { e := newEnvelope[[]Product](&ProductFilter{Limit: 250}); return &e }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			body := recordPage(t, tt.path).body
			decode := func(into func() any) func() error {
				return func() error { return json.Unmarshal(body, into()) }
			}
			raw := bytesPerRun(t, 5, decode(tt.raw))
			sdk := bytesPerRun(t, 5, decode(tt.sdk))
			ratio := float64(sdk) / float64(raw)
			t.Logf("bytes per page: raw %d, sdk %d (%.2f×)", raw, sdk, ratio)
			if ratio > 1.25 {
				t.Errorf("decoding a page allocates %.2f× the bytes of encoding/json into plain structs (%d vs %d); the budget is 1.25×", ratio, sdk, raw)
			}
		})
	}
}
