package bigcommerce

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"maps"
	"net/http"
	"reflect"
)

// This file holds the shapes every service shares, the four core services
// (customers, products, orders, inventory) and the integration-coverage
// ones (categories, brands, customer groups, channels, price lists,
// payment methods) alike: id checks, one V3 object in {data, meta}, one V2
// object, a list page, a V3 batch write and the one 207 policy of every
// batch writer, and a DELETE by ids or by a filter that must not be empty.
// A service method checks its input and calls one of them; what stays
// hand-written is behaviour no other service has (inventory adjustments,
// consignments). The walks behind every All are in their own files:
// idwalk.go, cursorwalk.go, pagewalk.go, idwindow.go and datewalk.go.

// deleteIDChunk is how many ids one DELETE ...?id:in= carries, so that the
// query stays well below URL length limits.
const deleteIDChunk = 50

// checkID refuses an id below 1; what names it in the message ("brand id").
func checkID(op, what string, id int) error {
	if id <= 0 {
		return invalid(op, "%s must be a positive id, got %d", what, id)
	}
	return nil
}

// getOne sends a request about one V3 object and decodes the object in
// {data}. An answer without data is an error rather than a nil object. On
// a 207 the object is returned beside the *MultiStatusError.
func getOne[T any](ctx context.Context, c *Client, method, path string, opts, body any) (*T, *Response, error) {
	out, resp, err := getV3[*T](ctx, c, method, path, opts, body)
	if out == nil && err == nil {
		err = fmt.Errorf("bigcommerce: %s %s: the response has no object in data", method, path)
	}
	return out, resp, err
}

// getOneV2 sends a request about one V2 object (no envelope).
func getOneV2[T any](ctx context.Context, c *Client, method, path string, opts, body any) (*T, *Response, error) {
	var out T
	resp, err := c.call(ctx, method, path, opts, body, &out)
	if err != nil {
		return nil, resp, err
	}
	return &out, resp, nil
}

// listPage fetches one page of a V2 list. NewRequest checks the filter's
// paging (checkQuery) before anything is sent.
func listPage[T, F any, PF pager[F]](ctx context.Context, c *Client, path string, filter *F) ([]T, *Response, error) {
	var page, limit int
	var q any
	if filter != nil {
		p, l := PF(filter).paging()
		page, limit, q = *p, *l, filter
	}
	return listV2[T](ctx, c, path, q, page, limit)
}

// listV3 fetches one page of a V3 list. NewRequest checks the filter's
// paging (checkQuery) before anything is sent.
func listV3[T, F any](ctx context.Context, c *Client, path string, filter *F) ([]T, *Response, error) {
	var q any // a nil *F would be a non-nil interface
	if filter != nil {
		q = filter
	}
	return getV3[[]T](ctx, c, http.MethodGet, path, q, nil)
}

// deleteWhere sends DELETE path?filter after checking that filter sets at
// least one query parameter: BigCommerce deletes every record (or silently
// nothing) for an unfiltered DELETE, and the SDK never sends one.
func deleteWhere(ctx context.Context, c *Client, op, path string, filter any) (*Response, error) {
	if v := reflect.ValueOf(filter); filter == nil || (v.Kind() == reflect.Pointer && v.IsNil()) {
		return &Response{}, invalid(op, "no filter given: BigCommerce would apply an unfiltered DELETE to every record, so the SDK refuses it")
	}
	q, err := encodeQuery(filter)
	var ve *ValidationError
	switch {
	case errors.As(err, &ve): // a refused value: name the operation once
		if ve.Op == "" {
			ve.Op = op
		}
		return &Response{}, ve
	case err != nil:
		return &Response{}, invalid(op, "filter: %v", err)
	}
	if q == "" {
		return &Response{}, invalid(op, "the filter is empty: BigCommerce would apply an unfiltered DELETE to every record, so the SDK refuses it")
	}
	return c.call(ctx, http.MethodDelete, path, filter, nil, nil)
}

// writeBatch sends a V3 batch write (a JSON array body answered with
// {data: [...]}) in chunks of size, at most c.parallel(parallel) chunks at
// once (parallel: the endpoint's documented concurrency, 0 when none is
// documented), and maps an error that names items by index onto those
// items (see batch and indexedChunkError: BigCommerce wrote nothing of a
// rejected chunk). A 207 keeps the records it returned and goes through
// multiStatusChunkError, since part of that chunk was written. op names
// the write in progress reports.
func writeBatch[In, Out any](ctx context.Context, c *Client, op, method, path string, items []In, size, parallel int) ([]Out, *Response, error) {
	return batch(ctx, op, items, size, c.parallel(parallel), func(ctx context.Context, chunk []In) ([]Out, *Response, error) {
		return sendChunk[In, Out](ctx, c, method, path, chunk)
	})
}

