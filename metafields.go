package bigcommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"time"
)

// MetafieldsService manages metafields, the key-value data an app attaches
// to a product, variant, category, brand, order, customer, channel or
// inventory location. Every owner has the same endpoints and the same
// shape (Metafield, MetafieldCreate, MetafieldUpdate), so one service
// serves them all: name the owner with ProductMetafields(id),
// OrderMetafields(id), and so on, or its kind (MetafieldsOfProducts) for
// the batch endpoints that span every record of a kind.
//
// Scopes are the owner's: store_v2_products for catalog owners,
// store_v2_orders for orders, store_v2_customers for customers,
// store_channel_settings for channels, store_locations for locations.
type MetafieldsService service

// MetafieldKind is a kind of record that has metafields; its batch
// endpoints live under its collection (/v3/catalog/products/metafields).
type MetafieldKind struct {
	name string // product, variant, ...
	path string // the collection the batch endpoints live under
}

// String returns the kind's name ("product").
func (k MetafieldKind) String() string { return k.name }

// The kinds of record with metafields, for the batch methods (ListKind,
// AllKind, CreateMany, UpdateMany, DeleteMany).
var (
	MetafieldsOfProducts   = MetafieldKind{"product", "/v3/catalog/products"}
	MetafieldsOfVariants   = MetafieldKind{"variant", "/v3/catalog/variants"}
	MetafieldsOfCategories = MetafieldKind{"category", "/v3/catalog/categories"}
	MetafieldsOfBrands     = MetafieldKind{"brand", "/v3/catalog/brands"}
	MetafieldsOfOrders     = MetafieldKind{"order", "/v3/orders"}
	MetafieldsOfCustomers  = MetafieldKind{"customer", "/v3/customers"}
	MetafieldsOfChannels   = MetafieldKind{"channel", "/v3/channels"}
	MetafieldsOfLocations  = MetafieldKind{"location", "/v3/inventory/locations"}
)

// MetafieldOwner is the record whose metafields a call reads or writes.
// Build it with ProductMetafields, VariantMetafields, CategoryMetafields,
// BrandMetafields, OrderMetafields, CustomerMetafields, ChannelMetafields
// or LocationMetafields; the zero value names no record and every call
// with it is refused before anything is sent.
type MetafieldOwner struct {
	kind MetafieldKind
	ids  []int  // the owner's ids, outermost first
	path string // the owner's own path: /v3/catalog/products/5
}

func owner(kind MetafieldKind, path string, ids ...int) MetafieldOwner {
	return MetafieldOwner{kind: kind, ids: ids, path: path}
}

// ProductMetafields names a product's metafields:
// /v3/catalog/products/{product_id}/metafields.
func ProductMetafields(productID int) MetafieldOwner {
	return owner(MetafieldsOfProducts, "/v3/catalog/products/"+strconv.Itoa(productID), productID)
}

// VariantMetafields names a variant's metafields:
// /v3/catalog/products/{product_id}/variants/{variant_id}/metafields.
func VariantMetafields(productID, variantID int) MetafieldOwner {
	return owner(MetafieldsOfVariants, "/v3/catalog/products/"+strconv.Itoa(productID)+"/variants/"+strconv.Itoa(variantID), productID, variantID)
}

// CategoryMetafields names a category's metafields:
// /v3/catalog/categories/{category_id}/metafields.
func CategoryMetafields(categoryID int) MetafieldOwner {
	return owner(MetafieldsOfCategories, "/v3/catalog/categories/"+strconv.Itoa(categoryID), categoryID)
}

// BrandMetafields names a brand's metafields:
// /v3/catalog/brands/{brand_id}/metafields.
func BrandMetafields(brandID int) MetafieldOwner {
	return owner(MetafieldsOfBrands, "/v3/catalog/brands/"+strconv.Itoa(brandID), brandID)
}

// OrderMetafields names an order's metafields:
// /v3/orders/{order_id}/metafields.
func OrderMetafields(orderID int) MetafieldOwner {
	return owner(MetafieldsOfOrders, "/v3/orders/"+strconv.Itoa(orderID), orderID)
}

