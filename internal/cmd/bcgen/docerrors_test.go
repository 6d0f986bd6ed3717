package main

import (
	"slices"
	"testing"
)

// TestWithRefusal: a method whose errors paragraph names no error gets the
// refusal sentence of its kind, and one that names one is left as it is.
func TestWithRefusal(t *testing.T) {
	notFound := "an id BigCommerce does not know is an error matching ErrNotFound."
	for _, c := range []struct {
		name string
		o    opInfo
		errs []string
		want []string
	}{
		{"list page", opInfo{kind: "list", verb: "GET"}, []string{""}, []string{"", readRefused}},
		{"count", opInfo{kind: "count", verb: "GET"}, nil, []string{readRefused}},
		{"settings get", opInfo{kind: "get", verb: "GET"}, []string{""}, []string{"", readRefused}},
		{"settings update", opInfo{kind: "write", verb: "PUT"}, []string{""}, []string{"", writeRefused}},
		{"get by id", opInfo{kind: "get", verb: "GET"}, []string{notFound}, []string{notFound}},
		{"batch", opInfo{kind: "batch", verb: "POST"}, []string{"Failures come back as one *BatchError."}, []string{"Failures come back as one *BatchError."}},
	} {
		got := c.o.withRefusal(slices.Clone(c.errs))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
		if !namesError.MatchString(got[len(got)-1]) {
			t.Errorf("%s: the last sentence %q names no error", c.name, got[len(got)-1])
		}
	}
	for _, s := range []string{walkRefused, readRefused, writeRefused} {
		if !namesError.MatchString(s) {
			t.Errorf("%q names no error", s)
		}
	}
}
