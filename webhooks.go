package bigcommerce

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// WebhooksService manages the app's or API account's webhook subscriptions
// (V3 /hooks). Reached through Client.Webhooks. Webhooks need no OAuth
// scope, but only OAuth tokens reach them, and a token sees only the hooks
// its own client id created. Receive deliveries with ParseWebhook or
// WebhookHandler.
type WebhooksService service

// WebhookScope is the event a webhook subscribes to, such as
// "store/order/created", or a wildcard such as "store/order/*".
type WebhookScope string

// Webhook event scopes. The list is BigCommerce's (webhooks.v3.yml and the
// events docs); any other scope string works too.
const (
	WebhookScopeOrderAll                 WebhookScope = "store/order/*"
	WebhookScopeOrderCreated             WebhookScope = "store/order/created"
	WebhookScopeOrderUpdated             WebhookScope = "store/order/updated"
	WebhookScopeOrderArchived            WebhookScope = "store/order/archived"
	WebhookScopeOrderStatusUpdated       WebhookScope = "store/order/statusUpdated"
	WebhookScopeOrderMessageCreated      WebhookScope = "store/order/message/created"
	WebhookScopeOrderRefundCreated       WebhookScope = "store/order/refund/created"
	WebhookScopeOrderTransactionCreated  WebhookScope = "store/order/transaction/created"
	WebhookScopeOrderTransactionUpdated  WebhookScope = "store/order/transaction/updated"
	WebhookScopeProductAll               WebhookScope = "store/product/*"
	WebhookScopeProductCreated           WebhookScope = "store/product/created"
	WebhookScopeProductUpdated           WebhookScope = "store/product/updated"
	WebhookScopeProductDeleted           WebhookScope = "store/product/deleted"
	WebhookScopeProductInventoryUpdated  WebhookScope = "store/product/inventory/updated"
	WebhookScopeProductInventoryOrder    WebhookScope = "store/product/inventory/order/updated"
	WebhookScopeSKUAll                   WebhookScope = "store/sku/*"
	WebhookScopeSKUCreated               WebhookScope = "store/sku/created"
	WebhookScopeSKUUpdated               WebhookScope = "store/sku/updated"
	WebhookScopeSKUDeleted               WebhookScope = "store/sku/deleted"
	WebhookScopeSKUInventoryUpdated      WebhookScope = "store/sku/inventory/updated"
	WebhookScopeSKUInventoryOrder        WebhookScope = "store/sku/inventory/order/updated"
	WebhookScopeCustomerAll              WebhookScope = "store/customer/*"
	WebhookScopeCustomerCreated          WebhookScope = "store/customer/created"
	WebhookScopeCustomerUpdated          WebhookScope = "store/customer/updated"
	WebhookScopeCustomerDeleted          WebhookScope = "store/customer/deleted"
	WebhookScopeCustomerAddressAll       WebhookScope = "store/customer/address/*"
	WebhookScopeCustomerAddressCreated   WebhookScope = "store/customer/address/created"
	WebhookScopeCustomerAddressUpdated   WebhookScope = "store/customer/address/updated"
	WebhookScopeCustomerAddressDeleted   WebhookScope = "store/customer/address/deleted"
	WebhookScopeCustomerPaymentDefault   WebhookScope = "store/customer/payment/instrument/default/updated"
	WebhookScopeShipmentAll              WebhookScope = "store/shipment/*"
	WebhookScopeShipmentCreated          WebhookScope = "store/shipment/created"
	WebhookScopeShipmentUpdated          WebhookScope = "store/shipment/updated"
	WebhookScopeShipmentDeleted          WebhookScope = "store/shipment/deleted"
	WebhookScopeInventoryLocationAll     WebhookScope = "store/inventory/location/*"
	WebhookScopeInventoryLocationCreated WebhookScope = "store/inventory/location/created"
	WebhookScopeInventoryLocationUpdated WebhookScope = "store/inventory/location/updated"
	WebhookScopeCartAll                  WebhookScope = "store/cart/*"
	WebhookScopeCategoryAll              WebhookScope = "store/category/*"
	WebhookScopeAppUninstalled           WebhookScope = "store/app/uninstalled"
	WebhookScopeInformationUpdated       WebhookScope = "store/information/updated"
)

// Matches reports whether an event's scope is covered by this subscription
// scope: equal, or under a wildcard ("store/order/*" matches
// "store/order/created" and "store/order/message/created").
func (s WebhookScope) Matches(event WebhookScope) bool {
	if prefix, ok := strings.CutSuffix(string(s), "*"); ok {
		return strings.HasSuffix(prefix, "/") && strings.HasPrefix(string(event), prefix)
	}
	return s == event
}

