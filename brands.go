package bigcommerce

import (
	"context"
	"iter"
	"net/http"
	"strconv"
	"strings"
)

// BrandsService manages catalog brands (V3 /v3/catalog/brands). It is
// reached through Client.Brands and needs the store_v2_products scope
// (store_v2_products_read_only for reads).
type BrandsService service

const brandsPath = "/v3/catalog/brands"

// Brand is a catalog brand (brand_Full).
type Brand struct {
	// ID is the brand's id.
	ID int `json:"id"`
	// Name is the brand's unique name.
	Name string `json:"name"`
	// PageTitle is the browser title of the brand's page.
	PageTitle string `json:"page_title"`
	// MetaKeywords are the page's meta keywords.
	MetaKeywords []string `json:"meta_keywords"`
	// MetaDescription is the page's meta description.
	MetaDescription string `json:"meta_description"`
	// ImageURL is the brand's image.
	ImageURL string `json:"image_url"`
	// SearchKeywords is a comma-separated list of search keywords.
	SearchKeywords string `json:"search_keywords"`
	// CustomURL is the brand page's storefront URL.
	CustomURL *CustomURL `json:"custom_url,omitempty"`
}

// BrandCreate is the body of Brands.Create. Name is required.
type BrandCreate struct {
	// Name is the brand's unique name (required, 1 to 255 characters).
	Name string `json:"name"`
	// PageTitle is the browser title of the brand's page.
	PageTitle *string `json:"page_title,omitempty"`
	// MetaKeywords are the page's meta keywords.
	MetaKeywords []string `json:"meta_keywords,omitempty"`
	// MetaDescription is the page's meta description.
	MetaDescription *string `json:"meta_description,omitempty"`
	// SearchKeywords is a comma-separated list of search keywords.
	SearchKeywords *string `json:"search_keywords,omitempty"`
	// ImageURL is an image BigCommerce downloads for the brand.
	ImageURL *string `json:"image_url,omitempty"`
	// CustomURL sets the storefront URL; nil generates it from Name.
	CustomURL *CustomURL `json:"custom_url,omitempty"`
}

// BrandUpdate is the body of Brands.Update; nil fields are left unchanged.
//
// The spec's PUT schema lists name as required, while its description of
// the same field says "Required in POST" and every other catalog PUT is a
// partial update: the SDK follows the description and lets Name be nil.
type BrandUpdate struct {
	// Name is the new unique name.
	Name *string `json:"name,omitempty"`
	// PageTitle is the new browser title; Ptr("") clears it.
	PageTitle *string `json:"page_title,omitempty"`
	// MetaKeywords replaces the meta keywords: nil leaves them, an empty
	// non-nil slice clears them.
	MetaKeywords []string `json:"meta_keywords,omitzero"`
	// MetaDescription is the new meta description; Ptr("") clears it.
	MetaDescription *string `json:"meta_description,omitempty"`
	// SearchKeywords are the new search keywords; Ptr("") clears them.
	SearchKeywords *string `json:"search_keywords,omitempty"`
	// ImageURL is a new image for BigCommerce to download; Ptr("") removes it.
	ImageURL *string `json:"image_url,omitempty"`
	// CustomURL is the new storefront URL.
	CustomURL *CustomURL `json:"custom_url,omitempty"`
}

// BrandSort is a field GET /v3/catalog/brands can sort by; the spec offers
// only name.
type BrandSort string

// BrandSortName sorts brands by name.
const BrandSortName BrandSort = "name"

// BrandFilter selects brands for List and All (GET /v3/catalog/brands). The
// zero value lists every brand.
type BrandFilter struct {
	// ID keeps the brand with this id.
	ID int `url:"id,omitempty"`
	// IDIn keeps brands with these ids (id:in).
	IDIn IntList `url:"id:in,omitempty"`
	// IDNotIn drops brands with these ids (id:not_in).
	IDNotIn IntList `url:"id:not_in,omitempty"`
	// IDMin keeps ids at or above this (id:min).
	IDMin int `url:"id:min,omitempty"`
	// IDMax keeps ids at or below this (id:max).
	IDMax int `url:"id:max,omitempty"`
	// IDGreater keeps ids above this (id:greater; the spec types it as an
	// array, but a lower bound is one number).
	IDGreater int `url:"id:greater,omitempty"`
	// IDLess keeps ids below this (id:less).
	IDLess int `url:"id:less,omitempty"`
	// Name keeps the brand with exactly this name.
	Name string `url:"name,omitempty"`
	// NameLike keeps brands whose name contains this (name:like).
	NameLike string `url:"name:like,omitempty"`
	// PageTitle keeps brands with this page title.
	PageTitle string `url:"page_title,omitempty"`
	// IncludeFields returns only these fields (and the id).
	IncludeFields StringList `url:"include_fields,omitempty"`
	// ExcludeFields leaves these fields out (never the id).
	ExcludeFields StringList `url:"exclude_fields,omitempty"`
	// Sort orders the list by a field (BrandSortName); the default is id.
	Sort BrandSort `url:"sort,omitempty"`
	// Direction is the sort direction.
	Direction Direction `url:"direction,omitempty"`
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// Limit is the page size (at most 250).
	Limit int `url:"limit,omitempty"`
}

