// Command workers runs several worker processes against one store and
// shows them sharing the store's rate quota and a cap on requests in flight
// through Redis (package redisquota), as a deployment of many workers
// would.
//
// It starts a quota-limited fake store (25 requests per 1 s window, 100 ms
// per request, like a busy BigCommerce store scaled down) on a loopback
// port, then starts -workers copies of itself as separate processes, each
// exporting its own range of order ids with its own Client and its own
// redisquota.Limiter. The processes share nothing but Redis. They are
// processes, not goroutines, on purpose: goroutines of one process could
// simply share one bigcommerce.Throttle; separate processes (or machines)
// cannot, and that is what Redis is for. It prints, per worker and in
// total, the records exported, the requests sent and the 429s met, and the
// shared window as Redis holds it at the end.
//
//	$ redis-server --port 6379 &            # Debian/Ubuntu: apt-get install redis-server
//	$ go run ./examples/workers -redis 127.0.0.1:6379
//	$ REDIS_ADDR=127.0.0.1:6379 go run ./examples/workers -workers 6 -orders 600
//
// Without a Redis address it says how to start one and exits with status 2.
package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
	"github.com/bigcommerce-go/bigcommerce/examples/internal/exampleenv"
	"github.com/bigcommerce-go/bigcommerce/redisquota"
	"github.com/redis/go-redis/v9"
)

// childEnv carries a worker's configuration (JSON) to a child process.
const childEnv = "BIGCOMMERCE_WORKERS_CHILD"

// The fake store's quota shape.
const (
	quota   = 25
	window  = time.Second
	latency = 100 * time.Millisecond
)

func main() {
	if cfg := os.Getenv(childEnv); cfg != "" {
		os.Exit(childMain(cfg, os.Stdout, os.Stderr))
	}
	exampleenv.Main(run)
}

// options are the flags.
type options struct {
	redisAddr   string
	workers     int
	orders      int
	page        int
	cap         int
	concurrency int
}

// noRedis is the message for a missing Redis address.
const noRedis = `workers needs a Redis server to share the store's quota between its processes.
Start one, for example:
    redis-server --port 6379            (Debian/Ubuntu: sudo apt-get install -y redis-server)
    docker run --rm -p 6379:6379 redis
then run:
    go run ./examples/workers -redis 127.0.0.1:6379     (or set REDIS_ADDR)`

