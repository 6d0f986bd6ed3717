package bigcommerce

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"time"
)

// InventoryService is reached through Client.Inventory. It covers the V3
// Inventory API (adjustments, items, per-location item settings) and the
// Locations API. Both answer errors as application/problem+json, which
// arrive as *Error.
//
// Inventory writes are processed asynchronously by BigCommerce: they return
// a transaction id at once, and a read straight afterwards may still show
// the old stock.
type InventoryService service

// MaxInventoryPageSize is the page size AllItems, AllLocationItems and
// AllLocations ask for unless the filter sets Limit. The inventory and
// locations specs give no maximum for limit; they state a "Limit of 1000
// items for payload length".
const MaxInventoryPageSize = 1000

// MaxInventoryBatch is the most items BigCommerce accepts in one inventory
// adjustment or settings request ("Limit of 2000 items for payload
// length"). Longer inputs are sent in sequential chunks of this size.
const MaxInventoryBatch = 2000

// validationLimit caps how many invalid items one *ValidationError lists.
const validationLimit = 5

// ---------------------------------------------------------------------------
// Adjustments

// InventoryAdjustment is one item of an absolute or relative inventory
// adjustment: a quantity for one item at one location.
//
// Set exactly one of ProductID (products without variants, or products
// tracked by product), VariantID or SKU (products tracked by variant). Ids
// are never 0 in BigCommerce, so 0 and "" mean "not set". Quantity is always
// sent, so an absolute Quantity of 0 marks the item out of stock; a relative
// Quantity may be negative.
type InventoryAdjustment struct {
	// LocationID is the location whose stock changes (the default location
	// is usually 1; look it up with LocationFilter{IsDefault: Ptr(true)}).
	LocationID int `json:"location_id"`
	// ProductID identifies a product tracked by product.
	ProductID int `json:"product_id,omitempty"`
	// VariantID identifies a variant tracked by variant.
	VariantID int `json:"variant_id,omitempty"`
	// SKU identifies a variant by its stock keeping unit.
	SKU string `json:"sku,omitempty"`
	// Quantity is the new stock level (absolute) or the change (relative).
	Quantity int `json:"quantity"`
}

// MarshalJSON implements json.Marshaler. It writes exactly one identity and
// always the quantity, and fails when the item has no identity or several.
func (a InventoryAdjustment) MarshalJSON() ([]byte, error) {
	if names := identityNames(a.ProductID, a.VariantID, a.SKU); len(names) != 1 {
		return nil, fmt.Errorf("bigcommerce: InventoryAdjustment: %s", identityProblem(names))
	}
	type plain InventoryAdjustment
	return json.Marshal(plain(a))
}

// identityNames lists which of the three identities are set.
func identityNames(productID, variantID int, sku string) []string {
	var names []string
	if productID != 0 {
		names = append(names, "ProductID")
	}
	if variantID != 0 {
		names = append(names, "VariantID")
	}
	if sku != "" {
		names = append(names, "SKU")
	}
	return names
}

// identityProblem explains a wrong number of identities.
func identityProblem(names []string) string {
	if len(names) == 0 {
		return "no identity: set exactly one of ProductID, VariantID or SKU"
	}
	return fmt.Sprintf("%d identities (%s): set exactly one of ProductID, VariantID or SKU", len(names), strings.Join(names, ", "))
}

// checkIdentity validates one identity triple.
func checkIdentity(productID, variantID int, sku string) string {
	if names := identityNames(productID, variantID, sku); len(names) != 1 {
		return identityProblem(names)
	}
	switch {
	case productID < 0:
		return fmt.Sprintf("ProductID %d must be positive", productID)
	case variantID < 0:
		return fmt.Sprintf("VariantID %d must be positive", variantID)
	}
	return ""
}

// validateEach checks every item with check (which returns "" for a good
// item) and reports the bad ones, by index, in one *ValidationError.
func validateEach[T any](op, what string, items []T, check func(T) string) error {
	if len(items) == 0 {
		return invalid(op, "no %s given: pass at least one", what)
	}
	var problems []string
	bad := 0
	for i, item := range items {
		msg := check(item)
		if msg == "" {
			continue
		}
		bad++
		if len(problems) < validationLimit {
			problems = append(problems, fmt.Sprintf("%s[%d]: %s", what, i, msg))
		}
	}
	if bad == 0 {
		return nil
	}
	if bad > len(problems) {
		problems = append(problems, fmt.Sprintf("and %d more invalid %s", bad-len(problems), what))
	}
	return invalid(op, "%s", strings.Join(problems, "; "))
}

// checkAdjustment validates one adjustment item.
func checkAdjustment(absolute bool) func(InventoryAdjustment) string {
	return func(a InventoryAdjustment) string {
		if msg := checkIdentity(a.ProductID, a.VariantID, a.SKU); msg != "" {
			return msg
		}
		if a.LocationID <= 0 {
			return fmt.Sprintf("LocationID %d: want a location id (1 or more)", a.LocationID)
		}
		if absolute && a.Quantity < 0 {
			return fmt.Sprintf("Quantity %d: an absolute adjustment sets the stock level, which cannot be negative (use AdjustRelative to subtract)", a.Quantity)
		}
		return ""
	}
}

