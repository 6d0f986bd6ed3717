package bigcommerce

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
)

func TestErrorDecoding(t *testing.T) {
	tests := []struct {
		name         string
		status       int
		contentType  string
		body         string
		sentinel     error
		wantTitle    string
		wantFields   map[string]string
		wantMessages []string
	}{
		{
			name: "V3 object", status: 422, contentType: "application/json",
			body:     `{"status":422,"title":"JSON data is missing or invalid","type":"https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes","errors":{"email":"email must be unique","addresses.0.city":"required"}}`,
			sentinel: ErrUnprocessable, wantTitle: "JSON data is missing or invalid",
			wantFields: map[string]string{"email": "email must be unique", "addresses.0.city": "required"},
		},
		{
			name: "problem+json", status: 422, contentType: "application/problem+json",
			body:     `{"status":422,"title":"Invalid item","type":"/api-docs/getting-started/api-status-codes","detail":"[Item with variant_id 106 is tracked by product, please update stock by product id]","instance":"x"}`,
			sentinel: ErrUnprocessable, wantTitle: "Invalid item",
		},
		{
			name: "V2 array", status: 404, contentType: "application/json",
			body:     `[{"status":404,"message":"The requested resource was not found."}]`,
			sentinel: ErrNotFound, wantTitle: "The requested resource was not found.",
			wantMessages: []string{"The requested resource was not found."},
		},
		{
			name: "V2 array with details", status: 400, contentType: "application/json",
			body:     `[{"status":400,"message":"The field 'type' is invalid.","details":{"invalid_reason":"must be one of physical, digital"}}]`,
			sentinel: ErrUnprocessable, wantTitle: "The field 'type' is invalid.",
			wantFields:   map[string]string{"invalid_reason": "must be one of physical, digital"},
			wantMessages: []string{"The field 'type' is invalid."},
		},
		{
			name: "errors list", status: 409, contentType: "application/json",
			body:     `{"errors":[{"status":409,"title":"Duplicate email","type":"/api-docs/getting-started/api-status-codes"}]}`,
			sentinel: ErrConflict, wantTitle: "Duplicate email", wantMessages: []string{"Duplicate email"},
		},
		{
			name: "variants batch_errors", status: 422, contentType: "application/json",
			body:     `{"batch_errors":[{"status":422,"title":"Invalid variant","errors":{"sku":"sku is required"}}]}`,
			sentinel: ErrUnprocessable, wantTitle: "Invalid variant",
			wantFields:   map[string]string{"0.sku": "sku is required"},
			wantMessages: []string{"Invalid variant"},
		},
		{
			name: "non-string field values", status: 422, contentType: "application/json",
			body:     `{"status":422,"title":"Bad","errors":{"items":["a","b"],"count":3}}`,
			sentinel: ErrUnprocessable, wantTitle: "Bad",
			wantFields: map[string]string{"items": `["a","b"]`, "count": "3"},
		},
		{name: "empty body", status: 403, sentinel: ErrForbidden, wantTitle: "Forbidden"},
		{name: "empty body 401", status: 401, sentinel: ErrUnauthorized, wantTitle: "Unauthorized"},
		{
			name: "HTML 502 page", status: 502, contentType: "text/html",
			body:      "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>",
			wantTitle: "Bad Gateway",
		},
		{name: "429", status: 429, body: `{"status":429,"title":"Too many requests"}`, sentinel: ErrRateLimited, wantTitle: "Too many requests"},
		{name: "garbage JSON", status: 500, body: `{"status": 500, "title": `, wantTitle: "Internal Server Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			mt.RegisterResponder(http.MethodGet, testBaseURL+"/v3/x", func(*http.Request) (*http.Response, error) {
				resp := httpmock.NewStringResponse(tt.status, tt.body)
				resp.Header.Set("X-Request-Id", "req-42")
				if tt.contentType != "" {
					resp.Header.Set("Content-Type", tt.contentType)
				}
				return resp, nil
			})
			req, _ := c.NewRequest(ctx(t), http.MethodGet, "/v3/x", nil, nil)
			_, err := c.Do(req, nil)
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %#v, want *Error", err)
			}
			if e.StatusCode != tt.status || e.Title != tt.wantTitle || e.Method != "GET" || e.Path != "/v3/x" || e.RequestID != "req-42" {
				t.Errorf("got status %d title %q method %q path %q request id %q", e.StatusCode, e.Title, e.Method, e.Path, e.RequestID)
			}
			if tt.sentinel != nil && !errors.Is(err, tt.sentinel) {
				t.Errorf("errors.Is(err, %v) = false", tt.sentinel)
			}
			for _, other := range []error{ErrNotFound, ErrUnauthorized, ErrForbidden, ErrConflict, ErrUnprocessable, ErrRateLimited} {
				if other != tt.sentinel && errors.Is(err, other) {
					t.Errorf("also matches %v", other)
				}
			}
			for k, v := range tt.wantFields {
				if e.Fields[k] != v {
					t.Errorf("Fields[%q] = %q, want %q", k, e.Fields[k], v)
				}
			}
			if len(e.Fields) != len(tt.wantFields) {
				t.Errorf("Fields = %v, want %v", e.Fields, tt.wantFields)
			}
			if strings.Join(e.Messages, "|") != strings.Join(tt.wantMessages, "|") {
				t.Errorf("Messages = %q, want %q", e.Messages, tt.wantMessages)
			}
			if string(e.Body) != tt.body {
				t.Errorf("Body not kept")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, "bigcommerce: GET /v3/x: ") || strings.Contains(msg, "<html>") || strings.Contains(msg, testToken) {
				t.Errorf("message %q", msg)
			}
		})
	}
}

