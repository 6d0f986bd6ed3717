package redisquota

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
	"github.com/bigcommerce-go/bigcommerce/internal/redistest"
	"github.com/redis/go-redis/v9"
)

// The multi-process runs: the test binary re-executes itself as worker
// processes (TestMain sees workerEnv), each exporting a disjoint id range of
// orders from one quota-limited fake store served by the parent, through
// one Redis (or, for comparison, each with its own in-process Throttle).

const (
	workerEnv  = "REDISQUOTA_TEST_WORKER" // JSON workerConfig
	storeQuota = 25
	storeWin   = time.Second
	storeLat   = 100 * time.Millisecond
	pageIDs    = 5 // ids per request
)

func TestMain(m *testing.M) {
	if cfg := os.Getenv(workerEnv); cfg != "" {
		os.Exit(workerMain(cfg))
	}
	os.Exit(m.Run())
}

// workerConfig is what the parent tells a worker.
type workerConfig struct {
	StoreURL    string
	RedisAddr   string // empty: an unshared in-process Throttle
	Owner       string
	MinID       int
	MaxID       int
	Cap         int
	Concurrency int
	LeaseTTL    time.Duration
}

// workerResult is what a worker prints on its last line.
type workerResult struct {
	Records  int
	Requests int // attempts sent
	Limited  int // attempts answered 429
	Err      string
}

// countingTransport counts attempts and 429s.
type countingTransport struct {
	base              http.RoundTripper
	requests, limited atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.requests.Add(1)
	resp, err := c.base.RoundTrip(r)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		c.limited.Add(1)
	}
	return resp, err
}

func workerMain(raw string) int {
	var cfg workerConfig
	if err := json.Unmarshal([]byte(raw), &cfg); err != nil {
		fmt.Fprintln(os.Stderr, "worker config:", err)
		return 2
	}
	res := runWorker(cfg)
	out, _ := json.Marshal(res)
	fmt.Println("RESULT " + string(out))
	return 0
}

func runWorker(cfg workerConfig) workerResult {
	var limiter bigcommerce.RateLimiter = bigcommerce.NewThrottle()
	if cfg.RedisAddr != "" {
		rdb := redis.NewClient(&redis.Options{Addr: cfg.RedisAddr})
		defer rdb.Close()
		l, err := New(rdb, "fakestore", WithMaxConcurrency(cfg.Cap), WithLeaseTTL(cfg.LeaseTTL), WithOwner(cfg.Owner))
		if err != nil {
			return workerResult{Err: err.Error()}
		}
		limiter = l
	}
	ct := &countingTransport{base: http.DefaultTransport}
	c, err := bigcommerce.NewClient("fakestore", bigcommerce.TokenAuth{AccessToken: "fake-token"},
		bigcommerce.WithBaseURL(cfg.StoreURL+"/stores/fakestore"),
		bigcommerce.WithHTTPClient(&http.Client{Transport: ct, Timeout: time.Minute}),
		bigcommerce.WithMaxConcurrency(cfg.Concurrency),
		bigcommerce.WithRateLimiter(limiter),
		bigcommerce.WithRetryPolicy(bigcommerce.RetryPolicy{MaxRetries: 10, MinWait: 50 * time.Millisecond, MaxWait: 10 * time.Second}))
	if err != nil {
		return workerResult{Err: err.Error()}
	}
	ranges := make(chan [2]int)
	go func() {
		for lo := cfg.MinID; lo <= cfg.MaxID; lo += pageIDs {
			ranges <- [2]int{lo, min(lo+pageIDs-1, cfg.MaxID)}
		}
		close(ranges)
	}()
	var records atomic.Int64
	var firstErr atomic.Value
	var wg sync.WaitGroup
	for range cfg.Concurrency {
		wg.Go(func() {
			for r := range ranges {
				orders, _, err := c.Orders.List(context.Background(), &bigcommerce.OrderFilter{MinID: r[0], MaxID: r[1], Limit: pageIDs})
				if err != nil {
					firstErr.CompareAndSwap(nil, err.Error())
				}
				records.Add(int64(len(orders)))
			}
		})
	}
	wg.Wait()
	res := workerResult{Records: int(records.Load()), Requests: int(ct.requests.Load()), Limited: int(ct.limited.Load())}
	if e, ok := firstErr.Load().(string); ok {
		res.Err = e
	}
	return res
}

