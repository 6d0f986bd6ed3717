package main

import (
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
	"github.com/bigcommerce-go/bigcommerce/examples/internal/exampleenv"
)

// newEnv returns a seeded fake store and an Env for it; fake=false makes
// quickstart treat it as a real store.
func newEnv(t *testing.T, fake bool) (*exampleenv.Env, *bigcommercetest.Store) {
	t.Helper()
	store := bigcommercetest.New(bigcommercetest.Config{})
	seed := exampleenv.DefaultSeed()
	store.Seed(seed)
	env, err := exampleenv.ForStore(store, seed, fake)
	if err != nil {
		t.Fatal(err)
	}
	return env, store
}

// adjustments counts the absolute inventory adjustments the store received.
func adjustments(store *bigcommercetest.Store) int {
	n := 0
	for _, r := range store.RequestLog() {
		if r.Method == "PUT" && strings.HasSuffix(r.Path, "/v3/inventory/adjustments/absolute") {
			n++
		}
	}
	return n
}

var adjustLine = regexp.MustCompile(`(?m)^Inventory of (\S+) at .*\n  (\d+) -> (\d+) \(absolute adjustment, transaction \S+\)$`)

func TestQuickstartAgainstFakeStore(t *testing.T) {
	env, store := newEnv(t, true)
	var out, errOut bytes.Buffer
	if err := runWith(context.Background(), nil, &out, &errOut, exampleenv.Use(env)); err != nil {
		t.Fatalf("run: %v\nstderr: %s", err, errOut.String())
	}
	text := out.String()
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	if lines[0] != env.Notice() || !strings.HasPrefix(lines[0], "No BIGCOMMERCE_STORE_HASH/BIGCOMMERCE_ACCESS_TOKEN set") {
		t.Errorf("first line %q, want the fake-store notice", lines[0])
	}
	if n := len(lines); n < 30 || n > 50 {
		t.Errorf("%d lines of output, want 30 to 50:\n%s", n, text)
	}
	for _, want := range []string{
		"Store: Fake Store (fakestore.example.com), plan Standard, currency USD",
		"Customers created in the last 30 days: ",
		"Products: 25 (showing 3), with their variants",
		"        SKU-000001-XS ",
		"Top-level categories: Bath, Kitchen\n",
		"Customer groups: Retail, Wholesale, Guests\n",
		"Orders: 60 (showing 3), newest first",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	if regexp.MustCompile(`Customers created in the last 30 days: 0\b`).MatchString(text) {
		t.Errorf("no recent customers found; the seed's recent dates should make some:\n%s", text)
	}
	m := adjustLine.FindStringSubmatch(text)
	if m == nil {
		t.Fatalf("no before -> after line:\n%s", text)
	}
	before, _ := strconv.Atoi(m[2])
	after, _ := strconv.Atoi(m[3])
	if after != before+5 {
		t.Errorf("%d -> %d: want the default quantity before+5", before, after)
	}
	if got, ok := store.StockAt(1, m[1]); !ok || got != after {
		t.Errorf("store has %s at location 1 = %d (ok %v), output says %d", m[1], got, ok, after)
	}
	if n := adjustments(store); n != 1 {
		t.Errorf("%d adjustment requests, want 1", n)
	}
	if errOut.Len() != 0 {
		t.Errorf("stderr: %q", errOut.String())
	}
}

func TestQuickstartRealStoreWritesNothingWithoutWrite(t *testing.T) {
	env, store := newEnv(t, false)
	before, _ := store.StockAt(1, "SKU-000001-XS")
	var out, errOut bytes.Buffer
	if err := runWith(context.Background(), nil, &out, &errOut, exampleenv.Use(env)); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.Contains(out.String(), "nothing written: pass -write") {
		t.Errorf("output does not say nothing was written:\n%s", out.String())
	}
	if n := adjustments(store); n != 0 {
		t.Errorf("%d adjustment requests against a 'real' store without -write", n)
	}
	for _, r := range store.RequestLog() {
		if r.Method != "GET" {
			t.Errorf("write request %s %s without -write", r.Method, r.Path)
		}
	}
	if after, _ := store.StockAt(1, "SKU-000001-XS"); after != before {
		t.Errorf("stock changed %d -> %d", before, after)
	}
}

func TestQuickstartRealStoreWrite(t *testing.T) {
	env, store := newEnv(t, false)
	var out, errOut bytes.Buffer
	args := []string{"-write", "-sku", "SKU-000002-S", "-quantity", "7"}
	if err := runWith(context.Background(), args, &out, &errOut, exampleenv.Use(env)); err != nil {
		t.Fatalf("run: %v", err)
	}
	if got, _ := store.StockAt(1, "SKU-000002-S"); got != 7 {
		t.Errorf("stock = %d, want 7", got)
	}
	if !regexp.MustCompile(`(?m)^  \d+ -> 7 \(absolute adjustment`).MatchString(out.String()) {
		t.Errorf("no before -> 7 line:\n%s", out.String())
	}
	if n := adjustments(store); n != 1 {
		t.Errorf("%d adjustment requests, want 1", n)
	}
}

func TestQuickstartUsageErrors(t *testing.T) {
	tests := []struct {
		name string
		fake bool
		args []string
		code int
	}{
		{"unknown flag", true, []string{"-bogus"}, 2},
		{"positional argument", true, []string{"now"}, 2},
		{"bad -n", true, []string{"-n", "0"}, 2},
		{"negative quantity", true, []string{"-quantity", "-4"}, 2},
		{"real write without sku", false, []string{"-write"}, 2},
		{"help", true, []string{"-h"}, 0},
		{"unknown SKU", true, []string{"-sku", "NO-SUCH-SKU"}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, store := newEnv(t, tt.fake)
			var out, errOut bytes.Buffer
			err := runWith(context.Background(), tt.args, &out, &errOut, exampleenv.Use(env))
			if got := exampleenv.ExitCode(err); got != tt.code {
				t.Errorf("exit code %d, want %d (err %v)", got, tt.code, err)
			}
			if n := adjustments(store); n != 0 {
				t.Errorf("%d adjustments sent", n)
			}
		})
	}
}

