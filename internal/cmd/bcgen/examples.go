package main

import (
	"encoding/json"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"math"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
)

// examples writes examples_gen_test.go: a runnable godoc example for every
// generated service, attached to the service type by its name
// (ExampleCouponsService_Create), that calls one method of the service
// against a bigcommercetest store with a body made from the spec's own
// example and prints what the store answers, checked by // Output:.
//
// The method shown is the most useful one that can run against the test
// store, in this order: Create, a batch create (CreateMany, UpsertMany,
// AddMany), All, a settings object's Update; when none can, the first of
// those and Get, an action, a settings Get, anything else is shown without
// // Output: (it compiles, and godoc shows it, but it is not run), and its
// comment says why.
func (g *gen) examples() string {
	byService := map[string][]*opInfo{}
	for _, o := range g.ops {
		byService[o.mo.Service] = append(byService[o.mo.Service], o)
	}
	var body strings.Builder
	for _, name := range g.svcOrder {
		if g.services[name].Hand {
			continue
		}
		if ex, ok := g.serviceExample(name, byService[name]); ok {
			body.WriteString(ex)
		} else {
			g.errorf("service %s has no method an example can show", name)
		}
	}
	src := body.String()
	var b strings.Builder
	b.WriteString(header + "package bigcommerce_test\n\n")
	b.WriteString(exampleImports(src))
	b.WriteString(src)
	return b.String()
}

// exampleImports is the import block of the examples file.
func exampleImports(src string) string {
	used := qualifiers(src)
	var std []string
	for pkg, use := range map[string]string{"context": "context", "encoding/json": "json", "fmt": "fmt", "log": "log", "time": "time"} {
		if used[use] {
			std = append(std, pkg)
		}
	}
	sort.Strings(std)
	var b strings.Builder
	b.WriteString("import (\n")
	for _, p := range std {
		fmt.Fprintf(&b, "\t%q\n", p)
	}
	b.WriteString("\n")
	if used["decimal"] {
		b.WriteString("\t\"github.com/shopspring/decimal\"\n\n")
	}
	b.WriteString("\t\"github.com/bigcommerce-go/bigcommerce\"\n\t\"github.com/bigcommerce-go/bigcommerce/bigcommercetest\"\n)\n\n")
	return b.String()
}

// exampleStruct returns the struct type named: a generated one, or one of
// the hand-written files (fields read from their source), or nil.
func (g *gen) exampleStruct(name string) *goType {
	if t := g.types[name]; t != nil {
		return t
	}
	if g.handStructs == nil {
		g.handStructs = readHandStructs(g.root)
	}
	return g.handStructs[name]
}

// readHandStructs reads the struct types of the root package's hand-written
// files, with their fields' Go types and tags.
func readHandStructs(root string) map[string]*goType {
	out := map[string]*goType{}
	files, _ := filepath.Glob(filepath.Join(root, "*.go"))
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_gen.go") || strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			continue // readExisting reports it
		}
		for _, d := range af.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok {
				continue
			}
			for _, sp := range gd.Specs {
				ts, ok := sp.(*ast.TypeSpec)
				if !ok {
					continue
				}
				st, ok := ts.Type.(*ast.StructType)
				if !ok || !ts.Name.IsExported() {
					continue
				}
				t := &goType{Name: ts.Name.Name}
				for _, fl := range st.Fields.List {
					if len(fl.Names) == 0 || fl.Tag == nil {
						continue
					}
					tag, _ := strconv.Unquote(fl.Tag.Value)
					tag = reflect.StructTag(tag).Get("json")
					if tag == "" || tag == "-" {
						continue
					}
					for _, n := range fl.Names {
						if n.IsExported() {
							t.Fields = append(t.Fields, goField{Name: n.Name, Type: types.ExprString(fl.Type), Tag: `json:"` + tag + `"`})
						}
					}
				}
				out[t.Name] = t
			}
		}
	}
	return out
}

// exampleRank orders the methods an example may show; -1 for one it
// cannot call.
func exampleRank(o *opInfo) int {
	last := o.path[strings.LastIndex(o.path, "/")+1:]
	byID := strings.HasPrefix(last, "{")
	switch {
	case o.kind == "write" && o.verb == "POST" && o.mo.Method == "Create":
		return 0
	case o.kind == "batch" && o.verb != "DELETE" && creates(o.mo.Method):
		return 1
	case o.kind == "list" && o.mo.Method == "List":
		return 2
	case o.kind == "list":
		return 3
	case o.kind == "get" && byID:
		return 4
	case o.kind == "write" && o.verb == "POST":
		return 5 // an action
	case o.kind == "write" && (o.verb == "PUT" || o.verb == "PATCH") && !byID:
		return 6 // a settings object's update
	case o.kind == "get":
		return 7
	case o.kind == "count", o.kind == "delete" && len(o.headers) == 0, o.kind == "write":
		return 8
	}
	return -1
}

