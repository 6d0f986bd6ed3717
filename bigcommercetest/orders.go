package bigcommercetest

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// order is a V2 order (order_Resp). Sub-resources are kept beside it and
// linked with {url, resource} objects when rendered.
type order struct {
	ID                                      int            `json:"id"`
	CustomerID                              int            `json:"customer_id"`
	DateCreated                             v2time         `json:"date_created"`
	DateModified                            v2time         `json:"date_modified"`
	DateShipped                             v2time         `json:"date_shipped"`
	StatusID                                int            `json:"status_id"`
	Status                                  string         `json:"status"`
	SubtotalExTax                           money          `json:"subtotal_ex_tax"`
	SubtotalIncTax                          money          `json:"subtotal_inc_tax"`
	SubtotalTax                             money          `json:"subtotal_tax"`
	BaseShippingCost                        money          `json:"base_shipping_cost"`
	ShippingCostExTax                       money          `json:"shipping_cost_ex_tax"`
	ShippingCostIncTax                      money          `json:"shipping_cost_inc_tax"`
	ShippingCostTax                         money          `json:"shipping_cost_tax"`
	ShippingCostTaxClassID                  int            `json:"shipping_cost_tax_class_id"`
	BaseHandlingCost                        money          `json:"base_handling_cost"`
	HandlingCostExTax                       money          `json:"handling_cost_ex_tax"`
	HandlingCostIncTax                      money          `json:"handling_cost_inc_tax"`
	HandlingCostTax                         money          `json:"handling_cost_tax"`
	HandlingCostTaxClassID                  int            `json:"handling_cost_tax_class_id"`
	BaseWrappingCost                        money          `json:"base_wrapping_cost"`
	WrappingCostExTax                       money          `json:"wrapping_cost_ex_tax"`
	WrappingCostIncTax                      money          `json:"wrapping_cost_inc_tax"`
	WrappingCostTax                         money          `json:"wrapping_cost_tax"`
	WrappingCostTaxClassID                  int            `json:"wrapping_cost_tax_class_id"`
	TotalExTax                              money          `json:"total_ex_tax"`
	TotalIncTax                             money          `json:"total_inc_tax"`
	TotalTax                                money          `json:"total_tax"`
	IsTaxInclusivePricing                   bool           `json:"is_tax_inclusive_pricing"`
	ItemsTotal                              int            `json:"items_total"`
	ItemsShipped                            int            `json:"items_shipped"`
	PaymentMethod                           string         `json:"payment_method"`
	PaymentProviderID                       string         `json:"payment_provider_id"`
	PaymentStatus                           string         `json:"payment_status"`
	RefundedAmount                          money          `json:"refunded_amount"`
	OrderIsDigital                          bool           `json:"order_is_digital"`
	StoreCreditAmount                       money          `json:"store_credit_amount"`
	GiftCertificateAmount                   money          `json:"gift_certificate_amount"`
	IPAddress                               string         `json:"ip_address"`
	IPAddressV6                             string         `json:"ip_address_v6"`
	GeoipCountry                            string         `json:"geoip_country"`
	GeoipCountryISO2                        string         `json:"geoip_country_iso2"`
	CurrencyID                              int            `json:"currency_id"`
	CurrencyCode                            string         `json:"currency_code"`
	CurrencyExchangeRate                    rate           `json:"currency_exchange_rate"`
	DefaultCurrencyID                       int            `json:"default_currency_id"`
	DefaultCurrencyCode                     string         `json:"default_currency_code"`
	StaffNotes                              string         `json:"staff_notes"`
	CustomerMessage                         string         `json:"customer_message"`
	DiscountAmount                          money          `json:"discount_amount"`
	CouponDiscount                          money          `json:"coupon_discount"`
	ShippingAddressCount                    int            `json:"shipping_address_count"`
	IsDeleted                               bool           `json:"is_deleted"`
	EbayOrderID                             string         `json:"ebay_order_id"`
	CartID                                  string         `json:"cart_id"`
	BillingAddress                          billingAddress `json:"billing_address"`
	IsEmailOptIn                            bool           `json:"is_email_opt_in"`
	CreditCardType                          *string        `json:"credit_card_type"`
	OrderSource                             string         `json:"order_source"`
	ChannelID                               int            `json:"channel_id"`
	ExternalSource                          *string        `json:"external_source"`
	Products                                resourceLink   `json:"products"`
	ShippingAddresses                       resourceLink   `json:"shipping_addresses"`
	Coupons                                 resourceLink   `json:"coupons"`
	ExternalID                              *string        `json:"external_id"`
	ExternalMerchantID                      *string        `json:"external_merchant_id"`
	TaxProviderID                           string         `json:"tax_provider_id"`
	StoreDefaultCurrencyCode                string         `json:"store_default_currency_code"`
	StoreDefaultToTransactionalExchangeRate rate           `json:"store_default_to_transactional_exchange_rate"`
	CustomStatus                            string         `json:"custom_status"`
	CustomerLocale                          string         `json:"customer_locale"`
	ExternalOrderID                         string         `json:"external_order_id"`
	// Consignments is set only when rendering with a consignments include
	// (see consignmentsFor).
	Consignments any `json:"consignments,omitempty"`

	lines        []*orderProduct
	shipTo       []*orderShippingAddress
	shipments    []*shipment
	transactions []*transaction
}

// billingAddress is an order's billing address.
type billingAddress struct {
	FirstName   string      `json:"first_name"`
	LastName    string      `json:"last_name"`
	Company     string      `json:"company"`
	Street1     string      `json:"street_1"`
	Street2     string      `json:"street_2"`
	City        string      `json:"city"`
	State       string      `json:"state"`
	Zip         string      `json:"zip"`
	Country     string      `json:"country"`
	CountryISO2 string      `json:"country_iso2"`
	Phone       string      `json:"phone"`
	Email       string      `json:"email"`
	FormFields  []formField `json:"form_fields"`
}

