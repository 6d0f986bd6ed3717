package bigcommerce

import (
	"context"
	"iter"
)

// PaymentMethodsService lists the store's enabled payment methods (V2
// /v2/payments/methods). It is reached through Client.PaymentMethods and
// needs the store_payments_methods_read scope.
//
// BigCommerce marks this endpoint deprecated and "not supported": not every
// enabled provider may appear. Its V3 successor (accepted payment methods
// for a checkout) answers a different question and needs a checkout id.
type PaymentMethodsService service

const paymentMethodsPath = "/v2/payments/methods"

// PaymentMethod is an enabled payment method (payment_Base).
type PaymentMethod struct {
	// Code identifies the method platform-wide ("squarev2").
	Code string `json:"code"`
	// Name is the method's descriptive name ("Square").
	Name string `json:"name"`
	// TestMode says whether the gateway is in test mode (always false for
	// offline methods).
	TestMode bool `json:"test_mode"`
}

// List returns one page of payment methods, by name from A to Z: GET
// /v2/payments/methods. opts may be nil. An empty page (204) is an empty
// slice and no error.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest).
func (s *PaymentMethodsService) List(ctx context.Context, opts *ListOptions) ([]PaymentMethod, *Response, error) {
	return listPage[PaymentMethod](ctx, s.client, paymentMethodsPath, opts)
}

// All iterates over every enabled payment method: GET /v2/payments/methods,
// 250 per page unless opts.Limit is set, until a short or empty page.
//
// Payment methods have no id, so All walks by page offset in name order.
// A store rarely has more than one page of them; if it does, a method
// enabled or disabled during the walk can shift the later pages by one
// place, so one method can be skipped or yielded twice.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). An error is yielded
// once and ends the walk.
func (s *PaymentMethodsService) All(ctx context.Context, opts *ListOptions) iter.Seq2[PaymentMethod, error] {
	return walk(ctx, s.client, opts, MaxPageSize, s.List)
}
