package bigcommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// OrdersService is reached through Client.Orders. It covers the V2 orders
// API (/v2/orders and its products, shipping addresses and shipments,
// /v2/order_statuses) and the V3 order transactions.
//
// V2 lists are bare JSON arrays; an empty page is 204 No Content, which the
// list methods return as an empty slice with no error. V2 money is a decimal
// string ("225.0000") read into decimal.Decimal; V2 dates are RFC 2822 and
// read into Time ("" gives the zero Time).
//
// There is deliberately no method for DELETE /v2/orders without an id: it
// archives every order in the store.
type OrdersService service

// OrderStatusID is an order status id (status_id). The ids are fixed by
// BigCommerce; stores can only relabel them (see ListStatuses).
type OrderStatusID int

// Order status ids, as listed by GET /v2/order_statuses.
const (
	OrderStatusIncomplete                 OrderStatusID = 0
	OrderStatusPending                    OrderStatusID = 1
	OrderStatusShipped                    OrderStatusID = 2
	OrderStatusPartiallyShipped           OrderStatusID = 3
	OrderStatusRefunded                   OrderStatusID = 4
	OrderStatusCancelled                  OrderStatusID = 5
	OrderStatusDeclined                   OrderStatusID = 6
	OrderStatusAwaitingPayment            OrderStatusID = 7
	OrderStatusAwaitingPickup             OrderStatusID = 8
	OrderStatusAwaitingShipment           OrderStatusID = 9
	OrderStatusCompleted                  OrderStatusID = 10
	OrderStatusAwaitingFulfillment        OrderStatusID = 11
	OrderStatusManualVerificationRequired OrderStatusID = 12
	OrderStatusDisputed                   OrderStatusID = 13
	OrderStatusPartiallyRefunded          OrderStatusID = 14
)

var orderStatusNames = [...]string{
	"Incomplete", "Pending", "Shipped", "Partially Shipped", "Refunded",
	"Cancelled", "Declined", "Awaiting Payment", "Awaiting Pickup",
	"Awaiting Shipment", "Completed", "Awaiting Fulfillment",
	"Manual Verification Required", "Disputed", "Partially Refunded",
}

// String returns the status's system label ("Awaiting Fulfillment"), or
// "OrderStatusID(n)" for an id BigCommerce does not define.
func (s OrderStatusID) String() string {
	if s >= 0 && int(s) < len(orderStatusNames) {
		return orderStatusNames[s]
	}
	return "OrderStatusID(" + strconv.Itoa(int(s)) + ")"
}

// EncodeValues implements query.Encoder. It sends the number: without it the
// query encoder would format the value with String ("Incomplete").
func (s OrderStatusID) EncodeValues(key string, v *url.Values) error {
	v.Set(key, strconv.Itoa(int(s)))
	return nil
}

// OrderSort is a sort order for GET /v2/orders: a field and a direction.
type OrderSort string

// Sort orders for OrderFilter.Sort. BigCommerce's default is id ascending.
const (
	OrderSortIDAsc            OrderSort = "id:asc"
	OrderSortIDDesc           OrderSort = "id:desc"
	OrderSortCustomerIDAsc    OrderSort = "customer_id:asc"
	OrderSortCustomerIDDesc   OrderSort = "customer_id:desc"
	OrderSortDateCreatedAsc   OrderSort = "date_created:asc"
	OrderSortDateCreatedDesc  OrderSort = "date_created:desc"
	OrderSortDateModifiedAsc  OrderSort = "date_modified:asc"
	OrderSortDateModifiedDesc OrderSort = "date_modified:desc"
	OrderSortStatusIDAsc      OrderSort = "status_id:asc"
	OrderSortStatusIDDesc     OrderSort = "status_id:desc"
	OrderSortChannelIDAsc     OrderSort = "channel_id:asc"
	OrderSortChannelIDDesc    OrderSort = "channel_id:desc"
	OrderSortExternalIDAsc    OrderSort = "external_id:asc"
	OrderSortExternalIDDesc   OrderSort = "external_id:desc"
)

// Values for OrderFilter.Include.
const (
	OrderIncludeConsignments          = "consignments"
	OrderIncludeConsignmentsLineItems = "consignments.line_items"
	OrderIncludeFees                  = "fees"
)

// OrderFilter selects orders for List, All and Count (GET /v2/orders). The
// zero value selects every order. Dates are sent in RFC 2822 form
// (min_date_created=Thu, 20 Apr 2017 11:32:00 -0400).
type OrderFilter struct {
	MinID int `url:"min_id,omitempty"`
	MaxID int `url:"max_id,omitempty"`
	// MinTotal and MaxTotal bound the order total; they are sent as plain
	// numbers (min_total=12.5).
	MinTotal *decimal.Decimal `url:"min_total,omitempty"`
	MaxTotal *decimal.Decimal `url:"max_total,omitempty"`
	// CustomerID selects one customer's orders; Ptr(0) selects guest orders.
	CustomerID *int   `url:"customer_id,omitempty"`
	Email      string `url:"email,omitempty"`
	// StatusID selects one status; Ptr(OrderStatusIncomplete) is status 0.
	StatusID *OrderStatusID `url:"status_id,omitempty"`
	CartID   string         `url:"cart_id,omitempty"`
	// PaymentMethod is the payment method's display name ("Credit Card").
	PaymentMethod   string    `url:"payment_method,omitempty"`
	MinDateCreated  time.Time `url:"min_date_created,omitempty" layout:"Mon, 02 Jan 2006 15:04:05 -0700"`
	MaxDateCreated  time.Time `url:"max_date_created,omitempty" layout:"Mon, 02 Jan 2006 15:04:05 -0700"`
	MinDateModified time.Time `url:"min_date_modified,omitempty" layout:"Mon, 02 Jan 2006 15:04:05 -0700"`
	MaxDateModified time.Time `url:"max_date_modified,omitempty" layout:"Mon, 02 Jan 2006 15:04:05 -0700"`
	ChannelID       int       `url:"channel_id,omitempty"`
	ExternalOrderID string    `url:"external_order_id,omitempty"`
	Sort            OrderSort `url:"sort,omitempty"`
	// Include adds sub-resources to each order (OrderIncludeFees,
	// OrderIncludeConsignments, OrderIncludeConsignmentsLineItems).
	// OrderIncludeConsignmentsLineItems embeds every order's line items (read
	// them with Order.LineItems), saving a request per order; IncludeLineItems
	// is a shorthand for it.
	Include StringList `url:"include,omitempty"`
	// ConsignmentStructure is sent as consignment_structure. Leave it empty:
	// List and All send "object" (the only structure the SDK decodes)
	// whenever Include asks for consignments.
	ConsignmentStructure string `url:"consignment_structure,omitempty"`
	// Page is the 1-based page; 0 means the first page (page=0 is never sent).
	Page int `url:"page,omitempty"`
	// Limit is the page size, at most MaxPageSize; 0 means the API default
	// (50). A negative Page or Limit, or a Limit above the maximum, is
	// refused before sending.
	Limit int `url:"limit,omitempty"`
}

