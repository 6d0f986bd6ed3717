// Command sync exports the customers, products and orders modified since
// the last run into JSON Lines files, one per resource, appending to them.
// Each order is written on one line with its line items ("line_items"),
// read in the same requests as the orders (include=consignments.line_items).
//
// The SDK does the hard part: Orders.Sync, Products.Sync and Customers.Sync
// walk the records modified since a bigcommerce.Checkpoint in id order and
// keep the checkpoint up to date, and WithProgress reports how far they
// are. This program stores what they give: a checkpoint file holds, per
// resource, the SDK's Checkpoint and the length of the resource's file
// when it was saved. It is saved every -limit records (at most once a
// second), when an error stops the run and at the end, after the file is
// synced to disk; a run stopped by an error or a crash resumes where the
// checkpoint says, first cutting the file back to the saved length (a torn
// line, or records the checkpoint does not cover, are written again), so
// no record is lost or written twice. The checkpoint file is replaced
// atomically.
//
// -full exports everything again and replaces the files of the resources it
// exports.
//
// With BIGCOMMERCE_STORE_HASH and BIGCOMMERCE_ACCESS_TOKEN set it reads that
// store (it never writes to the store). Without them it reads an embedded
// fake store and, unless -out is given, writes into a new temporary
// directory.
//
//	$ go run ./examples/sync -out ./export
//	$ go run ./examples/sync -out ./export          # again: only what changed
//	$ go run ./examples/sync -out ./export -resources orders -full
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
	"github.com/bigcommerce-go/bigcommerce/examples/internal/exampleenv"
)

func main() { exampleenv.Main(run) }

// resourceNames are the exported resources, in export order.
var resourceNames = []string{"customers", "products", "orders"}

// defaultOut is the export directory for a real store.
const defaultOut = "bigcommerce-export"

// options are sync's flags.
type options struct {
	out          string
	checkpoint   string
	resources    []string
	overlap      time.Duration
	full         bool
	limit        int
	progressTick time.Duration
}

// run is the whole program; main only adds the process around it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runWith(ctx, args, stdout, stderr, exampleenv.FromEnvironment)
}

// fakeSeed is the fake store's data. Its dates are fixed (not relative to
// now) so that the fake store, rebuilt on every run, holds the same records
// each time: a second run with the same -out then shows an incremental
// export with nothing new.
func fakeSeed() bigcommercetest.SeedOptions {
	s := exampleenv.DefaultSeed()
	s.Start = time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)
	return s
}

// runWith parses the flags, connects with connect and exports.
func runWith(ctx context.Context, args []string, stdout, stderr io.Writer, connect exampleenv.Connector) error {
	o, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	env, err := connect(ctx, fakeSeed())
	if err != nil {
		return err
	}
	defer env.Close()
	fmt.Fprintln(stdout, env.Notice())

	switch {
	case o.out != "":
		fmt.Fprintf(stdout, "Writing to %s\n", o.out)
	case env.Fake:
		if o.out, err = os.MkdirTemp("", "bigcommerce-export-"); err != nil {
			return fmt.Errorf("creating a temporary export directory: %w", err)
		}
		fmt.Fprintf(stdout, "Writing to %s (a new temporary directory, because this is the fake store; pass -out DIR to keep an export and re-run it incrementally)\n", o.out)
	default:
		o.out = defaultOut
		fmt.Fprintf(stdout, "Writing to %s (the default; change it with -out)\n", o.out)
	}
	if o.checkpoint == "" {
		o.checkpoint = filepath.Join(o.out, "checkpoint.json")
	}
	for _, dir := range []string{o.out, filepath.Dir(o.checkpoint)} {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return fmt.Errorf("creating %s: %w", dir, err)
		}
	}
	cp, err := loadCheckpoint(o.checkpoint, env.StoreHash, o.full)
	if err != nil {
		return err
	}
	switch {
	case o.full:
		fmt.Fprintf(stdout, "Checkpoint %s: ignored (-full), exporting everything and replacing the files\n", o.checkpoint)
	case len(cp.Resources) == 0:
		fmt.Fprintf(stdout, "Checkpoint %s: none yet, exporting everything\n", o.checkpoint)
	default:
		fmt.Fprintf(stdout, "Checkpoint %s: exporting what changed since the last run\n", o.checkpoint)
	}
	x := &exporter{c: env.Client, o: o, cp: cp, stdout: stdout, stderr: stderr}
	return x.run(ctx)
}

