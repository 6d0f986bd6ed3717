package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
	"github.com/bigcommerce-go/bigcommerce/examples/internal/exampleenv"
)

// clock is the fake store's clock, moved by hand so that writes between
// runs get known, distinct date_modified values.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// setup returns an Env for a fake store seeded like the program's own, with
// its clock a month after the seeded data.
func setup(t *testing.T) (*exampleenv.Env, *bigcommercetest.Store, *clock) {
	t.Helper()
	clk := &clock{t: time.Date(2025, time.February, 1, 12, 0, 0, 0, time.UTC)}
	store := bigcommercetest.New(bigcommercetest.Config{Now: clk.Now})
	seed := fakeSeed()
	store.Seed(seed)
	env, err := exampleenv.ForStore(store, seed, true)
	if err != nil {
		t.Fatal(err)
	}
	return env, store, clk
}

func runSync(t *testing.T, env *exampleenv.Env, args ...string) (stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := runWith(context.Background(), args, &out, &errOut, exampleenv.Use(env)); err != nil {
		t.Fatalf("sync %v: %v\nstdout:\n%s\nstderr:\n%s", args, err, out.String(), errOut.String())
	}
	return out.String(), errOut.String()
}

// ids reads a JSON Lines file and returns the "id" of each line.
func ids(t *testing.T, path string) []int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []int
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var rec struct {
			ID int `json:"id"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil || rec.ID == 0 {
			t.Fatalf("%s: bad line %q: %v", path, sc.Text(), err)
		}
		out = append(out, rec.ID)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func counts(t *testing.T, dir string) [3]int {
	t.Helper()
	var c [3]int
	for i, name := range resourceNames {
		c[i] = len(ids(t, filepath.Join(dir, name+".jsonl")))
	}
	return c
}

func readCheckpoint(t *testing.T, path string) checkpointFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cp checkpointFile
	if err := json.Unmarshal(b, &cp); err != nil {
		t.Fatal(err)
	}
	return cp
}

func TestSyncExportsOnlyChangesOnSecondRun(t *testing.T) {
	env, store, clk := setup(t)
	ctx := context.Background()
	dir := t.TempDir()

	out, _ := runSync(t, env, "-out", dir)
	want := [3]int{store.CustomerCount(), store.ProductCount(), store.OrderCount()}
	if got := counts(t, dir); got != want {
		t.Fatalf("first run exported %v customers/products/orders, want %v\n%s", got, want, out)
	}
	if !strings.Contains(out, "none yet, exporting everything") {
		t.Errorf("first run does not say it is a full export:\n%s", out)
	}
	cp := readCheckpoint(t, filepath.Join(dir, "checkpoint.json"))
	if cp.Store != "fakestore" || len(cp.Resources) != 3 {
		t.Fatalf("checkpoint %+v", cp)
	}
	for name, st := range cp.Resources {
		if st.Checkpoint.Since.IsZero() || st.Checkpoint.Run != nil || st.Offset == 0 {
			t.Errorf("%s: %+v: want a finished run with a high-water mark and the file's length", name, st)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file left behind: %s", e.Name())
		}
	}

	// Change one customer, one product and one order through the SDK.
	clk.Advance(time.Hour)
	if _, _, err := env.Client.Customers.Update(ctx, 5, bigcommerce.CustomerUpdate{FirstName: bigcommerce.Ptr("Renamed")}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := env.Client.Products.Update(ctx, 3, bigcommerce.ProductUpdate{IsFeatured: bigcommerce.Ptr(true)}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := env.Client.Orders.UpdateStatus(ctx, 120, bigcommerce.OrderStatusCompleted); err != nil {
		t.Fatal(err)
	}
	logStart := len(store.RequestLog())

	out, _ = runSync(t, env, "-out", dir)
	got := counts(t, dir)
	if got != [3]int{want[0] + 1, want[1] + 1, want[2] + 1} {
		t.Fatalf("after the second run the files hold %v records, want %v plus one each\n%s", got, want, out)
	}
	for i, id := range []int{5, 3, 120} {
		list := ids(t, filepath.Join(dir, resourceNames[i]+".jsonl"))
		if last := list[len(list)-1]; last != id {
			t.Errorf("%s: appended id %d, want %d", resourceNames[i], last, id)
		}
	}
	// The second run filtered on date_modified instead of reading everything.
	filters := map[string]string{"/v3/customers": "date_modified:min", "/v3/catalog/products": "date_modified:min", "/v2/orders": "min_date_modified"}
	for _, r := range store.RequestLog()[logStart:] {
		for suffix, param := range filters {
			if strings.HasSuffix(r.Path, suffix) {
				q, _ := url.ParseQuery(r.RawQuery)
				if q.Get(param) == "" {
					t.Errorf("GET %s?%s: no %s filter", r.Path, r.RawQuery, param)
				}
			}
		}
	}

	// Nothing changed since: a third run writes nothing.
	out, _ = runSync(t, env, "-out", dir)
	if again := counts(t, dir); again != got {
		t.Errorf("third run with no changes appended records: %v -> %v\n%s", got, again, out)
	}
	if !strings.Contains(out, "Done: 0 records written") {
		t.Errorf("third run summary:\n%s", out)
	}
}

func TestSyncProgressShowsTotalPercentRateAndETA(t *testing.T) {
	env, _, _ := setup(t)
	dir := t.TempDir()
	out, progress := runSync(t, env, "-out", dir, "-limit", "7", "-resources", "customers", "-progress-every", "0s")
	if got := len(ids(t, filepath.Join(dir, "customers.jsonl"))); got != 40 {
		t.Errorf("exported %d customers, want 40", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "orders.jsonl")); err == nil {
		t.Error("orders exported although -resources customers")
	}
	// The SDK reports after each page of 7: 7, 14, ..., 35, 40.
	lines := strings.Split(strings.TrimSpace(progress), "\n")
	if len(lines) != 6 {
		t.Errorf("%d progress lines with -progress-every 0s and 40 records in pages of 7, want 6:\n%s", len(lines), progress)
	}
	line := regexp.MustCompile(`^customers: (\d+)/40 \((\d+\.\d)%\), \d+ records/s, ETA \S+, \d+/150 requests left in the rate window$`)
	for i, l := range lines {
		m := line.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("progress line %q", l)
		}
		want := min(7*(i+1), 40)
		if done, _ := strconv.Atoi(m[1]); done != want || m[2] != strconv.FormatFloat(100*float64(want)/40, 'f', 1, 64) {
			t.Errorf("line %d: %q", i, l)
		}
	}
	if !strings.Contains(lines[len(lines)-1], "40/40 (100.0%)") || !strings.Contains(lines[len(lines)-1], "ETA 0s") {
		t.Errorf("last line %q", lines[len(lines)-1])
	}
	if strings.Contains(progress, "\r") {
		t.Error("carriage returns in progress written to a non-terminal")
	}
	if !strings.Contains(out, "Done: 40 records written") {
		t.Errorf("summary:\n%s", out)
	}
}

func TestProgressLine(t *testing.T) {
	tests := []struct {
		total, done int
		elapsed     time.Duration
		want        string
	}{
		{2000, 500, 2 * time.Second, "orders: 500/2000 (25.0%), 250 records/s, ETA 6s"},
		{-1, 500, 2 * time.Second, "orders: 500 records, 250 records/s"},
		{100, 120, time.Second, "orders: 120/120 (100.0%), 120 records/s, ETA 0s"},
		{0, 0, 0, "orders: 0/0 (100.0%), 0 records/s, ETA 0s"},
		{10, 0, time.Second, "orders: 0/10 (0.0%), 0 records/s, ETA unknown"},
	}
	for _, tt := range tests {
		p := bigcommerce.Progress{Op: "Orders.All", Total: tt.total, Done: tt.done, Elapsed: tt.elapsed}
		if got := progressLine("orders", p); got != tt.want {
			t.Errorf("total %d, %d in %s: %q, want %q", tt.total, tt.done, tt.elapsed, got, tt.want)
		}
	}
}

func TestSyncProgressIsThrottled(t *testing.T) {
	env, _, _ := setup(t)
	_, progress := runSync(t, env, "-out", t.TempDir(), "-limit", "1", "-resources", "customers", "-progress-every", "1h")
	// One line for the first record, one at the end.
	if n := strings.Count(progress, "\n"); n != 2 {
		t.Errorf("%d progress lines for 40 records with a 1h interval, want 2:\n%s", n, progress)
	}
}

// orderLines reads orders.jsonl: each line's id, date_modified and number of
// line items.
func orderLines(t *testing.T, path string) []orderLine {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []orderLine
	for _, l := range strings.Split(strings.TrimSuffix(string(b), "\n"), "\n") {
		var o struct {
			ID           int                        `json:"id"`
			DateModified bigcommerce.Time           `json:"date_modified"`
			LineItems    []bigcommerce.OrderProduct `json:"line_items"`
		}
		if err := json.Unmarshal([]byte(l), &o); err != nil {
			t.Fatalf("%s: bad line %q: %v", path, l, err)
		}
		out = append(out, orderLine{o.ID, o.DateModified.Unix(), len(o.LineItems)})
	}
	return out
}

type orderLine struct {
	id       int
	modified int64
	items    int
}

// Every order is written once, on one line with all its line items.
func TestSyncWritesOrdersWithLineItems(t *testing.T) {
	env, store, _ := setup(t)
	dir := t.TempDir()
	runSync(t, env, "-out", dir, "-resources", "orders")
	// The line items came with the orders: no request per order.
	for _, r := range store.RequestLog() {
		if strings.Contains(r.Path, "/v2/orders/") && strings.HasSuffix(r.Path, "/products") {
			t.Errorf("the sync fetched %s", r.Path)
		}
	}
	lines := orderLines(t, filepath.Join(dir, "orders.jsonl"))
	if len(lines) != store.OrderCount() {
		t.Fatalf("%d order lines, want %d", len(lines), store.OrderCount())
	}
	// The consignments refer to the line items instead of repeating them.
	first, _, _ := strings.Cut(readFile(t, filepath.Join(dir, "orders.jsonl")), "\n")
	var o struct {
		ID           int `json:"id"`
		Consignments struct {
			Shipping []struct {
				Zip       string `json:"zip"`
				LineItems []struct {
					ID       int    `json:"id"`
					Resource string `json:"resource"`
				} `json:"line_items"`
			} `json:"shipping"`
		} `json:"consignments"`
	}
	if err := json.Unmarshal([]byte(first), &o); err != nil {
		t.Fatal(err)
	}
	if sh := o.Consignments.Shipping; len(sh) != 1 || sh[0].Zip == "" || len(sh[0].LineItems) == 0 ||
		sh[0].LineItems[0].ID != 0 || !strings.HasPrefix(sh[0].LineItems[0].Resource, fmt.Sprintf("/orders/%d/products/", o.ID)) {
		t.Errorf("consignments of the first line: %+v", o.Consignments)
	}
	for _, l := range lines {
		products, _, err := env.Client.Orders.ListProducts(context.Background(), l.id, nil)
		if err != nil {
			t.Fatal(err)
		}
		if l.items == 0 || l.items != len(products) {
			t.Errorf("order %d: %d line items written, the store has %d", l.id, l.items, len(products))
		}
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSyncFullReplacesTheFiles(t *testing.T) {
	env, store, _ := setup(t)
	dir := t.TempDir()
	want := [3]int{store.CustomerCount(), store.ProductCount(), store.OrderCount()}
	runSync(t, env, "-out", dir)
	out, _ := runSync(t, env, "-out", dir, "-full")
	if got := counts(t, dir); got != want {
		t.Errorf("after -full the files hold %v records, want %v (replaced, not appended)\n%s", got, want, out)
	}
	// -full of one resource leaves the others' files and marks alone.
	before := readCheckpoint(t, filepath.Join(dir, "checkpoint.json"))
	runSync(t, env, "-out", dir, "-full", "-resources", "orders")
	if got := counts(t, dir); got != want {
		t.Errorf("after -full -resources orders the files hold %v, want %v", got, want)
	}
	after := readCheckpoint(t, filepath.Join(dir, "checkpoint.json"))
	if !after.Resources["customers"].Checkpoint.Since.Equal(before.Resources["customers"].Checkpoint.Since) || after.Resources["orders"].Checkpoint.Run != nil {
		t.Errorf("checkpoint after -full of orders: %+v", after.Resources)
	}
}

// A run that fails half way keeps its progress; the re-run resumes after the
// last id written and the files end up holding every record exactly once,
// even with a torn line left behind by a crash.
func TestSyncResumesAfterFailureWithoutRepeating(t *testing.T) {
	env, store, _ := setup(t)
	dir := t.TempDir()
	// Order requests fail after the first few (the first page and the
	// probe of the highest id succeed; which windows of ids are read before
	// the failure depends on the concurrent walk).
	hc := &http.Client{Transport: &failAfter{next: store.Transport(), path: "/v2/orders", n: 3}}
	envFail, err := exampleenv.ForStore(store, fakeSeed(), true, bigcommerce.WithHTTPClient(hc), bigcommerce.WithRetryPolicy(bigcommerce.RetryPolicy{MaxRetries: 0}))
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	err = runWith(context.Background(), []string{"-out", dir, "-limit", "10"}, &out, &errOut, exampleenv.Use(envFail))
	if code := exampleenv.ExitCode(err); code != 1 {
		t.Fatalf("exit code %d (err %v), want 1", code, err)
	}
	if !strings.Contains(err.Error(), "orders: ") || !strings.Contains(err.Error(), "re-run to resume") {
		t.Errorf("error %q", err)
	}
	cp := readCheckpoint(t, filepath.Join(dir, "checkpoint.json"))
	if cp.Resources["customers"].Checkpoint.Run != nil || cp.Resources["products"].Checkpoint.Run != nil {
		t.Errorf("the finished resources still have a run: %+v", cp.Resources)
	}
	st := cp.Resources["orders"]
	run := st.Checkpoint.Run
	if run == nil || run.AfterID == 0 || run.Delivered < 10 || run.Delivered%10 != 0 || st.Offset == 0 {
		t.Fatalf("orders %+v, run %+v: want the orders of the pages read before the failure (whole pages of 10) checkpointed", st, run)
	}
	if got := len(orderLines(t, filepath.Join(dir, "orders.jsonl"))); got != run.Delivered {
		t.Errorf("%d orders written before the failure, want the %d checkpointed", got, run.Delivered)
	}
	// A crash after more records were written than the checkpoint covers
	// leaves them, and a torn line, after the checkpointed offset.
	f, err := os.OpenFile(filepath.Join(dir, "orders.jsonl"), os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(f, "{\"id\":%d,\"date_modified\":\"\"}\n{\"id\":%d,\"date_mod", run.AfterID+1, run.AfterID+2)
	f.Close()

	out2, _ := runSync(t, env, "-out", dir)
	if !strings.Contains(out2, fmt.Sprintf("orders:     resuming after id %d (%d records done)", run.AfterID, run.Delivered)) {
		t.Errorf("re-run output:\n%s", out2)
	}
	if got := counts(t, dir); got != [3]int{40, 25, 60} {
		t.Errorf("after the re-run the files hold %v, want [40 25 60]", got)
	}
	assertOnce(t, orderLines(t, filepath.Join(dir, "orders.jsonl")))
	if readCheckpoint(t, filepath.Join(dir, "checkpoint.json")).Resources["orders"].Checkpoint.Run != nil {
		t.Error("the resumed run was not finished")
	}
}

// failAfter fails every request to path after the first n ones.
type failAfter struct {
	next http.RoundTripper
	path string
	n    int
	seen atomic.Int32
}

func (f *failAfter) RoundTrip(r *http.Request) (*http.Response, error) {
	if strings.HasSuffix(r.URL.Path, f.path) && int(f.seen.Add(1)) > f.n {
		return nil, errors.New("connection reset by the test")
	}
	return f.next.RoundTrip(r)
}

// assertOnce fails if a version of a record (id and date_modified) is
// written twice.
func assertOnce(t *testing.T, lines []orderLine) {
	t.Helper()
	seen := map[[2]int64]bool{}
	for _, l := range lines {
		k := [2]int64{int64(l.id), l.modified}
		if seen[k] {
			t.Errorf("order %d (modified %d) written twice", l.id, l.modified)
		}
		seen[k] = true
	}
}

// mutator archives, inserts and modifies orders through a second client
// once two pages of orders have come back to the walk, the way other
// clients change a live store during an export. It reads the pages it
// passes on to know which orders the walk has already received.
type mutator struct {
	next  http.RoundTripper
	t     *testing.T
	other *bigcommerce.Client
	clk   *clock

	mu       sync.Mutex
	pages    int
	mutated  bool
	returned map[int]bool
	// What it did.
	archivedBelow, archivedAbove, modifiedBelow, modifiedAbove int
	inserted                                                   []int
}

func (m *mutator) RoundTrip(r *http.Request) (*http.Response, error) {
	isPage := r.Method == http.MethodGet && strings.HasSuffix(r.URL.Path, "/v2/orders")
	if isPage {
		m.mu.Lock()
		// A window of ids the walk has not received yet (min_id) is
		// about to be read: change orders below and inside it.
		var minID int
		fmt.Sscan(r.URL.Query().Get("min_id"), &minID)
		if m.pages >= 2 && !m.mutated && minID > 0 && !m.returned[minID] {
			m.mutated = true
			m.mutate(minID)
		}
		m.mu.Unlock()
	}
	resp, err := m.next.RoundTrip(r)
	if err != nil || !isPage || resp.StatusCode != http.StatusOK {
		return resp, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	var page []struct {
		ID int `json:"id"`
	}
	if err := json.Unmarshal(body, &page); err != nil {
		m.t.Errorf("order page: %v", err)
	}
	m.mu.Lock()
	for _, o := range page {
		m.returned[o.ID] = true
	}
	if len(page) > 1 { // a page of orders, not the probe of the highest id
		m.pages++
	}
	m.mu.Unlock()
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// mutate changes orders on both sides of what the walk has received.
func (m *mutator) mutate(next int) {
	ctx := context.Background()
	// Below: two orders the walk has received; above: two in the window
	// of ids it is about to read (from next). (Errorf, not Fatal: this runs
	// on the walk's goroutines.)
	var got []int
	for id := range m.returned {
		got = append(got, id)
	}
	slices.Sort(got)
	if len(got) < 5 {
		m.t.Errorf("only %d orders received before the mutation", len(got))
		return
	}
	m.clk.Advance(time.Hour)
	m.archivedBelow, m.modifiedBelow = got[0]+2, got[0]+4
	m.archivedAbove, m.modifiedAbove = next+2, next+4
	if !m.returned[m.archivedBelow] || !m.returned[m.modifiedBelow] {
		m.t.Errorf("orders %d and %d were not received before the mutation", m.archivedBelow, m.modifiedBelow)
	}
	for _, id := range []int{m.archivedBelow, m.archivedAbove} {
		if _, err := m.other.Orders.Archive(ctx, id); err != nil {
			m.t.Errorf("archive %d: %v", id, err)
		}
	}
	for _, id := range []int{m.modifiedBelow, m.modifiedAbove} {
		if _, _, err := m.other.Orders.UpdateStatus(ctx, id, bigcommerce.OrderStatusShipped); err != nil {
			m.t.Errorf("update %d: %v", id, err)
		}
	}
	for i := range 2 {
		o, _, err := m.other.Orders.Create(ctx, bigcommerce.OrderCreate{
			BillingAddress: &bigcommerce.OrderAddressCreate{Zip: bigcommerce.Ptr("78751")},
			Products:       []bigcommerce.OrderProductCreate{{Name: bigcommerce.Ptr(fmt.Sprintf("Inserted %d", i)), Quantity: 2, PriceIncTax: bigcommerce.Ptr(decimal.NewFromInt(12)), PriceExTax: bigcommerce.Ptr(decimal.NewFromInt(10))}},
		})
		if err != nil {
			m.t.Errorf("insert: %v", err)
			continue
		}
		m.inserted = append(m.inserted, o.ID)
	}
}

// While other clients archive, insert and modify orders between the pages
// of a sync, the sync loses nothing: after it and a re-run the file holds
// every order that was never archived, in its latest version, and no
// version twice.
func TestSyncLosesNothingWhileOrdersChange(t *testing.T) {
	env, store, clk := setup(t)
	dir := t.TempDir()
	other := env.Client
	m := &mutator{next: store.Transport(), t: t, other: other, clk: clk, returned: map[int]bool{}}
	envMut, err := exampleenv.ForStore(store, fakeSeed(), true, bigcommerce.WithHTTPClient(&http.Client{Transport: m}))
	if err != nil {
		t.Fatal(err)
	}
	initial := map[int]bool{}
	for o, err := range other.Orders.All(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		initial[o.ID] = true
	}

	runSync(t, envMut, "-out", dir, "-resources", "orders", "-limit", "10")
	if !m.mutated {
		t.Fatal("the store was not changed during the sync")
	}
	first := orderLines(t, filepath.Join(dir, "orders.jsonl"))
	runSync(t, envMut, "-out", dir, "-resources", "orders", "-limit", "10")
	lines := orderLines(t, filepath.Join(dir, "orders.jsonl"))
	assertOnce(t, lines)

	written := map[int][]orderLine{}
	for _, l := range lines {
		written[l.id] = append(written[l.id], l)
	}
	// Every order now in the store is there, in its current version.
	now := map[int]bool{}
	for o, err := range other.Orders.All(context.Background(), (&bigcommerce.OrderFilter{}).IncludeLineItems()) {
		if err != nil {
			t.Fatal(err)
		}
		now[o.ID] = true
		vs := written[o.ID]
		if len(vs) == 0 {
			t.Errorf("order %d lost", o.ID)
			continue
		}
		if last := vs[len(vs)-1]; last.modified != o.DateModified.Unix() || last.items != len(o.LineItems()) {
			t.Errorf("order %d: last version written %+v, store has modified %d with %d line items", o.ID, last, o.DateModified.Unix(), len(o.LineItems()))
		}
	}
	for id := range initial {
		if !now[id] && id != m.archivedBelow && id != m.archivedAbove {
			t.Errorf("order %d vanished from the store", id)
		}
	}
	for _, id := range m.inserted {
		if !now[id] || len(written[id]) != 1 {
			t.Errorf("inserted order %d written %d times", id, len(written[id]))
		}
	}
	// The order archived below the walk's position was exported before it
	// was archived; the order modified there is written again by the
	// re-run, in its new version.
	if len(written[m.archivedBelow]) != 1 {
		t.Errorf("order %d (archived behind the walk) written %d times, want once", m.archivedBelow, len(written[m.archivedBelow]))
	}
	if len(written[m.modifiedBelow]) != 2 {
		t.Errorf("order %d (modified behind the walk) written %d times, want its old and new version", m.modifiedBelow, len(written[m.modifiedBelow]))
	}
	if len(first) < len(initial)-1 {
		t.Errorf("the first run wrote %d orders of %d", len(first), len(initial))
	}
}

func TestSyncRefusesAnotherStoresCheckpoint(t *testing.T) {
	env, _, _ := setup(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "cp.json")
	if err := os.WriteFile(path, []byte(`{"version":3,"store":"abc123","resources":{}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	err := runWith(context.Background(), []string{"-out", dir, "-checkpoint", path}, &out, &errOut, exampleenv.Use(env))
	if err == nil || !strings.Contains(err.Error(), `belongs to store "abc123"`) {
		t.Fatalf("err = %v, want a refusal naming the other store", err)
	}
	if _, statErr := os.Stat(filepath.Join(dir, "customers.jsonl")); statErr == nil {
		t.Error("exported despite the refused checkpoint")
	}
}

func TestSyncFakeStoreDefaultsToTempDir(t *testing.T) {
	env, _, _ := setup(t)
	out, _ := runSync(t, env)
	line := strings.Split(out, "\n")[1]
	dir, ok := strings.CutPrefix(line, "Writing to ")
	dir, _, _ = strings.Cut(dir, " (a new temporary directory")
	if !ok || !strings.Contains(line, "a new temporary directory") {
		t.Fatalf("second line %q: want the temporary directory", line)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if !strings.HasPrefix(dir, os.TempDir()) {
		t.Errorf("export dir %q is not under %q", dir, os.TempDir())
	}
	if got := counts(t, dir); got != [3]int{40, 25, 60} {
		t.Errorf("exported %v", got)
	}
}

func TestSyncUsageErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-resources", "carts"},
		{"-resources", ","},
		{"-limit", "0"},
		{"-limit", "251"},
		{"-overlap", "-1m"},
		{"-nope"},
	} {
		var out, errOut bytes.Buffer
		err := runWith(context.Background(), args, &out, &errOut, func(context.Context, bigcommercetest.SeedOptions) (*exampleenv.Env, error) {
			t.Fatalf("%v: connected despite bad flags", args)
			return nil, nil
		})
		if code := exampleenv.ExitCode(err); code != 2 {
			t.Errorf("%v: exit code %d (err %v), want 2", args, code, err)
		}
	}
}
