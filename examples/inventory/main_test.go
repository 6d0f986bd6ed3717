package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
	"github.com/bigcommerce-go/bigcommerce/examples/internal/exampleenv"
)

func newEnv(t *testing.T, seed bigcommercetest.SeedOptions, fake bool) (*exampleenv.Env, *bigcommercetest.Store) {
	t.Helper()
	store := bigcommercetest.New(bigcommercetest.Config{})
	store.Seed(seed)
	env, err := exampleenv.ForStore(store, seed, fake)
	if err != nil {
		t.Fatal(err)
	}
	return env, store
}

// adjustments counts the absolute adjustment requests the store received.
func adjustments(store *bigcommercetest.Store) int {
	n := 0
	for _, r := range store.RequestLog() {
		if r.Method == "PUT" && strings.HasSuffix(r.Path, "/v3/inventory/adjustments/absolute") {
			n++
		}
	}
	return n
}

func writeCSV(t *testing.T, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "stock.csv")
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func runInv(env *exampleenv.Env, args ...string) (stdout, stderr string, err error) {
	var out, errOut bytes.Buffer
	err = runWith(context.Background(), args, &out, &errOut, exampleenv.Use(env))
	return out.String(), errOut.String(), err
}

// progressLine is the line printed from WithProgress after each request.
var progressLine = regexp.MustCompile(`(?m)^  request answered: `)

func TestEmbeddedSampleAppliesToFakeStore(t *testing.T) {
	env, store := newEnv(t, exampleenv.DefaultSeed(), true)
	out, errOut, err := runInv(env)
	if err != nil {
		t.Fatalf("run: %v\n%s\n%s", err, out, errOut)
	}
	if !strings.HasPrefix(out, env.Notice()+"\nReading the embedded sample.csv") {
		t.Errorf("output does not start with the notice and the sample:\n%s", out)
	}
	rows, bad, err := parseCSV(bytes.NewReader(sampleCSV))
	if err != nil || len(bad) > 0 || len(rows) < 10 {
		t.Fatalf("sample.csv: %d rows, bad %v, err %v", len(rows), bad, err)
	}
	for _, r := range rows {
		if got, ok := store.StockAt(r.locationID, r.sku); !ok || got != r.quantity {
			t.Errorf("line %d: %s at %d = %d (known %v), want %d", r.line, r.sku, r.locationID, got, ok, r.quantity)
		}
	}
	if n := adjustments(store); n != 1 {
		t.Errorf("%d adjustment requests, want 1", n)
	}
	if n := len(progressLine.FindAllString(out, -1)); n != 1 {
		t.Errorf("%d progress lines printed, want 1:\n%s", n, out)
	}
	if want := fmt.Sprintf("Read back: %d of %d rows at the requested level.", len(rows), len(rows)); !strings.Contains(out, want) {
		t.Errorf("output lacks %q:\n%s", want, out)
	}
}

const badCSV = `sku,location_id,quantity
SKU-000001-XS,1,7
SKU-000001-S,1
,1,5
SKU-000002-S,x,5
SKU-000002-M,0,5
SKU-000003-XS,1,many
SKU-000003-S,1,-2
sku-000001-xs,1,9
SKU-000004-M,2,11
"unterminated,1,1
`

func TestBadRowsSendNothing(t *testing.T) {
	env, store := newEnv(t, exampleenv.DefaultSeed(), true)
	before, _ := store.StockAt(1, "SKU-000001-XS")
	out, errOut, err := runInv(env, "-file", writeCSV(t, badCSV))
	if code := exampleenv.ExitCode(err); code != 1 {
		t.Fatalf("exit code %d (err %v), want 1", code, err)
	}
	if !strings.Contains(err.Error(), "8 bad rows") || !strings.Contains(err.Error(), "2 good; nothing sent") {
		t.Errorf("error %q", err)
	}
	for _, want := range []string{
		"stock.csv:3: 2 columns, want 3",
		"stock.csv:4: empty SKU",
		`stock.csv:5: location_id "x" is not an integer`,
		"stock.csv:6: location_id 0: want 1 or more",
		`stock.csv:7: quantity "many" is not an integer`,
		"stock.csv:8: quantity -2: a stock level cannot be negative",
		`stock.csv:9: duplicate: SKU "sku-000001-xs" at location 1 is already set on line 2`,
		"stock.csv:11: malformed CSV",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "stock.csv:2:") || strings.Contains(errOut, "stock.csv:10:") {
		t.Errorf("good rows reported as bad:\n%s", errOut)
	}
	if n := adjustments(store); n != 0 {
		t.Errorf("%d adjustment requests despite bad rows", n)
	}
	if n := store.Requests(); n != 0 {
		t.Errorf("%d requests sent; a CSV with bad rows should send none", n)
	}
	if after, _ := store.StockAt(1, "SKU-000001-XS"); after != before {
		t.Errorf("stock changed %d -> %d", before, after)
	}
	_ = out
}

