package bigcommercetest

import (
	"net/http"
	"slices"
	"strings"
)

// brand is a catalog brand (brand_Full).
type brand struct {
	ID              int       `json:"id"`
	Name            string    `json:"name"`
	PageTitle       string    `json:"page_title"`
	MetaKeywords    []string  `json:"meta_keywords"`
	MetaDescription string    `json:"meta_description"`
	ImageURL        string    `json:"image_url"`
	SearchKeywords  string    `json:"search_keywords"`
	CustomURL       customURL `json:"custom_url"`
}

// brandWrite is the body of POST and PUT.
type brandWrite struct {
	Name            *string    `json:"name"`
	PageTitle       *string    `json:"page_title"`
	MetaKeywords    *[]string  `json:"meta_keywords"`
	MetaDescription *string    `json:"meta_description"`
	ImageURL        *string    `json:"image_url"`
	SearchKeywords  *string    `json:"search_keywords"`
	CustomURL       *customURL `json:"custom_url"`
}

// seedBrands adds the store's starting brands.
func (cv *coverage) seedBrands() {
	for _, name := range []string{"Common Good", "OFS", "Sagaform", "Barr-Co.", "Chemex"} {
		cv.brands.insert(&brand{Name: name, MetaKeywords: []string{""}, CustomURL: customURL{URL: brandURL(name)}})
	}
	for _, id := range cv.brands.ids {
		cv.brands.rows[id].ID = id
	}
}

// brandURL is the generated storefront URL of a brand.
func brandURL(name string) string {
	return "/brands/" + strings.NewReplacer(" ", "-", ".", "").Replace(name) + ".html"
}

// listBrands serves GET /v3/catalog/brands.
func (c *call) listBrands() {
	f := c.filters("id", "id:in", "id:not_in", "id:min", "id:max", "id:greater", "id:less", "name", "name:like",
		"page_title", "include_fields", "exclude_fields", "sort", "direction", "page", "limit")
	page, limit := f.paging(250)
	byID := intFilter(f, "id", func(b *brand) int { return b.ID })
	name, like, title := f.str("name"), f.str("name:like"), f.str("page_title")
	sortBy := f.oneOf("sort", "name")
	dir := f.oneOf("direction", "asc", "desc")
	ff := f.fieldFilter(nil)
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	list := c.s.db.cov.brands.list(func(b *brand) bool {
		return byID(b) && (name == "" || b.Name == name) && likeMatch(b.Name, like) && (title == "" || b.PageTitle == title)
	})
	if sortBy == "name" {
		slices.SortStableFunc(list, func(a, b *brand) int { return strings.Compare(a.Name, b.Name) })
	}
	if descending(dir) {
		slices.Reverse(list)
	}
	listV3(c, list, page, limit, ff)
}

// brandByID returns the brand of the path, answering 404 when there is none.
func (c *call) brandByID() *brand {
	b := c.s.db.cov.brands.get(c.params[0])
	if b == nil {
		c.v3err(http.StatusNotFound, "The requested brand was not found.", nil)
	}
	return b
}

// getBrand serves GET /v3/catalog/brands/{id}.
func (c *call) getBrand() {
	f := c.filters("include_fields", "exclude_fields")
	ff := f.fieldFilter(nil)
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if b := c.brandByID(); b != nil {
		c.json(http.StatusOK, listEnvelope{Data: ff.apply(b), Meta: emptyMeta{}})
	}
}

// createBrand serves POST /v3/catalog/brands.
func (c *call) createBrand() {
	var w brandWrite
	if !c.decodeObject(&w) {
		return
	}
	if w.Name == nil || strings.TrimSpace(*w.Name) == "" {
		c.v3err(http.StatusUnprocessableEntity, "The brand was not valid.", map[string]string{"name": "name is required"})
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	b := &brand{MetaKeywords: []string{}}
	if !c.applyBrand(b, w) {
		return
	}
	b.ID = c.s.db.cov.brands.insert(b)
	c.json(http.StatusOK, listEnvelope{Data: b, Meta: emptyMeta{}})
}

// updateBrand serves PUT /v3/catalog/brands/{id}.
func (c *call) updateBrand() {
	var w brandWrite
	if !c.decodeObject(&w) {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	b := c.brandByID()
	if b == nil {
		return
	}
	next := *b
	if !c.applyBrand(&next, w) {
		return
	}
	*b = next
	c.json(http.StatusOK, listEnvelope{Data: b, Meta: emptyMeta{}})
}

// applyBrand applies w to b, answering 409 for a duplicate name.
func (c *call) applyBrand(b *brand, w brandWrite) bool {
	if w.Name != nil {
		name := strings.TrimSpace(*w.Name)
		for _, other := range c.s.db.cov.brands.list(nil) {
			if other.ID != b.ID && strings.EqualFold(other.Name, name) {
				c.v3err(http.StatusConflict, "Brand was in conflict with another brand.", map[string]string{"name": "Brand name '" + name + "' is not unique."})
				return false
			}
		}
		b.Name = name
		if !b.CustomURL.IsCustomized {
			b.CustomURL.URL = brandURL(name)
		}
	}
	set(&b.PageTitle, w.PageTitle)
	set(&b.MetaKeywords, w.MetaKeywords)
	set(&b.MetaDescription, w.MetaDescription)
	set(&b.ImageURL, w.ImageURL)
	set(&b.SearchKeywords, w.SearchKeywords)
	set(&b.CustomURL, w.CustomURL)
	return true
}

// deleteBrand serves DELETE /v3/catalog/brands/{id}.
func (c *call) deleteBrand() {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	if b := c.brandByID(); b != nil {
		c.s.db.cov.brands.remove(map[int]bool{b.ID: true})
		c.noContent()
	}
}

// deleteBrands serves DELETE /v3/catalog/brands?name=...: name is required
// (422 without it), as the spec says.
func (c *call) deleteBrands() {
	f := c.filters("name", "page_title")
	name, title := f.str("name"), f.str("page_title")
	if f.failed {
		return
	}
	if name == "" {
		c.v3err(http.StatusUnprocessableEntity, "The name filter is required to delete brands.", map[string]string{"name": "is required"})
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	drop := map[int]bool{}
	for _, b := range c.s.db.cov.brands.list(nil) {
		if b.Name == name && (title == "" || b.PageTitle == title) {
			drop[b.ID] = true
		}
	}
	c.s.db.cov.brands.remove(drop)
	c.noContent()
}
