package bigcommercetest

import (
	"fmt"
	"net/http"
	"strings"
)

// categoryTree is a category tree (Tree).
type categoryTree struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	Channels []int  `json:"channels"`
}

// treeCategory is a category of a tree (GetCategories).
type treeCategory struct {
	CategoryID         int         `json:"category_id"`
	CategoryUUID       string      `json:"category_uuid"`
	ParentID           int         `json:"parent_id"`
	TreeID             int         `json:"tree_id"`
	Name               string      `json:"name"`
	Description        string      `json:"description"`
	Views              int         `json:"views"`
	SortOrder          int         `json:"sort_order"`
	PageTitle          string      `json:"page_title"`
	MetaKeywords       []string    `json:"meta_keywords"`
	MetaDescription    string      `json:"meta_description"`
	LayoutFile         string      `json:"layout_file"`
	ImageURL           string      `json:"image_url"`
	IsVisible          bool        `json:"is_visible"`
	SearchKeywords     string      `json:"search_keywords"`
	DefaultProductSort string      `json:"default_product_sort"`
	URL                categoryURL `json:"url"`
}

type categoryURL struct {
	Path         string `json:"path"`
	IsCustomized bool   `json:"is_customized"`
}

// categoryWrite is one item of POST and PUT /v3/catalog/trees/categories.
type categoryWrite struct {
	CategoryID         int          `json:"category_id"`
	Name               *string      `json:"name"`
	TreeID             *int         `json:"tree_id"`
	ParentID           *int         `json:"parent_id"`
	Description        *string      `json:"description"`
	Views              *int         `json:"views"`
	SortOrder          *int         `json:"sort_order"`
	PageTitle          *string      `json:"page_title"`
	MetaKeywords       *[]string    `json:"meta_keywords"`
	MetaDescription    *string      `json:"meta_description"`
	LayoutFile         *string      `json:"layout_file"`
	ImageURL           *string      `json:"image_url"`
	IsVisible          *bool        `json:"is_visible"`
	SearchKeywords     *string      `json:"search_keywords"`
	DefaultProductSort *string      `json:"default_product_sort"`
	URL                *categoryURL `json:"url"`
}

// categoryNode is one node of GET /v3/catalog/trees/{id}/categories.
type categoryNode struct {
	ID        int            `json:"id"`
	ParentID  int            `json:"parent_id"`
	Depth     int            `json:"depth"`
	Path      []int          `json:"path"`
	Name      string         `json:"name"`
	IsVisible bool           `json:"is_visible"`
	Children  []categoryNode `json:"children"`
	URL       string         `json:"url"`
}

// batchMeta is the meta of the category-trees batch answers.
type batchMeta struct {
	Total   int `json:"total"`
	Success int `json:"success"`
	Failed  int `json:"failed"`
}

// maxTreeBatch is the documented limit of PUT /v3/catalog/trees; the fake
// applies it to category batches too (their limit is not documented).
const maxTreeBatch = 50

// seedCategories adds the default tree (channel 1) and a few categories.
func (cv *coverage) seedCategories() {
	cv.trees.insert(&categoryTree{ID: 1, Name: "Default", Channels: []int{1}})
	for _, c := range []struct {
		name   string
		parent int
	}{{"Bath", 0}, {"Kitchen", 0}, {"Towels", 1}, {"Hand towels", 3}, {"Utensils", 2}} {
		cv.addCategory(&treeCategory{Name: c.name, ParentID: c.parent, TreeID: 1, IsVisible: true})
	}
}

// addCategory stores a new category, filling id, UUID, URL and defaults.
func (cv *coverage) addCategory(c *treeCategory) {
	c.CategoryID = cv.categories.insert(c)
	c.CategoryUUID = fmt.Sprintf("00000000-0000-4000-8000-%012d", c.CategoryID)
	if c.MetaKeywords == nil {
		c.MetaKeywords = []string{}
	}
	if c.LayoutFile == "" {
		c.LayoutFile = "category.html"
	}
	if c.DefaultProductSort == "" {
		c.DefaultProductSort = "use_store_settings"
	}
	if c.URL.Path == "" {
		c.URL.Path = cv.categoryPath(c)
	}
}

// categoryPath is the generated storefront path: the parent's path plus
// the slug of the name.
func (cv *coverage) categoryPath(c *treeCategory) string {
	slug := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(c.Name), " ", "-")) + "/"
	if p := cv.categories.get(c.ParentID); p != nil {
		return p.URL.Path + slug
	}
	return "/" + slug
}

