package bigcommerce_test

import (
	"maps"
	"strings"
	"testing"

	"github.com/bigcommerce-go/bigcommerce/internal/docsnippets"
)

// TestDocSnippets compiles every Go snippet of the documentation (the
// README's and other Markdown files' ```go blocks, the code blocks of the
// doc comments godoc shows, in every package but internal ones) and runs
// those that use the environment's client against a seeded
// bigcommercetest store. The convention is in CONTRIBUTING.md ("Snippets
// in the documentation"); the names snippets use without declaring them are
// in testdata/snippets/env.go.
func TestDocSnippets(t *testing.T) {
	snippets, err := docsnippets.Find(".")
	if err != nil {
		t.Fatal(err)
	}
	imports := maps.Clone(docsnippets.StdImports)
	maps.Copy(imports, map[string]string{
		"bigcommerce":     "github.com/bigcommerce-go/bigcommerce",
		"bigcommercetest": "github.com/bigcommerce-go/bigcommerce/bigcommercetest",
		"redisquota":      "github.com/bigcommerce-go/bigcommerce/redisquota",
		"redis":           "github.com/redis/go-redis/v9",
		"decimal":         "github.com/shopspring/decimal",
	})
	c := docsnippets.Checker{Dir: ".", Env: "testdata/snippets/env.go", Imports: imports}
	results, err := c.Check(t.Context(), snippets)
	if err != nil {
		t.Fatal(err)
	}
	var compiled, ran, marked int
	files := map[string]int{}
	for _, r := range results {
		s := r.Snippet
		files[s.File]++
		switch {
		case s.NoCompile != "":
			marked++
			t.Logf("%s: not compiled: %s", s, s.NoCompile)
			continue
		case len(r.Errors) > 0:
			t.Errorf("%s: the snippet does not compile:\n\t%s\n%s", s, strings.Join(r.Errors, "\n\t"), s.Code)
			continue
		}
		compiled++
		switch {
		case r.RunError != "":
			t.Errorf("%s: the snippet compiles but fails when run against bigcommercetest:\n%s\n%s", s, r.RunError, s.Code)
		case r.Ran:
			ran++
			t.Logf("%s: compiled and ran", s)
		default:
			t.Logf("%s: compiled", s)
		}
	}
	t.Logf("%d Go snippets in %d files: %d compiled, %d of them also run; %d marked not compiled", len(results), len(files), compiled, ran, marked)

	// The extractor must keep finding the kinds of snippets known to exist:
	// Markdown fences, the package doc, a method's doc, another package's doc.
	for _, file := range []string{"README.md", "bigcommerce.go", "webhook_receive.go", "bigcommercetest/doc.go"} {
		if files[file] == 0 {
			t.Errorf("no snippet found in %s: is the extractor broken?", file)
		}
	}
	if ran == 0 {
		t.Error("no snippet ran: is the run broken?")
	}
}
