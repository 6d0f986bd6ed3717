package bigcommerce

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// This file holds what every All walk uses to cross-check what the API tells
// it against what it has seen (ARCHITECTURE.md, "Walks and the exactly-once
// rule"): the error of a contradiction the walk cannot work around, the
// test of whether a page leaves records after it, and the comparison, at
// the end of a walk, of the records yielded with the count or
// meta.pagination.total the API gave.

// ErrIncompleteWalk matches the error an All walk yields when the API's
// answers contradict the request or each other in a way the walk cannot
// work around, so that the walk may not have yielded every matching record:
// a page holds ids below the range asked for or out of the order asked for
// (the API ignored an id filter or the sort), a cursor comes back
// unchanged, or the walk ends with fewer records than the API's count said
// by more than concurrent changes explain. Every record yielded before the
// error was yielded once; the error is yielded last.
//
//	for order, err := range client.Orders.All(ctx, nil) {
//		if errors.Is(err, bigcommerce.ErrIncompleteWalk) {
//			// the export is incomplete: do not advance the sync's checkpoint
//		}
//		...
//	}
//
// A contradiction the walk can work around does not fail it: for example
// when the probe of the highest id names an id below one already seen (a
// server that ignores the sort), the walk reads the rest page after page
// until a short page instead of trusting the probe.
var ErrIncompleteWalk = errors.New("bigcommerce: walk incomplete: the API's answers contradict the request or each other")

// walkError is a contradiction a walk cannot work around. It matches
// ErrIncompleteWalk.
type walkError struct{ msg string }

// Error implements error.
func (e *walkError) Error() string { return e.msg }

// Is reports true for ErrIncompleteWalk.
func (e *walkError) Is(target error) bool { return target == ErrIncompleteWalk }

// contradiction returns a walkError with the formatted message, which says
// what was asked, what came back, what that means and what to do.
func contradiction(format string, args ...any) error {
	return &walkError{msg: fmt.Sprintf(format, args...)}
}

// incompleteAdvice ends the message of a walk stopped by a contradiction.
const incompleteAdvice = "check that nothing between this client and BigCommerce (a proxy, a cache, a gateway) drops or rewrites query parameters or answers, then run the export again"

// defaultPageSize is the page BigCommerce serves when a list request has no
// limit (50, on the V2 and V3 lists alike).
const defaultPageSize = 50

// pageLeavesMore reports whether the answer to a request for page number
// page (1 for a request without one: an id range, a cursor) of limit
// records, which held n, leaves records after it: n is limit or more, or
// the server serves smaller pages than asked for and this one is full.
// That shows as a meta (meta.pagination or meta.cursor_pagination) whose
// per_page is below limit while n reaches it, or a meta.pagination that
// names more pages (total_pages) or, without them, counts records beyond
// this page (total); with no total to say (V2 lists, cursor pages), a page of exactly defaultPageSize records when more were
// asked for is taken as one: it is what a proxy that drops the limit
// parameter serves, and believing it the last would end the walk after 50
// records in silence (one more request tells, and only when a page holds
// exactly 50). An empty page leaves none, so a walk that goes on after a
// short page always ends.
func pageLeavesMore(page, n, limit int, resp *Response) bool {
	if n >= limit {
		return true
	}
	if n == 0 {
		return false
	}
	var p *Pagination
	if resp != nil {
		p = resp.Pagination
	}
	switch {
	case p != nil && p.PerPage > 0 && p.PerPage < limit && n >= p.PerPage:
		return true
	case p != nil && p.TotalPages > 0:
		return max(page, 1) < p.TotalPages
	case p != nil && p.Total > 0:
		per := p.PerPage
		if per <= 0 {
			per = limit
		}
		return p.Total > (max(page, 1)-1)*per+n
	}
	return n == defaultPageSize && limit > defaultPageSize
}

// pageCheck cross-checks the pages of a walk by page number (an offset
// walk, or a cursor walk that goes on by page number) against each other:
// it refuses a page that repeats the page before it, and a full page beyond
// the last page its own meta.pagination names.
type pageCheck[T any] struct {
	op   string
	prev []T
}

