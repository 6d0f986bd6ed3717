package bigcommercetest

import (
	"cmp"
	"encoding/base64"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// customer is a V3 customer (customer_Full without sub-resources).
type customer struct {
	ID                                      int          `json:"id"`
	Email                                   string       `json:"email"`
	FirstName                               string       `json:"first_name"`
	LastName                                string       `json:"last_name"`
	Company                                 string       `json:"company"`
	Phone                                   string       `json:"phone"`
	RegistrationIPAddress                   string       `json:"registration_ip_address"`
	Notes                                   string       `json:"notes"`
	TaxExemptCategory                       string       `json:"tax_exempt_category"`
	CustomerGroupID                         int          `json:"customer_group_id"`
	DateModified                            time.Time    `json:"date_modified"`
	DateCreated                             time.Time    `json:"date_created"`
	AddressCount                            int          `json:"address_count"`
	AttributeCount                          int          `json:"attribute_count"`
	Authentication                          customerAuth `json:"authentication"`
	AcceptsProductReviewAbandonedCartEmails bool         `json:"accepts_product_review_abandoned_cart_emails"`
	OriginChannelID                         int          `json:"origin_channel_id"`
	ChannelIDs                              []int        `json:"channel_ids"`

	storeCredit float64
	addressIDs  []int
}

type customerAuth struct {
	ForcePasswordReset bool `json:"force_password_reset"`
}

// storeCredit is one element of store_credit_amounts.
type storeCredit struct {
	Amount float64 `json:"amount"`
}

// customerView is a customer as rendered, with the included sub-resources.
type customerView struct {
	*customer
	Addresses          *[]addressView `json:"addresses,omitempty"`
	StoreCreditAmounts *[]storeCredit `json:"store_credit_amounts,omitempty"`
	Attributes         *[]struct{}    `json:"attributes,omitempty"`
	FormFields         *[]formField   `json:"form_fields,omitempty"`
}

// address is a V3 customer address (address_Full).
type address struct {
	ID              int    `json:"id"`
	CustomerID      int    `json:"customer_id"`
	FirstName       string `json:"first_name"`
	LastName        string `json:"last_name"`
	Company         string `json:"company"`
	Address1        string `json:"address1"`
	Address2        string `json:"address2"`
	City            string `json:"city"`
	StateOrProvince string `json:"state_or_province"`
	PostalCode      string `json:"postal_code"`
	Country         string `json:"country"`
	CountryCode     string `json:"country_code"`
	Phone           string `json:"phone"`
	AddressType     string `json:"address_type"`
}

// addressView is an address as rendered.
type addressView struct {
	*address
	FormFields *[]formField `json:"form_fields,omitempty"`
}

// formField is a name/value form field.
type formField struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// customerWrite is the body item of POST and PUT /v3/customers.
type customerWrite struct {
	ID                    *int    `json:"id"`
	Email                 *string `json:"email"`
	FirstName             *string `json:"first_name"`
	LastName              *string `json:"last_name"`
	Company               *string `json:"company"`
	Phone                 *string `json:"phone"`
	Notes                 *string `json:"notes"`
	TaxExemptCategory     *string `json:"tax_exempt_category"`
	RegistrationIPAddress *string `json:"registration_ip_address"`
	CustomerGroupID       *int    `json:"customer_group_id"`
	Authentication        *struct {
		ForcePasswordReset *bool  `json:"force_password_reset"`
		NewPassword        string `json:"new_password"`
	} `json:"authentication"`
	AcceptsProductReviewAbandonedCartEmails *bool          `json:"accepts_product_review_abandoned_cart_emails"`
	StoreCreditAmounts                      []storeCredit  `json:"store_credit_amounts"`
	OriginChannelID                         *int           `json:"origin_channel_id"`
	ChannelIDs                              *[]int         `json:"channel_ids"`
	Addresses                               []addressWrite `json:"addresses"`
}

// addressWrite is an address in a write body.
type addressWrite struct {
	ID              *int    `json:"id"`
	CustomerID      *int    `json:"customer_id"`
	FirstName       *string `json:"first_name"`
	LastName        *string `json:"last_name"`
	Company         *string `json:"company"`
	Address1        *string `json:"address1"`
	Address2        *string `json:"address2"`
	City            *string `json:"city"`
	StateOrProvince *string `json:"state_or_province"`
	PostalCode      *string `json:"postal_code"`
	CountryCode     *string `json:"country_code"`
	Phone           *string `json:"phone"`
	AddressType     *string `json:"address_type"`
}

// countryNames maps ISO2 codes to the names the API reports.
var countryNames = map[string]string{
	"US": "United States", "CA": "Canada", "GB": "United Kingdom", "AU": "Australia",
	"NZ": "New Zealand", "DE": "Germany", "FR": "France", "NL": "Netherlands",
	"IE": "Ireland", "ES": "Spain", "IT": "Italy", "MX": "Mexico", "JP": "Japan",
	"SE": "Sweden", "BE": "Belgium", "AT": "Austria", "CH": "Switzerland",
}

func countryName(code string) string {
	if n, ok := countryNames[strings.ToUpper(code)]; ok {
		return n
	}
	return strings.ToUpper(code)
}

// customerIncludes are the accepted include values for customers.
var customerIncludes = []string{"addresses", "storecredit", "attributes", "formfields", "shopper_profile_id", "segment_ids"}

// readIncludes parses include against the accepted values.
func (f *filters) includes(accepted []string) map[string]bool {
	set := map[string]bool{}
	for _, v := range f.list("include") {
		if !slices.Contains(accepted, v) {
			f.fail("include", "must be a comma-separated list of "+strings.Join(accepted, ", "))
			return nil
		}
		set[v] = true
	}
	return set
}

// viewCustomer renders a customer with the requested includes.
func (d *data) viewCustomer(cu *customer, inc map[string]bool) customerView {
	v := customerView{customer: cu}
	if inc["addresses"] {
		as := make([]addressView, 0, len(cu.addressIDs))
		for _, id := range cu.addressIDs {
			as = append(as, viewAddress(d.addresses[id], inc["formfields"]))
		}
		v.Addresses = &as
	}
	if inc["storecredit"] {
		v.StoreCreditAmounts = &[]storeCredit{{Amount: cu.storeCredit}}
	}
	if inc["attributes"] {
		v.Attributes = &[]struct{}{}
	}
	if inc["formfields"] {
		v.FormFields = &[]formField{}
	}
	return v
}

func viewAddress(a *address, formFields bool) addressView {
	v := addressView{address: a}
	if formFields {
		v.FormFields = &[]formField{}
	}
	return v
}

// cursorPagination is meta.cursor_pagination of GET /v3/customers.
type cursorPagination struct {
	Count       int         `json:"count"`
	PerPage     int         `json:"per_page"`
	StartCursor string      `json:"start_cursor"`
	EndCursor   string      `json:"end_cursor"`
	Links       cursorLinks `json:"links"`
}

type cursorLinks struct {
	Previous string `json:"previous,omitempty"`
	Next     string `json:"next,omitempty"`
}

// customerMeta is the meta of GET /v3/customers: pagination, cursor
// pagination, or both on the first page.
type customerMeta struct {
	Pagination       *pagination       `json:"pagination,omitempty"`
	CursorPagination *cursorPagination `json:"cursor_pagination,omitempty"`
}

// encodeCursor makes the cursor of a customer: a keyset of every field a
// list can be sorted by, so that a page after (or before) it can be found
// even when that customer was deleted or changed since.
func encodeCursor(cu *customer) string {
	key := "customer:" + strconv.Itoa(cu.ID) + ":" + strconv.FormatInt(cu.DateCreated.Unix(), 10) + ":" +
		strconv.FormatInt(cu.DateModified.Unix(), 10) + ":" + cu.LastName
	return base64.RawURLEncoding.EncodeToString([]byte(key))
}

// decodeCursor reads a cursor into a customer holding only its sort keys.
// A bare "customer:<id>" cursor takes the keys of that customer when it
// exists.
func (d *data) decodeCursor(s string) (*customer, bool) {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return nil, false
	}
	rest, ok := strings.CutPrefix(string(b), "customer:")
	if !ok {
		return nil, false
	}
	parts := strings.SplitN(rest, ":", 4)
	id, err := strconv.Atoi(parts[0])
	if err != nil {
		return nil, false
	}
	if len(parts) < 4 {
		if cu := d.customers[id]; cu != nil {
			return cu, true
		}
		return &customer{ID: id}, true
	}
	created, err1 := strconv.ParseInt(parts[1], 10, 64)
	modified, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil {
		return nil, false
	}
	return &customer{ID: id, DateCreated: time.Unix(created, 0).UTC(), DateModified: time.Unix(modified, 0).UTC(), LastName: parts[3]}, true
}

