package bigcommerce

import (
	"context"
	"fmt"
	"iter"
)

// This file holds the cursor walk behind the All of lists that offer
// cursor pagination (price lists, customers with a sort or a cursor, and
// the generated services whose manifest says walk: cursor).

// walkCursor iterates over a V3 list that offers cursor pagination
// (meta.cursor_pagination and an "after" parameter): each request asks for
// the records after the previous page's end cursor, a key BigCommerce
// derives from the last record, so records created or deleted during the
// walk cannot shift it the way page offsets do. after returns the filter's
// After field. If the API gives no cursor on a full page, the walk goes on
// by page number instead, the only way left (see followCursor).
func walkCursor[T, F any, PF pager[F]](ctx context.Context, filter *F, fetch func(context.Context, *F) ([]T, *Response, error), after func(*F) *string) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var f F
		if filter != nil {
			f = *filter
		}
		if _, limit := PF(&f).paging(); *limit <= 0 {
			*limit = MaxPageSize
		}
		followCursor[T, F, PF](ctx, &f, cursorWalk[T]{cursor: after(&f)}, fetch, yield)
	}
}

// cursorWalk says how followCursor walks.
type cursorWalk[T any] struct {
	// cursor is the filter's field the walk moves: After (forward, by
	// end_cursor) or, with backward, Before (by start_cursor).
	cursor   *string
	backward bool
	// first, when set, is the answer of the walk's first page, already read
	// and yielded: the walk goes on after it.
	first *Response
	// idOf, when set, keeps the walk from yielding an id twice (a record
	// whose sort key moved ahead of the walk).
	idOf func(T) int
}

// followCursor yields a cursor walk over f, a copy the walk may change
// whose limit is set, page after page from w.cursor (or after w.first). It
// stops on a short page, or when a cursor walk gets no further cursor. If
// the API gives no cursor on a full page before any cursor was followed, it
// goes on by page number, counting pages itself and stopping after the last
// one meta names. A cursor that comes back unchanged ends the walk with an
// error rather than repeating records.
func followCursor[T, F any, PF pager[F]](ctx context.Context, f *F, w cursorWalk[T], fetch func(context.Context, *F) ([]T, *Response, error), yield func(T, error) bool) {
	page, limit := PF(f).paging()
	if *w.cursor != "" {
		*page = 0 // BigCommerce ignores page beside a cursor; do not send it
	}
	var seen idSet
	for resp := w.first; ; {
		if resp != nil {
			more, err := w.next(resp.Pagination, page)
			if err != nil {
				var zero T
				yield(zero, err)
			}
			if !more {
				return
			}
		}
		items, r, err := fetch(ctx, f)
		if err != nil {
			var zero T
			yield(zero, err)
			return
		}
		for _, item := range items {
			if w.idOf != nil && !seen.add(w.idOf(item)) {
				continue
			}
			if !yield(item, nil) {
				return
			}
		}
		if len(items) < *limit {
			return
		}
		resp = r
	}
}

// next moves the walk past the page whose pagination is p: to p's next
// cursor or, when p has none and no cursor is followed yet, to the next
// page number. It reports whether another page is to be read.
func (w cursorWalk[T]) next(p *Pagination, page *int) (bool, error) {
	next, which := "", "end"
	if p != nil && p.Cursor != nil {
		next = p.Cursor.EndCursor
		if w.backward {
			next, which = p.Cursor.StartCursor, "start"
		}
	}
	switch {
	case next != "" && next == *w.cursor:
		return false, fmt.Errorf("bigcommerce: the API gave the same %s cursor %q twice: the walk stops instead of repeating records", which, next)
	case next != "":
		*w.cursor, *page = next, 0
	case *w.cursor != "":
		return false, nil // cursor mode, and no further cursor: that was the last page
	case p != nil && p.TotalPages > 0 && max(*page, 1) >= p.TotalPages:
		return false, nil // the page just read (counted here, not by the meta) was the last
	default:
		*page = max(*page, 1) + 1
	}
	return true, nil
}