// adjustmentRequest is the body of both adjustment endpoints.
type adjustmentRequest struct {
	Reason string                `json:"reason,omitempty"`
	Items  []InventoryAdjustment `json:"items"`
}

// transactionResponse is the {transaction_id} answer of inventory and
// location writes.
type transactionResponse struct {
	TransactionID string `json:"transaction_id"`
}

// AdjustAbsolute sets the stock level of items at locations: PUT
// /v3/inventory/adjustments/absolute. reason is optional.
//
// Every item is validated before anything is sent (exactly one identity, a
// location id, a quantity of 0 or more); a bad item gives a
// *ValidationError naming its index. More than MaxInventoryBatch items are
// sent in chunks, one after the other, each waiting for the previous one to
// return, as BigCommerce asks. It returns the transaction id of each
// successful chunk, in order. When a chunk fails the error is a *BatchError
// naming the failed input indexes. BigCommerce rejects a whole chunk (422)
// for one bad item and writes none of it: the items its error names (by
// index, or by SKU, variant or product id) fail with the *Error (e.g. an
// item tracked by product but sent by variant id), and the chunk's other
// items fail with an error saying they were not written and can be sent
// again as they are. After a failure that is not about the items (401,
// 403, 429, a lost connection) the remaining chunks are not sent.
//
// Do not run absolute adjustments for the same item concurrently: the order
// BigCommerce applies them in is not predictable.
func (s *InventoryService) AdjustAbsolute(ctx context.Context, items []InventoryAdjustment, reason string) ([]string, *Response, error) {
	return s.adjust(ctx, true, items, reason)
}

// AdjustRelative adds to or subtracts from the stock of items at locations:
// POST /v3/inventory/adjustments/relative. Negative quantities subtract.
// reason is optional.
//
// Validation, chunking and errors work as in AdjustAbsolute. Unlike the
// absolute PUT, this POST is not idempotent, so the client does not retry it
// after a 5xx or a connection lost mid-request: the change may or may not
// have been applied, and sending it again could apply it twice. On such an
// error read the stock (ListItems) before deciding to resend. A relative
// adjustment that would take stock below the safety stock makes BigCommerce
// reject the whole request; an item needs an absolute adjustment before its
// first relative one.
//
// A bad item is refused before anything is sent (a *ValidationError,
// ErrInvalidRequest). A failed chunk is a *BatchError naming the failed input
// indexes; the items of a chunk whose outcome is unknown are in its Unknown
// list, their errors matching ErrOutcomeUnknown.
func (s *InventoryService) AdjustRelative(ctx context.Context, items []InventoryAdjustment, reason string) ([]string, *Response, error) {
	return s.adjust(ctx, false, items, reason)
}

// AdjustAbsoluteSeq is AdjustAbsolute for items read from a sequence as
// they are sent (a CSV of a million rows read row by row): PUT
// /v3/inventory/adjustments/absolute, in chunks of MaxInventoryBatch, one
// at a time. It holds one chunk of items at once, whatever the sequence's
// length.
//
// Each item is checked as it is read, as AdjustAbsolute checks it; a
// refused item is a failure (a *ValidationError) at its position and is
// not sent, and the write goes on. The transaction ids are not kept. The
// error is a *BatchError naming the failed items by position in the
// sequence, from 0, as AdjustAbsolute reports them; after an error that is
// not about the items (401, 403, 429, a lost connection) the sequence is
// not read further, and the items from position BatchError.Total on were
// neither read nor sent. An empty sequence sends nothing. Progress goes to
// WithProgress, with Total -1 until the sequence ends.
func (s *InventoryService) AdjustAbsoluteSeq(ctx context.Context, items iter.Seq[InventoryAdjustment], reason string) (*Response, error) {
	return s.adjustSeq(ctx, true, items, reason)
}

// AdjustRelativeSeq is AdjustRelative for items read from a sequence as
// they are sent: POST /v3/inventory/adjustments/relative, in chunks of
// MaxInventoryBatch, one at a time. Checks, positions, errors and progress
// are as in AdjustAbsoluteSeq; as with AdjustRelative, a chunk whose fate
// is unknown (a 5xx, a cut connection) is never resent: its items are in
// BatchError.Unknown, and nothing further is read or sent.
func (s *InventoryService) AdjustRelativeSeq(ctx context.Context, items iter.Seq[InventoryAdjustment], reason string) (*Response, error) {
	return s.adjustSeq(ctx, false, items, reason)
}

// adjustment is the transaction write of an absolute or relative
// adjustment.
func adjustment(absolute bool, reason string) transactionWrite[InventoryAdjustment] {
	w := transactionWrite[InventoryAdjustment]{op: "Inventory.AdjustRelative", method: http.MethodPost, path: "/v3/inventory/adjustments/relative", keys: []string{"items"}}
	if absolute {
		w.op, w.method, w.path = "Inventory.AdjustAbsolute", http.MethodPut, "/v3/inventory/adjustments/absolute"
	}
	w.body = func(chunk []InventoryAdjustment) any { return adjustmentRequest{Reason: reason, Items: chunk} }
	w.identify = func(a InventoryAdjustment) itemIdentity { return itemIdentity{a.ProductID, a.VariantID, a.SKU} }
	return w
}