func (f *OrderFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// orderCountQuery is the query of GET /v2/orders/count: the OrderFilter
// fields that endpoint documents, with the same encoding.
type orderCountQuery struct {
	MinID           int              `url:"min_id,omitempty"`
	MaxID           int              `url:"max_id,omitempty"`
	MinTotal        *decimal.Decimal `url:"min_total,omitempty"`
	MaxTotal        *decimal.Decimal `url:"max_total,omitempty"`
	CustomerID      *int             `url:"customer_id,omitempty"`
	Email           string           `url:"email,omitempty"`
	StatusID        *OrderStatusID   `url:"status_id,omitempty"`
	CartID          string           `url:"cart_id,omitempty"`
	PaymentMethod   string           `url:"payment_method,omitempty"`
	MinDateCreated  time.Time        `url:"min_date_created,omitempty" layout:"Mon, 02 Jan 2006 15:04:05 -0700"`
	MaxDateCreated  time.Time        `url:"max_date_created,omitempty" layout:"Mon, 02 Jan 2006 15:04:05 -0700"`
	MinDateModified time.Time        `url:"min_date_modified,omitempty" layout:"Mon, 02 Jan 2006 15:04:05 -0700"`
	MaxDateModified time.Time        `url:"max_date_modified,omitempty" layout:"Mon, 02 Jan 2006 15:04:05 -0700"`
	ChannelID       int              `url:"channel_id,omitempty"`
	ExternalOrderID string           `url:"external_order_id,omitempty"`
}

func newOrderCountQuery(f *OrderFilter) *orderCountQuery {
	return &orderCountQuery{
		MinID: f.MinID, MaxID: f.MaxID, MinTotal: f.MinTotal, MaxTotal: f.MaxTotal,
		CustomerID: f.CustomerID, Email: f.Email, StatusID: f.StatusID, CartID: f.CartID,
		PaymentMethod:  f.PaymentMethod,
		MinDateCreated: f.MinDateCreated, MaxDateCreated: f.MaxDateCreated,
		MinDateModified: f.MinDateModified, MaxDateModified: f.MaxDateModified,
		ChannelID: f.ChannelID, ExternalOrderID: f.ExternalOrderID,
	}
}

// OrderLink points to a sub-resource that V2 does not embed (an order's
// products, shipping addresses, coupons): {url, resource}.
type OrderLink struct {
	// URL is the absolute API URL of the sub-resource.
	URL string `json:"url"`
	// Resource is its path below /v2, e.g. "/orders/100/products".
	Resource string `json:"resource"`
}

// OrderFormField is a custom form field value on an address. Value is a
// string, a number or a list, so it is kept as raw JSON.
type OrderFormField struct {
	Name  string          `json:"name"`
	Value json.RawMessage `json:"value"`
}

// OrderAddress is an order's billing address, or a shipment's billing or
// shipping address.
type OrderAddress struct {
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
	FormFields  []OrderFormField `json:"form_fields,omitempty"`
}

// Order is a V2 order (GET /v2/orders/{id}). Money is decimal.Decimal (the
// API sends "225.0000" strings, sometimes numbers); dates are Time, zero when
// the API sends "" (DateShipped before the order ships). Products,
// ShippingAddresses and Coupons are links: fetch them with ListProducts and
// ListShippingAddresses.
type Order struct {
	ID         int           `json:"id"`
	CustomerID FlexInt       `json:"customer_id"` // 0 for a guest
	StatusID   OrderStatusID `json:"status_id"`
	// Status is the status label the store shows (possibly customised).
	Status string `json:"status"`
	// CustomStatus is the store's custom label (in the examples, not the schema).
	CustomStatus  string `json:"custom_status"`
	PaymentStatus string `json:"payment_status"`
	DateCreated   Time   `json:"date_created"`
	DateModified  Time   `json:"date_modified"`
	DateShipped   Time   `json:"date_shipped"`
	CartID        string `json:"cart_id"`
	ChannelID     int    `json:"channel_id"`
	IsDeleted     bool   `json:"is_deleted"`

	SubtotalExTax          decimal.Decimal `json:"subtotal_ex_tax"`
	SubtotalIncTax         decimal.Decimal `json:"subtotal_inc_tax"`
	SubtotalTax            decimal.Decimal `json:"subtotal_tax"`
	BaseShippingCost       decimal.Decimal `json:"base_shipping_cost"`
	ShippingCostExTax      decimal.Decimal `json:"shipping_cost_ex_tax"`
	ShippingCostIncTax     decimal.Decimal `json:"shipping_cost_inc_tax"`
	ShippingCostTax        decimal.Decimal `json:"shipping_cost_tax"`
	ShippingCostTaxClassID int             `json:"shipping_cost_tax_class_id"`
	BaseHandlingCost       decimal.Decimal `json:"base_handling_cost"`
	HandlingCostExTax      decimal.Decimal `json:"handling_cost_ex_tax"`
	HandlingCostIncTax     decimal.Decimal `json:"handling_cost_inc_tax"`
	HandlingCostTax        decimal.Decimal `json:"handling_cost_tax"`
	HandlingCostTaxClassID int             `json:"handling_cost_tax_class_id"`
	BaseWrappingCost       decimal.Decimal `json:"base_wrapping_cost"`
	WrappingCostExTax      decimal.Decimal `json:"wrapping_cost_ex_tax"`
	WrappingCostIncTax     decimal.Decimal `json:"wrapping_cost_inc_tax"`
	WrappingCostTax        decimal.Decimal `json:"wrapping_cost_tax"`
	WrappingCostTaxClassID int             `json:"wrapping_cost_tax_class_id"`
	TotalExTax             decimal.Decimal `json:"total_ex_tax"`
	TotalIncTax            decimal.Decimal `json:"total_inc_tax"`
	TotalTax               decimal.Decimal `json:"total_tax"`
	IsTaxInclusivePricing  bool            `json:"is_tax_inclusive_pricing"`
	DiscountAmount         decimal.Decimal `json:"discount_amount"`
	CouponDiscount         decimal.Decimal `json:"coupon_discount"`
	RefundedAmount         decimal.Decimal `json:"refunded_amount"`
	StoreCreditAmount      decimal.Decimal `json:"store_credit_amount"`
	GiftCertificateAmount  decimal.Decimal `json:"gift_certificate_amount"`

	CurrencyID                              int             `json:"currency_id"`
	CurrencyCode                            string          `json:"currency_code"`
	CurrencyExchangeRate                    decimal.Decimal `json:"currency_exchange_rate"`
	DefaultCurrencyID                       int             `json:"default_currency_id"`
	DefaultCurrencyCode                     string          `json:"default_currency_code"`
	StoreDefaultCurrencyCode                string          `json:"store_default_currency_code"`
	StoreDefaultToTransactionalExchangeRate decimal.Decimal `json:"store_default_to_transactional_exchange_rate"`

	ItemsTotal           FlexInt `json:"items_total"`
	ItemsShipped         FlexInt `json:"items_shipped"`
	ShippingAddressCount FlexInt `json:"shipping_address_count"`
	OrderIsDigital       bool    `json:"order_is_digital"`

	PaymentMethod string `json:"payment_method"`
	// PaymentProviderID is the payment provider's transaction id (a string
	// or a number in the API).
	PaymentProviderID FlexString `json:"payment_provider_id"`
	TaxProviderID     string     `json:"tax_provider_id"`

	IPAddress        string `json:"ip_address"`
	IPAddressV6      string `json:"ip_address_v6"`
	GeoipCountry     string `json:"geoip_country"`
	GeoipCountryISO2 string `json:"geoip_country_iso2"`
	CustomerLocale   string `json:"customer_locale"`
	IsEmailOptIn     bool   `json:"is_email_opt_in"`

	StaffNotes         string `json:"staff_notes"`
	CustomerMessage    string `json:"customer_message"`
	OrderSource        string `json:"order_source"`
	EbayOrderID        string `json:"ebay_order_id"`
	ExternalID         string `json:"external_id"`
	ExternalMerchantID string `json:"external_merchant_id"`
	ExternalSource     string `json:"external_source"`
	ExternalOrderID    string `json:"external_order_id"`

	BillingAddress    OrderAddress `json:"billing_address"`
	Products          OrderLink    `json:"products"`
	ShippingAddresses OrderLink    `json:"shipping_addresses"`
	Coupons           OrderLink    `json:"coupons"`
	// Fees is a link, or with OrderIncludeFees the fees themselves.
	Fees OrderFees `json:"fees"`
	// Consignments is set when the order was read with
	// OrderIncludeConsignmentsLineItems or OrderIncludeConsignments: its
	// pickup, shipping, download and gift certificate consignments, with
	// their line items for the former (see LineItems). nil when the API sent
	// no consignments field.
	Consignments *OrderConsignments `json:"consignments,omitempty"`
}

// OrderFees is an order's fees field: a link to /orders/{id}/fees by
// default, or the fees themselves when the order was read with
// OrderIncludeFees.
type OrderFees struct {
	// Link is set when the API sent a link (no include=fees).
	Link *OrderLink
	// Items holds the fees when the API sent them.
	Items []OrderFee
}

// UnmarshalJSON implements json.Unmarshaler for either shape.
func (f *OrderFees) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		*f = OrderFees{}
		return nil
	case b[0] == '[':
		*f = OrderFees{}
		return json.Unmarshal(b, &f.Items)
	default:
		*f = OrderFees{Link: &OrderLink{}}
		return json.Unmarshal(b, f.Link)
	}
}

// MarshalJSON implements json.Marshaler, writing back the shape it read.
func (f OrderFees) MarshalJSON() ([]byte, error) {
	if f.Link != nil {
		return json.Marshal(f.Link)
	}
	if f.Items == nil {
		return []byte("null"), nil
	}
	return json.Marshal(f.Items)
}

// OrderFee is a fee on an order.
type OrderFee struct {
	ID                  int             `json:"id"`
	Type                string          `json:"type"`
	DisplayNameCustomer string          `json:"display_name_customer"`
	DisplayNameMerchant string          `json:"display_name_merchant"`
	Source              string          `json:"source"`
	BaseCost            decimal.Decimal `json:"base_cost"`
	CostExTax           decimal.Decimal `json:"cost_ex_tax"`
	CostIncTax          decimal.Decimal `json:"cost_inc_tax"`
	CostTax             decimal.Decimal `json:"cost_tax"`
	// TaxClassID is nil when the fee has no tax class.
	TaxClassID *int `json:"tax_class_id"`
}

