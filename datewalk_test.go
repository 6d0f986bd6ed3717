package bigcommerce

import (
	"testing"
)

// TestIDSet checks the export's set of ids.
func TestIDSet(t *testing.T) {
	var s idSet
	ids := []int{0, 1, 63, 64, 4095, 4096, 1 << 40, -5, 1}
	for i, id := range ids {
		if got, want := s.add(id), i < len(ids)-1; got != want {
			t.Errorf("add(%d) = %v, want %v", id, got, want)
		}
	}
	if len(s) != 4 {
		t.Errorf("%d chunks, want 4", len(s))
	}
}
