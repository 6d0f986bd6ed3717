package bigcommercetest

import (
	"slices"
	"strings"
	"time"
)

// data is the whole store state. It is guarded by Store.mu.
type data struct {
	customers   map[int]*customer
	customerIDs []int          // sorted
	emailIndex  map[string]int // lower-cased email -> customer id
	addresses   map[int]*address
	addressIDs  []int // sorted

	products        map[int]*product
	productIDs      []int          // sorted
	nameIndex       map[string]int // lower-cased product name -> product id
	variants        map[int]*variant
	variantIDs      []int          // sorted
	skuIndex        map[string]int // lower-cased SKU -> variant id (base variants carry the product SKU)
	productSKUIndex map[string]int // lower-cased product SKU -> product id
	stock           map[stockKey]*stockRecord
	optionIDSeq     int

	orders   map[int]*order
	orderIDs []int // sorted

	locations   map[int]*location
	locationIDs []int // sorted

	cov *coverage // customer groups, brands, category trees, price lists, channels, payment methods

	nextCustomer, nextAddress, nextProduct, nextVariant  int
	nextOrder, nextOrderProduct, nextOrderAddress        int
	nextShipment, nextTransaction, nextLocation, nextSKU int
}

// stockKey identifies the stock of one variant at one location.
type stockKey struct{ variant, location int }

// stockRecord is the inventory of one variant at one location.
type stockRecord struct {
	onHand     int
	safety     int
	inStock    bool
	warning    int
	binPicking string
}

func newData(created time.Time) *data {
	d := &data{
		customers:       map[int]*customer{},
		emailIndex:      map[string]int{},
		addresses:       map[int]*address{},
		products:        map[int]*product{},
		nameIndex:       map[string]int{},
		variants:        map[int]*variant{},
		skuIndex:        map[string]int{},
		productSKUIndex: map[string]int{},
		stock:           map[stockKey]*stockRecord{},
		orders:          map[int]*order{},
		locations:       map[int]*location{},

		nextCustomer: 1, nextAddress: 1, nextProduct: 1, nextVariant: 1,
		nextOrder: 100, nextOrderProduct: 1, nextOrderAddress: 1,
		nextShipment: 1, nextTransaction: 1, nextLocation: 1, nextSKU: 1,
	}
	d.addLocation(defaultLocation(created))
	d.cov = newCoverage(created)
	return d
}

// insertSorted adds id to a sorted slice (ids are usually increasing, so
// this is an append).
func insertSorted(ids []int, id int) []int {
	if n := len(ids); n == 0 || ids[n-1] < id {
		return append(ids, id)
	}
	i, found := slices.BinarySearch(ids, id)
	if found {
		return ids
	}
	return slices.Insert(ids, i, id)
}

// removeSorted removes the ids in drop from a sorted slice.
func removeSorted(ids []int, drop map[int]bool) []int {
	if len(drop) == 0 {
		return ids
	}
	return slices.DeleteFunc(ids, func(id int) bool { return drop[id] })
}

// stockOf returns the stock record of a variant at a location (a zero record
// when none was written).
func (d *data) stockOf(variantID, locationID int) stockRecord {
	if r := d.stock[stockKey{variantID, locationID}]; r != nil {
		return *r
	}
	return stockRecord{inStock: true}
}

// stockRef returns a writable stock record, creating it.
func (d *data) stockRef(variantID, locationID int) *stockRecord {
	k := stockKey{variantID, locationID}
	r := d.stock[k]
	if r == nil {
		r = &stockRecord{inStock: true}
		d.stock[k] = r
	}
	return r
}

// variantLevel is a variant's stock summed over all locations.
func (d *data) variantLevel(variantID int) int {
	total := 0
	for _, lid := range d.locationIDs {
		if r := d.stock[stockKey{variantID, lid}]; r != nil {
			total += r.onHand
		}
	}
	return total
}

// productLevel is a product's inventory_level: the stock of its variants
// (the base variant for products tracked by product) over all locations.
func (d *data) productLevel(p *product) int {
	total := 0
	for _, vid := range p.variantIDs {
		total += d.variantLevel(vid)
	}
	return total
}

// lookupSKU returns the variant id for a SKU.
func (d *data) lookupSKU(sku string) (int, bool) {
	id, ok := d.skuIndex[strings.ToLower(sku)]
	return id, ok
}