// parseFlags reads and checks the command line.
func parseFlags(args []string, stderr io.Writer) (options, error) {
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	resources := strings.Join(resourceNames, ",")
	fs.StringVar(&o.out, "out", "", "export `directory`; default ./"+defaultOut+" for a real store, a new temporary directory for the fake store")
	fs.StringVar(&o.checkpoint, "checkpoint", "", "checkpoint `file` (default DIR/checkpoint.json)")
	fs.StringVar(&resources, "resources", resources, "comma-separated resources to export")
	fs.DurationVar(&o.overlap, "overlap", bigcommerce.DefaultSyncOverlap, "how far before the last high-water mark the next run starts")
	fs.BoolVar(&o.full, "full", false, "ignore the checkpoint, export everything and replace the files (a new checkpoint is still written)")
	fs.IntVar(&o.limit, "limit", bigcommerce.MaxPageSize, "page size, 1 to 250; progress is also checkpointed every this many records (at most once a second)")
	fs.DurationVar(&o.progressTick, "progress-every", 250*time.Millisecond, "minimum time between progress updates on stderr")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: sync [flags]\n\nIncremental export of customers, products and orders to JSON Lines files.\nCredentials come from %s and %s; without them it reads an\nembedded fake store.\n\nFlags:\n", exampleenv.EnvStoreHash, exampleenv.EnvAccessToken)
		fs.PrintDefaults()
	}
	if err := exampleenv.Parse(fs, args); err != nil {
		return o, err
	}
	if o.limit < 1 || o.limit > bigcommerce.MaxPageSize {
		return o, exampleenv.Usagef("-limit %d: want 1 to %d", o.limit, bigcommerce.MaxPageSize)
	}
	if o.overlap <= 0 {
		return o, exampleenv.Usagef("-overlap %s: must be positive", o.overlap)
	}
	for _, r := range strings.Split(resources, ",") {
		r = strings.TrimSpace(strings.ToLower(r))
		switch {
		case r == "" || slices.Contains(o.resources, r):
		case !slices.Contains(resourceNames, r):
			return o, exampleenv.Usagef("-resources: unknown resource %q: want some of %s", r, strings.Join(resourceNames, ", "))
		default:
			o.resources = append(o.resources, r)
		}
	}
	if len(o.resources) == 0 {
		return o, exampleenv.Usagef("-resources: name at least one of %s", strings.Join(resourceNames, ", "))
	}
	return o, nil
}

// checkpointFile is the checkpoint file.
type checkpointFile struct {
	// Version is checkpointVersion.
	Version int `json:"version"`
	// Store is the store hash the checkpoints belong to; the file is
	// refused for another store.
	Store string `json:"store"`
	// Resources maps a resource name to where its export stands.
	Resources map[string]*resourceState `json:"resources"`
}

// checkpointVersion is the version of the checkpoint file's format.
const checkpointVersion = 3

// resourceState is where one resource's export stands.
type resourceState struct {
	// Checkpoint is the SDK's: what the next Sync delivers.
	Checkpoint bigcommerce.Checkpoint `json:"checkpoint"`
	// Offset is the length of the resource's file when the checkpoint was
	// saved; a run under way resumes by cutting the file back to it.
	Offset int64 `json:"offset"`
}