func creates(method string) bool {
	for _, p := range []string{"Create", "Upsert", "Add"} {
		if strings.HasPrefix(method, p) {
			return true
		}
	}
	return false
}

// serviceExample returns the example of one service: the best-ranked
// method that runs against the test store, else the best-ranked one,
// unchecked.
func (g *gen) serviceExample(service string, ops []*opInfo) (string, bool) {
	cands := make([]*opInfo, 0, len(ops))
	for _, o := range ops {
		if exampleRank(o) >= 0 {
			cands = append(cands, o)
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return exampleRank(cands[i]) < exampleRank(cands[j]) })
	first := ""
	for _, o := range cands {
		src, runs := g.example(o)
		if runs {
			return src, true
		}
		if first == "" {
			first = src
		}
	}
	return first, first != ""
}

// exampleCode is one example being written.
type exampleCode struct {
	b strings.Builder
}

func (e *exampleCode) line(format string, args ...any) {
	fmt.Fprintf(&e.b, "\t"+format+"\n", args...)
}

// example writes the example of one method, and reports whether it runs
// against the test store with a checked output.
func (g *gen) example(o *opInfo) (string, bool) {
	rank := exampleRank(o)
	filter := "nil"
	if o.kind == "list" && o.requiredQuery() {
		var ok bool
		if filter, ok = g.requiredFilter(o); !ok {
			return "", false
		}
	}
	svc := o.mo.Service
	method := o.mo.Method
	if o.kind == "list" && takes(o, "limit") {
		// All asks for pages of 250; an endpoint that takes no limit
		// is shown with List, one page.
		method = o.mo.All
		if method == "" {
			method = "All" + strings.TrimPrefix(o.mo.Method, "List")
		}
	}
	var e exampleCode
	if strings.HasPrefix(o.full, "/v2/orders/{") {
		// The test store serves orders by hand, and an order's parts
		// only of an order it has: seed one (its id is 100).
		e.line("srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Orders: 1}))")
	} else {
		e.line("srv := bigcommercetest.NewServer()")
	}
	e.line("defer srv.Close()")
	e.line("client, err := srv.Client() // TokenAuth and WithBaseURL for the test store")
	e.line("if err != nil {\n\t\tlog.Fatal(err)\n\t}")
	var args []string
	for i, p := range o.pathParams {
		args = append(args, p.name)
		if i == 0 && strings.HasPrefix(o.full, "/v2/orders/{") {
			e.line("%s := 100 // the seeded order", p.name)
		} else if p.isInt {
			e.line("%s := 1 // %s", p.name, exampleParamNote(p))
		} else {
			e.line("%s := %q", p.name, exampleText(o, p.json))
		}
	}
	for _, h := range o.headers {
		if o.kind == "delete" {
			args = append(args, strconv.Quote(exampleText(o, h.Name)))
		}
	}
	model := o.model()
	result := exampleVar(model, o)
	var pre, body, printed, printExpr, why string
	runs := false
	if o.body != nil {
		pre, body, printed, printExpr = g.exampleBody(o, result)
		if o.kind == "write" && o.bodyArray {
			// a list of items sent whole (a checkout's consignments),
			// answered by what they belong to
			printed, printExpr = "", ""
		}
		if pre != "" {
			e.line("%s", pre)
		}
	}
	if o.kind == "list" && method == o.mo.Method {
		if _, has := o.filterArg(); has {
			args = append(args, filter)
		}
		e.line("%s, _, err := client.%s.%s(context.Background()%s)", plural(result), svc, method, prefixComma(strings.Join(args, ", ")))
		e.line("if err != nil {\n\t\tlog.Fatal(err)\n\t}")
		e.line("fmt.Println(%q, len(%s))", plural(human(model))+":", plural(result))
		return g.wrapExample(o, method, e.b.String(), plural(human(model))+": 0", ""), true
	}
	if o.kind == "list" {
		if _, has := o.filterArg(); has {
			args = append(args, filter)
		}
		plural := plural(human(model))
		e.line("n := 0")
		field, labelled := g.listLabel(model)
		loopVar := result
		if !labelled {
			loopVar = "_"
		}
		e.line("for %s, err := range client.%s.%s(context.Background()%s) {", loopVar, svc, method, prefixComma(strings.Join(args, ", ")))
		e.line("\tif err != nil {\n\t\t\tlog.Fatal(err)\n\t\t}")
		if labelled {
			e.line("\tfmt.Println(%s.%s)", result, field)
		}
		e.line("\tn++\n\t}")
		e.line("fmt.Println(%q, n)", plural+":")
		// The generated store starts with no records of a generated
		// area, so the walk yields none.
		return g.wrapExample(o, method, e.b.String(), fmt.Sprintf("%s: 0", plural), ""), true
	}
	if body != "" {
		args = append(args, body)
	}
	switch o.kind {
	case "get":
		if o.optionsArg() != "" {
			args = append(args, "nil")
		}
	case "count":
		if _, has := o.filterArg(); has {
			args = append(args, "nil")
		}
	case "write":
		if o.writeOptionsArg() != "" {
			args = append(args, "nil")
		}
	}
	call := fmt.Sprintf("client.%s.%s(context.Background()%s)", svc, method, prefixComma(strings.Join(args, ", ")))
	const (
		noRecord = "it needs a record the test store cannot make"
		noEcho   = "its answer repeats nothing it was sent"
	)
	idField := ""
	if mt := g.exampleStruct(model); mt != nil {
		for _, f := range mt.Fields {
			if jsonName(f.Tag) == "id" && (f.Type == "int" || f.Type == "FlexInt") {
				idField = f.Name
			}
		}
	}
	switch {
	case o.kind == "count":
		e.line("n, _, err := %s", call)
		e.line("if err != nil {\n\t\tlog.Fatal(err)\n\t}")
		e.line("fmt.Println(n)")
		printed, runs = "0", true // the test store has none
	case o.kind == "delete" || o.kind == "delete_where" || model == "":
		e.line("if _, err := %s; err != nil {\n\t\tlog.Fatal(err)\n\t}", call)
		why = noEcho
	case o.kind == "batch":
		e.line("%s, _, err := %s", result, call)
		e.line("if err != nil {\n\t\tlog.Fatal(err) // a *BatchError names the items that failed, by index\n\t}")
		item := singularVar(result)
		switch {
		case printExpr != "":
			e.line("for _, %s := range %s {", item, result)
			e.line("\t%s", strings.ReplaceAll(printExpr, result+".", item+"."))
			e.line("}")
		case idField != "":
			// the test store numbers a new area's records from 1
			e.line("for _, %s := range %s {", item, result)
			e.line("\tfmt.Println(%q, %s.%s)", "created", item, idField)
			e.line("}")
			printed = "created 1"
		default:
			e.line("fmt.Println(len(%s))", result)
			printed = "1"
		}
		runs = true
	default:
		e.line("%s, _, err := %s", result, call)
		e.line("if err != nil {\n\t\tlog.Fatal(err)\n\t}")
		switch {
		case printExpr != "":
			e.line("%s", printExpr)
			runs = true
		case rank == 0 && idField != "":
			// the test store numbers a new area's records from 1
			e.line("fmt.Println(%q, %s.%s)", "created", result, idField)
			printed, runs = "created 1", true
		default:
			if f, ok := g.listLabel(model); ok {
				e.line("fmt.Println(%s.%s)", result, f)
			} else {
				e.line("fmt.Printf(\"%%+v\\n\", %s)", result)
			}
			why = noEcho
		}
	}
	switch rank {
	case 4, 8:
		if o.kind != "count" {
			runs, why = false, noRecord
		}
	case 5:
		runs, why = false, "the test store does not imitate this action"
	case 7:
		runs, why = false, "what it reads depends on the store"
	}
	if !runs {
		return g.wrapExample(o, method, e.b.String(), "", why), false
	}
	return g.wrapExample(o, method, e.b.String(), printed, ""), true
}

