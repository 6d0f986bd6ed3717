package bigcommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/google/go-querystring/query"
	"github.com/hashicorp/go-retryablehttp"
	"github.com/shopspring/decimal"
)

// clientState is the Client's own state beside its service fields
// (client_services_gen.go).
type clientState struct {
	baseURL   *url.URL
	auth      Authenticator
	http      *http.Client
	logger    *slog.Logger
	retry     RetryPolicy
	sem       chan struct{}
	limiter   RateLimiter
	rate      rateCache // the last snapshot, when limiter cannot tell it
	userAgent string
	common    service

	storeHash string                          // as given to NewClient; may be empty
	maxBody   int64                           // WithMaxResponseBytes
	observer  func(context.Context, CallInfo) // WithObserver; nil when unset
}

// service is the state every typed service shares: go-github's pattern of
// one struct, many named types.
type service struct {
	client *Client
}

// config collects what the options set before NewClient builds the Client.
type config struct {
	baseURL        string
	httpClient     *http.Client
	logger         *slog.Logger
	retry          RetryPolicy
	maxConcurrency int
	userAgent      string
	limiter        RateLimiter
	maxBody        int64
	observer       func(context.Context, CallInfo)
}

// Option configures a Client. Options validate their argument and make
// NewClient fail with an error that says what to fix.
type Option func(*config) error

// DefaultMaxConcurrency is how many requests a Client runs at once unless
// WithMaxConcurrency says otherwise; MaxConcurrency is the most it allows.
const (
	DefaultMaxConcurrency = 4
	MaxConcurrency        = 25
)

// DefaultTimeout is the per-attempt HTTP timeout of the default http.Client.
const DefaultTimeout = 60 * time.Second

var storeHashPattern = regexp.MustCompile(`^[a-z0-9]+$`)

// WithBaseURL replaces https://api.bigcommerce.com/stores/{hash}; the /v2/...
// and /v3/... paths go under it. For a legacy API account pass its API path
// (e.g. https://store-abc123.mybigcommerce.com/api, with or without /v2/).
// Tests point it at an httptest server.
func WithBaseURL(u string) Option {
	return func(c *config) error {
		parsed, err := url.Parse(u)
		if err != nil || parsed.Host == "" || (parsed.Scheme != "https" && parsed.Scheme != "http") {
			return fmt.Errorf("bigcommerce: WithBaseURL(%q): want an absolute http(s) URL such as https://api.bigcommerce.com/stores/abc123", u)
		}
		if parsed.User != nil || parsed.RawQuery != "" || parsed.Fragment != "" {
			return fmt.Errorf("bigcommerce: WithBaseURL: the URL must not carry credentials, a query or a fragment; pass credentials as the Authenticator")
		}
		p := strings.TrimRight(parsed.Path, "/")
		p = strings.TrimSuffix(strings.TrimSuffix(p, "/v2"), "/v3")
		parsed.Path = p
		parsed.RawPath = ""
		c.baseURL = parsed.String()
		return nil
	}
}

// WithHTTPClient sets the http.Client whose Transport, Timeout, Jar and
// redirect policy the Client uses (httpmock, proxies, custom TLS). The Client
// wraps its Transport with authentication and rate-limit tracking; the
// caller's http.Client itself is not modified.
//
// Credentials: the caller's Transport is what sends the bytes, so it
// receives each attempt's request with the credentials already set
// (X-Auth-Token, or Authorization for BasicAuth); they cannot be added
// after it. They are set on a copy made for that attempt, only for the
// Client's own host and B2BEditionURL (never on a redirect elsewhere), and the
// Response.Request the caller gets back is that copy without them. A
// Transport that logs or records requests must therefore leave out the
// X-Auth-Token and Authorization headers.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("bigcommerce: WithHTTPClient(nil): pass an *http.Client or leave the option out")
		}
		c.httpClient = hc
		return nil
	}
}

// WithLogger sends debug logs (method, path, status, attempt, wait) to l.
// The default logs nothing. Logs never contain credentials or bodies.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("bigcommerce: WithLogger(nil): pass a *slog.Logger or leave the option out")
		}
		c.logger = l
		return nil
	}
}

