// Command quickstart is a tour of the SDK: it tests the connection, lists
// recent customers, products with their variants and recent orders with
// their line items, and makes one absolute inventory adjustment, reading
// the stock before and after.
//
// With BIGCOMMERCE_STORE_HASH and BIGCOMMERCE_ACCESS_TOKEN set it uses that
// store and writes nothing unless -write is given (and then only the one
// SKU named by -sku, set to -quantity). Without them it runs against an
// embedded fake store, where it writes freely:
//
//	$ go run ./examples/quickstart
//	$ BIGCOMMERCE_STORE_HASH=abc123 BIGCOMMERCE_ACCESS_TOKEN=... go run ./examples/quickstart
//	$ ... go run ./examples/quickstart -write -sku SHIRT-RED-M -quantity 12
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/examples/internal/exampleenv"
)

func main() { exampleenv.Main(run) }

// options are quickstart's flags.
type options struct {
	write    bool
	sku      string
	quantity int
	show     int
	days     int
}

// run is the whole program; main only adds the process around it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	return runWith(ctx, args, stdout, stderr, exampleenv.FromEnvironment)
}

// runWith parses the flags, then connects with connect and runs the tour.
func runWith(ctx context.Context, args []string, stdout, stderr io.Writer, connect exampleenv.Connector) error {
	fs := flag.NewFlagSet("quickstart", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var o options
	fs.BoolVar(&o.write, "write", false, "against a real store, apply the inventory adjustment (needs -sku and -quantity); the fake store is always written")
	fs.StringVar(&o.sku, "sku", "", "variant SKU to adjust (default: the first variant listed)")
	o.quantity = -1 // unset: current level + 5
	fs.Var(optionalInt{&o.quantity}, "quantity", "new stock `level` at the default location (default: current level + 5)")
	fs.IntVar(&o.show, "n", 3, "how many customers, products and orders to show")
	fs.IntVar(&o.days, "days", 30, "show customers created in the last `N` days")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: quickstart [flags]\n\nA short tour of a BigCommerce store. Credentials come from %s and %s;\nwithout them it runs against an embedded fake store.\n\nFlags:\n", exampleenv.EnvStoreHash, exampleenv.EnvAccessToken)
		fs.PrintDefaults()
	}
	if err := exampleenv.Parse(fs, args); err != nil {
		return err
	}
	switch {
	case o.show < 1 || o.show > 50:
		return exampleenv.Usagef("-n %d: want 1 to 50", o.show)
	case o.days < 1:
		return exampleenv.Usagef("-days %d: want 1 or more", o.days)
	case o.quantity < -1:
		return exampleenv.Usagef("-quantity %d: a stock level cannot be negative", o.quantity)
	}

	env, err := connect(ctx, exampleenv.DefaultSeed())
	if err != nil {
		return err
	}
	defer env.Close()
	if !env.Fake && o.write && (o.sku == "" || o.quantity < 0) {
		return exampleenv.Usagef("-write against a real store needs -sku and -quantity: quickstart will not pick a SKU in your store or a stock level for you")
	}
	fmt.Fprintln(stdout, env.Notice())
	t := &tour{c: env.Client, out: stdout, o: o, fake: env.Fake}
	return t.run(ctx)
}

// tour holds what the steps share.
type tour struct {
	c        *bigcommerce.Client
	out      io.Writer
	o        options
	fake     bool
	currency string
	firstSKU string
}

func (t *tour) printf(format string, args ...any) { fmt.Fprintf(t.out, format, args...) }

func (t *tour) run(ctx context.Context) error {
	steps := []struct {
		name string
		fn   func(context.Context) error
	}{
		{"testing the connection (GET /v2/store)", t.store},
		{"listing customers", t.customers},
		{"listing products", t.products},
		{"listing categories and customer groups", t.structure},
		{"listing orders", t.orders},
		{"adjusting inventory", t.inventory},
	}
	for _, s := range steps {
		if err := s.fn(ctx); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
	}
	return nil
}