// wrapExample puts an example's body in its function, with its comment and
// // Output: (none when why says why it is not run).
func (g *gen) wrapExample(o *opInfo, method, body, output, why string) string {
	var b strings.Builder
	route := o.verb + " " + o.full
	doc := fmt.Sprintf("%s.%s: %s, against a bigcommercetest store.", o.mo.Service, method, route)
	if o.body != nil {
		doc += " The body is made from the spec's example."
	}
	if why != "" {
		doc += " It has no checked output: " + why + "."
	}
	b.WriteString(comment(doc))
	fmt.Fprintf(&b, "func Example%sService_%s() {\n", o.mo.Service, method)
	b.WriteString(body)
	if why == "" {
		lines := strings.Split(output, "\n")
		if len(lines) == 1 {
			fmt.Fprintf(&b, "\t// Output: %s\n", output)
		} else {
			b.WriteString("\t// Output:\n")
			for _, l := range lines {
				fmt.Fprintf(&b, "\t// %s\n", l)
			}
		}
	}
	b.WriteString("}\n\n")
	return b.String()
}

// requiredFilter is the filter of a list that needs query parameters
// (GET /v3/tax/products/properties?product_id:in=): only those, set to the
// spec's example values.
func (g *gen) requiredFilter(o *opInfo) (string, bool) {
	t := g.types[o.filterName()]
	if t == nil {
		return "", false
	}
	var parts []string
	for _, p := range o.query {
		if !p.Required {
			continue
		}
		var f *goField
		for i := range t.Fields {
			if urlName(t.Fields[i].Tag) == p.Name {
				f = &t.Fields[i]
			}
		}
		if f == nil || p.Schema == nil {
			return "", false
		}
		v := p.Example
		if v == nil {
			v = sampleValue(nil, p.Schema.Value, 0)
		}
		lit, ok := g.literal(f.Type, realistic(v, p.Name, ""), 1)
		if !ok {
			return "", false
		}
		parts = append(parts, f.Name+": "+lit)
	}
	return "&bigcommerce." + t.Name + "{" + strings.Join(parts, ", ") + "}", true
}