// WithRetryPolicy replaces DefaultRetryPolicy.
func WithRetryPolicy(p RetryPolicy) Option {
	return func(c *config) error {
		if p.MaxRetries < 0 || p.MinWait < 0 || p.MaxWait < 0 {
			return fmt.Errorf("bigcommerce: WithRetryPolicy: MaxRetries, MinWait and MaxWait must not be negative (got %d, %s, %s)", p.MaxRetries, p.MinWait, p.MaxWait)
		}
		if p.MaxWait < p.MinWait {
			return fmt.Errorf("bigcommerce: WithRetryPolicy: MaxWait (%s) must be at least MinWait (%s)", p.MaxWait, p.MinWait)
		}
		c.retry = p
		return nil
	}
}

// WithMaxConcurrency bounds how many requests the Client has in flight at
// once (default 4, at most 25, the most BigCommerce integrations run).
func WithMaxConcurrency(n int) Option {
	return func(c *config) error {
		if n < 1 || n > MaxConcurrency {
			return fmt.Errorf("bigcommerce: WithMaxConcurrency(%d): want 1 to %d", n, MaxConcurrency)
		}
		c.maxConcurrency = n
		return nil
	}
}

// WithUserAgent appends s to the "bigcommerce-go/<Version>" User-Agent, so
// BigCommerce can tell your integration's traffic apart.
func WithUserAgent(s string) Option {
	return func(c *config) error {
		if strings.ContainsAny(s, "\r\n") {
			return errors.New("bigcommerce: WithUserAgent: the value must not contain line breaks")
		}
		c.userAgent = strings.TrimSpace(s)
		return nil
	}
}

// WithThrottle makes the Client pace itself with t, which other Clients of
// the same store may share: the store's quota is shared by all of them. It
// is equivalent to WithRateLimiter(t) and kept for existing callers.
func WithThrottle(t *Throttle) Option {
	return func(c *config) error {
		if t == nil {
			return errors.New("bigcommerce: WithThrottle(nil): create one with NewThrottle")
		}
		c.limiter = t
		return nil
	}
}

// NewClient returns a Client for the store with the given hash (the part
// after "stores/" in the API path, e.g. "abc123"), authenticated by auth.
// It makes no network call; use Ping to test the connection.
//
// storeHash must be lower-case letters and digits. It may be empty only when
// WithBaseURL gives the full API address. A pasted API path or context
// ("stores/abc123") is refused with an error naming the hash to pass.
//
// Every error NewClient returns is a *ValidationError and matches
// ErrInvalidRequest. A credential of TokenAuth, BasicAuth or OAuthToken
// with surrounding whitespace, a line break or a control character (a
// token read from a file or pasted with its newline) is refused, not
// trimmed: net/http would otherwise reject every request with no hint of
// which value is wrong, and the SDK never sends a credential other than
// the one given. The error names the field, never the secret.
func NewClient(storeHash string, auth Authenticator, opts ...Option) (*Client, error) {
	c, err := newClient(storeHash, auth, opts...)
	if err != nil {
		return nil, newClientError(err)
	}
	return c, nil
}