// check is called with each page in order: number is the page asked for
// (0 for a page asked for by cursor), items its records, limit the page
// size asked for, resp its answer.
func (c *pageCheck[T]) check(number int, items []T, limit int, resp *Response) error {
	prev := c.prev
	c.prev = items
	path := "the list"
	if resp != nil && resp.Response != nil && resp.Request != nil {
		path = "GET " + apiPath(resp.Request.URL.Path)
	}
	if len(items) > 0 && len(items) == len(prev) && reflect.DeepEqual(items, prev) {
		// Two pages of the same records: the API ignored the page number
		// (or the cursor), and reading on would repeat them forever.
		asked := fmt.Sprintf("page %d", number)
		if number == 0 {
			asked = "the page after the cursor"
		}
		return contradiction("bigcommerce: %s: %s answered %s with the same %d records as the page before it: it ignored the page number or the cursor asked for, so the walk stops instead of repeating records. Each record yielded was yielded once; %s",
			c.op, path, asked, len(items), incompleteAdvice)
	}
	if number == 0 || resp == nil || resp.Pagination == nil || len(items) < limit {
		return nil
	}
	if p := resp.Pagination; p.TotalPages > 0 && number > p.TotalPages {
		return contradiction("bigcommerce: %s: %s answered page %d with a full page of %d records, although its meta.pagination says there are %d pages (%d records): the total is wrong or stale, or the API ignored the page parameter, so the walk stops instead of guessing where the records end. Each record yielded was yielded once; %s",
			c.op, path, number, len(items), p.TotalPages, p.Total, incompleteAdvice)
	}
	return nil
}

// walkTally is what a walk was told about the number of records it should
// yield, and how many it yielded, for the check at its end (check).
type walkTally struct {
	// op names the walk ("Orders.All"), what its records ("orders").
	op, what string
	// source names where the total came from ("GET /v2/orders/count",
	// "meta.pagination.total of GET /v3/catalog/products").
	source string
	// start is the first total the API gave, low the lowest; -1 when none.
	start, low int
	// yielded counts the records yielded.
	yielded int
	// skipped is the number of records the totals count before the walk's
	// start (a walk that starts at a later page); learn takes it off.
	skipped int
	// recount, when set, reads the total again at the end of the walk; it
	// is only called when the yielded records fall short of the lowest
	// total seen so far.
	recount func(context.Context) (int, error)
	// progress reports the walk to ctx's WithProgress hook (nil: none);
	// reported is the number of records it was last told of.
	progress *progressTracker
	reported int
	// before is how many records were yielded before the walk began (they
	// count in progress reports only; reported starts at -before).
	before int
	// uncounted says the API's totals do not count the walk's records (a
	// walk from a cursor): learn ignores them and check passes.
	uncounted bool
}

// newTally returns a tally that knows no total yet, and reports the walk's
// progress when ctx carries a WithProgress hook. The walk calls flush after
// each page it yielded and finish when it ends.
func newTally(ctx context.Context, op, what, source string) *walkTally {
	return &walkTally{op: op, what: what, source: source, start: -1, low: -1, progress: progressOf(ctx, op, -1)}
}

// flush reports the records yielded since the last report.
func (t *walkTally) flush() {
	if t == nil || t.progress == nil || t.yielded == t.reported {
		return
	}
	t.progress.add(t.yielded-t.reported, 0)
	t.reported = t.yielded
}

// finish sends the walk's last progress report.
func (t *walkTally) finish() {
	if t == nil {
		return
	}
	t.flush()
	t.progress.finish()
}

// told records a total the API gave (ignored when negative).
func (t *walkTally) told(total int) {
	if t == nil || total < 0 {
		return
	}
	if t.start < 0 {
		t.start = total
		t.progress.setTotal(total + t.before)
	}
	if t.low < 0 || total < t.low {
		t.low = total
	}
}

