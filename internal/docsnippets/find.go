// Package docsnippets finds the Go snippets in a module's documentation
// and checks that they compile, and where they can, that they run. The
// SDK's TestDocSnippets (doc_snippets_test.go at the module root) runs it on
// every Markdown file and every doc comment, so a snippet that stops
// compiling fails the build. CONTRIBUTING.md ("Snippets in the
// documentation") states the convention a snippet follows.
//
// A snippet is:
//
//   - in a Markdown file, a fenced code block whose info string is "go"
//     (```go); blocks in any other language (sh, text, json) are not Go;
//   - in a Go file, a code block (an indented block, as go/doc/comment
//     parses it) of a doc comment godoc shows: the package doc, and the docs
//     of exported declarations, methods and struct fields. A block whose
//     first line starts with "$ " is a shell session, not Go.
//
// A Go snippet that must not be compiled (pseudo-code, a deliberately wrong
// example) is marked, with the reason: in Markdown by the line
// "<!-- not compiled: reason -->" right before the fence, in a doc comment
// by the block's first line "// not compiled: reason". "not run" instead of
// "not compiled" keeps a snippet from being run (it is still compiled).
package docsnippets

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// Snippet is one Go code block of the documentation.
type Snippet struct {
	// File is the path of the file holding the snippet, relative to the
	// directory searched, with forward slashes ("README.md",
	// "bigcommercetest/doc.go").
	File string
	// Line is the line of File on which the snippet's code begins.
	Line int
	// Code is the snippet's text, without the doc comment's markers and
	// indentation.
	Code string
	// NoCompile is the reason of a "not compiled" marker: the snippet is
	// neither compiled nor run.
	NoCompile string
	// NoRun is the reason of a "not run" marker: the snippet is compiled
	// but never run.
	NoRun string
}

// String returns the snippet's position, file:line.
func (s Snippet) String() string { return fmt.Sprintf("%s:%d", s.File, s.Line) }

// Find returns the Go snippets of every Markdown (.md) and Go file under
// root, in file order. It skips test files, directories named testdata or
// internal, and directories whose name begins with "." or "_", as the go
// command does.
func Find(root string) ([]Snippet, error) {
	var snippets []Snippet
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != root && (name == "testdata" || name == "internal" || name == "vendor" || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")) {
				return filepath.SkipDir
			}
			return nil
		}
		isGo := strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")
		if !isGo && !strings.HasSuffix(name, ".md") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if !isGo {
			snippets = append(snippets, FromMarkdown(rel, src)...)
			return nil
		}
		found, err := FromGoFile(rel, src)
		snippets = append(snippets, found...)
		return err
	})
	return snippets, err
}

// fence matches the opening line of a fenced code block: its indentation,
// its fence and its info string.
var fence = regexp.MustCompile("^( {0,3})(```+|~~~+)\\s*([^`\\s]*)")

// marker matches a "not compiled" or "not run" marker: an HTML comment in
// Markdown, a Go comment in a doc comment's code block.
var marker = regexp.MustCompile(`^\s*(?:<!--|//)\s*not (compiled|run)\s*:\s*(.*?)\s*(?:-->)?\s*$`)

// FromMarkdown returns the ```go blocks of a Markdown file; file names it
// in the snippets.
func FromMarkdown(file string, src []byte) []Snippet {
	lines := strings.Split(string(src), "\n")
	var snippets []Snippet
	for i := 0; i < len(lines); i++ {
		m := fence.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		indent, delim, lang := len(m[1]), m[2], m[3]
		start := i + 1
		end := start
		for end < len(lines) && !isClosingFence(lines[end], delim) {
			end++
		}
		i = end
		if lang != "go" {
			continue
		}
		var code strings.Builder
		for _, l := range lines[start:min(end, len(lines))] {
			code.WriteString(trimIndent(l, indent))
			code.WriteByte('\n')
		}
		s := Snippet{File: file, Line: start + 1, Code: code.String()}
		// The marker is the nearest non-blank line before the fence.
		for j := start - 2; j >= 0; j-- {
			if strings.TrimSpace(lines[j]) == "" {
				continue
			}
			s.mark(lines[j])
			break
		}
		snippets = append(snippets, s)
	}
	return snippets
}

// isClosingFence reports whether line closes a block opened by delim.
func isClosingFence(line, delim string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 || !strings.HasPrefix(t, delim) {
		return false
	}
	return strings.TrimSpace(strings.TrimLeft(t, delim[:1])) == ""
}

// trimIndent removes up to n leading spaces.
func trimIndent(l string, n int) string {
	for i := 0; i < n && strings.HasPrefix(l, " "); i++ {
		l = l[1:]
	}
	return l
}

// mark applies a "not compiled" or "not run" marker found on line, and
// reports whether there was one.
func (s *Snippet) mark(line string) bool {
	m := marker.FindStringSubmatch(line)
	if m == nil {
		return false
	}
	reason := m[2]
	if reason == "" {
		reason = "(no reason given)"
	}
	if m[1] == "compiled" {
		s.NoCompile = reason
	} else {
		s.NoRun = reason
	}
	return true
}

