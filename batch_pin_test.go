package bigcommerce

// Tests pinning behaviour of batch.go that mutation testing
// (scripts/mutation.sh) found unguarded.

import (
	"context"
	"errors"
	"slices"
	"testing"
)

// TestPinItemErrorsDoNotStopOtherChunks: an error about a chunk's items
// (its own *BatchError, a 207, a 400/404/409/413/422) leaves the other
// chunks to be sent; any other error stops the chunks after it.
func TestPinItemErrorsDoNotStopOtherChunks(t *testing.T) {
	itemLevelErrs := map[string]error{
		"chunk BatchError": &BatchError{Total: 2, Failures: []BatchFailure{{Index: 1, Err: errors.New("bad")}}},
		"207":              &MultiStatusError{Errors: []*Error{{StatusCode: 422}}},
		"400":              &Error{StatusCode: 400},
		"404":              &Error{StatusCode: 404},
		"409":              &Error{StatusCode: 409},
		"413":              &Error{StatusCode: 413},
		"422":              &Error{StatusCode: 422},
	}
	for name, chunkErr := range itemLevelErrs {
		t.Run(name, func(t *testing.T) {
			sent := 0
			_, _, err := batch(context.Background(), "Test.Batch", make([]int, 8), 2, 1, func(_ context.Context, chunk []int) ([]int, *Response, error) {
				sent++
				if sent == 1 {
					return nil, &Response{}, chunkErr
				}
				return chunk, &Response{}, nil
			})
			if sent != 4 {
				t.Errorf("%d chunks sent, want all 4", sent)
			}
			var be *BatchError
			if !errors.As(err, &be) || len(be.Failures) == 0 || be.Failures[0].Index > 1 {
				t.Errorf("err = %v", err)
			}
		})
	}
	for name, stopErr := range map[string]error{"401": &Error{StatusCode: 401}, "403": &Error{StatusCode: 403}, "429": &RateLimitError{}, "500": &Error{StatusCode: 500}, "transport": errors.New("reset")} {
		t.Run("stops after "+name, func(t *testing.T) {
			sent := 0
			_, _, err := batch(context.Background(), "Test.Batch", make([]int, 8), 2, 1, func(_ context.Context, chunk []int) ([]int, *Response, error) {
				sent++
				return nil, &Response{}, stopErr
			})
			var be *BatchError
			if sent != 1 || !errors.As(err, &be) || len(be.Failures) != 8 {
				t.Errorf("%d chunks sent, err %v; want 1 chunk and 8 failures", sent, err)
			}
		})
	}
}

// TestPinChunkUnknownShifted: a chunk's own *BatchError with unknown items
// is shifted to input indexes like its failures.
func TestPinChunkUnknownShifted(t *testing.T) {
	_, _, err := batch(context.Background(), "Test.Batch", make([]int, 6), 3, 1, func(_ context.Context, chunk []int) ([]int, *Response, error) {
		return nil, &Response{}, &BatchError{Total: 3, Failures: []BatchFailure{{Index: 0, Err: errors.New("bad")}}, Unknown: []BatchFailure{{Index: 2, Err: errors.New("cut")}}}
	})
	var be *BatchError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v", err)
	}
	if got, want := be.FailedIndexes(), []int{0, 3}; !slices.Equal(got, want) {
		t.Errorf("FailedIndexes = %v, want %v", got, want)
	}
	if got, want := be.UnknownIndexes(), []int{2, 5}; !slices.Equal(got, want) {
		t.Errorf("UnknownIndexes = %v, want %v", got, want)
	}
}
