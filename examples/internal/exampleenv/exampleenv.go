// Package exampleenv is the setup shared by the programs in examples/: it
// connects to a real store when BIGCOMMERCE_STORE_HASH and
// BIGCOMMERCE_ACCESS_TOKEN are set, and otherwise starts the in-process
// fake store (bigcommercetest), so that `go run ./examples/<name>` works
// on a fresh machine with no credentials and no network. It also holds the
// small pieces every main needs: exit codes, flag-error handling and the
// signal-aware context.
package exampleenv

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// The environment variables the examples read their credentials from.
const (
	EnvStoreHash   = "BIGCOMMERCE_STORE_HASH"
	EnvAccessToken = "BIGCOMMERCE_ACCESS_TOKEN"
)

// fakeBaseURL is the address the client uses for the fake store. Requests
// never leave the process (the fake store is the client's transport); the
// .invalid top-level domain guarantees that a mistake could not reach a real
// host either.
const fakeBaseURL = "https://fakestore.invalid/stores/"

// DefaultSeed is the data the examples put in the fake store: a small but
// realistic shop. Its dates fall in the 30 days before the store's clock
// (Seed.Start is zero), so that "created in the last 30 days" and "recent
// orders" find records.
func DefaultSeed() bigcommercetest.SeedOptions {
	return bigcommercetest.SeedOptions{
		Seed:               1,
		Customers:          40,
		Products:           25,
		VariantsPerProduct: 3,
		Orders:             60,
		Locations:          2,
	}
}

// Env is a connected store: a real one, or the embedded fake store.
type Env struct {
	// Client is the SDK client for the store.
	Client *bigcommerce.Client
	// Fake reports that Client talks to the embedded fake store because no
	// credentials were set. Programs write freely to a fake store and only
	// with an explicit flag to a real one.
	Fake bool
	// Store is the fake store (nil for a real store), for tests that inspect
	// what was sent or change data between runs.
	Store *bigcommercetest.Store
	// Seed is what the fake store was seeded with (zero for a real store).
	Seed bigcommercetest.SeedOptions
	// StoreHash is the store hash in use ("fakestore" for the fake store).
	StoreHash string
}

// Notice is the line a program prints first, saying which store it runs
// against. It never contains the access token.
func (e *Env) Notice() string {
	if e.Fake {
		return fmt.Sprintf("No %s/%s set: running against the embedded fake store (seeded with %d customers, %d products, %d orders).",
			EnvStoreHash, EnvAccessToken, e.Seed.Customers, e.Seed.Products, e.Seed.Orders)
	}
	return fmt.Sprintf("Using store %q (credentials from %s and %s).", e.StoreHash, EnvStoreHash, EnvAccessToken)
}

// Close releases what the Env holds. The fake store lives in memory, so
// there is nothing to stop today; Close exists so callers need not know.
func (e *Env) Close() {}

// Config says how Open connects.
type Config struct {
	// Seed is the fake store's data when no credentials are set; the zero
	// value means DefaultSeed().
	Seed bigcommercetest.SeedOptions
	// Getenv reads the environment; nil means os.Getenv. Tests pass a map
	// lookup so they neither depend on nor change the process environment.
	Getenv func(string) string
	// Options are extra client options (WithUserAgent, WithLogger, ...),
	// used for the real and the fake store alike.
	Options []bigcommerce.Option
}

