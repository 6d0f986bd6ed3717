package bigcommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
)

// TestNewRequestPathQuery checks that a query string in NewRequest's path
// is sent as the query (it used to be escaped into the path as %3F, and
// the 404 that followed printed a path that looked right), merged with
// opts; a parameter given twice, a malformed query and a fragment are
// refused before anything is sent.
func TestNewRequestPathQuery(t *testing.T) {
	c, mt := newTestClient(t)
	tests := []struct {
		path    string
		opts    any
		want    string // the raw query sent
		wantErr string
	}{
		{path: "/v3/catalog/products?limit=1", want: "limit=1"},
		{path: "/v3/catalog/products?id:in=1,2&limit=5", want: "id:in=1,2&limit=5"},
		{path: "/v3/catalog/products?limit=1", opts: url.Values{"page": {"2"}}, want: "limit=1&page=2"},
		{path: "/v3/catalog/products?name=a%20b", opts: map[string]string{"is_visible": "true"}, want: "is_visible=true&name=a+b"},
		{path: "/v3/catalog/products?", want: ""},
		{path: "/v3/catalog/products?limit=1", opts: url.Values{"limit": {"2"}}, wantErr: `"limit" is given both in the path and in opts`},
		{path: "/v3/catalog/products?name=%zz", wantErr: "the query string in the path is malformed"},
		{path: "/v3/catalog/products?limit=1#top", wantErr: "fragment"},
	}
	for _, tt := range tests {
		req, err := c.NewRequest(ctx(t), http.MethodGet, tt.path, tt.opts, nil)
		if tt.wantErr != "" {
			assertValidation(t, err, tt.wantErr)
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		if req.URL.Path != "/stores/abc123/v3/catalog/products" || req.URL.RawQuery != tt.want {
			t.Errorf("%s: sent path %q query %q, want /stores/abc123/v3/catalog/products?%s", tt.path, req.URL.Path, req.URL.RawQuery, tt.want)
		}
	}
	rec := mockJSON(mt, http.MethodGet, "/v3/catalog/products", 200, []byte(`{"data":[{"id":1}],"meta":{}}`))
	req, _ := c.NewRequest(ctx(t), http.MethodGet, "/v3/catalog/products?limit=1", nil, nil)
	if _, err := c.Do(req, nil); err != nil {
		t.Fatal(err)
	}
	if got := rec.last(t); got.Path != "/v3/catalog/products" || got.Raw != "limit=1" {
		t.Errorf("server saw %s?%s", got.Path, got.Raw)
	}
}

// TestNewRequestQueryKinds checks that opts may be a url-tagged struct,
// url.Values, map[string]string or map[string][]string (url.Values used to
// fail with "Values() expects struct input"), that anything else is a
// clear refusal, and that the caller's map is never changed.
func TestNewRequestQueryKinds(t *testing.T) {
	c, mt := newTestClient(t)
	type filter struct {
		Limit int    `url:"limit,omitempty"`
		IDIn  string `url:"id:in,omitempty"`
	}
	var nilFilter *filter
	tests := []struct {
		name string
		opts any
		want string
	}{
		{"struct", filter{Limit: 2, IDIn: "1,2"}, "id:in=1,2&limit=2"},
		{"pointer to struct", &filter{Limit: 2}, "limit=2"},
		{"nil pointer", nilFilter, ""},
		{"url.Values", url.Values{"limit": {"2"}, "id:in": {"1,2"}}, "id:in=1,2&limit=2"},
		{"map[string]string", map[string]string{"limit": "2", "sort": "name"}, "limit=2&sort=name"},
		{"map[string][]string", map[string][]string{"include": {"variants"}, "limit": {"2"}}, "include=variants&limit=2"},
		{"empty url.Values", url.Values{}, ""},
	}
	for _, tt := range tests {
		req, err := c.NewRequest(ctx(t), http.MethodGet, "/v3/catalog/products", tt.opts, nil)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if req.URL.RawQuery != tt.want {
			t.Errorf("%s: query %q, want %q", tt.name, req.URL.RawQuery, tt.want)
		}
	}
	for _, bad := range []any{[]string{"limit=2"}, 5, "limit=2", map[string]int{"limit": 2}} {
		_, err := c.NewRequest(ctx(t), http.MethodGet, "/v3/catalog/products", bad, nil)
		assertValidation(t, err, fmt.Sprintf("query options of type %T are not supported", bad), "url.Values", "map[string]string")
	}
	mine := url.Values{"limit": {"2"}}
	if _, err := c.NewRequest(ctx(t), http.MethodGet, "/v3/catalog/products?page=3", mine, nil); err != nil {
		t.Fatal(err)
	}
	if len(mine) != 1 || mine.Get("limit") != "2" {
		t.Errorf("the caller's url.Values became %v", mine)
	}
	assertNothingSent(t, mt)
}

// TestNewRequestBody checks the bodies NewRequest accepts: JSON values,
// json.RawMessage as it is, and a *Multipart; an io.Reader, which used to
// be sent silently as {}, is refused.
func TestNewRequestBody(t *testing.T) {
	c, mt := newTestClient(t)
	req, err := c.NewRequest(ctx(t), http.MethodPost, "/v3/things", nil, json.RawMessage(`{"a":1}`))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := io.ReadAll(req.Body); string(b) != `{"a":1}` || req.Header.Get("Content-Type") != "application/json" {
		t.Errorf("json.RawMessage sent as %s (%s)", b, req.Header.Get("Content-Type"))
	}
	for _, r := range []any{bytes.NewBufferString(`{"a":1}`), strings.NewReader("x"), io.NopCloser(strings.NewReader("x"))} {
		_, err := c.NewRequest(ctx(t), http.MethodPost, "/v3/things", nil, r)
		assertValidation(t, err, "body is an io.Reader", "*Multipart", "json.RawMessage")
	}
	var nilForm *Multipart
	req, err = c.NewRequest(ctx(t), http.MethodPost, "/v3/things", nil, nilForm)
	if err != nil || req.Body != nil {
		t.Errorf("a nil *Multipart: body %v, error %v; want no body", req.Body, err)
	}
	assertNothingSent(t, mt)
}

// TestAbsoluteURLs checks the credential allow-list of hosts.go: an
// absolute URL under the base URL or on the B2B Edition API goes through
// the pipeline; every other one is refused before anything is sent, and
// the token reaches no other host.
func TestAbsoluteURLs(t *testing.T) {
	c, mt := newTestClient(t)
	var leaked []string
	for _, host := range []string{"https://evil.example.com", "http://api.bigcommerce.com", "https://api.bigcommerce.com", "https://api-b2b.bigcommerce.com", "http://api-b2b.bigcommerce.com"} {
		mt.RegisterResponder(http.MethodGet, "=~^"+host+"/", func(r *http.Request) (*http.Response, error) {
			leaked = append(leaked, r.URL.String()+" "+r.Header.Get("X-Auth-Token"))
			return httpmock.NewStringResponse(404, `{}`), nil
		})
	}
	allowed := mockJSON(mt, http.MethodGet, "/v3/catalog/products", 200, []byte(`{"data":[{"id":1}],"meta":{}}`))
	req, err := c.NewRequest(ctx(t), http.MethodGet, testBaseURL+"/v3/catalog/products?limit=1", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Do(req, nil); err != nil {
		t.Fatal(err)
	}
	got := allowed.last(t)
	if got.Raw != "limit=1" || got.Header.Get("X-Auth-Token") != testToken {
		t.Errorf("URL under the base URL: sent ?%s with token %t", got.Raw, got.Header.Get("X-Auth-Token") == testToken)
	}
	refused := []struct{ url, why string }{
		{"https://evil.example.com/stores/abc123/v3/catalog/products", "never to evil.example.com"},
		{"https://EVIL.example.com/v3/x?limit=1", "never to EVIL.example.com"},
		{"https://api.bigcommerce.com.evil.example.com/stores/abc123/v3/x", "never to api.bigcommerce.com.evil.example.com"},
		{"https://api.bigcommerce.com/stores/other/v3/catalog/products", "outside the Client's base URL"},
		{"https://api.bigcommerce.com/stores/abc1234/v3/catalog/products", "outside the Client's base URL"},
		{"https://api.bigcommerce.com/stores/abc123", "outside the Client's base URL"},
		{"http://api.bigcommerce.com/stores/abc123/v3/catalog/products", "uses http"},
		{"https://user:pass@api.bigcommerce.com/stores/abc123/v3/x", "user info"},
		{"https://api.bigcommerce.com/stores/abc123/v3/x#frag", "fragment"},
		{"https://api-b2b.bigcommerce.com/graphql", "B2B Edition REST Management API"},
		{"https://api-b2b.bigcommerce.com/api/v2/io/companies", "B2B Edition REST Management API"},
		{"http://api-b2b.bigcommerce.com/api/v3/io/companies", "B2B Edition REST Management API"},
		{"ftp://api.bigcommerce.com/stores/abc123/v3/x", "must start with /"},
	}
	for _, tt := range refused {
		_, err := c.NewRequest(ctx(t), http.MethodGet, tt.url, nil, nil)
		assertValidation(t, err, tt.why)
		if err != nil && strings.Contains(err.Error(), testToken) {
			t.Errorf("%s: the error shows the token", tt.url)
		}
		if _, _, err := Get[any](ctx(t), c, tt.url, nil); !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("Get %s: %v, want it refused", tt.url, err)
		}
	}
	if len(leaked) > 0 {
		t.Errorf("requests reached other hosts: %q", leaked)
	}
	if n := mt.GetTotalCallCount(); n != 1 {
		t.Errorf("%d requests sent, want only the allowed one", n)
	}
}

// b2bLog keeps the requests a fake B2B Edition endpoint saw; a walk sends
// several at once.
type b2bLog struct {
	mu   sync.Mutex
	reqs []*http.Request
}

func (l *b2bLog) all() []*http.Request {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.reqs)
}

