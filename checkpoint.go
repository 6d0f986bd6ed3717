package bigcommerce

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"
)

// DefaultSyncOverlap is the Overlap of a Checkpoint that sets none: how far
// before its high-water mark the next run of an incremental sync starts.
const DefaultSyncOverlap = 2 * time.Minute

// syncClockSkew is how far this machine's clock may be ahead of
// BigCommerce's without a second change within the same second being taken
// for the first: records modified within it (plus one second, dates'
// precision) of a run's start are not remembered as delivered, so the next
// run delivers them again. (That a change is read at all depends on
// Checkpoint.Overlap, which must exceed the clocks' difference.)
const syncClockSkew = 10 * time.Second

// Checkpoint is where an incremental sync (Orders.Sync, Products.Sync,
// Customers.Sync) stands: the date_modified lower bound of the next run,
// the records the last run delivered near that bound, and, while a run is
// under way, the last id it delivered. It is a plain value that encodes to
// JSON and back: save it (json.Marshal) whenever convenient and pass it
// back to Sync in a later process.
//
// The zero Checkpoint starts with every record. A run that ends (the walk
// was read to its end without an error) moves Since up to the start of that
// run minus Overlap; a run that stops (an error, a break, a crash before
// the checkpoint was saved again) keeps its place, and the next Sync with
// this Checkpoint resumes after the last id it delivered, with the same
// lower bound. Every record that exists throughout is therefore delivered
// exactly once per change: a record is delivered again only when it was
// modified since it was delivered (or, see Seen, within a few seconds of a
// run's start).
//
// A walk that ends in ErrIncompleteWalk (BigCommerce, or something
// between, answered in a way that may have skipped records) leaves the run
// to be read again from its first id, with the same lower bound and start:
// the next Sync delivers what this attempt missed, skips the records it
// delivered that the Checkpoint still remembers (those near the latest
// date), and may deliver others again, but loses none.
//
// Sync updates the Checkpoint before it yields each record, so a saved
// copy counts every record yielded up to then: save it after the record in
// hand is stored, never before, and not at all when storing it failed
// (the copy saved last still resumes before that record). A yielded error
// leaves the Checkpoint at the last record yielded, ready to save.
//
// One Checkpoint follows one resource of one store with one set of other
// filters; keep one per resource.
type Checkpoint struct {
	// Since is the lower bound (inclusive) on date_modified of the run
	// under way or the next one; zero for everything.
	Since time.Time `json:"since,omitzero"`
	// Overlap is how far before the latest date_modified a run saw (or
	// its start, if earlier) the next run starts, so that clock skew and
	// late writes cannot hide a change; 0 means DefaultSyncOverlap.
	Overlap time.Duration `json:"overlap,omitempty"`
	// Seen lists the records already delivered whose date_modified is at
	// or after Since (id to date_modified): the next run reads them again
	// because of the overlap and skips those that did not change. Records
	// modified within syncClockSkew plus one second of the run's start are
	// left out (a second change within the same second would carry the
	// same date), so those few are delivered again.
	Seen map[int]time.Time `json:"seen,omitempty"`
	// Run is the run under way; nil between runs.
	Run *CheckpointRun `json:"run,omitempty"`
}

// CheckpointRun is a Checkpoint's run under way.
type CheckpointRun struct {
	// Start is when the run began (its first attempt, when resumed).
	Start time.Time `json:"start"`
	// AfterID is the last id the run delivered (or skipped as unchanged);
	// a resumed run starts after it.
	AfterID int `json:"after_id,omitempty"`
	// Delivered and Skipped count the records the run yielded and the
	// unchanged ones it left out, over all its attempts.
	Delivered int `json:"delivered,omitempty"`
	Skipped   int `json:"skipped,omitempty"`
	// MaxSeen is the latest date_modified the run read.
	MaxSeen time.Time `json:"max_seen,omitzero"`
	// Observed holds the records read (id to date_modified) that may still
	// matter to the next Seen: those inside the overlap of the latest date.
	Observed map[int]time.Time `json:"observed,omitempty"`
	// kept is the size of Observed after it was last pruned.
	kept int
}

// overlap is the Overlap in force.
func (cp *Checkpoint) overlap() time.Duration {
	if cp.Overlap > 0 {
		return cp.Overlap
	}
	return DefaultSyncOverlap
}

