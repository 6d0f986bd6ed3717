// Command bcgen writes the SDK's repetitive parts from BigCommerce's
// OpenAPI files: per area, <area>_gen.go with the read models, write
// types, filters and service methods; client_services_gen.go with the
// Client's service fields; the conformance test's table of every generated
// operation; the fake store's route table; and a godoc example of every
// generated service (examples.go).
//
// Its inputs are the spec files pinned in testdata/openapi (never edited),
// the manifest (api/manifest/<spec>.yaml: operation → service, method,
// walk, batch size, documented concurrency, scope) and the overrides
// (api/overrides/<spec>.yaml: each spec contradiction, what the SDK does
// and why). Run it from the module root with go generate ./...; with
// -check it writes nothing and fails when a generated file is stale, and
// with -report it prints the operations covered per spec file.
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// gen holds one run's state.
type gen struct {
	root     string
	docs     map[string]*openapi3.T
	types    map[string]*goType
	order    []string
	named    map[string]string // schema key → Go name
	methods  []method
	services map[string]*Service
	svcOrder []string
	ops      []*opInfo
	handOps  []*opInfo       // hand-written operations, whose scopes RequiredScope knows too
	existing map[string]bool // top-level names and Type.Method of hand-written files
	errs     []string

	usedOverrides map[*Override]bool
	handStructs   map[string]*goType // the hand-written structs, for the examples (examples.go)
}

func (g *gen) errorf(format string, args ...any) {
	g.errs = append(g.errs, fmt.Sprintf(format, args...))
}

func main() {
	check := flag.Bool("check", false, "write nothing; fail if a generated file differs from what the inputs give")
	report := flag.Bool("report", false, "print the operations covered per spec file")
	flag.Parse()
	root, err := moduleRoot()
	if err != nil {
		fail(err)
	}
	g := &gen{root: root, docs: map[string]*openapi3.T{}, types: map[string]*goType{}, named: map[string]string{},
		services: map[string]*Service{}, usedOverrides: map[*Override]bool{}}
	files, err := g.run()
	if err != nil {
		fail(err)
	}
	if *report {
		if err := g.report(os.Stdout); err != nil {
			fail(err)
		}
		return
	}
	if err := write(root, files, *check); err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bcgen:", err)
	os.Exit(1)
}

// moduleRoot finds the directory of go.mod from the working directory up.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}

// loadSpec loads a pinned spec file.
func (g *gen) loadSpec(name string) (*openapi3.T, error) {
	if d, ok := g.docs[name]; ok {
		return d, nil
	}
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(filepath.Join(g.root, "testdata", "openapi", name))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	g.docs[name] = doc
	return doc, nil
}

