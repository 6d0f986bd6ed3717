package main

import (
	"strings"
	"testing"
)

// TestDeprecatedAlias checks the alias a manifest's was: or all_was:
// generates: the former name, the method's parameters and results, a
// Deprecated paragraph naming the method, and a call passing every
// argument (a variadic one spread).
func TestDeprecatedAlias(t *testing.T) {
	src := "// DeleteMany deletes.\nfunc (s *XService) DeleteMany(ctx context.Context, kind Kind, ids ...int) (*Response, error) {\n\treturn nil, nil\n}\n\n" +
		"// Other is another method.\nfunc (s *XService) Other(ctx context.Context) error { return nil }\n"
	got, err := deprecatedAlias(src, "RemoveAll", "DeleteMany")
	if err != nil {
		t.Fatal(err)
	}
	want := "// RemoveAll is the former name of DeleteMany.\n//\n// Deprecated: Use DeleteMany.\n" +
		"func (s *XService) RemoveAll(ctx context.Context, kind Kind, ids ...int) (*Response, error) {\n\treturn s.DeleteMany(ctx, kind, ids...)\n}\n\n"
	if got != want {
		t.Errorf("alias:\n%s\nwant:\n%s", got, want)
	}
	if _, err := deprecatedAlias(src, "Old", "Missing"); err == nil || !strings.Contains(err.Error(), "no method Missing") {
		t.Errorf("aliasing a missing method: %v", err)
	}
}