// runConfig describes one multi-process run.
type runConfig struct {
	Workers     int
	PerWorker   int  // requests each worker needs (ids / pageIDs)
	Shared      bool // through Redis; otherwise unshared Throttles
	Cap         int  // the shared in-flight cap
	Concurrency int  // each Client's WithMaxConcurrency
	LeaseTTL    time.Duration
	Kill        bool // kill worker 0 once it holds leases
}

// runReport is what a run measured.
type runReport struct {
	Workers    []workerResult
	Killed     int // index of the killed worker, -1 for none
	Needed     int // requests needed by the workers that finished
	AtStore    int // requests the store received
	Limited    int // of them answered 429
	Peak       int // most in flight at the store
	Span       time.Duration
	Bound      time.Duration
	Efficiency float64
	// Tight is the efficiency against the least time the store allows
	// when its first window opens at the first request: whole windows for
	// all but the last quota's worth, then one request's latency.
	Tight      float64
	Recovery   time.Duration // from the kill until its leases were gone
	LeasesHeld int           // leases the killed worker held when killed
}

func (r runReport) String() string {
	var b strings.Builder
	for i, w := range r.Workers {
		fmt.Fprintf(&b, "worker %d: %d records, %d requests, %d 429s %s\n", i, w.Records, w.Requests, w.Limited, w.Err)
	}
	fmt.Fprintf(&b, "store: %d requests (%d needed), %d 429s, peak in flight %d, span %s, bound %s, efficiency %.3f (%.3f of the tight bound)",
		r.AtStore, r.Needed, r.Limited, r.Peak, r.Span.Round(time.Millisecond), r.Bound, r.Efficiency, r.Tight)
	if r.Killed >= 0 {
		fmt.Fprintf(&b, "; worker %d killed holding %d leases, its slots back after %s", r.Killed, r.LeasesHeld, r.Recovery.Round(time.Millisecond))
	}
	return b.String()
}

// seedOrders is the store's content: order ids 1..n.
func newQuotaStore(orders int) *bigcommercetest.Store {
	store := bigcommercetest.New(bigcommercetest.Config{Quota: storeQuota, Window: storeWin, Latency: storeLat})
	store.Seed(bigcommercetest.SeedOptions{Seed: 1, Products: 3, Orders: orders})
	return store
}

