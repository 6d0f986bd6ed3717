package bigcommerce

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Sentinel errors for errors.Is. An *Error matches the sentinel of its HTTP
// status, so callers can branch without looking at numbers:
//
//	if errors.Is(err, bigcommerce.ErrNotFound) { ... }
var (
	// ErrNotFound matches a 404 Not Found.
	ErrNotFound = errors.New("bigcommerce: not found")
	// ErrUnauthorized matches a 401: the access token (or legacy API token) was rejected.
	ErrUnauthorized = errors.New("bigcommerce: unauthorized")
	// ErrForbidden matches a 403: the credentials are valid but lack the scope the call needs.
	ErrForbidden = errors.New("bigcommerce: forbidden")
	// ErrConflict matches a 409, e.g. a duplicate product name or SKU.
	ErrConflict = errors.New("bigcommerce: conflict")
	// ErrUnprocessable matches a 422 validation failure (and a 400 malformed request).
	ErrUnprocessable = errors.New("bigcommerce: unprocessable")
	// ErrRateLimited matches a 429, and a *RateLimitError raised before sending.
	ErrRateLimited = errors.New("bigcommerce: rate limited")
	// ErrInvalidRequest matches a *ValidationError: the SDK refused the call
	// before sending anything because its input was wrong.
	ErrInvalidRequest = errors.New("bigcommerce: invalid request")
)

// maxErrorBody caps how much of an error response is read and kept.
const maxErrorBody = 64 << 10

// Error is an HTTP error answer from BigCommerce. It decodes every error
// shape the API uses: the V3 object {status,title,type,detail,errors{}} (also
// sent as application/problem+json), the V2 array [{status,message,details}],
// the {errors:[...]} and {batch_errors:[...]} variants, an empty body and an
// HTML error page from a proxy. Its message never contains credentials.
type Error struct {
	// StatusCode is the HTTP status of the response.
	StatusCode int
	// Title is the short description BigCommerce gave (V3 title, or the first
	// V2 message); the HTTP status text when the body had none.
	Title string
	// Type is the V3 problem type URI, when given.
	Type string
	// Detail is the V3 detail text, when given.
	Detail string
	// Fields maps a field name, path ("addresses.0.city") or batch index ("1")
	// to what is wrong with it.
	Fields map[string]string
	// Messages holds every message of a V2 error array or an errors list.
	Messages []string
	// Body is the raw response body, at most 64 KiB.
	Body []byte
	// RequestID is BigCommerce's request id header, to quote to support.
	RequestID string
	// Method and Path name the request that failed (no host, no query).
	Method, Path string
	// Hint says what to do about the error, when the SDK can tell (for 401
	// and 403: which credential or scope is wrong).
	Hint string
}

// Error implements error.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("bigcommerce: ")
	if e.Method != "" {
		fmt.Fprintf(&b, "%s %s: ", e.Method, e.Path)
	}
	fmt.Fprintf(&b, "%d", e.StatusCode)
	if e.Title != "" {
		fmt.Fprintf(&b, " %s", e.Title)
	}
	if e.Detail != "" && e.Detail != e.Title {
		fmt.Fprintf(&b, ": %s", e.Detail)
	}
	for _, m := range e.Messages {
		if m != e.Title {
			fmt.Fprintf(&b, "; %s", m)
		}
	}
	if len(e.Fields) > 0 {
		keys := make([]string, 0, len(e.Fields))
		for k := range e.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString(" (")
		for i, k := range keys {
			if i > 0 {
				b.WriteString("; ")
			}
			fmt.Fprintf(&b, "%s: %s", k, e.Fields[k])
		}
		b.WriteString(")")
	}
	if e.Hint != "" {
		fmt.Fprintf(&b, ". %s", e.Hint)
	}
	if e.RequestID != "" {
		fmt.Fprintf(&b, " [request id %s]", e.RequestID)
	}
	return b.String()
}

// Is reports whether the error matches one of the package's sentinels.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrConflict:
		return e.StatusCode == http.StatusConflict
	case ErrUnprocessable:
		return e.StatusCode == http.StatusUnprocessableEntity || e.StatusCode == http.StatusBadRequest
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	}
	return false
}

// RateLimitError is returned when the store's rate quota is spent and the
// wait for the next window is longer than RetryPolicy.MaxWait, past the
// context's deadline, or retries ran out. Err is the 429 answer, or nil when
// the throttle refused the request before sending it.
type RateLimitError struct {
	Err *Error
	// Rate is the last rate-limit snapshot the client saw.
	Rate RateLimit
	// RetryAfter is how long until the quota is expected to refresh.
	RetryAfter time.Duration
}

// Error implements error.
func (e *RateLimitError) Error() string {
	msg := "bigcommerce: rate limit reached"
	if e.Err != nil {
		msg = e.Err.Error()
	}
	return fmt.Sprintf("%s; quota refreshes in %s: retry later or lower the request rate", msg, e.RetryAfter.Round(time.Millisecond))
}