// writeBatchSeq is writeBatch for items read from a sequence as they are
// sent (see batchSeq): check vets each item as it is read, and what
// BigCommerce answers is not kept.
func writeBatchSeq[In, Out any](ctx context.Context, c *Client, op, method, path string, items iter.Seq[In], size, parallel int, check func(int, In) error) (*Response, error) {
	return batchSeq(ctx, op, items, size, c.parallel(parallel), check, func(ctx context.Context, chunk []In) ([]Out, *Response, error) {
		_, resp, err := sendChunk[In, Out](ctx, c, method, path, chunk)
		return nil, resp, err
	})
}

// sendChunk sends one chunk of a V3 batch write and maps its error onto
// the chunk's items (see writeBatch).
func sendChunk[In, Out any](ctx context.Context, c *Client, method, path string, chunk []In) ([]Out, *Response, error) {
	return sendChunkAs[In, []Out](ctx, c, method, path, chunk)
}

// writeBatchUnread is writeBatch for a batch write whose answer the SDK
// does not read (204, {data: {}}, a list of ids): any answer body will do.
func writeBatchUnread[In any](ctx context.Context, c *Client, op, method, path string, items []In, size, parallel int) (*Response, error) {
	_, resp, err := batch(ctx, op, items, size, c.parallel(parallel), func(ctx context.Context, chunk []In) ([]struct{}, *Response, error) {
		var answer json.RawMessage
		resp, err := c.call(ctx, method, path, nil, chunk, &answer)
		return nil, resp, chunkError(err, len(chunk))
	})
	return resp, err
}

// sendChunkAs is sendChunk with the answer's data decoded into T.
func sendChunkAs[In, T any](ctx context.Context, c *Client, method, path string, chunk []In) (T, *Response, error) {
	out, resp, err := getV3[T](ctx, c, method, path, nil, chunk)
	return out, resp, chunkError(err, len(chunk))
}

// chunkError maps the error of one chunk of a batch write onto its items:
// a 207 through multiStatusChunkError, a rejection through
// indexedChunkError.
func chunkError(err error, n int) error {
	var ms *MultiStatusError
	if err != nil && !errors.As(err, &ms) {
		err = indexedChunkError(err, n)
	}
	return chunkMultiStatus(err, n, nil)
}

// createEach creates items with one POST each, for the endpoints whose POST
// takes one record: create sends one. It runs as a batch write of chunks of
// one item, at most c.parallel(parallel) at once, within the client's
// throttle. Every item is checked with check (when set) first; a refused
// one is a *ValidationError and nothing is sent.
//
// The result is aligned with items: out[i] is the record created for
// items[i], or the zero value when items[i] is in the *BatchError (failed,
// or outcome unknown without a record). A 207 (the record was created, part
// of it not saved) keeps the record in out and puts the item in
// BatchError.Unknown. A POST that may have been applied (a 5xx, a cut
// connection) is never resent: its item is in Unknown, and the write stops
// as after any error that is not about the item.
func createEach[In, Out any](ctx context.Context, c *Client, op string, items []In, parallel int, check func(int, In) error, create func(context.Context, In) (*Out, *Response, error)) ([]Out, *Response, error) {
	if len(items) == 0 {
		return nil, &Response{}, invalid(op, "no items given: pass at least one")
	}
	if check != nil {
		for i, it := range items {
			if err := check(i, it); err != nil {
				return nil, &Response{}, err
			}
		}
	}
	out := make([]Out, len(items))
	positions := make([]int, len(items)) // the batch runs over positions, so each answer finds its slot in out
	for i := range positions {
		positions[i] = i
	}
	_, resp, err := batch(ctx, op, positions, 1, c.parallel(parallel), func(ctx context.Context, chunk []int) ([]struct{}, *Response, error) {
		made, resp, err := create(ctx, items[chunk[0]])
		if made == nil {
			return nil, resp, err
		}
		out[chunk[0]] = *made
		var ms *MultiStatusError
		if errors.As(err, &ms) {
			err = &BatchError{Total: 1, Unknown: []BatchFailure{{Index: 0, Err: &outcomeError{err: ms, answered: http.StatusMultiStatus,
				advice: "BigCommerce created this record but did not save all of it: check it before sending it again"}}}}
		}
		return nil, resp, err
	})
	return out, resp, err
}