// listCustomers serves GET /v3/customers.
func (c *call) listCustomers() {
	f := c.filters("page", "limit", "id:in", "company:in", "customer_group_id:in",
		"date_created", "date_created:min", "date_created:max",
		"date_modified", "date_modified:min", "date_modified:max",
		"email:in", "name:in", "name:like", "phone:in", "registration_ip_address:in",
		"include", "sort", "after", "before")
	page, limit := f.paging(250)
	ids := f.ints("id:in")
	companies := f.lowerSet("company:in")
	groups := f.intSet("customer_group_id:in")
	created := f.v3Dates("date_created")
	modified := f.v3Dates("date_modified")
	emails := f.lowerSet("email:in")
	names := f.lowerSet("name:in")
	likes := f.list("name:like")
	phones := f.lowerSet("phone:in")
	ips := f.lowerSet("registration_ip_address:in")
	inc := f.includes(customerIncludes)
	sortBy := f.oneOf("sort", "date_created:asc", "date_created:desc", "last_name:asc", "last_name:desc",
		"date_modified:asc", "date_modified:desc")
	after, before := f.str("after"), f.str("before")
	if f.failed {
		return
	}
	for i := range likes {
		likes[i] = strings.ToLower(likes[i])
	}

	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	d := c.s.db
	match := func(cu *customer) bool {
		if companies != nil && !companies[strings.ToLower(cu.Company)] {
			return false
		}
		if groups != nil && !groups[cu.CustomerGroupID] {
			return false
		}
		if created.active() && !created.match(cu.DateCreated) {
			return false
		}
		if modified.active() && !modified.match(cu.DateModified) {
			return false
		}
		if emails != nil && !emails[strings.ToLower(cu.Email)] {
			return false
		}
		full := strings.ToLower(cu.FirstName + " " + cu.LastName)
		if names != nil && !names[full] {
			return false
		}
		if likes != nil && !slices.ContainsFunc(likes, func(l string) bool { return strings.Contains(full, l) }) {
			return false
		}
		if phones != nil && !phones[strings.ToLower(cu.Phone)] {
			return false
		}
		if ips != nil && !ips[strings.ToLower(cu.RegistrationIPAddress)] {
			return false
		}
		return true
	}
	filtered := companies != nil || groups != nil || created.active() || modified.active() ||
		emails != nil || names != nil || likes != nil || phones != nil || ips != nil
	var list []*customer
	switch {
	case ids != nil:
		seen := map[int]bool{}
		slices.Sort(ids)
		for _, id := range ids {
			if cu := d.customers[id]; cu != nil && !seen[id] && match(cu) {
				seen[id] = true
				list = append(list, cu)
			}
		}
	case !filtered && sortBy == "" && after == "" && before == "":
		// Fast path: a page of all customers in id order.
		pageIDs, pg := pageOf(d.customerIDs, page, limit)
		out := make([]customerView, 0, len(pageIDs))
		for _, id := range pageIDs {
			out = append(out, d.viewCustomer(d.customers[id], inc))
		}
		c.json(http.StatusOK, listEnvelope{Data: out, Meta: d.customerPageMeta(pg, out, page, limit)})
		return
	default:
		list = make([]*customer, 0, 64)
		for _, id := range d.customerIDs {
			if cu := d.customers[id]; match(cu) {
				list = append(list, cu)
			}
		}
	}
	sortCustomers(list, sortBy)

	if after != "" || before != "" {
		c.customerCursorPage(list, sortBy, after, before, limit, inc)
		return
	}
	items, pg := pageOf(list, page, limit)
	out := make([]customerView, 0, len(items))
	for _, cu := range items {
		out = append(out, d.viewCustomer(cu, inc))
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: d.customerPageMeta(pg, out, page, limit)})
}

