package docsnippets

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/printer"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// StdImports maps the names of standard library packages that snippets use
// without importing them to their import paths.
var StdImports = map[string]string{
	"bytes": "bytes", "context": "context", "errors": "errors", "fmt": "fmt",
	"http": "net/http", "httptest": "net/http/httptest", "io": "io", "iter": "iter",
	"json": "encoding/json", "log": "log", "maps": "maps", "os": "os",
	"slices": "slices", "slog": "log/slog", "sort": "sort", "strconv": "strconv",
	"strings": "strings", "sync": "sync", "testing": "testing", "time": "time",
	"url": "net/url",
}

// Checker compiles snippets, and runs those that can run.
//
// A snippet is compiled in one of four forms, chosen by its text: a whole
// file (it has a package clause and its own imports); an expression (but a
// call), such as a composite literal, assigned to _; declarations (it
// parses as top-level declarations, such as a func TestX); or statements,
// the usual case, which become the body of a func() error ending in
// "return nil" (so "return err" works). The names a snippet uses without
// declaring them come from the environment file Env, compiled in the same
// package main: its package-level names ("ctx", "client", ...) are the
// snippets' free variables, and their initial values are what a run sees.
// The packages a snippet names without importing them are imported from
// Imports. A fragment may leave variables unused ("created, _, err := ..."
// shows a call's results), so "declared and not used" is the one error
// ignored; "..." alone on a line or between braces stands for elided code.
// Errors are reported at the snippet's file and line.
//
// A statement snippet that uses Env's "client" (and does not make its own)
// is also run, unless marked "not run": the snippets that run are built,
// with a use added for each unused variable, into one program with Env and
// called one after another; a snippet that returns an error, panics or
// stops the program (log.Fatal) fails. A whole-file snippet of package main
// is built and run as it is; it fails when it exits with a non-zero status.
// The go command runs offline (GOPROXY=off, GOTOOLCHAIN=local,
// -mod=readonly): the module cache must hold what go.mod needs, as for any
// test; the programs run may reach loopback only.
type Checker struct {
	// Dir is the module root: the go command runs there, and the snippets
	// are compiled as a package inside it, so they import the module's own
	// packages as they are on disk.
	Dir string
	// Env is the path of the environment file: Go source of package main
	// declaring the names snippets use without declaring them.
	Env string
	// Imports maps package names to import paths, for packages snippets
	// use without importing (StdImports plus the module's own).
	Imports map[string]string
	// Go is the go command; default "go" from PATH (go test puts its own
	// GOROOT/bin first).
	Go string
}

// Result is what Check found for one snippet.
type Result struct {
	Snippet Snippet
	// Errors are the compile errors, positioned in the snippet's file
	// (README.md:52:3: ...). Empty when the snippet compiles.
	Errors []string
	// Ran reports whether the snippet was run; RunError is why the run
	// failed (empty when it succeeded).
	Ran      bool
	RunError string
}

// OK reports whether the snippet compiled and, if it ran, ran without
// error.
func (r Result) OK() bool { return len(r.Errors) == 0 && r.RunError == "" }

// form is how a snippet is compiled.
type form int

const (
	formStatements form = iota
	formExpression
	formDeclarations
	formFile
)

// unit is one snippet being checked.
type unit struct {
	res   *Result
	index int
	form  form
	file  *ast.File // the compiled form
	run   bool
}

// envClient is the environment's variable whose use makes a snippet run.
const envClient = "client"

