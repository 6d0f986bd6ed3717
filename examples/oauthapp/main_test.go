package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// noEnv is an empty environment: the demo runs.
func noEnv(string) string { return "" }

// envOf returns a getenv over m.
func envOf(m map[string]string) func(string) string {
	return func(k string) string { return m[k] }
}

func TestDemo(t *testing.T) {
	var stdout, stderr bytes.Buffer
	start := time.Now()
	if err := run(t.Context(), nil, noEnv, &stdout, &stderr); err != nil {
		t.Fatalf("run: %v\nstdout:\n%s\nstderr:\n%s", err, &stdout, &stderr)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the demo took %s, want well under a few seconds", d)
	}
	out := stdout.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasPrefix(lines[0], "DEMO: ") {
		t.Errorf("first line = %q, want it to say this is a demo", lines[0])
	}
	if stderr.Len() > 0 {
		t.Errorf("stderr = %q, want nothing", &stderr)
	}
	// Each pattern must match a line, in this order.
	want := []string{
		`^demo: fake store fakestore at http://127\.0\.0\.1:\d+, token endpoint http://127\.0\.0\.1:\d+/oauth2/token, app server http://127\.0\.0\.1:\d+$`,
		`^app: install: store fakestore \("Fake Store"\) installed the app for user 9001; granted scopes: store_v2_information_read_only store_v2_orders_read_only;`,
		`^app: webhooks: store fakestore now delivers store/order/created to https://oauthapp\.example\.com/webhooks \(hook 1; it can take a minute to start\)$`,
		`^   -> 200: .*: The app is installed on Fake Store\.$`,
		`^   the store now holds the app's webhook subscription$`,
		`^app: load: user 9001 \(merchant@example\.com\) opened the app on store fakestore; greeted them$`,
		`^   -> 200: .*: Hello, merchant@example\.com! This app is connected to Fake Store\.$`,
		`^app: webhook: store/order/created for store fakestore accepted: order 100 is "[^"]+", total \d+\.\d\d USD$`,
		`^   -> 200: accepted`,
		`^app: webhook: refused a POST from 127\.0\.0\.1:\d+: 401 Unauthorized$`,
		`^   -> 401: rejected`,
		`^app: webhook: store/order/created for store fakestore, order 100: duplicate delivery \(key [0-9a-f]{40}\), ignored$`,
		`^app: remove_user: store fakestore revoked user 9001's access`,
		`^app: uninstall: user 9001 removed the app from store fakestore; its token is forgotten$`,
		`^demo complete$`,
	}
	i := 0
	for _, line := range lines {
		if i < len(want) && regexp.MustCompile(want[i]).MatchString(line) {
			i++
		}
	}
	if i < len(want) {
		t.Errorf("no line matches %q (after the earlier patterns); output:\n%s", want[i], out)
	}
	if n := strings.Count(out, "accepted: order 100"); n != 1 {
		t.Errorf("the order webhook was handled %d times, want 1 (the redelivery is a duplicate, the forgery is refused)", n)
	}
	for _, secret := range []string{demoClientSecret, demoAccessToken} {
		if strings.Contains(out, secret) {
			t.Errorf("the output contains the secret %q", secret)
		}
	}
}

func TestDemoIgnoresServerFlags(t *testing.T) {
	var stdout bytes.Buffer
	if err := run(t.Context(), []string{"-addr", "127.0.0.1:0"}, noEnv, &stdout, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stdout.String(), "demo: ignoring -addr: they apply only with credentials") {
		t.Errorf("the demo did not say it ignores -addr:\n%s", &stdout)
	}
}