// customerPageMeta builds the meta for an offset page: cursor pagination is
// added on the first page.
func (d *data) customerPageMeta(pg pagination, out []customerView, page, limit int) customerMeta {
	m := customerMeta{Pagination: &pg}
	if page == 1 {
		cp := &cursorPagination{Count: len(out), PerPage: limit}
		if len(out) > 0 {
			cp.StartCursor = encodeCursor(d.customers[out[0].ID])
			cp.EndCursor = encodeCursor(d.customers[out[len(out)-1].ID])
			if pg.TotalPages > 1 {
				cp.Links.Next = "?after=" + cp.EndCursor + "&limit=" + itoa(limit)
			}
		}
		m.CursorPagination = cp
	}
	return m
}

// customerCursorPage serves a page selected by after/before cursors. The
// cursor is a keyset: the page starts right after (or ends right before)
// the cursor's position in the sort order, whether or not that customer is
// still in the list.
func (c *call) customerCursorPage(list []*customer, sortBy, after, before string, limit int, inc map[string]bool) {
	cursor, param := after, "after"
	if cursor == "" {
		cursor, param = before, "before"
	}
	key, ok := c.s.db.decodeCursor(cursor)
	if !ok {
		c.badFilter(param, "is not a valid cursor")
		return
	}
	// pos: the number of customers at or before the cursor.
	pos, _ := slices.BinarySearchFunc(list, key, func(a, k *customer) int {
		if r := compareCustomers(a, k, sortBy); r != 0 {
			return r
		}
		return -1 // the cursor's own customer counts as before it
	})
	from, to := pos, min(pos+limit, len(list))
	if param == "before" {
		end := pos
		if end > 0 && list[end-1].ID == key.ID && compareCustomers(list[end-1], key, sortBy) == 0 {
			end-- // the cursor's own customer is not before itself
		}
		from, to = max(end-limit, 0), end
	}
	items := list[from:to]
	out := make([]customerView, 0, len(items))
	for _, cu := range items {
		out = append(out, c.s.db.viewCustomer(cu, inc))
	}
	cp := &cursorPagination{Count: len(out), PerPage: limit}
	if len(out) > 0 {
		cp.StartCursor = encodeCursor(items[0])
		cp.EndCursor = encodeCursor(items[len(items)-1])
		if to < len(list) {
			cp.Links.Next = "?after=" + cp.EndCursor + "&limit=" + itoa(limit)
		}
		if from > 0 {
			cp.Links.Previous = "?before=" + cp.StartCursor + "&limit=" + itoa(limit)
		}
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: customerMeta{CursorPagination: cp}})
}

