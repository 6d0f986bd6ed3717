package bigcommercetest

import (
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"time"
)

// This file lets a test change the store while a client walks it, the way
// other clients of a live store do: a hook run before each request is
// served, and methods that create, delete and modify orders, products and
// customers with ids anywhere in the id space.

// mutation is the Store's state for this file.
type mutation struct {
	hook atomic.Pointer[func(*http.Request)]
	seq  atomic.Uint64 // drives the generated fields of inserted records
}

// before runs the hook, if any.
func (m *mutation) before(r *http.Request) {
	if h := m.hook.Load(); h != nil {
		(*h)(r)
	}
}

// BeforeRequest sets a function called before each request is served: after
// the request is counted and logged, before latency, faults, the rate
// window and routing, and outside the store's locks, so that it may call the
// Insert, Delete and Modify methods (or anything else on the Store). It may
// be called from several goroutines at once when requests arrive
// concurrently. nil removes the hook.
func (s *Store) BeforeRequest(hook func(r *http.Request)) {
	if hook == nil {
		s.mut.hook.Store(nil)
		return
	}
	s.mut.hook.Store(&hook)
}

// generator returns a seeder writing into the store's data (s.mu held) whose
// dates are the store's current time.
func (s *Store) generator() *seeder {
	n := s.mut.seq.Add(1)
	now := s.now()
	return &seeder{
		r:    rand.New(rand.NewPCG(n, n^0x5851f42d4c957f2d)),
		d:    s.db,
		end:  now.Add(time.Second),
		span: recentSpan,
		hash: s.cfg.StoreHash,
	}
}

// insertAt runs gen with *next set to id (0: leave it, the next id above
// every id so far) and restores *next above both.
func insertAt(next *int, id int, exists bool, gen func()) int {
	if exists {
		return 0
	}
	saved := *next
	if id > 0 {
		*next = id
	}
	id = *next
	gen()
	*next = max(saved, id+1)
	return id
}

// InsertOrder creates an order with generated fields and one line item,
// created and modified now (the store's clock). id 0 takes the next id
// above every order so far, as the real store does; a positive id places
// the order anywhere in the id space (to build sparse ids or ids that start
// high). It returns the new id, or 0 when the id is taken.
func (s *Store) InsertOrder(id int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.db
	g := s.generator()
	return insertAt(&d.nextOrder, id, id > 0 && d.orders[id] != nil, func() {
		now := s.now()
		g.orders(1, 1)
		o := d.orders[d.nextOrder-1]
		o.DateCreated, o.DateModified = v2time{now}, v2time{now}
	})
}

// DeleteOrder removes an order for good (more than archiving it: it is
// gone from every list). It reports whether the order existed.
func (s *Store) DeleteOrder(id int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.db
	if d.orders[id] == nil {
		return false
	}
	delete(d.orders, id)
	d.orderIDs = removeSorted(d.orderIDs, map[int]bool{id: true})
	return true
}

// ModifyOrder changes an order's staff notes and sets its date_modified to
// now. It reports whether the order exists.
func (s *Store) ModifyOrder(id int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.db.orders[id]
	if o == nil {
		return false
	}
	o.StaffNotes += "modified;"
	o.DateModified = v2time{s.now()}
	return true
}

// InsertProduct creates a simple product with generated fields, created and
// modified now. id 0 takes the next id above every product so far; a
// positive id places it anywhere. It returns the new id, or 0 when the id
// is taken.
func (s *Store) InsertProduct(id int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.db
	g := s.generator()
	return insertAt(&d.nextProduct, id, id > 0 && d.products[id] != nil, func() {
		now := s.now()
		g.products(1, 0)
		p := d.products[d.nextProduct-1]
		p.DateCreated, p.DateModified = now, now
	})
}

// DeleteProduct deletes a product and its variants. It reports whether the
// product existed.
func (s *Store) DeleteProduct(id int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.db
	p := d.products[id]
	if p == nil {
		return false
	}
	d.removeProduct(p)
	d.productIDs = removeSorted(d.productIDs, map[int]bool{id: true})
	return true
}

// ModifyProduct changes a product's view count and sets its date_modified
// to now. It reports whether the product exists.
func (s *Store) ModifyProduct(id int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.db.products[id]
	if p == nil {
		return false
	}
	p.ViewCount++
	p.DateModified = s.now()
	return true
}

// InsertCustomer creates a customer (with one address) with generated
// fields, created and modified now. id 0 takes the next id above every
// customer so far; a positive id places it anywhere. It returns the new id,
// or 0 when the id is taken.
func (s *Store) InsertCustomer(id int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.db
	g := s.generator()
	return insertAt(&d.nextCustomer, id, id > 0 && d.customers[id] != nil, func() {
		now := s.now()
		// The seeder starts the id lists afresh: keep the store's.
		ids, addrIDs := d.customerIDs, d.addressIDs
		g.customers(1)
		for _, id := range d.customerIDs {
			ids = insertSorted(ids, id)
		}
		for _, id := range d.addressIDs {
			addrIDs = insertSorted(addrIDs, id)
		}
		d.customerIDs, d.addressIDs = ids, addrIDs
		cu := d.customers[d.nextCustomer-1]
		cu.DateCreated, cu.DateModified = now, now
	})
}

// DeleteCustomer deletes a customer and its addresses. It reports whether
// the customer existed.
func (s *Store) DeleteCustomer(id int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.db
	cu := d.customers[id]
	if cu == nil {
		return false
	}
	drop := map[int]bool{}
	for _, aid := range cu.addressIDs {
		drop[aid] = true
		delete(d.addresses, aid)
	}
	d.addressIDs = removeSorted(d.addressIDs, drop)
	delete(d.emailIndex, strings.ToLower(cu.Email))
	delete(d.customers, id)
	d.customerIDs = removeSorted(d.customerIDs, map[int]bool{id: true})
	return true
}

// ModifyCustomer changes a customer's notes and sets its date_modified to
// now. It reports whether the customer exists.
func (s *Store) ModifyCustomer(id int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	cu := s.db.customers[id]
	if cu == nil {
		return false
	}
	cu.Notes += "modified;"
	cu.DateModified = s.now()
	return true
}

// OrderIDs returns the ids of every order (archived ones included), in
// ascending order.
func (s *Store) OrderIDs() []int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.db.orderIDs)
}

// ProductIDs returns the ids of every product, in ascending order.
func (s *Store) ProductIDs() []int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.db.productIDs)
}

// CustomerIDs returns the ids of every customer, in ascending order.
func (s *Store) CustomerIDs() []int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Clone(s.db.customerIDs)
}
