package bigcommerce

import (
	"context"
	"iter"
	"sync"
	"time"
)

// dateSource tells walkDates how to read one collection in date_modified
// order: the walk an incremental sync wants when it sorts by
// date_modified:asc.
type dateSource[T any] struct {
	// op names the walk ("Orders.All") and what its records ("orders"),
	// for errors.
	op, what string
	// limit is the page size asked for.
	limit int
	// from is the caller's lower bound on date_modified (zero: none).
	from time.Time
	// page fetches up to limit records with date_modified >= from, sorted
	// by date_modified ascending, with the caller's other filters.
	page func(ctx context.Context, from time.Time) ([]T, *Response, error)
	// tie fetches up to limit records with date_modified == at and id >
	// after, in ascending id order, with the caller's other filters.
	tie    func(ctx context.Context, at time.Time, after int) ([]T, *Response, error)
	idOf   func(T) int
	dateOf func(T) time.Time
	// count, when set, reads the number of records matching the caller's
	// filter (countSource names it), beside the first page; without it, the
	// first page's meta.pagination.total is the count, when it has one.
	// recount, when set, reads it again at the end of a walk whose records
	// fall short of it.
	count, recount func(ctx context.Context) (int, error)
	countSource    string
}

// walkDates walks a keyset of (date_modified, id) one page at a time: each
// request asks for the records modified at or after the last date seen,
// and the records of that second already yielded are skipped; a full page
// that holds a single second is read to its end by id (tie) before the walk
// moves past that second. Ids already yielded are remembered (one bit per
// id, in chunks), so a record modified during the walk, which moves to the
// end of the order, is yielded once: where the walk first finds it. A record
// that exists for the whole walk is therefore yielded exactly once: it is
// either unchanged (found at its place) or modified (found at its place or,
// if the walk had not reached it yet, at its new place ahead). Dates have
// whole seconds, as BigCommerce writes them.
//
// What it cross-checks: a page out of date order or before the date asked
// for (checkDates), and a tie page out of its second or of id order
// (checkTie), end the walk with an ErrIncompleteWalk error; a page counts
// as full when it holds the limit or its meta.pagination counts more
// records (a server that serves fewer than the limit asked); and at the
// end the records yielded are compared with the count (walkTally.check).
func walkDates[T any](ctx context.Context, src dateSource[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		var wg sync.WaitGroup
		defer func() {
			cancel()
			wg.Wait()
		}()
		tally := newTally(ctx, src.op, src.what, src.countSource)
		defer tally.finish()
		tally.recount = src.recount
		var counted <-chan result[int]
		if src.count != nil {
			counted = probe(&wg, func() (int, error) { return src.count(ctx) })
		}
		var seen idSet
		emit := func(items []T) bool {
			for _, it := range items {
				if seen.add(src.idOf(it)) {
					tally.yielded++
					if !yield(it, nil) {
						return false
					}
				}
			}
			tally.flush()
			return true
		}
		fail := func(err error) {
			var zero T
			yield(zero, err)
		}
		from := src.from.Truncate(time.Second)
		for first := true; ; first = false {
			items, resp, err := src.page(ctx, from)
			if err == nil {
				err = checkDates(src.op, src.what, items, src.dateOf, from)
			}
			if err != nil {
				fail(err)
				return
			}
			if first {
				if counted == nil {
					tally.learn(resp)
				} else if n, err := recv(ctx, counted); err == nil {
					tally.told(n)
				}
			}
			if !emit(items) {
				return
			}
			if !pageLeavesMore(1, len(items), src.limit, resp) {
				break
			}
			firstAt := src.dateOf(items[0]).Truncate(time.Second)
			last := src.dateOf(items[len(items)-1]).Truncate(time.Second)
			if !firstAt.Equal(last) {
				from = last
				continue
			}
			// A full page of one second: read that second by id.
			after := 0
			for {
				tie, resp, err := src.tie(ctx, last, after)
				if err == nil {
					err = checkTie(src.op, src.what, tie, src.idOf, src.dateOf, last, after)
				}
				if err != nil {
					fail(err)
					return
				}
				if !emit(tie) {
					return
				}
				if !pageLeavesMore(1, len(tie), src.limit, resp) {
					break
				}
				after = src.idOf(tie[len(tie)-1])
			}
			from = last.Add(time.Second)
		}
		if err := tally.check(ctx); err != nil {
			fail(err)
		}
	}
}

// checkDates refuses a page that is not sorted by date_modified from the
// bound asked for: the server ignored the filter or the sort.
func checkDates[T any](op, what string, items []T, dateOf func(T) time.Time, from time.Time) error {
	prev := from
	for _, it := range items {
		d := dateOf(it).Truncate(time.Second)
		if d.Before(prev) {
			return contradiction("bigcommerce: %s: the walk asked for %s modified from %s in date_modified order but the API answered one modified %s after one modified %s: it ignored the date filter or the sort, so the walk stops instead of skipping or repeating records. Each record yielded before was yielded once; %s",
				op, what, from.Format(time.RFC3339), d.Format(time.RFC3339), prev.Format(time.RFC3339), incompleteAdvice)
		}
		prev = d
	}
	return nil
}

// checkTie refuses a page of one second that is out of that second or not
// in ascending id order above after.
func checkTie[T any](op, what string, items []T, idOf func(T) int, dateOf func(T) time.Time, at time.Time, after int) error {
	for _, it := range items {
		id, d := idOf(it), dateOf(it).Truncate(time.Second)
		if id <= after || !d.Equal(at) {
			return contradiction("bigcommerce: %s: the walk asked for %s modified at %s with ids above %d in id order but the API answered id %d modified %s: it ignored the filter or the sort, so the walk stops instead of repeating records. Each record yielded before was yielded once; %s",
				op, what, at.Format(time.RFC3339), after, id, d.Format(time.RFC3339), incompleteAdvice)
		}
		after = id
	}
	return nil
}

// idSet is a set of ids: one bit per id, in chunks of 4096 ids allocated on
// first use (512 bytes each), so dense ids cost a bit each and sparse ids
// at most a chunk each.
type idSet map[int]*[64]uint64

// add puts id in the set and reports whether it was not there yet.
func (s *idSet) add(id int) bool {
	if *s == nil {
		*s = idSet{}
	}
	k := id >> 12
	c := (*s)[k]
	if c == nil {
		c = new([64]uint64)
		(*s)[k] = c
	}
	i := id & 4095
	w, b := i>>6, uint64(1)<<(i&63)
	if c[w]&b != 0 {
		return false
	}
	c[w] |= b
	return true
}
