package bigcommercetest

import (
	"testing"
	"time"
)

// seedDates are the dates of a seeded store's records, by kind and id
// order.
type seedDates struct {
	created, modified map[string][]time.Time
	shipped           []time.Time // shipments and transactions
}

func datesOf(s *Store) seedDates {
	s.mu.RLock()
	defer s.mu.RUnlock()
	d := s.db
	out := seedDates{created: map[string][]time.Time{}, modified: map[string][]time.Time{}}
	for _, id := range d.customerIDs {
		c := d.customers[id]
		out.created["customers"] = append(out.created["customers"], c.DateCreated)
		out.modified["customers"] = append(out.modified["customers"], c.DateModified)
	}
	for _, id := range d.productIDs {
		p := d.products[id]
		out.created["products"] = append(out.created["products"], p.DateCreated)
		out.modified["products"] = append(out.modified["products"], p.DateModified)
	}
	for _, id := range d.orderIDs {
		o := d.orders[id]
		out.created["orders"] = append(out.created["orders"], o.DateCreated.Time)
		out.modified["orders"] = append(out.modified["orders"], o.DateModified.Time)
		for _, sh := range o.shipments {
			out.shipped = append(out.shipped, sh.DateCreated.Time)
		}
		for _, tx := range o.transactions {
			out.shipped = append(out.shipped, tx.DateCreated)
		}
	}
	for _, id := range d.locationIDs[1:] { // location 1 is the store's own
		l := d.locations[id]
		out.created["locations"] = append(out.created["locations"], l.CreatedAt)
		out.modified["locations"] = append(out.modified["locations"], l.UpdatedAt)
	}
	return out
}

// checkSeedDates checks that every date lies in [end-span, end), that
// creation dates grow with the ids one second apart at least, that
// modifications follow creations, and that the newest records are recent.
func checkSeedDates(t *testing.T, got seedDates, end time.Time, span time.Duration) {
	t.Helper()
	in := func(what string, d time.Time) {
		if d.Before(end.Add(-span)) || !d.Before(end) {
			t.Errorf("%s %s is not in [%s, %s)", what, d, end.Add(-span), end)
		}
	}
	for kind, created := range got.created {
		for i, c := range created {
			in(kind+" created", c)
			in(kind+" modified", got.modified[kind][i])
			if got.modified[kind][i].Before(c) {
				t.Errorf("%s #%d modified %s before it was created %s", kind, i, got.modified[kind][i], c)
			}
			if i > 0 && c.Sub(created[i-1]) < time.Second {
				t.Errorf("%s #%d created %s, not a second after #%d (%s)", kind, i, c, i-1, created[i-1])
			}
		}
		if newest := created[len(created)-1]; end.Sub(newest) > 24*time.Hour {
			t.Errorf("the newest of the %s was created %s before the end", kind, end.Sub(newest))
		}
	}
	for _, d := range got.shipped {
		in("shipment or transaction", d)
	}
}

// TestSeedDatesAreRecent: without Seed.Start, the dates fall in the 30 days
// before the store's clock, the newest within the last day (so "modified in
// the last day" finds orders), creation dates one per second at least and
// growing with the ids, few modification dates shared by accident; and the
// same clock gives the same dates, a later clock the same dates later.
func TestSeedDatesAreRecent(t *testing.T) {
	now := time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
	opts := Seed{Seed: 5, Customers: 300, Products: 200, Orders: 400, Locations: 5}
	store := New(Config{Now: func() time.Time { return now }})
	store.Seed(opts)
	got := datesOf(store)
	checkSeedDates(t, got, now, 30*24*time.Hour)

	recent := 0
	perSecond := map[time.Time]int{}
	for _, m := range got.modified["orders"] {
		if now.Sub(m) <= 24*time.Hour {
			recent++
		}
		perSecond[m]++
	}
	// A fifth of the creations, and more modifications, are in the last day.
	if recent < opts.Orders/5 {
		t.Errorf("%d of %d orders modified in the last day, want at least a fifth", recent, opts.Orders)
	}
	for sec, n := range perSecond {
		if n > 2 {
			t.Errorf("%d orders share date_modified %s", n, sec)
		}
	}

	// The same clock gives the same dates; an hour later, every date is an
	// hour later.
	again := New(Config{Now: func() time.Time { return now }})
	again.Seed(opts)
	later := New(Config{Now: func() time.Time { return now.Add(time.Hour) }})
	later.Seed(opts)
	same, shifted := datesOf(again), datesOf(later)
	for kind, created := range got.created {
		for i, c := range created {
			if !same.created[kind][i].Equal(c) || !same.modified[kind][i].Equal(got.modified[kind][i]) {
				t.Fatalf("%s #%d: the same clock gave other dates", kind, i)
			}
			if !shifted.created[kind][i].Equal(c.Add(time.Hour)) || !shifted.modified[kind][i].Equal(got.modified[kind][i].Add(time.Hour)) {
				t.Fatalf("%s #%d: an hour later, created %s and modified %s, want %s and %s", kind, i,
					shifted.created[kind][i], shifted.modified[kind][i], c.Add(time.Hour), got.modified[kind][i].Add(time.Hour))
			}
		}
	}
}

// TestSeedStart: an explicit Start keeps the dates in the year before it,
// whatever the store's clock.
func TestSeedStart(t *testing.T) {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	opts := Seed{Seed: 9, Customers: 100, Products: 100, Orders: 200, Locations: 3, Start: start}
	a := New(Config{Now: func() time.Time { return time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) }})
	a.Seed(opts)
	b := New(Config{Now: func() time.Time { return time.Date(2030, 6, 1, 0, 0, 0, 0, time.UTC) }})
	b.Seed(opts)
	got, other := datesOf(a), datesOf(b)
	checkSeedDates(t, got, start, 365*24*time.Hour)
	for kind, created := range got.created {
		for i, c := range created {
			if !other.created[kind][i].Equal(c) || !other.modified[kind][i].Equal(got.modified[kind][i]) {
				t.Fatalf("%s #%d: another clock gave other dates for the same Start", kind, i)
			}
		}
	}
}

// TestSeedManyRecordsInOneMonth: more records than fit comfortably in a
// month near its end still get a second each, all before the clock.
func TestSeedManyRecordsInOneMonth(t *testing.T) {
	now := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)
	store := New(Config{Now: func() time.Time { return now }})
	store.Seed(Seed{Seed: 1, Customers: 20_000})
	checkSeedDates(t, datesOf(store), now, 30*24*time.Hour)
}