// run reads the inputs and returns the generated files by path.
func (g *gen) run() (map[string][]byte, error) {
	manifests, err := loadManifests(filepath.Join(g.root, "api", "manifest"), filepath.Join(g.root, "api", "overrides"))
	if err != nil {
		return nil, err
	}
	if err := g.readExisting(); err != nil {
		return nil, err
	}
	for _, m := range manifests {
		for i := range m.Services {
			s := &m.Services[i]
			if _, dup := g.services[s.Name]; dup {
				g.errorf("%s: service %s is declared twice", m.file, s.Name)
			}
			g.services[s.Name] = s
			g.svcOrder = append(g.svcOrder, s.Name)
		}
	}
	sort.Strings(g.svcOrder)
	for _, m := range manifests {
		doc, err := g.loadSpec(m.Spec)
		if err != nil {
			return nil, err
		}
		g.genModels(m, doc)
		seen := map[string]bool{}
		for i := range m.Operations {
			mo := &m.Operations[i]
			if seen[mo.Op] {
				g.errorf("%s: %s is listed twice", m.file, mo.Op)
			}
			seen[mo.Op] = true
			switch {
			case mo.Skip != "":
				if verb, path, _ := strings.Cut(mo.Op, " "); doc.Paths.Value(path) == nil || doc.Paths.Value(path).GetOperation(verb) == nil {
					g.errorf("%s: %s: skipped, but %s has no such operation", m.file, mo.Op, m.Spec)
				}
				continue
			case mo.Hand != "":
				svc, _, _ := strings.Cut(mo.Hand, ".")
				_, isService := g.services[svc]
				switch {
				case !g.existing[mo.Hand]:
					g.errorf("%s: %s: hand-written method %s does not exist", m.file, mo.Op, mo.Hand)
				case !isService && svc != "Client":
					g.errorf("%s: %s: hand: %s is not a method of a service (or of Client)", m.file, mo.Op, mo.Hand)
				}
				if o := g.analyse(m, doc, mo); o != nil {
					g.handOps = append(g.handOps, o) // for RequiredScope
				}
				continue
			}
			if _, ok := g.services[mo.Service]; !ok {
				g.errorf("%s: %s: service %q is not declared in any manifest's services", m.file, mo.Op, mo.Service)
				continue
			}
			if g.existing[mo.Service+"."+mo.Method] {
				g.errorf("%s: %s: %s.%s is hand-written already", m.file, mo.Op, mo.Service, mo.Method)
			}
			o := g.analyse(m, doc, mo)
			if o == nil {
				continue
			}
			if w, _ := o.scope(); w == "" && !o.noScope() {
				g.errorf("%s: %s: no OAuth scope: set scope: for the file or the operation", m.file, mo.Op)
			}
			g.ops = append(g.ops, o)
			g.genTypes(o)
			g.emitMethod(o)
		}
	}
	for _, o := range g.ops {
		g.emitCreateMany(o)
	}
	bySpec := map[string]string{}
	for _, m := range manifests {
		if other, dup := bySpec[m.Spec]; dup {
			g.errorf("%s and %s both describe %s", other, m.file, m.Spec)
		}
		bySpec[m.Spec] = m.file
		for _, o := range m.overrides {
			if o.Op == "" {
				continue
			}
			verb, path, _ := strings.Cut(o.Op, " ")
			if item := g.docs[m.Spec].Paths.Value(path); item == nil || item.GetOperation(verb) == nil {
				g.errorf("api/overrides/%s: override of %s: %s has no such operation", filepath.Base(m.file), o.Op, m.Spec)
			}
		}
	}
	for _, m := range manifests {
		for i := range m.overrides {
			o := &m.overrides[i]
			if o.Type != "" && !g.usedOverrides[o] {
				g.errorf("api/overrides/%s: the override of %s.%s matches no generated field", filepath.Base(m.file), o.Type, o.Field)
			}
			if o.Type == "" && o.Field != "" && o.GoType != "" && !g.usedOverrides[o] {
				g.errorf("api/overrides/%s: the override of %s's parameter %s matches no generated operation", filepath.Base(m.file), o.Op, o.Field)
			}
			if o.Envelope && !g.usedOverrides[o] {
				g.errorf("api/overrides/%s: the envelope override of %s matches no generated operation with an answer", filepath.Base(m.file), o.Op)
			}
		}
	}
	for name := range g.types {
		if g.existing[name] {
			g.errorf("generated type %s clashes with a hand-written name: name it otherwise in the manifest, or reuse the hand-written type", name)
		}
	}
	if len(g.errs) > 0 {
		sort.Strings(g.errs)
		return nil, errors.New(strings.Join(g.errs, "\n"))
	}
	return g.files()
}

// genTypes generates the models, write types and filters an operation
// uses.
func (g *gen) genTypes(o *opInfo) {
	file := o.mo.serviceFile(g)
	read := schemaCtx{m: o.m, v2: o.v2, file: file}
	write := schemaCtx{m: o.m, v2: o.v2, write: true, file: file, partial: o.verb == "PUT" || o.verb == "PATCH"}
	if o.resp != nil && o.mo.Model != "-" && o.kind != "count" {
		model := o.model()
		if model == "" {
			g.errorf("%s: %s: the answer needs a model: name", o.m.file, o.mo.Op)
		} else if !g.existing[model] && !isReused(o.m, model) {
			g.structNamed(read, o.resp, model)
		}
	}
	if o.body != nil {
		body := o.bodyName()
		if body == "" {
			g.errorf("%s: %s: the request body needs a body: name", o.m.file, o.mo.Op)
		} else if !g.existing[body] && !isReused(o.m, body) && !o.scalarItems() {
			g.structNamed(write, o.body, body)
		}
	}
	switch o.kind {
	case "list", "count", "delete_where":
		if o.hasFilterParams() {
			doc := fmt.Sprintf("%s selects what %s.%s %s (%s %s).", o.filterName(), o.mo.Service, o.mo.Method, map[string]string{"list": "lists", "count": "counts", "delete_where": "deletes"}[o.kind], o.verb, o.full)
			if o.kind != "delete_where" {
				doc += " The zero value selects everything."
			}
			g.emitFilter(o, o.filterName(), o.query, doc)
		}
	case "get", "write":
		if o.kind == "write" && o.writeOptionsArg() == "" {
			break
		}
		if opts := o.optionsParams(); len(opts) > 0 {
			name := strings.TrimPrefix(o.optionsArg(), ", opts *")
			g.emitFilter(o, name, opts, fmt.Sprintf("%s are the query options of %s.%s (%s %s).", name, o.mo.Service, o.mo.Method, o.verb, o.full))
		}
	}
}

