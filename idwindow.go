package bigcommerce

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"sync"
)

// This file holds the export engine behind Orders.All, Products.All and
// Customers.All (ARCHITECTURE.md, "Walks and the exactly-once rule"): a
// walk by id windows instead of page offsets, so that every record that
// exists for the whole walk is yielded exactly once however other clients
// insert, delete or modify records, and several windows are read at once so
// that a big export runs at the speed the store's quota allows.
//
// The walk:
//
//  1. The first page (ids from the caller's lower bound, ascending) is read
//     together with the probes that size the windows: the highest matching
//     id and the number of matching records. A short first page ends the
//     walk.
//  2. The ids after the first page, up to the highest id, are cut into
//     windows that should each hold about one page (their width follows
//     the measured density of ids). A record that exists for the whole walk
//     existed when the highest id was probed, so the windows end there:
//     records created during the walk above it are left to the next
//     incremental run, at no extra request. Only when that probe failed is
//     the highest id an estimate; then the window above it has no upper
//     bound (unless the caller set one), read concurrently with the last
//     closed one. Where the API cannot express an open window (customers'
//     id:in), the highest id is probed once more beside the last windows,
//     and new windows cover the growth.
//  3. Up to the client's WithMaxConcurrency windows are in flight at once,
//     through the normal pipeline and throttle. Pages are yielded in window
//     order, so items come in ascending id order, and a window whose page
//     came back full is continued (ids above its last item, same upper
//     bound) before the next window is yielded. Buffered memory is one page
//     per request in flight.
//  4. Every page is checked: ids must lie inside the window asked for and
//     ascend. A server that ignores the id bound or the sort fails the walk
//     with an error instead of repeating or looping.

// idRange is a closed interval of ids; hi == 0 means no upper bound.
type idRange struct{ lo, hi int }

func (r idRange) String() string {
	if r.hi == 0 {
		return fmt.Sprintf("ids >= %d", r.lo)
	}
	return fmt.Sprintf("ids %d..%d", r.lo, r.hi)
}

// idSource tells walkIDs how to read one collection by id.
type idSource[T any] struct {
	// limit is the page size asked for.
	limit int
	// lo and hi are the caller's own id bounds (0: none).
	lo, hi int
	// page fetches up to limit records whose id is in r, in ascending id
	// order, with the caller's other filters.
	page func(ctx context.Context, r idRange) ([]T, *Response, error)
	// idOf returns a record's id.
	idOf func(T) int
	// plan reads the first page and sizes the windows; see walkPlan.
	// Requests it starts in the background must run in wg.
	plan func(ctx context.Context, wg *sync.WaitGroup) (walkPlan[T], error)
	// maxWidth caps the width of a window in ids (0: no cap).
	maxWidth int
	// closed says the API cannot express an open-ended window: the last
	// window ends at the estimated highest id, and reprobe is asked once for
	// the highest id again, beside the last windows.
	closed  bool
	reprobe func(ctx context.Context) (int, error)
}

// walkPlan is what the first requests of a walk found out.
type walkPlan[T any] struct {
	// first is the first page, in ascending id order, when the walk is to
	// yield it (nil when the caller already did: the windows then start at
	// idSource.lo).
	first []T
	// done says first is the whole collection.
	done bool
	// highest is the highest matching id when probed (0: none matched).
	highest int
	// count is the number of matching records (first included); negative
	// when unknown.
	count int
}

// walkIDs returns the iterator of an id-window walk over src with up to
// conc windows in flight.
func walkIDs[T any](ctx context.Context, conc int, src idSource[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		w := &idWalk[T]{src: src, conc: max(conc, 1)}
		defer func() {
			cancel()
			w.wg.Wait() // no request outlives the walk
		}()
		if err := w.run(ctx, yield); err != nil && err != errStopped {
			var zero T
			yield(zero, err)
		}
	}
}

// idWalk is the state of one walk.
type idWalk[T any] struct {
	src  idSource[T]
	conc int
	wg   sync.WaitGroup

	pending []*windowJob[T]    // in id order
	next    int                // first id not yet given to a window
	width   int                // ids per window
	density float64            // estimated records per id above the first page
	highest int                // highest id the windows must reach
	probed  bool               // highest was read from the API, not estimated
	ended   bool               // no more windows
	tail    <-chan result[int] // the second look for the highest id (closed)
}

