package bigcommercetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// genRoute is one operation the SDK generates from the specs
// (routes_gen.go, written by bcgen from the same manifest). The fake store
// serves every such operation from in-memory records, the same way for
// every area: records are JSON objects kept per collection path, ids are
// assigned on create, lists page with the V3 envelope or the V2 bare array
// (204 when empty), id filters apply, batches over their limit are 413 and
// unknown ids 404.
type genRoute struct {
	method   string
	pattern  string // as the spec writes it, with the version: /v3/catalog/products/{product_id}/images
	match    string // the router's pattern: /v3/catalog/products/#/images
	kind     string // list, get, write, batch, delete, delete_where, count
	v2       bool
	envelope bool     // the answer is V3 {data, meta}
	batch    int      // most items one batch request may carry
	paged    bool     // the list takes page and limit
	empty    bool     // the answer has no body (204)
	upsert   bool     // a batch PUT creates the records it does not find
	textIDs  bool     // the records' ids are text (UUIDs)
	params   []string // the query parameters the spec declares
}

// resourceStore holds the records of the generated areas.
type resourceStore struct {
	mu   sync.Mutex
	cols map[string]*collection // by collection path: /v3/catalog/products/5/images
}

// collection is one collection's records by id; id 0 holds a singleton
// (settings objects read and written without an id).
type collection struct {
	next    int
	records map[int]map[string]any
}

func (rs *resourceStore) col(path string) *collection {
	if rs.cols == nil {
		rs.cols = map[string]*collection{}
	}
	c := rs.cols[path]
	if c == nil {
		c = &collection{next: 1, records: map[int]map[string]any{}}
		rs.cols[path] = c
	}
	return c
}

// genHandler returns the handler of a generated operation.
func genHandler(r genRoute) func(*call) {
	return func(c *call) { c.s.res.serve(c, r) }
}

// byID reports whether the route's last segment names one record.
func (r genRoute) byID() bool {
	return strings.HasSuffix(r.match, "#") || strings.HasSuffix(r.match, "*")
}

// genPattern is the router pattern of a route: "#" for an integer path
// parameter, "*" for a text one (bcgen decides from the spec's types).
func genPattern(r genRoute) string { return r.match }

func (rs *resourceStore) serve(c *call, r genRoute) {
	for key := range c.query {
		if !slices.Contains(r.params, key) {
			c.badFilter(key, "not a parameter of this endpoint")
			return
		}
	}
	if r.kind == "upload" && c.boundary == "" {
		c.errorStatus(http.StatusUnsupportedMediaType, "Form posts are the only accepted upload option: send multipart/form-data with image_file.")
		return
	}
	if c.boundary != "" && r.kind != "write" && r.kind != "upload" {
		c.errorStatus(http.StatusUnsupportedMediaType, "The request's Content-Type is not supported. Use application/json.")
		return
	}
	if len(c.body) > 0 && r.kind != "write" && r.kind != "upload" && r.kind != "batch" {
		c.invalidBody("This request takes no body.")
		return
	}
	rs.mu.Lock()
	defer rs.mu.Unlock()
	path := c.rel
	last := path[strings.LastIndex(path, "/")+1:]
	id, byID := 0, false
	if r.byID() {
		path = path[:strings.LastIndex(path, "/")]
		byID = true
		id = -1 // no such record
	}
	col := rs.col(path)
	if byID {
		if n, ok := col.find(last); ok {
			id = n
		}
	}
	switch r.kind {
	case "list":
		rs.list(c, r, col)
	case "count":
		col = rs.col(strings.TrimSuffix(path, "/count"))
		c.json(http.StatusOK, map[string]int{"count": len(col.records)})
	case "get":
		rec, ok := col.records[id]
		if !ok && byID {
			c.notFound()
			return
		}
		if !ok {
			rec = map[string]any{} // a singleton not written yet: its defaults
		}
		c.answer(r, http.StatusOK, rec)
	case "write", "upload":
		var body map[string]any
		switch {
		case c.boundary != "":
			var ok bool
			if body, ok = c.decodeForm(); !ok {
				return
			}
		case len(c.body) > 0 && !c.decodeObject(&body):
			return
		}
		switch {
		case byID:
			rec, ok := col.records[id]
			if !ok {
				c.notFound()
				return
			}
			merge(rec, body)
			c.answer(r, http.StatusOK, rec)
		case r.method == http.MethodPost:
			rec := col.add(body, r.textIDs)
			c.answer(r, http.StatusOK, rec)
		default: // PUT on a singleton
			rec := col.records[0]
			if rec == nil {
				rec = map[string]any{}
				col.records[0] = rec
			}
			merge(rec, body)
			c.answer(r, http.StatusOK, rec)
		}
	case "batch":
		if r.method == http.MethodDelete {
			rs.deleteIDs(c, r, col)
			return
		}
		limit := r.batch
		if limit <= 0 {
			limit = maxBody // no documented limit: the body size bounds it
		}
		if t := bytes.TrimSpace(c.body); len(t) > 1 && t[0] == '[' && t[1] != '{' && t[1] != ']' {
			rs.link(c, r, col, limit)
			return
		}
		raws, ok := c.decodeArray(limit, tooManyCatalogItems)
		if !ok {
			return
		}
		out := make([]map[string]any, 0, len(raws))
		for i, raw := range raws {
			var item map[string]any
			if err := json.Unmarshal(raw, &item); err != nil {
				c.invalidBody("Item " + itoa(i) + " is not valid.")
				return
			}
			if r.method == http.MethodPost {
				out = append(out, col.add(item, r.textIDs))
				continue
			}
			key, ok := col.find(fmt.Sprint(item["id"]))
			switch {
			case ok:
				merge(col.records[key], item)
				out = append(out, col.records[key])
			case r.upsert:
				out = append(out, col.add(item, r.textIDs)) // an upsert creates what it does not find
			default:
				c.v3err(http.StatusUnprocessableEntity, "A record in the request was not found.",
					map[string]string{itoa(i) + ".id": fmt.Sprintf("no record with id %v", item["id"])})
				return
			}
		}
		c.answer(r, http.StatusOK, out)
	case "delete":
		if _, ok := col.records[id]; !ok && byID {
			c.notFound()
			return
		}
		delete(col.records, id)
		c.noContent()
	case "delete_where":
		if len(c.query) == 0 {
			c.v3err(http.StatusBadRequest, "A filter is required.", nil)
			return
		}
		for rid, rec := range col.records {
			if matches(rec, c.query) {
				delete(col.records, rid)
			}
		}
		c.noContent()
	default:
		c.errorStatus(http.StatusNotImplemented, "The fake store does not serve this operation.")
	}
}