func TestSkipBadSendsTheGoodRows(t *testing.T) {
	env, store := newEnv(t, exampleenv.DefaultSeed(), true)
	before, _ := store.StockAt(1, "SKU-000003-S")
	out, errOut, err := runInv(env, "-file", writeCSV(t, badCSV), "-skip-bad")
	if err != nil {
		t.Fatalf("run: %v\n%s\n%s", err, out, errOut)
	}
	if !strings.Contains(out, "Validated 10 rows: 2 good, 8 bad skipped (-skip-bad).") {
		t.Errorf("output:\n%s", out)
	}
	if !strings.Contains(errOut, "stock.csv:8: quantity -2") {
		t.Errorf("bad rows not reported with -skip-bad:\n%s", errOut)
	}
	if got, _ := store.StockAt(1, "SKU-000001-XS"); got != 7 {
		t.Errorf("SKU-000001-XS = %d, want 7 (line 2; the duplicate on line 9 is skipped)", got)
	}
	if got, _ := store.StockAt(2, "SKU-000004-M"); got != 11 {
		t.Errorf("SKU-000004-M at 2 = %d, want 11", got)
	}
	if after, _ := store.StockAt(1, "SKU-000003-S"); after != before {
		t.Errorf("a bad row was applied: SKU-000003-S %d -> %d", before, after)
	}
	if n := adjustments(store); n != 1 {
		t.Errorf("%d adjustment requests, want 1", n)
	}
}

func TestLargeFileIsSentInThreeChunks(t *testing.T) {
	// 750 products x 3 variants x 2 locations = 4,500 SKU/location pairs.
	seed := bigcommercetest.SeedOptions{Seed: 9, Products: 750, VariantsPerProduct: 3, Locations: 2}
	env, store := newEnv(t, seed, true)
	var b strings.Builder
	b.WriteString("sku,location_id,quantity\n")
	type want struct {
		sku      string
		loc, qty int
	}
	var wants []want
	for p := 1; p <= 750; p++ {
		for _, size := range []string{"XS", "S", "M"} {
			for loc := 1; loc <= 2; loc++ {
				w := want{fmt.Sprintf("SKU-%06d-%s", p, size), loc, (p*7 + loc) % 500}
				wants = append(wants, w)
				fmt.Fprintf(&b, "%s,%d,%d\n", w.sku, w.loc, w.qty)
			}
		}
	}
	if len(wants) != 4500 {
		t.Fatalf("generated %d rows", len(wants))
	}
	out, errOut, err := runInv(env, "-file", writeCSV(t, b.String()))
	if err != nil {
		t.Fatalf("run: %v\n%s\n%s", err, out, errOut)
	}
	if n := adjustments(store); n != 3 {
		t.Errorf("%d adjustment requests for 4,500 rows, want 3", n)
	}
	if n := len(progressLine.FindAllString(out, -1)); n != 3 {
		t.Errorf("%d progress lines printed, want 3:\n%s", n, out)
	}
	if !strings.Contains(out, "Sending 4500 absolute adjustments in 3 request(s)") || !strings.Contains(out, "Read back: 4500 of 4500 rows at the requested level.") {
		t.Errorf("output:\n%s", out)
	}
	for _, w := range wants {
		if got, _ := store.StockAt(w.loc, w.sku); got != w.qty {
			t.Fatalf("%s at %d = %d, want %d", w.sku, w.loc, got, w.qty)
		}
	}
}

