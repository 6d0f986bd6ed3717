package bigcommerce

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
	"github.com/jarcoal/httpmock"
)

const (
	testClientID     = "test-client-id"
	testClientSecret = "s3cr3t-client-secret-xyz"
	testTokenURL     = "https://login.test/oauth2/token"
	testCode         = "qr6h3thvbvag2ffq"
	testAccessToken  = "ACCESS-tok3n-abcdef"
)

// testNow is the clock of the signed-payload tests: 30 s after the iat of
// BigCommerce's doc example.
var testNow = time.Unix(1659031626+30, 0)

// testApp returns an OAuthApp whose token endpoint is a per-test httpmock
// transport and whose clock is testNow.
func testApp(t *testing.T) (OAuthApp, *httpmock.MockTransport) {
	t.Helper()
	mt := httpmock.NewMockTransport()
	// Unexpected requests are answered (and counted) rather than failing
	// obscurely, so "nothing was sent" checks can rely on the count.
	mt.RegisterNoResponder(httpmock.NewStringResponder(599, "unexpected request"))
	return OAuthApp{
		ClientID:     testClientID,
		ClientSecret: testClientSecret,
		RedirectURL:  "https://app.example.com/auth",
		TokenURL:     testTokenURL,
		HTTPClient:   &http.Client{Transport: mt},
		Now:          func() time.Time { return testNow },
	}, mt
}

// docClaims are the claims of BigCommerce's signed_payload_jwt doc example
// (aud replaced by the test client id; nbf five seconds before iat, as in
// the doc).
func docClaims() jwt.MapClaims {
	return jwt.MapClaims{
		"aud": testClientID,
		"iss": "bc",
		"iat": 1659031626,
		"nbf": 1659031621,
		"exp": 1659031626 + 86400,
		"jti": "ec0a9f1d-7a8a-4c3e-a2f6-2b0ab4a0f2d1",
		"sub": "stores/z4zn3wo",
		"user": map[string]any{
			"id":     9128,
			"email":  "user@mybigcommerce.com",
			"locale": "en",
		},
		"owner": map[string]any{
			"id":    7489,
			"email": "owner@mybigcommerce.com",
		},
		"url":        "/",
		"channel_id": nil,
	}
}

// with returns a copy of c with the given claims changed (nil deletes).
func with(c jwt.MapClaims, kv ...any) jwt.MapClaims {
	out := jwt.MapClaims{}
	for k, v := range c {
		out[k] = v
	}
	for i := 0; i < len(kv); i += 2 {
		k := kv[i].(string)
		if kv[i+1] == nil {
			delete(out, k)
		} else {
			out[k] = kv[i+1]
		}
	}
	return out
}

// signJWT signs claims with method and key.
func signJWT(t testing.TB, method jwt.SigningMethod, key any, claims jwt.MapClaims) string {
	t.Helper()
	s, err := jwt.NewWithClaims(method, claims).SignedString(key)
	if err != nil {
		t.Fatalf("signing: %v", err)
	}
	return s
}

// legacyPayloadFor builds a legacy signed_payload over js with secret,
// encoding both parts with enc.
func legacyPayloadFor(js, secret string, enc *base64.Encoding) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(js))
	sig := hex.EncodeToString(mac.Sum(nil))
	return enc.EncodeToString([]byte(js)) + "." + enc.EncodeToString([]byte(sig))
}

const legacyJSON = `{"user":{"id":24654,"email":"merchant@mybigcommerce.com"},"owner":{"id":24654,"email":"owner@mybigcommerce.com"},"context":"stores/z4zn3wo","store_hash":"z4zn3wo","timestamp":1469823892.5,"note":">>>"}`