func newClient(storeHash string, auth Authenticator, opts ...Option) (*Client, error) {
	if auth == nil || (reflect.ValueOf(auth).Kind() == reflect.Pointer && reflect.ValueOf(auth).IsNil()) {
		return nil, errors.New("bigcommerce: NewClient: auth is nil: pass TokenAuth{AccessToken: ...}, BasicAuth{...} or an *OAuthToken")
	}
	if v, ok := auth.(interface{ validate() error }); ok {
		if err := v.validate(); err != nil {
			return nil, err
		}
	}
	if err := checkCredentials(auth); err != nil {
		return nil, err
	}
	cfg := config{retry: DefaultRetryPolicy(), maxConcurrency: DefaultMaxConcurrency, maxBody: DefaultMaxResponseBytes}
	for _, opt := range opts {
		if opt == nil {
			return nil, errors.New("bigcommerce: NewClient: an option is nil")
		}
		if err := opt(&cfg); err != nil {
			return nil, err
		}
	}
	if storeHash != "" {
		if err := checkStoreHash(storeHash); err != nil {
			return nil, err
		}
	}
	if cfg.baseURL == "" {
		switch {
		case storeHash == "":
			return nil, errors.New("bigcommerce: NewClient: store hash is empty: pass the store hash, or the API address with WithBaseURL")
		case isBasicAuth(auth):
			cfg.baseURL = "https://store-" + storeHash + ".mybigcommerce.com/api"
		default:
			cfg.baseURL = "https://api.bigcommerce.com/stores/" + storeHash
		}
	}
	base, err := url.Parse(cfg.baseURL)
	if err != nil {
		return nil, fmt.Errorf("bigcommerce: NewClient: base URL: %w", err)
	}
	c := &Client{clientState: clientState{
		baseURL:   base,
		auth:      auth,
		logger:    cfg.logger,
		retry:     cfg.retry,
		sem:       make(chan struct{}, cfg.maxConcurrency),
		limiter:   cfg.limiter,
		userAgent: "bigcommerce-go/" + Version,
		storeHash: storeHash,
		maxBody:   cfg.maxBody,
		observer:  cfg.observer,
	}}
	if c.logger == nil {
		c.logger = slog.New(slog.DiscardHandler)
	}
	if c.limiter == nil {
		c.limiter = NewThrottle()
	}
	if cfg.userAgent != "" {
		c.userAgent += " " + cfg.userAgent
	}
	c.http = c.wrapHTTPClient(cfg.httpClient)
	c.initServices()
	return c, nil
}

// wrapHTTPClient copies hc (or a default client) with our transport around
// its Transport.
func (c *Client) wrapHTTPClient(hc *http.Client) *http.Client {
	var out http.Client
	if hc != nil {
		out = *hc
	} else {
		out.Timeout = DefaultTimeout
	}
	base := out.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	out.Transport = &transport{base: base, client: c}
	return &out
}

// BaseURL returns the address the API paths are appended to.
func (c *Client) BaseURL() string { return c.baseURL.String() }

// Rate returns the last rate-limit snapshot any response gave (to any Client
// sharing its RateLimiter, when the limiter can tell), and false before the
// first response.
func (c *Client) Rate() (RateLimit, bool) {
	if r, ok := c.limiter.(rateReporter); ok {
		return r.Rate()
	}
	return c.rate.get()
}

// Response wraps the HTTP response of a call. It is returned even when the
// call fails (with a nil *http.Response when nothing came back).
type Response struct {
	*http.Response
	// Rate is the rate-limit snapshot from this response's headers.
	Rate RateLimit
	// Pagination is set by list calls: V3 meta.pagination, or for V2 what can
	// be known (page, limit, count of this page).
	Pagination *Pagination
}