// run is the parent program; main only adds the process around it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("workers", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.StringVar(&o.redisAddr, "redis", os.Getenv("REDIS_ADDR"), "Redis `address` (host:port) the workers share; default $REDIS_ADDR")
	fs.IntVar(&o.workers, "workers", 4, "worker processes to start")
	fs.IntVar(&o.orders, "orders", 1000, "orders in the fake store, split between the workers")
	fs.IntVar(&o.page, "page", 10, "order ids per request")
	fs.IntVar(&o.cap, "cap", 8, "requests in flight to the store across all workers")
	fs.IntVar(&o.concurrency, "concurrency", 4, "requests in flight per worker (its Client's WithMaxConcurrency)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: workers -redis host:port [flags]\n\nWorker processes sharing one store's quota through Redis, against a fake store.\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := exampleenv.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case strings.TrimSpace(o.redisAddr) == "":
		return exampleenv.Usagef("%s", noRedis)
	case o.workers < 1 || o.workers > 32:
		return exampleenv.Usagef("-workers %d: want 1 to 32", o.workers)
	case o.orders < o.workers:
		return exampleenv.Usagef("-orders %d: want at least one per worker", o.orders)
	case o.page < 1 || o.page > bigcommerce.MaxPageSize:
		return exampleenv.Usagef("-page %d: want 1 to %d", o.page, bigcommerce.MaxPageSize)
	case o.cap < 1 || o.cap > 1000:
		return exampleenv.Usagef("-cap %d: want 1 to 1000", o.cap)
	case o.concurrency < 1 || o.concurrency > bigcommerce.MaxConcurrency:
		return exampleenv.Usagef("-concurrency %d: want 1 to %d", o.concurrency, bigcommerce.MaxConcurrency)
	}

	// A store hash of its own per run, so that its keys in Redis start
	// empty (they expire by themselves afterwards).
	var b [4]byte
	_, _ = rand.Read(b[:])
	hash := "workers" + hex.EncodeToString(b[:])
	rdb := redis.NewClient(&redis.Options{Addr: o.redisAddr})
	defer rdb.Close()
	watcher, err := redisquota.New(rdb, hash)
	if err != nil {
		return err
	}
	if err := watcher.Ping(ctx); err != nil {
		return fmt.Errorf("%w\n%s", err, noRedis)
	}

	store := bigcommercetest.New(bigcommercetest.Config{StoreHash: hash, Quota: quota, Window: window, Latency: latency})
	store.Seed(bigcommercetest.SeedOptions{Seed: 1, Products: 5, Orders: o.orders})
	first, err := firstOrderID(ctx, store, hash)
	if err != nil {
		return err
	}
	srv := httptest.NewServer(store)
	defer srv.Close()
	fmt.Fprintf(stdout, "Fake store %s at %s: %d orders, %d requests per %s, %s per request.\n", hash, srv.URL, o.orders, quota, window, latency)
	fmt.Fprintf(stdout, "Starting %d worker processes sharing its quota and a cap of %d requests in flight through Redis at %s.\n\n", o.workers, o.cap, o.redisAddr)

	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("finding this program to start its workers: %w", err)
	}
	start := time.Now()
	childErr := &lockedWriter{w: stderr} // the workers' stderr, one line at a time
	results := make([]result, o.workers)
	var wg sync.WaitGroup
	per := o.orders / o.workers
	for i := range o.workers {
		c := childConfig{
			StoreURL: srv.URL, StoreHash: hash, RedisAddr: o.redisAddr, Name: "worker" + strconv.Itoa(i+1),
			MinID: first + i*per, MaxID: first + (i+1)*per - 1, Page: o.page, Cap: o.cap, Concurrency: o.concurrency,
		}
		if i == o.workers-1 {
			c.MaxID = first + o.orders - 1
		}
		wg.Go(func() { results[i] = startChild(ctx, self, c, childErr) })
	}
	wg.Wait()
	elapsed := time.Since(start)

	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "worker\tids\trecords\trequests\t429s\t")
	var total result
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%d-%d\t%d\t%d\t%d\t%s\n", r.Name, r.MinID, r.MaxID, r.Records, r.Requests, r.Limited, r.Err)
		total.Records += r.Records
		total.Requests += r.Requests
		total.Limited += r.Limited
	}
	fmt.Fprintf(tw, "total\t\t%d\t%d\t%d\t\n", total.Records, total.Requests, total.Limited)
	tw.Flush()

	st, err := watcher.State(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout)
	if st.Known {
		fmt.Fprintf(stdout, "Shared window in Redis: quota %d per %s, %d left, resets in %s; %d requests in flight.\n",
			st.Rate.Quota, st.Rate.Window, st.Rate.Remaining, st.Rate.ResetIn.Round(time.Millisecond), st.InFlight)
	} else {
		fmt.Fprintf(stdout, "Shared window in Redis: none known (it expired); %d requests in flight.\n", st.InFlight)
	}
	needed := (o.orders + o.page - 1) / o.page
	bound := max(time.Duration(float64(needed)/quota*float64(window)), time.Duration(needed)*latency/time.Duration(o.cap))
	fmt.Fprintf(stdout, "Done in %s; at the quota's pace and the cap, %d requests take about %s.\n", elapsed.Round(time.Millisecond), needed, bound)
	for _, r := range results {
		if r.Err != "" {
			return fmt.Errorf("%s failed: %s", r.Name, r.Err)
		}
	}
	if total.Records != o.orders {
		return fmt.Errorf("the workers exported %d orders of %d", total.Records, o.orders)
	}
	return nil
}

// firstOrderID reads the lowest order id through the store's in-process
// transport (before the rate window opens, it costs one request of it).
func firstOrderID(ctx context.Context, store *bigcommercetest.Store, hash string) (int, error) {
	c, err := bigcommerce.NewClient(hash, bigcommerce.TokenAuth{AccessToken: "fake-token"},
		bigcommerce.WithBaseURL("https://fakestore.invalid/stores/"+hash),
		bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}))
	if err != nil {
		return 0, err
	}
	orders, _, err := c.Orders.List(ctx, &bigcommerce.OrderFilter{Sort: "id:asc", Limit: 1})
	if err != nil {
		return 0, fmt.Errorf("reading the fake store: %w", err)
	}
	if len(orders) == 0 {
		return 0, errors.New("the fake store has no orders")
	}
	return orders[0].ID, nil
}