// OrderCount is the answer of GET /v2/orders/count: the total and the
// number of orders in each status.
type OrderCount struct {
	Count    FlexInt            `json:"count"`
	Statuses []OrderStatusCount `json:"statuses"`
}

// OrderStatusCount is one status's share of an OrderCount.
type OrderStatusCount struct {
	ID                OrderStatusID `json:"id"`
	Name              string        `json:"name"`
	SystemLabel       string        `json:"system_label"`
	CustomLabel       string        `json:"custom_label"`
	SystemDescription string        `json:"system_description"`
	Count             int           `json:"count"`
	SortOrder         int           `json:"sort_order"`
}

// OrderStatus is one of the store's order statuses (GET /v2/order_statuses).
type OrderStatus struct {
	ID                OrderStatusID `json:"id"`
	Name              string        `json:"name"`
	SystemLabel       string        `json:"system_label"`
	CustomLabel       string        `json:"custom_label"`
	SystemDescription string        `json:"system_description"`
	// Order is the status's position in the control panel (sent by the API,
	// missing from the spec's schema).
	Order int `json:"order"`
}

// OrderProduct is a line item of an order (GET /v2/orders/{id}/products).
type OrderProduct struct {
	ID                   int    `json:"id"`
	OrderID              int    `json:"order_id"`
	ProductID            int    `json:"product_id"`
	VariantID            int    `json:"variant_id"`
	OrderPickupMethodID  int    `json:"order_pickup_method_id"`
	OrderAddressID       int    `json:"order_address_id"`
	Name                 string `json:"name"`
	NameCustomer         string `json:"name_customer"`
	NameMerchant         string `json:"name_merchant"`
	SKU                  string `json:"sku"`
	UPC                  string `json:"upc"`
	Type                 string `json:"type"` // physical, digital or giftcertificate
	Brand                string `json:"brand"`
	BinPickingNumber     string `json:"bin_picking_number"`
	ExternalID           string `json:"external_id"`
	OptionSetID          int    `json:"option_set_id"`
	ParentOrderProductID int    `json:"parent_order_product_id"`
	IsBundledProduct     bool   `json:"is_bundled_product"`
	GiftCertificateID    int    `json:"gift_certificate_id"`

	Quantity         int     `json:"quantity"`
	QuantityShipped  FlexInt `json:"quantity_shipped"`
	QuantityRefunded FlexInt `json:"quantity_refunded"`
	IsRefunded       bool    `json:"is_refunded"`
	ReturnID         FlexInt `json:"return_id"`

	BasePrice             decimal.Decimal `json:"base_price"`
	PriceExTax            decimal.Decimal `json:"price_ex_tax"`
	PriceIncTax           decimal.Decimal `json:"price_inc_tax"`
	PriceTax              decimal.Decimal `json:"price_tax"`
	BaseTotal             decimal.Decimal `json:"base_total"`
	TotalExTax            decimal.Decimal `json:"total_ex_tax"`
	TotalIncTax           decimal.Decimal `json:"total_inc_tax"`
	TotalTax              decimal.Decimal `json:"total_tax"`
	DiscountedTotalIncTax decimal.Decimal `json:"discounted_total_inc_tax"`
	BaseCostPrice         decimal.Decimal `json:"base_cost_price"`
	CostPriceIncTax       decimal.Decimal `json:"cost_price_inc_tax"`
	CostPriceExTax        decimal.Decimal `json:"cost_price_ex_tax"`
	CostPriceTax          decimal.Decimal `json:"cost_price_tax"`
	RefundAmount          decimal.Decimal `json:"refund_amount"`
	FixedShippingCost     decimal.Decimal `json:"fixed_shipping_cost"`

	Weight decimal.Decimal `json:"weight"` // a string or a number in the API
	Width  decimal.Decimal `json:"width"`
	Height decimal.Decimal `json:"height"`
	Depth  decimal.Decimal `json:"depth"`

	WrappingID         int             `json:"wrapping_id"`
	WrappingName       string          `json:"wrapping_name"`
	WrappingMessage    string          `json:"wrapping_message"`
	BaseWrappingCost   decimal.Decimal `json:"base_wrapping_cost"` // a string or a number in the API
	WrappingCostExTax  decimal.Decimal `json:"wrapping_cost_ex_tax"`
	WrappingCostIncTax decimal.Decimal `json:"wrapping_cost_inc_tax"`
	WrappingCostTax    decimal.Decimal `json:"wrapping_cost_tax"`

	EventName         string `json:"event_name"`
	EventDate         Time   `json:"event_date"`
	EbayItemID        string `json:"ebay_item_id"`
	EbayTransactionID string `json:"ebay_transaction_id"`

	AppliedDiscounts   []OrderProductAppliedDiscount `json:"applied_discounts"`
	ProductOptions     []OrderProductOption          `json:"product_options"`
	ConfigurableFields []json.RawMessage             `json:"configurable_fields"`
}

// OrderProductAppliedDiscount is a discount applied to an order line.
type OrderProductAppliedDiscount struct {
	ID     string          `json:"id"`
	Amount decimal.Decimal `json:"amount"`
	Name   string          `json:"name"`
	Code   string          `json:"code"`
	Target string          `json:"target"` // order or product
}

// OrderProductOption is an option or modifier value chosen on an order line.
type OrderProductOption struct {
	ID                   int    `json:"id"`
	OptionID             int    `json:"option_id"`
	OrderProductID       int    `json:"order_product_id"`
	ProductOptionID      int    `json:"product_option_id"`
	DisplayName          string `json:"display_name"`
	DisplayNameCustomer  string `json:"display_name_customer"`
	DisplayNameMerchant  string `json:"display_name_merchant"`
	DisplayValue         string `json:"display_value"`
	DisplayValueCustomer string `json:"display_value_customer"`
	DisplayValueMerchant string `json:"display_value_merchant"`
	Value                string `json:"value"`
	Type                 string `json:"type"`
	Name                 string `json:"name"`
	DisplayStyle         string `json:"display_style"`
}

// OrderShippingAddress is a shipping address of an order, with its shipping
// costs (GET /v2/orders/{id}/shipping_addresses). Its ID is the
// OrderAddressID that shipments and order products refer to.
type OrderShippingAddress struct {
	ID             int              `json:"id"`
	OrderID        int              `json:"order_id"`
	FirstName      string           `json:"first_name"`
	LastName       string           `json:"last_name"`
	Company        string           `json:"company"`
	Street1        string           `json:"street_1"`
	Street2        string           `json:"street_2"`
	City           string           `json:"city"`
	State          string           `json:"state"`
	Zip            string           `json:"zip"`
	Country        string           `json:"country"`
	CountryISO2    string           `json:"country_iso2"`
	Phone          string           `json:"phone"`
	Email          string           `json:"email"`
	FormFields     []OrderFormField `json:"form_fields"`
	ShippingMethod string           `json:"shipping_method"`

	ItemsTotal   FlexInt `json:"items_total"`
	ItemsShipped FlexInt `json:"items_shipped"`

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
	ShippingQuotes         OrderLink       `json:"shipping_quotes"`
}

// Shipment is a shipment of an order (GET /v2/orders/{id}/shipments).
type Shipment struct {
	ID                          int             `json:"id"`
	OrderID                     int             `json:"order_id"`
	CustomerID                  int             `json:"customer_id"`
	OrderAddressID              int             `json:"order_address_id"`
	DateCreated                 Time            `json:"date_created"`
	TrackingNumber              string          `json:"tracking_number"`
	MerchantShippingCost        decimal.Decimal `json:"merchant_shipping_cost"`
	ShippingMethod              string          `json:"shipping_method"`
	ShippingProvider            string          `json:"shipping_provider"`
	ShippingProviderDisplayName string          `json:"shipping_provider_display_name"`
	TrackingCarrier             string          `json:"tracking_carrier"`
	TrackingLink                string          `json:"tracking_link"`
	GeneratedTrackingLink       string          `json:"generated_tracking_link"`
	Comments                    string          `json:"comments"`
	BillingAddress              OrderAddress    `json:"billing_address"`
	ShippingAddress             OrderAddress    `json:"shipping_address"`
	Items                       []ShipmentItem  `json:"items"`
}

// ShipmentItem is a quantity of one order line in a shipment. ProductID is
// read-only.
type ShipmentItem struct {
	OrderProductID int `json:"order_product_id"`
	ProductID      int `json:"product_id,omitempty"`
	Quantity       int `json:"quantity"`
}