func (l *b2bLog) reset() {
	l.mu.Lock()
	l.reqs = nil
	l.mu.Unlock()
}

// b2bCompanies answers B2B Edition's GET /companies from n records,
// paging by offset and limit as its spec does, and keeps the requests.
func b2bCompanies(mt *httpmock.MockTransport, n int) *b2bLog {
	seen := &b2bLog{}
	mt.RegisterResponder(http.MethodGet, B2BEditionURL+"/companies", func(r *http.Request) (*http.Response, error) {
		seen.mu.Lock()
		seen.reqs = append(seen.reqs, r)
		seen.mu.Unlock()
		q := r.URL.Query()
		limit, offset := 10, 0
		if s := q.Get("limit"); s != "" {
			limit, _ = strconv.Atoi(s)
		}
		if s := q.Get("offset"); s != "" {
			offset, _ = strconv.Atoi(s)
		}
		data := []map[string]any{}
		for id := offset + 1; id <= min(offset+limit, n); id++ {
			data = append(data, map[string]any{"companyId": id, "companyName": "Co " + strconv.Itoa(id)})
		}
		body, _ := json.Marshal(map[string]any{"code": 200, "data": data, "meta": map[string]any{"message": "SUCCESS",
			"pagination": map[string]any{"limit": limit, "offset": offset, "totalCount": n}}})
		resp := httpmock.NewBytesResponse(200, body)
		resp.Header.Set("Content-Type", "application/json")
		resp.Header.Set("X-Rate-Limit-Requests-Left", "1")
		resp.Header.Set("X-Rate-Limit-Requests-Quota", "150")
		return resp, nil
	})
	return seen
}

