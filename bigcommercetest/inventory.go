package bigcommercetest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// location is an inventory location (LocationResponse).
type location struct {
	ID                      int             `json:"id"`
	Code                    string          `json:"code"`
	Label                   string          `json:"label"`
	Description             string          `json:"description"`
	ManagedByExternalSource bool            `json:"managed_by_external_source"`
	TypeID                  string          `json:"type_id"`
	Enabled                 bool            `json:"enabled"`
	OperatingHours          operatingHours  `json:"operating_hours"`
	TimeZone                string          `json:"time_zone"`
	CreatedAt               time.Time       `json:"created_at"`
	UpdatedAt               time.Time       `json:"updated_at"`
	Address                 locationAddress `json:"address"`
	StorefrontVisibility    bool            `json:"storefront_visibility"`
	SpecialHours            []specialHours  `json:"special_hours"`

	isDefault bool
}

type dayHours struct {
	Open    bool   `json:"open"`
	Opening string `json:"opening"`
	Closing string `json:"closing"`
}

type operatingHours struct {
	Sunday    dayHours `json:"sunday"`
	Monday    dayHours `json:"monday"`
	Tuesday   dayHours `json:"tuesday"`
	Wednesday dayHours `json:"wednesday"`
	Thursday  dayHours `json:"thursday"`
	Friday    dayHours `json:"friday"`
	Saturday  dayHours `json:"saturday"`
}

type geoCoordinates struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

type locationAddress struct {
	Address1       string         `json:"address1"`
	Address2       string         `json:"address2"`
	City           string         `json:"city"`
	State          string         `json:"state"`
	Zip            string         `json:"zip"`
	Email          string         `json:"email"`
	Phone          string         `json:"phone"`
	GeoCoordinates geoCoordinates `json:"geo_coordinates"`
	CountryCode    string         `json:"country_code"`
}

type specialHours struct {
	Label   string `json:"label"`
	Date    string `json:"date"`
	Open    bool   `json:"open"`
	Opening string `json:"opening"`
	Closing string `json:"closing"`
	AllDay  bool   `json:"all_day"`
	Annual  bool   `json:"annual"`
}

// weekdayHours are the default opening hours: 9 to 17 on weekdays.
func weekdayHours() operatingHours {
	open := dayHours{Open: true, Opening: "09:00", Closing: "17:00"}
	closed := dayHours{Open: false, Opening: "00:00", Closing: "00:00"}
	return operatingHours{closed, open, open, open, open, open, closed}
}

// defaultLocation is location 1, which always exists.
func defaultLocation(created time.Time) *location {
	return &location{
		ID: 1, Code: "BC-LOCATION-1", Label: "Default location", Description: "The store's default location",
		TypeID: "PHYSICAL", Enabled: true, OperatingHours: weekdayHours(), TimeZone: "Etc/UTC",
		CreatedAt: created, UpdatedAt: created, StorefrontVisibility: true, SpecialHours: []specialHours{},
		Address: locationAddress{Address1: "11305 Four Points Dr", City: "Austin", State: "TX", Zip: "78726",
			Email: "warehouse@example.com", Phone: "512-555-0100", CountryCode: "US",
			GeoCoordinates: geoCoordinates{Latitude: 30.4, Longitude: -97.85}},
		isDefault: true,
	}
}

// addLocation indexes a location (assigning an id when it has none).
func (d *data) addLocation(l *location) {
	if l.ID == 0 {
		l.ID = d.nextLocation
	}
	if l.ID >= d.nextLocation {
		d.nextLocation = l.ID + 1
	}
	d.locations[l.ID] = l
	d.locationIDs = insertSorted(d.locationIDs, l.ID)
}

// newTransactionID returns a fresh uuid-shaped transaction id.
func (s *Store) newTransactionID() string {
	s.ctl.Lock()
	s.txCounter++
	n := s.txCounter
	s.ctl.Unlock()
	return fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", uint32(n*2654435761), uint16(n>>16), n&0xfff, (n>>12)&0xfff, n)
}

// transactionResponse is SimpleTransactionResponse.
type transactionResponse struct {
	TransactionID string `json:"transaction_id"`
}

