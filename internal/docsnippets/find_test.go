package docsnippets

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

func TestFromMarkdown(t *testing.T) {
	md := "# Title\n" + // 1
		"\n" + // 2
		"```go\n" + // 3
		"a := 1\n" + // 4
		"```\n" + // 5
		"```sh\n" + // 6
		"go test ./...\n" + // 7
		"```\n" + // 8
		"<!-- not compiled: shows a mistake -->\n" + // 9
		"\n" + // 10
		"~~~go\n" + // 11
		"bad(\n" + // 12
		"```\n" + // 13: not the closing fence
		"~~~\n" + // 14
		"- a list item:\n" + // 15
		"  ```go\n" + // 16
		"  b := 2\n" + // 17
		"    c := 3\n" + // 18
		"  ```\n" + // 19
		"<!-- not run: needs a real store -->\n" + // 20
		"```go\n" + // 21
		"d := 4\n" + // 22
		"```\n" + // 23
		"```go\n" + // 24
		"unterminated\n" // 25
	got := FromMarkdown("README.md", []byte(md))
	want := []Snippet{
		{File: "README.md", Line: 4, Code: "a := 1\n"},
		{File: "README.md", Line: 12, Code: "bad(\n```\n", NoCompile: "shows a mistake"},
		{File: "README.md", Line: 17, Code: "b := 2\n  c := 3\n"},
		{File: "README.md", Line: 22, Code: "d := 4\n", NoRun: "needs a real store"},
		{File: "README.md", Line: 25, Code: "unterminated\n\n"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FromMarkdown:\n got %#v\nwant %#v", got, want)
	}
}

func TestFromGoFile(t *testing.T) {
	src := `// Package p does things:
//
//	p.Do()
package p

// Exported is documented:
//
//	p.Exported()
//
// and shell commands are not Go:
//
//	$ go run ./cmd
func Exported() {}

// unexported's doc is not shown by godoc:
//
//	p.unexported()
func unexported() {}

// T is a type.
type T struct {
	// Field has a marked block:
	//
	//	// not compiled: pseudo-code
	//	for each item { ... }
	Field int
	// hidden is unexported.
	//
	//	hidden()
	hidden int
}

// Method is on an exported type.
//
//	var t p.T
//	t.Method()
func (T) Method() {}

// Method of an unexported type is not shown.
//
//	u.Method()
func (u) Method() {}

type u struct{}

// Vars are exported:
//
//	_ = p.V
var (
	V = 1
	w = 2
)
`
	got, err := FromGoFile("p/p.go", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Snippet{
		{File: "p/p.go", Line: 3, Code: "p.Do()\n"},
		{File: "p/p.go", Line: 8, Code: "p.Exported()\n"},
		{File: "p/p.go", Line: 25, Code: "for each item { ... }\n", NoCompile: "pseudo-code"},
		{File: "p/p.go", Line: 35, Code: "var t p.T\nt.Method()\n"},
		{File: "p/p.go", Line: 48, Code: "_ = p.V\n"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FromGoFile:\n got %#v\nwant %#v", got, want)
	}
	if _, err := FromGoFile("bad.go", []byte("package")); err == nil {
		t.Error("FromGoFile of a file that does not parse: no error")
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"README.md":         "```go\nx := 1\n```\n",
		"p.go":              "// Package p.\n//\n//\tp.Do()\npackage p\n",
		"p_test.go":         "// Package p.\n//\n//\tnot.Found()\npackage p\n",
		"sub/doc.go":        "// Package sub.\n//\n//\tsub.Do()\npackage sub\n",
		"testdata/x.md":     "```go\nnot found\n```\n",
		"internal/i/i.go":   "// Package i.\n//\n//\tnot.Found()\npackage i\n",
		".hidden/h.md":      "```go\nnot found\n```\n",
		"_ignored/i.go":     "// Package i.\n//\n//\tnot.Found()\npackage i\n",
		"sub/NOTES.md":      "```sh\nls\n```\n```go\ny := 2\n```\n",
		"sub/data.json":     "{}",
		"examples/e/e.go":   "// Command e.\n//\n//\t$ go run ./examples/e\npackage main\n",
		"examples/e/doc.md": "text only\n",
	}
	for name, content := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := Find(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range got {
		names = append(names, s.String()+" "+s.Code)
	}
	want := []string{"README.md:2 x := 1\n", "p.go:3 p.Do()\n", "sub/NOTES.md:5 y := 2\n", "sub/doc.go:3 sub.Do()\n"}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("Find: got %q, want %q", names, want)
	}

	if err := os.WriteFile(filepath.Join(dir, "broken.go"), []byte("package"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(dir); err == nil {
		t.Error("Find with a Go file that does not parse: no error")
	}
}

func TestElided(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"if err != nil { ... }", "if err != nil {     }"},
		{"for {\n\t...\n}", "for {\n\t   \n}"},
		{"...\n", "   \n"},
		{"x := 1 // ...", "x := 1 // ..."},
		{"f(args...)", "f(args...)"},
		{"a := [...]int{1}", "a := [...]int{1}"},
		{"{ ... // more\n}", "{     // more\n}"},
	} {
		if got := elided(tc.in); got != tc.want {
			t.Errorf("elided(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
