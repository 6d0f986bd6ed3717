package bigcommerce

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// CustomersService manages V3 customers (/v3/customers) and their addresses
// (/v3/customers/addresses). It is reached through Client.Customers.
//
// Create, Update and Delete write one customer. Batch writes (CreateMany,
// UpdateMany, CreateAddresses, UpdateAddresses) take any number of items
// and send them in chunks of CustomerBatchSize, the most BigCommerce
// accepts per request. They return every record written in input
// order and, when some chunk failed, a *BatchError naming each failed input
// index. BigCommerce writes nothing from a request it answers with an error,
// so every item of a rejected chunk is reported: the items BigCommerce named
// carry its *Error, the others an error saying they can be sent again. A 207
// (part of a chunk written) is reported as every batch writer reports it
// (see BatchError): the items it names by index failed; when it names none,
// every item of that chunk is unknown (BatchError.Unknown), never failed.
type CustomersService service

const (
	// CustomerBatchSize is the most customers or addresses BigCommerce
	// accepts in one POST or PUT; larger inputs are sent in chunks of it.
	CustomerBatchSize = 10
	// customerUpdateParallel is the spec's "Limit of 3 concurrent requests"
	// on PUT /v3/customers and PUT /v3/customers/addresses.
	customerUpdateParallel = 3
	// customerAddressCreateParallel is the spec's "The default rate limit
	// for this endpoint is 10 concurrent requests" on POST
	// /v3/customers/addresses (customers.v3.yml). POST /v3/customers
	// documents no limit: it runs as many requests as WithMaxConcurrency.
	customerAddressCreateParallel = 10
)

const (
	customersPath = "/v3/customers"
	addressesPath = "/v3/customers/addresses"
)

// Customer is a V3 customer (customer_Full). Sub-resources (Addresses,
// Attributes, FormFields, StoreCreditAmounts, ShopperProfileID, SegmentIDs)
// are filled only when the list asked for them with CustomerFilter.Include.
type Customer struct {
	// ID is the customer's id.
	ID int `json:"id"`
	// Email is the customer's email address (unique per store or channel).
	Email string `json:"email"`
	// FirstName is the customer's first name.
	FirstName string `json:"first_name"`
	// LastName is the customer's last name.
	LastName string `json:"last_name"`
	// Company is the customer's company name.
	Company string `json:"company"`
	// Phone is the customer's phone number.
	Phone string `json:"phone"`
	// RegistrationIPAddress is the IP the customer registered from; empty for
	// customers created through the API.
	RegistrationIPAddress string `json:"registration_ip_address"`
	// Notes are the merchant's notes about the customer.
	Notes string `json:"notes"`
	// TaxExemptCategory is the customer's tax exemption code.
	TaxExemptCategory string `json:"tax_exempt_category"`
	// CustomerGroupID is the customer's group; 0 means none.
	CustomerGroupID int `json:"customer_group_id"`
	// DateCreated is when the customer was created.
	DateCreated time.Time `json:"date_created"`
	// DateModified is when the customer was last changed.
	DateModified time.Time `json:"date_modified"`
	// AddressCount is how many addresses the customer has.
	AddressCount int `json:"address_count"`
	// AttributeCount is how many attribute values the customer has.
	AttributeCount int `json:"attribute_count"`
	// Authentication holds the password-reset flag.
	Authentication *CustomerAuthentication `json:"authentication,omitempty"`
	// Addresses are the customer's addresses (include=addresses; at most 10).
	Addresses []CustomerAddress `json:"addresses,omitempty"`
	// Attributes are the customer's attribute values (include=attributes).
	Attributes []CustomerAttribute `json:"attributes,omitempty"`
	// FormFields are the customer's form field values (include=formfields).
	FormFields []FormFieldValue `json:"form_fields,omitempty"`
	// StoreCreditAmounts is the customer's store credit (include=storecredit).
	StoreCreditAmounts []StoreCreditAmount `json:"store_credit_amounts,omitempty"`
	// AcceptsProductReviewAbandonedCartEmails says whether the customer
	// accepts product review and abandoned cart emails.
	AcceptsProductReviewAbandonedCartEmails bool `json:"accepts_product_review_abandoned_cart_emails"`
	// OriginChannelID is the channel the customer was created in.
	OriginChannelID int `json:"origin_channel_id"`
	// ChannelIDs are the channels the customer can sign in to; nil means
	// every channel (global access).
	ChannelIDs []int `json:"channel_ids"`
	// ShopperProfileID is the customer's shopper profile
	// (include=shopper_profile_id; beta).
	ShopperProfileID string `json:"shopper_profile_id,omitempty"`
	// SegmentIDs are the segments the customer belongs to
	// (include=segment_ids; beta).
	SegmentIDs []string `json:"segment_ids,omitempty"`
}

// CustomerAuthentication is the read side of a customer's credentials.
type CustomerAuthentication struct {
	// ForcePasswordReset makes the customer choose a new password at the
	// next sign-in.
	ForcePasswordReset bool `json:"force_password_reset"`
}

// CustomerAuthenticationUpdate sets a customer's credentials in
// CustomerCreate and CustomerUpdate.
type CustomerAuthenticationUpdate struct {
	// ForcePasswordReset makes the customer choose a new password at the
	// next sign-in.
	ForcePasswordReset *bool `json:"force_password_reset,omitempty"`
	// NewPassword sets the customer's password.
	NewPassword *string `json:"new_password,omitempty"`
}

// CustomerAttribute is one attribute value of a customer (attribute_Full).
type CustomerAttribute struct {
	// ID is the attribute value's id.
	ID int `json:"id"`
	// AttributeID is the attribute's id (see /v3/customers/attributes).
	AttributeID int `json:"attribute_id"`
	// AttributeValue is the value; always a string, whatever the attribute's type.
	AttributeValue string `json:"attribute_value"`
	// CustomerID is the customer's id.
	CustomerID int `json:"customer_id"`
	// DateCreated is when the value was first set.
	DateCreated time.Time `json:"date_created"`
	// DateModified is when the value last changed.
	DateModified time.Time `json:"date_modified"`
}

// CustomerAttributeCreate sets an attribute value on a new customer. The
// attribute must already exist.
type CustomerAttributeCreate struct {
	// AttributeID is the attribute's id.
	AttributeID int `json:"attribute_id"`
	// AttributeValue is the value, as a string whatever the attribute's type.
	AttributeValue string `json:"attribute_value"`
}

