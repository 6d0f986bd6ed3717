package bigcommercetest

import (
	"encoding/base64"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
)

// coverage holds the resources of the integration-coverage services
// (customer groups, payment methods, brands, category trees, price lists,
// channels). It lives in data, guarded by Store.mu like the rest.
type coverage struct {
	groups         table[customerGroup]
	paymentMethods []paymentMethod
	brands         table[brand]
	trees          table[categoryTree]
	categories     table[treeCategory]
	prices         priceLists
	channels       table[channel]
	listings       table[listing]
}

// table is an id-keyed collection kept in id order, with its own id
// sequence.
type table[T any] struct {
	rows map[int]*T
	ids  []int // sorted
	next int
}

// insert stores row under the next id and returns that id.
func (t *table[T]) insert(row *T) int {
	if t.rows == nil {
		t.rows = map[int]*T{}
	}
	t.next++
	t.rows[t.next] = row
	t.ids = insertSorted(t.ids, t.next)
	return t.next
}

// get returns the row with id, or nil.
func (t *table[T]) get(id int) *T { return t.rows[id] }

// remove deletes the rows whose ids are in drop.
func (t *table[T]) remove(drop map[int]bool) {
	for id := range drop {
		delete(t.rows, id)
	}
	t.ids = removeSorted(t.ids, drop)
}

// list returns the rows in id order that keep accepts (nil keeps all).
func (t *table[T]) list(keep func(*T) bool) []*T {
	out := make([]*T, 0, len(t.ids))
	for _, id := range t.ids {
		if r := t.rows[id]; keep == nil || keep(r) {
			out = append(out, r)
		}
	}
	return out
}

// newCoverage returns the records every new store starts with: a few
// customer groups, payment methods, brands and a default category tree,
// all dated created.
func newCoverage(created time.Time) *coverage {
	cv := &coverage{}
	cv.seedCustomerGroups(created)
	cv.paymentMethods = slices.Clone(defaultPaymentMethods)
	cv.seedBrands()
	cv.seedCategories()
	cv.seedPriceLists(created)
	cv.seedChannels(created)
	return cv
}

// intFilter reads key and its :in, :not_in, :min, :max, :greater and :less
// operators (those present in the query) into one predicate on get.
func intFilter[T any](f *filters, key string, get func(*T) int) func(*T) bool {
	var preds []func(int) bool
	if v, ok := f.int(key); ok {
		preds = append(preds, func(n int) bool { return n == v })
	}
	if s := f.intSet(key + ":in"); s != nil {
		preds = append(preds, func(n int) bool { return s[n] })
	}
	if s := f.intSet(key + ":not_in"); s != nil {
		preds = append(preds, func(n int) bool { return !s[n] })
	}
	for op, cmp := range map[string]func(n, v int) bool{
		":min": func(n, v int) bool { return n >= v }, ":max": func(n, v int) bool { return n <= v },
		":greater": func(n, v int) bool { return n > v }, ":less": func(n, v int) bool { return n < v },
	} {
		if v, ok := f.int(key + op); ok {
			preds = append(preds, func(n int) bool { return cmp(n, v) })
		}
	}
	return func(r *T) bool {
		n := get(r)
		for _, p := range preds {
			if !p(n) {
				return false
			}
		}
		return true
	}
}

// likeMatch reports whether s contains sub, ignoring case ("" matches).
func likeMatch(s, sub string) bool {
	return sub == "" || strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// listV3 answers one page of rows as a V3 collection, each row passed
// through ff.
func listV3[T any](c *call, rows []*T, page, limit int, ff fieldFilter) {
	items, pg := pageOf(rows, page, limit)
	out := make([]any, 0, len(items))
	for _, r := range items {
		out = append(out, ff.apply(r))
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: listMeta{Pagination: pg}})
}

// keyCursor encodes a keyset cursor: the key of the last record of a page.
func keyCursor(key int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("key:" + itoa(key)))
}

// parseKeyCursor decodes a keyCursor.
func parseKeyCursor(s string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return 0, false
	}
	rest, ok := strings.CutPrefix(string(b), "key:")
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(rest)
	return n, err == nil
}

// cursorMeta is the meta of the lists that page by offset and by cursor:
// both on a plain first page, pagination alone with page, cursor_pagination
// alone with before or after (price_lists.v3.yml CollectionMeta).
type cursorMeta struct {
	Pagination       *pagination       `json:"pagination,omitempty"`
	CursorPagination *cursorPagination `json:"cursor_pagination,omitempty"`
}

// listByCursor answers a list that supports page, limit, before and after.
// rows must be sorted by key ascending. Cursors are keysets: "after" keeps
// the rows whose key is above the cursor's, so a cursor stays valid when
// its row is deleted.
func listByCursor[T any](c *call, f *filters, rows []*T, key func(*T) int, page, limit int) {
	after, before := f.str("after"), f.str("before")
	hasPage := f.has("page")
	cursor, param := after, "after"
	if cursor == "" {
		cursor, param = before, "before"
	}
	var meta cursorMeta
	var items []*T
	if cursor != "" {
		k, ok := parseKeyCursor(cursor)
		if !ok {
			c.badFilter(param, "is not a valid cursor")
			return
		}
		if param == "after" {
			i := sort.Search(len(rows), func(i int) bool { return key(rows[i]) > k })
			items = rows[i:min(i+limit, len(rows))]
		} else {
			j := sort.Search(len(rows), func(i int) bool { return key(rows[i]) >= k })
			items = rows[max(j-limit, 0):j]
		}
	} else {
		var pg pagination
		items, pg = pageOf(rows, page, limit)
		meta.Pagination = &pg
	}
	if !hasPage {
		cp := &cursorPagination{Count: len(items), PerPage: limit}
		if len(items) > 0 {
			cp.StartCursor = keyCursor(key(items[0]))
			cp.EndCursor = keyCursor(key(items[len(items)-1]))
			if key(items[len(items)-1]) < key(rows[len(rows)-1]) {
				cp.Links.Next = "?after=" + cp.EndCursor + "&limit=" + itoa(limit)
			}
		}
		meta.CursorPagination = cp
	}
	if items == nil {
		items = []*T{}
	}
	c.json(http.StatusOK, listEnvelope{Data: items, Meta: meta})
}