// adjustmentItem is one item of an inventory adjustment.
type adjustmentItem struct {
	LocationID *int    `json:"location_id"`
	Quantity   *int    `json:"quantity"`
	ProductID  *int    `json:"product_id"`
	VariantID  *int    `json:"variant_id"`
	SKU        *string `json:"sku"`
}

// adjustmentRequest is the body of both adjustment endpoints.
type adjustmentRequest struct {
	Reason string            `json:"reason"`
	Items  *[]adjustmentItem `json:"items"`
}

// identity names an inventory item in requests: one of the three keys.
type identity struct {
	ProductID *int    `json:"product_id"`
	VariantID *int    `json:"variant_id"`
	SKU       *string `json:"sku"`
}

// resolve returns the variant id holding the stock of an identity, or an
// error message in the API's words.
func (d *data) resolve(id identity) (int, string) {
	n := 0
	for _, set := range []bool{id.ProductID != nil, id.VariantID != nil, id.SKU != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return 0, "exactly one of product_id, variant_id or sku is required"
	}
	switch {
	case id.ProductID != nil:
		p := d.products[*id.ProductID]
		if p == nil {
			return 0, "product_id " + itoa(*id.ProductID) + " does not exist"
		}
		if p.InventoryTracking == "variant" {
			return 0, "[Item with product_id " + itoa(p.ID) + " is tracked by variant, please update stock by variant id or sku]"
		}
		b := d.baseVariant(p)
		if b == nil {
			return 0, "product_id " + itoa(p.ID) + " has no inventory item"
		}
		return b.ID, ""
	case id.VariantID != nil:
		v := d.variants[*id.VariantID]
		if v == nil {
			return 0, "variant_id " + itoa(*id.VariantID) + " does not exist"
		}
		if p := d.products[v.ProductID]; p != nil && p.InventoryTracking != "variant" {
			return 0, "[Item with variant_id " + itoa(v.ID) + " is tracked by product, please update stock by product id]"
		}
		return v.ID, ""
	default:
		vid, ok := d.lookupSKU(*id.SKU)
		if !ok {
			return 0, "sku " + *id.SKU + " does not exist"
		}
		return vid, ""
	}
}

