package bigcommerce

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// Tests of the cross-checks every walk shares (walkcheck.go). The walks
// against misbehaving stores are in walk_contradictions_store_test.go.

// TestPageLeavesMore: a page leaves more records when it is full, when the
// server's own per_page says it is full, when its meta names more pages or
// (without total_pages) counts more records, or, with no total at all,
// when it holds exactly BigCommerce's default 50 while more were asked for.
func TestPageLeavesMore(t *testing.T) {
	meta := func(p Pagination) *Response { return &Response{Pagination: &p} }
	cases := []struct {
		name        string
		page, n     int
		limit       int
		resp        *Response
		wantLeaving bool
	}{
		{"full page", 1, 100, 100, nil, true},
		{"short page, no meta", 1, 99, 100, nil, false},
		{"empty page", 1, 0, 100, meta(Pagination{Total: 500, TotalPages: 5}), false},
		{"V2 page of exactly 50, more asked", 1, 50, 250, meta(Pagination{Count: 50, PerPage: 250, CurrentPage: 1}), true},
		{"page of exactly 50, 50 asked", 1, 50, 50, nil, true},
		{"page of 50 whose meta says it is the last", 1, 50, 250, meta(Pagination{Total: 50, PerPage: 250, TotalPages: 1}), false},
		{"server serves 40 a page and this one is full", 1, 40, 100, meta(Pagination{PerPage: 40}), true},
		{"server serves 40 a page and this one is short", 1, 39, 100, meta(Pagination{PerPage: 40, Total: 39, TotalPages: 1}), false},
		{"short page, meta names more pages", 2, 7, 100, meta(Pagination{Total: 400, PerPage: 100, TotalPages: 4}), true},
		{"short last page the meta names", 4, 7, 100, meta(Pagination{Total: 307, PerPage: 100, TotalPages: 4}), false},
		{"short page, total without pages counts more", 1, 7, 100, meta(Pagination{Total: 9, PerPage: 100}), true},
		{"short page, total without pages counts no more", 3, 7, 100, meta(Pagination{Total: 207, PerPage: 100}), false},
	}
	for _, tc := range cases {
		if got := pageLeavesMore(tc.page, tc.n, tc.limit, tc.resp); got != tc.wantLeaving {
			t.Errorf("%s: pageLeavesMore = %v, want %v", tc.name, got, tc.wantLeaving)
		}
	}
}

// TestWalkTallyCheck pins the count check at the end of a walk: a shortfall
// up to shortfallSlack (1 % + 10) passes, more fails with an
// ErrIncompleteWalk error naming both counts, unless the recount at the
// end, taken as the lower total, explains it; no total, no check.
func TestWalkTallyCheck(t *testing.T) {
	cases := []struct {
		name      string
		told      []int // totals the API gave during the walk
		yielded   int
		recount   int // -1: no recount; -2: the recount fails
		wantError bool
	}{
		{"no total", nil, 3, -1, false},
		{"every record", []int{1000}, 1000, -1, false},
		{"more than the total (records created during the walk)", []int{1000}, 1040, -1, false},
		{"short by the slack", []int{1000}, 980, -1, false},
		{"short by one more than the slack", []int{1000}, 979, -1, true},
		{"small list short by 10", []int{15}, 5, -1, false},
		{"small list short by 11", []int{15}, 4, -1, true},
		{"first page only of ten", []int{1000}, 100, -1, true},
		{"the lowest total of a walk that saw it fall", []int{1000, 700}, 700, -1, false},
		{"recount explains the shortfall (records deleted)", []int{1000}, 700, 700, false},
		{"recount confirms the shortfall", []int{1000}, 700, 1000, true},
		{"recount fails", []int{1000}, 700, -2, true},
	}
	for _, tc := range cases {
		tl := newTally(context.Background(), "Things.All", "things", "GET /v2/things/count")
		recounts := 0
		if tc.recount != -1 {
			tl.recount = func(context.Context) (int, error) {
				recounts++
				if tc.recount == -2 {
					return 0, errors.New("boom")
				}
				return tc.recount, nil
			}
		}
		for _, n := range tc.told {
			tl.told(n)
		}
		tl.yielded = tc.yielded
		err := tl.check(context.Background())
		if (err != nil) != tc.wantError {
			t.Errorf("%s: check = %v, want error %v", tc.name, err, tc.wantError)
			continue
		}
		if err != nil && (!errors.Is(err, ErrIncompleteWalk) || !strings.Contains(err.Error(), fmt.Sprintf("yielded %d", tc.yielded)) || !strings.Contains(err.Error(), "GET /v2/things/count")) {
			t.Errorf("%s: error %q does not match ErrIncompleteWalk or name the count and the records yielded", tc.name, err)
		}
		if short := len(tc.told) > 0 && tc.yielded < tc.told[0]-shortfallSlack(tc.told[0]); tc.recount != -1 && (recounts == 1) != short {
			t.Errorf("%s: %d recounts; a recount is only for a walk that falls short", tc.name, recounts)
		}
	}
}

