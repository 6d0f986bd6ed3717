package bigcommerce

import "github.com/shopspring/decimal"

// decimalNumber is a decimal.Decimal that marshals as a JSON number (12.5)
// instead of decimal's default JSON string ("12.5"). Write types use it,
// through their MarshalJSON, for money fields BigCommerce's OpenAPI files
// type as number: the Go field stays decimal.Decimal, so no precision is
// lost in Go, and the text written is the exact decimal.
type decimalNumber decimal.Decimal

// MarshalJSON implements json.Marshaler.
func (d decimalNumber) MarshalJSON() ([]byte, error) {
	return []byte(decimal.Decimal(d).String()), nil
}

// asNumber views a *decimal.Decimal as a *decimalNumber; nil stays nil, so
// omitempty keeps working.
func asNumber(d *decimal.Decimal) *decimalNumber { return (*decimalNumber)(d) }