// adjust serves both adjustment endpoints. Every item is validated first;
// any invalid item (or, for relative adjustments, any stock that would go
// below zero) rejects the whole request with 422.
func (c *call) adjust(relative bool) {
	if f := c.filters(); f.failed {
		return
	}
	var req adjustmentRequest
	if !c.decodeObject(&req) {
		return
	}
	if req.Items == nil || len(*req.Items) == 0 {
		c.v3err(http.StatusUnprocessableEntity, "Payload contains invalid fields", map[string]string{"items": "items is required and must not be empty"})
		return
	}
	items := *req.Items
	if len(items) > 2000 {
		c.v3err(http.StatusRequestEntityTooLarge, tooManyItems(2000), map[string]string{"items": "must contain at most 2000 items"})
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	errs := map[string]string{}
	var firstMsg string
	type change struct{ variant, location, qty int }
	changes := make([]change, 0, len(items))
	for i, it := range items {
		p := "items." + itoa(i) + "."
		bad := func(key, msg string) {
			errs[p+key] = msg
			if firstMsg == "" {
				firstMsg = msg
			}
		}
		if it.LocationID == nil {
			bad("location_id", "location_id is required")
		} else if d.locations[*it.LocationID] == nil {
			bad("location_id", "location_id "+itoa(*it.LocationID)+" does not exist")
		}
		if it.Quantity == nil {
			bad("quantity", "quantity is required")
		} else if !relative && *it.Quantity < 0 {
			bad("quantity", "quantity must be 0 or greater for an absolute adjustment")
		}
		vid, msg := d.resolve(identity{ProductID: it.ProductID, VariantID: it.VariantID, SKU: it.SKU})
		if msg != "" {
			bad("identity", msg)
		}
		if len(errs) == 0 {
			changes = append(changes, change{vid, *it.LocationID, *it.Quantity})
		}
	}
	if len(errs) > 0 {
		title := firstMsg
		if len(errs) > 1 {
			title = "Payload contains invalid fields"
		}
		c.v3err(http.StatusUnprocessableEntity, title, errs)
		return
	}
	final := map[stockKey]int{}
	for _, ch := range changes {
		k := stockKey{ch.variant, ch.location}
		cur, seen := final[k]
		if !seen {
			cur = d.stockOf(ch.variant, ch.location).onHand
		}
		if relative {
			cur += ch.qty
		} else {
			cur = ch.qty
		}
		final[k] = cur
	}
	if relative {
		for i, ch := range changes {
			k := stockKey{ch.variant, ch.location}
			if final[k] < 0 {
				v := d.variants[ch.variant]
				c.v3err(http.StatusUnprocessableEntity,
					"Items with identity: [sku "+v.SKU+"] cannot be adjusted below zero at location "+itoa(ch.location),
					map[string]string{"items." + itoa(i) + ".quantity": "the adjustment would take the stock below zero"})
				return
			}
		}
	}
	for k, qty := range final {
		d.stockRef(k.variant, k.location).onHand = clampLevel(qty)
	}
	c.json(http.StatusOK, transactionResponse{TransactionID: c.s.newTransactionID()})
}

// adjustAbsolute serves PUT /v3/inventory/adjustments/absolute.
func (c *call) adjustAbsolute() { c.adjust(false) }

// adjustRelative serves POST /v3/inventory/adjustments/relative.
func (c *call) adjustRelative() { c.adjust(true) }

// itemIdentity is the identity of an inventory item in responses.
type itemIdentity struct {
	SKU       string `json:"sku"`
	VariantID int    `json:"variant_id"`
	ProductID int    `json:"product_id"`
	SKUID     *int   `json:"sku_id,omitempty"`
}

// itemSettings are per-location inventory settings.
type itemSettings struct {
	SafetyStock      int    `json:"safety_stock"`
	IsInStock        bool   `json:"is_in_stock"`
	WarningLevel     int    `json:"warning_level"`
	BinPickingNumber string `json:"bin_picking_number"`
}

// itemLocation is one location of an inventory item (ItemResponse).
type itemLocation struct {
	LocationID           int          `json:"location_id"`
	LocationCode         string       `json:"location_code"`
	LocationName         string       `json:"location_name"`
	AvailableToSell      int          `json:"available_to_sell"`
	TotalInventoryOnhand int          `json:"total_inventory_onhand"`
	LocationEnabled      bool         `json:"location_enabled"`
	Settings             itemSettings `json:"settings"`
}

// inventoryItem is ItemResponse.
type inventoryItem struct {
	Identity  itemIdentity   `json:"identity"`
	Locations []itemLocation `json:"locations"`
}

// locationItem is LocationItemsResponse.
type locationItem struct {
	Identity             itemIdentity `json:"identity"`
	AvailableToSell      int          `json:"available_to_sell"`
	TotalInventoryOnhand int          `json:"total_inventory_onhand"`
	Settings             itemSettings `json:"settings"`
}

func availableToSell(r stockRecord) int {
	if !r.inStock {
		return 0
	}
	return max(r.onHand-r.safety, 0)
}

func settingsOf(r stockRecord) itemSettings {
	return itemSettings{SafetyStock: r.safety, IsInStock: r.inStock, WarningLevel: r.warning, BinPickingNumber: r.binPicking}
}

func identityOf(v *variant) itemIdentity {
	return itemIdentity{SKU: v.SKU, VariantID: v.ID, ProductID: v.ProductID, SKUID: v.SKUID}
}

// itemFilter reads sku:in, variant_id:in and product_id:in.
func (f *filters) itemFilter() func(*variant) bool {
	skus := f.lowerSet("sku:in")
	vids := f.intSet("variant_id:in")
	pids := f.intSet("product_id:in")
	return func(v *variant) bool {
		return (skus == nil || skus[strings.ToLower(v.SKU)]) && (vids == nil || vids[v.ID]) && (pids == nil || pids[v.ProductID])
	}
}

// listInventoryItems serves GET /v3/inventory/items.
func (c *call) listInventoryItems() {
	f := c.filters("sku:in", "variant_id:in", "product_id:in", "location_id:in", "location_code:in", "page", "limit")
	page, limit := f.paging(1000)
	match := f.itemFilter()
	locIDs := f.intSet("location_id:in")
	locCodes := f.lowerSet("location_code:in")
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	d := c.s.db
	var locs []*location
	for _, id := range d.locationIDs {
		l := d.locations[id]
		if (locIDs == nil || locIDs[id]) && (locCodes == nil || locCodes[strings.ToLower(l.Code)]) {
			locs = append(locs, l)
		}
	}
	var list []*variant
	for _, vid := range d.variantIDs {
		if v := d.variants[vid]; match(v) {
			list = append(list, v)
		}
	}
	items, pg := pageOf(list, page, limit)
	out := make([]inventoryItem, 0, len(items))
	for _, v := range items {
		it := inventoryItem{Identity: identityOf(v), Locations: make([]itemLocation, 0, len(locs))}
		for _, l := range locs {
			r := d.stockOf(v.ID, l.ID)
			it.Locations = append(it.Locations, itemLocation{
				LocationID: l.ID, LocationCode: l.Code, LocationName: l.Label, AvailableToSell: availableToSell(r),
				TotalInventoryOnhand: r.onHand, LocationEnabled: l.Enabled, Settings: settingsOf(r),
			})
		}
		out = append(out, it)
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: listMeta{Pagination: pg}})
}

