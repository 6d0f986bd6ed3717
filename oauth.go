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
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// DefaultTokenURL is BigCommerce's OAuth token endpoint, where an app
// exchanges the auth callback's temporary code for an access token.
const DefaultTokenURL = "https://login.bigcommerce.com/oauth2/token"

// maxTokenResponse caps how much of a token endpoint answer is read.
const maxTokenResponse = 1 << 20

// contextPattern matches an app callback's context, "stores/{store_hash}".
var contextPattern = regexp.MustCompile(`^stores/[a-z0-9]+$`)

// OAuthApp is a single-click app's OAuth credentials, from the Developer
// Portal. It exchanges the auth callback's code for an access token
// (Exchange, AuthCallbackHandler) and verifies the signed payloads of the
// load, uninstall and remove_user callbacks (VerifySignedPayloadJWT,
// CallbackHandler).
//
// Printing an OAuthApp with fmt or slog shows "<redacted>" for the secret.
type OAuthApp struct {
	// ClientID is the app's client id: the "aud" of its signed payloads.
	ClientID string
	// ClientSecret signs the callbacks' payloads and webhook deliveries,
	// and authenticates the token exchange. Never log it.
	ClientSecret string
	// RedirectURL is the app's registered auth callback URL; BigCommerce
	// requires the token exchange to repeat it as redirect_uri.
	RedirectURL string
	// TokenURL replaces DefaultTokenURL (tests, fake stores).
	TokenURL string
	// HTTPClient sends the token exchange; nil uses a client with a
	// 30-second timeout. The exchange is retried only after a 429 (see
	// Exchange): a code is single-use.
	HTTPClient *http.Client
	// Now replaces time.Now when checking a signed payload's exp, nbf and
	// iat (tests); nil uses time.Now.
	Now func() time.Time
	// OnError, when set, is called by the handlers (AuthCallbackHandler,
	// CallbackHandler and the Load, Uninstall and RemoveUser handlers) with
	// the request, the status they answer with and the error behind it,
	// before answering: the answer itself names no cause, so this is where
	// an invalid_grant or a bad signature shows up. The error never contains
	// the client secret or the code. Log it, count it, or trace it.
	OnError func(r *http.Request, status int, err error)
}

// handlerError reports an error a handler is about to answer with.
func (a OAuthApp) handlerError(r *http.Request, status int, err error) {
	if a.OnError != nil {
		a.OnError(r, status, err)
	}
}

// String implements fmt.Stringer without revealing the client secret.
func (a OAuthApp) String() string {
	return fmt.Sprintf("OAuthApp{ClientID: %q, ClientSecret: %s, RedirectURL: %q, TokenURL: %q}", a.ClientID, redacted(a.ClientSecret), a.RedirectURL, a.TokenURL)
}

// GoString implements fmt.GoStringer without revealing the client secret.
func (a OAuthApp) GoString() string { return "bigcommerce." + a.String() }

// LogValue implements slog.LogValuer without revealing the client secret.
func (a OAuthApp) LogValue() slog.Value { return slog.StringValue(a.String()) }

// OAuthUser is a BigCommerce control-panel user named by a token response:
// the user who installed the app, or the store owner.
type OAuthUser struct {
	ID       int    `json:"id"`
	Username string `json:"username"`
	Email    string `json:"email"`
}