func (t *tour) store(ctx context.Context) error {
	info, err := t.c.Ping(ctx)
	if err != nil {
		return err
	}
	t.currency = info.Currency
	t.printf("\nStore: %s (%s), plan %s, currency %s\n", info.Name, info.Domain, info.PlanName, info.Currency)
	return nil
}

func (t *tour) customers(ctx context.Context) error {
	since := time.Now().AddDate(0, 0, -t.o.days)
	list, resp, err := t.c.Customers.List(ctx, &bigcommerce.CustomerFilter{
		DateCreatedMin: since.UTC().Truncate(time.Second),
		Sort:           bigcommerce.CustomerSortDateCreatedDesc,
		Limit:          t.o.show,
	})
	if err != nil {
		return err
	}
	total := len(list)
	if resp.Pagination != nil {
		total = resp.Pagination.Total
	}
	t.printf("\nCustomers created in the last %d days: %d%s\n", t.o.days, total, shown(len(list), total))
	for _, c := range list {
		t.printf("  #%-4d %-26s %-40s %s\n", c.ID, c.FirstName+" "+c.LastName, "<"+c.Email+">", c.DateCreated.Format(time.DateOnly))
	}
	return nil
}

func (t *tour) products(ctx context.Context) error {
	list, resp, err := t.c.Products.List(ctx, &bigcommerce.ProductFilter{
		Include: bigcommerce.StringList{bigcommerce.ProductIncludeVariants},
		Sort:    bigcommerce.ProductSortID,
		Limit:   t.o.show,
	})
	if err != nil {
		return err
	}
	total := len(list)
	if resp.Pagination != nil {
		total = resp.Pagination.Total
	}
	t.printf("\nProducts: %d%s, with their variants (price, stock at all locations)\n", total, shown(len(list), total))
	for _, p := range list {
		t.printf("  #%-4d %-36s %s\n", p.ID, p.Name, money(p.Price.StringFixed(2), t.currency))
		for _, v := range p.Variants {
			stock := "not tracked"
			if v.InventoryLevel != nil {
				stock = fmt.Sprintf("%d in stock", *v.InventoryLevel)
			}
			t.printf("        %-18s %10s  %s\n", v.SKU, money(v.CalculatedPrice.StringFixed(2), t.currency), stock)
			if t.firstSKU == "" && v.SKU != "" {
				t.firstSKU = v.SKU
			}
		}
	}
	return nil
}

// structure shows the top of the catalog's category trees and the
// customer groups (GET /v3/catalog/trees/categories, GET /v2/customer_groups).
func (t *tour) structure(ctx context.Context) error {
	cats, _, err := t.c.Categories.List(ctx, &bigcommerce.CategoryFilter{ParentIDIn: bigcommerce.IntList{0}})
	if err != nil {
		return err
	}
	groups, _, err := t.c.CustomerGroups.List(ctx, nil)
	if err != nil {
		return err
	}
	t.printf("\nTop-level categories: %s\nCustomer groups: %s\n",
		joinNames(cats, func(c bigcommerce.Category) string { return c.Name }),
		joinNames(groups, func(g bigcommerce.CustomerGroup) string { return g.Name }))
	return nil
}

// joinNames lists the names of items, or "none".
func joinNames[T any](items []T, name func(T) string) string {
	if len(items) == 0 {
		return "none"
	}
	names := make([]string, len(items))
	for i, it := range items {
		names[i] = name(it)
	}
	return strings.Join(names, ", ")
}

