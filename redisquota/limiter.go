// Package redisquota shares one BigCommerce store's rate quota, and a cap on
// the requests in flight to it, between processes and machines through
// Redis.
//
// BigCommerce's quota belongs to the store: every app, worker and machine
// that talks to a store draws from the same window. A bigcommerce.Throttle
// shares it between the Clients of one process; a Limiter shares it between
// every process whose Clients use a Limiter for the same store hash on the
// same Redis:
//
//   - the window learned from any of their answers (quota, requests left,
//     reset time), so that together they wait for the reset instead of
//     running into 429s;
//   - a cap on the requests in flight to the store across all of them, as
//     leases: a process that dies mid-request gives its slots back when the
//     lease TTL passes.
//
// Use it with bigcommerce.WithRateLimiter:
//
//	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:6379"})
//	limiter, err := redisquota.New(rdb, "abc123", redisquota.WithMaxConcurrency(10))
//	if err != nil { ... }
//	client, err := bigcommerce.NewClient("abc123", auth, bigcommerce.WithRateLimiter(limiter))
//
// Every Redis operation is one Lua script, atomic on the server, and bounded
// by the caller's context and by the Limiter's operation timeout. When Redis
// cannot be reached, Acquire fails with an error that says so, unless
// WithFallback was given: then the Limiter paces in process with a
// bigcommerce.Throttle and reports the outage to the callback.
//
// # Consistency
//
// Processes see different snapshots of the window, in different orders.
// The scripts merge them instead of overwriting: each reset is converted to
// Redis's clock (TIME), so processes with skewed clocks agree; of two
// snapshots of one window the lower count of requests left wins, because
// the store's count only goes down; a later window replaces an earlier one
// and an ended window's snapshot is ignored. Requests left are counted down
// atomically when a permit is granted: a permit is granted only while the
// newest count exceeds the leases granted and not yet answered, by any
// process. Leases expire on Redis's clock and are renewed while their
// requests run. The comments in scripts.go give the details.
package redisquota

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/redis/go-redis/v9"
)

// Defaults of the options.
const (
	// DefaultMaxConcurrency is the store-wide cap on requests in flight
	// unless WithMaxConcurrency says otherwise: bigcommerce.MaxConcurrency,
	// the most BigCommerce integrations run against one store.
	DefaultMaxConcurrency = bigcommerce.MaxConcurrency
	// DefaultLeaseTTL is how long a lease lives without renewal unless
	// WithLeaseTTL says otherwise: a dead process's slots come back within it.
	DefaultLeaseTTL = 10 * time.Second
	// DefaultOpTimeout bounds each Redis operation unless WithOpTimeout says
	// otherwise.
	DefaultOpTimeout = 2 * time.Second
)

// margin is added to every reset, as bigcommerce.Throttle does: it covers
// the jitter between a request's send time and its admission at the store
// (measured in the root package's BenchmarkAdmissionLag).
const margin = 10 * time.Millisecond

// maxResetIn bounds the resets and windows a Limiter believes, as
// bigcommerce.Throttle does: BigCommerce's windows last seconds.
const maxResetIn = 24 * time.Hour

// capPoll is the longest a request waiting for a slot of the cap sleeps
// before asking Redis again; releases in the same process wake it at once.
const capPoll = 10 * time.Millisecond

// fallbackRetry is how long a Limiter in fallback waits before trying
// Redis again.
const fallbackRetry = time.Second

// Option configures a Limiter.
type Option func(*Limiter) error

// WithMaxConcurrency caps the requests in flight to the store across every
// process sharing the Limiter's keys at n (1 to 1000; default 25). Each
// Client's bigcommerce.WithMaxConcurrency still bounds that Client alone.
// All processes should use the same n; the cap in force is the one of the
// process asking for a slot.
func WithMaxConcurrency(n int) Option {
	return func(l *Limiter) error {
		if n < 1 || n > 1000 {
			return fmt.Errorf("redisquota: WithMaxConcurrency(%d): want 1 to 1000", n)
		}
		l.maxConcurrency = n
		return nil
	}
}

