package bigcommercetest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// hookStore holds the webhook subscriptions (webhooks.v3.yml). It has its
// own lock so that Seed, which replaces the catalog, customers and orders,
// leaves them alone.
type hookStore struct {
	mu   sync.Mutex
	byID map[int]*hook
	ids  []int // sorted
	next int
}

// hook is webhook_Full. Headers is nil when the hook has none (null in
// JSON, as the spec's nullable headers).
type hook struct {
	ID          int               `json:"id"`
	ClientID    string            `json:"client_id"`
	StoreHash   string            `json:"store_hash"`
	Scope       string            `json:"scope"`
	Destination string            `json:"destination"`
	IsActive    bool              `json:"is_active"`
	Headers     map[string]string `json:"headers"`
	CreatedAt   int64             `json:"created_at"`
	UpdatedAt   int64             `json:"updated_at"`
}

// hookWrite is the body of POST (webhook_Base) and PUT (webhook_Put). The
// raw headers tell "absent" from null.
type hookWrite struct {
	Scope       *string         `json:"scope"`
	Destination *string         `json:"destination"`
	IsActive    *bool           `json:"is_active"`
	Headers     json.RawMessage `json:"headers"`
}

// hookEnvelope is the {data, meta} answer for one webhook.
type hookEnvelope struct {
	Data *hook     `json:"data"`
	Meta emptyMeta `json:"meta"`
}

// clientID is the client id of the request's account.
func (c *call) clientID() string {
	if c.acct == nil {
		return ""
	}
	return c.acct.ClientID
}

// ownHook returns the caller's webhook with the path's id. Another
// client's webhook is "not found", as a token sees only its own. It must
// be called with c.s.hooks.mu held.
func (c *call) ownHook() *hook {
	h := c.s.hooks.byID[c.params[0]]
	if h == nil || h.ClientID != c.clientID() {
		c.v3err(http.StatusNotFound, "Webhook with id ["+itoa(c.params[0])+"] not found", nil)
		return nil
	}
	return h
}

// listHooks serves GET /v3/hooks: the caller's webhooks, filtered by
// is_active, scope and destination (exact values), paged.
func (c *call) listHooks() {
	f := c.filters("page", "limit", "is_active", "scope", "destination")
	page, limit := f.paging(250)
	active, hasActive := f.bool("is_active")
	scope, destination := f.str("scope"), f.str("destination")
	if f.failed {
		return
	}
	hs := &c.s.hooks
	hs.mu.Lock()
	var list []hook
	for _, id := range hs.ids {
		h := hs.byID[id]
		switch {
		case h.ClientID != c.clientID(),
			hasActive && h.IsActive != active,
			f.has("scope") && h.Scope != scope,
			f.has("destination") && h.Destination != destination:
			continue
		}
		list = append(list, h.clone())
	}
	hs.mu.Unlock()
	items, pg := pageOf(list, page, limit)
	if items == nil {
		items = []hook{}
	}
	c.json(http.StatusOK, listEnvelope{Data: items, Meta: listMeta{Pagination: pg}})
}

// getHook serves GET /v3/hooks/{id}.
func (c *call) getHook() {
	hs := &c.s.hooks
	hs.mu.Lock()
	defer hs.mu.Unlock()
	if h := c.ownHook(); h != nil {
		c.oneHook(h)
	}
}

// createHook serves POST /v3/hooks: one webhook per call, scope and
// destination required. BigCommerce does not document is_active's default;
// the store makes a hook without it inactive, so a test notices when the
// code under test forgets it.
func (c *call) createHook() {
	var in hookWrite
	if !c.decodeObject(&in) {
		return
	}
	errs := map[string]string{}
	if in.Scope == nil || strings.TrimSpace(*in.Scope) == "" {
		errs["scope"] = "error.path.missing."
	}
	if in.Destination == nil || *in.Destination == "" {
		errs["destination"] = "error.path.missing."
	} else if msg := badDestination(*in.Destination); msg != "" {
		errs["destination"] = msg
	}
	headers, ok := hookHeaders(in.Headers, errs)
	if len(errs) > 0 || !ok {
		c.v3err(http.StatusUnprocessableEntity, "JSON data is missing or invalid", errs)
		return
	}
	now := c.s.now().Unix()
	h := &hook{
		ClientID: c.clientID(), StoreHash: c.s.cfg.StoreHash, Scope: *in.Scope, Destination: *in.Destination,
		IsActive: in.IsActive != nil && *in.IsActive, Headers: headers, CreatedAt: now, UpdatedAt: now,
	}
	hs := &c.s.hooks
	hs.mu.Lock()
	defer hs.mu.Unlock()
	if hs.byID == nil {
		hs.byID = map[int]*hook{}
		hs.next = 1
	}
	h.ID = hs.next
	hs.next++
	hs.byID[h.ID] = h
	hs.ids = append(hs.ids, h.ID)
	c.oneHook(h)
}

