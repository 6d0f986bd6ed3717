package bigcommerce

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// This file enforces CONTRIBUTING.md's "One convention per kind of method"
// over every service, hand-written and generated: the method shapes by
// reflection, the errors each method's doc names and the Include fields by
// reading the package's source.

// parsePackage parses the package's non-test files (none has build
// constraints).
func parsePackage(t *testing.T, mode parser.Mode) (*token.FileSet, []*ast.File) {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, mode|parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	return fset, files
}

// serviceDocs reads the package's non-test files and returns the doc
// comment of every exported method of a ...Service type, by
// "Service.Method" (the Client field's name, without "Service"), with
// whether it is in a generated file.
func serviceDocs(t *testing.T) map[string]methodDoc {
	t.Helper()
	fset, files := parsePackage(t, parser.ParseComments)
	out := map[string]methodDoc{}
	for _, f := range files {
		generated := strings.HasSuffix(fset.Position(f.Pos()).Filename, "_gen.go")
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || !fd.Name.IsExported() {
				continue
			}
			star, ok := fd.Recv.List[0].Type.(*ast.StarExpr)
			if !ok {
				continue
			}
			recv, ok := star.X.(*ast.Ident)
			if !ok || !strings.HasSuffix(recv.Name, "Service") {
				continue
			}
			out[strings.TrimSuffix(recv.Name, "Service")+"."+fd.Name.Name] = methodDoc{text: fd.Doc.Text(), generated: generated}
		}
	}
	if len(out) < 500 {
		t.Fatalf("found only %d service methods in the source", len(out))
	}
	return out
}

type methodDoc struct {
	text      string
	generated bool
}

// deprecatedFor returns the method a deprecated alias names ("Deprecated:
// Use UpdateMany."), or "" when the method is not deprecated.
func (d methodDoc) deprecatedFor() string {
	m := regexp.MustCompile(`(?m)^Deprecated: Use (\w+)`).FindStringSubmatch(d.text)
	if m == nil {
		return ""
	}
	return m[1]
}

// serviceMethod is one exported method of a service reached through a
// Client field.
type serviceMethod struct {
	name string // "Customers.Create"
	typ  reflect.Type
}

func serviceMethods(t *testing.T) []serviceMethod {
	t.Helper()
	var out []serviceMethod
	ct := reflect.TypeOf(Client{})
	for i := range ct.NumField() {
		f := ct.Field(i)
		if !f.IsExported() || f.Type.Kind() != reflect.Pointer || !strings.HasSuffix(f.Type.Elem().Name(), "Service") {
			continue
		}
		svc := strings.TrimSuffix(f.Type.Elem().Name(), "Service")
		for j := range f.Type.NumMethod() {
			m := f.Type.Method(j)
			out = append(out, serviceMethod{name: svc + "." + m.Name, typ: m.Type})
		}
	}
	if len(out) < 500 {
		t.Fatalf("found only %d service methods by reflection", len(out))
	}
	return out
}

var (
	ctxType      = reflect.TypeFor[interface{ Done() <-chan struct{} }]()
	responseType = reflect.TypeFor[*Response]()
	errorType    = reflect.TypeFor[error]()
)

// params are a method's parameters after the receiver and ctx.
func params(m reflect.Type) []reflect.Type {
	var out []reflect.Type
	for i := 2; i < m.NumIn(); i++ {
		out = append(out, m.In(i))
	}
	return out
}

func results(m reflect.Type) []reflect.Type {
	var out []reflect.Type
	for i := range m.NumOut() {
		out = append(out, m.Out(i))
	}
	return out
}

// isPathID reports a parameter that names a record in the path: an id, a
// text id (a UUID, a code), or a metafield owner or kind.
func isPathID(p reflect.Type) bool {
	return p.Kind() == reflect.Int || p.Kind() == reflect.String || p == reflect.TypeFor[MetafieldOwner]() || p == reflect.TypeFor[MetafieldKind]()
}

// shapeExceptions are the methods that differ from the table on purpose,
// each with the reason. Deprecated aliases are not listed: they keep their
// former shape by definition, and TestServiceMethodShapes checks that each
// names a method of its service that follows the table.
var shapeExceptions = map[string]string{
	// The consignments of a checkout go to BigCommerce in one request (the
	// endpoint takes the list and answers the whole checkout), so Create
	// takes them all; it is not a chunked CreateMany.
	"CheckoutConsignments.Create": "takes []CheckoutConsignmentCreate",
	// Orders.Count gives the number; CountByStatus keeps BigCommerce's
	// per-status breakdown of the same answer.
	"Orders.CountByStatus": "returns *OrderCount",
	// CompleteLineItems reads what an Order lacks, with no request or with
	// several: there is no one *Response to return.
	"Orders.CompleteLineItems": "returns no *Response",
}

