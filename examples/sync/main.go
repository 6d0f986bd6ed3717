// Command sync exports the customers, products and orders modified since
// the last run into JSON Lines files, one per resource, appending to them.
// Each order is written on one line with its line items ("line_items"),
// read in the same requests as the orders (include=consignments.line_items).
//
// Every resource is walked with the SDK's All iterators in id order, never
// by page number, so records created or archived during the export cannot
// shift pages and make it skip or repeat one.
//
// A checkpoint file remembers, per resource, where the next run starts: the
// latest date_modified seen (or the time the export began, if earlier),
// minus an overlap that absorbs clock skew and late writes. Records seen in
// the overlap are remembered by id and date_modified, so a re-run does not
// write them twice. While a resource is exported, the checkpoint also
// records the last id written and the file's length after it, every -limit
// records (at most once a second) and when an error stops the run, once the
// file is synced to disk: a run stopped by an error or a
// crash resumes after that id, first cutting the file back to that length
// (dropping a torn line or records the checkpoint does not cover), so no
// record is lost or written twice. The checkpoint is replaced atomically.
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

	if o.out == "" {
		if env.Fake {
			dir, err := os.MkdirTemp("", "bigcommerce-export-")
			if err != nil {
				return fmt.Errorf("creating a temporary export directory: %w", err)
			}
			o.out = dir
			fmt.Fprintf(stdout, "Writing to %s (a new temporary directory, because this is the fake store; pass -out DIR to keep an export and re-run it incrementally)\n", dir)
		} else {
			o.out = defaultOut
			fmt.Fprintf(stdout, "Writing to %s (the default; change it with -out)\n", o.out)
		}
	} else {
		fmt.Fprintf(stdout, "Writing to %s\n", o.out)
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return fmt.Errorf("creating the export directory: %w", err)
	}
	if o.checkpoint == "" {
		o.checkpoint = filepath.Join(o.out, "checkpoint.json")
	} else if err := os.MkdirAll(filepath.Dir(o.checkpoint), 0o755); err != nil {
		return fmt.Errorf("creating the checkpoint's directory: %w", err)
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

	x := &exporter{
		c:        env.Client,
		o:        o,
		cp:       cp,
		stdout:   stdout,
		progress: newProgress(stderr, env.Client, o.progressTick),
	}
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
	fs.DurationVar(&o.overlap, "overlap", 2*time.Minute, "how far before the last high-water mark the next run starts")
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
	if o.overlap < 0 {
		return o, exampleenv.Usagef("-overlap %s: must not be negative", o.overlap)
	}
	for _, r := range strings.Split(resources, ",") {
		r = strings.TrimSpace(strings.ToLower(r))
		if r == "" {
			continue
		}
		if !slices.Contains(resourceNames, r) {
			return o, exampleenv.Usagef("-resources: unknown resource %q: want some of %s", r, strings.Join(resourceNames, ", "))
		}
		if !slices.Contains(o.resources, r) {
			o.resources = append(o.resources, r)
		}
	}
	if len(o.resources) == 0 {
		return o, exampleenv.Usagef("-resources: name at least one of %s", strings.Join(resourceNames, ", "))
	}
	return o, nil
}

// ---------------------------------------------------------------------------
// Checkpoint

// checkpointVersion is the version of the checkpoint file format. Version
// 1 files (without runs under way) are read as they are.
const checkpointVersion = 2

// checkpoint is the checkpoint file: where each resource's next run starts.
type checkpoint struct {
	Version int `json:"version"`
	// Store is the store hash the marks belong to; a checkpoint is refused
	// for another store.
	Store string `json:"store"`
	// Updated is when the file was last written.
	Updated time.Time `json:"updated"`
	// Resources maps a resource name to its mark.
	Resources map[string]*mark `json:"resources"`
}

// mark is one resource's high-water mark.
type mark struct {
	// Since is the next run's lower bound on date_modified (inclusive).
	Since time.Time `json:"since"`
	// MaxSeen is the latest date_modified seen so far.
	MaxSeen time.Time `json:"max_date_modified_seen"`
	// Seen lists records already exported whose date_modified is at or
	// after Since (id -> date_modified): the next run fetches them again
	// because of the overlap, and skips those that did not change since.
	Seen map[int]time.Time `json:"seen,omitempty"`
	// Run is the export under way, saved as it progresses so that a run
	// stopped by an error or a crash resumes where it stopped; nil between
	// runs.
	Run *runState `json:"run,omitempty"`
}

