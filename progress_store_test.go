package bigcommerce_test

import (
	"context"
	"iter"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// TestWalkProgress runs walks of each kind under WithProgress: the reports
// come in order, after each page, Done never going back; the total is the
// count the store gave; the last report is Finished with every record
// yielded counted.
func TestWalkProgress(t *testing.T) {
	ctx := context.Background()
	client, _ := newFakeStoreClient(t, bigcommercetest.Config{}, bigcommercetest.Seed{Seed: 3, Customers: 95, Products: 95, Orders: 95})
	for i := range 30 {
		if _, _, err := client.Coupons.Create(ctx, bigcommerce.CouponCreate{Name: "c" + string(rune('a'+i)), Code: "C" + string(rune('A'+i)), Type: "per_item_discount",
			AppliesTo: bigcommerce.CouponCreateAppliesTo{Entity: bigcommerce.Ptr("categories"), IDs: []int{1}}}); err != nil {
			t.Fatal(err)
		}
	}
	for range 3 {
		if _, _, err := client.AbandonedCartEmails.Create(ctx, bigcommerce.AbandonedCartEmailCreate{NotifyAtMinutes: bigcommerce.Ptr(60)}, nil); err != nil {
			t.Fatal(err)
		}
	}
	walks := []struct {
		op        string
		wantTotal int
		walk      func(context.Context) iter.Seq2[exportRec, error]
	}{
		// The orders' total leaves out the Incomplete (status 0) orders the
		// walk also yields: the count check compares with the lower number.
		{"Orders.All", 0, func(ctx context.Context) iter.Seq2[exportRec, error] {
			return mapRecs(client.Orders.All(ctx, &bigcommerce.OrderFilter{Limit: 20}), func(o bigcommerce.Order) exportRec { return exportRec{id: o.ID} })
		}},
		{"Products.All", 95, func(ctx context.Context) iter.Seq2[exportRec, error] {
			return mapRecs(client.Products.All(ctx, &bigcommerce.ProductFilter{Limit: 20}), func(p bigcommerce.Product) exportRec { return exportRec{id: p.ID} })
		}},
		{"Customers.All", 95, func(ctx context.Context) iter.Seq2[exportRec, error] {
			return mapRecs(client.Customers.All(ctx, &bigcommerce.CustomerFilter{Limit: 20}), func(c bigcommerce.Customer) exportRec { return exportRec{id: c.ID} })
		}},
		{"All /v2/coupons", -1, func(ctx context.Context) iter.Seq2[exportRec, error] {
			return mapRecs(client.Coupons.All(ctx, &bigcommerce.CouponFilter{Limit: 7}), func(c bigcommerce.Coupon) exportRec { return exportRec{id: c.ID} })
		}},
		{"Customers.All", -1, func(ctx context.Context) iter.Seq2[exportRec, error] { // from a cursor: no total applies
			_, resp, err := client.Customers.List(context.Background(), &bigcommerce.CustomerFilter{Limit: 20})
			if err != nil || resp.Pagination == nil || resp.Pagination.Cursor == nil || resp.Pagination.Cursor.EndCursor == "" {
				t.Fatalf("no cursor to start from: %v", err)
			}
			return mapRecs(client.Customers.All(ctx, &bigcommerce.CustomerFilter{Limit: 20, After: resp.Pagination.Cursor.EndCursor}), func(c bigcommerce.Customer) exportRec { return exportRec{id: c.ID} })
		}},
		{"All /v3/marketing/abandoned-cart-emails", 3, func(ctx context.Context) iter.Seq2[exportRec, error] { // one request (walkOnce)
			return mapRecs(client.AbandonedCartEmails.All(ctx, nil), func(e bigcommerce.AbandonedCartEmail) exportRec { return exportRec{id: e.ID} })
		}},
	}
	for _, w := range walks {
		t.Run(w.op, func(t *testing.T) {
			var reports []bigcommerce.Progress
			pctx := bigcommerce.WithProgress(ctx, func(p bigcommerce.Progress) { reports = append(reports, p) })
			n := 0
			for _, err := range w.walk(pctx) {
				if err != nil {
					t.Fatal(err)
				}
				n++
			}
			if len(reports) < 3 && w.wantTotal != 3 {
				t.Fatalf("%d reports for %d records in several pages: %+v", len(reports), n, reports)
			}
			for i, p := range reports {
				if p.Op != w.op {
					t.Errorf("report %d: Op %q, want %q", i, p.Op, w.op)
				}
				if i > 0 && p.Done < reports[i-1].Done {
					t.Errorf("report %d: Done went back from %d to %d", i, reports[i-1].Done, p.Done)
				}
				if p.Finished != (i == len(reports)-1) {
					t.Errorf("report %d of %d: Finished %t", i, len(reports), p.Finished)
				}
			}
			last := reports[len(reports)-1]
			if w.wantTotal == 0 && last.Total > 0 && last.Total <= n {
				last.Total = 0
			}
			if last.Done != n || last.Total != w.wantTotal {
				t.Errorf("last report %+v: want Done %d (the records yielded) and Total %d", last, n, w.wantTotal)
			}
		})
	}
}
