// Command inventory sets stock levels from a CSV file of
// sku,location_id,quantity rows with absolute inventory adjustments.
//
// Every row is checked before anything is sent (column count, empty SKU,
// location id, quantity, duplicate SKU and location) and the line number of
// each bad row is reported, even after a line with an unterminated quote
// (each line is parsed on its own); a file that looks semicolon-separated
// is named as such. If any row is bad nothing is sent, unless -skip-bad is
// given. The good rows then go out with
// Inventory.AdjustAbsolute, which sends them in chunks of 2,000, one after
// the other; the program prints each chunk's transaction id and reads the
// stock back. BigCommerce rejects a chunk whole: the rows it names, the
// rows rejected with them and the rows never sent are counted apart.
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
	"bytes"
	"cmp"
	"context"
	_ "embed"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
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

// runWith parses the flags, reads and checks the CSV, connects with connect
// and applies the adjustments.
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

	name, data := o.file, sampleCSV
	if o.file == "" {
		name = "sample.csv"
		fmt.Fprintln(stdout, "Reading the embedded sample.csv (pass -file to use your own).")
	} else {
		if data, err = os.ReadFile(o.file); err != nil {
			return fmt.Errorf("reading the CSV: %w", err)
		}
		fmt.Fprintf(stdout, "Reading %s.\n", o.file)
	}
	rows, bad, err := parseCSV(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	semicolons := 0
	for _, b := range bad {
		fmt.Fprintf(stderr, "%s:%d: %s\n", name, b.line, b.reason)
		if strings.HasSuffix(b.reason, semicolonHint) {
			semicolons++
		}
	}
	if semicolons > 0 && semicolons*2 >= len(bad) {
		fmt.Fprintf(stderr, "%s: %d of %d bad rows look semicolon-separated: the file seems to use ';' between columns; save it with ',' instead\n", name, semicolons, len(bad))
	}
	switch {
	case len(bad) > 0 && !o.skipBad:
		return fmt.Errorf("%s: %d bad rows (listed above), %d good; nothing sent: fix them, or pass -skip-bad to send only the good rows", name, len(bad), len(rows))
	case len(rows) == 0 && len(bad) > 0:
		return fmt.Errorf("%s: all %d rows are bad; nothing sent", name, len(bad))
	case len(rows) == 0:
		return fmt.Errorf("%s: no rows: want sku,location_id,quantity lines", name)
	case len(bad) > 0:
		fmt.Fprintf(stdout, "Validated %d rows: %d good, %d bad skipped (-skip-bad).\n", len(rows)+len(bad), len(rows), len(bad))
	default:
		fmt.Fprintf(stdout, "Validated %d rows: all good.\n", len(rows))
	}

	a := &applier{c: env.Client, out: stdout, o: o, rows: rows}
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

// parseCSV reads and checks every row. The first row may be the header
// sku,location_id,quantity. err is only for a failure to read at all.
//
// Each physical line is parsed on its own, so a malformed line (an
// unterminated quote, say) is reported and the lines after it are still
// read and checked; encoding/csv alone would let the open quote swallow the
// rest of the file. The cost is that a quoted field cannot span lines,
// which no SKU, location id or quantity needs.
func parseCSV(r io.Reader) (rows []row, bad []badRow, err error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, nil, err
	}
	seen := map[rowKey]int{}
	first := true
	for i, text := range strings.Split(string(data), "\n") {
		line := i + 1
		text = strings.TrimSuffix(text, "\r")
		if strings.TrimSpace(text) == "" {
			continue // blank lines are ignored, as encoding/csv does
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
			bad = append(bad, badRow{line, reason})
			first = false
			continue
		}
		for i := range rec {
			rec[i] = strings.TrimSpace(rec[i])
		}
		if first {
			first = false
			rec[0] = strings.TrimPrefix(rec[0], "\ufeff") // a BOM from a spreadsheet export
			if strings.EqualFold(rec[0], "sku") || strings.HasPrefix(strings.ToLower(rec[0]), "sku;") {
				if len(rec) != 3 || !strings.EqualFold(rec[1], "location_id") || !strings.EqualFold(rec[2], "quantity") {
					reason := fmt.Sprintf("header %q: want sku,location_id,quantity", strings.Join(rec, ","))
					if looksSemicolonSeparated(rec) {
						reason += ": " + semicolonHint
					}
					bad = append(bad, badRow{line, reason})
				}
				continue
			}
		}
		rw, reason := parseRow(rec)
		if reason != "" {
			bad = append(bad, badRow{line, reason})
			continue
		}
		rw.line = line
		if prev, dup := seen[rw.key()]; dup {
			bad = append(bad, badRow{line, fmt.Sprintf("duplicate: SKU %q at location %d is already set on line %d", rw.sku, rw.locationID, prev)})
			continue
		}
		seen[rw.key()] = line
		rows = append(rows, rw)
	}
	return rows, bad, nil
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
	rows []row
}

