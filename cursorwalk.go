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
// by page number instead, the only way left (see followCursor). A walk from
// the start of the list (no After set) compares, at its end, the records
// yielded with the first page's meta.pagination.total (walkTally.check).
func walkCursor[T, F any, PF pager[F]](ctx context.Context, filter *F, fetch func(context.Context, *F) ([]T, *Response, error), after func(*F) *string) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var f F
		if filter != nil {
			f = *filter
		}
		if _, limit := PF(&f).paging(); *limit <= 0 {
			*limit = MaxPageSize
		}
		w := cursorWalk[T]{cursor: after(&f)}
		w.tally = newTally(ctx, "All", "records", "meta.pagination.total")
		if *w.cursor == "" {
			w.tally.recount = recountByPage[T, F, PF](f, fetch, after)
		} else {
			// From a cursor, the list's total counts records before it:
			// the tally reports progress but checks no count.
			w.tally.uncounted = true
		}
		followCursor[T, F, PF](ctx, &f, w, fetch, yield)
	}
}

// recountByPage returns a recount for walkTally: the meta.pagination.total
// of a 1-record first page of the list start (whose cursor, if any, is
// cleared), with the walk's other filters.
func recountByPage[T, F any, PF pager[F]](start F, fetch func(context.Context, *F) ([]T, *Response, error), cursor func(*F) *string) func(context.Context) (int, error) {
	return func(ctx context.Context) (int, error) {
		g := start
		if cursor != nil {
			*cursor(&g) = ""
		}
		page, limit := PF(&g).paging()
		*page, *limit = 1, 1
		_, resp, err := fetch(ctx, &g)
		if err != nil {
			return 0, err
		}
		if resp == nil || resp.Pagination == nil || resp.Pagination.Total <= 0 && resp.Pagination.TotalPages <= 0 {
			return 0, fmt.Errorf("the answer has no meta.pagination.total")
		}
		return resp.Pagination.Total, nil
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
	// whose sort key moved ahead of the walk); done holds the records of
	// first, already yielded.
	idOf func(T) int
	done []T
	// tally, when set (a walk from the start of the list), counts the
	// records yielded (those of first included, set by the caller), learns
	// the meta.pagination.total of every page that has one, and is checked
	// at the end of the walk.
	tally *walkTally
}

// followCursor yields a cursor walk over f, a copy the walk may change
// whose limit is set, page after page from w.cursor (or after w.first). It
// stops on a page that leaves no more records (pageLeavesMore: short, and
// no meta.pagination counting more), on an empty page, or when a cursor
// walk gets no further cursor. If the API gives no cursor on a full page
// before any cursor was followed, it goes on by page number, counting pages
// itself, until such a page: a full page is followed by one more request
// even when the meta names no further page, since a total that is stale or
// wrong would otherwise end the walk in silence. A cursor that comes back a
// second time (a server that ignores the cursor), and with idOf a full page
// of records all yielded before, end the walk with an ErrIncompleteWalk
// error rather than repeat records or loop.
func followCursor[T, F any, PF pager[F]](ctx context.Context, f *F, w cursorWalk[T], fetch func(context.Context, *F) ([]T, *Response, error), yield func(T, error) bool) {
	page, limit := PF(f).paging()
	if *w.cursor != "" {
		*page = 0 // BigCommerce ignores page beside a cursor; do not send it
	}
	fail := func(err error) {
		var zero T
		yield(zero, err)
	}
	var seen idSet
	for _, item := range w.done {
		seen.add(w.idOf(item))
	}
	cursors := map[string]bool{*w.cursor: true}
	pages := &pageCheck[T]{op: w.op()}
	defer w.tally.finish()
	w.tally.learn(w.first)
	for resp := w.first; ; {
		if resp != nil {
			more, err := w.next(resp.Pagination, page, cursors)
			if err != nil {
				fail(err)
				return
			}
			if !more {
				break
			}
		}
		items, r, err := fetch(ctx, f)
		if err == nil {
			number := max(*page, 1)
			if *w.cursor != "" {
				number = 0 // asked for by cursor
			}
			err = pages.check(number, items, *limit, r)
		}
		if err != nil {
			fail(err)
			return
		}
		w.tally.learn(r)
		fresh := 0
		for _, item := range items {
			if w.idOf != nil && !seen.add(w.idOf(item)) {
				continue
			}
			fresh++
			if w.tally != nil {
				w.tally.yielded++
			}
			if !yield(item, nil) {
				return
			}
		}
		w.tally.flush()
		if w.idOf != nil && fresh == 0 && len(items) >= *limit {
			asked := fmt.Sprintf("page %d", max(*page, 1))
			if *w.cursor != "" {
				asked = fmt.Sprintf("the page after cursor %q", *w.cursor)
			}
			fail(contradiction("bigcommerce: %s: %s holds only records already yielded: the API ignored the cursor or the page number, so the walk stops instead of looping. Each record yielded was yielded once; %s",
				w.op(), asked, incompleteAdvice))
			return
		}
		if !pageLeavesMore(*page, len(items), *limit, r) {
			break
		}
		resp = r
	}
	if err := w.tally.check(ctx); err != nil {
		fail(err)
	}
}

// op names the walk in errors.
func (w cursorWalk[T]) op() string {
	if w.tally != nil {
		return w.tally.op
	}
	return "All"
}

// next moves the walk past the page whose pagination is p: to p's next
// cursor or, when p has none and no cursor is followed yet, to the next
// page number. It reports whether another page is to be read. cursors holds
// every cursor followed so far: one that comes back means the API ignored
// it (or cycles), and following it again would repeat records forever.
func (w cursorWalk[T]) next(p *Pagination, page *int, cursors map[string]bool) (bool, error) {
	next, which := "", "end"
	if p != nil && p.Cursor != nil {
		next = p.Cursor.EndCursor
		if w.backward {
			next, which = p.Cursor.StartCursor, "start"
		}
	}
	switch {
	case next != "" && cursors[next]:
		return false, contradiction("bigcommerce: %s: the API gave the same %s cursor %q again after a full page: it ignored the cursor, so the walk stops instead of repeating records. Each record yielded was yielded once; %s",
			w.op(), which, next, incompleteAdvice)
	case next != "":
		cursors[next] = true
		*w.cursor, *page = next, 0
	case *w.cursor != "":
		return false, nil // cursor mode, and no further cursor: that was the last page
	default:
		*page = max(*page, 1) + 1
	}
	return true, nil
}