func TestRunErrors(t *testing.T) {
	creds := map[string]string{envClientID: "id", envClientSecret: "s3cr3t-value"}
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr string // substring; "usage" means errUsage
	}{
		{"only the id", nil, map[string]string{envClientID: "id"}, envClientSecret + " is not"},
		{"only the secret", nil, map[string]string{envClientSecret: "s3cr3t-value"}, envClientID + " is not"},
		{"no public URL", nil, creds, "-public-url is required"},
		{"relative public URL", []string{"-public-url", "myapp.example.com"}, creds, "not an absolute http(s) URL"},
		{"unknown flag", []string{"-nope"}, creds, "usage"},
		{"extra argument", []string{"serve"}, nil, "usage"},
		{"bad address", []string{"-addr", "127.0.0.1:notaport", "-public-url", "https://app.example.com"}, creds, "choose another -addr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			err := run(t.Context(), tt.args, envOf(tt.env), &stdout, &stderr)
			switch {
			case err == nil:
				t.Fatal("run succeeded, want an error")
			case tt.wantErr == "usage":
				if !errors.Is(err, errUsage) {
					t.Errorf("err = %v, want errUsage", err)
				}
				if !strings.Contains(stderr.String(), "Usage: oauthapp") {
					t.Errorf("stderr has no usage:\n%s", &stderr)
				}
			case !strings.Contains(err.Error(), tt.wantErr):
				t.Errorf("err = %v, want it to contain %q", err, tt.wantErr)
			}
			if err != nil && strings.Contains(stdout.String()+stderr.String()+err.Error(), "s3cr3t-value") {
				t.Error("the client secret was printed")
			}
		})
	}
}

func TestRunHelp(t *testing.T) {
	var stderr bytes.Buffer
	if err := run(t.Context(), []string{"-h"}, noEnv, &bytes.Buffer{}, &stderr); !errors.Is(err, flag.ErrHelp) {
		t.Errorf("err = %v, want flag.ErrHelp", err)
	}
	if !strings.Contains(stderr.String(), envClientID) {
		t.Errorf("the usage does not name %s:\n%s", envClientID, &stderr)
	}
}

// TestServe starts the real server mode and stops it through the context.
func TestServe(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	cancel() // serve starts, logs, and shuts down at once
	var stdout bytes.Buffer
	env := envOf(map[string]string{envClientID: "my-client-id", envClientSecret: "s3cr3t-value"})
	if err := run(ctx, []string{"-addr", "127.0.0.1:0", "-public-url", "https://app.example.com/"}, env, &stdout, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	out := stdout.String()
	for _, want := range []string{"app server listening on http://127.0.0.1:", "auth https://app.example.com/auth,", "shutting down"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "s3cr3t-value") {
		t.Errorf("the client secret was printed:\n%s", out)
	}
}

// testApp returns an app for the demo store whose token endpoint counts
// its calls, and the log it writes.
func testApp(t *testing.T) (*app, *fakeLogin, *atomic.Int32, *bytes.Buffer) {
	t.Helper()
	login := newFakeLogin(demoClientSecret, "https://app.example.com/auth")
	var calls atomic.Int32
	tokenSrv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		login.ServeHTTP(w, r)
	}))
	t.Cleanup(tokenSrv.Close)
	var logs bytes.Buffer
	a := newApp(appConfig{
		oauth: bigcommerce.OAuthApp{
			ClientID: demoClientID, ClientSecret: demoClientSecret,
			RedirectURL: login.redirectURL, TokenURL: tokenSrv.URL + "/oauth2/token",
		},
		webhookURL:   "https://app.example.com/webhooks",
		webhookScope: webhookScope,
		apiBase:      "http://127.0.0.1:1", // nothing listens: no test here reaches the API
		log:          log.New(&syncWriter{w: &logs}, "", 0),
	})
	return a, login, &calls, &logs
}

// serveApp sends req to the app's routes and returns the answer.
func serveApp(a *app, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	a.routes().ServeHTTP(rec, req)
	return rec
}