// orderProduct is an order line item (orderProducts).
type orderProduct struct {
	ID                    int                  `json:"id"`
	OrderID               int                  `json:"order_id"`
	ProductID             int                  `json:"product_id"`
	VariantID             int                  `json:"variant_id"`
	OrderAddressID        int                  `json:"order_address_id"`
	Name                  string               `json:"name"`
	NameCustomer          string               `json:"name_customer"`
	NameMerchant          string               `json:"name_merchant"`
	SKU                   string               `json:"sku"`
	UPC                   string               `json:"upc"`
	Type                  string               `json:"type"`
	BasePrice             money                `json:"base_price"`
	PriceExTax            money                `json:"price_ex_tax"`
	PriceIncTax           money                `json:"price_inc_tax"`
	PriceTax              money                `json:"price_tax"`
	BaseTotal             money                `json:"base_total"`
	TotalExTax            money                `json:"total_ex_tax"`
	TotalIncTax           money                `json:"total_inc_tax"`
	TotalTax              money                `json:"total_tax"`
	Weight                money                `json:"weight"`
	Width                 money                `json:"width"`
	Height                money                `json:"height"`
	Depth                 money                `json:"depth"`
	Quantity              int                  `json:"quantity"`
	BaseCostPrice         money                `json:"base_cost_price"`
	CostPriceIncTax       money                `json:"cost_price_inc_tax"`
	CostPriceExTax        money                `json:"cost_price_ex_tax"`
	CostPriceTax          money                `json:"cost_price_tax"`
	IsRefunded            bool                 `json:"is_refunded"`
	QuantityRefunded      int                  `json:"quantity_refunded"`
	RefundAmount          money                `json:"refund_amount"`
	ReturnID              int                  `json:"return_id"`
	WrappingID            int                  `json:"wrapping_id"`
	WrappingName          string               `json:"wrapping_name"`
	BaseWrappingCost      money                `json:"base_wrapping_cost"`
	WrappingCostExTax     money                `json:"wrapping_cost_ex_tax"`
	WrappingCostIncTax    money                `json:"wrapping_cost_inc_tax"`
	WrappingCostTax       money                `json:"wrapping_cost_tax"`
	WrappingMessage       string               `json:"wrapping_message"`
	QuantityShipped       int                  `json:"quantity_shipped"`
	EventName             *string              `json:"event_name"`
	EventDate             *string              `json:"event_date"`
	FixedShippingCost     money                `json:"fixed_shipping_cost"`
	EbayItemID            string               `json:"ebay_item_id"`
	EbayTransactionID     string               `json:"ebay_transaction_id"`
	OptionSetID           *int                 `json:"option_set_id"`
	ParentOrderProductID  *int                 `json:"parent_order_product_id"`
	IsBundledProduct      bool                 `json:"is_bundled_product"`
	BinPickingNumber      string               `json:"bin_picking_number"`
	ExternalID            *string              `json:"external_id"`
	Brand                 string               `json:"brand"`
	AppliedDiscounts      []struct{}           `json:"applied_discounts"`
	ProductOptions        []orderProductOption `json:"product_options"`
	ConfigurableFields    []struct{}           `json:"configurable_fields"`
	DiscountedTotalIncTax money                `json:"discounted_total_inc_tax"`
}

