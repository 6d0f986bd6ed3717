package bigcommerce

import (
	"errors"
	"net/http"
	"testing"
)

// TestOneOf checks how a one-record method reports the answer of its
// one-item batch: the item's own error in place of a *BatchError of one,
// so that errors.Is and errors.As see the *Error, and the record beside
// the error of a 207.
func TestOneOf(t *testing.T) {
	rejected := &Error{StatusCode: http.StatusUnprocessableEntity}
	unknown := &outcomeError{err: &Error{StatusCode: http.StatusBadGateway}}
	resp := &Response{}
	tests := []struct {
		name    string
		out     []int
		err     error
		want    *int
		wantErr error
	}{
		{"written", []int{7}, nil, Ptr(7), nil},
		{"rejected", nil, &BatchError{Total: 1, Failures: []BatchFailure{{Index: 0, Err: rejected}}}, nil, rejected},
		{"outcome unknown", nil, &BatchError{Total: 1, Unknown: []BatchFailure{{Index: 0, Err: unknown}}}, nil, unknown},
		{"207: the record and its error", []int{7}, &BatchError{Total: 1, Unknown: []BatchFailure{{Index: 0, Err: unknown}}}, Ptr(7), unknown},
		{"not a batch error", nil, rejected, nil, rejected},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, gotResp, err := oneOf(tt.out, resp, tt.err)
			if err != tt.wantErr || gotResp != resp {
				t.Errorf("error %v, response %p; want %v, %p", err, gotResp, tt.wantErr, resp)
			}
			if (got == nil) != (tt.want == nil) || (got != nil && *got != *tt.want) {
				t.Errorf("record %v, want %v", got, tt.want)
			}
		})
	}
	var be *BatchError
	if _, err := oneErr(resp, &BatchError{Total: 1, Failures: []BatchFailure{{Err: rejected}}}); errors.As(err, &be) || !errors.Is(err, ErrUnprocessable) {
		t.Errorf("oneErr = %v, want the item's 422", err)
	}
}
