package main

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// goType is a Go struct the generator writes: a read model, a write type
// (Create/Update bodies: pointers and omitzero so 0, false and "" can be
// sent), or a filter.
type goType struct {
	Name   string
	Doc    string
	Fields []goField
	File   string // output file stem
	// Key identifies what the type was made from, to catch one name given
	// to two different schemas.
	Key string
	// Paging marks a filter with Page and Limit (it gets a paging method).
	Paging bool
	// Enum, when set, makes the type a string enum of these values.
	Enum []string
	// Consts, when set, makes the entry a block of untyped string
	// constants instead of a type: Name + the Go name of each value (the
	// documented values of an include parameter, which go into a
	// StringList). A constant hand-written already is left out.
	Consts []string

	schema *openapi3.Schema // the object schema a struct was made from
}

// goField is one field of a goType.
type goField struct {
	Name, Type, Tag, Doc string
	// Number marks a decimal.Decimal field of a write type that the spec
	// types as a JSON number: it is sent as a number, not as the string
	// decimal.Decimal marshals to.
	Number bool
}

// schemaCtx is what type generation needs to know about where a schema is
// used.
type schemaCtx struct {
	m     *Manifest
	v2    bool // the spec is a V2 API (RFC 2822 dates)
	write bool // a request body: pointers and omitzero, no readOnly fields
	// partial marks the body of a PUT or PATCH: an update changes only the
	// fields sent, so none is required but a batch item's id, whatever
	// required list the spec copied from the create schema (an override
	// with required: yes restores one).
	partial bool
	file    string
}

// moneyName matches the JSON names of amounts of money: a number or a
// decimal string with such a name is decimal.Decimal, never float64.
var moneyName = regexp.MustCompile(`(^|_)(price|prices|cost|costs|amount|amounts|total|totals|subtotal|tax|taxes|discount|credit|balance|fee|fees|rate|value|refunded|min_purchase|max_uses_per|budget)(_|$)`)

// measureName matches V2 quantities written as decimal strings ("0.0000")
// that are not money but must keep their digits all the same.
var measureName = regexp.MustCompile(`(^|_)(weight|width|height|depth|quantity)(_|$)`)

// decimalText matches a decimal number written as a string.
var decimalText = regexp.MustCompile(`^-?[0-9]+\.[0-9]+$`)

// refName returns the components/schemas name of a reference, or "".
func refName(r *openapi3.SchemaRef) string {
	if r == nil {
		return ""
	}
	if i := strings.LastIndex(r.Ref, "/"); i >= 0 && strings.Contains(r.Ref, "schemas/") {
		return r.Ref[i+1:]
	}
	return ""
}

// flat is an object schema with its allOf, oneOf and anyOf branches merged.
type flat struct {
	props    map[string]*openapi3.SchemaRef
	required map[string]bool
	// union is set when properties came from oneOf/anyOf branches: none of
	// them is required then.
	union bool
	open  *openapi3.SchemaRef // additionalProperties schema
	free  bool                // additionalProperties: true, or no properties at all
}

func flatten(s *openapi3.Schema) flat {
	f := flat{props: map[string]*openapi3.SchemaRef{}, required: map[string]bool{}}
	flattenInto(s, &f, false, 0)
	if len(f.props) == 0 && f.open == nil {
		f.free = true
	}
	return f
}

func flattenInto(s *openapi3.Schema, f *flat, union bool, depth int) {
	if s == nil || depth > 8 {
		return
	}
	for k, p := range s.Properties {
		if _, ok := f.props[k]; !ok {
			f.props[k] = p
		}
	}
	if !union {
		for _, r := range s.Required {
			f.required[r] = true
		}
	}
	if s.AdditionalProperties.Schema != nil {
		f.open = s.AdditionalProperties.Schema
	}
	for _, sub := range s.AllOf {
		flattenInto(sub.Value, f, union, depth+1)
	}
	for _, group := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
		for _, sub := range group {
			if sub.Value != nil && isObject(sub.Value) {
				f.union = true
				flattenInto(sub.Value, f, true, depth+1)
			}
		}
	}
}

// isObject reports whether s describes a JSON object.
func isObject(s *openapi3.Schema) bool {
	if s.Type.Is("object") || len(s.Properties) > 0 {
		return true
	}
	for _, sub := range s.AllOf {
		if sub.Value != nil && isObject(sub.Value) {
			return true
		}
	}
	if len(s.OneOf)+len(s.AnyOf) > 0 {
		for _, group := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
			for _, sub := range group {
				if sub.Value == nil || !isObject(sub.Value) {
					return false
				}
			}
		}
		return true
	}
	return false
}

