package bigcommerce

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"time"
)

const (
	// ListingBatchSize is how many listings CreateListings and
	// UpdateListings send per request. The spec documents no limit, so the
	// SDK keeps requests to a size BigCommerce's other V3 batch endpoints
	// accept.
	ListingBatchSize = 50
)

// ListingState is the state of a listing or of one of its variants on a
// channel.
type ListingState string

// Listing states. ListingStatePartiallyRejected applies to listings only.
const (
	ListingStateActive            ListingState = "active"
	ListingStateDisabled          ListingState = "disabled"
	ListingStateError             ListingState = "error"
	ListingStatePending           ListingState = "pending"
	ListingStatePendingDisable    ListingState = "pending_disable"
	ListingStatePendingDelete     ListingState = "pending_delete"
	ListingStatePartiallyRejected ListingState = "partially_rejected"
	ListingStateQueued            ListingState = "queued"
	ListingStateRejected          ListingState = "rejected"
	ListingStateSubmitted         ListingState = "submitted"
	ListingStateDeleted           ListingState = "deleted"
)

// Listing is a product listed on a channel, with its variants.
type Listing struct {
	// ChannelID is the channel.
	ChannelID int `json:"channel_id"`
	// ListingID is the listing's id.
	ListingID int `json:"listing_id"`
	// ExternalID is the listing's id on the channel's platform.
	ExternalID string `json:"external_id"`
	// ProductID is the catalog product listed.
	ProductID int `json:"product_id"`
	// State is the listing's state on the channel.
	State ListingState `json:"state"`
	// Name is the product's name on the channel.
	Name string `json:"name"`
	// Description is the product's description on the channel.
	Description string `json:"description"`
	// DateCreated is when the listing was created.
	DateCreated time.Time `json:"date_created"`
	// DateModified is when it last changed.
	DateModified time.Time `json:"date_modified"`
	// Variants are the listed variants.
	Variants []ListingVariant `json:"variants"`
}

// ListingVariant is one variant of a listing.
type ListingVariant struct {
	// ChannelID is the channel.
	ChannelID int `json:"channel_id"`
	// ProductID is the variant's product.
	ProductID int `json:"product_id"`
	// VariantID is the catalog variant.
	VariantID int `json:"variant_id"`
	// ExternalID is the variant's id on the channel's platform.
	ExternalID string `json:"external_id"`
	// State is the variant's state on the channel.
	State ListingState `json:"state"`
	// Name is the variant's name on the channel.
	Name string `json:"name"`
	// DateCreated is when the variant was listed.
	DateCreated time.Time `json:"date_created"`
	// DateModified is when it last changed.
	DateModified time.Time `json:"date_modified"`
}

// ListingVariantWrite is one variant in a listing write. ProductID,
// VariantID and State are required; ProductID must be the listing's.
type ListingVariantWrite struct {
	// ProductID is the variant's product (required).
	ProductID int `json:"product_id"`
	// VariantID is the catalog variant (required).
	VariantID int `json:"variant_id"`
	// State is the variant's state (required).
	State ListingState `json:"state"`
	// ExternalID is the variant's id on the platform.
	ExternalID *string `json:"external_id,omitempty"`
	// Name is the variant's name on the channel.
	Name *string `json:"name,omitempty"`
}

// ListingCreate is one listing for CreateListings. ProductID, State and
// at least one variant are required.
type ListingCreate struct {
	// ProductID is the product to list (required).
	ProductID int `json:"product_id"`
	// State is the listing's state (required).
	State ListingState `json:"state"`
	// ExternalID is the listing's id on the platform.
	ExternalID *string `json:"external_id,omitempty"`
	// Name is the product's name on the channel.
	Name *string `json:"name,omitempty"`
	// Description is the product's description on the channel.
	Description *string `json:"description,omitempty"`
	// Variants are the variants to list (required).
	Variants []ListingVariantWrite `json:"variants"`
}

// ListingUpdate is one listing change for UpdateListings. The spec
// describes partial updates but its schema requires listing_id,
// product_id, state and variants, so the SDK requires them too. Variants
// given are added or updated; variants left out are unchanged, so
// Variants may be empty.
type ListingUpdate struct {
	// ListingID is the listing to change (required).
	ListingID int `json:"listing_id"`
	// ProductID is the listing's product (required; it cannot change).
	ProductID int `json:"product_id"`
	// State is the listing's state (required).
	State ListingState `json:"state"`
	// ExternalID is the new platform id.
	ExternalID *string `json:"external_id,omitempty"`
	// Name is the new name on the channel.
	Name *string `json:"name,omitempty"`
	// Description is the new description on the channel.
	Description *string `json:"description,omitempty"`
	// Variants are added or updated; nil is sent as [].
	Variants []ListingVariantWrite `json:"variants"`
}

