package bigcommerce

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"strings"
)

// CategoriesService manages catalog categories through the category-trees
// API (V3 /v3/catalog/trees and /v3/catalog/trees/categories), where each
// storefront channel has its own tree. It is reached through
// Client.Categories and needs the store_v2_products scope
// (store_v2_products_read_only for reads).
//
// It deliberately does not use the single-tree /v3/catalog/categories
// endpoints, which BigCommerce has deprecated in favour of these: they see
// only the first channel's tree.
//
// Create, Update and Delete write one category. Batch writes (CreateMany,
// UpdateMany, UpsertTrees) take any number of items and send them in
// chunks; a chunk BigCommerce rejects fails its items in a *BatchError by
// input index, the other chunks are still sent.
type CategoriesService service

const (
	// CategoryBatchSize is how many categories CreateMany and UpdateMany
	// send per request. The spec documents no per-request limit for
	// categories, so the SDK uses the trees endpoint's documented 50.
	CategoryBatchSize = 50
	// CategoryTreeBatchSize is the most trees PUT /v3/catalog/trees accepts
	// in one request ("Batches are limited to 50 trees").
	CategoryTreeBatchSize = 50
)

const (
	treesPath          = "/v3/catalog/trees"
	treeCategoriesPath = "/v3/catalog/trees/categories"
)

// CategorySort is the storefront product order of a category
// (default_product_sort).
type CategorySort string

// Category product orders.
const (
	CategorySortStoreSettings     CategorySort = "use_store_settings"
	CategorySortFeatured          CategorySort = "featured"
	CategorySortNewest            CategorySort = "newest"
	CategorySortBestSelling       CategorySort = "best_selling"
	CategorySortAlphaAsc          CategorySort = "alpha_asc"
	CategorySortAlphaDesc         CategorySort = "alpha_desc"
	CategorySortAvgCustomerReview CategorySort = "avg_customer_review"
	CategorySortPriceAsc          CategorySort = "price_asc"
	CategorySortPriceDesc         CategorySort = "price_desc"
)

// CategoryURL is a category's storefront path and whether it was changed
// from the generated one.
type CategoryURL struct {
	// Path is the storefront path ("/bath/").
	Path string `json:"path"`
	// IsCustomized is true when the path is not the generated one.
	IsCustomized bool `json:"is_customized"`
}

// Category is a category of a category tree (GetCategories).
type Category struct {
	// CategoryID is the category's id.
	CategoryID int `json:"category_id"`
	// CategoryUUID is the category's UUID.
	CategoryUUID string `json:"category_uuid"`
	// ParentID is the parent category; 0 for a top-level category.
	ParentID int `json:"parent_id"`
	// TreeID is the tree the category belongs to.
	TreeID int `json:"tree_id"`
	// Name is the category's name (at most 50 characters).
	Name string `json:"name"`
	// Description is the category's HTML description.
	Description string `json:"description"`
	// Views is how often the category page was viewed.
	Views int `json:"views"`
	// SortOrder orders categories among their siblings.
	SortOrder int `json:"sort_order"`
	// PageTitle is the browser title of the category's page.
	PageTitle string `json:"page_title"`
	// MetaKeywords are the page's meta keywords.
	MetaKeywords []string `json:"meta_keywords"`
	// MetaDescription is the page's meta description.
	MetaDescription string `json:"meta_description"`
	// LayoutFile is the theme template ("category.html").
	LayoutFile string `json:"layout_file"`
	// ImageURL is the category's image.
	ImageURL string `json:"image_url"`
	// IsVisible says whether the category shows on the storefront.
	IsVisible bool `json:"is_visible"`
	// SearchKeywords are comma-separated search keywords.
	SearchKeywords string `json:"search_keywords"`
	// DefaultProductSort is the storefront product order.
	DefaultProductSort CategorySort `json:"default_product_sort"`
	// URL is the storefront path.
	URL *CategoryURL `json:"url,omitempty"`
}