func runMultiProcess(t testing.TB, redisAddr string, cfg runConfig) runReport {
	t.Helper()
	orders := cfg.Workers * cfg.PerWorker * pageIDs
	store := newQuotaStore(orders)
	counter := &bigcommercetest.InFlight{Handler: store}
	first := firstOrderID(t, orders)
	// To kill worker 0 while it surely holds leases, the store holds its
	// requests after the first 500 ms until it is dead, and never answers
	// them.
	w0last := first + cfg.PerWorker*pageIDs - 1
	killNow, killed := make(chan struct{}), make(chan struct{})
	var killOnce sync.Once
	start := time.Now()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if id, err := strconv.Atoi(r.URL.Query().Get("min_id")); cfg.Kill && err == nil && id <= w0last && time.Since(start) > 500*time.Millisecond {
			killOnce.Do(func() { close(killNow) })
			<-killed
			return
		}
		counter.ServeHTTP(w, r)
	}))
	defer srv.Close()

	var watcher *Limiter
	if cfg.Shared {
		rdb := redis.NewClient(&redis.Options{Addr: redisAddr})
		defer rdb.Close()
		rdb.FlushAll(context.Background())
		watcher = mustNewTB(t, rdb)
	}
	type proc struct {
		cmd    *exec.Cmd
		result chan workerResult
	}
	procs := make([]proc, cfg.Workers)
	for i := range procs {
		wc := workerConfig{
			StoreURL: srv.URL, Owner: "w" + strconv.Itoa(i), Cap: cfg.Cap, Concurrency: cfg.Concurrency, LeaseTTL: cfg.LeaseTTL,
			MinID: first + i*cfg.PerWorker*pageIDs, MaxID: first - 1 + (i+1)*cfg.PerWorker*pageIDs,
		}
		if cfg.Shared {
			wc.RedisAddr = redisAddr
		}
		raw, _ := json.Marshal(wc)
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), workerEnv+"="+string(raw))
		cmd.Stderr = os.Stderr
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		ch := make(chan workerResult, 1)
		go func() {
			var res workerResult
			res.Err = "no result (killed?)"
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				if line, ok := strings.CutPrefix(sc.Text(), "RESULT "); ok {
					res = workerResult{}
					_ = json.Unmarshal([]byte(line), &res)
				}
			}
			_ = cmd.Wait()
			ch <- res
		}()
		procs[i] = proc{cmd: cmd, result: ch}
	}

	rep := runReport{Killed: -1}
	if cfg.Kill {
		rep.Killed = 0
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		select {
		case <-killNow:
		case <-ctx.Done():
			t.Fatal("worker 0 sent no request after 500 ms")
		}
		_ = procs[0].cmd.Process.Kill()
		killedAt := time.Now()
		close(killed)
		st, err := watcher.State(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rep.LeasesHeld = st.ByOwner["w0"]
		for st.ByOwner["w0"] > 0 {
			if ctx.Err() != nil {
				t.Fatal("the killed worker's leases never expired")
			}
			time.Sleep(2 * time.Millisecond)
			if st, err = watcher.State(ctx); err != nil {
				t.Fatal(err)
			}
		}
		rep.Recovery = time.Since(killedAt)
	}
	for i, p := range procs {
		res := <-p.result
		rep.Workers = append(rep.Workers, res)
		if i != rep.Killed {
			rep.Needed += cfg.PerWorker
		}
	}
	for _, r := range store.RequestLog() {
		if r.Status == http.StatusTooManyRequests {
			rep.Limited++
		}
	}
	rep.AtStore = counter.Total()
	rep.Peak = counter.Peak()
	rep.Span = counter.Span()
	quotaBound := time.Duration(float64(rep.Needed) / storeQuota * float64(storeWin))
	capBound := time.Duration(rep.Needed) * storeLat / time.Duration(max(cfg.Cap, 1))
	rep.Bound = max(quotaBound, capBound)
	rep.Efficiency = float64(rep.Bound) / float64(rep.Span)
	windows := (rep.Needed + storeQuota - 1) / storeQuota
	tight := max(time.Duration(windows-1)*storeWin+storeLat, capBound)
	rep.Tight = float64(tight) / float64(rep.Span)
	return rep
}

// firstOrderID reads the lowest order id of the seeded store from a twin
// (the same seed, no quota), so that the runs' own store sees only the
// workers' requests; the ids that follow it are contiguous.
func firstOrderID(t testing.TB, orders int) int {
	t.Helper()
	twin := bigcommercetest.New(bigcommercetest.Config{Quota: 1 << 20})
	twin.Seed(bigcommercetest.SeedOptions{Seed: 1, Products: 3, Orders: orders})
	c, err := bigcommerce.NewClient("fakestore", bigcommerce.TokenAuth{AccessToken: "fake-token"},
		bigcommerce.WithBaseURL("http://fakestore.test/stores/fakestore"),
		bigcommerce.WithHTTPClient(&http.Client{Transport: twin.Transport()}))
	if err != nil {
		t.Fatal(err)
	}
	first, n := 0, 0
	for o, err := range c.Orders.All(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 || o.ID < first {
			first = o.ID
		}
		n++
	}
	if n != orders {
		t.Fatalf("the twin store has %d orders, want %d", n, orders)
	}
	return first
}