// ShipmentCreate is the body of CreateShipment. OrderAddressID (the
// OrderShippingAddress id) and Items are required.
type ShipmentCreate struct {
	OrderAddressID int            `json:"order_address_id"`
	Items          []ShipmentItem `json:"items"`
	TrackingNumber *string        `json:"tracking_number,omitempty"`
	TrackingLink   *string        `json:"tracking_link,omitempty"`
	// TrackingCarrier is "" or an AfterShip courier slug.
	TrackingCarrier *string `json:"tracking_carrier,omitempty"`
	// ShippingProvider is a core provider ("usps", "fedex", "ups", ...), ""
	// or "carrier_{id}" for a third-party shipping provider.
	ShippingProvider     *string          `json:"shipping_provider,omitempty"`
	ShippingMethod       *string          `json:"shipping_method,omitempty"`
	MerchantShippingCost *decimal.Decimal `json:"merchant_shipping_cost,omitempty"`
	Comments             *string          `json:"comments,omitempty"`
}

// ShipmentUpdate is the body of UpdateShipment; nil fields are left as they are.
type ShipmentUpdate struct {
	OrderAddressID       *int             `json:"order_address_id,omitempty"`
	TrackingNumber       *string          `json:"tracking_number,omitempty"`
	TrackingLink         *string          `json:"tracking_link,omitempty"`
	TrackingCarrier      *string          `json:"tracking_carrier,omitempty"`
	ShippingProvider     *string          `json:"shipping_provider,omitempty"`
	ShippingMethod       *string          `json:"shipping_method,omitempty"`
	MerchantShippingCost *decimal.Decimal `json:"merchant_shipping_cost,omitempty"`
	Comments             *string          `json:"comments,omitempty"`
}

// OrderAddressCreate is a billing or shipping address in OrderCreate and
// OrderUpdate. A billing address needs at least Zip (two or more characters).
type OrderAddressCreate struct {
	FirstName   *string `json:"first_name,omitempty"`
	LastName    *string `json:"last_name,omitempty"`
	Company     *string `json:"company,omitempty"`
	Street1     *string `json:"street_1,omitempty"`
	Street2     *string `json:"street_2,omitempty"`
	City        *string `json:"city,omitempty"`
	State       *string `json:"state,omitempty"`
	Zip         *string `json:"zip,omitempty"`
	Country     *string `json:"country,omitempty"`
	CountryISO2 *string `json:"country_iso2,omitempty"`
	Phone       *string `json:"phone,omitempty"`
	Email       *string `json:"email,omitempty"`
	// ShippingMethod applies to shipping addresses only.
	ShippingMethod *string          `json:"shipping_method,omitempty"`
	FormFields     []OrderFormField `json:"form_fields,omitempty"`
}

// OrderProductOptionValue selects an option or modifier value for a product
// added to an order: ID is the product option id, Value the option value id
// or, for text and date modifiers, the text.
type OrderProductOptionValue struct {
	ID    int    `json:"id"`
	Value string `json:"value"`
}

// OrderProductCreate is a line of OrderCreate: either a catalog product
// (ProductID, with VariantID or ProductOptions) or a custom product (Name,
// Quantity, PriceIncTax and PriceExTax).
type OrderProductCreate struct {
	ProductID          *int                      `json:"product_id,omitempty"`
	VariantID          *int                      `json:"variant_id,omitempty"`
	ProductOptions     []OrderProductOptionValue `json:"product_options,omitempty"`
	Name               *string                   `json:"name,omitempty"`
	NameCustomer       *string                   `json:"name_customer,omitempty"`
	NameMerchant       *string                   `json:"name_merchant,omitempty"`
	SKU                *string                   `json:"sku,omitempty"`
	UPC                *string                   `json:"upc,omitempty"`
	Quantity           int                       `json:"quantity"`
	PriceIncTax        *decimal.Decimal          `json:"price_inc_tax,omitempty"`
	PriceExTax         *decimal.Decimal          `json:"price_ex_tax,omitempty"`
	WrappingID         *int                      `json:"wrapping_id,omitempty"`
	WrappingName       *string                   `json:"wrapping_name,omitempty"`
	WrappingMessage    *string                   `json:"wrapping_message,omitempty"`
	WrappingCostExTax  *decimal.Decimal          `json:"wrapping_cost_ex_tax,omitempty"`
	WrappingCostIncTax *decimal.Decimal          `json:"wrapping_cost_inc_tax,omitempty"`
}

// OrderProductUpdate is a line of OrderUpdate. The API treats the list like a
// patch: with ID the existing line is changed (Quantity Ptr(0) removes it),
// without ID the product is added.
type OrderProductUpdate struct {
	ID                 *int                      `json:"id,omitempty"`
	ProductID          *int                      `json:"product_id,omitempty"`
	VariantID          *int                      `json:"variant_id,omitempty"`
	ProductOptions     []OrderProductOptionValue `json:"product_options,omitempty"`
	Name               *string                   `json:"name,omitempty"`
	NameCustomer       *string                   `json:"name_customer,omitempty"`
	NameMerchant       *string                   `json:"name_merchant,omitempty"`
	SKU                *string                   `json:"sku,omitempty"`
	UPC                *string                   `json:"upc,omitempty"`
	Quantity           *int                      `json:"quantity,omitempty"`
	PriceIncTax        *decimal.Decimal          `json:"price_inc_tax,omitempty"`
	PriceExTax         *decimal.Decimal          `json:"price_ex_tax,omitempty"`
	WrappingID         *int                      `json:"wrapping_id,omitempty"`
	WrappingName       *string                   `json:"wrapping_name,omitempty"`
	WrappingMessage    *string                   `json:"wrapping_message,omitempty"`
	WrappingCostExTax  *decimal.Decimal          `json:"wrapping_cost_ex_tax,omitempty"`
	WrappingCostIncTax *decimal.Decimal          `json:"wrapping_cost_inc_tax,omitempty"`
}

// MarshalJSON implements json.Marshaler: the money fields go out as JSON
// numbers (price_inc_tax: 12.5), as orderProducts_Post types them.
func (p OrderProductCreate) MarshalJSON() ([]byte, error) {
	type plain OrderProductCreate
	return json.Marshal(struct {
		plain
		// Shallower than plain's fields of the same names, so they win.
		PriceIncTax        *number `json:"price_inc_tax,omitempty"`
		PriceExTax         *number `json:"price_ex_tax,omitempty"`
		WrappingCostExTax  *number `json:"wrapping_cost_ex_tax,omitempty"`
		WrappingCostIncTax *number `json:"wrapping_cost_inc_tax,omitempty"`
	}{plain(p), num(p.PriceIncTax), num(p.PriceExTax), num(p.WrappingCostExTax), num(p.WrappingCostIncTax)})
}

// MarshalJSON implements json.Marshaler: the money fields go out as JSON
// numbers (price_inc_tax: 12.5), as orderProducts_Put types them.
func (p OrderProductUpdate) MarshalJSON() ([]byte, error) {
	type plain OrderProductUpdate
	return json.Marshal(struct {
		plain
		// Shallower than plain's fields of the same names, so they win.
		PriceIncTax        *number `json:"price_inc_tax,omitempty"`
		PriceExTax         *number `json:"price_ex_tax,omitempty"`
		WrappingCostExTax  *number `json:"wrapping_cost_ex_tax,omitempty"`
		WrappingCostIncTax *number `json:"wrapping_cost_inc_tax,omitempty"`
	}{plain(p), num(p.PriceIncTax), num(p.PriceExTax), num(p.WrappingCostExTax), num(p.WrappingCostIncTax)})
}

// OrderFeeCreate is a fee in OrderCreate, or in OrderUpdate where ID names
// an existing fee (an update replaces all of an order's fees).
type OrderFeeCreate struct {
	ID                  *int             `json:"id,omitempty"`
	Type                string           `json:"type"` // "custom_fee"
	DisplayNameCustomer *string          `json:"display_name_customer,omitempty"`
	DisplayNameMerchant *string          `json:"display_name_merchant,omitempty"`
	Source              *string          `json:"source,omitempty"`
	CostExTax           *decimal.Decimal `json:"cost_ex_tax,omitempty"`
	CostIncTax          *decimal.Decimal `json:"cost_inc_tax,omitempty"`
	CostTax             *decimal.Decimal `json:"cost_tax,omitempty"`
	TaxClassID          *int             `json:"tax_class_id,omitempty"`
}