// updateHook serves PUT /v3/hooks/{id}: the fields present are changed;
// at least one is required. headers: null removes the headers.
func (c *call) updateHook() {
	var in hookWrite
	if !c.decodeObject(&in) {
		return
	}
	errs := map[string]string{}
	if in.Scope == nil && in.Destination == nil && in.IsActive == nil && in.Headers == nil {
		c.v3err(http.StatusUnprocessableEntity, "At least one field is required to update a webhook", errs)
		return
	}
	if in.Scope != nil && strings.TrimSpace(*in.Scope) == "" {
		errs["scope"] = "must not be empty"
	}
	if in.Destination != nil {
		if msg := badDestination(*in.Destination); msg != "" {
			errs["destination"] = msg
		}
	}
	headers, ok := hookHeaders(in.Headers, errs)
	if len(errs) > 0 || !ok {
		c.v3err(http.StatusUnprocessableEntity, "JSON data is missing or invalid", errs)
		return
	}
	hs := &c.s.hooks
	hs.mu.Lock()
	defer hs.mu.Unlock()
	h := c.ownHook()
	if h == nil {
		return
	}
	if in.Scope != nil {
		h.Scope = *in.Scope
	}
	if in.Destination != nil {
		h.Destination = *in.Destination
	}
	if in.IsActive != nil {
		h.IsActive = *in.IsActive
	}
	if in.Headers != nil {
		h.Headers = headers
	}
	h.UpdatedAt = c.s.now().Unix()
	c.oneHook(h)
}

// deleteHook serves DELETE /v3/hooks/{id}: 200 with the deleted hook.
func (c *call) deleteHook() {
	hs := &c.s.hooks
	hs.mu.Lock()
	defer hs.mu.Unlock()
	h := c.ownHook()
	if h == nil {
		return
	}
	delete(hs.byID, h.ID)
	hs.ids = removeSorted(hs.ids, map[int]bool{h.ID: true})
	c.oneHook(h)
}

// oneHook answers one webhook in the {data, meta} envelope.
func (c *call) oneHook(h *hook) {
	out := h.clone()
	c.json(http.StatusOK, hookEnvelope{Data: &out})
}

// clone copies a hook with its headers.
func (h *hook) clone() hook {
	out := *h
	if h.Headers != nil {
		out.Headers = make(map[string]string, len(h.Headers))
		for k, v := range h.Headers {
			out.Headers[k] = v
		}
	}
	return out
}

// hookHeaders decodes the headers member: absent or null give nil, an
// object of strings gives the map; anything else is recorded in errs.
func hookHeaders(raw json.RawMessage, errs map[string]string) (map[string]string, bool) {
	if raw == nil || string(raw) == "null" {
		return nil, true
	}
	var m map[string]string
	if err := json.Unmarshal(raw, &m); err != nil {
		errs["headers"] = "must be an object of string values"
		return nil, false
	}
	return m, true
}

// badDestination explains why BigCommerce would refuse a delivery URL:
// it must be an absolute https URL served on port 443. "" means fine.
func badDestination(dest string) string {
	u, err := url.Parse(dest)
	switch {
	case err != nil || u.Hostname() == "":
		return "must be an absolute URL"
	case u.Scheme != "https":
		return "must use https"
	case u.Port() != "" && u.Port() != "443":
		return "must be served on port 443; custom ports are not supported"
	}
	return ""
}

// HookCount returns the number of webhook subscriptions of every client.
func (s *Store) HookCount() int {
	s.hooks.mu.Lock()
	defer s.hooks.mu.Unlock()
	return len(s.hooks.byID)
}
