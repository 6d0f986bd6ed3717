package bigcommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"maps"
	"math"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
)

// Raw calls: typed access to the endpoints the services do not cover yet.
//
// Get, ListPage, All and Send take a path the way NewRequest does (a path
// below the base URL with an optional query string, or an absolute URL on
// a host the Client sends its credentials to, see hosts.go), send it
// through the same pipeline as every service method, and decode the answer
// by the API it belongs to:
//
//   - /v3/... : BigCommerce's V3 envelope {data, meta}: T is decoded from
//     data, and Response.Pagination from meta.pagination or
//     meta.cursor_pagination. The few V3 answers without a data member
//     (the inventory adjustments' {transaction_id}) are decoded whole.
//   - /v2/... : the answer is T itself; an empty list is 204 No Content.
//   - B2BEditionURL + "/...": B2B Edition's {code, data, meta}: T from data,
//     Response.Pagination from meta.pagination's offset, limit and
//     totalCount.
//
// Any other path (a GraphQL endpoint, say) is refused before sending: use
// NewRequest and Do, which decode the body as it is.

// Get sends GET path and decodes the answer into T: a V3 answer's data,
// a V2 answer as it is (see the rules above). query holds query parameters
// as NewRequest's opts does (a struct with url tags, url.Values,
// map[string]string, map[string][]string or nil), merged with a query
// string in path:
//
//	// product is a type of your own.
//	type product struct {
//		ID       int    `json:"id"`
//		Variants []struct{ SKU string } `json:"variants"`
//	}
//	p, _, err := bigcommerce.Get[product](ctx, client, "/v3/catalog/products/1?include=variants", nil)
//
// For a list endpoint, Response.Pagination describes the page. The errors
// are Do's: *Error for a non-2xx answer (ErrNotFound, ...), and a
// *ValidationError (ErrInvalidRequest) when the path, the host or the
// query was refused before anything was sent.
func Get[T any](ctx context.Context, c *Client, path string, query any) (T, *Response, error) {
	return rawCall[T](ctx, c, "Get", http.MethodGet, path, query, nil)
}

// Send sends method (POST, PUT, PATCH, DELETE, ...) to path with body and
// decodes the answer into T as Get does. body is sent as JSON, or as a
// streamed multipart/form-data upload when it is a *Multipart; nil sends
// no body. Query parameters go in path ("/v3/catalog/products?id:in=1,2").
// Use json.RawMessage or struct{} as T to skip decoding.
//
// A POST or PATCH is never retried once it may have reached BigCommerce:
// if no answer proves its fate, the error matches ErrOutcomeUnknown (look
// the record up before sending it again). A 207 returns the decoded T
// beside a *MultiStatusError.
//
// A V2 DELETE with neither a query nor a body on a path that does not end
// in an id (DELETE /v2/customers) is refused before sending: V2 deletes,
// or for orders archives, every record of the collection then. Add the
// filter to the path ("/v2/coupons?id:in=4,5"); to empty a collection on
// purpose, use NewRequest and Do.
func Send[T any](ctx context.Context, c *Client, method, path string, body any) (T, *Response, error) {
	return rawCall[T](ctx, c, "Send", method, path, nil, body)
}

// ListPage reads one page of a list endpoint (GET path) as []T, and fills
// Response.Pagination: from V3's meta (totals, links, and the cursor where
// the endpoint offers one), from B2B Edition's meta, or for V2 the page,
// limit and count of this page (V2 gives no totals). A V2 or V3 204 No
// Content is an empty page. Paging parameters go in query or path like any
// other ("page", "limit"; "offset" for B2B Edition). A V3 answer whose data
// is empty while its meta says records remain is an error, never a silent
// empty page.
func ListPage[T any](ctx context.Context, c *Client, path string, query any) ([]T, *Response, error) {
	t, err := c.rawTarget("ListPage", http.MethodGet, path, query)
	if err != nil {
		return nil, &Response{}, err
	}
	return rawPage[T](ctx, c, t, &t.query)
}

// fetchPage reads one page for a walk; it is ListPage after the target is
// resolved.
func fetchPage[T any](c *Client, t rawTarget) func(context.Context, *rawQuery) ([]T, *Response, error) {
	return func(ctx context.Context, q *rawQuery) ([]T, *Response, error) {
		return rawPage[T](ctx, c, t, q)
	}
}

// b2bWalkLimit is the page size All asks B2B Edition for unless the query
// sets limit: its lists cap pages at 200 to 250 depending on the endpoint
// (order.yaml and super_admin.yaml: maximum 200; company.yaml, user.yaml:
// 250), so the walk stays below the smallest.
const b2bWalkLimit = 100