// ListingFilter selects listings for ListListings and AllListings (GET
// /v3/channels/{id}/listings). The endpoint pages by listing id, not page
// number: After asks for the listings after that listing id.
type ListingFilter struct {
	// ProductIDIn keeps the listings of these products (product_id:in).
	ProductIDIn IntList `url:"product_id:in,omitempty"`
	// DateCreated keeps listings created at this time.
	DateCreated time.Time `url:"date_created,omitempty"`
	// DateCreatedMin keeps listings created at or after this time.
	DateCreatedMin time.Time `url:"date_created:min,omitempty"`
	// DateCreatedMax keeps listings created at or before this time.
	DateCreatedMax time.Time `url:"date_created:max,omitempty"`
	// DateModified keeps listings modified at this time.
	DateModified time.Time `url:"date_modified,omitempty"`
	// DateModifiedMin keeps listings modified at or after this time.
	DateModifiedMin time.Time `url:"date_modified:min,omitempty"`
	// DateModifiedMax keeps listings modified at or before this time.
	DateModifiedMax time.Time `url:"date_modified:max,omitempty"`
	// After keeps listings whose id is above this listing id.
	After int `url:"after,omitempty"`
	// Limit is the page size (at most 250).
	Limit int `url:"limit,omitempty"`

	page int // the walkers' page counter; the endpoint has no page parameter
}

func (f *ListingFilter) paging() (page, limit *int) { return &f.page, &f.Limit }

// ListListings returns one page of a channel's listings: GET
// /v3/channels/{id}/listings. An unknown channel gives an empty list, not
// a 404.
//
// A channel id of 0 or less, or a negative After, is refused before anything
// is sent (ErrInvalidRequest), and so is a bad page size. A filter value
// BigCommerce rejects is an error matching ErrUnprocessable.
func (s *ChannelsService) ListListings(ctx context.Context, channelID int, filter *ListingFilter) ([]Listing, *Response, error) {
	const op = "Channels.ListListings"
	if err := checkID(op, "channel id", channelID); err != nil {
		return nil, &Response{}, err
	}
	if filter != nil && filter.After < 0 {
		return nil, &Response{}, invalid(op, "After must be a listing id or 0, got %d", filter.After)
	}
	return listV3[Listing](ctx, s.client, listingsPath(channelID), filter)
}

// AllListings iterates over every listing of a channel matching filter:
// GET /v3/channels/{id}/listings, 250 per page unless filter.Limit is set,
// each page asking for the listings after the last listing id seen (the
// key the endpoint pages by), so listings created or deleted during the
// walk cannot shift it.
//
// A channel id of 0 or less, or a bad page size, is refused before anything is
// sent (ErrInvalidRequest). A filter value BigCommerce rejects is an error
// matching ErrUnprocessable. An error is yielded once and ends the walk.
func (s *ChannelsService) AllListings(ctx context.Context, channelID int, filter *ListingFilter) iter.Seq2[Listing, error] {
	return walkAscending(ctx, filter, func(ctx context.Context, f *ListingFilter) ([]Listing, *Response, error) {
		return s.ListListings(ctx, channelID, f)
	}, func(l Listing) int { return l.ListingID }, func(f *ListingFilter, id int) { f.After = id })
}

// GetListing returns one listing: GET /v3/channels/{id}/listings/{listing_id}.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *ChannelsService) GetListing(ctx context.Context, channelID, listingID int) (*Listing, *Response, error) {
	const op = "Channels.GetListing"
	if err := checkID(op, "channel id", channelID); err != nil {
		return nil, &Response{}, err
	}
	if err := checkID(op, "listing id", listingID); err != nil {
		return nil, &Response{}, err
	}
	return getOne[Listing](ctx, s.client, http.MethodGet, fmt.Sprintf("%s/%d", listingsPath(channelID), listingID), nil, nil)
}