// urlName is the query parameter name in a filter field's tag.
func urlName(tag string) string {
	s := strings.TrimPrefix(tag, `url:"`)
	if i := strings.IndexAny(s, `,"`); i >= 0 {
		s = s[:i]
	}
	return s
}

// takes reports whether an operation declares a query parameter.
func takes(o *opInfo, name string) bool {
	for _, p := range o.query {
		if p.Name == name {
			return true
		}
	}
	return false
}

// exampleParamNote names what a path id stands for.
func exampleParamNote(p pathParam) string {
	return "the " + strings.ReplaceAll(human(goName(p.json)), " ID", " id")
}

// exampleText is a text path parameter's value: the spec's example, or a
// UUID for an id.
func exampleText(o *opInfo, name string) string {
	for _, ref := range o.op.Parameters {
		p := ref.Value
		if p == nil || p.Name != name {
			continue
		}
		if s, ok := p.Example.(string); ok && s != "" {
			return s
		}
		if p.Schema != nil && p.Schema.Value != nil {
			if s, ok := p.Schema.Value.Example.(string); ok && s != "" {
				return s
			}
		}
	}
	return exampleUUID
}

// exampleVar names the variable of a method's answer.
func exampleVar(model string, o *opInfo) string {
	name := model
	if name == "" {
		name = o.thing()
	}
	ws := words(name)
	v := "v"
	if len(ws) > 0 {
		v = lowerName(ws[len(ws)-1])
	}
	switch v {
	case "client", "srv", "err", "n", "ctx", "fmt", "log", "time", "json", "decimal", "bigcommerce", "bigcommercetest":
		v = "answer"
	}
	for _, p := range o.pathParams {
		if p.name == v {
			v = "answer"
		}
	}
	if o.kind == "batch" {
		v = strings.TrimSuffix(plural(v), "_")
	}
	return v
}

// singularVar is the loop variable over a slice variable.
func singularVar(v string) string {
	if s := singular(v); s != v {
		return s
	}
	return "item"
}

// labelNames are the fields an example prints, in order of preference.
var labelNames = []string{"name", "title", "label", "code", "email", "display_name", "first_name", "url", "path", "key", "subject", "type", "status"}

// listLabel is the field a walk prints for each record: a string naming it.
func (g *gen) listLabel(model string) (string, bool) {
	t := g.exampleStruct(model)
	if t == nil {
		return "", false
	}
	for _, n := range labelNames {
		for _, f := range t.Fields {
			if jsonName(f.Tag) == n && (f.Type == "string" || f.Type == "FlexString") {
				return f.Name, true
			}
		}
	}
	return "", false
}

// jsonName is the JSON name in a field's tag.
func jsonName(tag string) string {
	s := strings.TrimPrefix(tag, `json:"`)
	if i := strings.IndexAny(s, `,"`); i >= 0 {
		s = s[:i]
	}
	return s
}