// listLocationItems serves GET /v3/inventory/locations/{id}/items.
func (c *call) listLocationItems() {
	f := c.filters("sku:in", "variant_id:in", "product_id:in", "page", "limit")
	page, limit := f.paging(1000)
	match := f.itemFilter()
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	d := c.s.db
	l := d.locations[c.params[0]]
	if l == nil {
		c.v3err(http.StatusNotFound, "Location "+itoa(c.params[0])+" was not found.", nil)
		return
	}
	var list []*variant
	for _, vid := range d.variantIDs {
		if v := d.variants[vid]; match(v) {
			list = append(list, v)
		}
	}
	items, pg := pageOf(list, page, limit)
	out := make([]locationItem, 0, len(items))
	for _, v := range items {
		r := d.stockOf(v.ID, l.ID)
		out = append(out, locationItem{Identity: identityOf(v), AvailableToSell: availableToSell(r),
			TotalInventoryOnhand: r.onHand, Settings: settingsOf(r)})
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: listMeta{Pagination: pg}})
}

// locationSetting is one item of PUT /v3/inventory/locations/{id}/items.
type locationSetting struct {
	Identity         *identity `json:"identity"`
	SafetyStock      *int      `json:"safety_stock"`
	IsInStock        *bool     `json:"is_in_stock"`
	WarningLevel     *int      `json:"warning_level"`
	BinPickingNumber *string   `json:"bin_picking_number"`
}

// updateLocationItems serves PUT /v3/inventory/locations/{id}/items.
func (c *call) updateLocationItems() {
	if f := c.filters(); f.failed {
		return
	}
	var req struct {
		Settings *[]locationSetting `json:"settings"`
	}
	if !c.decodeObject(&req) {
		return
	}
	if req.Settings == nil || len(*req.Settings) == 0 {
		c.v3err(http.StatusUnprocessableEntity, "Payload contains invalid fields", map[string]string{"settings": "settings is required and must not be empty"})
		return
	}
	settings := *req.Settings
	if len(settings) > 2000 {
		c.v3err(http.StatusRequestEntityTooLarge, tooManyItems(2000), nil)
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	if d.locations[c.params[0]] == nil {
		c.v3err(http.StatusNotFound, "Location "+itoa(c.params[0])+" was not found.", nil)
		return
	}
	errs := map[string]string{}
	vids := make([]int, len(settings))
	for i, st := range settings {
		p := "setting." + itoa(i) + "."
		if st.SafetyStock == nil && st.IsInStock == nil && st.WarningLevel == nil && st.BinPickingNumber == nil {
			errs[p+"settings"] = "At least one setting must be specified: warning_level, is_in_stock or safety_stock"
		}
		if st.SafetyStock != nil && *st.SafetyStock < 0 {
			errs[p+"safety_stock"] = "safety_stock must be 0 or greater"
		}
		if st.Identity == nil {
			errs[p+"identity"] = "identity is required"
			continue
		}
		vid, msg := d.resolveAny(*st.Identity)
		if msg != "" {
			errs[p+"identity"] = msg
		}
		vids[i] = vid
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "Payload contains invalid fields", errs)
		return
	}
	for i, st := range settings {
		r := d.stockRef(vids[i], c.params[0])
		set(&r.safety, st.SafetyStock)
		set(&r.inStock, st.IsInStock)
		set(&r.warning, st.WarningLevel)
		set(&r.binPicking, st.BinPickingNumber)
	}
	c.json(http.StatusOK, transactionResponse{TransactionID: c.s.newTransactionID()})
}

