package bigcommerce

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"testing/synctest"
)

func TestBatchChunksInOrder(t *testing.T) {
	items := make([]int, 25)
	for i := range items {
		items[i] = i
	}
	var sizes []int
	out, resp, err := batch(context.Background(), "Test.Batch", items, 10, 1, func(_ context.Context, chunk []int) ([]string, *Response, error) {
		sizes = append(sizes, len(chunk))
		var got []string
		for _, n := range chunk {
			got = append(got, fmt.Sprint(n))
		}
		return got, &Response{Response: &http.Response{StatusCode: 200 + len(sizes)}}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(sizes) != "[10 10 5]" || len(out) != 25 || out[0] != "0" || out[24] != "24" {
		t.Errorf("sizes %v, out %v", sizes, out)
	}
	if resp.StatusCode != 203 {
		t.Errorf("returned the response of chunk %d, want the last", resp.StatusCode-200)
	}
}

func TestBatchFailureIndexes(t *testing.T) {
	items := make([]int, 25)
	for i := range items {
		items[i] = i
	}
	out, _, err := batch(context.Background(), "Test.Batch", items, 10, 3, func(_ context.Context, chunk []int) ([]int, *Response, error) {
		switch chunk[0] {
		case 10: // the whole middle chunk is rejected
			return nil, &Response{}, &Error{StatusCode: 422, Title: "invalid"}
		case 20: // one item of the last chunk fails, reported chunk-relative
			return chunk[:4], &Response{}, &BatchError{Total: 5, Failures: []BatchFailure{{Index: 4, Err: errors.New("bad item")}}}
		}
		return chunk, &Response{}, nil
	})
	var be *BatchError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want *BatchError", err)
	}
	want := []int{10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 24}
	if fmt.Sprint(be.FailedIndexes()) != fmt.Sprint(want) || be.Total != 25 {
		t.Errorf("failed %v of %d, want %v of 25", be.FailedIndexes(), be.Total, want)
	}
	if len(out) != 14 || out[10] != 20 {
		t.Errorf("written items %v", out)
	}
}

func TestBatchStopsAfterFatalError(t *testing.T) {
	items := make([]int, 30)
	var sent atomic.Int32
	_, _, err := batch(context.Background(), "Test.Batch", items, 10, 1, func(_ context.Context, chunk []int) ([]int, *Response, error) {
		sent.Add(1)
		return nil, &Response{}, &Error{StatusCode: 401, Title: "Unauthorized"}
	})
	if sent.Load() != 1 {
		t.Errorf("%d chunks sent after a 401, want 1", sent.Load())
	}
	var be *BatchError
	if !errors.As(err, &be) || len(be.Failures) != 30 || !errors.Is(be.Failures[29].Err, ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
}

func TestBatchParallelLimit(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		items := make([]int, 100)
		var inFlight, peak atomic.Int32
		gate := make(chan struct{})
		done := make(chan struct{})
		go func() {
			defer close(done)
			_, _, err := batch(t.Context(), "Test.Batch", items, 10, 3, func(_ context.Context, chunk []int) ([]int, *Response, error) {
				n := inFlight.Add(1)
				if n > peak.Load() {
					peak.Store(n)
				}
				<-gate
				inFlight.Add(-1)
				return chunk, &Response{}, nil
			})
			if err != nil {
				t.Error(err)
			}
		}()
		synctest.Wait()
		if inFlight.Load() != 3 {
			t.Errorf("%d chunks in flight, want 3", inFlight.Load())
		}
		close(gate)
		<-done
		if peak.Load() != 3 {
			t.Errorf("peak %d chunks in flight, want 3", peak.Load())
		}
	})
}

func TestBatchEmpty(t *testing.T) {
	out, resp, err := batch(context.Background(), "Test.Batch", []int(nil), 10, 1, func(context.Context, []int) ([]int, *Response, error) {
		t.Fatal("send called for no items")
		return nil, nil, nil
	})
	if out != nil || resp == nil || err != nil {
		t.Errorf("%v %v %v", out, resp, err)
	}
}