// listTreeCategories serves GET /v3/catalog/trees/categories.
func (c *call) listTreeCategories() {
	f := c.filters("category_uuid:in", "category_uuid:not_in", "category_id:in", "category_id:not_in", "tree_id:in", "tree_id:not_in",
		"parent_id:in", "parent_id:not_in", "page_title", "page_title:like", "name", "name:like", "keyword", "is_visible",
		"include_fields", "exclude_fields", "page", "limit")
	page, limit := f.paging(250)
	byID := intFilter(f, "category_id", func(x *treeCategory) int { return x.CategoryID })
	byTree := intFilter(f, "tree_id", func(x *treeCategory) int { return x.TreeID })
	byParent := intFilter(f, "parent_id", func(x *treeCategory) int { return x.ParentID })
	uuidIn, uuidOut := f.lowerSet("category_uuid:in"), f.lowerSet("category_uuid:not_in")
	name, like := f.str("name"), f.str("name:like")
	title, titleLike := f.str("page_title"), f.str("page_title:like")
	keyword := f.str("keyword")
	visible, hasVisible := f.bool("is_visible")
	ff := f.fieldFilter(nil)
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	list := c.s.db.cov.categories.list(func(x *treeCategory) bool {
		uuid := strings.ToLower(x.CategoryUUID)
		return byID(x) && byTree(x) && byParent(x) &&
			(uuidIn == nil || uuidIn[uuid]) && !uuidOut[uuid] &&
			(name == "" || x.Name == name) && likeMatch(x.Name, like) &&
			(title == "" || x.PageTitle == title) && likeMatch(x.PageTitle, titleLike) &&
			(keyword == "" || likeMatch(x.Name+" "+x.Description+" "+x.SearchKeywords, keyword)) &&
			(!hasVisible || x.IsVisible == visible)
	})
	ff.keep["category_id"] = true
	listV3(c, list, page, limit, ff)
}

// createTreeCategories serves POST /v3/catalog/trees/categories: all or
// nothing, 422 naming each bad item by index.
func (c *call) createTreeCategories() {
	writes, errs, ok := decodeWrites[categoryWrite](c, maxTreeBatch, tooManyCatalogItems)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	cv := c.s.db.cov
	for i, w := range writes {
		key := itoa(i)
		switch {
		case errs[key] != "":
		case w.Name == nil || strings.TrimSpace(*w.Name) == "" || len([]rune(*w.Name)) > 50:
			errs[key+".name"] = "name must have 1 to 50 characters"
		case (w.TreeID == nil || *w.TreeID == 0) && (w.ParentID == nil || *w.ParentID == 0):
			errs[key+".tree_id"] = "tree_id or parent_id is required"
		default:
			if msg := cv.checkPlacement(w, 0); msg != "" {
				errs[key+".parent_id"] = msg
			}
		}
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "The categories were not valid.", errs)
		return
	}
	out := make([]*treeCategory, 0, len(writes))
	for _, w := range writes {
		cat := &treeCategory{IsVisible: true}
		cv.applyCategory(cat, w)
		cv.addCategory(cat)
		out = append(out, cat)
	}
	c.json(http.StatusCreated, listEnvelope{Data: out, Meta: batchMeta{Total: len(out), Success: len(out)}})
}

// checkPlacement checks a write's tree and parent against the store; self
// is the category being updated (0 on create).
func (cv *coverage) checkPlacement(w categoryWrite, self int) string {
	tree := 0
	if w.TreeID != nil {
		tree = *w.TreeID
		if tree != 0 && cv.trees.get(tree) == nil {
			return "tree " + itoa(tree) + " does not exist"
		}
	}
	if w.ParentID != nil && *w.ParentID != 0 {
		p := cv.categories.get(*w.ParentID)
		switch {
		case p == nil:
			return "parent category " + itoa(*w.ParentID) + " does not exist"
		case tree != 0 && p.TreeID != tree:
			return "parent category " + itoa(p.CategoryID) + " is in another tree"
		case self != 0 && cv.isDescendant(p.CategoryID, self):
			return "a category cannot move under itself"
		}
	}
	return ""
}

// isDescendant reports whether id is root or below it.
func (cv *coverage) isDescendant(id, root int) bool {
	for id != 0 {
		if id == root {
			return true
		}
		p := cv.categories.get(id)
		if p == nil {
			return false
		}
		id = p.ParentID
	}
	return false
}

