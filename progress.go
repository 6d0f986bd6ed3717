package bigcommerce

import (
	"context"
	"sync"
	"time"
)

// Progress is how far one long export (an All walk) or one batch write has
// come, as reported to the function given to WithProgress.
type Progress struct {
	// Op names the call: "Orders.All", "Inventory.AdjustAbsolute".
	Op string
	// Done is how many items have been yielded (an export) or sent and
	// answered (a batch write), failed ones included.
	Done int
	// Failed is how many of Done failed or may not have been applied (a
	// batch write's *BatchError Failures and Unknown); 0 for exports.
	Failed int
	// Total is how many items the call expects in all, or -1 when it does
	// not know (a streamed batch write, an export whose store gives no
	// count).
	Total int
	// Elapsed is the time since the call started.
	Elapsed time.Duration
	// Finished is set on the last report of a call, after its last item or
	// its error.
	Finished bool
}

// Rate is the number of items per second so far (0 before any time has
// passed).
func (p Progress) Rate() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Done) / p.Elapsed.Seconds()
}

// Remaining estimates the time left at the rate so far; ok is false when
// Total is unknown or no rate is measured yet.
func (p Progress) Remaining() (d time.Duration, ok bool) {
	r := p.Rate()
	if p.Total < 0 || r <= 0 {
		return 0, false
	}
	left := max(p.Total-p.Done, 0)
	return time.Duration(float64(left) / r * float64(time.Second)), true
}

// progressKey is the context key of WithProgress.
type progressKey struct{}

// WithProgress returns a copy of ctx under which every All walk and batch
// write the SDK runs reports its progress to fn: a walk after each page it
// yielded, a batch write after each chunk, and each once more with
// Finished set when it ends. A walk's Total is the count or
// meta.pagination.total BigCommerce gave when it began (-1 when the
// endpoint gives none); a generic walk's Op is "All " and its endpoint. Reports of one call
// come one at a time and in order (fn need not lock for them), from the
// goroutine that runs the call; calls running at once under the same
// context report to fn concurrently. fn must be quick, since the call waits
// for it. Nothing is printed: fn decides what to do (a log line, a metric,
// a progress bar). Like net/http/httptrace, the hook travels with the
// context, so it covers exactly the calls given that context.
func WithProgress(ctx context.Context, fn func(Progress)) context.Context {
	if fn == nil {
		return ctx
	}
	return context.WithValue(ctx, progressKey{}, fn)
}

// progressOf returns the tracker for one call under ctx (nil, which does
// nothing, when ctx carries no WithProgress). total is -1 when unknown.
func progressOf(ctx context.Context, op string, total int) *progressTracker {
	if ctx == nil { // refused by the call's own context check
		return nil
	}
	fn, _ := ctx.Value(progressKey{}).(func(Progress))
	if fn == nil {
		return nil
	}
	return &progressTracker{fn: fn, p: Progress{Op: op, Total: total}, start: time.Now()}
}

// progressTracker counts one call's items and reports them. Its methods
// may be called on a nil tracker, and from several goroutines.
type progressTracker struct {
	fn    func(Progress)
	start time.Time

	mu       sync.Mutex // held while fn runs, so reports are in order
	p        Progress
	finished bool
}

// setOp names the call once it is known (a generic walk learns its
// endpoint from its first page).
func (t *progressTracker) setOp(op string) {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.p.Op = op
	t.mu.Unlock()
}

// setTotal records the expected number of items once it is known.
func (t *progressTracker) setTotal(total int) {
	if t == nil {
		return
	}
	t.mu.Lock()
	t.p.Total = total
	t.mu.Unlock()
}

// add counts done more items, failed of them failed, and reports.
func (t *progressTracker) add(done, failed int) {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.finished {
		return
	}
	t.p.Done += done
	t.p.Failed += failed
	t.p.Elapsed = time.Since(t.start)
	t.fn(t.p)
}

// finish sends the last report, once.
func (t *progressTracker) finish() {
	if t == nil {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.finished {
		return
	}
	t.finished = true
	t.p.Elapsed = time.Since(t.start)
	t.p.Finished = true
	t.fn(t.p)
}