// TestPageCheck: two pages of the same records in a row (a server that
// ignores the page number or the cursor) and a full page past the last page
// its own meta names are refused; a short page past it, and different
// pages, are not.
func TestPageCheck(t *testing.T) {
	full := func(from int) []thing {
		out := make([]thing, 10)
		for i := range out {
			out[i] = thing{ID: from + i}
		}
		return out
	}
	meta := func(total, pages int) *Response {
		return &Response{Pagination: &Pagination{Total: total, TotalPages: pages, PerPage: 10}}
	}
	c := &pageCheck[thing]{op: "Things.All"}
	if err := c.check(1, full(1), 10, meta(30, 3)); err != nil {
		t.Fatal(err)
	}
	if err := c.check(2, full(11), 10, meta(30, 3)); err != nil {
		t.Fatal(err)
	}
	if err := c.check(3, full(11), 10, meta(30, 3)); !errors.Is(err, ErrIncompleteWalk) || !strings.Contains(err.Error(), "same 10 records") {
		t.Errorf("a repeated page: %v", err)
	}
	c = &pageCheck[thing]{op: "Things.All"}
	if err := c.check(4, full(31), 10, meta(30, 3)); !errors.Is(err, ErrIncompleteWalk) || !strings.Contains(err.Error(), "says there are 3 pages") {
		t.Errorf("a full page 4 of 3: %v", err)
	}
	if err := c.check(4, full(31)[:3], 10, meta(33, 3)); err != nil {
		t.Errorf("a short page past the pages named: %v", err)
	}
	if err := c.check(0, full(41), 10, meta(30, 3)); err != nil {
		t.Errorf("a page asked for by cursor has no number to check: %v", err)
	}
}

// TestWalkOnceRefusesAPagedAnswer: the All of an endpoint without paging
// yields what it answered, then an ErrIncompleteWalk error when its meta
// counts more records.
func TestWalkOnceRefusesAPagedAnswer(t *testing.T) {
	for _, tc := range []struct {
		total   int
		wantErr bool
	}{{0, false}, {2, false}, {5, true}} {
		var resp *Response
		if tc.total > 0 {
			resp = &Response{Pagination: &Pagination{Total: tc.total}}
		}
		var ids []int
		var errs []error
		for v, err := range walkOnce(context.Background(), func(context.Context) ([]thing, *Response, error) {
			return []thing{{1}, {2}}, resp, nil
		}) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			ids = append(ids, v.ID)
		}
		if len(ids) != 2 || (len(errs) == 1) != tc.wantErr || len(errs) > 1 || (tc.wantErr && !errors.Is(errs[0], ErrIncompleteWalk)) {
			t.Errorf("total %d: yielded %v then %v", tc.total, ids, errs)
		}
	}
}

// TestFollowCursorRefusesACursorCycle: a cursor that comes back (A, B, A)
// ends the walk with one error after the records of A and B, instead of
// looping; a full page whose records were all yielded already does too.
func TestFollowCursorRefusesACursorCycle(t *testing.T) {
	page := func(ids ...int) []thing {
		out := make([]thing, len(ids))
		for i, id := range ids {
			out[i] = thing{ID: id}
		}
		return out
	}
	cursorMeta := func(end string) *Response {
		return &Response{Pagination: &Pagination{PerPage: 2, Cursor: &CursorPagination{EndCursor: end}}}
	}
	t.Run("cycle", func(t *testing.T) {
		pages := map[string]struct {
			items []thing
			end   string
		}{"": {page(1, 2), "A"}, "A": {page(3, 4), "B"}, "B": {page(5, 6), "A"}}
		var ids []int
		var errs []error
		requests := 0
		f := CustomerFilter{Limit: 2}
		followCursor(context.Background(), &f, cursorWalk[thing]{cursor: &f.After},
			func(_ context.Context, f *CustomerFilter) ([]thing, *Response, error) {
				requests++
				p := pages[f.After]
				return p.items, cursorMeta(p.end), nil
			},
			func(v thing, err error) bool {
				if err != nil {
					errs = append(errs, err)
				} else {
					ids = append(ids, v.ID)
				}
				return true
			})
		if fmt.Sprint(ids) != "[1 2 3 4 5 6]" || len(errs) != 1 || !errors.Is(errs[0], ErrIncompleteWalk) || !strings.Contains(errs[0].Error(), `cursor "A" again`) || requests != 3 {
			t.Errorf("yielded %v and %v in %d requests; want 1-6, then one error naming cursor A, in 3", ids, errs, requests)
		}
	})
	t.Run("a full page of records already yielded", func(t *testing.T) {
		ends := []string{"A", "B", "C"}
		var ids []int
		var errs []error
		f := CustomerFilter{Limit: 2}
		n := 0
		followCursor(context.Background(), &f, cursorWalk[thing]{cursor: &f.After, idOf: func(v thing) int { return v.ID }},
			func(context.Context, *CustomerFilter) ([]thing, *Response, error) {
				n++
				if n == 2 { // the same records in another order: not the same page
					return page(2, 1), cursorMeta(ends[1]), nil
				}
				return page(1, 2), cursorMeta(ends[min(n, len(ends))-1]), nil
			},
			func(v thing, err error) bool {
				if err != nil {
					errs = append(errs, err)
				} else {
					ids = append(ids, v.ID)
				}
				return true
			})
		if fmt.Sprint(ids) != "[1 2]" || len(errs) != 1 || !errors.Is(errs[0], ErrIncompleteWalk) || !strings.Contains(errs[0].Error(), "only records already yielded") {
			t.Errorf("yielded %v and %v; want 1 2, then one error", ids, errs)
		}
	})
}

// TestCoverPage: the probe page holds the positions total and total+1.
func TestCoverPage(t *testing.T) {
	for total := 1; total <= 3000; total++ {
		page, limit := coverPage(total)
		first, last := (page-1)*limit+1, page*limit
		if limit < 2 || first > total || last < total+1 {
			t.Fatalf("coverPage(%d) = page %d of %d: positions %d..%d", total, page, limit, first, last)
		}
		if limit > 12 {
			t.Fatalf("coverPage(%d) asks for %d records", total, limit)
		}
	}
}
