package bigcommercetest

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/bigcommerce-go/bigcommerce"
)

// This file signs what BigCommerce signs, for tests of the code that
// receives it: webhook deliveries (verified by bigcommerce.ParseWebhook and
// bigcommerce.WebhookHandler) and the signed payloads of an app's load,
// uninstall and remove_user callbacks (verified by
// bigcommerce.OAuthApp.VerifySignedPayloadJWT and VerifySignedPayload).

// The defaults of a signed event or payload: the store a default Config
// describes (its hash, and the store_id its /v2/store answers).
const (
	defaultStoreHash = "fakestore"
	defaultStoreID   = "1000001"
)

// WebhookDelivery is a webhook delivery as BigCommerce POSTs it to a
// destination: a JSON body and the headers that sign it. Make one with
// [SignWebhook]; deliver it again for a redelivery of the same message.
type WebhookDelivery struct {
	// Body is the JSON body, signed as it is: change a byte and the
	// signature no longer matches.
	Body []byte
	// Header holds Content-Type and the Standard Webhooks headers
	// webhook-id, webhook-timestamp and webhook-signature. Add the headers
	// a hook was created with (bigcommerce.WebhookCreate.Headers) here.
	Header http.Header
}

// DeliveryOption changes how [SignWebhook] signs a delivery.
type DeliveryOption func(*deliverySettings)

// deliverySettings is what the options ask for.
type deliverySettings struct {
	at time.Time
}

// SignedAt sets the time a delivery is signed at, its webhook-timestamp
// (default: now). A receiver refuses a delivery signed further from its own
// clock than its tolerance (bigcommerce.DefaultWebhookTolerance).
func SignedAt(t time.Time) DeliveryOption {
	return func(s *deliverySettings) { s.at = t }
}

// SignWebhook returns the delivery of ev that BigCommerce would POST to a
// webhook destination, signed with secret (the app's or API account's
// client secret) per Standard Webhooks as BigCommerce signs it:
// webhook-signature is "v1," and the base64 HMAC-SHA256, keyed by the
// secret, of webhook-id "." webhook-timestamp "." body. A receiver using
// bigcommerce.WebhookOptions{ClientSecret: secret} accepts it, and parses
// back ev.
//
// The body is ev as BigCommerce sends it: scope, store_id, data (type, and
// id as a number when it is one, or ev.Data.Raw as it is, for
// event-specific fields), hash, created_at and producer. Fields left empty
// take the values of a default store (store_id "1000001", producer
// "stores/fakestore"), created_at the time of signing, and hash the SHA-1
// of the rest of the body, the same for equal events. ev.MessageID is the
// webhook-id, by default derived from the body (so equal events have equal
// ids, as retries of one message do). ev.Raw, when set, is the body as it
// is, for testing what a receiver does with a malformed one.
func SignWebhook(secret string, ev bigcommerce.WebhookEvent, opts ...DeliveryOption) *WebhookDelivery {
	var s deliverySettings
	for _, o := range opts {
		if o != nil {
			o(&s)
		}
	}
	if s.at.IsZero() {
		s.at = time.Now()
	}
	body := []byte(ev.Raw)
	if body == nil {
		body = webhookBody(ev, s.at)
	}
	id := ev.MessageID
	if id == "" {
		sum := sha256.Sum256(body)
		id = "msg_" + hex.EncodeToString(sum[:12])
	}
	ts := strconv.FormatInt(s.at.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(id + "." + ts + "."))
	mac.Write(body)
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	h.Set(bigcommerce.HeaderWebhookID, id)
	h.Set(bigcommerce.HeaderWebhookTimestamp, ts)
	h.Set(bigcommerce.HeaderWebhookSignature, "v1,"+base64.StdEncoding.EncodeToString(mac.Sum(nil)))
	return &WebhookDelivery{Body: body, Header: h}
}

// webhookBody returns the JSON of ev with the defaults filled in.
func webhookBody(ev bigcommerce.WebhookEvent, at time.Time) []byte {
	str := func(s string) []byte { b, _ := json.Marshal(s); return b } // a string always marshals
	data := []byte(ev.Data.Raw)
	if data == nil {
		data = []byte(`{"type":` + string(str(ev.Data.Type)))
		if ev.Data.ID != "" {
			id := str(ev.Data.ID)
			if _, ok := ev.Data.IntID(); ok {
				id = []byte(ev.Data.ID)
			}
			data = append(append(data, `,"id":`...), id...)
		}
		data = append(data, '}')
	}
	storeID, producer := ev.StoreID, ev.Producer
	if storeID == "" {
		storeID = defaultStoreID
	}
	if producer == "" {
		producer = "stores/" + defaultStoreHash
	}
	created := ev.CreatedAt.Unix()
	if ev.CreatedAt.IsZero() {
		created = at.Unix()
	}
	fields := [][2]string{
		{"scope", string(str(string(ev.Scope)))},
		{"store_id", string(str(storeID))},
		{"data", string(data)},
		{"created_at", strconv.FormatInt(created, 10)},
		{"producer", string(str(producer))},
	}
	hash := ev.Hash
	if hash == "" {
		// BigCommerce's hash is a SHA-1 of the payload: here, of the body
		// without it, so that equal events hash equal.
		sum := sha1.Sum(jsonObject(fields))
		hash = hex.EncodeToString(sum[:])
	}
	fields = append(fields[:3:3], append([][2]string{{"hash", string(str(hash))}}, fields[3:]...)...)
	return jsonObject(fields)
}