// silentLimiter is a RateLimiter that cannot tell the rate, so the
// Client keeps its own snapshot.
type silentLimiter struct{}

func (silentLimiter) Acquire(context.Context, time.Duration) (Permit, error) { return noPermit{}, nil }

type b2bCompany struct {
	ID   int    `json:"companyId"`
	Name string `json:"companyName"`
}

// TestB2BEditionThroughPipeline checks that a B2B Edition call carries the
// store's token and X-Store-Hash, is retried and observed like any call,
// decodes {code, data, meta} with its offset pagination, and does not
// take B2B Edition's rate headers for the store's.
func TestB2BEditionThroughPipeline(t *testing.T) {
	var observed []string
	c, mt := newTestClient(t, WithRetryPolicy(RetryPolicy{MaxRetries: 1}), WithRateLimiter(silentLimiter{}), WithObserver(func(_ context.Context, ci CallInfo) {
		observed = append(observed, fmt.Sprintf("%s %s %d attempts=%d", ci.Method, ci.Path, ci.StatusCode, ci.Attempts))
	}))
	seen := b2bCompanies(mt, 25)
	mt.RegisterResponder(http.MethodGet, B2BEditionURL+"/companies/3", httpmock.NewStringResponder(503, `{"code":503,"message":"busy"}`).Then(
		httpmock.NewStringResponder(200, `{"code":200,"data":{"companyId":3,"companyName":"Co 3"},"meta":{"message":"SUCCESS"}}`)))

	co, _, err := Get[b2bCompany](ctx(t), c, B2BEditionURL+"/companies/3", nil)
	if err != nil || co.ID != 3 || co.Name != "Co 3" {
		t.Fatalf("Get: %+v, %v", co, err)
	}
	page, resp, err := ListPage[b2bCompany](ctx(t), c, B2BEditionURL+"/companies?limit=10&offset=10", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(page) != 10 || page[0].ID != 11 {
		t.Fatalf("ListPage: %+v", page)
	}
	if p := *resp.Pagination; p.Total != 25 || p.PerPage != 10 || p.CurrentPage != 2 || p.TotalPages != 3 || p.Count != 10 {
		t.Errorf("Pagination %+v, want total 25, page 2 of 3, 10 per page", p)
	}
	r := seen.all()[0]
	if r.Header.Get("X-Auth-Token") != testToken || r.Header.Get("X-Store-Hash") != "abc123" {
		t.Errorf("B2B request headers: token %t, X-Store-Hash %q", r.Header.Get("X-Auth-Token") == testToken, r.Header.Get("X-Store-Hash"))
	}
	if want := []string{"GET /api/v3/io/companies/3 200 attempts=2", "GET /api/v3/io/companies 200 attempts=1"}; fmt.Sprint(observed) != fmt.Sprint(want) {
		t.Errorf("observed %q, want %q", observed, want)
	}
	if _, ok := c.Rate(); ok {
		t.Errorf("the store's rate snapshot was taken from B2B Edition's headers")
	}
	mt.RegisterResponder(http.MethodGet, B2BEditionURL+"/users", httpmock.NewStringResponder(403, `{"code":403,"message":"Forbidden"}`))
	if _, _, err := Get[any](ctx(t), c, B2BEditionURL+"/users", nil); !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), "B2B Edition scope") {
		t.Errorf("403 from B2B Edition: %v, want ErrForbidden naming the B2B Edition scope", err)
	}
}

