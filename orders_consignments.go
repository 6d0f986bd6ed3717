package bigcommerce

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/shopspring/decimal"
)

// Reading an order's line items inline.
//
// GET /v2/orders and GET /v2/orders/{id} with include=consignments.line_items
// and consignment_structure=object embed each order's consignments with the
// line items GET /v2/orders/{id}/products would return, so an export of N
// orders with their line items costs N/250 requests instead of N + N/250.
// OrderFilter.Include (or OrderGetOptions.Include) with
// OrderIncludeConsignmentsLineItems asks for it; Order.LineItems reads it.
//
// Spec ambiguities decided here (orders.v2.oas2.yml, orderConsignment_Get):
//
//   - line_items is declared oneOf an array of links (products_Resource) or
//     an array of orderProducts, but the examples of downloads[] and
//     email.gift_certificates[] show one link object instead of an array.
//     OrderConsignmentLineItems reads all three shapes (and null).
//   - Without consignment_structure=object the API sends a legacy array
//     structure the spec does not describe. The SDK always sends
//     consignment_structure=object with a consignments include, and keeps any
//     other shape as raw JSON (OrderConsignments.Legacy) rather than guess.
//   - The API may add a "__warning__" object and cap a consignment's line
//     items at 50 (undocumented, bigcommerce/docs#960). The warning is read
//     on every consignment and on the consignments object itself, and makes
//     Order.CheckLineItems report the order's line items as truncated.
//   - A line item that appeared in two consignments would be listed once by
//     GET /v2/orders/{id}/products; Order.LineItems lists it once too.
//   - The pickup consignment's "id" is described as "The ID of the pickup
//     consignment to update" (copied from the PUT schema); it is read as the
//     consignment's id.
//   - items_total, items_shipped and shipping_zone_id are typed number but
//     hold counts and ids: read as FlexInt. Money typed number is read as
//     decimal.Decimal, which also accepts the decimal strings V2 uses
//     elsewhere.

// ErrLineItemsNotIncluded is returned by Order.CheckLineItems when the order
// was read without OrderIncludeConsignmentsLineItems: Order.LineItems then
// returns nil, which says nothing about the order's products.
var ErrLineItemsNotIncluded = errors.New("bigcommerce: the order was read without its line items: " +
	"list or get it with Include: StringList{OrderIncludeConsignmentsLineItems}, or call Orders.CompleteLineItems")

// LineItemsTruncatedError is returned by Order.CheckLineItems when BigCommerce
// sent only part of an order's line items (it caps a consignment at 50 and
// says so with a "__warning__"). Fetch them all with
// Orders.CompleteLineItems (GET /v2/orders/{id}/products).
type LineItemsTruncatedError struct {
	// OrderID is the order whose line items are incomplete.
	OrderID int
	// Warnings are the API's messages, in the order they appeared.
	Warnings []string
}

// Error implements error.
func (e *LineItemsTruncatedError) Error() string {
	return fmt.Sprintf("bigcommerce: order %d: BigCommerce sent only part of its line items (%s): fetch them with Orders.CompleteLineItems or Orders.AllProducts",
		e.OrderID, strings.Join(e.Warnings, "; "))
}

// OrderConsignments is an order's consignments (Order.Consignments). Read with
// OrderIncludeConsignments or OrderIncludeConsignmentsLineItems, it holds the
// consignments of consignment_structure=object (orderConsignment_Get);
// otherwise the API may send a link to /orders/{id}/consignments, kept in
// Link.
type OrderConsignments struct {
	// Link is set when the API sent a link instead of the consignments.
	Link *OrderLink
	// Legacy keeps, as raw JSON, a consignments value that is neither a link
	// nor the object structure (the undocumented legacy array structure).
	Legacy json.RawMessage

	// Pickups are the consignments collected in store.
	Pickups []OrderPickupConsignment
	// Shipping are the consignments shipped to an address.
	Shipping []OrderShippingConsignment
	// Downloads are the digital products' consignments (at most one).
	Downloads []OrderDigitalConsignment
	// Email holds the gift certificates sent by email.
	Email OrderEmailConsignments
	// Warning is a "__warning__" the API put on the consignments object
	// itself; see also each consignment's Warning.
	Warning *OrderConsignmentWarning
}