// UnixTime is a time BigCommerce sends as unix-epoch seconds (webhook
// created_at and updated_at). It decodes an integer, a float, a numeric
// string or null (the zero time, for null and 0) and encodes back to
// integer seconds. It embeds time.Time, in UTC.
type UnixTime struct {
	time.Time
}

// UnmarshalJSON implements json.Unmarshaler.
func (t *UnixTime) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if bytes.Equal(b, []byte("null")) {
		t.Time = time.Time{}
		return nil
	}
	s := string(b)
	if unq, err := strconv.Unquote(s); err == nil {
		s = strings.TrimSpace(unq)
	}
	if s == "" {
		t.Time = time.Time{}
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 0 || f > 1e11 {
		return fmt.Errorf("bigcommerce: %s is not a unix time in seconds", truncateForError(b))
	}
	if f == 0 {
		t.Time = time.Time{}
		return nil
	}
	sec := int64(f)
	t.Time = time.Unix(sec, int64((f-float64(sec))*1e9)).UTC()
	return nil
}

// MarshalJSON implements json.Marshaler: integer seconds, or 0 for the zero
// time.
func (t UnixTime) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("0"), nil
	}
	return []byte(strconv.FormatInt(t.Unix(), 10)), nil
}

// Webhook is a webhook subscription (webhook_Full).
type Webhook struct {
	ID          int          `json:"id"`
	ClientID    string       `json:"client_id"`
	StoreHash   string       `json:"store_hash"`
	Scope       WebhookScope `json:"scope"`
	Destination string       `json:"destination"`
	IsActive    bool         `json:"is_active"`
	// Headers are sent with every delivery (null in the API is nil here).
	Headers   map[string]string `json:"headers"`
	CreatedAt UnixTime          `json:"created_at"`
	UpdatedAt UnixTime          `json:"updated_at"`
}

// WebhookCreate is the body of Webhooks.Create (webhook_Base). Scope and
// Destination are required; Destination must be https on port 443.
type WebhookCreate struct {
	Scope       WebhookScope `json:"scope"`
	Destination string       `json:"destination"`
	// IsActive should be set: BigCommerce does not document its default.
	IsActive *bool `json:"is_active,omitempty"`
	// Headers are echoed on every delivery: set a shared secret here and
	// check it with WebhookOptions.SharedHeader.
	Headers map[string]string `json:"headers,omitempty"`
}

// WebhookUpdate is the body of Webhooks.Update (webhook_Put): nil fields
// are left unchanged.
type WebhookUpdate struct {
	Scope       *WebhookScope `json:"scope,omitempty"`
	Destination *string       `json:"destination,omitempty"`
	IsActive    *bool         `json:"is_active,omitempty"`
	// Headers replaces the delivery headers; nil leaves them, an empty
	// non-nil map sends {}.
	Headers map[string]string `json:"headers,omitzero"`
}

// WebhookFilter selects webhooks for List and All.
type WebhookFilter struct {
	// Page and Limit select the page (Limit at most MaxPageSize; 0 for the
	// default); negative values or a larger Limit are refused before
	// sending (see ListOptions).
	Page        int          `url:"page,omitempty"`
	Limit       int          `url:"limit,omitempty"`
	IsActive    *bool        `url:"is_active,omitempty"`
	Scope       WebhookScope `url:"scope,omitempty"`
	Destination string       `url:"destination,omitempty"`
}

func (f *WebhookFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// List returns one page of the webhooks the token's client created: GET /v3/hooks.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable. A credential that
// cannot manage webhooks (a legacy API account) gets an error matching
// ErrForbidden, whose message says so.
func (s *WebhooksService) List(ctx context.Context, filter *WebhookFilter) ([]Webhook, *Response, error) {
	hooks, resp, err := getV3[[]Webhook](ctx, s.client, http.MethodGet, "/v3/hooks", filter, nil)
	return hooks, resp, webhookHint(err)
}

// All iterates over every webhook matching filter, page by page: GET /v3/hooks.
//
// It walks page offsets (the endpoint has no id range or cursor); an app
// rarely has more hooks than one page holds. When it has, a hook created or
// deleted during the walk shifts the later pages: one that existed
// throughout can be skipped or yielded twice.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable. An error is
// yielded once and ends the walk.
func (s *WebhooksService) All(ctx context.Context, filter *WebhookFilter) iter.Seq2[Webhook, error] {
	return walk(ctx, s.client, filter, MaxPageSize, s.List)
}

// Get returns one webhook: GET /v3/hooks/{id}.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *WebhooksService) Get(ctx context.Context, id int) (*Webhook, *Response, error) {
	if err := checkID("Webhooks.Get", "webhook id", id); err != nil {
		return nil, &Response{}, err
	}
	return s.one(ctx, http.MethodGet, id, nil)
}

