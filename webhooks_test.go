package bigcommerce

import (
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
)

// specHook is the webhook of the spec's webhook_Resp example.
func specHook() Webhook {
	return Webhook{
		ID:          18048287,
		ClientID:    "m9r6keqmo7h7f23btnpwernbez1kglkl",
		StoreHash:   "sftg45fsd",
		Scope:       WebhookScopeOrderCreated,
		Destination: "https://665b65a6.ngrok.io/webhooks",
		IsActive:    true,
		Headers:     map[string]string{"custom-key": "developer-defined value"},
		CreatedAt:   UnixTime{time.Unix(1561488106, 0).UTC()},
		UpdatedAt:   UnixTime{time.Unix(1561488106, 0).UTC()},
	}
}

func assertHook(t *testing.T, got *Webhook, want Webhook) {
	t.Helper()
	if got == nil {
		t.Fatal("nil webhook")
	}
	gb, _ := json.Marshal(got)
	wb, _ := json.Marshal(want)
	if string(gb) != string(wb) {
		t.Errorf("webhook\n got %s\nwant %s", gb, wb)
	}
	if !got.CreatedAt.Equal(want.CreatedAt.Time) || got.CreatedAt.Location() != time.UTC {
		t.Errorf("CreatedAt = %v, want %v", got.CreatedAt, want.CreatedAt)
	}
}

func TestWebhooksList(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/hooks", 200, fixture(t, "webhooks/list.json"))
	hooks, resp, err := c.Webhooks.List(ctx(t), &WebhookFilter{
		Page: 2, Limit: 50, IsActive: Ptr(false), Scope: WebhookScopeOrderAll, Destination: "https://example.com/hooks",
	})
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	r := rec.last(t)
	assertStandardHeaders(t, r)
	if r.Method != http.MethodGet || r.Path != "/v3/hooks" {
		t.Errorf("%s %s", r.Method, r.Path)
	}
	if want := "destination=https:%2F%2Fexample.com%2Fhooks&is_active=false&limit=50&page=2&scope=store%2Forder%2F%2A"; r.Raw != want {
		t.Errorf("query\n got %s\nwant %s", r.Raw, want)
	}
	if r.Query.Get("scope") != "store/order/*" || r.Query.Get("is_active") != "false" {
		t.Errorf("decoded query %v", r.Query)
	}
	if len(hooks) != 2 {
		t.Fatalf("%d hooks", len(hooks))
	}
	assertHook(t, &hooks[0], specHook())
	if hooks[1].Headers != nil || hooks[1].IsActive || hooks[1].Scope != WebhookScopeProductInventoryUpdated || hooks[1].UpdatedAt.Unix() != 1561488200 {
		t.Errorf("second hook %+v", hooks[1])
	}
	if resp.Pagination == nil || resp.Pagination.Total != 2 || resp.Pagination.TotalPages != 1 {
		t.Errorf("Pagination = %+v", resp.Pagination)
	}
}

func TestWebhooksListNilFilter(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/hooks", 200, []byte(`{"data":[],"meta":{}}`))
	hooks, _, err := c.Webhooks.List(ctx(t), nil)
	if err != nil || len(hooks) != 0 {
		t.Fatalf("hooks %v err %v", hooks, err)
	}
	if r := rec.last(t); r.Raw != "" {
		t.Errorf("query %q, want none", r.Raw)
	}
}

func TestWebhooksAll(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v3/hooks", func(r captured) (*http.Response, error) {
		page := r.Query.Get("page")
		body := `{"data":[{"id":1,"scope":"store/order/created"},{"id":2,"scope":"store/order/updated"}],"meta":{"pagination":{"total":3,"count":2,"per_page":2,"current_page":1,"total_pages":2}}}`
		if page == "2" {
			body = `{"data":[{"id":3,"scope":"store/sku/*"}],"meta":{"pagination":{"total":3,"count":1,"per_page":2,"current_page":2,"total_pages":2}}}`
		}
		return httpmock.NewStringResponse(200, body), nil
	})
	filter := &WebhookFilter{Limit: 2, IsActive: Ptr(true)}
	var ids []int
	for h, err := range c.Webhooks.All(ctx(t), filter) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, h.ID)
	}
	if len(ids) != 3 || ids[0] != 1 || ids[2] != 3 {
		t.Errorf("ids = %v", ids)
	}
	reqs := rec.all()
	if rec.count() != 2 || reqs[0].Raw != "is_active=true&limit=2&page=1" || reqs[1].Raw != "is_active=true&limit=2&page=2" {
		t.Errorf("requests %+v", reqs)
	}
	if filter.Page != 0 {
		t.Error("All modified the caller's filter")
	}
}

func TestWebhooksGet(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/hooks/18048287", 200, fixture(t, "webhooks/get.json"))
	hook, _, err := c.Webhooks.Get(ctx(t), 18048287)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	r := rec.last(t)
	assertStandardHeaders(t, r)
	if r.Method != http.MethodGet || r.Raw != "" || len(r.Body) != 0 {
		t.Errorf("%s query %q body %q", r.Method, r.Raw, r.Body)
	}
	assertHook(t, hook, specHook())
}