// sortCustomers orders customers by a sort parameter (default: id).
func sortCustomers(list []*customer, sortBy string) {
	if sortBy == "" {
		return
	}
	slices.SortStableFunc(list, func(a, b *customer) int { return compareCustomers(a, b, sortBy) })
}

// compareCustomers orders two customers by a sort parameter, ties (and no
// sort) by id.
func compareCustomers(a, b *customer, sortBy string) int {
	field, dir, _ := strings.Cut(sortBy, ":")
	var r int
	switch field {
	case "date_created":
		r = a.DateCreated.Compare(b.DateCreated)
	case "date_modified":
		r = a.DateModified.Compare(b.DateModified)
	case "last_name":
		r = cmp.Compare(strings.ToLower(a.LastName), strings.ToLower(b.LastName))
	}
	if r == 0 {
		r = cmp.Compare(a.ID, b.ID)
	}
	if descending(dir) {
		r = -r
	}
	return r
}

// createCustomers serves POST /v3/customers: a batch of at most 10.
func (c *call) createCustomers() {
	if f := c.filters(); f.failed {
		return
	}
	writes, errs, ok := decodeWrites[customerWrite](c, 10, tooManyItems)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	batchEmails := map[string]bool{}
	for i, w := range writes {
		if errs[itoa(i)] != "" {
			continue
		}
		p := itoa(i) + "."
		email := strings.ToLower(strings.TrimSpace(deref(w.Email)))
		switch {
		case email == "":
			errs[p+"email"] = "email is required"
		case !strings.Contains(email, "@"):
			errs[p+"email"] = "email is not a valid email address"
		case d.emailIndex[email] != 0 || batchEmails[email]:
			errs[p+"email"] = "The email address " + email + " is already in use by another customer"
		}
		batchEmails[email] = true
		if strings.TrimSpace(deref(w.FirstName)) == "" {
			errs[p+"first_name"] = "first_name is required"
		}
		if strings.TrimSpace(deref(w.LastName)) == "" {
			errs[p+"last_name"] = "last_name is required"
		}
		if w.ChannelIDs != nil && len(*w.ChannelIDs) == 0 {
			errs[p+"channel_ids"] = "channel_ids must not be empty"
		}
		if len(w.Addresses) > 10 {
			errs[p+"addresses"] = "a customer can have at most 10 addresses"
		}
		for j, a := range w.Addresses {
			validateAddress(a, p+"addresses."+itoa(j)+".", false, errs)
		}
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "Create customers failed.", errs)
		return
	}
	now := c.s.now()
	out := make([]customerView, 0, len(writes))
	for _, w := range writes {
		cu := &customer{
			ID: d.nextCustomer, DateCreated: now, DateModified: now,
			OriginChannelID: 1, ChannelIDs: []int{1},
		}
		d.nextCustomer++
		applyCustomer(cu, w)
		for _, sc := range w.StoreCreditAmounts {
			cu.storeCredit += sc.Amount
		}
		d.addCustomer(cu)
		for _, aw := range w.Addresses {
			a := &address{CustomerID: cu.ID, AddressType: "residential"}
			applyAddress(a, aw)
			d.addAddress(a)
		}
		out = append(out, d.viewCustomer(cu, map[string]bool{"addresses": true, "storecredit": true}))
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: emptyMeta{}})
}