// Create subscribes to an event: POST /v3/hooks. A new hook can take a
// minute to start delivering.
//
// An empty Scope or a Destination that is not an https URL on port 443 is
// refused before anything is sent (ErrInvalidRequest). Input BigCommerce
// refuses is an error matching ErrUnprocessable (422, or 400 for a malformed
// body), with the fields at fault in *Error.Fields. If the request may have
// reached BigCommerce and no answer proves its fate (a 5xx, a cut connection),
// the error matches ErrOutcomeUnknown and the SDK does not resend it: check
// before sending it again.
func (s *WebhooksService) Create(ctx context.Context, hook WebhookCreate) (*Webhook, *Response, error) {
	const op = "Webhooks.Create"
	if strings.TrimSpace(string(hook.Scope)) == "" {
		return nil, &Response{}, invalid(op, "Scope is empty: set the event, e.g. WebhookScopeOrderCreated")
	}
	if err := checkDestination(op, hook.Destination); err != nil {
		return nil, &Response{}, err
	}
	return s.one(ctx, http.MethodPost, 0, hook)
}

// Update changes a webhook: PUT /v3/hooks/{id}.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound. An update
// that sets nothing, an empty Scope or a bad Destination is refused the same
// way. Input BigCommerce refuses is an error matching ErrUnprocessable (422,
// or 400 for a malformed body), with the fields at fault in *Error.Fields.
func (s *WebhooksService) Update(ctx context.Context, id int, hook WebhookUpdate) (*Webhook, *Response, error) {
	const op = "Webhooks.Update"
	if err := checkID(op, "webhook id", id); err != nil {
		return nil, &Response{}, err
	}
	switch {
	case hook.Scope == nil && hook.Destination == nil && hook.IsActive == nil && hook.Headers == nil:
		return nil, &Response{}, invalid(op, "nothing to update: set at least one field")
	case hook.Scope != nil && strings.TrimSpace(string(*hook.Scope)) == "":
		return nil, &Response{}, invalid(op, "Scope is empty: leave it nil to keep the current one")
	}
	if hook.Destination != nil {
		if err := checkDestination(op, *hook.Destination); err != nil {
			return nil, &Response{}, err
		}
	}
	return s.one(ctx, http.MethodPut, id, hook)
}

// Delete removes a webhook and returns it as it was: DELETE /v3/hooks/{id}.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *WebhooksService) Delete(ctx context.Context, id int) (*Webhook, *Response, error) {
	if err := checkID("Webhooks.Delete", "webhook id", id); err != nil {
		return nil, &Response{}, err
	}
	return s.one(ctx, http.MethodDelete, id, nil)
}

// one sends a request about one webhook (id 0: the collection) and decodes
// the hook in the answer.
func (s *WebhooksService) one(ctx context.Context, method string, id int, body any) (*Webhook, *Response, error) {
	path := "/v3/hooks"
	if id > 0 {
		path += "/" + strconv.Itoa(id)
	}
	hook, resp, err := getOne[Webhook](ctx, s.client, method, path, nil, body)
	if err != nil {
		return nil, resp, webhookHint(err)
	}
	return hook, resp, nil
}

// webhookHint replaces the generic scope hint of a 403: webhooks need no
// scope, so a 403 means the credential cannot manage webhooks at all.
func webhookHint(err error) error {
	var e *Error
	if errors.As(err, &e) && e.StatusCode == http.StatusForbidden {
		e.Hint = "Webhooks need no OAuth scope: this credential cannot manage webhooks (legacy API accounts cannot; use an OAuth API account or app token)"
	}
	return err
}

// checkDestination refuses a delivery URL BigCommerce would reject: it must
// be an absolute https URL on port 443.
func checkDestination(op, dest string) error {
	if dest == "" {
		return invalid(op, "Destination is empty: set the https URL that receives the events")
	}
	u, err := url.Parse(dest)
	if err != nil || u.Host == "" || u.Hostname() == "" {
		return invalid(op, "Destination %q is not an absolute URL", dest)
	}
	if u.Scheme != "https" {
		return invalid(op, "Destination %q must use https: BigCommerce delivers only over TLS", dest)
	}
	if p := u.Port(); p != "" && p != "443" {
		return invalid(op, "Destination %q uses port %s: BigCommerce delivers only to port 443", dest, p)
	}
	return nil
}