// StoreCreditAmount is an amount of store credit. Amount is sent as a JSON
// number, as the V3 API expects.
type StoreCreditAmount struct {
	// Amount is the credit in the store's currency.
	Amount decimal.Decimal `json:"amount"`
}

// MarshalJSON implements json.Marshaler: {"amount": 43.15} with a number,
// not the quoted string decimal.Decimal writes by default.
func (s StoreCreditAmount) MarshalJSON() ([]byte, error) {
	return []byte(`{"amount":` + s.Amount.String() + `}`), nil
}

// FormFieldValue is the value of one custom form field of a customer or an
// address. On writes only Name and Value are sent.
type FormFieldValue struct {
	// Name is the form field's name.
	Name string `json:"name"`
	// Value is a string, a float64 or a []string (for multi-choice fields).
	Value any `json:"value"`
	// CustomerID is set on customer form fields read back.
	CustomerID int `json:"customer_id,omitempty"`
	// AddressID is set on address form fields read back.
	AddressID int `json:"address_id,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler, turning a list value into a
// []string rather than a []any.
func (f *FormFieldValue) UnmarshalJSON(b []byte) error {
	type plain FormFieldValue
	var raw struct {
		plain
		Value json.RawMessage `json:"value"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*f = FormFieldValue(raw.plain)
	v := raw.Value
	if len(v) == 0 || string(v) == "null" {
		f.Value = nil
		return nil
	}
	if v[0] == '[' {
		var list []string
		if err := json.Unmarshal(v, &list); err != nil {
			return fmt.Errorf("bigcommerce: form field %q: value %s is not a list of strings", f.Name, truncateForError(v))
		}
		f.Value = list
		return nil
	}
	return json.Unmarshal(v, &f.Value)
}

// CustomerAddress is a customer's address (address_Full).
type CustomerAddress struct {
	// ID is the address's id.
	ID int `json:"id"`
	// CustomerID is the owning customer's id.
	CustomerID int `json:"customer_id"`
	// FirstName is the addressee's first name.
	FirstName string `json:"first_name"`
	// LastName is the addressee's last name.
	LastName string `json:"last_name"`
	// Company is the company line.
	Company string `json:"company"`
	// Address1 is the first street line.
	Address1 string `json:"address1"`
	// Address2 is the second street line.
	Address2 string `json:"address2"`
	// City is the city.
	City string `json:"city"`
	// StateOrProvince is the state or province name.
	StateOrProvince string `json:"state_or_province"`
	// PostalCode is the postal code.
	PostalCode string `json:"postal_code"`
	// Country is the country's name ("United States").
	Country string `json:"country"`
	// CountryCode is the ISO 3166-1 alpha-2 country code ("US").
	CountryCode string `json:"country_code"`
	// Phone is the phone number.
	Phone string `json:"phone"`
	// AddressType is "residential" or "commercial".
	AddressType string `json:"address_type"`
	// FormFields are the address's form field values (include=formfields).
	FormFields []FormFieldValue `json:"form_fields,omitempty"`
}

// CustomerCreate is one customer for Create or CreateMany (customer_Post).
// Email, FirstName and LastName are required.
type CustomerCreate struct {
	// Email is the customer's email address (required).
	Email string `json:"email"`
	// FirstName is the customer's first name (required).
	FirstName string `json:"first_name"`
	// LastName is the customer's last name (required).
	LastName string `json:"last_name"`
	// Company is the customer's company.
	Company *string `json:"company,omitempty"`
	// Phone is the customer's phone number.
	Phone *string `json:"phone,omitempty"`
	// Notes are the merchant's notes.
	Notes *string `json:"notes,omitempty"`
	// TaxExemptCategory is the tax exemption code.
	TaxExemptCategory *string `json:"tax_exempt_category,omitempty"`
	// CustomerGroupID puts the customer in a group; 0 means none.
	CustomerGroupID *int `json:"customer_group_id,omitempty"`
	// Addresses are created with the customer (at most
	// MaxCustomerAddresses; more is refused before sending). Each needs
	// FirstName, LastName, Address1, City and CountryCode; CustomerID must be 0.
	Addresses []AddressCreate `json:"addresses,omitempty"`
	// Attributes are attribute values to set (at most 10, like Addresses);
	// the attributes must exist.
	Attributes []CustomerAttributeCreate `json:"attributes,omitempty"`
	// Authentication sets the password and the reset flag.
	Authentication *CustomerAuthenticationUpdate `json:"authentication,omitempty"`
	// AcceptsProductReviewAbandonedCartEmails opts the customer in or out of
	// product review and abandoned cart emails.
	AcceptsProductReviewAbandonedCartEmails *bool `json:"accepts_product_review_abandoned_cart_emails,omitempty"`
	// StoreCreditAmounts gives the customer store credit.
	StoreCreditAmounts []StoreCreditAmount `json:"store_credit_amounts,omitempty"`
	// OriginChannelID is the channel the customer is created in.
	OriginChannelID *int `json:"origin_channel_id,omitempty"`
	// ChannelIDs limits sign-in to these channels; nil (omitted) gives global
	// access. BigCommerce refuses an empty list, so an empty slice is omitted too.
	ChannelIDs []int `json:"channel_ids,omitempty"`
	// FormFields sets custom form field values.
	FormFields []FormFieldValue `json:"form_fields,omitempty"`
	// TriggerAccountCreatedNotification sends the "account created" email.
	TriggerAccountCreatedNotification *bool `json:"trigger_account_created_notification,omitempty"`
}

