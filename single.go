package bigcommerce

import (
	"errors"
	"net/http"
)

// oneOf turns the answer of a one-item batch write into the answer of a
// one-record method (Customers.Create, Categories.Update, ...), where
// BigCommerce has only the batch endpoint: the record written, if any, and
// the item's own error instead of a *BatchError of one (an *Error, a
// *ValidationError, or an error matching ErrOutcomeUnknown). On a 207 the
// record is returned beside its error, as getOne does.
func oneOf[T any](out []T, resp *Response, err error) (*T, *Response, error) {
	var be *BatchError
	if errors.As(err, &be) && be.Total == 1 {
		switch {
		case len(be.Failures) == 1:
			err = be.Failures[0].Err
		case len(be.Unknown) == 1:
			err = be.Unknown[0].Err
		}
	}
	if len(out) == 0 {
		return nil, resp, err
	}
	return &out[0], resp, err
}

// oneErr is oneOf for a one-item batch write that answers no record.
func oneErr(resp *Response, err error) (*Response, error) {
	_, resp, err = oneOf[struct{}](nil, resp, err)
	return resp, err
}

// notFoundError is the ErrNotFound answer of a Get that BigCommerce serves
// through a list filtered by id (Customers.Get, Categories.Get): the list
// came back without the record, which the SDK reports as a 404 *Error.
func notFoundError(method, path, detail string) error {
	return &Error{
		StatusCode: http.StatusNotFound,
		Title:      http.StatusText(http.StatusNotFound),
		Detail:     detail,
		Method:     method,
		Path:       path,
	}
}
