package bigcommerce

import (
	"context"
	"iter"
	"sync"
)

// walk iterates over every item of a paged list by page offset: the walk of
// the lists whose endpoint offers no stable key (inventory, locations,
// addresses, variants, webhooks, order line items); Orders.All,
// Products.All and Customers.All walk id windows instead (idwindow.go). It
// copies the caller's filter (never modifying it), starts at the filter's
// page (at least 1), asks for maxLimit items per page unless the filter sets
// Limit, and fetches the next page only while the consumer keeps ranging.
//
// It stops after the last page: at an empty page (a collection that shrank
// under the walk ends there), or at a page that leaves no more records
// (pageLeavesMore: shorter than the limit, and no meta.pagination that
// counts more). With V3 meta it reads at least up to the highest page any
// page's meta names (so a collection that grows during the walk is
// followed), and a full page where the meta says the pages end is followed
// by one more request: a total that is stale or wrong would otherwise end
// the walk in silence, and the extra request is only sent when the records
// end exactly at a page boundary. With no meta (V2), it stops at a short
// page. An error is yielded once and ends the walk.
//
// At the end, the records yielded are compared with the lowest
// meta.pagination.total any page gave (walkTally.check): a walk that falls
// short of it by more than concurrent changes explain ends with an
// ErrIncompleteWalk error, after every record. The walk has no key to tell
// a repeated record from a new one: on a live store, a record created or
// deleted before the walk's position shifts the later pages, so one can be
// skipped or yielded twice (see the godoc of each All that uses it).
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
		w := pageWalk[T]{tally: newTally(ctx, "All", "records", "meta.pagination.total"), pages: &pageCheck[T]{op: "All"}, yield: yield}
		defer w.tally.finish()
		w.tally.skipped = (*page - 1) * *limit
		if o, ok := any(PF(&f)).(offsetter); ok {
			w.tally.skipped += o.startOffset()
		}
		for {
			items, resp, err := fetch(ctx, &f)
			if err == nil {
				err = w.pages.check(*page, items, *limit, resp)
			}
			if err != nil {
				w.fail(err)
				return
			}
			w.learn(resp)
			if !w.emit(items) {
				return
			}
			if len(items) == 0 {
				break
			}
			if p := resp.Pagination; p != nil && p.TotalPages > 0 {
				// The meta names the pages: walkAhead reads the rest (from
				// the next page if this one is full or the meta names more),
				// up to depth at once, and follows the collection if it
				// grows.
				to := p.TotalPages
				if to <= *page && pageLeavesMore(*page, len(items), *limit, resp) {
					to = *page + 1
				}
				if !walkAhead[T, F, PF](ctx, depth, f, *page+1, to, fetch, &w) {
					return
				}
				break
			}
			if !pageLeavesMore(*page, len(items), *limit, resp) {
				break // with no meta (V2), a short page is the last
			}
			*page++
		}
		if err := w.tally.check(ctx); err != nil {
			w.fail(err)
		}
	}
}

// pageWalk is the state walkPages and walkAhead share: where the yielded
// items go and what is known of the totals.
type pageWalk[T any] struct {
	tally *walkTally
	pages *pageCheck[T]
	yield func(T, error) bool
}

// learn records what a page's answer says of the totals.
func (w *pageWalk[T]) learn(resp *Response) { w.tally.learn(resp) }

// emit yields items; false when the consumer stopped.
func (w *pageWalk[T]) emit(items []T) bool {
	for _, item := range items {
		w.tally.yielded++
		if !w.yield(item, nil) {
			return false
		}
	}
	w.tally.flush()
	return true
}

// fail yields err.
func (w *pageWalk[T]) fail(err error) {
	var zero T
	w.yield(zero, err)
}

// pageResult is one page fetched ahead.
type pageResult[T any] struct {
	items []T
	resp  *Response
	err   error
}

// walkAhead fetches pages from..to (and beyond, if later pages report more,
// or if page to is full or its meta counts more records) with up to depth
// requests in flight, yielding items in page order through w. It reports
// whether it reached the end of the collection (false: an error was
// yielded, or the consumer stopped). When the consumer stops or a page
// fails, the pages still in flight are cancelled and waited for, so no
// goroutine outlives the walk.
func walkAhead[T, F any, PF pager[F]](ctx context.Context, depth int, base F, from, to int, fetch func(context.Context, *F) ([]T, *Response, error), w *pageWalk[T]) bool {
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
			w.fail(r.err)
			return false
		}
		if len(r.items) == 0 {
			return true // the collection shrank under the walk: nothing further
		}
		if err := w.pages.check(got, r.items, *limit, r.resp); err != nil {
			w.fail(err)
			return false
		}
		w.learn(r.resp)
		if p := r.resp.Pagination; p != nil && p.TotalPages > to {
			to = p.TotalPages // it grew: keep going
		}
		if got == to && pageLeavesMore(got, len(r.items), *limit, r.resp) {
			// The last page known is full (or its meta counts more): ask for
			// one more, so that neither growth nor a stale total ends the
			// walk early.
			to++
		}
		if !w.emit(r.items) {
			return false
		}
	}
	return true
}

// walkOnce is the All of a list the API does not page: one request, its
// items yielded in order, an error yielded once. If the answer's
// meta.pagination counts more records than it holds (the endpoint pages
// after all), that is an ErrIncompleteWalk error, after the items.
func walkOnce[T any](ctx context.Context, fetch func(context.Context) ([]T, *Response, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		if err := checkContext("All", ctx); err != nil {
			var zero T
			yield(zero, err)
			return
		}
		tally := newTally(ctx, "All", "records", "meta.pagination.total")
		defer tally.finish()
		items, resp, err := fetch(ctx)
		if err != nil {
			var zero T
			yield(zero, err)
			return
		}
		tally.name(resp)
		tally.told(len(items))
		for _, item := range items {
			tally.yielded++
			if !yield(item, nil) {
				return
			}
		}
		tally.flush()
		if resp != nil && resp.Pagination != nil && resp.Pagination.Total > len(items) {
			path := "the list"
			if resp.Response != nil && resp.Request != nil {
				path = "GET " + apiPath(resp.Request.URL.Path)
			}
			var zero T
			yield(zero, contradiction("bigcommerce: All: %s answered %d records, but its meta.pagination.total says %d: the endpoint pages although its specification declares no paging, and All read only what it answered. Each record yielded was yielded once; read the rest with Client.NewRequest and the page parameters BigCommerce documents for it",
				path, len(items), resp.Pagination.Total))
		}
	}
}

// offsetter is a filter that starts a walk at a record offset of its own
// (B2B Edition's offset) besides its page: the totals count the records
// before it, which the walk does not yield.
type offsetter interface{ startOffset() int }
