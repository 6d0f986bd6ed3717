package bigcommercetest

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
)

func TestInFlightCounts(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{}, 3)
	f := &InFlight{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		started <- struct{}{}
		<-release
	})}
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() { f.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil)) })
	}
	for range 3 {
		<-started
	}
	if f.Peak() != 3 || f.Span() != 0 {
		t.Errorf("with 3 in progress: peak %d, span %s", f.Peak(), f.Span())
	}
	close(release)
	wg.Wait()
	f.Handler = http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})
	f.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	if f.Peak() != 3 || f.Total() != 4 || f.Span() <= 0 {
		t.Errorf("after: peak %d, total %d, span %s; want 3, 4, > 0", f.Peak(), f.Total(), f.Span())
	}
}
