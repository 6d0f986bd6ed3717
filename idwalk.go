package bigcommerce

import (
	"context"
	"iter"
)

// This file holds the sequential id walk behind the All of lists sorted by
// id that are small enough to read one page at a time (brands, channel
// listings, and the generated services whose manifest says walk: id). The
// large exports (orders, products, customers) read id windows concurrently
// instead (idwindow.go).

// walkAscending walks a list whose default order is id ascending by id
// range (walkByID), and stops with an ErrIncompleteWalk error if a page is
// not in ascending id order, since then an id bound could skip records.
func walkAscending[T, F any, PF pager[F]](ctx context.Context, filter *F, fetch func(context.Context, *F) ([]T, *Response, error), idOf func(T) int, after func(f *F, id int)) iter.Seq2[T, error] {
	checked := func(ctx context.Context, f *F) ([]T, *Response, error) {
		items, resp, err := fetch(ctx, f)
		for i := 1; err == nil && i < len(items); i++ {
			if idOf(items[i]) <= idOf(items[i-1]) {
				err = contradiction("bigcommerce: All: the API listed id %d after id %d: the list is not in id order, so a walk by id range could skip records, and it stops here. Each record yielded before was yielded once; %s",
					idOf(items[i]), idOf(items[i-1]), incompleteAdvice)
			}
		}
		return items, resp, err
	}
	return walkByID[T, F, PF](ctx, filter, MaxPageSize, checked, idOf, after)
}

// walkByID walks a list sorted by id ascending one page at a time by id
// range instead of page offset: every request asks for the first page of
// records whose id is above the last one seen (after sets that bound on the
// walk's copy of the filter). Offset pages shift when records are inserted
// or deleted during a walk; id ranges cannot, so every record that exists
// throughout the walk is yielded exactly once (DESIGN 7). It is sequential:
// the concurrent id-window engine (idwindow.go) serves the large exports
// (orders, products, customers); these lists are small.
//
// What it cross-checks: a page whose first id is not above the last id
// seen (the API ignored the id bound) ends the walk with an
// ErrIncompleteWalk error instead of repeating records; a page shorter than
// the limit ends the walk unless its meta.pagination counts more records
// (a server that serves fewer than the limit asked), in which case the walk
// reads on above its last id; and at the end, on a V3 list, the records
// yielded are compared with the totals the pages gave (each page's total
// counts the records above the previous page, so with the records yielded
// before it, it is a fresh count of the whole walk), see walkTally.check.
func walkByID[T, F any, PF pager[F]](ctx context.Context, filter *F, maxLimit int, fetch func(context.Context, *F) ([]T, *Response, error), idOf func(T) int, after func(f *F, id int)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var f F
		if filter != nil {
			f = *filter
		}
		page, limit := PF(&f).paging()
		*page = 1
		if *limit <= 0 {
			*limit = maxLimit
		}
		tally := newTally(ctx, "All", "records", "meta.pagination.total")
		defer tally.finish()
		tally.recount = recountByPage[T, F, PF](f, fetch, nil)
		fail := func(err error) {
			var zero T
			yield(zero, err)
		}
		lastID, started := 0, false
		for {
			items, resp, err := fetch(ctx, &f)
			if err == nil && started && len(items) > 0 && idOf(items[0]) <= lastID {
				// The server ignored the id bound: stop rather than loop.
				err = contradiction("bigcommerce: All: the walk asked for the records above id %d but the API answered id %d: it ignored the id range, so the walk stops instead of repeating records. Each record yielded before was yielded once; %s (to resume, walk again from id %d)",
					lastID, idOf(items[0]), incompleteAdvice, lastID+1)
			}
			if err != nil {
				fail(err)
				return
			}
			if resp != nil && resp.Pagination != nil {
				if n := metaTotal(resp.Pagination); n >= 0 {
					// This page's total counts the records above the last
					// page: with those yielded, it counts the whole walk.
					tally.told(tally.yielded + n)
				}
			}
			tally.name(resp)
			for _, item := range items {
				tally.yielded++
				if !yield(item, nil) {
					return
				}
			}
			tally.flush()
			if !pageLeavesMore(1, len(items), *limit, resp) {
				break
			}
			lastID, started = idOf(items[len(items)-1]), true
			after(&f, lastID)
		}
		if err := tally.check(ctx); err != nil {
			fail(err)
		}
	}
}