// NewRequest builds a request for an endpoint the typed services do not
// cover; Do sends it. Get, ListPage, All and Send build and send in one
// call and decode V3's {data, meta} for you.
//
// path is a path below the client's base URL, such as "/v3/customers" or
// "/v2/orders/12/products", or an absolute URL on a host the client sends
// its credentials to: under its base URL (the url of a V2 resource link),
// or on the B2B Edition API (B2BEditionURL). Any other host, http where the
// base URL is https, and another store's path are refused before anything
// is sent, so the token never leaves BigCommerce. path may carry a query
// string
// ("/v3/catalog/products?limit=1&id:in=1,2"); it is merged with opts, and
// a parameter given in both is refused rather than guessed.
//
// opts, when not nil, holds more query parameters: a struct with "url"
// tags (encoded with go-querystring, as the services' filters are),
// url.Values, map[string]string or map[string][]string. ':' and ',' are
// sent literally (id:in=1,2), as BigCommerce documents them.
//
// body, when not nil, is sent as JSON (pass json.RawMessage for JSON you
// already have), or, for a *Multipart, as a streamed multipart/form-data
// upload. Any other io.Reader is refused: encoded as JSON it would be sent
// as {}.
func (c *Client) NewRequest(ctx context.Context, method, path string, opts any, body any) (*http.Request, error) {
	if err := checkContext(method+" "+path, ctx); err != nil {
		return nil, err
	}
	u, pathQuery, err := c.requestURL(method, path)
	if err != nil {
		return nil, err
	}
	op := method + " " + c.apiPath(u)
	values, err := mergeQuery(pathQuery, opts)
	if err != nil {
		return nil, queryError(method, c.apiPath(u), err)
	}
	u.RawQuery = encodeValues(values)
	rd, ctype, err := requestBody(op, body)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return nil, invalid("NewRequest", "%v", err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	if _, streamed := rd.(*uploadBody); streamed {
		req.ContentLength = -1 // streamed: the retry engine seeks it back to start over
		req.GetBody = nil
	}
	req.Header.Set("Accept", "application/json")
	return req, nil
}

// requestURL resolves a raw call's path (see NewRequest) to its URL, and
// returns the query string it carried.
func (c *Client) requestURL(method, path string) (*url.URL, string, error) {
	p, query, _ := strings.Cut(path, "?")
	if strings.Contains(query, "#") {
		return nil, "", invalid(method+" "+p, "the path has a fragment (#...), which is never sent to a server: remove it")
	}
	u := *c.baseURL
	switch {
	case strings.HasPrefix(p, "/"):
	case isAbsoluteURL(p):
		rel, b2b, err := c.absoluteURL(method+" "+p, p)
		if err != nil {
			return nil, "", err
		}
		if b2b != nil {
			return b2b, query, nil
		}
		p = rel
	default:
		return nil, "", invalid("NewRequest", "path %q must start with / (e.g. /v3/catalog/products) or be an absolute URL under the client's base URL", p)
	}
	u.Path = c.baseURL.Path + p
	u.RawPath = ""
	return &u, query, nil
}

// mergeQuery merges the query string a path carried with opts' query
// parameters (see queryValues).
func mergeQuery(pathQuery string, opts any) (url.Values, error) {
	values, err := queryValues(opts)
	if err != nil || pathQuery == "" {
		return values, err
	}
	fromPath, err := url.ParseQuery(pathQuery)
	if err != nil {
		return nil, &ValidationError{Message: fmt.Sprintf("the query string in the path is malformed (%v): escape its values, or pass them as url.Values in opts", err)}
	}
	if values == nil {
		values = url.Values{}
	}
	for k, vs := range fromPath {
		if _, dup := values[k]; dup {
			return nil, &ValidationError{Message: fmt.Sprintf("the query parameter %q is given both in the path and in opts: pass it once", k)}
		}
		values[k] = vs
	}
	return values, nil
}

// requestBody returns the reader and Content-Type of a raw call's body
// (see NewRequest).
func requestBody(op string, body any) (io.Reader, string, error) {
	switch b := body.(type) {
	case nil:
		return nil, "", nil
	case *Multipart:
		if b == nil {
			return nil, "", nil
		}
		return b.reader(op)
	case Multipart:
		return b.reader(op)
	}
	if _, marshals := body.(json.Marshaler); !marshals {
		if _, isReader := body.(io.Reader); isReader {
			return nil, "", invalid(op, "body is an io.Reader (%T): NewRequest encodes body as JSON, where a reader would become {}; pass the value to encode, json.RawMessage for JSON you already have, or a *Multipart for a form upload", body)
		}
	}
	payload, err := json.Marshal(body)
	if err != nil {
		return nil, "", invalid(op, "encoding body: %v", err)
	}
	return bytes.NewReader(payload), "application/json", nil
}

// queryValuer is implemented by the SDK's own query types that are not
// filter structs (raw calls' paged queries).
type queryValuer interface {
	queryValues() (url.Values, error)
}

// queryValues returns the query parameters of opts: a filter struct with
// url tags (checked by checkQuery, encoded with go-querystring), url.Values,
// map[string]string or map[string][]string. The result may be changed by
// the caller; opts is never changed.
func queryValues(opts any) (url.Values, error) {
	switch q := opts.(type) {
	case nil:
		return nil, nil
	case url.Values:
		return maps.Clone(q), nil
	case map[string][]string:
		return maps.Clone(url.Values(q)), nil
	case map[string]string:
		values := make(url.Values, len(q))
		for k, v := range q {
			values.Set(k, v)
		}
		return values, nil
	case queryValuer:
		return q.queryValues()
	}
	v := reflect.ValueOf(opts)
	if v.Kind() == reflect.Pointer && v.IsNil() {
		return nil, nil
	}
	if reflect.Indirect(v).Kind() != reflect.Struct {
		return nil, &ValidationError{Message: fmt.Sprintf("query options of type %T are not supported: pass a struct with url tags, url.Values, map[string]string or map[string][]string", opts)}
	}
	if err := checkQuery(opts); err != nil {
		return nil, err
	}
	values, err := query.Values(opts)
	if err != nil {
		return nil, err
	}
	addDecimalParams(values, reflect.Indirect(v))
	return values, nil
}

// encodeQuery encodes query options (see queryValues).
func encodeQuery(opts any) (string, error) {
	values, err := queryValues(opts)
	if err != nil {
		return "", err
	}
	return encodeValues(values), nil
}

// encodeValues encodes query parameters in key order, keeping ':' and ','
// literal so the query reads as BigCommerce documents it (id:in=1,2,3).
func encodeValues(values url.Values) string {
	keys := slices.Sorted(maps.Keys(values))
	var b strings.Builder
	for _, k := range keys {
		for _, val := range values[k] {
			if b.Len() > 0 {
				b.WriteByte('&')
			}
			b.WriteString(queryEscape(k))
			b.WriteByte('=')
			b.WriteString(queryEscape(val))
		}
	}
	return b.String()
}

var decimalType = reflect.TypeFor[decimal.Decimal]()

// addDecimalParams adds the decimal.Decimal and *decimal.Decimal fields of a
// filter struct, which go-querystring cannot see into (the type has only
// unexported fields, so it would drop them silently). They are sent as plain
// numbers (min_total=12.5); a nil pointer, or a zero value with omitempty,
// sends nothing.
func addDecimalParams(values url.Values, v reflect.Value) {
	if v.Kind() != reflect.Struct {
		return
	}
	for i := 0; i < v.NumField(); i++ {
		sf, fv := v.Type().Field(i), v.Field(i)
		name, opts, _ := strings.Cut(sf.Tag.Get("url"), ",")
		if sf.Anonymous && name == "" {
			addDecimalParams(values, reflect.Indirect(fv))
			continue
		}
		if !sf.IsExported() || name == "-" || name == "" {
			continue
		}
		switch {
		case fv.Type() == decimalType:
			d := fv.Interface().(decimal.Decimal)
			if d.IsZero() && strings.Contains(opts, "omitempty") {
				continue
			}
			values.Set(name, d.String())
		case fv.Type() == reflect.PointerTo(decimalType) && !fv.IsNil():
			values.Set(name, fv.Interface().(*decimal.Decimal).String())
		}
	}
}

var queryUnescaper = strings.NewReplacer("%3A", ":", "%2C", ",")

func queryEscape(s string) string { return queryUnescaper.Replace(url.QueryEscape(s)) }

// apiPath strips the base URL's path from an absolute request path, for
// error messages and logs ("/v3/customers"). A URL on another host (the
// B2B Edition API) keeps its whole path ("/api/v3/io/companies").
func (c *Client) apiPath(u *url.URL) string {
	if !c.onBase(u) {
		return u.Path
	}
	return strings.TrimPrefix(u.Path, c.baseURL.Path)
}

// Do sends req through the retrying, rate-aware pipeline and decodes a 2xx
// JSON body into v (which may be nil) as it is: a V3 answer's {data, meta}
// envelope included (Get, ListPage and All unwrap it and fill
// Response.Pagination). A non-2xx answer returns an *Error
// (a *RateLimitError for 429); a 207 decodes v and returns a
// *MultiStatusError. The *Response is never nil.
//
// A POST (or PATCH) that may have been applied without an answer proving it
// (a 500, 502, 503 or 504, a connection cut after the request was written,
// a timeout, a 2xx whose body could not be read) returns an error matching
// ErrOutcomeUnknown; such requests are never retried. A 2xx body larger than
// WithMaxResponseBytes is an error matching ErrResponseTooLarge.
func (c *Client) Do(req *http.Request, v any) (*Response, error) {
	if req == nil {
		return &Response{}, invalid("Do", "req is nil: build it with NewRequest")
	}
	start := time.Now()
	st := &callState{client: c, ctx: req.Context(), method: req.Method, path: c.apiPath(req.URL)}
	body, resp, err := c.send(req, st)
	r := &Response{Response: resp}
	if resp != nil {
		r.Rate, _ = parseRateLimit(resp.Header)
	}
	if err == nil {
		err = c.decode(r, req.Method, st.path, body, v)
	}
	if err != nil && st.outcomeUnknown(err) {
		err = &outcomeError{err: err, answered: st.lastStatus}
	}
	c.observe(st, r, err, start)
	return r, err
}

// send runs one logical request (with its retries) and returns the whole
// response body.
func (c *Client) send(req *http.Request, st *callState) ([]byte, *http.Response, error) {
	ctx := req.Context()
	path := st.path
	if isBasicAuth(c.auth) && strings.HasPrefix(path, "/v3/") {
		return nil, nil, invalid(req.Method+" "+path, "V3 endpoints need an OAuth access token (TokenAuth or *OAuthToken); legacy API accounts reach only /v2")
	}
	queued := time.Now()
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	}
	defer func() { <-c.sem }()
	st.waited += time.Since(queued) // the client's semaphore; the limiter's wait is added per attempt

	rreq, err := retryablehttp.FromRequest(req.WithContext(context.WithValue(ctx, callStateKey{}, st)))
	if err != nil {
		return nil, nil, fmt.Errorf("bigcommerce: %s %s: %w", req.Method, path, err)
	}
	rreq.SetResponseHandler(st.readBody)
	rc := &retryablehttp.Client{
		HTTPClient:   c.http,
		RetryMax:     c.retry.MaxRetries,
		RetryWaitMin: c.retry.MinWait,
		RetryWaitMax: c.retry.MaxWait,
		CheckRetry:   st.checkRetry,
		Backoff:      st.backoff,
		ErrorHandler: retryablehttp.PassthroughErrorHandler,
	}
	resp, err := rc.Do(rreq)
	if err != nil {
		if resp != nil && resp.Body != nil {
			resp.Body.Close() // releases the attempt's permit
		}
		var limited *RateLimitError
		if errors.As(err, &limited) && limited.Err == nil {
			return nil, resp, limited // the RateLimiter refused to wait: nothing was sent
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, resp, fmt.Errorf("bigcommerce: %s %s: %w", req.Method, path, ctxErr)
		}
		return nil, resp, fmt.Errorf("bigcommerce: %s %s: %w", req.Method, path, unwrapURLError(err))
	}
	if !st.bodyRead {
		// Retries ran out on a retryable status: the handler never ran.
		if err := st.readBody(resp); err != nil {
			return nil, resp, fmt.Errorf("bigcommerce: %s %s: %w", req.Method, path, err)
		}
	}
	if st.decision.tooLong {
		c.logger.LogAttrs(ctx, slog.LevelDebug, "bigcommerce: rate limited beyond MaxWait", slog.String("method", req.Method), slog.String("path", path), slog.Duration("wait", st.decision.wait))
	}
	return st.body, resp, nil
}