// CreateListings lists products on a channel: POST
// /v3/channels/{id}/listings, in chunks of ListingBatchSize. It returns the
// created listings in input order and a *BatchError naming each input
// index that failed. Every listing needs ProductID, State and at least
// one variant (each with ProductID equal to the listing's, VariantID and
// State), or nothing is sent.
func (s *ChannelsService) CreateListings(ctx context.Context, channelID int, listings []ListingCreate) ([]Listing, *Response, error) {
	const op = "Channels.CreateListings"
	if err := checkID(op, "channel id", channelID); err != nil {
		return nil, &Response{}, err
	}
	if len(listings) == 0 {
		return nil, &Response{}, invalid(op, "no listings given")
	}
	for i, l := range listings {
		if len(l.Variants) == 0 {
			return nil, &Response{}, invalid(op, "listing %d: at least one variant is required", i)
		}
		if err := checkListing(op, i, l.ProductID, l.State, l.Variants); err != nil {
			return nil, &Response{}, err
		}
	}
	return writeBatch[ListingCreate, Listing](ctx, s.client, op, http.MethodPost, listingsPath(channelID), listings, ListingBatchSize, cap(s.client.sem))
}

// UpdateListings changes listings of a channel: PUT
// /v3/channels/{id}/listings, in chunks of ListingBatchSize. Variants given
// are added or updated; others are left as they are. It returns the
// updated listings and a *BatchError naming each input index that failed.
// BigCommerce answers 200 and silently skips a listing id that does not
// exist; the SDK reports each such item as a failure (ErrNotFound).
func (s *ChannelsService) UpdateListings(ctx context.Context, channelID int, listings []ListingUpdate) ([]Listing, *Response, error) {
	const op = "Channels.UpdateListings"
	if err := checkID(op, "channel id", channelID); err != nil {
		return nil, &Response{}, err
	}
	if len(listings) == 0 {
		return nil, &Response{}, invalid(op, "no listings given")
	}
	items := make([]ListingUpdate, len(listings))
	for i, l := range listings {
		if l.ListingID <= 0 {
			return nil, &Response{}, invalid(op, "listing %d: ListingID must be a positive id, got %d", i, l.ListingID)
		}
		if err := checkListing(op, i, l.ProductID, l.State, l.Variants); err != nil {
			return nil, &Response{}, err
		}
		items[i] = l
		if items[i].Variants == nil {
			items[i].Variants = []ListingVariantWrite{} // the schema requires the field
		}
	}
	path := listingsPath(channelID)
	return batch(ctx, op, items, ListingBatchSize, cap(s.client.sem), func(ctx context.Context, chunk []ListingUpdate) ([]Listing, *Response, error) {
		out, resp, err := sendChunk[ListingUpdate, Listing](ctx, s.client, http.MethodPut, path, chunk)
		if err != nil {
			return out, resp, err
		}
		return out, resp, missingListings(chunk, out, path)
	})
}

// missingListings reports the sent listings the answer left out: the ids
// BigCommerce skipped because they do not exist.
func missingListings(sent []ListingUpdate, got []Listing, path string) error {
	back := make(map[int]bool, len(got))
	for _, l := range got {
		back[l.ListingID] = true
	}
	berr := &BatchError{Total: len(sent)}
	for i, l := range sent {
		if !back[l.ListingID] {
			berr.Failures = append(berr.Failures, BatchFailure{Index: i, Err: &Error{
				StatusCode: http.StatusNotFound, Title: http.StatusText(http.StatusNotFound),
				Detail: fmt.Sprintf("listing %d is not in this channel: BigCommerce skipped it and wrote nothing for it", l.ListingID),
				Method: http.MethodPut, Path: path,
			}})
		}
	}
	if len(berr.Failures) == 0 {
		return nil
	}
	return berr
}

func checkListing(op string, i, productID int, state ListingState, variants []ListingVariantWrite) error {
	if productID <= 0 {
		return invalid(op, "listing %d: ProductID must be a positive id, got %d", i, productID)
	}
	if state == "" {
		return invalid(op, "listing %d: State is required", i)
	}
	for j, v := range variants {
		switch {
		case v.ProductID != productID:
			return invalid(op, "listing %d: variant %d: ProductID %d must equal the listing's product id %d", i, j, v.ProductID, productID)
		case v.VariantID <= 0:
			return invalid(op, "listing %d: variant %d: VariantID must be a positive id, got %d", i, j, v.VariantID)
		case v.State == "":
			return invalid(op, "listing %d: variant %d: State is required", i, j)
		}
	}
	return nil
}

func listingsPath(channelID int) string {
	return fmt.Sprintf("%s/%d/listings", channelsPath, channelID)
}
