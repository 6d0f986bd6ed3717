package bigcommerce

import (
	"encoding"
	"encoding/json"
	"reflect"
	"unsafe"

	"github.com/shopspring/decimal"
)

// Fast decoding of order pages (issue 8, per-page cost).
//
// An order carries some 25 money fields. decimal.Decimal's UnmarshalJSON
// copies each into a string before parsing it, and allocates a big.Int even
// for the many zero amounts, which made a 250-order page cost clearly more
// than decoding the same JSON into strings. The model keeps decimal.Decimal,
// so decodeJSON decodes an order (or a page of them) through a shadow type
// that encoding/json sees instead: a struct built by reflection with the
// same fields, tags and memory layout as Order, in which decimal.Decimal is
// replaced by fastDecimal (the same type underneath, with a cheaper decoder
// that gives identical values). The shadow is verified field by field when
// it is built and not used at all if anything differs, so a change to Order
// can make decoding slower but never different. When the fast decode fails,
// the target is reset and decoded again the ordinary way, so errors and
// partial results are exactly encoding/json's.

// fastDecimal is decimal.Decimal with a decoder that does not allocate for
// zero amounts and parses plain amounts without an intermediate string.
type fastDecimal decimal.Decimal

// zeroDecimals[i] is zero with exponent -i, as decimal.NewFromString
// produces it for "0", "0.0", "0.00" and so on. The copies share one
// big.Int, which decimal.Decimal never modifies.
var zeroDecimals = func() (z [19]decimal.Decimal) {
	for i := range z {
		z[i] = decimal.New(0, int32(-i))
	}
	return z
}()

// UnmarshalJSON implements json.Unmarshaler with the same results as
// decimal.Decimal's: amounts of at most 18 digits with an optional sign and
// fraction, quoted or not, are parsed here; anything else goes to
// decimal.Decimal's own decoder.
func (d *fastDecimal) UnmarshalJSON(b []byte) error {
	s := b
	if len(s) > 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	var mant int64
	digits, frac, point := 0, 0, false
	for i, c := range s {
		switch {
		case c >= '0' && c <= '9':
			mant = mant*10 + int64(c-'0')
			digits++
			if point {
				frac++
			}
		case c == '.' && !point && digits > 0:
			point = true
		case c == '-' && i == 0:
		default:
			return (*decimal.Decimal)(d).UnmarshalJSON(b)
		}
	}
	// decimal.NewFromString parses through int64 while the text without
	// its point is at most 18 bytes (sign included); beyond, it builds the
	// big.Int another way, so leave those to it.
	if digits == 0 || frac == 0 && point || len(s)-frac0(point) > 18 {
		return (*decimal.Decimal)(d).UnmarshalJSON(b)
	}
	if s[0] == '-' {
		mant = -mant
	}
	if mant == 0 {
		*d = fastDecimal(zeroDecimals[frac])
		return nil
	}
	*d = fastDecimal(decimal.New(mant, int32(-frac)))
	return nil
}

// frac0 is 1 when the text has a decimal point (which NewFromString does
// not count towards its 18 bytes).
func frac0(point bool) int {
	if point {
		return 1
	}
	return 0
}

// shadowOf builds the shadow of struct type t: the same fields, tags and
// layout, with decimal.Decimal and *decimal.Decimal fields replaced by
// fastDecimal. It returns nil when no shadow can stand in for t exactly: t
// has its own decoder, an embedded or unexported field, no money field, or
// the built layout differs.
func shadowOf(t reflect.Type) reflect.Type {
	if t.Kind() != reflect.Struct {
		return nil
	}
	pt := reflect.PointerTo(t)
	for _, iface := range []reflect.Type{reflect.TypeFor[json.Unmarshaler](), reflect.TypeFor[encoding.TextUnmarshaler]()} {
		if t.Implements(iface) || pt.Implements(iface) {
			return nil
		}
	}
	decimalType := reflect.TypeFor[decimal.Decimal]()
	fastType := reflect.TypeFor[fastDecimal]()
	fields := make([]reflect.StructField, t.NumField())
	replaced := false
	for i := range fields {
		f := t.Field(i)
		if f.Anonymous || !f.IsExported() {
			return nil
		}
		switch f.Type {
		case decimalType:
			f.Type, replaced = fastType, true
		case reflect.PointerTo(decimalType):
			f.Type, replaced = reflect.PointerTo(fastType), true
		}
		fields[i] = reflect.StructField{Name: f.Name, Type: f.Type, Tag: f.Tag}
	}
	if !replaced {
		return nil
	}
	s := reflect.StructOf(fields)
	if s.Size() != t.Size() || s.Align() != t.Align() {
		return nil
	}
	for i := range fields {
		if s.Field(i).Offset != t.Field(i).Offset || s.Field(i).Type.Size() != t.Field(i).Type.Size() {
			return nil
		}
	}
	return s
}

// orderShadow is the shadow of Order, or nil if Order has none.
var orderShadow = shadowOf(reflect.TypeFor[Order]())

// fastTarget returns v seen through its shadow type, or nil when v has no
// shadow or is not empty (the fast path only fills fresh values, so that
// retrying after a failure starts from the same state).
func fastTarget(v any) any {
	if orderShadow == nil {
		return nil
	}
	switch x := v.(type) {
	case *[]Order:
		if x == nil || len(*x) != 0 {
			return nil
		}
		return reflect.NewAt(reflect.SliceOf(orderShadow), unsafe.Pointer(x)).Interface()
	case *Order:
		if x == nil || !reflect.ValueOf(x).Elem().IsZero() {
			return nil
		}
		return reflect.NewAt(orderShadow, unsafe.Pointer(x)).Interface()
	}
	return nil
}

// resetTarget undoes a failed fast decode into v (as fastTarget accepted it).
func resetTarget(v any) {
	switch x := v.(type) {
	case *[]Order:
		clear((*x)[:cap(*x)])
		*x = (*x)[:0]
	case *Order:
		*x = Order{}
	}
}

// decodeJSON is json.Unmarshal(body, v), through the shadow type when v is
// an order or a page of orders.
func decodeJSON(body []byte, v any) error {
	if fast := fastTarget(v); fast != nil {
		if err := json.Unmarshal(body, fast); err == nil {
			return nil
		}
		resetTarget(v)
	}
	return json.Unmarshal(body, v)
}
