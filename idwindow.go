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
//     walk, unless the count or the page's meta.pagination says more
//     records match.
//  2. The ids after the first page, up to the highest id, are cut into
//     windows that should each hold about one page (their width follows
//     the measured density of ids). A record that exists for the whole walk
//     existed when the highest id was probed, so the windows end there:
//     records created during the walk above it are left to the next
//     incremental run, at no extra request. When that probe failed, or
//     named an id below one the first page holds (a server that ignores
//     the sort), the highest id is only an estimate (from the count and the
//     first page's density, else none); then the window above it has no
//     upper bound (unless the caller set one) and is read page after page
//     until a short page, concurrently with the last closed one. Where the
//     API cannot express an open window (customers' id:in), the highest id
//     is probed once more beside the last windows, and new windows cover
//     the growth.
//  3. Up to the client's WithMaxConcurrency windows are in flight at once,
//     through the normal pipeline and throttle. Pages are yielded in window
//     order, so items come in ascending id order, and a window whose page
//     came back full (or short with a meta.pagination that counts more) is
//     continued (ids above its last item, same upper bound) before the next
//     window is yielded. Buffered memory is one page per request in flight.
//  4. Every page is checked against what was asked and what was seen:
//     - ids must ascend, above the window's lower bound and above every id
//       already yielded: a server that ignores the lower bound or the sort
//       fails the walk with an ErrIncompleteWalk error instead of repeating
//       or skipping records;
//     - ids above the window's upper bound (a server that ignores it) are
//       dropped from that page, which then holds the whole window: those
//       records are read with their own window;
//     - when the last closed window comes back full, or with ids above the
//       highest id probed, while fewer records were yielded than the count
//       said, the probe is not trusted: an open window above it is read
//       until a short page;
//     - at the end, the records yielded are compared with the count (read
//       again when they fall short), see walkTally.check.

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
	// op names the walk ("Orders.All"), what its records ("orders") and
	// bounds the id filters of a window ("min_id and max_id"), for errors.
	op, what, bounds string
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
	// countSource names where walkPlan.count came from, for errors
	// ("GET /v2/orders/count"); recount, when set, reads it again (same
	// meaning as walkPlan.count) at the end of a walk whose records fall
	// short of it.
	countSource string
	// before is how many records the caller yielded before the walk (a
	// first page read to choose the walk): progress reports count them,
	// the count check does not.
	before  int
	recount func(ctx context.Context) (int, error)
}

// walkPlan is what the first requests of a walk found out.
type walkPlan[T any] struct {
	// first is the first page, in ascending id order, when the walk is to
	// yield it (nil when the caller already did: the windows then start at
	// idSource.lo).
	first []T
	// done says first is the whole collection.
	done bool
	// highest is the highest matching id when probed (0: none matched, or
	// the probe failed).
	highest int
	// count is the number of records the walk is to yield (first
	// included); negative when unknown.
	count int
}