// orderConsignmentsObject is the JSON form of the object structure.
type orderConsignmentsObject struct {
	Pickups   []OrderPickupConsignment   `json:"pickups"`
	Shipping  []OrderShippingConsignment `json:"shipping"`
	Downloads []OrderDigitalConsignment  `json:"downloads"`
	Email     OrderEmailConsignments     `json:"email"`
	Warning   *OrderConsignmentWarning   `json:"__warning__,omitempty"`
	// URL and Resource recognise a link object.
	URL      *string `json:"url,omitempty"`
	Resource *string `json:"resource,omitempty"`
}

// UnmarshalJSON implements json.Unmarshaler for the object structure, a
// link, or (kept raw) any other shape.
func (c *OrderConsignments) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*c = OrderConsignments{}
	if len(b) == 0 || bytes.Equal(b, []byte("null")) {
		return nil
	}
	if b[0] != '{' {
		c.Legacy = append(json.RawMessage(nil), b...)
		return nil
	}
	var o orderConsignmentsObject
	if err := json.Unmarshal(b, &o); err != nil {
		return err
	}
	if o.URL != nil || o.Resource != nil {
		c.Link = &OrderLink{URL: deref(o.URL), Resource: deref(o.Resource)}
		return nil
	}
	c.Pickups, c.Shipping, c.Downloads, c.Email, c.Warning = o.Pickups, o.Shipping, o.Downloads, o.Email, o.Warning
	return nil
}

// MarshalJSON implements json.Marshaler, writing back the shape it read.
func (c OrderConsignments) MarshalJSON() ([]byte, error) {
	switch {
	case c.Link != nil:
		return json.Marshal(c.Link)
	case c.Legacy != nil:
		return c.Legacy, nil
	}
	o := orderConsignmentsObject{Pickups: c.Pickups, Shipping: c.Shipping, Downloads: c.Downloads, Email: c.Email, Warning: c.Warning}
	if o.Pickups == nil {
		o.Pickups = []OrderPickupConsignment{}
	}
	if o.Shipping == nil {
		o.Shipping = []OrderShippingConsignment{}
	}
	if o.Downloads == nil {
		o.Downloads = []OrderDigitalConsignment{}
	}
	if o.Email.GiftCertificates == nil {
		o.Email.GiftCertificates = []OrderGiftCertificateConsignment{}
	}
	return json.Marshal(o)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// OrderConsignmentWarning is a "__warning__" object BigCommerce adds to a
// consignment whose line items it cut short (undocumented; see
// bigcommerce/docs#960): "Not all line items of this consignment are
// returned with this response, only 50 are included. ..."
type OrderConsignmentWarning struct {
	Message string `json:"message"`
}

// OrderConsignmentLineItems is a consignment's line_items. With
// OrderIncludeConsignmentsLineItems it holds the line items (Items);
// otherwise links to them (Links): one per line item, or the single link
// object the spec's examples show for downloads and gift certificates.
type OrderConsignmentLineItems struct {
	// Items are the line items, as GET /v2/orders/{id}/products returns
	// them; nil when the API sent links.
	Items []OrderProduct
	// Links are set when the API sent links instead of the line items.
	Links []OrderLink
}

// UnmarshalJSON implements json.Unmarshaler for an array of line items, an
// array of links, a single link, or null.
func (l *OrderConsignmentLineItems) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*l = OrderConsignmentLineItems{}
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		return nil
	case b[0] == '{':
		var link OrderLink
		if err := json.Unmarshal(b, &link); err != nil {
			return err
		}
		l.Links = []OrderLink{link}
		return nil
	case b[0] != '[':
		return fmt.Errorf("bigcommerce: consignment line_items: want an array or a link object, got %s", truncateForError(b))
	}
	// The spec's oneOf is of two homogeneous arrays: the first element
	// says which.
	var first []json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := decodeFirstElement(dec, &first); err != nil {
		return err
	}
	if len(first) == 1 && isLink(first[0]) {
		return json.Unmarshal(b, &l.Links)
	}
	return json.Unmarshal(b, &l.Items)
}

// decodeFirstElement reads the opening bracket and, if there is one, the
// first element of a JSON array.
func decodeFirstElement(dec *json.Decoder, out *[]json.RawMessage) error {
	if _, err := dec.Token(); err != nil {
		return err
	}
	if !dec.More() {
		return nil
	}
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return err
	}
	*out = append(*out, raw)
	return nil
}

