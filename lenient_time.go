package bigcommerce

import (
	"encoding/json"
	"time"
)

// LenientTime is a date field the spec types as a plain string, such as
// Product.DateLastImported: BigCommerce usually sends a date (RFC 3339 or
// RFC 2822), but nothing promises it, and one odd value must not fail a
// whole page of an export. It embeds time.Time, so IsZero, Unix and Format
// work directly.
//
// Decoding never fails: a JSON string that ParseTime reads sets Time; any
// other value (text that is not a date, a number) leaves Time zero. Raw
// always holds the text BigCommerce sent ("" for "" or null), so nothing
// is lost.
type LenientTime struct {
	time.Time
	// Raw is the value as sent: the string itself, or a non-string JSON
	// value's JSON text.
	Raw string
}

// UnmarshalJSON implements json.Unmarshaler; it never returns an error.
func (t *LenientTime) UnmarshalJSON(b []byte) error {
	*t = LenientTime{}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		if string(b) != "null" {
			t.Raw = string(b)
		}
		return nil
	}
	t.Raw = s
	if parsed, err := ParseTime(s); err == nil {
		t.Time = parsed
	}
	return nil
}

// MarshalJSON implements json.Marshaler: the text as read, or, for a
// value set in Go, RFC 3339 ("" for the zero time).
func (t LenientTime) MarshalJSON() ([]byte, error) {
	if t.Raw != "" {
		return json.Marshal(t.Raw)
	}
	if t.IsZero() {
		return []byte(`""`), nil
	}
	return json.Marshal(t.Format(time.RFC3339))
}