// adjust validates items and sends them in sequential chunks to the
// absolute or the relative endpoint.
func (s *InventoryService) adjust(ctx context.Context, absolute bool, items []InventoryAdjustment, reason string) ([]string, *Response, error) {
	w := adjustment(absolute, reason)
	if err := validateEach(w.op, "items", items, checkAdjustment(absolute)); err != nil {
		return nil, &Response{}, err
	}
	return batch(ctx, w.op, items, MaxInventoryBatch, inventoryParallel, w.send(s.client))
}

// adjustSeq checks items as they are read and sends them in sequential
// chunks to the absolute or the relative endpoint.
func (s *InventoryService) adjustSeq(ctx context.Context, absolute bool, items iter.Seq[InventoryAdjustment], reason string) (*Response, error) {
	w := adjustment(absolute, reason)
	w.op += "Seq"
	check := checkAdjustment(absolute)
	return batchSeq(ctx, w.op, items, MaxInventoryBatch, inventoryParallel, func(i int, a InventoryAdjustment) error {
		if msg := check(a); msg != "" {
			return invalid(w.op, "items[%d]: %s", i, msg)
		}
		return nil
	}, w.send(s.client))
}

// inventoryParallel is how many inventory writes run at once: one.
// BigCommerce asks to "wait to send new requests until the current request
// returns a 200"
// (https://developer.bigcommerce.com/docs/store-operations/catalog/inventory-adjustments,
// "Optimizing performance").
const inventoryParallel = 1

// transactionWrite is an inventory write answered with {transaction_id}:
// an adjustment, or a location's item settings.
type transactionWrite[T any] struct {
	op, method, path string
	// body wraps a chunk of items in the request body.
	body func([]T) any
	// keys are the collection names BigCommerce's error keys start with
	// ("items.1.identity" names item 1); identify gives the identity by
	// which its messages name an item ("[Item with variant_id 106 is
	// tracked by product, ...]").
	keys     []string
	identify func(T) itemIdentity
}

// send returns the function that sends one chunk and answers its
// transaction id.
func (w transactionWrite[T]) send(c *Client) sendFunc[T, string] {
	return func(ctx context.Context, chunk []T) ([]string, *Response, error) {
		var tx transactionResponse
		resp, err := c.call(ctx, w.method, w.path, nil, w.body(chunk), &tx)
		if err != nil {
			return nil, resp, w.chunkError(err, chunk)
		}
		return []string{tx.TransactionID}, resp, nil
	}
}

// chunkError maps a rejection of a chunk onto its items (see
// rejectedChunk): the items BigCommerce names, by index in its error keys
// or else by identity in its messages, failed; the others were not written
// and can be sent again. Any other error is returned as it is.
func (w transactionWrite[T]) chunkError(err error, chunk []T) error {
	e := rejection(err)
	if e == nil {
		return err
	}
	for _, key := range w.keys {
		if named := itemsByIndex(e, len(chunk), key); named != nil {
			return rejectedChunk(e, len(chunk), named)
		}
	}
	ids := make([]itemIdentity, len(chunk))
	for i, it := range chunk {
		ids[i] = w.identify(it)
	}
	return rejectedChunk(e, len(chunk), itemsByIdentity(e, ids))
}

// ---------------------------------------------------------------------------
// Items

// InventoryIdentity identifies an inventory item in a response.
type InventoryIdentity struct {
	// SKU is the item's stock keeping unit.
	SKU string `json:"sku"`
	// VariantID is the variant's id.
	VariantID int `json:"variant_id"`
	// ProductID is the product's id.
	ProductID int `json:"product_id"`
	// SKUID is the read-only Catalog V2 SKU id; 0 (null in the API) for a
	// base variant, and absent from location item lists.
	SKUID int `json:"sku_id"`
}

// InventorySettings are an item's inventory settings at one location.
type InventorySettings struct {
	// SafetyStock is held back from sale: available to sell is the stock on
	// hand minus the safety stock.
	SafetyStock int `json:"safety_stock"`
	// IsInStock says whether the item can be bought regardless of quantity.
	IsInStock bool `json:"is_in_stock"`
	// WarningLevel is the stock level below which the merchant is warned.
	WarningLevel int `json:"warning_level"`
	// BinPickingNumber is the warehouse bin of the item.
	BinPickingNumber string `json:"bin_picking_number"`
}

// InventoryItem is an item's inventory at every location, from GET
// /v3/inventory/items.
type InventoryItem struct {
	// Identity names the item.
	Identity InventoryIdentity `json:"identity"`
	// Locations holds the item's stock at each location.
	Locations []InventoryItemLocation `json:"locations"`
}

// InventoryItemLocation is an item's stock and settings at one location.
type InventoryItemLocation struct {
	// LocationID is the location's id.
	LocationID int `json:"location_id"`
	// LocationCode is the location's code.
	LocationCode string `json:"location_code"`
	// LocationName is the location's name.
	LocationName string `json:"location_name"`
	// AvailableToSell is the stock on hand minus the safety stock.
	AvailableToSell int `json:"available_to_sell"`
	// TotalInventoryOnhand is the stock on hand.
	TotalInventoryOnhand int `json:"total_inventory_onhand"`
	// LocationEnabled says whether the location is enabled.
	LocationEnabled bool `json:"location_enabled"`
	// Settings are the item's settings at this location.
	Settings InventorySettings `json:"settings"`
}