func TestAuthCallbackMalformed(t *testing.T) {
	a, login, calls, _ := testApp(t)
	code := login.issueCode()
	for _, q := range []url.Values{
		{"scope": {"store_v2_orders"}, "context": {"stores/fakestore"}},                       // no code
		{"code": {code}, "context": {"stores/fakestore"}},                                     // no scope
		{"code": {code}, "scope": {"store_v2_orders"}},                                        // no context
		{"code": {code}, "scope": {"store_v2_orders"}, "context": {"fakestore"}},              // not stores/{hash}
		{"code": {code}, "scope": {"store_v2_orders"}, "context": {"stores/../admin"}},        // not a hash
		{"code": {code}, "scope": {"store_v2_orders"}, "context": {"stores/fakestore/extra"}}, // trailing path
	} {
		rec := serveApp(a, httptest.NewRequest(http.MethodGet, "/auth?"+q.Encode(), nil))
		if rec.Code != http.StatusBadRequest {
			t.Errorf("GET /auth?%s = %d, want 400", q.Encode(), rec.Code)
		}
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("the token endpoint was called %d times for malformed callbacks, want 0", n)
	}
	if _, ok := a.installed(demoStoreHash); ok {
		t.Error("a malformed callback installed the store")
	}
}

func TestAuthCallbackRefusedCode(t *testing.T) {
	a, _, calls, logs := testApp(t)
	// A well-formed callback with a code the login service never issued.
	q := url.Values{"code": {"forged"}, "scope": {"store_v2_orders"}, "context": {"stores/fakestore"}}
	rec := serveApp(a, httptest.NewRequest(http.MethodGet, "/auth?"+q.Encode(), nil))
	if rec.Code != http.StatusBadGateway {
		t.Errorf("GET /auth with a refused code = %d, want 502", rec.Code)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("the token endpoint was called %d times, want 1", n)
	}
	if _, ok := a.installed(demoStoreHash); ok {
		t.Error("a refused code installed the store")
	}
	if strings.Contains(rec.Body.String()+logs.String(), demoClientSecret) {
		t.Error("the client secret leaked")
	}
}

func TestSignedCallbacks(t *testing.T) {
	a, login, _, _ := testApp(t)
	good := login.signedPayload(time.Now())
	forged := newFakeLogin("another-apps-secret", login.redirectURL).signedPayload(time.Now())
	expired := login.signedPayload(time.Now().Add(-48 * time.Hour))
	tests := []struct {
		name, target string
		want         int
	}{
		{"load without payload", "/load", http.StatusBadRequest},
		{"load with forged payload", "/load?signed_payload_jwt=" + forged, http.StatusUnauthorized},
		{"load with expired payload", "/load?signed_payload_jwt=" + expired, http.StatusUnauthorized},
		{"load of a store without token", "/load?signed_payload_jwt=" + good, http.StatusNotFound},
		{"uninstall with forged payload", "/uninstall?signed_payload_jwt=" + forged, http.StatusUnauthorized},
		{"remove_user with forged payload", "/remove_user?signed_payload_jwt=" + forged, http.StatusUnauthorized},
		{"uninstall", "/uninstall?signed_payload_jwt=" + good, http.StatusOK},
	}
	for _, tt := range tests {
		rec := serveApp(a, httptest.NewRequest(http.MethodGet, tt.target, nil))
		if rec.Code != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, rec.Code, tt.want)
		}
	}
}

// TestLoadAndUninstall checks that uninstall forgets the store that load
// greets.
func TestLoadAndUninstall(t *testing.T) {
	a, login, _, _ := testApp(t)
	a.stores[demoStoreHash] = &installation{token: bigcommerce.OAuthToken{AccessToken: demoAccessToken, Context: "stores/" + demoStoreHash}, storeName: "<Shop & Co>"}
	payload := login.signedPayload(time.Now())
	rec := serveApp(a, httptest.NewRequest(http.MethodGet, "/load?signed_payload_jwt="+payload, nil))
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "Hello, merchant@example.com!") {
		t.Fatalf("load = %d %q, want 200 with a greeting", rec.Code, rec.Body)
	}
	if !strings.Contains(rec.Body.String(), "&lt;Shop &amp; Co&gt;") {
		t.Errorf("load page does not escape the store name: %q", rec.Body)
	}
	if rec := serveApp(a, httptest.NewRequest(http.MethodGet, "/uninstall?signed_payload_jwt="+payload, nil)); rec.Code != http.StatusOK {
		t.Fatalf("uninstall = %d, want 200", rec.Code)
	}
	if _, ok := a.installed(demoStoreHash); ok {
		t.Error("uninstall kept the store")
	}
	if rec := serveApp(a, httptest.NewRequest(http.MethodGet, "/load?signed_payload_jwt="+payload, nil)); rec.Code != http.StatusNotFound {
		t.Errorf("load after uninstall = %d, want 404", rec.Code)
	}
}

