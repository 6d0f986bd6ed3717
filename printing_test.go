package bigcommerce

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
)

// printedForms renders v every way a caller might print or log it.
func printedForms(v any) map[string]string {
	out := map[string]string{}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%d", "%x", "%T"} {
		out[verb] = fmt.Sprintf(verb, v)
	}
	out["Sprint"] = fmt.Sprint(v)
	out["nested %+v"] = fmt.Sprintf("%+v", struct{ V any }{v})
	for name, h := range map[string]func(*bytes.Buffer) slog.Handler{
		"slog text": func(b *bytes.Buffer) slog.Handler { return slog.NewTextHandler(b, nil) },
		"slog json": func(b *bytes.Buffer) slog.Handler { return slog.NewJSONHandler(b, nil) },
	} {
		var buf bytes.Buffer
		slog.New(h(&buf)).Info("msg", "v", v)
		out[name] = buf.String()
	}
	return out
}

// TestPrintingHidesSecrets: a *Client, and every exported value holding a
// credential, prints without it in every fmt verb and slog handler, while
// still showing what identifies it.
func TestPrintingHidesSecrets(t *testing.T) {
	const secret = "sup3r-s3cret-value"
	tokenClient, err := NewClient("abc123", TokenAuth{AccessToken: secret, ClientID: "cid"})
	if err != nil {
		t.Fatal(err)
	}
	basicClient, err := NewClient("abc123", BasicAuth{Username: "legacy", APIToken: secret})
	if err != nil {
		t.Fatal(err)
	}
	oauthClient, err := NewClient("abc123", &OAuthToken{AccessToken: secret, Context: "stores/abc123"})
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		value any
		shows []string // what the %v form must show
	}{
		{"token client", tokenClient, []string{"abc123", "https://api.bigcommerce.com/stores/abc123"}},
		{"basic client", basicClient, []string{"abc123", "https://store-abc123.mybigcommerce.com/api"}},
		{"OAuth token client", oauthClient, []string{"abc123"}},
		{"TokenAuth", TokenAuth{AccessToken: secret, ClientID: "cid"}, []string{"<redacted>", "cid"}},
		{"*TokenAuth", &TokenAuth{AccessToken: secret}, []string{"<redacted>"}},
		{"BasicAuth", BasicAuth{Username: "legacy", APIToken: secret}, []string{"legacy"}},
		{"OAuthToken", OAuthToken{AccessToken: secret, Context: "stores/abc123"}, []string{"stores/abc123"}},
		{"OAuthApp", OAuthApp{ClientID: "cid", ClientSecret: secret}, []string{"cid"}},
		{"WebhookOptions", WebhookOptions{ClientSecret: secret, SharedHeader: "X-Key", SharedValue: secret}, []string{"X-Key"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			forms := printedForms(tc.value)
			for form, s := range forms {
				if strings.Contains(s, secret) {
					t.Errorf("%s shows the secret: %s", form, s)
				}
			}
			for _, want := range tc.shows {
				if !strings.Contains(forms["%v"], want) {
					t.Errorf("%%v = %q, want it to show %q", forms["%v"], want)
				}
			}
		})
	}
	t.Run("slog group of a client", func(t *testing.T) {
		var buf bytes.Buffer
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("msg", "client", tokenClient)
		if !strings.Contains(buf.String(), `"client":{"store":"abc123","base_url":"https://api.bigcommerce.com/stores/abc123"}`) {
			t.Errorf("logged %s", buf.String())
		}
	})
	t.Run("nil and zero clients", func(t *testing.T) {
		var c *Client
		if s := fmt.Sprintf("%v %+v %s %v", c, c, c, &Client{}); strings.Contains(s, "PANIC") {
			t.Errorf("printing a nil or zero *Client: %s", s)
		}
	})
}

// TestCredentialsReachOnlyTheSendingTransport documents WithHTTPClient's
// choice: the caller's Transport sends the request, so it sees the token
// (on a per-attempt copy, for the client's host only); the caller's own
// request and the Response.Request handed back never carry it.
func TestCredentialsReachOnlyTheSendingTransport(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/store", 200, []byte(`{"id":"1"}`))
	mt.RegisterResponder(http.MethodGet, "https://elsewhere.example/x", httpmock.NewStringResponder(200, `{}`))
	req, _ := c.NewRequest(ctx(t), http.MethodGet, "/v2/store", nil, nil)
	resp, err := c.Do(req, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := rec.last(t).Header.Get("X-Auth-Token"); got != testToken {
		t.Errorf("the sending transport got X-Auth-Token %q, want the token", got)
	}
	if req.Header.Get("X-Auth-Token") != "" {
		t.Error("the caller's request was given the token")
	}
	if resp.Request == nil || resp.Request.Header.Get("X-Auth-Token") != "" || resp.Request.Header.Get("Authorization") != "" {
		t.Errorf("Response.Request carries credentials: %v", resp.Request)
	}
	if s := fmt.Sprintf("%+v %+v", resp, resp.Request); strings.Contains(s, testToken) {
		t.Errorf("printing the response shows the token: %s", s)
	}
	// A request to another host gets no credentials.
	other, _ := http.NewRequestWithContext(ctx(t), http.MethodGet, "https://elsewhere.example/x", nil)
	var seen http.Header
	mt.RegisterResponder(http.MethodGet, "https://elsewhere.example/x", func(r *http.Request) (*http.Response, error) {
		seen = r.Header.Clone()
		return httpmock.NewStringResponse(200, `{}`), nil
	})
	if _, err := c.Do(other, nil); err != nil {
		t.Fatal(err)
	}
	if seen.Get("X-Auth-Token") != "" {
		t.Error("credentials were sent to another host")
	}
}