func TestVerifySignedPayloadJWT(t *testing.T) {
	app, _ := testApp(t)
	secret := []byte(testClientSecret)
	valid := signJWT(t, jwt.SigningMethodHS256, secret, docClaims())
	parts := strings.Split(valid, ".")
	tamperedClaims := base64.RawURLEncoding.EncodeToString([]byte(`{"aud":"test-client-id","iss":"bc","exp":1759031626,"sub":"stores/evil"}`))

	rejected := []struct {
		name  string
		token string
	}{
		{"wrong secret", signJWT(t, jwt.SigningMethodHS256, []byte("another-secret"), docClaims())},
		{"wrong audience", signJWT(t, jwt.SigningMethodHS256, secret, with(docClaims(), "aud", "someone-else"))},
		{"no audience", signJWT(t, jwt.SigningMethodHS256, secret, with(docClaims(), "aud", nil))},
		{"wrong issuer", signJWT(t, jwt.SigningMethodHS256, secret, with(docClaims(), "iss", "evil"))},
		{"no issuer", signJWT(t, jwt.SigningMethodHS256, secret, with(docClaims(), "iss", nil))},
		{"expired beyond leeway", signJWT(t, jwt.SigningMethodHS256, secret, with(docClaims(), "exp", testNow.Add(-2*time.Minute).Unix()))},
		{"no exp", signJWT(t, jwt.SigningMethodHS256, secret, with(docClaims(), "exp", nil))},
		{"not yet valid", signJWT(t, jwt.SigningMethodHS256, secret, with(docClaims(), "nbf", testNow.Add(5*time.Minute).Unix()))},
		{"issued in the future", signJWT(t, jwt.SigningMethodHS256, secret, with(docClaims(), "iat", testNow.Add(5*time.Minute).Unix()))},
		{"alg none", signJWT(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, docClaims())},
		{"alg none with a signature", strings.Replace(valid, parts[0], base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)), 1)},
		{"HS512 where HS256 is required", signJWT(t, jwt.SigningMethodHS512, secret, docClaims())},
		{"HS384", signJWT(t, jwt.SigningMethodHS384, secret, docClaims())},
		{"header says HS512, HS256 signature", strings.Replace(valid, parts[0], base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS512","typ":"JWT"}`)), 1)},
		{"tampered claims", parts[0] + "." + tamperedClaims + "." + parts[2]},
		{"truncated signature", valid[:len(valid)-6]},
		{"truncated to two parts", parts[0] + "." + parts[1]},
		{"signature removed", parts[0] + "." + parts[1] + "."},
		{"bad base64 in claims", parts[0] + "." + parts[1][:10] + "!!" + parts[1][12:] + "." + parts[2]},
		{"bad base64 in header", "@@@." + parts[1] + "." + parts[2]},
		{"not JSON", base64.RawURLEncoding.EncodeToString([]byte("hello")) + "." + parts[1] + "." + parts[2]},
		{"four parts", valid + ".x"},
		{"empty", ""},
		{"dots only", ".."},
		{"oversize", strings.Repeat("a", maxSignedPayload+1)},
		{"sub without store", signJWT(t, jwt.SigningMethodHS256, secret, with(docClaims(), "sub", "z4zn3wo"))},
		{"sub with bad hash", signJWT(t, jwt.SigningMethodHS256, secret, with(docClaims(), "sub", "stores/ABC-1"))},
	}
	for _, tc := range rejected {
		t.Run("rejects "+tc.name, func(t *testing.T) {
			p, err := app.VerifySignedPayloadJWT(tc.token)
			if err == nil {
				t.Fatalf("accepted: %+v", p)
			}
			if !errors.Is(err, ErrInvalidSignature) {
				t.Errorf("error %v does not match ErrInvalidSignature", err)
			}
			if strings.Contains(err.Error(), testClientSecret) {
				t.Errorf("error reveals the secret: %v", err)
			}
		})
	}

	accepted := []struct {
		name      string
		token     string
		channelID *int
	}{
		{"doc example (nbf before iat)", valid, nil},
		{"expired within leeway", signJWT(t, jwt.SigningMethodHS256, secret, with(docClaims(), "exp", testNow.Add(-30*time.Second).Unix())), nil},
		{"nbf within leeway", signJWT(t, jwt.SigningMethodHS256, secret, with(docClaims(), "nbf", testNow.Add(40*time.Second).Unix())), nil},
		{"audience as array, channel id", signJWT(t, jwt.SigningMethodHS256, secret, with(docClaims(), "aud", []string{"x", testClientID}, "channel_id", 1)), Ptr(1)},
	}
	for _, tc := range accepted {
		t.Run("accepts "+tc.name, func(t *testing.T) {
			p, err := app.VerifySignedPayloadJWT(tc.token)
			if err != nil {
				t.Fatalf("rejected: %v", err)
			}
			want := SignedPayloadUser{ID: 9128, Email: "user@mybigcommerce.com", Locale: "en"}
			if p.User != want {
				t.Errorf("User = %+v, want %+v", p.User, want)
			}
			if p.Owner != (SignedPayloadUser{ID: 7489, Email: "owner@mybigcommerce.com"}) {
				t.Errorf("Owner = %+v", p.Owner)
			}
			if p.StoreHash != "z4zn3wo" || p.Context != "stores/z4zn3wo" || p.URL != "/" {
				t.Errorf("StoreHash %q Context %q URL %q", p.StoreHash, p.Context, p.URL)
			}
			if p.JTI != "ec0a9f1d-7a8a-4c3e-a2f6-2b0ab4a0f2d1" || p.IssuedAt.Unix() != 1659031626 || p.ExpiresAt.IsZero() {
				t.Errorf("JTI %q IssuedAt %v ExpiresAt %v", p.JTI, p.IssuedAt, p.ExpiresAt)
			}
			if (p.ChannelID == nil) != (tc.channelID == nil) || (p.ChannelID != nil && *p.ChannelID != *tc.channelID) {
				t.Errorf("ChannelID = %v, want %v", p.ChannelID, tc.channelID)
			}
		})
	}

	t.Run("refuses to verify with an empty secret", func(t *testing.T) {
		empty := OAuthApp{ClientID: testClientID, Now: app.Now}
		tok := signJWT(t, jwt.SigningMethodHS256, []byte{}, docClaims())
		if _, err := empty.VerifySignedPayloadJWT(tok); err == nil {
			t.Fatal("a token signed with an empty key was accepted by an app without secret")
		}
	})
	t.Run("uses the real clock by default", func(t *testing.T) {
		real := app
		real.Now = nil
		if _, err := real.VerifySignedPayloadJWT(valid); !errors.Is(err, ErrInvalidSignature) {
			t.Fatalf("the 2022 doc token should be expired today, got %v", err)
		}
	})
}

