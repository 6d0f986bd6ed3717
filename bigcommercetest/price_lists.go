package bigcommercetest

import (
	"encoding/json"
	"net/http"
	"strings"
	"time"
)

// priceList is a price list (PriceList).
type priceList struct {
	ID           int       `json:"id"`
	Name         string    `json:"name"`
	DateCreated  time.Time `json:"date_created"`
	DateModified time.Time `json:"date_modified"`
	Active       bool      `json:"active"`
}

// priceRecord is a price of one variant in one currency on a price list.
type priceRecord struct {
	seq              int
	PriceListID      int         `json:"price_list_id"`
	VariantID        int         `json:"variant_id"`
	ProductID        int         `json:"product_id"`
	SKU              string      `json:"sku,omitempty"`
	Currency         string      `json:"currency"`
	Price            *float64    `json:"price"`
	SalePrice        *float64    `json:"sale_price"`
	RetailPrice      *float64    `json:"retail_price"`
	MapPrice         *float64    `json:"map_price"`
	CalculatedPrice  float64     `json:"calculated_price"`
	DateCreated      time.Time   `json:"date_created"`
	DateModified     time.Time   `json:"date_modified"`
	BulkPricingTiers []priceTier `json:"bulk_pricing_tiers,omitempty"`
}

type priceTier struct {
	QuantityMin int     `json:"quantity_min"`
	QuantityMax int     `json:"quantity_max"`
	Type        string  `json:"type"`
	Amount      float64 `json:"amount"`
}

// priceAssignment ties a price list to a customer group and/or a channel.
type priceAssignment struct {
	ID              int `json:"id"`
	PriceListID     int `json:"price_list_id"`
	CustomerGroupID int `json:"customer_group_id"`
	ChannelID       int `json:"channel_id"`
}

// priceLists is the price-list state of the store.
type priceLists struct {
	lists       table[priceList]
	records     table[priceRecord] // keyed by seq, in write order
	assignments table[priceAssignment]
}

// seedPriceLists adds a "Wholesale" price list assigned to the Wholesale
// customer group (2) on channel 1.
func (cv *coverage) seedPriceLists(created time.Time) {
	cv.prices.lists.insert(&priceList{ID: 1, Name: "Wholesale", DateCreated: created, DateModified: created, Active: true})
	cv.prices.assignments.insert(&priceAssignment{ID: 1, PriceListID: 1, CustomerGroupID: 2, ChannelID: 1})
}

// listPriceLists serves GET /v3/pricelists.
func (c *call) listPriceLists() {
	f := c.filters("name", "date_created", "date_modified", "page", "limit", "before", "after", "id:in", "name:like",
		"date_created:max", "date_created:min", "date_modified:max", "date_modified:min")
	page, limit := f.paging(250)
	ids := f.intSet("id:in")
	name, like := f.str("name"), f.str("name:like")
	created, modified := f.v3Dates("date_created"), f.v3Dates("date_modified")
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	rows := c.s.db.cov.prices.lists.list(func(l *priceList) bool {
		return (ids == nil || ids[l.ID]) && (name == "" || l.Name == name) && likeMatch(l.Name, like) &&
			created.match(l.DateCreated) && modified.match(l.DateModified)
	})
	listByCursor(c, f, rows, func(l *priceList) int { return l.ID }, page, limit)
}

// priceListByID returns the price list of the first path parameter,
// answering 404 when there is none.
func (c *call) priceListByID() *priceList {
	l := c.s.db.cov.prices.lists.get(c.params[0])
	if l == nil {
		c.v3err(http.StatusNotFound, "The price list was not found.", nil)
	}
	return l
}

// getPriceList serves GET /v3/pricelists/{id}.
func (c *call) getPriceList() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if l := c.priceListByID(); l != nil {
		c.json(http.StatusOK, listEnvelope{Data: l, Meta: emptyMeta{}})
	}
}

// priceListWrite is the body of POST and PUT.
type priceListWrite struct {
	Name   *string `json:"name"`
	Active *bool   `json:"active"`
}