// OrderCreate is the body of Create (POST /v2/orders). BillingAddress is
// required, and exactly one of Products and Consignments. Orders created
// through the API send no order email.
type OrderCreate struct {
	BillingAddress *OrderAddressCreate  `json:"billing_address"`
	Products       []OrderProductCreate `json:"products,omitempty"`
	// Consignments is the raw orderConsignment_Post object ({"pickups":
	// [...]}), for orders collected in store instead of shipped.
	Consignments        json.RawMessage  `json:"consignments,omitempty"`
	Fees                []OrderFeeCreate `json:"fees,omitempty"`
	DefaultCurrencyCode *string          `json:"default_currency_code,omitempty"`

	StatusID   *OrderStatusID `json:"status_id,omitempty"`
	CustomerID *int           `json:"customer_id,omitempty"`
	ChannelID  *int           `json:"channel_id,omitempty"`
	// DateCreated backdates a migrated order; it is sent as RFC 2822.
	DateCreated       *Time                `json:"date_created,omitempty"`
	ShippingAddresses []OrderAddressCreate `json:"shipping_addresses,omitempty"`

	BaseHandlingCost   *decimal.Decimal `json:"base_handling_cost,omitempty"`
	BaseShippingCost   *decimal.Decimal `json:"base_shipping_cost,omitempty"`
	BaseWrappingCost   *decimal.Decimal `json:"base_wrapping_cost,omitempty"`
	HandlingCostExTax  *decimal.Decimal `json:"handling_cost_ex_tax,omitempty"`
	HandlingCostIncTax *decimal.Decimal `json:"handling_cost_inc_tax,omitempty"`
	ShippingCostExTax  *decimal.Decimal `json:"shipping_cost_ex_tax,omitempty"`
	ShippingCostIncTax *decimal.Decimal `json:"shipping_cost_inc_tax,omitempty"`
	WrappingCostExTax  *decimal.Decimal `json:"wrapping_cost_ex_tax,omitempty"`
	WrappingCostIncTax *decimal.Decimal `json:"wrapping_cost_inc_tax,omitempty"`
	SubtotalExTax      *decimal.Decimal `json:"subtotal_ex_tax,omitempty"`
	SubtotalIncTax     *decimal.Decimal `json:"subtotal_inc_tax,omitempty"`
	TotalExTax         *decimal.Decimal `json:"total_ex_tax,omitempty"`
	TotalIncTax        *decimal.Decimal `json:"total_inc_tax,omitempty"`
	DiscountAmount     *decimal.Decimal `json:"discount_amount,omitempty"`
	RefundedAmount     *decimal.Decimal `json:"refunded_amount,omitempty"`

	ItemsTotal     *int  `json:"items_total,omitempty"`
	ItemsShipped   *int  `json:"items_shipped,omitempty"`
	OrderIsDigital *bool `json:"order_is_digital,omitempty"`

	PaymentMethod      *string `json:"payment_method,omitempty"`
	PaymentProviderID  *string `json:"payment_provider_id,omitempty"`
	TaxProviderID      *string `json:"tax_provider_id,omitempty"`
	CustomerMessage    *string `json:"customer_message,omitempty"`
	StaffNotes         *string `json:"staff_notes,omitempty"`
	CustomerLocale     *string `json:"customer_locale,omitempty"`
	OrderSource        *string `json:"order_source,omitempty"`
	EbayOrderID        *string `json:"ebay_order_id,omitempty"`
	ExternalMerchantID *string `json:"external_merchant_id,omitempty"`
	// ExternalSource names the system that created the order; apps must set
	// it ("M-MIG" marks a migrated order).
	ExternalSource   *string `json:"external_source,omitempty"`
	ExternalOrderID  *string `json:"external_order_id,omitempty"`
	GeoipCountry     *string `json:"geoip_country,omitempty"`
	GeoipCountryISO2 *string `json:"geoip_country_iso2,omitempty"`
	IPAddress        *string `json:"ip_address,omitempty"`
	IPAddressV6      *string `json:"ip_address_v6,omitempty"`
}

// OrderUpdate is the body of Update (PUT /v2/orders/{id}); nil fields are
// left as they are. Products behave like a patch (see OrderProductUpdate);
// Fees, when set, replace every fee of the order.
type OrderUpdate struct {
	BillingAddress *OrderAddressCreate  `json:"billing_address,omitempty"`
	Products       []OrderProductUpdate `json:"products,omitempty"`
	// Consignments is the raw orderConsignment_Put object.
	Consignments json.RawMessage  `json:"consignments,omitempty"`
	Fees         []OrderFeeCreate `json:"fees,omitempty"`

	StatusID   *OrderStatusID `json:"status_id,omitempty"`
	CustomerID *int           `json:"customer_id,omitempty"`
	ChannelID  *int           `json:"channel_id,omitempty"`
	// DateCreated backdates a migrated order; it is sent as RFC 2822.
	DateCreated       *Time                `json:"date_created,omitempty"`
	ShippingAddresses []OrderAddressCreate `json:"shipping_addresses,omitempty"`

	BaseHandlingCost   *decimal.Decimal `json:"base_handling_cost,omitempty"`
	BaseShippingCost   *decimal.Decimal `json:"base_shipping_cost,omitempty"`
	BaseWrappingCost   *decimal.Decimal `json:"base_wrapping_cost,omitempty"`
	HandlingCostExTax  *decimal.Decimal `json:"handling_cost_ex_tax,omitempty"`
	HandlingCostIncTax *decimal.Decimal `json:"handling_cost_inc_tax,omitempty"`
	ShippingCostExTax  *decimal.Decimal `json:"shipping_cost_ex_tax,omitempty"`
	ShippingCostIncTax *decimal.Decimal `json:"shipping_cost_inc_tax,omitempty"`
	WrappingCostExTax  *decimal.Decimal `json:"wrapping_cost_ex_tax,omitempty"`
	WrappingCostIncTax *decimal.Decimal `json:"wrapping_cost_inc_tax,omitempty"`
	SubtotalExTax      *decimal.Decimal `json:"subtotal_ex_tax,omitempty"`
	SubtotalIncTax     *decimal.Decimal `json:"subtotal_inc_tax,omitempty"`
	TotalExTax         *decimal.Decimal `json:"total_ex_tax,omitempty"`
	TotalIncTax        *decimal.Decimal `json:"total_inc_tax,omitempty"`
	DiscountAmount     *decimal.Decimal `json:"discount_amount,omitempty"`
	RefundedAmount     *decimal.Decimal `json:"refunded_amount,omitempty"`

	ItemsTotal     *int  `json:"items_total,omitempty"`
	ItemsShipped   *int  `json:"items_shipped,omitempty"`
	OrderIsDigital *bool `json:"order_is_digital,omitempty"`

	PaymentMethod      *string `json:"payment_method,omitempty"`
	PaymentProviderID  *string `json:"payment_provider_id,omitempty"`
	TaxProviderID      *string `json:"tax_provider_id,omitempty"`
	CustomerMessage    *string `json:"customer_message,omitempty"`
	StaffNotes         *string `json:"staff_notes,omitempty"`
	CustomerLocale     *string `json:"customer_locale,omitempty"`
	OrderSource        *string `json:"order_source,omitempty"`
	EbayOrderID        *string `json:"ebay_order_id,omitempty"`
	ExternalMerchantID *string `json:"external_merchant_id,omitempty"`
	// ExternalSource names the system that created the order; apps must set
	// it ("M-MIG" marks a migrated order).
	ExternalSource   *string `json:"external_source,omitempty"`
	ExternalOrderID  *string `json:"external_order_id,omitempty"`
	GeoipCountry     *string `json:"geoip_country,omitempty"`
	GeoipCountryISO2 *string `json:"geoip_country_iso2,omitempty"`
	IPAddress        *string `json:"ip_address,omitempty"`
	IPAddressV6      *string `json:"ip_address_v6,omitempty"`
}

// Transaction is a payment event on an order (V3, GET
// /v3/orders/{id}/transactions). Amount is a number in the API; OrderID is a
// string there, and kept as one.
type Transaction struct {
	ID                        int                         `json:"id"`
	OrderID                   string                      `json:"order_id"`
	Event                     string                      `json:"event"`  // purchase, authorization, capture, refund, void, pending, settled
	Method                    string                      `json:"method"` // credit_card, store_credit, custom, offline, ...
	Amount                    decimal.Decimal             `json:"amount"`
	Currency                  string                      `json:"currency"` // ISO 4217
	Gateway                   string                      `json:"gateway"`
	GatewayTransactionID      string                      `json:"gateway_transaction_id"`
	PaymentMethodID           string                      `json:"payment_method_id"`
	DateCreated               time.Time                   `json:"date_created"`
	Test                      bool                        `json:"test"`
	Status                    string                      `json:"status"` // ok or error
	FraudReview               bool                        `json:"fraud_review"`
	ReferenceTransactionID    int                         `json:"reference_transaction_id"`
	PaymentInstrumentToken    string                      `json:"payment_instrument_token"`
	ProviderInstrumentToken   string                      `json:"provider_instrument_token"`
	ProviderCustomerID        string                      `json:"provider_customer_id"`
	Offline                   *TransactionOffline         `json:"offline"`
	Custom                    *TransactionCustom          `json:"custom"`
	AVSResult                 *TransactionAVSResult       `json:"avs_result"`
	CVVResult                 *TransactionCVVResult       `json:"cvv_result"`
	CreditCard                *TransactionCreditCard      `json:"credit_card"`
	GiftCertificate           *TransactionGiftCertificate `json:"gift_certificate"`
	StoreCredit               *TransactionStoreCredit     `json:"store_credit"`
	CustomProviderFieldResult *TransactionProviderField   `json:"custom_provider_field_result"`
}

