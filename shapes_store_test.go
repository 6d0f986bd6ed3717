package bigcommerce_test

// Integration tests, against bigcommercetest, of the one-record methods
// and iterators that CONTRIBUTING.md's convention table added beside the
// batch ones: Customers and Categories Create, Update and Delete of one
// record, Categories.Get, and the All of every orders sub-list.

import (
	"errors"
	"slices"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

func TestIntegrationCustomersOneRecord(t *testing.T) {
	c := defaultStoreClient(t)
	ctx := bigcommerce.Ctx(t)
	ada, _, err := c.Customers.Create(ctx, bigcommerce.CustomerCreate{Email: "ada@example.com", FirstName: "Ada", LastName: "Lovelace"})
	if err != nil || ada.ID <= 0 || ada.Email != "ada@example.com" {
		t.Fatalf("Create = %+v, %v", ada, err)
	}
	// A refused customer is the item's own error, not a *BatchError of one.
	var be *bigcommerce.BatchError
	if _, _, err := c.Customers.Create(ctx, bigcommerce.CustomerCreate{Email: "ada@example.com", FirstName: "A", LastName: "L"}); !errors.Is(err, bigcommerce.ErrUnprocessable) || errors.As(err, &be) {
		t.Errorf("duplicate email: %v, want ErrUnprocessable and no *BatchError", err)
	}
	var ve *bigcommerce.ValidationError
	if _, _, err := c.Customers.Create(ctx, bigcommerce.CustomerCreate{FirstName: "No", LastName: "Email"}); !errors.As(err, &ve) || ve.Op != "Customers.Create" {
		t.Errorf("no email: %v, want a *ValidationError of Customers.Create", err)
	}

	renamed, _, err := c.Customers.Update(ctx, ada.ID, bigcommerce.CustomerUpdate{FirstName: bigcommerce.Ptr("Augusta Ada")})
	if err != nil || renamed.ID != ada.ID || renamed.FirstName != "Augusta Ada" || renamed.LastName != "Lovelace" {
		t.Fatalf("Update = %+v, %v", renamed, err)
	}
	if _, _, err := c.Customers.Update(ctx, ada.ID, bigcommerce.CustomerUpdate{ID: ada.ID + 1}); !errors.Is(err, bigcommerce.ErrInvalidRequest) {
		t.Errorf("Update with another ID in the body: %v, want ErrInvalidRequest", err)
	}
	if _, _, err := c.Customers.Update(ctx, 9999, bigcommerce.CustomerUpdate{Notes: bigcommerce.Ptr("n")}); !errors.Is(err, bigcommerce.ErrUnprocessable) || errors.As(err, &be) {
		t.Errorf("Update of an unknown id: %v, want ErrUnprocessable and no *BatchError", err)
	}

	if _, err := c.Customers.Delete(ctx, ada.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Customers.Get(ctx, ada.ID); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if _, err := c.Customers.Delete(ctx, 0); !errors.Is(err, bigcommerce.ErrInvalidRequest) {
		t.Errorf("Delete(0): %v, want ErrInvalidRequest", err)
	}
}

func TestIntegrationCategoriesOneRecord(t *testing.T) {
	c := defaultStoreClient(t)
	ctx := bigcommerce.Ctx(t)
	garden, _, err := c.Categories.Create(ctx, bigcommerce.CategoryCreate{Name: "Garden", TreeID: 1})
	if err != nil || garden.CategoryID <= 0 || garden.TreeID != 1 {
		t.Fatalf("Create = %+v, %v", garden, err)
	}
	var ve *bigcommerce.ValidationError
	if _, _, err := c.Categories.Create(ctx, bigcommerce.CategoryCreate{Name: "Nowhere"}); !errors.As(err, &ve) || ve.Op != "Categories.Create" {
		t.Errorf("no tree or parent: %v, want a *ValidationError of Categories.Create", err)
	}
	got, _, err := c.Categories.Get(ctx, garden.CategoryID)
	if err != nil || got.CategoryID != garden.CategoryID || got.Name != "Garden" {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if _, err := c.Categories.Update(ctx, garden.CategoryID, bigcommerce.CategoryUpdate{Name: bigcommerce.Ptr("Garden & Patio")}); err != nil {
		t.Fatal(err)
	}
	if got, _, err := c.Categories.Get(ctx, garden.CategoryID); err != nil || got.Name != "Garden & Patio" {
		t.Errorf("Get after Update = %+v, %v", got, err)
	}
	if _, err := c.Categories.Update(ctx, garden.CategoryID, bigcommerce.CategoryUpdate{CategoryID: 1}); !errors.Is(err, bigcommerce.ErrInvalidRequest) {
		t.Errorf("Update with another CategoryID in the body: %v, want ErrInvalidRequest", err)
	}
	if _, err := c.Categories.Delete(ctx, garden.CategoryID); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Categories.Get(ctx, garden.CategoryID); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if _, _, err := c.Categories.Get(ctx, 0); !errors.Is(err, bigcommerce.ErrInvalidRequest) {
		t.Errorf("Get(0): %v, want ErrInvalidRequest", err)
	}
	if _, _, err := c.Categories.GetTree(ctx, 1, &bigcommerce.CategoryTreeGetOptions{Depth: -1}); !errors.Is(err, bigcommerce.ErrInvalidRequest) {
		t.Errorf("GetTree with a negative depth: %v, want ErrInvalidRequest", err)
	}
}

// TestIntegrationOrdersSubListsHaveAll checks that every orders sub-list's
// All yields what its List returns.
func TestIntegrationOrdersSubListsHaveAll(t *testing.T) {
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000}, bigcommercetest.SeedOptions{Seed: 1, Orders: 3, Products: 3, Customers: 2})
	ctx := bigcommerce.Ctx(t)
	orders, _, err := c.Orders.List(ctx, nil)
	if err != nil || len(orders) == 0 {
		t.Fatalf("List = %d orders, %v", len(orders), err)
	}
	// An order with shipments, so that both lists have something to yield.
	id := 0
	for _, o := range orders {
		if s, _, err := c.Orders.ListShipments(ctx, o.ID, nil); err == nil && len(s) > 0 {
			id = o.ID
			break
		}
	}
	if id == 0 {
		t.Fatalf("none of the seeded orders %v has a shipment", ids(orders, func(o bigcommerce.Order) int { return o.ID }))
	}
	same := func(name string, list []int, listErr error, all []int, allErr error) {
		t.Helper()
		if listErr != nil || allErr != nil || len(list) == 0 || !slices.Equal(list, all) {
			t.Errorf("%s: List %v (%v), All %v (%v)", name, list, listErr, all, allErr)
		}
	}
	addrs, _, lerr := c.Orders.ListShippingAddresses(ctx, id, nil)
	allAddrs, aerr := collect(c.Orders.AllShippingAddresses(ctx, id, nil))
	same("shipping addresses", ids(addrs, func(a bigcommerce.OrderShippingAddress) int { return a.ID }), lerr,
		ids(allAddrs, func(a bigcommerce.OrderShippingAddress) int { return a.ID }), aerr)
	ships, _, lerr := c.Orders.ListShipments(ctx, id, nil)
	allShips, aerr := collect(c.Orders.AllShipments(ctx, id, nil))
	same("shipments", ids(ships, func(s bigcommerce.Shipment) int { return s.ID }), lerr, ids(allShips, func(s bigcommerce.Shipment) int { return s.ID }), aerr)
	statuses, _, lerr := c.Orders.ListStatuses(ctx)
	allStatuses, aerr := collect(c.Orders.AllStatuses(ctx))
	same("statuses", ids(statuses, func(s bigcommerce.OrderStatus) int { return int(s.ID) }), lerr,
		ids(allStatuses, func(s bigcommerce.OrderStatus) int { return int(s.ID) }), aerr)

	txs, _, lerr := c.Orders.ListTransactions(ctx, id)
	allTxs, aerr := collect(c.Orders.AllTransactions(ctx, id))
	if lerr != nil || aerr != nil || len(txs) != len(allTxs) {
		t.Errorf("transactions: List %d (%v), All %d (%v)", len(txs), lerr, len(allTxs), aerr)
	}
	// AllFees is in TestOrdersAllFees: the fake store keeps no fees.
	for name, seq := range map[string]func() error{
		"AllShipments":    func() error { _, err := collect(c.Orders.AllShipments(ctx, 0, nil)); return err },
		"AllTransactions": func() error { _, err := collect(c.Orders.AllTransactions(ctx, -1)); return err },
		"AllFees":         func() error { _, err := collect(c.Orders.AllFees(ctx, 0)); return err },
	} {
		if err := seq(); !errors.Is(err, bigcommerce.ErrInvalidRequest) {
			t.Errorf("%s of order 0: %v, want ErrInvalidRequest", name, err)
		}
	}
}

func collect[T any](seq func(func(T, error) bool)) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

func ids[T any](items []T, id func(T) int) []int {
	out := make([]int, len(items))
	for i, it := range items {
		out[i] = id(it)
	}
	return out
}