// chunkMultiStatus is err, or when err is a 207 the chunk-relative
// *BatchError of multiStatusChunkError.
func chunkMultiStatus(err error, n int, back func(i int) bool) error {
	var ms *MultiStatusError
	if !errors.As(err, &ms) {
		return err
	}
	return multiStatusChunkError(ms, n, back)
}

// multiStatusChunkError maps a 207 answer to a chunk of n items: the one
// policy of every batch writer. BigCommerce saved part of the chunk, so an
// item that may have been written is never reported as failed (Failures,
// "send it again"), only as unknown:
//
//   - When back is given (the caller matched the records returned to the
//     items: back(i) says item i came back) and some items did not come
//     back, those failed, each with ms; the others were written.
//   - Otherwise, when the errors name items by index ("1.name"), only those
//     failed, each with its own *Error; the others were written. A named
//     item that came back was saved in part: it is unknown instead.
//   - Otherwise BigCommerce did not say which items it saved: every item is
//     unknown.
//
// Unknown items' errors match ErrOutcomeUnknown and unwrap to the 207's.
func multiStatusChunkError(ms *MultiStatusError, n int, back func(i int) bool) error {
	berr := &BatchError{Total: n}
	if back != nil {
		for i := 0; i < n; i++ {
			if !back(i) {
				berr.Failures = append(berr.Failures, BatchFailure{Index: i, Err: ms})
			}
		}
		if len(berr.Failures) > 0 {
			return berr
		}
	}
	byItem := multiStatusItems(ms, n)
	for i := 0; i < n; i++ {
		e := byItem[i]
		switch {
		case byItem == nil:
			berr.Unknown = append(berr.Unknown, BatchFailure{Index: i, Err: &outcomeError{err: ms, answered: http.StatusMultiStatus,
				advice: "BigCommerce saved part of this request without saying which items: this item may have been written, check it before sending it again"}})
		case e == nil: // written
		case back != nil:
			berr.Unknown = append(berr.Unknown, BatchFailure{Index: i, Err: &outcomeError{err: e, answered: http.StatusMultiStatus,
				advice: "BigCommerce returned this item as saved but named it in a 207: part of it may not have been written, check it before sending it again"}})
		default:
			berr.Failures = append(berr.Failures, BatchFailure{Index: i, Err: e})
		}
	}
	return berr
}

// multiStatusItems splits a 207's errors by the item index their keys
// start with ("1.name" is item 1's name; itemsByIndex), each item getting a
// copy of its *Error with its own fields, merged across the 207's errors.
// It returns nil when no key names an item or one key names none of the n
// items.
func multiStatusItems(ms *MultiStatusError, n int) map[int]*Error {
	byItem := map[int]*Error{}
	for _, e := range ms.Errors {
		if len(e.Fields) == 0 {
			continue
		}
		items := itemsByIndex(e, n, "")
		if items == nil {
			return nil
		}
		for idx, item := range items {
			if prev := byItem[idx]; prev != nil {
				maps.Copy(prev.Fields, item.Fields)
			} else {
				byItem[idx] = item
			}
		}
	}
	if len(byItem) == 0 {
		return nil
	}
	return byItem
}

// deleteIDs sends DELETE path?<ids> in chunks of size ids, parallel at
// once, refusing an empty list and ids below 1; query builds the query of
// one chunk (idInQuery for id:in). A failed chunk is reported in a
// *BatchError by index in ids.
func deleteIDs(ctx context.Context, c *Client, op, path string, ids []int, size, parallel int, query func([]int) any) (*Response, error) {
	if len(ids) == 0 {
		return &Response{}, invalid(op, "no ids given: the SDK never sends an unfiltered DELETE")
	}
	for i, id := range ids {
		if id <= 0 {
			return &Response{}, invalid(op, "id %d (index %d) must be > 0", id, i)
		}
	}
	_, resp, err := batch(ctx, op, ids, size, c.parallel(parallel), func(ctx context.Context, chunk []int) ([]struct{}, *Response, error) {
		resp, err := c.call(ctx, http.MethodDelete, path, query(chunk), nil, nil)
		return nil, resp, err
	})
	return resp, err
}

// idInQuery is the id:in query of one chunk of deleteIDs.
func idInQuery(chunk []int) any {
	return &struct {
		IDIn IntList `url:"id:in"`
	}{chunk}
}

// countV2 reads a V2 count endpoint ({"count": N}).
func countV2(ctx context.Context, c *Client, path string, filter any) (int, *Response, error) {
	var out struct {
		Count FlexInt `json:"count"`
	}
	resp, err := c.call(ctx, http.MethodGet, path, filter, nil, &out) // a nil *Filter encodes as no query
	return int(out.Count), resp, err
}
