package bigcommerce

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"
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
	if !errors.As(err, &be) || len(be.Failures) != 30 || !errors.Is(be.Failures[29].Err, ErrUnauthorized) ||
		!errors.Is(be.Failures[29].Err, ErrNotWritten) || errors.Is(be.Failures[0].Err, ErrNotWritten) {
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

// TestBatchSeqBoundedMemory streams 200,000 items through a write of 4
// chunks of 100 at once: every item is sent once, in chunks of consecutive
// positions, and the items read from the sequence and not yet answered
// are never more than 4 × 100.
func TestBatchSeqBoundedMemory(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const n, size, parallel = 200_000, 100, 4
		var answered, read, ahead, sent atomic.Int64
		ctx := WithProgress(t.Context(), func(p Progress) { answered.Store(int64(p.Done)) })
		items := func(yield func(int) bool) {
			for i := range n {
				r := read.Add(1)
				if a := r - answered.Load(); a > ahead.Load() {
					ahead.Store(a)
				}
				if !yield(i) {
					return
				}
			}
		}
		_, err := batchSeq(ctx, "Test.Seq", items, size, parallel, nil, func(_ context.Context, chunk []int) ([]struct{}, *Response, error) {
			time.Sleep(10 * time.Millisecond) // in flight for a while (the bubble's clock)
			for i := 1; i < len(chunk); i++ {
				if chunk[i] != chunk[i-1]+1 {
					t.Errorf("chunk %v is not consecutive", chunk[:i+1])
				}
			}
			sent.Add(int64(len(chunk)))
			return nil, &Response{}, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if sent.Load() != n || read.Load() != n {
			t.Errorf("read %d, sent %d of %d items", read.Load(), sent.Load(), n)
		}
		if got := ahead.Load(); got != size*parallel {
			t.Errorf("at most %d items read ahead of the answers, want %d (the chunks in flight)", got, size*parallel)
		}
	})
}

// TestBatchSeqPositions: failures are named by their position in the
// sequence, refused items included; refused items are not sent.
func TestBatchSeqPositions(t *testing.T) {
	items := func(yield func(int) bool) {
		for i := range 25 {
			if !yield(i) {
				return
			}
		}
	}
	check := func(pos, item int) error {
		if item == 3 || item == 17 {
			return invalid("Test.Seq", "item %d: refused", pos)
		}
		return nil
	}
	var sent [][]int
	resp, err := batchSeq(context.Background(), "Test.Seq", items, 10, 1, check, func(_ context.Context, chunk []int) ([]struct{}, *Response, error) {
		sent = append(sent, slices.Clone(chunk))
		if slices.Contains(chunk, 12) { // BigCommerce names item 12 (chunk-relative)
			i := slices.Index(chunk, 12)
			return nil, &Response{}, &BatchError{Total: len(chunk), Failures: []BatchFailure{{Index: i, Err: errors.New("bad item")}}}
		}
		return nil, &Response{Response: &http.Response{StatusCode: 200 + len(sent)}}, nil
	})
	var be *BatchError
	if !errors.As(err, &be) || !slices.Equal(be.FailedIndexes(), []int{3, 12, 17}) || be.Total != 25 {
		t.Fatalf("err = %v", err)
	}
	if !errors.Is(be.Failures[0].Err, ErrInvalidRequest) || be.Failures[1].Err.Error() != "bad item" {
		t.Errorf("failures %v", be.Failures)
	}
	want := [][]int{{0, 1, 2, 4, 5, 6, 7, 8, 9, 10}, {11, 12, 13, 14, 15, 16, 18, 19, 20, 21}, {22, 23, 24}}
	if fmt.Sprint(sent) != fmt.Sprint(want) {
		t.Errorf("sent %v, want %v", sent, want)
	}
	if resp.StatusCode != 203 {
		t.Errorf("returned the response of chunk %d, want the last", resp.StatusCode-200)
	}
}

// TestBatchSeqStopsReading: after an error that is not about the items the
// sequence is not read any further.
func TestBatchSeqStopsReading(t *testing.T) {
	read := 0
	items := func(yield func(int) bool) {
		for i := range 1000 {
			read++
			if !yield(i) {
				return
			}
		}
	}
	_, err := batchSeq(context.Background(), "Test.Seq", items, 10, 1, nil, func(context.Context, []int) ([]struct{}, *Response, error) {
		return nil, &Response{}, &Error{StatusCode: 401, Title: "Unauthorized"}
	})
	var be *BatchError
	if !errors.As(err, &be) || be.Total != 10 || len(be.Failures) != 10 || !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	if !errors.Is(err, ErrNotWritten) || !strings.Contains(err.Error(), "from position 10 on were neither read nor sent") {
		t.Errorf("err = %v: want it to say the rest of the sequence was not read", err)
	}
	if read != 11 {
		t.Errorf("read %d items, want the first chunk's 10 and the one that shows more follow", read)
	}
}

// TestBatchSeqCancelledBetweenChunks: a write whose context ends between
// two chunks, every chunk sent having been written, still fails: the rest
// of the sequence was not written, and the error says from which position.
func TestBatchSeqCancelledBetweenChunks(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	items := func(yield func(int) bool) {
		for i := range 30 {
			if !yield(i) {
				return
			}
		}
	}
	sent := 0
	_, err := batchSeq(ctx, "Test.Seq", items, 10, 1, nil, func(context.Context, []int) ([]struct{}, *Response, error) {
		sent++
		cancel() // after the first chunk, nothing more may go
		return nil, &Response{}, nil
	})
	var be *BatchError
	if err == nil || errors.As(err, &be) || !errors.Is(err, context.Canceled) || !errors.Is(err, ErrNotWritten) ||
		!strings.Contains(err.Error(), "from position 10 on") {
		t.Fatalf("err = %v: want the rest of the sequence reported as not written", err)
	}
	if sent != 1 {
		t.Errorf("%d chunks sent, want 1", sent)
	}
}

// TestBatchSeqEmptyAndNil: an empty sequence sends nothing and is no
// error; a nil one is refused.
func TestBatchSeqEmptyAndNil(t *testing.T) {
	send := func(context.Context, []int) ([]struct{}, *Response, error) {
		t.Fatal("send called")
		return nil, nil, nil
	}
	if resp, err := batchSeq(context.Background(), "Test.Seq", func(func(int) bool) {}, 10, 2, nil, send); resp == nil || err != nil {
		t.Errorf("empty: %v %v", resp, err)
	}
	if _, err := batchSeq[int](context.Background(), "Test.Seq", nil, 10, 2, nil, send); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("nil: %v", err)
	}
}

