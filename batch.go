package bigcommerce

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strings"
	"sync"
)

// A batch write cuts its input into chunks of the endpoint's batch size and
// sends them, at most parallel at once, through one engine (run): the input
// is a slice (batch) or a sequence read as it goes (batchSeq), so a write
// of a million items holds only the chunks in flight. Every failure is
// reported by the item's position in the input, in one *BatchError.

// sendFunc sends one chunk and returns what BigCommerce wrote of it. Its
// error is mapped onto the chunk's items (see batchRun.record): a
// *BatchError's indexes are relative to the chunk.
type sendFunc[In, Out any] func(ctx context.Context, chunk []In) ([]Out, *Response, error)

// chunk is one request's items and their positions in the input.
type chunk[In any] struct {
	seq   int   // the chunk's number, from 0
	items []In  // what is sent
	pos   []int // pos[i] is items[i]'s position in the input
}

// batchRun is the state of one batch write while its chunks are in flight.
type batchRun[In, Out any] struct {
	progress *progressTracker

	mu      sync.Mutex
	berr    BatchError
	last    *Response // of the highest-numbered chunk answered
	lastSeq int
	stopErr error // the first error that is not about the items
}

// run sends the chunks next gives, at most parallel at once, until next
// has no more, the context is done, or a chunk fails with an error that is
// not about its items (401, 403, 429, a 5xx, a transport failure): then no
// further chunk is taken from next, and run returns that cause beside the
// error of the failed chunk. A slot is taken before next is asked for a
// chunk, so the items taken from the input and not yet answered are never
// more than parallel chunks. done, when set, gets each answered chunk with
// what send returned of it, one call at a time.
func (r *batchRun[In, Out]) run(ctx context.Context, parallel int, next func() (chunk[In], bool), send sendFunc[In, Out], done func(chunk[In], []Out)) (stopped error) {
	var wg sync.WaitGroup
	slots := make(chan struct{}, max(parallel, 1))
	for {
		slots <- struct{}{}
		r.mu.Lock()
		stopped = r.stopErr
		r.mu.Unlock()
		if stopped == nil {
			stopped = ctx.Err()
		}
		if stopped != nil {
			<-slots
			break
		}
		ch, ok := next()
		if !ok {
			<-slots
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			out, resp, err := send(ctx, ch.items)
			r.mu.Lock()
			if done != nil {
				done(ch, out)
			}
			failed := r.record(ch, resp, err)
			r.mu.Unlock()
			r.progress.add(len(ch.items), failed)
		}()
	}
	wg.Wait()
	return stopped
}

// record notes one answered chunk (under r.mu) and returns how many of its
// items failed or have an unknown outcome. When err is a *BatchError its
// chunk-relative indexes are mapped to input positions; an error matching
// ErrOutcomeUnknown puts every item in Unknown (they may have been
// written); any other error fails every item, and stops the write when it
// is not about the items.
func (r *batchRun[In, Out]) record(ch chunk[In], resp *Response, err error) int {
	if resp != nil && (r.last == nil || ch.seq >= r.lastSeq) {
		r.last, r.lastSeq = resp, ch.seq
	}
	if err == nil {
		return 0
	}
	if !itemLevel(err) && r.stopErr == nil {
		r.stopErr = err
	}
	var inner *BatchError
	if errors.As(err, &inner) {
		for _, f := range inner.Failures {
			r.berr.Failures = append(r.berr.Failures, BatchFailure{Index: ch.pos[f.Index], Err: f.Err})
		}
		for _, f := range inner.Unknown {
			r.berr.Unknown = append(r.berr.Unknown, BatchFailure{Index: ch.pos[f.Index], Err: f.Err})
		}
		return len(inner.Failures) + len(inner.Unknown)
	}
	list := &r.berr.Failures
	if errors.Is(err, ErrOutcomeUnknown) {
		list = &r.berr.Unknown
	}
	for _, p := range ch.pos {
		*list = append(*list, BatchFailure{Index: p, Err: err})
	}
	return len(ch.pos)
}

// fail records an item that was not sent (a refused item of a streamed
// write, or an item left after the write stopped).
func (r *batchRun[In, Out]) fail(pos int, err error) {
	r.mu.Lock()
	r.berr.Failures = append(r.berr.Failures, BatchFailure{Index: pos, Err: err})
	r.mu.Unlock()
}

// result is the write's last *Response and its *BatchError (nil when every
// item was written), its lists in input order.
func (r *batchRun[In, Out]) result(total int) (*Response, error) {
	r.progress.finish()
	last := r.last
	if last == nil {
		last = &Response{}
	}
	if len(r.berr.Failures) == 0 && len(r.berr.Unknown) == 0 {
		return last, nil
	}
	byIndex := func(a, b BatchFailure) int { return cmp.Compare(a.Index, b.Index) }
	slices.SortStableFunc(r.berr.Failures, byIndex)
	slices.SortStableFunc(r.berr.Unknown, byIndex)
	r.berr.Total = total
	berr := r.berr
	return last, &berr
}