// exampleBody returns the Go expression of the request body, and the
// expression that prints a value of the answer that repeats one sent (with
// what it prints), if there is one.
func (g *gen) exampleBody(o *opInfo, result string) (pre, body, printed, printExpr string) {
	const bodyVar = "body"
	sample := sampleValue(o.bodyExample(), o.body.Value, 0)
	typ := o.bodyType()
	if o.scalarItems() {
		lit, ok := g.literal(typ, realistic(sample, "id", ""), 0)
		if !ok {
			lit = zeroLiteral(typ)
		}
		return "", "[]" + typ + "{" + lit + "}", "", ""
	}
	obj, _ := sample.(map[string]any)
	t := g.exampleStruct(typ)
	var lit string
	var set []setField
	if t == nil || t.Enum != nil {
		// A hand-written type, whose fields are not known here: the
		// spec's example decoded into it.
		raw, _ := json.Marshal(sample)
		pre = fmt.Sprintf("var %s bigcommerce.%s\n\tif err := json.Unmarshal([]byte(`%s`), &%s); err != nil {\n\t\tlog.Fatal(err)\n\t}", bodyVar, typ, escapeBacktick(string(raw)), bodyVar)
		lit = bodyVar
		for k, v := range obj {
			if s, ok := v.(string); ok {
				set = append(set, setField{json: k, value: s})
			}
		}
		sort.Slice(set, func(i, j int) bool { return set[i].json < set[j].json })
	} else {
		lit, set = g.structLiteral(t, obj, 0)
	}
	if lit == bodyVar && o.bodyArray {
		body = "[]bigcommerce." + typ + "{" + bodyVar + "}"
	} else if o.bodyArray {
		body = "[]bigcommerce." + typ + "{" + strings.TrimPrefix(lit, "bigcommerce."+typ) + "}"
	} else {
		body = lit
	}
	// What the answer repeats: a field set in the body that the answer's
	// model has with a printable type.
	mt := g.exampleStruct(o.model())
	if mt == nil {
		return pre, body, "", ""
	}
	for _, want := range append(append([]string{}, labelNames...), "") {
		for _, s := range set {
			last := s.json[strings.LastIndex(s.json, ".")+1:]
			if want != "" && last != want {
				continue
			}
			if expr, ok := g.printPath(result, mt, s.json, s.value); ok {
				return pre, body, s.value, expr
			}
		}
	}
	return pre, body, "", ""
}

// printPath is the statement that prints the field of v at a JSON path
// (name, or parent.name for a field of a nested object), when its Go type
// prints value as it was sent.
func (g *gen) printPath(v string, t *goType, path, value string) (string, bool) {
	parent, name, nested := strings.Cut(path, ".")
	for _, f := range t.Fields {
		if jsonName(f.Tag) != parent {
			continue
		}
		if !nested {
			return printField(v, f, value)
		}
		st := g.exampleStruct(strings.TrimPrefix(f.Type, "*"))
		if st == nil || strings.Contains(name, ".") {
			return "", false
		}
		ws := words(jsonName(f.Tag))
		inner := lowerName(ws[len(ws)-1])
		if inner == v || inner == "client" || inner == "err" {
			inner = "nested"
		}
		expr, ok := g.printPath(inner, st, name, value)
		if !ok {
			return "", false
		}
		if strings.HasPrefix(f.Type, "*") {
			return fmt.Sprintf("if %s := %s.%s; %s != nil {\n\t\t%s\n\t}", inner, v, f.Name, inner, expr), true
		}
		return strings.Replace(expr, inner+".", v+"."+f.Name+".", 1), true
	}
	return "", false
}

// printField is the statement that prints field f of v, when fmt.Println
// writes it as value.
func printField(v string, f goField, value string) (string, bool) {
	if value == "" || strings.TrimSpace(value) != value || strings.ContainsAny(value, "\n\r") {
		return "", false
	}
	switch f.Type {
	case "string", "int", "bool", "FlexInt", "FlexString", "int64", "[]string":
		return "fmt.Println(" + v + "." + f.Name + ")", true
	case "*string", "*int", "*bool":
		return fmt.Sprintf("if %s.%s != nil {\n\t\tfmt.Println(*%s.%s)\n\t}", v, f.Name, v, f.Name), true
	}
	return "", false
}

// setField is a top-level field an example's body sets, with its value as
// fmt prints it ("" when not a plain scalar).
type setField struct {
	json, value string
}