func (a *applier) printf(format string, args ...any) { fmt.Fprintf(a.out, format, args...) }

// requests is how many adjustment requests the rows take.
func (a *applier) requests() int {
	return (len(a.rows) + bigcommerce.MaxInventoryBatch - 1) / bigcommerce.MaxInventoryBatch
}

// dryRun shows what would change in a real store, reading only.
func (a *applier) dryRun(ctx context.Context) error {
	now, unread, err := a.readStock(ctx, a.rows)
	if err != nil {
		return fmt.Errorf("reading current stock: %w", err)
	}
	changes, missing := 0, 0
	var sample []string
	for _, r := range a.rows {
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
	a.printf("Dry run: nothing sent. %d of %d rows would change stock; %d SKU/location pairs were not found in the store", changes, len(a.rows), missing-unread)
	if unread > 0 {
		a.printf(" (%d could not be looked up: SKUs with commas)", unread)
	}
	a.printf(".\n")
	for _, s := range sample {
		a.printf("%s\n", s)
	}
	a.printf("Pass -write to send %d absolute adjustments in %d request(s).\n", len(a.rows), a.requests())
	return nil
}

// apply sends the adjustments, reports the transactions and reads back.
func (a *applier) apply(ctx context.Context) error {
	items := make([]bigcommerce.InventoryAdjustment, len(a.rows))
	for i, r := range a.rows {
		items[i] = bigcommerce.InventoryAdjustment{LocationID: r.locationID, SKU: r.sku, Quantity: r.quantity}
	}
	a.printf("Sending %d absolute adjustments in %d request(s) of at most %d, one after the other.\n", len(items), a.requests(), bigcommerce.MaxInventoryBatch)
	txs, _, sendErr := a.c.Inventory.AdjustAbsolute(ctx, items, a.o.reason)
	var tally failureTally
	if sendErr != nil {
		var be *bigcommerce.BatchError
		if !errors.As(sendErr, &be) {
			return fmt.Errorf("sending adjustments: %w", sendErr)
		}
		tally = a.reportFailures(be)
	}
	for _, tx := range txs {
		a.printf("  transaction %s\n", tx)
	}
	if len(txs) == 0 {
		return fmt.Errorf("no adjustment was applied: %s", tally.describe(len(a.rows)))
	}

	var sent []row
	for i, r := range a.rows {
		if !tally.failed[i] {
			sent = append(sent, r)
		}
	}
	if err := a.readBack(ctx, sent); err != nil {
		return err
	}
	if sendErr != nil {
		return errors.New(tally.describe(len(a.rows)))
	}
	return nil
}

// failureTally counts the rows of a failed send by what happened to them.
// BigCommerce rejects a request whole: the rows it names are bad, the
// others of the same request were rejected only because they travelled
// with them, and after an error that is not about the rows (401, 429, an
// outage) the later requests are not sent at all.
type failureTally struct {
	failed  map[int]bool // row indexes not applied
	named   int          // rows BigCommerce named as wrong
	withBad int          // rows rejected with them, good in themselves
	refused int          // rows of requests refused with no row named (401, 5xx, ...)
	unsent  int          // rows of requests never sent
}

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
	msg := fmt.Sprintf("%d of %d rows were not applied", len(t.failed), total)
	if len(parts) > 0 {
		msg += ": " + strings.Join(parts, ", ")
	}
	return msg + " (see above)"
}

// notSentPrefix starts the error the SDK gives the items of a batch chunk
// it did not send because an earlier chunk failed.
const notSentPrefix = "bigcommerce: not sent"