// TestServiceMethodShapes checks CONTRIBUTING.md's table over every method
// of every service: ctx first, a *Response and an error last; every List
// with an All beside it that takes the same parameters; Get, Create,
// Update and Delete never taking a slice; every ...Many taking one (and
// DeleteMany ids ...int); Get taking path ids and at most a last
// *...Options; Count answering an int; every deprecated alias naming a
// method of its own service.
func TestServiceMethodShapes(t *testing.T) {
	docs := serviceDocs(t)
	methods := serviceMethods(t)
	byName := map[string]reflect.Type{}
	for _, m := range methods {
		byName[m.name] = m.typ
	}
	used := map[string]bool{}
	for _, m := range methods {
		svc, name, _ := strings.Cut(m.name, ".")
		in, out := params(m.typ), results(m.typ)
		fail := func(format string, args ...any) {
			t.Helper()
			if _, ok := shapeExceptions[m.name]; ok {
				used[m.name] = true
				return
			}
			t.Errorf("%s: "+format, append([]any{m.name}, args...)...)
		}
		if m.typ.NumIn() < 2 || !m.typ.In(1).Implements(ctxType) {
			fail("the first parameter is not a context.Context")
			continue
		}
		if to := docs[m.name].deprecatedFor(); to != "" {
			if _, ok := byName[svc+"."+to]; !ok {
				t.Errorf("%s is deprecated for %s, which %sService does not have", m.name, to, svc)
			}
			continue
		}
		// An iterator (All..., a streaming write) yields its errors.
		iterates := len(out) == 1 && out[0].Kind() == reflect.Func
		if !iterates && (len(out) < 2 || out[len(out)-1] != errorType || out[len(out)-2] != responseType) {
			fail("does not return (..., *Response, error): %v", out)
		}
		slice := -1
		for i, p := range in {
			if p.Kind() == reflect.Slice {
				slice = i
			}
		}
		switch {
		case name == "Get" || name == "Create" || name == "Update" || name == "Delete":
			if slice >= 0 {
				fail("%s of one record takes a slice (%v): a batch is %sMany", name, in[slice], name)
			}
		case strings.HasSuffix(name, "Many"):
			// The slice is last, or followed only by the endpoint's
			// query options (as Create's are).
			if last := len(in) - 1; slice != last && (slice != last-1 || !isOptions(in[last])) {
				fail("takes no slice as its last parameter (or before its options): %v", in)
			}
			if name == "DeleteMany" && (!m.typ.IsVariadic() || in[len(in)-1].Elem().Kind() != reflect.Int) {
				fail("DeleteMany does not take ids ...int: %v", in)
			}
		}
		if strings.HasPrefix(name, "Get") {
			for i, p := range in {
				last := i == len(in)-1
				opts := p.Kind() == reflect.Pointer && strings.HasSuffix(p.Elem().Name(), "Options")
				if !isPathID(p) && !(last && opts) {
					fail("a Get takes path ids and at most a last *...Options, not %v", p)
				}
			}
		}
		if strings.HasPrefix(name, "Count") && (len(out) != 3 || out[0].Kind() != reflect.Int) {
			fail("a Count returns (int, *Response, error), not %v", out)
		}
		if suffix, ok := strings.CutPrefix(name, "List"); ok {
			all, ok := byName[svc+".All"+suffix]
			switch {
			case !ok:
				fail("has no All%s beside it", suffix)
			case !slices.Equal(params(all), in):
				fail("All%s takes %v, List%s %v", suffix, params(all), suffix, in)
			case all.NumOut() != 1 || all.Out(0).Kind() != reflect.Func || len(out) != 3 || out[0].Kind() != reflect.Slice ||
				all.Out(0).NumIn() != 1 || all.Out(0).In(0).In(0) != out[0].Elem():
				fail("All%s does not iterate over List%s's items: %v", suffix, suffix, all.Out(0))
			}
		}
	}
	for name := range shapeExceptions {
		if !used[name] {
			t.Errorf("%s follows the table now: remove it from shapeExceptions", name)
		}
	}
}