func TestRejectedChunkNamesTheLine(t *testing.T) {
	env, store := newEnv(t, exampleenv.DefaultSeed(), true)
	csv := "SKU-000001-XS,1,3\nNO-SUCH-SKU,1,4\n"
	out, _, err := runInv(env, "-file", writeCSV(t, csv))
	if code := exampleenv.ExitCode(err); code != 1 {
		t.Fatalf("exit code %d (err %v), want 1", code, err)
	}
	if !strings.Contains(out, "request 1 (2 rows, lines 1-2) not applied") || !strings.Contains(out, "line 2 (NO-SUCH-SKU at location 1)") ||
		!strings.Contains(out, "the other 1 rows of this request are not applied either") {
		t.Errorf("output does not explain the rejected row:\n%s", out)
	}
	if want := "no adjustment was applied: 2 of 2 rows were not applied: 1 named as bad by BigCommerce, 1 rejected with them"; !strings.Contains(err.Error(), want) {
		t.Errorf("error %q, want it to contain %q", err, want)
	}
	if got, _ := store.StockAt(1, "SKU-000001-XS"); got == 3 {
		t.Error("a row of the rejected request was applied")
	}
}

func TestRealStoreIsDryRunWithoutWrite(t *testing.T) {
	env, store := newEnv(t, exampleenv.DefaultSeed(), false)
	path := writeCSV(t, "SKU-000001-XS,1,999\nSKU-000002-S,2,998\nNOPE,1,1\n")
	out, _, err := runInv(env, "-file", path)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, out)
	}
	for _, want := range []string{"Dry run: nothing sent. 2 of 3 rows would change stock; 1 SKU/location pairs were not found", "line 1: SKU-000001-XS at location 1: ", "Pass -write to send 3 absolute adjustments in 1 request(s)."} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, r := range store.RequestLog() {
		if r.Method != "GET" {
			t.Errorf("%s %s sent to a real store without -write", r.Method, r.Path)
		}
	}

	// -write sends; -write with the embedded sample is refused.
	if _, _, err := runInv(env, "-file", writeCSV(t, "SKU-000001-XS,1,999\n"), "-write"); err != nil {
		t.Fatalf("-write: %v", err)
	}
	if got, _ := store.StockAt(1, "SKU-000001-XS"); got != 999 {
		t.Errorf("after -write: %d, want 999", got)
	}
	before := adjustments(store)
	if _, _, err := runInv(env, "-write"); exampleenv.ExitCode(err) != 2 {
		t.Errorf("-write with the embedded sample against a real store: err %v, want a usage error", err)
	}
	if adjustments(store) != before {
		t.Error("the embedded sample was sent to a real store")
	}
}

func TestUsageAndFileErrors(t *testing.T) {
	env, _ := newEnv(t, exampleenv.DefaultSeed(), true)
	tests := []struct {
		args []string
		code int
	}{
		{[]string{"-bogus"}, 2},
		{[]string{"-n", "-1"}, 2},
		{[]string{"file.csv"}, 2},
		{[]string{"-file", filepath.Join(t.TempDir(), "missing.csv")}, 1},
		{[]string{"-file", writeCSV(t, "sku,location_id,quantity\n")}, 1},
		{[]string{"-h"}, 0},
	}
	for _, tt := range tests {
		_, _, err := runInv(env, tt.args...)
		if got := exampleenv.ExitCode(err); got != tt.code {
			t.Errorf("%v: exit code %d (err %v), want %d", tt.args, got, err, tt.code)
		}
	}
}

