package bigcommerce_test

// Tests of issue 18: an All walk must never stop early in silence. Every
// walk runs against the fake store seen through a middleware that
// misbehaves the way a proxy, a cache, an API change or a wrong parameter
// can: it drops query parameters, shuffles pages or serves a wrong count.
// Each walk must then yield every record exactly once, or yield records
// each at most once followed by one error; never fewer records and no
// error.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"iter"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
	"github.com/shopspring/decimal"
)

// misbehaviour is what the middleware of one test store does wrong.
type misbehaviour struct {
	name string
	// drop lists the query parameters the store ignores (removed before
	// the fake store sees the request).
	drop []string
	// capLimit, when > 0, is the largest page the store serves, whatever
	// limit is asked for (its meta says so, as a server would).
	capLimit int
	// shuffle serves every page's records in a random order.
	shuffle bool
	// total rewrites every count: the count of a V2 /count endpoint, and
	// meta.pagination.total (with total_pages to match) of a V3 page.
	total func(int) int
	// staleHighest answers the probe of the highest id (a 1-record page
	// sorted by id descending) with the 600th record in id order, as a
	// cache would that kept the answer from when the store had 600.
	staleHighest bool
}

// misbehaviours are the test stores.
var misbehaviours = []misbehaviour{
	{name: "honest"},
	{name: "ignores sort and direction", drop: []string{"sort", "direction"}},
	{name: "ignores max_id, id:max, id:less", drop: []string{"max_id", "id:max", "id:less"}},
	{name: "ignores min_id, id:min, id:greater", drop: []string{"min_id", "id:min", "id:greater"}},
	{name: "ignores id:in", drop: []string{"id:in"}},
	{name: "ignores page", drop: []string{"page"}},
	{name: "ignores after", drop: []string{"after", "before"}},
	{name: "shuffles pages", shuffle: true},
	{name: "ignores limit", drop: []string{"limit"}},
	{name: "caps pages at 40", capLimit: 40},
	{name: "count 4x too high", total: func(n int) int { return 4 * n }},
	{name: "count half too low", total: func(n int) int { return n / 2 }},
	{name: "stale highest-id probe", staleHighest: true},
	// A cache that serves a stale snapshot of both: the count agrees with
	// the stale probe (the 600th of 1,000 records).
	{name: "stale highest-id probe and count", staleHighest: true, total: func(n int) int { return n * 6 / 10 }},
}

// serve wraps the fake store's handler h in the misbehaviour.
func (m misbehaviour) serve(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			q := r.URL.Query()
			for _, k := range m.drop {
				q.Del(k)
			}
			if n, err := strconv.Atoi(q.Get("limit")); m.capLimit > 0 && err == nil && n > m.capLimit {
				q.Set("limit", strconv.Itoa(m.capLimit))
			}
			if m.staleHighest && q.Get("limit") == "1" && (q.Get("sort") == "id:desc" || q.Get("direction") == "desc") {
				if q.Has("direction") {
					q.Set("direction", "asc")
				} else {
					q.Set("sort", "id:asc")
				}
				q.Set("page", "600")
			}
			r = r.Clone(r.Context())
			r.URL.RawQuery = q.Encode()
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		body := rec.Body.Bytes()
		if r.Method == http.MethodGet && rec.Code == http.StatusOK {
			body = m.rewrite(r, body)
		}
		for k, v := range rec.Header() {
			if k != "Content-Length" {
				w.Header()[k] = v
			}
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(body)
	})
}

// rewrite applies the shuffle and the count to an answer's body.
func (m misbehaviour) rewrite(r *http.Request, body []byte) []byte {
	h := fnv.New64a()
	h.Write([]byte(r.URL.String()))
	rng := rand.New(rand.NewPCG(h.Sum64(), 18))
	shuffle := func(raw json.RawMessage) json.RawMessage {
		var items []json.RawMessage
		if !m.shuffle || json.Unmarshal(raw, &items) != nil || len(items) < 2 {
			return raw
		}
		for { // a shuffle that leaves the page as it was would test nothing
			rng.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
			if b, _ := json.Marshal(items); !bytes.Equal(b, raw) {
				return b
			}
		}
	}
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '[' { // a V2 list
		return shuffle(body)
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(body, &obj) != nil {
		return body
	}
	if n, err := strconv.Atoi(string(obj["count"])); err == nil && m.total != nil && strings.HasSuffix(r.URL.Path, "/count") {
		obj["count"] = json.RawMessage(strconv.Itoa(m.total(n)))
	}
	if data, ok := obj["data"]; ok {
		obj["data"] = shuffle(data)
	}
	var meta map[string]json.RawMessage
	if m.total != nil && json.Unmarshal(obj["meta"], &meta) == nil {
		var p map[string]any
		if json.Unmarshal(meta["pagination"], &p) == nil && p != nil {
			total, _ := p["total"].(float64)
			per, _ := p["per_page"].(float64)
			lied := m.total(int(total))
			p["total"] = lied
			if per > 0 {
				p["total_pages"] = (lied + int(per) - 1) / int(per)
			}
			meta["pagination"], _ = json.Marshal(p)
			obj["meta"], _ = json.Marshal(meta)
		}
	}
	out, err := json.Marshal(obj)
	if err != nil {
		return body
	}
	return out
}

// handlerTransport serves requests with a handler, in process.
type handlerTransport struct{ h http.Handler }

func (t handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		defer r.Body.Close()
	}
	rec := httptest.NewRecorder()
	t.h.ServeHTTP(rec, r)
	resp := rec.Result()
	resp.Request = r
	return resp, nil
}

