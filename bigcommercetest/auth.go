package bigcommercetest

import (
	"crypto/subtle"
	"net/http"
)

// authenticate checks the request's credentials: X-Auth-Token under
// /stores/{hash}, HTTP Basic under /api. On failure it answers 401 in the
// version's error shape and returns false.
func (s *Store) authenticate(c *call) bool {
	if c.legacy {
		user, pass, ok := c.r.BasicAuth()
		if ok && equal(user, s.cfg.BasicUser) && equal(pass, s.cfg.BasicToken) {
			return true
		}
		c.resp.header.Set("WWW-Authenticate", `Basic realm="BigCommerce API"`)
		c.errorStatus(http.StatusUnauthorized, "No credentials were supplied or the credentials are invalid.")
		return false
	}
	if acct, ok := s.account(c.r.Header.Get("X-Auth-Token")); ok {
		c.acct = &acct
		return true
	}
	c.errorStatus(http.StatusUnauthorized, "The access token in X-Auth-Token is missing or invalid.")
	return false
}

func equal(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
