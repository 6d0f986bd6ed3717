package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

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

func readCheckpoint(t *testing.T, path string) checkpoint {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var cp checkpoint
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
	for name, m := range cp.Resources {
		if m.Since.IsZero() || !m.Since.Before(m.MaxSeen) {
			t.Errorf("%s: since %s, max seen %s: want since = max seen - overlap", name, m.Since, m.MaxSeen)
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
	if _, _, err := env.Client.Customers.Update(ctx, []bigcommerce.CustomerUpdate{{ID: 5, FirstName: bigcommerce.Ptr("Renamed")}}); err != nil {
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

func TestSyncProgressAndPages(t *testing.T) {
	env, _, _ := setup(t)
	dir := t.TempDir()
	out, progress := runSync(t, env, "-out", dir, "-limit", "7", "-resources", "customers", "-progress-every", "0s")
	if got := len(ids(t, filepath.Join(dir, "customers.jsonl"))); got != 40 {
		t.Errorf("exported %d customers, want 40", got)
	}
	if _, err := os.Stat(filepath.Join(dir, "orders.jsonl")); err == nil {
		t.Error("orders exported although -resources customers")
	}
	lines := strings.Split(strings.TrimSpace(progress), "\n")
	last := lines[len(lines)-1]
	if want := "customers: 40 records, "; !strings.HasPrefix(last, want) || !strings.Contains(last, " 6 pages, ") || !strings.Contains(last, "/150 requests left in the rate window") {
		t.Errorf("last progress line %q: want 40 records, 6 pages and the requests left", last)
	}
	if len(lines) != 6 {
		t.Errorf("%d progress lines with -progress-every 0s and 6 pages, want 6:\n%s", len(lines), progress)
	}
	if strings.Contains(progress, "\r") {
		t.Error("carriage returns in progress written to a non-terminal")
	}
	if !strings.Contains(out, "Done: 40 records written") {
		t.Errorf("summary:\n%s", out)
	}
}

func TestSyncProgressIsThrottled(t *testing.T) {
	env, _, _ := setup(t)
	_, progress := runSync(t, env, "-out", t.TempDir(), "-limit", "1", "-resources", "customers", "-progress-every", "1h")
	// One line when the first page arrives, one at the end.
	if n := strings.Count(progress, "\n"); n != 2 {
		t.Errorf("%d progress lines for 40 pages with a 1h interval, want 2:\n%s", n, progress)
	}
}

func TestSyncFailureDoesNotAdvanceCheckpoint(t *testing.T) {
	env, store, _ := setup(t)
	dir := t.TempDir()
	store.InjectFault(bigcommercetest.Fault{Method: "GET", PathPrefix: "/v2/orders", Kind: bigcommercetest.FaultStatus, Status: 403})

	var out, errOut bytes.Buffer
	err := runWith(context.Background(), []string{"-out", dir}, &out, &errOut, exampleenv.Use(env))
	if code := exampleenv.ExitCode(err); code != 1 {
		t.Fatalf("exit code %d (err %v), want 1", code, err)
	}
	if !strings.Contains(err.Error(), "orders: ") || !strings.Contains(err.Error(), "not advanced") {
		t.Errorf("error %q", err)
	}
	cp := readCheckpoint(t, filepath.Join(dir, "checkpoint.json"))
	if cp.Resources["customers"] == nil || cp.Resources["products"] == nil {
		t.Errorf("the finished resources were not checkpointed: %+v", cp.Resources)
	}
	if cp.Resources["orders"] != nil {
		t.Errorf("orders checkpointed although the export failed: %+v", cp.Resources["orders"])
	}

	runSync(t, env, "-out", dir)
	if got := counts(t, dir); got != [3]int{40, 25, 60} {
		t.Errorf("after the re-run the files hold %v, want [40 25 60]", got)
	}
}

func TestSyncRefusesAnotherStoresCheckpoint(t *testing.T) {
	env, _, _ := setup(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "cp.json")
	if err := os.WriteFile(path, []byte(`{"version":1,"store":"abc123","resources":{}}`), 0o644); err != nil {
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

func TestAdvance(t *testing.T) {
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(min int) time.Time { return base.Add(time.Duration(min) * time.Minute) }
	overlap := 2 * time.Minute

	t.Run("nothing observed keeps the mark", func(t *testing.T) {
		old := &mark{Since: at(10), Seen: map[int]time.Time{1: at(11)}}
		if got := advance(old, at(100), nil, overlap); got != old {
			t.Errorf("advance = %+v, want the old mark", got)
		}
	})
	t.Run("max seen minus overlap", func(t *testing.T) {
		got := advance(nil, at(100), map[int]time.Time{1: at(20), 2: at(50), 3: at(49)}, overlap)
		if !got.Since.Equal(at(48)) || !got.MaxSeen.Equal(at(50)) {
			t.Errorf("since %s, max %s; want %s, %s", got.Since, got.MaxSeen, at(48), at(50))
		}
		if len(got.Seen) != 2 || !got.Seen[2].Equal(at(50)) || !got.Seen[3].Equal(at(49)) {
			t.Errorf("seen %v, want ids 2 and 3 (inside the overlap)", got.Seen)
		}
	})
	t.Run("capped by the export's start", func(t *testing.T) {
		// A record stamped after the export began (clock skew, or changed
		// while the export ran) must not move the mark past the start.
		got := advance(nil, at(30), map[int]time.Time{1: at(20), 2: at(90)}, overlap)
		if !got.Since.Equal(at(28)) {
			t.Errorf("since %s, want start - overlap = %s", got.Since, at(28))
		}
		if _, ok := got.Seen[2]; ok {
			t.Error("a record modified after the start is remembered as exported")
		}
	})
	t.Run("never moves backwards", func(t *testing.T) {
		old := &mark{Since: at(49), MaxSeen: at(60)}
		got := advance(old, at(100), map[int]time.Time{7: at(50)}, overlap)
		if !got.Since.Equal(at(49)) || !got.MaxSeen.Equal(at(60)) {
			t.Errorf("since %s max %s, want %s %s", got.Since, got.MaxSeen, at(49), at(60))
		}
	})
}