// scalarKind names the JSON kind of a schema that is not an object:
// array, string, integer, number, boolean, or "" when it says nothing.
func scalarKind(s *openapi3.Schema) string {
	for _, k := range []string{"array", "string", "integer", "number", "boolean"} {
		if s.Type.Is(k) {
			return k
		}
	}
	if s.Items != nil {
		return "array"
	}
	for _, sub := range s.AllOf {
		if sub.Value != nil {
			if k := scalarKind(sub.Value); k != "" {
				return k
			}
		}
	}
	return ""
}

// unionKinds lists the distinct kinds of a oneOf/anyOf's branches.
func unionKinds(s *openapi3.Schema) []string {
	seen := map[string]bool{}
	for _, group := range []openapi3.SchemaRefs{s.OneOf, s.AnyOf} {
		for _, sub := range group {
			if sub.Value == nil {
				continue
			}
			k := scalarKind(sub.Value)
			if isObject(sub.Value) {
				k = "object"
			}
			seen[k] = true
		}
	}
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// typeFor returns the Go type of a schema used as field json of the type
// owner (hint names a struct made for it). required says whether the
// field is required, which decides pointers in write types.
func (g *gen) typeFor(c schemaCtx, r *openapi3.SchemaRef, hint, json string) string {
	if r == nil || r.Value == nil {
		return "json.RawMessage"
	}
	s := r.Value
	if name := refName(r); name != "" {
		if use, ok := c.m.Reuse[name]; ok {
			return use
		}
	}
	if len(s.OneOf)+len(s.AnyOf) > 0 && !isObject(s) && len(s.Properties) == 0 {
		kinds := unionKinds(s)
		switch strings.Join(kinds, ",") {
		case "integer,string", "number,string", "integer,number,string":
			if moneyName.MatchString(json) || measureName.MatchString(json) {
				return "decimal.Decimal"
			}
			return "FlexString"
		case "integer,number":
			if moneyName.MatchString(json) {
				return "decimal.Decimal"
			}
			return "float64"
		case "string":
			return "string"
		}
		return "json.RawMessage"
	}
	if isObject(s) {
		f := flatten(s)
		if f.free && len(s.Properties) == 0 {
			return "map[string]any"
		}
		if len(f.props) == 0 && f.open != nil {
			return "map[string]" + g.typeFor(c, f.open, hint+"Value", json)
		}
		return g.structFor(c, r, hint)
	}
	switch scalarKind(s) {
	case "array":
		if s.Items == nil {
			return "[]json.RawMessage"
		}
		return "[]" + g.typeFor(c, s.Items, singular(hint), json)
	case "string":
		switch {
		case len(s.Enum) > 0:
			// an enum named date_* (banner date_type: always, custom)
		case s.Format == "date-time" || (s.Format == "" && strings.HasPrefix(json, "date_") && c.v2):
			if c.write {
				if c.v2 {
					return "Time"
				}
				return "time.Time"
			}
			// Read: one odd date (a Unix timestamp where the spec says
			// date-time) must not fail a whole page (ARCHITECTURE.md,
			// Models); LenientTime keeps what it cannot parse in Raw.
			return "LenientTime"
		case s.Format == "date" || strings.HasPrefix(json, "date_"):
			if c.write {
				return "string"
			}
			return "LenientTime"
		case (moneyName.MatchString(json) || measureName.MatchString(json)) && looksDecimal(s):
			return "decimal.Decimal"
		}
		return "string"
	case "integer":
		if s.Format == "int64" {
			return "int64"
		}
		return "int"
	case "number":
		switch {
		case moneyName.MatchString(json):
			return "decimal.Decimal"
		case json == "id" || strings.HasSuffix(json, "_id") || strings.HasSuffix(json, "_count") || strings.HasPrefix(json, "items_"):
			if c.write {
				return "int"
			}
			return "FlexInt"
		}
		return "float64"
	case "boolean":
		return "bool"
	}
	return "json.RawMessage"
}

// looksDecimal reports whether a string schema holds a decimal number: its
// example is one, or its description calls it a float.
func looksDecimal(s *openapi3.Schema) bool {
	if ex, ok := s.Example.(string); ok && decimalText.MatchString(ex) {
		return true
	}
	d := strings.ToLower(s.Description)
	return strings.Contains(d, "float") || strings.Contains(d, "decimal")
}

// schemaKey identifies a schema of a spec, read or write.
func schemaKey(c schemaCtx, ref, hint string) string {
	key := c.m.Spec + "#" + ref
	if ref == "" {
		key = c.m.Spec + "#" + hint
	}
	if c.write {
		key += "#write"
	}
	return key
}

// structFor returns the name of the struct generated for an object
// schema, generating it on first use: a schema the manifest names (types)
// under that name, any other under hint.
func (g *gen) structFor(c schemaCtx, r *openapi3.SchemaRef, hint string) string {
	ref := refName(r)
	key := schemaKey(c, ref, hint)
	if n, ok := g.named[key]; ok {
		return n
	}
	name := hint
	if n, ok := c.m.Types[ref]; ok && ref != "" {
		name = n
		if c.write {
			name += "Input" // the same schema in a request body: pointers, no readOnly fields
		}
	}
	g.genStruct(c, r, name, key)
	return name
}

// structNamed generates the struct of a schema under the name the
// manifest gives it (an operation's model or body).
func (g *gen) structNamed(c schemaCtx, r *openapi3.SchemaRef, name string) {
	if !isObject(r.Value) {
		g.errorf("%s: %s is not an object schema", c.m.file, name)
		return
	}
	ref := refName(r)
	key := schemaKey(c, ref, name)
	if c.write && ref != "" {
		// A spec may use one schema for both the POST and the PUT body
		// (marketing.v2.yml's coupon_Base): each gets its own Create or
		// Update type.
		key += "#" + name
	}
	if n, ok := g.named[key]; ok {
		if n != name {
			g.errorf("%s: schema %s is named both %s and %s", c.m.file, key, n, name)
		}
		return
	}
	if t, ok := c.m.Types[ref]; ok && ref != "" && !c.write && t != name {
		g.errorf("%s: schema %s is named %s in types but %s by an operation", c.m.file, ref, t, name)
		return
	}
	if t, ok := g.types[name]; ok && t.Key != key && !c.write && sameSpecModel(t.Key, key) {
		// One read model answered by several operations of a spec whose
		// schemas differ (a list's $ref and a write's inline copy): the
		// model is the union of their properties.
		g.named[key] = name
		g.mergeStruct(c, r, t)
		return
	}
	g.genStruct(c, r, name, key)
}

// sameSpecModel reports whether two read-model keys come from the same
// spec file (neither a write type nor a filter), so that one model may
// take the properties of both.
func sameSpecModel(a, b string) bool {
	sa, _, _ := strings.Cut(a, "#")
	sb, _, _ := strings.Cut(b, "#")
	return sa == sb && !strings.HasSuffix(a, "#write") && !strings.Contains(a, "#filter(")
}

// mergeStruct adds to t the properties of r it does not have yet.
func (g *gen) mergeStruct(c schemaCtx, r *openapi3.SchemaRef, t *goType) {
	have := map[string]bool{}
	for _, f := range t.Fields {
		have[fieldJSON(f)] = true
	}
	f := flatten(r.Value)
	for _, prop := range sortedProps(f.props) {
		if have[prop] {
			continue
		}
		if fd, ok := g.structField(c, t.Name, prop, f); ok {
			t.Fields = append(t.Fields, fd)
		}
	}
	sort.SliceStable(t.Fields, func(i, j int) bool {
		a, b := fieldJSON(t.Fields[i]), fieldJSON(t.Fields[j])
		if (a == "id") != (b == "id") {
			return a == "id"
		}
		return a < b
	})
}

// fieldJSON is the JSON name of a generated field.
func fieldJSON(f goField) string {
	tag := strings.TrimPrefix(f.Tag, `json:"`)
	name, _, _ := strings.Cut(strings.TrimSuffix(tag, `"`), ",")
	return name
}

// genStruct writes the struct of an object schema.
func (g *gen) genStruct(c schemaCtx, r *openapi3.SchemaRef, name, key string) {
	if t, ok := g.types[name]; ok {
		if t.Key != key && !sameSchema(t, key, r.Value) {
			g.errorf("%s: type %s is made from two schemas (%s and %s): name one of them in the manifest's types", c.m.file, name, t.Key, key)
		}
		g.named[key] = name
		return
	}
	g.named[key] = name
	t := &goType{Name: name, File: c.file, Key: key, schema: r.Value}
	g.types[name] = t
	g.order = append(g.order, name)
	f := flatten(r.Value)
	t.Doc = docLine(r.Value.Description)
	for _, prop := range sortedProps(f.props) {
		if fd, ok := g.structField(c, name, prop, f); ok {
			t.Fields = append(t.Fields, fd)
		}
	}
}

// structField is the field of struct name for property prop of f; false
// when the property is left out.
func (g *gen) structField(c schemaCtx, name, prop string, f flat) (goField, bool) {
	p := f.props[prop]
	if p.Value == nil {
		return goField{}, false
	}
	if c.write && p.Value.ReadOnly && !g.hasOverride(c.m, name, prop) {
		// (an override can bring back a field the spec wrongly marks
		// readOnly: promotions.v3.yml's redemption_type)
		return goField{}, false
	}
	if !c.write && p.Value.WriteOnly {
		return goField{}, false
	}
	typ := g.typeFor(c, p, name+goName(prop), prop)
	required := f.required[prop] && !f.union && (!c.partial || prop == "id")
	if ov := g.override(c.m, name, prop); ov != nil {
		if ov.Drop {
			return goField{}, false
		}
		if ov.GoType != "" {
			typ = ov.GoType
		}
		switch ov.Required {
		case "yes":
			required = true
		case "no":
			required = false
		}
	}
	fd := makeField(c, prop, typ, required, p.Value)
	if docLine(p.Value.Description) == "" {
		// The spec says nothing: name what it is a part of.
		owner := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, "Create"), "Update"), "Input")
		verb := "is"
		if strings.HasPrefix(fd.Type, "[]") {
			verb = "are"
		}
		fd.Doc = fmt.Sprintf("%s %s the %s's %s.", fd.Name, verb, human(owner), strings.ReplaceAll(prop, "_", " "))
	}
	return fd, true
}