// applyCategory applies a validated write.
func (cv *coverage) applyCategory(cat *treeCategory, w categoryWrite) {
	set(&cat.Name, w.Name)
	set(&cat.Description, w.Description)
	set(&cat.Views, w.Views)
	set(&cat.SortOrder, w.SortOrder)
	set(&cat.PageTitle, w.PageTitle)
	set(&cat.MetaKeywords, w.MetaKeywords)
	set(&cat.MetaDescription, w.MetaDescription)
	set(&cat.LayoutFile, w.LayoutFile)
	set(&cat.ImageURL, w.ImageURL)
	set(&cat.IsVisible, w.IsVisible)
	set(&cat.SearchKeywords, w.SearchKeywords)
	set(&cat.DefaultProductSort, w.DefaultProductSort)
	if w.ParentID != nil {
		cat.ParentID = *w.ParentID
		if p := cv.categories.get(cat.ParentID); p != nil {
			cat.TreeID = p.TreeID
		}
	}
	if w.TreeID != nil && *w.TreeID != 0 {
		cat.TreeID = *w.TreeID
	}
	set(&cat.URL, w.URL)
}

// updateTreeCategories serves PUT /v3/catalog/trees/categories: all or
// nothing, answered with meta only.
func (c *call) updateTreeCategories() {
	writes, errs, ok := decodeWrites[categoryWrite](c, maxTreeBatch, tooManyCatalogItems)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	cv := c.s.db.cov
	for i, w := range writes {
		key := itoa(i)
		switch {
		case errs[key] != "":
		case cv.categories.get(w.CategoryID) == nil:
			errs[key+".category_id"] = "category " + itoa(w.CategoryID) + " does not exist"
		case w.Name != nil && (strings.TrimSpace(*w.Name) == "" || len([]rune(*w.Name)) > 50):
			errs[key+".name"] = "name must have 1 to 50 characters"
		default:
			if msg := cv.checkPlacement(w, w.CategoryID); msg != "" {
				errs[key+".parent_id"] = msg
			}
		}
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "The categories were not valid.", errs)
		return
	}
	for _, w := range writes {
		cv.applyCategory(cv.categories.get(w.CategoryID), w)
	}
	c.json(http.StatusOK, map[string]any{"meta": batchMeta{Total: len(writes), Success: len(writes)}})
}

