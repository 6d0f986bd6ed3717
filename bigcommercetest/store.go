package bigcommercetest

import (
	"bytes"
	"io"
	"net/http"
	"slices"
	"sync"
	"time"
)

// Config configures a [Store]. The zero value is usable; every field has a
// default.
type Config struct {
	// StoreHash is the store hash in /stores/{StoreHash}/v2/... and
	// /stores/{StoreHash}/v3/... paths. Default "fakestore".
	StoreHash string
	// AccessToken is the only valid X-Auth-Token value. Default "fake-token".
	AccessToken string
	// BasicUser is the legacy API user for /api/v2/... requests with HTTP
	// Basic authentication. Default "legacy".
	BasicUser string
	// BasicToken is the legacy API token (the Basic password). Default
	// "legacy-token".
	BasicToken string
	// Quota is the number of requests allowed per rate window. Default 150.
	Quota int
	// Window is the length of a rate window. Default 30s.
	Window time.Duration
	// Latency is added to every response. Default 0.
	Latency time.Duration
	// Now is the clock used for rate windows and for timestamps of writes.
	// Default time.Now.
	Now func() time.Time
	// ClientID is the client id of AccessToken's API account: the
	// client_id of the webhooks it creates (a token sees only its own
	// client's webhooks). Default "fake-client-id".
	ClientID string
	// Scopes are the OAuth scopes of AccessToken's API account, such as
	// "store_v2_orders_read_only". A request the account lacks the scope
	// for is answered 403 naming the scope. Nil grants every scope; an
	// empty non-nil slice grants none (webhooks need no scope). The legacy
	// Basic account is not limited by scopes.
	Scopes []string
}

// RequestRecord describes one request the store received.
type RequestRecord struct {
	// Method is the HTTP method.
	Method string
	// Path is the request path as received, e.g. "/stores/fakestore/v3/customers".
	Path string
	// RawQuery is the undecoded query string, without "?".
	RawQuery string
	// Status is the HTTP status answered; 0 for a dropped connection.
	Status int
}

// Store is an in-memory BigCommerce store. Create one with [New]; it is safe
// for concurrent use.
type Store struct {
	cfg Config

	// ctl guards the control state below (rate window, faults, log).
	ctl       sync.Mutex
	requests  int
	log       []RequestRecord
	faults    []Fault
	failSKUs  map[string]bool
	winStart  time.Time
	winUsed   int
	txCounter uint64

	// mu guards the store data.
	mu sync.RWMutex
	db *data

	// accounts are the API accounts by access token (guarded by ctl).
	accounts map[string]Account
	// hooks are the webhook subscriptions; they survive Seed.
	hooks hookStore

	mut mutation // BeforeRequest hook (mutate.go)

	// res holds the records of the generated areas (resources.go).
	res resourceStore
}

// New returns an empty store (one default location, id 1) configured by cfg.
func New(cfg Config) *Store {
	if cfg.StoreHash == "" {
		cfg.StoreHash = "fakestore"
	}
	if cfg.AccessToken == "" {
		cfg.AccessToken = "fake-token"
	}
	if cfg.BasicUser == "" {
		cfg.BasicUser = "legacy"
	}
	if cfg.BasicToken == "" {
		cfg.BasicToken = "legacy-token"
	}
	if cfg.Quota <= 0 {
		cfg.Quota = 150
	}
	if cfg.Window <= 0 {
		cfg.Window = 30 * time.Second
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.ClientID == "" {
		cfg.ClientID = "fake-client-id"
	}
	s := &Store{cfg: cfg, failSKUs: map[string]bool{}}
	s.accounts = map[string]Account{cfg.AccessToken: {AccessToken: cfg.AccessToken, ClientID: cfg.ClientID, Scopes: cloneScopes(cfg.Scopes)}}
	s.db = newData(s.now().Add(-recentSpan))
	return s
}

// now returns the configured clock's time in UTC, truncated to seconds (the
// precision the API reports).
func (s *Store) now() time.Time {
	return s.cfg.Now().UTC().Truncate(time.Second)
}

// Requests returns the number of requests received so far, including those
// rejected (401, 429, faults, ...).
func (s *Store) Requests() int {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	return s.requests
}

// RequestLog returns a copy of the record of every request received, in
// order.
func (s *Store) RequestLog() []RequestRecord {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	return slices.Clone(s.log)
}

// CustomerCount returns the number of customers in the store.
func (s *Store) CustomerCount() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.db.customers)
}