// All walks every record of a list endpoint (GET path) with the SDK's
// paging rules, yielding each as T; an error is yielded once and ends the
// walk, and breaking out of the loop stops the requests:
//
//	for c, err := range bigcommerce.All[bigcommerce.Coupon](ctx, client, "/v2/coupons", nil) { ... }
//
// It never changes query, asks for the largest page (250; 100 on B2B
// Edition) unless query sets limit, and starts at query's page (or offset)
// if set. V3: when the first page's meta offers a cursor
// (meta.cursor_pagination, as V3 customers and metafields do), the walk
// follows it (after=end_cursor); otherwise it goes by page number until the
// last page the meta names, reading several pages at once (up to
// WithMaxConcurrency). V2: page by page until a 204 or a short page. B2B
// Edition: by offset until totalCount.
//
// Page offsets shift when records are created or deleted during the walk,
// so unlike the services' All walks (which key on ids where the API
// allows), a raw walk by page number can miss or repeat such records; a
// cursor walk cannot. For a live export of orders, products or customers,
// use Orders.All, Products.All or Customers.All.
func All[T any](ctx context.Context, c *Client, path string, query any) iter.Seq2[T, error] {
	t, err := c.rawTarget("All", http.MethodGet, path, query)
	if err != nil {
		return refused[T](err)
	}
	fetch := fetchPage[T](c, t)
	switch t.shape {
	case shapeV2:
		return walk[T, rawQuery](ctx, c, &t.query, MaxPageSize, fetch)
	case shapeB2B:
		return walk[T, rawQuery](ctx, c, &t.query, b2bWalkLimit, fetch)
	}
	return walkV3[T](ctx, c, t.query, fetch)
}

// walkV3 reads the first page of a V3 list and walks on by cursor when its
// meta offers one (followCursor), else by page number (walk), which
// receives the page already read instead of asking for it again.
func walkV3[T any](ctx context.Context, c *Client, query rawQuery, fetch func(context.Context, *rawQuery) ([]T, *Response, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		q := query // each run of the walk starts afresh
		if err := checkWalk("All", ctx, &q); err != nil {
			var zero T
			yield(zero, err)
			return
		}
		if q.limit <= 0 {
			q.limit = MaxPageSize
		}
		if q.after == "" {
			q.page = max(q.page, 1)
		}
		items, resp, err := fetch(ctx, &q)
		if err != nil {
			var zero T
			yield(zero, err)
			return
		}
		if p := resp.Pagination; q.after != "" || (p != nil && p.Cursor != nil && p.Cursor.EndCursor != "") {
			for _, item := range items {
				if !yield(item, nil) {
					return
				}
			}
			if len(items) < q.limit {
				return
			}
			followCursor[T, rawQuery](ctx, &q, cursorWalk[T]{cursor: &q.after, first: resp}, fetch, yield)
			return
		}
		first, read := q.page, false
		cached := func(ctx context.Context, f *rawQuery) ([]T, *Response, error) {
			if !read && f.page == first {
				// walk asks for the first page synchronously, before it
				// starts reading ahead, so read needs no lock.
				read = true
				return items, resp, nil
			}
			return fetch(ctx, f)
		}
		for item, err := range walk[T, rawQuery](ctx, c, &q, MaxPageSize, cached) {
			if !yield(item, err) {
				return
			}
		}
	}
}

// rawShape is the answer format of the API a raw call reaches.
type rawShape int

const (
	shapeV2  rawShape = iota + 1 // the answer as it is; lists: a bare array, or 204
	shapeV3                      // {data, meta}
	shapeB2B                     // B2B Edition's {code, data, meta}
)

// rawTarget is a raw call resolved before sending: where it goes, in which
// API, with which query.
type rawTarget struct {
	method string
	path   string // the path (or absolute URL) without its query string
	shape  rawShape
	query  rawQuery
}

// rawTarget resolves a raw call's path and query (see NewRequest) and the
// API it reaches; op names the helper for refusals.
func (c *Client) rawTarget(op, method, path string, query any) (rawTarget, error) {
	if c == nil || c.baseURL == nil {
		return rawTarget{}, invalid(op, "the Client is nil or was not made by NewClient")
	}
	u, pathQuery, err := c.requestURL(method, path)
	if err != nil {
		return rawTarget{}, err
	}
	t := rawTarget{method: method, path: strings.SplitN(path, "?", 2)[0]}
	rel := c.apiPath(u)
	switch {
	case isB2B(u):
		t.shape = shapeB2B
	case strings.HasPrefix(rel, "/v3/"):
		t.shape = shapeV3
	case strings.HasPrefix(rel, "/v2/"):
		t.shape = shapeV2
	default:
		return rawTarget{}, invalid(method+" "+rel, "%s reads V2, V3 and B2B Edition answers, and this path is none of them (it does not start with /v2/ or /v3/): send it with NewRequest and Do, which decode the body as it is", op)
	}
	values, err := mergeQuery(pathQuery, query)
	if err == nil {
		t.query, err = newRawQuery(values, t.shape == shapeB2B)
	}
	if err != nil {
		return rawTarget{}, queryError(method, rel, err)
	}
	return t, nil
}