// contraWalk is one walk under test: seed fills the store and returns the
// keys of every record the walk must yield; walk runs it and yields each
// record's key.
type contraWalk struct {
	name string
	mode int // Customers.All: how to walk
	seed func(t *testing.T, c *bigcommerce.Client, store *bigcommercetest.Store) []string
	walk func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[string, error]
}

// keys maps a walk's records to their keys.
func keys[T any](seq iter.Seq2[T, error], key func(T) string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for v, err := range seq {
			k := ""
			if err == nil {
				k = key(v)
			}
			if !yield(k, err) {
				return
			}
		}
	}
}

// itoas turns ids into keys.
func itoas(ids []int) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = strconv.Itoa(id)
	}
	return out
}

// contraRecords is the number of records of each walk's store, and
// contraLimit the page size asked for: a walk that stops after its first
// page yields a tenth of them.
const contraRecords, contraLimit = 1000, 100

var contraWalks = []contraWalk{
	{
		name: "Orders.All by id windows",
		seed: func(_ *testing.T, _ *bigcommerce.Client, s *bigcommercetest.Store) []string {
			s.Seed(bigcommercetest.SeedOptions{Seed: 18, Orders: contraRecords})
			return itoas(s.OrderIDs())
		},
		walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[string, error] {
			return keys(c.Orders.All(ctx, &bigcommerce.OrderFilter{Limit: contraLimit}), func(o bigcommerce.Order) string { return strconv.Itoa(o.ID) })
		},
	},
	{
		name: "Orders.All by date_modified",
		seed: func(_ *testing.T, _ *bigcommerce.Client, s *bigcommercetest.Store) []string {
			s.Seed(bigcommercetest.SeedOptions{Seed: 18, Orders: contraRecords})
			return itoas(s.OrderIDs())
		},
		walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[string, error] {
			return keys(c.Orders.All(ctx, &bigcommerce.OrderFilter{Limit: contraLimit, Sort: bigcommerce.OrderSortDateModifiedAsc}), func(o bigcommerce.Order) string { return strconv.Itoa(o.ID) })
		},
	},
	{
		name: "Products.All by id windows",
		seed: func(_ *testing.T, _ *bigcommerce.Client, s *bigcommercetest.Store) []string {
			s.Seed(bigcommercetest.SeedOptions{Seed: 18, Products: contraRecords})
			return itoas(s.ProductIDs())
		},
		walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[string, error] {
			return keys(c.Products.All(ctx, &bigcommerce.ProductFilter{Limit: contraLimit}), func(p bigcommerce.Product) string { return strconv.Itoa(p.ID) })
		},
	},
	{
		name: "Customers.All by id:in windows",
		mode: bigcommerce.CustomerWalkIDIn,
		seed: func(_ *testing.T, _ *bigcommerce.Client, s *bigcommercetest.Store) []string {
			s.Seed(bigcommercetest.SeedOptions{Seed: 18, Customers: contraRecords})
			return itoas(s.CustomerIDs())
		},
		walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[string, error] {
			return keys(c.Customers.All(ctx, &bigcommerce.CustomerFilter{Limit: contraLimit}), func(cu bigcommerce.Customer) string { return strconv.Itoa(cu.ID) })
		},
	},
	{
		name: "Customers.All by cursor",
		mode: bigcommerce.CustomerWalkCursor,
		seed: func(_ *testing.T, _ *bigcommerce.Client, s *bigcommercetest.Store) []string {
			s.Seed(bigcommercetest.SeedOptions{Seed: 18, Customers: contraRecords})
			return itoas(s.CustomerIDs())
		},
		walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[string, error] {
			return keys(c.Customers.All(ctx, &bigcommerce.CustomerFilter{Limit: contraLimit}), func(cu bigcommerce.Customer) string { return strconv.Itoa(cu.ID) })
		},
	},
	{
		// Generated, walk: id (walkAscending, V2 min_id).
		name: "Coupons.All by id",
		seed: func(t *testing.T, c *bigcommerce.Client, _ *bigcommercetest.Store) []string {
			var out []string
			for i := range contraRecords {
				cp, _, err := c.Coupons.Create(t.Context(), bigcommerce.CouponCreate{Name: fmt.Sprintf("c%d", i), Code: fmt.Sprintf("C%d", i), Type: "per_item_discount", Amount: decimal.NewFromInt(1)})
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, strconv.Itoa(cp.ID))
			}
			return out
		},
		walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[string, error] {
			return keys(c.Coupons.All(ctx, &bigcommerce.CouponFilter{Limit: contraLimit}), func(cp bigcommerce.Coupon) string { return strconv.Itoa(cp.ID) })
		},
	},
	{
		// Generated, walk: cursor (walkCursor). The fake store's generic
		// lists give no cursor, so the walk goes on by page number.
		name: "StoreMetafields.All by cursor or page",
		seed: func(t *testing.T, c *bigcommerce.Client, _ *bigcommercetest.Store) []string {
			items := make([]bigcommerce.StoreMetafieldCreate, contraRecords)
			for i := range items {
				items[i] = bigcommerce.StoreMetafieldCreate{Key: fmt.Sprintf("k%d", i), Namespace: "ns", PermissionSet: "app_only", Value: "v"}
			}
			created, _, err := c.StoreMetafields.CreateMany(t.Context(), items)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, m := range created {
				out = append(out, strconv.Itoa(int(m.ID)))
			}
			return out
		},
		walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[string, error] {
			return keys(c.StoreMetafields.All(ctx, &bigcommerce.StoreMetafieldFilter{Limit: contraLimit}), func(m bigcommerce.StoreMetafield) string { return strconv.Itoa(int(m.ID)) })
		},
	},
	{
		// Hand-written, but on walkCursor, with the fake store's keyset
		// cursors.
		name: "PriceLists.All by cursor",
		seed: func(t *testing.T, c *bigcommerce.Client, _ *bigcommercetest.Store) []string {
			out := []string{}
			for l, err := range c.PriceLists.All(t.Context(), nil) { // the store's own
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, strconv.Itoa(l.ID))
			}
			for i := len(out); i < contraRecords; i++ {
				l, _, err := c.PriceLists.Create(t.Context(), bigcommerce.PriceListCreate{Name: fmt.Sprintf("list %d", i)})
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, strconv.Itoa(l.ID))
			}
			return out
		},
		walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[string, error] {
			return keys(c.PriceLists.All(ctx, &bigcommerce.PriceListFilter{Limit: contraLimit}), func(l bigcommerce.PriceList) string { return strconv.Itoa(l.ID) })
		},
	},
	{
		// Generated, walk: offset (walk), V3.
		name: "Scripts.All by page",
		seed: func(t *testing.T, c *bigcommerce.Client, _ *bigcommercetest.Store) []string {
			var out []string
			for i := range contraRecords {
				name := fmt.Sprintf("script %d", i)
				s, _, err := c.Scripts.Create(t.Context(), bigcommerce.ScriptCreate{Name: name})
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, s.Name)
			}
			return out
		},
		walk: func(ctx context.Context, c *bigcommerce.Client) iter.Seq2[string, error] {
			return keys(c.Scripts.All(ctx, &bigcommerce.ScriptFilter{Limit: contraLimit}), func(s bigcommerce.Script) string { return s.Name })
		},
	},
}