func (f *BrandFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// BrandDeleteFilter selects the brands DeleteWhere deletes (DELETE
// /v3/catalog/brands). BigCommerce requires name; there is no id filter on
// this endpoint (use Delete for ids).
type BrandDeleteFilter struct {
	// Name deletes the brand with this name (required).
	Name string `url:"name"`
	// PageTitle narrows the delete to brands with this page title.
	PageTitle string `url:"page_title,omitempty"`
}

// List returns one page of brands: GET /v3/catalog/brands.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable.
func (s *BrandsService) List(ctx context.Context, filter *BrandFilter) ([]Brand, *Response, error) {
	return listV3[Brand](ctx, s.client, brandsPath, filter)
}

// All iterates over every brand matching filter: GET /v3/catalog/brands,
// 250 per page unless filter.Limit is set. The filter is not modified.
//
// Brands are listed by id by default, so All walks by id range
// (id:greater above the last brand seen): brands created or deleted during
// the walk cannot shift it, and every brand that exists throughout is
// yielded exactly once. With Sort set, Direction Desc or Page above 1 it
// walks by page offset instead; then a brand deleted during the walk from
// a page already read makes it skip one brand, and a brand created on such
// a page makes it yield one brand twice.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable. An error is
// yielded once and ends the walk.
func (s *BrandsService) All(ctx context.Context, filter *BrandFilter) iter.Seq2[Brand, error] {
	if filter != nil && (filter.Sort != "" || filter.Direction == Desc || filter.Page > 1) {
		return walk(ctx, s.client, filter, MaxPageSize, s.List)
	}
	return walkAscending(ctx, filter, s.List,
		func(b Brand) int { return b.ID },
		func(f *BrandFilter, id int) { f.IDGreater = id })
}

// Get returns one brand: GET /v3/catalog/brands/{id}.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *BrandsService) Get(ctx context.Context, id int) (*Brand, *Response, error) {
	if err := checkID("Brands.Get", "brand id", id); err != nil {
		return nil, &Response{}, err
	}
	return getOne[Brand](ctx, s.client, http.MethodGet, brandPath(id), nil, nil)
}

// Create creates a brand: POST /v3/catalog/brands. A duplicate name is a
// 409 (errors.Is(err, ErrConflict)). On a 207 the brand was created but
// part of it (its image) was not saved: the brand is returned beside a
// *MultiStatusError.
//
// A name that is empty or longer than 255 characters is refused before
// anything is sent (ErrInvalidRequest). Input BigCommerce refuses is an error
// matching ErrUnprocessable (422, or 400 for a malformed body), with the
// fields at fault in *Error.Fields. If the request may have reached
// BigCommerce and no answer proves its fate (a 5xx, a cut connection), the
// error matches ErrOutcomeUnknown and the SDK does not resend it: check before
// sending it again.
func (s *BrandsService) Create(ctx context.Context, brand BrandCreate) (*Brand, *Response, error) {
	const op = "Brands.Create"
	if err := checkBrandName(op, brand.Name); err != nil {
		return nil, &Response{}, err
	}
	return getOne[Brand](ctx, s.client, http.MethodPost, brandsPath, nil, brand)
}

// Update changes a brand: PUT /v3/catalog/brands/{id}.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound. A Name set
// to empty or to more than 255 characters is refused the same way. Input
// BigCommerce refuses is an error matching ErrUnprocessable (422, or 400 for a
// malformed body), with the fields at fault in *Error.Fields.
func (s *BrandsService) Update(ctx context.Context, id int, brand BrandUpdate) (*Brand, *Response, error) {
	const op = "Brands.Update"
	if err := checkID(op, "brand id", id); err != nil {
		return nil, &Response{}, err
	}
	if brand.Name != nil {
		if err := checkBrandName(op, *brand.Name); err != nil {
			return nil, &Response{}, err
		}
	}
	return getOne[Brand](ctx, s.client, http.MethodPut, brandPath(id), nil, brand)
}

// Delete deletes one brand: DELETE /v3/catalog/brands/{id}.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *BrandsService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("Brands.Delete", "brand id", id); err != nil {
		return &Response{}, err
	}
	return s.client.call(ctx, http.MethodDelete, brandPath(id), nil, nil, nil)
}

// DeleteWhere deletes the brands matching filter: DELETE
// /v3/catalog/brands?name=...[&page_title=...]. filter.Name is required;
// an unfiltered delete is refused before anything is sent.
//
// A nil filter or an empty Name is refused before anything is sent
// (ErrInvalidRequest).
func (s *BrandsService) DeleteWhere(ctx context.Context, filter *BrandDeleteFilter) (*Response, error) {
	const op = "Brands.DeleteWhere"
	if filter == nil || strings.TrimSpace(filter.Name) == "" {
		return &Response{}, invalid(op, "filter.Name is required: BigCommerce deletes brands only by name, and the SDK never sends an unfiltered DELETE")
	}
	return deleteWhere(ctx, s.client, op, brandsPath, filter)
}

func brandPath(id int) string { return brandsPath + "/" + strconv.Itoa(id) }

func checkBrandName(op, name string) error {
	switch n := len([]rune(strings.TrimSpace(name))); {
	case n == 0:
		return invalid(op, "Name is required")
	case len([]rune(name)) > 255:
		return invalid(op, "Name has %d characters; BigCommerce allows 255", len([]rune(name)))
	}
	return nil
}
