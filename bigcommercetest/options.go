package bigcommercetest

import "time"

// Option configures a store made by [NewServer] or [NewHandler].
type Option func(*settings)

// settings collects what the options ask for.
type settings struct {
	cfg      Config
	seed     *Seed
	faults   []Fault
	accounts []Account
}

// WithConfig sets every field of the store's [Config] at once: store hash,
// credentials, clock. Options after it still apply on top.
func WithConfig(cfg Config) Option {
	return func(s *settings) { s.cfg = cfg }
}

// WithSeed fills the store with generated data (see [Seed]); the same Seed
// always gives the same customers, products and orders, dated in the 30
// days before the store's clock unless Seed.Start is set.
func WithSeed(seed Seed) Option {
	return func(s *settings) { s.seed = &seed }
}

// WithQuota sets the rate window: quota requests per window (defaults 150
// per 30s, a Standard plan). Every response carries the X-Rate-Limit-*
// headers; a request over the quota is answered 429 with X-Retry-After.
func WithQuota(quota int, window time.Duration) Option {
	return func(s *settings) { s.cfg.Quota, s.cfg.Window = quota, window }
}

// WithLatency delays every response by d (canceled with the request).
func WithLatency(d time.Duration) Option {
	return func(s *settings) { s.cfg.Latency = d }
}

// WithFaults queues failures for the next matching requests (5xx answers,
// dropped connections, truncated bodies, 429 without headers); see [Fault].
// More can be queued later with [Store.InjectFault].
func WithFaults(faults ...Fault) Option {
	return func(s *settings) { s.faults = append(s.faults, faults...) }
}

// WithScopes limits the default API account to the given OAuth scopes
// (strings or bigcommerce.Scope values, e.g. bigcommerce.ScopeOrdersReadOnly):
// a request needing another scope is answered 403 naming it, as
// BigCommerce does. Without this option the account has every scope;
// WithScopes[string]() leaves it none (webhooks still work: they need no
// scope).
func WithScopes[S ~string](scopes ...S) Option {
	list := make([]string, len(scopes))
	for i, sc := range scopes {
		list[i] = string(sc)
	}
	return func(s *settings) { s.cfg.Scopes = list }
}

// WithAccount adds another API account, with its own access token, client
// id (webhooks are per client) and scopes (nil: every scope).
func WithAccount(a Account) Option {
	return func(s *settings) { s.accounts = append(s.accounts, a) }
}

// build makes the store the options describe.
func build(opts []Option) *Store {
	var st settings
	for _, o := range opts {
		if o != nil {
			o(&st)
		}
	}
	s := New(st.cfg)
	if st.seed != nil {
		s.Seed(*st.seed)
	}
	for _, f := range st.faults {
		s.InjectFault(f)
	}
	for _, a := range st.accounts {
		s.AddAccount(a)
	}
	return s
}

// NewHandler returns a store configured by opts, for callers who serve it
// themselves: a [Store] is an http.Handler (serve it with
// httptest.NewServer, or on any mux), and [Store.Transport] serves it
// without a listener.
func NewHandler(opts ...Option) *Store { return build(opts) }