// contraErrors lists the pairs of walk and test store where the walk ends
// with an error; every other pair yields every record exactly once (the
// walk works around the misbehaviour, or is not affected by it). The value
// is the class of the error: "incomplete" (errors.Is ErrIncompleteWalk) or
// "refused" (the client refuses an empty page whose meta says records
// remain, before the walk sees it); "short" marks the one known
// limitation: a V2 list that serves fewer records than asked for, other
// than its default 50, gives a walk with no count or meta nothing to notice
// (the walk's page size is then the server's).
var contraErrors = map[string]string{
	"Orders.All by id windows/ignores min_id, id:min, id:greater":            "incomplete",
	"Orders.All by id windows/shuffles pages":                                "incomplete",
	"Orders.All by id windows/caps pages at 40":                              "incomplete",
	"Orders.All by id windows/count 4x too high":                             "incomplete",
	"Orders.All by date_modified/ignores sort and direction":                 "incomplete",
	"Orders.All by date_modified/shuffles pages":                             "incomplete",
	"Orders.All by date_modified/caps pages at 40":                           "incomplete",
	"Orders.All by date_modified/count 4x too high":                          "incomplete",
	"Products.All by id windows/ignores min_id, id:min, id:greater":          "incomplete",
	"Products.All by id windows/shuffles pages":                              "incomplete",
	"Products.All by id windows/count 4x too high":                           "incomplete",
	"Customers.All by id:in windows/ignores id:in":                           "incomplete",
	"Customers.All by id:in windows/count 4x too high":                       "incomplete",
	"Customers.All by cursor/ignores after":                                  "incomplete",
	"Customers.All by cursor/count 4x too high":                              "incomplete",
	"Coupons.All by id/ignores min_id, id:min, id:greater":                   "incomplete",
	"Coupons.All by id/shuffles pages":                                       "incomplete",
	"Coupons.All by id/caps pages at 40":                                     "short",
	"StoreMetafields.All by cursor or page/ignores page":                     "incomplete",
	"StoreMetafields.All by cursor or page/count 4x too high":                "refused",
	"StoreMetafields.All by cursor or page/count half too low":               "incomplete",
	"PriceLists.All by cursor/ignores after":                                 "incomplete",
	"PriceLists.All by cursor/count 4x too high":                             "incomplete",
	"Scripts.All by page/ignores page":                                       "incomplete",
	"Scripts.All by page/count 4x too high":                                  "refused",
	"Scripts.All by page/count half too low":                                 "incomplete",
	"StoreMetafields.All by cursor or page/stale highest-id probe and count": "incomplete",
	"Scripts.All by page/stale highest-id probe and count":                   "incomplete",
}

