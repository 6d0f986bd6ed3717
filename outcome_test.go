package bigcommerce

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
)

// zeroWaitRetries retries like the default policy but never waits.
var zeroWaitRetries = WithRetryPolicy(RetryPolicy{MaxRetries: 3})

// cutBody answers status with a body cut off part way (failingBody).
func cutBody(status int) *http.Response {
	return &http.Response{StatusCode: status, Header: http.Header{}, Body: &failingBody{}}
}

// outcomeCase is one answer a write can get, and what the SDK must say.
type outcomeCase struct {
	name    string
	answer  func(*http.Request) (*http.Response, error)
	unknown bool // the error must match ErrOutcomeUnknown
	sends   int  // requests that must reach the server
	status  int  // the *Error status the error must unwrap to, 0 for none
	ok      bool // the call succeeds
}

func statusAnswer(status int, body string) func(*http.Request) (*http.Response, error) {
	return func(*http.Request) (*http.Response, error) {
		return httpmock.NewStringResponse(status, body), nil
	}
}

func errAnswer(err error) func(*http.Request) (*http.Response, error) {
	return func(*http.Request) (*http.Response, error) { return nil, err }
}

var writeOutcomeCases = []outcomeCase{
	{name: "500", answer: statusAnswer(500, `{"status":500,"title":"Internal Server Error"}`), unknown: true, sends: 1, status: 500},
	{name: "502 html", answer: statusAnswer(502, `<html>Bad Gateway</html>`), unknown: true, sends: 1, status: 502},
	{name: "503", answer: statusAnswer(503, ``), unknown: true, sends: 1, status: 503},
	{name: "504", answer: statusAnswer(504, ``), unknown: true, sends: 1, status: 504},
	{name: "connection reset", answer: errAnswer(&net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset by peer")}), unknown: true, sends: 1},
	{name: "EOF before the answer", answer: errAnswer(io.EOF), unknown: true, sends: 1},
	{name: "timeout", answer: errAnswer(&net.OpError{Op: "read", Net: "tcp", Err: os.ErrDeadlineExceeded}), unknown: true, sends: 1},
	{name: "2xx body cut off", answer: func(*http.Request) (*http.Response, error) { return cutBody(200), nil }, unknown: true, sends: 1},
	{name: "2xx body not JSON", answer: statusAnswer(200, `<html>ok</html>`), unknown: true, sends: 1},
	{name: "2xx empty body", answer: statusAnswer(200, ``), unknown: true, sends: 1},
	// Answers that prove the write was refused or done: the fate is known.
	{name: "dial refused, retried", answer: errAnswer(&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}), sends: 4},
	{name: "DNS failure, retried", answer: errAnswer(&net.DNSError{Err: "no such host", Name: "api.bigcommerce.com"}), sends: 4},
	{name: "400", answer: statusAnswer(400, `{"status":400,"title":"Bad Request"}`), sends: 1, status: 400},
	{name: "409", answer: statusAnswer(409, `{"status":409,"title":"Conflict"}`), sends: 1, status: 409},
	{name: "422", answer: statusAnswer(422, `{"status":422,"title":"Invalid","errors":{"name":"required"}}`), sends: 1, status: 422},
	{name: "501", answer: statusAnswer(501, ``), sends: 1, status: 501},
	{name: "429 until retries run out", answer: statusAnswer(429, ``), sends: 4, status: 429},
	{name: "200", answer: statusAnswer(200, `{"data":{"id":7}}`), sends: 1, ok: true},
}

// checkOutcome asserts what a write's error says about its fate.
func checkOutcome(t *testing.T, tc outcomeCase, err error, sends int) {
	t.Helper()
	if sends != tc.sends {
		t.Errorf("%d requests sent, want %d", sends, tc.sends)
	}
	if tc.ok {
		if err != nil {
			t.Fatalf("err = %v, want success", err)
		}
		return
	}
	if err == nil {
		t.Fatal("err = nil, want an error")
	}
	if got := errors.Is(err, ErrOutcomeUnknown); got != tc.unknown {
		t.Errorf("errors.Is(err, ErrOutcomeUnknown) = %v, want %v; err: %v", got, tc.unknown, err)
	}
	msg := err.Error()
	says := strings.Contains(msg, "may have been applied") && strings.Contains(msg, "check before resending")
	if says != tc.unknown {
		t.Errorf("message says the write may have been applied: %v, want %v: %s", says, tc.unknown, msg)
	}
	var e *Error
	if tc.status != 0 && (!errors.As(err, &e) || e.StatusCode != tc.status) {
		t.Errorf("errors.As(*Error) = %v, want status %d: %v", e, tc.status, err)
	}
	if strings.Contains(msg, testToken) {
		t.Errorf("the error shows the token: %s", msg)
	}
}

// TestDoOutcomeUnknown: Client.Do marks a POST whose fate is unknown, and
// never retries it.
func TestDoOutcomeUnknown(t *testing.T) {
	for _, tc := range writeOutcomeCases {
		t.Run(tc.name, func(t *testing.T) {
			c, mt := newTestClient(t, zeroWaitRetries)
			rec := mockFunc(mt, http.MethodPost, "/v3/widgets", func(cp captured) (*http.Response, error) {
				return tc.answer(nil)
			})
			req, err := c.NewRequest(ctx(t), http.MethodPost, "/v3/widgets", nil, map[string]string{"name": "w"})
			if err != nil {
				t.Fatal(err)
			}
			var out envelope[struct{ ID int }]
			_, err = c.Do(req, &out)
			checkOutcome(t, tc, err, rec.count())
		})
	}
}

// TestServiceCreateOutcomeUnknown: the typed create methods (V2 and V3)
// follow the same rule as Do.
func TestServiceCreateOutcomeUnknown(t *testing.T) {
	calls := []struct {
		name, path string
		call       func(context.Context, *Client) error
	}{
		{"Orders.Create", "/v2/orders", func(ctx context.Context, c *Client) error {
			_, _, err := c.Orders.Create(ctx, OrderCreate{BillingAddress: &OrderAddressCreate{Zip: Ptr("78751")}, Consignments: []byte(`{"pickups":[{"pickup_method_id":1}]}`)})
			return err
		}},
		{"Inventory.AdjustRelative", "/v3/inventory/adjustments/relative", func(ctx context.Context, c *Client) error {
			_, _, err := c.Inventory.AdjustRelative(ctx, []InventoryAdjustment{{LocationID: 1, ProductID: 113, Quantity: -1}}, "test")
			return err
		}},
	}
	for _, call := range calls {
		for _, tc := range []outcomeCase{writeOutcomeCases[1], writeOutcomeCases[4], writeOutcomeCases[14]} { // 502, reset, 422
			t.Run(call.name+"/"+tc.name, func(t *testing.T) {
				c, mt := newTestClient(t, zeroWaitRetries)
				rec := mockFunc(mt, http.MethodPost, call.path, func(captured) (*http.Response, error) { return tc.answer(nil) })
				err := call.call(ctx(t), c)
				var be *BatchError
				if errors.As(err, &be) && len(be.Failures)+len(be.Unknown) == 1 {
					// a one-chunk batch: the item is in the list its fate says
					if tc.unknown != (len(be.Unknown) == 1) {
						t.Errorf("Unknown %v, Failures %v", be.UnknownIndexes(), be.FailedIndexes())
					}
				}
				checkOutcome(t, tc, err, rec.count())
			})
		}
	}
}

// TestIdempotentWritesAreNotUnknown: a PUT or DELETE answered 502 is
// retried and, when retries run out, is a plain failure: resending is safe.
func TestIdempotentWritesAreNotUnknown(t *testing.T) {
	for _, method := range []string{http.MethodPut, http.MethodDelete, http.MethodGet} {
		t.Run(method, func(t *testing.T) {
			c, mt := newTestClient(t, zeroWaitRetries)
			rec := mockJSON(mt, method, "/v3/widgets", 502, nil)
			req, _ := c.NewRequest(ctx(t), method, "/v3/widgets", nil, nil)
			_, err := c.Do(req, nil)
			if errors.Is(err, ErrOutcomeUnknown) || strings.Contains(err.Error(), "may have been applied") {
				t.Errorf("err = %v, want a plain failure", err)
			}
			if rec.count() != 4 {
				t.Errorf("%d attempts, want 4", rec.count())
			}
		})
	}
}

// TestOutcomeKnownWhenNothingSent: a POST refused before anything is sent
// (cancelled context, V3 with a legacy account) is not outcome-unknown.
func TestOutcomeKnownWhenNothingSent(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodPost, "/v3/widgets", 500, nil)
	cctx, cancel := context.WithCancel(ctx(t))
	cancel()
	req, _ := c.NewRequest(cctx, http.MethodPost, "/v3/widgets", nil, map[string]int{"a": 1})
	_, err := c.Do(req, nil)
	if err == nil || errors.Is(err, ErrOutcomeUnknown) {
		t.Errorf("err = %v, want a plain cancellation", err)
	}
	assertNothingSent(t, mt)
}