// resolveAny resolves an identity without the tracking-mode check.
func (d *data) resolveAny(id identity) (int, string) {
	if id.VariantID != nil && id.ProductID == nil && id.SKU == nil {
		if d.variants[*id.VariantID] == nil {
			return 0, "variant_id " + itoa(*id.VariantID) + " does not exist"
		}
		return *id.VariantID, ""
	}
	if id.ProductID != nil && id.VariantID == nil && id.SKU == nil {
		p := d.products[*id.ProductID]
		if p == nil || d.baseVariant(p) == nil {
			return 0, "product_id " + itoa(*id.ProductID) + " does not exist"
		}
		return d.baseVariant(p).ID, ""
	}
	return d.resolve(id)
}

// listLocations serves GET /v3/inventory/locations.
func (c *call) listLocations() {
	f := c.filters("location_id:in", "location_code:in", "is_default", "type_id:in",
		"managed_by_external_source", "is_active", "storefront_visibility", "page", "limit")
	page, limit := f.paging(1000)
	ids := f.intSet("location_id:in")
	codes := f.lowerSet("location_code:in")
	isDefault, hasDefault := f.bool("is_default")
	types := f.lowerSet("type_id:in")
	external, hasExternal := f.bool("managed_by_external_source")
	active, hasActive := f.bool("is_active")
	visible, hasVisible := f.bool("storefront_visibility")
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	d := c.s.db
	var list []*location
	for _, id := range d.locationIDs {
		l := d.locations[id]
		switch {
		case ids != nil && !ids[id], codes != nil && !codes[strings.ToLower(l.Code)],
			hasDefault && l.isDefault != isDefault, types != nil && !types[strings.ToLower(l.TypeID)],
			hasExternal && l.ManagedByExternalSource != external, hasActive && l.Enabled != active,
			hasVisible && l.StorefrontVisibility != visible:
			continue
		}
		list = append(list, l)
	}
	items, pg := pageOf(list, page, limit)
	c.json(http.StatusOK, listEnvelope{Data: items, Meta: listMeta{Pagination: pg}})
}

// validateLocation checks a location's values.
func validateLocation(l *location, p string, errs map[string]string) {
	if strings.TrimSpace(l.Label) == "" {
		errs[p+"label"] = "label is required"
	}
	if strings.TrimSpace(l.Code) == "" {
		errs[p+"code"] = "code is required"
	}
	if l.TypeID != "PHYSICAL" && l.TypeID != "VIRTUAL" {
		errs[p+"type_id"] = "type_id must be PHYSICAL or VIRTUAL"
	}
}

// activeLocations counts enabled locations.
func (d *data) activeLocations() int {
	n := 0
	for _, l := range d.locations {
		if l.Enabled {
			n++
		}
	}
	return n
}

// codeTaken reports whether another location uses the code.
func (d *data) codeTaken(code string, self int) bool {
	for _, l := range d.locations {
		if l.ID != self && strings.EqualFold(l.Code, code) {
			return true
		}
	}
	return false
}