// runState is the progress of one resource's export.
type runState struct {
	// Start is when the run began (the first attempt, if resumed).
	Start time.Time `json:"start"`
	// AfterID is the last id written: every record the walk yielded up to
	// it is in the file, synced to disk.
	AfterID int `json:"after_id"`
	// Offset is the file's length after the record AfterID; a resumed run
	// cuts the file back to it.
	Offset int64 `json:"offset"`
	// Done, Written and Skipped count the records walked, written and
	// skipped (already exported and unchanged) so far.
	Done    int `json:"done"`
	Written int `json:"written"`
	Skipped int `json:"skipped"`
	// Observed holds the records walked (id -> date_modified) that may
	// still matter to the next mark: the latest ones, inside the overlap.
	Observed map[int]time.Time `json:"observed,omitempty"`
	// MaxSeen is the latest date_modified walked.
	MaxSeen time.Time `json:"max_seen"`
	// kept is the size of Observed after it was last pruned.
	kept int
}

// loadCheckpoint reads the checkpoint file; a missing file gives an empty
// checkpoint, and so does an unreadable one with -full. (-full replaces the
// marks of the resources it exports: see exporter.run.)
func loadCheckpoint(path, store string, full bool) (*checkpoint, error) {
	fresh := &checkpoint{Version: checkpointVersion, Store: store, Resources: map[string]*mark{}}
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return fresh, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the checkpoint: %w", err)
	}
	var cp checkpoint
	if err := json.Unmarshal(b, &cp); err != nil || (cp.Version != checkpointVersion && cp.Version != 1) {
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
		cp.Resources = map[string]*mark{}
	}
	cp.Version = checkpointVersion
	return &cp, nil
}