func TestWebhookReceiver(t *testing.T) {
	a, _, _, logs := testApp(t)
	now := time.Now()
	event := orderCreated(demoOrderID)
	event.MessageID = "msg_1"
	sign := func(secret string, at time.Time) *bigcommercetest.WebhookDelivery {
		return bigcommercetest.SignWebhook(secret, event, bigcommercetest.SignedAt(at))
	}
	unsigned := sign(demoClientSecret, now)
	unsigned.Header = http.Header{}
	badSig := sign(demoClientSecret, now)
	badSig.Header.Set(bigcommerce.HeaderWebhookSignature, tamper(badSig.Header.Get(bigcommerce.HeaderWebhookSignature)))
	badBody := sign(demoClientSecret, now)
	badBody.Body = bytes.Replace(badBody.Body, []byte(`"id":100`), []byte(`"id":101`), 1)
	event.MessageID = "msg_2" // the same event in another message
	redelivery := sign(demoClientSecret, now)
	event.MessageID = "msg_1"
	tests := []struct {
		name string
		d    *bigcommercetest.WebhookDelivery
		want int
	}{
		{"unsigned", unsigned, http.StatusUnauthorized},
		{"tampered signature", badSig, http.StatusUnauthorized},
		{"wrong secret", sign("another-apps-secret", now), http.StatusUnauthorized},
		{"tampered body", badBody, http.StatusUnauthorized},
		{"stale timestamp", sign(demoClientSecret, now.Add(-time.Hour)), http.StatusUnauthorized},
		// The store has no token here, so the event is accepted and
		// ignored without calling the API.
		{"valid", sign(demoClientSecret, now), http.StatusOK},
		{"redelivery", redelivery, http.StatusOK},
	}
	for _, tt := range tests {
		if got := tt.d.Deliver(a.routes()).Code; got != tt.want {
			t.Errorf("%s: status %d, want %d", tt.name, got, tt.want)
		}
	}
	out := logs.String()
	if n := strings.Count(out, "refused a POST"); n != 5 {
		t.Errorf("logged %d refusals, want 5:\n%s", n, out)
	}
	if !strings.Contains(out, "which has no token here: accepted and ignored") || !strings.Contains(out, "duplicate delivery") {
		t.Errorf("the valid delivery and its redelivery were not logged as handled and duplicate:\n%s", out)
	}
}

// TestWebhookFailureIsRetried checks that a delivery whose handling fails
// answers 500 and is handled again when redelivered, not dropped as a
// duplicate.
func TestWebhookFailureIsRetried(t *testing.T) {
	a, _, _, logs := testApp(t)
	// The store is installed, but its API is unreachable.
	tok := &bigcommerce.OAuthToken{AccessToken: demoAccessToken, Context: "stores/" + demoStoreHash}
	client, err := bigcommerce.NewClient(demoStoreHash, *tok,
		bigcommerce.WithBaseURL("http://127.0.0.1:1/stores/"+demoStoreHash),
		bigcommerce.WithRetryPolicy(bigcommerce.RetryPolicy{}))
	if err != nil {
		t.Fatal(err)
	}
	a.stores[demoStoreHash] = &installation{token: *tok, client: client}
	d := bigcommercetest.SignWebhook(demoClientSecret, orderCreated(demoOrderID))
	for i := range 2 {
		if got := d.Deliver(a.routes()).Code; got != http.StatusInternalServerError {
			t.Errorf("delivery %d: status %d, want 500", i+1, got)
		}
	}
	if strings.Contains(logs.String(), "duplicate") {
		t.Errorf("a failed delivery was remembered as handled:\n%s", logs)
	}
}