// unwrapURLError drops *url.Error's "Get \"https://...\":" prefix: the
// message names the request already, and the URL would repeat the query.
func unwrapURLError(err error) error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		return uerr.Err
	}
	return err
}

// decode turns a complete response into v or an error.
func (c *Client) decode(r *Response, method, path string, body []byte, v any) error {
	resp := r.Response
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		e := decodeError(resp, body, method, path)
		e.Hint = c.hint(resp.StatusCode, method, path)
		if resp.StatusCode == http.StatusTooManyRequests {
			wait, ok := retryAfter(resp.Header)
			if reset, found := headerMillis(resp.Header, headerReset); found {
				wait, ok = reset, true
			}
			if !ok {
				wait = c.retry.MaxWait
			}
			return &RateLimitError{Err: e, Rate: r.Rate, RetryAfter: wait}
		}
		return e
	}
	if v == nil || resp.StatusCode == http.StatusNoContent {
		return nil
	}
	env, isEnvelope := v.(enveloped)
	if len(bytes.TrimSpace(body)) == 0 {
		if isEnvelope {
			return fmt.Errorf("bigcommerce: %s %s: %w", method, path, errEmptyEnvelope(resp.StatusCode))
		}
		return nil
	}
	if err := unmarshalAnswer(body, v); err != nil {
		return fmt.Errorf("bigcommerce: %s %s: decoding %d response: %w", method, path, resp.StatusCode, err)
	}
	if isEnvelope {
		if err := env.checkData(); err != nil {
			return fmt.Errorf("bigcommerce: %s %s: %w", method, path, err)
		}
	}
	if p, ok := v.(paginated); ok {
		r.Pagination = p.pagination()
	}
	if resp.StatusCode == http.StatusMultiStatus {
		return decodeMultiStatus(resp, body, method, path)
	}
	return nil
}

