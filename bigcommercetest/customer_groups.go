package bigcommercetest

import (
	"net/http"
	"strings"
	"time"
)

// customerGroup is a V2 customer group (customerGroup_Full).
type customerGroup struct {
	ID               int            `json:"id"`
	Name             string         `json:"name"`
	IsDefault        bool           `json:"is_default"`
	CategoryAccess   categoryAccess `json:"category_access"`
	DiscountRules    []discountRule `json:"discount_rules"`
	DateCreated      v2time         `json:"date_created"`
	DateModified     v2time         `json:"date_modified"`
	IsGroupForGuests bool           `json:"is_group_for_guests"`
}

type categoryAccess struct {
	Type       string `json:"type"`
	Categories []int  `json:"categories,omitempty"`
}

// discountRule keeps amounts as the API writes them: a decimal string.
type discountRule struct {
	Type        string `json:"type"`
	Method      string `json:"method,omitempty"`
	Amount      *money `json:"amount,omitempty"`
	CategoryID  int    `json:"category_id,omitempty"`
	ProductID   int    `json:"product_id,omitempty"`
	PriceListID int    `json:"price_list_id,omitempty"`
}

// customerGroupWrite is the body of POST and PUT (customerGroup_Post_Put).
type customerGroupWrite struct {
	Name             *string         `json:"name"`
	IsDefault        *bool           `json:"is_default"`
	CategoryAccess   *categoryAccess `json:"category_access"`
	DiscountRules    *[]discountRule `json:"discount_rules"`
	IsGroupForGuests *bool           `json:"is_group_for_guests"`
}

// seedCustomerGroups adds the store's starting groups.
func (cv *coverage) seedCustomerGroups(created time.Time) {
	five, ten := toMoney(5), toMoney(10)
	for _, g := range []customerGroup{
		{Name: "Retail", IsDefault: true, CategoryAccess: categoryAccess{Type: "all"}, DiscountRules: []discountRule{}},
		{Name: "Wholesale", CategoryAccess: categoryAccess{Type: "specific", Categories: []int{2, 3}},
			DiscountRules: []discountRule{{Type: "all", Method: "percent", Amount: &ten}, {Type: "category", Method: "fixed", Amount: &five, CategoryID: 2}}},
		{Name: "Guests", IsGroupForGuests: true, CategoryAccess: categoryAccess{Type: "all"}, DiscountRules: []discountRule{}},
	} {
		g.DateCreated, g.DateModified = v2time{created}, v2time{created}
		cv.addGroup(g)
	}
}

func (cv *coverage) addGroup(g customerGroup) *customerGroup {
	row := &g
	row.ID = cv.groups.insert(row)
	return row
}

// listCustomerGroups serves GET /v2/customer_groups.
func (c *call) listCustomerGroups() {
	f := c.filters()
	page, limit := f.paging(250)
	name := f.str("name")
	like := strings.ToLower(f.str("name:like"))
	isDefault, hasDefault := f.bool("is_default")
	guests, hasGuests := f.bool("is_group_for_guests")
	created := f.v3Dates("date_created")
	modified := f.v3Dates("date_modified")
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	list := c.s.db.cov.groups.list(func(g *customerGroup) bool {
		return (name == "" || g.Name == name) &&
			(like == "" || strings.Contains(strings.ToLower(g.Name), like)) &&
			(!hasDefault || g.IsDefault == isDefault) &&
			(!hasGuests || g.IsGroupForGuests == guests) &&
			created.match(g.DateCreated.Time) && modified.match(g.DateModified.Time)
	})
	items, _ := pageOf(list, page, limit)
	if len(items) == 0 {
		c.noContent()
		return
	}
	c.json(http.StatusOK, items)
}

// countCustomerGroups serves GET /v2/customer_groups/count.
func (c *call) countCustomerGroups() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	c.json(http.StatusOK, map[string]int{"count": len(c.s.db.cov.groups.ids)})
}

// groupByID returns the group of the path, answering 404 when there is none.
func (c *call) groupByID() *customerGroup {
	g := c.s.db.cov.groups.get(c.params[0])
	if g == nil {
		c.v2err(http.StatusNotFound, "The requested customer group was not found.")
	}
	return g
}