// TransactionOffline describes an offline payment (check, purchase order).
type TransactionOffline struct {
	DisplayName string `json:"display_name"`
}

// TransactionCustom describes a manual payment entered in the control panel.
type TransactionCustom struct {
	PaymentMethod string `json:"payment_method"`
}

// TransactionAVSResult is the gateway's address verification result.
type TransactionAVSResult struct {
	Code        string `json:"code"`
	Message     string `json:"message"`
	StreetMatch string `json:"street_match"`
	PostalMatch string `json:"postal_match"`
}

// TransactionCVVResult is the gateway's card verification value result.
type TransactionCVVResult struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// TransactionCreditCard describes the card of a credit card transaction.
type TransactionCreditCard struct {
	CardType        string `json:"card_type"`
	CardIIN         string `json:"card_iin"`
	CardLast4       string `json:"card_last4"`
	CardExpiryMonth int    `json:"card_expiry_month"`
	CardExpiryYear  int    `json:"card_expiry_year"`
}

// TransactionGiftCertificate describes the gift certificate of a transaction.
type TransactionGiftCertificate struct {
	Code             string          `json:"code"`
	OriginalBalance  decimal.Decimal `json:"original_balance"`
	StartingBalance  decimal.Decimal `json:"starting_balance"`
	RemainingBalance decimal.Decimal `json:"remaining_balance"`
	Status           string          `json:"status"` // active, pending, disabled, expired
}

// TransactionStoreCredit is the shopper's store credit after the transaction.
type TransactionStoreCredit struct {
	RemainingBalance decimal.Decimal `json:"remaining_balance"`
}

// TransactionProviderField holds the fields of a custom payment provider.
type TransactionProviderField struct {
	ReceiptNumber     string          `json:"receipt_number"`
	AuthorizationCode string          `json:"authorization_code"`
	FraudResponse     string          `json:"fraud_response"`
	AmountReceived    decimal.Decimal `json:"amount_received"`
}

// List returns one page of orders: GET /v2/orders. An empty page (204) is an
// empty slice and no error. When filter.Include asks for consignments,
// consignment_structure=object is sent too (the filter is not modified).
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A ConsignmentStructure
// other than "object" is refused the same way. A filter value BigCommerce
// rejects is an error matching ErrUnprocessable.
func (s *OrdersService) List(ctx context.Context, filter *OrderFilter) ([]Order, *Response, error) {
	if filter != nil {
		cs, err := consignmentStructure("Orders.List", filter.Include, filter.ConsignmentStructure)
		if err != nil {
			return nil, &Response{}, err
		}
		if cs != filter.ConsignmentStructure {
			f := *filter
			f.ConsignmentStructure = cs
			filter = &f
		}
	}
	return listPage[Order](ctx, s.client, "/v2/orders", filter)
}

// All iterates over every order matching filter: GET /v2/orders, with
// MaxPageSize orders a page unless filter.Limit is set. The filter is
// copied, never modified.
//
// With no Sort, or OrderSortIDAsc, All walks id windows (min_id/max_id with
// sort=id:asc) and yields orders in ascending id order: every order that
// exists for the whole walk is yielded exactly once, however other clients
// create, archive or modify orders during it; an order created during the
// walk may or may not be yielded (never twice), and the next incremental run
// reads it. Its first
// requests read the first page, GET /v2/orders/count with the same filter and
// the highest matching id (a 1-order page sorted id:desc); the ids above the
// first page are then cut into windows of about one page each, read up to
// the client's WithMaxConcurrency at a time, within its throttle. A window
// that comes back full is continued above its last id, and the last window
// ends at the highest id probed: an order that exists for the whole walk
// existed then. (Only when that probe fails or contradicts what the walk
// has seen is the last window open-ended: see below.)
// With filter.Page > 1 the walk starts at that
// page's first order (the one offset request of the walk) and goes on by id.
// Other filters (MinDateModified for an incremental sync, StatusID, ...) are
// sent with every request.
//
// The walk cross-checks what the API tells it against what it has seen
// (ARCHITECTURE.md, "Walks and the exactly-once rule"), and never ends
// short in silence:
//
//   - a highest-id probe that names an id below one the first page holds
//     (a server or proxy that ignores sort) is not trusted: the windows go
//     up to an estimate from the count, and an open window above it is read
//     page after page until a short page;
//   - a page with ids above its window's max_id has them dropped (they are
//     read with their own window); a page with ids below its min_id, or out
//     of ascending order, ends the walk with an ErrIncompleteWalk error
//     instead of repeating or skipping orders;
//   - a short page of exactly 50 orders (what a dropped limit serves) is not
//     taken as the end of its window, nor a short first page as the end of
//     the walk while the count says more orders match;
//   - when the last window, which ends at the probed highest id, comes back
//     full while fewer orders were yielded than the count, the probe may be
//     stale: the orders above it are read too;
//   - at the end, the orders yielded are compared with GET
//     /v2/orders/count (read again when they fall short): falling short of
//     the lower of the two counts by more than 1 % + 10 orders yields an
//     ErrIncompleteWalk error after the last order. Orders deleted during
//     the walk lower the second count, so they do not count; the slack
//     covers orders deleted and created during the walk in equal numbers,
//     which no count shows. The count's Incomplete (status 0) orders are
//     left out unless the filter asks for status 0.
//
// With OrderSortDateModifiedAsc (and no Page), All walks the keyset
// (date_modified, id), one page at a time: each request asks for the orders
// modified at or after the last date seen (min_date_modified), a full page
// of a single second is read to its end by id (min_date_modified =
// max_date_modified, sort=id:asc, min_id), and the ids already yielded are
// remembered (a bit per id), so every order that exists for the whole walk
// is yielded exactly once: an order modified during the walk moves to the
// end of the order and is yielded where the walk first finds it, once.
// BigCommerce dates have whole seconds and min_date_modified is taken as
// inclusive. A page out of date order, or before the date asked for, ends
// the walk with an ErrIncompleteWalk error (the API ignored the sort or the
// filter), and the orders yielded are compared with the count at the end,
// as above.
//
// With any other Sort (or a date sort with Page > 1), All reads page after
// page by offset, sequentially, in that order, and a concurrent write can
// make it skip or repeat orders: an
// order created or archived before the walk's position (in the caller's
// order) shifts every later page by one, so an order that existed
// throughout is skipped (deletion) or yielded twice (insertion), and an
// order whose sort key changes during the walk (date_modified, status_id)
// moves between pages and can be skipped or repeated. For a complete
// export, leave Sort empty and filter by MinDateModified instead.
//
// To export orders with their line items, ask for them in the filter: each
// page of up to 250 orders then carries every order's line items, instead of
// one GET /v2/orders/{id}/products per order (consignment_structure=object
// is sent for you):
//
//	filter := &bigcommerce.OrderFilter{
//		MinDateModified: since,
//		Include:         bigcommerce.StringList{bigcommerce.OrderIncludeConsignmentsLineItems},
//	}
//	for order, err := range client.Orders.All(ctx, filter) {
//		if err != nil {
//			return err
//		}
//		items := order.LineItems() // sorted by line item id
//		if order.CheckLineItems() != nil {
//			// BigCommerce cut a consignment at 50 line items:
//			// fetch them with GET /v2/orders/{id}/products.
//			if items, err = client.Orders.CompleteLineItems(ctx, &order); err != nil {
//				return err
//			}
//		}
//		...
//	}
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable. An error is
// yielded once and ends the walk.
func (s *OrdersService) All(ctx context.Context, filter *OrderFilter) iter.Seq2[Order, error] {
	if err := checkWalk("Orders.All", ctx, filter); err != nil {
		return refused[Order](err)
	}
	var f OrderFilter
	if filter != nil {
		f = *filter
	}
	limit := f.Limit
	if limit == 0 {
		limit = MaxPageSize
	}
	// count reads GET /v2/orders/count with the caller's filters: the walks
	// size their windows with it and compare the orders they yield with it.
	// Its Incomplete (status 0) orders are left out unless the filter asks
	// for that status: the count's statuses include them, and whether GET
	// /v2/orders lists them without status_id=0 is not documented, so the
	// comparison takes the lower number.
	count := func(ctx context.Context) (int, error) {
		g := f
		g.Sort, g.Page, g.Limit, g.Include, g.ConsignmentStructure = "", 0, 0, nil, ""
		n, _, err := s.CountByStatus(ctx, &g)
		if err != nil {
			return 0, err
		}
		total := int(n.Count)
		for _, st := range n.Statuses {
			if st.ID == OrderStatusIncomplete && f.StatusID == nil {
				total -= st.Count
			}
		}
		return max(total, 0), nil
	}
	if f.Sort == OrderSortDateModifiedAsc && f.Page <= 1 {
		base := f
		base.Page, base.Limit = 0, limit
		return walkDates(ctx, dateSource[Order]{
			op: "Orders.All", what: "orders",
			limit: limit, from: f.MinDateModified,
			page: func(ctx context.Context, from time.Time) ([]Order, *Response, error) {
				g := base
				g.MinDateModified = from
				return s.List(ctx, &g)
			},
			tie: func(ctx context.Context, at time.Time, after int) ([]Order, *Response, error) {
				g := base
				g.Sort, g.MinDateModified, g.MaxDateModified, g.MinID = OrderSortIDAsc, at, at, max(after+1, f.MinID)
				return s.List(ctx, &g)
			},
			idOf:        func(o Order) int { return o.ID },
			dateOf:      func(o Order) time.Time { return o.DateModified.Time },
			count:       count,
			recount:     count,
			countSource: "GET /v2/orders/count",
		})
	}
	if f.Sort != "" && f.Sort != OrderSortIDAsc {
		return walkOffsets(ctx, &f, MaxPageSize, s.List)
	}
	startPage := max(f.Page, 1)
	skipped := (startPage - 1) * limit
	base := f
	base.Sort, base.Page, base.Limit, base.MinID, base.MaxID = OrderSortIDAsc, 0, limit, 0, 0
	list := func(ctx context.Context, r idRange) ([]Order, *Response, error) {
		g := base
		g.MinID, g.MaxID = r.lo, r.hi
		return s.List(ctx, &g)
	}
	src := idSource[Order]{
		op: "Orders.All", what: "orders", bounds: "min_id, max_id, sort=id:asc",
		limit: limit, lo: f.MinID, hi: f.MaxID,
		page: list,
		idOf: func(o Order) int { return o.ID },
		plan: func(ctx context.Context, wg *sync.WaitGroup) (walkPlan[Order], error) {
			return planWithProbes(ctx, wg, limit, skipped,
				func(ctx context.Context) ([]Order, *Response, error) {
					g := base
					g.MinID, g.MaxID, g.Page = f.MinID, f.MaxID, startPage
					return s.List(ctx, &g)
				},
				func(ctx context.Context) (int, error) {
					g := base
					g.MinID, g.MaxID, g.Sort, g.Limit = f.MinID, f.MaxID, OrderSortIDDesc, 1
					items, _, err := s.List(ctx, &g)
					if err != nil || len(items) == 0 {
						return 0, err
					}
					return items[0].ID, nil
				},
				count)
		},
		countSource: "GET /v2/orders/count",
		recount: func(ctx context.Context) (int, error) {
			n, err := count(ctx)
			return max(n-skipped, 0), err
		},
	}
	return walkIDs(ctx, cap(s.client.sem), src)
}

