package bigcommerce

import (
	"context"
	"iter"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// PriceListsService manages price lists (V3 /v3/pricelists), their price
// records (/v3/pricelists/{id}/records, see price_lists_records.go) and
// their assignments to customer groups and channels
// (/v3/pricelists/assignments, see price_lists_assignments.go). It is
// reached through Client.PriceLists and needs the store_v2_products scope
// (store_v2_products_read_only for reads).
//
// Every All here walks by cursor (after), which BigCommerce documents for
// these lists: records created or deleted during a long export cannot
// shift it.
type PriceListsService service

const priceListsPath = "/v3/pricelists"

// PriceList is a price list (PriceList).
type PriceList struct {
	// ID is the price list's id.
	ID int `json:"id"`
	// Name is the price list's unique name.
	Name string `json:"name"`
	// DateCreated is when the price list was created.
	DateCreated time.Time `json:"date_created"`
	// DateModified is when it last changed.
	DateModified time.Time `json:"date_modified"`
	// Active says whether the price list applies.
	Active bool `json:"active"`
}

// PriceListCreate is the body of PriceLists.Create. Name is required.
type PriceListCreate struct {
	// Name is the unique name (required).
	Name string `json:"name"`
	// Active makes the price list apply.
	Active *bool `json:"active,omitempty"`
}

// PriceListUpdate is the body of PriceLists.Update; nil fields are left
// unchanged. The spec's schema marks name required on PUT too, while its
// x-required says POST only: the SDK lets Name be nil.
type PriceListUpdate struct {
	// Name is the new unique name.
	Name *string `json:"name,omitempty"`
	// Active turns the price list on or off.
	Active *bool `json:"active,omitempty"`
}

// PriceListFilter selects price lists for List and All (GET /v3/pricelists).
// Dates are sent as RFC 3339.
type PriceListFilter struct {
	// IDIn keeps these price lists (id:in).
	IDIn IntList `url:"id:in,omitempty"`
	// Name keeps the price list with exactly this name.
	Name string `url:"name,omitempty"`
	// NameLike keeps price lists whose name contains this (name:like).
	NameLike string `url:"name:like,omitempty"`
	// DateCreated keeps price lists created at this time.
	DateCreated time.Time `url:"date_created,omitempty"`
	// DateCreatedMin keeps price lists created at or after this time.
	DateCreatedMin time.Time `url:"date_created:min,omitempty"`
	// DateCreatedMax keeps price lists created at or before this time.
	DateCreatedMax time.Time `url:"date_created:max,omitempty"`
	// DateModified keeps price lists modified at this time.
	DateModified time.Time `url:"date_modified,omitempty"`
	// DateModifiedMin keeps price lists modified at or after this time.
	DateModifiedMin time.Time `url:"date_modified:min,omitempty"`
	// DateModifiedMax keeps price lists modified at or before this time.
	DateModifiedMax time.Time `url:"date_modified:max,omitempty"`
	// After asks for the page after this cursor (a previous page's
	// Response.Pagination.Cursor.EndCursor).
	After string `url:"after,omitempty"`
	// Before asks for the page before this cursor. All does not walk
	// backwards and refuses it.
	Before string `url:"before,omitempty"`
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// Limit is the page size (at most 250).
	Limit int `url:"limit,omitempty"`
}

func (f *PriceListFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// PriceListDeleteFilter selects the price lists DeleteWhere deletes. At
// least one field must be set.
type PriceListDeleteFilter struct {
	// IDIn deletes these price lists (id:in).
	IDIn IntList `url:"id:in,omitempty"`
	// Name deletes the price list with this name.
	Name string `url:"name,omitempty"`
}

// List returns one page of price lists: GET /v3/pricelists.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable.
func (s *PriceListsService) List(ctx context.Context, filter *PriceListFilter) ([]PriceList, *Response, error) {
	return listV3[PriceList](ctx, s.client, priceListsPath, filter)
}

// All iterates over every price list matching filter: GET /v3/pricelists,
// following the end cursor (after) from page to page, 250 per page unless
// filter.Limit is set.
//
// A Before cursor or a bad page size is refused before anything is sent
// (ErrInvalidRequest). A filter value BigCommerce rejects is an error matching
// ErrUnprocessable. An error is yielded once and ends the walk.
func (s *PriceListsService) All(ctx context.Context, filter *PriceListFilter) iter.Seq2[PriceList, error] {
	if filter != nil && filter.Before != "" {
		return refused[PriceList](invalid("PriceLists.All", "Before is set: All walks forward only; use After, or List for one page"))
	}
	return walkCursor(ctx, filter, s.List, func(f *PriceListFilter) *string { return &f.After })
}

// Get returns one price list: GET /v3/pricelists/{id}.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *PriceListsService) Get(ctx context.Context, id int) (*PriceList, *Response, error) {
	if err := checkID("PriceLists.Get", "price list id", id); err != nil {
		return nil, &Response{}, err
	}
	return getOne[PriceList](ctx, s.client, http.MethodGet, priceListPath(id), nil, nil)
}

// Create creates a price list: POST /v3/pricelists. A duplicate name is a
// 409 (errors.Is(err, ErrConflict)).
//
// An empty Name is refused before anything is sent (ErrInvalidRequest). Input
// BigCommerce refuses is an error matching ErrUnprocessable (422, or 400 for a
// malformed body), with the fields at fault in *Error.Fields. If the request
// may have reached BigCommerce and no answer proves its fate (a 5xx, a cut
// connection), the error matches ErrOutcomeUnknown and the SDK does not resend
// it: check before sending it again.
func (s *PriceListsService) Create(ctx context.Context, list PriceListCreate) (*PriceList, *Response, error) {
	if strings.TrimSpace(list.Name) == "" {
		return nil, &Response{}, invalid("PriceLists.Create", "Name is required")
	}
	return getOne[PriceList](ctx, s.client, http.MethodPost, priceListsPath, nil, list)
}

// Update changes a price list: PUT /v3/pricelists/{id}.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound. An update
// that sets nothing, or sets an empty Name, is refused the same way. Input
// BigCommerce refuses is an error matching ErrUnprocessable (422, or 400 for a
// malformed body), with the fields at fault in *Error.Fields.
func (s *PriceListsService) Update(ctx context.Context, id int, list PriceListUpdate) (*PriceList, *Response, error) {
	const op = "PriceLists.Update"
	if err := checkID(op, "price list id", id); err != nil {
		return nil, &Response{}, err
	}
	switch {
	case list.Name == nil && list.Active == nil:
		return nil, &Response{}, invalid(op, "nothing to update: set Name or Active")
	case list.Name != nil && strings.TrimSpace(*list.Name) == "":
		return nil, &Response{}, invalid(op, "Name is empty: leave it nil to keep the current name")
	}
	return getOne[PriceList](ctx, s.client, http.MethodPut, priceListPath(id), nil, list)
}

// Delete deletes one price list and all its records: DELETE
// /v3/pricelists/{id}. BigCommerce allows one such request at a time.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *PriceListsService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("PriceLists.Delete", "price list id", id); err != nil {
		return &Response{}, err
	}
	return s.client.call(ctx, http.MethodDelete, priceListPath(id), nil, nil, nil)
}

// DeleteWhere deletes the price lists matching filter, with all their
// records: DELETE /v3/pricelists?id:in=...&name=... . An empty filter is
// refused before anything is sent.
//
// A nil or empty filter is refused before anything is sent
// (ErrInvalidRequest): BigCommerce would delete every price list. A filter
// value BigCommerce rejects is an error matching ErrUnprocessable.
func (s *PriceListsService) DeleteWhere(ctx context.Context, filter *PriceListDeleteFilter) (*Response, error) {
	return deleteWhere(ctx, s.client, "PriceLists.DeleteWhere", priceListsPath, filter)
}

func priceListPath(id int) string { return priceListsPath + "/" + strconv.Itoa(id) }
