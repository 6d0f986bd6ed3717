package bigcommerce

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

func TestDiagExport(t *testing.T) {
	store := bigcommercetest.New(bigcommercetest.Config{StoreHash: fakeHash, Quota: 25, Window: time.Second, Latency: 200 * time.Millisecond})
	store.Seed(bigcommercetest.SeedOptions{Seed: 1, Orders: 10000, LineItemsPerOrder: 1})
	c, _ := NewClient(fakeHash, TokenAuth{AccessToken: "fake-token"}, WithMaxConcurrency(10),
		WithBaseURL("http://fakestore.test/stores/"+fakeHash), WithHTTPClient(&http.Client{Transport: store.Transport()}))
	var mu sync.Mutex
	var arr []string
	start := time.Now()
	store.BeforeRequest(func(r *http.Request) {
		mu.Lock()
		arr = append(arr, fmt.Sprintf("%4dms %s", time.Since(start).Milliseconds(), r.URL.RawQuery))
		mu.Unlock()
	})
	n := 0
	for _, err := range c.Orders.All(t.Context(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	el := time.Since(start)
	log := store.RequestLog()
	for i, a := range arr {
		t.Log(a, log[i].Status)
	}
	t.Log(n, el)
}
