package bigcommerce

import (
	"context"
	"iter"
	"net/http"
	"sync"
)

// MaxPageSize is the largest page BigCommerce serves on the V2 and V3 list
// endpoints; All uses it unless the filter sets Limit.
const MaxPageSize = 250

// Pagination describes one page of a list.
//
// V3 lists fill every field from meta.pagination. V2 lists have no envelope,
// so only CurrentPage, PerPage and Count are known; Total and TotalPages are
// 0 (use the resource's Count method for totals).
type Pagination struct {
	// Total is the number of records across all pages (V3 only).
	Total int `json:"total"`
	// Count is the number of records on this page.
	Count int `json:"count"`
	// PerPage is the page size asked for.
	PerPage int `json:"per_page"`
	// CurrentPage is this page's 1-based number.
	CurrentPage int `json:"current_page"`
	// TotalPages is the number of pages (V3 only).
	TotalPages int `json:"total_pages"`
	// Links holds the relative query strings of the neighbouring pages
	// ("?page=2&limit=50"), empty at the ends.
	Links PaginationLinks `json:"links"`
	// Cursor is set by endpoints with cursor pagination (V3 customers).
	Cursor *CursorPagination `json:"-"`
}

// PaginationLinks are the relative query strings BigCommerce gives for the
// neighbouring pages.
type PaginationLinks struct {
	Previous string `json:"previous"`
	Current  string `json:"current"`
	Next     string `json:"next"`
}

// CursorPagination is V3 cursor paging (meta.cursor_pagination): pass
// EndCursor as the "after" parameter to get the next page.
type CursorPagination struct {
	Count       int    `json:"count"`
	PerPage     int    `json:"per_page"`
	StartCursor string `json:"start_cursor"`
	EndCursor   string `json:"end_cursor"`
	Links       struct {
		Previous string `json:"previous"`
		Next     string `json:"next"`
	} `json:"links"`
}

// paginated is implemented by response envelopes that carry page metadata.
type paginated interface {
	pagination() *Pagination
}

// envelope is the V3 response wrapper {data, meta}.
type envelope[T any] struct {
	Data T `json:"data"`
	Meta struct {
		Pagination       *Pagination       `json:"pagination"`
		CursorPagination *CursorPagination `json:"cursor_pagination"`
	} `json:"meta"`
}

func (e *envelope[T]) pagination() *Pagination {
	p := e.Meta.Pagination
	if p == nil && e.Meta.CursorPagination == nil {
		return nil
	}
	if p == nil {
		p = &Pagination{Count: e.Meta.CursorPagination.Count, PerPage: e.Meta.CursorPagination.PerPage}
	}
	p.Cursor = e.Meta.CursorPagination
	return p
}

// pager is implemented by every list filter: it exposes the Page and Limit
// fields so the walker can step through pages on its own copy.
type pager[F any] interface {
	*F
	paging() (page, limit *int)
}

// call sends one request and decodes the answer into v.
func (c *Client) call(ctx context.Context, method, path string, opts, body, v any) (*Response, error) {
	req, err := c.NewRequest(ctx, method, path, opts, body)
	if err != nil {
		return &Response{}, err
	}
	return c.Do(req, v)
}

// getV3 fetches a V3 object or list wrapped in {data, meta}.
func getV3[T any](ctx context.Context, c *Client, method, path string, opts, body any) (T, *Response, error) {
	env := newEnvelope[T](opts)
	resp, err := c.call(ctx, method, path, opts, body, &env)
	return env.Data, resp, err
}

// listV2 fetches one page of a V2 list: a bare JSON array, or 204 No
// Content with no body when the page is empty. page and limit are what the
// filter asked for (0 when unset).
func listV2[T any](ctx context.Context, c *Client, path string, opts any, page, limit int) ([]T, *Response, error) {
	items := newPage[T](limit)
	resp, err := c.call(ctx, http.MethodGet, path, opts, nil, &items)
	if err == nil {
		resp.Pagination = &Pagination{Count: len(items), PerPage: limit, CurrentPage: max(page, 1)}
	}
	return items, resp, err
}

// walk iterates over every item of a paged list by page offset: the walk of
// the lists whose endpoint offers no stable key (inventory, locations,
// addresses, variants, webhooks, order line items); Orders.All,
// Products.All and Customers.All walk id windows instead (export.go). It copies the caller's
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