// rawCall sends one raw request and decodes its answer into T (see Get).
func rawCall[T any](ctx context.Context, c *Client, op, method, path string, query, body any) (T, *Response, error) {
	var zero T
	t, err := c.rawTarget(op, method, path, query)
	if err != nil {
		return zero, &Response{}, err
	}
	if t.shape == shapeV2 {
		if err := t.checkDelete(body); err != nil {
			return zero, &Response{}, err
		}
		var out T
		resp, err := c.call(ctx, method, t.path, &t.query, body, &out)
		return out, resp, err
	}
	var a rawAnswer[T]
	resp, err := c.call(ctx, method, t.path, &t.query, body, &a)
	return a.Data, resp, err
}

// checkDelete refuses an unfiltered V2 collection DELETE (see Send).
func (t rawTarget) checkDelete(body any) error {
	if t.method != http.MethodDelete || body != nil || len(t.query.values) > 0 || t.query.page > 0 || t.query.limit > 0 {
		return nil
	}
	p := strings.TrimRight(t.path, "/")
	last := p[strings.LastIndex(p, "/")+1:]
	if _, err := strconv.Atoi(last); err == nil {
		return nil
	}
	return invalid("DELETE "+t.path, "no filter: BigCommerce's V2 API deletes (or archives) every record of a collection for an unfiltered DELETE, so Send refuses it; add the filter to the path (?id:in=...), or use NewRequest and Do to empty the collection on purpose")
}

// rawPage reads one page of a list with query q (see ListPage).
func rawPage[T any](ctx context.Context, c *Client, t rawTarget, q *rawQuery) ([]T, *Response, error) {
	if t.shape == shapeV2 {
		return listV2[T](ctx, c, t.path, q, q.page, q.limit)
	}
	var a rawList[T]
	a.Data = newPage[T](q.limit)
	resp, err := c.call(ctx, http.MethodGet, t.path, q, nil, &a)
	return a.Data, resp, err
}

// rawQuery is the query of a raw list call: the caller's parameters, with
// the paging ones taken out so that a walk can step through pages on its
// own copy (it implements pager).
type rawQuery struct {
	values url.Values // every other parameter; shared by copies, never changed
	page   int        // V2 and V3: page; B2B Edition: the page of limit records after start
	limit  int
	after  string // V3 cursor
	b2b    bool   // B2B Edition pages by offset
	start  int    // B2B Edition: the offset the caller asked for
}

// newRawQuery takes the paging parameters out of values (which it keeps).
func newRawQuery(values url.Values, b2b bool) (rawQuery, error) {
	q := rawQuery{values: values, b2b: b2b}
	var err error
	take := func(key string) string {
		vs, ok := values[key]
		if !ok || err != nil {
			return ""
		}
		delete(values, key)
		if len(vs) != 1 {
			err = &ValidationError{Message: fmt.Sprintf("%s is given %d times: pass it once", key, len(vs))}
			return ""
		}
		return vs[0]
	}
	number := func(key string) int {
		s := take(key)
		if s == "" || err != nil {
			return 0
		}
		n, perr := strconv.Atoi(s)
		if perr != nil || n < 0 {
			err = &ValidationError{Message: fmt.Sprintf("%s must be a whole number, 0 or more, got %q", key, s)}
		}
		return n
	}
	q.limit = number("limit")
	if b2b {
		q.start = number("offset")
	} else {
		q.page = number("page")
		q.after = take("after")
	}
	return q, err
}

func (q *rawQuery) paging() (page, limit *int) { return &q.page, &q.limit }

// startOffset implements offsetter: the B2B Edition offset the caller
// asked for.
func (q *rawQuery) startOffset() int { return q.start }

// maxLimit leaves the page size to the endpoint (inventory serves 1,000,
// most lists 250): a raw call sends what the caller asked for.
func (q *rawQuery) maxLimit() int { return math.MaxInt32 }