// TestIncludeIsAStringList checks that every Include field of a filter or
// options type is a StringList, so that the include values, whatever the
// service, go in the same way.
func TestIncludeIsAStringList(t *testing.T) {
	_, files := parsePackage(t, 0)
	n := 0
	for _, f := range files {
		ast.Inspect(f, func(node ast.Node) bool {
			ts, ok := node.(*ast.TypeSpec)
			if !ok {
				return true
			}
			st, ok := ts.Type.(*ast.StructType)
			if !ok || !ast.IsExported(ts.Name.Name) {
				return false
			}
			for _, fld := range st.Fields.List {
				for _, name := range fld.Names {
					if name.Name != "Include" {
						continue
					}
					n++
					if id, ok := fld.Type.(*ast.Ident); !ok || id.Name != "StringList" {
						t.Errorf("%s.Include is a %s, not a StringList", ts.Name.Name, types.ExprString(fld.Type))
					}
				}
			}
			return false
		})
	}
	if n < 10 {
		t.Fatalf("found only %d Include fields", n)
	}
}

// sdkErrors matches the names of the errors the SDK returns, as a method's
// doc would name them.
var sdkErrors = regexp.MustCompile(`\b(ErrNotFound|ErrUnauthorized|ErrForbidden|ErrConflict|ErrUnprocessable|ErrRateLimited|ErrInvalidRequest|ErrOutcomeUnknown|BatchError|MultiStatusError|RateLimitError|ValidationError|LineItemsTruncatedError)\b`)

// sendsPost matches a doc that names a POST endpoint.
var sendsPost = regexp.MustCompile(`\bPOST\s+/`)

// docExceptions are the methods whose doc need not name an SDK error,
// each with the reason. Deprecated aliases are not listed: their doc sends
// the reader to the method they call, whose doc names them.
var docExceptions = map[string]string{}

// TestServiceMethodDocsNameTheirErrors checks that every service method's
// doc names the errors a caller should handle: at least one of the SDK's
// errors; ErrNotFound (or what else an unknown id gives) for a Get, Update
// or Delete of one record by id; ErrOutcomeUnknown (or a *BatchError's
// Unknown items) for a POST, which the SDK never resends once it may have
// been processed; a *BatchError for a write of many records.
func TestServiceMethodDocsNameTheirErrors(t *testing.T) {
	docs := serviceDocs(t)
	methods := map[string]reflect.Type{}
	for _, m := range serviceMethods(t) {
		methods[m.name] = m.typ
	}
	var hand, generated int
	for name, d := range docs {
		if d.deprecatedFor() != "" {
			continue
		}
		if _, ok := docExceptions[name]; ok {
			continue
		}
		if d.generated {
			generated++
		} else {
			hand++
		}
		if !sdkErrors.MatchString(d.text) {
			t.Errorf("%s: the doc names none of the SDK's errors:\n%s", name, d.text)
			continue
		}
		if sendsPost.MatchString(d.text) && !strings.Contains(d.text, "ErrOutcomeUnknown") && !strings.Contains(d.text, "BatchError") && !strings.Contains(d.text, "moves money") {
			t.Errorf("%s sends a POST, but its doc does not say what an unknown outcome gives (ErrOutcomeUnknown):\n%s", name, d.text)
		}
		_, method, _ := strings.Cut(name, ".")
		// One record by id: what an id BigCommerce does not know gives.
		if typ, ok := methods[name]; ok && (method == "Get" || method == "Update" || method == "Delete") &&
			typ.NumIn() > 2 && typ.In(2).Kind() == reflect.Int && !strings.Contains(d.text, "ErrNotFound") && !strings.Contains(d.text, "unknown id") {
			t.Errorf("%s reads or writes one record by id, but its doc does not say what an unknown id gives (ErrNotFound):\n%s", name, d.text)
		}
		if typ, ok := methods[name]; ok && strings.HasSuffix(method, "Many") && typ.NumOut() > 0 && !strings.Contains(d.text, "BatchError") {
			t.Errorf("%s writes many records, but its doc does not name *BatchError:\n%s", name, d.text)
		}
	}
	t.Logf("%d hand-written and %d generated service methods checked", hand, generated)
	for name := range docExceptions {
		if _, ok := docs[name]; !ok {
			t.Errorf("docExceptions lists %s, which is not a service method", name)
		}
	}
}

// isOptions reports whether t is a pointer to a struct of query options
// (*XOptions).
func isOptions(t reflect.Type) bool {
	return t.Kind() == reflect.Pointer && t.Elem().Kind() == reflect.Struct && strings.HasSuffix(t.Elem().Name(), "Options")
}