// UnmarshalJSON implements json.Unmarshaler, accepting the id as a number
// or a numeric string.
func (u *OAuthUser) UnmarshalJSON(b []byte) error {
	var raw struct {
		ID       FlexInt `json:"id"`
		Username string  `json:"username"`
		Email    string  `json:"email"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*u = OAuthUser{ID: int(raw.ID), Username: raw.Username, Email: raw.Email}
	return nil
}

// OAuthToken is the answer of the token exchange: a permanent access token
// for one store. It is an Authenticator, so it can create a Client directly:
//
//	client, err := bigcommerce.NewClient(tok.StoreHash(), tok)
//
// Store it as JSON (its fields have BigCommerce's names); printing it with
// fmt or slog shows "<redacted>" for the token.
type OAuthToken struct {
	// AccessToken is sent as X-Auth-Token. It does not expire, but is
	// replaced when the app's scopes or the owner's email change.
	AccessToken string `json:"access_token"`
	// Scope lists the granted scopes, space separated; see Scopes.
	Scope string `json:"scope"`
	// Context is "stores/{store_hash}"; see StoreHash.
	Context string `json:"context"`
	// User installed the app.
	User OAuthUser `json:"user"`
	// Owner owns the store.
	Owner OAuthUser `json:"owner"`
	// AccountUUID identifies the merchant's BigCommerce account.
	AccountUUID string `json:"account_uuid"`
}

// StoreHash returns the store hash of the token's context ("stores/abc123"
// gives "abc123"), or "" when the context has another form.
func (t *OAuthToken) StoreHash() string { return storeHashOf(t.Context) }

// Scopes parses the granted scopes.
func (t *OAuthToken) Scopes() Scopes { return ParseScopes(t.Scope) }

// Authenticate implements Authenticator: it sends X-Auth-Token.
func (t OAuthToken) Authenticate(r *http.Request) error {
	if err := t.validate(); err != nil {
		return err
	}
	r.Header.Set("X-Auth-Token", t.AccessToken)
	return nil
}

func (t OAuthToken) validate() error {
	if t.AccessToken == "" {
		return errors.New("bigcommerce: OAuthToken.AccessToken is empty: use the token returned by OAuthApp.Exchange")
	}
	return nil
}

// String implements fmt.Stringer without revealing the access token.
func (t OAuthToken) String() string {
	return fmt.Sprintf("OAuthToken{AccessToken: %s, Scope: %q, Context: %q, User: %d, Owner: %d, AccountUUID: %q}",
		redacted(t.AccessToken), t.Scope, t.Context, t.User.ID, t.Owner.ID, t.AccountUUID)
}

// GoString implements fmt.GoStringer without revealing the access token.
func (t OAuthToken) GoString() string { return "bigcommerce." + t.String() }

// LogValue implements slog.LogValuer without revealing the access token.
func (t OAuthToken) LogValue() slog.Value { return slog.StringValue(t.String()) }

// storeHashOf returns the hash of a "stores/{hash}" context, or "".
func storeHashOf(context string) string {
	hash, ok := strings.CutPrefix(context, "stores/")
	if !ok || strings.Contains(hash, "/") {
		return ""
	}
	return hash
}

// tokenRequest is the JSON body of the token exchange.
type tokenRequest struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	Code         string `json:"code"`
	Context      string `json:"context"`
	Scope        string `json:"scope"`
	GrantType    string `json:"grant_type"`
	RedirectURI  string `json:"redirect_uri"`
}

// Exchange trades the auth callback's temporary code for a permanent access
// token: POST https://login.bigcommerce.com/oauth2/token (or TokenURL).
// code, scope and context are the callback's query parameters; context must
// be "stores/{store_hash}". Bad input or an incomplete OAuthApp is a
// *ValidationError and nothing is sent. A non-2xx answer is an *Error that
// never contains the client secret or the code, with a Hint saying what to
// check.
//
// BigCommerce accepts a code only once, so the exchange is retried only
// after a 429, which proves the code was not used: once, after the wait the
// answer names (X-Rate-Limit-Time-Reset-Ms or Retry-After, at most
// MaxExchangeRetryWait and never past ctx's deadline; 1 s when it names
// none). A 500, 502, 503 or 504, a connection cut after the request was
// written, a timeout or an unreadable 2xx leave it unknown whether the code
// was used: the error matches ErrOutcomeUnknown, and the merchant has to
// start the installation again if the exchange cannot be confirmed.
func (a OAuthApp) Exchange(ctx context.Context, code, scope, context string) (*OAuthToken, error) {
	const op = "OAuthApp.Exchange"
	if err := checkContext(op, ctx); err != nil {
		return nil, err
	}
	switch {
	case a.ClientID == "" || a.ClientSecret == "":
		return nil, invalid(op, "the OAuthApp needs ClientID and ClientSecret from the Developer Portal")
	case a.RedirectURL == "":
		return nil, invalid(op, "the OAuthApp needs RedirectURL: the auth callback URL registered for the app")
	case code == "":
		return nil, invalid(op, "code is empty: pass the code query parameter of the auth callback")
	case context == "":
		return nil, invalid(op, "context is empty: pass the context query parameter of the auth callback (stores/{store_hash})")
	case !contextPattern.MatchString(context):
		return nil, invalid(op, "context %q is malformed: want stores/{store_hash}", truncateForError([]byte(context)))
	}
	tokenURL := a.TokenURL
	if tokenURL == "" {
		tokenURL = DefaultTokenURL
	}
	u, err := url.Parse(tokenURL)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, invalid(op, "TokenURL %q is not an absolute http(s) URL", tokenURL)
	}
	payload, err := json.Marshal(tokenRequest{
		ClientID: a.ClientID, ClientSecret: a.ClientSecret, Code: code, Context: context,
		Scope: scope, GrantType: "authorization_code", RedirectURI: a.RedirectURL,
	})
	if err != nil {
		return nil, fmt.Errorf("bigcommerce: %s: encoding request: %w", op, err)
	}
	hc := a.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 30 * time.Second}
	}
	var (
		resp *http.Response
		body []byte
	)
	for attempt := 0; ; attempt++ {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("bigcommerce: %s: %w", op, err) // nothing sent this time
		}
		resp, body, err = postToken(ctx, hc, u, payload)
		if err != nil {
			err = fmt.Errorf("bigcommerce: %s: POST %s: %w", op, u.Path, unwrapURLError(err))
			if (resp == nil && provablyUnsent(err)) || (resp != nil && resp.StatusCode >= 400 && resp.StatusCode <= 499) {
				return nil, err // nothing sent, or refused (only the answer's body was lost)
			}
			return nil, &outcomeError{err: err, advice: exchangeUnknownAdvice}
		}
		if resp.StatusCode != http.StatusTooManyRequests || attempt > 0 {
			break
		}
		wait, ok := retryAfter(resp.Header)
		if reset, found := headerMillis(resp.Header, headerReset); found {
			wait, ok = reset, true
		}
		if !ok {
			wait = time.Second
		}
		if wait > MaxExchangeRetryWait || pastDeadline(ctx, wait) {
			break // answer with the 429
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return nil, fmt.Errorf("bigcommerce: %s: waiting to retry after a 429: %w", op, ctx.Err())
		case <-timer.C:
		}
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := decodeError(resp, body, http.MethodPost, u.Path)
		// The login service may answer in OAuth 2.0's own error shape.
		var oe struct {
			Error            string `json:"error"`
			ErrorDescription string `json:"error_description"`
		}
		if json.Unmarshal(body, &oe) == nil && oe.Error != "" && e.Title == http.StatusText(resp.StatusCode) {
			e.Title, e.Detail = oe.Error, oe.ErrorDescription
		}
		e.Hint = exchangeHint(resp.StatusCode, oe.Error)
		redactError(e, a.ClientSecret, code)
		if isServerError(resp.StatusCode) {
			return nil, &outcomeError{err: e, answered: resp.StatusCode, advice: exchangeUnknownAdvice}
		}
		return nil, e
	}
	var tok OAuthToken
	if err := json.Unmarshal(body, &tok); err != nil {
		return nil, &outcomeError{err: fmt.Errorf("bigcommerce: %s: decoding token response: %w", op, err), answered: resp.StatusCode, advice: exchangeUnknownAdvice}
	}
	if tok.AccessToken == "" {
		return nil, &outcomeError{err: fmt.Errorf("bigcommerce: %s: the token response has no access_token", op), answered: resp.StatusCode, advice: exchangeUnknownAdvice}
	}
	if tok.Context == "" {
		tok.Context = context
	}
	if tok.Context != context {
		return nil, fmt.Errorf("bigcommerce: %s: the token is for %q but the callback was for %q", op, truncateForError([]byte(tok.Context)), context)
	}
	return &tok, nil
}

// MaxExchangeRetryWait is the longest wait Exchange accepts before its one
// retry after a 429; a longer one returns the 429 at once.
const MaxExchangeRetryWait = 30 * time.Second

// exchangeUnknownAdvice ends the error of an exchange whose code may have
// been used.
const exchangeUnknownAdvice = "outcome unknown: BigCommerce may have issued the token and used up the code, which works only once; if no token arrives, have the merchant start the installation (or open the app) again"

// postToken sends one attempt of the token exchange and reads its answer.
// A body that cannot be read is an error with the response (the request
// was certainly sent).
func postToken(ctx context.Context, hc *http.Client, u *url.URL, payload []byte) (*http.Response, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(payload))
	if err != nil {
		return nil, nil, &permanentError{err: err}
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "bigcommerce-go/"+Version)
	resp, err := hc.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxTokenResponse))
	if err != nil {
		return resp, nil, fmt.Errorf("reading response: %w", err)
	}
	return resp, body, nil
}

// exchangeHint says what to check after a refused exchange, from its status
// and its OAuth error code.
func exchangeHint(status int, oauthErr string) string {
	const credentials = "check ClientID and ClientSecret (the app's credentials in the Developer Portal)"
	switch {
	case oauthErr == "invalid_client" || oauthErr == "unauthorized_client":
		return "The app's credentials were refused: " + credentials
	case oauthErr == "invalid_grant":
		return "The code was refused: it is used up or expired (codes are single-use and expire within minutes), or RedirectURL differs from the registered auth callback URL; have the merchant start the installation again"
	case oauthErr == "invalid_scope":
		return "The scope was refused: pass the scope query parameter of the auth callback unchanged"
	case status == http.StatusBadRequest || status == http.StatusUnauthorized || status == http.StatusForbidden:
		return "The token exchange was refused: " + credentials + ", that RedirectURL equals the registered auth callback URL, and that the code is fresh (codes are single-use and expire within minutes)"
	case status == http.StatusNotFound || status == http.StatusMethodNotAllowed:
		return "No token endpoint answered at this address: check TokenURL (leave it empty for BigCommerce's)"
	case status == http.StatusTooManyRequests:
		return "BigCommerce rate-limited the token exchange, also after one retry: the code was not used, so retry with it shortly"
	}
	return ""
}

// isServerError reports the statuses after which a write's fate is unknown.
func isServerError(status int) bool {
	switch status {
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// redactError replaces every occurrence of the secrets in what e shows,
// in case the server echoed them.
func redactError(e *Error, secrets ...string) {
	for _, s := range secrets {
		if s == "" {
			continue
		}
		r := strings.NewReplacer(s, "<redacted>")
		e.Title, e.Detail, e.Type = r.Replace(e.Title), r.Replace(e.Detail), r.Replace(e.Type)
		for i, m := range e.Messages {
			e.Messages[i] = r.Replace(m)
		}
		for k, v := range e.Fields {
			delete(e.Fields, k)
			e.Fields[r.Replace(k)] = r.Replace(v)
		}
		e.Body = bytes.ReplaceAll(e.Body, []byte(s), []byte("<redacted>"))
	}
}

// AuthCallbackHandler serves the app's auth callback (GET {app}/auth): it
// checks the code, scope and context query parameters, exchanges the code
// for a token and calls onInstall, which writes the page BigCommerce shows
// in the control panel (and should store the token).
//
// A request without code, scope or a context of the form stores/{hash}
// gets 400 and no exchange is attempted; a failed exchange gets 502. Both
// answer in plain text that names no secret and no cause; the cause goes to
// OnError, when set. onInstall must not be nil.
func (a OAuthApp) AuthCallbackHandler(onInstall func(http.ResponseWriter, *http.Request, *OAuthToken)) http.Handler {
	if onInstall == nil {
		panic("bigcommerce: AuthCallbackHandler: onInstall is nil")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			w.Header().Set("Allow", http.MethodGet)
			a.handlerError(r, http.StatusMethodNotAllowed, fmt.Errorf("bigcommerce: %s is not allowed here, only %s", r.Method, http.MethodGet))
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		q := r.URL.Query()
		code, scope, context := q.Get("code"), q.Get("scope"), q.Get("context")
		var missing []string
		for _, p := range []struct{ name, value string }{{"code", code}, {"scope", scope}, {"context", context}} {
			if p.value == "" {
				missing = append(missing, p.name)
			}
		}
		if len(missing) > 0 {
			msg := "bad auth callback: missing " + strings.Join(missing, ", ")
			a.handlerError(r, http.StatusBadRequest, errors.New("bigcommerce: AuthCallbackHandler: "+msg))
			http.Error(w, msg, http.StatusBadRequest)
			return
		}
		if !contextPattern.MatchString(context) {
			msg := "bad auth callback: context must be stores/{store_hash}"
			a.handlerError(r, http.StatusBadRequest, errors.New("bigcommerce: AuthCallbackHandler: "+msg))
			http.Error(w, msg, http.StatusBadRequest)
			return
		}
		tok, err := a.Exchange(r.Context(), code, scope, context)
		if err != nil {
			a.handlerError(r, http.StatusBadGateway, err)
			http.Error(w, "the token exchange with BigCommerce failed; try installing the app again", http.StatusBadGateway)
			return
		}
		onInstall(w, r, tok)
	})
}

// LoadHandler serves the load callback (GET {app}/load), which BigCommerce
// sends from the merchant's browser when the app is opened: it verifies the
// signed_payload_jwt (or legacy signed_payload) query parameter and calls fn,
// which writes the app's HTML. See CallbackHandler.
func (a OAuthApp) LoadHandler(fn func(http.ResponseWriter, *http.Request, *SignedPayload)) http.Handler {
	return a.CallbackHandler(fn)
}

// UninstallHandler serves the uninstall callback (GET {app}/uninstall,
// server to server): fn should forget the store's token. See CallbackHandler.
func (a OAuthApp) UninstallHandler(fn func(http.ResponseWriter, *http.Request, *SignedPayload)) http.Handler {
	return a.CallbackHandler(fn)
}

// RemoveUserHandler serves the remove_user callback (GET {app}/remove_user,
// server to server): fn should revoke the user's access. See CallbackHandler.
func (a OAuthApp) RemoveUserHandler(fn func(http.ResponseWriter, *http.Request, *SignedPayload)) http.Handler {
	return a.CallbackHandler(fn)
}

// CallbackHandler serves any signed app callback (load, uninstall,
// remove_user). It reads signed_payload_jwt from the query, or the legacy
// signed_payload when there is no JWT, verifies it with the client secret
// and passes the payload to fn, which writes the answer (200 with an empty
// body is enough for uninstall and remove_user).
//
// A request with neither parameter gets 400; a payload that fails
// verification gets 401. Both answer in plain text without details, so
// nothing about the secret or the check leaks; the details go to OnError,
// when set. An OAuthApp without ClientID or ClientSecret answers 500. fn
// must not be nil.
func (a OAuthApp) CallbackHandler(fn func(http.ResponseWriter, *http.Request, *SignedPayload)) http.Handler {
	if fn == nil {
		panic("bigcommerce: CallbackHandler: fn is nil")
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			w.Header().Set("Allow", http.MethodGet)
			a.handlerError(r, http.StatusMethodNotAllowed, fmt.Errorf("bigcommerce: %s is not allowed here, only %s", r.Method, http.MethodGet))
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if a.ClientID == "" || a.ClientSecret == "" {
			a.handlerError(r, http.StatusInternalServerError, errors.New("bigcommerce: CallbackHandler: the OAuthApp needs ClientID and ClientSecret"))
			http.Error(w, "app misconfigured", http.StatusInternalServerError)
			return
		}
		q := r.URL.Query()
		var (
			p   *SignedPayload
			err error
		)
		switch {
		case q.Get("signed_payload_jwt") != "":
			p, err = a.VerifySignedPayloadJWT(q.Get("signed_payload_jwt"))
		case q.Get("signed_payload") != "":
			p, err = a.VerifySignedPayload(q.Get("signed_payload"))
		default:
			a.handlerError(r, http.StatusBadRequest, errors.New("bigcommerce: CallbackHandler: the request has neither signed_payload_jwt nor signed_payload"))
			http.Error(w, "missing signed_payload_jwt", http.StatusBadRequest)
			return
		}
		if err != nil {
			a.handlerError(r, http.StatusUnauthorized, err)
			http.Error(w, "invalid signed payload", http.StatusUnauthorized)
			return
		}
		fn(w, r, p)
	})
}

// ErrInvalidSignature matches every failed authenticity check: a signed
// payload or webhook whose signature, algorithm, audience, issuer, age or
// encoding is wrong, or that lacks its signature. Answer 401 and never show
// the details to the caller.
var ErrInvalidSignature = errors.New("bigcommerce: invalid signature")

// SignedPayloadLeeway is the clock skew allowed when checking a signed
// payload's exp, nbf and iat. BigCommerce's own example has nbf five seconds
// before iat, so clocks are not exact.
const SignedPayloadLeeway = time.Minute

// maxSignedPayload caps the length of a signed payload accepted for
// verification; real ones are well under 2 KiB.
const maxSignedPayload = 16 << 10

// SignedPayload is the verified content of a load, uninstall or remove_user
// callback, from either signed_payload_jwt or the legacy signed_payload.
type SignedPayload struct {
	// User is the control-panel user acting (id, email, locale).
	User SignedPayloadUser
	// Owner is the store owner (id, email).
	Owner SignedPayloadUser
	// StoreHash is the store's hash, from "sub" (JWT), or "store_hash" or
	// "context" (legacy).
	StoreHash string
	// Context is "stores/{store_hash}".
	Context string
	// ChannelID is the channel the app was opened for (JWT only; nil when
	// BigCommerce sends null or nothing).
	ChannelID *int
	// URL is the deep link the app should show (JWT only), e.g. "/".
	URL string
	// IssuedAt is the JWT's iat, or the legacy payload's timestamp.
	IssuedAt time.Time
	// ExpiresAt is the JWT's exp (zero for legacy payloads).
	ExpiresAt time.Time
	// JTI is the JWT's unique id (jti), usable to refuse a replayed load
	// callback; empty for legacy payloads.
	JTI string
}

// SignedPayloadUser is a user named in a signed payload.
type SignedPayloadUser struct {
	ID     int
	Email  string
	Locale string
}

// payloadUser decodes a signed payload's user or owner tolerantly.
type payloadUser struct {
	ID     FlexInt `json:"id"`
	Email  string  `json:"email"`
	Locale string  `json:"locale"`
}

func (u payloadUser) user() SignedPayloadUser {
	return SignedPayloadUser{ID: int(u.ID), Email: u.Email, Locale: u.Locale}
}

// jwtClaims are the claims of signed_payload_jwt.
type jwtClaims struct {
	jwt.RegisteredClaims
	User      payloadUser `json:"user"`
	Owner     payloadUser `json:"owner"`
	URL       string      `json:"url"`
	ChannelID *FlexInt    `json:"channel_id"`
}

// VerifySignedPayloadJWT verifies and decodes the signed_payload_jwt query
// parameter of the load, uninstall and remove_user callbacks. It accepts only
// HS256 signed with the client secret, with aud equal to ClientID, iss "bc",
// a sub of the form stores/{store_hash}, an exp in the future and nbf/iat not
// in the future, each within SignedPayloadLeeway. Every failure matches
// ErrInvalidSignature.
func (a OAuthApp) VerifySignedPayloadJWT(s string) (*SignedPayload, error) {
	if a.ClientID == "" || a.ClientSecret == "" {
		return nil, errors.New("bigcommerce: VerifySignedPayloadJWT: the OAuthApp needs ClientID and ClientSecret")
	}
	if s == "" || len(s) > maxSignedPayload {
		return nil, fmt.Errorf("%w: signed_payload_jwt is empty or longer than %d bytes", ErrInvalidSignature, maxSignedPayload)
	}
	now := a.Now
	if now == nil {
		now = time.Now
	}
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithAudience(a.ClientID),
		jwt.WithIssuer("bc"),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithLeeway(SignedPayloadLeeway),
		jwt.WithTimeFunc(now),
	)
	var claims jwtClaims
	secret := []byte(a.ClientSecret)
	if _, err := parser.ParseWithClaims(s, &claims, func(*jwt.Token) (any, error) { return secret, nil }); err != nil {
		return nil, fmt.Errorf("%w: signed_payload_jwt: %w", ErrInvalidSignature, err)
	}
	hash := storeHashOf(claims.Subject)
	if !storeHashPattern.MatchString(hash) {
		return nil, fmt.Errorf("%w: signed_payload_jwt: sub %q is not stores/{store_hash}", ErrInvalidSignature, truncateForError([]byte(claims.Subject)))
	}
	p := &SignedPayload{
		User:      claims.User.user(),
		Owner:     claims.Owner.user(),
		StoreHash: hash,
		Context:   claims.Subject,
		URL:       claims.URL,
		JTI:       claims.ID,
	}
	if claims.ChannelID != nil {
		p.ChannelID = Ptr(int(*claims.ChannelID))
	}
	if claims.IssuedAt != nil {
		p.IssuedAt = claims.IssuedAt.Time
	}
	if claims.ExpiresAt != nil {
		p.ExpiresAt = claims.ExpiresAt.Time
	}
	return p, nil
}

// legacyPayload is the JSON inside a legacy signed_payload.
type legacyPayload struct {
	User      payloadUser `json:"user"`
	Owner     payloadUser `json:"owner"`
	Context   string      `json:"context"`
	StoreHash string      `json:"store_hash"`
	Timestamp json.Number `json:"timestamp"`
}

// VerifySignedPayload verifies and decodes the legacy signed_payload query
// parameter: base64(json) "." base64(hex(HMAC-SHA256(client secret, json))).
// Either part may use the standard or the URL-safe base64 alphabet, with or
// without padding (a space is read as the "+" a careless URL decoder turned
// it into). The MAC is compared in constant time. The legacy payload carries
// no expiry, so it is not checked for age. Every failure matches
// ErrInvalidSignature.
func (a OAuthApp) VerifySignedPayload(s string) (*SignedPayload, error) {
	if a.ClientSecret == "" {
		return nil, errors.New("bigcommerce: VerifySignedPayload: the OAuthApp needs ClientSecret")
	}
	if s == "" || len(s) > maxSignedPayload {
		return nil, fmt.Errorf("%w: signed_payload is empty or longer than %d bytes", ErrInvalidSignature, maxSignedPayload)
	}
	data64, sig64, ok := strings.Cut(s, ".")
	if !ok || strings.Contains(sig64, ".") {
		return nil, fmt.Errorf("%w: signed_payload: want two dot-separated parts", ErrInvalidSignature)
	}
	data, err1 := decodeBase64Any(data64)
	sigHex, err2 := decodeBase64Any(sig64)
	if err1 != nil || err2 != nil {
		return nil, fmt.Errorf("%w: signed_payload: bad base64", ErrInvalidSignature)
	}
	sig, err := hex.DecodeString(strings.TrimSpace(string(sigHex)))
	if err != nil {
		return nil, fmt.Errorf("%w: signed_payload: the signature is not hex", ErrInvalidSignature)
	}
	mac := hmac.New(sha256.New, []byte(a.ClientSecret))
	mac.Write(data)
	if !hmac.Equal(mac.Sum(nil), sig) {
		return nil, fmt.Errorf("%w: signed_payload: signature mismatch", ErrInvalidSignature)
	}
	var lp legacyPayload
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&lp); err != nil {
		return nil, fmt.Errorf("bigcommerce: signed_payload: decoding the signed JSON: %w", err)
	}
	hash := lp.StoreHash
	if hash == "" {
		hash = storeHashOf(lp.Context)
	}
	if !storeHashPattern.MatchString(hash) {
		return nil, fmt.Errorf("bigcommerce: signed_payload: no valid store_hash or context in the signed JSON")
	}
	p := &SignedPayload{User: lp.User.user(), Owner: lp.Owner.user(), StoreHash: hash, Context: "stores/" + hash}
	if ts, err := lp.Timestamp.Float64(); err == nil && ts > 0 && ts < 1e11 {
		sec := int64(ts)
		p.IssuedAt = time.Unix(sec, int64((ts-float64(sec))*1e9)).UTC()
	}
	return p, nil
}

// decodeBase64Any decodes standard or URL-safe base64, padded or not.
func decodeBase64Any(s string) ([]byte, error) {
	s = strings.TrimRight(strings.NewReplacer(" ", "+", "-", "+", "_", "/").Replace(s), "=")
	return base64.RawStdEncoding.DecodeString(s)
}
