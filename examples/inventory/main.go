// Command inventory sets stock levels from a CSV file of
// sku,location_id,quantity rows with absolute inventory adjustments. The
// file is read line by line, never whole, so a file of any size (a
// warehouse export of a million rows) runs in the same memory.
//
// A first pass checks every row before anything is sent (column count,
// empty SKU, location id, quantity, duplicate SKU and location) and reports
// the line number of each bad row, even after a line with an unterminated
// quote (each line is parsed on its own); a file that looks
// semicolon-separated is named as such. If any row is bad nothing is sent,
// unless -skip-bad is given. A second pass reads the good rows again and
// streams them into Inventory.AdjustAbsoluteSeq, which sends them in chunks
// of 2,000, one after the other, holding one chunk at a time; the program
// prints its progress (WithProgress) and reads the stock back.
// BigCommerce rejects a chunk whole: the rows it names, the rows rejected
// with them and the rows never sent are counted apart.
//
// With BIGCOMMERCE_STORE_HASH and BIGCOMMERCE_ACCESS_TOKEN set it changes
// that store only with -write (without it, it shows what would change).
// Without them it runs against an embedded fake store, using the embedded
// sample.csv unless -file is given:
//
//	$ go run ./examples/inventory
//	$ go run ./examples/inventory -file stock.csv -skip-bad
package main

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/examples/internal/exampleenv"
)

// sampleCSV is the file used without -file. Its SKUs exist in the fake
// store's seeded catalog (SKU-<product id>-<size>).
//
//go:embed sample.csv
var sampleCSV []byte

// maxQuantity is the largest stock level BigCommerce stores (an int32).
const maxQuantity = 2147483647

// readBackChunk is how many SKUs one read-back request filters on, to keep
// the sku:in query string short.
const readBackChunk = 50

func main() { exampleenv.Main(run) }

// options are inventory's flags.
type options struct {
	file    string
	skipBad bool
	write   bool
	reason  string
	show    int
}

// run is the whole program; main only adds the process around it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runWith(ctx, args, stdout, stderr, exampleenv.FromEnvironment)
}

// runWith parses the flags, checks the CSV, connects with connect and
// applies the adjustments.
func runWith(ctx context.Context, args []string, stdout, stderr io.Writer, connect exampleenv.Connector) error {
	fs := flag.NewFlagSet("inventory", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.file, "file", "", "CSV `file` of sku,location_id,quantity rows (default: the embedded sample.csv)")
	fs.BoolVar(&o.skipBad, "skip-bad", false, "send the good rows even if some rows are bad")
	fs.BoolVar(&o.write, "write", false, "against a real store, send the adjustments (without it: show what would change); the fake store is always written")
	fs.StringVar(&o.reason, "reason", "bigcommerce-go inventory example", "reason recorded with the adjustments")
	fs.IntVar(&o.show, "n", 5, "how many rows to show in the read-back")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: inventory [flags]\n\nSets stock levels from a CSV of sku,location_id,quantity (a header row is allowed).\nCredentials come from %s and %s; without them it runs\nagainst an embedded fake store.\n\nFlags:\n", exampleenv.EnvStoreHash, exampleenv.EnvAccessToken)
		fs.PrintDefaults()
	}
	if err := exampleenv.Parse(fs, args); err != nil {
		return err
	}
	if o.show < 0 {
		return exampleenv.Usagef("-n %d: must not be negative", o.show)
	}

	env, err := connect(ctx, exampleenv.DefaultSeed())
	if err != nil {
		return err
	}
	defer env.Close()
	if !env.Fake && o.write && o.file == "" {
		return exampleenv.Usagef("-write against a real store needs -file: the embedded sample.csv holds the fake store's SKUs (SKU-000001-XS, ...), not yours")
	}
	fmt.Fprintln(stdout, env.Notice())

	src := csvSource{name: o.file, path: o.file}
	if o.file == "" {
		src.name, src.data = "sample.csv", sampleCSV
		fmt.Fprintln(stdout, "Reading the embedded sample.csv (pass -file to use your own).")
	} else {
		fmt.Fprintf(stdout, "Reading %s.\n", o.file)
	}
	good, bad, err := src.check()
	if err != nil {
		return fmt.Errorf("%s: %w", src.name, err)
	}
	semicolons := 0
	for _, b := range bad {
		fmt.Fprintf(stderr, "%s:%d: %s\n", src.name, b.line, b.reason)
		if strings.HasSuffix(b.reason, semicolonHint) {
			semicolons++
		}
	}
	if semicolons > 0 && semicolons*2 >= len(bad) {
		fmt.Fprintf(stderr, "%s: %d of %d bad rows look semicolon-separated: the file seems to use ';' between columns; save it with ',' instead\n", src.name, semicolons, len(bad))
	}
	switch {
	case len(bad) > 0 && !o.skipBad:
		return fmt.Errorf("%s: %d bad rows (listed above), %d good; nothing sent: fix them, or pass -skip-bad to send only the good rows", src.name, len(bad), good)
	case good == 0 && len(bad) > 0:
		return fmt.Errorf("%s: all %d rows are bad; nothing sent", src.name, len(bad))
	case good == 0:
		return fmt.Errorf("%s: no rows: want sku,location_id,quantity lines", src.name)
	case len(bad) > 0:
		fmt.Fprintf(stdout, "Validated %d rows: %d good, %d bad skipped (-skip-bad).\n", good+len(bad), good, len(bad))
	default:
		fmt.Fprintf(stdout, "Validated %d rows: all good.\n", good)
	}
	src.skip = map[int]bool{}
	for _, b := range bad {
		src.skip[b.line] = true
	}

	a := &applier{c: env.Client, out: stdout, o: o, src: src, good: good}
	if !env.Fake && !o.write {
		return a.dryRun(ctx)
	}
	return a.apply(ctx)
}

