package bigcommerce

import (
	"encoding"
	"encoding/json"
	"reflect"
	"unsafe"

	"github.com/shopspring/decimal"
)

// Fast decoding of order and product pages (BenchmarkPageDecode measures
// what it saves).
//
// An order carries some 25 money fields. decimal.Decimal's UnmarshalJSON
// copies each into a string before parsing it, and allocates a big.Int even
// for the many zero amounts, which made a 250-order page cost clearly more
// than decoding the same JSON into strings. The models keep decimal.Decimal,
// so decodeJSON decodes an order, a page of orders or a page of products
// through a shadow type that encoding/json sees instead: a type built by
// reflection with the same fields, tags and memory layout, in which
// decimal.Decimal is replaced by fastDecimal (the same type underneath,
// with a cheaper decoder that gives identical values). The shadow is
// verified field by field when it is built and not used at all if anything
// differs, so a change to the models can make decoding slower but never
// different. When the fast decode fails, the target is reset and decoded
// again the ordinary way, so errors and partial results are exactly
// encoding/json's.

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
	// big.Int another way, so leave those to it, and the checks of
	// MaxDecodeExponent too.
	numLen := len(s)
	if point {
		numLen--
	}
	if digits == 0 || frac == 0 && point || numLen > 18 || frac > decimal.MaxDecodeExponent {
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

// shadowOf builds the shadow of type t: the same layout and, for structs,
// the same fields and tags, with decimal.Decimal (also behind pointers,
// in slices and in nested structs) replaced by fastDecimal. It returns nil
// when t holds no money or no shadow can stand in for it exactly: a struct
// with its own decoder (kept as it is), an embedded or unexported field, a
// layout that differs, or nesting deeper than any model's.
func shadowOf(t reflect.Type) reflect.Type { return shadowAt(t, 0) }

func shadowAt(t reflect.Type, depth int) reflect.Type {
	decimalType := reflect.TypeFor[decimal.Decimal]()
	switch {
	case depth > 6:
		return nil
	case t == decimalType:
		return reflect.TypeFor[fastDecimal]()
	case t.Kind() != reflect.Pointer && hasDecoder(t):
		return nil // kept as it is, with its own decoder
	case t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice:
		elem := shadowAt(t.Elem(), depth+1)
		if elem == nil {
			return nil
		}
		if t.Kind() == reflect.Pointer {
			return reflect.PointerTo(elem)
		}
		return reflect.SliceOf(elem)
	case t.Kind() != reflect.Struct:
		return nil
	}
	fields := make([]reflect.StructField, t.NumField())
	replaced := false
	for i := range fields {
		f := t.Field(i)
		if f.Anonymous || !f.IsExported() {
			return nil
		}
		if s := shadowAt(f.Type, depth+1); s != nil {
			f.Type, replaced = s, true
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

// hasDecoder reports whether encoding/json decodes t (or *t) with a method.
func hasDecoder(t reflect.Type) bool {
	for _, iface := range []reflect.Type{reflect.TypeFor[json.Unmarshaler](), reflect.TypeFor[encoding.TextUnmarshaler]()} {
		if t.Implements(iface) || reflect.PointerTo(t).Implements(iface) {
			return true
		}
	}
	return false
}

// The shadows of the types whose pages are hot (nil if one cannot be built).
var (
	orderShadow     = shadowOf(reflect.TypeFor[Order]())
	orderPageShadow = shadowOf(reflect.TypeFor[[]Order]())
	productsShadow  = shadowOf(reflect.TypeFor[envelope[[]Product]]())
)

// fastTarget returns v seen through its shadow type, or nil when v has no
// shadow or is not empty (the fast path only fills fresh values, so that
// retrying after a failure starts from the same state).
func fastTarget(v any) any {
	var shadow reflect.Type
	var ptr unsafe.Pointer
	switch x := v.(type) {
	case *[]Order:
		if x == nil || len(*x) != 0 {
			return nil
		}
		shadow, ptr = orderPageShadow, unsafe.Pointer(x)
	case *Order:
		if x == nil || !reflect.ValueOf(x).Elem().IsZero() {
			return nil
		}
		shadow, ptr = orderShadow, unsafe.Pointer(x)
	case *envelope[[]Product]:
		if x == nil || len(x.Data) != 0 || !reflect.ValueOf(&x.Meta).Elem().IsZero() {
			return nil
		}
		shadow, ptr = productsShadow, unsafe.Pointer(x)
	}
	if shadow == nil {
		return nil
	}
	return reflect.NewAt(shadow, ptr).Interface()
}

// resetTarget undoes a failed fast decode into v (as fastTarget accepted
// it): what was decoded is zeroed, a page's capacity kept.
func resetTarget(v any) {
	switch x := v.(type) {
	case *[]Order:
		clear((*x)[:cap(*x)])
		*x = (*x)[:0]
	case *Order:
		*x = Order{}
	case *envelope[[]Product]:
		data := x.Data
		clear(data[:cap(data)])
		*x = envelope[[]Product]{Data: data[:0]}
	}
}

// decodeJSON is json.Unmarshal(body, v), through the shadow type when v is
// an order, a page of orders or a page of products.
func decodeJSON(body []byte, v any) error {
	if fast := fastTarget(v); fast != nil {
		if err := json.Unmarshal(body, fast); err == nil {
			return nil
		}
		resetTarget(v)
	}
	return json.Unmarshal(body, v)
}