// CustomerUpdate is one customer change for Update or UpdateMany
// (customer_Put). ID is required by UpdateMany (Update sets it from its id);
// nil fields are left unchanged. Addresses and attribute values
// cannot be changed this way (use UpdateAddresses and the attribute-values
// endpoint). The spec's read-only fields (registration_ip_address,
// origin_channel_id, dates) are left out.
type CustomerUpdate struct {
	// ID is the customer to change (required, > 0).
	ID int `json:"id"`
	// Email is the new email address.
	Email *string `json:"email,omitempty"`
	// FirstName is the new first name.
	FirstName *string `json:"first_name,omitempty"`
	// LastName is the new last name.
	LastName *string `json:"last_name,omitempty"`
	// Company is the new company; Ptr("") clears it.
	Company *string `json:"company,omitempty"`
	// Phone is the new phone number; Ptr("") clears it.
	Phone *string `json:"phone,omitempty"`
	// Notes are the new notes; Ptr("") clears them.
	Notes *string `json:"notes,omitempty"`
	// TaxExemptCategory is the new tax exemption code; Ptr("") clears it.
	TaxExemptCategory *string `json:"tax_exempt_category,omitempty"`
	// CustomerGroupID moves the customer to a group; Ptr(0) removes it from its group.
	CustomerGroupID *int `json:"customer_group_id,omitempty"`
	// Authentication sets the password and the reset flag.
	Authentication *CustomerAuthenticationUpdate `json:"authentication,omitempty"`
	// AcceptsProductReviewAbandonedCartEmails opts in or out of the emails.
	AcceptsProductReviewAbandonedCartEmails *bool `json:"accepts_product_review_abandoned_cart_emails,omitempty"`
	// StoreCreditAmounts replaces the customer's store credit.
	StoreCreditAmounts []StoreCreditAmount `json:"store_credit_amounts,omitempty"`
	// ChannelIDs replaces the channels the customer can sign in to.
	ChannelIDs []int `json:"channel_ids,omitempty"`
	// FormFields sets custom form field values.
	FormFields []FormFieldValue `json:"form_fields,omitempty"`
}

// AddressCreate is a new address, for CreateAddresses (address_Post) and
// inside CustomerCreate. FirstName, LastName, Address1, City and CountryCode
// are always required; CreateAddresses also requires CustomerID,
// StateOrProvince and PostalCode.
type AddressCreate struct {
	// CustomerID is the owning customer (required by CreateAddresses; must
	// be 0 inside CustomerCreate).
	CustomerID int `json:"customer_id,omitempty"`
	// FirstName is the addressee's first name (required).
	FirstName string `json:"first_name"`
	// LastName is the addressee's last name (required).
	LastName string `json:"last_name"`
	// Company is the company line.
	Company *string `json:"company,omitempty"`
	// Address1 is the first street line (required).
	Address1 string `json:"address1"`
	// Address2 is the second street line.
	Address2 *string `json:"address2,omitempty"`
	// City is the city (required).
	City string `json:"city"`
	// StateOrProvince is the state or province name (required by CreateAddresses).
	StateOrProvince string `json:"state_or_province,omitempty"`
	// PostalCode is the postal code (required by CreateAddresses).
	PostalCode string `json:"postal_code,omitempty"`
	// CountryCode is the ISO 3166-1 alpha-2 country code (required).
	CountryCode string `json:"country_code"`
	// Phone is the phone number.
	Phone *string `json:"phone,omitempty"`
	// AddressType is "residential" or "commercial".
	AddressType *string `json:"address_type,omitempty"`
	// FormFields sets custom form field values.
	FormFields []FormFieldValue `json:"form_fields,omitempty"`
}

// AddressUpdate is one address change for UpdateAddresses (address_Put). ID
// is required; nil fields are left unchanged.
type AddressUpdate struct {
	// ID is the address to change (required, > 0).
	ID int `json:"id"`
	// FirstName is the new first name.
	FirstName *string `json:"first_name,omitempty"`
	// LastName is the new last name.
	LastName *string `json:"last_name,omitempty"`
	// Company is the new company line; Ptr("") clears it.
	Company *string `json:"company,omitempty"`
	// Address1 is the new first street line.
	Address1 *string `json:"address1,omitempty"`
	// Address2 is the new second street line; Ptr("") clears it.
	Address2 *string `json:"address2,omitempty"`
	// City is the new city.
	City *string `json:"city,omitempty"`
	// StateOrProvince is the new state or province name.
	StateOrProvince *string `json:"state_or_province,omitempty"`
	// PostalCode is the new postal code.
	PostalCode *string `json:"postal_code,omitempty"`
	// CountryCode is the new ISO 3166-1 alpha-2 country code.
	CountryCode *string `json:"country_code,omitempty"`
	// Phone is the new phone number; Ptr("") clears it.
	Phone *string `json:"phone,omitempty"`
	// AddressType is "residential" or "commercial".
	AddressType *string `json:"address_type,omitempty"`
	// FormFields sets custom form field values.
	FormFields []FormFieldValue `json:"form_fields,omitempty"`
}

// Values for CustomerFilter.Include: the sub-resources to embed in each
// customer.
const (
	// CustomerIncludeAddresses embeds Customer.Addresses.
	CustomerIncludeAddresses = "addresses"
	// CustomerIncludeStoreCredit embeds Customer.StoreCreditAmounts.
	CustomerIncludeStoreCredit = "storecredit"
	// CustomerIncludeAttributes embeds Customer.Attributes (and address attributes).
	CustomerIncludeAttributes = "attributes"
	// CustomerIncludeFormFields embeds the customer's and its addresses' FormFields.
	CustomerIncludeFormFields = "formfields"
	// CustomerIncludeShopperProfileID embeds Customer.ShopperProfileID (beta).
	CustomerIncludeShopperProfileID = "shopper_profile_id"
	// CustomerIncludeSegmentIDs embeds Customer.SegmentIDs (beta).
	CustomerIncludeSegmentIDs = "segment_ids"
)

// AddressIncludeFormFields is the value for AddressFilter.Include that
// embeds each address's form fields.
const AddressIncludeFormFields = "formfields"

// CustomerSort is a sort order for CustomerFilter.Sort.
type CustomerSort string

// Sort orders of GET /v3/customers.
const (
	CustomerSortDateCreatedAsc   CustomerSort = "date_created:asc"
	CustomerSortDateCreatedDesc  CustomerSort = "date_created:desc"
	CustomerSortLastNameAsc      CustomerSort = "last_name:asc"
	CustomerSortLastNameDesc     CustomerSort = "last_name:desc"
	CustomerSortDateModifiedAsc  CustomerSort = "date_modified:asc"
	CustomerSortDateModifiedDesc CustomerSort = "date_modified:desc"
)

