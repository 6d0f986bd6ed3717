package bigcommerce

import (
	"context"
	"iter"
	"time"
)

// This file holds the Sync methods: All walks that keep a Checkpoint, so
// that an incremental export is resumable and delivers each change once
// (checkpoint.go).

// Sync walks the orders modified since cp.Since (every order for a zero
// Checkpoint), in ascending id order, with the caller's other filters:
// GET /v2/orders with min_date_modified and min_id, through Orders.All's
// id-window walk. It leaves out orders cp says were delivered unchanged,
// and updates cp before each order is yielded, so cp already counts the
// order in hand: store the order, then save cp (json.Marshal) whenever you
// like, and a later Sync with the saved value resumes after the last order
// stored, or, once a run has ended, starts the next incremental run. When
// storing an order fails, stop without saving cp: the copy saved last
// still resumes before that order. See Checkpoint.
//
// filter must not set MinDateModified, MinID, Sort or Page: Sync sets the
// bounds itself and needs the id order. Errors are Orders.All's, yielded
// once; ErrInvalidRequest for such a filter or a nil cp. Progress is
// reported under WithProgress as "Orders.All".
func (s *OrdersService) Sync(ctx context.Context, cp *Checkpoint, filter *OrderFilter) iter.Seq2[Order, error] {
	const op = "Orders.Sync"
	var base OrderFilter
	if filter != nil {
		base = *filter
	}
	if !base.MinDateModified.IsZero() || base.MinID != 0 || (base.Sort != "" && base.Sort != OrderSortIDAsc) || base.Page > 1 {
		return refused[Order](invalid(op, "the filter sets MinDateModified, MinID, Sort or Page: Sync sets the date and id bounds from the checkpoint and walks in id order; leave them unset (set Checkpoint.Since to start later than the beginning)"))
	}
	return syncWalk(ctx, op, cp, syncSource[Order]{
		walk: func(ctx context.Context, since time.Time, afterID int) iter.Seq2[Order, error] {
			f := base
			f.MinDateModified = since
			if afterID > 0 {
				f.MinID = afterID + 1
			}
			return s.All(ctx, &f)
		},
		idOf:   func(o Order) int { return o.ID },
		dateOf: func(o Order) time.Time { return o.DateModified.Time },
	})
}

// Sync walks the products modified since cp.Since (every product for a
// zero Checkpoint), in ascending id order, with the caller's other filters
// (Include among them): GET /v3/catalog/products with date_modified:min and
// id:min, through Products.All's id-window walk. It leaves out products cp
// says were delivered unchanged and updates cp before each product is
// yielded; see OrdersService.Sync and Checkpoint.
//
// filter must not set DateModifiedMin, IDMin, IDGreater, Sort, Direction
// or Page. Errors are Products.All's, yielded once; ErrInvalidRequest for
// such a filter or a nil cp. Progress is reported under WithProgress as
// "Products.All".
func (s *ProductsService) Sync(ctx context.Context, cp *Checkpoint, filter *ProductFilter) iter.Seq2[Product, error] {
	const op = "Products.Sync"
	var base ProductFilter
	if filter != nil {
		base = *filter
	}
	if !base.DateModifiedMin.IsZero() || base.IDMin != 0 || base.IDGreater != 0 || (base.Sort != "" && base.Sort != ProductSortID) || base.Direction == Desc || base.Page > 1 {
		return refused[Product](invalid(op, "the filter sets DateModifiedMin, IDMin, IDGreater, Sort, Direction or Page: Sync sets the date and id bounds from the checkpoint and walks in id order; leave them unset (set Checkpoint.Since to start later than the beginning)"))
	}
	return syncWalk(ctx, op, cp, syncSource[Product]{
		walk: func(ctx context.Context, since time.Time, afterID int) iter.Seq2[Product, error] {
			f := base
			f.DateModifiedMin = since
			if afterID > 0 {
				f.IDMin = afterID + 1
			}
			return s.All(ctx, &f)
		},
		idOf:   func(p Product) int { return p.ID },
		dateOf: func(p Product) time.Time { return p.DateModified },
	})
}

// Sync walks the customers modified since cp.Since (every customer for a
// zero Checkpoint), in ascending id order, with the caller's other filters:
// GET /v3/customers with date_modified:min, through Customers.All's walk.
// It leaves out customers cp says were delivered unchanged and updates cp
// before each customer is yielded; see OrdersService.Sync and Checkpoint.
// GET /v3/customers has no id lower bound, so a resumed run reads the
// customers up to its place again (at the quota's speed) and skips them.
//
// filter must not set DateModifiedMin, Sort, After, Before, IDIn or Page.
// Errors are Customers.All's, yielded once; ErrInvalidRequest for such a
// filter or a nil cp. Progress is reported under WithProgress as
// "Customers.All".
func (s *CustomersService) Sync(ctx context.Context, cp *Checkpoint, filter *CustomerFilter) iter.Seq2[Customer, error] {
	const op = "Customers.Sync"
	var base CustomerFilter
	if filter != nil {
		base = *filter
	}
	if !base.DateModifiedMin.IsZero() || base.Sort != "" || base.After != "" || base.Before != "" || len(base.IDIn) > 0 || base.Page > 1 {
		return refused[Customer](invalid(op, "the filter sets DateModifiedMin, Sort, After, Before, IDIn or Page: Sync sets the date bound from the checkpoint and walks in id order; leave them unset (set Checkpoint.Since to start later than the beginning)"))
	}
	return syncWalk(ctx, op, cp, syncSource[Customer]{
		walk: func(ctx context.Context, since time.Time, afterID int) iter.Seq2[Customer, error] {
			f := base
			f.DateModifiedMin = since
			return func(yield func(Customer, error) bool) {
				for c, err := range s.All(ctx, &f) {
					if err == nil && c.ID <= afterID {
						continue // read again on resumption; delivered before
					}
					if !yield(c, err) || err != nil {
						return
					}
				}
			}
		},
		idOf:   func(c Customer) int { return c.ID },
		dateOf: func(c Customer) time.Time { return c.DateModified },
	})
}
