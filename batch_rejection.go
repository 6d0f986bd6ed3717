package bigcommerce

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// When BigCommerce rejects a batch request (400, 409, 422) it writes none
// of its items, even those it has nothing against. Every batch writer
// attributes such a rejection the same way, through rejectedChunk: the
// items the error names fail with their own error, and every other item of
// the request fails with a notWrittenError, which says the item was not
// written only because of the others and can be sent again as it is. When
// the error names no item the SDK can identify, every item fails with it.
// How an error names items differs by endpoint: by index in its keys
// ("0.email", "items.1.sku": itemsByIndex), by identity in its message
// ("[Item with variant_id 106 is tracked by product, ...]":
// itemsByIdentity), or by the records it echoes (price records).

// ErrNotWritten matches the error of a batch item that was certainly not
// written although nothing is wrong with it: BigCommerce rejected its
// request over other items, or the item was not sent because an earlier
// request failed (then the error also unwraps to that request's error: fix
// its cause, a 401 say, first). Such an item can be sent again as it is;
// the other items of BatchError.Failures need fixing first.
//
//	items := []bigcommerce.InventoryAdjustment{{LocationID: 1, SKU: "MUG-1", Quantity: 5}}
//	_, _, err := client.Inventory.AdjustAbsolute(ctx, items, "stock take")
//	var batchErr *bigcommerce.BatchError
//	var retry []bigcommerce.InventoryAdjustment
//	if errors.As(err, &batchErr) {
//		for _, f := range batchErr.Failures {
//			if errors.Is(f.Err, bigcommerce.ErrNotWritten) {
//				retry = append(retry, items[f.Index])
//			}
//		}
//	}
var ErrNotWritten = errors.New("bigcommerce: not written; the item can be sent again as it is")

// notWrittenError is the error of an item that BigCommerce did not write
// because it rejected the whole request over other items in it. It
// matches ErrNotWritten.
type notWrittenError struct {
	method, path string
	status       int
	title        string
}

// Error implements error.
func (e *notWrittenError) Error() string {
	return fmt.Sprintf("bigcommerce: %s %s: not written: BigCommerce rejected the whole request (%d %s) because of other items in it; this item can be sent again",
		e.method, e.path, e.status, e.title)
}

// Is reports true for ErrNotWritten.
func (e *notWrittenError) Is(target error) bool { return target == ErrNotWritten }

// rejectedChunk maps e, the rejection of a whole request of n items, onto
// them: named holds the items e names (by index in the request), each with
// its own error; the others get a notWrittenError. With nothing named it
// returns e: every item fails with it.
func rejectedChunk(e *Error, n int, named map[int]*Error) error {
	if len(named) == 0 {
		return e
	}
	berr := &BatchError{Total: n}
	for i := 0; i < n; i++ {
		if item := named[i]; item != nil {
			berr.Failures = append(berr.Failures, BatchFailure{Index: i, Err: item})
			continue
		}
		berr.Failures = append(berr.Failures, BatchFailure{Index: i, Err: &notWrittenError{method: e.Method, path: e.Path, status: e.StatusCode, title: e.Title}})
	}
	return berr
}

// rejection returns err's *Error when err is BigCommerce's rejection of a
// whole request (400, 409, 422), else nil.
func rejection(err error) *Error {
	var e *Error
	if !errors.As(err, &e) {
		return nil
	}
	switch e.StatusCode {
	case http.StatusBadRequest, http.StatusConflict, http.StatusUnprocessableEntity:
		return e
	}
	return nil
}

// indexedChunkError maps err, the answer to a batch request of n items
// whose error keys start with the item's index ("0.email", "1", or
// batch_errors entries, which the core decodes as "1.field"), onto the
// items (see rejectedChunk). Any other error is returned as it is.
func indexedChunkError(err error, n int) error {
	e := rejection(err)
	if e == nil {
		return err
	}
	return rejectedChunk(e, n, itemsByIndex(e, n, ""))
}

