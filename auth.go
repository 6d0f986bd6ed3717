package bigcommerce

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
)

// Authenticator adds credentials to a request. The client calls it beneath
// the retry engine, on a copy of every attempt, and only for requests to the
// client's own host or the B2B Edition API, B2BEditionURL (never on a
// redirect elsewhere). Implementations must not keep the request.
type Authenticator interface {
	Authenticate(*http.Request) error
}

// TokenAuth authenticates with an API account's or app's access token, the
// only kind of credential new stores can create. It sends X-Auth-Token, and
// X-Auth-Client when ClientID is set (BigCommerce no longer requires it).
//
// Printing a TokenAuth with fmt or slog shows "<redacted>" for the token.
// NewClient refuses a token or client id with whitespace or a line break
// in it (trim it where it is read).
type TokenAuth struct {
	AccessToken string
	ClientID    string
}

// Authenticate implements Authenticator.
func (a TokenAuth) Authenticate(r *http.Request) error {
	if err := a.validate(); err != nil {
		return err
	}
	r.Header.Set("X-Auth-Token", a.AccessToken)
	if a.ClientID != "" {
		r.Header.Set("X-Auth-Client", a.ClientID)
	}
	return nil
}

func (a TokenAuth) validate() error {
	if a.AccessToken == "" {
		return errors.New("bigcommerce: TokenAuth.AccessToken is empty: set it to the access token shown when the API account was created")
	}
	return nil
}

// String implements fmt.Stringer without revealing the token.
func (a TokenAuth) String() string {
	return fmt.Sprintf("TokenAuth{AccessToken: %s, ClientID: %q}", redacted(a.AccessToken), a.ClientID)
}

// GoString implements fmt.GoStringer without revealing the token.
func (a TokenAuth) GoString() string { return "bigcommerce." + a.String() }

// LogValue implements slog.LogValuer without revealing the token.
func (a TokenAuth) LogValue() slog.Value { return slog.StringValue(a.String()) }

// BasicAuth authenticates a legacy API account (created before July 2018)
// with HTTP Basic: the account's username and API token. Legacy accounts reach
// only the V2 API, at the store's own host: NewClient uses
// https://store-{hash}.mybigcommerce.com/api unless WithBaseURL gives the API
// path the account shows (with or without a trailing /v2/).
//
// Printing a BasicAuth with fmt or slog shows "<redacted>" for the token.
type BasicAuth struct {
	Username string
	APIToken string
}

// Authenticate implements Authenticator.
func (a BasicAuth) Authenticate(r *http.Request) error {
	if err := a.validate(); err != nil {
		return err
	}
	r.SetBasicAuth(a.Username, a.APIToken)
	return nil
}

func (a BasicAuth) validate() error {
	if a.Username == "" || a.APIToken == "" {
		return errors.New("bigcommerce: BasicAuth needs both Username and APIToken of the legacy API account")
	}
	return nil
}

// String implements fmt.Stringer without revealing the token.
func (a BasicAuth) String() string {
	return fmt.Sprintf("BasicAuth{Username: %q, APIToken: %s}", a.Username, redacted(a.APIToken))
}

// GoString implements fmt.GoStringer without revealing the token.
func (a BasicAuth) GoString() string { return "bigcommerce." + a.String() }

// LogValue implements slog.LogValuer without revealing the token.
func (a BasicAuth) LogValue() slog.Value { return slog.StringValue(a.String()) }

// redacted stands in for a secret in printed values.
func redacted(secret string) string {
	if secret == "" {
		return `""`
	}
	return "<redacted>"
}

// isBasicAuth reports whether a is a legacy basic-auth account.
func isBasicAuth(a Authenticator) bool {
	switch a.(type) {
	case BasicAuth, *BasicAuth:
		return true
	}
	return false
}