// sameSchema reports whether an object schema of the same spec and use
// (read or write) as type t's has its shape: the specs often inline a
// copy of a named schema in one operation and refer to it in another
// (complexRule_Base in a list, its copy in the get), and both are one
// type.
func sameSchema(t *goType, key string, s *openapi3.Schema) bool {
	spec := func(k string) string { return k[:strings.Index(k, "#")+1] }
	return t.schema != nil && strings.Contains(key, "#") && strings.Contains(t.Key, "#") &&
		spec(t.Key) == spec(key) && strings.HasSuffix(t.Key, "#write") == strings.HasSuffix(key, "#write") &&
		sameShape(t.schema, s, 0)
}

// sameShape compares two schemas by their property names, kinds and
// readOnly flags, recursively; descriptions and examples do not count.
func sameShape(a, b *openapi3.Schema, depth int) bool {
	if a == nil || b == nil || depth > 8 {
		return a == b || depth > 8
	}
	if isObject(a) != isObject(b) || scalarKind(a) != scalarKind(b) || a.ReadOnly != b.ReadOnly {
		return false
	}
	if scalarKind(a) == "array" {
		ia, ib := a.Items, b.Items
		if ia == nil || ib == nil {
			return ia == ib
		}
		return sameShape(ia.Value, ib.Value, depth+1)
	}
	if !isObject(a) {
		return true
	}
	fa, fb := flatten(a), flatten(b)
	if len(fa.props) != len(fb.props) {
		return false
	}
	for k, pa := range fa.props {
		pb, ok := fb.props[k]
		if !ok || !sameShape(pa.Value, pb.Value, depth+1) {
			return false
		}
	}
	return true
}