// ---------------------------------------------------------------------------
// CSV

// row is one good CSV row.
type row struct {
	line       int
	sku        string
	locationID int
	quantity   int
}

// badRow is a rejected CSV row and why.
type badRow struct {
	line   int
	reason string
}

// rowKey identifies a SKU at a location; SKUs are compared without regard
// to case, as BigCommerce treats them.
type rowKey struct {
	sku        string
	locationID int
}

func (r row) key() rowKey { return rowKey{strings.ToLower(r.sku), r.locationID} }

// csvSource is the CSV file (or the embedded sample), read line by line
// each time a pass needs it.
type csvSource struct {
	name string // for messages
	path string // the file; "" for data
	data []byte
	// skip holds the lines of the bad rows found by check: later passes
	// leave them out.
	skip map[int]bool
}

// open starts a new read of the source.
func (s csvSource) open() (io.ReadCloser, error) {
	if s.path == "" {
		return io.NopCloser(bytes.NewReader(s.data)), nil
	}
	f, err := os.Open(s.path)
	if err != nil {
		return nil, fmt.Errorf("reading the CSV: %w", err)
	}
	return f, nil
}

// check reads the whole source once and counts its good rows and lists its
// bad ones (with duplicates), keeping no row: only the keys of the rows
// seen, to find duplicates.
func (s csvSource) check() (good int, bad []badRow, err error) {
	r, err := s.open()
	if err != nil {
		return 0, nil, err
	}
	defer r.Close()
	err = scanCSV(r, func(row) bool { good++; return true }, func(b badRow) { bad = append(bad, b) })
	return good, bad, err
}

// rows reads the good rows again, lazily, leaving out the lines check
// found bad: the first good row is at position 0. A read error ends the
// sequence and is stored in *readErr.
func (s csvSource) rows(readErr *error) iter.Seq2[int, row] {
	return func(yield func(int, row) bool) {
		r, err := s.open()
		if err != nil {
			*readErr = err
			return
		}
		defer r.Close()
		pos := 0
		*readErr = scanCSV(r, func(rw row) bool {
			if s.skip[rw.line] {
				return true
			}
			pos++
			return yield(pos-1, rw)
		}, func(badRow) {})
	}
}