// Count returns how many orders match filter: GET /v2/orders/count. Only
// the parameters that endpoint documents are sent: the filter's Page,
// Limit, Sort, Include and ConsignmentStructure are ignored. A filter
// BigCommerce rejects is an error matching ErrUnprocessable. CountByStatus
// gives the count per status too.
func (s *OrdersService) Count(ctx context.Context, filter *OrderFilter) (int, *Response, error) {
	c, resp, err := s.CountByStatus(ctx, filter)
	if err != nil {
		return 0, resp, err
	}
	return int(c.Count), resp, nil
}

// CountByStatus returns how many orders match filter, in total and per
// status: GET /v2/orders/count. Only the parameters that endpoint documents
// are sent: the filter's Page, Limit, Sort, Include and
// ConsignmentStructure are ignored. A filter BigCommerce rejects is an
// error matching ErrUnprocessable.
func (s *OrdersService) CountByStatus(ctx context.Context, filter *OrderFilter) (*OrderCount, *Response, error) {
	var opts any
	if filter != nil {
		opts = newOrderCountQuery(filter)
	}
	return getOneV2[OrderCount](ctx, s.client, http.MethodGet, "/v2/orders/count", opts, nil)
}

// Create creates an order: POST /v2/orders. It needs a billing address and
// either products or consignments (not both); otherwise nothing is sent.
//
// Input BigCommerce refuses is an error matching ErrUnprocessable (422, or 400
// for a malformed body), with the fields at fault in *Error.Fields. If the
// request may have reached BigCommerce and no answer proves its fate (a 5xx, a
// cut connection), the error matches ErrOutcomeUnknown and the SDK does not
// resend it: check before sending it again. Orders have no idempotency key:
// list the customer's recent orders before creating it again.
func (s *OrdersService) Create(ctx context.Context, order OrderCreate) (*Order, *Response, error) {
	const op = "Orders.Create"
	hasConsignments := len(bytes.TrimSpace(order.Consignments)) > 0
	switch {
	case order.BillingAddress == nil:
		return nil, &Response{}, invalid(op, "BillingAddress is required")
	case len(order.Products) == 0 && !hasConsignments:
		return nil, &Response{}, invalid(op, "an order needs Products or Consignments")
	case len(order.Products) > 0 && hasConsignments:
		return nil, &Response{}, invalid(op, "set Products or Consignments, not both")
	}
	return getOneV2[Order](ctx, s.client, http.MethodPost, "/v2/orders", nil, order)
}

// Update changes an order: PUT /v2/orders/{id}.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound. Input
// BigCommerce refuses is an error matching ErrUnprocessable (422, or 400 for a
// malformed body), with the fields at fault in *Error.Fields.
func (s *OrdersService) Update(ctx context.Context, id int, order OrderUpdate) (*Order, *Response, error) {
	if err := checkID("Orders.Update", "order id", id); err != nil {
		return nil, &Response{}, err
	}
	return getOneV2[Order](ctx, s.client, http.MethodPut, orderPath(id), nil, order)
}

// UpdateStatus sets an order's status: PUT /v2/orders/{id} with
// {"status_id": N}. OrderStatusIncomplete (0) is sent like any other status.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound. A negative
// status id is refused the same way; a status BigCommerce does not have is an
// error matching ErrUnprocessable.
func (s *OrdersService) UpdateStatus(ctx context.Context, id int, statusID OrderStatusID) (*Order, *Response, error) {
	const op = "Orders.UpdateStatus"
	if err := checkID(op, "order id", id); err != nil {
		return nil, &Response{}, err
	}
	if statusID < 0 {
		return nil, &Response{}, invalid(op, "status id must be 0 or more, got %d", statusID)
	}
	body := struct {
		StatusID OrderStatusID `json:"status_id"`
	}{statusID}
	return getOneV2[Order](ctx, s.client, http.MethodPut, orderPath(id), nil, body)
}

// Archive archives one order (BigCommerce's "delete"; the order can be
// restored in the control panel): DELETE /v2/orders/{id}. There is no method
// for DELETE /v2/orders, which archives every order.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *OrdersService) Archive(ctx context.Context, id int) (*Response, error) {
	if err := checkID("Orders.Archive", "order id", id); err != nil {
		return &Response{}, err
	}
	return s.client.call(ctx, http.MethodDelete, orderPath(id), nil, nil, nil)
}

// ListProducts returns one page of an order's line items: GET
// /v2/orders/{id}/products.
//
// An order id of 0 or less, or a bad page size, is refused before anything is
// sent (ErrInvalidRequest); an order BigCommerce does not know is an error
// matching ErrNotFound.
func (s *OrdersService) ListProducts(ctx context.Context, orderID int, opts *ListOptions) ([]OrderProduct, *Response, error) {
	return listOrderSub[OrderProduct](ctx, s, "Orders.ListProducts", orderID, "products", opts)
}

// AllProducts iterates over every line item of an order: GET
// /v2/orders/{id}/products, page after page.
//
// It walks page offsets (the endpoint has no id range or cursor). An order's
// line items change only when the order itself is edited; if a line item
// is added or removed during the walk, the later pages shift and a line
// item can be skipped or yielded twice.
//
// An order id of 0 or less, or a bad page size, is refused before anything is
// sent (ErrInvalidRequest); an order BigCommerce does not know is an error
// matching ErrNotFound. An error is yielded once and ends the walk.
func (s *OrdersService) AllProducts(ctx context.Context, orderID int, opts *ListOptions) iter.Seq2[OrderProduct, error] {
	return walk(ctx, s.client, opts, MaxPageSize, func(ctx context.Context, o *ListOptions) ([]OrderProduct, *Response, error) {
		return s.ListProducts(ctx, orderID, o)
	})
}