// CustomerFilter holds the query parameters of GET /v3/customers. The zero
// value lists every customer. Dates are sent as RFC 3339.
type CustomerFilter struct {
	// IDIn keeps customers with these ids (id:in).
	IDIn IntList `url:"id:in,omitempty"`
	// EmailIn keeps customers with these email addresses (email:in).
	EmailIn StringList `url:"email:in,omitempty"`
	// NameIn keeps customers whose "first last" name is one of these (name:in).
	NameIn StringList `url:"name:in,omitempty"`
	// NameLike keeps customers whose concatenated first and last name
	// contains one of these substrings (name:like).
	NameLike StringList `url:"name:like,omitempty"`
	// CompanyIn keeps customers of these companies (company:in).
	CompanyIn StringList `url:"company:in,omitempty"`
	// CustomerGroupIDIn keeps customers in these groups (customer_group_id:in).
	CustomerGroupIDIn IntList `url:"customer_group_id:in,omitempty"`
	// PhoneIn keeps customers with these phone numbers (phone:in).
	PhoneIn StringList `url:"phone:in,omitempty"`
	// RegistrationIPAddressIn keeps customers registered from these IP
	// addresses (registration_ip_address:in).
	RegistrationIPAddressIn StringList `url:"registration_ip_address:in,omitempty"`
	// DateCreated keeps customers created at this time (date_created).
	DateCreated time.Time `url:"date_created,omitempty"`
	// DateCreatedMin keeps customers created after this time (date_created:min).
	DateCreatedMin time.Time `url:"date_created:min,omitempty"`
	// DateCreatedMax keeps customers created before this time (date_created:max).
	DateCreatedMax time.Time `url:"date_created:max,omitempty"`
	// DateModified keeps customers modified at this time (date_modified).
	DateModified time.Time `url:"date_modified,omitempty"`
	// DateModifiedMin keeps customers modified after this time (date_modified:min).
	DateModifiedMin time.Time `url:"date_modified:min,omitempty"`
	// DateModifiedMax keeps customers modified before this time (date_modified:max).
	DateModifiedMax time.Time `url:"date_modified:max,omitempty"`
	// Include embeds sub-resources: CustomerIncludeAddresses and the other
	// CustomerInclude constants.
	Include StringList `url:"include,omitempty"`
	// Sort orders the list, e.g. CustomerSortDateCreatedDesc.
	Sort CustomerSort `url:"sort,omitempty"`
	// After asks for the page after this cursor (a previous page's
	// Response.Pagination.Cursor.EndCursor); BigCommerce then ignores Page.
	After string `url:"after,omitempty"`
	// Before asks for the page before this cursor (a previous page's
	// Response.Pagination.Cursor.StartCursor); BigCommerce then ignores Page.
	Before string `url:"before,omitempty"`
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// Limit is the page size (BigCommerce's default 50, at most
	// MaxPageSize). A negative Page or Limit, or a Limit above the maximum,
	// is refused before sending.
	Limit int `url:"limit,omitempty"`
}