// createLocations serves POST /v3/inventory/locations.
func (c *call) createLocations() {
	if f := c.filters(); f.failed {
		return
	}
	raws, ok := c.decodeArray(100, tooManyItems)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	now := c.s.now()
	errs := map[string]string{}
	var news []*location
	codes := map[string]bool{}
	active := d.activeLocations()
	for i, raw := range raws {
		p := itoa(i) + "."
		l := &location{Enabled: true, StorefrontVisibility: true, TimeZone: "Etc/UTC", OperatingHours: weekdayHours(), SpecialHours: []specialHours{}}
		if err := json.Unmarshal(raw, l); err != nil {
			errs[p+"body"] = jsonProblem(err)
			continue
		}
		l.ID, l.isDefault, l.CreatedAt, l.UpdatedAt = 0, false, now, now
		validateLocation(l, p, errs)
		if d.codeTaken(l.Code, 0) || codes[strings.ToLower(l.Code)] {
			errs[p+"code"] = "The location code " + l.Code + " is already in use"
		}
		codes[strings.ToLower(l.Code)] = true
		if l.Enabled {
			active++
		}
		if l.SpecialHours == nil {
			l.SpecialHours = []specialHours{}
		}
		news = append(news, l)
	}
	if active > 100 {
		errs["locations"] = "A store can have at most 100 active locations"
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "Locations were not valid.", errs)
		return
	}
	for _, l := range news {
		d.addLocation(l)
	}
	c.json(http.StatusOK, transactionResponse{TransactionID: c.s.newTransactionID()})
}

// updateLocations serves PUT /v3/inventory/locations.
func (c *call) updateLocations() {
	if f := c.filters(); f.failed {
		return
	}
	raws, ok := c.decodeArray(100, tooManyItems)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	now := c.s.now()
	errs := map[string]string{}
	type pending struct{ cur, next *location }
	var todo []pending
	for i, raw := range raws {
		p := itoa(i) + "."
		var head struct {
			ID *int `json:"id"`
		}
		if err := json.Unmarshal(raw, &head); err != nil || head.ID == nil {
			errs[p+"id"] = "id is required"
			continue
		}
		cur := d.locations[*head.ID]
		if cur == nil {
			errs[p+"id"] = "Location " + itoa(*head.ID) + " does not exist"
			continue
		}
		next := *cur
		if err := json.Unmarshal(raw, &next); err != nil {
			errs[p+"body"] = jsonProblem(err)
			continue
		}
		next.ID, next.isDefault, next.CreatedAt, next.UpdatedAt = cur.ID, cur.isDefault, cur.CreatedAt, now
		validateLocation(&next, p, errs)
		if d.codeTaken(next.Code, cur.ID) {
			errs[p+"code"] = "The location code " + next.Code + " is already in use"
		}
		if next.isDefault && !next.Enabled {
			errs[p+"enabled"] = "The default location cannot be disabled"
		}
		todo = append(todo, pending{cur, &next})
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "Locations were not valid.", errs)
		return
	}
	for _, t := range todo {
		*t.cur = *t.next
	}
	c.json(http.StatusOK, transactionResponse{TransactionID: c.s.newTransactionID()})
}

// deleteLocations serves DELETE /v3/inventory/locations?location_id:in=...
func (c *call) deleteLocations() {
	f := c.filters("location_id:in")
	ids := f.ints("location_id:in")
	if f.failed {
		return
	}
	if ids == nil {
		c.v3err(http.StatusUnprocessableEntity, "location_id:in is required", map[string]string{"location_id:in": "is required"})
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	for _, id := range ids {
		l := d.locations[id]
		if l == nil {
			c.v3err(http.StatusNotFound, "Location "+itoa(id)+" was not found.", nil)
			return
		}
		if l.isDefault {
			c.v3err(http.StatusUnprocessableEntity, "The default location cannot be deleted.", map[string]string{"location_id:in": "contains the default location " + itoa(id)})
			return
		}
	}
	drop := map[int]bool{}
	for _, id := range ids {
		drop[id] = true
		delete(d.locations, id)
	}
	for k := range d.stock {
		if drop[k.location] {
			delete(d.stock, k)
		}
	}
	d.locationIDs = removeSorted(d.locationIDs, drop)
	c.json(http.StatusOK, transactionResponse{TransactionID: c.s.newTransactionID()})
}
