package bigcommerce

import (
	"context"
	"iter"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ChannelsService manages sales channels (V3 /v3/channels) and their
// product listings (/v3/channels/{id}/listings, see channels_listings.go).
// It is reached through Client.Channels. Channels need the
// store_channel_settings scope, listings store_channel_listings (each with
// a _read_only twin for reads).
//
// Channel 1 is always the store's default BigCommerce storefront.
type ChannelsService service

const channelsPath = "/v3/channels"

// ChannelType is the kind of a channel; it cannot change after creation.
type ChannelType string

// Channel types.
const (
	ChannelTypePOS         ChannelType = "pos"
	ChannelTypeMarketplace ChannelType = "marketplace"
	ChannelTypeStorefront  ChannelType = "storefront"
	ChannelTypeMarketing   ChannelType = "marketing"
)

// ChannelStatus is the state of a channel. A deleted or terminated
// channel cannot be updated.
type ChannelStatus string

// Channel statuses.
const (
	ChannelStatusActive       ChannelStatus = "active"
	ChannelStatusPrelaunch    ChannelStatus = "prelaunch"
	ChannelStatusInactive     ChannelStatus = "inactive"
	ChannelStatusConnected    ChannelStatus = "connected"
	ChannelStatusDisconnected ChannelStatus = "disconnected"
	ChannelStatusArchived     ChannelStatus = "archived"
	ChannelStatusDeleted      ChannelStatus = "deleted"
	ChannelStatusTerminated   ChannelStatus = "terminated"
)

// Channel is a sales channel.
type Channel struct {
	// ID is the channel's id (1 is the default storefront).
	ID int `json:"id"`
	// ExternalID is the channel's id on its platform.
	ExternalID string `json:"external_id"`
	// IsListableFromUI says whether products can be listed on it from the
	// control panel.
	IsListableFromUI bool `json:"is_listable_from_ui"`
	// IsEnabled is deprecated by BigCommerce in favour of Status.
	IsEnabled bool `json:"is_enabled"`
	// IsVisible says whether the channel shows in the control panel.
	IsVisible bool `json:"is_visible"`
	// Status is the channel's state.
	Status ChannelStatus `json:"status"`
	// Name is the channel's name.
	Name string `json:"name"`
	// Type is the kind of channel.
	Type ChannelType `json:"type"`
	// Platform is the channel's platform ("bigcommerce", "amazon", ...).
	Platform string `json:"platform"`
	// DateCreated is when the channel was created.
	DateCreated time.Time `json:"date_created"`
	// DateModified is when it last changed.
	DateModified time.Time `json:"date_modified"`
	// IconURL is the platform's icon.
	IconURL string `json:"icon_url"`
	// Currencies are the channel's currencies (ChannelFilter.Include
	// "currencies"); nil otherwise.
	Currencies *ChannelCurrencies `json:"currencies,omitempty"`
}

// ChannelCurrencies are a channel's enabled and default currencies.
type ChannelCurrencies struct {
	// ChannelID is the channel.
	ChannelID int `json:"channel_id"`
	// EnabledCurrencies are ISO 4217 codes.
	EnabledCurrencies []string `json:"enabled_currencies"`
	// DefaultCurrency is an ISO 4217 code.
	DefaultCurrency string `json:"default_currency"`
}

// ChannelCreate is the body of Channels.Create. Name, Type and Platform
// are required.
type ChannelCreate struct {
	// Name is the channel's name (required).
	Name string `json:"name"`
	// Type is the kind of channel (required).
	Type ChannelType `json:"type"`
	// Platform is the channel's platform (required), e.g. "amazon".
	Platform string `json:"platform"`
	// ExternalID is the channel's id on its platform.
	ExternalID *string `json:"external_id,omitempty"`
	// IsListableFromUI allows listing products from the control panel.
	IsListableFromUI *bool `json:"is_listable_from_ui,omitempty"`
	// IsVisible shows the channel in the control panel.
	IsVisible *bool `json:"is_visible,omitempty"`
	// Status is the initial state.
	Status ChannelStatus `json:"status,omitempty"`
}

// ChannelUpdate is the body of Channels.Update; nil fields are left
// unchanged. These are the only fields BigCommerce lets change (type and
// platform are fixed at creation).
type ChannelUpdate struct {
	// Name is the new name.
	Name *string `json:"name,omitempty"`
	// ExternalID is the new platform id; Ptr("") clears it.
	ExternalID *string `json:"external_id,omitempty"`
	// Status is the new state.
	Status *ChannelStatus `json:"status,omitempty"`
	// IsListableFromUI allows or forbids listing from the control panel.
	IsListableFromUI *bool `json:"is_listable_from_ui,omitempty"`
	// IsVisible shows or hides the channel.
	IsVisible *bool `json:"is_visible,omitempty"`
}

// ChannelFilter selects channels for List and All (GET /v3/channels).
// Dates are sent as RFC 3339.
type ChannelFilter struct {
	// Include embeds sub-resources: ChannelIncludeCurrencies embeds
	// Channel.Currencies.
	Include StringList `url:"include,omitempty"`
	// Available keeps channels that are (not) available: not deleted or
	// terminated.
	Available *bool `url:"available,omitempty"`
	// StatusIn keeps channels in these states (status:in).
	StatusIn StringList `url:"status:in,omitempty"`
	// TypeIn keeps channels of these types (type:in).
	TypeIn StringList `url:"type:in,omitempty"`
	// PlatformIn keeps channels on these platforms (platform:in).
	PlatformIn StringList `url:"platform:in,omitempty"`
	// DateCreated keeps channels created at this time.
	DateCreated time.Time `url:"date_created,omitempty"`
	// DateCreatedMin keeps channels created at or after this time.
	DateCreatedMin time.Time `url:"date_created:min,omitempty"`
	// DateCreatedMax keeps channels created at or before this time.
	DateCreatedMax time.Time `url:"date_created:max,omitempty"`
	// DateModified keeps channels modified at this time.
	DateModified time.Time `url:"date_modified,omitempty"`
	// DateModifiedMin keeps channels modified at or after this time.
	DateModifiedMin time.Time `url:"date_modified:min,omitempty"`
	// DateModifiedMax keeps channels modified at or before this time.
	DateModifiedMax time.Time `url:"date_modified:max,omitempty"`
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// Limit is the page size.
	Limit int `url:"limit,omitempty"`
}

func (f *ChannelFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// ChannelIncludeCurrencies is the ChannelFilter.Include value that embeds
// each channel's currencies.
const ChannelIncludeCurrencies = "currencies"

// List returns one page of channels: GET /v3/channels.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable.
func (s *ChannelsService) List(ctx context.Context, filter *ChannelFilter) ([]Channel, *Response, error) {
	return listV3[Channel](ctx, s.client, channelsPath, filter)
}

// All iterates over every channel matching filter: GET /v3/channels, page
// after page. The endpoint offers no id bound or cursor, so the walk is by
// page offset: a channel created or removed during a multi-page walk can
// make it skip or repeat one channel. Stores have few channels, so this is
// nearly always a single page.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable. An error is
// yielded once and ends the walk.
func (s *ChannelsService) All(ctx context.Context, filter *ChannelFilter) iter.Seq2[Channel, error] {
	return walk(ctx, s.client, filter, MaxPageSize, s.List)
}

// Get returns one channel with its currencies: GET
// /v3/channels/{id}?include=currencies.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *ChannelsService) Get(ctx context.Context, id int) (*Channel, *Response, error) {
	if err := checkID("Channels.Get", "channel id", id); err != nil {
		return nil, &Response{}, err
	}
	q := &struct {
		Include StringList `url:"include"`
	}{StringList{ChannelIncludeCurrencies}}
	return getOne[Channel](ctx, s.client, http.MethodGet, channelPath(id), q, nil)
}

// Create creates a channel: POST /v3/channels. Name, Type and Platform are
// required; BigCommerce refuses some type and platform combinations (422).
//
// An empty Name, Type or Platform is refused before anything is sent
// (ErrInvalidRequest). Input BigCommerce refuses is an error matching
// ErrUnprocessable (422, or 400 for a malformed body), with the fields at
// fault in *Error.Fields. If the request may have reached BigCommerce and no
// answer proves its fate (a 5xx, a cut connection), the error matches
// ErrOutcomeUnknown and the SDK does not resend it: check before sending it
// again.
func (s *ChannelsService) Create(ctx context.Context, ch ChannelCreate) (*Channel, *Response, error) {
	const op = "Channels.Create"
	switch {
	case strings.TrimSpace(ch.Name) == "":
		return nil, &Response{}, invalid(op, "Name is required")
	case ch.Type == "":
		return nil, &Response{}, invalid(op, "Type is required (pos, marketplace, storefront or marketing)")
	case strings.TrimSpace(ch.Platform) == "":
		return nil, &Response{}, invalid(op, "Platform is required")
	}
	return getOne[Channel](ctx, s.client, http.MethodPost, channelsPath, nil, ch)
}

// Update changes a channel: PUT /v3/channels/{id}. A deleted or terminated
// channel cannot be updated (422).
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound. An update
// that sets nothing, or sets an empty Name, is refused the same way. Input
// BigCommerce refuses is an error matching ErrUnprocessable (422, or 400 for a
// malformed body), with the fields at fault in *Error.Fields.
func (s *ChannelsService) Update(ctx context.Context, id int, ch ChannelUpdate) (*Channel, *Response, error) {
	const op = "Channels.Update"
	if err := checkID(op, "channel id", id); err != nil {
		return nil, &Response{}, err
	}
	if ch == (ChannelUpdate{}) {
		return nil, &Response{}, invalid(op, "nothing to update: set at least one field")
	}
	if ch.Name != nil && strings.TrimSpace(*ch.Name) == "" {
		return nil, &Response{}, invalid(op, "Name is empty: leave it nil to keep the current name")
	}
	return getOne[Channel](ctx, s.client, http.MethodPut, channelPath(id), nil, ch)
}

func channelPath(id int) string { return channelsPath + "/" + strconv.Itoa(id) }