// Check compiles every snippet not marked "not compiled", runs those that
// can run, and returns one Result per snippet (marked ones have no errors
// and did not run). The error is about the checker itself: the
// environment does not compile, or the go command failed for another
// reason than a snippet.
func (c *Checker) Check(ctx context.Context, snippets []Snippet) ([]Result, error) {
	results := make([]Result, len(snippets))
	fset := token.NewFileSet()
	envSrc, err := os.ReadFile(c.Env)
	if err != nil {
		return nil, err
	}
	env, err := parser.ParseFile(fset, c.Env, envSrc, parser.ParseComments)
	if err != nil {
		return nil, fmt.Errorf("docsnippets: the environment: %w", err)
	}
	// Every package the snippets may use, with what they import.
	paths := map[string]bool{}
	for _, p := range c.Imports {
		paths[p] = true
	}
	addImports := func(f *ast.File) {
		for _, imp := range f.Imports {
			p, _ := strconv.Unquote(imp.Path.Value)
			paths[p] = true
		}
	}
	addImports(env)
	var units []*unit
	for i, s := range snippets {
		results[i].Snippet = s
		if s.NoCompile != "" {
			continue
		}
		u := &unit{res: &results[i], index: i}
		if err := u.parse(fset, ""); err != nil {
			u.res.Errors = []string{err.Error()}
			continue
		}
		addImports(u.file)
		units = append(units, u)
	}

	exports, err := c.exportData(ctx, slices.Sorted(maps.Keys(paths)))
	if err != nil {
		return nil, err
	}
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		file, ok := exports[path]
		if !ok {
			return nil, fmt.Errorf("no export data for %q: add its package to Checker.Imports", path)
		}
		return os.Open(file)
	})

	// The environment must compile on its own.
	if errs, _ := typeCheck(fset, imp, env); len(errs.all) > 0 {
		return nil, fmt.Errorf("docsnippets: the environment %s does not compile:\n%s", c.Env, strings.Join(errs.all, "\n"))
	}
	for _, u := range units {
		files := func() []*ast.File {
			if u.form == formFile {
				return []*ast.File{u.file}
			}
			return []*ast.File{u.file, env}
		}
		errs, info := typeCheck(fset, imp, files()...)
		if u.form != formFile && len(errs.undefined) > 0 {
			// Import the packages the snippet names without importing.
			var imports strings.Builder
			for _, name := range errs.undefined {
				if p := c.Imports[name]; p != "" {
					fmt.Fprintf(&imports, "import %s %q\n", name, p)
				}
			}
			if imports.Len() > 0 {
				if err := u.parse(fset, imports.String()); err != nil {
					u.res.Errors = []string{err.Error()}
					continue
				}
				errs, info = typeCheck(fset, imp, files()...)
			}
		}
		u.res.Errors = errs.all
		if len(errs.all) > 0 || u.res.Snippet.NoRun != "" {
			continue
		}
		switch u.form {
		case formStatements:
			u.run = usesEnv(info, u.file, envClient)
		case formFile:
			u.run = u.file.Name.Name == "main" && slices.ContainsFunc(u.file.Decls, isMain)
		}
		if u.run && len(errs.unused) > 0 {
			// The gc compiler does not ignore unused variables.
			useUnused(u.file, errs.unused)
			if errs, _ = typeCheck(fset, imp, files()...); len(errs.all) > 0 || len(errs.unused) > 0 {
				u.run = false
				u.res.RunError = fmt.Sprintf("docsnippets: the snippet compiles, but not once its unused variables are used: %v", errs.all)
			}
		}
	}
	if err := c.run(ctx, fset, env, units); err != nil {
		return nil, err
	}
	return results, nil
}

// parse builds a snippet's compiled form, with the given import
// declarations.
func (u *unit) parse(fset *token.FileSet, imports string) error {
	s := u.res.Snippet
	code := elided(s.Code)
	// The file's own name has no directory, so that the //line directive's
	// relative path is taken as it is.
	name := fmt.Sprintf("snippet%d.go", u.index)
	line := fmt.Sprintf("//line %s:%d\n", s.File, s.Line)
	const mode = parser.ParseComments | parser.SkipObjectResolution
	if f, err := parser.ParseFile(token.NewFileSet(), "", code, parser.PackageClauseOnly); err == nil && f.Name != nil {
		u.form = formFile
		file, err := parser.ParseFile(fset, name, line+code, mode)
		u.file = file
		return err
	}
	wrap := func(f form) string {
		switch f {
		case formDeclarations:
			return "package main\n" + imports + line + code
		case formExpression:
			return "package main\n" + imports + "func _() error {\n" + line + "_ = " + code + "\nreturn nil\n}\n"
		}
		return "package main\n" + imports + "func _() error {\n" + line + code + "\nreturn nil\n}\n"
	}
	// An expression (but a call, which is a statement), declarations when
	// the snippet parses as such, statements otherwise.
	if x, err := parser.ParseExpr(code); err == nil {
		if _, call := x.(*ast.CallExpr); !call {
			u.form = formExpression
			u.file, err = parser.ParseFile(fset, name, wrap(formExpression), mode)
			return err
		}
	}
	file, err := parser.ParseFile(fset, name, wrap(formDeclarations), mode)
	u.form = formDeclarations
	if err != nil || len(file.Decls) == 0 {
		first := strings.Fields(code)
		if len(first) > 0 && slices.Contains([]string{"func", "type", "import"}, first[0]) {
			return err
		}
		u.form = formStatements
		if file, err = parser.ParseFile(fset, name, wrap(formStatements), mode); err != nil {
			return err
		}
	}
	u.file = file
	return nil
}