func TestVerifySignedPayload(t *testing.T) {
	app, _ := testApp(t)
	valid := legacyPayloadFor(legacyJSON, testClientSecret, base64.StdEncoding)
	data64, sig64, _ := strings.Cut(valid, ".")
	mac := hmac.New(sha256.New, []byte(testClientSecret))
	mac.Write([]byte(legacyJSON))
	upperHex := strings.ToUpper(hex.EncodeToString(mac.Sum(nil)))

	accepted := []struct{ name, payload string }{
		{"std base64 padded", valid},
		{"std base64 raw", legacyPayloadFor(legacyJSON, testClientSecret, base64.RawStdEncoding)},
		{"url base64 padded", legacyPayloadFor(legacyJSON, testClientSecret, base64.URLEncoding)},
		{"url base64 raw", legacyPayloadFor(legacyJSON, testClientSecret, base64.RawURLEncoding)},
		{"plus decoded to space", strings.ReplaceAll(valid, "+", " ")},
		{"upper-case hex", data64 + "." + base64.StdEncoding.EncodeToString([]byte(upperHex))},
	}
	if !strings.Contains(valid, "+") {
		t.Fatal("test payload should contain a '+' to exercise the space case")
	}
	for _, tc := range accepted {
		t.Run("accepts "+tc.name, func(t *testing.T) {
			p, err := app.VerifySignedPayload(tc.payload)
			if err != nil {
				t.Fatalf("rejected: %v", err)
			}
			if p.StoreHash != "z4zn3wo" || p.Context != "stores/z4zn3wo" {
				t.Errorf("StoreHash %q Context %q", p.StoreHash, p.Context)
			}
			if p.User != (SignedPayloadUser{ID: 24654, Email: "merchant@mybigcommerce.com"}) || p.Owner.Email != "owner@mybigcommerce.com" {
				t.Errorf("User %+v Owner %+v", p.User, p.Owner)
			}
			if p.IssuedAt.Unix() != 1469823892 || p.IssuedAt.Nanosecond() != 5e8 {
				t.Errorf("IssuedAt = %v", p.IssuedAt)
			}
		})
	}

	t.Run("store hash from context", func(t *testing.T) {
		js := `{"user":{"id":"1","email":"a@b"},"owner":{"id":2},"context":"stores/abc123","timestamp":1}`
		p, err := app.VerifySignedPayload(legacyPayloadFor(js, testClientSecret, base64.StdEncoding))
		if err != nil || p.StoreHash != "abc123" || p.User.ID != 1 {
			t.Fatalf("got %+v, %v", p, err)
		}
	})

	tamperedJSON := strings.Replace(legacyJSON, "z4zn3wo", "evilxyz", 2)
	rejected := []struct {
		name    string
		payload string
		sigErr  bool // whether the error must match ErrInvalidSignature
	}{
		{"wrong secret", legacyPayloadFor(legacyJSON, "other-secret", base64.StdEncoding), true},
		{"tampered JSON", base64.StdEncoding.EncodeToString([]byte(tamperedJSON)) + "." + sig64, true},
		{"signature of another payload", data64 + "." + strings.SplitN(legacyPayloadFor(tamperedJSON, testClientSecret, base64.StdEncoding), ".", 2)[1], true},
		{"no dot", data64, true},
		{"three parts", valid + ".x", true},
		{"bad base64 data", "!!!" + data64 + "." + sig64, true},
		{"bad base64 signature", data64 + ".***", true},
		{"signature not hex", data64 + "." + base64.StdEncoding.EncodeToString([]byte("zz-not-hex")), true},
		{"truncated signature", data64 + "." + base64.StdEncoding.EncodeToString([]byte(upperHex[:40])), true},
		{"raw MAC instead of hex", data64 + "." + base64.StdEncoding.EncodeToString(mac.Sum(nil)), true},
		{"empty signature", data64 + ".", true},
		{"empty", "", true},
		{"oversize", strings.Repeat("A", maxSignedPayload+1), true},
		{"signed but not JSON", legacyPayloadFor("not json", testClientSecret, base64.StdEncoding), false},
		{"signed but no store", legacyPayloadFor(`{"user":{"id":1}}`, testClientSecret, base64.StdEncoding), false},
	}
	for _, tc := range rejected {
		t.Run("rejects "+tc.name, func(t *testing.T) {
			p, err := app.VerifySignedPayload(tc.payload)
			if err == nil {
				t.Fatalf("accepted: %+v", p)
			}
			if tc.sigErr && !errors.Is(err, ErrInvalidSignature) {
				t.Errorf("error %v does not match ErrInvalidSignature", err)
			}
			if strings.Contains(err.Error(), testClientSecret) {
				t.Errorf("error reveals the secret: %v", err)
			}
		})
	}
	t.Run("refuses to verify with an empty secret", func(t *testing.T) {
		if _, err := (OAuthApp{}).VerifySignedPayload(legacyPayloadFor(legacyJSON, "", base64.StdEncoding)); err == nil {
			t.Fatal("a payload signed with an empty key was accepted by an app without secret")
		}
	})
}

