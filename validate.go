package bigcommerce

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"reflect"
	"regexp"
	"strings"
	"unicode"
)

// Client-side validation: input the SDK refuses before anything is sent.
// Every refusal is a *ValidationError, which matches ErrInvalidRequest
// (errors.Is), whether it comes from a service method, from a filter's
// query encoding, from a nil context or from NewClient's configuration.
//
// Paging rules, the same for every List and All (checked centrally when a
// filter is encoded to a query string, so no method can forget them):
//
//   - Page 0 and Limit 0 are the fields' zero values and mean "unset": the
//     first page, and the API's default page size (All: the largest page).
//   - A negative Page or Limit is refused: it is never what the caller
//     meant, and the API would either ignore it or answer 400/422 after a
//     round trip.
//   - Limit above the endpoint's maximum is refused rather than clamped,
//     because a caller who asked for 500 records a page and silently got 250
//     would compute pages wrongly. The maximum is MaxPageSize (250) for every
//     V2 and V3 list, as BigCommerce documents ("The maximum limit is 250"),
//     except the inventory and locations lists, whose specs give no maximum
//     but state a "Limit of 1000 items for payload length":
//     MaxInventoryPageSize there.

// pageMaxer is implemented by filters whose endpoint serves pages larger
// than MaxPageSize.
type pageMaxer interface{ maxLimit() int }

func (f *InventoryItemFilter) maxLimit() int { return MaxInventoryPageSize }
func (f *LocationItemFilter) maxLimit() int  { return MaxInventoryPageSize }
func (f *LocationFilter) maxLimit() int      { return MaxInventoryPageSize }

// checkQuery validates a filter before it is encoded; a nil filter passes.
// It returns a *ValidationError without Op; NewRequest names the request.
func checkQuery(opts any) error {
	p, ok := opts.(interface{ paging() (page, limit *int) })
	if !ok || reflect.ValueOf(opts).IsNil() {
		return nil
	}
	page, limit := p.paging()
	maxLimit := MaxPageSize
	if m, ok := opts.(pageMaxer); ok {
		maxLimit = m.maxLimit()
	}
	return checkPaging(*page, *limit, maxLimit)
}

// checkPaging applies the paging rules above.
func checkPaging(page, limit, maxLimit int) error {
	if page < 0 {
		return &ValidationError{Message: fmt.Sprintf("page must be 1 or more (0 means the first page), got %d", page)}
	}
	if limit < 0 || limit > maxLimit {
		return &ValidationError{Message: fmt.Sprintf("limit must be between 1 and %d (0 means the API's default), got %d", maxLimit, limit)}
	}
	return nil
}

// queryError is the error NewRequest returns when encoding opts failed: a
// refusal from a filter is a *ValidationError named after the request.
func queryError(method, path string, err error) error {
	var ve *ValidationError
	if errors.As(err, &ve) {
		if ve.Op == "" {
			ve.Op = method + " " + path
		}
		return ve
	}
	return &ValidationError{Op: method + " " + path, Message: "encoding the query: " + err.Error()}
}

// checkIntList validates the values of an IntList sent as key. Negative
// numbers are refused everywhere; 0 is refused in lists of ids (id:in,
// product_id:in, categories:in, ...), where it names no record and usually
// means an unset field slipped into the list. Three lists take 0: the
// customer_group_id lists (0 is "no group"), the inventory_level lists (0
// is "out of stock") and the category parent_id lists (0 is the top level
// of a tree).
func checkIntList(key string, l IntList) error {
	name, _, _ := strings.Cut(key, ":")
	zeroOK := name == "customer_group_id" || name == "inventory_level" || name == "parent_id"
	for i, n := range l {
		if n < 0 || (n == 0 && !zeroOK) {
			want := "1 or more"
			if zeroOK {
				want = "0 or more"
			}
			return &ValidationError{Message: fmt.Sprintf("%s: value %d (index %d) is not a valid id: want %s", key, n, i, want)}
		}
	}
	return nil
}

// checkStringList validates the values of a StringList sent as key.
func checkStringList(key string, l StringList) error {
	for i, s := range l {
		if strings.Contains(s, ",") {
			return &ValidationError{Message: fmt.Sprintf("%s: value %q contains a comma, which BigCommerce would read as two values; BigCommerce has no way to escape it, so filter on another field", key, s)}
		}
		if s == "" {
			return &ValidationError{Message: fmt.Sprintf("%s: empty value at index %d", key, i)}
		}
	}
	return nil
}