// TestWalksNeverStopEarlyInSilence runs every walk against every test
// store: a walk yields every record exactly once, or ends with one error
// after records yielded at most once each, never fewer records and no
// error (but for the one limitation contraErrors names). The table pins
// which of the two each pair does, so that a walk that starts to fail, or
// stops noticing, shows.
func TestWalksNeverStopEarlyInSilence(t *testing.T) {
	for _, w := range contraWalks {
		t.Run(w.name, func(t *testing.T) {
			setCustomerWalk(t, max(w.mode, bigcommerce.CustomerWalkAuto))
			store := bigcommercetest.New(bigcommercetest.Config{StoreHash: fakeHash, Quota: 1 << 30})
			honest, err := bigcommerce.NewClient(fakeHash, bigcommerce.TokenAuth{AccessToken: "fake-token"},
				bigcommerce.WithBaseURL("http://fakestore.test/stores/"+fakeHash),
				bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}))
			if err != nil {
				t.Fatal(err)
			}
			want := slices.Sorted(slices.Values(w.seed(t, honest, store)))
			if len(want) < contraRecords {
				t.Fatalf("the store holds %d records, want %d", len(want), contraRecords)
			}
			for _, m := range misbehaviours {
				t.Run(m.name, func(t *testing.T) {
					c, err := bigcommerce.NewClient(fakeHash, bigcommerce.TokenAuth{AccessToken: "fake-token"},
						bigcommerce.WithBaseURL("http://fakestore.test/stores/"+fakeHash),
						bigcommerce.WithHTTPClient(&http.Client{Transport: handlerTransport{m.serve(store)}}))
					if err != nil {
						t.Fatal(err)
					}
					got, err := runContraWalk(t, w.walk(t.Context(), c))
					slices.Sort(got)
					t.Logf("%d of %d records; error: %v", len(got), len(want), err)
					switch class := contraErrors[w.name+"/"+m.name]; {
					case class == "short":
						if err != nil || len(got) >= len(want) {
							t.Errorf("%d records and error %v; this pair was a known silent short export: update contraErrors", len(got), err)
						}
					case err == nil && class != "":
						t.Errorf("every record and no error; want a %s error: update contraErrors if the walk now works around %s", class, m.name)
						fallthrough
					case err == nil:
						if !slices.Equal(got, want) {
							t.Errorf("no error, but %d records yielded where the store has %d: a silent short (or wrong) export", len(got), len(want))
						}
					case class == "":
						t.Errorf("error %v; want every record exactly once", err)
					case class == "incomplete" && !errors.Is(err, bigcommerce.ErrIncompleteWalk):
						t.Errorf("error %v; want an ErrIncompleteWalk", err)
					case class == "refused" && !strings.Contains(err.Error(), "meta says records remain"):
						t.Errorf("error %v; want the client's refusal of an empty page whose meta says records remain", err)
					}
				})
			}
		})
	}
}