// TestBatchProgress: a batch write reports once per answered chunk (items
// done, failed) and once more when it ends; Total is the slice's length,
// or -1 for a sequence.
func TestBatchProgress(t *testing.T) {
	var reports []Progress
	ctx := WithProgress(context.Background(), func(p Progress) { reports = append(reports, p) })
	send := func(_ context.Context, chunk []int) ([]int, *Response, error) {
		if chunk[0] == 10 {
			return nil, &Response{}, &Error{StatusCode: 422, Title: "invalid"}
		}
		return chunk, &Response{}, nil
	}
	items := make([]int, 25)
	for i := range items {
		items[i] = i
	}
	if _, _, err := batch(ctx, "Test.Write", items, 10, 1, send); err == nil {
		t.Fatal("no error")
	}
	type tally struct {
		done, failed, total int
		finished            bool
	}
	var got []tally
	for _, p := range reports {
		if p.Op != "Test.Write" {
			t.Errorf("op %q", p.Op)
		}
		got = append(got, tally{p.Done, p.Failed, p.Total, p.Finished})
	}
	want := []tally{{10, 0, 25, false}, {20, 10, 25, false}, {25, 10, 25, false}, {25, 10, 25, true}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("reports %v, want %v", got, want)
	}
	reports = nil
	if _, err := batchSeq(ctx, "Test.Seq", slices.Values(items), 10, 1, nil, send); err == nil {
		t.Fatal("no error")
	}
	// Total is unknown until the sequence ends, with its last chunk.
	if len(reports) != 4 || reports[1].Total != -1 || reports[2].Total != 25 {
		t.Errorf("seq reports %+v", reports)
	}
	if last := reports[len(reports)-1]; last.Total != 25 || last.Done != 25 || last.Failed != 10 || !last.Finished {
		t.Errorf("seq reports %+v", reports)
	}
}