// updateCustomers serves PUT /v3/customers: a batch of at most 10, id
// required.
func (c *call) updateCustomers() {
	if f := c.filters(); f.failed {
		return
	}
	writes, errs, ok := decodeWrites[customerWrite](c, 10, tooManyItems)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	batchEmails := map[string]int{}
	for i, w := range writes {
		if errs[itoa(i)] != "" {
			continue
		}
		p := itoa(i) + "."
		if w.ID == nil {
			errs[p+"id"] = "id is required"
			continue
		}
		if d.customers[*w.ID] == nil {
			errs[p+"id"] = "Customer " + itoa(*w.ID) + " does not exist"
			continue
		}
		if w.Email != nil {
			email := strings.ToLower(strings.TrimSpace(*w.Email))
			owner := d.emailIndex[email]
			switch {
			case !strings.Contains(email, "@"):
				errs[p+"email"] = "email is not a valid email address"
			case owner != 0 && owner != *w.ID, batchEmails[email] != 0 && batchEmails[email] != *w.ID:
				errs[p+"email"] = "The email address " + email + " is already in use by another customer"
			}
			batchEmails[email] = *w.ID
		}
		if w.FirstName != nil && strings.TrimSpace(*w.FirstName) == "" {
			errs[p+"first_name"] = "first_name must not be empty"
		}
		if w.LastName != nil && strings.TrimSpace(*w.LastName) == "" {
			errs[p+"last_name"] = "last_name must not be empty"
		}
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "Update customers failed.", errs)
		return
	}
	now := c.s.now()
	out := make([]customerView, 0, len(writes))
	for _, w := range writes {
		cu := d.customers[*w.ID]
		delete(d.emailIndex, strings.ToLower(cu.Email))
		applyCustomer(cu, w)
		d.emailIndex[strings.ToLower(cu.Email)] = cu.ID
		if w.StoreCreditAmounts != nil {
			cu.storeCredit = 0
			for _, sc := range w.StoreCreditAmounts {
				cu.storeCredit += sc.Amount
			}
		}
		cu.DateModified = now
		out = append(out, d.viewCustomer(cu, nil))
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: emptyMeta{}})
}

// applyCustomer copies the fields present in w onto cu.
func applyCustomer(cu *customer, w customerWrite) {
	set(&cu.Email, w.Email)
	cu.Email = strings.TrimSpace(cu.Email)
	set(&cu.FirstName, w.FirstName)
	set(&cu.LastName, w.LastName)
	set(&cu.Company, w.Company)
	set(&cu.Phone, w.Phone)
	set(&cu.Notes, w.Notes)
	set(&cu.TaxExemptCategory, w.TaxExemptCategory)
	set(&cu.RegistrationIPAddress, w.RegistrationIPAddress)
	set(&cu.CustomerGroupID, w.CustomerGroupID)
	set(&cu.AcceptsProductReviewAbandonedCartEmails, w.AcceptsProductReviewAbandonedCartEmails)
	set(&cu.OriginChannelID, w.OriginChannelID)
	if w.ChannelIDs != nil {
		cu.ChannelIDs = slices.Clone(*w.ChannelIDs)
	}
	if w.Authentication != nil {
		set(&cu.Authentication.ForcePasswordReset, w.Authentication.ForcePasswordReset)
	}
}

