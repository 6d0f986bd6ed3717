package bigcommerce

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
)

func TestNewClientRejectsBadInput(t *testing.T) {
	tok := TokenAuth{AccessToken: "t"}
	var nilToken *BasicAuth
	tests := []struct {
		name      string
		hash      string
		auth      Authenticator
		opts      []Option
		wantInErr string
	}{
		{"malformed hash", "ABC-123", tok, nil, "store hash \"ABC-123\" is malformed"},
		{"hash with slash", "stores/abc", tok, nil, `pass "abc"`},
		{"empty hash without base URL", "", tok, nil, "store hash is empty"},
		{"nil auth", "abc", nil, nil, "auth is nil"},
		{"typed nil auth", "abc", nilToken, nil, "auth is nil"},
		{"empty token", "abc", TokenAuth{}, nil, "AccessToken is empty"},
		{"basic without token", "abc", BasicAuth{Username: "u"}, nil, "Username and APIToken"},
		{"relative base URL", "abc", tok, []Option{WithBaseURL("/stores/abc")}, "absolute http(s) URL"},
		{"base URL with credentials", "abc", tok, []Option{WithBaseURL("https://u:p@example.com/api")}, "must not carry credentials"},
		{"nil http client", "abc", tok, []Option{WithHTTPClient(nil)}, "WithHTTPClient(nil)"},
		{"nil logger", "abc", tok, []Option{WithLogger(nil)}, "WithLogger(nil)"},
		{"zero concurrency", "abc", tok, []Option{WithMaxConcurrency(0)}, "want 1 to 25"},
		{"too much concurrency", "abc", tok, []Option{WithMaxConcurrency(26)}, "want 1 to 25"},
		{"negative retries", "abc", tok, []Option{WithRetryPolicy(RetryPolicy{MaxRetries: -1})}, "must not be negative"},
		{"max wait below min wait", "abc", tok, []Option{WithRetryPolicy(RetryPolicy{MinWait: 2, MaxWait: 1})}, "at least MinWait"},
		{"user agent with newline", "abc", tok, []Option{WithUserAgent("x\r\nEvil: 1")}, "line breaks"},
		{"nil throttle", "abc", tok, []Option{WithThrottle(nil)}, "NewThrottle"},
		{"nil option", "abc", tok, []Option{nil}, "option is nil"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(tt.hash, tt.auth, tt.opts...)
			if err == nil {
				t.Fatalf("NewClient succeeded (%v), want an error", c.BaseURL())
			}
			if !strings.Contains(err.Error(), tt.wantInErr) {
				t.Errorf("error %q does not say %q", err, tt.wantInErr)
			}
			if !errors.Is(err, ErrInvalidRequest) {
				t.Errorf("errors.Is(%q, ErrInvalidRequest) = false", err)
			}
		})
	}
}

