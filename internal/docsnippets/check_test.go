package docsnippets

import (
	"maps"
	"strings"
	"testing"
)

// checkerCase is one snippet given to the checker and what it must find.
type checkerCase struct {
	name    string
	snippet Snippet
	// errs are substrings of the compile errors, in order; none when the
	// snippet compiles.
	errs []string
	// ran and runErr: whether it ran, and a substring of why the run failed.
	ran    bool
	runErr string
}

var checkerCases = []checkerCase{
	{
		name: "the package doc's broken snippet (issue 20)",
		snippet: Snippet{File: "bigcommerce.go", Line: 46, Code: `for order, err := range client.Orders.All(ctx, &bigcommerce.OrderFilter{StatusID: bigcommerce.Ptr(11)}) {
	if err != nil {
		return err
	}
	fmt.Println(order.ID)
}
`},
		errs: []string{"bigcommerce.go:46", "cannot use bigcommerce.Ptr(11) (value of type *int) as *bigcommerce.OrderStatusID value"},
	},
	{
		name: "the same snippet fixed compiles and runs",
		snippet: Snippet{File: "bigcommerce.go", Line: 46, Code: `for order, err := range client.Orders.All(ctx, &bigcommerce.OrderFilter{StatusID: bigcommerce.Ptr(bigcommerce.OrderStatusAwaitingFulfillment)}) {
	if err != nil {
		return err
	}
	fmt.Println(order.ID)
}
`},
		ran: true,
	},
	{
		name:    "a broken snippet marked not compiled",
		snippet: Snippet{File: "README.md", Line: 3, Code: "client.Orders.NoSuchMethod()\n", NoCompile: "deliberately wrong"},
	},
	{
		name:    "an undefined name, on the snippet's second line",
		snippet: Snippet{File: "README.md", Line: 10, Code: "x := 1\nfmt.Println(x, nosuch)\n"},
		errs:    []string{"README.md:11", "undefined: nosuch"},
	},
	{
		name:    "a syntax error",
		snippet: Snippet{File: "README.md", Line: 20, Code: "x := 1\ny := )\n"},
		errs:    []string{"README.md:21"},
	},
	{
		name: "unused variables, also one assigned later, are allowed and run",
		snippet: Snippet{File: "README.md", Line: 30, Code: `o, _, err := client.Orders.Get(ctx, 100, nil)
items := o.LineItems()
if o.CheckLineItems() != nil {
	if items, err = client.Orders.CompleteLineItems(ctx, o); err != nil {
		return err
	}
}
for i, item := range items {
}
p, _, err := client.Orders.Get(ctx, 101, nil)
`},
		ran: true,
	},
	{
		name:    "an error returned when run",
		snippet: Snippet{File: "README.md", Line: 40, Code: "_, _, err := client.Orders.Get(ctx, 1, nil)\nreturn err\n"},
		ran:     true, runErr: "404",
	},
	{
		name:    "a panic when run",
		snippet: Snippet{File: "README.md", Line: 50, Code: "var m map[string]int\nm[\"x\"] = 1\n_ = client\n"},
		ran:     true, runErr: "panic: assignment to entry in nil map",
	},
	{
		name:    "a snippet that stops the program",
		snippet: Snippet{File: "README.md", Line: 60, Code: "_ = client\nlog.Fatal(\"gone\")\n"},
		ran:     true, runErr: "gone",
	},
	{
		name:    "the snippet after it still runs",
		snippet: Snippet{File: "README.md", Line: 70, Code: "_, _, err := client.Orders.Get(ctx, 100, nil)\nreturn err\n"},
		ran:     true,
	},
	{
		name:    "marked not run",
		snippet: Snippet{File: "README.md", Line: 80, Code: "return errors.New(\"never\")\n_ = client\n", NoRun: "needs a real store"},
	},
	{
		name:    "a snippet that makes its own client is not run",
		snippet: Snippet{File: "README.md", Line: 90, Code: "client, err := bigcommerce.NewClient(\"abc123\", bigcommerce.TokenAuth{AccessToken: \"t\"})\n_, err = client.Ping(ctx)\nreturn err\n"},
	},
	{
		name: "declarations",
		snippet: Snippet{File: "README.md", Line: 100, Code: `func TestX(t *testing.T) {
	srv := bigcommercetest.NewServer()
	t.Cleanup(srv.Close)
	if _, err := srv.Client(); err != nil { ... }
}
`},
	},
	{
		name:    "declarations that do not compile",
		snippet: Snippet{File: "README.md", Line: 110, Code: "func TestY(t *testing.T) {\n\tt.NoSuch()\n}\n"},
		errs:    []string{"README.md:111", "t.NoSuch undefined"},
	},
	{
		name:    "an expression",
		snippet: Snippet{File: "types.go", Line: 15, Code: "bigcommerce.ProductUpdate{IsVisible: bigcommerce.Ptr(false)}\n"},
	},
	{
		name:    "an expression of the wrong type",
		snippet: Snippet{File: "types.go", Line: 15, Code: "bigcommerce.ProductUpdate{IsVisible: bigcommerce.Ptr(1)}\n"},
		errs:    []string{"types.go:15", "cannot use bigcommerce.Ptr(1)"},
	},
	{
		name:    "a whole program",
		snippet: Snippet{File: "README.md", Line: 120, Code: "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n"},
		ran:     true,
	},
	{
		name:    "a whole program that fails",
		snippet: Snippet{File: "README.md", Line: 130, Code: "package main\n\nimport \"os\"\n\nfunc main() { os.Exit(3) }\n"},
		ran:     true, runErr: "exit status 3",
	},
	{
		name:    "a whole file with an unused import",
		snippet: Snippet{File: "README.md", Line: 140, Code: "package p\n\nimport \"os\"\n"},
		errs:    []string{"README.md:142", `"os" imported and not used`},
	},
}

