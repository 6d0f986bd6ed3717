package bigcommerce

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// FuzzDecodeAreaModels decodes arbitrary bytes as every read model of the
// brands, categories, channels, customer groups, payment methods and price
// lists services (as a V3 list envelope and as a bare V2 array): decoding
// must never panic, and what decodes must encode again.
func FuzzDecodeAreaModels(f *testing.F) {
	for _, dir := range []string{"brands", "categories", "channels", "customer_groups", "payment_methods", "price_lists"} {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
		for _, name := range files {
			if b, err := os.ReadFile(name); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(`[{"amount":"x","date_created":"2023-07-17 06:30:41"}]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeBoth[Brand](t, b)
		decodeBoth[Category](t, b)
		decodeBoth[CategoryNode](t, b)
		decodeBoth[CategoryTree](t, b)
		decodeBoth[Channel](t, b)
		decodeBoth[Listing](t, b)
		decodeBoth[CustomerGroup](t, b)
		decodeBoth[PaymentMethod](t, b)
		decodeBoth[PriceList](t, b)
		decodeBoth[PriceRecord](t, b)
		decodeBoth[PriceListAssignment](t, b)
	})
}

func decodeBoth[T any](t *testing.T, b []byte) {
	var env envelope[[]T]
	if json.Unmarshal(b, &env) == nil {
		if _, err := json.Marshal(env.Data); err != nil {
			t.Errorf("%T decoded from %q but does not encode: %v", env.Data, b, err)
		}
	}
	var list []T
	if json.Unmarshal(b, &list) == nil {
		if _, err := json.Marshal(list); err != nil {
			t.Errorf("%T decoded from %q but does not encode: %v", list, b, err)
		}
	}
}
