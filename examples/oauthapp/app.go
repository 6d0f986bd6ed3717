package main

import (
	"context"
	"fmt"
	"html"
	"log"
	"net/http"
	"slices"
	"sync"

	"github.com/bigcommerce-go/bigcommerce"
)

// wantedScopes are the OAuth scopes the app uses: Ping reads the store
// profile and the webhook handler reads orders. A merchant can grant fewer
// (or the Developer Portal can ask for fewer), so the app checks after the
// token exchange instead of failing later.
var wantedScopes = []bigcommerce.Scope{
	bigcommerce.ScopeStoreInformationReadOnly,
	bigcommerce.ScopeOrdersReadOnly,
}

// maxSeenDeliveries bounds the memory kept for dropping duplicate webhook
// deliveries. BigCommerce redelivers for about 48 hours; a real app keeps
// the keys in its database with an expiry instead.
const maxSeenDeliveries = 10_000

// appConfig is what an app server needs to know.
type appConfig struct {
	// oauth holds the client id and secret; its RedirectURL must be the
	// auth callback URL registered in the Developer Portal.
	oauth bigcommerce.OAuthApp
	// webhookURL is where deliveries for webhookScope should go.
	webhookURL   string
	webhookScope bigcommerce.WebhookScope
	// apiBase replaces https://api.bigcommerce.com (the demo's fake store);
	// empty means the real API.
	apiBase string
	// log receives one line per thing the app does. It must never be
	// given a token or secret.
	log *log.Logger
}

// installation is what the app keeps about a store that installed it. A
// real app persists the token (encrypted) instead of keeping it in memory.
type installation struct {
	token     bigcommerce.OAuthToken
	client    *bigcommerce.Client
	storeName string
}

// app is the app server: the OAuth callbacks and the webhook receiver,
// over a mutex-guarded map of installed stores.
type app struct {
	cfg appConfig

	mu     sync.Mutex
	stores map[string]*installation // by store hash
	seen   map[string]bool          // dedup keys of handled deliveries
	order  []string                 // seen's keys, oldest first, to bound it
}

func newApp(cfg appConfig) *app {
	return &app{cfg: cfg, stores: map[string]*installation{}, seen: map[string]bool{}}
}

// routes returns the app's HTTP handler: the four callback URLs the
// Developer Portal asks for, plus the webhook destination.
func (a *app) routes() http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/auth", a.cfg.oauth.AuthCallbackHandler(a.install))
	mux.Handle("/load", a.cfg.oauth.LoadHandler(a.load))
	mux.Handle("/uninstall", a.cfg.oauth.UninstallHandler(a.uninstall))
	mux.Handle("/remove_user", a.cfg.oauth.RemoveUserHandler(a.removeUser))
	mux.Handle("/webhooks", a.logRefusals(bigcommerce.WebhookHandler(
		bigcommerce.WebhookOptions{ClientSecret: a.cfg.oauth.ClientSecret},
		a.webhook)))
	return mux
}

// logRefusals logs the deliveries h refuses before calling the app (bad
// signature, oversize or malformed body): WebhookHandler answers those
// itself, and a stream of them means a forger or a misconfigured secret.
func (a *app) logRefusals(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		h.ServeHTTP(sw, r)
		if sw.status >= 400 && sw.status != http.StatusInternalServerError { // 500s are logged by webhook
			a.cfg.log.Printf("webhook: refused a %s from %s: %d %s", r.Method, r.RemoteAddr, sw.status, http.StatusText(sw.status))
		}
	})
}

// statusWriter remembers the status a handler answered.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}

// newClient returns an API client for a store, authenticated by its token.
func (a *app) newClient(tok *bigcommerce.OAuthToken) (*bigcommerce.Client, error) {
	var opts []bigcommerce.Option
	if a.cfg.apiBase != "" {
		opts = append(opts, bigcommerce.WithBaseURL(a.cfg.apiBase+"/stores/"+tok.StoreHash()))
	}
	return bigcommerce.NewClient(tok.StoreHash(), *tok, opts...)
}