// checkContext refuses a nil context: net/http would fail with a message
// that does not say which call was wrong, and the batch helpers would panic
// in a goroutine.
func checkContext(op string, ctx context.Context) error {
	if ctx == nil {
		return invalid(op, "ctx is nil: pass context.Background() or the caller's context")
	}
	return nil
}

// checkWalk refuses, before an All walk sends anything, what would make it
// fail later or panic: a nil context, or paging the endpoint cannot serve (a
// negative page or limit would otherwise be taken as "unset" by the walk).
func checkWalk(op string, ctx context.Context, filter any) error {
	if err := checkContext(op, ctx); err != nil {
		return err
	}
	if err := checkQuery(filter); err != nil {
		var ve *ValidationError
		if errors.As(err, &ve) && ve.Op == "" {
			ve.Op = op
		}
		return err
	}
	return nil
}

// refused is a walk that yields err once and sends nothing.
func refused[T any](err error) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		yield(zero, err)
	}
}

// MaxCustomerAddresses is the most addresses (and the most attribute values)
// one customer can carry in CustomersService.Create: customer_Post's
// addresses and attributes are "Limited to 10" (maxItems: 10).
const MaxCustomerAddresses = 10

// Configuration checks of NewClient.

// newClientError makes every NewClient failure a *ValidationError, so
// errors.Is(err, ErrInvalidRequest) holds for all of them.
func newClientError(err error) error {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return err
	}
	msg := strings.TrimPrefix(err.Error(), "bigcommerce: ")
	msg = strings.TrimPrefix(msg, "NewClient: ")
	return &ValidationError{Op: "NewClient", Message: msg}
}

// storeHashInPath finds a store hash inside something pasted where the hash
// belongs: an API path (https://api.bigcommerce.com/stores/abc123/v3/), an
// OAuth context ("stores/abc123") or a store host
// (store-abc123.mybigcommerce.com).
var (
	storeHashInPath = regexp.MustCompile(`(?i)(?:^|/)stores/([a-z0-9]+)(?:/|$)`)
	storeHashInHost = regexp.MustCompile(`(?i)(?:^|//|\.)store-([a-z0-9]+)\.mybigcommerce\.com`)
)

// checkStoreHash validates a non-empty store hash, and when it is malformed
// but contains a hash, says which one to pass.
func checkStoreHash(storeHash string) error {
	if storeHashPattern.MatchString(storeHash) {
		return nil
	}
	s := strings.TrimSpace(storeHash)
	var want string
	if m := storeHashInPath.FindStringSubmatch(s); m != nil {
		want = m[1]
	} else if m := storeHashInHost.FindStringSubmatch(s); m != nil {
		want = m[1]
	} else if storeHashPattern.MatchString(strings.ToLower(s)) {
		want = strings.ToLower(s)
	}
	if want != "" {
		return invalid("NewClient", "store hash %q is not a bare store hash: pass %q (the part after \"stores/\" in the API path)", storeHash, strings.ToLower(want))
	}
	return invalid("NewClient", "store hash %q is malformed: want lower-case letters and digits only, the part after \"stores/\" in the API path (e.g. \"abc123\")", storeHash)
}

// checkCredentials refuses a secret of the package's Authenticators that
// has surrounding whitespace, a line break or another control character:
// net/http would refuse the header on every request ("invalid header field
// value") without saying which credential is wrong. The value is refused,
// not trimmed: the SDK never sends a credential other than the one given,
// and a token pasted with a newline is worth fixing where it is stored.
func checkCredentials(auth Authenticator) error {
	check := func(name, v string) error {
		if i := strings.IndexFunc(v, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }); i >= 0 {
			where := "contains"
			if i == 0 || i == len(v)-1 || strings.TrimSpace(v) != v {
				where = "starts or ends with"
			}
			return invalid("NewClient", "%s %s whitespace, a line break or a control character (a copy-paste artefact?): trim it, e.g. with strings.TrimSpace, where it is read", name, where)
		}
		return nil
	}
	switch a := auth.(type) {
	case TokenAuth:
		if err := check("TokenAuth.AccessToken", a.AccessToken); err != nil {
			return err
		}
		return check("TokenAuth.ClientID", a.ClientID)
	case *TokenAuth:
		return checkCredentials(*a)
	case BasicAuth:
		if err := check("BasicAuth.Username", a.Username); err != nil {
			return err
		}
		return check("BasicAuth.APIToken", a.APIToken)
	case *BasicAuth:
		return checkCredentials(*a)
	case OAuthToken:
		return check("OAuthToken.AccessToken", a.AccessToken)
	case *OAuthToken:
		return checkCredentials(*a)
	}
	return nil
}