// isLink reports whether raw is a {url, resource} object rather than a line
// item (which has an id).
func isLink(raw json.RawMessage) bool {
	var probe struct {
		ID       json.RawMessage `json:"id"`
		URL      *string         `json:"url"`
		Resource *string         `json:"resource"`
	}
	if json.Unmarshal(raw, &probe) != nil {
		return false
	}
	return probe.ID == nil && (probe.URL != nil || probe.Resource != nil)
}

// MarshalJSON implements json.Marshaler, writing back the shape it read (a
// single link as an array of one).
func (l OrderConsignmentLineItems) MarshalJSON() ([]byte, error) {
	if l.Links != nil {
		return json.Marshal(l.Links)
	}
	if l.Items == nil {
		return []byte("[]"), nil
	}
	return json.Marshal(l.Items)
}

// included reports whether the API sent the line items themselves.
func (l OrderConsignmentLineItems) included() bool { return l.Links == nil }

// OrderPickupLocation is where a pickup consignment is collected
// (pickupConsignmentLocation_Get).
type OrderPickupLocation struct {
	ID           int    `json:"id"`
	Name         string `json:"name"`
	Code         string `json:"code"`
	AddressLine1 string `json:"address_line_1"`
	AddressLine2 string `json:"address_line_2"`
	City         string `json:"city"`
	State        string `json:"state"`
	PostalCode   string `json:"postal_code"`
	// CountryAlpha2 is the ISO 3166-1 alpha-2 country code.
	CountryAlpha2 string `json:"country_alpha2"`
	Email         string `json:"email"`
	Phone         string `json:"phone"`
}

// OrderPickupConsignment is a consignment collected in store
// (pickupConsignment_Get).
type OrderPickupConsignment struct {
	ID                        int                       `json:"id"`
	PickupMethodID            int                       `json:"pickup_method_id"`
	PickupMethodDisplayName   string                    `json:"pickup_method_display_name"`
	CollectionInstructions    string                    `json:"collection_instructions"`
	CollectionTimeDescription string                    `json:"collection_time_description"`
	Location                  OrderPickupLocation       `json:"location"`
	LineItems                 OrderConsignmentLineItems `json:"line_items"`
	// Warning is set when the API cut the line items short.
	Warning *OrderConsignmentWarning `json:"__warning__,omitempty"`
}

// OrderShippingConsignment is a consignment shipped to one address
// (shippingConsignment_Get): the address, the shipping method and its costs.
type OrderShippingConsignment struct {
	ID          int              `json:"id"`
	FirstName   string           `json:"first_name"`
	LastName    string           `json:"last_name"`
	Company     string           `json:"company"`
	Street1     string           `json:"street_1"`
	Street2     string           `json:"street_2"`
	City        string           `json:"city"`
	State       string           `json:"state"`
	Zip         string           `json:"zip"`
	Country     string           `json:"country"`
	CountryISO2 string           `json:"country_iso2"`
	Phone       string           `json:"phone"`
	Email       string           `json:"email"`
	FormFields  []OrderFormField `json:"form_fields"`
	// ShippingMethod is the shipping module the customer chose ("Free
	// Shipping").
	ShippingMethod string                    `json:"shipping_method"`
	LineItems      OrderConsignmentLineItems `json:"line_items"`
	ItemsTotal     FlexInt                   `json:"items_total"`
	ItemsShipped   FlexInt                   `json:"items_shipped"`

	BaseCost               decimal.Decimal `json:"base_cost"`
	CostExTax              decimal.Decimal `json:"cost_ex_tax"`
	CostIncTax             decimal.Decimal `json:"cost_inc_tax"`
	CostTax                decimal.Decimal `json:"cost_tax"`
	CostTaxClassID         int             `json:"cost_tax_class_id"`
	BaseHandlingCost       decimal.Decimal `json:"base_handling_cost"`
	HandlingCostExTax      decimal.Decimal `json:"handling_cost_ex_tax"`
	HandlingCostIncTax     decimal.Decimal `json:"handling_cost_inc_tax"`
	HandlingCostTax        decimal.Decimal `json:"handling_cost_tax"`
	HandlingCostTaxClassID int             `json:"handling_cost_tax_class_id"`
	ShippingZoneID         FlexInt         `json:"shipping_zone_id"`
	ShippingZoneName       string          `json:"shipping_zone_name"`
	// ShippingQuotes links to the consignment's persisted shipping quotes.
	ShippingQuotes OrderLink `json:"shipping_quotes"`
	// Warning is set when the API cut the line items short.
	Warning *OrderConsignmentWarning `json:"__warning__,omitempty"`
}

