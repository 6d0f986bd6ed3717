package bigcommerce_test

import (
	"bytes"
	"flag"
	"io"
	"net/http"
	"os"
	"testing"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

var updatePages = flag.Bool("update-pages", false, "record testdata/pages anew from the fake store")

// TestRecordedPagesMatchStore keeps the pages that the per-page benchmarks
// and decoding tests replay (testdata/pages) equal to what the fake store
// serves, so they measure the store's real shapes. After a change to the
// store's data, record them anew: go test -run TestRecordedPagesMatchStore -update-pages .
func TestRecordedPagesMatchStore(t *testing.T) {
	store := bigcommercetest.New(bigcommercetest.Config{StoreHash: "fakestore"})
	// An explicit Start makes the dates independent of the clock.
	store.Seed(bigcommercetest.SeedOptions{Seed: 1, Customers: 100, Products: 250, Orders: 250, Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)})
	for _, path := range []string{
		"/v2/orders?limit=250",
		"/v3/catalog/products?limit=250",
		"/v3/catalog/products?limit=250&include=variants,images",
	} {
		file, ok := bigcommerce.RecordedPageFile(path)
		if !ok {
			t.Fatalf("no recording is named for %s", path)
		}
		req, err := http.NewRequest(http.MethodGet, "http://fakestore.test/stores/fakestore"+path, nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("X-Auth-Token", "fake-token")
		resp, err := store.Transport().RoundTrip(req)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d, %v", path, resp.StatusCode, err)
		}
		if *updatePages {
			if err := os.WriteFile(file, body, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		recorded, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(recorded, body) {
			t.Errorf("%s no longer matches what the store serves for %s; record it anew with -update-pages", file, path)
		}
	}
}
