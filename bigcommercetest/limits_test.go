package bigcommercetest

import (
	"fmt"
	"strings"
	"testing"
)

// TestLimitsAndGuards checks, over raw HTTP, what the SDK's
// client-side checks keep users from sending: batch limits (413), deletes
// without a filter, and the V2 shapes.
func TestLimitsAndGuards(t *testing.T) {
	s := seeded(SeedOptions{Seed: 1, Products: 2, VariantsPerProduct: 2})
	h := modes[1].open(t, s)

	records := make([]string, 1001)
	for i := range records {
		records[i] = `{"variant_id":1,"currency":"usd","price":1}`
	}
	r := h.api("PUT", "/v3/pricelists/1/records", "["+strings.Join(records, ",")+"]").want(t, 413)
	if e := decode[v3Err](t, r); !strings.Contains(e.Title, "1000") {
		t.Errorf("413 title %q does not give the limit", e.Title)
	}
	assignments := make([]string, 26)
	for i := range assignments {
		assignments[i] = `{"price_list_id":1,"channel_id":1}`
	}
	h.api("POST", "/v3/pricelists/assignments", "["+strings.Join(assignments, ",")+"]").want(t, 413)
	trees := make([]string, 51)
	for i := range trees {
		trees[i] = fmt.Sprintf(`{"name":"t%d","channels":[%d]}`, i, i+10)
	}
	r = h.api("PUT", "/v3/catalog/trees", "["+strings.Join(trees, ",")+"]").want(t, 413)
	if e := decode[v3Err](t, r); !strings.Contains(e.Title, "maximum trees allowed in the array is 50") {
		t.Errorf("trees 413 title %q", e.Title)
	}

	// Deletes that need a filter answer 422 and delete nothing.
	for _, path := range []string{"/v3/catalog/trees", "/v3/catalog/trees/categories", "/v3/pricelists/assignments", "/v3/catalog/brands"} {
		h.api("DELETE", path, nil).want(t, 422)
	}
	if got := decode[v3List](t, h.api("GET", "/v3/catalog/brands", nil).want(t, 200)); len(got.Data) != 5 {
		t.Errorf("%d brands after refused deletes, want 5", len(got.Data))
	}
	// As on the real API, an unfiltered DELETE /v3/pricelists deletes them all.
	h.api("DELETE", "/v3/pricelists", nil).want(t, 204)
	if got := decode[v3List](t, h.api("GET", "/v3/pricelists", nil).want(t, 200)); len(got.Data) != 0 {
		t.Errorf("%d price lists left", len(got.Data))
	}

	// V2: an empty page is 204 with no body; unknown V3 filters are 422.
	r = h.api("GET", "/v2/customer_groups?page=9", nil).want(t, 204)
	if len(r.body) != 0 {
		t.Errorf("204 with body %q", r.body)
	}
	h.api("GET", "/v2/payments/methods?page=2&limit=5", nil).want(t, 204)
	h.api("GET", "/v3/catalog/brands?color=red", nil).want(t, 422)
	r = h.api("POST", "/v2/customer_groups", `{"is_default":true}`).want(t, 400)
	if !strings.HasPrefix(string(r.body), "[") {
		t.Errorf("V2 error is not an array: %s", r.body)
	}
}