// CategoryFields are the optional fields CategoryCreate and CategoryUpdate
// share; nil fields are not sent.
type CategoryFields struct {
	// Description is the HTML description.
	Description *string `json:"description,omitempty"`
	// Views sets the view count.
	Views *int `json:"views,omitempty"`
	// SortOrder orders the category among its siblings.
	SortOrder *int `json:"sort_order,omitempty"`
	// PageTitle is the browser title.
	PageTitle *string `json:"page_title,omitempty"`
	// MetaKeywords are the meta keywords; an empty non-nil slice clears them.
	MetaKeywords []string `json:"meta_keywords,omitzero"`
	// MetaDescription is the meta description.
	MetaDescription *string `json:"meta_description,omitempty"`
	// LayoutFile is the theme template.
	LayoutFile *string `json:"layout_file,omitempty"`
	// ImageURL is an image for BigCommerce to download; Ptr("") removes it.
	ImageURL *string `json:"image_url,omitempty"`
	// IsVisible shows or hides the category.
	IsVisible *bool `json:"is_visible,omitempty"`
	// SearchKeywords are comma-separated search keywords.
	SearchKeywords *string `json:"search_keywords,omitempty"`
	// DefaultProductSort is the storefront product order.
	DefaultProductSort CategorySort `json:"default_product_sort,omitempty"`
	// URL sets the storefront path.
	URL *CategoryURL `json:"url,omitempty"`
}

// CategoryCreate is one category for Create (CreateCategories). Name and
// TreeID or ParentID are required.
//
// The spec's schema demands both tree_id and parent_id (anyOf with one
// branch requiring both), its description "tree_id or parent_id": the SDK
// requires at least one and sends only those that are set.
type CategoryCreate struct {
	// Name is the category's name (required, 1 to 50 characters).
	Name string `json:"name"`
	// TreeID is the tree to create the category in.
	TreeID int `json:"tree_id,omitempty"`
	// ParentID is the parent category; 0 with TreeID set creates a
	// top-level category.
	ParentID int `json:"parent_id,omitempty"`
	CategoryFields
}

// CategoryUpdate is one category change for Update or UpdateMany
// (UpdateCategories). CategoryID is required by UpdateMany (Update sets it
// from its id); nil fields are left unchanged.
type CategoryUpdate struct {
	// CategoryID is the category to change (required).
	CategoryID int `json:"category_id"`
	// Name is the new name.
	Name *string `json:"name,omitempty"`
	// TreeID moves the category to another tree.
	TreeID *int `json:"tree_id,omitempty"`
	// ParentID moves the category; Ptr(0) makes it top-level.
	ParentID *int `json:"parent_id,omitempty"`
	CategoryFields
}

// CategoryFilter selects categories for List and All (GET
// /v3/catalog/trees/categories). The zero value lists every category of
// every tree.
type CategoryFilter struct {
	// CategoryIDIn keeps these categories (category_id:in).
	CategoryIDIn IntList `url:"category_id:in,omitempty"`
	// CategoryIDNotIn drops these categories (category_id:not_in).
	CategoryIDNotIn IntList `url:"category_id:not_in,omitempty"`
	// CategoryUUIDIn keeps these categories (category_uuid:in).
	CategoryUUIDIn StringList `url:"category_uuid:in,omitempty"`
	// CategoryUUIDNotIn drops these categories (category_uuid:not_in).
	CategoryUUIDNotIn StringList `url:"category_uuid:not_in,omitempty"`
	// TreeIDIn keeps the categories of these trees (tree_id:in).
	TreeIDIn IntList `url:"tree_id:in,omitempty"`
	// TreeIDNotIn drops the categories of these trees (tree_id:not_in).
	TreeIDNotIn IntList `url:"tree_id:not_in,omitempty"`
	// ParentIDIn keeps the children of these categories (parent_id:in; 0
	// for top-level categories).
	ParentIDIn IntList `url:"parent_id:in,omitempty"`
	// ParentIDNotIn drops the children of these categories (parent_id:not_in).
	ParentIDNotIn IntList `url:"parent_id:not_in,omitempty"`
	// Name keeps categories with exactly this name.
	Name string `url:"name,omitempty"`
	// NameLike keeps categories whose name contains this (name:like).
	NameLike string `url:"name:like,omitempty"`
	// PageTitle keeps categories with exactly this page title.
	PageTitle string `url:"page_title,omitempty"`
	// PageTitleLike keeps categories whose page title contains this.
	PageTitleLike string `url:"page_title:like,omitempty"`
	// Keyword keeps categories with this keyword in name, description or
	// search keywords.
	Keyword string `url:"keyword,omitempty"`
	// IsVisible keeps visible (true) or hidden (false) categories.
	IsVisible *bool `url:"is_visible,omitempty"`
	// IncludeFields returns only these fields (and the id).
	IncludeFields StringList `url:"include_fields,omitempty"`
	// ExcludeFields leaves these fields out.
	ExcludeFields StringList `url:"exclude_fields,omitempty"`
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// Limit is the page size (default 50, at most 250).
	Limit int `url:"limit,omitempty"`
}

