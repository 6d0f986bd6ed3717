package bigcommerce

import (
	"context"
	"iter"
	"sync"
)

// walk iterates over every item of a paged list by page offset: the walk of
// the lists whose endpoint offers no stable key (inventory, locations,
// addresses, variants, webhooks, order line items); Orders.All,
// Products.All and Customers.All walk id windows instead (idwindow.go). It copies the caller's
// filter (never modifying it), starts at the filter's page (at least 1), asks
// for maxLimit items per page unless the filter sets Limit, and fetches the
// next page only while the consumer keeps ranging. It stops after the last
// page: at an empty page (a collection that shrank under the walk ends
// there); with V3 meta, after the highest page any page's meta names (so a
// collection that grows during the walk is followed), and a full last page
// without meta is followed by one more request; with no totals (V2), at a
// short page. An error is yielded once and ends the walk.
//
// When the first page's meta gives the number of pages, the rest are fetched
// ahead concurrently, as many at once as the client's WithMaxConcurrency
// allows, and still yielded in order (see walkAhead).
func walk[T, F any, PF pager[F]](ctx context.Context, c *Client, filter *F, maxLimit int, fetch func(context.Context, *F) ([]T, *Response, error)) iter.Seq2[T, error] {
	return walkPages[T, F, PF](ctx, cap(c.sem), filter, maxLimit, fetch)
}

// walkOffsets is walk one page at a time, with no page fetched ahead: the
// documented fallback of an export sorted by a field other than id.
func walkOffsets[T, F any, PF pager[F]](ctx context.Context, filter *F, maxLimit int, fetch func(context.Context, *F) ([]T, *Response, error)) iter.Seq2[T, error] {
	return walkPages[T, F, PF](ctx, 1, filter, maxLimit, fetch)
}

// walkPages is walk with up to depth pages in flight.
func walkPages[T, F any, PF pager[F]](ctx context.Context, depth int, filter *F, maxLimit int, fetch func(context.Context, *F) ([]T, *Response, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		if err := checkWalk("All", ctx, filter); err != nil {
			var zero T
			yield(zero, err)
			return
		}
		var f F
		if filter != nil {
			f = *filter
		}
		page, limit := PF(&f).paging()
		if *page < 1 {
			*page = 1
		}
		if *limit <= 0 {
			*limit = maxLimit
		}
		for {
			items, resp, err := fetch(ctx, &f)
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
			if len(items) == 0 {
				return
			}
			if p := resp.Pagination; p != nil && p.TotalPages > 0 {
				// The meta names the pages: walkAhead reads the rest (none
				// if this page was the last), up to depth at once, and
				// follows the collection if it grows.
				walkAhead[T, F, PF](ctx, depth, f, *page+1, p.TotalPages, fetch, yield)
				return
			}
			if len(items) < *limit {
				return // with no meta (V2), a short page is the last
			}
			*page++
		}
	}
}

// pageResult is one page fetched ahead.
type pageResult[T any] struct {
	items []T
	resp  *Response
	err   error
}

// walkAhead fetches pages from..to (and beyond, if later pages report more,
// or if page to is full and carries no meta to say it is the last) with up
// to depth requests in flight, yielding items in page order. When the
// consumer stops or a page fails, the pages still in flight are cancelled
// and waited for, so no goroutine outlives the walk.
func walkAhead[T, F any, PF pager[F]](ctx context.Context, depth int, base F, from, to int, fetch func(context.Context, *F) ([]T, *Response, error), yield func(T, error) bool) {
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	defer func() {
		cancel()
		wg.Wait()
	}()
	var pending []chan pageResult[T]
	_, limit := PF(&base).paging()
	next := from
	launch := func() {
		ch := make(chan pageResult[T], 1)
		pending = append(pending, ch)
		f := base
		page, _ := PF(&f).paging()
		*page = next
		next++
		wg.Go(func() {
			items, resp, err := fetch(ctx, &f)
			ch <- pageResult[T]{items, resp, err}
		})
	}
	for len(pending) > 0 || next <= to {
		for next <= to && len(pending) < depth {
			launch()
		}
		got := next - len(pending) // the page number of pending[0]
		r := <-pending[0]
		pending = pending[1:]
		if r.err != nil {
			var zero T
			yield(zero, r.err)
			return
		}
		if len(r.items) == 0 {
			return // the collection shrank under the walk: nothing further
		}
		if p := r.resp.Pagination; p != nil && p.TotalPages > 0 {
			if p.TotalPages > to {
				to = p.TotalPages // it grew: keep going
			}
		} else if got == to && len(r.items) >= *limit {
			// The last page known is full and says nothing of what follows:
			// ask for one more, as walkPages does, so growth is not missed.
			to++
		}
		for _, item := range r.items {
			if !yield(item, nil) {
				return
			}
		}
	}
}

// walkOnce is the All of a list the API does not page: one request, its
// items yielded in order, an error yielded once.
func walkOnce[T any](ctx context.Context, fetch func(context.Context) ([]T, *Response, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		if err := checkContext("All", ctx); err != nil {
			var zero T
			yield(zero, err)
			return
		}
		items, _, err := fetch(ctx)
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
	}
}