// decodeForm reads a multipart/form-data image upload: the file part
// (image_file) becomes an image_url on the store's CDN, named after the
// file, and the other fields are kept as text. A form without a file is
// 422, as BigCommerce answers.
func (c *call) decodeForm() (map[string]any, bool) {
	mr := multipart.NewReader(bytes.NewReader(c.body), c.boundary)
	body := map[string]any{}
	file := false
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			c.invalidBody("The form could not be read: " + err.Error())
			return nil, false
		}
		data, err := io.ReadAll(part)
		if err != nil {
			c.invalidBody("The form could not be read: " + err.Error())
			return nil, false
		}
		if part.FormName() == "image_file" && part.FileName() != "" {
			if len(data) == 0 {
				c.invalidBody("The image file is empty.")
				return nil, false
			}
			body["image_url"] = "https://cdn.bigcommerce.test/" + c.s.cfg.StoreHash + "/images/" + part.FileName()
			file = true
			continue
		}
		body[part.FormName()] = string(data)
	}
	if !file {
		c.v3err(http.StatusUnprocessableEntity, "The field 'image_file' is invalid.", map[string]string{"image_file": "an image file is required"})
		return nil, false
	}
	return body, true
}

// link serves a batch whose items are ids of other records (shopper
// profiles added to a segment): each becomes a record carrying that id.
func (rs *resourceStore) link(c *call, r genRoute, col *collection, limit int) {
	var ids []any
	if err := json.Unmarshal(c.body, &ids); err != nil {
		c.invalidBody("The request body must be a JSON array.")
		return
	}
	if len(ids) > limit {
		c.v3err(http.StatusRequestEntityTooLarge, tooManyCatalogItems(limit), nil)
		return
	}
	out := make([]map[string]any, 0, len(ids))
	for _, id := range ids {
		rec := map[string]any{"id": id}
		col.records[col.next] = rec
		col.next++
		out = append(out, rec)
	}
	c.answer(r, http.StatusOK, out)
}

// deleteIDs serves a batch delete whose body is the ids to delete (the
// metafield batch endpoints): 404 names the first unknown id, and nothing is
// deleted then.
func (rs *resourceStore) deleteIDs(c *call, r genRoute, col *collection) {
	var ids []int
	if err := json.Unmarshal(c.body, &ids); err != nil || len(ids) == 0 {
		c.invalidBody("The request body must be a non-empty JSON array of ids.")
		return
	}
	if r.batch > 0 && len(ids) > r.batch {
		c.v3err(http.StatusRequestEntityTooLarge, tooManyCatalogItems(r.batch), nil)
		return
	}
	for _, id := range ids {
		if _, ok := col.records[id]; !ok {
			c.v3err(http.StatusNotFound, "Metafield "+itoa(id)+" was not found.", nil)
			return
		}
	}
	for _, id := range ids {
		delete(col.records, id)
	}
	c.answer(r, http.StatusOK, ids)
}

// answer writes one object or list in the route's envelope, or nothing
// (204) where the spec's answer has no body.
func (c *call) answer(r genRoute, status int, v any) {
	if r.empty {
		c.noContent()
		return
	}
	if r.envelope {
		c.json(status, map[string]any{"data": v, "meta": map[string]any{}})
		return
	}
	c.json(status, v)
}

