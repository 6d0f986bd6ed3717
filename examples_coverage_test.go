package bigcommerce_test

import (
	"go/doc"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
)

// clientServices returns the names of the service types reachable as
// fields of Client (CouponsService, ...).
func clientServices() []string {
	var out []string
	t := reflect.TypeOf(bigcommerce.Client{})
	for i := range t.NumField() {
		f := t.Field(i)
		if f.IsExported() && f.Type.Kind() == reflect.Pointer && strings.HasSuffix(f.Type.Elem().Name(), "Service") {
			out = append(out, f.Type.Elem().Name())
		}
	}
	return out
}

// packageExamples returns the godoc examples of the root package's test
// files, as go doc finds them.
func packageExamples(t *testing.T) []*doc.Example {
	t.Helper()
	names, err := filepath.Glob("*_test.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var examples []*doc.Example
	for _, name := range names {
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		examples = append(examples, doc.Examples(f)...)
	}
	return examples
}

// servicesWithoutExample returns the services no example is attached to:
// godoc attaches ExampleT, ExampleT_suffix, ExampleT_Method and
// ExampleT_Method_suffix to type T.
func servicesWithoutExample(services []string, examples []*doc.Example) []string {
	attached := map[string]bool{}
	for _, ex := range examples {
		typ, _, _ := strings.Cut(ex.Name, "_")
		attached[typ] = true
	}
	var missing []string
	for _, s := range services {
		if !attached[s] {
			missing = append(missing, s)
		}
	}
	return missing
}

// TestEveryServiceHasAnExample: every service of Client has at least one
// godoc example, attached to its type.
func TestEveryServiceHasAnExample(t *testing.T) {
	services := clientServices()
	if len(services) < 100 {
		t.Fatalf("Client has only %d services: is clientServices reading it right?", len(services))
	}
	examples := packageExamples(t)
	for _, s := range servicesWithoutExample(services, examples) {
		t.Errorf("%s has no example: add an Example%s_<Method> function (bcgen writes those of generated services; a hand-written service's goes in %s_example_test.go)", s, s, snake(strings.TrimSuffix(s, "Service")))
	}
	checked := 0
	for _, ex := range examples {
		if typ, _, _ := strings.Cut(ex.Name, "_"); slices.Contains(services, typ) && (ex.Output != "" || ex.EmptyOutput) {
			checked++
		}
	}
	t.Logf("%d services, %d examples of them with a checked output", len(services), checked)
}

// TestServicesWithoutExampleSeesARemovedExample: the check reports a
// service whose only example is taken away, and only that one.
func TestServicesWithoutExampleSeesARemovedExample(t *testing.T) {
	services := clientServices()
	examples := packageExamples(t)
	// Whatever TestEveryServiceHasAnExample finds, start from a complete
	// set: the package's examples, and one for any service without.
	for _, s := range servicesWithoutExample(services, examples) {
		examples = append(examples, &doc.Example{Name: s + "_Get"})
	}
	if missing := servicesWithoutExample(services, examples); len(missing) > 0 {
		t.Fatalf("a complete set of examples: reported %v", missing)
	}
	for _, remove := range []string{"CouponsService", "PriceListsService", "ProductsService"} {
		var kept []*doc.Example
		for _, ex := range examples {
			if typ, _, _ := strings.Cut(ex.Name, "_"); typ != remove {
				kept = append(kept, ex)
			}
		}
		if got := servicesWithoutExample(services, kept); !slices.Equal(got, []string{remove}) {
			t.Errorf("without the examples of %s: reported %v, want [%s]", remove, got, remove)
		}
	}
	// An example of a method of another type with the service's name as
	// a prefix does not count for it.
	if got := servicesWithoutExample([]string{"OrdersService"}, []*doc.Example{{Name: "OrdersServiceX_All"}}); !slices.Equal(got, []string{"OrdersService"}) {
		t.Errorf("a prefix counted as the type: %v", got)
	}
}

// snake turns a Go name into a file stem: PriceLists → price_lists.
func snake(s string) string {
	var b strings.Builder
	for i, r := range s {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return strings.ToLower(b.String())
}
