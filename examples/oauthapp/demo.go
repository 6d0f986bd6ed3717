package main

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// The demo's made-up app credentials, store and merchant. Like real ones,
// the secret and the token are never printed; they only travel over
// loopback, between the demo's own servers.
const (
	demoClientID     = "demo-client-id"
	demoClientSecret = "demo-client-secret"
	demoStoreHash    = "fakestore"
	demoAccessToken  = "demo-access-token"
	demoUserID       = 9001
	demoUserEmail    = "merchant@example.com"
	demoOrderID      = 100 // the first order the seeded fake store has
	// demoPublicURL stands for the https address BigCommerce would reach
	// the app at (-public-url); nothing is sent there.
	demoPublicURL = "https://oauthapp.example.com"
)

// demoScopes are the scopes the demo merchant grants.
var demoScopes = bigcommerce.Scopes{bigcommerce.ScopeStoreInformationReadOnly, bigcommerce.ScopeOrdersReadOnly}

// runDemo plays BigCommerce against the app, all on 127.0.0.1: a fake
// store, a fake token endpoint and the app server, then the callbacks and
// webhook deliveries a real install produces. It returns an error when the
// app does not answer as it should.
func runDemo(ctx context.Context, out io.Writer, ignoredFlags []string) error {
	fmt.Fprintf(out, "DEMO: %s and %s are not set, so this runs a local demo on 127.0.0.1 (fake store, fake token endpoint, this app) and exits; set both to run a real app server.\n", envClientID, envClientSecret)
	if len(ignoredFlags) > 0 {
		fmt.Fprintf(out, "demo: ignoring %s: they apply only with credentials\n", strings.Join(ignoredFlags, ", "))
	}

	// The store's API account has exactly the scopes the merchant grants,
	// so a call the app is not allowed shows up as the 403 it would be.
	scopes := make([]string, len(demoScopes))
	for i, sc := range demoScopes {
		scopes[i] = string(sc)
	}
	store := bigcommercetest.NewHandler(
		bigcommercetest.WithConfig(bigcommercetest.Config{StoreHash: demoStoreHash, AccessToken: demoAccessToken, ClientID: demoClientID, Scopes: scopes}),
		bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Customers: 3, Products: 3, Orders: 3}))
	storeSrv := httptest.NewServer(store)
	defer storeSrv.Close()

	appSrv := httptest.NewUnstartedServer(nil)
	appURL := "http://" + appSrv.Listener.Addr().String()
	login := newFakeLogin(demoClientSecret, appURL+"/auth")
	loginSrv := httptest.NewServer(login)
	defer loginSrv.Close()

	a := newApp(appConfig{
		oauth: bigcommerce.OAuthApp{
			ClientID: demoClientID, ClientSecret: demoClientSecret,
			RedirectURL: login.redirectURL, TokenURL: loginSrv.URL + "/oauth2/token",
		},
		// BigCommerce delivers only to https on port 443, so the app
		// subscribes its public address (in development, a tunnel to the
		// local server). The fake store records the subscription but
		// never delivers; the demo POSTs the deliveries to appURL itself.
		webhookURL:   demoPublicURL + "/webhooks",
		webhookScope: webhookScope,
		apiBase:      storeSrv.URL,
		log:          log.New(out, "app: ", 0),
	})
	appSrv.Config.Handler = a.routes()
	appSrv.Start()
	defer appSrv.Close()
	fmt.Fprintf(out, "demo: fake store %s at %s, token endpoint %s/oauth2/token, app server %s\n", demoStoreHash, storeSrv.URL, loginSrv.URL, appURL)

	bc := &bigCommerce{ctx: ctx, out: out, http: appSrv.Client(), appURL: appURL, login: login, store: store}
	return bc.play()
}

// bigCommerce sends the app what BigCommerce would, and checks its answers.
type bigCommerce struct {
	ctx    context.Context
	out    io.Writer
	http   *http.Client
	appURL string
	login  *fakeLogin
	store  *bigcommercetest.Store
}

