package bigcommercetest_test

import (
	"errors"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// TestServerClient checks that Server.Client reaches the server as its
// default account, with the store's own hash and token.
func TestServerClient(t *testing.T) {
	for name, opts := range map[string][]bigcommercetest.Option{
		"defaults": {bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 3, Customers: 4, Orders: 6})},
		"configured": {
			bigcommercetest.WithConfig(bigcommercetest.Config{StoreHash: "abc123", AccessToken: "other-secret"}),
			bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 3, Customers: 4, Orders: 6}),
		},
	} {
		t.Run(name, func(t *testing.T) {
			srv := newServer(t, opts...)
			c, err := srv.Client()
			if err != nil {
				t.Fatalf("Client: %v", err)
			}
			info, err := c.Ping(t.Context())
			if err != nil || info.ID != srv.StoreHash() {
				t.Fatalf("Ping: %+v, %v; want store %q", info, err, srv.StoreHash())
			}
			count, _, err := c.Orders.Count(t.Context(), nil)
			if err != nil || count != 6 {
				t.Fatalf("Orders.Count: %d, %v; want 6", count, err)
			}
			log := srv.Store().RequestLog()
			if len(log) != 2 || log[0].Path != "/stores/"+srv.StoreHash()+"/v2/store" || log[0].Status != 200 || log[1].Status != 200 {
				t.Errorf("request log %+v, want two 200s under /stores/%s", log, srv.StoreHash())
			}
		})
	}
}

// TestServerClientOptions checks that the caller's options apply after
// the server's, so they can override them, and that a bad option is
// reported rather than ignored.
func TestServerClientOptions(t *testing.T) {
	t.Run("retry policy", func(t *testing.T) {
		srv := newServer(t, bigcommercetest.WithFaults(bigcommercetest.Fault{PathPrefix: "/v2/store", Status: 503, Times: 5}))
		c, err := srv.Client(bigcommerce.WithRetryPolicy(bigcommerce.RetryPolicy{MaxRetries: 1})) // zero waits
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.Ping(t.Context())
		var apiErr *bigcommerce.Error
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 503 {
			t.Fatalf("Ping: %v, want the 503", err)
		}
		if n := srv.Store().Requests(); n != 2 {
			t.Errorf("%d requests, want 2 (one try and the one retry the option allows)", n)
		}
	})

	t.Run("base URL", func(t *testing.T) {
		srv, other := newServer(t), newServer(t)
		c, err := srv.Client(bigcommerce.WithBaseURL(other.URL))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := c.Ping(t.Context()); err != nil {
			t.Fatal(err)
		}
		if srv.Store().Requests() != 0 || other.Store().Requests() != 1 {
			t.Errorf("requests: %d to the server, %d to the other; want 0 and 1", srv.Store().Requests(), other.Store().Requests())
		}
	})

	t.Run("bad option", func(t *testing.T) {
		srv := newServer(t)
		c, err := srv.Client(bigcommerce.WithMaxConcurrency(0))
		if err == nil || c != nil || srv.Store().Requests() != 0 {
			t.Errorf("Client(WithMaxConcurrency(0)) = %v, %v; want an error and nothing sent", c, err)
		}
	})
}
