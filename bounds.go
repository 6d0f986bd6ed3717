package bigcommerce

import (
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"time"
)

// DefaultMaxResponseBytes is the largest successful response body a Client
// reads unless WithMaxResponseBytes says otherwise: 64 MiB, far above a
// 250-item page of any resource.
const DefaultMaxResponseBytes int64 = 64 << 20

// ErrResponseTooLarge matches the error of a successful answer whose body
// is larger than the limit set by WithMaxResponseBytes. The body is not
// read past the limit, and the request is not retried.
var ErrResponseTooLarge = errors.New("bigcommerce: response body too large")

// WithMaxResponseBytes caps the size of a successful (2xx) response body at
// n bytes (default DefaultMaxResponseBytes). A larger answer fails with an
// error matching ErrResponseTooLarge instead of being read into memory;
// for a create (POST) it also matches ErrOutcomeUnknown, since BigCommerce
// did apply it. Error bodies are always capped at 64 KiB.
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n < 1 {
			return invalid("WithMaxResponseBytes", "n must be at least 1 byte, got %d (the default is %d)", n, DefaultMaxResponseBytes)
		}
		c.maxBody = n
		return nil
	}
}

// tooLarge is the error of a 2xx body over the limit; size is the announced
// Content-Length, or -1 when the body was cut off while reading. It is
// permanent: the same request would get the same answer.
func (c *Client) tooLarge(size int64) error {
	got := "more"
	if size >= 0 {
		got = strconv.FormatInt(size, 10) + " bytes"
	}
	return &permanentError{err: &tooLargeError{msg: fmt.Sprintf("response body too large: the answer has %s, over the %d-byte limit set by WithMaxResponseBytes: raise the limit, or ask for smaller pages", got, c.maxBody)}}
}

// tooLargeError matches ErrResponseTooLarge; its message has no
// "bigcommerce:" prefix, since the call's error adds one.
type tooLargeError struct{ msg string }

func (e *tooLargeError) Error() string        { return e.msg }
func (e *tooLargeError) Is(target error) bool { return target == ErrResponseTooLarge }

// enveloped is implemented by *envelope: a V3 {data, meta} answer whose
// data can be checked against its meta.
type enveloped interface {
	checkData() error
}

// errEmptyEnvelope is the error of a V3 answer with no body at all.
func errEmptyEnvelope(status int) error {
	return fmt.Errorf("BigCommerce answered %d with an empty body where a {data, meta} object was expected; the page is unknown, not empty: retry the call", status)
}

// checkData refuses a list answer whose data is null, missing or empty while
// its meta says the page has records (count > 0) or more pages follow: a
// silent empty page would end a walk early and lose records.
func (e *envelope[T]) checkData() error {
	data := reflect.ValueOf(&e.Data).Elem()
	if data.Kind() != reflect.Slice || data.Len() > 0 {
		return nil
	}
	if p := e.Meta.Pagination; p != nil && (p.Count > 0 || p.CurrentPage < p.TotalPages) {
		return fmt.Errorf("the page has no data but its meta says records remain (count %d, page %d of %d); the page is unknown, not empty: retry the call", p.Count, p.CurrentPage, p.TotalPages)
	}
	if cp := e.Meta.CursorPagination; cp != nil && (cp.Count > 0 || cp.Links.Next != "") {
		return fmt.Errorf("the page has no data but its meta says records remain (count %d, next %q); the page is unknown, not empty: retry the call", cp.Count, cp.Links.Next)
	}
	return nil
}

// maxHeaderWait bounds every duration read from a header, so that a huge
// number cannot overflow into a negative wait. Anything this long is past
// any RetryPolicy.MaxWait a caller would set, so it fails fast.
const maxHeaderWait = 24 * time.Hour

// clampWait limits d to [0, maxHeaderWait].
func clampWait(d time.Duration) time.Duration {
	return min(max(d, 0), maxHeaderWait)
}

// headerMillis reads a header of milliseconds as a duration, clamped to
// maxHeaderWait.
func headerMillis(h http.Header, name string) (time.Duration, bool) {
	ms, ok := headerInt(h, name)
	if !ok {
		return 0, false
	}
	if ms > int(maxHeaderWait/time.Millisecond) {
		return maxHeaderWait, true
	}
	return time.Duration(ms) * time.Millisecond, true
}