// orderProductOption is a chosen option of a line item.
type orderProductOption struct {
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

// orderShippingAddress is an order's shipping address (orderShippingAddress).
type orderShippingAddress struct {
	ID                     int          `json:"id"`
	OrderID                int          `json:"order_id"`
	FirstName              string       `json:"first_name"`
	LastName               string       `json:"last_name"`
	Company                string       `json:"company"`
	Street1                string       `json:"street_1"`
	Street2                string       `json:"street_2"`
	City                   string       `json:"city"`
	Zip                    string       `json:"zip"`
	Country                string       `json:"country"`
	CountryISO2            string       `json:"country_iso2"`
	State                  string       `json:"state"`
	Email                  string       `json:"email"`
	Phone                  string       `json:"phone"`
	ItemsTotal             int          `json:"items_total"`
	ItemsShipped           int          `json:"items_shipped"`
	ShippingMethod         string       `json:"shipping_method"`
	BaseCost               money        `json:"base_cost"`
	CostExTax              money        `json:"cost_ex_tax"`
	CostIncTax             money        `json:"cost_inc_tax"`
	CostTax                money        `json:"cost_tax"`
	CostTaxClassID         int          `json:"cost_tax_class_id"`
	BaseHandlingCost       money        `json:"base_handling_cost"`
	HandlingCostExTax      money        `json:"handling_cost_ex_tax"`
	HandlingCostIncTax     money        `json:"handling_cost_inc_tax"`
	HandlingCostTax        money        `json:"handling_cost_tax"`
	HandlingCostTaxClassID int          `json:"handling_cost_tax_class_id"`
	ShippingZoneID         int          `json:"shipping_zone_id"`
	ShippingZoneName       string       `json:"shipping_zone_name"`
	ShippingQuotes         resourceLink `json:"shipping_quotes"`
	FormFields             []formField  `json:"form_fields"`
}

// shipmentAddress is an address inside a shipment.
type shipmentAddress struct {
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Company     string `json:"company"`
	Street1     string `json:"street_1"`
	Street2     string `json:"street_2"`
	City        string `json:"city"`
	State       string `json:"state"`
	Zip         string `json:"zip"`
	Country     string `json:"country"`
	CountryISO2 string `json:"country_iso2"`
	Phone       string `json:"phone"`
	Email       string `json:"email"`
}

// shipmentItem is one item of a shipment.
type shipmentItem struct {
	OrderProductID int `json:"order_product_id"`
	ProductID      int `json:"product_id"`
	Quantity       int `json:"quantity"`
}

// shipment is an order shipment (orderShipment).
type shipment struct {
	ID                          int             `json:"id"`
	OrderID                     int             `json:"order_id"`
	CustomerID                  int             `json:"customer_id"`
	OrderAddressID              int             `json:"order_address_id"`
	DateCreated                 v2time          `json:"date_created"`
	TrackingNumber              string          `json:"tracking_number"`
	MerchantShippingCost        money           `json:"merchant_shipping_cost"`
	ShippingMethod              string          `json:"shipping_method"`
	Comments                    string          `json:"comments"`
	ShippingProvider            string          `json:"shipping_provider"`
	TrackingCarrier             string          `json:"tracking_carrier"`
	TrackingLink                string          `json:"tracking_link"`
	BillingAddress              shipmentAddress `json:"billing_address"`
	ShippingAddress             shipmentAddress `json:"shipping_address"`
	Items                       []shipmentItem  `json:"items"`
	ShippingProviderDisplayName string          `json:"shipping_provider_display_name"`
	GeneratedTrackingLink       string          `json:"generated_tracking_link"`
}

// transaction is a V3 order transaction.
type transaction struct {
	ID                      int         `json:"id"`
	OrderID                 string      `json:"order_id"`
	Event                   string      `json:"event"`
	Method                  string      `json:"method"`
	Amount                  float64     `json:"amount"`
	Currency                string      `json:"currency"`
	Gateway                 string      `json:"gateway"`
	GatewayTransactionID    string      `json:"gateway_transaction_id"`
	DateCreated             time.Time   `json:"date_created"`
	Test                    bool        `json:"test"`
	Status                  string      `json:"status"`
	FraudReview             bool        `json:"fraud_review"`
	ReferenceTransactionID  *int        `json:"reference_transaction_id"`
	PaymentMethodID         string      `json:"payment_method_id"`
	PaymentInstrumentToken  *string     `json:"payment_instrument_token"`
	ProviderInstrumentToken *string     `json:"provider_instrument_token"`
	ProviderCustomerID      *string     `json:"provider_customer_id"`
	Offline                 *struct{}   `json:"offline"`
	Custom                  *struct{}   `json:"custom"`
	AVSResult               avsResult   `json:"avs_result"`
	CVVResult               cvvResult   `json:"cvv_result"`
	CreditCard              *creditCard `json:"credit_card"`
	GiftCertificate         *struct{}   `json:"gift_certificate"`
	StoreCredit             *struct{}   `json:"store_credit"`
}

type avsResult struct {
	Code        string `json:"code"`
	Message     string `json:"message"`
	StreetMatch string `json:"street_match"`
	PostalMatch string `json:"postal_match"`
}

type cvvResult struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

type creditCard struct {
	CardType        string `json:"card_type"`
	CardIIN         string `json:"card_iin"`
	CardLast4       string `json:"card_last4"`
	CardExpiryMonth int    `json:"card_expiry_month"`
	CardExpiryYear  int    `json:"card_expiry_year"`
}

// orderStatus is an entry of /v2/order_statuses.
type orderStatus struct {
	ID                int    `json:"id"`
	Name              string `json:"name"`
	SystemLabel       string `json:"system_label"`
	CustomLabel       string `json:"custom_label"`
	SystemDescription string `json:"system_description"`
	Order             int    `json:"order"`
}

// orderStatuses are the 15 statuses, indexed by id.
var orderStatuses = []orderStatus{
	{0, "Incomplete", "Incomplete", "Incomplete", "An incomplete order happens when a shopper reached the payment page, but did not complete the transaction.", 0},
	{1, "Pending", "Pending", "Pending", "Customer started the checkout process, but did not complete it.", 1},
	{2, "Shipped", "Shipped", "Shipped", "Order has been shipped, but receipt has not been confirmed; seller has used the Ship Items action.", 8},
	{3, "Partially Shipped", "Partially Shipped", "Partially Shipped", "Only some items in the order have been shipped, due to some products being pre-order only or other reasons.", 6},
	{4, "Refunded", "Refunded", "Refunded", "Seller has used the Refund action.", 11},
	{5, "Cancelled", "Cancelled", "Cancelled", "Seller has cancelled an order, due to a stock inconsistency or other reasons.", 9},
	{6, "Declined", "Declined", "Declined", "Seller has marked the order as declined for lack of manual payment, or other reasons.", 10},
	{7, "Awaiting Payment", "Awaiting Payment", "Awaiting Payment", "Customer has completed checkout process, but payment has yet to be confirmed.", 2},
	{8, "Awaiting Pickup", "Awaiting Pickup", "Awaiting Pickup", "Order has been pulled, and is awaiting customer pickup from a seller-specified location.", 5},
	{9, "Awaiting Shipment", "Awaiting Shipment", "Awaiting Shipment", "Order has been pulled and packaged, and is awaiting collection from a shipping provider.", 4},
	{10, "Completed", "Completed", "Completed", "Client has paid for their digital product and their file(s) are available for download.", 7},
	{11, "Awaiting Fulfillment", "Awaiting Fulfillment", "Awaiting Fulfillment", "Customer has completed the checkout process and payment has been confirmed.", 3},
	{12, "Manual Verification Required", "Manual Verification Required", "Manual Verification Required", "Order is on hold while some aspect needs to be manually confirmed.", 13},
	{13, "Disputed", "Disputed", "Disputed", "Customer has initiated a dispute resolution process for the PayPal transaction that paid for the order.", 12},
	{14, "Partially Refunded", "Partially Refunded", "Partially Refunded", "Seller has partially refunded the order.", 14},
}

// v2Base returns the absolute URL of the request's V2 root, for link
// objects.
func (c *call) v2Base() string {
	scheme := "https"
	if c.r.TLS == nil {
		scheme = "http"
	}
	host := c.r.Host
	if host == "" {
		host = "api.bigcommerce.com"
	}
	if c.legacy {
		return scheme + "://" + host + "/api/v2"
	}
	return scheme + "://" + host + "/stores/" + c.s.cfg.StoreHash + "/v2"
}

// viewOrder renders an order with its link objects.
func (c *call) viewOrder(o *order) order {
	out := *o
	base := c.v2Base()
	link := func(sub string) resourceLink {
		res := "/orders/" + itoa(o.ID) + "/" + sub
		return resourceLink{URL: base + res, Resource: res}
	}
	out.Products = link("products")
	out.ShippingAddresses = link("shippingaddresses")
	out.Coupons = link("coupons")
	out.ShippingAddressCount = len(o.shipTo)
	out.Consignments = c.consignmentsFor(o)
	if out.BillingAddress.FormFields == nil {
		out.BillingAddress.FormFields = []formField{}
	}
	return out
}

// orderMatcher reads the V2 order filters.
func (f *filters) orderMatcher() (match func(*order) bool, minID, maxID int) {
	minID, _ = f.int("min_id")
	maxID, hasMax := f.int("max_id")
	if !hasMax {
		maxID = int(^uint(0) >> 1)
	}
	minTotal, hasMinTotal := f.float("min_total")
	maxTotal, hasMaxTotal := f.float("max_total")
	customerID, hasCustomer := f.int("customer_id")
	email := strings.ToLower(strings.TrimSpace(f.str("email")))
	statusID, hasStatus := f.int("status_id")
	cartID := f.str("cart_id")
	payment := strings.ToLower(f.str("payment_method"))
	created := f.v2Dates("date_created")
	modified := f.v2Dates("date_modified")
	channelID, hasChannel := f.int("channel_id")
	externalOrderID := f.str("external_order_id")
	deleted, hasDeleted := f.bool("is_deleted")
	return func(o *order) bool {
		switch {
		case o.IsDeleted != (hasDeleted && deleted):
			return false
		case hasMinTotal && o.TotalIncTax.float() < minTotal, hasMaxTotal && o.TotalIncTax.float() > maxTotal:
			return false
		case hasCustomer && o.CustomerID != customerID:
			return false
		case email != "" && strings.ToLower(o.BillingAddress.Email) != email:
			return false
		case hasStatus && o.StatusID != statusID:
			return false
		case cartID != "" && o.CartID != cartID:
			return false
		case payment != "" && strings.ToLower(o.PaymentMethod) != payment:
			return false
		case created.active() && !created.match(o.DateCreated.Time):
			return false
		case modified.active() && !modified.match(o.DateModified.Time):
			return false
		case hasChannel && o.ChannelID != channelID:
			return false
		case externalOrderID != "" && o.ExternalOrderID != externalOrderID:
			return false
		}
		return true
	}, minID, maxID
}

// filteredOrders returns the orders matching the request's filters, in id
// order.
func (c *call) filteredOrders(f *filters) []*order {
	match, minID, maxID := f.orderMatcher()
	if f.failed {
		return nil
	}
	d := c.s.db
	lo, _ := slices.BinarySearch(d.orderIDs, minID)
	hi, found := slices.BinarySearch(d.orderIDs, maxID)
	if found {
		hi++
	}
	var list []*order
	for _, id := range d.orderIDs[lo:max(hi, lo)] {
		if o := d.orders[id]; match(o) {
			list = append(list, o)
		}
	}
	return list
}

// listOrders serves GET /v2/orders: a bare array, or 204 when the page is
// empty.
func (c *call) listOrders() {
	f := c.filters()
	page, limit := f.paging(250)
	sortBy := f.str("sort")
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	list := c.filteredOrders(f)
	if f.failed {
		return
	}
	if !sortOrders(list, sortBy) {
		c.v2err(http.StatusBadRequest, "The field 'sort' is invalid. Use id, date_created, date_modified, status_id, customer_id, channel_id or external_id, optionally followed by :asc or :desc.")
		return
	}
	items, _ := pageOf(list, page, limit)
	if len(items) == 0 {
		c.noContent()
		return
	}
	out := make([]order, 0, len(items))
	for _, o := range items {
		out = append(out, c.viewOrder(o))
	}
	c.json(http.StatusOK, out)
}

// sortOrders orders the list by a V2 sort value; false when it is invalid.
func sortOrders(list []*order, sortBy string) bool {
	if sortBy == "" {
		return true
	}
	field, dir, hasDir := strings.Cut(sortBy, ":")
	if hasDir && dir != "asc" && dir != "desc" {
		return false
	}
	var key func(*order) int64
	switch field {
	case "id":
		key = func(o *order) int64 { return int64(o.ID) }
	case "date_created":
		key = func(o *order) int64 { return o.DateCreated.Unix() }
	case "date_modified":
		key = func(o *order) int64 { return o.DateModified.Unix() }
	case "status_id":
		key = func(o *order) int64 { return int64(o.StatusID) }
	case "customer_id":
		key = func(o *order) int64 { return int64(o.CustomerID) }
	case "channel_id":
		key = func(o *order) int64 { return int64(o.ChannelID) }
	case "external_id", "external_order_id":
		slices.SortStableFunc(list, func(a, b *order) int {
			r := cmp.Or(cmp.Compare(a.ExternalOrderID, b.ExternalOrderID), cmp.Compare(a.ID, b.ID))
			if dir == "desc" {
				r = -r
			}
			return r
		})
		return true
	default:
		return false
	}
	slices.SortStableFunc(list, func(a, b *order) int {
		r := cmp.Or(cmp.Compare(key(a), key(b)), cmp.Compare(a.ID, b.ID))
		if dir == "desc" {
			r = -r
		}
		return r
	})
	return true
}

// ordersCount is the body of GET /v2/orders/count.
type ordersCount struct {
	Statuses []statusCount `json:"statuses"`
	Count    int           `json:"count"`
}

type statusCount struct {
	ID                int    `json:"id"`
	Name              string `json:"name"`
	SystemLabel       string `json:"system_label"`
	CustomLabel       string `json:"custom_label"`
	SystemDescription string `json:"system_description"`
	Count             int    `json:"count"`
	SortOrder         int    `json:"sort_order"`
}

// countOrders serves GET /v2/orders/count.
func (c *call) countOrders() {
	f := c.filters()
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	list := c.filteredOrders(f)
	if f.failed {
		return
	}
	per := make([]int, len(orderStatuses))
	for _, o := range list {
		if o.StatusID >= 0 && o.StatusID < len(per) {
			per[o.StatusID]++
		}
	}
	out := ordersCount{Count: len(list)}
	for _, st := range orderStatuses {
		out.Statuses = append(out.Statuses, statusCount{ID: st.ID, Name: st.Name, SystemLabel: st.SystemLabel,
			CustomLabel: st.CustomLabel, SystemDescription: st.SystemDescription, Count: per[st.ID], SortOrder: st.Order})
	}
	slices.SortFunc(out.Statuses, func(a, b statusCount) int { return cmp.Compare(a.SortOrder, b.SortOrder) })
	c.json(http.StatusOK, out)
}

// orderByID returns the order {id}, answering 404 when it does not exist.
func (c *call) orderByID() *order {
	o := c.s.db.orders[c.params[0]]
	if o == nil {
		c.notFound()
	}
	return o
}

// getOrder serves GET /v2/orders/{id}.
func (c *call) getOrder() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if o := c.orderByID(); o != nil {
		c.json(http.StatusOK, c.viewOrder(o))
	}
}