// parseCSV reads and checks every row of r, for tests and small files.
func parseCSV(r io.Reader) (rows []row, bad []badRow, err error) {
	err = scanCSV(r, func(rw row) bool { rows = append(rows, rw); return true }, func(b badRow) { bad = append(bad, b) })
	return rows, bad, err
}

// scanCSV reads r one line at a time and passes each good row to good
// (which stops the scan by returning false) and each bad one to bad. The
// first row may be the header sku,location_id,quantity. err is only for a
// failure to read at all. A repeated SKU and location is bad: the scan
// keeps the key of every good row to find them.
//
// Each physical line is parsed on its own, so a malformed line (an
// unterminated quote, say) is reported and the lines after it are still
// read and checked; encoding/csv alone would let the open quote swallow the
// rest of the file. The cost is that a quoted field cannot span lines,
// which no SKU, location id or quantity needs.
func scanCSV(r io.Reader, good func(row) bool, bad func(badRow)) error {
	br := bufio.NewReader(r)
	seen := map[rowKey]int{}
	first := true
	for line := 1; ; line++ {
		text, readErr := br.ReadString('\n')
		if readErr != nil && readErr != io.EOF {
			return readErr
		}
		if text == "" && readErr == io.EOF {
			return nil
		}
		text = strings.TrimSuffix(strings.TrimSuffix(text, "\n"), "\r")
		rw, reason, header := parseLine(text, first)
		if strings.TrimSpace(text) != "" {
			first = false
		}
		switch {
		case header || (reason == "" && rw.sku == "" && rw.locationID == 0):
			// a header, or a blank line: ignored, as encoding/csv does
		case reason != "":
			bad(badRow{line, reason})
		default:
			rw.line = line
			if prev, dup := seen[rw.key()]; dup {
				bad(badRow{line, fmt.Sprintf("duplicate: SKU %q at location %d is already set on line %d", rw.sku, rw.locationID, prev)})
				break
			}
			seen[rw.key()] = line
			if !good(rw) {
				return nil
			}
		}
		if readErr == io.EOF {
			return nil
		}
	}
}

// parseLine parses one line: a row, or the reason it is bad, or header when
// it is a good header (only the first non-blank line can be one). A blank
// line gives the zero row and no reason.
func parseLine(text string, first bool) (rw row, reason string, header bool) {
	if strings.TrimSpace(text) == "" {
		return row{}, "", false
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1 // column counts are checked per row, to report them all
	cr.TrimLeadingSpace = true
	rec, err := cr.Read()
	if err != nil {
		reason := "malformed CSV: " + err.Error()
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			reason = "malformed CSV: " + pe.Err.Error()
			if errors.Is(pe.Err, csv.ErrQuote) && strings.Count(text, `"`)%2 == 1 {
				reason = "malformed CSV: a quote is not closed on this line (quoted fields cannot span lines)"
			}
		}
		return row{}, reason, false
	}
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	if first {
		rec[0] = strings.TrimPrefix(rec[0], "\ufeff") // a BOM from a spreadsheet export
		if strings.EqualFold(rec[0], "sku") || strings.HasPrefix(strings.ToLower(rec[0]), "sku;") {
			if len(rec) != 3 || !strings.EqualFold(rec[1], "location_id") || !strings.EqualFold(rec[2], "quantity") {
				reason := fmt.Sprintf("header %q: want sku,location_id,quantity", strings.Join(rec, ","))
				if looksSemicolonSeparated(rec) {
					reason += ": " + semicolonHint
				}
				return row{}, reason, false
			}
			return row{}, "", true
		}
	}
	rw, reason = parseRow(rec)
	return rw, reason, false
}

// semicolonHint is added to the reason of a one-column row that splits
// into three at semicolons: a spreadsheet in a locale whose decimal
// separator is a comma saves "CSV" with semicolons.
const semicolonHint = "the row looks semicolon-separated: save the file as comma-separated CSV (sku,location_id,quantity)"

