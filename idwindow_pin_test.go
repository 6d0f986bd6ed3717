package bigcommerce

// Tests pinning the id checks of idwindow.go that mutation testing
// found unguarded (checked by hand, see scripts/MUTATION.md).

import (
	"fmt"
	"strings"
	"testing"
)

// TestPinCheckIDs: a page of an id walk is refused when an id is below the
// range asked for, above it, or not above the id before it (a repeat, or a
// page out of order); an open range (hi 0) has no upper bound.
func TestPinCheckIDs(t *testing.T) {
	cases := []struct {
		name      string
		ids       []int
		r         idRange
		last      int
		refusedAt int // the id named in the error; 0: accepted
	}{
		{"inside the window", []int{11, 12, 20}, idRange{11, 20}, 10, 0},
		{"open window", []int{11, 500}, idRange{11, 0}, 10, 0},
		{"gap before the window", []int{15}, idRange{15, 20}, 10, 0},
		{"below the window, above the last id", []int{12}, idRange{15, 20}, 10, 12},
		{"above the window", []int{15, 21}, idRange{15, 20}, 10, 21},
		{"the last id again", []int{10}, idRange{0, 0}, 10, 10},
		{"repeated on the page", []int{15, 16, 16}, idRange{15, 20}, 14, 16},
		{"descending", []int{17, 16}, idRange{15, 20}, 14, 16},
	}
	for _, tc := range cases {
		err := checkIDs(tc.ids, func(id int) int { return id }, tc.r, tc.last)
		switch {
		case tc.refusedAt == 0 && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.refusedAt != 0 && (err == nil || !strings.Contains(err.Error(), fmt.Sprintf("answered id %d:", tc.refusedAt))):
			t.Errorf("%s: err = %v, want a refusal naming id %d", tc.name, err, tc.refusedAt)
		}
	}
}
