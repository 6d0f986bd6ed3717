package bigcommerce

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// DefaultWebhookMaxBody is the largest webhook body ParseWebhook reads
// unless WebhookOptions.MaxBodyBytes says otherwise. Deliveries are a few
// hundred bytes.
const DefaultWebhookMaxBody = 1 << 20

// DefaultWebhookTolerance is how far a signed delivery's webhook-timestamp
// may be from the receiver's clock, either way (the Standard Webhooks
// default), unless WebhookOptions.Tolerance says otherwise.
const DefaultWebhookTolerance = 5 * time.Minute

// The Standard Webhooks headers BigCommerce signs deliveries with.
const (
	HeaderWebhookID        = "webhook-id"
	HeaderWebhookTimestamp = "webhook-timestamp"
	HeaderWebhookSignature = "webhook-signature"
)

// ErrPayloadTooLarge is returned by ParseWebhook for a body over the limit.
var ErrPayloadTooLarge = errors.New("bigcommerce: webhook body too large")

// errNoVerifier is a WebhookOptions that can verify nothing.
var errNoVerifier = errors.New("bigcommerce: WebhookOptions: set ClientSecret (signed deliveries) and/or SharedHeader and SharedValue (a header set at creation); Insecure skips verification for local tests only")

// WebhookOptions says how ParseWebhook authenticates a delivery. At least
// one method must be configured; when both are, either one passing is
// enough.
type WebhookOptions struct {
	// ClientSecret is the app's (or API account's) client secret. With it,
	// deliveries signed per Standard Webhooks (webhook-id, webhook-timestamp,
	// webhook-signature: v1,<base64 HMAC-SHA256>) are accepted. The raw
	// secret is the HMAC key.
	ClientSecret string
	// SharedHeader and SharedValue name a header the app put in the hook's
	// Headers at creation; a delivery carrying exactly that value is
	// accepted. Both must be set to use this method.
	SharedHeader string
	SharedValue  string
	// Insecure accepts deliveries without any check. Only for local tests:
	// anyone can then forge events.
	Insecure bool
	// MaxBodyBytes caps the body read (default DefaultWebhookMaxBody).
	MaxBodyBytes int64
	// Tolerance is the accepted clock difference of a signed delivery's
	// timestamp (default DefaultWebhookTolerance).
	Tolerance time.Duration
	// Now replaces time.Now (tests); nil uses time.Now.
	Now func() time.Time
	// OnError, when set, is called by WebhookHandler with the request, the
	// status it answers with and the error behind it (a failed signature
	// check and why, an oversize or malformed body, fn's error), before
	// answering: the answer itself names no cause. The error never contains
	// the secrets. Log it, count it, or trace it. ParseWebhook does not
	// call it.
	OnError func(r *http.Request, status int, err error)
}

// handlerError reports an error WebhookHandler is about to answer with.
func (o WebhookOptions) handlerError(r *http.Request, status int, err error) {
	if o.OnError != nil {
		o.OnError(r, status, err)
	}
}

// String implements fmt.Stringer without revealing the secrets.
func (o WebhookOptions) String() string {
	return fmt.Sprintf("WebhookOptions{ClientSecret: %s, SharedHeader: %q, SharedValue: %s, Insecure: %t, MaxBodyBytes: %d, Tolerance: %s}",
		redacted(o.ClientSecret), o.SharedHeader, redacted(o.SharedValue), o.Insecure, o.MaxBodyBytes, o.Tolerance)
}

// GoString implements fmt.GoStringer without revealing the secrets.
func (o WebhookOptions) GoString() string { return "bigcommerce." + o.String() }

// LogValue implements slog.LogValuer without revealing the secrets.
func (o WebhookOptions) LogValue() slog.Value { return slog.StringValue(o.String()) }

// WebhookEvent is one webhook delivery: a light notice of what changed.
// Fetch the resource (Data.ID) through the API for its details.
type WebhookEvent struct {
	// Scope is the event, e.g. "store/order/created".
	Scope WebhookScope `json:"scope"`
	// StoreID is the store's numeric id, as a string.
	StoreID string `json:"store_id"`
	// Data names the changed resource.
	Data WebhookData `json:"data"`
	// Hash is BigCommerce's SHA-1 of the payload: equal for redeliveries of
	// one event. See DedupKey.
	Hash string `json:"hash"`
	// CreatedAt is when the event happened.
	CreatedAt UnixTime `json:"created_at"`
	// Producer is "stores/{store_hash}"; see StoreHash.
	Producer string `json:"producer"`
	// MessageID is the webhook-id header of a signed delivery (the same
	// for retries of one message), empty otherwise.
	MessageID string `json:"-"`
	// Raw is the whole body as received.
	Raw json.RawMessage `json:"-"`
}