// bodyDecoder is implemented by answers that decode a body themselves
// (the raw calls' rawAnswer, raw.go).
type bodyDecoder interface {
	decodeBody(body []byte) error
}

// unmarshalAnswer decodes a 2xx body into v.
func unmarshalAnswer(body []byte, v any) error {
	if d, ok := v.(bodyDecoder); ok {
		return d.decodeBody(body)
	}
	return json.Unmarshal(body, v)
}

// decodeMultiStatus builds the *MultiStatusError of a 207 body
// {data, errors: {...} | [...], meta}.
func decodeMultiStatus(resp *http.Response, body []byte, method, path string) error {
	var shape struct {
		Errors json.RawMessage `json:"errors"`
	}
	_ = json.Unmarshal(body, &shape)
	ms := &MultiStatusError{Method: method, Path: path}
	raw := bytes.TrimSpace(shape.Errors)
	var items []json.RawMessage
	switch {
	case len(raw) > 0 && raw[0] == '[':
		_ = json.Unmarshal(raw, &items)
	case len(raw) > 0 && raw[0] == '{':
		items = []json.RawMessage{raw}
	}
	for _, item := range items {
		e := &Error{StatusCode: resp.StatusCode, Method: method, Path: path}
		parseErrorBody(e, item)
		var inner struct {
			Status FlexInt `json:"status"`
		}
		if json.Unmarshal(item, &inner) == nil && inner.Status >= 400 {
			e.StatusCode = int(inner.Status) // the failed part's own status, e.g. 422
		}
		if e.Title == "" && len(e.Messages) > 0 {
			e.Title = e.Messages[0]
		}
		ms.Errors = append(ms.Errors, e)
	}
	if len(ms.Errors) == 0 {
		ms.Errors = []*Error{{StatusCode: resp.StatusCode, Method: method, Path: path, Title: "partially saved; BigCommerce gave no details", Body: body}}
	}
	return ms
}