// InventoryItemFilter selects inventory items for ListItems and AllItems.
type InventoryItemFilter struct {
	// SKUIn keeps items with these SKUs (sku:in).
	SKUIn StringList `url:"sku:in,omitempty"`
	// VariantIDIn keeps items with these variant ids (variant_id:in).
	VariantIDIn IntList `url:"variant_id:in,omitempty"`
	// ProductIDIn keeps items of these products (product_id:in).
	ProductIDIn IntList `url:"product_id:in,omitempty"`
	// LocationIDIn keeps the stock at these locations (location_id:in).
	LocationIDIn IntList `url:"location_id:in,omitempty"`
	// LocationCodeIn keeps the stock at the locations with these codes
	// (location_code:in).
	LocationCodeIn StringList `url:"location_code:in,omitempty"`
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// Limit is the page size, at most MaxInventoryPageSize; 0 means the
	// API's default (All uses MaxInventoryPageSize). A negative Page or
	// Limit, or a Limit above the maximum, is refused before sending.
	Limit int `url:"limit,omitempty"`
}

func (f *InventoryItemFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// ListItems returns one page of items with their inventory at every
// location: GET /v3/inventory/items. filter may be nil.
//
// A negative Page or Limit, or a Limit above MaxInventoryPageSize, is refused
// before anything is sent (ErrInvalidRequest). A filter value BigCommerce
// rejects is an error matching ErrUnprocessable.
func (s *InventoryService) ListItems(ctx context.Context, filter *InventoryItemFilter) ([]InventoryItem, *Response, error) {
	return listV3[InventoryItem](ctx, s.client, "/v3/inventory/items", filter)
}

// AllItems iterates over every inventory item matching filter, page by page:
// GET /v3/inventory/items. filter may be nil and is not modified.
//
// It walks page offsets (page=1, 2, ...), fetching pages ahead up to the
// client's WithMaxConcurrency once the first page gives the page count:
// the endpoint has no id range, id sort or cursor (its only id filters are
// variant_id:in, product_id:in and location_id:in). A stock adjustment
// changes items in place and shifts nothing, but a variant or location
// created or deleted during the walk shifts every later page by its items:
// items that existed throughout can then be skipped (after a deletion) or
// yielded twice (after a creation). For a complete snapshot of a changing
// catalog, walk Products.All (which is exactly-once) and read the items of
// its products with filter.ProductIDIn in chunks.
//
// A negative Page or Limit, or a Limit above MaxInventoryPageSize, is refused
// before anything is sent (ErrInvalidRequest). A filter value BigCommerce
// rejects is an error matching ErrUnprocessable. An error is yielded once and
// ends the walk.
func (s *InventoryService) AllItems(ctx context.Context, filter *InventoryItemFilter) iter.Seq2[InventoryItem, error] {
	return walk(ctx, s.client, filter, MaxInventoryPageSize, s.ListItems)
}

// LocationItem is an item's inventory at one location, from GET
// /v3/inventory/locations/{location_id}/items.
type LocationItem struct {
	// Identity names the item (SKUID is not part of this response).
	Identity InventoryIdentity `json:"identity"`
	// AvailableToSell is the stock on hand minus the safety stock.
	AvailableToSell int `json:"available_to_sell"`
	// TotalInventoryOnhand is the stock on hand.
	TotalInventoryOnhand int `json:"total_inventory_onhand"`
	// Settings are the item's settings at the location.
	Settings InventorySettings `json:"settings"`
}

// LocationItemFilter selects items for ListLocationItems and
// AllLocationItems.
type LocationItemFilter struct {
	// VariantIDIn keeps items with these variant ids (variant_id:in).
	VariantIDIn IntList `url:"variant_id:in,omitempty"`
	// ProductIDIn keeps items of these products (product_id:in).
	ProductIDIn IntList `url:"product_id:in,omitempty"`
	// SKUIn keeps items with these SKUs (sku:in).
	SKUIn StringList `url:"sku:in,omitempty"`
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// Limit is the page size, at most MaxInventoryPageSize; 0 means the
	// API's default (All uses MaxInventoryPageSize). A negative Page or
	// Limit, or a Limit above the maximum, is refused before sending.
	Limit int `url:"limit,omitempty"`
}

func (f *LocationItemFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// locationItemsPath returns the items path of a location, or a
// *ValidationError for a bad id.
func locationItemsPath(op string, locationID int) (string, error) {
	if locationID <= 0 {
		return "", invalid(op, "location id %d: want a location id (1 or more)", locationID)
	}
	return fmt.Sprintf("/v3/inventory/locations/%d/items", locationID), nil
}

// ListLocationItems returns one page of the items at a location with their
// stock and settings: GET /v3/inventory/locations/{location_id}/items.
// filter may be nil.
//
// A location id of 0 or less, or a bad page size, is refused before anything
// is sent (ErrInvalidRequest); a location BigCommerce does not know is an
// error matching ErrNotFound. A filter value BigCommerce rejects is an error
// matching ErrUnprocessable.
func (s *InventoryService) ListLocationItems(ctx context.Context, locationID int, filter *LocationItemFilter) ([]LocationItem, *Response, error) {
	path, err := locationItemsPath("Inventory.ListLocationItems", locationID)
	if err != nil {
		return nil, &Response{}, err
	}
	return listV3[LocationItem](ctx, s.client, path, filter)
}

// AllLocationItems iterates over every item at a location, page by page:
// GET /v3/inventory/locations/{location_id}/items. filter may be nil and is
// not modified.
//
// Like AllItems it walks page offsets (the endpoint has no id range, id sort
// or cursor), so a variant created or deleted during the walk shifts the
// later pages: an item that existed throughout can be skipped or yielded
// twice. Stock adjustments change items in place and shift nothing.
//
// A location id of 0 or less, or a bad page size, is refused before anything
// is sent (ErrInvalidRequest); a location BigCommerce does not know is an
// error matching ErrNotFound. An error is yielded once and ends the walk.
func (s *InventoryService) AllLocationItems(ctx context.Context, locationID int, filter *LocationItemFilter) iter.Seq2[LocationItem, error] {
	return walk(ctx, s.client, filter, MaxInventoryPageSize, func(ctx context.Context, f *LocationItemFilter) ([]LocationItem, *Response, error) {
		return s.ListLocationItems(ctx, locationID, f)
	})
}

// ItemIdentity names one inventory item in a write: set exactly one of
// SKU, VariantID or ProductID (0 and "" mean "not set").
type ItemIdentity struct {
	// SKU identifies a variant by its stock keeping unit.
	SKU string `json:"sku,omitempty"`
	// VariantID identifies a variant tracked by variant.
	VariantID int `json:"variant_id,omitempty"`
	// ProductID identifies a product tracked by product.
	ProductID int `json:"product_id,omitempty"`
}

// MarshalJSON implements json.Marshaler. It writes exactly one identity and
// fails when none or several are set.
func (id ItemIdentity) MarshalJSON() ([]byte, error) {
	if names := identityNames(id.ProductID, id.VariantID, id.SKU); len(names) != 1 {
		return nil, fmt.Errorf("bigcommerce: ItemIdentity: %s", identityProblem(names))
	}
	type plain ItemIdentity
	return json.Marshal(plain(id))
}

// LocationItemSettingsUpdate changes an item's inventory settings at a
// location. Nil fields are left as they are; set at least one.
type LocationItemSettingsUpdate struct {
	// Identity names the item.
	Identity ItemIdentity `json:"identity"`
	// SafetyStock is held back from sale (Ptr(0) removes it).
	SafetyStock *int `json:"safety_stock,omitempty"`
	// IsInStock says whether the item can be bought regardless of quantity.
	IsInStock *bool `json:"is_in_stock,omitempty"`
	// WarningLevel is the stock level below which the merchant is warned.
	WarningLevel *int `json:"warning_level,omitempty"`
	// BinPickingNumber is the warehouse bin of the item.
	BinPickingNumber *string `json:"bin_picking_number,omitempty"`
}

// checkSettingsUpdate validates one settings item.
func checkSettingsUpdate(u LocationItemSettingsUpdate) string {
	if msg := checkIdentity(u.Identity.ProductID, u.Identity.VariantID, u.Identity.SKU); msg != "" {
		return "Identity: " + msg
	}
	if u.SafetyStock == nil && u.IsInStock == nil && u.WarningLevel == nil && u.BinPickingNumber == nil {
		return "no setting to change: set at least one of SafetyStock, IsInStock, WarningLevel or BinPickingNumber"
	}
	return ""
}

// locationSettingsRequest is the body of PUT /v3/inventory/locations/{id}/items.
type locationSettingsRequest struct {
	Settings []LocationItemSettingsUpdate `json:"settings"`
}

// UpdateLocationItemSettings changes the inventory settings (safety stock,
// in-stock flag, warning level, bin picking number) of items at a location:
// PUT /v3/inventory/locations/{location_id}/items.
//
// Every item is validated first (exactly one identity, at least one
// setting); a bad one gives a *ValidationError naming its index. More than
// MaxInventoryBatch items are sent in sequential chunks. It returns the
// transaction id of the last successful request (the one that finished
// last); a failed chunk gives a *BatchError naming the failed input indexes,
// as in AdjustAbsolute.
func (s *InventoryService) UpdateLocationItemSettings(ctx context.Context, locationID int, settings []LocationItemSettingsUpdate) (string, *Response, error) {
	const op = "Inventory.UpdateLocationItemSettings"
	path, err := locationItemsPath(op, locationID)
	if err != nil {
		return "", &Response{}, err
	}
	if err := validateEach(op, "settings", settings, checkSettingsUpdate); err != nil {
		return "", &Response{}, err
	}
	w := transactionWrite[LocationItemSettingsUpdate]{op: op, method: http.MethodPut, path: path,
		body: func(chunk []LocationItemSettingsUpdate) any { return locationSettingsRequest{Settings: chunk} },
		// The spec's 422 example keys an item as "setting.0.settings".
		keys: []string{"setting", "settings"},
		identify: func(u LocationItemSettingsUpdate) itemIdentity {
			return itemIdentity{u.Identity.ProductID, u.Identity.VariantID, u.Identity.SKU}
		},
	}
	ids, resp, err := batch(ctx, op, settings, MaxInventoryBatch, inventoryParallel, w.send(s.client))
	last := ""
	if len(ids) > 0 {
		last = ids[len(ids)-1]
	}
	return last, resp, err
}

// ---------------------------------------------------------------------------
// Locations

// LocationType is a location's type_id.
type LocationType string

// Location types.
const (
	// LocationPhysical is a place with an address (a store or warehouse).
	LocationPhysical LocationType = "PHYSICAL"
	// LocationVirtual is a location without an address.
	LocationVirtual LocationType = "VIRTUAL"
)

// Location is an inventory location, from GET /v3/inventory/locations.
type Location struct {
	// ID is the location's immutable id; the store's default location is
	// usually 1.
	ID int `json:"id"`
	// Code is the merchant's unique code for the location.
	Code string `json:"code"`
	// Label is the location's name.
	Label string `json:"label"`
	// Description may be shown to shoppers.
	Description string `json:"description"`
	// ManagedByExternalSource says a third-party system is the source of
	// truth for the location's stock (editing it in the control panel is
	// disabled).
	ManagedByExternalSource bool `json:"managed_by_external_source"`
	// TypeID is PHYSICAL or VIRTUAL.
	TypeID LocationType `json:"type_id"`
	// Enabled says whether the location is active.
	Enabled bool `json:"enabled"`
	// OperatingHours are the weekly opening hours.
	OperatingHours OperatingHours `json:"operating_hours"`
	// TimeZone is a tz database name such as "Etc/UTC".
	TimeZone string `json:"time_zone"`
	// CreatedAt is when the location was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the location last changed.
	UpdatedAt time.Time `json:"updated_at"`
	// Address is the location's address; nil when it has none (virtual).
	Address *LocationAddress `json:"address"`
	// StorefrontVisibility says whether shoppers can see the location.
	StorefrontVisibility bool `json:"storefront_visibility"`
	// SpecialHours are exceptions to the weekly hours (holidays).
	SpecialHours []SpecialHours `json:"special_hours"`
}

// LocationAddress is a location's address.
type LocationAddress struct {
	// Address1 is the main address line.
	Address1 string `json:"address1"`
	// Address2 is the additional address line.
	Address2 string `json:"address2"`
	// City is the city.
	City string `json:"city"`
	// State is the state or province.
	State string `json:"state"`
	// Zip is the postal code.
	Zip string `json:"zip"`
	// Email is the location's e-mail address.
	Email string `json:"email"`
	// Phone is the location's phone number.
	Phone string `json:"phone"`
	// GeoCoordinates point at the location.
	GeoCoordinates GeoCoordinates `json:"geo_coordinates"`
	// CountryCode is the country code (the examples use ISO 3166-1
	// alpha-2, "US", though the spec's text says alpha-3).
	CountryCode string `json:"country_code"`
}

// GeoCoordinates are a latitude and a longitude in degrees. Both are
// always sent: the API requires them together.
type GeoCoordinates struct {
	// Latitude is from -90 to 90.
	Latitude float64 `json:"latitude"`
	// Longitude is from -180 to 180.
	Longitude float64 `json:"longitude"`
}

// OperatingHours is a location's weekly schedule, Sunday to Saturday. It
// is used in reads and writes; in a write, days left nil are not sent.
type OperatingHours struct {
	Sunday    *OperatingHoursForDay `json:"sunday,omitempty"`
	Monday    *OperatingHoursForDay `json:"monday,omitempty"`
	Tuesday   *OperatingHoursForDay `json:"tuesday,omitempty"`
	Wednesday *OperatingHoursForDay `json:"wednesday,omitempty"`
	Thursday  *OperatingHoursForDay `json:"thursday,omitempty"`
	Friday    *OperatingHoursForDay `json:"friday,omitempty"`
	Saturday  *OperatingHoursForDay `json:"saturday,omitempty"`
}

// OperatingHoursForDay is one day of OperatingHours. Open is always sent
// (false means closed that day).
type OperatingHoursForDay struct {
	// Open says whether the location opens that day.
	Open bool `json:"open"`
	// Opening is the opening time, "08:00".
	Opening string `json:"opening,omitempty"`
	// Closing is the closing time, "16:00".
	Closing string `json:"closing,omitempty"`
}

// SpecialHours is an exception to a location's weekly hours. It is used in
// reads and writes; the booleans are always sent.
type SpecialHours struct {
	// Label names the occasion, "Thanksgiving".
	Label string `json:"label"`
	// Date is the day, "2022-09-29" (YYYY-MM-DD).
	Date string `json:"date"`
	// Open says whether the location opens that day.
	Open bool `json:"open"`
	// Opening is the opening time, "09:00".
	Opening string `json:"opening,omitempty"`
	// Closing is the closing time, "17:00".
	Closing string `json:"closing,omitempty"`
	// AllDay says the location is open all day.
	AllDay bool `json:"all_day"`
	// Annual says the exception repeats every year.
	Annual bool `json:"annual"`
}

// LocationCreate is a new location for CreateLocations. Label, TypeID and
// TimeZone are required, and Address when TypeID is PHYSICAL.
// ManagedByExternalSource is always sent.
type LocationCreate struct {
	// Code is the merchant's unique code for the location.
	Code string `json:"code,omitempty"`
	// Label is the location's name (required).
	Label string `json:"label"`
	// Description may be shown to shoppers.
	Description *string `json:"description,omitempty"`
	// ManagedByExternalSource says a third-party system is the source of
	// truth for the location's stock.
	ManagedByExternalSource bool `json:"managed_by_external_source"`
	// TypeID is PHYSICAL or VIRTUAL (required).
	TypeID LocationType `json:"type_id"`
	// Enabled says whether the location is active (BigCommerce's default: true).
	Enabled *bool `json:"enabled,omitempty"`
	// OperatingHours are the weekly opening hours.
	OperatingHours *OperatingHours `json:"operating_hours,omitempty"`
	// TimeZone is a tz database name such as "Etc/UTC" (required).
	TimeZone string `json:"time_zone"`
	// Address is required for a PHYSICAL location.
	Address *LocationAddressCreate `json:"address,omitempty"`
	// StorefrontVisibility says whether shoppers can see the location
	// (BigCommerce's default: true).
	StorefrontVisibility *bool `json:"storefront_visibility,omitempty"`
	// SpecialHours are exceptions to the weekly hours.
	SpecialHours []SpecialHours `json:"special_hours,omitempty"`
}

// LocationAddressCreate is the address of a new location; its fields mean
// what they mean in LocationAddress. Every field but Address2 and Phone is
// required.
type LocationAddressCreate struct {
	Address1       string         `json:"address1"`
	Address2       string         `json:"address2,omitempty"`
	City           string         `json:"city"`
	State          string         `json:"state"`
	Zip            string         `json:"zip"`
	Email          string         `json:"email"`
	Phone          string         `json:"phone,omitempty"`
	GeoCoordinates GeoCoordinates `json:"geo_coordinates"`
	CountryCode    string         `json:"country_code"`
}

// LocationUpdate changes a location with UpdateLocations. ID is required;
// nil fields are left as they are.
type LocationUpdate struct {
	// ID is the location to change (required).
	ID int `json:"id"`
	// Code is the merchant's unique code for the location.
	Code *string `json:"code,omitempty"`
	// Label is the location's name.
	Label *string `json:"label,omitempty"`
	// Description may be shown to shoppers (Ptr("") clears it).
	Description *string `json:"description,omitempty"`
	// ManagedByExternalSource says a third-party system is the source of
	// truth for the location's stock.
	ManagedByExternalSource *bool `json:"managed_by_external_source,omitempty"`
	// TypeID is PHYSICAL or VIRTUAL.
	TypeID *LocationType `json:"type_id,omitempty"`
	// Enabled says whether the location is active (Ptr(false) disables it).
	Enabled *bool `json:"enabled,omitempty"`
	// OperatingHours are the weekly opening hours.
	OperatingHours *OperatingHours `json:"operating_hours,omitempty"`
	// TimeZone is a tz database name such as "Etc/UTC".
	TimeZone *string `json:"time_zone,omitempty"`
	// Address changes the address; CountryCode is required in it.
	Address *LocationAddressUpdate `json:"address,omitempty"`
	// StorefrontVisibility says whether shoppers can see the location.
	StorefrontVisibility *bool `json:"storefront_visibility,omitempty"`
	// SpecialHours replaces the exceptions to the weekly hours; nil sends
	// nothing, an empty non-nil slice sends [] to clear them.
	SpecialHours []SpecialHours `json:"special_hours,omitzero"`
}

// LocationAddressUpdate changes a location's address; its fields mean what
// they mean in LocationAddress. CountryCode is required; nil fields are
// left as they are.
type LocationAddressUpdate struct {
	Address1       *string         `json:"address1,omitempty"`
	Address2       *string         `json:"address2,omitempty"`
	City           *string         `json:"city,omitempty"`
	State          *string         `json:"state,omitempty"`
	Zip            *string         `json:"zip,omitempty"`
	Email          *string         `json:"email,omitempty"`
	Phone          *string         `json:"phone,omitempty"`
	GeoCoordinates *GeoCoordinates `json:"geo_coordinates,omitempty"`
	CountryCode    string          `json:"country_code"`
}

// LocationFilter selects locations for ListLocations and AllLocations.
type LocationFilter struct {
	// LocationIDIn keeps these locations (location_id:in).
	LocationIDIn IntList `url:"location_id:in,omitempty"`
	// LocationCodeIn keeps the locations with these codes (location_code:in).
	LocationCodeIn StringList `url:"location_code:in,omitempty"`
	// IsDefault keeps only the default location (true) or the others (false).
	IsDefault *bool `url:"is_default,omitempty"`
	// TypeIDIn keeps locations of these types, "PHYSICAL" or "VIRTUAL" (type_id:in).
	TypeIDIn StringList `url:"type_id:in,omitempty"`
	// ManagedByExternalSource filters on whether a third-party system
	// manages the stock.
	ManagedByExternalSource *bool `url:"managed_by_external_source,omitempty"`
	// IsActive filters on whether the location is enabled; nil returns both.
	IsActive *bool `url:"is_active,omitempty"`
	// StorefrontVisibility filters on visibility to shoppers; nil returns both.
	StorefrontVisibility *bool `url:"storefront_visibility,omitempty"`
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// Limit is the page size, at most MaxInventoryPageSize; 0 means the
	// API's default (All uses MaxInventoryPageSize). A negative Page or
	// Limit, or a Limit above the maximum, is refused before sending.
	Limit int `url:"limit,omitempty"`
}

func (f *LocationFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// ListLocations returns one page of locations: GET /v3/inventory/locations.
// filter may be nil.
//
// A negative Page or Limit, or a Limit above MaxInventoryPageSize, is refused
// before anything is sent (ErrInvalidRequest). A filter value BigCommerce
// rejects is an error matching ErrUnprocessable.
func (s *InventoryService) ListLocations(ctx context.Context, filter *LocationFilter) ([]Location, *Response, error) {
	return listV3[Location](ctx, s.client, "/v3/inventory/locations", filter)
}

// AllLocations iterates over every location matching filter, page by page:
// GET /v3/inventory/locations. filter may be nil and is not modified.
//
// It walks page offsets (the endpoint has no id range or cursor); a store
// rarely has more locations than one page holds. When it has, a location
// created or deleted during the walk shifts the later pages: one that
// existed throughout can be skipped or yielded twice.
//
// A negative Page or Limit, or a Limit above MaxInventoryPageSize, is refused
// before anything is sent (ErrInvalidRequest). A filter value BigCommerce
// rejects is an error matching ErrUnprocessable. An error is yielded once and
// ends the walk.
func (s *InventoryService) AllLocations(ctx context.Context, filter *LocationFilter) iter.Seq2[Location, error] {
	return walk(ctx, s.client, filter, MaxInventoryPageSize, s.ListLocations)
}

// checkLocationCreate validates one new location.
func checkLocationCreate(l LocationCreate) string {
	var missing []string
	if strings.TrimSpace(l.Label) == "" {
		missing = append(missing, "Label")
	}
	if l.TypeID == "" {
		missing = append(missing, "TypeID")
	}
	if strings.TrimSpace(l.TimeZone) == "" {
		missing = append(missing, "TimeZone")
	}
	if l.TypeID == LocationPhysical && l.Address == nil {
		missing = append(missing, "Address (required for a PHYSICAL location)")
	}
	if len(missing) > 0 {
		return "missing " + strings.Join(missing, ", ")
	}
	return ""
}

// CreateLocations creates locations: POST /v3/inventory/locations. It
// returns the transaction id; the new ids are not part of the answer (list
// the locations by code to find them). A store has at most 100 active
// locations. Each location is validated first; a bad one gives a
// *ValidationError naming its index.
//
// If the request may have reached BigCommerce and no answer proves its fate (a
// 5xx, a cut connection), the error matches ErrOutcomeUnknown and the SDK does
// not resend it: list the locations by code before sending them again.
func (s *InventoryService) CreateLocations(ctx context.Context, locations []LocationCreate) (string, *Response, error) {
	if err := validateEach("Inventory.CreateLocations", "locations", locations, checkLocationCreate); err != nil {
		return "", &Response{}, err
	}
	var tx transactionResponse
	resp, err := s.client.call(ctx, http.MethodPost, "/v3/inventory/locations", nil, locations, &tx)
	return tx.TransactionID, resp, err
}

// checkLocationUpdate validates one location change.
func checkLocationUpdate(l LocationUpdate) string {
	if l.ID <= 0 {
		return fmt.Sprintf("ID %d: want the id of the location to change (1 or more)", l.ID)
	}
	if l.Address != nil && strings.TrimSpace(l.Address.CountryCode) == "" {
		return "Address.CountryCode is required when the address is changed"
	}
	return ""
}

// UpdateLocations changes locations: PUT /v3/inventory/locations. It
// returns the transaction id. Each change is validated first (an ID is
// required); a bad one gives a *ValidationError naming its index.
func (s *InventoryService) UpdateLocations(ctx context.Context, locations []LocationUpdate) (string, *Response, error) {
	if err := validateEach("Inventory.UpdateLocations", "locations", locations, checkLocationUpdate); err != nil {
		return "", &Response{}, err
	}
	var tx transactionResponse
	resp, err := s.client.call(ctx, http.MethodPut, "/v3/inventory/locations", nil, locations, &tx)
	return tx.TransactionID, resp, err
}

// deleteLocationsQuery is the query of DELETE /v3/inventory/locations.
type deleteLocationsQuery struct {
	LocationIDIn IntList `url:"location_id:in"`
}

// DeleteLocations deletes the locations with the given ids: DELETE
// /v3/inventory/locations?location_id:in=... With no ids nothing is sent
// (a *ValidationError), so this can never become an unfiltered delete.
// Deleting a location also deletes its stock; the default location and
// shipping origins, and locations with open orders, cannot be deleted (a
// 422 *Error).
func (s *InventoryService) DeleteLocations(ctx context.Context, ids ...int) (*Response, error) {
	const op = "Inventory.DeleteLocations"
	if len(ids) == 0 {
		return &Response{}, invalid(op, "no location ids given: pass at least one")
	}
	for i, id := range ids {
		if id <= 0 {
			return &Response{}, invalid(op, "ids[%d] = %d: want a location id (1 or more)", i, id)
		}
	}
	return s.client.call(ctx, http.MethodDelete, "/v3/inventory/locations", deleteLocationsQuery{LocationIDIn: ids}, nil, nil)
}