// windowJob is one page request of a window.
type windowJob[T any] struct {
	r    idRange
	done chan struct{}
	page []T
	err  error
}

// errStopped ends run when the consumer stops ranging; it is never
// yielded.
var errStopped = errors.New("bigcommerce: walk stopped by the consumer")

func (w *idWalk[T]) run(ctx context.Context, yield func(T, error) bool) error {
	p, err := w.src.plan(ctx, &w.wg)
	if err != nil {
		return err
	}
	last := w.src.lo - 1
	if err := checkIDs(p.first, w.src.idOf, idRange{w.src.lo, w.src.hi}, last); err != nil {
		return err
	}
	if p.done {
		return w.emit(p.first, yield)
	}
	if n := len(p.first); n > 0 {
		last = w.src.idOf(p.first[n-1])
	}
	w.size(p, last)
	w.fill(ctx)
	if err := w.emit(p.first, yield); err != nil {
		return err
	}
	for {
		w.fill(ctx)
		if len(w.pending) == 0 {
			if w.tail == nil {
				return nil
			}
			h, err := recv(ctx, w.tail)
			w.tail = nil
			if err != nil {
				return err
			}
			if h < w.next {
				return nil
			}
			w.highest, w.ended = h, false
			continue
		}
		job := w.pending[0]
		select {
		case <-job.done:
		case <-ctx.Done():
			return ctx.Err()
		}
		w.pending = w.pending[1:]
		if job.err != nil {
			return job.err
		}
		if err := checkIDs(job.page, w.src.idOf, job.r, last); err != nil {
			return err
		}
		if n := len(job.page); n > 0 {
			last = w.src.idOf(job.page[n-1])
			if n >= w.src.limit && (job.r.hi == 0 || last < job.r.hi) {
				// Full page: the window may hold more. Read the rest of it
				// before any later window is yielded.
				w.pending = append([]*windowJob[T]{w.launch(ctx, idRange{last + 1, job.r.hi})}, w.pending...)
			}
		}
		if err := w.emit(job.page, yield); err != nil {
			return err
		}
	}
}

// emit yields a page; errStopped when the consumer stopped.
func (w *idWalk[T]) emit(items []T, yield func(T, error) bool) error {
	for _, it := range items {
		if !yield(it, nil) {
			return errStopped
		}
	}
	return nil
}

// checkIDs refuses a page whose ids are outside the range asked for, or not
// ascending, or not above the last id already yielded: the server ignored
// the id bound or the sort, and going on would repeat or skip records.
func checkIDs[T any](items []T, idOf func(T) int, r idRange, last int) error {
	for _, it := range items {
		id := idOf(it)
		if id < r.lo || (r.hi != 0 && id > r.hi) || id <= last {
			return fmt.Errorf("bigcommerce: export asked for %s in ascending id order after id %d but the API answered id %d: it ignored the id range or the sort, so the walk stops instead of repeating or skipping records", r, last, id)
		}
		last = id
	}
	return nil
}

// size cuts the ids after the first page into windows of about one page.
func (w *idWalk[T]) size(p walkPlan[T], last int) {
	limit := w.src.limit
	w.next = last + 1
	w.highest = p.highest
	w.probed = p.highest > 0
	if w.src.hi != 0 && (w.highest == 0 || w.highest > w.src.hi) {
		w.highest = w.src.hi
	}
	w.width, w.density = limit, 1
	span := w.highest - last
	rest := p.count - len(p.first)
	if span > 0 && rest >= 0 && rest < span {
		w.density = float64(rest) / float64(span)
	}
	if span > 0 && rest > 0 && rest < span {
		// Sparse ids: widen the windows so each holds about 90 % of a page
		// (a full page costs one more request for the rest of its window).
		w.width = max(limit, int(float64(span)*0.9*float64(limit)/float64(rest)))
	}
	if w.src.maxWidth > 0 {
		w.width = min(w.width, w.src.maxWidth)
	}
}