// play runs the demo's steps in order, stopping at the first wrong answer.
func (bc *bigCommerce) play() error {
	storeContext := "stores/" + demoStoreHash

	fmt.Fprintf(bc.out, "1. install: the merchant clicks Install; BigCommerce sends their browser to GET /auth?code=<one-time code>&scope=%s&context=%s\n", url.QueryEscape(demoScopes.String()), storeContext)
	q := url.Values{"code": {bc.login.issueCode()}, "scope": {demoScopes.String()}, "context": {storeContext}, "account_uuid": {"00000000-0000-4000-8000-000000000001"}}
	page, err := bc.get("/auth?"+q.Encode(), http.StatusOK)
	if err != nil {
		return err
	}
	fmt.Fprintf(bc.out, "   -> 200: the app swapped the code for a token; the control panel shows its page: %s\n", page)
	if n := bc.store.HookCount(); n != 1 {
		return fmt.Errorf("after install the store holds %d webhook subscriptions, want 1", n)
	}
	fmt.Fprintln(bc.out, "   the store now holds the app's webhook subscription")

	fmt.Fprintln(bc.out, "2. load: the merchant opens the app; BigCommerce sends GET /load?signed_payload_jwt=<HS256 JWT signed with the client secret>")
	if page, err = bc.getSigned("/load", http.StatusOK); err != nil {
		return err
	}
	fmt.Fprintf(bc.out, "   -> 200: the app verified the JWT (signature, aud, iss, sub, exp); the control panel shows: %s\n", page)

	fmt.Fprintf(bc.out, "3. webhooks: a shopper places order %d; BigCommerce POSTs /webhooks signed per Standard Webhooks\n", demoOrderID)
	event := orderCreated(demoOrderID)
	event.MessageID = "msg_" + randomHex(8)
	if err := bc.postWebhook(bigcommercetest.SignWebhook(demoClientSecret, event), http.StatusOK); err != nil {
		return err
	}
	fmt.Fprintln(bc.out, "   -> 200: accepted; a real app answers fast so BigCommerce does not retry")
	fmt.Fprintln(bc.out, "   a forger POSTs the same body with a tampered webhook-signature")
	forged := bigcommercetest.SignWebhook(demoClientSecret, event)
	forged.Header.Set(bigcommerce.HeaderWebhookSignature, tamper(forged.Header.Get(bigcommerce.HeaderWebhookSignature)))
	if err := bc.postWebhook(forged, http.StatusUnauthorized); err != nil {
		return err
	}
	fmt.Fprintln(bc.out, "   -> 401: rejected without being handled; only holders of the client secret can sign deliveries")
	fmt.Fprintln(bc.out, "   BigCommerce redelivers the same event (same hash), as it does when an answer was lost")
	if err := bc.postWebhook(bigcommercetest.SignWebhook(demoClientSecret, event), http.StatusOK); err != nil {
		return err
	}
	fmt.Fprintln(bc.out, "   -> 200: acknowledged but not handled twice")

	fmt.Fprintf(bc.out, "4. remove user: the owner removes user %d's access; BigCommerce sends GET /remove_user?signed_payload_jwt=...\n", demoUserID)
	if _, err := bc.getSigned("/remove_user", http.StatusOK); err != nil {
		return err
	}
	fmt.Fprintln(bc.out, "5. uninstall: the merchant uninstalls the app; BigCommerce sends GET /uninstall?signed_payload_jwt=...")
	if _, err := bc.getSigned("/uninstall", http.StatusOK); err != nil {
		return err
	}
	fmt.Fprintln(bc.out, "   -> 200: the store's token is gone; BigCommerce also deletes the app's webhooks for the store")
	fmt.Fprintln(bc.out, "demo complete")
	return nil
}

// get sends a GET to the app, checks the status and returns the text of
// the page.
func (bc *bigCommerce) get(path string, want int) (string, error) {
	req, err := http.NewRequestWithContext(bc.ctx, http.MethodGet, bc.appURL+path, nil)
	if err != nil {
		return "", err
	}
	return bc.do(req, want)
}

// getSigned sends a signed callback (load, uninstall, remove_user).
func (bc *bigCommerce) getSigned(path string, want int) (string, error) {
	return bc.get(path+"?signed_payload_jwt="+url.QueryEscape(bc.login.signedPayload(time.Now())), want)
}

// postWebhook POSTs a signed webhook delivery to the app.
func (bc *bigCommerce) postWebhook(d *bigcommercetest.WebhookDelivery, want int) error {
	req, err := d.Request(bc.appURL + "/webhooks")
	if err != nil {
		return err
	}
	_, err = bc.do(req.WithContext(bc.ctx), want)
	return err
}