// installed returns the installation of a store, if any.
func (a *app) installed(storeHash string) (*installation, bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	inst, ok := a.stores[storeHash]
	return inst, ok
}

// install runs after AuthCallbackHandler has exchanged the code: it keeps
// the token, checks it works, and subscribes to the app's webhook. The
// auth callback also arrives when a merchant accepts new scopes, so
// installing twice replaces the token.
func (a *app) install(w http.ResponseWriter, r *http.Request, tok *bigcommerce.OAuthToken) {
	hash := tok.StoreHash()
	client, err := a.newClient(tok)
	if err != nil {
		a.cfg.log.Printf("install on store %s: cannot use the token: %v", hash, err)
		http.Error(w, "the app could not use the token BigCommerce gave; try installing again", http.StatusInternalServerError)
		return
	}
	inst := &installation{token: *tok, client: client}
	// Ping proves the token works and gives the store's name for the
	// load page. A failure is reported but the install stands: the token
	// is still the only one the app will get.
	if info, err := client.Ping(r.Context()); err != nil {
		a.cfg.log.Printf("install on store %s: the token was issued but Ping failed: %v", hash, err)
	} else {
		inst.storeName = info.Name
	}
	a.mu.Lock()
	a.stores[hash] = inst
	a.mu.Unlock()
	a.cfg.log.Printf("install: store %s (%q) installed the app for user %d; granted scopes: %s; token kept in memory (never printed)",
		hash, inst.storeName, tok.User.ID, tok.Scopes())
	if missing := tok.Scopes().Missing(wantedScopes...); len(missing) > 0 {
		a.cfg.log.Printf("install: store %s did not grant %v: add them to the app's scopes in the Developer Portal, and the merchant must accept them", hash, missing)
	}
	a.subscribe(r.Context(), client, hash)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><title>Installed</title><p>The app is installed on %s.</p>\n", html.EscapeString(displayName(inst)))
}

// subscribe makes sure the store delivers webhookScope events to the app,
// creating the hook only when the store has no such hook yet, so a
// repeated auth callback adds no duplicate.
func (a *app) subscribe(ctx context.Context, client *bigcommerce.Client, hash string) {
	scope, dest := a.cfg.webhookScope, a.cfg.webhookURL
	hooks, _, err := client.Webhooks.List(ctx, &bigcommerce.WebhookFilter{Scope: scope, Destination: dest})
	switch {
	case err != nil:
		a.cfg.log.Printf("webhooks: store %s: cannot list webhooks, so %s is not subscribed: %v", hash, scope, err)
		return
	case len(hooks) > 0:
		a.cfg.log.Printf("webhooks: store %s already has hook %d for %s -> %s (active: %t)", hash, hooks[0].ID, scope, dest, hooks[0].IsActive)
		return
	}
	hook, _, err := client.Webhooks.Create(ctx, bigcommerce.WebhookCreate{Scope: scope, Destination: dest, IsActive: bigcommerce.Ptr(true)})
	if err != nil {
		a.cfg.log.Printf("webhooks: store %s: %s is not subscribed: %v", hash, scope, err)
		return
	}
	a.cfg.log.Printf("webhooks: store %s now delivers %s to %s (hook %d; it can take a minute to start)", hash, scope, dest, hook.ID)
}

// load greets the merchant who opened the app in the control panel.
func (a *app) load(w http.ResponseWriter, _ *http.Request, p *bigcommerce.SignedPayload) {
	inst, ok := a.installed(p.StoreHash)
	if !ok {
		// The app lost the token (or never got it): only a new install
		// gives one, so say so rather than show a broken page.
		a.cfg.log.Printf("load: store %s opened the app but has no token here; asking the merchant to reinstall", p.StoreHash)
		http.Error(w, "this app has no access to your store: uninstall it and install it again", http.StatusNotFound)
		return
	}
	a.cfg.log.Printf("load: user %d (%s) opened the app on store %s; greeted them", p.User.ID, p.User.Email, p.StoreHash)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprintf(w, "<!doctype html><title>oauthapp</title><h1>Hello, %s!</h1><p>This app is connected to %s.</p>\n",
		html.EscapeString(p.User.Email), html.EscapeString(displayName(inst)))
}

