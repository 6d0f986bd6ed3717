package main

import "strconv"

// optionalInt is an int flag whose unset state is -1 and whose help text
// states the default itself: flag.PrintDefaults adds "(default X)" only
// for a default that differs from the type's zero value, and the zero
// optionalInt prints as "", so the help shows the usage text's own
// "(default: current level + 5)" once instead of also "(default -1)".
type optionalInt struct{ p *int }

// String implements flag.Value: "" while unset.
func (v optionalInt) String() string {
	if v.p == nil || *v.p == -1 {
		return ""
	}
	return strconv.Itoa(*v.p)
}

// Set implements flag.Value. Range checks are run's.
func (v optionalInt) Set(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil {
		return strconv.ErrSyntax
	}
	*v.p = n
	return nil
}