// Open connects as the environment says: both variables set means the real
// store, neither means a new fake store seeded with cfg.Seed, and only one
// is an error naming the missing one.
func Open(ctx context.Context, cfg Config) (*Env, error) {
	getenv := cfg.Getenv
	if getenv == nil {
		getenv = os.Getenv
	}
	hash := strings.TrimSpace(getenv(EnvStoreHash))
	token := strings.TrimSpace(getenv(EnvAccessToken))
	switch {
	case hash == "" && token == "":
		seed := cfg.Seed
		if seed == (bigcommercetest.SeedOptions{}) {
			seed = DefaultSeed()
		}
		return NewFake(seed, cfg.Options...)
	case hash == "":
		return nil, fmt.Errorf("%s is set but %s is not: set both to use your store (the hash is the part after stores/ in the API path), or unset both to run against the embedded fake store", EnvAccessToken, EnvStoreHash)
	case token == "":
		return nil, fmt.Errorf("%s is set but %s is not: set both to use your store (create an API account in the control panel under Settings > API), or unset both to run against the embedded fake store", EnvStoreHash, EnvAccessToken)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	client, err := bigcommerce.NewClient(hash, bigcommerce.TokenAuth{AccessToken: token}, cfg.Options...)
	if err != nil {
		// NewClient's errors name the store hash but never the token.
		return nil, fmt.Errorf("%s: %w", EnvStoreHash, err)
	}
	return &Env{Client: client, StoreHash: hash}, nil
}

// NewFake starts a fake store seeded with seed and returns a client for it.
// The client reaches the store through an in-process transport: no socket
// is opened, so it works offline, in parallel tests and inside
// testing/synctest bubbles.
func NewFake(seed bigcommercetest.SeedOptions, opts ...bigcommerce.Option) (*Env, error) {
	store := bigcommercetest.New(bigcommercetest.Config{})
	store.Seed(seed)
	return ForStore(store, seed, true, opts...)
}

// ForStore returns an Env for an existing fake store. fake=false makes the
// programs treat it as a real store (nothing is written without their write
// flag), which is how tests check that promise.
func ForStore(store *bigcommercetest.Store, seed bigcommercetest.SeedOptions, fake bool, opts ...bigcommerce.Option) (*Env, error) {
	const hash = "fakestore" // bigcommercetest.Config's default StoreHash
	all := append([]bigcommerce.Option{
		bigcommerce.WithBaseURL(fakeBaseURL + hash),
		bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}),
	}, opts...)
	client, err := bigcommerce.NewClient(hash, bigcommerce.TokenAuth{AccessToken: "fake-token"}, all...)
	if err != nil {
		return nil, fmt.Errorf("starting the fake store: %w", err)
	}
	return &Env{Client: client, Fake: fake, Store: store, Seed: seed, StoreHash: hash}, nil
}

// Connect is Open with the process environment: the client, whether it is
// the fake store, and a cleanup function to defer.
func Connect(ctx context.Context, seed bigcommercetest.SeedOptions) (client *bigcommerce.Client, fake bool, cleanup func(), err error) {
	env, err := Open(ctx, Config{Seed: seed})
	if err != nil {
		return nil, false, func() {}, err
	}
	return env.Client, env.Fake, env.Close, nil
}

// Connector opens the store a program runs against. Programs take one so
// tests can hand them a fake store they keep a handle on.
type Connector func(ctx context.Context, seed bigcommercetest.SeedOptions) (*Env, error)

// Use returns a Connector that hands out env, whatever the seed: tests
// build the Env (often with ForStore) and keep the store to inspect it.
func Use(env *Env) Connector {
	return func(context.Context, bigcommercetest.SeedOptions) (*Env, error) { return env, nil }
}

// FromEnvironment is the Connector the programs use outside tests.
func FromEnvironment(ctx context.Context, seed bigcommercetest.SeedOptions) (*Env, error) {
	return Open(ctx, Config{Seed: seed, Options: []bigcommerce.Option{bigcommerce.WithUserAgent("bigcommerce-go-examples")}})
}

// UsageError is a mistake on the command line (an unknown flag, a bad
// value); programs exit with status 2 for it.
type UsageError struct {
	// Err is what was wrong.
	Err error
	// Printed reports that the flag package already printed the error and
	// the usage text.
	Printed bool
}

// Error implements error.
func (e *UsageError) Error() string { return e.Err.Error() }

// Unwrap returns Err.
func (e *UsageError) Unwrap() error { return e.Err }

// Usagef returns a *UsageError with a formatted message.
func Usagef(format string, args ...any) error {
	return &UsageError{Err: fmt.Errorf(format, args...)}
}

// Parse parses args with fs (which must use flag.ContinueOnError) and
// rejects positional arguments. Errors are *UsageError, except -h/-help,
// which gives flag.ErrHelp (exit status 0).
func Parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &UsageError{Err: err, Printed: true}
	}
	if fs.NArg() > 0 {
		return Usagef("unexpected argument %q: %s takes flags only (see -h)", fs.Arg(0), fs.Name())
	}
	return nil
}

// ExitCode maps run's error to the process exit status: 0 for success and
// -h, 2 for a usage error, 1 for anything else.
func ExitCode(err error) int {
	var ue *UsageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		return 2
	default:
		return 1
	}
}

// Main runs a program's run function with a context cancelled by Ctrl-C
// or SIGTERM, reports its error on stderr and exits with ExitCode.
func Main(run func(ctx context.Context, args []string, stdout, stderr io.Writer) error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	Report(os.Stderr, filepath.Base(os.Args[0]), err)
	os.Exit(ExitCode(err))
}

// Report writes err to w as "name: error", unless there is nothing to add
// (success, -h, or a flag error the flag package already printed).
func Report(w io.Writer, name string, err error) {
	var ue *UsageError
	switch {
	case err == nil, errors.Is(err, flag.ErrHelp):
	case errors.As(err, &ue) && ue.Printed:
	case errors.As(err, &ue):
		fmt.Fprintf(w, "%s: %v\n", name, err)
	default:
		fmt.Fprintf(w, "%s: error: %v\n", name, err)
	}
}