// genModels generates the manifest's models: list.
func (g *gen) genModels(m *Manifest, doc *openapi3.T) {
	for _, md := range m.Models {
		c := schemaCtx{m: m, v2: specVersion(doc) == "v2", write: md.Write, file: md.File}
		var r *openapi3.SchemaRef
		switch {
		case md.Schema != "":
			r = doc.Components.Schemas[md.Schema]
			if r != nil && r.Ref == "" {
				r = &openapi3.SchemaRef{Ref: "#/components/schemas/" + md.Schema, Value: r.Value}
			}
		case md.Op != "":
			o := g.analyse(m, doc, &Operation{Op: md.Op})
			if o == nil {
				continue
			}
			r = o.resp
			if md.From == "body" {
				r = o.body
			}
		}
		if r == nil || r.Value == nil || md.Name == "" || md.File == "" {
			g.errorf("%s: model %q needs a name, a file and a schema or an op with from: body|response", m.file, md.Name)
			continue
		}
		g.structNamed(c, r, md.Name)
	}
}

func isReused(m *Manifest, name string) bool {
	for _, v := range m.Reuse {
		if v == name {
			return true
		}
	}
	return false
}

// readExisting records the top-level names and methods of the root
// package's hand-written files.
func (g *gen) readExisting() error {
	g.existing = map[string]bool{}
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join(g.root, "*.go"))
	if err != nil {
		return err
	}
	for _, f := range files {
		if strings.HasSuffix(f, "_gen.go") || strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(fset, f, nil, parser.SkipObjectResolution)
		if err != nil {
			return err
		}
		for _, d := range af.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil {
					g.existing[d.Name.Name] = true
					continue
				}
				t := d.Recv.List[0].Type
				if st, ok := t.(*ast.StarExpr); ok {
					t = st.X
				}
				if id, ok := t.(*ast.Ident); ok {
					g.existing[strings.TrimSuffix(id.Name, "Service")+"."+d.Name.Name] = true
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						g.existing[s.Name.Name] = true
					case *ast.ValueSpec:
						for _, n := range s.Names {
							g.existing[n.Name] = true
						}
					}
				}
			}
		}
	}
	return nil
}

// write writes the files, or in check mode compares them and lists stale
// or missing ones (and generated files no input produces any more).
func write(root string, files map[string][]byte, check bool) error {
	old, err := filepath.Glob(filepath.Join(root, "*_gen.go"))
	if err != nil {
		return err
	}
	more, _ := filepath.Glob(filepath.Join(root, "*_gen_test.go"))
	old = append(old, more...)
	more, _ = filepath.Glob(filepath.Join(root, "bigcommercetest", "*_gen.go"))
	old = append(old, more...)
	var stale []string
	for path, b := range files {
		full := filepath.Join(root, path)
		cur, err := os.ReadFile(full)
		if err == nil && bytes.Equal(cur, b) {
			continue
		}
		if check {
			stale = append(stale, path)
			continue
		}
		if err := os.WriteFile(full, b, 0o644); err != nil {
			return err
		}
	}
	for _, f := range old {
		rel, _ := filepath.Rel(root, f)
		if _, ok := files[rel]; ok {
			continue
		}
		if check {
			stale = append(stale, rel+" (no longer generated)")
			continue
		}
		if err := os.Remove(f); err != nil {
			return err
		}
	}
	if len(stale) > 0 {
		sort.Strings(stale)
		return fmt.Errorf("generated files are stale; run go generate ./... and commit:\n  %s", strings.Join(stale, "\n  "))
	}
	return nil
}

// gofmt formats generated source, returning it unformatted with the error
// so the problem can be found.
func gofmt(path string, src []byte) ([]byte, error) {
	out, err := format.Source(src)
	if err != nil {
		return src, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}