// TestB2BEditionAllWalksByOffset checks that All pages B2B Edition by
// offset (it ignores page), 100 at a time unless the query says, and
// starts at the caller's offset.
func TestB2BEditionAllWalksByOffset(t *testing.T) {
	c, mt := newTestClient(t)
	seen := b2bCompanies(mt, 25)
	var ids []int
	for co, err := range All[b2bCompany](ctx(t), c, B2BEditionURL+"/companies", url.Values{"limit": {"10"}}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, co.ID)
	}
	if len(ids) != 25 || ids[0] != 1 || ids[24] != 25 {
		t.Fatalf("walked %v, want 1..25", ids)
	}
	var offsets []string
	for _, r := range seen.all() {
		offsets = append(offsets, r.URL.Query().Get("offset")+"/"+r.URL.Query().Get("limit"))
	}
	slices.Sort(offsets)
	if got := strings.Join(offsets, " "); got != "/10 10/10 20/10" {
		t.Errorf("offset/limit asked: %s, want /10 10/10 20/10", got)
	}

	seen.reset()
	ids = ids[:0]
	for co, err := range All[b2bCompany](ctx(t), c, B2BEditionURL+"/companies?offset=20", nil) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, co.ID)
	}
	if len(ids) != 5 || ids[0] != 21 {
		t.Errorf("walk from offset 20: %v, want 21..25", ids)
	}
	if got := seen.all()[0].URL.Query().Get("limit"); got != "100" {
		t.Errorf("default B2B page size %s, want 100", got)
	}
}