// TestCheck runs the checker on snippets that compile or not, and run or
// fail, against a small seeded store: a snippet that stops compiling (the
// package doc's OrderStatusID mistake among them) or fails when run is
// reported, at its line in its file.
func TestCheck(t *testing.T) {
	snippets := make([]Snippet, len(checkerCases))
	for i, tc := range checkerCases {
		snippets[i] = tc.snippet
	}
	imports := maps.Clone(StdImports)
	imports["bigcommerce"] = "github.com/bigcommerce-go/bigcommerce"
	imports["bigcommercetest"] = "github.com/bigcommerce-go/bigcommerce/bigcommercetest"
	c := Checker{Dir: "../..", Env: "testdata/env.go", Imports: imports}
	results, err := c.Check(t.Context(), snippets)
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != len(checkerCases) {
		t.Fatalf("%d results for %d snippets", len(results), len(checkerCases))
	}
	for i, tc := range checkerCases {
		r := results[i]
		if r.Snippet != tc.snippet {
			t.Errorf("%s: result %d is for %v", tc.name, i, r.Snippet)
		}
		all := strings.Join(r.Errors, "\n")
		if len(tc.errs) == 0 && all != "" {
			t.Errorf("%s: unexpected compile errors:\n%s", tc.name, all)
		}
		rest := all
		for _, want := range tc.errs {
			i := strings.Index(rest, want)
			if i < 0 {
				t.Errorf("%s: compile errors %q lack %q", tc.name, all, want)
				break
			}
			rest = rest[i+len(want):]
		}
		if r.Ran != tc.ran {
			t.Errorf("%s: ran = %v, want %v", tc.name, r.Ran, tc.ran)
		}
		switch {
		case tc.runErr == "" && r.RunError != "":
			t.Errorf("%s: unexpected run error: %s", tc.name, r.RunError)
		case !strings.Contains(r.RunError, tc.runErr):
			t.Errorf("%s: run error %q lacks %q", tc.name, r.RunError, tc.runErr)
		}
		if ok := len(tc.errs) == 0 && tc.runErr == ""; r.OK() != ok {
			t.Errorf("%s: OK() = %v, want %v", tc.name, r.OK(), ok)
		}
	}
}

// TestCheckBrokenEnvironment: an environment that does not compile is the
// checker's error, not a snippet's.
func TestCheckBrokenEnvironment(t *testing.T) {
	c := Checker{Dir: "../..", Env: "testdata/broken_env.go", Imports: StdImports}
	_, err := c.Check(t.Context(), []Snippet{{File: "README.md", Line: 1, Code: "_ = ctx\n"}})
	if err == nil || !strings.Contains(err.Error(), "does not compile") || !strings.Contains(err.Error(), "undefined: nosuch") {
		t.Errorf("Check with a broken environment: err = %v", err)
	}
}