func TestWebhooksCreate(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPost, "/v3/hooks", 200, fixture(t, "webhooks/get.json"))
	hook, resp, err := c.Webhooks.Create(ctx(t), WebhookCreate{
		Scope:       WebhookScopeOrderCreated,
		Destination: "https://665b65a6.ngrok.io/webhooks",
		IsActive:    Ptr(true),
		Headers:     map[string]string{"custom-key": "developer-defined value"},
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if resp == nil || resp.StatusCode != 200 {
		t.Errorf("resp = %+v", resp)
	}
	r := rec.last(t)
	assertStandardHeaders(t, r)
	assertJSONBody(t, r.Body, `{"scope":"store/order/created","destination":"https://665b65a6.ngrok.io/webhooks","is_active":true,"headers":{"custom-key":"developer-defined value"}}`)
	assertHook(t, hook, specHook())

	// IsActive false is sent on purpose; nil is left out.
	_, _, _ = c.Webhooks.Create(ctx(t), WebhookCreate{Scope: "store/sku/*", Destination: "https://h.example.com:443/x", IsActive: Ptr(false)})
	assertJSONBody(t, rec.last(t).Body, `{"scope":"store/sku/*","destination":"https://h.example.com:443/x","is_active":false}`)
	_, _, _ = c.Webhooks.Create(ctx(t), WebhookCreate{Scope: "store/sku/*", Destination: "https://h.example.com/x"})
	assertJSONBody(t, rec.last(t).Body, `{"scope":"store/sku/*","destination":"https://h.example.com/x"}`)
}

func TestWebhooksUpdate(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPut, "/v3/hooks/18048287", 200, fixture(t, "webhooks/get.json"))
	hook, _, err := c.Webhooks.Update(ctx(t), 18048287, WebhookUpdate{IsActive: Ptr(false)})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	r := rec.last(t)
	assertStandardHeaders(t, r)
	assertJSONBody(t, r.Body, `{"is_active":false}`)
	assertHook(t, hook, specHook())

	scope := WebhookScopeOrderStatusUpdated
	_, _, err = c.Webhooks.Update(ctx(t), 18048287, WebhookUpdate{Scope: &scope, Destination: Ptr("https://x.example.com/h"), Headers: map[string]string{}})
	if err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, rec.last(t).Body, `{"scope":"store/order/statusUpdated","destination":"https://x.example.com/h","headers":{}}`)
}

func TestWebhooksDelete(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodDelete, "/v3/hooks/18048287", 200, fixture(t, "webhooks/get.json"))
	hook, _, err := c.Webhooks.Delete(ctx(t), 18048287)
	if err != nil {
		t.Fatalf("Delete: %v", err)
	}
	r := rec.last(t)
	assertStandardHeaders(t, r)
	if len(r.Body) != 0 {
		t.Errorf("body %q", r.Body)
	}
	assertHook(t, hook, specHook())
}

func TestWebhooksRefuseBadInput(t *testing.T) {
	c, mt := newTestClient(t)
	sent := 0
	mt.RegisterNoResponder(func(*http.Request) (*http.Response, error) {
		sent++
		return httpmock.NewStringResponse(200, `{"data":{"id":1}}`), nil
	})
	scopeEmpty := WebhookScope(" ")
	cases := map[string]func() (*Webhook, *Response, error){
		"get id 0":           func() (*Webhook, *Response, error) { return c.Webhooks.Get(ctx(t), 0) },
		"delete negative id": func() (*Webhook, *Response, error) { return c.Webhooks.Delete(ctx(t), -1) },
		"update id 0": func() (*Webhook, *Response, error) {
			return c.Webhooks.Update(ctx(t), 0, WebhookUpdate{IsActive: Ptr(true)})
		},
		"update nothing": func() (*Webhook, *Response, error) { return c.Webhooks.Update(ctx(t), 1, WebhookUpdate{}) },
		"update empty scope": func() (*Webhook, *Response, error) {
			return c.Webhooks.Update(ctx(t), 1, WebhookUpdate{Scope: &scopeEmpty})
		},
		"update http": func() (*Webhook, *Response, error) {
			return c.Webhooks.Update(ctx(t), 1, WebhookUpdate{Destination: Ptr("http://x.example.com")})
		},
		"create empty scope": func() (*Webhook, *Response, error) {
			return c.Webhooks.Create(ctx(t), WebhookCreate{Destination: "https://x.example.com"})
		},
		"create no dest": func() (*Webhook, *Response, error) {
			return c.Webhooks.Create(ctx(t), WebhookCreate{Scope: "store/order/*"})
		},
		"create http": func() (*Webhook, *Response, error) {
			return c.Webhooks.Create(ctx(t), WebhookCreate{Scope: "store/order/*", Destination: "http://x.example.com/h"})
		},
		"create port 8443": func() (*Webhook, *Response, error) {
			return c.Webhooks.Create(ctx(t), WebhookCreate{Scope: "store/order/*", Destination: "https://x.example.com:8443/h"})
		},
		"create relative": func() (*Webhook, *Response, error) {
			return c.Webhooks.Create(ctx(t), WebhookCreate{Scope: "store/order/*", Destination: "/webhooks"})
		},
		"create no host": func() (*Webhook, *Response, error) {
			return c.Webhooks.Create(ctx(t), WebhookCreate{Scope: "store/order/*", Destination: "https://:443/x"})
		},
		"create unparseable": func() (*Webhook, *Response, error) {
			return c.Webhooks.Create(ctx(t), WebhookCreate{Scope: "store/order/*", Destination: "https://x y.com/%zz"})
		},
		"create ftp": func() (*Webhook, *Response, error) {
			return c.Webhooks.Create(ctx(t), WebhookCreate{Scope: "store/order/*", Destination: "ftp://x.example.com"})
		},
	}
	for name, call := range cases {
		t.Run(name, func(t *testing.T) {
			hook, resp, err := call()
			if !errors.Is(err, ErrInvalidRequest) || hook != nil || resp == nil {
				t.Fatalf("hook %v resp %v err %v", hook, resp, err)
			}
		})
	}
	if sent != 0 {
		t.Errorf("%d requests sent", sent)
	}
	for _, ok := range []string{"https://x.example.com:/h", "https://x.example.com:443/h", "https://x.example.com/h?k=v"} {
		if err := checkDestination("op", ok); err != nil {
			t.Errorf("checkDestination(%q): %v", ok, err)
		}
	}
}