// TestB2BEditionRefused checks the B2B Edition calls refused before
// sending: a legacy account, and a Client without the store hash that
// X-Store-Hash needs.
func TestB2BEditionRefused(t *testing.T) {
	mt := httpmock.NewMockTransport()
	basic, err := NewClient("abc123", BasicAuth{Username: "u", APIToken: "t"}, WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = Get[any](ctx(t), basic, B2BEditionURL+"/companies", nil)
	assertValidation(t, err, "needs an access token")
	noHash, err := NewClient("", TokenAuth{AccessToken: testToken}, WithBaseURL(testBaseURL), WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = Get[any](ctx(t), noHash, B2BEditionURL+"/companies", nil)
	assertValidation(t, err, "needs the store hash")
	assertNothingSent(t, mt)
}

// TestRawDecoding checks how Get and Send decode by API: V3's data
// unwrapped, a V3 answer without data whole, V2 as it is, a 204 as the
// zero value; a path in no known API, a nil Client and a nil request are
// refused without a panic.
func TestRawDecoding(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v3/catalog/summary", 200, []byte(`{"data":{"inventory_count":7},"meta":{}}`))
	mockJSON(mt, http.MethodPost, "/v3/inventory/adjustments/relative", 200, []byte(`{"transaction_id":"tx-1"}`))
	mockJSON(mt, http.MethodGet, "/v2/time", 200, []byte(`{"time":1700000000}`))
	mockJSON(mt, http.MethodDelete, "/v3/catalog/products/9", 204, nil)
	rec := mockJSON(mt, http.MethodGet, "/v3/catalog/products", 200, []byte(`{"data":[{"id":1},{"id":2}],"meta":{"pagination":{"total":4,"count":2,"per_page":2,"current_page":1,"total_pages":2}}}`))

	summary, _, err := Get[struct {
		InventoryCount int `json:"inventory_count"`
	}](ctx(t), c, "/v3/catalog/summary", nil)
	if err != nil || summary.InventoryCount != 7 {
		t.Errorf("V3 data: %+v, %v", summary, err)
	}
	tx, _, err := Send[struct {
		TransactionID string `json:"transaction_id"`
	}](ctx(t), c, http.MethodPost, "/v3/inventory/adjustments/relative", map[string]any{"items": []any{}})
	if err != nil || tx.TransactionID != "tx-1" {
		t.Errorf("V3 answer without data: %+v, %v", tx, err)
	}
	clock, _, err := Get[map[string]int64](ctx(t), c, "/v2/time", nil)
	if err != nil || clock["time"] != 1700000000 {
		t.Errorf("V2: %v, %v", clock, err)
	}
	gone, resp, err := Send[*struct{ ID int }](ctx(t), c, http.MethodDelete, "/v3/catalog/products/9", nil)
	if err != nil || gone != nil || resp.StatusCode != 204 {
		t.Errorf("204: %v, %v", gone, err)
	}
	list, resp, err := Get[[]struct{ ID int }](ctx(t), c, "/v3/catalog/products", url.Values{"limit": {"2"}})
	if err != nil || len(list) != 2 || resp.Pagination == nil || resp.Pagination.TotalPages != 2 {
		t.Errorf("V3 list through Get: %v, %+v, %v", list, resp.Pagination, err)
	}
	if rec.last(t).Raw != "limit=2" {
		t.Errorf("query %q", rec.last(t).Raw)
	}

	// The shapes a V3 answer can take besides {data, meta}.
	mockJSON(mt, http.MethodGet, "/v3/bare-array", 200, []byte(` [3,4]`))
	mockJSON(mt, http.MethodGet, "/v3/empty-data", 200, []byte(`{"data":[]}`))
	mockJSON(mt, http.MethodGet, "/v3/null-data", 200, []byte(`{"data":null,"status":"ok"}`))
	mockJSON(mt, http.MethodGet, "/v3/nested-data", 200, []byte(`{"id":7,"payload":{"data":1}}`))
	if got, _, err := Get[[]int](ctx(t), c, "/v3/bare-array", nil); err != nil || fmt.Sprint(got) != "[3 4]" {
		t.Errorf("bare array: %v, %v", got, err)
	}
	if got, _, err := ListPage[int](ctx(t), c, "/v3/empty-data", nil); err != nil || len(got) != 0 {
		t.Errorf("empty data without meta: %v, %v", got, err)
	}
	if got, _, err := Get[map[string]string](ctx(t), c, "/v3/null-data", nil); err != nil || got != nil {
		t.Errorf("null data: %v, %v; want the data (nil), not the whole answer", got, err)
	}
	if got, _, err := Get[struct{ ID int }](ctx(t), c, "/v3/nested-data", nil); err != nil || got.ID != 7 {
		t.Errorf("bare object with a nested data member: %+v, %v", got, err)
	}

	calls := mt.GetTotalCallCount()
	_, _, err = Get[any](ctx(t), c, "/graphql", nil)
	assertValidation(t, err, "does not start with /v2/ or /v3/", "NewRequest and Do")
	var none *Client
	_, _, err = Get[any](ctx(t), none, "/v2/time", nil)
	assertValidation(t, err, "Client is nil")
	_, _, err = ListPage[any](ctx(t), none, "/v2/time", nil)
	assertValidation(t, err, "Client is nil")
	for _, err := range All[any](ctx(t), none, "/v2/time", nil) {
		assertValidation(t, err, "Client is nil")
	}
	_, err = c.Do(nil, nil)
	assertValidation(t, err, "req is nil")
	var nilCtx context.Context
	_, _, err = Get[any](nilCtx, c, "/v2/time", nil)
	assertValidation(t, err, "ctx is nil")
	for _, err := range All[any](nilCtx, c, "/v3/catalog/products", nil) {
		assertValidation(t, err, "ctx is nil")
	}
	for _, q := range []any{"page=x", url.Values{"page": {"x"}}, url.Values{"limit": {"-1"}}, url.Values{"page": {"1", "2"}}} {
		_, _, err = ListPage[any](ctx(t), c, "/v3/catalog/products", q)
		if !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("ListPage with query %v: %v, want it refused", q, err)
		}
	}
	if n := mt.GetTotalCallCount(); n != calls {
		t.Errorf("%d requests sent for refused calls", n-calls)
	}
}

// TestRawListPageChecksData checks that a V3 page whose data is empty
// while its meta says records remain is an error, not an empty page, and
// that a V2 204 is an empty page with its page and limit.
func TestRawListPageChecksData(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v3/things", 200, []byte(`{"data":null,"meta":{"pagination":{"total":9,"count":0,"per_page":5,"current_page":1,"total_pages":2}}}`))
	mockJSON(mt, http.MethodGet, "/v2/things", 204, nil)
	if items, _, err := ListPage[struct{ ID int }](ctx(t), c, "/v3/things", nil); err == nil || !strings.Contains(err.Error(), "records remain") {
		t.Errorf("null data with records remaining: %v, %v; want an error", items, err)
	}
	items, resp, err := ListPage[struct{ ID int }](ctx(t), c, "/v2/things?page=3&limit=5", nil)
	if err != nil || len(items) != 0 {
		t.Fatalf("V2 204: %v, %v", items, err)
	}
	if p := *resp.Pagination; p.CurrentPage != 3 || p.PerPage != 5 || p.Count != 0 {
		t.Errorf("V2 pagination %+v", p)
	}
}

// formServer records each multipart request's fields and file, and
// answers the first fail of them 429.
type formServer struct {
	fail  int
	forms []string
}

func (f *formServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	mr := multipart.NewReader(r.Body, params["boundary"])
	var parts []string
	for {
		p, err := mr.NextPart()
		if err != nil {
			break
		}
		b, _ := io.ReadAll(p)
		parts = append(parts, fmt.Sprintf("%s[%s;%s]=%d", p.FormName(), p.FileName(), p.Header.Get("Content-Type"), len(b)))
	}
	f.forms = append(f.forms, strings.Join(parts, " "))
	w.Header().Set("Content-Type", "application/json")
	if len(f.forms) <= f.fail {
		w.Header().Set("X-Rate-Limit-Time-Reset-Ms", "1")
		w.WriteHeader(http.StatusTooManyRequests)
		w.Write([]byte(`{"status":429,"title":"Too many requests"}`))
		return
	}
	w.Write([]byte(`{"data":{"id":5,"image_url":"https://cdn.example/x"},"meta":{}}`))
}

// TestSendMultipart checks a raw multipart upload: fields then the file,
// streamed, the file's type from its name unless given, sent whole again
// after a 429 when the reader can seek; bad forms are refused unsent.
func TestSendMultipart(t *testing.T) {
	f := &formServer{fail: 1}
	srv := httptest.NewServer(f)
	defer srv.Close()
	c := uploadClient(t, srv, nil)
	form := &Multipart{
		Fields: map[string]string{"is_thumbnail": "true", "description": "A mug"},
		File:   FormFile{Field: "image_file", Name: "mug.png", Content: bytes.NewReader(bytes.Repeat([]byte{1}, 4096))},
	}
	img, _, err := Send[struct {
		ID       int    `json:"id"`
		ImageURL string `json:"image_url"`
	}](ctx(t), c, http.MethodPost, "/v3/catalog/products/3/images", form)
	if err != nil || img.ID != 5 {
		t.Fatalf("Send: %+v, %v", img, err)
	}
	want := "description[;]=5 is_thumbnail[;]=4 image_file[mug.png;image/png]=4096"
	if len(f.forms) != 2 || f.forms[0] != want || f.forms[1] != want {
		t.Errorf("server got %q, want the whole form twice (429, then the retry): %q", f.forms, want)
	}

	f.forms, f.fail = nil, 0
	zip := Multipart{File: FormFile{Field: "file", Name: "theme", ContentType: "application/zip", Content: strings.NewReader("PK")}}
	if _, _, err := Send[json.RawMessage](ctx(t), c, http.MethodPost, "/v3/themes", zip); err != nil {
		t.Fatal(err)
	}
	if f.forms[0] != "file[theme;application/zip]=2" {
		t.Errorf("server got %q", f.forms[0])
	}

	f.forms = nil
	bad := map[string]Multipart{
		"no field":     {File: FormFile{Name: "a.png", Content: strings.NewReader("x")}},
		"no name":      {File: FormFile{Field: "image_file", Content: strings.NewReader("x")}},
		"no content":   {File: FormFile{Field: "image_file", Name: "a.png"}},
		"header break": {File: FormFile{Field: "image_file", Name: "a.png", ContentType: "image/png\r\nX-Evil: 1", Content: strings.NewReader("x")}},
		"field break":  {Fields: map[string]string{"a\nb": "c"}, File: FormFile{Field: "image_file", Name: "a.png", Content: strings.NewReader("x")}},
	}
	for name, m := range bad {
		if _, _, err := Send[any](ctx(t), c, http.MethodPost, "/v3/catalog/products/3/images", &m); !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("%s: %v, want ErrInvalidRequest", name, err)
		}
	}
	if len(f.forms) != 0 {
		t.Errorf("refused forms were sent: %q", f.forms)
	}
}