// OrderDigitalConsignment is the consignment of an order's downloadable
// products (digitalConsignment_Get).
type OrderDigitalConsignment struct {
	RecipientEmail string                    `json:"recipient_email"`
	LineItems      OrderConsignmentLineItems `json:"line_items"`
	// Warning is set when the API cut the line items short.
	Warning *OrderConsignmentWarning `json:"__warning__,omitempty"`
}

// OrderEmailConsignments are the consignments sent by email.
type OrderEmailConsignments struct {
	GiftCertificates []OrderGiftCertificateConsignment `json:"gift_certificates"`
	// Warning is set when the API cut line items short.
	Warning *OrderConsignmentWarning `json:"__warning__,omitempty"`
}

// OrderGiftCertificateConsignment is a gift certificate sent by email
// (giftCertificateConsignment_Get).
type OrderGiftCertificateConsignment struct {
	RecipientEmail string                    `json:"recipient_email"`
	LineItems      OrderConsignmentLineItems `json:"line_items"`
	// Warning is set when the API cut the line items short.
	Warning *OrderConsignmentWarning `json:"__warning__,omitempty"`
}

// each calls fn with every consignment's line items and warning, in a fixed
// order: pickups, shipping, downloads, email gift certificates.
func (c *OrderConsignments) each(fn func(OrderConsignmentLineItems, *OrderConsignmentWarning)) {
	for _, p := range c.Pickups {
		fn(p.LineItems, p.Warning)
	}
	for _, s := range c.Shipping {
		fn(s.LineItems, s.Warning)
	}
	for _, d := range c.Downloads {
		fn(d.LineItems, d.Warning)
	}
	for _, g := range c.Email.GiftCertificates {
		fn(g.LineItems, g.Warning)
	}
}

// Warnings returns the messages of every "__warning__" in the consignments
// (the API's notice that it cut line items short), or nil.
func (c *OrderConsignments) Warnings() []string {
	if c == nil {
		return nil
	}
	var out []string
	add := func(w *OrderConsignmentWarning) {
		if w != nil {
			out = append(out, cmp.Or(w.Message, "(a __warning__ without a message)"))
		}
	}
	add(c.Warning)
	add(c.Email.Warning)
	c.each(func(_ OrderConsignmentLineItems, w *OrderConsignmentWarning) { add(w) })
	return out
}

// LineItemsIncluded reports whether the order was read with its line items
// (OrderIncludeConsignmentsLineItems), so that LineItems lists them.
func (o Order) LineItemsIncluded() bool {
	c := o.Consignments
	if c == nil || c.Link != nil || c.Legacy != nil {
		return false
	}
	ok := true
	c.each(func(l OrderConsignmentLineItems, _ *OrderConsignmentWarning) { ok = ok && l.included() })
	return ok
}

// LineItems returns every line item of an order read with
// OrderIncludeConsignmentsLineItems: the line items of all its consignments,
// sorted by line item id (the order of GET /v2/orders/{id}/products), each
// listed once.
//
// It returns nil when the order was read without that include: check
// LineItemsIncluded, or CheckLineItems, which also reports line items the
// API cut short. An order read with the include always gives a non-nil slice
// (empty if its consignments hold no line item).
func (o Order) LineItems() []OrderProduct {
	if !o.LineItemsIncluded() {
		return nil
	}
	out := []OrderProduct{}
	o.Consignments.each(func(l OrderConsignmentLineItems, _ *OrderConsignmentWarning) {
		out = append(out, l.Items...)
	})
	slices.SortStableFunc(out, func(a, b OrderProduct) int { return cmp.Compare(a.ID, b.ID) })
	return slices.CompactFunc(out, func(a, b OrderProduct) bool { return a.ID != 0 && a.ID == b.ID })
}

// CheckLineItems reports whether LineItems holds every line item of the
// order: nil if so, ErrLineItemsNotIncluded if the order was read without
// OrderIncludeConsignmentsLineItems, or a *LineItemsTruncatedError if the
// API sent only part of them (it caps a consignment at 50 line items).
func (o Order) CheckLineItems() error {
	if !o.LineItemsIncluded() {
		return ErrLineItemsNotIncluded
	}
	if w := o.Consignments.Warnings(); len(w) > 0 {
		return &LineItemsTruncatedError{OrderID: o.ID, Warnings: w}
	}
	return nil
}