// CustomerMetafields names a customer's metafields:
// /v3/customers/{customer_id}/metafields.
func CustomerMetafields(customerID int) MetafieldOwner {
	return owner(MetafieldsOfCustomers, "/v3/customers/"+strconv.Itoa(customerID), customerID)
}

// ChannelMetafields names a channel's metafields:
// /v3/channels/{channel_id}/metafields.
func ChannelMetafields(channelID int) MetafieldOwner {
	return owner(MetafieldsOfChannels, "/v3/channels/"+strconv.Itoa(channelID), channelID)
}

// LocationMetafields names an inventory location's metafields:
// /v3/inventory/locations/{location_id}/metafields.
func LocationMetafields(locationID int) MetafieldOwner {
	return owner(MetafieldsOfLocations, "/v3/inventory/locations/"+strconv.Itoa(locationID), locationID)
}

// String names the owner ("product 5").
func (o MetafieldOwner) String() string {
	if o.path == "" {
		return "no owner"
	}
	s := o.kind.name
	for _, id := range o.ids {
		s += " " + strconv.Itoa(id)
	}
	return s
}

// check refuses the zero owner and owner ids below 1.
func (o MetafieldOwner) check(op string) error {
	if o.path == "" {
		return invalid(op, "no owner: name it with ProductMetafields(id), OrderMetafields(id), ...")
	}
	for _, id := range o.ids {
		if err := checkID(op, o.kind.name+" id", id); err != nil {
			return err
		}
	}
	return nil
}

// checkKind refuses the zero kind.
func checkKind(op string, k MetafieldKind) error {
	if k.path == "" {
		return invalid(op, "no kind: use MetafieldsOfProducts, MetafieldsOfOrders, ...")
	}
	return nil
}

// MetafieldFilter selects metafields for List and All (GET
// .../{id}/metafields) and for ListKind and AllKind (GET
// .../metafields across a kind). The zero value selects every metafield.
// Only Key, Namespace, Page and Limit apply to one owner's list; the other
// fields are the batch list's.
type MetafieldFilter struct {
	// Key keeps metafields with this key.
	Key string `url:"key,omitempty"`
	// KeyIn keeps metafields with any of these keys (key:in).
	KeyIn StringList `url:"key:in,omitempty"`
	// Namespace keeps metafields in this namespace.
	Namespace string `url:"namespace,omitempty"`
	// NamespaceIn keeps metafields in any of these namespaces (namespace:in).
	NamespaceIn StringList `url:"namespace:in,omitempty"`
	// DateCreatedMin keeps metafields created at or after this time
	// (date_created:min).
	DateCreatedMin time.Time `url:"date_created:min,omitempty"`
	// DateCreatedMax keeps metafields created at or before this time
	// (date_created:max).
	DateCreatedMax time.Time `url:"date_created:max,omitempty"`
	// DateModifiedMin keeps metafields changed at or after this time
	// (date_modified:min).
	DateModifiedMin time.Time `url:"date_modified:min,omitempty"`
	// DateModifiedMax keeps metafields changed at or before this time
	// (date_modified:max).
	DateModifiedMax time.Time `url:"date_modified:max,omitempty"`
	// Direction is the sort direction of the batch list.
	Direction Direction `url:"direction,omitempty"`
	// After asks for the page after this cursor (the batch list's
	// meta.cursor_pagination.end_cursor); AllKind sets it itself.
	After string `url:"after,omitempty"`
	// Before asks for the page before this cursor.
	Before string `url:"before,omitempty"`
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// Limit is the page size (at most 250); 0 means the API's default, and
	// All uses the largest.
	Limit int `url:"limit,omitempty"`
}

