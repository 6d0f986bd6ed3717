package bigcommerce

import (
	"context"
	"errors"
	"net/http"
	"sync"
)

// chunkResult is what one chunk of a batch write produced.
type chunkResult[Out any] struct {
	out  []Out
	resp *Response // nil when the chunk was not sent
	err  error
}

// batch writes items in chunks of at most size, running at most parallel
// chunks at once, and returns every written item in input order with the
// last chunk's *Response. Failures come back as one *BatchError naming the
// failed input indexes: when send returns a *BatchError its indexes are
// relative to the chunk and are shifted; an error matching ErrOutcomeUnknown
// puts every item of that chunk in BatchError.Unknown (they may have been
// written); any other error fails every item of that chunk. After an error
// that is not about the items themselves (401, 403, 429, a 5xx, a transport
// failure, a cancelled context) no further chunk is sent; its items are
// reported as failed with a not-sent error.
func batch[In, Out any](ctx context.Context, items []In, size, parallel int, send func(context.Context, []In) ([]Out, *Response, error)) ([]Out, *Response, error) {
	if err := checkContext("batch write", ctx); err != nil {
		return nil, &Response{}, err
	}
	if len(items) == 0 {
		return nil, &Response{}, nil
	}
	nChunks := (len(items) + size - 1) / size
	results := make([]chunkResult[Out], nChunks)
	var (
		mu      sync.Mutex
		stopErr error
		wg      sync.WaitGroup
		sem     = make(chan struct{}, max(parallel, 1))
	)
	for i := 0; i < nChunks; i++ {
		sem <- struct{}{}
		mu.Lock()
		stopped := stopErr
		mu.Unlock()
		if stopped == nil {
			stopped = ctx.Err()
		}
		if stopped != nil {
			<-sem
			results[i].err = newNotSent(stopped)
			continue
		}
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			defer func() { <-sem }()
			lo, hi := i*size, min((i+1)*size, len(items))
			out, resp, err := send(ctx, items[lo:hi])
			results[i] = chunkResult[Out]{out: out, resp: resp, err: err}
			if err != nil && !itemLevel(err) {
				mu.Lock()
				if stopErr == nil {
					stopErr = err
				}
				mu.Unlock()
			}
		}(i)
	}
	wg.Wait()

	var (
		all  []Out
		last = &Response{}
		berr = &BatchError{Total: len(items)}
	)
	for i, r := range results {
		all = append(all, r.out...)
		if r.resp != nil {
			last = r.resp
		}
		if r.err == nil {
			continue
		}
		lo, hi := i*size, min((i+1)*size, len(items))
		var inner *BatchError
		if errors.As(r.err, &inner) {
			for _, f := range inner.Failures {
				berr.Failures = append(berr.Failures, BatchFailure{Index: lo + f.Index, Err: f.Err})
			}
			for _, f := range inner.Unknown {
				berr.Unknown = append(berr.Unknown, BatchFailure{Index: lo + f.Index, Err: f.Err})
			}
			continue
		}
		list := &berr.Failures
		if errors.Is(r.err, ErrOutcomeUnknown) {
			list = &berr.Unknown
		}
		for idx := lo; idx < hi; idx++ {
			*list = append(*list, BatchFailure{Index: idx, Err: r.err})
		}
	}
	if len(berr.Failures) == 0 && len(berr.Unknown) == 0 {
		return all, last, nil
	}
	return all, last, berr
}

// itemLevel reports whether err is about the items sent (validation,
// conflict, partial success), so the other chunks are still worth sending.
func itemLevel(err error) bool {
	var be *BatchError
	var ms *MultiStatusError
	if errors.As(err, &be) || errors.As(err, &ms) {
		return true
	}
	var e *Error
	if errors.As(err, &e) {
		switch e.StatusCode {
		case http.StatusBadRequest, http.StatusNotFound, http.StatusConflict, http.StatusRequestEntityTooLarge, http.StatusUnprocessableEntity:
			return true
		}
	}
	return false
}