// structLiteral renders a write type with the fields the example sets: the
// required ones, and, when none of them names the record, the first
// naming field of the sample; an update (no required fields) sets up to two
// of the sample's plain fields.
func (g *gen) structLiteral(t *goType, obj map[string]any, depth int) (string, []setField) {
	var parts []string
	var set []setField
	var props map[string]*openapi3.SchemaRef
	if t.schema != nil {
		props = flatten(t.schema).props
	}
	required := func(f goField) bool {
		return !strings.Contains(f.Tag, ",omit")
	}
	value := func(f goField) (any, bool) {
		if v, ok := obj[jsonName(f.Tag)]; ok && v != nil {
			return realistic(v, jsonName(f.Tag), t.Name), true
		}
		return nil, false
	}
	add := func(f goField, v any) bool {
		// A nested object of the top level: its fields set are named
		// by path (privacy_settings.ask_shopper_for_tracking_consent),
		// so the example can print one back.
		if m, isObj := v.(map[string]any); isObj && depth == 0 {
			if st := g.exampleStruct(strings.TrimPrefix(f.Type, "*")); st != nil && st.Enum == nil {
				lit, sub := g.structLiteral(st, m, depth+1)
				if strings.HasPrefix(f.Type, "*") {
					lit = "&" + lit
				}
				parts = append(parts, f.Name+": "+lit)
				for _, x := range sub {
					set = append(set, setField{json: jsonName(f.Tag) + "." + x.json, value: x.value})
				}
				return true
			}
		}
		lit, ok := g.literal(f.Type, v, depth+1)
		if !ok {
			if !required(f) {
				return false
			}
			lit = zeroLiteral(f.Type)
		}
		parts = append(parts, f.Name+": "+lit)
		s := setField{json: jsonName(f.Tag)}
		switch x := v.(type) {
		case string:
			if t := strings.TrimPrefix(f.Type, "*"); t == "string" || t == "FlexString" {
				s.value = x
			}
		case bool:
			s.value = strconv.FormatBool(x)
		case float64:
			if t := strings.TrimPrefix(f.Type, "*"); x == math.Trunc(x) && (t == "int" || t == "int64" || t == "FlexInt") {
				s.value = strconv.FormatFloat(x, 'f', -1, 64)
			}
		case int:
			s.value = strconv.Itoa(x)
		case []any:
			// fmt prints a []string as [a b]
			var words []string
			for _, e := range x[:min(len(x), maxItems)] {
				if w, ok := e.(string); ok && !strings.ContainsAny(w, " \n") && strings.TrimPrefix(f.Type, "*") == "[]string" {
					words = append(words, w)
				}
			}
			if len(words) == min(len(x), maxItems) {
				s.value = "[" + strings.Join(words, " ") + "]"
			}
		}
		set = append(set, s)
		return true
	}
	named := false
	for _, f := range t.Fields {
		if !required(f) {
			continue
		}
		v, ok := value(f)
		if !ok {
			v = sampleValue(nil, nil, 0)
			if p := props[jsonName(f.Tag)]; p != nil && p.Value != nil {
				v = realistic(sampleValue(nil, p.Value, depth+1), jsonName(f.Tag), t.Name)
			}
		}
		if add(f, v) && isLabel(jsonName(f.Tag)) {
			named = true
		}
	}
	optional := 0
	if !named && depth == 0 {
		// the first naming field the sample has
	label:
		for _, n := range labelNames {
			for _, f := range t.Fields {
				if required(f) || jsonName(f.Tag) != n {
					continue
				}
				if v, ok := value(f); ok && isPlain(v) && add(f, v) {
					optional++
					break label
				}
			}
		}
	}
	if len(parts) == 0 {
		// an update, or an object with no required field: a plain
		// field or two of the sample, else (at the top) one object
		for _, f := range t.Fields {
			if optional >= 2 {
				break
			}
			if v, ok := value(f); ok && (isPlain(v) || isPlainList(v)) && add(f, v) {
				optional++
			}
		}
	}
	if len(parts) == 0 && depth == 0 {
		for _, f := range t.Fields {
			if v, ok := value(f); ok && !isPlain(v) && !isPlainList(v) && add(f, v) {
				break
			}
		}
	}
	name := "bigcommerce." + t.Name
	if len(parts) == 0 {
		return name + "{}", set
	}
	if depth > 0 || len(parts) == 1 && len(parts[0]) < 40 {
		return name + "{" + strings.Join(parts, ", ") + "}", set
	}
	return name + "{\n\t\t" + strings.Join(parts, ",\n\t\t") + ",\n\t}", set
}

func isLabel(json string) bool {
	for _, n := range labelNames {
		if n == json {
			return true
		}
	}
	return false
}

// isPlain reports whether a sample value is a string, number or boolean.
func isPlain(v any) bool {
	switch v.(type) {
	case string, bool, float64, int, int64:
		return true
	}
	return false
}

// isPlainList reports whether a sample value is a list of plain values.
func isPlainList(v any) bool {
	list, ok := v.([]any)
	return ok && len(list) > 0 && isPlain(list[0])
}

// placeholder is the text sampleValue makes for a string the spec gives no
// example of.
const placeholder = "x"

