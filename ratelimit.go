package bigcommerce

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// RateLimit is a snapshot of the store's request quota, read from the
// X-Rate-Limit-* headers BigCommerce sends on every response (in any letter
// case). The quota is per store and shared by every app and client using it.
type RateLimit struct {
	// Quota is how many requests the window allows (X-Rate-Limit-Requests-Quota).
	Quota int
	// Remaining is how many requests are left in the window (X-Rate-Limit-Requests-Left).
	Remaining int
	// Window is the window's length (X-Rate-Limit-Time-Window-Ms).
	Window time.Duration
	// ResetIn is the time left until the window resets (X-Rate-Limit-Time-Reset-Ms).
	ResetIn time.Duration
}

const (
	headerQuota  = "X-Rate-Limit-Requests-Quota"
	headerLeft   = "X-Rate-Limit-Requests-Left"
	headerWindow = "X-Rate-Limit-Time-Window-Ms"
	headerReset  = "X-Rate-Limit-Time-Reset-Ms"
)

// parseRateLimit reads the rate headers; ok is false when the response had
// none (e.g. a 429 from an overloaded platform, or a non-BigCommerce proxy).
func parseRateLimit(h http.Header) (rl RateLimit, ok bool) {
	if v, found := headerInt(h, headerQuota); found {
		rl.Quota, ok = v, true
	}
	if v, found := headerInt(h, headerLeft); found {
		rl.Remaining, ok = v, true
	}
	if d, found := headerMillis(h, headerWindow); found {
		rl.Window, ok = d, true
	}
	if d, found := headerMillis(h, headerReset); found {
		rl.ResetIn, ok = d, true
	}
	return rl, ok
}

// headerValue looks a header up in any letter case: http.Header.Get only
// finds canonical keys, and headers built by hand (mocks, proxies) may not be.
func headerValue(h http.Header, name string) string {
	if v := h.Get(name); v != "" {
		return v
	}
	for k, vs := range h {
		if len(vs) > 0 && strings.EqualFold(k, name) {
			return vs[0]
		}
	}
	return ""
}

// headerInt reads a non-negative integer header. A number too large for an
// int saturates at math.MaxInt; callers clamp it further before it becomes
// a duration (headerMillis).
func headerInt(h http.Header, name string) (int, bool) {
	return nonNegInt(headerValue(h, name))
}

// nonNegInt parses a non-negative decimal integer, saturating at
// math.MaxInt; ok is false for anything else (empty, signed, not a number).
func nonNegInt(v string) (int, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	n, err := strconv.Atoi(v)
	if errors.Is(err, strconv.ErrRange) && n > 0 {
		return n, true // saturated at math.MaxInt
	}
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}