// getCustomerGroup serves GET /v2/customer_groups/{id}.
func (c *call) getCustomerGroup() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if g := c.groupByID(); g != nil {
		c.json(http.StatusOK, g)
	}
}

// createCustomerGroup serves POST /v2/customer_groups.
func (c *call) createCustomerGroup() {
	var w customerGroupWrite
	if !c.decodeObject(&w) {
		return
	}
	if w.Name == nil || strings.TrimSpace(*w.Name) == "" {
		c.v2err(http.StatusBadRequest, "The field 'name' is required.")
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	now := v2time{c.s.now()}
	g := customerGroup{CategoryAccess: categoryAccess{Type: "all"}, DiscountRules: []discountRule{}, DateCreated: now}
	if !c.applyGroup(&g, w, 0) {
		return
	}
	c.json(http.StatusOK, c.s.db.cov.addGroup(g))
}

// updateCustomerGroup serves PUT /v2/customer_groups/{id}.
func (c *call) updateCustomerGroup() {
	var w customerGroupWrite
	if !c.decodeObject(&w) {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	g := c.groupByID()
	if g == nil {
		return
	}
	next := *g
	if !c.applyGroup(&next, w, g.ID) {
		return
	}
	*g = next
	c.json(http.StatusOK, g)
}

// applyGroup validates w and applies it to g (whose id is self, 0 when
// new), answering 400/409 when it cannot.
func (c *call) applyGroup(g *customerGroup, w customerGroupWrite, self int) bool {
	cv := c.s.db.cov
	if w.Name != nil {
		name := strings.TrimSpace(*w.Name)
		for _, other := range cv.groups.list(nil) {
			if other.ID != self && strings.EqualFold(other.Name, name) {
				c.v2err(http.StatusConflict, "A customer group with the name '"+name+"' already exists.")
				return false
			}
		}
		g.Name = name
	}
	if w.DiscountRules != nil {
		if msg := checkRules(*w.DiscountRules); msg != "" {
			c.v2err(http.StatusBadRequest, msg)
			return false
		}
		g.DiscountRules = append([]discountRule{}, *w.DiscountRules...)
	}
	if w.CategoryAccess != nil {
		switch w.CategoryAccess.Type {
		case "all", "none", "specific":
		default:
			c.v2err(http.StatusBadRequest, "The field 'category_access.type' must be all, specific or none.")
			return false
		}
		g.CategoryAccess = *w.CategoryAccess
	}
	set(&g.IsDefault, w.IsDefault)
	set(&g.IsGroupForGuests, w.IsGroupForGuests)
	if g.IsDefault || g.IsGroupForGuests {
		// Only one default group and one guests' group at a time.
		for _, other := range cv.groups.list(nil) {
			if other.ID != self {
				other.IsDefault = other.IsDefault && !g.IsDefault
				other.IsGroupForGuests = other.IsGroupForGuests && !g.IsGroupForGuests
			}
		}
	}
	g.DateModified = v2time{c.s.now()}
	return true
}

// checkRules applies the documented combination rules of discount_rules.
func checkRules(rules []discountRule) string {
	all := 0
	for _, r := range rules {
		switch r.Type {
		case "price_list":
			if len(rules) > 1 || r.PriceListID <= 0 {
				return "A price_list discount rule needs a price_list_id and must be the only rule."
			}
			continue
		case "all":
			if all++; all > 1 {
				return "Only one store-wide (all) discount rule is allowed."
			}
		case "category", "product":
			if r.CategoryID <= 0 && r.ProductID <= 0 {
				return "A " + r.Type + " discount rule needs its " + r.Type + "_id."
			}
		default:
			return "The discount rule type '" + r.Type + "' is not valid."
		}
		if r.Amount == nil || (r.Method != "percent" && r.Method != "fixed" && r.Method != "price") {
			return "A discount rule needs a method (percent, fixed or price) and an amount."
		}
	}
	return ""
}

// deleteCustomerGroup serves DELETE /v2/customer_groups/{id}; the group's
// customers are left without a group.
func (c *call) deleteCustomerGroup() {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	g := c.groupByID()
	if g == nil {
		return
	}
	for _, cu := range c.s.db.customers {
		if cu.CustomerGroupID == g.ID {
			cu.CustomerGroupID = 0
		}
	}
	c.s.db.cov.groups.remove(map[int]bool{g.ID: true})
	c.noContent()
}