func TestNewClientBaseURLs(t *testing.T) {
	tests := []struct {
		name string
		hash string
		auth Authenticator
		opts []Option
		want string
	}{
		{"token default", "abc123", TokenAuth{AccessToken: "t"}, nil, "https://api.bigcommerce.com/stores/abc123"},
		{"basic default is the store host", "abc123", BasicAuth{Username: "u", APIToken: "p"}, nil, "https://store-abc123.mybigcommerce.com/api"},
		{"basic API path plain", "", BasicAuth{Username: "u", APIToken: "p"}, []Option{WithBaseURL("https://store-abc.mybigcommerce.com/api")}, "https://store-abc.mybigcommerce.com/api"},
		{"basic API path with /v2/", "", BasicAuth{Username: "u", APIToken: "p"}, []Option{WithBaseURL("https://store-abc.mybigcommerce.com/api/v2/")}, "https://store-abc.mybigcommerce.com/api"},
		{"trailing slash and /v3", "abc", TokenAuth{AccessToken: "t"}, []Option{WithBaseURL("http://127.0.0.1:8080/stores/abc/v3/")}, "http://127.0.0.1:8080/stores/abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(tt.hash, tt.auth, tt.opts...)
			if err != nil {
				t.Fatal(err)
			}
			if got := c.BaseURL(); got != tt.want {
				t.Errorf("BaseURL = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestBasicAuthOnLegacyPath(t *testing.T) {
	for _, apiPath := range []string{"https://store-abc.mybigcommerce.com/api", "https://store-abc.mybigcommerce.com/api/v2/"} {
		t.Run(apiPath, func(t *testing.T) {
			mt := httpmock.NewMockTransport()
			var seen *http.Request
			mt.RegisterResponder(http.MethodGet, "https://store-abc.mybigcommerce.com/api/v2/store", func(r *http.Request) (*http.Response, error) {
				seen = r
				return httpmock.NewStringResponse(200, `{"name":"Legacy"}`), nil
			})
			c, err := NewClient("", BasicAuth{Username: "admin", APIToken: "s3cret"}, WithBaseURL(apiPath), WithHTTPClient(&http.Client{Transport: mt}))
			if err != nil {
				t.Fatal(err)
			}
			info, err := c.Ping(ctx(t))
			if err != nil {
				t.Fatal(err)
			}
			if info.Name != "Legacy" {
				t.Errorf("name = %q", info.Name)
			}
			user, pass, ok := seen.BasicAuth()
			if !ok || user != "admin" || pass != "s3cret" {
				t.Errorf("basic auth = %q %q %v", user, pass, ok)
			}
			if seen.Header.Get("X-Auth-Token") != "" {
				t.Error("basic auth request also sent X-Auth-Token")
			}
		})
	}
}

func TestBasicAuthRefusesV3(t *testing.T) {
	mt := httpmock.NewMockTransport()
	c, err := NewClient("abc", BasicAuth{Username: "u", APIToken: "p"}, WithHTTPClient(&http.Client{Transport: mt}))
	if err != nil {
		t.Fatal(err)
	}
	req, err := c.NewRequest(ctx(t), http.MethodGet, "/v3/customers", nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(req, nil)
	if !errors.Is(err, ErrInvalidRequest) || !strings.Contains(err.Error(), "OAuth access token") {
		t.Fatalf("err = %v, want a validation error about V3 needing a token", err)
	}
	if resp == nil {
		t.Error("Do returned a nil *Response")
	}
	if n := mt.GetTotalCallCount(); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

func TestStandardHeadersOnEveryAttempt(t *testing.T) {
	c, mt := newTestClient(t, WithRetryPolicy(RetryPolicy{MaxRetries: 2}), WithUserAgent("acme-sync/2.1"))
	c.auth = TokenAuth{AccessToken: testToken, ClientID: "client-1"}
	calls := 0
	rec := mockFunc(mt, http.MethodPut, "/v3/things", func(captured) (*http.Response, error) {
		calls++
		if calls < 3 {
			return httpmock.NewStringResponse(503, ""), nil
		}
		return httpmock.NewStringResponse(200, `{"data":{}}`), nil
	})
	req, err := c.NewRequest(ctx(t), http.MethodPut, "/v3/things", nil, map[string]any{"name": "x", "qty": 0})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Do(req, nil); err != nil {
		t.Fatal(err)
	}
	reqs := rec.all()
	if len(reqs) != 3 {
		t.Fatalf("%d attempts, want 3", len(reqs))
	}
	for i, r := range reqs {
		assertStandardHeaders(t, r)
		if got := r.Header.Get("X-Auth-Client"); got != "client-1" {
			t.Errorf("attempt %d: X-Auth-Client = %q", i, got)
		}
		if got := r.Header.Get("User-Agent"); got != "bigcommerce-go/"+Version+" acme-sync/2.1" {
			t.Errorf("attempt %d: User-Agent = %q", i, got)
		}
		assertJSONBody(t, r.Body, `{"name":"x","qty":0}`)
	}
}

func TestAuthNotSentToOtherHosts(t *testing.T) {
	c, mt := newTestClient(t)
	mt.RegisterResponder(http.MethodGet, testBaseURL+"/v2/moved", httpmock.NewStringResponder(302, "").HeaderSet(http.Header{"Location": {"https://evil.example.com/steal"}}))
	var leaked string
	mt.RegisterResponder(http.MethodGet, "https://evil.example.com/steal", func(r *http.Request) (*http.Response, error) {
		leaked = r.Header.Get("X-Auth-Token")
		return httpmock.NewStringResponse(200, `{}`), nil
	})
	req, _ := c.NewRequest(ctx(t), http.MethodGet, "/v2/moved", nil, nil)
	if _, err := c.Do(req, nil); err != nil {
		t.Fatal(err)
	}
	if leaked != "" {
		t.Errorf("the access token was sent to another host after a redirect")
	}
}

func TestPing(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v2/store", 200, fixture(t, "store/store.json"))
	info, err := c.Ping(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%s|%s|%s|%s", info.Name, info.Domain, info.PlanName, info.Currency)
	if got != "BigCommerce|my-awesome.store|Standard|USD" {
		t.Errorf("store info = %s", got)
	}
	r := rec.last(t)
	if r.Method != http.MethodGet || r.Path != "/v2/store" {
		t.Errorf("sent %s %s", r.Method, r.Path)
	}
	assertStandardHeaders(t, r)
}

func TestPingExplainsAuthFailures(t *testing.T) {
	tests := []struct {
		status    int
		body      string
		sentinel  error
		wantInErr string
	}{
		{401, `[{"status":401,"message":"You are not authorized"}]`, ErrUnauthorized, "access token was rejected"},
		{403, `{"status":403,"title":"You don't have a required scope to access the endpoint"}`, ErrForbidden, `needs the OAuth scope "store_v2_information_read_only"`},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			c, mt := newTestClient(t)
			mockJSON(mt, http.MethodGet, "/v2/store", tt.status, []byte(tt.body))
			_, err := c.Ping(ctx(t))
			if !errors.Is(err, tt.sentinel) {
				t.Fatalf("err = %v, want %v", err, tt.sentinel)
			}
			if !strings.Contains(err.Error(), tt.wantInErr) {
				t.Errorf("error %q does not say %q", err, tt.wantInErr)
			}
			if strings.Contains(err.Error(), testToken) {
				t.Error("error message contains the access token")
			}
		})
	}
}

func TestSecretsNeverPrinted(t *testing.T) {
	values := []any{
		TokenAuth{AccessToken: "tok-SECRET", ClientID: "cid"},
		BasicAuth{Username: "admin", APIToken: "tok-SECRET"},
	}
	for _, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
			if s := fmt.Sprintf(verb, v); strings.Contains(s, "tok-SECRET") {
				t.Errorf("%s of %T prints the secret: %s", verb, v, s)
			}
		}
		var buf bytes.Buffer
		slog.New(slog.NewJSONHandler(&buf, nil)).Info("auth", "auth", v)
		if strings.Contains(buf.String(), "tok-SECRET") {
			t.Errorf("slog of %T prints the secret: %s", v, buf.String())
		}
	}
}

func TestDebugLogging(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, mt := newTestClient(t, WithLogger(logger), WithRetryPolicy(RetryPolicy{MaxRetries: 1}))
	calls := 0
	mockFunc(mt, http.MethodGet, "/v2/orders", func(captured) (*http.Response, error) {
		calls++
		if calls == 1 {
			return httpmock.NewStringResponse(502, "<html>bad gateway</html>"), nil
		}
		return httpmock.NewStringResponse(200, `[]`), nil
	})
	req, _ := c.NewRequest(ctx(t), http.MethodGet, "/v2/orders", nil, nil)
	if _, err := c.Do(req, nil); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), testToken) {
		t.Fatal("log contains the access token")
	}
	var records []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("bad log line %q", line)
		}
		records = append(records, m)
	}
	if len(records) != 3 {
		t.Fatalf("got %d log records, want 3 (attempt, retry, attempt): %s", len(records), buf.String())
	}
	first, retry, second := records[0], records[1], records[2]
	if first["method"] != "GET" || first["path"] != "/v2/orders" || first["status"] != float64(502) || first["attempt"] != float64(1) {
		t.Errorf("first attempt record = %v", first)
	}
	if retry["msg"] != "bigcommerce: retrying" || retry["wait"] == nil || retry["attempt"] != float64(2) {
		t.Errorf("retry record = %v", retry)
	}
	if second["status"] != float64(200) || second["attempt"] != float64(2) {
		t.Errorf("second attempt record = %v", second)
	}
}