// FromGoFile returns the code blocks of the doc comments godoc shows in a
// Go source file: the package doc and the docs of exported names. file
// names it in the snippets. A file that does not parse is an error.
func FromGoFile(file string, src []byte) ([]Snippet, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.ParseComments|parser.SkipObjectResolution)
	if err != nil {
		return nil, err
	}
	var snippets []Snippet
	for _, cg := range docComments(f) {
		snippets = append(snippets, fromComment(file, fset, cg)...)
	}
	return snippets, nil
}

// docComments returns the doc comments of f that godoc shows, in source
// order.
func docComments(f *ast.File) []*ast.CommentGroup {
	var docs []*ast.CommentGroup
	add := func(cg *ast.CommentGroup) {
		if cg != nil {
			docs = append(docs, cg)
		}
	}
	add(f.Doc)
	for _, decl := range f.Decls {
		switch d := decl.(type) {
		case *ast.FuncDecl:
			if d.Name.IsExported() && (d.Recv == nil || exportedRecv(d.Recv)) {
				add(d.Doc)
			}
		case *ast.GenDecl:
			if slices.ContainsFunc(d.Specs, exportedSpec) {
				add(d.Doc)
			}
			for _, spec := range d.Specs {
				if !exportedSpec(spec) {
					continue
				}
				switch s := spec.(type) {
				case *ast.TypeSpec:
					add(s.Doc)
					for _, fd := range fieldDocs(s.Type) {
						add(fd)
					}
				case *ast.ValueSpec:
					add(s.Doc)
				}
			}
		}
	}
	slices.SortFunc(docs, func(a, b *ast.CommentGroup) int { return int(a.Pos() - b.Pos()) })
	return slices.Compact(docs)
}

// exportedSpec reports whether a type or value spec declares an exported
// name.
func exportedSpec(spec ast.Spec) bool {
	switch s := spec.(type) {
	case *ast.TypeSpec:
		return s.Name.IsExported()
	case *ast.ValueSpec:
		return slices.ContainsFunc(s.Names, (*ast.Ident).IsExported)
	}
	return false
}

// exportedRecv reports whether a method's receiver type is exported.
func exportedRecv(recv *ast.FieldList) bool {
	if len(recv.List) == 0 {
		return false
	}
	t := recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
		case *ast.IndexExpr:
			t = x.X
		case *ast.IndexListExpr:
			t = x.X
		case *ast.Ident:
			return x.IsExported()
		default:
			return false
		}
	}
}

// fieldDocs returns the docs of the exported fields of a struct type and
// the methods of an interface type.
func fieldDocs(t ast.Expr) []*ast.CommentGroup {
	var list *ast.FieldList
	switch x := t.(type) {
	case *ast.StructType:
		list = x.Fields
	case *ast.InterfaceType:
		list = x.Methods
	default:
		return nil
	}
	var docs []*ast.CommentGroup
	for _, f := range list.List {
		if f.Doc != nil && (len(f.Names) == 0 || slices.ContainsFunc(f.Names, (*ast.Ident).IsExported)) {
			docs = append(docs, f.Doc)
		}
	}
	return docs
}

// fromComment returns the Go code blocks of one doc comment.
func fromComment(file string, fset *token.FileSet, cg *ast.CommentGroup) []Snippet {
	var p comment.Parser
	doc := p.Parse(cg.Text())
	// Lines of the comment as written (without // or /* */), to find the
	// line each block begins on.
	var raw []string
	for _, c := range cg.List {
		text := c.Text
		if strings.HasPrefix(text, "//") {
			raw = append(raw, text[2:])
			continue
		}
		raw = append(raw, strings.Split(strings.TrimSuffix(strings.TrimPrefix(text, "/*"), "*/"), "\n")...)
	}
	first := fset.Position(cg.Pos()).Line
	var snippets []Snippet
	from := 0
	for _, block := range doc.Content {
		code, ok := block.(*comment.Code)
		if !ok {
			continue
		}
		head, _, _ := strings.Cut(code.Text, "\n")
		line := first
		for i := from; i < len(raw); i++ {
			if strings.TrimSpace(raw[i]) == strings.TrimSpace(head) {
				line, from = first+i, i+1
				break
			}
		}
		if strings.HasPrefix(head, "$ ") {
			continue // a shell session
		}
		s := Snippet{File: file, Line: line, Code: code.Text}
		if s.mark(head) {
			// The marker line is not part of the code.
			s.Code = strings.TrimPrefix(code.Text[len(head):], "\n")
			s.Line++
		}
		snippets = append(snippets, s)
	}
	return snippets
}

// elided blanks the "..." that stand for elided code in a snippet: an
// ellipsis alone on a line or between braces ("{ ... }"). Positions are
// kept, so errors still point at the right line and column.
func elided(code string) string {
	b := []byte(code)
	for i := 0; i+3 <= len(b); i++ {
		if string(b[i:i+3]) != "..." {
			continue
		}
		before := bytes.TrimRight(b[:i], " \t")
		after := bytes.TrimLeft(b[i+3:], " \t")
		startsLine := len(before) == 0 || before[len(before)-1] == '\n' || before[len(before)-1] == '{'
		endsLine := len(after) == 0 || after[0] == '\n' || after[0] == '}' || bytes.HasPrefix(after, []byte("//"))
		if startsLine && endsLine {
			copy(b[i:i+3], "   ")
		}
		i += 2
	}
	return string(b)
}
