// Command oauthapp is a small BigCommerce single-click app server: it
// serves the auth, load, uninstall and remove_user callbacks and receives
// webhooks, using the SDK's OAuthApp and WebhookHandler.
//
// With BIGCOMMERCE_CLIENT_ID and BIGCOMMERCE_CLIENT_SECRET set (from the
// app's page in the Developer Portal), it runs as a real app server:
//
//	$ oauthapp -addr 127.0.0.1:8080 -public-url https://myapp.example.com
//
// where -public-url is the https address BigCommerce reaches the app at
// (a tunnel to -addr during development). Register <public-url>/auth,
// /load, /uninstall and /remove_user as the app's callback URLs.
//
// Without them it runs a self-contained demo and exits: it starts a fake
// store and a fake token endpoint on 127.0.0.1, plays BigCommerce against
// the app (install, load, webhooks, uninstall) and prints what happens.
// No network access or credentials are needed:
//
//	$ go run ./examples/oauthapp
//
// It never prints client secrets or access tokens.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
)

// The environment variables holding the app's credentials.
const (
	envClientID     = "BIGCOMMERCE_CLIENT_ID"
	envClientSecret = "BIGCOMMERCE_CLIENT_SECRET"
)

// webhookScope is the event the app subscribes to on install.
const webhookScope = bigcommerce.WebhookScopeOrderCreated

// errUsage marks a command-line mistake (exit status 2); the flag package
// has already printed the usage.
var errUsage = errors.New("usage")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil || errors.Is(err, flag.ErrHelp):
	case errors.Is(err, errUsage):
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "oauthapp:", err)
		os.Exit(1)
	}
}

// run is the whole program, with its inputs and outputs passed in so tests
// can drive it: it runs the demo when neither credential is in the
// environment, and the app server otherwise.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("oauthapp", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "`host:port` the app server listens on")
	publicURL := fs.String("public-url", "", "the app's public https `URL` (BigCommerce calls <URL>/auth, /load, /uninstall, /remove_user and delivers webhooks to <URL>/webhooks)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), `Usage: oauthapp [-addr host:port] -public-url https://...

A BigCommerce app server. It needs %s and %s (from the
app's page in the Developer Portal); without both it runs a local demo
against a fake store and exits.

`, envClientID, envClientSecret)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "oauthapp: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	id, secret := strings.TrimSpace(getenv(envClientID)), strings.TrimSpace(getenv(envClientSecret))
	switch {
	case id == "" && secret == "":
		out := &syncWriter{w: stdout}
		var flags []string
		fs.Visit(func(f *flag.Flag) { flags = append(flags, "-"+f.Name) })
		return runDemo(ctx, out, flags)
	case id == "":
		return fmt.Errorf("%s is set but %s is not: set both (the app's credentials from the Developer Portal), or neither to run the demo", envClientSecret, envClientID)
	case secret == "":
		return fmt.Errorf("%s is set but %s is not: set both (the app's credentials from the Developer Portal), or neither to run the demo", envClientID, envClientSecret)
	}
	base, err := checkPublicURL(*publicURL)
	if err != nil {
		return err
	}
	logger := log.New(&syncWriter{w: stdout}, "", log.LstdFlags)
	a := newApp(appConfig{
		oauth:        bigcommerce.OAuthApp{ClientID: id, ClientSecret: secret, RedirectURL: base + "/auth"},
		webhookURL:   base + "/webhooks",
		webhookScope: webhookScope,
		log:          logger,
	})
	return serve(ctx, *addr, base, a, logger)
}

// checkPublicURL validates -public-url and returns it without a trailing
// slash.
func checkPublicURL(s string) (string, error) {
	if s == "" {
		return "", errors.New("-public-url is required with credentials: pass the https address BigCommerce reaches this server at, whose /auth is the app's registered auth callback URL")
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", fmt.Errorf("-public-url %q is not an absolute http(s) URL such as https://myapp.example.com", s)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("-public-url %q must not have a query or fragment", s)
	}
	return strings.TrimRight(u.String(), "/"), nil
}

// serve runs the app server on addr until ctx is done, then shuts it down.
func serve(ctx context.Context, addr, base string, a *app, logger *log.Logger) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listening on %s: %w (choose another -addr)", addr, err)
	}
	srv := &http.Server{
		Handler:           a.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		ErrorLog:          logger,
	}
	logger.Printf("app server listening on http://%s for %s (client id %s)", ln.Addr(), base, a.cfg.oauth.ClientID)
	logger.Printf("register these in the Developer Portal: auth %s/auth, load %s/load, uninstall %s/uninstall, remove user %s/remove_user", base, base, base, base)
	if !strings.HasPrefix(base, "https://") {
		logger.Printf("warning: BigCommerce calls apps and delivers webhooks over https only; %s will not be reachable by it", base)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("app server: %w", err)
	case <-ctx.Done():
	}
	logger.Printf("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutting down: %w", err)
	}
	return nil
}

// syncWriter serialises writes from the app's handlers (which run on
// server goroutines) and the demo's own lines.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