// WithLeaseTTL sets how long a slot of the cap is held without renewal
// (default 10 s, at least 100 ms). A live process renews its leases every
// third of the TTL while their requests run; a process that dies stops, and
// its slots come back when the TTL passes.
func WithLeaseTTL(d time.Duration) Option {
	return func(l *Limiter) error {
		if d < 100*time.Millisecond {
			return fmt.Errorf("redisquota: WithLeaseTTL(%s): want at least 100ms", d)
		}
		l.leaseTTL = d
		return nil
	}
}

// WithOpTimeout bounds each Redis operation (default 2 s) in addition to the
// caller's context, so that an unresponsive Redis fails fast instead of
// hanging a request.
func WithOpTimeout(d time.Duration) Option {
	return func(l *Limiter) error {
		if d <= 0 {
			return fmt.Errorf("redisquota: WithOpTimeout(%s): want a positive duration", d)
		}
		l.opTimeout = d
		return nil
	}
}

// WithFallback makes the Limiter pace in process, with a
// bigcommerce.Throttle of its own, while Redis cannot be reached, instead
// of failing requests. onFallback (which may be nil) is called with the
// Redis error each time the Limiter falls back; it retries Redis after a
// second. In fallback the store-wide cap does not apply, and other
// processes' windows are not seen.
func WithFallback(onFallback func(err error)) Option {
	return func(l *Limiter) error {
		l.fallback = bigcommerce.NewThrottle()
		l.onFallback = onFallback
		return nil
	}
}

// WithOwner names this process in lease ids (default host name, process id
// and a random suffix), so that State can tell whose requests are in
// flight. It may contain letters, digits, '.', '_' and '-'.
func WithOwner(name string) Option {
	return func(l *Limiter) error {
		if !ownerPattern.MatchString(name) {
			return fmt.Errorf("redisquota: WithOwner(%q): want 1 to 100 letters, digits, '.', '_' or '-'", name)
		}
		l.owner = name
		return nil
	}
}

var (
	ownerPattern     = regexp.MustCompile(`^[A-Za-z0-9._-]{1,100}$`)
	storeHashPattern = regexp.MustCompile(`^[a-z0-9]+$`)
)

// Limiter is a bigcommerce.RateLimiter whose state lives in Redis, shared by
// every process using a Limiter for the same store hash on the same Redis.
// Create it with New; it is safe for concurrent use.
type Limiter struct {
	rdb            redis.UniversalClient
	storeHash      string
	keys           []string
	maxConcurrency int
	leaseTTL       time.Duration
	opTimeout      time.Duration
	owner          string
	fallback       *bigcommerce.Throttle
	onFallback     func(error)

	seq atomic.Uint64

	mu        sync.Mutex
	changed   chan struct{} // closed when a local permit ends or news arrives
	last      bigcommerce.RateLimit
	known     bool
	downUntil time.Time // in fallback until then
}

// New returns a Limiter for the store with the given hash on rdb. It makes
// no network call; the first Acquire does. rdb may be a *redis.Client, a
// *redis.ClusterClient (the keys share one hash tag) or a failover client.
func New(rdb redis.UniversalClient, storeHash string, opts ...Option) (*Limiter, error) {
	if rdb == nil {
		return nil, errors.New("redisquota: New: rdb is nil: pass a redis.NewClient(&redis.Options{Addr: ...})")
	}
	if !storeHashPattern.MatchString(storeHash) {
		return nil, fmt.Errorf("redisquota: New: store hash %q is malformed: want lower-case letters and digits, as in the API path stores/{hash}", storeHash)
	}
	l := &Limiter{
		rdb:            rdb,
		storeHash:      storeHash,
		maxConcurrency: DefaultMaxConcurrency,
		leaseTTL:       DefaultLeaseTTL,
		opTimeout:      DefaultOpTimeout,
		changed:        make(chan struct{}),
	}
	for _, opt := range opts {
		if opt == nil {
			return nil, errors.New("redisquota: New: an option is nil")
		}
		if err := opt(l); err != nil {
			return nil, err
		}
	}
	if l.owner == "" {
		l.owner = defaultOwner()
	}
	tag := "{bigcommerce:" + storeHash + "}"
	l.keys = []string{tag + ":window", tag + ":leases", tag + ":pending"}
	return l, nil
}

