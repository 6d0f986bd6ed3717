package bigcommerce

// Tests pinning the id checks of idwindow.go that mutation testing
// found unguarded (checked by hand, see scripts/MUTATION.md).

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestPinCheckIDs: a page of an id walk is refused when an id is below the
// range asked for, or not above the id before it (a repeat, or a page out of
// order); ids above the range are left to idWalk.accept, which drops them.
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
		{"above the window: accept drops it", []int{15, 21}, idRange{15, 20}, 10, 0},
		{"the last id again", []int{10}, idRange{0, 0}, 10, 10},
		{"repeated on the page", []int{15, 16, 16}, idRange{15, 20}, 14, 16},
		{"descending", []int{17, 16}, idRange{15, 20}, 14, 16},
	}
	for _, tc := range cases {
		err := checkIDs("Things.All", "things", "min_id", tc.ids, func(id int) int { return id }, tc.r, tc.last)
		switch {
		case tc.refusedAt == 0 && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.refusedAt != 0 && (err == nil || !strings.Contains(err.Error(), fmt.Sprintf("answered id %d:", tc.refusedAt)) || !errors.Is(err, ErrIncompleteWalk)):
			t.Errorf("%s: err = %v, want an ErrIncompleteWalk refusal naming id %d", tc.name, err, tc.refusedAt)
		}
	}
}

// TestPinAcceptDropsIDsAboveTheWindow: a page of a closed window that
// holds ids above it (a server that ignores the upper bound) keeps the ids
// up to the bound and reports the window as complete; a page inside its
// window, or of an open window, is kept whole.
func TestPinAcceptDropsIDsAboveTheWindow(t *testing.T) {
	w := &idWalk[int]{src: idSource[int]{op: "Things.All", what: "things", idOf: func(id int) int { return id }}}
	cases := []struct {
		ids     []int
		r       idRange
		want    []int
		wantCut bool
	}{
		{[]int{11, 12, 20}, idRange{11, 20}, []int{11, 12, 20}, false},
		{[]int{11, 12, 21, 30}, idRange{11, 20}, []int{11, 12}, true},
		{[]int{21, 30}, idRange{11, 20}, []int{}, true},
		{[]int{11, 5000}, idRange{11, 0}, []int{11, 5000}, false},
	}
	for _, tc := range cases {
		got, cut, err := w.accept(tc.ids, tc.r, 10)
		if err != nil || cut != tc.wantCut || !slices.Equal(got, tc.want) {
			t.Errorf("accept(%v, %v) = %v, %v, %v; want %v, %v", tc.ids, tc.r, got, cut, err, tc.want, tc.wantCut)
		}
	}
	if _, _, err := w.accept([]int{11, 25, 13}, idRange{11, 20}, 10); err == nil {
		t.Error("a page out of order was accepted because its ids above the window were dropped first")
	}
}