// uninstall forgets the store: its token no longer works anyway.
func (a *app) uninstall(w http.ResponseWriter, _ *http.Request, p *bigcommerce.SignedPayload) {
	a.mu.Lock()
	_, had := a.stores[p.StoreHash]
	delete(a.stores, p.StoreHash)
	a.mu.Unlock()
	if had {
		a.cfg.log.Printf("uninstall: user %d removed the app from store %s; its token is forgotten", p.User.ID, p.StoreHash)
	} else {
		a.cfg.log.Printf("uninstall: store %s removed the app; it had no token here", p.StoreHash)
	}
	w.WriteHeader(http.StatusOK)
}

// removeUser handles a store user losing access to the app. This app keeps
// nothing per user, so there is nothing to revoke.
func (a *app) removeUser(w http.ResponseWriter, _ *http.Request, p *bigcommerce.SignedPayload) {
	a.cfg.log.Printf("remove_user: store %s revoked user %d's access to the app; no per-user data to delete", p.StoreHash, p.User.ID)
	w.WriteHeader(http.StatusOK)
}

// webhook handles one authenticated delivery. A redelivery (same
// DedupKey) is acknowledged without being handled again; a failed one
// answers 500 so BigCommerce retries it.
func (a *app) webhook(ctx context.Context, ev *bigcommerce.WebhookEvent) error {
	key := ev.DedupKey()
	if !a.claim(key) {
		a.cfg.log.Printf("webhook: %s for store %s, %s %s: duplicate delivery (key %s), ignored", ev.Scope, ev.StoreHash(), ev.Data.Type, ev.Data.ID, key)
		return nil
	}
	if err := a.handleEvent(ctx, ev); err != nil {
		a.release(key) // let the redelivery try again
		a.cfg.log.Printf("webhook: %s for store %s: %v; answering 500 so BigCommerce redelivers", ev.Scope, ev.StoreHash(), err)
		return err
	}
	return nil
}

// handleEvent acts on a new delivery. Deliveries only name the changed
// resource, so the app fetches it. It does so inline to keep the example
// short; a busy app should queue the work and answer at once, since
// BigCommerce counts slow answers as failures.
func (a *app) handleEvent(ctx context.Context, ev *bigcommerce.WebhookEvent) error {
	hash := ev.StoreHash()
	inst, ok := a.installed(hash)
	if !ok {
		a.cfg.log.Printf("webhook: %s for store %s, which has no token here: accepted and ignored", ev.Scope, hash)
		return nil
	}
	id, isInt := ev.Data.IntID()
	if ev.Data.Type != "order" || !isInt {
		a.cfg.log.Printf("webhook: %s for store %s, %s %s: accepted", ev.Scope, hash, ev.Data.Type, ev.Data.ID)
		return nil
	}
	order, _, err := inst.client.Orders.Get(ctx, id, nil)
	if err != nil {
		return fmt.Errorf("fetching order %d: %w", id, err)
	}
	a.cfg.log.Printf("webhook: %s for store %s accepted: order %d is %q, total %s %s", ev.Scope, hash, order.ID, order.Status, order.TotalIncTax.StringFixed(2), order.CurrencyCode)
	return nil
}

// claim records a delivery key and reports whether it was new.
func (a *app) claim(key string) bool {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.seen[key] {
		return false
	}
	a.seen[key] = true
	a.order = append(a.order, key)
	if len(a.order) > maxSeenDeliveries {
		delete(a.seen, a.order[0])
		a.order = a.order[1:]
	}
	return true
}

// release forgets a claimed key whose handling failed, so that its
// redelivery is handled.
func (a *app) release(key string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.seen, key)
	a.order = slices.DeleteFunc(a.order, func(k string) bool { return k == key })
}

// displayName names a store for pages: its name, or its hash when Ping
// failed.
func displayName(inst *installation) string {
	if inst.storeName != "" {
		return inst.storeName
	}
	return "store " + inst.token.StoreHash()
}