// TestOutcomeUnknownWhenCancelledInFlight: a POST whose context ends while
// the request is on the wire may have been applied.
func TestOutcomeUnknownWhenCancelledInFlight(t *testing.T) {
	c, mt := newTestClient(t, zeroWaitRetries)
	cctx, cancel := context.WithCancel(ctx(t))
	defer cancel()
	mt.RegisterResponder(http.MethodPost, testBaseURL+"/v3/widgets", func(req *http.Request) (*http.Response, error) {
		cancel() // the caller gives up while the server works
		return nil, req.Context().Err()
	})
	req, _ := c.NewRequest(cctx, http.MethodPost, "/v3/widgets", nil, map[string]int{"a": 1})
	_, err := c.Do(req, nil)
	if !errors.Is(err, ErrOutcomeUnknown) || !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want outcome unknown wrapping context.Canceled", err)
	}
}

// TestBatchUnknownApartFromFailed: Customers.Create in sequential chunks
// where one chunk is written, one rejected, one answered 502 (it may have
// been written) and the last therefore not sent. The 502 chunk's items are
// Unknown, never in Failures or FailedIndexes.
func TestBatchUnknownApartFromFailed(t *testing.T) {
	c, mt := newTestClient(t, WithMaxConcurrency(1), zeroWaitRetries)
	items := make([]CustomerCreate, 40)
	for i := range items {
		items[i] = CustomerCreate{Email: fmt.Sprintf("c%d@example.com", i), FirstName: "F", LastName: "L"}
	}
	chunk := 0
	rec := mockFunc(mt, http.MethodPost, "/v3/customers", func(cp captured) (*http.Response, error) {
		chunk++
		switch chunk {
		case 2:
			return httpmock.NewStringResponse(422, `{"status":422,"title":"Invalid","errors":{"0.email":"taken"}}`), nil
		case 3:
			return httpmock.NewStringResponse(502, `<html>Bad Gateway</html>`), nil
		}
		var data []string
		for i := range 10 {
			data = append(data, fmt.Sprintf(`{"id":%d}`, chunk*100+i))
		}
		return httpmock.NewStringResponse(200, `{"data":[`+strings.Join(data, ",")+`]}`), nil
	})
	out, _, err := c.Customers.CreateMany(ctx(t), items)
	var be *BatchError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want *BatchError", err)
	}
	if rec.count() != 3 {
		t.Errorf("%d chunks sent, want 3 (none after the 502)", rec.count())
	}
	if len(out) != 10 {
		t.Errorf("%d customers returned, want the first chunk's 10", len(out))
	}
	seq := func(lo, hi int) []int {
		var s []int
		for i := lo; i < hi; i++ {
			s = append(s, i)
		}
		return s
	}
	if got, want := be.FailedIndexes(), append(seq(10, 20), seq(30, 40)...); !slices.Equal(got, want) {
		t.Errorf("FailedIndexes = %v, want %v", got, want)
	}
	if got, want := be.UnknownIndexes(), seq(20, 30); !slices.Equal(got, want) {
		t.Errorf("UnknownIndexes = %v, want %v", got, want)
	}
	if !errors.Is(err, ErrOutcomeUnknown) {
		t.Error("the BatchError does not match ErrOutcomeUnknown")
	}
	for _, f := range be.Failures {
		if errors.Is(f.Err, ErrOutcomeUnknown) {
			t.Errorf("failed item %d matches ErrOutcomeUnknown: %v", f.Index, f.Err)
		}
	}
	for _, f := range be.Unknown {
		var e *Error
		if !errors.Is(f.Err, ErrOutcomeUnknown) || !errors.As(f.Err, &e) || e.StatusCode != 502 {
			t.Errorf("unknown item %d: %v, want the 502 marked outcome unknown", f.Index, f.Err)
		}
	}
	notSent := be.Failures[len(be.Failures)-1].Err
	if !strings.Contains(notSent.Error(), "not sent") || !strings.Contains(notSent.Error(), "can be sent again") {
		t.Errorf("not-sent item error = %v", notSent)
	}
	msg := err.Error()
	for _, want := range []string{"20 of 40 items failed", "10 of 40 items have an unknown outcome", "check before resending"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q does not say %q", msg, want)
		}
	}
}