// learn records the meta.pagination.total of a page (none on a V2 page or
// a cursor page) and names the page's endpoint (see name).
func (t *walkTally) learn(resp *Response) {
	if t == nil || resp == nil {
		return
	}
	t.name(resp)
	if p := resp.Pagination; p != nil && !t.uncounted {
		if n := metaTotal(p); n >= 0 {
			t.told(max(n-t.skipped, 0))
		}
	}
}

// name completes the source of a tally that says only
// "meta.pagination.total" (a walk that does not know its endpoint) with the
// endpoint of a page's request.
func (t *walkTally) name(resp *Response) {
	if t != nil && t.source == "meta.pagination.total" && resp != nil && resp.Response != nil && resp.Request != nil {
		path := apiPath(resp.Request.URL.Path)
		t.source += " of GET " + path
		if t.op == "All" {
			t.progress.setOp("All " + path)
		}
	}
}

// metaTotal is p's total when p carries one (a page of a list that pages
// by number), else -1 (V2 pages and cursor pages have none).
func metaTotal(p *Pagination) int {
	if p.Total <= 0 && p.TotalPages <= 0 {
		return -1
	}
	return p.Total
}

// shortfallSlack is how far the records a complete walk yields may fall
// short of the lowest total the API gave: 1 % of that total, plus 10.
//
// A record that exists for the whole walk is yielded, so a complete walk
// yields at least the records of the start total that were not deleted
// during it, and at least the records of the end total that were not
// created (or, with a filter, did not start to match it) during it. The
// lower of the two totals therefore exceeds what a complete walk yields
// only on a store where records are both deleted and created during the
// walk, and by at most the smaller of those two numbers, which no walk can
// see. An export of 100,000 orders takes a few hundred requests, minutes at
// the API's quota; 1 % of a store both deleted and created meanwhile is far
// more than a live store sees (the SDK's live-store test, which changes 3
// records before every request, never falls short at all), and the 10 cover
// the records that a count read a moment after the first page can include.
// A lost page of 250 records exceeds the slack on every export of fewer
// than 24,000 records; on larger exports a single lost page can hide in it,
// which is why the walks do not rely on this check alone: every truncation
// they know how to see where it happens (a probe below the ids seen, a full
// last window or page, ids outside the window, a short page whose meta
// counts more) is handled there.
func shortfallSlack(total int) int { return total/100 + 10 }

// check is called when a walk ends without error: it returns an
// ErrIncompleteWalk error when the records yielded fall short of the
// lowest total the API gave (read again at the end when they do) by more
// than shortfallSlack.
func (t *walkTally) check(ctx context.Context) error {
	if t == nil || t.low < 0 || t.yielded >= t.low-shortfallSlack(t.low) {
		return nil
	}
	end := "not read again"
	if t.recount != nil {
		n, err := t.recount(ctx)
		if err != nil {
			end = fmt.Sprintf("not readable again (%v)", err)
		} else {
			end = fmt.Sprintf("%d at its end", n)
			t.told(n)
			if t.yielded >= t.low-shortfallSlack(t.low) {
				return nil
			}
		}
	}
	return contradiction("bigcommerce: %s: %s said %d %s match (%d at the start of the walk, %s), but the walk yielded %d, %d fewer than the lowest of those, more than the %d that %s deleted and created during the walk can explain: the API skipped records (ignoring a filter, the sort or the page size) or its total is wrong. Each of the %d %s yielded was yielded once; %s",
		t.op, t.source, t.low, t.what, t.start, end, t.yielded, t.low-t.yielded, shortfallSlack(t.low), t.what, t.yielded, t.what, incompleteAdvice)
}

// apiPath is the part of a request path from its API version on
// ("/v3/catalog/products"), for messages: the store hash before it is not
// needed to name the endpoint.
func apiPath(path string) string {
	for _, v := range []string{"/v2/", "/v3/"} {
		if i := strings.Index(path, v); i >= 0 {
			return path[i:]
		}
	}
	return path
}