// TestRunWithoutCredentials runs the program exactly as go run does, with
// the process environment empty of credentials.
func TestRunWithoutCredentials(t *testing.T) {
	t.Setenv(exampleenv.EnvStoreHash, "")
	t.Setenv(exampleenv.EnvAccessToken, "")
	var out, errOut bytes.Buffer
	if err := run(context.Background(), nil, &out, &errOut); err != nil {
		t.Fatalf("run: %v", err)
	}
	if !strings.HasPrefix(out.String(), "No BIGCOMMERCE_STORE_HASH/BIGCOMMERCE_ACCESS_TOKEN set: running against the embedded fake store (seeded with 40 customers, 25 products, 60 orders).\n") {
		t.Errorf("first line: %q", strings.SplitN(out.String(), "\n", 2)[0])
	}
}

func TestRunWithOneCredentialFails(t *testing.T) {
	const token = "tok-SECRET-12345"
	t.Setenv(exampleenv.EnvStoreHash, "")
	t.Setenv(exampleenv.EnvAccessToken, token)
	var out, errOut bytes.Buffer
	err := run(context.Background(), nil, &out, &errOut)
	if exampleenv.ExitCode(err) != 1 {
		t.Fatalf("exit code %d (err %v), want 1", exampleenv.ExitCode(err), err)
	}
	if !strings.Contains(err.Error(), "BIGCOMMERCE_STORE_HASH is not") {
		t.Errorf("error %q does not name the missing variable", err)
	}
	for _, s := range []string{out.String(), errOut.String(), err.Error()} {
		if strings.Contains(s, token) {
			t.Errorf("the token was printed: %q", s)
		}
	}
}

// The orders' line items come inline with the order list: no request per
// order, and every shown order lists its items.
func TestQuickstartReadsLineItemsInline(t *testing.T) {
	env, store := newEnv(t, true)
	var out, errOut bytes.Buffer
	if err := runWith(context.Background(), nil, &out, &errOut, exampleenv.Use(env)); err != nil {
		t.Fatalf("run: %v\nstderr: %s", err, errOut.String())
	}
	lists := 0
	for _, r := range store.RequestLog() {
		switch {
		case strings.HasSuffix(r.Path, "/products") && strings.Contains(r.Path, "/v2/orders/"):
			t.Errorf("GET %s: a request per order for its line items", r.Path)
		case r.Method == "GET" && strings.HasSuffix(r.Path, "/v2/orders"):
			lists++
			if !strings.Contains(r.RawQuery, "include=consignments.line_items") || !strings.Contains(r.RawQuery, "consignment_structure=object") {
				t.Errorf("order list without the line items: %s", r.RawQuery)
			}
		}
	}
	if lists != 1 {
		t.Errorf("%d order list requests, want 1", lists)
	}
	_, section, _ := strings.Cut(out.String(), "newest first\n")
	section, _, _ = strings.Cut(section, "\n\n")
	orders := regexp.MustCompile(`(?m)^  #\d+ `).FindAllStringIndex(section, -1)
	items := regexp.MustCompile(`(?m)^        \d+ x `).FindAllStringIndex(section, -1)
	if len(orders) != 3 || len(items) < 3 {
		t.Errorf("%d orders and %d line items shown, want 3 orders each with items:\n%s", len(orders), len(items), section)
	}
}