// fill launches windows until conc requests are pending or none is left:
// windows of width ids up to the highest id. When the highest id was probed,
// that is all: a record that exists for the whole walk existed when the
// probe was answered, so its id is at most the one probed, and records
// created later need not cost another request (the next incremental run
// reads them). When the highest id is only an estimate (its probe failed),
// one open window above it is read too, unless the API cannot express it.
func (w *idWalk[T]) fill(ctx context.Context) {
	open := !w.src.closed && !w.probed
	for len(w.pending) < w.conc && !w.ended {
		lo := w.next
		if lo > w.highest {
			w.ended = true
			if open && (w.src.hi == 0 || lo <= w.src.hi) {
				w.pending = append(w.pending, w.launch(ctx, idRange{lo, w.src.hi}))
			}
			if reprobe := w.src.reprobe; w.src.closed && reprobe != nil && w.src.hi == 0 {
				// The API cannot read an open window: look once more,
				// beside the last windows, for records created above them.
				// Only once: on a store that keeps growing, chasing every
				// new record would never end (and they did not exist
				// throughout).
				w.src.reprobe = nil
				w.tail = probe(&w.wg, func() (int, error) { return reprobe(ctx) })
			}
			return
		}
		hi := lo + w.width - 1
		if hi >= w.highest || hi < lo { // hi < lo: overflow
			hi = w.highest
			// The last window: when it should come back short, it may as
			// well be the open one. When it may be full, it stays closed and
			// the open window is read beside it, not after it.
			if open && float64(hi-lo+1)*w.density < 0.9*float64(w.src.limit) {
				w.ended = true
				hi = w.src.hi
			}
		}
		w.next = hi + 1
		w.pending = append(w.pending, w.launch(ctx, idRange{lo, hi}))
	}
}

// launch starts one page request.
func (w *idWalk[T]) launch(ctx context.Context, r idRange) *windowJob[T] {
	job := &windowJob[T]{r: r, done: make(chan struct{})}
	w.wg.Go(func() {
		defer close(job.done)
		job.page, _, job.err = w.src.page(ctx, r)
	})
	return job
}

// probe runs f in the walk's wait group and delivers its result on the
// returned channel (buffered: the goroutine never blocks).
func probe[R any](wg *sync.WaitGroup, f func() (R, error)) <-chan result[R] {
	ch := make(chan result[R], 1)
	wg.Go(func() {
		v, err := f()
		ch <- result[R]{v, err}
	})
	return ch
}

// result is a value or an error from a probe.
type result[R any] struct {
	v   R
	err error
}

// recv waits for a probe's result or the end of ctx.
func recv[R any](ctx context.Context, ch <-chan result[R]) (R, error) {
	select {
	case r := <-ch:
		return r.v, r.err
	case <-ctx.Done():
		var zero R
		return zero, ctx.Err()
	}
}

// planWithProbes is the plan of a walk whose API can read an open id range
// (orders, products): it reads the first page while it probes the highest
// matching id and, when count is not nil, the number of matching records
// (otherwise the first page's meta total is used).
func planWithProbes[T any](ctx context.Context, wg *sync.WaitGroup, limit int,
	first func(context.Context) ([]T, *Response, error),
	highest, count func(context.Context) (int, error)) (walkPlan[T], error) {
	hi := probe(wg, func() (int, error) { return highest(ctx) })
	var cnt <-chan result[int]
	if count != nil {
		cnt = probe(wg, func() (int, error) { return count(ctx) })
	}
	items, resp, err := first(ctx)
	if err != nil {
		return walkPlan[T]{}, err
	}
	p := walkPlan[T]{first: items, count: -1}
	if len(items) < limit {
		p.done = true // the probes are cancelled when the walk ends
		return p, nil
	}
	if resp != nil && resp.Pagination != nil && resp.Pagination.Total > 0 {
		p.count = resp.Pagination.Total
	}
	// A probe that failed only sizes the windows less well: without the
	// highest id the rest is one open window read page after page, without
	// the count the windows are one page of ids wide. The walk itself stays
	// exactly-once either way.
	if h, err := recv(ctx, hi); err == nil {
		p.highest = h
	}
	if cnt != nil {
		if n, err := recv(ctx, cnt); err == nil {
			p.count = n
		} else {
			p.count = -1
		}
	}
	return p, ctx.Err()
}
