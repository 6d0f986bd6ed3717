package bigcommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strconv"
)

// ListFees returns an order's fees: GET /v2/orders/{order_id}/fees.
//
// orders.v2.oas2.yml contradicts itself about the answer (see
// api/overrides/orders.v2.oas2.yaml): its schema is one fee object, its
// example {"fees": [...]}, and the other V2 sub-resource lists answer a bare
// array. ListFees reads all three shapes, and an order without fees (204 or
// an empty list) as no fees and no error. An order id below 1 is refused
// before anything is sent; an unknown order is an error matching
// ErrNotFound. Get with the fees include returns the same fees
// with the order.
func (s *OrdersService) ListFees(ctx context.Context, orderID int) ([]OrderFee, *Response, error) {
	const op = "Orders.ListFees"
	if err := checkID(op, "order id", orderID); err != nil {
		return nil, &Response{}, err
	}
	path := "/v2/orders/" + strconv.Itoa(orderID) + "/fees"
	var raw json.RawMessage
	resp, err := s.client.call(ctx, http.MethodGet, path, nil, nil, &raw)
	if err != nil {
		return nil, resp, err
	}
	fees, err := decodeFees(raw)
	if err != nil {
		return nil, resp, fmt.Errorf("bigcommerce: GET %s: %w", path, err)
	}
	return fees, resp, nil
}

// AllFees iterates over an order's fees: GET /v2/orders/{order_id}/fees.
// The endpoint has no paging: it asks once and yields what ListFees
// returns. An order id of 0 or less is refused (ErrInvalidRequest); an
// order BigCommerce does not know is an error matching ErrNotFound. Either
// is yielded once.
func (s *OrdersService) AllFees(ctx context.Context, orderID int) iter.Seq2[OrderFee, error] {
	return walkOnce(ctx, func(ctx context.Context) ([]OrderFee, *Response, error) {
		return s.ListFees(ctx, orderID)
	})
}

// decodeFees reads a bare list of fees, {"fees": [...]}, one fee object, or
// nothing.
func decodeFees(raw []byte) ([]OrderFee, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return nil, nil
	}
	if raw[0] == '[' {
		var fees []OrderFee
		if err := json.Unmarshal(raw, &fees); err != nil {
			return nil, fmt.Errorf("the fees do not decode: %w", err)
		}
		return fees, nil
	}
	var wrapped struct {
		Fees *[]OrderFee `json:"fees"`
	}
	if err := json.Unmarshal(raw, &wrapped); err != nil {
		return nil, fmt.Errorf("the fees do not decode: %w", err)
	}
	if wrapped.Fees != nil {
		return *wrapped.Fees, nil
	}
	var one OrderFee
	if err := json.Unmarshal(raw, &one); err != nil {
		return nil, fmt.Errorf("the fee does not decode: %w", err)
	}
	if one.ID == 0 {
		return nil, fmt.Errorf("the answer holds no fee: %s", truncateForError(raw))
	}
	return []OrderFee{one}, nil
}