// hint explains 401 and 403 answers: which credential or scope is wrong.
func (c *Client) hint(status int, method, path string) string {
	switch status {
	case http.StatusUnauthorized:
		if isBasicAuth(c.auth) {
			return "The legacy API account was rejected: check the username, the API token and that the API path belongs to this store"
		}
		return "The access token was rejected: check that it is copied whole, belongs to this store's hash, and was not replaced when the app's scopes changed"
	case http.StatusForbidden:
		if strings.HasPrefix(path, b2bPath+"/") {
			return "The credentials are valid but lack the B2B Edition scope: edit the API account or app to grant it (B2B Edition must be enabled on the store)"
		}
		if scope := RequiredScope(method, path); scope != "" {
			return fmt.Sprintf("The credentials are valid but lack a scope: this call needs the OAuth scope %q; edit the API account or app to grant it", scope)
		}
		return "The credentials are valid but lack the OAuth scope this call needs; edit the API account or app to grant it"
	}
	return ""
}

// callStateKey carries a call's *callState in its context, so the
// transport and the retry hooks can see which logical call an attempt is.
type callStateKey struct{}

// callState is the per-call state the retry hooks and the transport share.
// One logical call's attempts run one after another, so it needs no lock.
type callState struct {
	client   *Client
	ctx      context.Context // the caller's, for logs and the observer
	method   string
	path     string
	attempt  int
	decision retryDecision
	body     []byte
	bodyRead bool

	// sends counts the attempts handed to the underlying transport;
	// lastStatus and lastErr are the outcome of the last one (0 / nil when
	// it has none), which decides whether a failed write may have been
	// applied (see outcomeUnknown).
	sends      int
	lastStatus int
	lastErr    error
	// waited is the time spent waiting for a slot, the throttle and
	// between retries.
	waited time.Duration
}

// checkRetry is the retryablehttp.CheckRetry of one call.
func (s *callState) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	s.decision = s.client.retry.decide(ctx, s.method, s.attempt, resp, err)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	return s.decision.retry, nil
}