// makeField decides a field's pointer and JSON tag: read models keep
// values (pointers where the spec says null means something); write types
// use pointers and omitzero for optional fields so that 0, false and ""
// can be sent on purpose.
func makeField(c schemaCtx, json, typ string, required bool, s *openapi3.Schema) goField {
	name := goName(json)
	composite := strings.HasPrefix(typ, "[]") || strings.HasPrefix(typ, "map[") || typ == "json.RawMessage"
	tag := json
	switch {
	case c.write && required:
		// sent as it is, zero value included
	case c.write && composite:
		tag += ",omitzero"
	case c.write:
		typ = "*" + typ
		tag += ",omitempty"
	case composite:
		tag += ",omitempty"
	case s.Nullable && isScalarGo(typ):
		typ = "*" + typ
		tag += ",omitempty"
	case !isScalarGo(typ) && !isTimeGo(typ):
		typ = "*" + typ // a nested object
		tag += ",omitempty"
	}
	number := c.write && strings.TrimPrefix(typ, "*") == "decimal.Decimal" && scalarKind(s) == "number"
	return goField{Name: name, Type: typ, Tag: `json:"` + tag + `"`, Doc: fieldDoc(name, s.Description, json), Number: number}
}

func isScalarGo(t string) bool {
	switch t {
	case "string", "int", "int64", "float64", "bool", "decimal.Decimal", "FlexInt", "FlexString":
		return true
	}
	return false
}

