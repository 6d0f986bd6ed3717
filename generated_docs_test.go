package bigcommerce

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// docNamesError matches an error a caller can test for, named in a doc
// comment: a sentinel (ErrNotFound) or an error type (*BatchError). It is
// the pattern bcgen's namesError checks its sentences with.
var docNamesError = regexp.MustCompile(`\bErr[A-Z]\w*|\*[A-Z]\w*Error\b`)

// TestGeneratedMethodDocsNameErrors: the doc of every generated service
// method names an error the caller should expect to handle (ErrNotFound for
// an unknown id, ErrOutcomeUnknown for a POST, *BatchError for a batch, and
// *Error with ErrUnauthorized/ErrForbidden/*RateLimitError for the rest).
func TestGeneratedMethodDocsNameErrors(t *testing.T) {
	files, err := filepath.Glob("*_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	methods := 0
	for _, f := range files {
		af, err := parser.ParseFile(fset, f, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range af.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || !fd.Name.IsExported() {
				continue
			}
			recv := fd.Recv.List[0].Type
			if star, ok := recv.(*ast.StarExpr); ok {
				recv = star.X
			}
			id, ok := recv.(*ast.Ident)
			if !ok || !strings.HasSuffix(id.Name, "Service") {
				continue
			}
			methods++
			if fd.Doc == nil || !docNamesError.MatchString(fd.Doc.Text()) {
				t.Errorf("%s: %s.%s: its doc names no error (ErrNotFound, ErrOutcomeUnknown, *BatchError, *Error, ...)", fset.Position(fd.Pos()), id.Name, fd.Name.Name)
			}
		}
	}
	if methods < 400 {
		t.Fatalf("found only %d generated service methods: is the test reading the right files?", methods)
	}
}