// batch writes items in chunks of at most size, running at most parallel
// chunks at once, and returns every written item in input order with the
// last chunk's *Response. Failures come back as one *BatchError naming the
// failed input indexes (see batchRun.record). After an error that is not
// about the items themselves (401, 403, 429, a 5xx, a transport failure, a
// cancelled context) no further chunk is sent; its items are reported as
// failed with a not-sent error. op names the write in progress reports
// (WithProgress), whose Total is len(items).
func batch[In, Out any](ctx context.Context, op string, items []In, size, parallel int, send sendFunc[In, Out]) ([]Out, *Response, error) {
	if err := checkContext(op, ctx); err != nil {
		return nil, &Response{}, err
	}
	if len(items) == 0 {
		return nil, &Response{}, nil
	}
	outs := make([][]Out, (len(items)+size-1)/size)
	taken := 0
	next := func() (chunk[In], bool) {
		if taken >= len(items) {
			return chunk[In]{}, false
		}
		hi := min(taken+size, len(items))
		ch := chunk[In]{seq: taken / size, items: items[taken:hi:hi], pos: make([]int, hi-taken)}
		for i := range ch.pos {
			ch.pos[i] = taken + i
		}
		taken = hi
		return ch, true
	}
	r := &batchRun[In, Out]{progress: progressOf(ctx, op, len(items))}
	stopped := r.run(ctx, parallel, next, send, func(ch chunk[In], out []Out) { outs[ch.seq] = out })
	if stopped != nil {
		notSent := newNotSent(stopped)
		for p := taken; p < len(items); p++ {
			r.fail(p, notSent)
		}
	}
	var all []Out
	for _, out := range outs {
		all = append(all, out...)
	}
	resp, err := r.result(len(items))
	return all, resp, err
}

// batchSeq is batch for items read from a sequence as they are sent: it
// holds at most parallel chunks of items (and their answers) at once,
// whatever the sequence's length, and keeps nothing of what BigCommerce
// answers. check, when set, vets each item as it is read: a refused item
// (check's error, best a *ValidationError) is reported as a failure at its
// position and not sent, and the write goes on. BatchError indexes are
// positions in the sequence, from 0; its Total is the number of items read.
// After an error that stops the write (see batch) the sequence is not read
// any further: the items from position Total on were neither read nor
// sent, and the error says so (beside the *BatchError, if any, through
// errors.Join): it matches ErrNotWritten and unwraps to the error that
// stopped the write, even when every item read was written.
// An empty sequence sends nothing and returns no error. Progress reports
// have Total -1 until the sequence ends, then the number of items read.
func batchSeq[In, Out any](ctx context.Context, op string, items iter.Seq[In], size, parallel int, check func(pos int, item In) error, send sendFunc[In, Out]) (*Response, error) {
	if err := checkContext(op, ctx); err != nil {
		return &Response{}, err
	}
	if items == nil {
		return &Response{}, invalid(op, "the item sequence is nil")
	}
	pull, stop := iter.Pull(items)
	defer stop()
	r := &batchRun[In, Out]{progress: progressOf(ctx, op, -1)}
	read, seq := 0, 0
	next := func() (chunk[In], bool) {
		ch := chunk[In]{seq: seq}
		for len(ch.items) < size {
			item, ok := pull()
			if !ok {
				r.progress.setTotal(read)
				break
			}
			pos := read
			read++
			if check != nil {
				if err := check(pos, item); err != nil {
					r.fail(pos, err)
					r.progress.add(1, 1)
					continue
				}
			}
			ch.items = append(ch.items, item)
			ch.pos = append(ch.pos, pos)
		}
		seq++
		return ch, len(ch.items) > 0
	}
	stopped := r.run(ctx, parallel, next, send, nil)
	resp, err := r.result(read)
	if stopped != nil {
		if _, more := pull(); more {
			// The rest of the sequence was neither read nor sent: say so,
			// even when every item read was written.
			rest := &seqRestError{op: op, from: read, cause: newNotSent(stopped)}
			if err == nil {
				return resp, rest
			}
			return resp, errors.Join(err, rest)
		}
	}
	return resp, err
}

// seqRestError says that a streamed batch write stopped (a cancelled
// context, or an error not about the items: 401, 429, a 5xx) before the end
// of its sequence: the items from position from on were neither read nor
// sent. It matches ErrNotWritten and unwraps to the error that stopped the
// write.
type seqRestError struct {
	op    string
	from  int
	cause error
}

// Error implements error.
func (e *seqRestError) Error() string {
	return fmt.Sprintf("bigcommerce: %s stopped before the end of its sequence: the items from position %d on were neither read nor sent (%s)", e.op, e.from, strings.TrimPrefix(e.cause.Error(), "bigcommerce: "))
}

// Unwrap returns the error that stopped the write.
func (e *seqRestError) Unwrap() error { return e.cause }

// parallel is how many requests of one batch write run at once: the limit
// BigCommerce documents for the endpoint (documented > 0), never more than
// the client's WithMaxConcurrency, which is the limit when none is
// documented.
func (c *Client) parallel(documented int) int {
	if documented <= 0 || documented > cap(c.sem) {
		return cap(c.sem)
	}
	return documented
}

// itemLevel reports whether err is about the items sent (validation,
// conflict, partial success), so the other chunks are still worth sending.
func itemLevel(err error) bool {
	var be *BatchError
	var ms *MultiStatusError
	var ve *ValidationError
	if errors.As(err, &be) || errors.As(err, &ms) || errors.As(err, &ve) {
		return true
	}
	var e *Error
	if errors.As(err, &e) {
		switch e.StatusCode {
		case http.StatusBadRequest, http.StatusNotFound, http.StatusConflict, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
			return true
		}
	}
	return false
}
