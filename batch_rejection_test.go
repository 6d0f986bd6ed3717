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