// reportFailures explains a failed send by CSV line and counts the rows.
// A rejected request rejects its whole chunk; when BigCommerce names the
// offending items (errors "items.N.field"), those lines are listed.
func (a *applier) reportFailures(be *bigcommerce.BatchError) failureTally {
	t := failureTally{failed: map[int]bool{}}
	chunks := map[int]error{}
	size := map[int]int{}
	var order []int
	for _, f := range be.Failures {
		t.failed[f.Index] = true
		c := f.Index / bigcommerce.MaxInventoryBatch
		if _, ok := chunks[c]; !ok {
			chunks[c] = f.Err
			order = append(order, c)
		}
		size[c]++
	}
	for _, c := range order {
		lo := c * bigcommerce.MaxInventoryBatch
		hi := min(lo+bigcommerce.MaxInventoryBatch, len(a.rows)) - 1
		err := chunks[c]
		if strings.HasPrefix(err.Error(), notSentPrefix) {
			a.printf("  request %d (%d rows, lines %d-%d) not sent: an earlier request failed\n", c+1, size[c], a.rows[lo].line, a.rows[hi].line)
			t.unsent += size[c]
			continue
		}
		a.printf("  request %d (%d rows, lines %d-%d) not applied: %v\n", c+1, size[c], a.rows[lo].line, a.rows[hi].line, err)
		var e *bigcommerce.Error
		if !errors.As(err, &e) {
			t.refused += size[c]
			continue
		}
		type named struct {
			index int
			msg   string
		}
		var items []named
		rowsNamed := map[int]bool{}
		for key, msg := range e.Fields {
			parts := strings.SplitN(key, ".", 3)
			if len(parts) < 2 || parts[0] != "items" {
				continue
			}
			i, convErr := strconv.Atoi(parts[1])
			if convErr != nil || i < 0 || lo+i > hi {
				continue
			}
			items = append(items, named{lo + i, msg})
			rowsNamed[lo+i] = true
		}
		slices.SortFunc(items, func(x, y named) int { return cmp.Or(cmp.Compare(x.index, y.index), strings.Compare(x.msg, y.msg)) })
		for _, it := range items {
			r := a.rows[it.index]
			a.printf("    line %d (%s at location %d): %s\n", r.line, r.sku, r.locationID, it.msg)
		}
		if len(rowsNamed) == 0 {
			t.refused += size[c]
			continue
		}
		t.named += len(rowsNamed)
		t.withBad += size[c] - len(rowsNamed)
		if others := size[c] - len(rowsNamed); others > 0 {
			a.printf("    the other %d rows of this request are not applied either: BigCommerce rejects a request whole\n", others)
		}
	}
	return t
}

// readBack reads the stock of the sent rows and compares it with what was
// asked for.
func (a *applier) readBack(ctx context.Context, sent []row) error {
	now, unread, err := a.readStock(ctx, sent)
	if err != nil {
		return fmt.Errorf("reading the stock back: %w", err)
	}
	// Show the rows that differ, or if none do, the first rows.
	match := 0
	var differ []row
	for _, r := range sent {
		if cur, ok := now[r.key()]; ok && cur == r.quantity {
			match++
		} else if !strings.Contains(r.sku, ",") {
			differ = append(differ, r)
		}
	}
	a.printf("Read back: %d of %d rows at the requested level", match, len(sent))
	if unread > 0 {
		a.printf(" (%d not checked: SKUs with commas cannot be filtered on)", unread)
	}
	a.printf(".\n")
	list := sent
	if len(differ) > 0 {
		list = differ
	}
	for i, r := range list {
		if i == a.o.show {
			a.printf("  ... and %d more\n", len(list)-i)
			break
		}
		cur, ok := now[r.key()]
		state := "ok"
		switch {
		case !ok:
			state = "not found"
		case cur != r.quantity:
			state = "differs"
		}
		a.printf("  line %-4d %-16s location %-3d requested %-5d now %-5s %s\n", r.line, r.sku, r.locationID, r.quantity, stockText(cur, ok), state)
	}
	if n := len(differ); n > 0 {
		a.printf("%d rows differ: BigCommerce applies adjustments asynchronously, so the read-back may lag; run again with the same file later to check\n", n)
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