// TestSendRefusesUnfilteredV2Delete checks that Send never sends a V2
// DELETE that would empty a collection: no query, no body, no id at the
// end of the path. Filtered and single-record deletes go through.
func TestSendRefusesUnfilteredV2Delete(t *testing.T) {
	c, mt := newTestClient(t)
	for _, path := range []string{"/v2/customers", "/v2/customers/", "/v2/orders", "/v2/orders/12/shipments"} {
		_, _, err := Send[any](ctx(t), c, http.MethodDelete, path, nil)
		assertValidation(t, err, "no filter", "NewRequest and Do")
	}
	assertNothingSent(t, mt)
	sent := map[string]*recorder{}
	for _, path := range []string{"/v2/coupons", "/v2/coupons/4", "/v2/shipping/carrier/connection", "/v3/catalog/products"} {
		sent[path] = mockJSON(mt, http.MethodDelete, path, 204, nil)
	}
	calls := []struct {
		path string
		body any
	}{
		{"/v2/coupons?id:in=4,5", nil},
		{"/v2/coupons/4", nil},
		{"/v2/shipping/carrier/connection", map[string]string{"carrier_id": "endicia"}},
		{"/v3/catalog/products", nil}, // V3 refuses an unfiltered delete itself
	}
	for _, call := range calls {
		if _, _, err := Send[any](ctx(t), c, http.MethodDelete, call.path, call.body); err != nil {
			t.Errorf("DELETE %s: %v", call.path, err)
		}
	}
	if got := sent["/v2/coupons"].last(t).Raw; got != "id:in=4,5" {
		t.Errorf("filtered delete sent ?%s", got)
	}
}