// archiveOrder serves DELETE /v2/orders/{id}: the order is archived
// (is_deleted) and leaves the list.
func (c *call) archiveOrder() {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	if o := c.orderByID(); o != nil {
		o.IsDeleted = true
		o.DateModified = v2time{c.s.now()}
		c.noContent()
	}
}

// deleteAllOrders refuses DELETE /v2/orders, which on the real API archives
// every order.
func (c *call) deleteAllOrders() {
	c.v2err(http.StatusBadRequest, "Archiving all orders is refused by this store: DELETE /v2/orders/{id} one order at a time.")
}

// orderWrite is the body of POST and PUT /v2/orders.
type orderWrite struct {
	CustomerID          *float64            `json:"customer_id"`
	StatusID            *int                `json:"status_id"`
	BillingAddress      *json.RawMessage    `json:"billing_address"`
	ShippingAddresses   []billingAddress    `json:"shipping_addresses"`
	Products            []orderProductWrite `json:"products"`
	Consignments        json.RawMessage     `json:"consignments"`
	BaseShippingCost    *money              `json:"base_shipping_cost"`
	ShippingCostExTax   *money              `json:"shipping_cost_ex_tax"`
	ShippingCostIncTax  *money              `json:"shipping_cost_inc_tax"`
	BaseHandlingCost    *money              `json:"base_handling_cost"`
	HandlingCostExTax   *money              `json:"handling_cost_ex_tax"`
	HandlingCostIncTax  *money              `json:"handling_cost_inc_tax"`
	BaseWrappingCost    *money              `json:"base_wrapping_cost"`
	WrappingCostExTax   *money              `json:"wrapping_cost_ex_tax"`
	WrappingCostIncTax  *money              `json:"wrapping_cost_inc_tax"`
	DiscountAmount      *money              `json:"discount_amount"`
	SubtotalExTax       *money              `json:"subtotal_ex_tax"`
	SubtotalIncTax      *money              `json:"subtotal_inc_tax"`
	TotalExTax          *money              `json:"total_ex_tax"`
	TotalIncTax         *money              `json:"total_inc_tax"`
	RefundedAmount      *money              `json:"refunded_amount"`
	StoreCreditAmount   *money              `json:"store_credit_amount"`
	ChannelID           *int                `json:"channel_id"`
	CustomerMessage     *string             `json:"customer_message"`
	StaffNotes          *string             `json:"staff_notes"`
	PaymentMethod       *string             `json:"payment_method"`
	PaymentProviderID   *json.RawMessage    `json:"payment_provider_id"`
	ExternalSource      *string             `json:"external_source"`
	ExternalID          *string             `json:"external_id"`
	ExternalMerchantID  *string             `json:"external_merchant_id"`
	ExternalOrderID     *string             `json:"external_order_id"`
	OrderSource         *string             `json:"order_source"`
	CustomerLocale      *string             `json:"customer_locale"`
	IPAddress           *string             `json:"ip_address"`
	IPAddressV6         *string             `json:"ip_address_v6"`
	GeoipCountry        *string             `json:"geoip_country"`
	GeoipCountryISO2    *string             `json:"geoip_country_iso2"`
	DefaultCurrencyCode *string             `json:"default_currency_code"`
	TaxProviderID       *string             `json:"tax_provider_id"`
	EbayOrderID         *string             `json:"ebay_order_id"`
	DateCreated         *v2time             `json:"date_created"`
	IsEmailOptIn        *bool               `json:"is_email_opt_in"`
	OrderIsDigital      *bool               `json:"order_is_digital"`
	ItemsShipped        *float64            `json:"items_shipped"`
	ItemsTotal          *float64            `json:"items_total"`
	Fees                json.RawMessage     `json:"fees"`
	Coupons             json.RawMessage     `json:"coupons"`
}