func (f *MetafieldFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// metafieldBatch is how many metafields one batch request carries. The
// specs state no maximum for the metafield batch endpoints; 50 keeps each
// request small enough to fail or succeed as a unit that is cheap to
// resend, and is not a BigCommerce limit.
const metafieldBatch = 50

// List returns one page of an owner's metafields: GET
// {owner}/metafields, e.g. /v3/catalog/products/{product_id}/metafields.
//
// The zero owner or an owner id below 1 is refused before anything is sent
// (ErrInvalidRequest); an owner BigCommerce does not know is an error
// matching ErrNotFound.
func (s *MetafieldsService) List(ctx context.Context, o MetafieldOwner, filter *MetafieldFilter) ([]Metafield, *Response, error) {
	if err := o.check("Metafields.List"); err != nil {
		return nil, &Response{}, err
	}
	return listV3[Metafield](ctx, s.client, o.path+"/metafields", filter)
}

// All iterates over every metafield of an owner: GET {owner}/metafields,
// 250 per page unless filter.Limit is set. The endpoint offers no stable
// key, so All walks by page offset: a metafield created or deleted during
// the walk on a page already read can make it skip or repeat one.
//
// The zero owner, an owner id below 1 or a bad page size is refused before
// anything is sent (ErrInvalidRequest); an owner BigCommerce does not know is
// an error matching ErrNotFound. An error is yielded once and ends the walk.
func (s *MetafieldsService) All(ctx context.Context, o MetafieldOwner, filter *MetafieldFilter) iter.Seq2[Metafield, error] {
	if err := o.check("Metafields.All"); err != nil {
		return refused[Metafield](err)
	}
	return walk(ctx, s.client, filter, MaxPageSize, func(ctx context.Context, f *MetafieldFilter) ([]Metafield, *Response, error) {
		return s.List(ctx, o, f)
	})
}

// Get returns one metafield of an owner: GET {owner}/metafields/{metafield_id}.
// A metafield id below 1 is refused before anything is sent; one
// BigCommerce does not know is an error matching ErrNotFound.
func (s *MetafieldsService) Get(ctx context.Context, o MetafieldOwner, id int) (*Metafield, *Response, error) {
	const op = "Metafields.Get"
	if err := o.checkWith(op, id); err != nil {
		return nil, &Response{}, err
	}
	return s.one(ctx, http.MethodGet, o.metafieldPath(id), nil)
}

// Create creates a metafield on an owner: POST {owner}/metafields. Key,
// Namespace, PermissionSet and Value are required; ResourceID must be nil
// (the owner names the record). A duplicate key in a namespace is a 409
// (ErrConflict). If the request may have reached BigCommerce and no answer
// proves its fate, the error matches ErrOutcomeUnknown and the SDK does not
// resend it: list the owner's metafields before creating it again.
func (s *MetafieldsService) Create(ctx context.Context, o MetafieldOwner, m MetafieldCreate) (*Metafield, *Response, error) {
	const op = "Metafields.Create"
	if err := o.check(op); err != nil {
		return nil, &Response{}, err
	}
	if m.ResourceID != nil {
		return nil, &Response{}, invalid(op, "ResourceID is set: the owner names the record; ResourceID is for CreateMany")
	}
	if err := checkMetafield(op, m); err != nil {
		return nil, &Response{}, err
	}
	return s.one(ctx, http.MethodPost, o.path+"/metafields", m)
}

// Update changes a metafield of an owner: PUT {owner}/metafields/{metafield_id}.
// m.ID, if set, must equal id. An unknown id is an error matching
// ErrNotFound.
func (s *MetafieldsService) Update(ctx context.Context, o MetafieldOwner, id int, m MetafieldUpdate) (*Metafield, *Response, error) {
	const op = "Metafields.Update"
	if err := o.checkWith(op, id); err != nil {
		return nil, &Response{}, err
	}
	if m.ID != nil && *m.ID != id {
		return nil, &Response{}, invalid(op, "ID is %d but the metafield id is %d", *m.ID, id)
	}
	m.ID = nil
	if o.kind == MetafieldsOfCustomers {
		m.ID = &id // customers.v3.yml requires the id in the body too
	}
	return s.one(ctx, http.MethodPut, o.metafieldPath(id), m)
}

// Delete deletes a metafield of an owner: DELETE
// {owner}/metafields/{metafield_id}. An unknown id is an error matching
// ErrNotFound.
func (s *MetafieldsService) Delete(ctx context.Context, o MetafieldOwner, id int) (*Response, error) {
	if err := o.checkWith("Metafields.Delete", id); err != nil {
		return &Response{}, err
	}
	return s.client.call(ctx, http.MethodDelete, o.metafieldPath(id), nil, nil, nil)
}

// ListKind returns one page of the metafields of every record of a kind:
// GET {kind}/metafields, e.g. /v3/catalog/products/metafields.
//
// The zero kind or a bad page size is refused before anything is sent
// (ErrInvalidRequest). A filter value BigCommerce rejects is an error matching
// ErrUnprocessable.
func (s *MetafieldsService) ListKind(ctx context.Context, kind MetafieldKind, filter *MetafieldFilter) ([]Metafield, *Response, error) {
	if err := checkKind("Metafields.ListKind", kind); err != nil {
		return nil, &Response{}, err
	}
	return listV3[Metafield](ctx, s.client, kind.path+"/metafields", filter)
}

// AllKind iterates over the metafields of every record of a kind: GET
// {kind}/metafields, following BigCommerce's cursor (after the previous
// page's end cursor), which metafields created or deleted during the walk
// cannot shift.
//
// The zero kind or a bad page size is refused before anything is sent
// (ErrInvalidRequest). A filter value BigCommerce rejects is an error matching
// ErrUnprocessable. An error is yielded once and ends the walk.
func (s *MetafieldsService) AllKind(ctx context.Context, kind MetafieldKind, filter *MetafieldFilter) iter.Seq2[Metafield, error] {
	if err := checkKind("Metafields.AllKind", kind); err != nil {
		return refused[Metafield](err)
	}
	return walkCursor(ctx, filter, func(ctx context.Context, f *MetafieldFilter) ([]Metafield, *Response, error) {
		return s.ListKind(ctx, kind, f)
	}, func(f *MetafieldFilter) *string { return &f.After })
}

// CreateMany creates metafields on records of a kind: POST
// {kind}/metafields, 50 per request (the specs state no maximum), as many
// requests at once as the client's WithMaxConcurrency allows. Every item
// needs ResourceID (the record's id) and the fields Create needs; a bad
// item is refused before anything is sent. Failures come back as one
// *BatchError by index into items; the items of a request whose fate is
// unknown are in its Unknown list and are never resent.
func (s *MetafieldsService) CreateMany(ctx context.Context, kind MetafieldKind, items []MetafieldCreate) ([]Metafield, *Response, error) {
	const op = "Metafields.CreateMany"
	if err := checkKind(op, kind); err != nil {
		return nil, &Response{}, err
	}
	for i, m := range items {
		if m.ResourceID == nil || *m.ResourceID <= 0 {
			return nil, &Response{}, invalid(op, "item %d: ResourceID (the %s's id) is required", i, kind.name)
		}
		if err := checkMetafield(op, m); err != nil {
			return nil, &Response{}, invalid(op, "item %d: %v", i, err)
		}
	}
	return writeBatch[MetafieldCreate, Metafield](ctx, s.client, op, http.MethodPost, kind.path+"/metafields", items, metafieldBatch, cap(s.client.sem))
}

// UpdateMany changes metafields of records of a kind: PUT
// {kind}/metafields, 50 per request. Every item needs ID. Failures come
// back as one *BatchError by index into items.
func (s *MetafieldsService) UpdateMany(ctx context.Context, kind MetafieldKind, items []MetafieldUpdate) ([]Metafield, *Response, error) {
	const op = "Metafields.UpdateMany"
	if err := checkKind(op, kind); err != nil {
		return nil, &Response{}, err
	}
	for i, m := range items {
		if m.ID == nil || *m.ID <= 0 {
			return nil, &Response{}, invalid(op, "item %d: ID is required", i)
		}
	}
	return writeBatch[MetafieldUpdate, Metafield](ctx, s.client, op, http.MethodPut, kind.path+"/metafields", items, metafieldBatch, cap(s.client.sem))
}

// DeleteMany deletes metafields of records of a kind by id: DELETE
// {kind}/metafields with the ids as the JSON body, 50 per request. An empty
// list or an id below 1 is refused before anything is sent.
//
// The zero kind, no ids or an id below 1 is refused before anything is sent
// (ErrInvalidRequest). The ids of a request that failed come back as one
// *BatchError naming them by their index in ids.
func (s *MetafieldsService) DeleteMany(ctx context.Context, kind MetafieldKind, ids ...int) (*Response, error) {
	const op = "Metafields.DeleteMany"
	if err := checkKind(op, kind); err != nil {
		return &Response{}, err
	}
	if len(ids) == 0 {
		return &Response{}, invalid(op, "no ids given: the SDK never sends an unfiltered DELETE")
	}
	for i, id := range ids {
		if id <= 0 {
			return &Response{}, invalid(op, "id %d (index %d) must be > 0", id, i)
		}
	}
	return writeBatchUnread(ctx, s.client, op, http.MethodDelete, kind.path+"/metafields", ids, metafieldBatch, cap(s.client.sem))
}

// one sends a request answered with one metafield. The owners' specs
// disagree on its shape (api/overrides): {data: {...}} for most owners,
// {data: [{...}]} for a customer's create and update, a bare object for a
// channel's get. All three are read; anything else is an error that says
// what came back.
func (s *MetafieldsService) one(ctx context.Context, method, path string, body any) (*Metafield, *Response, error) {
	var raw json.RawMessage
	resp, err := s.client.call(ctx, method, path, nil, body, &raw)
	if err != nil {
		return nil, resp, err
	}
	m, err := decodeOneMetafield(raw)
	if err != nil {
		err = fmt.Errorf("bigcommerce: %s %s: %w", method, path, err)
		if method != http.MethodGet {
			err = fmt.Errorf("%w (BigCommerce answered %d, so the write was most likely applied)", err, resp.StatusCode)
		}
	}
	return m, resp, err
}

// decodeOneMetafield reads one metafield from {data: {...}}, {data:
// [{...}]} or a bare object.
func decodeOneMetafield(raw []byte) (*Metafield, error) {
	var env struct {
		Data json.RawMessage `json:"data"`
	}
	if err := json.Unmarshal(raw, &env); err == nil && len(env.Data) > 0 && !bytes.Equal(env.Data, []byte("null")) {
		raw = env.Data
	}
	raw = bytes.TrimSpace(raw)
	if len(raw) > 0 && raw[0] == '[' {
		var list []Metafield
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("the answer does not hold a metafield: %w", err)
		}
		if len(list) != 1 {
			return nil, fmt.Errorf("the answer holds %d metafields, not one", len(list))
		}
		return &list[0], nil
	}
	var m Metafield
	if err := json.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("the answer does not hold a metafield: %w", err)
	}
	if m.ID == 0 {
		return nil, fmt.Errorf("the answer holds no metafield (no id): %s", truncateForError(raw))
	}
	return &m, nil
}

func (o MetafieldOwner) checkWith(op string, id int) error {
	if err := o.check(op); err != nil {
		return err
	}
	return checkID(op, "metafield id", id)
}

func (o MetafieldOwner) metafieldPath(id int) string {
	return o.path + "/metafields/" + strconv.Itoa(id)
}

// checkMetafield refuses a metafield without the fields BigCommerce
// requires.
func checkMetafield(op string, m MetafieldCreate) error {
	switch {
	case m.Key == "":
		return invalid(op, "Key is required")
	case m.Namespace == "":
		return invalid(op, "Namespace is required")
	case m.PermissionSet == "":
		return invalid(op, "PermissionSet is required (app_only, read, write, read_and_sf_access or write_and_sf_access)")
	}
	return nil
}