func TestErrorBodyIsCapped(t *testing.T) {
	c, mt := newTestClient(t)
	huge := strings.Repeat("x", 5*maxErrorBody)
	mockJSON(mt, http.MethodGet, "/v3/x", 500, []byte(huge))
	req, _ := c.NewRequest(ctx(t), http.MethodGet, "/v3/x", nil, nil)
	_, err := c.Do(req, nil)
	var e *Error
	if !errors.As(err, &e) || len(e.Body) != maxErrorBody {
		t.Fatalf("kept %d bytes of the body, want %d", len(e.Body), maxErrorBody)
	}
}

func TestMultiStatusReturnsDataAndError(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodPut, "/v3/catalog/products/7", 207, []byte(`{
		"data": {"id": 7, "name": "Saved"},
		"errors": {"status": 422, "title": "Inventory update failed", "type": "/api-docs/getting-started/api-status-codes", "errors": {"inventory_level": "location 9 does not exist"}},
		"meta": {}}`))
	type product struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	p, resp, err := getV3[product](ctx(t), c, http.MethodPut, "/v3/catalog/products/7", nil, map[string]int{"inventory_level": 5})
	if p.ID != 7 || p.Name != "Saved" {
		t.Errorf("data lost on 207: %+v", p)
	}
	if resp.StatusCode != 207 {
		t.Errorf("status %d", resp.StatusCode)
	}
	var ms *MultiStatusError
	if !errors.As(err, &ms) {
		t.Fatalf("err = %v, want *MultiStatusError", err)
	}
	if !errors.Is(err, ErrUnprocessable) || ms.Errors[0].StatusCode != 422 {
		t.Errorf("the failed part's own status is lost: %d", ms.Errors[0].StatusCode)
	}
	if len(ms.Errors) != 1 || ms.Errors[0].Title != "Inventory update failed" || ms.Errors[0].Fields["inventory_level"] != "location 9 does not exist" {
		t.Errorf("errors = %+v", ms.Errors[0])
	}
	if !strings.Contains(err.Error(), "207 partially saved: ") || !strings.Contains(err.Error(), "location 9 does not exist") {
		t.Errorf("message %q", err)
	}

	mockJSON(mt, http.MethodPut, "/v3/things", 207, []byte(`{"data":[],"errors":[{"title":"a"},{"title":"b"}],"meta":{"total":2,"success":0,"failed":2}}`))
	_, _, err = getV3[[]product](ctx(t), c, http.MethodPut, "/v3/things", nil, []int{1})
	if !errors.As(err, &ms) || len(ms.Errors) != 2 || ms.Errors[1].Title != "b" {
		t.Errorf("array errors: %v", err)
	}
}

func TestBatchErrorMessage(t *testing.T) {
	be := &BatchError{Total: 30}
	for i := 0; i < 7; i++ {
		be.Failures = append(be.Failures, BatchFailure{Index: i * 3, Err: &Error{StatusCode: 422, Title: "bad"}})
	}
	msg := be.Error()
	if !strings.HasPrefix(msg, "bigcommerce: 7 of 30 items failed; item 0: 422 bad") || !strings.HasSuffix(msg, "; and 2 more") {
		t.Errorf("message %q", msg)
	}
	if got := be.FailedIndexes(); len(got) != 7 || got[6] != 18 {
		t.Errorf("FailedIndexes = %v", got)
	}
	if !errors.Is(be, ErrUnprocessable) {
		t.Error("BatchError does not unwrap to its failures")
	}
}

func TestValidationError(t *testing.T) {
	err := invalid("Customers.Delete", "pass at least one id")
	if !errors.Is(err, ErrInvalidRequest) {
		t.Error("not ErrInvalidRequest")
	}
	if err.Error() != "bigcommerce: Customers.Delete: pass at least one id (nothing was sent)" {
		t.Errorf("message %q", err)
	}
}

func FuzzErrorDecoding(f *testing.F) {
	for _, seed := range []string{
		`{"status":422,"title":"x","errors":{"a":"b"}}`,
		`[{"status":404,"message":"nope","details":{"k":1}}]`,
		`{"errors":[{"title":"t"}],"batch_errors":[{"errors":{"a":[1]}}]}`,
		`<html>502</html>`, ``, `[`, `{"errors":"plain"}`,
		strings.Repeat(`{"errors":[`, 300) + strings.Repeat(`]}`, 300),
		`[{"details":[{"errors":[{"errors":[{"errors":[{"errors":{"deep":"x"}}]}]}]}]}]`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		resp := &http.Response{StatusCode: 422, Header: http.Header{}}
		e := decodeError(resp, []byte(body), "GET", "/v3/x")
		if e.Title == "" {
			t.Error("empty title")
		}
		_ = e.Error()
		_ = decodeMultiStatus(resp, []byte(body), "PUT", "/v3/x").Error()
	})
}
