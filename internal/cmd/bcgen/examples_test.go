package main

import (
	"testing"
)

// TestExampleLiteral: sample values become Go expressions of the field's
// type as the external test package writes them, pointers through Ptr with
// the type Ptr would otherwise not infer.
func TestExampleLiteral(t *testing.T) {
	g := &gen{types: map[string]*goType{
		"Sort": {Name: "Sort", Enum: []string{"name", "date_created"}},
		"Item": {Name: "Item", Fields: []goField{
			{Name: "Name", Type: "string", Tag: `json:"name"`},
			{Name: "Note", Type: "*string", Tag: `json:"note,omitempty"`},
		}},
	}}
	for _, c := range []struct {
		typ  string
		v    any
		want string
	}{
		{"string", "Mug", `"Mug"`},
		{"string", 12.0, `"12"`},
		{"*string", "Mug", `bigcommerce.Ptr("Mug")`},
		{"int", 3.0, "3"},
		{"*int64", 3.0, "bigcommerce.Ptr(int64(3))"},
		{"*float64", 3.0, "bigcommerce.Ptr(3.0)"},
		{"*float64", 2.5, "bigcommerce.Ptr(2.5)"},
		{"*bool", true, "bigcommerce.Ptr(true)"},
		{"decimal.Decimal", "10.50", `decimal.RequireFromString("10.50")`},
		{"*decimal.Decimal", 7.12, `bigcommerce.Ptr(decimal.RequireFromString("7.12"))`},
		{"FlexInt", 4.0, "bigcommerce.FlexInt(4)"},
		{"time.Time", "2024-05-14T09:34:00Z", "time.Date(2024, 5, 14, 9, 34, 0, 0, time.UTC)"},
		{"Time", "Tue, 14 May 2024 11:34:00 +0200", "bigcommerce.Time{Time: time.Date(2024, 5, 14, 9, 34, 0, 0, time.UTC)}"},
		{"[]string", []any{"a", "b"}, `[]string{"a", "b"}`},
		{"[]int", []any{1.0, 2.0}, "[]int{1, 2}"},
		{"map[string]any", map[string]any{"b": 1.0, "a": []any{"x"}}, `map[string]any{"a": []any{"x"}, "b": 1}`},
		{"Sort", "date_created", "bigcommerce.SortDateCreated"},
		{"[]Item", []any{map[string]any{"name": "Mug", "note": "blue"}}, `[]bigcommerce.Item{{Name: "Mug"}}`},
		{"*Item", map[string]any{"name": "Mug"}, `&bigcommerce.Item{Name: "Mug"}`},
	} {
		got, ok := g.literal(c.typ, c.v, 0)
		if !ok || got != c.want {
			t.Errorf("literal(%s, %v) = %q, %t; want %q", c.typ, c.v, got, ok, c.want)
		}
	}
	for _, c := range []struct {
		typ string
		v   any
	}{{"int", 2.5}, {"bool", "yes"}, {"Sort", "price"}, {"time.Time", "soon"}, {"[]string", []any{}}, {"Unknown", "x"}} {
		if got, ok := g.literal(c.typ, c.v, 0); ok {
			t.Errorf("literal(%s, %v) = %q; want no literal", c.typ, c.v, got)
		}
	}
}

// TestRealistic: only the placeholder sampleValue makes for an example-less
// string is replaced, by a value of the kind the field's name says.
func TestRealistic(t *testing.T) {
	for _, c := range []struct {
		v     any
		json  string
		owner string
		want  any
	}{
		{"x", "email", "SubscriberCreate", "jane@example.com"},
		{"x", "name", "WidgetTemplateCreate", "Widget template"},
		{"x", "widget_uuid", "PlacementCreate", exampleUUID},
		{"x", "coupon_code", "CheckoutCouponCreate", "SUMMER10"},
		{"x", "sri_hash", "X", "example sri hash"},
		{"Sam", "name", "X", "Sam"},
		{3.0, "name", "X", 3.0},
	} {
		if got := realistic(c.v, c.json, c.owner); got != c.want {
			t.Errorf("realistic(%v, %s) = %v, want %v", c.v, c.json, got, c.want)
		}
	}
}

// TestExampleRank: Create first, then batch creates, lists, gets by id,
// actions, settings updates, settings gets; a delete by filter never.
func TestExampleRank(t *testing.T) {
	for _, c := range []struct {
		o    opInfo
		want int
	}{
		{opInfo{kind: "write", verb: "POST", path: "/coupons", mo: &Operation{Method: "Create"}}, 0},
		{opInfo{kind: "batch", verb: "POST", path: "/tax/rates", mo: &Operation{Method: "CreateMany"}}, 1},
		{opInfo{kind: "batch", verb: "PUT", path: "/tax/rates", mo: &Operation{Method: "UpdateMany"}}, -1},
		{opInfo{kind: "list", verb: "GET", path: "/coupons", mo: &Operation{Method: "List"}}, 2},
		{opInfo{kind: "get", verb: "GET", path: "/coupons/{id}", mo: &Operation{Method: "Get"}}, 4},
		{opInfo{kind: "write", verb: "POST", path: "/orders/{id}/capture", mo: &Operation{Method: "Capture"}}, 5},
		{opInfo{kind: "write", verb: "PUT", path: "/carts/settings", mo: &Operation{Method: "Update"}}, 6},
		{opInfo{kind: "get", verb: "GET", path: "/carts/settings", mo: &Operation{Method: "Get"}}, 7},
		{opInfo{kind: "delete_where", verb: "DELETE", path: "/coupons", mo: &Operation{Method: "DeleteWhere"}}, -1},
	} {
		if got := exampleRank(&c.o); got != c.want {
			t.Errorf("%s %s: rank %d, want %d", c.o.mo.Method, c.o.path, got, c.want)
		}
	}
}