// isMain reports whether d is func main.
func isMain(d ast.Decl) bool {
	f, ok := d.(*ast.FuncDecl)
	return ok && f.Recv == nil && f.Name.Name == "main"
}

// unusedPrefix starts the one error a fragment may have.
const unusedPrefix = "declared and not used"

// checkErrors are the errors of a type check.
type checkErrors struct {
	// all are the errors but "declared and not used", as
	// "file:line:col: message".
	all []string
	// undefined are the undefined names, in order of first use.
	undefined []string
	// unused are the positions of the variables declared and not used.
	unused map[token.Pos]bool
}

// typeCheck type-checks files as one package main.
func typeCheck(fset *token.FileSet, imp types.Importer, files ...*ast.File) (checkErrors, *types.Info) {
	var errs checkErrors
	unused := map[token.Pos]bool{}
	conf := types.Config{Importer: imp, Error: func(err error) {
		var te types.Error
		if errors.As(err, &te) {
			if te.Soft && strings.HasPrefix(te.Msg, unusedPrefix) {
				unused[te.Pos] = true
				return
			}
			if name, ok := strings.CutPrefix(te.Msg, "undefined: "); ok && !slices.Contains(errs.undefined, name) {
				errs.undefined = append(errs.undefined, name)
			}
		}
		errs.all = append(errs.all, err.Error())
	}}
	info := &types.Info{Uses: map[*ast.Ident]types.Object{}}
	conf.Check("main", fset, files, info) // errors reach conf.Error
	errs.unused = unused
	return errs, info
}

// usesEnv reports whether file uses the environment's variable name.
func usesEnv(info *types.Info, file *ast.File, name string) bool {
	for id, obj := range info.Uses {
		if id.Name == name && obj.Parent() == obj.Pkg().Scope() && id.Pos() >= file.Pos() && id.Pos() <= file.End() {
			return true
		}
	}
	return false
}

// useUnused adds a use ("_ = x") of every variable declared at a position
// in unused: after the statement declaring it, or at the start of the body
// of the loop or clause declaring it. Elsewhere (an if's init statement)
// the variable is renamed "_".
func useUnused(f *ast.File, unused map[token.Pos]bool) {
	uses := func(idents ...ast.Expr) []ast.Stmt {
		var stmts []ast.Stmt
		for _, e := range idents {
			if id, ok := e.(*ast.Ident); ok && unused[id.Pos()] {
				delete(unused, id.Pos())
				stmts = append(stmts, &ast.AssignStmt{Lhs: []ast.Expr{ast.NewIdent("_")}, Tok: token.ASSIGN, Rhs: []ast.Expr{ast.NewIdent(id.Name)}})
			}
		}
		return stmts
	}
	declared := func(s ast.Stmt) []ast.Stmt {
		switch s := s.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				return uses(s.Lhs...)
			}
		case *ast.DeclStmt:
			if g, ok := s.Decl.(*ast.GenDecl); ok {
				var stmts []ast.Stmt
				for _, spec := range g.Specs {
					if vs, ok := spec.(*ast.ValueSpec); ok {
						for _, n := range vs.Names {
							stmts = append(stmts, uses(n)...)
						}
					}
				}
				return stmts
			}
		}
		return nil
	}
	list := func(stmts []ast.Stmt) []ast.Stmt {
		var out []ast.Stmt
		for _, s := range stmts {
			out = append(out, s)
			out = append(out, declared(s)...)
		}
		return out
	}
	ast.Inspect(f, func(n ast.Node) bool {
		switch s := n.(type) {
		case *ast.BlockStmt:
			s.List = list(s.List)
		case *ast.CaseClause:
			s.Body = list(s.Body)
		case *ast.CommClause:
			s.Body = list(s.Body)
		case *ast.RangeStmt:
			if s.Tok == token.DEFINE {
				s.Body.List = append(uses(s.Key, s.Value), s.Body.List...)
			}
		}
		return true
	})
	// What is left is in an init statement or a type switch.
	ast.Inspect(f, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok && unused[id.Pos()] {
			id.Name = "_"
		}
		return true
	})
}