// orderProductWrite is a line item in an order write.
type orderProductWrite struct {
	ID             *int    `json:"id"`
	ProductID      *int    `json:"product_id"`
	VariantID      *int    `json:"variant_id"`
	Name           *string `json:"name"`
	NameCustomer   *string `json:"name_customer"`
	NameMerchant   *string `json:"name_merchant"`
	Quantity       *int    `json:"quantity"`
	PriceIncTax    *money  `json:"price_inc_tax"`
	PriceExTax     *money  `json:"price_ex_tax"`
	UPC            *string `json:"upc"`
	SKU            *string `json:"sku"`
	ProductOptions []struct {
		ID    int    `json:"id"`
		Value string `json:"value"`
	} `json:"product_options"`
}

// createOrder serves POST /v2/orders. It requires billing_address and
// products; line items referring to catalog products take their name, SKU
// and price from the catalog. It answers 201 with the order.
func (c *call) createOrder() {
	var w orderWrite
	if !c.decodeObject(&w) {
		return
	}
	if w.BillingAddress == nil {
		c.v2err(http.StatusBadRequest, "The required field 'billing_address' was not supplied.")
		return
	}
	var bill billingAddress
	if err := json.Unmarshal(*w.BillingAddress, &bill); err != nil {
		c.v2err(http.StatusBadRequest, "The field 'billing_address' is invalid: "+jsonProblem(err))
		return
	}
	if len(w.Consignments) > 0 && string(w.Consignments) != "null" {
		if len(w.Products) > 0 {
			c.v2err(http.StatusBadRequest, "An order takes either 'products' or 'consignments', not both.")
			return
		}
		c.v2err(http.StatusBadRequest, "The field 'consignments' is not supported by this store; use 'products'.")
		return
	}
	if len(w.Products) == 0 {
		c.v2err(http.StatusBadRequest, "The required field 'products' was not supplied.")
		return
	}
	if w.StatusID != nil && (*w.StatusID < 0 || *w.StatusID >= len(orderStatuses)) {
		c.v2err(http.StatusBadRequest, "The field 'status_id' is invalid.")
		return
	}

	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	now := c.s.now()
	o := &order{
		ID: d.nextOrder, DateCreated: v2time{now}, DateModified: v2time{now},
		StatusID: 1, PaymentMethod: "Manual", PaymentStatus: "", CurrencyID: 1, CurrencyCode: "USD",
		CurrencyExchangeRate: 1, DefaultCurrencyID: 1, DefaultCurrencyCode: "USD", EbayOrderID: "0",
		OrderSource: "external", ChannelID: 1, TaxProviderID: "BasicTaxProvider",
		StoreDefaultCurrencyCode: "USD", StoreDefaultToTransactionalExchangeRate: 1, CustomerLocale: "en",
		BillingAddress: bill,
	}
	if w.DateCreated != nil && !w.DateCreated.IsZero() {
		o.DateCreated = *w.DateCreated
	}
	if o.BillingAddress.Country == "" && o.BillingAddress.CountryISO2 != "" {
		o.BillingAddress.Country = countryName(o.BillingAddress.CountryISO2)
	}
	if w.CustomerID != nil {
		cid := int(*w.CustomerID)
		if cid != 0 && d.customers[cid] == nil {
			c.v2err(http.StatusBadRequest, "The field 'customer_id' is invalid: customer "+itoa(cid)+" does not exist.")
			return
		}
		o.CustomerID = cid
	}
	o.applyWrite(w)

	// Shipping addresses: as given, else the billing address.
	ships := w.ShippingAddresses
	if len(ships) == 0 {
		ships = []billingAddress{bill}
	}
	nextAddr := d.nextOrderAddress
	for _, sa := range ships {
		o.shipTo = append(o.shipTo, newOrderShippingAddress(nextAddr, o.ID, sa))
		nextAddr++
	}
	// Line items.
	nextLine := d.nextOrderProduct
	for i, pw := range w.Products {
		line, msg := d.newOrderLine(nextLine, o, pw)
		if msg != "" {
			c.v2err(http.StatusBadRequest, "The field 'products."+itoa(i)+"' is invalid: "+msg)
			return
		}
		o.lines = append(o.lines, line)
		nextLine++
	}
	d.nextOrderAddress, d.nextOrderProduct = nextAddr, nextLine
	d.nextOrder++
	o.recalculate(w)
	d.addOrder(o)
	c.json(http.StatusCreated, c.viewOrder(o))
}

// newOrderShippingAddress builds an order shipping address.
func newOrderShippingAddress(id, orderID int, a billingAddress) *orderShippingAddress {
	country := a.Country
	if country == "" {
		country = countryName(a.CountryISO2)
	}
	return &orderShippingAddress{
		ID: id, OrderID: orderID, FirstName: a.FirstName, LastName: a.LastName, Company: a.Company,
		Street1: a.Street1, Street2: a.Street2, City: a.City, Zip: a.Zip, Country: country,
		CountryISO2: a.CountryISO2, State: a.State, Email: a.Email, Phone: a.Phone,
		ShippingMethod: "None", ShippingZoneID: 1, ShippingZoneName: country,
		ShippingQuotes: resourceLink{Resource: "/orders/" + itoa(orderID) + "/shippingaddresses/" + itoa(id) + "/shippingquotes"},
		FormFields:     []formField{},
	}
}