// queryValues implements queryValuer.
func (q *rawQuery) queryValues() (url.Values, error) {
	v := maps.Clone(q.values)
	if v == nil {
		v = url.Values{}
	}
	if q.limit > 0 {
		v.Set("limit", strconv.Itoa(q.limit))
	}
	switch {
	case q.b2b:
		if off := q.start + max(q.page-1, 0)*q.limit; off > 0 {
			v.Set("offset", strconv.Itoa(off))
		}
	case q.after != "":
		v.Set("after", q.after) // BigCommerce ignores page beside a cursor
	case q.page > 0:
		v.Set("page", strconv.Itoa(q.page))
	}
	return v, nil
}

// rawAnswer decodes a V3 or B2B Edition answer: T from its data member, or
// from the whole body when it has none; and meta's pagination.
type rawAnswer[T any] struct {
	Data T        `json:"data"`
	Meta *rawMeta `json:"meta"`
}

// rawMeta is the meta of a V3 or B2B Edition answer.
type rawMeta struct {
	Pagination       *metaPagination   `json:"pagination"`
	CursorPagination *CursorPagination `json:"cursor_pagination"`
}

// metaPagination holds V3's meta.pagination and B2B Edition's (limit,
// offset, totalCount).
type metaPagination struct {
	Pagination
	Limit      int  `json:"limit"`
	Offset     int  `json:"offset"`
	TotalCount *int `json:"totalCount"`
}

// decodeBody implements bodyDecoder. The envelope is decoded in one pass,
// as the services' is (BenchmarkRawListPage); only an answer with neither
// meta nor anything in data, such as {"transaction_id": "..."}, is looked
// at again, to tell a bare object from an empty data member.
func (a *rawAnswer[T]) decodeBody(b []byte) error {
	if trimmed := bytes.TrimLeft(b, " \t\r\n"); len(trimmed) > 0 && trimmed[0] != '{' {
		return json.Unmarshal(b, &a.Data) // not an object: the answer is T itself
	}
	if err := json.Unmarshal(b, a); err != nil {
		return err
	}
	if a.Meta != nil || !isEmpty(reflect.ValueOf(&a.Data).Elem()) {
		return nil
	}
	has, err := hasMember(b, "data")
	if err != nil || has {
		return err
	}
	var whole T
	err = json.Unmarshal(b, &whole)
	a.Data = whole
	return err
}

// isEmpty reports whether v holds nothing: its zero value, or an empty
// slice or map.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Slice, reflect.Map:
		return v.Len() == 0
	}
	return v.IsZero()
}

// hasMember reports whether the JSON object b has the member key at its
// top level.
func hasMember(b []byte, key string) (bool, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	if _, err := dec.Token(); err != nil { // the opening brace
		return false, err
	}
	for dec.More() {
		name, err := dec.Token()
		if err != nil {
			return false, err
		}
		if name == key {
			return true, nil
		}
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return false, err
		}
	}
	return false, nil
}

// pagination implements paginated.
func (a *rawAnswer[T]) pagination() *Pagination {
	if a.Meta == nil {
		return nil
	}
	p := a.Meta.Pagination
	if p != nil && p.TotalCount != nil { // B2B Edition
		out := &Pagination{Total: *p.TotalCount, Count: sliceLen(a.Data), PerPage: p.Limit}
		if p.Limit > 0 {
			out.CurrentPage = p.Offset/p.Limit + 1
			out.TotalPages = (*p.TotalCount + p.Limit - 1) / p.Limit
		}
		return out
	}
	env := a.envelope()
	return env.pagination()
}

// envelope is the answer as the services' V3 envelope, whose checks it
// shares.
func (a *rawAnswer[T]) envelope() *envelope[T] {
	env := &envelope[T]{Data: a.Data}
	if a.Meta == nil {
		return env
	}
	if p := a.Meta.Pagination; p != nil {
		pg := p.Pagination
		env.Meta.Pagination = &pg
	}
	env.Meta.CursorPagination = a.Meta.CursorPagination
	return env
}

// rawList is the answer of a list page: a rawAnswer whose empty data is
// checked against its meta.
type rawList[T any] struct {
	rawAnswer[[]T]
}

// checkData implements enveloped: an empty page whose meta says records
// remain is an error, never a silent end of a walk.
func (a *rawList[T]) checkData() error {
	if a.Meta != nil && a.Meta.Pagination != nil && a.Meta.Pagination.TotalCount != nil {
		p := a.Meta.Pagination
		if len(a.Data) == 0 && p.Offset < *p.TotalCount {
			return fmt.Errorf("the page has no data but its meta says records remain (offset %d of %d); the page is unknown, not empty: retry the call", p.Offset, *p.TotalCount)
		}
		return nil
	}
	return a.envelope().checkData()
}

// sliceLen is the length of v when it is a slice, else 0.
func sliceLen(v any) int {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice {
		return rv.Len()
	}
	return 0
}