// realistic replaces the placeholder text of a field the spec gives no
// example of with a value of the kind its name says (an email, a URL, a
// currency code), so an example reads like a real call.
func realistic(v any, json, owner string) any {
	if s, ok := v.(string); !ok || s != placeholder {
		if list, ok := v.([]any); ok && len(list) == 1 && list[0] == placeholder {
			return []any{realistic(placeholder, singular(json), owner)}
		}
		return v
	}
	json = strings.ToLower(strings.Join(words(json), "_")) // templateFile → template_file
	thing := human(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(owner, "Create"), "Update"), "Upsert"), "Input"))
	switch {
	case strings.HasSuffix(json, "email"):
		return "jane@example.com"
	case strings.HasSuffix(json, "image_url"):
		return "https://cdn.example.com/images/mug.jpg"
	case strings.HasSuffix(json, "url"), strings.HasSuffix(json, "uri"):
		return "https://example.com/" + strings.ReplaceAll(strings.ToLower(thing), " ", "-")
	case strings.HasSuffix(json, "uuid"), json == "id", strings.HasSuffix(json, "_id"):
		return exampleUUID
	case json == "country_code", strings.HasSuffix(json, "country_iso2"):
		return "US"
	case strings.HasSuffix(json, "currency_code"), json == "currency":
		return "USD"
	case json == "first_name":
		return "Jane"
	case json == "last_name":
		return "Doe"
	case json == "template":
		return "<h2>{{title}}</h2>"
	case json == "template_file":
		return "pages/home"
	case strings.HasSuffix(json, "code"):
		return "SUMMER10"
	case json == "name", json == "title", json == "label", strings.HasSuffix(json, "_name"):
		if thing == "" {
			return "Example"
		}
		return strings.ToUpper(thing[:1]) + thing[1:]
	}
	return "example " + strings.ReplaceAll(json, "_", " ")
}

// maxItems is the most items of a list of plain values an example sends.
const maxItems = 6

// exampleUUID is the value of a text id the spec gives no example of.
const exampleUUID = "5f3c1b1e-8a2d-4c1f-9b1a-1d2e3f4a5b6c"

var decimalLit = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)

// literal renders a sample value as a Go expression of type typ, as the
// examples file (package bigcommerce_test) writes it.
func (g *gen) literal(typ string, v any, depth int) (string, bool) {
	if depth > 6 || v == nil {
		return "", false
	}
	if elem, ok := strings.CutPrefix(typ, "*"); ok {
		lit, ok := g.literal(elem, v, depth)
		if !ok {
			return "", false
		}
		switch {
		case strings.HasPrefix(lit, "bigcommerce.") && strings.HasSuffix(lit, "}"):
			return "&" + lit, true
		case elem == "float64" && !strings.ContainsAny(lit, ".e"):
			return "bigcommerce.Ptr(" + lit + ".0)", true
		case elem == "int64":
			return "bigcommerce.Ptr(int64(" + lit + "))", true
		}
		return "bigcommerce.Ptr(" + lit + ")", true
	}
	elemOf := map[string]string{"IntList": "[]int", "StringList": "[]string"}
	if list, ok := elemOf[typ]; ok {
		lit, ok := g.literal(list, v, depth)
		return "bigcommerce." + typ + strings.TrimPrefix(lit, list), ok
	}
	if elem, ok := strings.CutPrefix(typ, "[]"); ok {
		list, ok := v.([]any)
		if !ok || len(list) == 0 {
			return "", false
		}
		// every item of a list of plain values (at most maxItems); the
		// first of a list of objects
		var items []string
		for i, item := range list {
			if i == maxItems || i > 0 && !isPlain(item) {
				break
			}
			lit, ok := g.literal(elem, item, depth+1)
			if !ok {
				return "", false
			}
			if t := g.exampleStruct(elem); t != nil && t.Enum == nil {
				lit = strings.TrimPrefix(lit, "bigcommerce."+elem) // {…} in a slice of structs
			}
			items = append(items, lit)
		}
		return qualify(typ) + "{" + strings.Join(items, ", ") + "}", true
	}
	num := func() (string, bool) {
		switch x := v.(type) {
		case float64:
			return strconv.FormatFloat(x, 'f', -1, 64), true
		case int:
			return strconv.Itoa(x), true
		case int64:
			return strconv.FormatInt(x, 10), true
		case string:
			if decimalLit.MatchString(x) {
				return x, true
			}
		}
		return "", false
	}
	switch typ {
	case "string":
		switch x := v.(type) {
		case string:
			return strconv.Quote(x), true
		case float64, int, bool:
			return strconv.Quote(fmt.Sprint(x)), true
		}
		return "", false
	case "FlexString":
		lit, ok := g.literal("string", v, depth)
		return "bigcommerce.FlexString(" + lit + ")", ok
	case "int", "int64", "FlexInt":
		n, ok := num()
		if !ok || strings.Contains(n, ".") {
			return "", false
		}
		if typ == "FlexInt" {
			return "bigcommerce.FlexInt(" + n + ")", true
		}
		return n, true
	case "float64":
		return num()
	case "bool":
		b, ok := v.(bool)
		return strconv.FormatBool(b), ok
	case "decimal.Decimal":
		n, ok := num()
		return "decimal.RequireFromString(" + strconv.Quote(n) + ")", ok
	case "time.Time", "Time", "LenientTime":
		s, ok := v.(string)
		if !ok {
			return "", false
		}
		var at time.Time
		var err error
		for _, layout := range []string{time.RFC3339, time.RFC1123Z, "2006-01-02"} {
			if at, err = time.Parse(layout, s); err == nil {
				break
			}
		}
		if err != nil {
			return "", false
		}
		lit := fmt.Sprintf("time.Date(%d, %d, %d, %d, %d, %d, 0, time.UTC)", at.Year(), at.Month(), at.Day(), at.Hour(), at.Minute(), at.Second())
		if _, off := at.Zone(); off != 0 {
			at = at.UTC()
			lit = fmt.Sprintf("time.Date(%d, %d, %d, %d, %d, %d, 0, time.UTC)", at.Year(), at.Month(), at.Day(), at.Hour(), at.Minute(), at.Second())
		}
		if typ == "time.Time" {
			return lit, true
		}
		return "bigcommerce." + typ + "{Time: " + lit + "}", true
	case "json.RawMessage":
		b, err := json.Marshal(v)
		if err != nil {
			return "", false
		}
		return "json.RawMessage(`" + escapeBacktick(string(b)) + "`)", true
	case "any":
		return anyLiteral(v, depth)
	}
	if strings.HasPrefix(typ, "map[string]") {
		m, ok := v.(map[string]any)
		if !ok || len(m) == 0 {
			return "", false
		}
		elem := strings.TrimPrefix(typ, "map[string]")
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			lit, ok := g.literal(elem, m[k], depth+1)
			if !ok {
				continue
			}
			parts = append(parts, strconv.Quote(k)+": "+lit)
		}
		if len(parts) == 0 {
			return "", false
		}
		return qualify(typ) + "{" + strings.Join(parts, ", ") + "}", true
	}
	t := g.exampleStruct(typ)
	if t == nil {
		return "", false
	}
	if t.Enum != nil {
		s, ok := v.(string)
		for _, e := range t.Enum {
			if ok && e == s {
				return "bigcommerce." + t.Name + goName(e), true
			}
		}
		return "", false
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return "", false
	}
	lit, _ := g.structLiteral(t, obj, depth)
	return lit, true
}

