// Command sync exports the customers, products and orders modified since
// the last run into JSON Lines files, one per resource, appending to them.
//
// A checkpoint file remembers, per resource, where the next run starts: the
// latest date_modified seen (or the time the export began, if earlier),
// minus an overlap that absorbs clock skew and late writes. Records seen in
// the overlap are remembered by id and date_modified, so a re-run does not
// write them twice. The checkpoint is replaced atomically, and only after
// the data it covers is flushed and synced to disk, so a crash or an error
// can make a re-run export some records again but never skip one.
//
// With BIGCOMMERCE_STORE_HASH and BIGCOMMERCE_ACCESS_TOKEN set it reads that
// store (it never writes to the store). Without them it reads an embedded
// fake store and, unless -out is given, writes into a new temporary
// directory.
//
//	go run ./examples/sync -out ./export
//	go run ./examples/sync -out ./export          # again: only what changed
//	go run ./examples/sync -out ./export -resources orders -full
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
		fmt.Fprintf(stdout, "Checkpoint %s: ignored (-full), exporting everything\n", o.checkpoint)
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
	fs.BoolVar(&o.full, "full", false, "ignore the checkpoint and export everything (a new checkpoint is still written)")
	fs.IntVar(&o.limit, "limit", bigcommerce.MaxPageSize, "page size, 1 to 250")
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

// checkpointVersion is the version of the checkpoint file format.
const checkpointVersion = 1

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
}

// loadCheckpoint reads the checkpoint file; a missing file (or -full) gives
// an empty checkpoint.
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
	if full || cp.Resources == nil {
		cp.Resources = map[string]*mark{}
	}
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

// fetchPage fetches one page of records modified at or after since (zero:
// all); last reports that no page follows.
type fetchPage func(ctx context.Context, since time.Time, page, limit int) (recs []record, last bool, err error)

// exporter runs one export.
type exporter struct {
	c        *bigcommerce.Client
	o        options
	cp       *checkpoint
	stdout   io.Writer
	progress *progress
}

func (x *exporter) fetcher(name string) fetchPage {
	switch name {
	case "customers":
		return x.customers
	case "products":
		return x.products
	default:
		return x.orders
	}
}

func (x *exporter) run(ctx context.Context) error {
	begin := time.Now()
	total, pages := 0, 0
	for _, name := range x.o.resources {
		n, p, err := x.export(ctx, name)
		total += n
		pages += p
		if err != nil {
			return fmt.Errorf("%s: %w (the checkpoint for %s was not advanced: re-run to resume; records already written may be written again)", name, err, name)
		}
	}
	fmt.Fprintf(x.stdout, "Done: %d records written in %s (%d pages).\n", total, time.Since(begin).Round(time.Millisecond), pages)
	return nil
}