// looksSemicolonSeparated reports whether a one-column record is really
// three semicolon-separated fields.
func looksSemicolonSeparated(rec []string) bool {
	return len(rec) == 1 && len(strings.Split(rec[0], ";")) == 3
}

// parseRow checks one record's fields; reason is "" for a good row and
// otherwise names every problem of the row.
func parseRow(rec []string) (rw row, reason string) {
	if len(rec) != 3 {
		reason := fmt.Sprintf("%d columns, want 3 (sku,location_id,quantity)", len(rec))
		if len(rec) == 1 {
			reason = "1 column, want 3 (sku,location_id,quantity)"
		}
		if looksSemicolonSeparated(rec) {
			reason += ": " + semicolonHint
		}
		return rw, reason
	}
	var problems []string
	rw.sku = rec[0]
	if rw.sku == "" {
		problems = append(problems, "empty SKU")
	}
	loc, err := strconv.Atoi(rec[1])
	switch {
	case err != nil:
		problems = append(problems, fmt.Sprintf("location_id %q is not an integer", rec[1]))
	case loc <= 0:
		problems = append(problems, fmt.Sprintf("location_id %d: want 1 or more", loc))
	}
	rw.locationID = loc
	qty, err := strconv.Atoi(rec[2])
	switch {
	case err != nil:
		problems = append(problems, fmt.Sprintf("quantity %q is not an integer", rec[2]))
	case qty < 0:
		problems = append(problems, fmt.Sprintf("quantity %d: a stock level cannot be negative", qty))
	case qty > maxQuantity:
		problems = append(problems, fmt.Sprintf("quantity %d: more than BigCommerce's maximum %d", qty, maxQuantity))
	}
	rw.quantity = qty
	return rw, strings.Join(problems, "; ")
}

// ---------------------------------------------------------------------------
// Sending

// applier sends the rows and reads the stock back.
type applier struct {
	c    *bigcommerce.Client
	out  io.Writer
	o    options
	src  csvSource
	good int // how many good rows the source holds
}

func (a *applier) printf(format string, args ...any) { fmt.Fprintf(a.out, format, args...) }

// requests is how many adjustment requests the rows take.
func (a *applier) requests() int {
	return (a.good + bigcommerce.MaxInventoryBatch - 1) / bigcommerce.MaxInventoryBatch
}