// save writes the checkpoint atomically: a temporary file in the same
// directory, synced, then renamed over the old one. A crash leaves either
// the old or the new checkpoint, never a torn one.
func (cp *checkpoint) save(path string) (err error) {
	cp.Updated = time.Now().UTC().Truncate(time.Second)
	b, err := json.MarshalIndent(cp, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing the checkpoint: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(append(b, '\n')); err != nil {
		return fmt.Errorf("writing the checkpoint: %w", err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("writing the checkpoint: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("writing the checkpoint: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing the checkpoint: %w", err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename durable where the platform supports it (Linux,
// macOS); elsewhere opening or syncing a directory fails and is ignored.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}

// advance computes a resource's next mark after a complete export that
// started at start and observed the records in observed (id ->
// date_modified).
//
// The new Since is the earlier of the latest date_modified seen (the
// store's clock) and the export's start (ours: a record changed while the
// export ran may have been passed over), minus the overlap, and never
// earlier than the old Since. Records modified within a second of the
// start are not remembered as exported: timestamps have one-second
// precision, so a change in that same second would look identical.
func advance(old *mark, start time.Time, observed map[int]time.Time, overlap time.Duration) *mark {
	if old == nil {
		old = &mark{}
	}
	if len(observed) == 0 {
		return old
	}
	var maxSeen time.Time
	for _, m := range observed {
		if m.After(maxSeen) {
			maxSeen = m
		}
	}
	since := maxSeen
	if start.Before(since) {
		since = start
	}
	since = since.Add(-overlap).UTC().Truncate(time.Second)
	if since.Before(old.Since) {
		since = old.Since
	}
	next := &mark{Since: since, MaxSeen: maxSeen.UTC()}
	if old.MaxSeen.After(next.MaxSeen) {
		next.MaxSeen = old.MaxSeen
	}
	settled := start.Add(-time.Second)
	for id, m := range observed {
		if !m.Before(since) && m.Before(settled) {
			if next.Seen == nil {
				next.Seen = map[int]time.Time{}
			}
			next.Seen[id] = m.UTC()
		}
	}
	return next
}

// ---------------------------------------------------------------------------
// Export

// record is one exported resource: its id, date_modified and the value
// written as a JSON line.
type record struct {
	id       int
	modified time.Time
	value    any
}

// resource is how one resource is counted and walked.
type resource struct {
	// count returns how many records were modified at or after since, or
	// -1 if it cannot tell.
	count func(ctx context.Context, since time.Time) (int, error)
	// walk yields, in ascending id order, every record modified at or after
	// since (zero: all) whose id is above afterID.
	walk func(ctx context.Context, since time.Time, afterID int) iter.Seq2[record, error]
}

// exporter runs one export.
type exporter struct {
	c        *bigcommerce.Client
	o        options
	cp       *checkpoint
	stdout   io.Writer
	progress *progress
}

func (x *exporter) resource(name string) resource {
	switch name {
	case "customers":
		return resource{x.countCustomers, x.customers}
	case "products":
		return resource{x.countProducts, x.products}
	default:
		return resource{x.countOrders, x.orders}
	}
}

func (x *exporter) run(ctx context.Context) error {
	begin := time.Now()
	if x.o.full {
		// Start every exported resource over, from an empty file; saved
		// first, so that a crash before the end resumes this full run
		// instead of appending an incremental one to a cut file.
		for _, name := range x.o.resources {
			x.cp.Resources[name] = &mark{Run: &runState{Start: begin}}
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

// export appends one resource's changed records to its file, saving its
// progress every -limit records, and at the end advances its mark.
func (x *exporter) export(ctx context.Context, name string) (written int, err error) {
	old := x.cp.Resources[name]
	if old == nil {
		old = &mark{}
		x.cp.Resources[name] = old
	}
	file := filepath.Join(x.o.out, name+".jsonl")
	f, err := os.OpenFile(file, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return 0, err
	}
	run := old.Run
	resumed := run != nil && (run.Done > 0 || run.Offset > 0)
	if run == nil {
		run = &runState{Start: time.Now()}
		if run.Offset, err = f.Seek(0, io.SeekEnd); err != nil {
			f.Close()
			return 0, err
		}
		old.Run = run
	} else if err := f.Truncate(run.Offset); err != nil {
		// Cut what the checkpoint does not cover (a torn line, or records
		// written after its last save): the walk writes them again.
		f.Close()
		return 0, fmt.Errorf("cutting %s back to the checkpoint: %w", file, err)
	}
	if _, err := f.Seek(run.Offset, io.SeekStart); err != nil {
		f.Close()
		return 0, err
	}
	writtenBefore := run.Written
	bw := bufio.NewWriterSize(f, 256<<10)
	// save makes what was written durable, then records it in the
	// checkpoint.
	save := func() error {
		if err := bw.Flush(); err != nil {
			return fmt.Errorf("writing %s: %w", file, err)
		}
		if err := f.Sync(); err != nil {
			return fmt.Errorf("writing %s: %w", file, err)
		}
		pos, err := f.Seek(0, io.SeekCurrent)
		if err != nil {
			return err
		}
		run.Offset = pos
		return x.cp.save(x.o.checkpoint)
	}
	fail := func(err error) (int, error) {
		x.progress.end()
		if serr := save(); serr != nil {
			err = fmt.Errorf("%w; saving the progress also failed: %v (a re-run resumes from the last progress saved)", err, serr)
		}
		f.Close()
		return run.Written - writtenBefore, err
	}
	if err := x.cp.save(x.o.checkpoint); err != nil {
		f.Close()
		return 0, err
	}

	res := x.resource(name)
	total, err := res.count(ctx, old.Since)
	if err != nil {
		total = -1 // the progress line just shows no total
	}
	if resumed {
		fmt.Fprintf(x.stdout, "%-11s resuming after id %d (%d records done)\n", name+":", run.AfterID, run.Done)
	}
	x.progress.begin(name, total, run.Done)
	enc := json.NewEncoder(bw)
	sinceSave, lastSave := 0, time.Now()
	for r, err := range res.walk(ctx, old.Since, run.AfterID) {
		if err != nil {
			return fail(err)
		}
		if r.id <= run.AfterID {
			// Resumption and the checkpoint rely on the id order.
			return fail(fmt.Errorf("the walk yielded id %d after id %d: not in id order, so it cannot be resumed exactly", r.id, run.AfterID))
		}
		if m, ok := old.Seen[r.id]; ok && m.Equal(r.modified) {
			run.Skipped++
		} else {
			if err := enc.Encode(r.value); err != nil {
				return fail(fmt.Errorf("writing %s: %w", file, err))
			}
			run.Written++
		}
		run.observe(r, old.Since, x.o.overlap)
		run.AfterID = r.id
		run.Done++
		x.progress.add(1)
		// Save every -limit records, but at most once a second: the
		// checkpoint holds the records inside the overlap, which can be
		// many.
		if sinceSave++; sinceSave >= x.o.limit && time.Since(lastSave) >= time.Second {
			sinceSave, lastSave = 0, time.Now()
			if err := save(); err != nil {
				return fail(err)
			}
		}
	}
	x.progress.end()
	if err := bw.Flush(); err != nil {
		return fail(err)
	}
	if err := f.Sync(); err != nil {
		return fail(err)
	}
	if err := f.Close(); err != nil {
		return run.Written - writtenBefore, fmt.Errorf("writing %s: %w", file, err)
	}
	next := advance(old, run.Start, run.Observed, x.o.overlap)
	next.Run = nil
	x.cp.Resources[name] = next
	if err := x.cp.save(x.o.checkpoint); err != nil {
		return run.Written - writtenBefore, err
	}
	from := "the beginning"
	if !old.Since.IsZero() {
		from = old.Since.Format(time.RFC3339)
	}
	nextFrom := "the beginning (nothing seen yet)"
	if !next.Since.IsZero() {
		nextFrom = next.Since.Format(time.RFC3339)
	}
	fmt.Fprintf(x.stdout, "%-11s %4d written, %d already exported and unchanged (modified since %s) -> %s; next run from %s\n",
		name+":", run.Written, run.Skipped, from, file, nextFrom)
	return run.Written - writtenBefore, nil
}

// observe remembers a walked record for advance, dropping those that can
// no longer matter: advance keeps only records modified at or after the
// next mark, which is never earlier than the latest date_modified seen
// (capped by the run's start) minus the overlap, nor than since.
func (r *runState) observe(rec record, since time.Time, overlap time.Duration) {
	if r.Observed == nil {
		r.Observed = map[int]time.Time{}
	}
	r.Observed[rec.id] = rec.modified
	if rec.modified.After(r.MaxSeen) {
		r.MaxSeen = rec.modified
	}
	// Prune when the map has doubled since the last pruning, so that this
	// stays cheap on average.
	if len(r.Observed) < max(1024, 2*r.kept) {
		return
	}
	floor := r.MaxSeen
	if r.Start.Before(floor) {
		floor = r.Start
	}
	floor = floor.Add(-overlap)
	if since.After(floor) {
		floor = since
	}
	for id, m := range r.Observed {
		if m.Before(floor) {
			delete(r.Observed, id)
		}
	}
	r.kept = len(r.Observed)
}

func (x *exporter) countCustomers(ctx context.Context, since time.Time) (int, error) {
	_, resp, err := x.c.Customers.List(ctx, &bigcommerce.CustomerFilter{DateModifiedMin: since, Limit: 1})
	return v3Total(resp, err)
}

// customers walks the customers. GET /v3/customers has no id lower bound, so
// a resumed walk reads the records before the resume point again and skips
// them.
func (x *exporter) customers(ctx context.Context, since time.Time, afterID int) iter.Seq2[record, error] {
	return func(yield func(record, error) bool) {
		for c, err := range x.c.Customers.All(ctx, &bigcommerce.CustomerFilter{DateModifiedMin: since, Limit: x.o.limit}) {
			if err != nil {
				yield(record{}, err)
				return
			}
			if c.ID <= afterID {
				continue
			}
			if !yield(record{id: c.ID, modified: c.DateModified, value: c}, nil) {
				return
			}
		}
	}
}

func (x *exporter) countProducts(ctx context.Context, since time.Time) (int, error) {
	_, resp, err := x.c.Products.List(ctx, &bigcommerce.ProductFilter{DateModifiedMin: since, Limit: 1})
	return v3Total(resp, err)
}

func (x *exporter) products(ctx context.Context, since time.Time, afterID int) iter.Seq2[record, error] {
	return func(yield func(record, error) bool) {
		filter := &bigcommerce.ProductFilter{
			DateModifiedMin: since,
			IDGreater:       afterID,
			Include:         bigcommerce.StringList{bigcommerce.ProductIncludeVariants},
			Sort:            bigcommerce.ProductSortID,
			Direction:       bigcommerce.Asc,
			Limit:           x.o.limit,
		}
		for p, err := range x.c.Products.All(ctx, filter) {
			if err != nil {
				yield(record{}, err)
				return
			}
			if !yield(record{id: p.ID, modified: p.DateModified, value: p}, nil) {
				return
			}
		}
	}
}

func (x *exporter) countOrders(ctx context.Context, since time.Time) (int, error) {
	n, _, err := x.c.Orders.Count(ctx, &bigcommerce.OrderFilter{MinDateModified: since})
	if err != nil {
		return -1, err
	}
	return n, nil
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

// orders walks the orders with their line items, which come in the same
// requests (one per 250 orders). Only an order whose consignment BigCommerce
// cut at 50 line items costs a request of its own.
func (x *exporter) orders(ctx context.Context, since time.Time, afterID int) iter.Seq2[record, error] {
	return func(yield func(record, error) bool) {
		filter := &bigcommerce.OrderFilter{
			MinDateModified: since,
			Include:         bigcommerce.StringList{bigcommerce.OrderIncludeConsignmentsLineItems},
			Limit:           x.o.limit,
		}
		if afterID > 0 {
			filter.MinID = afterID + 1
		}
		for o, err := range x.c.Orders.All(ctx, filter) {
			if err != nil {
				yield(record{}, err)
				return
			}
			items, err := x.c.Orders.CompleteLineItems(ctx, &o)
			if err != nil {
				yield(record{}, fmt.Errorf("order %d: line items: %w", o.ID, err))
				return
			}
			if !yield(record{id: o.ID, modified: o.DateModified.Time, value: newOrderRecord(o, items)}, nil) {
				return
			}
		}
	}
}

// v3Total reads meta.pagination.total.
func v3Total(resp *bigcommerce.Response, err error) (int, error) {
	if err != nil {
		return -1, err
	}
	if resp == nil || resp.Pagination == nil {
		return -1, nil
	}
	return resp.Pagination.Total, nil
}

// ---------------------------------------------------------------------------
// Progress

// progress writes a progress line to stderr at most every tick: rewritten
// in place with \r on a terminal, one line per update otherwise. With a
// known total it shows the records done of the total, the percentage, the
// rate and the time left at that rate.
type progress struct {
	w        io.Writer
	tty      bool
	tick     time.Duration
	c        *bigcommerce.Client
	now      func() time.Time
	resource string
	start    time.Time
	last     time.Time
	total    int // -1: unknown
	done     int // records done, including those of a resumed run
	session  int // records done by this process
	width    int
	// shown is the count of the last line printed, so the final line is
	// not a copy of the last update.
	shown int
}

func newProgress(w io.Writer, c *bigcommerce.Client, tick time.Duration) *progress {
	return &progress{w: w, tty: isTerminal(w), tick: tick, c: c, now: time.Now}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *progress) begin(resource string, total, done int) {
	p.resource, p.start, p.last = resource, p.now(), time.Time{}
	p.total, p.done, p.session, p.width, p.shown = total, done, 0, 0, -1
}

func (p *progress) add(records int) {
	p.done += records
	p.session += records
	if now := p.now(); now.Sub(p.last) >= p.tick {
		p.last = now
		p.print()
	}
}

// end prints the final state of the resource, unless the last line
// already showed it.
func (p *progress) end() {
	if p.shown != p.done {
		p.print()
	}
	if p.tty {
		fmt.Fprintln(p.w)
	}
}

func (p *progress) print() {
	p.shown = p.done
	line := p.line(p.now().Sub(p.start))
	if rl, ok := p.c.Rate(); ok {
		line += fmt.Sprintf(", %d/%d requests left in the rate window", rl.Remaining, rl.Quota)
	}
	if !p.tty {
		fmt.Fprintln(p.w, line)
		return
	}
	pad := max(p.width-len(line), 0)
	p.width = len(line)
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", pad))
}

// line formats the progress after elapsed: "orders: 500/2000 (25.0%),
// 250 records/s, ETA 6s", or without a total "orders: 500 records, 250
// records/s".
func (p *progress) line(elapsed time.Duration) string {
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(p.session) / s
	}
	if p.total < 0 {
		return fmt.Sprintf("%s: %d records, %.0f records/s", p.resource, p.done, rate)
	}
	// The total was counted when the walk began: records created since can
	// take the count past it.
	total := max(p.total, p.done)
	pct := 100.0
	if total > 0 {
		pct = 100 * float64(p.done) / float64(total)
	}
	eta := "unknown"
	switch left := total - p.done; {
	case left == 0:
		eta = "0s"
	case rate > 0:
		eta = (time.Duration(float64(left) / rate * float64(time.Second))).Round(time.Second).String()
	}
	return fmt.Sprintf("%s: %d/%d (%.1f%%), %.0f records/s, ETA %s", p.resource, p.done, total, pct, rate, eta)
}