// find returns the key of the record a path segment names: its numeric id,
// or a record whose id field is that text (a UUID).
func (col *collection) find(seg string) (int, bool) {
	if n, err := strconv.Atoi(seg); err == nil {
		_, ok := col.records[n]
		return n, ok
	}
	for k, rec := range col.records {
		if fmt.Sprint(rec["id"]) == seg {
			return k, true
		}
	}
	return 0, false
}

// add stores a new record under the next id.
func (col *collection) add(body map[string]any, text bool) map[string]any {
	rec := map[string]any{}
	merge(rec, body)
	rec["id"] = col.next
	if text {
		rec["id"] = fmt.Sprintf("%08x-0000-4000-8000-%012x", col.next, col.next) // a UUID, as such records have
	}
	col.records[col.next] = rec
	col.next++
	return rec
}

// merge copies the fields of body onto rec; the id is never changed.
func merge(rec, body map[string]any) {
	for k, v := range body {
		if k == "id" {
			if _, has := rec["id"]; has {
				continue
			}
		}
		rec[k] = v
	}
}

// list answers one page, in id order, of the records the query selects.
func (rs *resourceStore) list(c *call, r genRoute, col *collection) {
	ids := make([]int, 0, len(col.records))
	for id, rec := range col.records {
		if id > 0 && matches(rec, c.query) {
			ids = append(ids, id)
		}
	}
	sort.Ints(ids)
	if strings.EqualFold(c.query.Get("direction"), "desc") {
		sort.Sort(sort.Reverse(sort.IntSlice(ids)))
	}
	page, limit := 1, 50
	if r.paged {
		var ok bool
		if page, ok = queryInt(c, "page", 1); !ok {
			return
		}
		if limit, ok = queryInt(c, "limit", 50); !ok {
			return
		}
		if limit > 250 || limit < 1 || page < 1 {
			c.badFilter("limit", "page must be at least 1 and limit between 1 and 250")
			return
		}
	} else {
		limit = max(len(ids), 1)
	}
	total := len(ids)
	lo := min((page-1)*limit, total)
	hi := min(lo+limit, total)
	items := make([]map[string]any, 0, hi-lo)
	for _, id := range ids[lo:hi] {
		items = append(items, col.records[id])
	}
	if !r.envelope {
		if len(items) == 0 && r.v2 {
			c.noContent() // V2 answers an empty page with 204 and no body
			return
		}
		c.json(http.StatusOK, items)
		return
	}
	pages := (total + limit - 1) / limit
	c.json(http.StatusOK, map[string]any{"data": items, "meta": map[string]any{"pagination": map[string]any{
		"total": total, "count": len(items), "per_page": limit, "current_page": page, "total_pages": pages,
		"links": map[string]string{"current": fmt.Sprintf("?page=%d&limit=%d", page, limit)},
	}}})
}

func queryInt(c *call, name string, def int) (int, bool) {
	v := c.query.Get(name)
	if v == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		c.badFilter(name, "must be an integer")
		return 0, false
	}
	return n, true
}

// matches applies a query's filters to a record, the same way for every
// field: name=value (exact), name:in and name:not_in (comma lists),
// name:min, name:max, name:greater, name:less (and V2's min_name,
// max_name), name:like (substring). Values compare as numbers where both
// sides are numbers, else as text, so integer and UUID ids both work. A
// filter on a field the record does not have selects nothing out; paging,
// sorting and field selection parameters select nothing.
func matches(rec map[string]any, q map[string][]string) bool {
	for key, vals := range q {
		if len(vals) == 0 {
			continue
		}
		switch key {
		case "page", "limit", "sort", "direction", "include", "include_fields", "exclude_fields", "after", "before":
			continue
		}
		field, op, _ := strings.Cut(key, ":")
		if f, ok := strings.CutPrefix(key, "min_"); ok && op == "" {
			field, op = f, "min"
		} else if f, ok := strings.CutPrefix(key, "max_"); ok && op == "" {
			field, op = f, "max"
		}
		got, has := rec[field]
		if !has {
			continue
		}
		if !fieldMatches(fmt.Sprint(got), op, vals[0]) {
			return false
		}
	}
	return true
}

// fieldMatches applies one operator to a field's value.
func fieldMatches(got, op, want string) bool {
	switch op {
	case "":
		return compare(got, want) == 0
	case "in", "not_in":
		in := false
		for _, w := range strings.Split(want, ",") {
			if compare(got, strings.TrimSpace(w)) == 0 {
				in = true
			}
		}
		return in == (op == "in")
	case "min":
		return compare(got, want) >= 0
	case "max":
		return compare(got, want) <= 0
	case "greater":
		return compare(got, want) > 0
	case "less":
		return compare(got, want) < 0
	case "like":
		return strings.Contains(strings.ToLower(got), strings.ToLower(want))
	}
	return true
}

// compare orders two values as numbers when both are, else as text.
func compare(a, b string) int {
	x, errA := strconv.ParseFloat(a, 64)
	y, errB := strconv.ParseFloat(b, 64)
	if errA == nil && errB == nil {
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	}
	return strings.Compare(a, b)
}