func TestWebhooksErrors(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v3/hooks/5", 404, []byte(`{"status":404,"title":"Webhook with id [5] not found","type":"/api-docs/getting-started/api-status-codes"}`))
	mockJSON(mt, http.MethodPost, "/v3/hooks", 422, []byte(`{"status":422,"title":"JSON data is missing or invalid","type":"/api-docs/getting-started/api-status-codes","errors":{"destination":"error.path.missing."}}`))
	mockJSON(mt, http.MethodGet, "/v3/hooks", 403, []byte(`{"status":403,"title":"You don't have a required scope to access the endpoint"}`))

	_, _, err := c.Webhooks.Get(ctx(t), 5)
	if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "Webhook with id [5] not found") {
		t.Errorf("Get: %v", err)
	}
	_, _, err = c.Webhooks.Create(ctx(t), WebhookCreate{Scope: "store/order/*", Destination: "https://x.example.com"})
	var e *Error
	if !errors.As(err, &e) || e.Fields["destination"] != "error.path.missing." {
		t.Errorf("Create: %v", err)
	}
	_, _, err = c.Webhooks.List(ctx(t), nil)
	if !errors.Is(err, ErrForbidden) || !strings.Contains(err.Error(), "Webhooks need no OAuth scope") {
		t.Errorf("List 403: %v", err)
	}
	mockJSON(mt, http.MethodGet, "/v3/hooks/6", 200, []byte(`{"data":null,"meta":{}}`))
	if _, _, err := c.Webhooks.Get(ctx(t), 6); err == nil {
		t.Error("Get accepted a response without data")
	}
}

func TestUnixTime(t *testing.T) {
	cases := []struct {
		in   string
		want int64 // 0 for the zero time
		err  bool
	}{
		{`1561488106`, 1561488106, false},
		{`"1561488106"`, 1561488106, false},
		{`1561488106.0`, 1561488106, false},
		{`null`, 0, false},
		{`0`, 0, false},
		{`""`, 0, false},
		{`"2019-06-25"`, 0, true},
		{`-5`, 0, true},
		{`1e300`, 0, true},
		{`true`, 0, true},
	}
	for _, tc := range cases {
		var u UnixTime
		err := json.Unmarshal([]byte(tc.in), &u)
		if (err != nil) != tc.err {
			t.Errorf("%s: err %v", tc.in, err)
			continue
		}
		if tc.err {
			continue
		}
		if tc.want == 0 && !u.IsZero() || tc.want != 0 && u.Unix() != tc.want {
			t.Errorf("%s: got %v", tc.in, u.Time)
		}
	}
	b, _ := json.Marshal(struct{ A, B UnixTime }{UnixTime{time.Unix(1561488106, 0)}, UnixTime{}})
	if string(b) != `{"A":1561488106,"B":0}` {
		t.Errorf("marshal: %s", b)
	}
}

func TestWebhookScopeMatches(t *testing.T) {
	cases := []struct {
		sub, event WebhookScope
		want       bool
	}{
		{WebhookScopeOrderAll, WebhookScopeOrderCreated, true},
		{WebhookScopeOrderAll, WebhookScopeOrderMessageCreated, true},
		{WebhookScopeOrderAll, WebhookScopeProductCreated, false},
		{WebhookScopeOrderCreated, WebhookScopeOrderCreated, true},
		{WebhookScopeOrderCreated, WebhookScopeOrderUpdated, false},
		{"store/order*", "store/orderx/created", false},
		{WebhookScopeInventoryLocationAll, WebhookScopeInventoryLocationCreated, true},
	}
	for _, tc := range cases {
		if got := tc.sub.Matches(tc.event); got != tc.want {
			t.Errorf("%s.Matches(%s) = %v", tc.sub, tc.event, got)
		}
	}
}