// defaultOwner is host-pid-random: unique per process.
func defaultOwner() string {
	host, _ := os.Hostname()
	host = strings.Map(func(r rune) rune {
		if r < 128 && (r == '.' || r == '_' || r == '-' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') || ('0' <= r && r <= '9')) {
			return r
		}
		return -1
	}, host)
	if len(host) > 60 {
		host = host[:60]
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	return fmt.Sprintf("%s-%d-%s", host, os.Getpid(), hex.EncodeToString(b[:]))
}

// Owner returns the name this process's leases carry.
func (l *Limiter) Owner() string { return l.owner }

// Rate returns the newest view of the shared window this process has seen
// (from its own answers merged with every other process's), without a
// network call; false before the first answer.
func (l *Limiter) Rate() (bigcommerce.RateLimit, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.last, l.known
}

// Acquire implements bigcommerce.RateLimiter. It waits for a slot of the
// store-wide cap until ctx is done, and for the window's reset when the
// shared window is spent, failing at once with a *bigcommerce.RateLimitError
// when that reset is more than maxWait away or past ctx's deadline. When
// Redis cannot be reached it fails with an error saying so, or, with
// WithFallback, paces in process.
func (l *Limiter) Acquire(ctx context.Context, maxWait time.Duration) (bigcommerce.Permit, error) {
	for {
		if l.inFallback() {
			return l.fallback.Acquire(ctx, maxWait)
		}
		id := l.owner + "/" + fmt.Sprint(l.seq.Add(1))
		changed := l.changedChan()
		res, err := l.run(ctx, acquireScript, id, l.maxConcurrency, l.leaseTTL.Milliseconds())
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			if l.fallback != nil {
				l.fallBack(err)
				continue
			}
			return nil, l.unreachable("acquiring a permit", err)
		}
		v, ok := ints(res, 3)
		if !ok {
			return nil, fmt.Errorf("redisquota: unexpected answer from the acquire script: %v", res)
		}
		if v[0] == 1 {
			return l.newPermit(id), nil
		}
		wait := time.Duration(v[1]) * time.Millisecond
		if v[2] == 2 { // the window is spent
			if wait > maxWait || pastDeadline(ctx, wait) {
				rate, _ := l.Rate()
				return nil, &bigcommerce.RateLimitError{Rate: rate, RetryAfter: wait}
			}
		} else { // the cap is full: ask again soon, or when a local permit ends
			wait = min(wait, capPoll)
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, ctx.Err()
		case <-changed:
			timer.Stop()
		case <-timer.C:
		}
	}
}

// run runs a script on this store's keys, bounded by ctx and the operation
// timeout.
func (l *Limiter) run(ctx context.Context, s *redis.Script, args ...any) (any, error) {
	ctx, cancel := context.WithTimeout(ctx, l.opTimeout)
	defer cancel()
	return s.Run(ctx, l.rdb, l.keys, args...).Result()
}

// unreachable wraps a Redis error in a message that says what to do.
func (l *Limiter) unreachable(what string, err error) error {
	return fmt.Errorf("redisquota: Redis unreachable while %s for store %s: %w; check the Redis address and that the server runs, or use redisquota.WithFallback to pace in process while Redis is down", what, l.storeHash, err)
}