// newOrderLine builds a line item; msg explains an invalid one.
func (d *data) newOrderLine(id int, o *order, pw orderProductWrite) (*orderProduct, string) {
	qty := 1
	if pw.Quantity != nil {
		qty = *pw.Quantity
	}
	if qty < 1 {
		return nil, "quantity must be 1 or more"
	}
	line := &orderProduct{
		ID: id, OrderID: o.ID, Quantity: qty, Type: "physical", OrderAddressID: o.shipTo[0].ID,
		AppliedDiscounts: []struct{}{}, ProductOptions: []orderProductOption{}, ConfigurableFields: []struct{}{},
		EbayItemID: "", EbayTransactionID: "",
	}
	var ex, inc money
	switch {
	case pw.ProductID != nil:
		p := d.products[*pw.ProductID]
		if p == nil {
			return nil, "product " + itoa(*pw.ProductID) + " does not exist"
		}
		var v *variant
		if pw.VariantID != nil {
			v = d.variants[*pw.VariantID]
			if v == nil || v.ProductID != p.ID {
				return nil, "variant " + itoa(*pw.VariantID) + " does not belong to product " + itoa(p.ID)
			}
		} else if len(p.variantIDs) > 0 {
			v = d.variants[p.variantIDs[0]]
		}
		line.ProductID, line.Name, line.SKU, line.Type = p.ID, p.Name, p.SKU, p.Type
		line.Weight = toMoney(p.Weight)
		line.Width, line.Height, line.Depth = toMoney(p.Width), toMoney(p.Height), toMoney(p.Depth)
		ex = toMoney(calculatedPrice(p))
		line.BaseCostPrice = toMoney(p.CostPrice)
		if v != nil {
			vv := d.viewVariant(v)
			line.VariantID, line.SKU = v.ID, v.SKU
			ex = toMoney(vv.CalculatedPrice)
			line.Weight = toMoney(vv.CalculatedWeight)
			for i, ov := range v.OptionValues {
				line.ProductOptions = append(line.ProductOptions, orderProductOption{
					ID: id*10 + i, OptionID: ov.OptionID, OrderProductID: id, ProductOptionID: ov.OptionID,
					DisplayName: ov.OptionDisplayName, DisplayNameCustomer: ov.OptionDisplayName, DisplayNameMerchant: ov.OptionDisplayName,
					DisplayValue: ov.Label, DisplayValueCustomer: ov.Label, DisplayValueMerchant: ov.Label,
					Value: itoa(ov.ID), Type: "Multiple choice", Name: ov.OptionDisplayName, DisplayStyle: "Rectangle",
				})
			}
		}
		inc = ex
	default:
		if pw.Name == nil || *pw.Name == "" {
			return nil, "a line item needs product_id or name"
		}
		line.Name = *pw.Name
		line.SKU = deref(pw.SKU)
	}
	if pw.PriceExTax != nil {
		ex = *pw.PriceExTax
		inc = ex
	}
	if pw.PriceIncTax != nil {
		inc = *pw.PriceIncTax
		if pw.PriceExTax == nil {
			ex = inc
		}
	}
	set(&line.Name, pw.Name)
	line.NameCustomer, line.NameMerchant = line.Name, line.Name
	set(&line.NameCustomer, pw.NameCustomer)
	set(&line.NameMerchant, pw.NameMerchant)
	set(&line.UPC, pw.UPC)
	line.BasePrice, line.PriceExTax, line.PriceIncTax, line.PriceTax = ex, ex, inc, inc-ex
	line.setTotals()
	line.CostPriceExTax, line.CostPriceIncTax = line.BaseCostPrice, line.BaseCostPrice
	return line, ""
}

// setTotals computes a line's totals from its unit prices and quantity.
func (l *orderProduct) setTotals() {
	q := money(l.Quantity)
	l.BaseTotal = l.BasePrice * q
	l.TotalExTax = l.PriceExTax * q
	l.TotalIncTax = l.PriceIncTax * q
	l.TotalTax = l.TotalIncTax - l.TotalExTax
	l.DiscountedTotalIncTax = l.TotalIncTax
}

// applyWrite copies the plain fields of an order write.
func (o *order) applyWrite(w orderWrite) {
	set(&o.StatusID, w.StatusID)
	set(&o.ChannelID, w.ChannelID)
	set(&o.CustomerMessage, w.CustomerMessage)
	set(&o.StaffNotes, w.StaffNotes)
	set(&o.PaymentMethod, w.PaymentMethod)
	set(&o.ExternalOrderID, w.ExternalOrderID)
	set(&o.OrderSource, w.OrderSource)
	set(&o.CustomerLocale, w.CustomerLocale)
	set(&o.IPAddress, w.IPAddress)
	set(&o.IPAddressV6, w.IPAddressV6)
	set(&o.GeoipCountry, w.GeoipCountry)
	set(&o.GeoipCountryISO2, w.GeoipCountryISO2)
	set(&o.DefaultCurrencyCode, w.DefaultCurrencyCode)
	set(&o.TaxProviderID, w.TaxProviderID)
	set(&o.EbayOrderID, w.EbayOrderID)
	set(&o.IsEmailOptIn, w.IsEmailOptIn)
	set(&o.OrderIsDigital, w.OrderIsDigital)
	set(&o.RefundedAmount, w.RefundedAmount)
	set(&o.StoreCreditAmount, w.StoreCreditAmount)
	if w.ExternalSource != nil {
		o.ExternalSource = w.ExternalSource
	}
	if w.ExternalID != nil {
		o.ExternalID = w.ExternalID
	}
	if w.ExternalMerchantID != nil {
		o.ExternalMerchantID = w.ExternalMerchantID
	}
	if w.PaymentProviderID != nil {
		var s string
		if json.Unmarshal(*w.PaymentProviderID, &s) != nil {
			s = strings.Trim(string(*w.PaymentProviderID), `"`)
		}
		o.PaymentProviderID = s
	}
	o.Status = orderStatuses[o.StatusID].Name
	o.CustomStatus = o.Status
}

// recalculate computes an order's totals from its lines and the costs in
// the write; explicit totals in the write win.
func (o *order) recalculate(w orderWrite) {
	var subEx, subInc money
	items := 0
	for _, l := range o.lines {
		subEx += l.TotalExTax
		subInc += l.TotalIncTax
		items += l.Quantity
	}
	o.ItemsTotal = items
	o.SubtotalExTax, o.SubtotalIncTax = subEx, subInc
	set(&o.SubtotalExTax, w.SubtotalExTax)
	set(&o.SubtotalIncTax, w.SubtotalIncTax)
	o.SubtotalTax = o.SubtotalIncTax - o.SubtotalExTax

	cost := func(base, ex, inc *money) (money, money, money, money) {
		b := deref(base)
		e := b
		set(&e, ex)
		i := e
		set(&i, inc)
		return b, e, i, i - e
	}
	o.BaseShippingCost, o.ShippingCostExTax, o.ShippingCostIncTax, o.ShippingCostTax = cost(w.BaseShippingCost, w.ShippingCostExTax, w.ShippingCostIncTax)
	o.BaseHandlingCost, o.HandlingCostExTax, o.HandlingCostIncTax, o.HandlingCostTax = cost(w.BaseHandlingCost, w.HandlingCostExTax, w.HandlingCostIncTax)
	o.BaseWrappingCost, o.WrappingCostExTax, o.WrappingCostIncTax, o.WrappingCostTax = cost(w.BaseWrappingCost, w.WrappingCostExTax, w.WrappingCostIncTax)
	set(&o.DiscountAmount, w.DiscountAmount)
	o.TotalExTax = o.SubtotalExTax + o.ShippingCostExTax + o.HandlingCostExTax + o.WrappingCostExTax - o.DiscountAmount
	o.TotalIncTax = o.SubtotalIncTax + o.ShippingCostIncTax + o.HandlingCostIncTax + o.WrappingCostIncTax - o.DiscountAmount
	set(&o.TotalExTax, w.TotalExTax)
	set(&o.TotalIncTax, w.TotalIncTax)
	o.TotalTax = o.TotalIncTax - o.TotalExTax
	for _, sa := range o.shipTo {
		sa.ItemsTotal = 0
	}
	for _, l := range o.lines {
		for _, sa := range o.shipTo {
			if sa.ID == l.OrderAddressID {
				sa.ItemsTotal += l.Quantity
			}
		}
	}
	if len(o.shipTo) > 0 {
		sa := o.shipTo[0]
		sa.BaseCost, sa.CostExTax, sa.CostIncTax, sa.CostTax = o.BaseShippingCost, o.ShippingCostExTax, o.ShippingCostIncTax, o.ShippingCostTax
	}
}

// addOrder indexes an order.
func (d *data) addOrder(o *order) {
	d.orders[o.ID] = o
	d.orderIDs = insertSorted(d.orderIDs, o.ID)
}

