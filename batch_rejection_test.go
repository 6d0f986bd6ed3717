package bigcommerce

import (
	"errors"
	"slices"
	"testing"
)

func TestIndexedChunkError(t *testing.T) {
	e422 := func(fields map[string]string) error {
		return &Error{StatusCode: 422, Title: "bad", Fields: fields, Method: "POST", Path: "/v3/customers"}
	}
	tests := []struct {
		name   string
		err    error
		n      int
		batch  bool
		failed []int
	}{
		{"not an *Error", errors.New("boom"), 3, false, nil},
		{"no fields", e422(nil), 3, false, nil},
		{"500 is never mapped", &Error{StatusCode: 500, Fields: map[string]string{"0": "x"}}, 3, false, nil},
		{"unkeyed field", e422(map[string]string{".customer_create": "x"}), 3, false, nil},
		{"index out of chunk", e422(map[string]string{"5.email": "x"}), 3, false, nil},
		{"mixed keys", e422(map[string]string{"0.email": "x", "email": "y"}), 3, false, nil},
		{"bare index", e422(map[string]string{"2": "x"}), 3, true, []int{0, 1, 2}},
		{"bracketed", e422(map[string]string{"[0].email": "x", "1[city]": "y"}), 2, true, []int{0, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := indexedChunkError(tt.err, tt.n)
			var be *BatchError
			if errors.As(got, &be) != tt.batch {
				t.Fatalf("indexedChunkError = %v (%T), batch %v", got, got, tt.batch)
			}
			if !tt.batch {
				if got != tt.err {
					t.Errorf("error changed: %v", got)
				}
				return
			}
			if !slices.Equal(be.FailedIndexes(), tt.failed) {
				t.Errorf("failed = %v, want %v", be.FailedIndexes(), tt.failed)
			}
		})
	}
}

func TestBatchKeyIndex(t *testing.T) {
	tests := []struct {
		key   string
		idx   int
		field string
		ok    bool
	}{
		{"0", 0, "", true},
		{"12.email", 12, "email", true},
		{"1.addresses.0.city", 1, "addresses.0.city", true},
		{"[3].email", 3, "email", true},
		{"4[email]", 4, "email", true},
		{"email", 0, "", false},
		{".customer_create", 0, "", false},
		{"1x", 0, "", false},
		{"", 0, "", false},
	}
	for _, tt := range tests {
		idx, field, ok := batchKeyIndex(tt.key)
		if idx != tt.idx || field != tt.field || ok != tt.ok {
			t.Errorf("batchKeyIndex(%q) = %d, %q, %v; want %d, %q, %v", tt.key, idx, field, ok, tt.idx, tt.field, tt.ok)
		}
	}
}

func TestItemsByIndexPrefix(t *testing.T) {
	e := func(fields map[string]string) *Error { return &Error{StatusCode: 422, Fields: fields} }
	tests := []struct {
		name   string
		fields map[string]string
		prefix string
		named  []int // nil: nothing attributable
	}{
		{"items prefix", map[string]string{"items.1.identity": "x", "items.3.quantity": "y"}, "items", []int{1, 3}},
		{"bracketed", map[string]string{"items[2].sku": "x"}, "items", []int{2}},
		{"another collection", map[string]string{"setting.0.settings": "x"}, "items", nil},
		{"a longer word", map[string]string{"itemsx.0.sku": "x"}, "items", nil},
		{"no index", map[string]string{"items": "required"}, "items", nil},
		{"outside the request", map[string]string{"items.4.sku": "x"}, "items", nil},
		{"no prefix wanted", map[string]string{"items.1.sku": "x"}, "", nil},
	}
	for _, tt := range tests {
		got := itemsByIndex(e(tt.fields), 4, tt.prefix)
		var idx []int
		for i := range 4 {
			if got[i] != nil {
				idx = append(idx, i)
			}
		}
		if (got == nil) != (tt.named == nil) || !slices.Equal(idx, tt.named) {
			t.Errorf("%s: named %v (nil %v), want %v", tt.name, idx, got == nil, tt.named)
		}
	}
}

func TestItemsByIdentity(t *testing.T) {
	ids := []itemIdentity{{productID: 113}, {variantID: 106}, {sku: "Red-Shirt"}, {sku: "red-shirt"}}
	tests := []struct {
		title string
		named []int
	}{
		{"[Item with variant_id 106 is tracked by product, please update stock by product id]", []int{1}},
		{"Items with identity: [product_id 113] requires absolute adjustment before relative", []int{0}},
		{"Items with identity: [sku RED-SHIRT] cannot be adjusted below zero at location 1", []int{2, 3}},
		{"Items with identity: [product_id 113, variant_id 106] requires absolute adjustment", []int{0, 1}},
		{"[Item with variant_id 107 is tracked by product]", nil},                   // not in the request
		{"Items with identity: [product_id 106] requires absolute adjustment", nil}, // 106 is a variant id here
		{"Payload contains invalid fields", nil},
	}
	for _, tt := range tests {
		got := itemsByIdentity(&Error{StatusCode: 422, Title: tt.title}, ids)
		var idx []int
		for i := range ids {
			if got[i] != nil {
				idx = append(idx, i)
			}
		}
		if (got == nil) != (tt.named == nil) || !slices.Equal(idx, tt.named) {
			t.Errorf("%q: named %v, want %v", tt.title, idx, tt.named)
		}
	}
}