// runContraWalk drains a walk: the keys yielded, and its error. It fails
// the test when a key comes twice, an error comes more than once, or
// records follow an error.
func runContraWalk(t *testing.T, seq iter.Seq2[string, error]) ([]string, error) {
	t.Helper()
	var got []string
	var walkErr error
	seen := map[string]bool{}
	for k, err := range seq {
		if walkErr != nil {
			t.Fatalf("the walk went on after its error %v", walkErr)
		}
		if err != nil {
			walkErr = err
			continue
		}
		if seen[k] {
			t.Errorf("record %s yielded twice", k)
		}
		seen[k] = true
		got = append(got, k)
	}
	return got, walkErr
}

// TestExportStaleProbeReadsAboveIt: when the probe of the highest id is
// stale (it names the 600th of 1,000 orders), the last closed window comes
// back full while fewer orders were yielded than the count says, so the
// walk reads an open window above the probed id, page after page, and
// yields every order once, with no error.
func TestExportStaleProbeReadsAboveIt(t *testing.T) {
	store := bigcommercetest.New(bigcommercetest.Config{StoreHash: fakeHash, Quota: 1 << 30})
	store.Seed(bigcommercetest.SeedOptions{Seed: 18, Orders: contraRecords})
	ids := store.OrderIDs()
	stale := ids[599]
	c, err := bigcommerce.NewClient(fakeHash, bigcommerce.TokenAuth{AccessToken: "fake-token"},
		bigcommerce.WithBaseURL("http://fakestore.test/stores/"+fakeHash),
		bigcommerce.WithHTTPClient(&http.Client{Transport: handlerTransport{misbehaviour{staleHighest: true}.serve(store)}}))
	if err != nil {
		t.Fatal(err)
	}
	got, err := runContraWalk(t, keys(c.Orders.All(t.Context(), &bigcommerce.OrderFilter{Limit: contraLimit}), func(o bigcommerce.Order) string { return strconv.Itoa(o.ID) }))
	if err != nil || len(got) != len(ids) {
		t.Fatalf("%d of %d orders, error %v", len(got), len(ids), err)
	}
	open := 0
	for _, r := range store.RequestLog() {
		q, _ := url.ParseQuery(r.RawQuery)
		if min, _ := strconv.Atoi(q.Get("min_id")); min > stale && !q.Has("max_id") {
			open++
		}
	}
	if open == 0 {
		t.Errorf("no open window above the stale highest id %d was read", stale)
	}
}

// TestExportCountCheckForgivesDeletions: records deleted during a walk
// make the count read at its start higher than what a complete walk
// yields; the count read again at its end explains it, so a walk that
// loses 30 % of its store to another client's deletes still ends without
// error, having yielded every record that existed throughout once.
func TestExportCountCheckForgivesDeletions(t *testing.T) {
	for _, k := range exportKinds {
		modes := []int{bigcommerce.CustomerWalkAuto}
		if k.name == "customers" {
			modes = []int{bigcommerce.CustomerWalkIDIn, bigcommerce.CustomerWalkCursor}
		}
		for _, mode := range modes {
			t.Run(fmt.Sprintf("%s/%d", k.name, mode), func(t *testing.T) {
				setCustomerWalk(t, mode)
				c, store := newFakeStoreClient(t, bigcommercetest.Config{Quota: 1 << 30}, k.seed(contraRecords))
				ids := k.ids(store)
				doomed := ids[len(ids)*7/10:]
				var requests atomic.Int32
				store.BeforeRequest(func(*http.Request) {
					if requests.Add(1) == 5 { // after the probes and the first windows
						for _, id := range doomed {
							k.remove(store, id)
						}
					}
				})
				seen := map[int]bool{}
				for r, err := range k.walk(t.Context(), c, exportWalk{limit: 50}) {
					if err != nil {
						t.Fatalf("after %d records: %v", len(seen), err)
					}
					if seen[r.id] {
						t.Fatalf("record %d yielded twice", r.id)
					}
					seen[r.id] = true
				}
				for _, id := range ids[:len(ids)*7/10] {
					if !seen[id] {
						t.Errorf("record %d, which existed throughout, was not yielded", id)
					}
				}
				if requests.Load() < 5 {
					t.Fatalf("the walk ended after %d requests, before the deletes", requests.Load())
				}
			})
		}
	}
}
