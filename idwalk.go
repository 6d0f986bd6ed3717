package bigcommerce

import (
	"context"
	"fmt"
	"iter"
)

// This file holds the sequential id walk behind the All of lists sorted by
// id that are small enough to read one page at a time (brands, channel
// listings, and the generated services whose manifest says walk: id). The
// large exports (orders, products, customers) read id windows concurrently
// instead (idwindow.go).

// walkAscending walks a list whose default order is id ascending by id
// range (walkByID), and stops with an error if a page is not in ascending
// id order, since then an id bound could skip records.
func walkAscending[T, F any, PF pager[F]](ctx context.Context, filter *F, fetch func(context.Context, *F) ([]T, *Response, error), idOf func(T) int, after func(f *F, id int)) iter.Seq2[T, error] {
	checked := func(ctx context.Context, f *F) ([]T, *Response, error) {
		items, resp, err := fetch(ctx, f)
		for i := 1; err == nil && i < len(items); i++ {
			if idOf(items[i]) <= idOf(items[i-1]) {
				err = fmt.Errorf("bigcommerce: the API listed id %d after id %d: the list is not in id order, so an id-range walk could skip records; stopping", idOf(items[i]), idOf(items[i-1]))
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
// the concurrent id-window engine (export.go) serves the large exports
// (orders, products, customers); these lists are small.
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
		lastID, started := 0, false
		for {
			items, _, err := fetch(ctx, &f)
			if err == nil && started && len(items) > 0 && idOf(items[0]) <= lastID {
				// The server ignored the id bound: stop rather than loop.
				err = fmt.Errorf("bigcommerce: the API answered id %d after id %d: it ignored the id range, so the walk stops instead of repeating records", idOf(items[0]), lastID)
			}
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range items {
				if !yield(item, nil) {
					return
				}
			}
			if len(items) < *limit {
				return
			}
			lastID, started = idOf(items[len(items)-1]), true
			after(&f, lastID)
		}
	}
}