// lockedWriter serialises the writes of several processes' output copiers.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// childConfig is what the parent tells a worker process.
type childConfig struct {
	StoreURL, StoreHash, RedisAddr, Name string
	MinID, MaxID, Page, Cap, Concurrency int
}

// result is what a worker reports on its last line.
type result struct {
	Name                       string
	MinID, MaxID               int
	Records, Requests, Limited int
	Err                        string
}

// startChild runs one worker process and reads its result.
func startChild(ctx context.Context, self string, c childConfig, stderr io.Writer) result {
	res := result{Name: c.Name, MinID: c.MinID, MaxID: c.MaxID}
	raw, _ := json.Marshal(c)
	cmd := exec.CommandContext(ctx, self, "-test.run=^$") // a test binary runs no tests in child mode
	cmd.Env = append(os.Environ(), childEnv+"="+string(raw))
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		res.Err = err.Error()
		return res
	}
	if err := cmd.Start(); err != nil {
		res.Err = "starting: " + err.Error()
		return res
	}
	got := false
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		if line, ok := strings.CutPrefix(sc.Text(), "RESULT "); ok {
			got = json.Unmarshal([]byte(line), &res) == nil
		}
	}
	if err := cmd.Wait(); err != nil && res.Err == "" {
		res.Err = "exited: " + err.Error()
	}
	if !got && res.Err == "" {
		res.Err = "no result"
	}
	return res
}

// childMain is a worker process: it exports its id range through its own
// Client and Limiter and prints its result as one JSON line.
func childMain(raw string, stdout, stderr io.Writer) int {
	var c childConfig
	if err := json.Unmarshal([]byte(raw), &c); err != nil {
		fmt.Fprintln(stderr, "workers: bad child configuration:", err)
		return 2
	}
	res := work(context.Background(), c)
	line, _ := json.Marshal(res)
	fmt.Fprintln(stdout, "RESULT "+string(line))
	return 0
}

// counter counts the attempts a worker sends and the 429s it meets.
type counter struct {
	base              http.RoundTripper
	requests, limited atomic.Int64
}

func (c *counter) RoundTrip(r *http.Request) (*http.Response, error) {
	c.requests.Add(1)
	resp, err := c.base.RoundTrip(r)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		c.limited.Add(1)
	}
	return resp, err
}

func work(ctx context.Context, c childConfig) result {
	res := result{Name: c.Name, MinID: c.MinID, MaxID: c.MaxID}
	rdb := redis.NewClient(&redis.Options{Addr: c.RedisAddr})
	defer rdb.Close()
	limiter, err := redisquota.New(rdb, c.StoreHash, redisquota.WithMaxConcurrency(c.Cap), redisquota.WithOwner(c.Name))
	if err != nil {
		res.Err = err.Error()
		return res
	}
	count := &counter{base: http.DefaultTransport}
	client, err := bigcommerce.NewClient(c.StoreHash, bigcommerce.TokenAuth{AccessToken: "fake-token"},
		bigcommerce.WithBaseURL(c.StoreURL+"/stores/"+c.StoreHash),
		bigcommerce.WithHTTPClient(&http.Client{Transport: count, Timeout: time.Minute}),
		bigcommerce.WithMaxConcurrency(c.Concurrency),
		bigcommerce.WithRateLimiter(limiter))
	if err != nil {
		res.Err = err.Error()
		return res
	}
	ranges := make(chan [2]int)
	go func() {
		defer close(ranges)
		for lo := c.MinID; lo <= c.MaxID; lo += c.Page {
			ranges <- [2]int{lo, min(lo+c.Page-1, c.MaxID)}
		}
	}()
	var records atomic.Int64
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range c.Concurrency {
		wg.Go(func() {
			for r := range ranges {
				orders, _, err := client.Orders.List(ctx, &bigcommerce.OrderFilter{MinID: r[0], MaxID: r[1], Limit: c.Page})
				if err != nil {
					mu.Lock()
					if res.Err == "" {
						res.Err = err.Error()
					}
					mu.Unlock()
				}
				records.Add(int64(len(orders)))
			}
		})
	}
	wg.Wait()
	res.Records, res.Requests, res.Limited = int(records.Load()), int(count.requests.Load()), int(count.limited.Load())
	return res
}
