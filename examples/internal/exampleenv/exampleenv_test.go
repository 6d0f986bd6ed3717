package exampleenv

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"strings"
	"testing"

	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

const secret = "tok-SECRET-do-not-print"

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestOpenWithoutCredentialsUsesTheFakeStore(t *testing.T) {
	seed := bigcommercetest.SeedOptions{Seed: 3, Customers: 4, Products: 2, Orders: 5}
	e, err := Open(context.Background(), Config{Seed: seed, Getenv: env(nil)})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if !e.Fake || e.Store == nil {
		t.Fatalf("Fake = %v, Store = %v; want the fake store", e.Fake, e.Store)
	}
	want := "No BIGCOMMERCE_STORE_HASH/BIGCOMMERCE_ACCESS_TOKEN set: running against the embedded fake store (seeded with 4 customers, 2 products, 5 orders)."
	if got := e.Notice(); got != want {
		t.Errorf("Notice() = %q\nwant %q", got, want)
	}
	info, err := e.Client.Ping(context.Background())
	if err != nil {
		t.Fatalf("Ping against the fake store: %v", err)
	}
	if info.Name != "Fake Store" {
		t.Errorf("store name %q", info.Name)
	}
	if n := e.Store.CustomerCount(); n != 4 {
		t.Errorf("seeded %d customers, want 4", n)
	}
}

func TestOpenZeroSeedUsesDefaultSeed(t *testing.T) {
	e, err := Open(context.Background(), Config{Getenv: env(nil)})
	if err != nil {
		t.Fatal(err)
	}
	d := DefaultSeed()
	if e.Store.CustomerCount() != d.Customers || e.Store.ProductCount() != d.Products || e.Store.OrderCount() != d.Orders {
		t.Errorf("store has %d/%d/%d customers/products/orders, want the default seed %d/%d/%d",
			e.Store.CustomerCount(), e.Store.ProductCount(), e.Store.OrderCount(), d.Customers, d.Products, d.Orders)
	}
}

func TestOpenWithOneVariableNamesTheMissingOne(t *testing.T) {
	tests := []struct {
		name        string
		vars        map[string]string
		wantMissing string
	}{
		{"only hash", map[string]string{EnvStoreHash: "abc123"}, EnvAccessToken + " is not"},
		{"only token", map[string]string{EnvAccessToken: secret}, EnvStoreHash + " is not"},
		{"blank token", map[string]string{EnvStoreHash: "abc123", EnvAccessToken: "   "}, EnvAccessToken + " is not"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := Open(context.Background(), Config{Getenv: env(tt.vars)})
			if err == nil {
				t.Fatalf("Open succeeded (fake=%v); want an error", e.Fake)
			}
			if !strings.Contains(err.Error(), tt.wantMissing) {
				t.Errorf("error %q does not say %q", err, tt.wantMissing)
			}
			if strings.Contains(err.Error(), secret) {
				t.Errorf("error contains the token: %q", err)
			}
		})
	}
}

func TestOpenWithBothUsesTheRealStore(t *testing.T) {
	e, err := Open(context.Background(), Config{Getenv: env(map[string]string{EnvStoreHash: "abc123", EnvAccessToken: secret})})
	if err != nil {
		t.Fatal(err)
	}
	if e.Fake || e.Store != nil {
		t.Fatalf("Fake = %v; want the real store", e.Fake)
	}
	if got, want := e.Client.BaseURL(), "https://api.bigcommerce.com/stores/abc123"; got != want {
		t.Errorf("BaseURL = %q, want %q", got, want)
	}
	if n := e.Notice(); !strings.Contains(n, `"abc123"`) || strings.Contains(n, secret) {
		t.Errorf("Notice() = %q: want the hash and never the token", n)
	}
}

func TestOpenMalformedHashDoesNotLeakToken(t *testing.T) {
	_, err := Open(context.Background(), Config{Getenv: env(map[string]string{EnvStoreHash: "Not A Hash", EnvAccessToken: secret})})
	if err == nil {
		t.Fatal("Open accepted a malformed store hash")
	}
	if !strings.Contains(err.Error(), EnvStoreHash) || strings.Contains(err.Error(), secret) {
		t.Errorf("error %q: want it to name %s and not contain the token", err, EnvStoreHash)
	}
}

func TestConnectUsesProcessEnvironment(t *testing.T) {
	t.Setenv(EnvStoreHash, "")
	t.Setenv(EnvAccessToken, "")
	client, fake, cleanup, err := Connect(context.Background(), bigcommercetest.SeedOptions{Seed: 1, Customers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if !fake {
		t.Fatal("Connect without credentials: fake = false")
	}
	if _, err := client.Ping(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestParseAndExitCodes(t *testing.T) {
	newFS := func(out io.Writer) *flag.FlagSet {
		fs := flag.NewFlagSet("prog", flag.ContinueOnError)
		fs.SetOutput(out)
		fs.Bool("write", false, "")
		return fs
	}
	tests := []struct {
		args     []string
		wantCode int
		wantOut  string // what Report adds
	}{
		{[]string{"-write"}, 0, ""},
		{[]string{"-nope"}, 2, ""}, // the flag package printed it already
		{[]string{"extra"}, 2, `prog: unexpected argument "extra"`},
		{[]string{"-h"}, 0, ""},
	}
	for _, tt := range tests {
		var flagOut, report bytes.Buffer
		err := Parse(newFS(&flagOut), tt.args)
		if got := ExitCode(err); got != tt.wantCode {
			t.Errorf("%v: ExitCode = %d, want %d (err %v)", tt.args, got, tt.wantCode, err)
		}
		Report(&report, "prog", err)
		if tt.wantOut == "" && report.Len() != 0 || !strings.Contains(report.String(), tt.wantOut) {
			t.Errorf("%v: Report wrote %q, want %q", tt.args, report.String(), tt.wantOut)
		}
	}
	if got := ExitCode(errors.New("boom")); got != 1 {
		t.Errorf("ExitCode(other error) = %d, want 1", got)
	}
	var report bytes.Buffer
	Report(&report, "prog", errors.New("boom"))
	if report.String() != "prog: error: boom\n" {
		t.Errorf("Report = %q", report.String())
	}
}
