package bigcommerce

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"
)

// webhookNow is the receiver's clock in the webhook tests.
var webhookNow = time.Unix(1700000000, 0)

const testMsgID = "msg_2Lz4YJ9kq0"

// signWebhook returns the Standard Webhooks v1 signature of body.
func signWebhook(secret, id string, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(id + "." + strconv.FormatInt(ts, 10) + "."))
	mac.Write(body)
	return "v1," + base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// signedRequest builds a delivery signed with the test secret now.
func signedRequest(body []byte, mutate func(h http.Header)) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/webhooks", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set(HeaderWebhookID, testMsgID)
	r.Header.Set(HeaderWebhookTimestamp, strconv.FormatInt(webhookNow.Unix(), 10))
	r.Header.Set(HeaderWebhookSignature, signWebhook(testClientSecret, testMsgID, webhookNow.Unix(), body))
	if mutate != nil {
		mutate(r.Header)
	}
	return r
}

func signedOpts() WebhookOptions {
	return WebhookOptions{ClientSecret: testClientSecret, Now: func() time.Time { return webhookNow }}
}

func TestParseWebhookSignatures(t *testing.T) {
	body := fixture(t, "webhooks/event_order_status_updated.json")
	ts := webhookNow.Unix()
	validSig := signWebhook(testClientSecret, testMsgID, ts, body)
	cases := []struct {
		name   string
		req    func() *http.Request
		opts   WebhookOptions
		accept bool
	}{
		{"valid", func() *http.Request { return signedRequest(body, nil) }, signedOpts(), true},
		{"tampered body", func() *http.Request {
			return signedRequest(bytes.Replace(body, []byte(`"id": 250`), []byte(`"id": 251`), 1), func(h http.Header) {
				h.Set(HeaderWebhookSignature, validSig)
			})
		}, signedOpts(), false},
		{"tampered id", func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Set(HeaderWebhookID, "msg_other") })
		}, signedOpts(), false},
		{"tampered timestamp", func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Set(HeaderWebhookTimestamp, strconv.FormatInt(ts-1, 10)) })
		}, signedOpts(), false},
		{"old timestamp", func() *http.Request {
			old := ts - 301
			return signedRequest(body, func(h http.Header) {
				h.Set(HeaderWebhookTimestamp, strconv.FormatInt(old, 10))
				h.Set(HeaderWebhookSignature, signWebhook(testClientSecret, testMsgID, old, body))
			})
		}, signedOpts(), false},
		{"timestamp 299 s old", func() *http.Request {
			old := ts - 299
			return signedRequest(body, func(h http.Header) {
				h.Set(HeaderWebhookTimestamp, strconv.FormatInt(old, 10))
				h.Set(HeaderWebhookSignature, signWebhook(testClientSecret, testMsgID, old, body))
			})
		}, signedOpts(), true},
		{"future timestamp", func() *http.Request {
			future := ts + 301
			return signedRequest(body, func(h http.Header) {
				h.Set(HeaderWebhookTimestamp, strconv.FormatInt(future, 10))
				h.Set(HeaderWebhookSignature, signWebhook(testClientSecret, testMsgID, future, body))
			})
		}, signedOpts(), false},
		{"custom tolerance", func() *http.Request {
			old := ts - 60
			return signedRequest(body, func(h http.Header) {
				h.Set(HeaderWebhookTimestamp, strconv.FormatInt(old, 10))
				h.Set(HeaderWebhookSignature, signWebhook(testClientSecret, testMsgID, old, body))
			})
		}, func() WebhookOptions { o := signedOpts(); o.Tolerance = 30 * time.Second; return o }(), false},
		{"timestamp in milliseconds", func() *http.Request {
			ms := webhookNow.UnixMilli()
			return signedRequest(body, func(h http.Header) {
				h.Set(HeaderWebhookTimestamp, strconv.FormatInt(ms, 10))
				h.Set(HeaderWebhookSignature, signWebhook(testClientSecret, testMsgID, ms, body))
			})
		}, signedOpts(), false},
		{"timestamp not a number", func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Set(HeaderWebhookTimestamp, "2023-11-14T22:13:20Z") })
		}, signedOpts(), false},
		{"multiple signatures, one valid", func() *http.Request {
			return signedRequest(body, func(h http.Header) {
				h.Set(HeaderWebhookSignature, "v1,"+base64.StdEncoding.EncodeToString(make([]byte, 32))+" v1a,abc "+validSig+" v2,zzz")
			})
		}, signedOpts(), true},
		{"multiple signatures, none valid", func() *http.Request {
			return signedRequest(body, func(h http.Header) {
				h.Set(HeaderWebhookSignature, "v1,"+base64.StdEncoding.EncodeToString(make([]byte, 32))+" "+signWebhook("wrong", testMsgID, ts, body))
			})
		}, signedOpts(), false},
		{"wrong secret", func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Set(HeaderWebhookSignature, signWebhook("wrong", testMsgID, ts, body)) })
		}, signedOpts(), false},
		{"signature without version", func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Set(HeaderWebhookSignature, strings.TrimPrefix(validSig, "v1,")) })
		}, signedOpts(), false},
		{"valid MAC under another version", func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Set(HeaderWebhookSignature, "v2"+strings.TrimPrefix(validSig, "v1")) })
		}, signedOpts(), false},
		{"signature not base64", func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Set(HeaderWebhookSignature, "v1,!!!notbase64") })
		}, signedOpts(), false},
		{"truncated signature", func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Set(HeaderWebhookSignature, validSig[:len(validSig)-8]) })
		}, signedOpts(), false},
		{"empty signature header", func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Set(HeaderWebhookSignature, "") })
		}, signedOpts(), false},
		{"missing id", func() *http.Request { return signedRequest(body, func(h http.Header) { h.Del(HeaderWebhookID) }) }, signedOpts(), false},
		{"missing timestamp", func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Del(HeaderWebhookTimestamp) })
		}, signedOpts(), false},
		{"no headers at all", func() *http.Request {
			return signedRequest(body, func(h http.Header) {
				h.Del(HeaderWebhookID)
				h.Del(HeaderWebhookTimestamp)
				h.Del(HeaderWebhookSignature)
			})
		}, signedOpts(), false},
		{"shared header right", func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Set("X-App-Secret", "hunter2-shared") })
		}, WebhookOptions{SharedHeader: "X-App-Secret", SharedValue: "hunter2-shared"}, true},
		{"shared header wrong", func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Set("X-App-Secret", "hunter3-shared") })
		}, WebhookOptions{SharedHeader: "X-App-Secret", SharedValue: "hunter2-shared"}, false},
		{"shared header prefix only", func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Set("X-App-Secret", "hunter2") })
		}, WebhookOptions{SharedHeader: "X-App-Secret", SharedValue: "hunter2-shared"}, false},
		{"shared header missing", func() *http.Request { return signedRequest(body, nil) }, WebhookOptions{SharedHeader: "X-App-Secret", SharedValue: "hunter2-shared"}, false},
		{"shared header only, signature ignored", func() *http.Request {
			return signedRequest(body, nil) // valid signature, but no secret configured
		}, WebhookOptions{SharedHeader: "X-App-Secret", SharedValue: "hunter2-shared"}, false},
		{"both configured, header passes, signature bad", func() *http.Request {
			return signedRequest(body, func(h http.Header) {
				h.Set("X-App-Secret", "hunter2-shared")
				h.Set(HeaderWebhookSignature, "v1,AAAA")
			})
		}, func() WebhookOptions {
			o := signedOpts()
			o.SharedHeader, o.SharedValue = "X-App-Secret", "hunter2-shared"
			return o
		}(), true},
		{"both configured, both bad", func() *http.Request {
			return signedRequest(body, func(h http.Header) {
				h.Set("X-App-Secret", "nope")
				h.Set(HeaderWebhookSignature, "v1,AAAA")
			})
		}, func() WebhookOptions {
			o := signedOpts()
			o.SharedHeader, o.SharedValue = "X-App-Secret", "hunter2-shared"
			return o
		}(), false},
		{"insecure accepts unsigned", func() *http.Request {
			return signedRequest(body, func(h http.Header) { h.Del(HeaderWebhookSignature) })
		}, WebhookOptions{Insecure: true}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ev, err := ParseWebhook(tc.req(), tc.opts)
			if !tc.accept {
				if err == nil {
					t.Fatalf("accepted: %+v", ev)
				}
				if !errors.Is(err, ErrInvalidSignature) {
					t.Errorf("error %v does not match ErrInvalidSignature", err)
				}
				for _, secret := range []string{testClientSecret, "hunter2-shared"} {
					if strings.Contains(err.Error(), secret) {
						t.Errorf("error reveals a secret: %v", err)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("rejected: %v", err)
			}
			if ev.Scope != WebhookScopeOrderStatusUpdated || ev.Data.ID != "250" {
				t.Errorf("event %+v", ev)
			}
		})
	}
}