// TestRawAllRunsAgain checks that ranging over the same All twice walks
// from the start both times: the walk's state is not kept between runs.
func TestRawAllRunsAgain(t *testing.T) {
	c, mt := newTestClient(t)
	mockFunc(mt, http.MethodGet, "/v3/customers", func(r captured) (*http.Response, error) {
		body := `{"data":[{"id":1},{"id":2}],"meta":{"pagination":{"total":3,"count":2,"per_page":2,"current_page":1,"total_pages":2},"cursor_pagination":{"count":2,"per_page":2,"end_cursor":"c2"}}}`
		if r.Query.Get("after") == "c2" {
			body = `{"data":[{"id":3}],"meta":{"cursor_pagination":{"count":1,"per_page":2,"start_cursor":"c3","end_cursor":"c3"}}}`
		}
		return httpmock.NewStringResponse(200, body), nil
	})
	walk := All[struct{ ID int }](ctx(t), c, "/v3/customers?limit=2", nil)
	for run := range 2 {
		var ids []int
		for cu, err := range walk {
			if err != nil {
				t.Fatal(err)
			}
			ids = append(ids, cu.ID)
		}
		if fmt.Sprint(ids) != "[1 2 3]" {
			t.Errorf("run %d walked %v, want [1 2 3]", run+1, ids)
		}
	}
}