// backoff is the retryablehttp.Backoff of one call: the wait checkRetry
// decided. It runs only when a retry will happen.
func (s *callState) backoff(_, _ time.Duration, _ int, resp *http.Response) time.Duration {
	s.attempt++
	s.waited += s.decision.wait
	status := 0
	if resp != nil {
		status = resp.StatusCode
	}
	s.client.logger.LogAttrs(s.ctx, slog.LevelDebug, "bigcommerce: retrying",
		slog.String("method", s.method), slog.String("path", s.path), slog.Int("status", status),
		slog.Int("attempt", s.attempt+1), slog.Duration("wait", s.decision.wait))
	return s.decision.wait
}

// readBody is the response handler: it reads the whole body, so that a
// connection cut mid-body counts as a transport error (and is retried for
// idempotent methods) and the body can be decoded after the retry loop.
func (s *callState) readBody(resp *http.Response) error {
	s.bodyRead = true
	defer resp.Body.Close()
	success := resp.StatusCode >= 200 && resp.StatusCode <= 299
	limit := int64(maxErrorBody) // only this much of an error body is kept
	if success {
		limit = s.client.maxBody
		if resp.ContentLength > limit {
			return s.client.tooLarge(resp.ContentLength)
		}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return fmt.Errorf("reading response body: %w", err)
	}
	if int64(len(body)) > limit {
		if success {
			return s.client.tooLarge(-1)
		}
		body = body[:limit]
	}
	s.body = body
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return nil
}

// transport applies the headers and credentials to every attempt and
// records the rate-limit headers of every response.
type transport struct {
	base   http.RoundTripper
	client *Client
}

// RoundTrip implements http.RoundTripper.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	c := t.client
	r := req.Clone(req.Context())
	r.Header.Set("User-Agent", c.userAgent)
	if r.Header.Get("Accept") == "" {
		r.Header.Set("Accept", "application/json")
	}
	if r.Body != nil && r.Body != http.NoBody && r.Header.Get("Content-Type") == "" {
		r.Header.Set("Content-Type", "application/json")
	}
	if c.sendsCredentials(r.URL) {
		if err := c.auth.Authenticate(r); err != nil {
			return nil, &permanentError{err: fmt.Errorf("authenticating: %w", err)}
		}
		if isB2B(r.URL) && r.Header.Get("X-Store-Hash") == "" && r.Header.Get("authToken") == "" {
			// B2B Edition takes the store's token with the store's hash
			// (hosts.go), but not beside its own deprecated authToken.
			r.Header.Set("X-Store-Hash", c.storeHash)
		}
	}
	attempt := 1
	path := c.apiPath(r.URL)
	if err := r.Context().Err(); err != nil {
		return nil, err // given up before sending: nothing left the machine
	}
	st, _ := r.Context().Value(callStateKey{}).(*callState)
	if st != nil {
		attempt = st.attempt + 1
		st.sends++
	}
	acquiring := time.Now()
	permit, err := c.acquire(r.Context(), r.URL.Host, r.Method, path)
	if st != nil {
		st.waited += time.Since(acquiring) // the RateLimiter's pacing and cap
	}
	if err != nil {
		return nil, err
	}
	r, sent := withSendTime(r)
	start := time.Now()
	resp, err := t.base.RoundTrip(r)
	if st != nil {
		st.lastErr, st.lastStatus = err, 0
		if resp != nil {
			st.lastStatus = resp.StatusCode
		}
	}
	if err != nil {
		permit.Release()
		c.logger.DebugContext(r.Context(), "bigcommerce: request failed", "method", r.Method, "path", path, "attempt", attempt, "error", err.Error(), "elapsed", time.Since(start))
		return nil, err
	}
	// The caller sees the request as it was before the credentials were set.
	resp.Request = req
	if rl, ok := parseRateLimit(resp.Header); ok && c.onBase(r.URL) {
		sentAt := sent.at(start)
		permit.Observe(r.Context(), rl, sentAt)
		c.rate.set(rl, sentAt)
	}
	releaseWithBody(resp, permit)
	c.logger.DebugContext(r.Context(), "bigcommerce: request", "method", r.Method, "path", path, "status", resp.StatusCode, "attempt", attempt, "elapsed", time.Since(start))
	return resp, nil
}