func (l *Limiter) inFallback() bool {
	if l.fallback == nil {
		return false
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return time.Now().Before(l.downUntil)
}

func (l *Limiter) fallBack(err error) {
	l.mu.Lock()
	l.downUntil = time.Now().Add(fallbackRetry)
	l.mu.Unlock()
	if l.onFallback != nil {
		l.onFallback(l.unreachable("acquiring a permit (pacing in process meanwhile)", err))
	}
}

func (l *Limiter) changedChan() chan struct{} {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.changed
}

// notify wakes this process's waiters: a slot or news may be there.
func (l *Limiter) notify() {
	l.mu.Lock()
	close(l.changed)
	l.changed = make(chan struct{})
	l.mu.Unlock()
}

// pastDeadline reports whether waiting d would overrun ctx's deadline.
func pastDeadline(ctx context.Context, d time.Duration) bool {
	deadline, ok := ctx.Deadline()
	return ok && time.Until(deadline) < d
}

// ints converts a script's array answer of at least n integers.
func ints(res any, n int) ([]int64, bool) {
	arr, ok := res.([]any)
	if !ok || len(arr) < n {
		return nil, false
	}
	out := make([]int64, n)
	for i := range n {
		v, ok := arr[i].(int64)
		if !ok {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}

// permit is a Limiter's Permit: one lease, renewed while it is held.
type permit struct {
	l    *Limiter
	id   string
	stop chan struct{}
	once sync.Once
}

func (l *Limiter) newPermit(id string) *permit {
	p := &permit{l: l, id: id, stop: make(chan struct{})}
	go p.renew()
	return p
}

// renew extends the lease every third of its TTL until it is released, so
// a long request keeps its slot; a dead process stops renewing.
func (p *permit) renew() {
	ticker := time.NewTicker(p.l.leaseTTL / 3)
	defer ticker.Stop()
	for {
		select {
		case <-p.stop:
			return
		case <-ticker.C:
			_, _ = p.l.run(context.Background(), renewScript, p.id, p.l.leaseTTL.Milliseconds())
		}
	}
}

// Observe implements bigcommerce.Permit: it merges the snapshot into the
// shared window (see scripts.go) and marks this lease answered. A Redis
// error is not fatal here: the lease still counts until it is released.
func (p *permit) Observe(ctx context.Context, rl bigcommerce.RateLimit, sentAt time.Time) {
	if rl.ResetIn < 0 || rl.ResetIn > maxResetIn || rl.Window < 0 || rl.Window > maxResetIn {
		// Not a window any store has: only mark the lease answered.
		rl = bigcommerce.RateLimit{ResetIn: -time.Millisecond}
	}
	age := time.Since(sentAt)
	res, err := p.l.run(ctx, observeScript, p.id, rl.Quota, rl.Remaining, rl.Window.Milliseconds(),
		rl.ResetIn.Milliseconds(), age.Milliseconds(), margin.Milliseconds())
	if err != nil {
		return
	}
	if v, ok := ints(res, 4); ok && v[3] >= 0 {
		p.l.mu.Lock()
		p.l.last = bigcommerce.RateLimit{Quota: int(v[0]), Remaining: int(v[1]),
			Window: time.Duration(v[2]) * time.Millisecond, ResetIn: time.Duration(v[3]) * time.Millisecond}
		p.l.known = true
		p.l.mu.Unlock()
	}
	p.l.notify()
}

// Release implements bigcommerce.Permit: it ends the lease, with a timeout
// of its own so that it works after the request's context has ended. If
// Redis cannot be reached the lease expires by its TTL.
func (p *permit) Release() {
	p.once.Do(func() {
		close(p.stop)
		_, _ = p.l.run(context.Background(), releaseScript, p.id)
		p.l.notify()
	})
}

// State is the shared state of one store's quota in Redis.
type State struct {
	// Rate is the shared window: quota, requests left, window length and
	// time to reset. Known is false before any process saw an answer, or
	// after the window expired without news.
	Rate  bigcommerce.RateLimit
	Known bool
	// InFlight is the number of live leases (requests in flight) across
	// all processes; Pending those of them not answered yet.
	InFlight, Pending int
	// ByOwner counts the live leases per owner (see WithOwner).
	ByOwner map[string]int
}

// State reads the shared state from Redis (one atomic script).
func (l *Limiter) State(ctx context.Context) (State, error) {
	res, err := l.run(ctx, stateScript)
	if err != nil {
		return State{}, l.unreachable("reading the shared state", err)
	}
	v, ok := ints(res, 5)
	if !ok {
		return State{}, fmt.Errorf("redisquota: unexpected answer from the state script: %v", res)
	}
	s := State{
		Rate: bigcommerce.RateLimit{Quota: int(v[0]), Remaining: int(v[1]),
			Window: time.Duration(v[2]) * time.Millisecond, ResetIn: max(time.Duration(v[3])*time.Millisecond, 0)},
		Known:   v[3] >= 0,
		Pending: int(v[4]),
		ByOwner: map[string]int{},
	}
	for _, m := range res.([]any)[5:] {
		id, _ := m.(string)
		owner, _, _ := strings.Cut(id, "/")
		s.ByOwner[owner]++
		s.InFlight++
	}
	return s, nil
}

// Ping checks that Redis answers, bounded by ctx and the operation timeout.
func (l *Limiter) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, l.opTimeout)
	defer cancel()
	if err := l.rdb.Ping(ctx).Err(); err != nil {
		return l.unreachable("pinging", err)
	}
	return nil
}