// FuzzRawAnswer feeds arbitrary 2xx bodies to the raw calls' decoding (a
// V3 or B2B Edition list page, and one object): no panic; an accepted page
// is never empty while its meta says records remain; the pagination's
// numbers are never negative from a well-formed count.
func FuzzRawAnswer(f *testing.F) {
	f.Add([]byte(`{"data":[{"id":1}],"meta":{"pagination":{"total":1,"count":1,"current_page":1,"total_pages":1}}}`))
	f.Add([]byte(`{"data":null,"meta":{"pagination":{"total":5,"count":5,"current_page":1,"total_pages":1}}}`))
	f.Add([]byte(`{"code":200,"data":[],"meta":{"pagination":{"limit":0,"offset":3,"totalCount":9}}}`))
	f.Add([]byte(`{"transaction_id":"x"}`))
	f.Add([]byte(`[1,2]`))
	f.Add([]byte(`{"data":{"id":2},"meta":{"cursor_pagination":{"end_cursor":"c"}}}`))
	c, err := NewClient("abc123", TokenAuth{AccessToken: "t"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		r := &Response{Response: &http.Response{StatusCode: 200, Header: http.Header{}}}
		var page rawList[struct {
			ID int `json:"id"`
		}]
		if err := c.decode(r, "GET", "/v3/x", body, &page); err == nil && len(page.Data) == 0 && page.Meta != nil {
			if p := page.Meta.Pagination; p != nil && p.TotalCount == nil && (p.Count > 0 || p.CurrentPage < p.TotalPages) {
				t.Fatalf("accepted an empty page whose meta says records remain: %s", body)
			}
			if p := page.Meta.Pagination; p != nil && p.TotalCount != nil && p.Offset < *p.TotalCount {
				t.Fatalf("accepted an empty B2B page before totalCount: %s", body)
			}
		}
		var one rawAnswer[map[string]any]
		_ = c.decode(r, "GET", "/v3/x", body, &one)
	})
}

// TestNoCredentialsOverPlainHTTP sends a request the caller built by hand
// to the base URL's host over http, as a downgrading redirect would: the
// Client's https base URL means the token must not go with it.
func TestNoCredentialsOverPlainHTTP(t *testing.T) {
	c, mt := newTestClient(t)
	var got http.Header
	mt.RegisterResponder(http.MethodGet, "http://api.bigcommerce.com/stores/abc123/v2/time", func(r *http.Request) (*http.Response, error) {
		got = r.Header.Clone()
		return httpmock.NewStringResponse(http.StatusOK, `{"time":1}`), nil
	})
	req, err := http.NewRequestWithContext(ctx(t), http.MethodGet, "http://api.bigcommerce.com/stores/abc123/v2/time", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Do(req, nil); err != nil {
		t.Fatal(err)
	}
	if got == nil || got.Get("X-Auth-Token") != "" || got.Get("Authorization") != "" {
		t.Fatalf("headers sent over http: %v", got)
	}
}