// ListShippingAddresses returns one page of an order's shipping addresses:
// GET /v2/orders/{id}/shipping_addresses.
//
// An order id of 0 or less, or a bad page size, is refused before anything is
// sent (ErrInvalidRequest); an order BigCommerce does not know is an error
// matching ErrNotFound.
func (s *OrdersService) ListShippingAddresses(ctx context.Context, orderID int, opts *ListOptions) ([]OrderShippingAddress, *Response, error) {
	return listOrderSub[OrderShippingAddress](ctx, s, "Orders.ListShippingAddresses", orderID, "shipping_addresses", opts)
}

// AllShippingAddresses iterates over every shipping address of an order:
// GET /v2/orders/{id}/shipping_addresses, page after page. An order id of 0
// or less is refused (ErrInvalidRequest); an order BigCommerce does not know
// is an error matching ErrNotFound. Either is yielded once and ends the
// walk. It walks page offsets (the endpoint has no id range or cursor);
// an order's addresses change only when the order is edited.
func (s *OrdersService) AllShippingAddresses(ctx context.Context, orderID int, opts *ListOptions) iter.Seq2[OrderShippingAddress, error] {
	return walk(ctx, s.client, opts, MaxPageSize, func(ctx context.Context, o *ListOptions) ([]OrderShippingAddress, *Response, error) {
		return s.ListShippingAddresses(ctx, orderID, o)
	})
}

// ListShipments returns one page of an order's shipments: GET
// /v2/orders/{id}/shipments. An order with no shipments gives an empty slice.
//
// An order id of 0 or less, or a bad page size, is refused before anything is
// sent (ErrInvalidRequest); an order BigCommerce does not know is an error
// matching ErrNotFound.
func (s *OrdersService) ListShipments(ctx context.Context, orderID int, opts *ListOptions) ([]Shipment, *Response, error) {
	return listOrderSub[Shipment](ctx, s, "Orders.ListShipments", orderID, "shipments", opts)
}

// AllShipments iterates over every shipment of an order: GET
// /v2/orders/{id}/shipments, page after page. An order id of 0 or less is
// refused (ErrInvalidRequest); an order BigCommerce does not know is an
// error matching ErrNotFound. Either is yielded once and ends the walk. It
// walks page offsets (the endpoint has no id range or cursor): a shipment
// created or deleted during the walk can make it skip or repeat one.
func (s *OrdersService) AllShipments(ctx context.Context, orderID int, opts *ListOptions) iter.Seq2[Shipment, error] {
	return walk(ctx, s.client, opts, MaxPageSize, func(ctx context.Context, o *ListOptions) ([]Shipment, *Response, error) {
		return s.ListShipments(ctx, orderID, o)
	})
}

// GetShipment returns one shipment: GET /v2/orders/{id}/shipments/{shipment_id}.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *OrdersService) GetShipment(ctx context.Context, orderID, shipmentID int) (*Shipment, *Response, error) {
	if err := checkShipmentIDs("Orders.GetShipment", orderID, shipmentID); err != nil {
		return nil, &Response{}, err
	}
	return getOneV2[Shipment](ctx, s.client, http.MethodGet, shipmentPath(orderID, shipmentID), nil, nil)
}

// CreateShipment ships items of an order: POST /v2/orders/{id}/shipments
// (201 Created). OrderAddressID and at least one item are required.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound. Input
// BigCommerce refuses is an error matching ErrUnprocessable (422, or 400 for a
// malformed body), with the fields at fault in *Error.Fields. If the request
// may have reached BigCommerce and no answer proves its fate (a 5xx, a cut
// connection), the error matches ErrOutcomeUnknown and the SDK does not resend
// it: check before sending it again.
func (s *OrdersService) CreateShipment(ctx context.Context, orderID int, shipment ShipmentCreate) (*Shipment, *Response, error) {
	const op = "Orders.CreateShipment"
	if err := checkID(op, "order id", orderID); err != nil {
		return nil, &Response{}, err
	}
	if err := checkID(op, "OrderAddressID", shipment.OrderAddressID); err != nil {
		return nil, &Response{}, err
	}
	if len(shipment.Items) == 0 {
		return nil, &Response{}, invalid(op, "a shipment needs at least one item")
	}
	for i, it := range shipment.Items {
		if it.OrderProductID <= 0 || it.Quantity <= 0 {
			return nil, &Response{}, invalid(op, "item %d needs a positive OrderProductID and Quantity, got %d and %d", i, it.OrderProductID, it.Quantity)
		}
	}
	return getOneV2[Shipment](ctx, s.client, http.MethodPost, fmt.Sprintf("/v2/orders/%d/shipments", orderID), nil, shipment)
}

// UpdateShipment changes a shipment: PUT /v2/orders/{id}/shipments/{shipment_id}.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound. Input
// BigCommerce refuses is an error matching ErrUnprocessable (422, or 400 for a
// malformed body), with the fields at fault in *Error.Fields.
func (s *OrdersService) UpdateShipment(ctx context.Context, orderID, shipmentID int, shipment ShipmentUpdate) (*Shipment, *Response, error) {
	if err := checkShipmentIDs("Orders.UpdateShipment", orderID, shipmentID); err != nil {
		return nil, &Response{}, err
	}
	return getOneV2[Shipment](ctx, s.client, http.MethodPut, shipmentPath(orderID, shipmentID), nil, shipment)
}

// DeleteShipment deletes one shipment: DELETE
// /v2/orders/{id}/shipments/{shipment_id}. There is no method for deleting
// all of an order's shipments at once.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *OrdersService) DeleteShipment(ctx context.Context, orderID, shipmentID int) (*Response, error) {
	if err := checkShipmentIDs("Orders.DeleteShipment", orderID, shipmentID); err != nil {
		return &Response{}, err
	}
	return s.client.call(ctx, http.MethodDelete, shipmentPath(orderID, shipmentID), nil, nil, nil)
}

// ListStatuses returns the store's order statuses with their custom labels:
// GET /v2/order_statuses.
//
// A token with neither the store_v2_orders_read_only nor the store_v2_orders
// scope gets an error matching ErrForbidden.
func (s *OrdersService) ListStatuses(ctx context.Context) ([]OrderStatus, *Response, error) {
	var out []OrderStatus
	resp, err := s.client.call(ctx, http.MethodGet, "/v2/order_statuses", nil, nil, &out)
	return out, resp, err
}

// AllStatuses iterates over the store's order statuses: GET
// /v2/order_statuses. The endpoint has no paging: AllStatuses asks once and
// yields what it answers; an error (ErrForbidden without the
// store_v2_orders_read_only scope) is yielded once.
func (s *OrdersService) AllStatuses(ctx context.Context) iter.Seq2[OrderStatus, error] {
	return walkOnce(ctx, s.ListStatuses)
}

// ListTransactions returns an order's payment transactions: GET
// /v3/orders/{id}/transactions (scope store_v2_transactions_read_only). An
// order without transactions (204) gives an empty slice and no error.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound. It needs
// the store_v2_transactions_read_only scope: a token without it gets an error
// matching ErrForbidden.
func (s *OrdersService) ListTransactions(ctx context.Context, orderID int) ([]Transaction, *Response, error) {
	if err := checkID("Orders.ListTransactions", "order id", orderID); err != nil {
		return nil, &Response{}, err
	}
	path := fmt.Sprintf("/v3/orders/%d/transactions", orderID)
	out, resp, err := getV3[[]Transaction](ctx, s.client, http.MethodGet, path, nil, nil)
	if err != nil {
		return nil, resp, err
	}
	if out == nil {
		out = []Transaction{}
	}
	return out, resp, nil
}

// AllTransactions iterates over an order's payment transactions: GET
// /v3/orders/{id}/transactions. The endpoint has no paging: it asks once
// and yields what it answers. An order id of 0 or less is refused
// (ErrInvalidRequest); an order BigCommerce does not know is an error
// matching ErrNotFound. Either is yielded once.
func (s *OrdersService) AllTransactions(ctx context.Context, orderID int) iter.Seq2[Transaction, error] {
	return walkOnce(ctx, func(ctx context.Context) ([]Transaction, *Response, error) {
		return s.ListTransactions(ctx, orderID)
	})
}

// listOrderSub fetches one page of an order's sub-resource list.
func listOrderSub[T any](ctx context.Context, s *OrdersService, op string, orderID int, sub string, opts *ListOptions) ([]T, *Response, error) {
	if err := checkID(op, "order id", orderID); err != nil {
		return nil, &Response{}, err
	}
	return listPage[T](ctx, s.client, fmt.Sprintf("/v2/orders/%d/%s", orderID, sub), opts)
}

func checkShipmentIDs(op string, orderID, shipmentID int) error {
	return checkPath(op, "order id, shipment id", orderID, shipmentID)
}

func orderPath(id int) string { return "/v2/orders/" + strconv.Itoa(id) }

func shipmentPath(orderID, shipmentID int) string {
	return fmt.Sprintf("/v2/orders/%d/shipments/%d", orderID, shipmentID)
}