// jsonObject writes a JSON object of names and JSON values, in order.
func jsonObject(fields [][2]string) []byte {
	b := []byte{'{'}
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(b, f[0])
		b = append(b, ':')
		b = append(b, f[1]...)
	}
	return append(b, '}')
}

// Request returns the delivery as a new POST request to url, with its body
// and headers, for an http.Client to send to a running receiver; each call
// returns a new request. An invalid url is the only error.
func (d *WebhookDelivery) Request(url string) (*http.Request, error) {
	r, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(d.Body))
	if err != nil {
		return nil, err
	}
	r.Header = d.Header.Clone()
	return r, nil
}

// Deliver POSTs the delivery to h, at /webhooks, and returns h's answer.
// A receiver built on bigcommerce.WebhookHandler answers 200 when it
// accepted and handled the delivery, and 401 when the signature does not
// match.
func (d *WebhookDelivery) Deliver(h http.Handler) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodPost, "/webhooks", bytes.NewReader(d.Body))
	r.Header = d.Header.Clone()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, r)
	return rec
}

// SignPayloadJWT returns the signed_payload_jwt query parameter of an app's
// load, uninstall and remove_user callbacks for p, as BigCommerce makes it
// for app: an HS256 JWT signed with app.ClientSecret, with aud
// app.ClientID, iss "bc", sub "stores/{store_hash}", iat, nbf, exp, jti,
// user, owner, url and channel_id. app.VerifySignedPayloadJWT accepts it
// (while it has not expired) and returns p.
//
// Fields left empty take defaults: StoreHash "fakestore" (or the hash in
// Context), IssuedAt now, ExpiresAt a day after IssuedAt (as BigCommerce
// does), URL "/", and JTI a new random id.
func SignPayloadJWT(app bigcommerce.OAuthApp, p bigcommerce.SignedPayload) string {
	iat := p.IssuedAt
	if iat.IsZero() {
		iat = time.Now()
	}
	exp := p.ExpiresAt
	if exp.IsZero() {
		exp = iat.Add(24 * time.Hour)
	}
	jti := p.JTI
	if jti == "" {
		jti = newUUID()
	}
	url := p.URL
	if url == "" {
		url = "/"
	}
	var channel any // null, as BigCommerce sends when no channel applies
	if p.ChannelID != nil {
		channel = *p.ChannelID
	}
	claims := jwt.MapClaims{
		"aud": app.ClientID, "iss": "bc", "sub": payloadContext(p),
		"iat": iat.Unix(), "nbf": iat.Unix(), "exp": exp.Unix(), "jti": jti,
		"user":  map[string]any{"id": p.User.ID, "email": p.User.Email, "locale": p.User.Locale},
		"owner": map[string]any{"id": p.Owner.ID, "email": p.Owner.Email},
		"url":   url, "channel_id": channel,
	}
	// HS256 with a []byte key cannot fail, and the claims always marshal.
	s, _ := jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString([]byte(app.ClientSecret))
	return s
}

// SignPayload returns the legacy signed_payload query parameter of an app's
// callbacks for p, signed with app.ClientSecret as BigCommerce signed it:
// base64(json) "." base64(hex(HMAC-SHA256(client secret, json))), the JSON
// holding user, owner, context, store_hash and timestamp.
// app.VerifySignedPayload accepts it and returns p. Empty fields take the
// defaults of SignPayloadJWT.
func SignPayload(app bigcommerce.OAuthApp, p bigcommerce.SignedPayload) string {
	ctx := payloadContext(p)
	at := p.IssuedAt
	if at.IsZero() {
		at = time.Now()
	}
	type user struct {
		ID     int    `json:"id"`
		Email  string `json:"email"`
		Locale string `json:"locale,omitempty"`
	}
	payload, _ := json.Marshal(struct { // plain fields: it cannot fail
		User      user    `json:"user"`
		Owner     user    `json:"owner"`
		Context   string  `json:"context"`
		StoreHash string  `json:"store_hash"`
		Timestamp float64 `json:"timestamp"`
	}{
		User:      user(p.User),
		Owner:     user{ID: p.Owner.ID, Email: p.Owner.Email},
		Context:   ctx,
		StoreHash: ctx[len("stores/"):],
		Timestamp: float64(at.UnixMilli()) / 1000,
	})
	mac := hmac.New(sha256.New, []byte(app.ClientSecret))
	mac.Write(payload)
	sig := hex.EncodeToString(mac.Sum(nil))
	return base64.StdEncoding.EncodeToString(payload) + "." + base64.StdEncoding.EncodeToString([]byte(sig))
}

// payloadContext returns "stores/{store_hash}" for p: its StoreHash, else
// its Context, else the default store's.
func payloadContext(p bigcommerce.SignedPayload) string {
	switch {
	case p.StoreHash != "":
		return "stores/" + p.StoreHash
	case len(p.Context) > len("stores/") && p.Context[:len("stores/")] == "stores/":
		return p.Context
	}
	return "stores/" + defaultStoreHash
}

// newUUID returns a random version 4 UUID.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:]) // crypto/rand.Read never returns an error
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