// loadCheckpoint reads the checkpoint file; a missing file gives an empty
// one, and so does an unreadable one with -full.
func loadCheckpoint(path, store string, full bool) (*checkpointFile, error) {
	fresh := &checkpointFile{Version: checkpointVersion, Store: store, Resources: map[string]*resourceState{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fresh, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the checkpoint: %w", err)
	}
	var cp checkpointFile
	if err := json.Unmarshal(b, &cp); err != nil || cp.Version != checkpointVersion {
		if full {
			return fresh, nil
		}
		if err == nil {
			err = fmt.Errorf("version %d, want %d", cp.Version, checkpointVersion)
		}
		return nil, fmt.Errorf("checkpoint %s is not a sync checkpoint (%v): pass another -checkpoint, or -full to export everything and replace it", path, err)
	}
	if cp.Store != store {
		return nil, fmt.Errorf("checkpoint %s belongs to store %q, not %q: pass another -checkpoint or -out", path, cp.Store, store)
	}
	if cp.Resources == nil {
		cp.Resources = map[string]*resourceState{}
	}
	return &cp, nil
}

// save writes the checkpoint file atomically: a temporary file in the same
// directory, synced, then renamed over the old one. A crash leaves either
// the old or the new checkpoint, never a torn one.
func (cp *checkpointFile) save(path string) error {
	b, err := json.MarshalIndent(cp, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing the checkpoint: %w", err)
	}
	_, err = tmp.Write(append(b, '\n'))
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing the checkpoint: %w", err)
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil { // make the rename durable where possible
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// exporter runs one export.
type exporter struct {
	c              *bigcommerce.Client
	o              options
	cp             *checkpointFile
	stdout, stderr io.Writer
}

func (x *exporter) run(ctx context.Context) error {
	begin := time.Now()
	if x.o.full {
		// Start every exported resource over from an empty file, as a run
		// under way; saved first, so that a crash before the end resumes
		// this full run instead of appending an incremental one to a cut
		// file.
		for _, name := range x.o.resources {
			x.cp.Resources[name] = &resourceState{Checkpoint: bigcommerce.Checkpoint{Run: &bigcommerce.CheckpointRun{Start: begin.UTC()}}}
		}
		if err := x.cp.save(x.o.checkpoint); err != nil {
			return err
		}
	}
	total := 0
	for _, name := range x.o.resources {
		n, err := x.export(ctx, name)
		total += n
		if err != nil {
			return fmt.Errorf("%s: %w (progress is checkpointed: re-run to resume where %s stopped)", name, err, name)
		}
	}
	fmt.Fprintf(x.stdout, "Done: %d records written in %s.\n", total, time.Since(begin).Round(time.Millisecond))
	return nil
}

// export appends one resource's changed records to its file, saving the
// checkpoint every -limit records and at the end.
func (x *exporter) export(ctx context.Context, name string) (written int, err error) {
	st := x.cp.Resources[name]
	if st == nil {
		st = &resourceState{}
		x.cp.Resources[name] = st
	}
	cp := &st.Checkpoint
	cp.Overlap = x.o.overlap
	path := filepath.Join(x.o.out, name+".jsonl")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	if cp.Run != nil {
		// Cut what the checkpoint does not cover (a torn line, or records
		// written after its last save): the walk writes them again.
		if err := f.Truncate(st.Offset); err != nil {
			return 0, fmt.Errorf("cutting %s back to the checkpoint: %w", path, err)
		}
		if cp.Run.AfterID > 0 {
			fmt.Fprintf(x.stdout, "%-11s resuming after id %d (%d records done)\n", name+":", cp.Run.AfterID, cp.Run.Delivered+cp.Run.Skipped)
		}
	} else if st.Offset, err = f.Seek(0, io.SeekEnd); err != nil {
		return 0, err
	}
	if _, err := f.Seek(st.Offset, io.SeekStart); err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	// save makes what was written durable, then records it with the
	// checkpoint.
	save := func() error {
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		if err := f.Sync(); err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		if st.Offset, err = f.Seek(0, io.SeekCurrent); err != nil {
			return err
		}
		return x.cp.save(x.o.checkpoint)
	}
	since := cp.Since
	enc := json.NewEncoder(bw)
	sinceSave, lastSave := 0, time.Now()
	pctx := bigcommerce.WithProgress(ctx, newProgressPrinter(x.stderr, name, x.c, x.o.progressTick))
	for v, err := range x.walk(pctx, name, cp) {
		if err != nil {
			// The checkpoint covers every record written so far.
			if serr := save(); serr != nil {
				err = fmt.Errorf("%w; saving the progress also failed: %v (a re-run resumes from the last progress saved)", err, serr)
			}
			return written, err
		}
		if err := enc.Encode(v); err != nil {
			// The checkpoint already counts this record, so it is not
			// saved: a re-run resumes from the last one saved.
			return written, fmt.Errorf("writing %s: %w", path, err)
		}
		written++
		// Save every -limit records, but at most once a second: the
		// checkpoint holds the records inside the overlap, which can be
		// many.
		if sinceSave++; sinceSave >= x.o.limit && time.Since(lastSave) >= time.Second {
			sinceSave, lastSave = 0, time.Now()
			if err := save(); err != nil {
				return written, err
			}
		}
	}
	if err := save(); err != nil {
		return written, err
	}
	from := "the beginning"
	if !since.IsZero() {
		from = since.Format(time.RFC3339)
	}
	fmt.Fprintf(x.stdout, "%-11s %4d written (modified since %s) -> %s; next run from %s\n",
		name+":", written, from, path, cp.Since.Format(time.RFC3339))
	return written, nil
}

// walk returns the Sync of one resource, each record as the value written
// on its line.
func (x *exporter) walk(ctx context.Context, name string, cp *bigcommerce.Checkpoint) iter.Seq2[any, error] {
	switch name {
	case "customers":
		return values(x.c.Customers.Sync(ctx, cp, &bigcommerce.CustomerFilter{Limit: x.o.limit}))
	case "products":
		return values(x.c.Products.Sync(ctx, cp, &bigcommerce.ProductFilter{
			Include: []bigcommerce.ProductInclude{bigcommerce.ProductIncludeVariants},
			Limit:   x.o.limit,
		}))
	}
	return func(yield func(any, error) bool) {
		filter := (&bigcommerce.OrderFilter{Limit: x.o.limit}).IncludeLineItems()
		for o, err := range x.c.Orders.Sync(ctx, cp, filter) {
			var line any
			if err == nil {
				// Only an order whose consignment BigCommerce cut at 50
				// line items costs a request of its own.
				var items []bigcommerce.OrderProduct
				items, err = x.c.Orders.CompleteLineItems(ctx, &o)
				line = newOrderRecord(o, items)
				if err != nil {
					err = fmt.Errorf("order %d: line items: %w", o.ID, err)
				}
			}
			if !yield(line, err) || err != nil {
				return
			}
		}
	}
}

// values turns a walk's records into the values written.
func values[T any](seq iter.Seq2[T, error]) iter.Seq2[any, error] {
	return func(yield func(any, error) bool) {
		for v, err := range seq {
			if !yield(v, err) {
				return
			}
		}
	}
}

// orderRecord is an order's JSON line: the order with all its line items.
// Its consignments (addresses, shipping methods and costs) refer to the line
// items by link ({"resource": "/orders/{id}/products/{line item id}"}) rather
// than repeating them.
type orderRecord struct {
	bigcommerce.Order
	// LineItems are every line item of the order, sorted by id.
	LineItems []bigcommerce.OrderProduct `json:"line_items"`
}

// newOrderRecord builds an order's line, replacing the line items inside
// its consignments with links to them.
func newOrderRecord(o bigcommerce.Order, items []bigcommerce.OrderProduct) orderRecord {
	if c := o.Consignments; c != nil {
		links := func(l bigcommerce.OrderConsignmentLineItems) bigcommerce.OrderConsignmentLineItems {
			if l.Items == nil {
				return l
			}
			out := bigcommerce.OrderConsignmentLineItems{Links: []bigcommerce.OrderLink{}}
			for _, it := range l.Items {
				out.Links = append(out.Links, bigcommerce.OrderLink{Resource: fmt.Sprintf("/orders/%d/products/%d", o.ID, it.ID)})
			}
			return out
		}
		cc := *c
		cc.Pickups = slices.Clone(c.Pickups)
		for i := range cc.Pickups {
			cc.Pickups[i].LineItems = links(cc.Pickups[i].LineItems)
		}
		cc.Shipping = slices.Clone(c.Shipping)
		for i := range cc.Shipping {
			cc.Shipping[i].LineItems = links(cc.Shipping[i].LineItems)
		}
		cc.Downloads = slices.Clone(c.Downloads)
		for i := range cc.Downloads {
			cc.Downloads[i].LineItems = links(cc.Downloads[i].LineItems)
		}
		cc.Email.GiftCertificates = slices.Clone(c.Email.GiftCertificates)
		for i := range cc.Email.GiftCertificates {
			cc.Email.GiftCertificates[i].LineItems = links(cc.Email.GiftCertificates[i].LineItems)
		}
		o.Consignments = &cc
	}
	return orderRecord{Order: o, LineItems: items}
}

// newProgressPrinter returns the WithProgress hook of one resource: it
// prints a line to w at most every tick (the SDK reports after each page),
// and the last one unless it was just printed, e.g.
// "orders: 500/2000 (25.0%), 250 records/s, ETA 6s, 120/150 requests left
// in the rate window" (without a total: "orders: 500 records, 250
// records/s, ...").
func newProgressPrinter(w io.Writer, name string, c *bigcommerce.Client, tick time.Duration) func(bigcommerce.Progress) {
	var last time.Time
	shown := -1
	return func(p bigcommerce.Progress) {
		now := time.Now()
		if p.Done == shown || (!p.Finished && now.Sub(last) < tick) {
			return
		}
		last, shown = now, p.Done
		line := progressLine(name, p)
		if rl, ok := c.Rate(); ok {
			line += fmt.Sprintf(", %d/%d requests left in the rate window", rl.Remaining, rl.Quota)
		}
		fmt.Fprintln(w, line)
	}
}

// progressLine formats one progress report.
func progressLine(name string, p bigcommerce.Progress) string {
	if p.Total < 0 {
		return fmt.Sprintf("%s: %d records, %.0f records/s", name, p.Done, p.Rate())
	}
	// The total was counted when the walk began: records created since can
	// take the count past it.
	total := max(p.Total, p.Done)
	pct := 100.0
	if total > 0 {
		pct = 100 * float64(p.Done) / float64(total)
	}
	eta := "unknown"
	if left, ok := p.Remaining(); ok || p.Done >= total {
		eta = left.Round(time.Second).String()
	}
	return fmt.Sprintf("%s: %d/%d (%.1f%%), %.0f records/s, ETA %s", name, p.Done, total, pct, p.Rate(), eta)
}