func (f *CustomerFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// AddressFilter holds the query parameters of GET /v3/customers/addresses.
type AddressFilter struct {
	// IDIn keeps addresses with these ids (id:in).
	IDIn IntList `url:"id:in,omitempty"`
	// CustomerIDIn keeps the addresses of these customers (customer_id:in).
	CustomerIDIn IntList `url:"customer_id:in,omitempty"`
	// CompanyIn keeps addresses with these companies (company:in).
	CompanyIn StringList `url:"company:in,omitempty"`
	// NameIn keeps addresses whose "first last" name is one of these (name:in).
	NameIn StringList `url:"name:in,omitempty"`
	// Include embeds sub-resources: AddressIncludeFormFields.
	Include StringList `url:"include,omitempty"`
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// Limit is the page size (BigCommerce's default 50, at most
	// MaxPageSize). A negative Page or Limit, or a Limit above the maximum,
	// is refused before sending.
	Limit int `url:"limit,omitempty"`
}

func (f *AddressFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// List returns one page of customers: GET /v3/customers. Response.Pagination
// carries meta.pagination and, on the first page or when the filter has
// After or Before, the cursors in Pagination.Cursor.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable.
func (s *CustomersService) List(ctx context.Context, filter *CustomerFilter) ([]Customer, *Response, error) {
	return listV3[Customer](ctx, s.client, customersPath, filter)
}

// All iterates over every customer matching filter: GET /v3/customers, 250
// a page unless filter.Limit is set. The filter is copied, never modified.
//
// With no Sort, After, Before, IDIn or Page, All reads the first page (the
// lowest ids; its meta gives the total) and probes the highest matching id
// (a 1-customer page at offset total), then walks by id, in ascending id
// order, and yields every customer that exists for the whole walk exactly
// once however other clients create, delete or modify customers. V3
// customers have no id range filter, so it walks one of two ways, chosen by
// the density of matching ids above the first page (matching customers per
// id):
//
//   - at least 0.5: id:in windows of Limit consecutive ids, read up to the
//     client's WithMaxConcurrency at a time, within its throttle (each
//     window is one request). Beside the last windows the highest id is
//     probed once more (1 request, 2 when the total changed) and new
//     windows cover customers created meanwhile; a customer created after
//     that probe is not yielded.
//   - below 0.5 (sparse ids, or a filter such as DateModifiedMin that keeps
//     few customers): the cursor (after=end_cursor), one page at a time.
//     id:in windows would spend more than twice the requests the cursor
//     needs; measured on the fake store at 25 requests/s and 200 ms a
//     request, dense id:in windows export 10,000 customers several times
//     faster than the cursor, which cannot be read concurrently.
//
// The walk cross-checks what the API tells it against what it has seen
// (ARCHITECTURE.md, "Walks and the exactly-once rule"), and never ends
// short in silence:
//
//   - a first page not in ascending id order (a server that ignores the
//     default order) cannot anchor id:in windows: the walk follows the
//     cursor instead; a first page that lists a customer twice ends it with
//     an ErrIncompleteWalk error;
//   - the probe of the highest id reads the page of the positions total and
//     total+1 (still one request), so a meta.pagination.total that is wrong
//     or stale shows (a customer beyond the total, or none at it); the walk
//     then follows the cursor, which needs no total;
//   - an id:in window that answers ids outside it (a server that ignores
//     id:in) ends the walk with an ErrIncompleteWalk error;
//   - the cursor walk goes on while pages are full, or their meta says the
//     server serves fewer than the limit asked; a cursor that comes back,
//     or a full page of customers all yielded before, ends it with an
//     ErrIncompleteWalk error instead of looping;
//   - at the end, the customers yielded are compared with the first page's
//     meta.pagination.total (read again when they fall short): falling short
//     of the lower of the two by more than 1 % + 10 customers yields an
//     ErrIncompleteWalk error after the last customer.
//
// With After or Before, All follows the cursor from there (forward or
// backward); with Sort or IDIn it follows the cursor from the first page.
// If a full page comes without a cursor before any was followed, it goes
// on by page number, reading one page past a full last page; a cursor that
// comes back, a page that repeats the one before it, or a full page past
// the last page its meta names ends the walk with an ErrIncompleteWalk
// error instead of a silent end, and a walk from the first page compares
// the customers it yielded with the total at its end, as above.
// BigCommerce does not document what its cursor encodes. If it is a keyset
// (sort key and id, as in the SDK's fake store), a customer created or
// deleted elsewhere cannot shift the walk, but a customer whose sort key
// changes during the walk (date_modified, last_name, ...) moves: it is
// skipped when it moves behind the walk's position; with date_modified:asc
// a modification only moves a customer ahead, so nothing is skipped. The
// ids already yielded are remembered (a bit per id), so a customer that
// moves ahead is not yielded twice. With filter.Page > 1 (no cursor exists
// there) All reads page after page by offset, sequentially, and a customer
// created or deleted before the walk's position shifts the later pages: one
// that existed throughout can be skipped or yielded twice.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable. An error is
// yielded once and ends the walk.
func (s *CustomersService) All(ctx context.Context, filter *CustomerFilter) iter.Seq2[Customer, error] {
	if err := checkWalk("Customers.All", ctx, filter); err != nil {
		return refused[Customer](err)
	}
	var f CustomerFilter
	if filter != nil {
		f = *filter
	}
	limit := f.Limit
	if limit <= 0 {
		limit = MaxPageSize
	}
	f.Limit = limit
	switch {
	case f.Page > 1 && f.After == "" && f.Before == "":
		return walkOffsets(ctx, &f, limit, s.List)
	case f.After != "" || f.Before != "" || f.Sort != "" || len(f.IDIn) > 0:
		return func(yield func(Customer, error) bool) {
			tally := newTally(ctx, "Customers.All", "customers", "meta.pagination.total of GET "+customersPath)
			if f.After == "" && f.Before == "" {
				// From the start of the list: its total applies.
				tally.recount = recountByPage(f, s.List, func(g *CustomerFilter) *string { return &g.After })
			} else {
				// From a cursor the total counts records before it: the
				// tally reports progress but checks no count.
				tally.uncounted = true
			}
			s.followCursor(ctx, f, nil, nil, tally, yield)
		}
	}
	f.Page = 0
	return func(yield func(Customer, error) bool) {
		first, resp, err := s.List(ctx, &f)
		if err != nil {
			yield(Customer{}, err)
			return
		}
		// The id:in windows go on from the first page's last id, so they
		// need it to list the lowest ids in ascending order; the cursor
		// goes on from the API's own end cursor, in any order.
		ordered := checkIDs("Customers.All", "customers", "", first, customerID, idRange{}, 0) == nil
		var seen idSet
		last := 0
		for _, c := range first {
			if !seen.add(c.ID) {
				yield(Customer{}, contradiction("bigcommerce: Customers.All: the first page of GET %s lists customer %d twice: it ignored the id range or the sort, so the walk stops instead of yielding it twice; %s", customersPath, c.ID, incompleteAdvice))
				return
			}
			last = max(last, c.ID)
		}
		for _, c := range first {
			if !yield(c, nil) {
				return
			}
		}
		if !pageLeavesMore(1, len(first), limit, resp) {
			// The whole list was one page: its progress report is the
			// tally's, as the cursor walk's below is.
			tally := newTally(ctx, "Customers.All", "customers", "")
			tally.told(len(first))
			tally.yielded = len(first)
			tally.finish()
			return
		}
		if resp.Pagination == nil {
			yield(Customer{}, fmt.Errorf("bigcommerce: GET %s: a full first page came without meta.pagination, so the walk cannot tell whether more customers exist; list them with List and the After cursor", customersPath))
			return
		}
		total := resp.Pagination.Total
		recount := func(ctx context.Context) (int, error) {
			g := f
			g.Limit, g.Include = 1, nil
			_, resp, err := s.List(ctx, &g)
			if err != nil {
				return 0, err
			}
			if resp.Pagination == nil {
				return 0, fmt.Errorf("GET %s: no meta.pagination in the answer", customersPath)
			}
			return resp.Pagination.Total, nil
		}
		useIDIn := customerWalkMode == customerWalkIDIn
		var highest int
		if customerWalkMode != customerWalkCursor && total > len(first) && ordered {
			highest, err = s.highestID(ctx, f, total)
			var contra *walkError
			switch {
			case errors.As(err, &contra) || (err == nil && highest <= last):
				// The total contradicts the customers listed (a stale or
				// wrong meta.pagination.total): the id:in windows would end
				// at the wrong id. The cursor needs no total.
				useIDIn, highest = false, 0
			case err != nil:
				yield(Customer{}, err)
				return
			}
			if span := highest - last; customerWalkMode == customerWalkAuto && span > 0 {
				useIDIn = float64(total-len(first)) >= minIDInDensity*float64(span)
			}
		}
		if !useIDIn || highest <= last {
			// The cursor, which needs no total; it reads on after a full
			// page even when the total says it was the last.
			tally := newTally(ctx, "Customers.All", "customers", "meta.pagination.total of GET "+customersPath)
			tally.yielded, tally.recount = len(first), recount
			s.followCursor(ctx, f, resp, first, tally, yield)
			return
		}
		src := idSource[Customer]{
			op: "Customers.All", what: "customers", bounds: "id:in",
			limit: limit, lo: last + 1,
			page: func(ctx context.Context, r idRange) ([]Customer, *Response, error) {
				g := f
				g.IDIn = make(IntList, 0, r.hi-r.lo+1)
				for id := r.lo; id <= r.hi; id++ {
					g.IDIn = append(g.IDIn, id)
				}
				items, resp, err := s.List(ctx, &g)
				// The order of an id:in answer is not documented.
				slices.SortFunc(items, func(a, b Customer) int { return cmp.Compare(a.ID, b.ID) })
				return items, resp, err
			},
			idOf: customerID,
			plan: func(context.Context, *sync.WaitGroup) (walkPlan[Customer], error) {
				return walkPlan[Customer]{highest: highest, count: total - len(first)}, nil
			},
			maxWidth: limit,
			closed:   true,
			reprobe: func(ctx context.Context) (int, error) {
				return s.highestID(ctx, f, total)
			},
			countSource: "meta.pagination.total of GET " + customersPath,
			recount: func(ctx context.Context) (int, error) {
				n, err := recount(ctx)
				return n - len(first), err
			},
			before: len(first),
		}
		for c, err := range walkIDs(ctx, cap(s.client.sem), src) {
			if !yield(c, err) {
				return
			}
		}
	}
}

// customerID returns c's id.
func customerID(c Customer) int { return c.ID }

// Ways Customers.All can walk; customerWalkMode forces one (the export
// tests and benchmark measure both).
const (
	customerWalkAuto = iota
	customerWalkCursor
	customerWalkIDIn
)

// customerWalkMode is customerWalkAuto except in tests.
var customerWalkMode = customerWalkAuto

// minIDInDensity is the share of ids that must belong to matching customers
// for id:in windows to be used rather than the cursor: below it, windows
// would spend more than twice the requests of the cursor walk.
const minIDInDensity = 0.5

// highestID returns the id of the last of the customers matching f in id
// order, 0 when none: the highest id on the page of the positions total and
// total+1 (coverPage), one request. When the answer's total says customers
// were created or deleted since total was read, it asks again at the new
// total (a few times at most). When the answer's total is the one asked
// about but the page has a customer at position total+1, or none at
// position total, the total contradicts the list: it returns an
// ErrIncompleteWalk error.
func (s *CustomersService) highestID(ctx context.Context, f CustomerFilter, total int) (int, error) {
	id := 0
	for range 3 {
		if total <= 0 {
			return id, nil
		}
		page, limit := coverPage(total)
		g := f
		g.Page, g.Limit, g.Include, g.After, g.Before = page, limit, nil, "", ""
		items, resp, err := s.List(ctx, &g)
		if err != nil {
			return 0, err
		}
		for _, c := range items {
			id = max(id, c.ID)
		}
		if resp.Pagination != nil && resp.Pagination.Total != total {
			total = resp.Pagination.Total
			continue
		}
		if want := total - (page-1)*limit; len(items) != want {
			return id, contradiction("bigcommerce: Customers.All: meta.pagination.total says %d customers match, but the page of positions %d to %d (page=%d, limit=%d) holds %d of them where that total means %d: the total is wrong or stale, so it cannot say where the ids end",
				total, (page-1)*limit+1, page*limit, page, limit, len(items), want)
		}
		return id, nil
	}
	return id, nil
}

// coverPage returns the page number and size of the smallest page (at
// least 2 records) that holds both the positions total and total+1 of a
// list: the probe of the highest id then also shows whether a record lies
// beyond the total, at no extra request.
func coverPage(total int) (page, limit int) {
	limit = 2
	for total%limit == 0 {
		limit++
	}
	return total/limit + 1, limit
}

// followCursor yields customers page after page by cursor: from f's After
// or Before (backward), or else from the first page, or after the first
// page when its answer (first) was already read and yielded (see
// cursorwalk.go's followCursor). A customer whose sort key moved ahead is
// yielded once (done holds the customers of first). tally, when set,
// checks the records yielded against the total at the end.
func (s *CustomersService) followCursor(ctx context.Context, f CustomerFilter, first *Response, done []Customer, tally *walkTally, yield func(Customer, error) bool) {
	w := cursorWalk[Customer]{cursor: &f.After, first: first, idOf: customerID, done: done, tally: tally}
	if f.Before != "" {
		w.cursor, w.backward = &f.Before, true
	}
	followCursor(ctx, &f, w, s.List, yield)
}

// Get returns one customer with its addresses, store credit, attributes and
// form fields. V3 has no GET /v3/customers/{id}, so this is
// GET /v3/customers?id:in={id}&include=addresses,storecredit,attributes,formfields.
// When no customer has that id, the error is an *Error with StatusCode 404
// made by the SDK (BigCommerce answers 200 with an empty list), so
// errors.Is(err, ErrNotFound) is true.
func (s *CustomersService) Get(ctx context.Context, id int) (*Customer, *Response, error) {
	if id <= 0 {
		return nil, &Response{}, invalid("Customers.Get", "customer id must be > 0, got %d", id)
	}
	filter := &CustomerFilter{
		IDIn:    IntList{id},
		Include: StringList{CustomerIncludeAddresses, CustomerIncludeStoreCredit, CustomerIncludeAttributes, CustomerIncludeFormFields},
	}
	list, resp, err := s.List(ctx, filter)
	if err != nil {
		return nil, resp, err
	}
	for i := range list {
		if list[i].ID == id {
			return &list[i], resp, nil
		}
	}
	return nil, resp, notFoundError(http.MethodGet, customersPath, fmt.Sprintf("no customer with id %d", id))
}

// Create creates one customer: POST /v3/customers with a one-item batch
// (V3 has no single-customer endpoint). The customer is checked first as in
// CreateMany; a wrong field is a *ValidationError (ErrInvalidRequest) and
// nothing is sent. A customer BigCommerce refuses (a duplicate email, an
// invalid field) is an error matching ErrUnprocessable with the fields in
// *Error.Fields. If the request may have reached BigCommerce and no answer
// proves its fate (a 5xx, a cut connection), the error matches
// ErrOutcomeUnknown and the SDK does not resend it: look the customer up by
// email before sending it again.
func (s *CustomersService) Create(ctx context.Context, customer CustomerCreate) (*Customer, *Response, error) {
	if err := validateCustomerCreate("Customers.Create", 0, customer); err != nil {
		return nil, &Response{}, err
	}
	return oneOf(s.CreateMany(ctx, []CustomerCreate{customer}))
}

// CreateMany creates customers: POST /v3/customers. Any number may be given;
// they are sent in chunks of 10, several chunks at once within the client's
// concurrency limit. It returns every customer created, in input order, and
// a *BatchError naming each input index that was not created and why. When a
// chunk's fate is unknown (a 5xx or a connection cut after it was sent), its
// items are in BatchError.Unknown (UnknownIndexes), not among the failures:
// they may have been created, so look them up (by email) before resending.
//
// Every item is checked first (Email, FirstName, LastName; each address's
// FirstName, LastName, Address1, City, CountryCode): if one is wrong, a
// *ValidationError names its index and nothing is sent.
func (s *CustomersService) CreateMany(ctx context.Context, customers []CustomerCreate) ([]Customer, *Response, error) {
	const op = "Customers.CreateMany"
	if len(customers) == 0 {
		return nil, &Response{}, invalid(op, "no customers given")
	}
	for i, c := range customers {
		if err := validateCustomerCreate(op, i, c); err != nil {
			return nil, &Response{}, err
		}
	}
	return writeBatch[CustomerCreate, Customer](ctx, s.client, op, http.MethodPost, customersPath, customers, CustomerBatchSize, cap(s.client.sem))
}

func validateCustomerCreate(op string, i int, c CustomerCreate) error {
	if missing := blankCustomerFields("email", c.Email, "first_name", c.FirstName, "last_name", c.LastName); missing != "" {
		return invalid(op, "customer %d: %s required", i, missing)
	}
	if len(c.Addresses) > MaxCustomerAddresses {
		return invalid(op, "customer %d: %d addresses given, BigCommerce accepts at most %d on one customer (customer_Post addresses, maxItems %d): send at most %d", i, len(c.Addresses), MaxCustomerAddresses, MaxCustomerAddresses, MaxCustomerAddresses)
	}
	if len(c.Attributes) > MaxCustomerAddresses {
		return invalid(op, "customer %d: %d attribute values given, BigCommerce accepts at most %d on one customer (customer_Post attributes, maxItems %d)", i, len(c.Attributes), MaxCustomerAddresses, MaxCustomerAddresses)
	}
	for j, a := range c.Addresses {
		if missing := blankCustomerFields("first_name", a.FirstName, "last_name", a.LastName, "address1", a.Address1, "city", a.City, "country_code", a.CountryCode); missing != "" {
			return invalid(op, "customer %d: address %d: %s required", i, j, missing)
		}
		if a.CustomerID != 0 {
			return invalid(op, "customer %d: address %d: customer_id must be 0 when the address is created with its customer", i, j)
		}
	}
	return nil
}

// blankCustomerFields takes name, value pairs and lists the names whose value is
// blank, e.g. "email and last_name are" / "city is"; "" when none is.
func blankCustomerFields(pairs ...string) string {
	var names []string
	for i := 0; i+1 < len(pairs); i += 2 {
		if strings.TrimSpace(pairs[i+1]) == "" {
			names = append(names, pairs[i])
		}
	}
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0] + " is"
	}
	return strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " are"
}

