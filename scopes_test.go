package bigcommerce

import (
	"net/http"
	"strings"
	"testing"
)

// TestRequiredScopeKnowsGeneratedOperations checks that RequiredScope
// answers, for a concrete path of every generated operation, the scope
// the manifest gives it (the read-only one for GET), so an app can ask
// for the right scopes before it calls any of them.
func TestRequiredScopeKnowsGeneratedOperations(t *testing.T) {
	if len(generatedScopes) == 0 {
		t.Fatal("no generated operation has a scope")
	}
	for _, s := range generatedScopes {
		segs := strings.Split(s.pattern, "/")
		for i, seg := range segs {
			if strings.HasPrefix(seg, "{") {
				segs[i] = "7"
			}
		}
		path := strings.Join(segs, "/")
		want := s.write
		if s.method == http.MethodGet {
			want = s.readOnly
		}
		if got := RequiredScope(s.method, path); got != want {
			t.Errorf("RequiredScope(%s, %s) = %q, want %q", s.method, path, got, want)
		}
	}
	if got := RequiredScope(http.MethodGet, "/v9/nothing/here"); got != "" {
		t.Errorf("an unknown path has scope %q", got)
	}
}