// itemsByIndex splits e's fields by the item index their keys start with,
// after the collection name prefix when it is set ("items.1.sku" is item
// 1's sku for prefix "items"): each named item gets a copy of e with its
// own fields. It returns nil when e has no fields, or one key names none of
// the n items, since then the SDK cannot tell which items BigCommerce
// refused.
func itemsByIndex(e *Error, n int, prefix string) map[int]*Error {
	if len(e.Fields) == 0 {
		return nil
	}
	byItem := map[int]*Error{}
	for key, msg := range e.Fields {
		k := key
		if prefix != "" {
			var ok bool
			if k, ok = strings.CutPrefix(key, prefix); !ok || !strings.HasPrefix(k, ".") && !strings.HasPrefix(k, "[") {
				return nil
			}
			k = strings.TrimPrefix(k, ".")
		}
		idx, field, ok := batchKeyIndex(k)
		if !ok || idx >= n {
			return nil
		}
		item := byItem[idx]
		if item == nil {
			copied := *e
			copied.Fields = map[string]string{}
			item = &copied
			byItem[idx] = item
		}
		if field == "" {
			field = key
		}
		item.Fields[field] = msg
	}
	return byItem
}

// batchKeyIndex reads the item index at the start of a batch error key: "3",
// "3.email", "[3].email" or "3[email]". field is what follows the index.
func batchKeyIndex(key string) (idx int, field string, ok bool) {
	rest := strings.TrimPrefix(key, "[")
	end := 0
	for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' {
		end++
	}
	if end == 0 {
		return 0, "", false
	}
	idx, err := strconv.Atoi(rest[:end])
	if err != nil {
		return 0, "", false
	}
	rest = strings.TrimPrefix(rest[end:], "]")
	switch {
	case rest == "":
		return idx, "", true
	case rest[0] == '.':
		return idx, rest[1:], true
	case rest[0] == '[':
		return idx, strings.TrimSuffix(rest[1:], "]"), true
	}
	return 0, "", false
}

// itemIdentity is how the inventory API names an item: one of a product
// id, a variant id or a SKU.
type itemIdentity struct {
	productID, variantID int
	sku                  string
}

// identityMention matches an item identity in an inventory error message:
// "[Item with variant_id 106 is tracked by product, ...]", "Items with
// identity: [product_id 113] requires absolute adjustment before relative"
// (inventory.v3.yml's 422 examples), "sku NOPE does not exist".
var identityMention = regexp.MustCompile(`\b(product_id|variant_id|sku):? +([^\s\],;]+)`)

// itemsByIdentity finds the items e names by identity in its title,
// detail, messages and field values (the inventory API's way): each gets
// e. It returns nil when e names no identity, or one that is none of the
// items', since then the SDK cannot tell which items BigCommerce refused.
func itemsByIdentity(e *Error, identities []itemIdentity) map[int]*Error {
	texts := append([]string{e.Title, e.Detail}, e.Messages...)
	for _, v := range e.Fields {
		texts = append(texts, v)
	}
	named := map[int]*Error{}
	for _, text := range texts {
		for _, m := range identityMention.FindAllStringSubmatch(text, -1) {
			found := false
			for i, id := range identities {
				if id.is(m[1], m[2]) {
					named[i], found = e, true
				}
			}
			if !found {
				return nil
			}
		}
	}
	if len(named) == 0 {
		return nil
	}
	return named
}

// is reports whether the identity is the one an error names as kind
// (product_id, variant_id or sku) and value.
func (id itemIdentity) is(kind, value string) bool {
	switch kind {
	case "product_id":
		return id.productID != 0 && strconv.Itoa(id.productID) == value
	case "variant_id":
		return id.variantID != 0 && strconv.Itoa(id.variantID) == value
	}
	return id.sku != "" && strings.EqualFold(id.sku, value)
}