func (t *tour) orders(ctx context.Context) error {
	count, _, err := t.c.Orders.Count(ctx, nil)
	if err != nil {
		return err
	}
	// Include asks for every order's line items in the same request (one
	// request for the page instead of one more per order).
	list, _, err := t.c.Orders.List(ctx, &bigcommerce.OrderFilter{
		Sort:    bigcommerce.OrderSortDateCreatedDesc,
		Limit:   t.o.show,
		Include: bigcommerce.StringList{bigcommerce.OrderIncludeConsignmentsLineItems},
	})
	if err != nil {
		return err
	}
	t.printf("\nOrders: %d%s, newest first\n", count, shown(len(list), count))
	for _, o := range list {
		name := strings.TrimSpace(o.BillingAddress.FirstName + " " + o.BillingAddress.LastName)
		t.printf("  #%-4d %s  %-20s %-22s total %s\n", o.ID, o.DateCreated.Format(time.DateOnly), o.Status, name, money(o.TotalIncTax.StringFixed(2), o.CurrencyCode))
		// No request unless BigCommerce cut the order's line items short
		// (it sends at most 50 per consignment).
		lines, err := t.c.Orders.CompleteLineItems(ctx, &o)
		if err != nil {
			return fmt.Errorf("order %d: %w", o.ID, err)
		}
		for _, l := range lines {
			t.printf("        %d x %-34s %-16s %s\n", l.Quantity, l.Name, l.SKU, money(l.TotalIncTax.StringFixed(2), o.CurrencyCode))
		}
	}
	return nil
}

func (t *tour) inventory(ctx context.Context) error {
	sku := t.o.sku
	if sku == "" {
		sku = t.firstSKU
	}
	if sku == "" {
		t.printf("\nInventory: no variant SKU found to adjust; pass -sku\n")
		return nil
	}
	locs, _, err := t.c.Inventory.ListLocations(ctx, &bigcommerce.LocationFilter{IsDefault: bigcommerce.Ptr(true)})
	if err != nil {
		return err
	}
	if len(locs) == 0 {
		return errors.New("the store reports no default location")
	}
	loc := locs[0]
	before, err := t.stockAt(ctx, sku, loc.ID)
	if err != nil {
		return err
	}
	want := t.o.quantity
	if want < 0 {
		want = before + 5
	}
	t.printf("\nInventory of %s at %q (location %d, the default)\n", sku, loc.Label, loc.ID)
	if !t.fake && !t.o.write {
		t.printf("  would set %d -> %d (absolute); nothing written: pass -write -sku %s -quantity %d to apply\n", before, want, sku, want)
		return nil
	}
	txs, _, err := t.c.Inventory.AdjustAbsolute(ctx, []bigcommerce.InventoryAdjustment{
		{LocationID: loc.ID, SKU: sku, Quantity: want},
	}, "bigcommerce-go quickstart")
	if err != nil {
		return err
	}
	after, err := t.stockAt(ctx, sku, loc.ID)
	if err != nil {
		return err
	}
	t.printf("  %d -> %d (absolute adjustment, transaction %s)\n", before, after, strings.Join(txs, ", "))
	if after != want {
		t.printf("  BigCommerce applies adjustments asynchronously: the read-back still shows the old level; read again in a moment\n")
	}
	return nil
}

// stockAt reads the on-hand stock of sku at a location with
// GET /v3/inventory/items?sku:in=...&location_id:in=...
func (t *tour) stockAt(ctx context.Context, sku string, locationID int) (int, error) {
	items, _, err := t.c.Inventory.ListItems(ctx, &bigcommerce.InventoryItemFilter{
		SKUIn:        bigcommerce.StringList{sku},
		LocationIDIn: bigcommerce.IntList{locationID},
	})
	if err != nil {
		return 0, err
	}
	for _, it := range items {
		if !strings.EqualFold(it.Identity.SKU, sku) {
			continue
		}
		for _, l := range it.Locations {
			if l.LocationID == locationID {
				return l.TotalInventoryOnhand, nil
			}
		}
	}
	return 0, fmt.Errorf("SKU %q has no inventory record at location %d: check the SKU (it must be a variant SKU)", sku, locationID)
}

// shown says how many of total records are listed, when not all are.
func shown(n, total int) string {
	if n >= total {
		return ""
	}
	return fmt.Sprintf(" (showing %d)", n)
}

// money formats an amount with its currency code.
func money(amount, currency string) string {
	if currency == "" {
		return amount
	}
	return amount + " " + currency
}