// anyLiteral renders a JSON value as a Go literal for an any.
func anyLiteral(v any, depth int) (string, bool) {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x), true
	case bool:
		return strconv.FormatBool(x), true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case int:
		return strconv.Itoa(x), true
	case []any:
		var parts []string
		for _, e := range x {
			lit, ok := anyLiteral(e, depth+1)
			if !ok {
				return "", false
			}
			parts = append(parts, lit)
		}
		return "[]any{" + strings.Join(parts, ", ") + "}", true
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var parts []string
		for _, k := range keys {
			lit, ok := anyLiteral(x[k], depth+1)
			if !ok {
				return "", false
			}
			parts = append(parts, strconv.Quote(k)+": "+lit)
		}
		return "map[string]any{" + strings.Join(parts, ", ") + "}", true
	}
	return "", false
}

// zeroLiteral is the zero value of a type, written as a Go expression.
func zeroLiteral(typ string) string {
	switch typ {
	case "string", "FlexString":
		return `""`
	case "int", "int64", "float64", "FlexInt":
		return "0"
	case "bool":
		return "false"
	}
	return "*new(" + qualify(typ) + ")"
}

// qualify writes a Go type of the root package as the external test
// package names it: []Coupon → []bigcommerce.Coupon.
func qualify(typ string) string {
	prefix := ""
	for {
		switch {
		case strings.HasPrefix(typ, "*"), strings.HasPrefix(typ, "[]"):
			n := 1
			if typ[0] == '[' {
				n = 2
			}
			prefix += typ[:n]
			typ = typ[n:]
			continue
		case strings.HasPrefix(typ, "map[string]"):
			return prefix + "map[string]" + qualify(strings.TrimPrefix(typ, "map[string]"))
		}
		break
	}
	switch typ {
	case "string", "int", "int64", "float64", "bool", "any", "decimal.Decimal", "time.Time", "json.RawMessage":
		return prefix + typ
	}
	return prefix + "bigcommerce." + typ
}