// Update changes one customer: PUT /v3/customers with a one-item batch (V3 has
// no single-customer endpoint). customer.ID may be left 0 (if set, it must
// equal id). An id of 0 or less is refused before anything is sent
// (ErrInvalidRequest); an unknown id, or a change BigCommerce refuses, is an
// error matching ErrUnprocessable, not ErrNotFound (customers.v3.yml lists
// 422, not 404, for this batch endpoint), with the fields in *Error.Fields.
func (s *CustomersService) Update(ctx context.Context, id int, customer CustomerUpdate) (*Customer, *Response, error) {
	const op = "Customers.Update"
	if err := checkID(op, "customer id", id); err != nil {
		return nil, &Response{}, err
	}
	if customer.ID != 0 && customer.ID != id {
		return nil, &Response{}, invalid(op, "the update's ID (%d) differs from the customer id (%d)", customer.ID, id)
	}
	customer.ID = id
	return oneOf(s.UpdateMany(ctx, []CustomerUpdate{customer}))
}

// UpdateMany changes customers: PUT /v3/customers. Any number may be given; they
// are sent in chunks of 10, at most 3 chunks at once (BigCommerce's limit
// for this endpoint). It returns the updated customers in input order and a
// *BatchError naming each input index that failed. Every item needs an ID
// > 0, or nothing is sent.
func (s *CustomersService) UpdateMany(ctx context.Context, customers []CustomerUpdate) ([]Customer, *Response, error) {
	const op = "Customers.UpdateMany"
	if len(customers) == 0 {
		return nil, &Response{}, invalid(op, "no customers given")
	}
	for i, c := range customers {
		if err := checkCustomerUpdate(op, i, c); err != nil {
			return nil, &Response{}, err
		}
	}
	return writeBatch[CustomerUpdate, Customer](ctx, s.client, op, http.MethodPut, customersPath, customers, CustomerBatchSize, customerUpdateParallel)
}

