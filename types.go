package bigcommerce

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Ptr returns a pointer to v. Write types use pointer fields so that a zero
// value (0, false, "") can be sent on purpose; Ptr makes those literals short:
//
//	bigcommerce.ProductUpdate{IsVisible: bigcommerce.Ptr(false)}
func Ptr[T any](v T) *T { return &v }

// RFC2822 is the layout of the dates the V2 API returns and accepts, e.g.
// "Wed, 10 Jan 2018 21:05:30 +0000".
const RFC2822 = time.RFC1123Z

// Time is a date from a V2 resource (orders, shipments). BigCommerce writes V2
// dates in RFC 2822 form and uses "" for dates that are not set (an order's
// date_shipped before it ships). Time decodes RFC 2822, RFC 3339, "" and null;
// the last two give the zero Time, so IsZero reports "not set". It embeds
// time.Time, so Unix, Before, Format and the rest work directly.
type Time struct {
	time.Time
}

// UnmarshalJSON implements json.Unmarshaler.
func (t *Time) UnmarshalJSON(b []byte) error {
	if s, ok := plainJSONString(b); ok {
		// The common case, a quoted date with nothing to unescape: no
		// nested JSON decoding.
		parsed, err := ParseTime(s)
		if err != nil {
			return err
		}
		t.Time = parsed
		return nil
	}
	if bytes.Equal(b, []byte("null")) {
		t.Time = time.Time{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("bigcommerce: date must be a JSON string, got %s", truncateForError(b))
	}
	parsed, err := ParseTime(s)
	if err != nil {
		return err
	}
	t.Time = parsed
	return nil
}

// plainJSONString returns the content of a JSON string literal made only of
// printable ASCII with nothing escaped, the shape of every date, id and
// amount BigCommerce sends; ok is false for anything else (escapes,
// non-ASCII, other JSON values), which the callers decode the general way.
func plainJSONString(b []byte) (s string, ok bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	in := b[1 : len(b)-1]
	for _, c := range in {
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' {
			return "", false
		}
	}
	if len(in) == 0 {
		return "", true
	}
	return string(in), true
}

// MarshalJSON implements json.Marshaler: RFC 2822 in UTC, or "" for the zero
// Time, the forms the V2 API itself uses.
func (t Time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte(`""`), nil
	}
	b := make([]byte, 0, len(RFC2822)+2)
	b = append(b, '"')
	b = t.UTC().AppendFormat(b, RFC2822)
	return append(b, '"'), nil
}

// ParseTime parses a date in any form BigCommerce uses: RFC 2822 (V2), RFC 3339
// with or without fractional seconds (V3), "2006-01-02 15:04:05" (V2
// customer groups, read as UTC), or a bare "2006-01-02" date. An empty
// string yields the zero time and no error.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	// Try only the layouts that can match: the RFC 2822 family starts
	// with a weekday, the RFC 3339 family with a digit of the year. A
	// failed time.Parse allocates its error, so the order matters.
	layouts := timeLayouts[:]
	switch c := s[0]; {
	case 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z':
		layouts = timeLayouts[:2]
	case '0' <= c && c <= '9':
		layouts = timeLayouts[2:]
	}
	for _, layout := range layouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bigcommerce: cannot parse date %q: want RFC 2822 or RFC 3339", s)
}

// timeLayouts are the layouts ParseTime accepts, in the order it tries
// them: the RFC 2822 family (V2) first, then the RFC 3339 family (V3).
var timeLayouts = [...]string{RFC2822, time.RFC1123, time.RFC3339Nano, "2006-01-02T15:04:05", time.DateTime, time.DateOnly}

// FlexInt is an integer that BigCommerce sometimes sends as a JSON string
// ("12") or as a float with no fraction (12.0). "" and null decode as 0.
// It encodes as a plain JSON number.
type FlexInt int

// UnmarshalJSON implements json.Unmarshaler.
func (n *FlexInt) UnmarshalJSON(b []byte) error {
	if i, ok := plainJSONInt(b); ok {
		*n = FlexInt(i)
		return nil
	}
	s := string(bytes.TrimSpace(b))
	if s == "null" {
		*n = 0
		return nil
	}
	if unq, err := strconv.Unquote(s); err == nil {
		s = strings.TrimSpace(unq)
		if s == "" {
			*n = 0
			return nil
		}
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		*n = FlexInt(i)
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != float64(int64(f)) {
		return fmt.Errorf("bigcommerce: %s is not an integer", truncateForError(b))
	}
	*n = FlexInt(int64(f))
	return nil
}

// FlexString is a string that BigCommerce sometimes sends as a JSON number
// (payment_provider_id, for example). A number is kept in its JSON spelling;
// null decodes as "".
type FlexString string

// UnmarshalJSON implements json.Unmarshaler.
func (s *FlexString) UnmarshalJSON(b []byte) error {
	if v, ok := plainJSONString(b); ok {
		*s = FlexString(v)
		return nil
	}
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*s = ""
		return nil
	case len(b) > 0 && b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = FlexString(v)
		return nil
	default:
		var num json.Number
		if err := json.Unmarshal(b, &num); err != nil {
			return fmt.Errorf("bigcommerce: %s is neither a string nor a number", truncateForError(b))
		}
		*s = FlexString(num.String())
		return nil
	}
}

// plainJSONInt parses a JSON integer of at most 18 digits (so it cannot
// overflow) without allocating; ok is false for anything else.
func plainJSONInt(b []byte) (n int64, ok bool) {
	digits := b
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	if len(digits) == 0 || len(digits) > 18 || (digits[0] == '0' && len(digits) > 1) {
		return 0, false
	}
	for _, c := range digits {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	if len(digits) < len(b) {
		n = -n
	}
	return n, true
}

// truncateForError shortens raw JSON quoted in an error message so a huge or
// hostile body cannot flood logs.
func truncateForError(b []byte) string {
	const max = 64
	if len(b) > max {
		return string(b[:max]) + "..."
	}
	return string(b)
}
