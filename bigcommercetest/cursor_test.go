package bigcommercetest

import (
	"fmt"
	"testing"
)

// TestKeysetCursors checks the keyset cursors of the price-list lists:
// meta carries both paginations on a plain first page, only the cursor one
// with after, only the offset one with page; a cursor survives the
// deletion of its record.
func TestKeysetCursors(t *testing.T) {
	s := seeded(SeedOptions{})
	h := modes[1].open(t, s)
	for i := range 4 {
		h.api("POST", "/v3/pricelists", fmt.Sprintf(`{"name":"L%d"}`, i)).want(t, 200)
	}
	first := decode[v3List](t, h.api("GET", "/v3/pricelists?limit=2", nil).want(t, 200))
	if first.Meta.Pagination == nil || first.Meta.CursorPagination == nil || fmt.Sprint(ids(first.Data)) != "[1 2]" {
		t.Fatalf("first page %+v", first)
	}
	byPage := decode[v3List](t, h.api("GET", "/v3/pricelists?limit=2&page=2", nil).want(t, 200))
	if byPage.Meta.CursorPagination != nil || fmt.Sprint(ids(byPage.Data)) != "[3 4]" {
		t.Errorf("page 2 %+v", byPage)
	}
	h.api("DELETE", "/v3/pricelists/2", nil).want(t, 204)
	next := decode[v3List](t, h.api("GET", "/v3/pricelists?limit=2&after="+first.Meta.CursorPagination.EndCursor, nil).want(t, 200))
	if next.Meta.Pagination != nil || fmt.Sprint(ids(next.Data)) != "[3 4]" {
		t.Errorf("after a deleted cursor record: %+v", next)
	}
	h.api("GET", "/v3/pricelists?after=bogus", nil).want(t, 422)
}