func isTimeGo(t string) bool {
	return t == "Time" || t == "time.Time" || t == "LenientTime"
}

// sortedProps orders properties: id first, then by name.
func sortedProps(m map[string]*openapi3.SchemaRef) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if (out[i] == "id") != (out[j] == "id") {
			return out[i] == "id"
		}
		return out[i] < out[j]
	})
	return out
}

// singular makes a struct name for the items of a list field.
func singular(s string) string {
	switch {
	case strings.HasSuffix(s, "ies"):
		return s[:len(s)-3] + "y"
	case strings.HasSuffix(s, "sses"), strings.HasSuffix(s, "xes"):
		return s[:len(s)-2]
	case strings.HasSuffix(s, "ss"):
		return s
	case strings.HasSuffix(s, "s"):
		return s[:len(s)-1]
	}
	return s + "Item"
}

// override finds the override of a generated type's field.
func (g *gen) override(m *Manifest, typ, field string) *Override {
	for i := range m.overrides {
		o := &m.overrides[i]
		if o.Type == typ && o.Field == field {
			g.usedOverrides[o] = true
			return o
		}
	}
	return nil
}

var (
	mdLink  = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	htmlTag = regexp.MustCompile(`<[^>]*>`)
	// mdBullet is a markdown list item's start; its items are joined with " - ".
	mdBullet = regexp.MustCompile(`\n\s*[*-]\s+`)
	// mdHeading is a markdown heading's marker ("## Usage Notes").
	mdHeading = regexp.MustCompile(`(^|\s)#{1,6}\s`)
	// mdEmphasis is *word* emphasis.
	mdEmphasis = regexp.MustCompile(`\*([^*\s][^*]*)\*`)
	spaces     = regexp.MustCompile(`\s+`)
)

// cleanText turns a spec description into plain text.
func cleanText(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdBullet.ReplaceAllString(s, " - ")
	s = htmlTag.ReplaceAllString(s, " ")
	s = strings.NewReplacer("**", "", "`", "", "\\n", " ", "&lt;", "<", "&gt;", ">", "&amp;", "&", "&quot;", `"`, "&#39;", "'").Replace(s)
	s = mdEmphasis.ReplaceAllString(s, "$1")
	s = mdHeading.ReplaceAllString(s, "$1")
	s = spaces.ReplaceAllString(s, " ")
	return strings.TrimSpace(s)
}

// docLine returns the first sentence of a description, cleaned, at most
// about 200 characters.
func docLine(s string) string {
	s = cleanText(s)
	if s == "" {
		return ""
	}
	// skip markdown headings and bullets at the start
	s = strings.TrimLeft(s, "#*- ")
	if i := sentenceEnd(s); i > 0 {
		s = s[:i+1]
	}
	if len(s) > 220 {
		cut := strings.LastIndex(s[:220], " ")
		if cut < 80 {
			cut = 220
		}
		s = s[:cut] + "…"
	}
	return s
}

func sentenceEnd(s string) int {
	for i := 0; i < len(s)-1; i++ {
		if s[i] == '.' && s[i+1] == ' ' && i > 3 && !strings.HasSuffix(s[:i], "e.g") && !strings.HasSuffix(s[:i], "i.e") {
			return i
		}
	}
	return -1
}

// fieldDoc writes a field's doc comment from its description.
func fieldDoc(name, desc, json string) string {
	d := docLine(desc)
	if d == "" {
		return fmt.Sprintf("%s is %s.", name, strings.ReplaceAll(json, "_", " "))
	}
	lower := strings.ToLower(d)
	for _, art := range []string{"the ", "a ", "an "} {
		if strings.HasPrefix(lower, art) {
			return name + " is " + strings.ToLower(d[:1]) + d[1:]
		}
	}
	return name + ": " + d
}

// hasOverride reports whether an override names a field of a type.
func (g *gen) hasOverride(m *Manifest, typ, field string) bool {
	for i := range m.overrides {
		if o := &m.overrides[i]; o.Type == typ && o.Field == field && !o.Drop {
			return true
		}
	}
	return false
}
