package bigcommercetest

import (
	"net/http"
	"slices"
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
