package bigcommerce

import (
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// ErrOutcomeUnknown matches the error of a write that may have been applied
// although the call failed: a POST (or PATCH) answered 500, 502, 503 or
// 504, cut off after the request was written, timed out, or answered 2xx
// with a body that could not be read. BigCommerce has no idempotency keys,
// so the SDK never retries such a write and a blind resend can create a
// second order or customer: look the record up (by email, SKU, external id
// or date) before sending it again.
//
//	if errors.Is(err, bigcommerce.ErrOutcomeUnknown) {
//		// check whether the customer exists before creating it again
//	}
//
// The error still unwraps to its cause, so errors.As finds the *Error of a
// 502. In a chunked batch write such items are listed in BatchError.Unknown,
// apart from the items that certainly failed.
var ErrOutcomeUnknown = errors.New("bigcommerce: outcome unknown: the write may have been applied; check before resending")

// outcomeAdvice ends the message of every outcome-unknown error.
const outcomeAdvice = "outcome unknown: the write may have been applied; check before resending (BigCommerce has no idempotency keys, so a resend can create a duplicate)"

// outcomeError marks err as the failure of a write that may have been
// applied. It matches ErrOutcomeUnknown and unwraps to err.
type outcomeError struct {
	err error
	// answered is the HTTP status the server gave, 0 when none came back.
	answered int
	// advice replaces outcomeAdvice when set (the OAuth token exchange).
	advice string
}

// Error implements error.
func (e *outcomeError) Error() string {
	advice := e.advice
	if advice == "" {
		advice = outcomeAdvice
		if e.answered >= 200 && e.answered <= 299 {
			advice = fmt.Sprintf("BigCommerce answered %d, so the write was most likely applied, but its answer is unusable; %s", e.answered, outcomeAdvice)
		}
	}
	return e.err.Error() + "; " + advice
}

// Unwrap returns the cause (an *Error for a 5xx answer, or the transport
// error).
func (e *outcomeError) Unwrap() error { return e.err }

// Is reports true for ErrOutcomeUnknown.
func (e *outcomeError) Is(target error) bool { return target == ErrOutcomeUnknown }

// outcomeUnknown reports whether err, the failure of this call, leaves it
// open whether the server applied a non-idempotent request: an attempt was
// handed to the network and no answer proves it was refused. Earlier
// attempts do not matter: a POST is retried only after answers proving it
// was not processed (429, or a connection that could not be made).
func (s *callState) outcomeUnknown(err error) bool {
	if isIdempotent(s.method) || s.sends == 0 {
		return false
	}
	if s.lastErr != nil {
		return !provablyUnsent(s.lastErr)
	}
	switch s.lastStatus {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	if s.lastStatus >= 200 && s.lastStatus <= 299 {
		// Applied, but the answer is cut, too large or unreadable. A 207
		// says exactly what was saved: that is not unknown.
		var ms *MultiStatusError
		return !errors.As(err, &ms)
	}
	return false
}

// provablyUnsent reports whether a transport error proves that no request
// reached the server: no connection (dial, DNS), a refused TLS certificate,
// or a failure before sending (a permanentError).
func provablyUnsent(err error) bool {
	if neverSent(err) {
		return true
	}
	var perm *permanentError
	var unknownCA x509.UnknownAuthorityError
	var invalidCert x509.CertificateInvalidError
	var hostname x509.HostnameError
	return errors.As(err, &perm) || errors.As(err, &unknownCA) || errors.As(err, &invalidCert) || errors.As(err, &hostname)
}

// notSentError is the error of a batch item that was not sent because an
// earlier chunk failed. It unwraps to that chunk's cause (so errors.Is sees
// ErrUnauthorized, say) but never to ErrOutcomeUnknown: this item was
// certainly not written.
type notSentError struct{ cause error }

func newNotSent(cause error) *notSentError {
	var oe *outcomeError
	if errors.As(cause, &oe) {
		cause = oe.err
	}
	return &notSentError{cause: cause}
}

// Error implements error.
func (e *notSentError) Error() string {
	return "bigcommerce: not sent because an earlier request failed (" + strings.TrimPrefix(e.cause.Error(), "bigcommerce: ") + "); this item was not written and can be sent again"
}

// Unwrap returns the earlier request's error.
func (e *notSentError) Unwrap() error { return e.cause }

// Is reports true for ErrNotWritten.
func (e *notSentError) Is(target error) bool { return target == ErrNotWritten }