// updateOrder serves PUT /v2/orders/{id}: plain fields, status, billing
// address (merged) and costs. Line items cannot be changed.
func (c *call) updateOrder() {
	var w orderWrite
	if !c.decodeObject(&w) {
		return
	}
	if w.StatusID != nil && (*w.StatusID < 0 || *w.StatusID >= len(orderStatuses)) {
		c.v2err(http.StatusBadRequest, "The field 'status_id' is invalid.")
		return
	}
	if len(w.Products) > 0 {
		c.v2err(http.StatusBadRequest, "The field 'products' cannot be changed by this store.")
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	o := c.orderByID()
	if o == nil {
		return
	}
	if w.CustomerID != nil {
		cid := int(*w.CustomerID)
		if cid != 0 && d.customers[cid] == nil {
			c.v2err(http.StatusBadRequest, "The field 'customer_id' is invalid: customer "+itoa(cid)+" does not exist.")
			return
		}
		o.CustomerID = cid
	}
	if w.BillingAddress != nil {
		if err := json.Unmarshal(*w.BillingAddress, &o.BillingAddress); err != nil {
			c.v2err(http.StatusBadRequest, "The field 'billing_address' is invalid: "+jsonProblem(err))
			return
		}
	}
	o.applyWrite(w)
	costs := orderWrite{
		BaseShippingCost: ptrOr(w.BaseShippingCost, o.BaseShippingCost), ShippingCostExTax: ptrOr(w.ShippingCostExTax, o.ShippingCostExTax),
		ShippingCostIncTax: ptrOr(w.ShippingCostIncTax, o.ShippingCostIncTax), BaseHandlingCost: ptrOr(w.BaseHandlingCost, o.BaseHandlingCost),
		HandlingCostExTax: ptrOr(w.HandlingCostExTax, o.HandlingCostExTax), HandlingCostIncTax: ptrOr(w.HandlingCostIncTax, o.HandlingCostIncTax),
		BaseWrappingCost: ptrOr(w.BaseWrappingCost, o.BaseWrappingCost), WrappingCostExTax: ptrOr(w.WrappingCostExTax, o.WrappingCostExTax),
		WrappingCostIncTax: ptrOr(w.WrappingCostIncTax, o.WrappingCostIncTax), DiscountAmount: ptrOr(w.DiscountAmount, o.DiscountAmount),
		TotalExTax: w.TotalExTax, TotalIncTax: w.TotalIncTax, SubtotalExTax: w.SubtotalExTax, SubtotalIncTax: w.SubtotalIncTax,
	}
	o.recalculate(costs)
	o.DateModified = v2time{c.s.now()}
	c.json(http.StatusOK, c.viewOrder(o))
}

func ptrOr(p *money, cur money) *money {
	if p != nil {
		return p
	}
	return &cur
}

// v2Page serves a V2 sub-resource list: a page of items or 204.
func v2Page[T any](c *call, items []T) {
	f := c.filters()
	page, limit := f.paging(250)
	if f.failed {
		return
	}
	pageItems, _ := pageOf(items, page, limit)
	if len(pageItems) == 0 {
		c.noContent()
		return
	}
	c.json(http.StatusOK, pageItems)
}

// listOrderProducts serves GET /v2/orders/{id}/products.
func (c *call) listOrderProducts() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if o := c.orderByID(); o != nil {
		v2Page(c, o.lines)
	}
}

// getOrderProduct serves GET /v2/orders/{id}/products/{pid}.
func (c *call) getOrderProduct() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if o := c.orderByID(); o != nil {
		for _, l := range o.lines {
			if l.ID == c.params[1] {
				c.json(http.StatusOK, l)
				return
			}
		}
		c.notFound()
	}
}

// viewShippingAddress renders an order shipping address with its link.
func (c *call) viewShippingAddress(sa *orderShippingAddress) orderShippingAddress {
	out := *sa
	out.ShippingQuotes.URL = c.v2Base() + sa.ShippingQuotes.Resource
	return out
}

// listOrderShippingAddresses serves GET /v2/orders/{id}/shipping_addresses.
func (c *call) listOrderShippingAddresses() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if o := c.orderByID(); o != nil {
		out := make([]orderShippingAddress, 0, len(o.shipTo))
		for _, sa := range o.shipTo {
			out = append(out, c.viewShippingAddress(sa))
		}
		v2Page(c, out)
	}
}

// getOrderShippingAddress serves GET /v2/orders/{id}/shipping_addresses/{aid}.
func (c *call) getOrderShippingAddress() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if o := c.orderByID(); o != nil {
		for _, sa := range o.shipTo {
			if sa.ID == c.params[1] {
				c.json(http.StatusOK, c.viewShippingAddress(sa))
				return
			}
		}
		c.notFound()
	}
}

// listOrderCoupons serves GET /v2/orders/{id}/coupons (always empty: 204).
func (c *call) listOrderCoupons() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if o := c.orderByID(); o != nil {
		c.noContent()
	}
}

// listShipments serves GET /v2/orders/{id}/shipments (204 when none).
func (c *call) listShipments() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if o := c.orderByID(); o != nil {
		v2Page(c, o.shipments)
	}
}

// countShipments serves GET /v2/orders/{id}/shipments/count.
func (c *call) countShipments() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if o := c.orderByID(); o != nil {
		c.json(http.StatusOK, map[string]int{"count": len(o.shipments)})
	}
}

// shipmentByID returns shipment {sid} of the order, answering 404.
func (c *call) shipmentByID(o *order) (int, *shipment) {
	for i, sh := range o.shipments {
		if sh.ID == c.params[1] {
			return i, sh
		}
	}
	c.notFound()
	return -1, nil
}

// getShipment serves GET /v2/orders/{id}/shipments/{sid}.
func (c *call) getShipment() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if o := c.orderByID(); o != nil {
		if _, sh := c.shipmentByID(o); sh != nil {
			c.json(http.StatusOK, sh)
		}
	}
}

// shipmentWrite is the body of POST and PUT shipments.
type shipmentWrite struct {
	OrderAddressID       *int    `json:"order_address_id"`
	TrackingNumber       *string `json:"tracking_number"`
	MerchantShippingCost *money  `json:"merchant_shipping_cost"`
	ShippingMethod       *string `json:"shipping_method"`
	ShippingProvider     *string `json:"shipping_provider"`
	TrackingCarrier      *string `json:"tracking_carrier"`
	TrackingLink         *string `json:"tracking_link"`
	Comments             *string `json:"comments"`
	Items                []struct {
		OrderProductID int `json:"order_product_id"`
		Quantity       int `json:"quantity"`
	} `json:"items"`
}

func (sh *shipment) apply(w shipmentWrite) {
	set(&sh.TrackingNumber, w.TrackingNumber)
	set(&sh.MerchantShippingCost, w.MerchantShippingCost)
	set(&sh.ShippingMethod, w.ShippingMethod)
	set(&sh.ShippingProvider, w.ShippingProvider)
	set(&sh.TrackingCarrier, w.TrackingCarrier)
	set(&sh.TrackingLink, w.TrackingLink)
	set(&sh.Comments, w.Comments)
	sh.ShippingProviderDisplayName = providerDisplayName(sh.ShippingProvider)
	sh.GeneratedTrackingLink = ""
	if sh.TrackingNumber != "" && sh.ShippingProvider != "" {
		sh.GeneratedTrackingLink = "https://track.example.com/" + sh.ShippingProvider + "/" + sh.TrackingNumber
	}
}

