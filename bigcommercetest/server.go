package bigcommercetest

import (
	"net/http"
	"net/http/httptest"
)

// Server is a store listening on a local address (an httptest.Server on
// 127.0.0.1). [Server.Client] returns a bigcommerce.Client wired to it;
// it is the same as
//
//	client, err := bigcommerce.NewClient(srv.StoreHash(),
//		bigcommerce.TokenAuth{AccessToken: srv.AccessToken()},
//		bigcommerce.WithBaseURL(srv.URL))
//
// which is how production code builds its client, plus WithBaseURL.
type Server struct {
	// URL is the store's API base, http://127.0.0.1:{port}/stores/{hash}:
	// pass it to bigcommerce.WithBaseURL. The /v2/... and /v3/... paths go
	// under it.
	URL string
	// LegacyURL is the API path of the legacy Basic-auth account,
	// http://127.0.0.1:{port}/api (V2 only).
	LegacyURL string

	store *Store
	srv   *httptest.Server
}

// NewServer starts a store configured by opts on a local listener. Close it
// when done (t.Cleanup(srv.Close)).
func NewServer(opts ...Option) *Server {
	s := build(opts)
	ts := httptest.NewServer(s)
	return &Server{
		URL:       ts.URL + "/stores/" + s.cfg.StoreHash,
		LegacyURL: ts.URL + "/api",
		store:     s,
		srv:       ts,
	}
}

// Store returns the store behind the server, to inspect it (counts,
// StockAt, RequestLog) or change it (InjectFault, Seed) during a test.
func (s *Server) Store() *Store { return s.store }

// StoreHash returns the store hash ("fakestore" unless configured).
func (s *Server) StoreHash() string { return s.store.cfg.StoreHash }

// AccessToken returns the access token of the default API account, for
// bigcommerce.TokenAuth.
func (s *Server) AccessToken() string { return s.store.cfg.AccessToken }

// BasicAuth returns the username and API token of the legacy account, for
// bigcommerce.BasicAuth with bigcommerce.WithBaseURL(srv.LegacyURL).
func (s *Server) BasicAuth() (username, apiToken string) {
	return s.store.cfg.BasicUser, s.store.cfg.BasicToken
}

// HTTPClient returns an http.Client for the server's listener.
func (s *Server) HTTPClient() *http.Client { return s.srv.Client() }

// Close shuts the listener down and waits for requests in flight.
func (s *Server) Close() { s.srv.Close() }