// deleteTreeCategories serves DELETE /v3/catalog/trees/categories: a
// filter is required (422 without), and the subcategories of a deleted
// category go with it.
func (c *call) deleteTreeCategories() {
	f := c.filters("category_uuid:in", "category_id:in", "tree_id:in", "parent_id:in")
	ids, trees, parents := f.intSet("category_id:in"), f.intSet("tree_id:in"), f.intSet("parent_id:in")
	uuids := f.lowerSet("category_uuid:in")
	if f.failed {
		return
	}
	if ids == nil && trees == nil && parents == nil && uuids == nil {
		c.v3err(http.StatusUnprocessableEntity, "A filter must be supplied to delete categories.", map[string]string{"category_id:in": "is required"})
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	cv := c.s.db.cov
	drop := map[int]bool{}
	for _, x := range cv.categories.list(nil) {
		if ids[x.CategoryID] || trees[x.TreeID] || parents[x.ParentID] || uuids[strings.ToLower(x.CategoryUUID)] {
			drop[x.CategoryID] = true
		}
	}
	cv.dropCategories(drop)
	c.json(http.StatusAccepted, map[string]any{"meta": map[string]any{}})
}

// dropCategories deletes the categories in drop and everything below them.
func (cv *coverage) dropCategories(drop map[int]bool) {
	for _, x := range cv.categories.list(nil) {
		for id := range drop {
			if cv.isDescendant(x.CategoryID, id) {
				drop[x.CategoryID] = true
			}
		}
	}
	cv.categories.remove(drop)
}

// listTrees serves GET /v3/catalog/trees.
func (c *call) listTrees() {
	f := c.filters("id:in", "channel_id:in", "page", "limit")
	page, limit := f.paging(250)
	ids, channels := f.intSet("id:in"), f.intSet("channel_id:in")
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	list := c.s.db.cov.trees.list(func(t *categoryTree) bool {
		if ids != nil && !ids[t.ID] {
			return false
		}
		if channels == nil {
			return true
		}
		for _, ch := range t.Channels {
			if channels[ch] {
				return true
			}
		}
		return false
	})
	listV3(c, list, page, limit, fieldFilter{})
}

// treeWrite is one item of PUT /v3/catalog/trees.
type treeWrite struct {
	ID       int     `json:"id"`
	Name     *string `json:"name"`
	Channels []int   `json:"channels"`
}

// upsertTrees serves PUT /v3/catalog/trees: items with an id update that
// tree, the others create one (which needs one channel without a tree).
func (c *call) upsertTrees() {
	writes, errs, ok := decodeWrites[treeWrite](c, maxTreeBatch, func(n int) string {
		return "The request payload is too large. The maximum trees allowed in the array is " + itoa(n) + "."
	})
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	cv := c.s.db.cov
	used := map[int]bool{}
	for _, t := range cv.trees.list(nil) {
		for _, ch := range t.Channels {
			used[ch] = true
		}
	}
	for i, w := range writes {
		key := itoa(i)
		switch {
		case errs[key] != "":
		case w.Name == nil || strings.TrimSpace(*w.Name) == "":
			errs[key+".name"] = "name is required"
		case w.ID != 0 && cv.trees.get(w.ID) == nil:
			errs[key+".id"] = "tree " + itoa(w.ID) + " does not exist"
		case w.ID != 0 && len(w.Channels) > 0:
			errs[key+".channels"] = "channels cannot be changed on update"
		case w.ID == 0 && len(w.Channels) != 1:
			errs[key+".channels"] = "a new tree needs exactly one channel"
		case w.ID == 0 && used[w.Channels[0]]:
			errs[key+".channels"] = "channel " + itoa(w.Channels[0]) + " already has a tree"
		case w.ID == 0:
			used[w.Channels[0]] = true
		}
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "The trees were not valid.", errs)
		return
	}
	out := make([]*categoryTree, 0, len(writes))
	for _, w := range writes {
		t := cv.trees.get(w.ID)
		if t == nil {
			t = &categoryTree{Channels: w.Channels}
			t.ID = cv.trees.insert(t)
		}
		t.Name = strings.TrimSpace(*w.Name)
		out = append(out, t)
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: batchMeta{Total: len(out), Success: len(out)}})
}

// deleteTrees serves DELETE /v3/catalog/trees?id:in=...: the filter is
// required (422 without); the trees' categories go with them.
func (c *call) deleteTrees() {
	f := c.filters("id:in")
	ids := f.intSet("id:in")
	if f.failed {
		return
	}
	if ids == nil {
		c.v3err(http.StatusUnprocessableEntity, "A filter must be supplied with the endpoint.", map[string]string{"id:in": "is required"})
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	cv := c.s.db.cov
	drop := map[int]bool{}
	for _, x := range cv.categories.list(nil) {
		if ids[x.TreeID] {
			drop[x.CategoryID] = true
		}
	}
	cv.categories.remove(drop)
	cv.trees.remove(ids)
	c.noContent()
}

// getCategoryTree serves GET /v3/catalog/trees/{id}/categories: the tree's
// categories nested, down to depth levels when depth is given.
func (c *call) getCategoryTree() {
	f := c.filters("depth")
	depth, hasDepth := f.int("depth")
	if f.failed {
		return
	}
	if !hasDepth || depth <= 0 {
		depth = 1 << 30
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	cv := c.s.db.cov
	if cv.trees.get(c.params[0]) == nil {
		c.v3err(http.StatusNotFound, "The tree was not found.", nil)
		return
	}
	children := map[int][]*treeCategory{}
	for _, x := range cv.categories.list(func(x *treeCategory) bool { return x.TreeID == c.params[0] }) {
		children[x.ParentID] = append(children[x.ParentID], x)
	}
	var build func(parent, level int, path []int) []categoryNode
	build = func(parent, level int, path []int) []categoryNode {
		out := []categoryNode{}
		if level > depth {
			return out
		}
		for _, x := range children[parent] {
			p := append([]int{}, path...)
			out = append(out, categoryNode{
				ID: x.CategoryID, ParentID: x.ParentID, Depth: level, Path: p, Name: x.Name, IsVisible: x.IsVisible,
				URL: x.URL.Path, Children: build(x.CategoryID, level+1, append(append([]int{}, path...), x.CategoryID)),
			})
		}
		return out
	}
	c.json(http.StatusOK, listEnvelope{Data: build(0, 1, []int{}), Meta: emptyMeta{}})
}
