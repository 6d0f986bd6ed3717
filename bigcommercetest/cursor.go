package bigcommercetest

import (
	"encoding/base64"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

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