// tokenResponse is the token endpoint's answer in BigCommerce's docs.
const tokenResponse = `{
  "access_token": "ACCESS-tok3n-abcdef",
  "scope": "store_v2_orders store_v2_products_read_only store_channel_listings_read_only",
  "user": {"id": 24654, "username": "merchant", "email": "merchant@mybigcommerce.com"},
  "owner": {"id": "24655", "username": "owner", "email": "owner@mybigcommerce.com"},
  "context": "stores/abc123",
  "account_uuid": "7e6b1e3c-2a4a-4f0e-8a4e-2b7b0e0f7a11"
}`

func TestExchange(t *testing.T) {
	app, mt := testApp(t)
	var got *http.Request
	var body []byte
	mt.RegisterResponder(http.MethodPost, testTokenURL, func(r *http.Request) (*http.Response, error) {
		got = r
		body, _ = io.ReadAll(r.Body)
		resp := httpmock.NewStringResponse(http.StatusOK, tokenResponse)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	tok, err := app.Exchange(ctx(t), testCode, "store_v2_orders store_v2_products_read_only", "stores/abc123")
	if err != nil {
		t.Fatalf("Exchange: %v", err)
	}
	assertJSONBody(t, body, `{
		"client_id": "test-client-id",
		"client_secret": "s3cr3t-client-secret-xyz",
		"code": "qr6h3thvbvag2ffq",
		"context": "stores/abc123",
		"scope": "store_v2_orders store_v2_products_read_only",
		"grant_type": "authorization_code",
		"redirect_uri": "https://app.example.com/auth"
	}`)
	if got.Header.Get("Accept") != "application/json" || got.Header.Get("Content-Type") != "application/json" {
		t.Errorf("headers Accept %q Content-Type %q", got.Header.Get("Accept"), got.Header.Get("Content-Type"))
	}
	if !strings.HasPrefix(got.Header.Get("User-Agent"), "bigcommerce-go/") {
		t.Errorf("User-Agent = %q", got.Header.Get("User-Agent"))
	}
	want := OAuthToken{
		AccessToken: testAccessToken,
		Scope:       "store_v2_orders store_v2_products_read_only store_channel_listings_read_only",
		Context:     "stores/abc123",
		User:        OAuthUser{ID: 24654, Username: "merchant", Email: "merchant@mybigcommerce.com"},
		Owner:       OAuthUser{ID: 24655, Username: "owner", Email: "owner@mybigcommerce.com"},
		AccountUUID: "7e6b1e3c-2a4a-4f0e-8a4e-2b7b0e0f7a11",
	}
	if *tok != want {
		t.Errorf("token\n got %+v\nwant %+v", *tok, want)
	}
	if tok.StoreHash() != "abc123" {
		t.Errorf("StoreHash = %q", tok.StoreHash())
	}
	if !tok.Scopes().Has(ScopeOrdersReadOnly) || tok.Scopes().Has(ScopeCustomersReadOnly) {
		t.Errorf("Scopes = %v", tok.Scopes())
	}
}

func TestExchangeErrorsRevealNoSecret(t *testing.T) {
	cases := []struct {
		name   string
		status int
		body   string
		want   string
	}{
		{"oauth error shape echoing the code", 400, `{"error":"invalid_grant","error_description":"code qr6h3thvbvag2ffq was already used"}`, "invalid_grant"},
		{"v3 shape echoing the secret", 401, `{"status":401,"title":"Invalid client secret s3cr3t-client-secret-xyz"}`, "Invalid client secret"},
		{"html page", 500, `<html>oops</html>`, "500"},
		{"empty body", 422, ``, "422"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app, mt := testApp(t)
			mt.RegisterResponder(http.MethodPost, testTokenURL, httpmock.NewStringResponder(tc.status, tc.body))
			tok, err := app.Exchange(ctx(t), testCode, "store_v2_orders", "stores/abc123")
			if err == nil {
				t.Fatalf("no error, token %v", tok)
			}
			var e *Error
			if !errors.As(err, &e) || e.StatusCode != tc.status {
				t.Fatalf("error %T %v, want *Error with status %d", err, err, tc.status)
			}
			msg := err.Error()
			if !strings.Contains(msg, tc.want) {
				t.Errorf("message %q lacks %q", msg, tc.want)
			}
			for _, secret := range []string{testClientSecret, testCode} {
				if strings.Contains(msg, secret) || bytes.Contains(e.Body, []byte(secret)) || strings.Contains(fmt.Sprintf("%+v", e), secret) {
					t.Errorf("error reveals %q: %s", secret, msg)
				}
			}
			if mt.GetTotalCallCount() != 1 {
				t.Errorf("%d calls: the exchange must not be retried", mt.GetTotalCallCount())
			}
		})
	}
	t.Run("transport error", func(t *testing.T) {
		app, mt := testApp(t)
		mt.RegisterResponder(http.MethodPost, testTokenURL, httpmock.NewErrorResponder(errors.New("connection reset")))
		_, err := app.Exchange(ctx(t), testCode, "", "stores/abc123")
		if err == nil || strings.Contains(err.Error(), testClientSecret) || strings.Contains(err.Error(), testCode) {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestExchangeRefusesNilContext(t *testing.T) {
	app, mt := testApp(t)
	var nilCtx context.Context
	_, err := app.Exchange(nilCtx, testCode, "store_v2_orders", "stores/abc123")
	if !errors.Is(err, ErrInvalidRequest) || mt.GetTotalCallCount() != 0 {
		t.Fatalf("err = %v after %d requests, want ErrInvalidRequest before any", err, mt.GetTotalCallCount())
	}
}

func TestExchangeRefusesBadInput(t *testing.T) {
	good, _ := testApp(t)
	cases := []struct {
		name                 string
		app                  func(OAuthApp) OAuthApp
		code, scope, context string
	}{
		{"empty code", nil, "", "store_v2_orders", "stores/abc123"},
		{"empty context", nil, testCode, "store_v2_orders", ""},
		{"context without stores/", nil, testCode, "store_v2_orders", "abc123"},
		{"context with bad hash", nil, testCode, "store_v2_orders", "stores/ABC?x=1"},
		{"no client id", func(a OAuthApp) OAuthApp { a.ClientID = ""; return a }, testCode, "", "stores/abc123"},
		{"no client secret", func(a OAuthApp) OAuthApp { a.ClientSecret = ""; return a }, testCode, "", "stores/abc123"},
		{"no redirect url", func(a OAuthApp) OAuthApp { a.RedirectURL = ""; return a }, testCode, "", "stores/abc123"},
		{"relative token url", func(a OAuthApp) OAuthApp { a.TokenURL = "/oauth2/token"; return a }, testCode, "", "stores/abc123"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			app, mt := testApp(t)
			if tc.app != nil {
				app = tc.app(good)
				app.HTTPClient = &http.Client{Transport: mt}
			}
			_, err := app.Exchange(ctx(t), tc.code, tc.scope, tc.context)
			var ve *ValidationError
			if !errors.As(err, &ve) || !errors.Is(err, ErrInvalidRequest) {
				t.Fatalf("err = %v, want a *ValidationError", err)
			}
			if strings.Contains(err.Error(), testClientSecret) || (tc.code != "" && strings.Contains(err.Error(), tc.code)) {
				t.Errorf("error reveals a secret: %v", err)
			}
			if n := mt.GetTotalCallCount(); n != 0 {
				t.Errorf("%d requests sent", n)
			}
		})
	}
}

func TestExchangeRejectsOddTokenResponses(t *testing.T) {
	cases := map[string]string{
		"no access token": `{"access_token":"","context":"stores/abc123"}`,
		"other store":     `{"access_token":"x","context":"stores/other1"}`,
		"not JSON":        `<html></html>`,
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			app, mt := testApp(t)
			mt.RegisterResponder(http.MethodPost, testTokenURL, httpmock.NewStringResponder(200, body))
			if tok, err := app.Exchange(ctx(t), testCode, "", "stores/abc123"); err == nil {
				t.Fatalf("accepted %v", tok)
			}
		})
	}
	t.Run("missing context is filled from the request", func(t *testing.T) {
		app, mt := testApp(t)
		mt.RegisterResponder(http.MethodPost, testTokenURL, httpmock.NewStringResponder(200, `{"access_token":"x"}`))
		tok, err := app.Exchange(ctx(t), testCode, "", "stores/abc123")
		if err != nil || tok.StoreHash() != "abc123" {
			t.Fatalf("tok %v err %v", tok, err)
		}
	})
}

func TestOAuthTokenAuthenticatesClient(t *testing.T) {
	app, tmt := testApp(t)
	tmt.RegisterResponder(http.MethodPost, testTokenURL, httpmock.NewStringResponder(200, tokenResponse))
	tok, err := app.Exchange(ctx(t), testCode, "store_v2_information_read_only", "stores/abc123")
	if err != nil {
		t.Fatal(err)
	}
	mt := httpmock.NewMockTransport()
	client, err := NewClient(tok.StoreHash(), tok, WithHTTPClient(&http.Client{Transport: mt}), WithRetryPolicy(RetryPolicy{}))
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	rec := mockJSON(mt, http.MethodGet, "/v2/store", 200, []byte(`{"id":"abc123","name":"My Store"}`))
	info, err := client.Ping(ctx(t))
	if err != nil {
		t.Fatalf("Ping: %v", err)
	}
	if info.Name != "My Store" {
		t.Errorf("Name = %q", info.Name)
	}
	if got := rec.last(t).Header.Get("X-Auth-Token"); got != testAccessToken {
		t.Errorf("X-Auth-Token = %q, want the exchanged token", got)
	}

	if _, err := NewClient("abc123", &OAuthToken{}); err == nil {
		t.Error("NewClient accepted an empty OAuthToken")
	}
	if _, err := NewClient("abc123", (*OAuthToken)(nil)); err == nil {
		t.Error("NewClient accepted a nil *OAuthToken")
	}
	if _, err := NewClient("abc123", OAuthToken{AccessToken: "x"}); err != nil {
		t.Errorf("NewClient(OAuthToken value): %v", err)
	}
}

func TestOAuthPrintingHidesSecrets(t *testing.T) {
	app, _ := testApp(t)
	tok := &OAuthToken{AccessToken: testAccessToken, Context: "stores/abc123", User: OAuthUser{ID: 1}}
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	logger.Info("installed", "app", app, "token", tok, "tokenValue", *tok)
	outputs := []string{
		fmt.Sprint(app), fmt.Sprintf("%v %+v %#v %s", app, app, app, app),
		fmt.Sprint(tok), fmt.Sprintf("%v %+v %#v %s", tok, tok, tok, *tok),
		fmt.Sprintf("%+v", struct{ T OAuthToken }{*tok}),
		logs.String(),
	}
	for _, out := range outputs {
		if strings.Contains(out, testClientSecret) || strings.Contains(out, testAccessToken) {
			t.Errorf("printed output reveals a secret: %s", out)
		}
		if !strings.Contains(out, "<redacted>") {
			t.Errorf("printed output lacks <redacted>: %s", out)
		}
	}
	if !strings.Contains(fmt.Sprint(app), testClientID) || !strings.Contains(fmt.Sprint(tok), "stores/abc123") {
		t.Errorf("printing hides too much: %v / %v", app, tok)
	}
	// Storing the token as JSON keeps it whole.
	b, _ := json.Marshal(tok)
	if !bytes.Contains(b, []byte(testAccessToken)) {
		t.Errorf("json.Marshal lost the token: %s", b)
	}
}

func TestStoreHashOf(t *testing.T) {
	for in, want := range map[string]string{
		"stores/abc123": "abc123", "abc123": "", "": "", "stores/a/b": "", "stores/": "",
	} {
		if got := (&OAuthToken{Context: in}).StoreHash(); got != want {
			t.Errorf("StoreHash(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAuthCallbackHandler(t *testing.T) {
	bad := []struct{ name, method, query string }{
		{"no code", http.MethodGet, "scope=store_v2_orders&context=stores%2Fabc123"},
		{"no scope", http.MethodGet, "code=x&context=stores%2Fabc123"},
		{"no context", http.MethodGet, "code=x&scope=store_v2_orders"},
		{"nothing", http.MethodGet, ""},
		{"context without stores/", http.MethodGet, "code=x&scope=s&context=abc123"},
		{"context with a bad hash", http.MethodGet, "code=x&scope=s&context=stores%2F..%2Fadmin"},
		{"POST", http.MethodPost, "code=x&scope=s&context=stores%2Fabc123"},
	}
	for _, tc := range bad {
		t.Run("refuses "+tc.name, func(t *testing.T) {
			app, mt := testApp(t)
			mt.RegisterResponder(http.MethodPost, testTokenURL, httpmock.NewStringResponder(200, tokenResponse))
			called := false
			h := app.AuthCallbackHandler(func(http.ResponseWriter, *http.Request, *OAuthToken) { called = true })
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequest(tc.method, "/auth?"+tc.query, nil))
			want := http.StatusBadRequest
			if tc.method != http.MethodGet {
				want = http.StatusMethodNotAllowed
			}
			if w.Code != want {
				t.Errorf("status %d, want %d", w.Code, want)
			}
			if called || mt.GetTotalCallCount() != 0 {
				t.Errorf("onInstall called %v, token endpoint hits %d: want neither", called, mt.GetTotalCallCount())
			}
		})
	}

	t.Run("exchanges and hands over the token", func(t *testing.T) {
		app, mt := testApp(t)
		var sent tokenRequest
		mt.RegisterResponder(http.MethodPost, testTokenURL, func(r *http.Request) (*http.Response, error) {
			_ = json.NewDecoder(r.Body).Decode(&sent)
			return httpmock.NewStringResponse(200, tokenResponse), nil
		})
		var got *OAuthToken
		h := app.AuthCallbackHandler(func(w http.ResponseWriter, r *http.Request, tok *OAuthToken) {
			got = tok
			fmt.Fprint(w, "<html>installed</html>")
		})
		w := httptest.NewRecorder()
		q := url.Values{"code": {testCode}, "scope": {"store_v2_orders store_v2_products"}, "context": {"stores/abc123"}, "account_uuid": {"u"}}
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/auth?"+q.Encode(), nil))
		if w.Code != 200 || w.Body.String() != "<html>installed</html>" {
			t.Fatalf("status %d body %q", w.Code, w.Body.String())
		}
		if got == nil || got.AccessToken != testAccessToken {
			t.Fatalf("token = %v", got)
		}
		if sent.Code != testCode || sent.Scope != "store_v2_orders store_v2_products" || sent.Context != "stores/abc123" {
			t.Errorf("exchange sent %+v", sent)
		}
		if mt.GetTotalCallCount() != 1 {
			t.Errorf("token endpoint hits %d", mt.GetTotalCallCount())
		}
	})

	t.Run("failed exchange is 502 without secrets", func(t *testing.T) {
		app, mt := testApp(t)
		mt.RegisterResponder(http.MethodPost, testTokenURL, httpmock.NewStringResponder(401, `{"error":"invalid client `+testClientSecret+`"}`))
		called := false
		h := app.AuthCallbackHandler(func(http.ResponseWriter, *http.Request, *OAuthToken) { called = true })
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/auth?code="+testCode+"&scope=s&context=stores%2Fabc123", nil))
		if w.Code != http.StatusBadGateway || called {
			t.Fatalf("status %d called %v", w.Code, called)
		}
		if b := w.Body.String(); strings.Contains(b, testClientSecret) || strings.Contains(b, testCode) {
			t.Errorf("body reveals a secret: %q", b)
		}
	})
}

func TestCallbackHandlers(t *testing.T) {
	app, _ := testApp(t)
	validJWT := signJWT(t, jwt.SigningMethodHS256, []byte(testClientSecret), docClaims())
	forgedJWT := signJWT(t, jwt.SigningMethodHS256, []byte("guess"), docClaims())
	validLegacy := legacyPayloadFor(legacyJSON, testClientSecret, base64.URLEncoding)
	handlers := map[string]func(func(http.ResponseWriter, *http.Request, *SignedPayload)) http.Handler{
		"load": app.LoadHandler, "uninstall": app.UninstallHandler, "remove_user": app.RemoveUserHandler, "callback": app.CallbackHandler,
	}
	cases := []struct {
		name   string
		method string
		query  url.Values
		status int
		store  string
	}{
		{"valid jwt", http.MethodGet, url.Values{"signed_payload_jwt": {validJWT}}, 200, "z4zn3wo"},
		{"valid legacy", http.MethodGet, url.Values{"signed_payload": {validLegacy}}, 200, "z4zn3wo"},
		{"forged jwt", http.MethodGet, url.Values{"signed_payload_jwt": {forgedJWT}}, 401, ""},
		{"forged jwt beside a valid legacy payload", http.MethodGet, url.Values{"signed_payload_jwt": {forgedJWT}, "signed_payload": {validLegacy}}, 401, ""},
		{"garbage", http.MethodGet, url.Values{"signed_payload_jwt": {"a.b.c"}}, 401, ""},
		{"missing", http.MethodGet, url.Values{}, 400, ""},
		{"POST", http.MethodPost, url.Values{"signed_payload_jwt": {validJWT}}, 405, ""},
	}
	for hname, mk := range handlers {
		for _, tc := range cases {
			t.Run(hname+"/"+tc.name, func(t *testing.T) {
				var got *SignedPayload
				h := mk(func(w http.ResponseWriter, r *http.Request, p *SignedPayload) { got = p })
				w := httptest.NewRecorder()
				h.ServeHTTP(w, httptest.NewRequest(tc.method, "/"+hname+"?"+tc.query.Encode(), nil))
				if w.Code != tc.status {
					t.Fatalf("status %d, want %d (%q)", w.Code, tc.status, w.Body.String())
				}
				if tc.status == 200 && (got == nil || got.StoreHash != tc.store) {
					t.Fatalf("payload = %+v", got)
				}
				if tc.status != 200 && got != nil {
					t.Fatal("fn called on a refused request")
				}
				if tc.status == 401 {
					if b := w.Body.String(); b != "invalid signed payload\n" || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") {
						t.Errorf("401 body %q type %q", b, w.Header().Get("Content-Type"))
					}
				}
			})
		}
	}
}

func TestCallbackHandlerMisconfigured(t *testing.T) {
	h := OAuthApp{ClientID: testClientID}.LoadHandler(func(http.ResponseWriter, *http.Request, *SignedPayload) { t.Fatal("fn called") })
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/load?signed_payload_jwt=a.b.c", nil))
	if w.Code != http.StatusInternalServerError {
		t.Errorf("status %d", w.Code)
	}
}

func TestParseScopes(t *testing.T) {
	got := ParseScopes("  store_v2_orders store_v2_products_read_only+store_v2_orders,store_inventory\tstore_locations_read_only ")
	want := Scopes{ScopeOrders, ScopeProductsReadOnly, ScopeInventory, ScopeLocationsReadOnly}
	if got.String() != want.String() {
		t.Fatalf("ParseScopes = %q, want %q", got, want)
	}
	has := []struct {
		scope Scope
		want  bool
	}{
		{ScopeOrders, true},
		{ScopeOrdersReadOnly, true}, // granted by the read-write twin
		{ScopeProductsReadOnly, true},
		{ScopeProducts, false}, // read-only does not grant writing
		{ScopeInventoryReadOnly, true},
		{ScopeLocations, false},
		{ScopeLocationsReadOnly, true},
		{ScopeCustomersReadOnly, false},
		{"store_v2", false},
		{"", true},
	}
	for _, tc := range has {
		if g := got.Has(tc.scope); g != tc.want {
			t.Errorf("Has(%q) = %v, want %v", tc.scope, g, tc.want)
		}
	}
	missing := got.Missing(ScopeOrdersReadOnly, ScopeCustomers, ScopeProducts)
	if len(missing) != 2 || missing[0] != ScopeCustomers || missing[1] != ScopeProducts {
		t.Errorf("Missing = %v", missing)
	}
	if len(ParseScopes("")) != 0 || ParseScopes("").Has(ScopeOrders) {
		t.Error("empty grant should grant nothing")
	}
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		if s := RequiredScope(m, "/v3/hooks/12"); s != "" {
			t.Errorf("RequiredScope(%s, /v3/hooks) = %q: webhooks need no scope", m, s)
		}
	}
}

// FuzzVerifySignedPayloadJWT feeds arbitrary strings to the JWT check: it
// must never panic and never accept anything not signed with the secret.
func FuzzVerifySignedPayloadJWT(f *testing.F) {
	app := OAuthApp{ClientID: testClientID, ClientSecret: testClientSecret, Now: func() time.Time { return testNow }}
	f.Add(signJWT(f, jwt.SigningMethodHS256, []byte(testClientSecret), docClaims()))
	f.Add(signJWT(f, jwt.SigningMethodHS512, []byte(testClientSecret), docClaims()))
	f.Add(signJWT(f, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, docClaims()))
	f.Add("a.b.c")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := app.VerifySignedPayloadJWT(s)
		if err != nil {
			return
		}
		// Anything accepted must carry a valid HS256 signature by the secret.
		parts := strings.Split(s, ".")
		if len(parts) != 3 {
			t.Fatalf("accepted a token with %d parts", len(parts))
		}
		mac := hmac.New(sha256.New, []byte(testClientSecret))
		mac.Write([]byte(parts[0] + "." + parts[1]))
		sig, _ := base64.RawURLEncoding.DecodeString(parts[2])
		if !hmac.Equal(sig, mac.Sum(nil)) || p.StoreHash == "" {
			t.Fatalf("accepted %q without a valid signature or store", s)
		}
	})
}

// FuzzVerifySignedPayload feeds arbitrary strings to the legacy check.
func FuzzVerifySignedPayload(f *testing.F) {
	app := OAuthApp{ClientSecret: testClientSecret}
	f.Add(legacyPayloadFor(legacyJSON, testClientSecret, base64.StdEncoding))
	f.Add(legacyPayloadFor(legacyJSON, testClientSecret, base64.RawURLEncoding))
	f.Add(legacyPayloadFor(`{"store_hash":"a","timestamp":1e300}`, testClientSecret, base64.StdEncoding))
	f.Add("e30=.")
	f.Add(".")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := app.VerifySignedPayload(s)
		if err != nil {
			return
		}
		data, sig, _ := strings.Cut(s, ".")
		js, _ := decodeBase64Any(data)
		sigHex, _ := decodeBase64Any(sig)
		mac := hmac.New(sha256.New, []byte(testClientSecret))
		mac.Write(js)
		got, _ := hex.DecodeString(strings.TrimSpace(string(sigHex)))
		if !hmac.Equal(got, mac.Sum(nil)) || p.StoreHash == "" {
			t.Fatalf("accepted %q without a valid signature or store", s)
		}
	})
}