func (f *CategoryFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// CategoryDeleteFilter selects the categories DeleteWhere deletes. At least
// one field must be set.
type CategoryDeleteFilter struct {
	// CategoryIDIn deletes these categories (category_id:in).
	CategoryIDIn IntList `url:"category_id:in,omitempty"`
	// CategoryUUIDIn deletes these categories (category_uuid:in).
	CategoryUUIDIn StringList `url:"category_uuid:in,omitempty"`
	// TreeIDIn deletes every category of these trees (tree_id:in).
	TreeIDIn IntList `url:"tree_id:in,omitempty"`
	// ParentIDIn deletes the children of these categories (parent_id:in).
	ParentIDIn IntList `url:"parent_id:in,omitempty"`
}

// CategoryTree is a category tree and the channel it serves (Tree).
type CategoryTree struct {
	// ID is the tree's id.
	ID int `json:"id"`
	// Name is the tree's name.
	Name string `json:"name"`
	// Channels are the channels the tree is assigned to (at most one).
	Channels []int `json:"channels"`
}

// CategoryTreeUpsert is one tree for UpsertTrees: with ID it updates that
// tree, without it creates one.
type CategoryTreeUpsert struct {
	// ID is the tree to update; 0 creates a tree.
	ID int `json:"id,omitempty"`
	// Name is the tree's name (required, 1 to 255 characters).
	Name string `json:"name"`
	// Channels assigns a new tree to one channel (required on create). It
	// must be empty on update: BigCommerce does not support changing it.
	Channels []int `json:"channels,omitempty"`
}

// CategoryTreeFilter selects trees for ListTrees and AllTrees (GET
// /v3/catalog/trees). The spec lists no page or limit for this endpoint
// but answers with meta.pagination, so both are offered.
type CategoryTreeFilter struct {
	// IDIn keeps these trees (id:in).
	IDIn IntList `url:"id:in,omitempty"`
	// ChannelIDIn keeps the trees of these channels (channel_id:in).
	ChannelIDIn IntList `url:"channel_id:in,omitempty"`
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// Limit is the page size.
	Limit int `url:"limit,omitempty"`
}

func (f *CategoryTreeFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// CategoryNode is a category inside GetTree's nested answer (CategoryNode).
// The spec's example shows children as strings; its schema (followed here)
// and the API give nodes.
type CategoryNode struct {
	// ID is the category's id.
	ID int `json:"id"`
	// ParentID is the parent category; 0 at the top.
	ParentID int `json:"parent_id"`
	// Depth is the category's level, 1 at the top.
	Depth int `json:"depth"`
	// Path lists the ids of the category's ancestors, top first.
	Path []int `json:"path"`
	// Name is the category's name.
	Name string `json:"name"`
	// IsVisible says whether the category shows on the storefront.
	IsVisible bool `json:"is_visible"`
	// Children are the category's subcategories.
	Children []CategoryNode `json:"children"`
	// URL is the storefront path.
	URL string `json:"url"`
}

// List returns one page of categories: GET /v3/catalog/trees/categories.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable.
func (s *CategoriesService) List(ctx context.Context, filter *CategoryFilter) ([]Category, *Response, error) {
	return listV3[Category](ctx, s.client, treeCategoriesPath, filter)
}

// All iterates over every category matching filter: GET
// /v3/catalog/trees/categories, 250 per page unless filter.Limit is set.
//
// The endpoint has no id bound and no sort, so All walks by page offset
// in the API's default order. A category deleted during the walk from a
// page already read makes it skip one category; one created in the middle
// of that order makes it yield one category twice. For an exact snapshot
// of one tree's structure use GetTree, which answers in one request.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable. An error is
// yielded once and ends the walk.
func (s *CategoriesService) All(ctx context.Context, filter *CategoryFilter) iter.Seq2[Category, error] {
	return walk(ctx, s.client, filter, MaxPageSize, s.List)
}

// Get returns one category: GET /v3/catalog/trees/categories?category_id:in={id}
// (the category-trees API has no single-category endpoint). An id of 0 or
// less is refused before anything is sent (ErrInvalidRequest); when no
// category has that id the error matches ErrNotFound (an *Error with
// StatusCode 404 made by the SDK: BigCommerce answers an empty list).
func (s *CategoriesService) Get(ctx context.Context, id int) (*Category, *Response, error) {
	const op = "Categories.Get"
	if err := checkID(op, "category id", id); err != nil {
		return nil, &Response{}, err
	}
	list, resp, err := s.List(ctx, &CategoryFilter{CategoryIDIn: IntList{id}})
	if err != nil {
		return nil, resp, err
	}
	for i := range list {
		if list[i].CategoryID == id {
			return &list[i], resp, nil
		}
	}
	return nil, resp, notFoundError(http.MethodGet, treeCategoriesPath, fmt.Sprintf("no category with id %d", id))
}

// Create creates one category: POST /v3/catalog/trees/categories with a
// one-item batch. It needs Name and TreeID or ParentID; a wrong field is a
// *ValidationError (ErrInvalidRequest) and nothing is sent. A category
// BigCommerce refuses is an error matching ErrUnprocessable with the fields
// in *Error.Fields. If the request may have reached BigCommerce and no
// answer proves its fate (a 5xx, a cut connection), the error matches
// ErrOutcomeUnknown and the SDK does not resend it: look the category up by
// name before sending it again.
func (s *CategoriesService) Create(ctx context.Context, category CategoryCreate) (*Category, *Response, error) {
	if err := checkCategoryCreate("Categories.Create", 0, category); err != nil {
		return nil, &Response{}, err
	}
	return oneOf(s.CreateMany(ctx, []CategoryCreate{category}))
}

// CreateMany creates categories: POST /v3/catalog/trees/categories, in chunks
// of CategoryBatchSize. It returns the created categories in input order
// and a *BatchError naming each input index that failed. On a 207 the
// categories BigCommerce created are returned; the items the 207 names by
// index failed, and when it names none every item of that chunk is in
// BatchError.Unknown (UnknownIndexes), since any may have been created:
// match results to inputs by name before resending them.
// Each item needs Name and TreeID or ParentID, or nothing is sent.
func (s *CategoriesService) CreateMany(ctx context.Context, categories []CategoryCreate) ([]Category, *Response, error) {
	const op = "Categories.CreateMany"
	if len(categories) == 0 {
		return nil, &Response{}, invalid(op, "no categories given")
	}
	for i, c := range categories {
		if err := checkCategoryCreate(op, i, c); err != nil {
			return nil, &Response{}, err
		}
	}
	return writeBatch[CategoryCreate, Category](ctx, s.client, op, http.MethodPost, treeCategoriesPath, categories, CategoryBatchSize, cap(s.client.sem))
}

// Update changes one category: PUT /v3/catalog/trees/categories with a
// one-item batch. BigCommerce answers without the category, so only the
// *Response is returned. category.CategoryID may be left 0 (if set, it must
// equal id). An id of 0 or less is refused before anything is sent
// (ErrInvalidRequest); an unknown id, or a change BigCommerce refuses, is an
// error matching ErrUnprocessable, not ErrNotFound
// (category-trees_catalog.v3.yml lists 422, not 404, for this batch endpoint).
func (s *CategoriesService) Update(ctx context.Context, id int, category CategoryUpdate) (*Response, error) {
	const op = "Categories.Update"
	if err := checkID(op, "category id", id); err != nil {
		return &Response{}, err
	}
	if category.CategoryID != 0 && category.CategoryID != id {
		return &Response{}, invalid(op, "the update's CategoryID (%d) differs from the category id (%d)", category.CategoryID, id)
	}
	category.CategoryID = id
	return oneErr(s.UpdateMany(ctx, []CategoryUpdate{category}))
}

// UpdateMany changes categories: PUT /v3/catalog/trees/categories, in chunks
// of CategoryBatchSize. BigCommerce answers without the categories, so only
// the last *Response is returned, with a *BatchError naming each input
// index that failed. Every item needs a CategoryID, or nothing is sent.
func (s *CategoriesService) UpdateMany(ctx context.Context, categories []CategoryUpdate) (*Response, error) {
	const op = "Categories.UpdateMany"
	if len(categories) == 0 {
		return &Response{}, invalid(op, "no categories given")
	}
	for i, c := range categories {
		if c.CategoryID <= 0 {
			return &Response{}, invalid(op, "category %d: CategoryID must be a positive id, got %d", i, c.CategoryID)
		}
		if c.Name != nil {
			if err := checkCategoryName(op, i, *c.Name); err != nil {
				return &Response{}, err
			}
		}
	}
	_, resp, err := writeBatch[CategoryUpdate, struct{}](ctx, s.client, op, http.MethodPut, treeCategoriesPath, categories, CategoryBatchSize, cap(s.client.sem))
	return resp, err
}

// Delete deletes one category: DELETE
// /v3/catalog/trees/categories?category_id:in={id}. An id of 0 or less is
// refused before anything is sent (ErrInvalidRequest). BigCommerce answers
// whether or not the category existed, so deleting an unknown id is not an
// error.
func (s *CategoriesService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("Categories.Delete", "category id", id); err != nil {
		return &Response{}, err
	}
	return oneErr(s.DeleteMany(ctx, id))
}

// DeleteMany deletes categories by id: DELETE
// /v3/catalog/trees/categories?category_id:in=..., 50 ids per request. At
// least one id is required, and every id must be positive.
//
// No ids, or an id of 0 or less, is refused before anything is sent
// (ErrInvalidRequest). The ids of a request that failed come back as one
// *BatchError naming them by their index in ids. BigCommerce answers whether
// or not a category existed, so an unknown id is not an error.
func (s *CategoriesService) DeleteMany(ctx context.Context, ids ...int) (*Response, error) {
	return deleteIDs(ctx, s.client, "Categories.DeleteMany", treeCategoriesPath, ids, deleteIDChunk, cap(s.client.sem), func(chunk []int) any {
		return &CategoryDeleteFilter{CategoryIDIn: chunk}
	})
}

// DeleteWhere deletes the categories matching filter: DELETE
// /v3/catalog/trees/categories?... . TreeIDIn deletes whole trees'
// categories, ParentIDIn whole branches. An empty filter is refused before
// anything is sent.
//
// A nil or empty filter is refused before anything is sent
// (ErrInvalidRequest): BigCommerce would apply an unfiltered DELETE to every
// category. A filter value BigCommerce rejects is an error matching
// ErrUnprocessable.
func (s *CategoriesService) DeleteWhere(ctx context.Context, filter *CategoryDeleteFilter) (*Response, error) {
	return deleteWhere(ctx, s.client, "Categories.DeleteWhere", treeCategoriesPath, filter)
}

// ListTrees returns one page of category trees: GET /v3/catalog/trees.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable.
func (s *CategoriesService) ListTrees(ctx context.Context, filter *CategoryTreeFilter) ([]CategoryTree, *Response, error) {
	return listV3[CategoryTree](ctx, s.client, treesPath, filter)
}

// AllTrees iterates over every category tree matching filter: GET
// /v3/catalog/trees. A store has one tree per channel at most, so this is
// nearly always one page; the walk is by page offset (the endpoint has no
// id bound), so a tree deleted during a multi-page walk can make it skip
// one.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable. An error is
// yielded once and ends the walk.
func (s *CategoriesService) AllTrees(ctx context.Context, filter *CategoryTreeFilter) iter.Seq2[CategoryTree, error] {
	return walk(ctx, s.client, filter, MaxPageSize, s.ListTrees)
}

// UpsertTrees creates trees (items without ID) and updates trees (with
// ID): PUT /v3/catalog/trees, 50 per request. New trees need exactly one
// channel; updates must not set Channels. It returns the trees written in
// input order and a *BatchError naming each input index that failed.
func (s *CategoriesService) UpsertTrees(ctx context.Context, trees []CategoryTreeUpsert) ([]CategoryTree, *Response, error) {
	const op = "Categories.UpsertTrees"
	if len(trees) == 0 {
		return nil, &Response{}, invalid(op, "no trees given")
	}
	for i, t := range trees {
		switch n := len([]rune(strings.TrimSpace(t.Name))); {
		case n == 0 || len([]rune(t.Name)) > 255:
			return nil, &Response{}, invalid(op, "tree %d: Name must have 1 to 255 characters", i)
		case t.ID < 0:
			return nil, &Response{}, invalid(op, "tree %d: ID must be 0 (create) or a tree id, got %d", i, t.ID)
		case t.ID == 0 && len(t.Channels) != 1:
			return nil, &Response{}, invalid(op, "tree %d: a new tree needs exactly one channel in Channels, got %d", i, len(t.Channels))
		case t.ID > 0 && len(t.Channels) > 0:
			return nil, &Response{}, invalid(op, "tree %d: Channels must be empty when updating a tree (BigCommerce cannot reassign it)", i)
		}
	}
	return writeBatch[CategoryTreeUpsert, CategoryTree](ctx, s.client, op, http.MethodPut, treesPath, trees, CategoryTreeBatchSize, cap(s.client.sem))
}

// DeleteTrees deletes category trees and their categories by id: DELETE
// /v3/catalog/trees?id:in=..., 50 ids per request. At least one id is
// required: the SDK never sends the unfiltered DELETE.
//
// No ids, or an id of 0 or less, is refused before anything is sent
// (ErrInvalidRequest). The ids of a request that failed come back as one
// *BatchError naming them by their index in ids.
func (s *CategoriesService) DeleteTrees(ctx context.Context, ids ...int) (*Response, error) {
	return deleteIDs(ctx, s.client, "Categories.DeleteTrees", treesPath, ids, deleteIDChunk, cap(s.client.sem), idInQuery)
}

// CategoryTreeGetOptions are the query options of GetTree (GET
// /v3/catalog/trees/{tree_id}/categories).
type CategoryTreeGetOptions struct {
	// Depth limits how many levels come back; 0 means all.
	Depth int `url:"depth,omitempty"`
}

// GetTree returns one tree's categories as nested nodes, top-level
// categories first: GET /v3/catalog/trees/{tree_id}/categories. opts may be
// nil (every level). BigCommerce allows only one concurrent request to
// this endpoint. A tree id of 0 or less, or a negative Depth, is refused
// before anything is sent (ErrInvalidRequest); a tree BigCommerce does not
// know is an error matching ErrNotFound.
func (s *CategoriesService) GetTree(ctx context.Context, treeID int, opts *CategoryTreeGetOptions) ([]CategoryNode, *Response, error) {
	const op = "Categories.GetTree"
	if err := checkID(op, "tree id", treeID); err != nil {
		return nil, &Response{}, err
	}
	var q any
	if opts != nil {
		if opts.Depth < 0 {
			return nil, &Response{}, invalid(op, "Depth must be 0 (all levels) or more, got %d", opts.Depth)
		}
		q = opts
	}
	path := treesPath + "/" + strconv.Itoa(treeID) + "/categories"
	nodes, resp, err := getV3[[]CategoryNode](ctx, s.client, http.MethodGet, path, q, nil)
	if err != nil {
		return nil, resp, err
	}
	return nodes, resp, nil
}

// CategoryBranch is a category with its subcategories, as NestCategories
// builds it from a flat list.
type CategoryBranch struct {
	Category
	// Children are the subcategories, in the order the list gave them.
	Children []*CategoryBranch
}

// NestCategories arranges a flat list of categories (from All or List)
// into trees of full Category values: it returns the roots, i.e. the
// categories whose parent is not in the list (top-level categories, or the
// tops of a partial list), in list order. Categories of different trees
// stay apart because ids are unique store-wide. It makes no request.
func NestCategories(categories []Category) []*CategoryBranch {
	byID := make(map[int]*CategoryBranch, len(categories))
	branches := make([]*CategoryBranch, len(categories))
	for i, c := range categories {
		branches[i] = &CategoryBranch{Category: c}
		byID[c.CategoryID] = branches[i]
	}
	var roots []*CategoryBranch
	for _, b := range branches {
		if p := byID[b.ParentID]; p != nil && b.ParentID != b.CategoryID {
			p.Children = append(p.Children, b)
			continue
		}
		roots = append(roots, b)
	}
	return roots
}

// checkCategoryCreate checks item i of a create.
func checkCategoryCreate(op string, i int, c CategoryCreate) error {
	if err := checkCategoryName(op, i, c.Name); err != nil {
		return err
	}
	// The spec's CreateCategories schema has an anyOf whose one branch
	// requires both tree_id and parent_id, while its descriptions ask
	// for tree_id (top level) or parent_id (a child): the SDK follows
	// the descriptions (see specExceptions).
	if c.TreeID <= 0 && c.ParentID <= 0 {
		return invalid(op, "category %d: set TreeID or ParentID", i)
	}
	return nil
}

func checkCategoryName(op string, i int, name string) error {
	if n := len([]rune(name)); strings.TrimSpace(name) == "" || n > 50 {
		return invalid(op, "category %d: Name must have 1 to 50 characters, got %q", i, name)
	}
	return nil
}
