package bigcommerce

import (
	"fmt"
	"log/slog"
)

// String implements fmt.Stringer: the store and the base URL, never the
// credentials.
func (c *Client) String() string {
	if c == nil {
		return "bigcommerce.Client(nil)"
	}
	return fmt.Sprintf("bigcommerce.Client{store: %q, baseURL: %q}", c.storeHash, c.baseURLString())
}

// baseURLString is the base URL, or "" for a Client not made by NewClient.
func (c *Client) baseURLString() string {
	if c.baseURL == nil {
		return ""
	}
	return c.baseURL.String()
}

// GoString implements fmt.GoStringer (%#v) like String.
func (c *Client) GoString() string { return c.String() }

// Format implements fmt.Formatter, so that every verb (%v, %+v, %#v, %s,
// %d, ...) prints String and none walks the struct to the credentials.
func (c *Client) Format(f fmt.State, verb rune) { formatSafe(f, verb, c.String()) }

// LogValue implements slog.LogValuer: a group of store and base_url.
func (c *Client) LogValue() slog.Value {
	if c == nil {
		return slog.StringValue("bigcommerce.Client(nil)")
	}
	return slog.GroupValue(slog.String("store", c.storeHash), slog.String("base_url", c.baseURLString()))
}

// formatSafe prints s for any verb: %q quotes it, everything else prints it
// as is. Types holding secrets implement fmt.Formatter with it, because
// fmt only calls String for some verbs (%d or %x would print the fields).
func formatSafe(f fmt.State, verb rune, s string) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", s)
		return
	}
	fmt.Fprint(f, s)
}

// Format implements fmt.Formatter: every verb prints String (GoString for
// %#v), never the token.
func (a TokenAuth) Format(f fmt.State, verb rune) {
	formatSafe(f, verb, pick(f, verb, a.String(), a.GoString()))
}

// Format implements fmt.Formatter: every verb prints String (GoString for
// %#v), never the token.
func (a BasicAuth) Format(f fmt.State, verb rune) {
	formatSafe(f, verb, pick(f, verb, a.String(), a.GoString()))
}

// Format implements fmt.Formatter: every verb prints String (GoString for
// %#v), never the token.
func (t OAuthToken) Format(f fmt.State, verb rune) {
	formatSafe(f, verb, pick(f, verb, t.String(), t.GoString()))
}

// Format implements fmt.Formatter: every verb prints String (GoString for
// %#v), never the client secret.
func (a OAuthApp) Format(f fmt.State, verb rune) {
	formatSafe(f, verb, pick(f, verb, a.String(), a.GoString()))
}

// Format implements fmt.Formatter: every verb prints String (GoString for
// %#v), never the secrets.
func (o WebhookOptions) Format(f fmt.State, verb rune) {
	formatSafe(f, verb, pick(f, verb, o.String(), o.GoString()))
}

// pick returns gostring for %#v and str otherwise.
func pick(f fmt.State, verb rune, str, gostring string) string {
	if verb == 'v' && f.Flag('#') {
		return gostring
	}
	return str
}
