package bigcommercetest

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
)

// money is a V2 decimal amount in ten-thousandths, rendered as a string
// with 4 decimals ("225.0000"). It decodes from strings or numbers.
type money int64

// toMoney converts a float amount.
func toMoney(f float64) money { return money(math.Round(f * 10000)) }

// float returns the amount as a float.
func (m money) float() float64 { return float64(m) / 10000 }

// String renders the amount with 4 decimals.
func (m money) String() string {
	neg := m < 0
	if neg {
		m = -m
	}
	s := strconv.FormatInt(int64(m)/10000, 10) + "." + pad4(int64(m)%10000)
	if neg {
		s = "-" + s
	}
	return s
}

func pad4(n int64) string {
	s := strconv.FormatInt(n, 10)
	return strings.Repeat("0", 4-len(s)) + s
}

// MarshalJSON renders the amount as a JSON string.
func (m money) MarshalJSON() ([]byte, error) {
	return []byte(`"` + m.String() + `"`), nil
}

// UnmarshalJSON accepts "12.5", 12.5, 12 or null.
func (m *money) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return nil
	}
	s := string(bytes.Trim(b, `"`))
	if s == "" {
		*m = 0
		return nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return errors.New("invalid amount " + string(b))
	}
	*m = toMoney(f)
	return nil
}

// rate is an exchange rate rendered with 10 decimals.
type rate float64

// MarshalJSON renders the rate as a string with 10 decimals.
func (r rate) MarshalJSON() ([]byte, error) {
	return []byte(`"` + strconv.FormatFloat(float64(r), 'f', 10, 64) + `"`), nil
}

// v2time is a V2 date: RFC 2822 in UTC, "" when unset.
type v2time struct{ time.Time }

// MarshalJSON renders the time as RFC 2822 or "".
func (t v2time) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte(`""`), nil
	}
	return []byte(`"` + t.UTC().Format(time.RFC1123Z) + `"`), nil
}

// UnmarshalJSON accepts RFC 2822, RFC 3339, "" and null.
func (t *v2time) UnmarshalJSON(b []byte) error {
	var s string
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	if s == "" {
		t.Time = time.Time{}
		return nil
	}
	p, _, ok := parseTime(s)
	if !ok {
		return errors.New("invalid date " + strconv.Quote(s))
	}
	t.Time = p.Truncate(time.Second)
	return nil
}

// resourceLink is a V2 {url, resource} sub-resource link.
type resourceLink struct {
	URL      string `json:"url"`
	Resource string `json:"resource"`
}