// createPriceList serves POST /v3/pricelists.
func (c *call) createPriceList() {
	var w priceListWrite
	if !c.decodeObject(&w) {
		return
	}
	if w.Name == nil || strings.TrimSpace(*w.Name) == "" {
		c.v3err(http.StatusUnprocessableEntity, "The price list was not valid.", map[string]string{"name": "name is required"})
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	now := c.s.now()
	l := &priceList{DateCreated: now}
	if !c.applyPriceList(l, w) {
		return
	}
	l.ID = c.s.db.cov.prices.lists.insert(l)
	c.json(http.StatusOK, listEnvelope{Data: l, Meta: emptyMeta{}})
}

// updatePriceList serves PUT /v3/pricelists/{id}.
func (c *call) updatePriceList() {
	var w priceListWrite
	if !c.decodeObject(&w) {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	l := c.priceListByID()
	if l == nil {
		return
	}
	next := *l
	if !c.applyPriceList(&next, w) {
		return
	}
	*l = next
	c.json(http.StatusOK, listEnvelope{Data: l, Meta: emptyMeta{}})
}

func (c *call) applyPriceList(l *priceList, w priceListWrite) bool {
	if w.Name != nil {
		name := strings.TrimSpace(*w.Name)
		for _, other := range c.s.db.cov.prices.lists.list(nil) {
			if other.ID != l.ID && strings.EqualFold(other.Name, name) {
				c.v3err(http.StatusConflict, "A price list with this name already exists.", map[string]string{"name": "must be unique"})
				return false
			}
		}
		l.Name = name
	}
	set(&l.Active, w.Active)
	l.DateModified = c.s.now()
	return true
}

// deletePriceList serves DELETE /v3/pricelists/{id}.
func (c *call) deletePriceList() {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	if l := c.priceListByID(); l != nil {
		c.s.db.cov.dropPriceLists(map[int]bool{l.ID: true})
		c.noContent()
	}
}

// deletePriceLists serves DELETE /v3/pricelists?id:in=...&name=... . As on
// the real API, the filters are optional: without them every price list
// is deleted.
func (c *call) deletePriceLists() {
	f := c.filters("id:in", "name")
	ids, name := f.intSet("id:in"), f.str("name")
	if f.failed {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	drop := map[int]bool{}
	for _, l := range c.s.db.cov.prices.lists.list(nil) {
		if (ids == nil || ids[l.ID]) && (name == "" || l.Name == name) {
			drop[l.ID] = true
		}
	}
	c.s.db.cov.dropPriceLists(drop)
	c.noContent()
}

// dropPriceLists deletes price lists with their records and assignments.
func (cv *coverage) dropPriceLists(drop map[int]bool) {
	cv.prices.lists.remove(drop)
	recs, asg := map[int]bool{}, map[int]bool{}
	for _, r := range cv.prices.records.list(nil) {
		if drop[r.PriceListID] {
			recs[r.seq] = true
		}
	}
	for _, a := range cv.prices.assignments.list(nil) {
		if drop[a.PriceListID] {
			asg[a.ID] = true
		}
	}
	cv.prices.records.remove(recs)
	cv.prices.assignments.remove(asg)
}

// listPriceRecords serves GET /v3/pricelists/{id}/records.
func (c *call) listPriceRecords() {
	f := c.filters("variant_id:in", "product_id:in", "currency", "currency:in", "sku", "sku:in", "price", "price:min", "price:max",
		"sale_price:min", "sale_price:max", "date_modified:min", "date_modified:max", "include", "page", "limit", "before", "after")
	page, limit := f.paging(250)
	variants, products := f.intSet("variant_id:in"), f.intSet("product_id:in")
	currency := strings.ToLower(f.str("currency"))
	currencies := f.lowerSet("currency:in")
	sku, skus := strings.ToLower(f.str("sku")), f.lowerSet("sku:in")
	price, hasPrice := f.float("price")
	pmin, hasMin := f.float("price:min")
	pmax, hasMax := f.float("price:max")
	smin, hasSmin := f.float("sale_price:min")
	smax, hasSmax := f.float("sale_price:max")
	modified := f.v3Dates("date_modified")
	inc := f.includes([]string{"bulk_pricing_tiers", "sku"})
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if c.priceListByID() == nil {
		return
	}
	val := func(p *float64) float64 {
		if p == nil {
			return 0
		}
		return *p
	}
	rows := c.s.db.cov.prices.records.list(func(r *priceRecord) bool {
		p, s := val(r.Price), val(r.SalePrice)
		return r.PriceListID == c.params[0] && (variants == nil || variants[r.VariantID]) && (products == nil || products[r.ProductID]) &&
			(currency == "" || r.Currency == currency) && (currencies == nil || currencies[r.Currency]) &&
			(sku == "" || strings.ToLower(r.SKU) == sku) && (skus == nil || skus[strings.ToLower(r.SKU)]) &&
			(!hasPrice || p == price) && (!hasMin || p >= pmin) && (!hasMax || p <= pmax) &&
			(!hasSmin || s >= smin) && (!hasSmax || s <= smax) && modified.match(r.DateModified)
	})
	views := make([]*priceRecord, len(rows))
	for i, r := range rows {
		v := *r
		if !inc["sku"] {
			v.SKU = ""
		}
		if !inc["bulk_pricing_tiers"] {
			v.BulkPricingTiers = nil
		} else if v.BulkPricingTiers == nil {
			v.BulkPricingTiers = []priceTier{}
		}
		views[i] = &v
	}
	listByCursor(c, f, views, func(r *priceRecord) int { return r.seq }, page, limit)
}

// priceRecordWrite is one item of PUT /v3/pricelists/{id}/records.
type priceRecordWrite struct {
	VariantID        int          `json:"variant_id"`
	SKU              string       `json:"sku"`
	Currency         string       `json:"currency"`
	Price            *float64     `json:"price"`
	SalePrice        *float64     `json:"sale_price"`
	RetailPrice      *float64     `json:"retail_price"`
	MapPrice         *float64     `json:"map_price"`
	BulkPricingTiers *[]priceTier `json:"bulk_pricing_tiers"`
}

// priceBatchError is one entry of the price records' 422 batch_errors.
type priceBatchError struct {
	Data        map[string]any    `json:"data"`
	FieldErrors map[string]string `json:"field_errors"`
}

// upsertPriceRecords serves PUT /v3/pricelists/{id}/records: at most 1,000
// records (413 above), all or nothing, 422 with batch_errors naming each
// bad record by its identity.
func (c *call) upsertPriceRecords() {
	writes, errs, ok := decodeWrites[priceRecordWrite](c, 1000, tooManyItems)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	if c.priceListByID() == nil {
		return
	}
	d := c.s.db
	var bad []priceBatchError
	variants := make([]*variant, len(writes))
	for i, w := range writes {
		fe := map[string]string{}
		if msg := errs[itoa(i)]; msg != "" {
			fe["item"] = msg
		}
		if id, ok := d.lookupSKU(w.SKU); w.VariantID == 0 && ok {
			w.VariantID = id
		}
		variants[i] = d.variants[w.VariantID]
		switch {
		case variants[i] == nil:
			fe["variant_id"] = "variant not found"
		case len(w.Currency) != 3:
			fe["currency"] = "must be an ISO 4217 code"
		case w.Price == nil:
			fe["price"] = "price is required"
		case *w.Price < 0:
			fe["price"] = "must not be negative"
		}
		if len(fe) > 0 {
			bad = append(bad, priceBatchError{Data: map[string]any{"price_list_id": c.params[0], "variant_id": w.VariantID, "sku": w.SKU, "currency": strings.ToLower(w.Currency)}, FieldErrors: fe})
		}
	}
	if len(bad) > 0 {
		c.json(http.StatusUnprocessableEntity, map[string]any{"batch_errors": bad})
		return
	}
	now := c.s.now()
	recs := &c.s.db.cov.prices.records
	// The list's records by variant and currency, read once: looking each
	// write up in the whole table made a large upsert quadratic.
	type recordKey struct {
		variant  int
		currency string
	}
	existing := map[recordKey]*priceRecord{}
	for _, old := range recs.list(nil) {
		if old.PriceListID == c.params[0] {
			existing[recordKey{old.VariantID, old.Currency}] = old
		}
	}
	for i, w := range writes {
		v, cur := variants[i], strings.ToLower(w.Currency)
		r := existing[recordKey{v.ID, cur}]
		if r == nil {
			r = &priceRecord{PriceListID: c.params[0], VariantID: v.ID, ProductID: v.ProductID, Currency: cur, DateCreated: now}
			r.seq = recs.insert(r)
			existing[recordKey{v.ID, cur}] = r
		}
		r.SKU = v.SKU
		r.Price, r.SalePrice, r.RetailPrice, r.MapPrice = w.Price, w.SalePrice, w.RetailPrice, w.MapPrice
		r.CalculatedPrice = *w.Price
		if w.SalePrice != nil && *w.SalePrice > 0 && *w.SalePrice < *w.Price {
			r.CalculatedPrice = *w.SalePrice
		}
		if w.BulkPricingTiers != nil {
			r.BulkPricingTiers = *w.BulkPricingTiers
		}
		r.DateModified = now
	}
	c.json(http.StatusOK, map[string]any{"data": map[string]any{}, "meta": map[string]any{}})
}

// deletePriceRecords serves DELETE /v3/pricelists/{id}/records. As on the
// real API the filters are optional: without them every record of the
// list is deleted.
func (c *call) deletePriceRecords() {
	f := c.filters("currency", "variant_id:in", "sku:in")
	currency := strings.ToLower(f.str("currency"))
	variants, skus := f.intSet("variant_id:in"), f.lowerSet("sku:in")
	if f.failed {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	if c.priceListByID() == nil {
		return
	}
	drop := map[int]bool{}
	for _, r := range c.s.db.cov.prices.records.list(nil) {
		if r.PriceListID == c.params[0] && (currency == "" || r.Currency == currency) &&
			(variants == nil || variants[r.VariantID]) && (skus == nil || skus[strings.ToLower(r.SKU)]) {
			drop[r.seq] = true
		}
	}
	c.s.db.cov.prices.records.remove(drop)
	c.noContent()
}

// listPriceAssignments serves GET /v3/pricelists/assignments.
func (c *call) listPriceAssignments() {
	f := c.filters("id", "price_list_id", "customer_group_id", "channel_id", "id:in", "customer_group_id:in", "price_list_id:in",
		"channel_id:in", "page", "limit", "before", "after")
	page, limit := f.paging(250)
	byID := intFilter(f, "id", func(a *priceAssignment) int { return a.ID })
	byList := intFilter(f, "price_list_id", func(a *priceAssignment) int { return a.PriceListID })
	byGroup := intFilter(f, "customer_group_id", func(a *priceAssignment) int { return a.CustomerGroupID })
	byChannel := intFilter(f, "channel_id", func(a *priceAssignment) int { return a.ChannelID })
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	rows := c.s.db.cov.prices.assignments.list(func(a *priceAssignment) bool {
		return byID(a) && byList(a) && byGroup(a) && byChannel(a)
	})
	listByCursor(c, f, rows, func(a *priceAssignment) int { return a.ID }, page, limit)
}

// createPriceAssignments serves POST /v3/pricelists/assignments: at most 25
// (413 above). Valid items are saved even when others fail; the 422 then
// says how many were saved in meta.saved_records, as the spec documents.
func (c *call) createPriceAssignments() {
	writes, errs, ok := decodeWrites[priceAssignment](c, 25, tooManyItems)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	cv := c.s.db.cov
	saved := 0
	for i, w := range writes {
		key := itoa(i)
		switch {
		case errs[key] != "":
			continue
		case cv.prices.lists.get(w.PriceListID) == nil:
			errs[key] = "price list " + itoa(w.PriceListID) + " does not exist"
			continue
		case w.CustomerGroupID != 0 && cv.groups.get(w.CustomerGroupID) == nil:
			errs[key] = "customer group " + itoa(w.CustomerGroupID) + " does not exist"
			continue
		case w.CustomerGroupID == 0 && w.ChannelID == 0:
			errs[key] = "customer_group_id or channel_id is required"
			continue
		}
		a := w
		a.ID = 0
		a.ID = cv.prices.assignments.insert(&a)
		saved++
	}
	if len(errs) > 0 {
		body, _ := json.Marshal(map[string]any{"status": 422, "title": "Some price list assignments were not saved.", "type": errorTypeURL,
			"errors": errs, "meta": map[string]int{"saved_records": saved}})
		c.resp.status = http.StatusUnprocessableEntity
		c.resp.header.Set("Content-Type", "application/json")
		c.resp.body = body
		return
	}
	c.noContent()
}

// deletePriceAssignments serves DELETE /v3/pricelists/assignments: at
// least one filter is required (422 without), as the spec says.
func (c *call) deletePriceAssignments() {
	f := c.filters("id", "price_list_id", "customer_group_id", "channel_id", "channel_id:in")
	if len(c.query) == 0 {
		c.v3err(http.StatusUnprocessableEntity, "You must use at least one query parameter.", map[string]string{"id": "a filter is required"})
		return
	}
	byID := intFilter(f, "id", func(a *priceAssignment) int { return a.ID })
	byList := intFilter(f, "price_list_id", func(a *priceAssignment) int { return a.PriceListID })
	byGroup := intFilter(f, "customer_group_id", func(a *priceAssignment) int { return a.CustomerGroupID })
	byChannel := intFilter(f, "channel_id", func(a *priceAssignment) int { return a.ChannelID })
	if f.failed {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	drop := map[int]bool{}
	for _, a := range c.s.db.cov.prices.assignments.list(nil) {
		if byID(a) && byList(a) && byGroup(a) && byChannel(a) {
			drop[a.ID] = true
		}
	}
	c.s.db.cov.prices.assignments.remove(drop)
	c.noContent()
}
