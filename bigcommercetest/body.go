package bigcommercetest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
)

// tooManyItems is the 413 title of the customers, inventory and locations
// APIs for a batch over its limit.
func tooManyItems(n int) string {
	return "The request payload is too large. The maximum number of items allowed in the array is " + itoa(n)
}

// tooManyCatalogItems is the catalog API's wording of the same 413.
func tooManyCatalogItems(n int) string {
	return "The request payload is too large. The maximum items allowed in the array is " + itoa(n) + "."
}

// decodeArray decodes a V3 batch body: a JSON array of at most maxItems
// objects. Too many items is 413 with the given title; anything else
// invalid is 422 (V3) or 400 (V2).
func (c *call) decodeArray(maxItems int, tooLarge func(int) string) ([]json.RawMessage, bool) {
	var items []json.RawMessage
	if err := json.Unmarshal(c.body, &items); err != nil {
		c.invalidBody("The request body must be a JSON array of objects.")
		return nil, false
	}
	if len(items) == 0 {
		c.invalidBody("The request body must contain at least one item.")
		return nil, false
	}
	if len(items) > maxItems {
		c.v3err(http.StatusRequestEntityTooLarge, tooLarge(maxItems), map[string]string{})
		return nil, false
	}
	for i, it := range items {
		if t := bytes.TrimSpace(it); len(t) == 0 || t[0] != '{' {
			c.invalidBody("Item " + itoa(i) + " must be a JSON object.")
			return nil, false
		}
	}
	return items, true
}

// decodeWrites decodes a JSON array body of at most maxItems objects into
// []T. An item that does not decode is reported in errs under its index
// (and left zero), so the caller can add its own checks and answer 422 with
// every problem at once.
func decodeWrites[T any](c *call, maxItems int, tooLarge func(int) string) (writes []T, errs map[string]string, ok bool) {
	raws, ok := c.decodeArray(maxItems, tooLarge)
	if !ok {
		return nil, nil, false
	}
	writes = make([]T, len(raws))
	errs = map[string]string{}
	for i, raw := range raws {
		if err := json.Unmarshal(raw, &writes[i]); err != nil {
			errs[itoa(i)] = jsonProblem(err)
		}
	}
	return writes, errs, true
}

// decodeObject decodes a JSON object body into v, answering 422/400 on
// failure.
func (c *call) decodeObject(v any) bool {
	if t := bytes.TrimSpace(c.body); len(t) == 0 || t[0] != '{' {
		c.invalidBody("The request body must be a JSON object.")
		return false
	}
	if err := json.Unmarshal(c.body, v); err != nil {
		c.invalidBody("The request body is not valid: " + jsonProblem(err))
		return false
	}
	return true
}

// invalidBody answers a malformed body.
func (c *call) invalidBody(msg string) {
	if c.v2 {
		c.v2err(http.StatusBadRequest, msg)
		return
	}
	c.v3err(http.StatusUnprocessableEntity, msg, map[string]string{})
}

// jsonProblem describes a JSON decoding error without Go type names.
func jsonProblem(err error) string {
	if te, ok := err.(*json.UnmarshalTypeError); ok {
		field := te.Field
		if field == "" {
			field = "value"
		}
		return "the field '" + field + "' has the wrong type (" + te.Value + ")"
	}
	msg := err.Error()
	return strings.TrimPrefix(msg, "json: ")
}