// walkIDs returns the iterator of an id-window walk over src with up to
// conc windows in flight.
func walkIDs[T any](ctx context.Context, conc int, src idSource[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		ctx, cancel := context.WithCancel(ctx)
		w := &idWalk[T]{src: src, conc: max(conc, 1), tally: newTally(ctx, src.op, src.what, src.countSource)}
		w.tally.recount = src.recount
		w.tally.before, w.tally.reported = src.before, -src.before
		defer func() {
			w.tally.finish()
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
	src   idSource[T]
	conc  int
	wg    sync.WaitGroup
	tally *walkTally

	pending []*windowJob[T]    // in id order
	next    int                // first id not yet given to a window
	width   int                // ids per window
	density float64            // estimated records per id above the first page
	highest int                // highest id the windows must reach
	probed  bool               // highest was read from the API, not estimated
	ended   bool               // no more windows
	above   bool               // the open window above the probed highest id was read
	tail    <-chan result[int] // the second look for the highest id (closed)
}

// windowJob is one page request of a window.
type windowJob[T any] struct {
	r    idRange
	last bool // the last closed window (or its continuation), ending at the probed highest id
	done chan struct{}
	page []T
	resp *Response
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
	w.tally.told(p.count)
	last := w.src.lo - 1
	first, cut, err := w.accept(p.first, idRange{w.src.lo, w.src.hi}, last)
	if err != nil {
		return err
	}
	if p.done || cut {
		if err := w.emit(first, yield); err != nil {
			return err
		}
		return w.tally.check(ctx)
	}
	if n := len(first); n > 0 {
		last = w.src.idOf(first[n-1])
	}
	w.size(p, first, last)
	w.fill(ctx)
	if err := w.emit(first, yield); err != nil {
		return err
	}
	for {
		w.fill(ctx)
		if len(w.pending) == 0 {
			if w.tail == nil {
				return w.tally.check(ctx)
			}
			h, err := recv(ctx, w.tail)
			w.tail = nil
			if err != nil {
				return err
			}
			if h < w.next {
				return w.tally.check(ctx)
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
		page, cut, err := w.accept(job.page, job.r, last)
		if err != nil {
			return err
		}
		more := cut || pageLeavesMore(1, len(job.page), w.src.limit, job.resp)
		if n := len(page); n > 0 {
			last = w.src.idOf(page[n-1])
		}
		switch {
		case more && !cut && (job.r.hi == 0 || last < job.r.hi):
			// Full page: the window may hold more. Read the rest of it
			// before any later window is yielded.
			w.pending = append([]*windowJob[T]{w.launch(ctx, idRange{last + 1, job.r.hi}, job.last)}, w.pending...)
		case more && job.last && w.openAbove():
			// The last closed window came back full, or with ids above the
			// highest id probed, and the records yielded fall short of the
			// count: the probe may have been stale or wrong. Read what is
			// above it page after page until a short page.
			w.above = true
			w.pending = append(w.pending, w.launch(ctx, idRange{job.r.hi + 1, w.src.hi}, false))
		}
		if err := w.emit(page, yield); err != nil {
			return err
		}
	}
}

// openAbove reports whether the walk reads an open window above the
// probed highest id, once its last closed window came back with signs of
// more records above it (full, or with ids above it).
func (w *idWalk[T]) openAbove() bool {
	if w.above || w.src.closed || (w.src.hi != 0 && w.highest >= w.src.hi) {
		return false
	}
	// A full last window may end at a page boundary, or the probe (and
	// the count with it) may be stale: one more request tells.
	return true
}

// emit yields a page; errStopped when the consumer stopped.
func (w *idWalk[T]) emit(items []T, yield func(T, error) bool) error {
	for _, it := range items {
		w.tally.yielded++
		if !yield(it, nil) {
			return errStopped
		}
	}
	w.tally.flush()
	return nil
}

// accept checks a page of the window r read after the id last (checkIDs)
// and drops its ids above r.hi, which a server that ignores the upper bound
// returns: the page, ascending from the lower bound, then holds every id of
// the window (cut reports it), and the ids above are read by their own
// windows.
func (w *idWalk[T]) accept(items []T, r idRange, last int) (page []T, cut bool, err error) {
	if err := checkIDs(w.src.op, w.src.what, w.src.bounds, items, w.src.idOf, r, last); err != nil {
		return nil, false, err
	}
	if r.hi != 0 {
		for i, it := range items {
			if w.src.idOf(it) > r.hi {
				return items[:i], true, nil
			}
		}
	}
	return items, false, nil
}

// checkIDs refuses a page whose ids are below the range asked for, or not
// ascending, or not above the last id already yielded: the server ignored
// the lower id bound or the sort, and going on would repeat or skip
// records. (Ids above the range are the caller's to drop: see accept.)
func checkIDs[T any](op, what, bounds string, items []T, idOf func(T) int, r idRange, last int) error {
	for _, it := range items {
		id := idOf(it)
		if id >= r.lo && id > last {
			last = id
			continue
		}
		asked := fmt.Sprintf("%s in ascending id order", r)
		if bounds != "" {
			asked = fmt.Sprintf("%s (%s) in ascending id order", r, bounds)
		}
		meaning := "it ignored the id range or the sort"
		if id < r.lo {
			meaning = "it ignored the id range (its lower bound) or the sort"
		}
		return contradiction("bigcommerce: %s: the walk asked for %s %s, after id %d, but the API answered id %d: %s, so the walk stops here instead of repeating or skipping %s. Each %s yielded before was yielded once; %s (to resume, walk again from id %d)",
			op, what, asked, last, id, meaning, what, singular(what), incompleteAdvice, last+1)
	}
	return nil
}

// singular returns "record" for the message of a walk whose records are
// not named, else "one of them".
func singular(what string) string {
	if what == "" {
		return "record"
	}
	return "one of the " + what
}

// size cuts the ids after the first page (which ends at the id last) into
// windows of about one page.
func (w *idWalk[T]) size(p walkPlan[T], first []T, last int) {
	limit := w.src.limit
	w.next = last + 1
	rest := p.count - len(first)
	if p.highest > 0 && p.highest < last {
		// The probe named an id below one the first page holds: the server
		// did not sort it (or it is stale). Do not trust it: estimate.
		p.highest = 0
	}
	w.highest = p.highest
	w.probed = p.highest > 0
	if !w.probed && rest > 0 && len(first) > 1 {
		// Estimate the highest id from the count and the density of the
		// first page; the open window above the estimate reads the rest.
		lo := w.src.idOf(first[0])
		if perID := float64(len(first)-1) / float64(last-lo); last > lo && perID > 0 {
			w.highest = last + int(float64(rest)/perID)
		}
	}
	if w.src.hi != 0 && (w.highest == 0 || w.highest > w.src.hi) {
		w.highest = w.src.hi
	}
	w.width, w.density = limit, 1
	span := w.highest - last
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
// windows of width ids up to the highest id. The last window, when it
// should come back short, is open-ended (unless the API cannot express
// it), so records above the highest id probed (created since, or missed by
// a stale probe, even one whose count agrees) are read at no extra
// request; when it may come back full it stays closed and is marked, and
// if it does come back full the walk reads an open window above it (one
// more request). When the highest id is only an estimate, one open window
// above it is read too.
func (w *idWalk[T]) fill(ctx context.Context) {
	open := !w.src.closed && !w.probed
	for len(w.pending) < w.conc && !w.ended {
		lo := w.next
		if lo > w.highest {
			w.ended = true
			if open && (w.src.hi == 0 || lo <= w.src.hi) {
				w.pending = append(w.pending, w.launch(ctx, idRange{lo, w.src.hi}, false))
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
		final := false
		if hi >= w.highest || hi < lo { // hi < lo: overflow
			hi, final = w.highest, w.probed
			// The last window: when it should come back short, it may as
			// well be the open one. When it may be full, it stays closed and
			// the open window is read beside it, not after it.
			if !w.src.closed && float64(hi-lo+1)*w.density < 0.9*float64(w.src.limit) {
				// Open also above a probed highest id, at no extra
				// request: records the probe did not see (created since,
				// or a stale probe) are read, page after page, instead
				// of being left out in silence.
				w.ended, final = true, false
				hi = w.src.hi
			}
		}
		w.next = hi + 1
		w.pending = append(w.pending, w.launch(ctx, idRange{lo, hi}, final))
	}
}

// launch starts one page request.
func (w *idWalk[T]) launch(ctx context.Context, r idRange, last bool) *windowJob[T] {
	job := &windowJob[T]{r: r, last: last, done: make(chan struct{})}
	w.wg.Go(func() {
		defer close(job.done)
		job.page, job.resp, job.err = w.src.page(ctx, r)
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
// (otherwise the first page's meta total is used). skipped is the number of
// records before the first page (a walk that starts at a later page), taken
// off the count.
func planWithProbes[T any](ctx context.Context, wg *sync.WaitGroup, limit, skipped int,
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
	if resp != nil && resp.Pagination != nil && resp.Pagination.Total > 0 {
		p.count = max(resp.Pagination.Total-skipped, 0)
	}
	if !pageLeavesMore(skipped/limit+1, len(items), limit, resp) {
		// A short first page is the whole collection, unless the count
		// asked for beside it says more records match (a server that
		// serves fewer than the limit asked): then the windows read on.
		if cnt == nil {
			p.done = true // the probes are cancelled when the walk ends
			return p, nil
		}
		n, err := recv(ctx, cnt)
		if err != nil || n-skipped <= len(items) {
			p.done = true
			return p, nil
		}
		p.count, cnt = n-skipped, nil
	}
	// A probe that failed only sizes the windows less well: without the
	// highest id the rest is read by windows up to an estimate and one
	// open window read page after page, without the count the windows are
	// one page of ids wide. The walk itself stays exactly-once either way.
	if h, err := recv(ctx, hi); err == nil {
		p.highest = h
	}
	if cnt != nil {
		if n, err := recv(ctx, cnt); err == nil {
			p.count = max(n-skipped, 0)
		} else {
			p.count = -1
		}
	}
	return p, ctx.Err()
}