func TestSilentByDefault(t *testing.T) {
	c, _ := newTestClient(t)
	if c.logger.Enabled(ctx(t), slog.LevelDebug) || c.logger.Enabled(ctx(t), slog.LevelError) {
		t.Error("the default logger is enabled; the SDK must log nothing unless WithLogger is given")
	}
}

func TestNewRequestRejectsRelativePath(t *testing.T) {
	c, _ := newTestClient(t)
	if _, err := c.NewRequest(ctx(t), http.MethodGet, "v2/orders", nil, nil); err == nil || !strings.Contains(err.Error(), "must start with /") {
		t.Errorf("err = %v", err)
	}
	if _, err := c.NewRequest(ctx(t), http.MethodPost, "/v2/orders", nil, func() {}); err == nil || !strings.Contains(err.Error(), "encoding body") {
		t.Errorf("err = %v", err)
	}
}

func TestDoDecodesIntoV(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v2/time", 200, []byte(`{"time": 1700000000}`))
	req, _ := c.NewRequest(ctx(t), http.MethodGet, "/v2/time", nil, nil)
	var out struct {
		Time int64 `json:"time"`
	}
	resp, err := c.Do(req, &out)
	if err != nil {
		t.Fatal(err)
	}
	if out.Time != 1700000000 || resp.StatusCode != 200 {
		t.Errorf("time = %d, status %d", out.Time, resp.StatusCode)
	}
	mockJSON(mt, http.MethodGet, "/v2/broken", 200, []byte(`{"time": `))
	req, _ = c.NewRequest(ctx(t), http.MethodGet, "/v2/broken", nil, nil)
	if _, err := c.Do(req, &out); err == nil || !strings.Contains(err.Error(), "decoding 200 response") {
		t.Errorf("err = %v, want a decoding error", err)
	}
}