// syncSource tells syncWalk how to read one resource.
type syncSource[T any] struct {
	// walk reads every record modified at or after since (zero: all) with
	// an id above afterID, in ascending id order.
	walk   func(ctx context.Context, since time.Time, afterID int) iter.Seq2[T, error]
	idOf   func(T) int
	dateOf func(T) time.Time
}

// syncWalk is the iterator of a Sync: it walks src from cp, leaves out the
// records cp.Seen says were delivered unchanged, and keeps cp up to date
// before each record is yielded, so that a checkpoint saved after the
// record was stored covers it. When the walk ends without an error, cp
// moves on to the next run.
func syncWalk[T any](ctx context.Context, op string, cp *Checkpoint, src syncSource[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		if cp == nil {
			var zero T
			yield(zero, invalid(op, "checkpoint is nil: pass &bigcommerce.Checkpoint{} for a first run"))
			return
		}
		if err := checkContext(op, ctx); err != nil {
			var zero T
			yield(zero, err)
			return
		}
		if cp.Run == nil {
			cp.Run = &CheckpointRun{Start: time.Now().UTC()}
		}
		run := cp.Run
		for item, err := range src.walk(ctx, cp.Since, run.AfterID) {
			if err != nil {
				if errors.Is(err, ErrIncompleteWalk) {
					// The walk may have passed over records below the
					// last id it yielded: the next Sync reads the run
					// again from its first id, never past what it missed.
					run.AfterID = 0
				}
				var zero T
				yield(zero, err)
				return
			}
			id, modified := src.idOf(item), src.dateOf(item)
			if id <= run.AfterID {
				var zero T
				yield(zero, fmt.Errorf("bigcommerce: %s: the walk gave id %d after id %d: a checkpoint needs ascending ids, so the sync stops rather than repeat or skip records", op, id, run.AfterID))
				return
			}
			prev, readBefore := run.Observed[id] // by an attempt that ended in ErrIncompleteWalk
			run.AfterID = id
			run.observe(id, modified, cp.Since, cp.overlap())
			if seen, ok := cp.Seen[id]; ok && seen.Equal(modified) || readBefore && prev.Equal(modified) {
				run.Skipped++
				continue
			}
			run.Delivered++
			if !yield(item, nil) {
				return
			}
		}
		cp.advance()
	}
}

// observe remembers a record read for the next Seen, dropping those that
// can no longer matter.
func (r *CheckpointRun) observe(id int, modified, since time.Time, overlap time.Duration) {
	if r.Observed == nil {
		r.Observed = map[int]time.Time{}
	}
	r.Observed[id] = modified.UTC()
	if modified.After(r.MaxSeen) {
		r.MaxSeen = modified.UTC()
	}
	// Prune when the map has doubled since the last pruning, so that this
	// stays cheap on average.
	if len(r.Observed) < max(1024, 2*r.kept) {
		return
	}
	floor := r.nextSince(since, overlap)
	for id, m := range r.Observed {
		if m.Before(floor) {
			delete(r.Observed, id)
		}
	}
	r.kept = len(r.Observed)
}

// nextSince is the Since of the run after r: the earlier of the latest
// date_modified read (BigCommerce's clock) and r's start (ours: a record
// changed during the run may have been passed over), minus overlap, never
// before since.
func (r *CheckpointRun) nextSince(since time.Time, overlap time.Duration) time.Time {
	next := r.Start
	if !r.MaxSeen.IsZero() && r.MaxSeen.Before(next) {
		next = r.MaxSeen
	}
	next = next.Add(-overlap).UTC().Truncate(time.Second)
	if next.Before(since) {
		return since
	}
	return next
}

// advance ends the run under way: Since moves up and Seen holds the
// records delivered inside the new overlap. A run that read nothing keeps
// Since where it was.
func (cp *Checkpoint) advance() {
	run := cp.Run
	cp.Run = nil
	if run == nil || len(run.Observed) == 0 {
		return
	}
	next := run.nextSince(cp.Since, cp.overlap())
	settled := run.Start.Add(-time.Second - syncClockSkew)
	seen := map[int]time.Time{}
	for id, m := range run.Observed {
		if !m.Before(next) && m.Before(settled) {
			seen[id] = m
		}
	}
	cp.Since, cp.Seen = next, nil
	if len(seen) > 0 {
		cp.Seen = seen
	}
}