// WebhookData is a delivery's data object. Type and ID name the resource;
// Raw keeps the whole object for event-specific extras
// (status.previous_status_id, inventory.method, location_id, ...): read
// them with Decode.
type WebhookData struct {
	// Type is the resource kind: "order", "product", "sku", "customer",
	// "cart", "shipment", "store", ... (empty for inventory location events).
	Type string `json:"type"`
	// ID is the resource id as text: a number for most resources
	// ("250"), a UUID for carts. See IntID.
	ID string `json:"id"`
	// Raw is the data object as received.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON implements json.Unmarshaler, accepting a numeric or string
// id and keeping the raw object.
func (d *WebhookData) UnmarshalJSON(b []byte) error {
	var raw struct {
		Type string     `json:"type"`
		ID   FlexString `json:"id"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*d = WebhookData{Type: raw.Type, ID: string(raw.ID), Raw: append(json.RawMessage(nil), b...)}
	return nil
}

// MarshalJSON implements json.Marshaler: the raw object when there is one.
func (d WebhookData) MarshalJSON() ([]byte, error) {
	if len(d.Raw) > 0 {
		return d.Raw, nil
	}
	return json.Marshal(struct {
		Type string `json:"type,omitempty"`
		ID   string `json:"id,omitempty"`
	}{d.Type, d.ID})
}

// IntID returns ID as an integer, with false when it is not one (carts
// have UUIDs; inventory location events have no id).
func (d WebhookData) IntID() (int, bool) {
	n, err := strconv.Atoi(d.ID)
	return n, err == nil
}

// Decode unmarshals the raw data object into v, for event-specific fields:
//
//	var extra struct {
//		Status struct {
//			PreviousStatusID int `json:"previous_status_id"`
//			NewStatusID      int `json:"new_status_id"`
//		} `json:"status"`
//	}
//	err := ev.Data.Decode(&extra)
func (d WebhookData) Decode(v any) error {
	if len(d.Raw) == 0 {
		return errors.New("bigcommerce: webhook data is empty")
	}
	return json.Unmarshal(d.Raw, v)
}

// StoreHash returns the store hash of the producer ("stores/abc123" gives
// "abc123"), or "" when the producer has another form.
func (e *WebhookEvent) StoreHash() string { return storeHashOf(e.Producer) }

// DedupKey returns the key to drop duplicate deliveries by: the payload's
// hash, else the webhook-id of a signed delivery, else the SHA-1 of the body.
func (e *WebhookEvent) DedupKey() string {
	switch {
	case e.Hash != "":
		return e.Hash
	case e.MessageID != "":
		return e.MessageID
	}
	sum := sha1.Sum(e.Raw)
	return hex.EncodeToString(sum[:])
}

// webhookWire decodes a delivery tolerantly (store_id as string or number).
type webhookWire struct {
	Scope     WebhookScope `json:"scope"`
	StoreID   FlexString   `json:"store_id"`
	Data      *WebhookData `json:"data"`
	Hash      string       `json:"hash"`
	CreatedAt UnixTime     `json:"created_at"`
	Producer  string       `json:"producer"`
}

// DecodeWebhook decodes a webhook body WITHOUT checking its authenticity:
// use it only on bodies already verified (ParseWebhook does both). The
// payload must be a JSON object with a scope and a data object.
func DecodeWebhook(body []byte) (*WebhookEvent, error) {
	var w webhookWire
	if err := json.Unmarshal(body, &w); err != nil {
		return nil, fmt.Errorf("bigcommerce: decoding webhook: %w", err)
	}
	if w.Scope == "" {
		return nil, errors.New("bigcommerce: decoding webhook: no scope")
	}
	if w.Data == nil {
		return nil, errors.New("bigcommerce: decoding webhook: no data object")
	}
	return &WebhookEvent{
		Scope:     w.Scope,
		StoreID:   string(w.StoreID),
		Data:      *w.Data,
		Hash:      w.Hash,
		CreatedAt: w.CreatedAt,
		Producer:  w.Producer,
		Raw:       append(json.RawMessage(nil), body...),
	}, nil
}

// ParseWebhook reads, authenticates and decodes one webhook delivery. It
// reads at most opts.MaxBodyBytes (more is ErrPayloadTooLarge), then checks
// the Standard Webhooks signature (when opts.ClientSecret is set) or the
// shared header (when opts.SharedHeader is set); a delivery passing neither
// gets an error matching ErrInvalidSignature. Options that configure no
// check are an error, unless Insecure is set. The body is put back in
// r.Body so it can be read again.
func ParseWebhook(r *http.Request, opts WebhookOptions) (*WebhookEvent, error) {
	if !opts.Insecure && opts.ClientSecret == "" && (opts.SharedHeader == "" || opts.SharedValue == "") {
		return nil, errNoVerifier
	}
	if r == nil || r.Body == nil {
		return nil, errors.New("bigcommerce: ParseWebhook: the request has no body")
	}
	limit := opts.MaxBodyBytes
	if limit <= 0 {
		limit = DefaultWebhookMaxBody
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, limit+1))
	r.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("bigcommerce: ParseWebhook: reading body: %w", err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("%w: over %d bytes", ErrPayloadTooLarge, limit)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	msgID := ""
	if !opts.Insecure {
		if msgID, err = opts.verify(r.Header, body); err != nil {
			return nil, err
		}
	}
	ev, err := DecodeWebhook(body)
	if err != nil {
		return nil, err
	}
	ev.MessageID = msgID
	return ev, nil
}

// verify authenticates a delivery and returns its webhook-id when it was
// accepted by signature.
func (o WebhookOptions) verify(h http.Header, body []byte) (string, error) {
	var reasons []string
	if o.ClientSecret != "" {
		id, err := o.verifySignature(h, body)
		if err == nil {
			return id, nil
		}
		reasons = append(reasons, err.Error())
	}
	if o.SharedHeader != "" && o.SharedValue != "" {
		got := h.Get(o.SharedHeader)
		// Hashing first makes the comparison independent of the lengths.
		a, b := sha256.Sum256([]byte(got)), sha256.Sum256([]byte(o.SharedValue))
		if got != "" && hmac.Equal(a[:], b[:]) {
			return "", nil
		}
		reasons = append(reasons, "the shared header is missing or wrong")
	}
	return "", fmt.Errorf("%w: webhook: %s", ErrInvalidSignature, strings.Join(reasons, "; "))
}

// verifySignature checks the Standard Webhooks signature headers.
func (o WebhookOptions) verifySignature(h http.Header, body []byte) (string, error) {
	id, ts, sigs := h.Get(HeaderWebhookID), h.Get(HeaderWebhookTimestamp), h.Get(HeaderWebhookSignature)
	if id == "" || ts == "" || sigs == "" {
		return "", errors.New("no webhook-id, webhook-timestamp or webhook-signature header")
	}
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return "", errors.New("webhook-timestamp is not unix seconds")
	}
	now := time.Now
	if o.Now != nil {
		now = o.Now
	}
	tolerance := o.Tolerance
	if tolerance <= 0 {
		tolerance = DefaultWebhookTolerance
	}
	nowSec := now().Unix()
	limit := int64(tolerance / time.Second)
	if sec < nowSec-limit || sec > nowSec+limit {
		return "", fmt.Errorf("webhook-timestamp is more than %s away from now", tolerance)
	}
	mac := hmac.New(sha256.New, []byte(o.ClientSecret))
	mac.Write([]byte(id))
	mac.Write([]byte{'.'})
	mac.Write([]byte(ts))
	mac.Write([]byte{'.'})
	mac.Write(body)
	want := mac.Sum(nil)
	for _, sig := range strings.Fields(sigs) {
		version, value, ok := strings.Cut(sig, ",")
		if !ok || version != "v1" {
			continue
		}
		got, err := base64.StdEncoding.DecodeString(value)
		if err != nil {
			continue
		}
		if hmac.Equal(got, want) {
			return id, nil
		}
	}
	return "", errors.New("no v1 signature matches")
}

// WebhookHandler serves a webhook destination: it accepts POST only,
// authenticates and decodes each delivery with ParseWebhook, and calls fn.
// It answers 200 when fn returns nil, 500 when fn fails (BigCommerce then
// redelivers), 401 for a failed check, 413 for an oversize body, 400 for a
// body that is not a webhook, and 405 for other methods, each in plain
// text without details; the error behind each answer goes to opts.OnError,
// when set. fn should be quick (queue slow work): BigCommerce treats slow
// answers as failures. Drop redeliveries by ev.DedupKey().
func WebhookHandler(opts WebhookOptions, fn func(ctx context.Context, ev *WebhookEvent) error) http.Handler {
	if fn == nil {
		panic("bigcommerce: WebhookHandler: fn is nil")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			opts.handlerError(r, http.StatusMethodNotAllowed, fmt.Errorf("bigcommerce: %s is not allowed here, only %s", r.Method, http.MethodPost))
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		ev, err := ParseWebhook(r, opts)
		if err != nil {
			status, msg := http.StatusBadRequest, "malformed webhook"
			switch {
			case errors.Is(err, ErrInvalidSignature):
				status, msg = http.StatusUnauthorized, "invalid signature"
			case errors.Is(err, ErrPayloadTooLarge):
				status, msg = http.StatusRequestEntityTooLarge, "payload too large"
			case errors.Is(err, errNoVerifier):
				status, msg = http.StatusInternalServerError, "webhook receiver misconfigured"
			}
			opts.handlerError(r, status, err)
			http.Error(w, msg, status)
			return
		}
		if err := fn(r.Context(), ev); err != nil {
			opts.handlerError(r, http.StatusInternalServerError, fmt.Errorf("bigcommerce: WebhookHandler: handling %s: %w", ev.Scope, err))
			http.Error(w, "webhook processing failed", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}