// Unwrap returns the underlying *Error, if any.
func (e *RateLimitError) Unwrap() error {
	if e.Err == nil {
		return nil
	}
	return e.Err
}

// Is reports true for ErrRateLimited.
func (e *RateLimitError) Is(target error) bool { return target == ErrRateLimited }

// MultiStatusError reports a 207 Multi-Status answer: BigCommerce saved part
// of the request (for example the product but not its inventory) and
// rejected the rest. It is returned together with the saved data, so check
// for it with errors.As and keep the data.
type MultiStatusError struct {
	// Method and Path name the request.
	Method, Path string
	// Errors lists what failed, one *Error per problem reported.
	Errors []*Error
}

// Error implements error.
func (e *MultiStatusError) Error() string {
	parts := make([]string, 0, len(e.Errors))
	for _, err := range e.Errors {
		parts = append(parts, strings.TrimPrefix(err.Error(), "bigcommerce: "))
	}
	return fmt.Sprintf("bigcommerce: %s %s: 207 partially saved: %s", e.Method, e.Path, strings.Join(parts, "; "))
}

// Unwrap returns the individual failures, so errors.Is and errors.As see them.
func (e *MultiStatusError) Unwrap() []error {
	out := make([]error, len(e.Errors))
	for i, err := range e.Errors {
		out[i] = err
	}
	return out
}

// BatchError reports the items of a chunked batch write that were not
// written, or may not have been. Items that succeeded are returned beside
// it; the rest are named by their index in the caller's input slice, in one
// of two lists:
//
//   - Failures: items that certainly were not written (rejected by
//     BigCommerce, or not sent). Fix the cause and send them again
//     (FailedIndexes). An item whose error matches ErrNotWritten was not
//     written only because of other items (BigCommerce rejects a request
//     whole) or an earlier failed request: it can be sent again as it is.
//   - Unknown: items of a create request whose outcome is unknown (a 5xx,
//     a cut connection or a timeout after the request was sent): they may
//     have been written. Look them up before sending them again
//     (UnknownIndexes); their errors match ErrOutcomeUnknown, and so does
//     the BatchError when Unknown is not empty.
type BatchError struct {
	// Total is the number of input items.
	Total int
	// Failures lists each input item that certainly failed, in input order.
	Failures []BatchFailure
	// Unknown lists each input item that may have been written although its
	// request failed, in input order.
	Unknown []BatchFailure
}

// BatchFailure is one failed item of a batch write.
type BatchFailure struct {
	// Index is the item's position in the caller's input slice.
	Index int
	// Err says why it failed: usually an *Error or a *MultiStatusError.
	Err error
}

// Error implements error.
func (e *BatchError) Error() string {
	var b strings.Builder
	b.WriteString("bigcommerce: ")
	if len(e.Failures) > 0 || len(e.Unknown) == 0 {
		fmt.Fprintf(&b, "%d of %d items failed", len(e.Failures), e.Total)
		writeBatchItems(&b, e.Failures)
	}
	if len(e.Unknown) > 0 {
		if len(e.Failures) > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%d of %d items have an unknown outcome (they may have been written: check before resending them)", len(e.Unknown), e.Total)
		writeBatchItems(&b, e.Unknown)
	}
	return b.String()
}

// writeBatchItems lists the first few items of fs.
func writeBatchItems(b *strings.Builder, fs []BatchFailure) {
	const show = 5
	for i, f := range fs {
		if i == show {
			fmt.Fprintf(b, "; and %d more", len(fs)-show)
			break
		}
		fmt.Fprintf(b, "; item %d: %s", f.Index, strings.TrimPrefix(f.Err.Error(), "bigcommerce: "))
	}
}

// Unwrap returns every failed and unknown item's error.
func (e *BatchError) Unwrap() []error {
	out := make([]error, 0, len(e.Failures)+len(e.Unknown))
	for _, f := range e.Failures {
		out = append(out, f.Err)
	}
	for _, f := range e.Unknown {
		out = append(out, f.Err)
	}
	return out
}

// FailedIndexes returns the input indexes of the items that certainly
// failed, in order: they can be sent again once the cause is fixed. It
// never includes the Unknown items.
func (e *BatchError) FailedIndexes() []int { return batchIndexes(e.Failures) }

// UnknownIndexes returns the input indexes of the items whose outcome is
// unknown, in order: they may have been written, so look them up before
// sending them again.
func (e *BatchError) UnknownIndexes() []int { return batchIndexes(e.Unknown) }

func batchIndexes(fs []BatchFailure) []int {
	out := make([]int, len(fs))
	for i, f := range fs {
		out[i] = f.Index
	}
	return out
}

// ValidationError is a client-side refusal: the input was wrong, so nothing
// was sent. It matches ErrInvalidRequest.
type ValidationError struct {
	// Op names the method that refused, e.g. "Customers.Delete".
	Op string
	// Message says what is wrong and how to fix it.
	Message string
}

