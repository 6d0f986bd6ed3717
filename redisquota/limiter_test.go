package redisquota

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
	"github.com/bigcommerce-go/bigcommerce/internal/redistest"
	"github.com/redis/go-redis/v9"
)

// newRedis starts a real redis-server for the test and returns a client
// factory: each call is a separate connection pool, as separate processes
// would have.
func newRedis(t *testing.T) func() *redis.Client {
	addr := redistest.Start(t)
	return func() *redis.Client {
		rdb := redis.NewClient(&redis.Options{Addr: addr})
		t.Cleanup(func() { rdb.Close() })
		return rdb
	}
}

func mustNew(t *testing.T, rdb redis.UniversalClient, opts ...Option) *Limiter {
	t.Helper()
	l, err := New(rdb, "abc123", opts...)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func acquire(t *testing.T, l *Limiter) bigcommerce.Permit {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	p, err := l.Acquire(ctx, time.Minute)
	if err != nil {
		t.Fatalf("Acquire: %v", err)
	}
	return p
}

func TestNewValidates(t *testing.T) {
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1"})
	defer rdb.Close()
	tests := []struct {
		name string
		rdb  redis.UniversalClient
		hash string
		opts []Option
		want string
	}{
		{"nil client", nil, "abc", nil, "rdb is nil"},
		{"bad hash", rdb, "ABC/1", nil, "malformed"},
		{"empty hash", rdb, "", nil, "malformed"},
		{"cap 0", rdb, "abc", []Option{WithMaxConcurrency(0)}, "WithMaxConcurrency(0)"},
		{"short TTL", rdb, "abc", []Option{WithLeaseTTL(time.Millisecond)}, "WithLeaseTTL"},
		{"zero op timeout", rdb, "abc", []Option{WithOpTimeout(0)}, "WithOpTimeout"},
		{"bad owner", rdb, "abc", []Option{WithOwner("a/b")}, "WithOwner"},
		{"nil option", rdb, "abc", []Option{nil}, "option is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.rdb, tt.hash, tt.opts...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

// TestSharedWindow: what one process learns, another obeys.
func TestSharedWindow(t *testing.T) {
	client := newRedis(t)
	a := mustNew(t, client(), WithOwner("a"))
	b := mustNew(t, client(), WithOwner("b"))
	p := acquire(t, a)
	p.Observe(context.Background(), bigcommerce.RateLimit{Quota: 150, Remaining: 1, Window: 30 * time.Second, ResetIn: 10 * time.Second}, time.Now())
	p.Release()
	if rl, ok := a.Rate(); !ok || rl.Remaining != 1 || rl.Quota != 150 {
		t.Errorf("a.Rate() = %+v, %v", rl, ok)
	}
	q := acquire(t, b) // the last request of the window
	_, err := b.Acquire(context.Background(), 0)
	var rle *bigcommerce.RateLimitError
	if !errors.As(err, &rle) || rle.RetryAfter > 10*time.Second+margin || rle.RetryAfter < 9*time.Second {
		t.Fatalf("b's second Acquire: %v, want a *RateLimitError about 10 s before the reset", err)
	}
	q.Release()
	st, err := b.State(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !st.Known || st.Rate.Remaining != 1 || st.InFlight != 0 || st.Pending != 0 {
		t.Errorf("State = %+v", st)
	}
}

// TestMergeSnapshots: answers reach Redis in any order from any process;
// within a window the lowest count wins, a later window replaces it, and an
// earlier one is ignored.
func TestMergeSnapshots(t *testing.T) {
	client := newRedis(t)
	ls := []*Limiter{mustNew(t, client()), mustNew(t, client()), mustNew(t, client())}
	window := 30 * time.Second
	observe := func(l *Limiter, remaining int, resetIn time.Duration) {
		p := acquire(t, l)
		p.Observe(context.Background(), bigcommerce.RateLimit{Quota: 150, Remaining: remaining, Window: window, ResetIn: resetIn}, time.Now())
		p.Release()
	}
	remaining := func() int {
		st, err := ls[0].State(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return st.Rate.Remaining
	}
	observe(ls[0], 50, 20*time.Second)
	observe(ls[1], 80, 20*time.Second) // older, arrives later
	if got := remaining(); got != 50 {
		t.Errorf("after a higher count of the same window: %d, want 50", got)
	}
	observe(ls[2], 40, 20*time.Second-5*time.Millisecond)
	if got := remaining(); got != 40 {
		t.Errorf("after a lower count: %d, want 40", got)
	}
	observe(ls[1], 149, 20*time.Second+window)
	if got := remaining(); got != 149 {
		t.Errorf("after the next window: %d, want 149", got)
	}
	observe(ls[0], 10, 20*time.Second)
	if got := remaining(); got != 149 {
		t.Errorf("after a late answer of the earlier window: %d, want 149", got)
	}
}

// TestPendingCountsAcrossProcesses: permits granted and not yet answered,
// by any process, count against what is left.
func TestPendingCountsAcrossProcesses(t *testing.T) {
	client := newRedis(t)
	a, b := mustNew(t, client()), mustNew(t, client())
	p := acquire(t, a)
	p.Observe(context.Background(), bigcommerce.RateLimit{Quota: 10, Remaining: 3, Window: 30 * time.Second, ResetIn: 20 * time.Second}, time.Now())
	p.Release()
	held := []bigcommerce.Permit{acquire(t, a), acquire(t, b), acquire(t, a)}
	if _, err := b.Acquire(context.Background(), 0); !errors.As(err, new(*bigcommerce.RateLimitError)) {
		t.Fatalf("a fourth permit with 3 left and 3 pending: %v, want a *RateLimitError", err)
	}
	// One answer says 1 left (two of the three were counted): one more.
	held[0].Observe(context.Background(), bigcommerce.RateLimit{Quota: 10, Remaining: 1, Window: 30 * time.Second, ResetIn: 20 * time.Second}, time.Now())
	held[1].Release()
	held[2].Observe(context.Background(), bigcommerce.RateLimit{Quota: 10, Remaining: 1, Window: 30 * time.Second, ResetIn: 20 * time.Second}, time.Now())
	extra := acquire(t, b)
	if _, err := a.Acquire(context.Background(), 0); !errors.As(err, new(*bigcommerce.RateLimitError)) {
		t.Fatalf("past the window: %v, want a *RateLimitError", err)
	}
	for _, p := range append(held, extra) {
		p.Release()
	}
}

// TestCapAcrossProcesses: the cap holds across Limiters; a slot freed by
// one process is taken by another.
func TestCapAcrossProcesses(t *testing.T) {
	client := newRedis(t)
	a := mustNew(t, client(), WithMaxConcurrency(2))
	b := mustNew(t, client(), WithMaxConcurrency(2))
	p1, p2 := acquire(t, a), acquire(t, a)
	short, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := b.Acquire(short, time.Minute); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a third permit beyond the cap of 2: %v, want to wait until the deadline", err)
	}
	st, err := b.State(context.Background())
	if err != nil || st.InFlight != 2 || st.ByOwner[a.Owner()] != 2 {
		t.Errorf("State = %+v, %v; want a's 2 leases", st, err)
	}
	got := make(chan bigcommerce.Permit)
	go func() { got <- acquire(t, b) }() // blocks until a slot is freed
	p1.Release()
	p3 := <-got
	p2.Release()
	p3.Release()
}

// TestLeaseRenewed: a lease whose request runs long is renewed, so it
// outlives its TTL while its process lives.
func TestLeaseRenewed(t *testing.T) {
	m := miniredis.RunT(t)
	now := time.Now()
	m.SetTime(now)
	rdb := redis.NewClient(&redis.Options{Addr: m.Addr()})
	defer rdb.Close()
	ttl := 150 * time.Millisecond
	slow := mustNew(t, rdb, WithMaxConcurrency(1), WithLeaseTTL(ttl), WithOwner("slow"))
	other := mustNew(t, rdb, WithMaxConcurrency(1), WithOwner("other"))
	p := acquire(t, slow)
	defer p.Release()
	leases := slow.keys[1]
	m.SetTime(now.Add(100 * time.Millisecond))
	want := float64(now.Add(100*time.Millisecond + ttl).UnixMilli())
	deadline := time.Now().Add(5 * time.Second)
	for { // the renewal runs every ttl/3 of real time
		score, err := rdb.ZScore(context.Background(), leases, p.(*permit).id).Result()
		if err == nil && score == want {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the lease was not renewed: score %v (%v), want %v", score, err, want)
		}
		time.Sleep(5 * time.Millisecond)
	}
	m.SetTime(now.Add(200 * time.Millisecond)) // past the first TTL, within the renewed one
	short, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	if _, err := other.Acquire(short, time.Minute); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("another process got the renewed lease's slot: %v", err)
	}
}

// TestHostileSnapshotIgnored: a snapshot no store sends (a reset a year
// away) does not stall the other processes; it only marks the lease
// answered.
func TestHostileSnapshotIgnored(t *testing.T) {
	client := newRedis(t)
	l := mustNew(t, client())
	p := acquire(t, l)
	p.Observe(context.Background(), bigcommerce.RateLimit{Quota: 1, Remaining: 0, Window: time.Second, ResetIn: 365 * 24 * time.Hour}, time.Now())
	st, err := l.State(context.Background())
	if err != nil || st.Known || st.Pending != 0 || st.InFlight != 1 {
		t.Errorf("State = %+v, %v; want no window, the lease answered and held", st, err)
	}
	p.Release()
	p = acquire(t, l)
	p.Release()
}

// TestLeaseExpires: a process that dies without releasing gives its slots
// back when the lease TTL passes (on Redis's clock; miniredis lets the test
// move it instead of sleeping).
func TestLeaseExpires(t *testing.T) {
	m := miniredis.RunT(t)
	now := time.Now()
	m.SetTime(now)
	rdb := redis.NewClient(&redis.Options{Addr: m.Addr()})
	defer rdb.Close()
	dead := mustNew(t, rdb, WithMaxConcurrency(2), WithLeaseTTL(time.Minute), WithOwner("dead"))
	alive := mustNew(t, rdb, WithMaxConcurrency(2), WithOwner("alive"))
	acquire(t, dead)
	acquire(t, dead) // never released: the process "dies"
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := alive.Acquire(ctx, time.Minute); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("with the cap held: %v, want to wait until the deadline", err)
	}
	m.SetTime(now.Add(time.Minute - time.Millisecond))
	st, _ := alive.State(context.Background())
	if st.ByOwner["dead"] != 2 {
		t.Errorf("just before the TTL: %+v, want the dead owner's 2 leases", st)
	}
	m.SetTime(now.Add(time.Minute))
	p := acquire(t, alive)
	st, _ = alive.State(context.Background())
	if st.ByOwner["dead"] != 0 || st.InFlight != 1 {
		t.Errorf("after the TTL: %+v, want only alive's lease", st)
	}
	p.Release()
}

// TestRedisUnreachable: the error says so, fast; with WithFallback the
// Limiter paces in process and says that it did.
func TestRedisUnreachable(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // nothing listens there now
	rdb := redis.NewClient(&redis.Options{Addr: addr, MaxRetries: -1})
	defer rdb.Close()

	l := mustNew(t, rdb, WithOpTimeout(time.Second))
	_, err = l.Acquire(context.Background(), time.Minute)
	if err == nil || !strings.Contains(err.Error(), "Redis unreachable") || !strings.Contains(err.Error(), "WithFallback") {
		t.Errorf("err = %v, want one saying Redis is unreachable and what to do", err)
	}
	if err := l.Ping(context.Background()); err == nil {
		t.Error("Ping succeeded without a server")
	}

	var mu sync.Mutex
	var reported []error
	fb := mustNew(t, rdb, WithFallback(func(err error) {
		mu.Lock()
		reported = append(reported, err)
		mu.Unlock()
	}))
	p, err := fb.Acquire(context.Background(), time.Minute)
	if err != nil {
		t.Fatalf("with WithFallback: %v", err)
	}
	p.Observe(context.Background(), bigcommerce.RateLimit{Quota: 5, Remaining: 0, Window: time.Second, ResetIn: 30 * time.Second}, time.Now())
	p.Release()
	// The in-process throttle now knows the window is spent.
	if _, err := fb.Acquire(context.Background(), time.Second); !errors.As(err, new(*bigcommerce.RateLimitError)) {
		t.Errorf("in fallback after a spent window: %v, want a *RateLimitError", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(reported) != 1 || !strings.Contains(reported[0].Error(), "pacing in process") {
		t.Errorf("fallback reports %v, want one saying it paces in process", reported)
	}
}

// TestClientsShareQuota: two Clients in separate Limiters (as two processes
// would have) against one quota-limited store get every request through
// without a 429.
func TestClientsShareQuota(t *testing.T) {
	client := newRedis(t)
	store := bigcommercetest.New(bigcommercetest.Config{Quota: 4, Window: 500 * time.Millisecond, Latency: 20 * time.Millisecond})
	var wg sync.WaitGroup
	for w := range 2 {
		l := mustNew(t, client(), WithMaxConcurrency(3))
		c, err := bigcommerce.NewClient("fakestore", bigcommerce.TokenAuth{AccessToken: "fake-token"},
			bigcommerce.WithBaseURL("http://fakestore.test/stores/fakestore"),
			bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}),
			bigcommerce.WithRateLimiter(l), bigcommerce.WithMaxConcurrency(3))
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			wg.Go(func() {
				for range 2 {
					if _, err := c.Ping(context.Background()); err != nil {
						t.Errorf("worker %d: %v", w, err)
					}
				}
			})
		}
	}
	wg.Wait()
	ok, limited := 0, 0
	for _, r := range store.RequestLog() {
		switch r.Status {
		case http.StatusOK:
			ok++
		case http.StatusTooManyRequests:
			limited++
		}
	}
	if ok != 12 || limited != 0 {
		t.Errorf("%d answered, %d of them 429; want 12 and 0", ok+limited, limited)
	}
}
