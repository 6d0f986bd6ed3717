package bigcommercetest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// harness sends requests to a store over real HTTP or through Transport().
type harness struct {
	t    *testing.T
	s    *Store
	base string
	hc   *http.Client
}

// mode is one way of reaching the store.
type mode struct {
	name string
	open func(t *testing.T, s *Store) *harness
}

// modes are the two ways tests reach the store: a real server and the
// in-process transport.
var modes = []mode{
	{"http", func(t *testing.T, s *Store) *harness {
		srv := httptest.NewServer(s)
		t.Cleanup(srv.Close)
		return &harness{t: t, s: s, base: srv.URL, hc: srv.Client()}
	}},
	{"transport", func(t *testing.T, s *Store) *harness {
		return &harness{t: t, s: s, base: "http://api.bigcommerce.test", hc: &http.Client{Transport: s.Transport()}}
	}},
}

// forModes runs f once per mode as subtests.
func forModes(t *testing.T, f func(t *testing.T, m mode)) {
	t.Helper()
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) { f(t, m) })
	}
}

// reply is a response read in full.
type reply struct {
	status int
	header http.Header
	body   []byte
	err    error
}

// reqOpt modifies a request.
type reqOpt func(*http.Request)

func withHeader(k, v string) reqOpt { return func(r *http.Request) { r.Header.Set(k, v) } }

func withBasic(u, p string) reqOpt { return func(r *http.Request) { r.SetBasicAuth(u, p) } }

// raw sends a request to an absolute path of the server. body may be nil,
// a string (sent as is) or a value (JSON-encoded).
func (h *harness) raw(method, path string, body any, opts ...reqOpt) reply {
	h.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		js, err := json.Marshal(b)
		if err != nil {
			h.t.Fatal(err)
		}
		rd = bytes.NewReader(js)
	}
	req, err := http.NewRequest(method, h.base+path, rd)
	if err != nil {
		h.t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for _, o := range opts {
		o(req)
	}
	resp, err := h.hc.Do(req)
	if err != nil {
		return reply{err: err}
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return reply{status: resp.StatusCode, header: resp.Header, body: b, err: err}
}

// api sends an authenticated request to a path under /stores/{hash}.
func (h *harness) api(method, rel string, body any, opts ...reqOpt) reply {
	h.t.Helper()
	opts = append([]reqOpt{withHeader("X-Auth-Token", "fake-token")}, opts...)
	return h.raw(method, "/stores/fakestore"+rel, body, opts...)
}

// want checks the status and returns the reply.
func (r reply) want(t *testing.T, status int) reply {
	t.Helper()
	if r.err != nil {
		t.Fatalf("request failed: %v", r.err)
	}
	if r.status != status {
		t.Fatalf("status %d, want %d; body: %s", r.status, status, truncate(r.body))
	}
	return r
}

func truncate(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "..."
	}
	return string(b)
}

// decode unmarshals the reply body into T.
func decode[T any](t *testing.T, r reply) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("decoding %s: %v", truncate(r.body), err)
	}
	return v
}

// v3List is a decoded V3 collection.
type v3List struct {
	Data []map[string]any `json:"data"`
	Meta struct {
		Pagination *struct {
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
		} `json:"pagination"`
		CursorPagination *struct {
			Count     int    `json:"count"`
			EndCursor string `json:"end_cursor"`
			Links     struct {
				Previous string `json:"previous"`
				Next     string `json:"next"`
			} `json:"links"`
		} `json:"cursor_pagination"`
	} `json:"meta"`
}

// v3Err is a decoded V3 error.
type v3Err struct {
	Status int               `json:"status"`
	Title  string            `json:"title"`
	Type   string            `json:"type"`
	Errors map[string]string `json:"errors"`
}

// ids returns the "id" of each item.
func ids(items []map[string]any) []int {
	out := make([]int, 0, len(items))
	for _, it := range items {
		out = append(out, int(it["id"].(float64)))
	}
	return out
}

// clock is a settable clock for Config.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// seeded returns a store with a generous quota and small seed data.
func seeded(opts SeedOptions) *Store {
	s := New(Config{Quota: 1 << 30})
	s.Seed(opts)
	return s
}