func providerDisplayName(p string) string {
	switch strings.ToLower(p) {
	case "":
		return ""
	case "usps", "ups", "dhl":
		return strings.ToUpper(p)
	case "fedex":
		return "FedEx"
	case "auspost":
		return "Australia Post"
	case "royalmail":
		return "Royal Mail"
	}
	return p
}

// createShipment serves POST /v2/orders/{id}/shipments (201).
func (c *call) createShipment() {
	var w shipmentWrite
	if !c.decodeObject(&w) {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	o := c.orderByID()
	if o == nil {
		return
	}
	if w.OrderAddressID == nil {
		c.v2err(http.StatusBadRequest, "The required field 'order_address_id' was not supplied.")
		return
	}
	var sa *orderShippingAddress
	for _, a := range o.shipTo {
		if a.ID == *w.OrderAddressID {
			sa = a
		}
	}
	if sa == nil {
		c.v2err(http.StatusBadRequest, "The field 'order_address_id' is invalid.")
		return
	}
	if len(w.Items) == 0 {
		c.v2err(http.StatusBadRequest, "The required field 'items' was not supplied.")
		return
	}
	want := map[int]int{}
	for i, it := range w.Items {
		idx := slices.IndexFunc(o.lines, func(l *orderProduct) bool { return l.ID == it.OrderProductID })
		if idx < 0 || it.Quantity < 1 {
			c.v2err(http.StatusBadRequest, "The field 'items."+itoa(i)+"' is invalid.")
			return
		}
		want[it.OrderProductID] += it.Quantity
		if l := o.lines[idx]; want[l.ID] > l.Quantity-l.QuantityShipped {
			c.v2err(http.StatusBadRequest, "The field 'items."+itoa(i)+".quantity' is invalid: only "+itoa(l.Quantity-l.QuantityShipped)+" left to ship.")
			return
		}
	}
	now := c.s.now()
	sh := &shipment{
		ID: d.nextShipment, OrderID: o.ID, CustomerID: o.CustomerID, OrderAddressID: sa.ID,
		DateCreated: v2time{now}, BillingAddress: shipmentAddressOf(o.BillingAddress),
		ShippingAddress: shipmentAddress{FirstName: sa.FirstName, LastName: sa.LastName, Company: sa.Company,
			Street1: sa.Street1, Street2: sa.Street2, City: sa.City, State: sa.State, Zip: sa.Zip,
			Country: sa.Country, CountryISO2: sa.CountryISO2, Phone: sa.Phone, Email: sa.Email},
		ShippingMethod: "None",
	}
	d.nextShipment++
	sh.apply(w)
	for _, it := range w.Items {
		for _, l := range o.lines {
			if l.ID == it.OrderProductID {
				l.QuantityShipped += it.Quantity
				sh.Items = append(sh.Items, shipmentItem{OrderProductID: l.ID, ProductID: l.ProductID, Quantity: it.Quantity})
			}
		}
	}
	o.shipments = append(o.shipments, sh)
	o.refreshShipped(now)
	c.json(http.StatusCreated, sh)
}

func shipmentAddressOf(b billingAddress) shipmentAddress {
	return shipmentAddress{FirstName: b.FirstName, LastName: b.LastName, Company: b.Company, Street1: b.Street1,
		Street2: b.Street2, City: b.City, State: b.State, Zip: b.Zip, Country: b.Country,
		CountryISO2: b.CountryISO2, Phone: b.Phone, Email: b.Email}
}

// refreshShipped recomputes shipped counts, status and date_shipped after a
// shipment change.
func (o *order) refreshShipped(now time.Time) {
	shipped := 0
	for _, l := range o.lines {
		shipped += l.QuantityShipped
	}
	for _, sa := range o.shipTo {
		sa.ItemsShipped = 0
		for _, sh := range o.shipments {
			if sh.OrderAddressID == sa.ID {
				for _, it := range sh.Items {
					sa.ItemsShipped += it.Quantity
				}
			}
		}
	}
	o.ItemsShipped = shipped
	switch {
	case shipped == 0:
		o.DateShipped = v2time{}
		if o.StatusID == 2 || o.StatusID == 3 {
			o.StatusID = 11
		}
	case shipped >= o.ItemsTotal:
		o.StatusID = 2
		o.DateShipped = v2time{now}
	default:
		o.StatusID = 3
		o.DateShipped = v2time{now}
	}
	o.Status = orderStatuses[o.StatusID].Name
	o.CustomStatus = o.Status
	o.DateModified = v2time{now}
}

// updateShipment serves PUT /v2/orders/{id}/shipments/{sid}.
func (c *call) updateShipment() {
	var w shipmentWrite
	if !c.decodeObject(&w) {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	o := c.orderByID()
	if o == nil {
		return
	}
	_, sh := c.shipmentByID(o)
	if sh == nil {
		return
	}
	if w.OrderAddressID != nil {
		if !slices.ContainsFunc(o.shipTo, func(a *orderShippingAddress) bool { return a.ID == *w.OrderAddressID }) {
			c.v2err(http.StatusBadRequest, "The field 'order_address_id' is invalid.")
			return
		}
		sh.OrderAddressID = *w.OrderAddressID
	}
	sh.apply(w)
	c.json(http.StatusOK, sh)
}

// deleteShipment serves DELETE /v2/orders/{id}/shipments/{sid}.
func (c *call) deleteShipment() {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	o := c.orderByID()
	if o == nil {
		return
	}
	i, sh := c.shipmentByID(o)
	if sh == nil {
		return
	}
	for _, it := range sh.Items {
		for _, l := range o.lines {
			if l.ID == it.OrderProductID {
				l.QuantityShipped = max(l.QuantityShipped-it.Quantity, 0)
			}
		}
	}
	o.shipments = slices.Delete(o.shipments, i, i+1)
	o.refreshShipped(c.s.now())
	c.noContent()
}

// listOrderStatuses serves GET /v2/order_statuses.
func (c *call) listOrderStatuses() {
	c.json(http.StatusOK, orderStatuses)
}

// getOrderStatus serves GET /v2/order_statuses/{id}.
func (c *call) getOrderStatus() {
	id := c.params[0]
	if id >= len(orderStatuses) {
		c.notFound()
		return
	}
	c.json(http.StatusOK, orderStatuses[id])
}

// listTransactions serves GET /v3/orders/{id}/transactions ({data, meta},
// or 204 when the order has none).
func (c *call) listTransactions() {
	f := c.filters("page", "limit")
	page, limit := f.paging(250)
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	o := c.s.db.orders[c.params[0]]
	if o == nil {
		c.v3err(http.StatusNotFound, "The requested order was not found.", nil)
		return
	}
	if len(o.transactions) == 0 {
		c.noContent()
		return
	}
	items, pg := pageOf(o.transactions, page, limit)
	c.json(http.StatusOK, listEnvelope{Data: items, Meta: listMeta{Pagination: pg}})
}
