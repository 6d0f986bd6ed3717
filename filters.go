package bigcommerce

import (
	"net/url"
	"strconv"
	"strings"
)

// Filters are structs encoded to query strings with go-querystring. The
// conventions every filter in this package follows:
//
//   - Lists of values (id:in, email:in, sku:in) are IntList or StringList:
//     one comma-joined parameter, id:in=1,2,3, as BigCommerce requires
//     (repeating the parameter is not understood).
//   - V3 date operators (date_modified:min, date_created:max) are time.Time,
//     sent as RFC 3339 (2024-05-14T09:34:00Z), go-querystring's default.
//   - V2 date filters (min_date_created, max_date_modified) are time.Time
//     with the struct tag layout:"Mon, 02 Jan 2006 15:04:05 -0700", i.e. RFC
//     2822. The V2 orders spec accepts RFC 2822 or ISO 8601; RFC 2822 is the
//     form every V2 endpoint accepts (the legacy V2 "date" type, and the V2
//     customers spec names no format) and the form V2 responses use, so a
//     date read from a response can be sent back unchanged.
//   - Values that must be sendable as 0, false or "" are pointers
//     (is_visible=false): nil means "not filtered". Use Ptr.
//   - Money bounds (min_total, price) are decimal.Decimal or
//     *decimal.Decimal, sent as plain numbers; the query encoder adds them
//     itself because go-querystring cannot see inside decimal.Decimal.
//   - A named integer type with a String method would be sent by its name;
//     such types implement query.Encoder to send the number (OrderStatusID).
//   - Page and Limit select the page; All sets them itself. 0 means unset;
//     a negative value, or a Limit above the endpoint's maximum (MaxPageSize,
//     or MaxInventoryPageSize for inventory and locations), is refused
//     before anything is sent (see checkPaging).
//   - V3 filters the spec declares format: date (the product filters
//     date_modified and date_last_imported[:min|:max|:not]) carry the
//     struct tag layout:"2006-01-02" and are sent as YYYY-MM-DD, the date in
//     the time's own location; the time of day is dropped.
//
// The zero value of every filter means "no filter".

// IntList is a list of integers sent as one comma-joined query parameter
// (id:in=1,2,3). An empty list sends nothing. A negative value, or 0 in a
// list of ids (every list except customer_group_id:in, where 0 is "no
// group", the inventory_level lists, and parent_id:in, where 0 is a tree's
// top level), is refused with a
// *ValidationError before anything is sent.
type IntList []int

// EncodeValues implements query.Encoder.
func (l IntList) EncodeValues(key string, v *url.Values) error {
	if len(l) == 0 {
		return nil
	}
	if err := checkIntList(key, l); err != nil {
		return err
	}
	parts := make([]string, len(l))
	for i, n := range l {
		parts[i] = strconv.Itoa(n)
	}
	v.Set(key, strings.Join(parts, ","))
	return nil
}

// StringList is a list of strings sent as one comma-joined query parameter
// (email:in=a@x.com,b@x.com). BigCommerce has no way to escape a comma inside
// a value, so a value containing one is refused rather than silently split
// into two filters (a *ValidationError, matching ErrInvalidRequest). An
// empty list sends nothing.
type StringList []string

// EncodeValues implements query.Encoder.
func (l StringList) EncodeValues(key string, v *url.Values) error {
	if len(l) == 0 {
		return nil
	}
	if err := checkStringList(key, l); err != nil {
		return err
	}
	v.Set(key, strings.Join(l, ","))
	return nil
}

// Direction is a sort direction.
type Direction string

// Sort directions.
const (
	Asc  Direction = "asc"
	Desc Direction = "desc"
)

// ListOptions selects one page of a list that has no other filters.
//
// Paging is checked the same way for every List and All, before anything
// is sent: Page 0 and Limit 0 are the unset zero values (the first page;
// the API's default page size, or the largest page in All). A negative
// Page or Limit is refused, and so is a Limit above the endpoint's maximum
// (MaxPageSize; MaxInventoryPageSize for inventory and locations) rather
// than silently clamped, so a caller never gets smaller pages than asked
// for without knowing. Refusals are *ValidationErrors matching
// ErrInvalidRequest.
type ListOptions struct {
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// Limit is the page size, at most MaxPageSize; 0 means the API's
	// default (All uses the maximum).
	Limit int `url:"limit,omitempty"`
}

func (o *ListOptions) paging() (page, limit *int) { return &o.Page, &o.Limit }