// dryRun shows what would change in a real store, reading only, 50 rows
// at a time.
func (a *applier) dryRun(ctx context.Context) error {
	changes, missing, unread := 0, 0, 0
	var sample []string
	err := a.eachChunk(nil, func(rows []row) error {
		now, skipped, err := a.readStock(ctx, rows)
		if err != nil {
			return fmt.Errorf("reading current stock: %w", err)
		}
		unread += skipped
		for _, r := range rows {
			cur, ok := now[r.key()]
			switch {
			case !ok:
				missing++
			case cur != r.quantity:
				changes++
				if len(sample) < a.o.show {
					sample = append(sample, fmt.Sprintf("  line %d: %s at location %d: %d -> %d", r.line, r.sku, r.locationID, cur, r.quantity))
				}
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	a.printf("Dry run: nothing sent. %d of %d rows would change stock; %d SKU/location pairs were not found in the store", changes, a.good, missing-unread)
	if unread > 0 {
		a.printf(" (%d could not be looked up: SKUs with commas)", unread)
	}
	a.printf(".\n")
	for _, s := range sample {
		a.printf("%s\n", s)
	}
	a.printf("Pass -write to send %d absolute adjustments in %d request(s).\n", a.good, a.requests())
	return nil
}

// apply streams the adjustments, reports progress and failures, and reads
// back.
func (a *applier) apply(ctx context.Context) error {
	a.printf("Sending %d absolute adjustments in %d request(s) of at most %d, one after the other.\n", a.good, a.requests(), bigcommerce.MaxInventoryBatch)
	var readErr error
	items := func(yield func(bigcommerce.InventoryAdjustment) bool) {
		for _, r := range a.src.rows(&readErr) {
			if !yield(bigcommerce.InventoryAdjustment{LocationID: r.locationID, SKU: r.sku, Quantity: r.quantity}) {
				return
			}
		}
	}
	applied := 0
	progress := bigcommerce.WithProgress(ctx, func(p bigcommerce.Progress) {
		if p.Finished {
			return
		}
		applied = p.Done - p.Failed
		a.printf("  request answered: %d of %d rows done, %d failed (%.0f rows/s)\n", p.Done, a.good, p.Failed, p.Rate())
	})
	_, sendErr := a.c.Inventory.AdjustAbsoluteSeq(progress, items, a.o.reason)
	if readErr != nil {
		return fmt.Errorf("%s: reading the rows to send: %w", a.src.name, readErr)
	}
	tally := failureTally{unreadFrom: a.good}
	if sendErr != nil {
		var be *bigcommerce.BatchError
		if !errors.As(sendErr, &be) {
			return fmt.Errorf("sending adjustments: %w", sendErr)
		}
		var err error
		if tally, err = a.reportFailures(be); err != nil {
			return err
		}
	}
	if applied == 0 {
		return fmt.Errorf("no adjustment was applied: %s", tally.describe(a.good))
	}
	if err := a.readBack(ctx, tally.isFailed); err != nil {
		return err
	}
	if sendErr != nil {
		return errors.New(tally.describe(a.good))
	}
	return nil
}

// eachChunk reads the good rows lazily and passes them to fn readBackChunk
// at a time, leaving out the positions skip reports (nil: none).
func (a *applier) eachChunk(skip func(pos int) bool, fn func([]row) error) error {
	var readErr error
	chunk := make([]row, 0, readBackChunk)
	for pos, r := range a.src.rows(&readErr) {
		if skip != nil && skip(pos) {
			continue
		}
		if chunk = append(chunk, r); len(chunk) == readBackChunk {
			if err := fn(chunk); err != nil {
				return err
			}
			chunk = chunk[:0]
		}
	}
	if readErr != nil {
		return fmt.Errorf("%s: %w", a.src.name, readErr)
	}
	if len(chunk) > 0 {
		return fn(chunk)
	}
	return nil
}

// failureTally counts the rows of a failed send by what happened to them.
// BigCommerce rejects a request whole: the rows it names are bad, the
// others of the same request were rejected only because they travelled
// with them, and after an error that is not about the rows (401, 429, an
// outage) the later requests are not sent at all.
type failureTally struct {
	failed map[int]bool // positions (among the good rows) not applied
	// unreadFrom is the first position the send did not read: after an
	// error that stops it, the rest of the file is neither read nor sent.
	unreadFrom int
	named      int // rows BigCommerce named as wrong
	withBad    int // rows rejected with them, good in themselves
	refused    int // rows of requests refused with no row named (401, 5xx, ...)
	unsent     int // rows of requests never sent
}

// isFailed reports whether the row at pos was not applied.
func (t failureTally) isFailed(pos int) bool { return t.failed[pos] || pos >= t.unreadFrom }

// describe says how many rows were not applied and why, for the final
// error.
func (t failureTally) describe(total int) string {
	var parts []string
	if t.named > 0 {
		parts = append(parts, fmt.Sprintf("%d named as bad by BigCommerce", t.named))
	}
	if t.withBad > 0 {
		parts = append(parts, fmt.Sprintf("%d rejected with them in the same request (fix the bad rows and send the file again)", t.withBad))
	}
	if t.refused > 0 {
		parts = append(parts, fmt.Sprintf("%d in requests that failed as a whole", t.refused))
	}
	if t.unsent > 0 {
		parts = append(parts, fmt.Sprintf("%d not sent after an earlier request failed", t.unsent))
	}
	msg := fmt.Sprintf("%d of %d rows were not applied", len(t.failed)+max(total-t.unreadFrom, 0), total)
	if len(parts) > 0 {
		msg += ": " + strings.Join(parts, ", ")
	}
	return msg + " (see above)"
}

// reportFailures explains a failed send by CSV line and counts the rows.
// The rows are sent in order, MaxInventoryBatch to a request (they were
// all checked), so a row's position says which request carried it. A
// rejected request rejects its whole chunk; the SDK tells the rows
// BigCommerce named (their *Error) from the rows rejected with them
// (bigcommerce.ErrNotWritten).
func (a *applier) reportFailures(be *bigcommerce.BatchError) (failureTally, error) {
	t := failureTally{failed: map[int]bool{}, unreadFrom: be.Total}
	byRequest := map[int][]bigcommerce.BatchFailure{}
	for _, f := range append(slices.Clone(be.Failures), be.Unknown...) {
		t.failed[f.Index] = true
		c := f.Index / bigcommerce.MaxInventoryBatch
		byRequest[c] = append(byRequest[c], f)
	}
	// The rows from be.Total on were not read: the send stopped.
	firstUnread := (be.Total + bigcommerce.MaxInventoryBatch - 1) / bigcommerce.MaxInventoryBatch
	lines := map[int]bool{} // the positions whose lines are printed
	for _, fs := range byRequest {
		for _, f := range fs {
			lines[f.Index] = true
		}
	}
	for p := be.Total; p < a.good; p += bigcommerce.MaxInventoryBatch {
		lines[p], lines[min(p+bigcommerce.MaxInventoryBatch, a.good)-1] = true, true
	}
	rows, err := a.rowsAt(lines) // one more lazy pass, for the lines
	if err != nil {
		return t, err
	}
	for _, c := range slices.Sorted(maps.Keys(byRequest)) {
		fs := byRequest[c]
		slices.SortFunc(fs, func(x, y bigcommerce.BatchFailure) int { return x.Index - y.Index })
		first, last := rows[fs[0].Index], rows[fs[len(fs)-1].Index]
		// A row that was not written only because of other rows, or of an
		// earlier request, matches ErrNotWritten.
		var named []bigcommerce.BatchFailure
		withBad := 0
		for _, f := range fs {
			if errors.Is(f.Err, bigcommerce.ErrNotWritten) {
				withBad++
			} else {
				named = append(named, f)
			}
		}
		if len(named) == 0 {
			a.printf("  request %d (%d rows, lines %d-%d) not sent: an earlier request failed\n", c+1, len(fs), first.line, last.line)
			t.unsent += len(fs)
			continue
		}
		if withBad == 0 { // nothing named: the request failed as a whole
			a.printf("  request %d (%d rows, lines %d-%d) not applied: %v\n", c+1, len(fs), first.line, last.line, fs[0].Err)
			t.refused += len(fs)
			continue
		}
		a.printf("  request %d (%d rows, lines %d-%d) not applied: BigCommerce rejected it for %d of its rows\n", c+1, len(fs), first.line, last.line, len(named))
		for _, f := range named {
			r := rows[f.Index]
			a.printf("    line %d (%s at location %d): %s\n", r.line, r.sku, r.locationID, itemProblem(f.Err))
		}
		t.named += len(named)
		t.withBad += withBad
		a.printf("    the other %d rows of this request are not applied either: BigCommerce rejects a request whole\n", withBad)
	}
	for c := firstUnread; c*bigcommerce.MaxInventoryBatch < a.good; c++ {
		lo := c * bigcommerce.MaxInventoryBatch
		hi := min(lo+bigcommerce.MaxInventoryBatch, a.good) - 1
		a.printf("  request %d (%d rows, lines %d-%d) not sent: an earlier request failed\n", c+1, hi-lo+1, rows[lo].line, rows[hi].line)
		t.unsent += hi - lo + 1
	}
	return t, nil
}

// itemProblem is what BigCommerce said about one row: the messages of its
// *Error's fields, else its title.
func itemProblem(err error) string {
	var e *bigcommerce.Error
	if !errors.As(err, &e) {
		return err.Error()
	}
	if len(e.Fields) == 0 {
		return e.Title
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(e.Fields)) {
		parts = append(parts, e.Fields[k])
	}
	return strings.Join(slices.Compact(parts), "; ")
}

// rowsAt reads the good rows at the given positions.
func (a *applier) rowsAt(positions map[int]bool) (map[int]row, error) {
	out := make(map[int]row, len(positions))
	var readErr error
	for pos, r := range a.src.rows(&readErr) {
		if positions[pos] {
			out[pos] = r
		}
	}
	if readErr != nil {
		return nil, fmt.Errorf("%s: %w", a.src.name, readErr)
	}
	return out, nil
}

// readBack reads the stock of the rows that were applied (all but the
// failed positions), 50 at a time, and compares it with what was asked
// for, keeping only the few rows it shows.
func (a *applier) readBack(ctx context.Context, failed func(pos int) bool) error {
	type checked struct {
		r   row
		cur int
		ok  bool
	}
	var first, differ []checked // at most -n of each
	total, match, unread, differing := 0, 0, 0, 0
	err := a.eachChunk(failed, func(rows []row) error {
		stock, skipped, err := a.readStock(ctx, rows)
		if err != nil {
			return fmt.Errorf("reading the stock back: %w", err)
		}
		unread += skipped
		for _, r := range rows {
			total++
			cur, ok := stock[r.key()]
			c := checked{r, cur, ok}
			switch {
			case ok && cur == r.quantity:
				match++
			case !strings.Contains(r.sku, ","):
				if differing++; len(differ) < a.o.show {
					differ = append(differ, c)
				}
			}
			if len(first) < a.o.show {
				first = append(first, c)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	a.printf("Read back: %d of %d rows at the requested level", match, total)
	if unread > 0 {
		a.printf(" (%d not checked: SKUs with commas cannot be filtered on)", unread)
	}
	a.printf(".\n")
	// Show the rows that differ, or if none do, the first rows.
	list, of := first, total
	if differing > 0 {
		list, of = differ, differing
	}
	for _, c := range list {
		state := "ok"
		switch {
		case !c.ok:
			state = "not found"
		case c.cur != c.r.quantity:
			state = "differs"
		}
		a.printf("  line %-4d %-16s location %-3d requested %-5d now %-5s %s\n", c.r.line, c.r.sku, c.r.locationID, c.r.quantity, stockText(c.cur, c.ok), state)
	}
	if of > len(list) {
		a.printf("  ... and %d more\n", of-len(list))
	}
	if differing > 0 {
		a.printf("%d rows differ: BigCommerce applies adjustments asynchronously, so the read-back may lag; run again with the same file later to check\n", differing)
	}
	return nil
}

func stockText(n int, ok bool) string {
	if !ok {
		return "-"
	}
	return strconv.Itoa(n)
}

// readStock reads the on-hand stock of the rows' SKUs at their locations:
// GET /v3/inventory/items filtered by sku:in (in chunks) and location_id:in.
// unread counts rows whose SKU contains a comma, which sku:in cannot carry.
func (a *applier) readStock(ctx context.Context, rows []row) (stock map[rowKey]int, unread int, err error) {
	var skus []string
	locSet := map[int]bool{}
	var locs bigcommerce.IntList
	seen := map[string]bool{}
	for _, r := range rows {
		if strings.Contains(r.sku, ",") {
			unread++
			continue
		}
		if k := strings.ToLower(r.sku); !seen[k] {
			seen[k] = true
			skus = append(skus, r.sku)
		}
		if !locSet[r.locationID] {
			locSet[r.locationID] = true
			locs = append(locs, r.locationID)
		}
	}
	stock = map[rowKey]int{}
	for lo := 0; lo < len(skus); lo += readBackChunk {
		chunk := skus[lo:min(lo+readBackChunk, len(skus))]
		filter := &bigcommerce.InventoryItemFilter{SKUIn: chunk, LocationIDIn: locs}
		for item, err := range a.c.Inventory.AllItems(ctx, filter) {
			if err != nil {
				return nil, 0, err
			}
			for _, l := range item.Locations {
				stock[rowKey{strings.ToLower(item.Identity.SKU), l.LocationID}] = l.TotalInventoryOnhand
			}
		}
	}
	return stock, unread, nil
}