func checkCustomerUpdate(op string, i int, c CustomerUpdate) error {
	if c.ID <= 0 {
		return invalid(op, "customer %d: id must be > 0, got %d", i, c.ID)
	}
	return nil
}

// CreateManySeq creates the customers customers yields, reading them as
// they are sent: POST /v3/customers, in chunks of 10, as many at once as
// the client's WithMaxConcurrency allows. It holds only the chunks in
// flight, so an import of any size (a CSV read row by row) needs memory
// for about WithMaxConcurrency × 10 customers.
//
// Each customer is checked as it is read, as Create checks it; a refused
// one is a failure (a *ValidationError) at its position and is not sent,
// and the import goes on. The customers created are not returned (read
// them back with All, or use Create on slices when you need them). The
// error is a *BatchError naming failed and outcome-unknown customers by
// position in the sequence, from 0, as Create reports them; after an error
// that is not about the customers (401, 403, 429, a 5xx, a lost
// connection) the sequence is not read further, and the customers from
// position BatchError.Total on were neither read nor sent. An empty
// sequence sends nothing. Progress goes to WithProgress, with Total -1
// until the sequence ends.
func (s *CustomersService) CreateManySeq(ctx context.Context, customers iter.Seq[CustomerCreate]) (*Response, error) {
	const op = "Customers.CreateManySeq"
	return writeBatchSeq[CustomerCreate, Customer](ctx, s.client, op, http.MethodPost, customersPath, customers, CustomerBatchSize, 0, func(i int, c CustomerCreate) error {
		return validateCustomerCreate(op, i, c)
	})
}

// UpdateManySeq changes the customers customers yields, reading them as
// they are sent: PUT /v3/customers, in chunks of 10, at most 3 at once
// (BigCommerce's limit), holding only the chunks in flight. Each item needs
// an ID > 0; a refused item is a failure at its position and is not sent.
// The updated customers are not returned; errors, positions and progress
// are as in CreateManySeq: failures are one *BatchError by position in the
// sequence, and an item refused before sending is a failure matching
// ErrInvalidRequest.
func (s *CustomersService) UpdateManySeq(ctx context.Context, customers iter.Seq[CustomerUpdate]) (*Response, error) {
	const op = "Customers.UpdateManySeq"
	return writeBatchSeq[CustomerUpdate, Customer](ctx, s.client, op, http.MethodPut, customersPath, customers, CustomerBatchSize, customerUpdateParallel, func(i int, c CustomerUpdate) error {
		return checkCustomerUpdate(op, i, c)
	})
}