func mustNewTB(t testing.TB, rdb redis.UniversalClient) *Limiter {
	t.Helper()
	l, err := New(rdb, "fakestore")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

// checkShared asserts what sharing through Redis must achieve.
func checkShared(t testing.TB, cfg runConfig, rep runReport) {
	t.Helper()
	for i, w := range rep.Workers {
		if i == rep.Killed {
			continue
		}
		if w.Err != "" || w.Records != cfg.PerWorker*pageIDs {
			t.Errorf("worker %d: %d records of %d, error %q", i, w.Records, cfg.PerWorker*pageIDs, w.Err)
		}
	}
	if rep.Limited != 0 {
		t.Errorf("%d requests answered 429, want 0", rep.Limited)
	}
	if rep.Peak > cfg.Cap {
		t.Errorf("peak in flight at the store %d, over the shared cap %d", rep.Peak, cfg.Cap)
	}
}

// TestMultiProcessSharedQuota is the short multi-process run that the
// default test run (and CI) does: 4 processes, 15 requests each, one Redis:
// every record, no 429, never over the shared cap. Its efficiency is logged,
// not asserted (a wall-clock figure on a shared machine);
// BenchmarkMultiProcess measures it on longer runs, with the unshared
// comparison.
func TestMultiProcessSharedQuota(t *testing.T) {
	addr := redistest.Start(t)
	cfg := runConfig{Workers: 4, PerWorker: 15, Shared: true, Cap: 8, Concurrency: 4, LeaseTTL: 2 * time.Second}
	rep := runMultiProcess(t, addr, cfg)
	t.Log("\n" + rep.String())
	checkShared(t, cfg, rep)
}

// TestMultiProcessWorkerKilled kills one of 4 workers while it holds
// leases: the others finish without a 429 or exceeding the cap, and its
// slots come back within the lease TTL.
func TestMultiProcessWorkerKilled(t *testing.T) {
	addr := redistest.Start(t)
	ttl := time.Second
	cfg := runConfig{Workers: 4, PerWorker: 20, Shared: true, Cap: 8, Concurrency: 4, LeaseTTL: ttl, Kill: true}
	rep := runMultiProcess(t, addr, cfg)
	t.Log("\n" + rep.String())
	checkShared(t, cfg, rep)
	if rep.LeasesHeld == 0 {
		t.Error("the killed worker held no lease")
	}
	// Leases expire on Redis's clock; the watcher polls every few ms, but
	// on a loaded machine a poll can come late, so the bound leaves room
	// (a lease that was never freed would never come back at all).
	if rep.Recovery > 2*ttl {
		t.Errorf("the killed worker's slots came back after %s, want within the lease TTL %s", rep.Recovery, ttl)
	}
}

// BenchmarkMultiProcess runs the long version, shared through Redis and
// unshared (each process with its own Throttle) side by side, and reports
// 429s, peak in flight and efficiency. Run it with
//
//	go test -run '^$' -bench MultiProcess -benchtime 1x ./redisquota
func BenchmarkMultiProcess(b *testing.B) {
	addr := redistest.Start(b)
	for _, shared := range []bool{true, false} {
		name := map[bool]string{true: "redis", false: "unshared"}[shared]
		b.Run(name, func(b *testing.B) {
			cfg := runConfig{Workers: 4, PerWorker: 50, Shared: shared, Cap: 8, Concurrency: 4, LeaseTTL: 2 * time.Second}
			for range b.N {
				rep := runMultiProcess(b, addr, cfg)
				b.Log("\n" + rep.String())
				b.ReportMetric(float64(rep.Limited), "429s")
				b.ReportMetric(float64(rep.Peak), "peak-in-flight")
				b.ReportMetric(rep.Efficiency, "efficiency")
				b.ReportMetric(rep.Tight, "efficiency-tight")
			}
		})
	}
}
