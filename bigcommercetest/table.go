package bigcommercetest

import (
	"slices"
	"time"
)

// coverage holds the resources of the customer groups, payment methods,
// brands, category trees, price lists and channels areas (the services
// added after the four core ones, hence its name). It lives in data,
// guarded by Store.mu like the rest.
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