// exportData returns the export data files of paths and their
// dependencies, from go list -export: compiled by the go command as for
// any build (cached), offline.
func (c *Checker) exportData(ctx context.Context, paths []string) (map[string]string, error) {
	args := append([]string{"list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}", "--"}, paths...)
	out, err := c.goCmd(ctx, args...).Output()
	if err != nil {
		return nil, fmt.Errorf("docsnippets: go list -export: %w%s", err, stderrOf(err))
	}
	exports := map[string]string{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		if path, file, ok := strings.Cut(sc.Text(), "\t"); ok && file != "" {
			exports[path] = file
		}
	}
	return exports, nil
}

// goCmd returns a go command run in Dir that never reaches the network:
// no module proxy, no toolchain download, go.mod read-only.
func (c *Checker) goCmd(ctx context.Context, args ...string) *exec.Cmd {
	goBin := c.Go
	if goBin == "" {
		goBin = "go"
	}
	cmd := exec.CommandContext(ctx, goBin, args...)
	cmd.Dir = c.Dir
	cmd.Env = append(os.Environ(), "GOPROXY=off", "GOTOOLCHAIN=local", "GOFLAGS=-mod=readonly")
	return cmd
}

// stderrOf returns the go command's stderr of an exec error, for the
// error message.
func stderrOf(err error) string {
	var ee *exec.ExitError
	if errors.As(err, &ee) && len(ee.Stderr) > 0 {
		return ":\n" + strings.TrimSpace(string(ee.Stderr))
	}
	return ""
}

// runDir is the directory, inside the module, of the package main the
// snippets that run are built into. It exists only in the build's
// overlay: nothing is written into the module.
const runDir = "docsnippets_run"

// run builds the snippets that run into programs (one for every statement
// snippet together with the environment, one per whole-file program),
// runs them and records each snippet's outcome.
func (c *Checker) run(ctx context.Context, fset *token.FileSet, env *ast.File, units []*unit) error {
	tmp, err := os.MkdirTemp("", "docsnippets")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	root, err := filepath.Abs(c.Dir)
	if err != nil {
		return err
	}
	overlay := map[string]string{}
	add := func(pkg, name string, f *ast.File) error {
		var buf bytes.Buffer
		if err := printer.Fprint(&buf, fset, f); err != nil {
			return err
		}
		file := filepath.Join(tmp, pkg+"_"+name)
		overlay[filepath.Join(root, runDir, pkg, name)] = file
		return os.WriteFile(file, buf.Bytes(), 0o644)
	}
	type program struct {
		pkg   string
		units []*unit
	}
	var programs []program
	var together []*unit
	for _, u := range units {
		if !u.run {
			continue
		}
		if u.form == formFile {
			programs = append(programs, program{pkg: fmt.Sprintf("file%d", u.index), units: []*unit{u}})
			if err := add(programs[len(programs)-1].pkg, "main.go", u.file); err != nil {
				return err
			}
			continue
		}
		together = append(together, u)
		fn := u.file.Decls[len(u.file.Decls)-1].(*ast.FuncDecl)
		fn.Name = ast.NewIdent(fmt.Sprintf("snippet%d", u.index))
		if err := add("snippets", fmt.Sprintf("snippet%d.go", u.index), u.file); err != nil {
			return err
		}
	}
	if len(together) > 0 {
		programs = append(programs, program{pkg: "snippets", units: together})
		if err := add("snippets", "env.go", env); err != nil {
			return err
		}
		var runner strings.Builder
		runner.WriteString(runnerHead)
		for _, u := range together {
			fmt.Fprintf(&runner, "\tsnippet%d,\n", u.index)
		}
		runner.WriteString("}\n")
		file := filepath.Join(tmp, "runner.go")
		overlay[filepath.Join(root, runDir, "snippets", "docsnippets_runner.go")] = file
		if err := os.WriteFile(file, []byte(runner.String()), 0o644); err != nil {
			return err
		}
	}
	if len(programs) == 0 {
		return nil
	}
	ov, err := json.Marshal(map[string]any{"Replace": overlay})
	if err != nil {
		return err
	}
	ovFile := filepath.Join(tmp, "overlay.json")
	if err := os.WriteFile(ovFile, ov, 0o644); err != nil {
		return err
	}
	for _, p := range programs {
		bin := filepath.Join(tmp, p.pkg+".exe")
		build := c.goCmd(ctx, "build", "-overlay", ovFile, "-o", bin, "./"+runDir+"/"+p.pkg)
		if out, err := build.CombinedOutput(); err != nil {
			for _, u := range p.units {
				u.res.Ran = true
				u.res.RunError = "building the snippet to run it failed:\n" + string(out)
			}
			continue
		}
		c.runProgram(ctx, bin, filepath.Join(tmp, p.pkg+".log"), p.units, p.pkg != "snippets")
	}
	return nil
}