// do sends req, checks the app answered want and returns the answer's
// text without HTML markup.
func (bc *bigCommerce) do(req *http.Request, want int) (string, error) {
	resp, err := bc.http.Do(req)
	if err != nil {
		return "", fmt.Errorf("demo: %s %s: %w", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if err != nil {
		return "", fmt.Errorf("demo: %s %s: reading the answer: %w", req.Method, req.URL.Path, err)
	}
	text := strings.Join(strings.Fields(html.UnescapeString(markup.ReplaceAllString(string(body), " "))), " ")
	if resp.StatusCode != want {
		return "", fmt.Errorf("demo: %s %s: the app answered %d (%s), want %d", req.Method, req.URL.Path, resp.StatusCode, text, want)
	}
	return text, nil
}

// markup matches what do drops from an HTML answer: the title and
// the tags.
var markup = regexp.MustCompile(`(?is)<title>.*?</title>|<[^>]*>`)

// fakeLogin imitates login.bigcommerce.com for one app and one store: it
// issues one-time codes, exchanges them for the store's token at
// POST /oauth2/token, and signs callback payloads.
type fakeLogin struct {
	clientID, clientSecret, redirectURL string
	storeHash, accessToken              string

	mu    sync.Mutex
	codes map[string]bool // issued and not yet exchanged
}

// newFakeLogin returns the login service of the demo app and store, with
// the given client secret and registered auth callback URL.
func newFakeLogin(clientSecret, redirectURL string) *fakeLogin {
	return &fakeLogin{
		clientID: demoClientID, clientSecret: clientSecret, redirectURL: redirectURL,
		storeHash: demoStoreHash, accessToken: demoAccessToken, codes: map[string]bool{},
	}
}

// issueCode returns a new one-time auth code.
func (l *fakeLogin) issueCode() string {
	code := randomHex(8)
	l.mu.Lock()
	l.codes[code] = true
	l.mu.Unlock()
	return code
}

// ServeHTTP serves the token exchange, checking what BigCommerce checks:
// the client credentials, the redirect URI, the context and that the code
// is fresh.
func (l *fakeLogin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/oauth2/token" {
		http.NotFound(w, r)
		return
	}
	var req struct {
		ClientID     string `json:"client_id"`
		ClientSecret string `json:"client_secret"`
		Code         string `json:"code"`
		Context      string `json:"context"`
		Scope        string `json:"scope"`
		GrantType    string `json:"grant_type"`
		RedirectURI  string `json:"redirect_uri"`
	}
	if err := json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&req); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request", "the body is not JSON")
		return
	}
	l.mu.Lock()
	fresh := l.codes[req.Code]
	delete(l.codes, req.Code)
	l.mu.Unlock()
	switch {
	case req.ClientID != l.clientID || !hmac.Equal([]byte(req.ClientSecret), []byte(l.clientSecret)):
		oauthError(w, http.StatusUnauthorized, "invalid_client", "unknown client or wrong secret")
	case req.GrantType != "authorization_code":
		oauthError(w, http.StatusBadRequest, "unsupported_grant_type", "grant_type must be authorization_code")
	case req.RedirectURI != l.redirectURL:
		oauthError(w, http.StatusBadRequest, "invalid_grant", "redirect_uri does not match the registered auth callback URL")
	case !fresh || req.Context != "stores/"+l.storeHash:
		oauthError(w, http.StatusBadRequest, "invalid_grant", "the code is unknown, used or for another store")
	default:
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{
			"access_token": l.accessToken,
			"scope":        req.Scope,
			"context":      req.Context,
			"user":         map[string]any{"id": demoUserID, "username": "Merchant", "email": demoUserEmail},
			"owner":        map[string]any{"id": demoUserID, "username": "Merchant", "email": demoUserEmail},
			"account_uuid": "00000000-0000-4000-8000-000000000001",
		})
	}
}

// oauthError answers in OAuth 2.0's error shape.
func oauthError(w http.ResponseWriter, status int, code, description string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(map[string]string{"error": code, "error_description": description})
}

// signedPayload returns a signed_payload_jwt as BigCommerce makes it for
// the load, uninstall and remove_user callbacks of the demo merchant, signed
// with this login service's client secret at now.
func (l *fakeLogin) signedPayload(now time.Time) string {
	app := bigcommerce.OAuthApp{ClientID: l.clientID, ClientSecret: l.clientSecret}
	return bigcommercetest.SignPayloadJWT(app, bigcommerce.SignedPayload{
		User:      bigcommerce.SignedPayloadUser{ID: demoUserID, Email: demoUserEmail, Locale: "en-US"},
		Owner:     bigcommerce.SignedPayloadUser{ID: demoUserID, Email: demoUserEmail},
		StoreHash: l.storeHash,
		ChannelID: bigcommerce.Ptr(1),
		IssuedAt:  now,
	})
}

// orderCreated is the store/order/created event of an order of the demo
// store. Its hash, like BigCommerce's, is the same in every redelivery.
func orderCreated(orderID int) bigcommerce.WebhookEvent {
	return bigcommerce.WebhookEvent{
		Scope:     webhookScope,
		Data:      bigcommerce.WebhookData{Type: "order", ID: strconv.Itoa(orderID)},
		CreatedAt: bigcommerce.UnixTime{Time: time.Unix(1735689600, 0)},
		Producer:  "stores/" + demoStoreHash,
	}
}

// tamper changes one character of a v1 signature, keeping it valid base64.
func tamper(sig string) string {
	b := []byte(sig)
	i := len("v1,")
	if b[i] == 'A' {
		b[i] = 'B'
	} else {
		b[i] = 'A'
	}
	return string(b)
}

// randomHex returns n random bytes in hex, for codes, ids and JWT ids.
func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b) // never fails: crypto/rand.Read crashes the program rather than return an error
	return hex.EncodeToString(b)
}