// set assigns *src to *dst when src is not nil.
func set[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// deref returns *p or the zero value.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// addCustomer indexes a new customer.
func (d *data) addCustomer(cu *customer) {
	d.customers[cu.ID] = cu
	d.customerIDs = insertSorted(d.customerIDs, cu.ID)
	d.emailIndex[strings.ToLower(cu.Email)] = cu.ID
}

// addAddress indexes a new address, assigning its id.
func (d *data) addAddress(a *address) {
	a.ID = d.nextAddress
	d.nextAddress++
	d.addresses[a.ID] = a
	d.addressIDs = insertSorted(d.addressIDs, a.ID)
	if cu := d.customers[a.CustomerID]; cu != nil {
		cu.addressIDs = append(cu.addressIDs, a.ID)
		cu.AddressCount = len(cu.addressIDs)
	}
}

// validateAddress checks the required fields of an address write.
func validateAddress(a addressWrite, prefix string, needCustomer bool, errs map[string]string) {
	req := map[string]*string{
		"first_name": a.FirstName, "last_name": a.LastName, "address1": a.Address1,
		"city": a.City, "country_code": a.CountryCode,
	}
	if needCustomer {
		req["state_or_province"] = a.StateOrProvince
		req["postal_code"] = a.PostalCode
		if a.CustomerID == nil {
			errs[prefix+"customer_id"] = "customer_id is required"
		}
	}
	for name, v := range req {
		if v == nil || strings.TrimSpace(*v) == "" {
			errs[prefix+name] = name + " is required"
		}
	}
	if a.CountryCode != nil && *a.CountryCode != "" && len(*a.CountryCode) != 2 {
		errs[prefix+"country_code"] = "country_code must be an ISO 3166-1 alpha-2 code"
	}
	if a.AddressType != nil && *a.AddressType != "residential" && *a.AddressType != "commercial" {
		errs[prefix+"address_type"] = "address_type must be residential or commercial"
	}
}

// applyAddress copies the fields present in w onto a.
func applyAddress(a *address, w addressWrite) {
	set(&a.FirstName, w.FirstName)
	set(&a.LastName, w.LastName)
	set(&a.Company, w.Company)
	set(&a.Address1, w.Address1)
	set(&a.Address2, w.Address2)
	set(&a.City, w.City)
	set(&a.StateOrProvince, w.StateOrProvince)
	set(&a.PostalCode, w.PostalCode)
	set(&a.Phone, w.Phone)
	set(&a.AddressType, w.AddressType)
	if w.CountryCode != nil {
		a.CountryCode = strings.ToUpper(*w.CountryCode)
		a.Country = countryName(a.CountryCode)
	}
}

// deleteCustomers serves DELETE /v3/customers. Without id:in it answers 204
// and deletes nothing, as the real API does.
func (c *call) deleteCustomers() {
	f := c.filters("id:in")
	ids := f.ints("id:in")
	if f.failed {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	drop := map[int]bool{}
	dropAddr := map[int]bool{}
	for _, id := range ids {
		cu := d.customers[id]
		if cu == nil {
			continue
		}
		drop[id] = true
		for _, aid := range cu.addressIDs {
			dropAddr[aid] = true
			delete(d.addresses, aid)
		}
		delete(d.emailIndex, strings.ToLower(cu.Email))
		delete(d.customers, id)
	}
	d.customerIDs = removeSorted(d.customerIDs, drop)
	d.addressIDs = removeSorted(d.addressIDs, dropAddr)
	c.noContent()
}

// listAddresses serves GET /v3/customers/addresses.
func (c *call) listAddresses() {
	f := c.filters("page", "limit", "id:in", "customer_id:in", "company:in", "name:in", "include")
	page, limit := f.paging(250)
	ids := f.intSet("id:in")
	customers := f.ints("customer_id:in")
	companies := f.lowerSet("company:in")
	names := f.lowerSet("name:in")
	inc := f.includes([]string{"formfields"})
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	d := c.s.db
	match := func(a *address) bool {
		if ids != nil && !ids[a.ID] {
			return false
		}
		if companies != nil && !companies[strings.ToLower(a.Company)] {
			return false
		}
		if names != nil && !names[strings.ToLower(a.FirstName+" "+a.LastName)] {
			return false
		}
		return true
	}
	var list []*address
	if customers != nil {
		for _, cid := range customers {
			if cu := d.customers[cid]; cu != nil {
				for _, aid := range cu.addressIDs {
					if a := d.addresses[aid]; match(a) {
						list = append(list, a)
					}
				}
			}
		}
		slices.SortFunc(list, func(a, b *address) int { return cmp.Compare(a.ID, b.ID) })
	} else {
		for _, aid := range d.addressIDs {
			if a := d.addresses[aid]; match(a) {
				list = append(list, a)
			}
		}
	}
	items, pg := pageOf(list, page, limit)
	out := make([]addressView, 0, len(items))
	for _, a := range items {
		out = append(out, viewAddress(a, inc["formfields"]))
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: listMeta{Pagination: pg}})
}

// createAddresses serves POST /v3/customers/addresses. A duplicate of an
// existing address is silently left out of the response, as the API does.
func (c *call) createAddresses() {
	if f := c.filters(); f.failed {
		return
	}
	writes, errs, ok := decodeWrites[addressWrite](c, 10, tooManyItems)
	if !ok {
		return
	}
	for i, w := range writes {
		if errs[itoa(i)] == "" {
			validateAddress(w, itoa(i)+".", true, errs)
		}
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	for i, w := range writes {
		if w.CustomerID == nil {
			continue
		}
		cu := d.customers[*w.CustomerID]
		if cu == nil {
			errs[itoa(i)+".customer_id"] = "Customer " + itoa(*w.CustomerID) + " does not exist"
		} else if len(cu.addressIDs) >= 10 {
			errs[itoa(i)+".customer_id"] = "a customer can have at most 10 addresses"
		}
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "The address was not valid.", errs)
		return
	}
	out := []addressView{}
	for _, w := range writes {
		a := &address{CustomerID: *w.CustomerID, AddressType: "residential"}
		applyAddress(a, w)
		if d.duplicateAddress(a) {
			continue
		}
		d.addAddress(a)
		out = append(out, viewAddress(a, false))
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: emptyMeta{}})
}

