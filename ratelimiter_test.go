package bigcommerce

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
)

func TestWithRateLimiterNil(t *testing.T) {
	var th *Throttle
	for _, l := range []RateLimiter{nil, th} {
		if _, err := NewClient("abc123", TokenAuth{AccessToken: "x"}, WithRateLimiter(l)); err == nil {
			t.Errorf("WithRateLimiter(%v) accepted", l)
		}
	}
}

// recordingLimiter is a RateLimiter that records what the pipeline tells it.
type recordingLimiter struct {
	mu       sync.Mutex
	events   []string
	sentAt   []time.Time
	inFlight int
	refuse   error
}

func (l *recordingLimiter) Acquire(ctx context.Context, maxWait time.Duration) (Permit, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, "acquire")
	if l.refuse != nil {
		return nil, l.refuse
	}
	l.inFlight++
	return &recordingPermit{l: l}, nil
}

type recordingPermit struct {
	l        *recordingLimiter
	released bool
}

func (p *recordingPermit) Observe(_ context.Context, rl RateLimit, sentAt time.Time) {
	p.l.mu.Lock()
	defer p.l.mu.Unlock()
	p.l.events = append(p.l.events, "observe "+strconv.Itoa(rl.Remaining))
	p.l.sentAt = append(p.l.sentAt, sentAt)
}

func (p *recordingPermit) Release() {
	p.l.mu.Lock()
	defer p.l.mu.Unlock()
	if p.released {
		p.l.events = append(p.l.events, "release twice")
	}
	p.released = true
	p.l.inFlight--
	p.l.events = append(p.l.events, "release")
}

// TestRateLimiterPerAttempt: the pipeline acquires a permit for every
// attempt, observes each answer's headers, and releases every permit once,
// also for attempts that failed.
func TestRateLimiterPerAttempt(t *testing.T) {
	l := &recordingLimiter{}
	c, mt := newTestClient(t, WithRateLimiter(l), WithRetryPolicy(RetryPolicy{MaxRetries: 3}))
	calls := 0
	mockFunc(mt, http.MethodGet, "/v3/things", func(captured) (*http.Response, error) {
		calls++
		switch calls {
		case 1:
			resp := httpmock.NewStringResponse(503, `{"status":503,"title":"busy"}`)
			resp.Header = rateHeaders(10, 1000)
			return resp, nil
		case 2:
			return nil, errors.New("connection reset by peer")
		}
		resp := httpmock.NewStringResponse(200, `{"data":{}}`)
		resp.Header = rateHeaders(8, 900)
		return resp, nil
	})
	before := time.Now()
	req, _ := c.NewRequest(t.Context(), http.MethodGet, "/v3/things", nil, nil)
	if _, err := c.Do(req, &struct{}{}); err != nil {
		t.Fatal(err)
	}
	want := []string{"acquire", "observe 10", "release", "acquire", "release", "acquire", "observe 8", "release"}
	if !slices.Equal(l.events, want) {
		t.Errorf("events %v, want %v", l.events, want)
	}
	if l.inFlight != 0 {
		t.Errorf("%d permits never released", l.inFlight)
	}
	for _, s := range l.sentAt {
		if s.Before(before) || s.After(time.Now()) {
			t.Errorf("sentAt %v outside the call", s)
		}
	}
	if rl, ok := c.Rate(); !ok || rl.Remaining != 8 {
		t.Errorf("Client.Rate() = %+v, %v; want the last answer's snapshot", rl, ok)
	}

	// A limiter that cannot grant fails the call, sends nothing, and its
	// error stays visible.
	refused := errors.New("coordination store unreachable")
	l.refuse = refused
	sent := mt.GetTotalCallCount()
	req, _ = c.NewRequest(t.Context(), http.MethodGet, "/v3/things", nil, nil)
	if _, err := c.Do(req, nil); !errors.Is(err, refused) {
		t.Errorf("err = %v, want the limiter's error", err)
	}
	if mt.GetTotalCallCount() != sent {
		t.Error("a request was sent without a permit")
	}
	if n := len(l.events); l.events[n-1] != "acquire" || n != len(want)+1 {
		t.Errorf("the refused call was retried: %v", l.events[len(want):])
	}
}

// TestRateLimiterSendTimeOverNetwork: over a real connection the send time
// is when the connection was obtained, and the permit is released only
// after the body was read.
func TestRateLimiterSendTimeOverNetwork(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Store(time.Now().UnixNano())
		w.Header().Set("X-Rate-Limit-Requests-Left", "7")
		_, _ = w.Write([]byte(`{"name":"s"}`))
	}))
	defer srv.Close()
	l := &recordingLimiter{}
	c, err := NewClient("", TokenAuth{AccessToken: "x"}, WithBaseURL(srv.URL), WithRateLimiter(l))
	if err != nil {
		t.Fatal(err)
	}
	var gotConn time.Time
	ctx := httptrace.WithClientTrace(t.Context(), &httptrace.ClientTrace{GotConn: func(httptrace.GotConnInfo) { gotConn = time.Now() }})
	if _, err := c.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	if len(l.sentAt) != 1 || l.sentAt[0].Before(gotConn.Add(-time.Millisecond)) || l.sentAt[0].After(time.Unix(0, served.Load())) {
		t.Errorf("sentAt %v, want the connection's time %v, before the server saw it", l.sentAt, gotConn)
	}
	if !slices.Equal(l.events, []string{"acquire", "observe 7", "release"}) || l.inFlight != 0 {
		t.Errorf("events %v, %d in flight", l.events, l.inFlight)
	}
}

// TestRateLimiterOnlyForTheStoreHost: a redirect to another host does not
// draw on the store's quota.
func TestRateLimiterOnlyForTheStoreHost(t *testing.T) {
	elsewhere := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"name":"s"}`))
	}))
	defer elsewhere.Close()
	store := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Rate-Limit-Requests-Left", "5")
		http.Redirect(w, r, elsewhere.URL+"/v2/store", http.StatusFound)
	}))
	defer store.Close()
	l := &recordingLimiter{}
	c, err := NewClient("", TokenAuth{AccessToken: "x"}, WithBaseURL(store.URL), WithRateLimiter(l))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Ping(t.Context()); err != nil {
		t.Fatal(err)
	}
	if want := []string{"acquire", "observe 5", "release"}; !slices.Equal(l.events, want) {
		t.Errorf("events %v, want %v (one permit, for the store's host)", l.events, want)
	}
}

func TestMaxConcurrencyBoundsInFlight(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newTestClient(t, WithMaxConcurrency(3))
		var inFlight, peak atomic.Int32
		release := make(chan struct{})
		mockFunc(mt, http.MethodGet, "/v2/store", func(captured) (*http.Response, error) {
			n := inFlight.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			<-release
			inFlight.Add(-1)
			return httpmock.NewStringResponse(200, `{}`), nil
		})
		var wg sync.WaitGroup
		for i := 0; i < 10; i++ {
			wg.Go(func() {
				if _, err := c.Ping(t.Context()); err != nil {
					t.Error(err)
				}
			})
		}
		synctest.Wait() // every goroutine is blocked: 3 in the server, 7 waiting for a slot
		if got := inFlight.Load(); got != 3 {
			t.Errorf("%d requests in flight, want 3", got)
		}
		close(release)
		wg.Wait()
		if peak.Load() != 3 {
			t.Errorf("peak in flight %d, want 3", peak.Load())
		}
	})
}