// Error implements error.
func (e *ValidationError) Error() string {
	return fmt.Sprintf("bigcommerce: %s: %s (nothing was sent)", e.Op, e.Message)
}

// Is reports true for ErrInvalidRequest.
func (e *ValidationError) Is(target error) bool { return target == ErrInvalidRequest }

// invalid builds a *ValidationError.
func invalid(op, format string, args ...any) error {
	return &ValidationError{Op: op, Message: fmt.Sprintf(format, args...)}
}

// decodeError turns a non-2xx answer into an *Error. body may be nil.
func decodeError(resp *http.Response, body []byte, method, path string) *Error {
	e := &Error{StatusCode: resp.StatusCode, Method: method, Path: path}
	e.RequestID = resp.Header.Get("X-Request-Id")
	body = body[:min(len(body), maxErrorBody)]
	e.Body = body
	parseErrorBody(e, bytes.TrimSpace(body))
	if e.Title == "" && len(e.Messages) > 0 {
		e.Title = e.Messages[0]
	}
	if e.Title == "" {
		e.Title = http.StatusText(resp.StatusCode)
	}
	if e.Title == "" {
		e.Title = "unexpected HTTP status" // e.g. a proxy's 520
	}
	return e
}

// v3Problem is the V3 / problem+json error object.
type v3Problem struct {
	Status      json.RawMessage   `json:"status"`
	Title       string            `json:"title"`
	Type        string            `json:"type"`
	Detail      string            `json:"detail"`
	Message     string            `json:"message"`
	Errors      json.RawMessage   `json:"errors"`
	BatchErrors []json.RawMessage `json:"batch_errors"`
}

// v2Problem is one element of a V2 error array.
type v2Problem struct {
	Message string          `json:"message"`
	Title   string          `json:"title"`
	Details json.RawMessage `json:"details"`
}

// parseErrorBody fills e from whichever error shape body has. Unknown shapes
// (HTML pages, plain text) leave e as it is: Title falls back to the status.
func parseErrorBody(e *Error, body []byte) {
	if len(body) == 0 {
		return
	}
	switch body[0] {
	case '[':
		var list []v2Problem
		if json.Unmarshal(body, &list) != nil {
			return
		}
		for _, p := range list {
			msg := p.Message
			if msg == "" {
				msg = p.Title
			}
			if msg != "" {
				e.Messages = append(e.Messages, msg)
			}
			addDetails(e, p.Details, 0)
		}
	case '{':
		var p v3Problem
		if json.Unmarshal(body, &p) != nil {
			return
		}
		e.Title, e.Type, e.Detail = p.Title, p.Type, p.Detail
		if e.Title == "" {
			e.Title = p.Message
		}
		addDetails(e, p.Errors, 0)
		for i, raw := range p.BatchErrors {
			var sub v3Problem
			if json.Unmarshal(raw, &sub) != nil {
				continue
			}
			if sub.Title != "" {
				e.Messages = append(e.Messages, sub.Title)
			}
			inner := &Error{}
			addDetails(inner, sub.Errors, 1)
			for k, v := range inner.Fields {
				e.setField(strconv.Itoa(i)+"."+k, v)
			}
		}
	}
}

// maxErrorDepth bounds how many levels of nested "errors" lists addDetails
// follows. Each level decodes what is below it again, so without a bound a
// hostile body nested thousands deep costs time and memory quadratic in its
// size; with it the cost is linear. Real error bodies nest one or two deep.
const maxErrorDepth = 4

// addDetails merges a free-form "errors"/"details" value into e: an object
// becomes Fields, a list or a string becomes Messages. depth is the number
// of enclosing levels; below maxErrorDepth nested errors are left in Body.
func addDetails(e *Error, raw json.RawMessage, depth int) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) || depth >= maxErrorDepth {
		return
	}
	switch raw[0] {
	case '{':
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) != nil {
			return
		}
		for k, v := range m {
			e.setField(k, rawToText(v))
		}
	case '[':
		var list []json.RawMessage
		if json.Unmarshal(raw, &list) != nil {
			return
		}
		for _, item := range list {
			if bytes.Equal(item, []byte("null")) {
				continue
			}
			var p v3Problem
			if bytes.HasPrefix(item, []byte("{")) && json.Unmarshal(item, &p) == nil {
				if msg := firstNonEmpty(p.Title, p.Message, p.Detail); msg != "" {
					e.Messages = append(e.Messages, msg)
				}
				addDetails(e, p.Errors, depth+1)
				continue
			}
			e.Messages = append(e.Messages, rawToText(item))
		}
	default:
		e.Messages = append(e.Messages, rawToText(raw))
	}
}

func (e *Error) setField(k, v string) {
	if e.Fields == nil {
		e.Fields = make(map[string]string)
	}
	e.Fields[k] = v
}

// rawToText renders a JSON value for a human: strings unquoted, anything
// else in compact JSON.
func rawToText(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var buf bytes.Buffer
	if json.Compact(&buf, raw) == nil {
		return buf.String()
	}
	return string(raw)
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