// duplicateAddress reports whether the customer already has the same
// address.
func (d *data) duplicateAddress(a *address) bool {
	cu := d.customers[a.CustomerID]
	if cu == nil {
		return false
	}
	for _, id := range cu.addressIDs {
		b := *d.addresses[id]
		b.ID = 0
		x := *a
		x.ID = 0
		if b == x {
			return true
		}
	}
	return false
}

// updateAddresses serves PUT /v3/customers/addresses.
func (c *call) updateAddresses() {
	if f := c.filters(); f.failed {
		return
	}
	writes, errs, ok := decodeWrites[addressWrite](c, 10, tooManyItems)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	for i, w := range writes {
		p := itoa(i) + "."
		switch {
		case errs[itoa(i)] != "":
		case w.ID == nil:
			errs[p+"id"] = "id is required"
		case d.addresses[*w.ID] == nil:
			errs[p+"id"] = "Address " + itoa(*w.ID) + " does not exist"
		}
		if w.CountryCode != nil && len(*w.CountryCode) != 2 {
			errs[p+"country_code"] = "country_code must be an ISO 3166-1 alpha-2 code"
		}
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "The address was not valid.", errs)
		return
	}
	out := make([]addressView, 0, len(writes))
	for _, w := range writes {
		a := d.addresses[*w.ID]
		applyAddress(a, w)
		out = append(out, viewAddress(a, false))
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: emptyMeta{}})
}

// deleteAddresses serves DELETE /v3/customers/addresses?id:in=...; without
// id:in nothing is deleted.
func (c *call) deleteAddresses() {
	f := c.filters("id:in")
	ids := f.ints("id:in")
	if f.failed {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	drop := map[int]bool{}
	for _, id := range ids {
		a := d.addresses[id]
		if a == nil {
			continue
		}
		drop[id] = true
		delete(d.addresses, id)
		if cu := d.customers[a.CustomerID]; cu != nil {
			cu.addressIDs = slices.DeleteFunc(cu.addressIDs, func(x int) bool { return x == id })
			cu.AddressCount = len(cu.addressIDs)
		}
	}
	d.addressIDs = removeSorted(d.addressIDs, drop)
	c.noContent()
}