// Delete deletes one customer: DELETE /v3/customers?id:in={id} (V3 has
// no single-customer endpoint). An id of 0 or less is refused before
// anything is sent (ErrInvalidRequest). BigCommerce answers 204 whether or
// not the customer existed, so deleting an unknown id is not an error.
func (s *CustomersService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("Customers.Delete", "customer id", id); err != nil {
		return &Response{}, err
	}
	return oneErr(s.DeleteMany(ctx, id))
}

// DeleteMany deletes customers by id: DELETE /v3/customers?id:in=... Long lists
// are split into requests of 50 ids. At least one id is required, and every
// id must be > 0: BigCommerce silently ignores a DELETE without id:in, so
// the SDK refuses it instead. It returns the last *Response; a *BatchError
// names the index (in ids) of each id whose request failed.
func (s *CustomersService) DeleteMany(ctx context.Context, ids ...int) (*Response, error) {
	return deleteCustomerIDs(ctx, s.client, "Customers.DeleteMany", customersPath, ids)
}

// ListAddresses returns one page of customer addresses:
// GET /v3/customers/addresses.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable.
func (s *CustomersService) ListAddresses(ctx context.Context, filter *AddressFilter) ([]CustomerAddress, *Response, error) {
	return listV3[CustomerAddress](ctx, s.client, addressesPath, filter)
}

// AllAddresses iterates over every customer address matching filter:
// GET /v3/customers/addresses, page after page (250 per page unless
// filter.Limit is set).
//
// It walks page offsets, fetching pages ahead up to the client's
// WithMaxConcurrency: the endpoint has no id range, sort or cursor (only
// id:in and customer_id:in). An address created or deleted during the walk
// (a customer added or removed with its addresses) shifts the later pages:
// an address that existed throughout can be skipped or yielded twice. For a
// complete export of a changing store, walk Customers.All with
// filter.Include = CustomerIncludeAddresses instead.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable. An error is
// yielded once and ends the walk.
func (s *CustomersService) AllAddresses(ctx context.Context, filter *AddressFilter) iter.Seq2[CustomerAddress, error] {
	return walk(ctx, s.client, filter, MaxPageSize, s.ListAddresses)
}

// CreateAddresses creates customer addresses: POST /v3/customers/addresses,
// in chunks of 10, at most 10 at once (BigCommerce's limit). Each needs
// CustomerID, FirstName, LastName, Address1, City, StateOrProvince,
// PostalCode and CountryCode, or nothing is sent.
//
// Gotcha: BigCommerce answers 200 to an address identical to one the
// customer already has, changes nothing, and leaves it out of the response.
// So the result can be shorter than the input with no error; match results
// to inputs by their fields, not by position.
//
// No addresses, or one missing a field or a customer id, is refused before
// anything is sent (ErrInvalidRequest). Failures come back as one *BatchError
// naming addresses by their index in addresses (an unknown customer id is a
// 422 there); the addresses of a request whose fate is unknown are in its
// Unknown list (their errors match ErrOutcomeUnknown), never resent.
func (s *CustomersService) CreateAddresses(ctx context.Context, addresses []AddressCreate) ([]CustomerAddress, *Response, error) {
	const op = "Customers.CreateAddresses"
	if len(addresses) == 0 {
		return nil, &Response{}, invalid(op, "no addresses given")
	}
	for i, a := range addresses {
		if a.CustomerID <= 0 {
			return nil, &Response{}, invalid(op, "address %d: customer_id must be > 0, got %d", i, a.CustomerID)
		}
		if missing := blankCustomerFields("first_name", a.FirstName, "last_name", a.LastName, "address1", a.Address1, "city", a.City,
			"state_or_province", a.StateOrProvince, "postal_code", a.PostalCode, "country_code", a.CountryCode); missing != "" {
			return nil, &Response{}, invalid(op, "address %d: %s required", i, missing)
		}
	}
	return writeBatch[AddressCreate, CustomerAddress](ctx, s.client, op, http.MethodPost, addressesPath, addresses, CustomerBatchSize, customerAddressCreateParallel)
}

// UpdateAddresses changes customer addresses: PUT /v3/customers/addresses,
// in chunks of 10, at most 3 at once (BigCommerce's limit). Every item needs
// an ID > 0, or nothing is sent. Like CreateAddresses, an update that would
// make an address identical to another of the customer's is skipped with a
// 200 and left out of the response.
//
// No addresses, or one without an ID, is refused before anything is sent
// (ErrInvalidRequest). Failures come back as one *BatchError naming addresses
// by their index in addresses.
func (s *CustomersService) UpdateAddresses(ctx context.Context, addresses []AddressUpdate) ([]CustomerAddress, *Response, error) {
	const op = "Customers.UpdateAddresses"
	if len(addresses) == 0 {
		return nil, &Response{}, invalid(op, "no addresses given")
	}
	for i, a := range addresses {
		if a.ID <= 0 {
			return nil, &Response{}, invalid(op, "address %d: id must be > 0, got %d", i, a.ID)
		}
	}
	return writeBatch[AddressUpdate, CustomerAddress](ctx, s.client, op, http.MethodPut, addressesPath, addresses, CustomerBatchSize, customerUpdateParallel)
}

// DeleteAddresses deletes customer addresses by id:
// DELETE /v3/customers/addresses?id:in=..., 50 ids per request. At least one
// id is required and every id must be > 0, or nothing is sent.
//
// No ids, or an id of 0 or less, is refused (ErrInvalidRequest). The ids of a
// request that failed come back as one *BatchError naming them by their index
// in ids; BigCommerce answers 204 whether or not an address existed.
func (s *CustomersService) DeleteAddresses(ctx context.Context, ids ...int) (*Response, error) {
	return deleteCustomerIDs(ctx, s.client, "Customers.DeleteAddresses", addressesPath, ids)
}

// deleteCustomerIDs is deleteIDs (id:in, 50 ids a request) with the
// customers API's reason for refusing an empty list: BigCommerce would
// answer a DELETE without id:in with a 204 and no change.
func deleteCustomerIDs(ctx context.Context, c *Client, op, path string, ids []int) (*Response, error) {
	if len(ids) == 0 {
		return &Response{}, invalid(op, "no ids given: pass at least one id (BigCommerce ignores a DELETE without id:in)")
	}
	return deleteIDs(ctx, c, op, path, ids, deleteIDChunk, cap(c.sem), idInQuery)
}