func TestParseCSV(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		wantRows int
		wantBad  []string // "line: reason prefix"
	}{
		{"no header", "A,1,2\nB,2,0\n", 2, nil},
		{"header with BOM and spaces", "\ufeffSKU, Location_ID ,QUANTITY\n A ,1, 2\n", 1, nil},
		{"wrong header", "sku,qty\nA,1,2\n", 1, []string{`1: header "sku,qty"`}},
		{"blank lines are ignored", "A,1,2\n\n\nB,1,3\n", 2, nil},
		{"several problems in one row", ",0,-1\n", 0, []string{"1: empty SKU; location_id 0: want 1 or more; quantity -1"}},
		{"too large", "A,1,2147483648\n", 0, []string{"1: quantity 2147483648: more than"}},
		{"quoted comma in SKU", "\"A,B\",1,2\n", 1, nil},
		{"duplicate differs in case", "abc,1,1\nABC,1,2\nABC,2,2\n", 2, []string{`2: duplicate: SKU "ABC" at location 1 is already set on line 1`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, bad, err := parseCSV(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != tt.wantRows {
				t.Errorf("%d good rows, want %d: %+v", len(rows), tt.wantRows, rows)
			}
			if len(bad) != len(tt.wantBad) {
				t.Fatalf("bad rows %+v, want %v", bad, tt.wantBad)
			}
			for i, b := range bad {
				if got := fmt.Sprintf("%d: %s", b.line, b.reason); !strings.HasPrefix(got, tt.wantBad[i]) {
					t.Errorf("bad row %q, want prefix %q", got, tt.wantBad[i])
				}
			}
		})
	}
	rows, _, _ := parseCSV(strings.NewReader("\ufeffsku,location_id,quantity\n A ,3, 4\n"))
	if len(rows) != 1 || rows[0] != (row{line: 2, sku: "A", locationID: 3, quantity: 4}) {
		t.Errorf("rows %+v", rows)
	}
}

func TestPartialFailureAppliesTheOtherChunks(t *testing.T) {
	seed := bigcommercetest.SeedOptions{Seed: 9, Products: 400, VariantsPerProduct: 3, Locations: 2}
	env, store := newEnv(t, seed, true)
	var b strings.Builder
	b.WriteString("NO-SUCH-SKU,1,5\n") // line 1: rejects the first request of 2,000 rows
	rows := 1
	for p := 1; rows < 2001; p++ {
		for _, size := range []string{"XS", "S", "M"} {
			for loc := 1; loc <= 2 && rows < 2001; loc++ {
				fmt.Fprintf(&b, "SKU-%06d-%s,%d,%d\n", p, size, loc, 321)
				rows++
			}
		}
	}
	out, _, err := runInv(env, "-file", writeCSV(t, b.String()))
	// BigCommerce names one row; the 1,999 others of its request were
	// rejected with it and are counted as such, not as bad.
	want := "2000 of 2001 rows were not applied: 1 named as bad by BigCommerce, 1999 rejected with them in the same request"
	if code := exampleenv.ExitCode(err); code != 1 || !strings.Contains(err.Error(), want) {
		t.Fatalf("exit code %d, err %v; want 1 and %q", code, err, want)
	}
	if n := adjustments(store); n != 2 {
		t.Errorf("%d adjustment requests, want 2 (the second chunk is still sent after a 422)", n)
	}
	if n := len(progressLine.FindAllString(out, -1)); n != 2 || !strings.Contains(out, "request answered: 2000 of 2001 rows done, 2000 failed") {
		t.Errorf("%d progress lines, want 2, the first with the failed request:\n%s", n, out)
	}
	if !strings.Contains(out, "request 1 (2000 rows, lines 1-2000) not applied") || !strings.Contains(out, "line 1 (NO-SUCH-SKU at location 1)") {
		t.Errorf("output does not name the rejected request and line:\n%s", out)
	}
	if !strings.Contains(out, "Read back: 1 of 1 rows at the requested level.") {
		t.Errorf("read-back of the applied chunk:\n%s", out)
	}
	// Line 2001 was in the second request, which was applied.
	if got, _ := store.StockAt(2, "SKU-000334-XS"); got != 321 {
		t.Errorf("last row not applied: %d", got)
	}
}

