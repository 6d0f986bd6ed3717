package bigcommercetest

import (
	"bufio"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// InFlight is an http.Handler that serves every request with Handler and
// counts the requests in progress: the most at once (Peak), how many in all
// (Total) and the time from the first arrival to the last completion
// (Span). A request is in progress from its arrival until the handler starts
// writing its answer (or returns without one): the store's work is done
// then, and a client cannot have read the answer before. Wrap a Store with
// it to check a client's concurrency cap from the store's side:
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
	dw := &doneWriter{ResponseWriter: w, done: f.done}
	defer dw.finish()
	f.Handler.ServeHTTP(dw, r)
}

// done ends one request's count.
func (f *InFlight) done() {
	f.mu.Lock()
	f.cur--
	f.last = time.Now()
	f.mu.Unlock()
}

// doneWriter calls done once, when the answer starts or the handler ends.
// It passes Flush and Hijack through (the store drops connections with
// them).
type doneWriter struct {
	http.ResponseWriter
	done func()
	once sync.Once
}

func (d *doneWriter) finish() { d.once.Do(d.done) }

func (d *doneWriter) WriteHeader(status int) {
	d.finish()
	d.ResponseWriter.WriteHeader(status)
}

func (d *doneWriter) Write(p []byte) (int, error) {
	d.finish()
	return d.ResponseWriter.Write(p)
}

func (d *doneWriter) Flush() {
	if f, ok := d.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

func (d *doneWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	if h, ok := d.ResponseWriter.(http.Hijacker); ok {
		return h.Hijack()
	}
	return nil, nil, errors.New("bigcommercetest: the ResponseWriter cannot hijack its connection")
}

// Unwrap gives http.ResponseController the underlying ResponseWriter.
func (d *doneWriter) Unwrap() http.ResponseWriter { return d.ResponseWriter }

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