// IncludeLineItems adds OrderIncludeConsignmentsLineItems to f.Include
// (once) and returns f, so that the orders List and All return carry their
// line items: a shorthand for Include: StringList{OrderIncludeConsignmentsLineItems}.
// On a nil f it returns a new filter.
func (f *OrderFilter) IncludeLineItems() *OrderFilter {
	if f == nil {
		f = &OrderFilter{}
	}
	if !slices.Contains(f.Include, OrderIncludeConsignmentsLineItems) {
		f.Include = append(slices.Clip(f.Include), OrderIncludeConsignmentsLineItems)
	}
	return f
}

// OrderGetOptions are the query options of OrdersService.Get (GET
// /v2/orders/{id}).
type OrderGetOptions struct {
	// Include adds sub-resources: OrderIncludeConsignmentsLineItems,
	// OrderIncludeConsignments, OrderIncludeFees. With a consignments value,
	// consignment_structure=object is sent too.
	Include StringList `url:"include,omitempty"`
	// ConsignmentStructure is sent as consignment_structure; leave it empty
	// (the SDK sets "object", the only structure it decodes, whenever
	// consignments are included).
	ConsignmentStructure string `url:"consignment_structure,omitempty"`
}

// consignmentStructure returns the consignment_structure to send for an
// include list and the caller's value: "object" whenever consignments are
// included. Any other value the caller set is refused.
func consignmentStructure(op string, include StringList, set string) (string, error) {
	wants := slices.ContainsFunc(include, func(s string) bool {
		return s == OrderIncludeConsignments || s == OrderIncludeConsignmentsLineItems
	})
	switch {
	case set != "" && set != "object":
		return "", invalid(op, "ConsignmentStructure %q: only \"object\" is supported (leave it empty; it is set whenever consignments are included)", set)
	case wants:
		return "object", nil
	}
	return set, nil
}

// Get returns one order: GET /v2/orders/{id}, with the sub-resources opts
// includes (opts may be nil). With OrderIncludeConsignmentsLineItems the
// order's LineItems are read in the same request:
//
//	o, _, err := client.Orders.Get(ctx, id, &bigcommerce.OrderGetOptions{
//		Include: bigcommerce.StringList{bigcommerce.OrderIncludeConsignmentsLineItems},
//	})
//	items := o.LineItems()
//
// An id of 0 or less, or a ConsignmentStructure other than "object", is
// refused before anything is sent (ErrInvalidRequest); an id BigCommerce
// does not know is an error matching ErrNotFound.
func (s *OrdersService) Get(ctx context.Context, id int, opts *OrderGetOptions) (*Order, *Response, error) {
	const op = "Orders.Get"
	if err := checkID(op, "order id", id); err != nil {
		return nil, &Response{}, err
	}
	var q any
	if opts != nil {
		o := *opts
		cs, err := consignmentStructure(op, o.Include, o.ConsignmentStructure)
		if err != nil {
			return nil, &Response{}, err
		}
		o.ConsignmentStructure = cs
		q = &o
	}
	return getOneV2[Order](ctx, s.client, http.MethodGet, orderPath(id), q, nil)
}

// GetWithOptions is the former name of Get with options.
//
// Deprecated: Use Get, which takes the same options.
func (s *OrdersService) GetWithOptions(ctx context.Context, id int, opts *OrderGetOptions) (*Order, *Response, error) {
	return s.Get(ctx, id, opts)
}

// CompleteLineItems returns every line item of o. When o was read with
// OrderIncludeConsignmentsLineItems and the API sent them all, it returns
// o.LineItems() without a request; otherwise (read without the include, or
// a consignment cut at 50 line items) it fetches them: GET
// /v2/orders/{id}/products, page after page.
//
// A nil order is refused before anything is sent (ErrInvalidRequest); an order
// BigCommerce does not know is an error matching ErrNotFound.
func (s *OrdersService) CompleteLineItems(ctx context.Context, o *Order) ([]OrderProduct, error) {
	if o == nil {
		return nil, invalid("Orders.CompleteLineItems", "order is nil")
	}
	if o.CheckLineItems() == nil {
		return o.LineItems(), nil
	}
	out := []OrderProduct{}
	for p, err := range s.AllProducts(ctx, o.ID, nil) {
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}
