package bigcommercetest_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

const testSecret = "client-secret"

// receiver is a webhook destination built on the SDK's WebhookHandler; it
// keeps the events it handled.
type receiver struct {
	handler http.Handler
	events  []*bigcommerce.WebhookEvent
}

func newReceiver(now time.Time) *receiver {
	r := &receiver{}
	opts := bigcommerce.WebhookOptions{ClientSecret: testSecret, Now: func() time.Time { return now }}
	r.handler = bigcommerce.WebhookHandler(opts, func(_ context.Context, ev *bigcommerce.WebhookEvent) error {
		r.events = append(r.events, ev)
		return nil
	})
	return r
}

// TestSignWebhookAccepted: the SDK's receiver accepts a signed delivery and
// parses back the event, with BigCommerce's body shape and defaults.
func TestSignWebhookAccepted(t *testing.T) {
	now := time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
	ev := bigcommerce.WebhookEvent{Scope: bigcommerce.WebhookScopeOrderCreated, Data: bigcommerce.WebhookData{Type: "order", ID: "250"}}
	d := bigcommercetest.SignWebhook(testSecret, ev, bigcommercetest.SignedAt(now))
	r := newReceiver(now)
	if rec := d.Deliver(r.handler); rec.Code != http.StatusOK || len(r.events) != 1 {
		t.Fatalf("Deliver: %d %q, %d events handled; want 200 and 1", rec.Code, rec.Body, len(r.events))
	}
	got := r.events[0]
	if id, ok := got.Data.IntID(); got.Scope != ev.Scope || got.Data.Type != "order" || !ok || id != 250 {
		t.Errorf("event %s %s %s, want store/order/created order 250", got.Scope, got.Data.Type, got.Data.ID)
	}
	if got.StoreID != "1000001" || got.StoreHash() != "fakestore" || !got.CreatedAt.Equal(now) {
		t.Errorf("defaults: store_id %q, store hash %q, created_at %s", got.StoreID, got.StoreHash(), got.CreatedAt)
	}
	if got.MessageID == "" || got.MessageID != d.Header.Get(bigcommerce.HeaderWebhookID) {
		t.Errorf("MessageID %q, webhook-id %q", got.MessageID, d.Header.Get(bigcommerce.HeaderWebhookID))
	}
	if !regexp.MustCompile(`^[0-9a-f]{40}$`).MatchString(got.DedupKey()) || got.DedupKey() != got.Hash {
		t.Errorf("DedupKey %q, want the payload's SHA-1 hash %q", got.DedupKey(), got.Hash)
	}
	wantBody := `{"scope":"store/order/created","store_id":"1000001","data":{"type":"order","id":250},"hash":"` + got.Hash +
		`","created_at":1773480413,"producer":"stores/fakestore"}`
	if string(d.Body) != wantBody {
		t.Errorf("body\n %s\nwant\n %s", d.Body, wantBody)
	}
	if d.Header.Get("webhook-timestamp") != "1773480413" || !strings.HasPrefix(d.Header.Get("webhook-signature"), "v1,") {
		t.Errorf("headers %v", d.Header)
	}

	// Every field set: the body carries them as they are.
	at := time.Unix(1561482670, 0)
	full := bigcommerce.WebhookEvent{
		Scope: bigcommerce.WebhookScopeOrderStatusUpdated, StoreID: "1025646", Producer: "stores/abc123",
		Hash: "352e4afc6dd3fc85ea26bfdf3f91852604d57528", CreatedAt: bigcommerce.UnixTime{Time: at}, MessageID: "msg_1",
		Data: bigcommerce.WebhookData{Raw: []byte(`{"type":"order","id":250,"status":{"previous_status_id":1,"new_status_id":11}}`)},
	}
	req, err := bigcommercetest.SignWebhook(testSecret, full, bigcommercetest.SignedAt(now)).Request("https://app.example.com/webhooks")
	if err != nil {
		t.Fatal(err)
	}
	p, err := bigcommerce.ParseWebhook(req, bigcommerce.WebhookOptions{ClientSecret: testSecret, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	var extra struct {
		Status struct {
			NewStatusID int `json:"new_status_id"`
		} `json:"status"`
	}
	if err := p.Data.Decode(&extra); err != nil || extra.Status.NewStatusID != 11 {
		t.Errorf("Data.Decode: %+v, %v", extra, err)
	}
	if p.StoreID != "1025646" || p.StoreHash() != "abc123" || p.Hash != full.Hash || !p.CreatedAt.Equal(at) || p.MessageID != "msg_1" {
		t.Errorf("parsed %+v", p)
	}

	// A cart's id is a UUID: a string in the body.
	cart := bigcommercetest.SignWebhook(testSecret, bigcommerce.WebhookEvent{Scope: "store/cart/created",
		Data: bigcommerce.WebhookData{Type: "cart", ID: "09346904-4175-44fd-be53-f7e598531b6c"}})
	if !bytes.Contains(cart.Body, []byte(`"data":{"type":"cart","id":"09346904-4175-44fd-be53-f7e598531b6c"}`)) {
		t.Errorf("cart body %s", cart.Body)
	}
}

// TestSignWebhookRejected: whatever is changed after signing, or signed
// otherwise, the SDK's receiver refuses, and handles nothing.
func TestSignWebhookRejected(t *testing.T) {
	now := time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
	ev := bigcommerce.WebhookEvent{Scope: bigcommerce.WebhookScopeOrderCreated, Data: bigcommerce.WebhookData{Type: "order", ID: "250"}}
	sign := func(secret string, at time.Time) *bigcommercetest.WebhookDelivery {
		return bigcommercetest.SignWebhook(secret, ev, bigcommercetest.SignedAt(at))
	}
	for _, tc := range []struct {
		name string
		d    func() *bigcommercetest.WebhookDelivery
		want int
	}{
		{"tampered body", func() *bigcommercetest.WebhookDelivery {
			d := sign(testSecret, now)
			d.Body = bytes.Replace(d.Body, []byte(`"id":250`), []byte(`"id":251`), 1)
			return d
		}, http.StatusUnauthorized},
		{"tampered signature", func() *bigcommercetest.WebhookDelivery {
			d := sign(testSecret, now)
			d.Header.Set(bigcommerce.HeaderWebhookSignature, sign("other", now).Header.Get(bigcommerce.HeaderWebhookSignature))
			return d
		}, http.StatusUnauthorized},
		{"another message's id", func() *bigcommercetest.WebhookDelivery {
			d := sign(testSecret, now)
			d.Header.Set(bigcommerce.HeaderWebhookID, "msg_other")
			return d
		}, http.StatusUnauthorized},
		{"wrong secret", func() *bigcommercetest.WebhookDelivery { return sign("another-apps-secret", now) }, http.StatusUnauthorized},
		{"signed an hour ago", func() *bigcommercetest.WebhookDelivery { return sign(testSecret, now.Add(-time.Hour)) }, http.StatusUnauthorized},
		{"signed a minute ago", func() *bigcommercetest.WebhookDelivery { return sign(testSecret, now.Add(-time.Minute)) }, http.StatusOK},
		{"malformed body, signed", func() *bigcommercetest.WebhookDelivery {
			return bigcommercetest.SignWebhook(testSecret, bigcommerce.WebhookEvent{Raw: []byte(`{"scope":`)}, bigcommercetest.SignedAt(now))
		}, http.StatusBadRequest},
		{"no scope", func() *bigcommercetest.WebhookDelivery {
			return bigcommercetest.SignWebhook(testSecret, bigcommerce.WebhookEvent{}, bigcommercetest.SignedAt(now))
		}, http.StatusBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newReceiver(now)
			rec := tc.d().Deliver(r.handler)
			if rec.Code != tc.want {
				t.Errorf("status %d, want %d", rec.Code, tc.want)
			}
			if handled := len(r.events) > 0; handled != (tc.want == http.StatusOK) {
				t.Errorf("handled %d events with status %d", len(r.events), rec.Code)
			}
		})
	}
}

// TestSignWebhookRedelivery: equal events give equal bodies, ids and dedup
// keys (BigCommerce's redeliveries); different events differ.
func TestSignWebhookRedelivery(t *testing.T) {
	now := time.Now()
	ev := bigcommerce.WebhookEvent{Scope: bigcommerce.WebhookScopeProductUpdated, Data: bigcommerce.WebhookData{Type: "product", ID: "7"},
		CreatedAt: bigcommerce.UnixTime{Time: now.Add(-time.Minute).Truncate(time.Second)}}
	a := bigcommercetest.SignWebhook(testSecret, ev)
	b := bigcommercetest.SignWebhook(testSecret, ev, bigcommercetest.SignedAt(now.Add(2*time.Second)))
	if !bytes.Equal(a.Body, b.Body) || a.Header.Get("webhook-id") != b.Header.Get("webhook-id") {
		t.Errorf("equal events: bodies %s and %s, ids %s and %s", a.Body, b.Body, a.Header.Get("webhook-id"), b.Header.Get("webhook-id"))
	}
	r := newReceiver(now)
	for _, d := range []*bigcommercetest.WebhookDelivery{a, a, b} {
		if rec := d.Deliver(r.handler); rec.Code != http.StatusOK {
			t.Fatalf("status %d", rec.Code)
		}
	}
	if r.events[0].DedupKey() != r.events[1].DedupKey() || r.events[1].DedupKey() != r.events[2].DedupKey() {
		t.Error("redeliveries have different dedup keys")
	}
	ev.Data.ID = "8"
	if c := bigcommercetest.SignWebhook(testSecret, ev); bytes.Equal(c.Body, a.Body) || c.Header.Get("webhook-id") == a.Header.Get("webhook-id") {
		t.Error("another product's event has the same body or id")
	}
}

// TestSignWebhookRequestToAServer: Request sends the delivery to a running
// receiver with an http.Client.
func TestSignWebhookRequestToAServer(t *testing.T) {
	r := newReceiver(time.Now())
	srv := httptest.NewServer(r.handler)
	defer srv.Close()
	d := bigcommercetest.SignWebhook(testSecret, bigcommerce.WebhookEvent{Scope: bigcommerce.WebhookScopeOrderCreated, Data: bigcommerce.WebhookData{Type: "order", ID: "1"}})
	for range 2 { // each Request has its own body
		req, err := d.Request(srv.URL + "/webhooks")
		if err != nil {
			t.Fatal(err)
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("status %d", resp.StatusCode)
		}
	}
	if len(r.events) != 2 {
		t.Errorf("%d events handled, want 2", len(r.events))
	}
	if _, err := d.Request("://bad"); err == nil {
		t.Error("Request with a bad URL: no error")
	}
}

// TestSignPayloadJWT: the SDK verifies a signed_payload_jwt and returns the
// payload signed; another app's, an expired or a tampered one is refused.
func TestSignPayloadJWT(t *testing.T) {
	now := time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
	app := bigcommerce.OAuthApp{ClientID: "client-id", ClientSecret: testSecret, Now: func() time.Time { return now }}
	p := bigcommerce.SignedPayload{
		User:      bigcommerce.SignedPayloadUser{ID: 9001, Email: "merchant@example.com", Locale: "en-US"},
		Owner:     bigcommerce.SignedPayloadUser{ID: 42, Email: "owner@example.com"},
		StoreHash: "abc123", ChannelID: bigcommerce.Ptr(1), URL: "/products",
		IssuedAt: now.Add(-time.Minute), ExpiresAt: now.Add(time.Hour), JTI: "a7f3c1e2",
	}
	got, err := app.VerifySignedPayloadJWT(bigcommercetest.SignPayloadJWT(app, p))
	if err != nil {
		t.Fatal(err)
	}
	want := p
	want.Context = "stores/abc123"
	if !samePayload(*got, want) {
		t.Errorf("verified\n %+v\nwant\n %+v", *got, want)
	}

	// Defaults.
	got, err = app.VerifySignedPayloadJWT(bigcommercetest.SignPayloadJWT(app, bigcommerce.SignedPayload{IssuedAt: now}))
	if err != nil {
		t.Fatal(err)
	}
	if got.StoreHash != "fakestore" || got.URL != "/" || got.ChannelID != nil || !got.ExpiresAt.Equal(now.Add(24*time.Hour)) ||
		!regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`).MatchString(got.JTI) {
		t.Errorf("defaults: %+v", got)
	}
	if other := bigcommercetest.SignPayloadJWT(app, bigcommerce.SignedPayload{IssuedAt: now}); other == bigcommercetest.SignPayloadJWT(app, bigcommerce.SignedPayload{IssuedAt: now}) {
		t.Error("two payloads share a jti")
	}

	good := bigcommercetest.SignPayloadJWT(app, p)
	for name, s := range map[string]string{
		"another app's secret": bigcommercetest.SignPayloadJWT(bigcommerce.OAuthApp{ClientID: "client-id", ClientSecret: "other"}, p),
		"another app's id":     bigcommercetest.SignPayloadJWT(bigcommerce.OAuthApp{ClientID: "other-id", ClientSecret: testSecret}, p),
		"expired":              bigcommercetest.SignPayloadJWT(app, bigcommerce.SignedPayload{IssuedAt: now.Add(-48 * time.Hour)}),
		"tampered":             good[:len(good)-2] + map[bool]string{true: "AA", false: "BB"}[!strings.HasSuffix(good, "AA")],
	} {
		if _, err := app.VerifySignedPayloadJWT(s); !errors.Is(err, bigcommerce.ErrInvalidSignature) {
			t.Errorf("%s: err = %v, want ErrInvalidSignature", name, err)
		}
	}

	// Through the app's load handler.
	h := app.LoadHandler(func(w http.ResponseWriter, _ *http.Request, p *bigcommerce.SignedPayload) {
		w.Write([]byte("Hello, " + p.User.Email))
	})
	for s, want := range map[string]int{good: http.StatusOK, bigcommercetest.SignPayloadJWT(bigcommerce.OAuthApp{ClientID: "client-id", ClientSecret: "other"}, p): http.StatusUnauthorized} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/load?signed_payload_jwt="+url.QueryEscape(s), nil))
		if rec.Code != want || (want == http.StatusOK && rec.Body.String() != "Hello, merchant@example.com") {
			t.Errorf("load: %d %q, want %d", rec.Code, rec.Body, want)
		}
	}
}

// samePayload compares payloads by value: times by instant, the channel
// by id.
func samePayload(a, b bigcommerce.SignedPayload) bool {
	if !a.IssuedAt.Equal(b.IssuedAt) || !a.ExpiresAt.Equal(b.ExpiresAt) || (a.ChannelID == nil) != (b.ChannelID == nil) ||
		(a.ChannelID != nil && *a.ChannelID != *b.ChannelID) {
		return false
	}
	a.IssuedAt, a.ExpiresAt, a.ChannelID = b.IssuedAt, b.ExpiresAt, b.ChannelID
	return reflect.DeepEqual(a, b)
}

// TestSignPayload: the legacy signed_payload verifies, and a tampered or
// foreign one does not.
func TestSignPayload(t *testing.T) {
	app := bigcommerce.OAuthApp{ClientID: "client-id", ClientSecret: testSecret}
	at := time.Date(2026, 3, 14, 9, 26, 53, 500_000_000, time.UTC)
	p := bigcommerce.SignedPayload{
		User:      bigcommerce.SignedPayloadUser{ID: 24654, Email: "merchant@mybigcommerce.com"},
		Owner:     bigcommerce.SignedPayloadUser{ID: 24655, Email: "owner@mybigcommerce.com"},
		StoreHash: "z4zn3wo", IssuedAt: at,
	}
	s := bigcommercetest.SignPayload(app, p)
	got, err := app.VerifySignedPayload(s)
	if err != nil {
		t.Fatal(err)
	}
	if got.User != p.User || got.Owner != p.Owner || got.StoreHash != "z4zn3wo" || got.Context != "stores/z4zn3wo" || !got.IssuedAt.Equal(at) {
		t.Errorf("verified %+v", got)
	}
	if got, err := app.VerifySignedPayload(bigcommercetest.SignPayload(app, bigcommerce.SignedPayload{Context: "stores/abc123"})); err != nil || got.StoreHash != "abc123" {
		t.Errorf("from Context: %+v, %v", got, err)
	}
	_, sig, _ := strings.Cut(s, ".")
	evil, _, _ := strings.Cut(bigcommercetest.SignPayload(app, bigcommerce.SignedPayload{StoreHash: "evil", IssuedAt: at}), ".")
	for name, bad := range map[string]string{
		"another app's secret": bigcommercetest.SignPayload(bigcommerce.OAuthApp{ClientSecret: "other"}, p),
		"tampered":             evil + "." + sig, // another store's JSON with this signature
	} {
		if _, err := app.VerifySignedPayload(bad); !errors.Is(err, bigcommerce.ErrInvalidSignature) {
			t.Errorf("%s: err = %v, want ErrInvalidSignature", name, err)
		}
	}
}