func TestClaimIsBounded(t *testing.T) {
	a := newApp(appConfig{})
	for i := range maxSeenDeliveries + 10 {
		if !a.claim(strconv.Itoa(i)) {
			t.Fatalf("key %d was not new", i)
		}
	}
	if len(a.seen) != maxSeenDeliveries || len(a.order) != maxSeenDeliveries {
		t.Errorf("kept %d keys (%d in order), want %d", len(a.seen), len(a.order), maxSeenDeliveries)
	}
	if a.claim(strconv.Itoa(maxSeenDeliveries)) {
		t.Error("a recent key was claimed twice")
	}
	a.release("20")
	if len(a.seen) != maxSeenDeliveries-1 || len(a.order) != maxSeenDeliveries-1 {
		t.Errorf("after release: %d keys, %d in order, want %d", len(a.seen), len(a.order), maxSeenDeliveries-1)
	}
	if !a.claim("20") {
		t.Error("a released key could not be claimed again")
	}
	if !a.claim("0") {
		t.Error("the oldest key was not forgotten")
	}
}

// TestInstallSubscribes installs the app on a store that serves /v3/hooks:
// the first install creates the webhook, a repeated auth callback (as
// after a scope change) finds it and creates none.
func TestInstallSubscribes(t *testing.T) {
	a, login, calls, logs := testApp(t)
	store := bigcommercetest.NewHandler(
		bigcommercetest.WithConfig(bigcommercetest.Config{StoreHash: demoStoreHash, AccessToken: demoAccessToken, ClientID: demoClientID}),
		// Another app's hook for the same event and destination must not
		// count: a token sees only its own client's hooks.
		bigcommercetest.WithAccount(bigcommercetest.Account{AccessToken: "other-app", ClientID: "other-client"}))
	api := httptest.NewServer(store)
	defer api.Close()
	a.cfg.apiBase = api.URL
	other, err := bigcommerce.NewClient(demoStoreHash, bigcommerce.TokenAuth{AccessToken: "other-app"}, bigcommerce.WithBaseURL(api.URL+"/stores/"+demoStoreHash))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := other.Webhooks.Create(context.Background(), bigcommerce.WebhookCreate{Scope: webhookScope, Destination: "https://app.example.com/webhooks", IsActive: bigcommerce.Ptr(true)}); err != nil {
		t.Fatal(err)
	}

	for i := range 2 {
		q := url.Values{"code": {login.issueCode()}, "scope": {"store_v2_information_read_only"}, "context": {"stores/" + demoStoreHash}}
		if rec := serveApp(a, httptest.NewRequest(http.MethodGet, "/auth?"+q.Encode(), nil)); rec.Code != http.StatusOK {
			t.Fatalf("install %d: status %d: %s", i+1, rec.Code, rec.Body)
		}
	}
	if n := calls.Load(); n != 2 {
		t.Errorf("the token endpoint was called %d times, want 2", n)
	}
	own, _, err := a.stores[demoStoreHash].client.Webhooks.List(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(own) != 1 || own[0].Scope != webhookScope || !own[0].IsActive || own[0].Destination != "https://app.example.com/webhooks" || own[0].ClientID != demoClientID {
		t.Errorf("the app's hooks %+v, want one active %s hook", own, webhookScope)
	}
	if n := store.HookCount(); n != 2 {
		t.Errorf("the store holds %d hooks, want 2 (the other app's and this one)", n)
	}
	out := logs.String()
	for _, want := range []string{
		"webhooks: store fakestore now delivers store/order/created to https://app.example.com/webhooks (hook 2;",
		"webhooks: store fakestore already has hook 2 for store/order/created -> https://app.example.com/webhooks (active: true)",
		"install: store fakestore did not grant [store_v2_orders_read_only]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, demoAccessToken) {
		t.Errorf("the log shows the access token:\n%s", out)
	}
}