// TestUnterminatedQuoteDoesNotSwallowTheRest: an open quote is one bad
// line; every later line is still checked and its problems reported.
func TestUnterminatedQuoteDoesNotSwallowTheRest(t *testing.T) {
	in := "sku,location_id,quantity\n" +
		"SKU-000001-XS,1,7\n" +
		"\"SKU-000001-S,1,4\n" + // line 3: the quote is never closed
		"SKU-000001-M,1,x\n" + // line 4: bad quantity
		"SKU-000002-XS,1,3\n" + // line 5: good
		"SKU-000002-S,0,3\r\n" + // line 6: bad location, CRLF
		"a\"b,1,2\n" // line 7: a bare quote inside a field
	rows, bad, err := parseCSV(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, b := range bad {
		got = append(got, fmt.Sprintf("%d: %s", b.line, b.reason))
	}
	want := []string{
		"3: malformed CSV: a quote is not closed on this line",
		`4: quantity "x" is not an integer`,
		"6: location_id 0: want 1 or more",
		"7: malformed CSV: ",
	}
	if len(got) != len(want) {
		t.Fatalf("bad rows %q, want %d", got, len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("bad row %q, want prefix %q", got[i], want[i])
		}
	}
	if len(rows) != 2 || rows[0].line != 2 || rows[1].line != 5 || rows[1].sku != "SKU-000002-XS" {
		t.Errorf("good rows %+v, want lines 2 and 5", rows)
	}

	// Through the program: the error counts every bad row.
	env, store := newEnv(t, exampleenv.DefaultSeed(), true)
	_, errOut, err := runInv(env, "-file", writeCSV(t, in))
	if err == nil || !strings.Contains(err.Error(), "4 bad rows (listed above), 2 good") {
		t.Errorf("err %v", err)
	}
	if !strings.Contains(errOut, "stock.csv:6: location_id 0") {
		t.Errorf("stderr lacks the line after the open quote:\n%s", errOut)
	}
	if n := store.Requests(); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

func TestSemicolonSeparatedFile(t *testing.T) {
	env, store := newEnv(t, exampleenv.DefaultSeed(), true)
	in := "sku;location_id;quantity\nSKU-000001-XS;1;5\nSKU-000001-S;1;4\n"
	_, errOut, err := runInv(env, "-file", writeCSV(t, in))
	if code := exampleenv.ExitCode(err); code != 1 {
		t.Fatalf("exit code %d (err %v), want 1", code, err)
	}
	for _, want := range []string{
		"stock.csv:2: 1 column, want 3 (sku,location_id,quantity): the row looks semicolon-separated",
		"stock.csv: 3 of 3 bad rows look semicolon-separated: the file seems to use ';' between columns; save it with ',' instead",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
	if n := store.Requests(); n != 0 {
		t.Errorf("%d requests sent", n)
	}

	// One stray semicolon row in a comma file gets the row hint, not the
	// file-level one.
	_, bad, _ := parseCSV(strings.NewReader("A,1,2\nB;1;2\nC,1\nD,1\n"))
	if len(bad) != 3 || !strings.HasSuffix(bad[0].reason, semicolonHint) || strings.HasSuffix(bad[1].reason, semicolonHint) {
		t.Errorf("bad rows %+v", bad)
	}
}

// TestOutageCountsUnsentRows: after a request fails for a reason that is
// not about its rows, the later requests are not sent, and the error
// counts them apart from the rejected ones.
func TestOutageCountsUnsentRows(t *testing.T) {
	seed := bigcommercetest.SeedOptions{Seed: 9, Products: 400, VariantsPerProduct: 3, Locations: 2}
	env, store := newEnv(t, seed, true)
	store.InjectFault(bigcommercetest.Fault{Method: "PUT", PathPrefix: "/v3/inventory/adjustments", Status: 401, Times: 1})
	var b strings.Builder
	rows := 0
	for p := 1; rows < 2001; p++ {
		for _, size := range []string{"XS", "S", "M"} {
			for loc := 1; loc <= 2 && rows < 2001; loc++ {
				fmt.Fprintf(&b, "SKU-%06d-%s,%d,%d\n", p, size, loc, 5)
				rows++
			}
		}
	}
	out, _, err := runInv(env, "-file", writeCSV(t, b.String()))
	want := "no adjustment was applied: 2001 of 2001 rows were not applied: 2000 in requests that failed as a whole, 1 not sent after an earlier request failed"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("err %v\nwant %q", err, want)
	}
	if !strings.Contains(out, "request 2 (1 rows, lines 2001-2001) not sent: an earlier request failed") {
		t.Errorf("output:\n%s", out)
	}
	if n := adjustments(store); n != 1 {
		t.Errorf("%d adjustment requests, want 1", n)
	}
}