func TestParseWebhookLimitsAndConfig(t *testing.T) {
	body := fixture(t, "webhooks/event_order_created.json")
	t.Run("oversize body", func(t *testing.T) {
		big := append([]byte(`{"scope":"store/order/created","data":{"type":"order","id":1},"pad":"`), bytes.Repeat([]byte("x"), DefaultWebhookMaxBody)...)
		big = append(big, `"}`...)
		_, err := ParseWebhook(signedRequest(big, nil), signedOpts())
		if !errors.Is(err, ErrPayloadTooLarge) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("custom limit", func(t *testing.T) {
		o := signedOpts()
		o.MaxBodyBytes = int64(len(body))
		if _, err := ParseWebhook(signedRequest(body, nil), o); err != nil {
			t.Fatalf("body of exactly the limit refused: %v", err)
		}
		o.MaxBodyBytes = int64(len(body) - 1)
		if _, err := ParseWebhook(signedRequest(body, nil), o); !errors.Is(err, ErrPayloadTooLarge) {
			t.Fatalf("err = %v", err)
		}
	})
	t.Run("nothing configured", func(t *testing.T) {
		for _, o := range []WebhookOptions{{}, {SharedHeader: "X-A"}, {SharedValue: "v"}} {
			_, err := ParseWebhook(signedRequest(body, nil), o)
			if err == nil || errors.Is(err, ErrInvalidSignature) {
				t.Errorf("%+v: err = %v, want a configuration error", o, err)
			}
		}
	})
	t.Run("body can be read again", func(t *testing.T) {
		r := signedRequest(body, nil)
		ev, err := ParseWebhook(r, signedOpts())
		if err != nil {
			t.Fatal(err)
		}
		again, _ := io.ReadAll(r.Body)
		if !bytes.Equal(again, body) || !bytes.Equal(ev.Raw, body) {
			t.Error("body not kept")
		}
		if ev.MessageID != testMsgID {
			t.Errorf("MessageID = %q", ev.MessageID)
		}
	})
	t.Run("signed but not a webhook", func(t *testing.T) {
		for _, b := range []string{`[]`, `{"scope":"store/order/created"}`, `{"data":{}}`, `nope`, ``} {
			_, err := ParseWebhook(signedRequest([]byte(b), nil), signedOpts())
			if err == nil || errors.Is(err, ErrInvalidSignature) {
				t.Errorf("%q: err = %v, want a decode error", b, err)
			}
		}
	})
	t.Run("real clock by default", func(t *testing.T) {
		o := signedOpts()
		o.Now = nil
		if _, err := ParseWebhook(signedRequest(body, nil), o); !errors.Is(err, ErrInvalidSignature) {
			t.Fatalf("a 2023 timestamp should be stale today: %v", err)
		}
	})
	t.Run("nil request", func(t *testing.T) {
		if _, err := ParseWebhook(nil, signedOpts()); err == nil {
			t.Fatal("no error")
		}
	})
}

func TestDecodeWebhookFixtures(t *testing.T) {
	cases := []struct {
		file     string
		scope    WebhookScope
		typ, id  string
		intID    int
		intOK    bool
		checkRaw func(t *testing.T, d WebhookData)
	}{
		{"event_order_created.json", WebhookScopeOrderCreated, "order", "250", 250, true, nil},
		{"event_order_status_updated.json", WebhookScopeOrderStatusUpdated, "order", "250", 250, true, func(t *testing.T, d WebhookData) {
			var x struct {
				Status struct {
					PreviousStatusID int `json:"previous_status_id"`
					NewStatusID      int `json:"new_status_id"`
				} `json:"status"`
			}
			if err := d.Decode(&x); err != nil || x.Status.PreviousStatusID != 1 || x.Status.NewStatusID != 11 {
				t.Errorf("status %+v err %v", x, err)
			}
		}},
		{"event_cart_created.json", "store/cart/created", "cart", "09346904-4175-44fd-be53-f7e598531b6c", 0, false, nil},
		{"event_category_deleted.json", "store/category/deleted", "category", "42", 42, true, nil}, // spec example sends "42" as a string
		{"event_product_inventory_updated.json", WebhookScopeProductInventoryUpdated, "product", "167", 167, true, func(t *testing.T, d WebhookData) {
			var x struct {
				Inventory struct {
					ProductID int    `json:"product_id"`
					Method    string `json:"method"`
					Value     int    `json:"value"`
				} `json:"inventory"`
			}
			if err := d.Decode(&x); err != nil || x.Inventory.Method != "absolute" || x.Inventory.Value != 2 || x.Inventory.ProductID != 167 {
				t.Errorf("inventory %+v err %v", x, err)
			}
		}},
		{"event_sku_inventory_updated.json", WebhookScopeSKUInventoryUpdated, "sku", "461", 461, true, nil},
		{"event_customer_address_created.json", WebhookScopeCustomerAddressCreated, "customer", "60", 60, true, nil},
		{"event_shipment_created.json", WebhookScopeShipmentCreated, "shipment", "12", 12, true, nil},
		{"event_app_uninstalled.json", WebhookScopeAppUninstalled, "store", "", 0, false, nil},
		{"event_inventory_location_created.json", WebhookScopeInventoryLocationCreated, "", "", 0, false, func(t *testing.T, d WebhookData) {
			var x struct {
				LocationID int `json:"location_id"`
			}
			if err := d.Decode(&x); err != nil || x.LocationID != 2 {
				t.Errorf("location %+v err %v", x, err)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			ev, err := DecodeWebhook(fixture(t, "webhooks/"+tc.file))
			if err != nil {
				t.Fatal(err)
			}
			if ev.Scope != tc.scope || ev.Data.Type != tc.typ || ev.Data.ID != tc.id {
				t.Errorf("scope %q type %q id %q", ev.Scope, ev.Data.Type, ev.Data.ID)
			}
			if n, ok := ev.Data.IntID(); n != tc.intID || ok != tc.intOK {
				t.Errorf("IntID = %d, %v", n, ok)
			}
			if ev.StoreID != "1025646" || ev.CreatedAt.Unix() != 1561482670 || ev.Producer != "stores/{store_hash}" {
				t.Errorf("store %q created %v producer %q", ev.StoreID, ev.CreatedAt, ev.Producer)
			}
			if ev.DedupKey() != "352e4afc6dd3fc85ea26bfdf3f91852604d57528" {
				t.Errorf("DedupKey = %q", ev.DedupKey())
			}
			if tc.checkRaw != nil {
				tc.checkRaw(t, ev.Data)
			}
		})
	}
}

func TestWebhookEventAwkwardShapes(t *testing.T) {
	ev, err := DecodeWebhook([]byte(`{"scope":"store/order/created","store_id":1025646,"producer":"stores/abc123","created_at":"1561482670","data":{"type":"order","id":"173331"}}`))
	if err != nil {
		t.Fatal(err)
	}
	if ev.StoreID != "1025646" || ev.StoreHash() != "abc123" || ev.CreatedAt.Unix() != 1561482670 {
		t.Errorf("%+v", ev)
	}
	if n, ok := ev.Data.IntID(); !ok || n != 173331 {
		t.Errorf("IntID = %d %v", n, ok)
	}
	// No hash: the dedup key falls back to the message id, then the body.
	if k := ev.DedupKey(); len(k) != 40 {
		t.Errorf("DedupKey without hash = %q", k)
	}
	ev.MessageID = "msg_1"
	if ev.DedupKey() != "msg_1" {
		t.Errorf("DedupKey = %q", ev.DedupKey())
	}
	if (&WebhookEvent{Producer: "abc"}).StoreHash() != "" {
		t.Error("StoreHash of a bad producer")
	}
	if err := (WebhookData{}).Decode(&struct{}{}); err == nil {
		t.Error("Decode of empty data")
	}
	for _, bad := range []string{`{"scope":"s","data":{"id":{}}}`, `{"scope":"s","data":[]}`, `{"scope":"s","created_at":"x","data":{}}`, `{"scope":"s","store_id":{},"data":{}}`} {
		if _, err := DecodeWebhook([]byte(bad)); err == nil {
			t.Errorf("%s decoded", bad)
		}
	}
}

func TestWebhookOptionsPrintingHidesSecrets(t *testing.T) {
	o := WebhookOptions{ClientSecret: testClientSecret, SharedHeader: "X-App-Secret", SharedValue: "hunter2-shared"}
	out := fmt.Sprintf("%v %+v %#v %s", o, o, o, o.LogValue())
	if strings.Contains(out, testClientSecret) || strings.Contains(out, "hunter2-shared") || !strings.Contains(out, "X-App-Secret") {
		t.Errorf("printed: %s", out)
	}
}

func TestWebhookHandler(t *testing.T) {
	body := fixture(t, "webhooks/event_order_created.json")
	var got []*WebhookEvent
	failNext := false
	h := WebhookHandler(signedOpts(), func(_ context.Context, ev *WebhookEvent) error {
		if failNext {
			return errors.New("db down")
		}
		got = append(got, ev)
		return nil
	})
	serve := func(r *http.Request) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	if w := serve(signedRequest(body, nil)); w.Code != 200 || len(got) != 1 || got[0].Data.ID != "250" {
		t.Fatalf("valid: status %d events %d", w.Code, len(got))
	}
	bad := signedRequest(body, func(h http.Header) { h.Set(HeaderWebhookSignature, "v1,AAAA") })
	if w := serve(bad); w.Code != 401 || w.Body.String() != "invalid signature\n" {
		t.Errorf("forged: status %d body %q", w.Code, w.Body.String())
	}
	big := signedRequest(bytes.Repeat([]byte(" "), DefaultWebhookMaxBody+1), nil)
	if w := serve(big); w.Code != 413 {
		t.Errorf("oversize: status %d", w.Code)
	}
	if w := serve(signedRequest([]byte(`{"hello":1}`), nil)); w.Code != 400 {
		t.Errorf("not a webhook: status %d", w.Code)
	}
	get := httptest.NewRequest(http.MethodGet, "/webhooks", nil)
	if w := serve(get); w.Code != 405 || w.Header().Get("Allow") != "POST" {
		t.Errorf("GET: status %d", w.Code)
	}
	failNext = true
	if w := serve(signedRequest(body, nil)); w.Code != 500 {
		t.Errorf("fn failure: status %d", w.Code)
	}
	if len(got) != 1 {
		t.Errorf("fn called on refused deliveries: %d", len(got))
	}
	misconfigured := WebhookHandler(WebhookOptions{}, func(context.Context, *WebhookEvent) error { return nil })
	w := httptest.NewRecorder()
	misconfigured.ServeHTTP(w, signedRequest(body, nil))
	if w.Code != 500 {
		t.Errorf("misconfigured: status %d", w.Code)
	}
}

// FuzzParseWebhook feeds arbitrary bodies and signature headers to
// ParseWebhook: no panic, and nothing accepted without a valid signature.
func FuzzParseWebhook(f *testing.F) {
	ts := strconv.FormatInt(webhookNow.Unix(), 10)
	body := []byte(`{"scope":"store/order/created","store_id":"1","data":{"type":"order","id":1},"hash":"h","created_at":1,"producer":"stores/abc"}`)
	f.Add(body, testMsgID, ts, signWebhook(testClientSecret, testMsgID, webhookNow.Unix(), body))
	f.Add(body, testMsgID, ts, "v1,AAAA v1,"+strings.Repeat("A", 44))
	f.Add([]byte(`{}`), "", "", "")
	f.Add([]byte(`{"scope":"x","data":{"id":"9"}}`), "id", "-1", "v1")
	f.Fuzz(func(t *testing.T, body []byte, id, ts, sig string) {
		r := httptest.NewRequest(http.MethodPost, "/webhooks", bytes.NewReader(body))
		r.Header = http.Header{"Webhook-Id": {id}, "Webhook-Timestamp": {ts}, "Webhook-Signature": {sig}}
		ev, err := ParseWebhook(r, signedOpts())
		if err != nil {
			return
		}
		sec, perr := strconv.ParseInt(ts, 10, 64)
		if perr != nil || sec < webhookNow.Unix()-300 || sec > webhookNow.Unix()+300 {
			t.Fatalf("accepted timestamp %q", ts)
		}
		want, _ := base64.StdEncoding.DecodeString(strings.TrimPrefix(signWebhook(testClientSecret, id, sec, body), "v1,"))
		matched := false
		for _, f := range strings.Fields(sig) {
			if v, ok := strings.CutPrefix(f, "v1,"); ok {
				got, err := base64.StdEncoding.DecodeString(v)
				matched = matched || (err == nil && hmac.Equal(got, want))
			}
		}
		if !matched {
			t.Fatalf("accepted signature %q without the right MAC", sig)
		}
		if ev.Scope == "" {
			t.Fatal("accepted an event without scope")
		}
	})
}

// FuzzDecodeWebhook feeds arbitrary bodies to the payload decoder: no
// panic, and an accepted event has a scope and keeps the body.
func FuzzDecodeWebhook(f *testing.F) {
	f.Add([]byte(`{"scope":"store/order/statusUpdated","store_id":"1025646","data":{"type":"order","id":250,"status":{"previous_status_id":1,"new_status_id":11}},"hash":"352e","created_at":1561482670,"producer":"stores/abc"}`))
	f.Add([]byte(`{"scope":"store/cart/created","store_id":1,"data":{"type":"cart","id":"09346904-4175"},"created_at":"1561482670"}`))
	f.Add([]byte(`{"scope":"s","data":{"location_id":2},"created_at":null}`))
	f.Add([]byte(`{"scope":"s","data":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := DecodeWebhook(body)
		if err != nil {
			return
		}
		if ev.Scope == "" || !bytes.Equal(ev.Raw, body) || len(ev.Data.Raw) == 0 {
			t.Fatalf("bad event %+v", ev)
		}
		_ = ev.DedupKey()
		_, _ = ev.Data.IntID()
		_ = ev.StoreHash()
	})
}
