package bigcommercetest

import (
	"net/http"
	"sync"
	"time"
)

// InFlight is an http.Handler that serves every request with Handler and
// counts the requests in progress: the most at once (Peak), how many in all
// (Total) and the time from the first arrival to the last completion
// (Span). Wrap a Store with it to check a client's concurrency cap from the
// store's side:
//
//	counter := &bigcommercetest.InFlight{Handler: store}
//	srv := httptest.NewServer(counter)
//
// It is safe for concurrent use.
type InFlight struct {
	// Handler serves the requests.
	Handler http.Handler

	mu          sync.Mutex
	cur, peak   int
	total       int
	first, last time.Time
}

// ServeHTTP implements http.Handler.
func (f *InFlight) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	f.cur++
	f.total++
	f.peak = max(f.peak, f.cur)
	if f.first.IsZero() {
		f.first = time.Now()
	}
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.cur--
		f.last = time.Now()
		f.mu.Unlock()
	}()
	f.Handler.ServeHTTP(w, r)
}

// Peak returns the most requests that were in progress at once.
func (f *InFlight) Peak() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.peak
}

// Total returns how many requests arrived.
func (f *InFlight) Total() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.total
}

// Span returns the time from the first request's arrival to the last
// request's completion (0 before any request completed).
func (f *InFlight) Span() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.last.IsZero() {
		return 0
	}
	return f.last.Sub(f.first)
}