// runProgram runs a built program and records each snippet's outcome. The
// program of the statement snippets logs which snippet it starts and how
// each ended; when one stops the program (log.Fatal, os.Exit), the program
// is started again after it. A whole-file program's exit status is its
// outcome.
func (c *Checker) runProgram(ctx context.Context, bin, logFile string, units []*unit, whole bool) {
	for from := 0; from < len(units); {
		cmd := exec.CommandContext(ctx, bin, logFile, strconv.Itoa(from))
		cmd.Dir = c.Dir
		// Only loopback is reachable: a snippet that tries to reach
		// anything else fails instead of using the network.
		cmd.Env = append(os.Environ(), "HTTP_PROXY=http://127.0.0.1:9", "HTTPS_PROXY=http://127.0.0.1:9", "NO_PROXY=")
		out, runErr := cmd.CombinedOutput()
		if whole {
			units[0].res.Ran = true
			if runErr != nil {
				units[0].res.RunError = fmt.Sprintf("the program failed (%v); its output:\n%s", runErr, out)
			}
			return
		}
		log, _ := os.ReadFile(logFile)
		outcome := map[int]string{}
		started := -1
		for _, l := range strings.Split(string(log), "\n") {
			verb, rest, _ := strings.Cut(l, " ")
			pos, msg, _ := strings.Cut(rest, " ")
			i, err := strconv.Atoi(pos)
			if err != nil || i < from || i >= len(units) {
				continue
			}
			switch verb {
			case "start":
				started = i
			case "ok":
				outcome[i], started = "", -1
			case "fail":
				msg, _ = strconv.Unquote(msg)
				outcome[i], started = msg, -1
			}
		}
		next := len(units)
		for i := from; i < len(units); i++ {
			msg, done := outcome[i]
			if !done {
				if i != started {
					// It never started: the environment failed.
					for _, u := range units[i:] {
						u.res.Ran = true
						u.res.RunError = fmt.Sprintf("the program failed before running the snippet (%v); its output:\n%s", runErr, out)
					}
					return
				}
				units[i].res.Ran = true
				units[i].res.RunError = fmt.Sprintf("the snippet stopped the program (%v); its output:\n%s", runErr, out)
				next = i + 1
				break
			}
			units[i].res.Ran = true
			units[i].res.RunError = msg
		}
		from = next
	}
}

// runnerHead is the start of the program that calls the snippets in turn,
// from the position its second argument names, writing "start N", then
// "ok N" or "fail N <quoted reason>", to the file its first argument names
// (N is the snippet's position in docSnippets).
const runnerHead = `package main

import (
	"fmt"
	"os"
	"strconv"
)

func main() {
	log, err := os.Create(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	from, _ := strconv.Atoi(os.Args[2])
	for i, fn := range docSnippets[from:] {
		fmt.Fprintf(log, "start %d\n", from+i)
		log.Sync()
		if err := call(fn); err != nil {
			fmt.Fprintf(log, "fail %d %q\n", from+i, err.Error())
		} else {
			fmt.Fprintf(log, "ok %d\n", from+i)
		}
	}
	log.Close()
}

// call runs one snippet, turning a panic into an error.
func call(fn func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("panic: %v", r)
		}
	}()
	return fn()
}

var docSnippets = []func() error{
`
