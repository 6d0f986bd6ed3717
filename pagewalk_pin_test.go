package bigcommerce

// Tests pinning the page walk of pagewalk.go that mutation testing
// (scripts/mutation.sh) found unguarded.

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"testing/synctest"
	"time"
)

// pinPages is a fetch for walkPages over a collection of size(): pages of
// f.Limit items with ids from 1, and meta (when meta says so) naming the
// page and the number of pages at the time each page is served.
func pinPages(size func(page int) int, meta func(page int) bool, requested *[]int, mu *sync.Mutex) func(context.Context, *ListOptions) ([]thing, *Response, error) {
	return func(_ context.Context, f *ListOptions) ([]thing, *Response, error) {
		mu.Lock()
		defer mu.Unlock()
		*requested = append(*requested, f.Page)
		total := size(f.Page)
		var items []thing
		for id := (f.Page-1)*f.Limit + 1; id <= min(f.Page*f.Limit, total); id++ {
			items = append(items, thing{ID: id})
		}
		resp := &Response{}
		if meta(f.Page) {
			resp.Pagination = &Pagination{Total: total, Count: len(items), PerPage: f.Limit, CurrentPage: f.Page, TotalPages: (total + f.Limit - 1) / f.Limit}
		}
		return items, resp, nil
	}
}

// ifElse returns a when cond holds, else b.
func ifElse(cond bool, a, b int) int {
	if cond {
		return a
	}
	return b
}

// TestPinWalkAheadCollectionChanges: a concurrent walk follows a collection
// that grows under it (a later page names more pages), stops at the first
// empty page of one that shrank, and reads pages that come without meta.
func TestPinWalkAheadCollectionChanges(t *testing.T) {
	always := func(int) bool { return true }
	cases := []struct {
		name      string
		size      func(served, page int) int // collection size when page is served after served others
		meta      func(page int) bool
		wantItems int
		wantPages int
		zeroMeta  bool // pages without meta carry an empty one (total_pages 0)
	}{
		{"grows from 30 to 45 after page 1", func(served, _ int) int { return ifElse(served == 0, 30, 45) }, always, 45, 5, false},
		{"grows by a page the last page in flight shows", func(_, page int) int { return ifElse(page < 3, 30, 35) }, always, 35, 4, false},
		{"shrinks from 50 to 20 after page 1", func(served, _ int) int { return ifElse(served == 0, 50, 20) }, always, 20, 5, false},
		{"pages after the first without meta", func(int, int) int { return 30 }, func(page int) bool { return page == 1 }, 30, 4, false},
		{"grows by a page, later pages without meta", func(served, _ int) int { return ifElse(served == 0, 30, 35) }, func(page int) bool { return page == 1 }, 35, 4, false},
		{"grows by two pages, later pages without meta", func(served, _ int) int { return ifElse(served == 0, 30, 50) }, func(page int) bool { return page == 1 }, 50, 6, false},
		{"grows by a page, later pages with zero meta", func(served, _ int) int { return ifElse(served == 0, 30, 35) }, func(page int) bool { return page == 1 }, 35, 4, true},
		{"zero meta on every page (as V2 pages carry)", func(int, int) int { return 25 }, func(int) bool { return false }, 25, 3, true},
		{"no meta at all: pages in turn until a short one", func(int, int) int { return 25 }, func(int) bool { return false }, 25, 3, false},
		// The last page is full: one more request makes sure nothing
		// follows it, whatever the meta says.
		{"unchanged", func(int, int) int { return 30 }, always, 30, 4, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			var requested []int
			served := 0
			size := func(page int) int { n := tc.size(served, page); served++; return n }
			fetch := pinPages(size, tc.meta, &requested, &mu)
			if tc.zeroMeta {
				inner := fetch
				fetch = func(ctx context.Context, f *ListOptions) ([]thing, *Response, error) {
					items, resp, err := inner(ctx, f)
					if resp.Pagination == nil {
						resp.Pagination = &Pagination{}
					}
					return items, resp, err
				}
			}
			ids, err := collect(t, walkPages[thing, ListOptions, *ListOptions](context.Background(), 3, &ListOptions{Limit: 10}, MaxPageSize, fetch))
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) != tc.wantItems {
				t.Errorf("%d items, want %d", len(ids), tc.wantItems)
			}
			for i, id := range ids {
				if id != i+1 {
					t.Fatalf("item %d has id %d: out of order or repeated", i, id)
				}
			}
			if len(requested) > tc.wantPages {
				t.Errorf("pages requested %v, want at most %d", requested, tc.wantPages)
			}
		})
	}
}

// TestPinWalkConfirmsMetaLessEnd: when only one page is left, or the walk
// fetches one page at a time, the pages are fetched in turn, and a full
// page without meta is followed by one more request: a collection that grew
// under the walk is read to its end. (Fetched ahead, the same rule holds
// for the last page known; see TestPinWalkAheadCollectionChanges.)
func TestPinWalkConfirmsMetaLessEnd(t *testing.T) {
	cases := []struct {
		name        string
		depth       int
		first, then int // collection size for page 1, then for the others
		wantItems   int
	}{
		{"two pages, depth 3", 3, 20, 25, 25},
		{"three pages, depth 1", 1, 30, 35, 35},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var mu sync.Mutex
			var requested []int
			served := 0
			size := func(int) int {
				served++
				if served == 1 {
					return tc.first
				}
				return tc.then
			}
			ids, err := collect(t, walkPages[thing, ListOptions, *ListOptions](context.Background(), tc.depth, &ListOptions{Limit: 10}, MaxPageSize,
				pinPages(size, func(page int) bool { return page == 1 }, &requested, &mu)))
			if err != nil {
				t.Fatal(err)
			}
			if len(ids) != tc.wantItems {
				t.Errorf("%d items after pages %v, want %d", len(ids), requested, tc.wantItems)
			}
		})
	}
}

// TestPinWalkDepth: a walk keeps at most depth pages in flight, and keeps
// that many while pages remain (depth 1 is the page-at-a-time walk).
func TestPinWalkDepth(t *testing.T) {
	for _, depth := range []int{1, 3} {
		t.Run(fmt.Sprint("depth ", depth), func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var mu sync.Mutex
				inFlight, peak := 0, 0
				fetch := func(_ context.Context, f *ListOptions) ([]thing, *Response, error) {
					mu.Lock()
					inFlight++
					peak = max(peak, inFlight)
					mu.Unlock()
					time.Sleep(time.Second) // on the bubble's clock: every page in flight is waiting here
					mu.Lock()
					inFlight--
					mu.Unlock()
					const total = 100
					var items []thing
					for id := (f.Page-1)*f.Limit + 1; id <= min(f.Page*f.Limit, total); id++ {
						items = append(items, thing{ID: id})
					}
					return items, &Response{Pagination: &Pagination{Total: total, TotalPages: total / f.Limit}}, nil
				}
				ids, err := collect(t, walkPages[thing, ListOptions, *ListOptions](t.Context(), depth, &ListOptions{Limit: 10}, MaxPageSize, fetch))
				if err != nil || len(ids) != 100 {
					t.Fatalf("%d items, %v; want 100", len(ids), err)
				}
				if peak != depth {
					t.Errorf("at most %d pages in flight, want %d", peak, depth)
				}
			})
		})
	}
}