// export appends one resource's changed records to its file and, once the
// file is synced, advances and saves its mark.
func (x *exporter) export(ctx context.Context, name string) (written, pages int, err error) {
	old := x.cp.Resources[name]
	if old == nil {
		old = &mark{}
	}
	file := filepath.Join(x.o.out, name+".jsonl")
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
	if err != nil {
		return 0, 0, err
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	// On error, keep what was fetched: appending it may duplicate records
	// on the re-run, which is harmless, and the checkpoint is not advanced.
	closeFile := func() error {
		ferr := bw.Flush()
		if serr := f.Sync(); ferr == nil {
			ferr = serr
		}
		if cerr := f.Close(); ferr == nil {
			ferr = cerr
		}
		return ferr
	}
	enc := json.NewEncoder(bw)
	fetch := x.fetcher(name)
	start := time.Now()
	observed := map[int]time.Time{}
	skipped := 0
	x.progress.begin(name)
	for page := 1; ; page++ {
		recs, last, err := fetch(ctx, old.Since, page, x.o.limit)
		if err != nil {
			x.progress.end()
			_ = closeFile()
			return written, pages, err
		}
		pages++
		for _, r := range recs {
			observed[r.id] = r.modified
			if m, ok := old.Seen[r.id]; ok && m.Equal(r.modified) {
				skipped++
				continue
			}
			if err := enc.Encode(r.value); err != nil {
				x.progress.end()
				_ = closeFile()
				return written, pages, fmt.Errorf("writing %s: %w", file, err)
			}
			written++
		}
		x.progress.add(len(recs), 1)
		if last || len(recs) == 0 {
			break
		}
	}
	x.progress.end()
	if err := closeFile(); err != nil {
		return written, pages, fmt.Errorf("writing %s: %w", file, err)
	}
	next := advance(old, start, observed, x.o.overlap)
	x.cp.Resources[name] = next
	if err := x.cp.save(x.o.checkpoint); err != nil {
		return written, pages, err
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
		name+":", written, skipped, from, file, nextFrom)
	return written, pages, nil
}

func (x *exporter) customers(ctx context.Context, since time.Time, page, limit int) ([]record, bool, error) {
	list, resp, err := x.c.Customers.List(ctx, &bigcommerce.CustomerFilter{DateModifiedMin: since, Page: page, Limit: limit})
	if err != nil {
		return nil, false, err
	}
	recs := make([]record, len(list))
	for i, c := range list {
		recs[i] = record{id: c.ID, modified: c.DateModified, value: c}
	}
	return recs, lastV3(resp, len(list), limit), nil
}

func (x *exporter) products(ctx context.Context, since time.Time, page, limit int) ([]record, bool, error) {
	list, resp, err := x.c.Products.List(ctx, &bigcommerce.ProductFilter{
		DateModifiedMin: since,
		Include:         []bigcommerce.ProductInclude{bigcommerce.ProductIncludeVariants},
		Sort:            bigcommerce.ProductSortID,
		Direction:       bigcommerce.Asc,
		Page:            page,
		Limit:           limit,
	})
	if err != nil {
		return nil, false, err
	}
	recs := make([]record, len(list))
	for i, p := range list {
		recs[i] = record{id: p.ID, modified: p.DateModified, value: p}
	}
	return recs, lastV3(resp, len(list), limit), nil
}

func (x *exporter) orders(ctx context.Context, since time.Time, page, limit int) ([]record, bool, error) {
	list, _, err := x.c.Orders.List(ctx, &bigcommerce.OrderFilter{
		MinDateModified: since,
		Sort:            bigcommerce.OrderSortIDAsc,
		Page:            page,
		Limit:           limit,
	})
	if err != nil {
		return nil, false, err
	}
	recs := make([]record, len(list))
	for i, o := range list {
		recs[i] = record{id: o.ID, modified: o.DateModified.Time, value: o}
	}
	// V2 gives no totals: a short page (or 204, an empty one) is the last.
	return recs, len(list) < limit, nil
}

// lastV3 reports whether a V3 page is the last one.
func lastV3(resp *bigcommerce.Response, got, limit int) bool {
	if resp != nil && resp.Pagination != nil && resp.Pagination.TotalPages > 0 {
		return resp.Pagination.CurrentPage >= resp.Pagination.TotalPages
	}
	return got < limit
}

// ---------------------------------------------------------------------------
// Progress

// progress writes a progress line to stderr at most every tick: rewritten
// in place with \r on a terminal, one line per update otherwise.
type progress struct {
	w        io.Writer
	tty      bool
	tick     time.Duration
	c        *bigcommerce.Client
	resource string
	start    time.Time
	last     time.Time
	records  int
	pages    int
	width    int
	// shown is the record and page count of the last line printed, so the
	// final line is not a copy of the last update.
	shown [2]int
}

func newProgress(w io.Writer, c *bigcommerce.Client, tick time.Duration) *progress {
	return &progress{w: w, tty: isTerminal(w), tick: tick, c: c}
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

func (p *progress) begin(resource string) {
	p.resource, p.start, p.last, p.records, p.pages, p.width, p.shown = resource, time.Now(), time.Time{}, 0, 0, 0, [2]int{-1, -1}
}

func (p *progress) add(records, pages int) {
	p.records += records
	p.pages += pages
	if now := time.Now(); now.Sub(p.last) >= p.tick {
		p.last = now
		p.print()
	}
}

// end prints the final state of the resource, unless the last line
// already showed it.
func (p *progress) end() {
	if p.shown != [2]int{p.records, p.pages} {
		p.print()
	}
	if p.tty {
		fmt.Fprintln(p.w)
	}
}

func (p *progress) print() {
	p.shown = [2]int{p.records, p.pages}
	elapsed := time.Since(p.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(p.records) / elapsed
	}
	left := "unknown"
	if rl, ok := p.c.Rate(); ok {
		left = fmt.Sprintf("%d/%d", rl.Remaining, rl.Quota)
	}
	line := fmt.Sprintf("%s: %d records, %.0f records/s, %d pages, %s requests left in the rate window", p.resource, p.records, rate, p.pages, left)
	if !p.tty {
		fmt.Fprintln(p.w, line)
		return
	}
	pad := max(p.width-len(line), 0)
	p.width = len(line)
	fmt.Fprintf(p.w, "\r%s%s", line, strings.Repeat(" ", pad))
}
