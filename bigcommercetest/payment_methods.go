package bigcommercetest

import "net/http"

// paymentMethod is a V2 payment method (payment_Base).
type paymentMethod struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	TestMode bool   `json:"test_mode"`
}

// defaultPaymentMethods are the methods every store has, sorted by name as
// the API lists them.
var defaultPaymentMethods = []paymentMethod{
	{Code: "braintree", Name: "Braintree", TestMode: true},
	{Code: "cod", Name: "Cash on Delivery", TestMode: false},
	{Code: "cheque", Name: "Check", TestMode: false},
	{Code: "paypalcommerce", Name: "PayPal", TestMode: false},
	{Code: "squarev2", Name: "Square", TestMode: false},
}

// listPaymentMethods serves GET /v2/payments/methods (V2 paging, 204 when
// the page is empty).
func (c *call) listPaymentMethods() {
	f := c.filters()
	page, limit := f.paging(250)
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	items, _ := pageOf(c.s.db.cov.paymentMethods, page, limit)
	if len(items) == 0 {
		c.noContent()
		return
	}
	c.json(http.StatusOK, items)
}
