package main

import "regexp"

// namesError matches the name of an error a caller can test for in a doc
// comment: a sentinel (ErrNotFound) or an error type (*BatchError). Every
// generated method's doc names at least one: its last paragraph says what
// can go wrong.
var namesError = regexp.MustCompile(`\bErr[A-Z]\w*|\*[A-Z]\w*Error\b`)

// Refusal sentences: the errors paragraph of a method whose other sentences
// (path ids, outcome unknown, batches) name no error. One sentence per kind
// of request, in the style of the others ("is an error matching ...").
const (
	// readRefused is for a request that reads: a list page, a count, a
	// settings object.
	readRefused = "A refused request is an *Error (errors.Is matches ErrUnauthorized for a wrong token, ErrForbidden for a missing scope); a spent quota is a *RateLimitError."
	// writeRefused is for a write that cannot be ambiguous (PUT, DELETE):
	// a settings object's update.
	writeRefused = "A refused body is an *Error matching ErrUnprocessable (its Fields name the field); ErrForbidden means a missing scope."
	// walkRefused ends the doc sentence of an All.
	walkRefused = "a page request's error (an *Error, such as ErrForbidden for a missing scope, or a *RateLimitError) is yielded once and ends the walk."
)

// withRefusal returns the errors paragraph's sentences, with the kind's
// refusal sentence added when none of them names an error.
func (o *opInfo) withRefusal(errs []string) []string {
	for _, e := range errs {
		if namesError.MatchString(e) {
			return errs
		}
	}
	if o.kind == "write" || o.kind == "upload" || o.verb == "PUT" || o.verb == "PATCH" {
		return append(errs, writeRefused)
	}
	return append(errs, readRefused)
}
