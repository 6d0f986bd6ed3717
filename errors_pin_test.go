package bigcommerce

// Tests pinning behaviour of errors.go that mutation testing
// (scripts/mutation.sh) found unguarded.

import (
	"errors"
	"net/http"
	"testing"
	"time"
)

// TestPinErrorText pins the exact message of each error type: status,
// title, detail, further messages, sorted field errors, hint, request id.
func TestPinErrorText(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want string
	}{
		{"everything", &Error{StatusCode: 422, Method: "POST", Path: "/v3/customers", Title: "Invalid", Detail: "see errors",
			Messages: []string{"Invalid", "second"}, Fields: map[string]string{"b": "y", "a": "x"}, Hint: "Fix it", RequestID: "r1"},
			"bigcommerce: POST /v3/customers: 422 Invalid: see errors; second (a: x; b: y). Fix it [request id r1]"},
		{"no request", &Error{StatusCode: 500, Title: "Internal Server Error"}, "bigcommerce: 500 Internal Server Error"},
		{"detail equal to title", &Error{StatusCode: 404, Method: "GET", Path: "/v2/orders/1", Title: "Gone", Detail: "Gone"}, "bigcommerce: GET /v2/orders/1: 404 Gone"},
		{"messages without title", &Error{StatusCode: 400, Method: "GET", Path: "/x", Messages: []string{"a", "b"}}, "bigcommerce: GET /x: 400; a; b"},
		{"one field", &Error{StatusCode: 409, Method: "PUT", Path: "/x", Title: "Conflict", Fields: map[string]string{"sku": "taken"}}, "bigcommerce: PUT /x: 409 Conflict (sku: taken)"},
		{"rate limit without answer", &RateLimitError{RetryAfter: 1500 * time.Millisecond}, "bigcommerce: rate limit reached; quota refreshes in 1.5s: retry later or lower the request rate"},
		{"rate limit with answer", &RateLimitError{Err: &Error{StatusCode: 429, Method: "GET", Path: "/x", Title: "Too Many Requests"}, RetryAfter: 2 * time.Second},
			"bigcommerce: GET /x: 429 Too Many Requests; quota refreshes in 2s: retry later or lower the request rate"},
		{"multi-status", &MultiStatusError{Method: "PUT", Path: "/v3/p", Errors: []*Error{{StatusCode: 422, Title: "a"}, {StatusCode: 409, Title: "b"}}},
			"bigcommerce: PUT /v3/p: 207 partially saved: 422 a; 409 b"},
		{"batch failed only", &BatchError{Total: 3, Failures: []BatchFailure{{Index: 1, Err: errors.New("bigcommerce: bad")}}},
			"bigcommerce: 1 of 3 items failed; item 1: bad"},
		{"batch unknown only", &BatchError{Total: 2, Unknown: []BatchFailure{{Index: 0, Err: errors.New("cut")}}},
			"bigcommerce: 1 of 2 items have an unknown outcome (they may have been written: check before resending them); item 0: cut"},
		{"batch both", &BatchError{Total: 4, Failures: []BatchFailure{{Index: 3, Err: errors.New("x")}}, Unknown: []BatchFailure{{Index: 0, Err: errors.New("y")}}},
			"bigcommerce: 1 of 4 items failed; item 3: x; 1 of 4 items have an unknown outcome (they may have been written: check before resending them); item 0: y"},
		{"batch over five", &BatchError{Total: 7, Failures: []BatchFailure{{0, errors.New("e")}, {1, errors.New("e")}, {2, errors.New("e")}, {3, errors.New("e")}, {4, errors.New("e")}, {5, errors.New("e")}, {6, errors.New("e")}}},
			"bigcommerce: 7 of 7 items failed; item 0: e; item 1: e; item 2: e; item 3: e; item 4: e; and 2 more"},
		{"validation", &ValidationError{Op: "Orders.List", Message: "limit must be 1 to 250"}, "bigcommerce: Orders.List: limit must be 1 to 250 (nothing was sent)"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.err.Error(); got != tc.want {
				t.Errorf("Error()\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

// TestPinErrorBodies pins how the error shapes become messages and fields:
// several titles in one errors array, several V2 messages, array-valued
// field errors, batch_errors by index.
func TestPinErrorBodies(t *testing.T) {
	cases := []struct {
		name, body string
		status     int
		want       string
	}{
		{"several titles in one errors array", `{"status":422,"title":"Bad","errors":[{"title":"one"},{"title":"two"},{"message":"three"}]}`, 422,
			"bigcommerce: POST /v3/x: 422 Bad; one; two; three"},
		{"several V2 messages", `[{"status":400,"message":"first"},{"status":400,"message":"second","details":{"invalid_reason":"x"}}]`, 400,
			"bigcommerce: POST /v3/x: 400 first; second (invalid_reason: x)"},
		{"array-valued field errors", `{"title":"Invalid","errors":{"name":["too short","has spaces"],"price":"must be >= 0","n":3}}`, 422,
			`bigcommerce: POST /v3/x: 422 Invalid (n: 3; name: ["too short","has spaces"]; price: must be >= 0)`},
		{"batch_errors by index", `{"title":"Some failed","batch_errors":[{"title":"row 0","errors":{"email":"taken"}},{"title":"row 1","errors":{"sku":"dup"}}]}`, 422,
			"bigcommerce: POST /v3/x: 422 Some failed; row 0; row 1 (0.email: taken; 1.sku: dup)"},
		{"string errors", `{"title":"T","errors":"plain words"}`, 422, "bigcommerce: POST /v3/x: 422 T; plain words"},
		{"field values compacted", `{"title":"T","errors":{"name": [ "a",  "b" ], "n": { "min" : 1 }}}`, 422, `bigcommerce: POST /v3/x: 422 T (n: {"min":1}; name: ["a","b"])`},
		{"list items of every kind", `{"title":"T","errors":[null, "x", 3, ["y"], {"detail":"z"}]}`, 422, `bigcommerce: POST /v3/x: 422 T; x; 3; ["y"]; z`},
		{"nested lists followed four deep", `{"title":"T","errors":[{"title":"L1","errors":[{"title":"L2","errors":[{"title":"L3","errors":[{"title":"L4","errors":[{"title":"L5"}]}]}]}]}]}`, 422,
			"bigcommerce: POST /v3/x: 422 T; L1; L2; L3; L4"},
		{"unreadable batch_errors entry skipped", `{"title":"T","batch_errors":[1,{"title":"row 1","errors":{"sku":"dup"}}]}`, 422, "bigcommerce: POST /v3/x: 422 T; row 1 (1.sku: dup)"},
		{"message as title", `{"message":"went wrong"}`, 500, "bigcommerce: POST /v3/x: 500 went wrong"},
		{"html page", `<html>oops</html>`, 502, "bigcommerce: POST /v3/x: 502 Bad Gateway"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := &http.Response{StatusCode: tc.status, Header: http.Header{}}
			if got := decodeError(resp, []byte(tc.body), "POST", "/v3/x").Error(); got != tc.want {
				t.Errorf("Error()\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
	t.Run("request id header", func(t *testing.T) {
		resp := &http.Response{StatusCode: 404, Header: http.Header{"X-Request-Id": {"abc-1"}}}
		if e := decodeError(resp, nil, "GET", "/x"); e.RequestID != "abc-1" || e.Error() != "bigcommerce: GET /x: 404 Not Found [request id abc-1]" {
			t.Errorf("%q %q", e.RequestID, e.Error())
		}
	})
}