// ProductCount returns the number of products in the store.
func (s *Store) ProductCount() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.db.products)
}

// OrderCount returns the number of orders in the store, archived ones
// included.
func (s *Store) OrderCount() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.db.orders)
}

// LocationCount returns the number of inventory locations.
func (s *Store) LocationCount() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.db.locations)
}

// StockAt returns the on-hand stock of the variant (or product-tracked
// product) with the given SKU at a location. ok is false when the SKU or the
// location is unknown.
func (s *Store) StockAt(locationID int, sku string) (int, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.db.locations[locationID] == nil {
		return 0, false
	}
	vid, ok := s.db.lookupSKU(sku)
	if !ok {
		return 0, false
	}
	return s.db.stockOf(vid, locationID).onHand, true
}

// InventoryLevel returns a product's inventory_level as the API reports it:
// the sum of stock across all locations of the product or its variants. ok
// is false when the product does not exist.
func (s *Store) InventoryLevel(productID int) (int, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p := s.db.products[productID]
	if p == nil {
		return 0, false
	}
	return s.db.productLevel(p), true
}

// ProductIDBySKU returns the id of the product owning the SKU (its own SKU
// or one of its variants'). ok is false when no product has the SKU.
func (s *Store) ProductIDBySKU(sku string) (int, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.db.skuOwner(sku)
}

// OrderArchived reports whether an order exists and whether it is archived
// (is_deleted).
func (s *Store) OrderArchived(orderID int) (archived, ok bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o := s.db.orders[orderID]
	if o == nil {
		return false, false
	}
	return o.IsDeleted, true
}

// ServeHTTP serves one API request. Routes live under /stores/{StoreHash}
// (X-Auth-Token) and, for V2 only, under /api (HTTP Basic).
func (s *Store) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	res := s.handle(r)
	if res.drop {
		dropConnection(w, r)
		return
	}
	h := w.Header()
	for k, v := range res.header {
		h[k] = v
	}
	if res.truncate && len(res.body) > 0 {
		h.Set("Content-Length", itoa(len(res.body)))
		w.WriteHeader(res.status)
		_, _ = w.Write(res.body[:len(res.body)/2])
		dropConnection(w, r)
		return
	}
	if res.status != http.StatusNoContent && res.status != http.StatusNotModified {
		h.Set("Content-Length", itoa(len(res.body)))
	}
	w.WriteHeader(res.status)
	if len(res.body) > 0 {
		_, _ = w.Write(res.body)
	}
}

// dropConnection closes the client connection without (further) response.
// Outside a net/http server (e.g. an httptest.ResponseRecorder) it leaves
// the response as written so far.
func dropConnection(w http.ResponseWriter, r *http.Request) {
	if f, ok := w.(http.Flusher); ok {
		f.Flush()
	}
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	if r.Context().Value(http.ServerContextKey) != nil {
		// The documented way for a handler to abort a response (HTTP/2, or
		// a connection that cannot be hijacked): net/http recovers it and
		// resets the stream or closes the connection.
		panic(http.ErrAbortHandler)
	}
}

// result is a fully computed response, written out by ServeHTTP or the
// in-process transport.
type result struct {
	status   int
	header   http.Header
	body     []byte
	drop     bool // close the connection without a response
	truncate bool // send valid headers but only part of the body
}

// maxBody bounds request bodies.
const maxBody = 32 << 20

