package bigcommercetest

import "github.com/bigcommerce-go/bigcommerce"

// Client returns a bigcommerce.Client wired to the server: the store's
// hash, bigcommerce.TokenAuth with the default account's access token
// ([Server.AccessToken]) and bigcommerce.WithBaseURL(s.URL). Everything
// else is the SDK's default, as in production: the retry policy, the
// throttle, the concurrency limit and the HTTP client.
//
// opts are applied after those, so they add to or override them: pass
// bigcommerce.WithRetryPolicy(bigcommerce.RetryPolicy{MaxRetries: 1}) for
// retries without waits, or another WithBaseURL. To authenticate as
// another account (see [WithAccount]) or with BasicAuth, call
// bigcommerce.NewClient yourself with s.URL or s.LegacyURL.
//
// The error is the one bigcommerce.NewClient returns for a bad option.
func (s *Server) Client(opts ...bigcommerce.Option) (*bigcommerce.Client, error) {
	all := append([]bigcommerce.Option{bigcommerce.WithBaseURL(s.URL)}, opts...)
	return bigcommerce.NewClient(s.StoreHash(), bigcommerce.TokenAuth{AccessToken: s.AccessToken()}, all...)
}
