package bigcommerce

import (
	"net/url"
	"strings"
)

// Where the Client sends its credentials.
//
// A raw call (NewRequest, Get, ListPage, All, Send) may name an absolute
// URL, so that links BigCommerce returns (a V2 order's products.url) and
// BigCommerce's other APIs that take the same credentials go through the
// same pipeline: retries, throttle, concurrency cap, observer, errors. The
// store's token must never reach a host that is not BigCommerce's, so the
// hosts are an explicit list, checked before anything is sent:
//
//   - the Client's base URL (https://api.bigcommerce.com/stores/{hash}, the
//     legacy account's https://store-{hash}.mybigcommerce.com/api, or
//     whatever WithBaseURL gave, such as a bigcommercetest server): any URL
//     with its scheme and host whose path is under its path;
//   - the B2B Edition REST Management API, B2BEditionURL
//     (https://api-b2b.bigcommerce.com/api/v3/io/...), which since
//     2025-09-30 takes the store's API account token as X-Auth-Token
//     together with the store hash as X-Store-Hash (the securitySchemes of
//     BigCommerce's B2B Edition specs, e.g. company.yaml, and
//     https://developer.bigcommerce.com/b2b-edition/docs/authentication).
//     The Client adds X-Store-Hash itself. Legacy API accounts (BasicAuth)
//     cannot reach it.
//
// Anything else is refused with a *ValidationError before anything is sent:
// another host, http instead of https, another store's path on the API
// host, a URL with user info or a fragment. The B2B Edition storefront and
// GraphQL APIs, the payments host and login.bigcommerce.com take other
// credentials and are refused too: call them with an http.Client of your
// own.

// B2BEditionURL is the base of BigCommerce's B2B Edition REST Management
// API. Raw calls accept URLs under it (B2BEditionURL + "/companies") and
// send them with the Client's access token and X-Store-Hash; its lists
// page by offset and limit, which ListPage and All understand.
const B2BEditionURL = "https://" + b2bHost + b2bPath

const (
	b2bHost = "api-b2b.bigcommerce.com"
	b2bPath = "/api/v3/io"
)

// isB2B reports whether u is on the B2B Edition REST Management API.
func isB2B(u *url.URL) bool {
	return u.Scheme == "https" && strings.EqualFold(u.Host, b2bHost) && strings.HasPrefix(u.Path, b2bPath+"/")
}

// sendsCredentials reports whether the transport authenticates a request
// to u: the base URL's host with the base URL's scheme (as it always has;
// NewRequest keeps raw calls under the base path), and the B2B Edition API
// for the credentials it accepts. A redirect anywhere else, or to plain
// http on an https base URL's host, goes without them.
func (c *Client) sendsCredentials(u *url.URL) bool {
	if strings.EqualFold(u.Host, c.baseURL.Host) {
		return strings.EqualFold(u.Scheme, c.baseURL.Scheme)
	}
	return isB2B(u) && !isBasicAuth(c.auth)
}

// onBase reports whether u is on the base URL's host.
func (c *Client) onBase(u *url.URL) bool { return strings.EqualFold(u.Host, c.baseURL.Host) }

// absoluteURL checks an absolute URL a raw call names (without its query)
// against the list above. It returns the path below the base URL for a URL
// there (rel), or the URL itself for the B2B Edition API (b2b).
func (c *Client) absoluteURL(op, raw string) (rel string, b2b *url.URL, err error) {
	u, perr := url.Parse(raw)
	switch {
	case perr != nil:
		return "", nil, invalid(op, "the URL is malformed: %v", unwrapURLError(perr))
	case u.User != nil:
		return "", nil, invalid(op, "the URL carries user info: the Client sends its own credentials; remove them from the URL")
	case u.Fragment != "" || strings.Contains(raw, "#"):
		return "", nil, invalid(op, "the URL has a fragment (#...), which is never sent to a server: remove it")
	}
	base := c.baseURL
	if c.onBase(u) {
		if !strings.EqualFold(u.Scheme, base.Scheme) {
			return "", nil, invalid(op, "the URL uses %s but the Client's base URL %s uses %s: the credentials are sent only as configured", u.Scheme, base, base.Scheme)
		}
		p := u.Path
		if p == base.Path || !strings.HasPrefix(p, base.Path+"/") {
			return "", nil, invalid(op, "the URL is outside the Client's base URL %s: a Client's credentials belong to one store; use a path under it, or a Client for the other store", base)
		}
		return strings.TrimPrefix(p, base.Path), nil, nil
	}
	if strings.EqualFold(u.Host, b2bHost) {
		switch {
		case !isB2B(u):
			return "", nil, invalid(op, "on %s the Client sends its credentials only to the B2B Edition REST Management API, https://%s%s/...; the storefront, GraphQL and V2 APIs there take other credentials", b2bHost, b2bHost, b2bPath)
		case isBasicAuth(c.auth):
			return "", nil, invalid(op, "the B2B Edition API needs an access token (TokenAuth or *OAuthToken); legacy API accounts reach only /v2")
		case c.storeHash == "":
			return "", nil, invalid(op, "the B2B Edition API needs the store hash (sent as X-Store-Hash): pass it to NewClient")
		}
		return "", u, nil
	}
	return "", nil, invalid(op, "the Client sends its credentials only to its base URL (%s) and to the B2B Edition API (%s), never to %s: call other hosts with an http.Client of your own", base, B2BEditionURL, u.Host)
}

// isAbsoluteURL reports whether a raw call's path is an absolute http(s)
// URL rather than a path below the base URL.
func isAbsoluteURL(path string) bool {
	scheme, _, ok := strings.Cut(path, "://")
	return ok && (strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "http"))
}