// handle runs the whole pipeline for one request: accounting, latency,
// faults, rate window, authentication, content type and routing.
func (s *Store) handle(r *http.Request) (res result) {
	s.ctl.Lock()
	s.requests++
	idx := len(s.log)
	s.log = append(s.log, RequestRecord{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery})
	s.ctl.Unlock()
	defer func() {
		s.ctl.Lock()
		if !res.drop {
			s.log[idx].Status = res.status
		}
		s.ctl.Unlock()
	}()
	s.mut.before(r)

	c := &call{s: s, r: r, resp: result{header: http.Header{}}}
	c.locate()
	f, faulty := s.takeFault(r.Method, c.rel)
	admitted := s.admitOnArrival(c.resp.header, f, faulty)

	if s.cfg.Latency > 0 {
		t := time.NewTimer(s.cfg.Latency)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
		}
	}
	if r.Context().Err() != nil {
		return result{drop: true} // the client is gone: nothing is processed
	}

	if faulty {
		switch f.Kind {
		case FaultDrop:
			return result{drop: true}
		case Fault429NoHeaders:
			c.errorStatus(http.StatusTooManyRequests, "Too many requests")
			return c.resp
		case FaultStatus:
			c.faultStatus(f.Status)
			return c.resp
		case FaultTruncate:
			defer func() { res.truncate = true }()
		}
	}

	if !admitted {
		c.errorStatus(http.StatusTooManyRequests, "You have exceeded the request rate limit. Please retry after the time window resets.")
		return c.resp
	}
	if !c.prefixOK {
		c.errorStatus(http.StatusNotFound, "The requested resource was not found.")
		return c.resp
	}
	if !s.authenticate(c) {
		return c.resp
	}
	if !s.authorize(c) {
		return c.resp
	}
	if !c.readBody() {
		return c.resp
	}
	s.route(c)
	return c.resp
}

// Transport returns a RoundTripper that serves requests in-process by calling
// the store's handler: no sockets, so it works inside testing/synctest
// bubbles. An injected FaultDrop makes RoundTrip return an error; a
// FaultTruncate gives a body that fails with io.ErrUnexpectedEOF half-way.
func (s *Store) Transport() http.RoundTripper { return transport{s} }

type transport struct{ s *Store }

// droppedError is returned by the in-process transport for FaultDrop.
type droppedError struct{}

func (droppedError) Error() string {
	return "fakestore: connection dropped by server before a response"
}

func (t transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		defer req.Body.Close()
	}
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	sr := req.Clone(req.Context())
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(io.LimitReader(req.Body, maxBody+1))
		if err != nil {
			return nil, err
		}
		sr.Body = io.NopCloser(bytes.NewReader(b))
		sr.ContentLength = int64(len(b))
	} else {
		sr.Body = http.NoBody
	}
	sr.RequestURI = req.URL.RequestURI()
	if sr.Host == "" {
		sr.Host = req.URL.Host
	}
	res := t.s.handle(sr)
	if err := req.Context().Err(); err != nil {
		return nil, err
	}
	if res.drop {
		return nil, droppedError{}
	}
	resp := &http.Response{
		Status:        itoa(res.status) + " " + http.StatusText(res.status),
		StatusCode:    res.status,
		Proto:         "HTTP/1.1",
		ProtoMajor:    1,
		ProtoMinor:    1,
		Header:        res.header,
		ContentLength: int64(len(res.body)),
		Request:       req,
	}
	switch {
	case res.truncate && len(res.body) > 0:
		resp.Body = &truncatedBody{data: res.body[:len(res.body)/2]}
	case req.Method == http.MethodHead:
		resp.Body = http.NoBody
	default:
		resp.Body = io.NopCloser(bytes.NewReader(res.body))
	}
	if res.status == http.StatusNoContent {
		resp.ContentLength = 0
	}
	return resp, nil
}

// truncatedBody yields its data and then io.ErrUnexpectedEOF.
type truncatedBody struct {
	data []byte
	off  int
}

func (b *truncatedBody) Read(p []byte) (int, error) {
	if b.off >= len(b.data) {
		return 0, io.ErrUnexpectedEOF
	}
	n := copy(p, b.data[b.off:])
	b.off += n
	return n, nil
}

func (b *truncatedBody) Close() error { return nil }
