package bigcommercetest

import (
	"cmp"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
)

// product is a catalog product (product_Full). The pointer fields at the
// end are sub-resources, filled only when rendering with include.
type product struct {
	ID                          int            `json:"id"`
	Name                        string         `json:"name"`
	Type                        string         `json:"type"`
	SKU                         string         `json:"sku"`
	Description                 string         `json:"description"`
	Weight                      float64        `json:"weight"`
	Width                       float64        `json:"width"`
	Depth                       float64        `json:"depth"`
	Height                      float64        `json:"height"`
	Price                       float64        `json:"price"`
	CostPrice                   float64        `json:"cost_price"`
	RetailPrice                 float64        `json:"retail_price"`
	SalePrice                   float64        `json:"sale_price"`
	MapPrice                    float64        `json:"map_price"`
	TaxClassID                  int            `json:"tax_class_id"`
	ProductTaxCode              string         `json:"product_tax_code"`
	CalculatedPrice             float64        `json:"calculated_price"`
	Categories                  []int          `json:"categories"`
	BrandID                     int            `json:"brand_id"`
	OptionSetID                 *int           `json:"option_set_id"`
	OptionSetDisplay            string         `json:"option_set_display"`
	InventoryLevel              int            `json:"inventory_level"`
	InventoryWarningLevel       int            `json:"inventory_warning_level"`
	InventoryTracking           string         `json:"inventory_tracking"`
	ReviewsRatingSum            int            `json:"reviews_rating_sum"`
	ReviewsCount                int            `json:"reviews_count"`
	TotalSold                   int            `json:"total_sold"`
	FixedCostShippingPrice      float64        `json:"fixed_cost_shipping_price"`
	IsFreeShipping              bool           `json:"is_free_shipping"`
	IsVisible                   bool           `json:"is_visible"`
	IsFeatured                  bool           `json:"is_featured"`
	RelatedProducts             []int          `json:"related_products"`
	Warranty                    string         `json:"warranty"`
	BinPickingNumber            string         `json:"bin_picking_number"`
	LayoutFile                  string         `json:"layout_file"`
	UPC                         string         `json:"upc"`
	MPN                         string         `json:"mpn"`
	GTIN                        string         `json:"gtin"`
	DateLastImported            *time.Time     `json:"date_last_imported"`
	SearchKeywords              string         `json:"search_keywords"`
	Availability                string         `json:"availability"`
	AvailabilityDescription     string         `json:"availability_description"`
	GiftWrappingOptionsType     string         `json:"gift_wrapping_options_type"`
	GiftWrappingOptionsList     []int          `json:"gift_wrapping_options_list"`
	SortOrder                   int            `json:"sort_order"`
	Condition                   string         `json:"condition"`
	IsConditionShown            bool           `json:"is_condition_shown"`
	OrderQuantityMinimum        int            `json:"order_quantity_minimum"`
	OrderQuantityMaximum        int            `json:"order_quantity_maximum"`
	PageTitle                   string         `json:"page_title"`
	MetaKeywords                []string       `json:"meta_keywords"`
	MetaDescription             string         `json:"meta_description"`
	DateCreated                 time.Time      `json:"date_created"`
	DateModified                time.Time      `json:"date_modified"`
	ViewCount                   int            `json:"view_count"`
	PreorderReleaseDate         *time.Time     `json:"preorder_release_date"`
	PreorderMessage             string         `json:"preorder_message"`
	IsPreorderOnly              bool           `json:"is_preorder_only"`
	IsPriceHidden               bool           `json:"is_price_hidden"`
	PriceHiddenLabel            string         `json:"price_hidden_label"`
	CustomURL                   customURL      `json:"custom_url"`
	BaseVariantID               *int           `json:"base_variant_id"`
	OpenGraphType               string         `json:"open_graph_type"`
	OpenGraphTitle              string         `json:"open_graph_title"`
	OpenGraphDescription        string         `json:"open_graph_description"`
	OpenGraphUseMetaDescription bool           `json:"open_graph_use_meta_description"`
	OpenGraphUseProductName     bool           `json:"open_graph_use_product_name"`
	OpenGraphUseImage           bool           `json:"open_graph_use_image"`
	Variants                    *[]variant     `json:"variants,omitempty"`
	Images                      *[]image       `json:"images,omitempty"`
	PrimaryImage                *image         `json:"primary_image,omitempty"`
	CustomFields                *[]customField `json:"custom_fields,omitempty"`
	BulkPricingRules            *[]struct{}    `json:"bulk_pricing_rules,omitempty"`
	Options                     *[]option      `json:"options,omitempty"`
	Modifiers                   *[]struct{}    `json:"modifiers,omitempty"`
	Videos                      *[]struct{}    `json:"videos,omitempty"`
	Reviews                     *[]struct{}    `json:"reviews,omitempty"`
	ParentRelations             *[]struct{}    `json:"parent_relations,omitempty"`
	Channels                    *[]int         `json:"channels,omitempty"`

	variantIDs   []int
	images       []image
	customFields []customField
	options      []option
}

type customURL struct {
	URL          string `json:"url"`
	IsCustomized bool   `json:"is_customized"`
}

// image is a product image (productImage_Full).
type image struct {
	ID           int       `json:"id"`
	ProductID    int       `json:"product_id"`
	IsThumbnail  bool      `json:"is_thumbnail"`
	SortOrder    int       `json:"sort_order"`
	Description  string    `json:"description"`
	ImageFile    string    `json:"image_file"`
	URLZoom      string    `json:"url_zoom"`
	URLStandard  string    `json:"url_standard"`
	URLThumbnail string    `json:"url_thumbnail"`
	URLTiny      string    `json:"url_tiny"`
	DateModified time.Time `json:"date_modified"`
}

// customField is a product custom field.
type customField struct {
	ID    int    `json:"id"`
	Name  string `json:"name"`
	Value string `json:"value"`
}

// option is a product variant option.
type option struct {
	ID           int           `json:"id"`
	ProductID    int           `json:"product_id"`
	DisplayName  string        `json:"display_name"`
	Type         string        `json:"type"`
	SortOrder    int           `json:"sort_order"`
	OptionValues []optionValue `json:"option_values"`
}

// optionValue is an option value, as listed under an option.
type optionValue struct {
	ID        int    `json:"id"`
	Label     string `json:"label"`
	SortOrder int    `json:"sort_order"`
	IsDefault bool   `json:"is_default"`
}

// variantOptionValue is an option value as listed under a variant.
type variantOptionValue struct {
	ID                int    `json:"id"`
	Label             string `json:"label"`
	OptionID          int    `json:"option_id"`
	OptionDisplayName string `json:"option_display_name"`
}

// variant is a product variant (productVariant_Full). Prices, sizes and
// inventory are nullable: null means "inherit from the product".
type variant struct {
	ID                        int                  `json:"id"`
	ProductID                 int                  `json:"product_id"`
	SKU                       string               `json:"sku"`
	SKUID                     *int                 `json:"sku_id"`
	Price                     *float64             `json:"price"`
	CalculatedPrice           float64              `json:"calculated_price"`
	SalePrice                 *float64             `json:"sale_price"`
	RetailPrice               *float64             `json:"retail_price"`
	CostPrice                 *float64             `json:"cost_price"`
	Weight                    *float64             `json:"weight"`
	CalculatedWeight          float64              `json:"calculated_weight"`
	Width                     *float64             `json:"width"`
	Height                    *float64             `json:"height"`
	Depth                     *float64             `json:"depth"`
	IsFreeShipping            bool                 `json:"is_free_shipping"`
	FixedCostShippingPrice    *float64             `json:"fixed_cost_shipping_price"`
	PurchasingDisabled        bool                 `json:"purchasing_disabled"`
	PurchasingDisabledMessage string               `json:"purchasing_disabled_message"`
	ImageURL                  string               `json:"image_url"`
	UPC                       string               `json:"upc"`
	MPN                       string               `json:"mpn"`
	GTIN                      string               `json:"gtin"`
	InventoryLevel            *int                 `json:"inventory_level"`
	InventoryWarningLevel     *int                 `json:"inventory_warning_level"`
	BinPickingNumber          string               `json:"bin_picking_number"`
	OptionValues              []variantOptionValue `json:"option_values"`
}

// productIncludes are the accepted include values for products.
var productIncludes = []string{"bulk_pricing_rules", "channels", "custom_fields", "images", "modifiers",
	"options", "parent_relations", "primary_image", "reviews", "variants", "videos"}

// viewVariant renders a variant with computed fields.
func (d *data) viewVariant(v *variant) variant {
	out := *v
	lvl := d.variantLevel(v.ID)
	out.InventoryLevel = &lvl
	if out.InventoryWarningLevel == nil {
		out.InventoryWarningLevel = new(int)
	}
	p := d.products[v.ProductID]
	if p != nil {
		out.CalculatedPrice = calculatedPrice(p)
		if v.Price != nil {
			out.CalculatedPrice = *v.Price
		}
		if v.SalePrice != nil && *v.SalePrice > 0 {
			out.CalculatedPrice = *v.SalePrice
		}
		out.CalculatedWeight = p.Weight
		if v.Weight != nil {
			out.CalculatedWeight = *v.Weight
		}
	}
	if out.OptionValues == nil {
		out.OptionValues = []variantOptionValue{}
	}
	return out
}

// viewProduct renders a product with computed fields and includes.
func (d *data) viewProduct(p *product, inc map[string]bool) product {
	out := *p
	out.InventoryLevel = d.productLevel(p)
	out.CalculatedPrice = calculatedPrice(p)
	if len(p.variantIDs) == 1 && d.variants[p.variantIDs[0]].SKUID == nil {
		id := p.variantIDs[0]
		out.BaseVariantID = &id
	} else {
		out.BaseVariantID = nil
	}
	if inc["variants"] {
		vs := make([]variant, 0, len(p.variantIDs))
		for _, id := range p.variantIDs {
			vs = append(vs, d.viewVariant(d.variants[id]))
		}
		out.Variants = &vs
	}
	if inc["images"] {
		imgs := slices.Clone(p.images)
		if imgs == nil {
			imgs = []image{}
		}
		out.Images = &imgs
	}
	if inc["primary_image"] {
		for _, im := range p.images {
			if im.IsThumbnail {
				im := im
				out.PrimaryImage = &im
				break
			}
		}
	}
	if inc["custom_fields"] {
		cf := slices.Clone(p.customFields)
		if cf == nil {
			cf = []customField{}
		}
		out.CustomFields = &cf
	}
	if inc["options"] {
		opts := slices.Clone(p.options)
		if opts == nil {
			opts = []option{}
		}
		out.Options = &opts
	}
	empty := func(key string) *[]struct{} {
		if inc[key] {
			return &[]struct{}{}
		}
		return nil
	}
	out.BulkPricingRules = empty("bulk_pricing_rules")
	out.Modifiers = empty("modifiers")
	out.Videos = empty("videos")
	out.Reviews = empty("reviews")
	out.ParentRelations = empty("parent_relations")
	if inc["channels"] {
		out.Channels = &[]int{1}
	}
	return out
}

func calculatedPrice(p *product) float64 {
	if p.SalePrice > 0 {
		return p.SalePrice
	}
	return p.Price
}

// fieldFilter implements include_fields and exclude_fields.
type fieldFilter struct {
	include, exclude map[string]bool
	keep             map[string]bool // always kept (id, included sub-resources)
}

func (f *filters) fieldFilter(inc map[string]bool) fieldFilter {
	ff := fieldFilter{keep: map[string]bool{"id": true}}
	if v := f.list("include_fields"); v != nil {
		ff.include = map[string]bool{}
		for _, k := range v {
			ff.include[k] = true
		}
	}
	if v := f.list("exclude_fields"); v != nil {
		ff.exclude = map[string]bool{}
		for _, k := range v {
			ff.exclude[k] = true
		}
	}
	for k := range inc {
		ff.keep[k] = true
	}
	return ff
}

// apply trims v's JSON fields, returning v unchanged when no filter is set.
func (ff fieldFilter) apply(v any) any {
	if ff.include == nil && ff.exclude == nil {
		return v
	}
	b, err := json.Marshal(v)
	if err != nil {
		return v
	}
	var m map[string]json.RawMessage
	if json.Unmarshal(b, &m) != nil {
		return v
	}
	for k := range m {
		if ff.keep[k] {
			continue
		}
		if (ff.include != nil && !ff.include[k]) || ff.exclude[k] {
			delete(m, k)
		}
	}
	return m
}

// listProducts serves GET /v3/catalog/products.
func (c *call) listProducts() {
	f := c.filters("id", "id:in", "id:not_in", "id:min", "id:max", "id:greater", "id:less",
		"channel_id:in", "name", "mpn", "upc", "price", "weight", "condition", "brand_id",
		"date_modified", "date_modified:min", "date_modified:max",
		"date_last_imported", "date_last_imported:not", "date_last_imported:min", "date_last_imported:max",
		"is_visible", "is_featured", "is_free_shipping",
		"inventory_level", "inventory_level:in", "inventory_level:not_in", "inventory_level:min",
		"inventory_level:max", "inventory_level:greater", "inventory_level:less",
		"inventory_low", "out_of_stock", "total_sold", "type", "categories", "categories:in",
		"keyword", "keyword_context", "availability", "sku", "sku:in",
		"include", "include_fields", "exclude_fields", "page", "limit", "sort", "direction")
	page, limit := f.paging(250)
	inc := f.includes(productIncludes)
	ff := f.fieldFilter(inc)
	match := f.productMatcher()
	sortBy := f.oneOf("sort", "id", "name", "sku", "price", "date_modified", "date_last_imported",
		"inventory_level", "is_visible", "total_sold", "calculated_price")
	dir := f.oneOf("direction", "asc", "desc")
	if f.failed {
		return
	}
	if (inc["options"] || inc["modifiers"]) && limit > 10 {
		limit = 10
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	d := c.s.db
	list := make([]*product, 0, 64)
	for _, id := range d.productIDs {
		if p := d.products[id]; match(d, p) {
			list = append(list, p)
		}
	}
	sortProducts(d, list, sortBy, descending(dir))
	items, pg := pageOf(list, page, limit)
	out := make([]any, 0, len(items))
	for _, p := range items {
		out = append(out, ff.apply(d.viewProduct(p, inc)))
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: listMeta{Pagination: pg}})
}

// productMatcher reads the product filters and returns the predicate.
func (f *filters) productMatcher() func(*data, *product) bool {
	var preds []func(*data, *product) bool
	add := func(p func(*data, *product) bool) { preds = append(preds, p) }

	intCmp := func(key string, get func(*data, *product) int) {
		if v, ok := f.int(key); ok {
			add(func(d *data, p *product) bool { return get(d, p) == v })
		}
		if s := f.intSet(key + ":in"); s != nil {
			add(func(d *data, p *product) bool { return s[get(d, p)] })
		}
		if s := f.intSet(key + ":not_in"); s != nil {
			add(func(d *data, p *product) bool { return !s[get(d, p)] })
		}
		if v, ok := f.int(key + ":min"); ok {
			add(func(d *data, p *product) bool { return get(d, p) >= v })
		}
		if v, ok := f.int(key + ":max"); ok {
			add(func(d *data, p *product) bool { return get(d, p) <= v })
		}
		if v, ok := f.int(key + ":greater"); ok {
			add(func(d *data, p *product) bool { return get(d, p) > v })
		}
		if v, ok := f.int(key + ":less"); ok {
			add(func(d *data, p *product) bool { return get(d, p) < v })
		}
	}
	intCmp("id", func(_ *data, p *product) int { return p.ID })
	intCmp("inventory_level", func(d *data, p *product) int { return d.productLevel(p) })
	if v, ok := f.int("total_sold"); ok {
		add(func(_ *data, p *product) bool { return p.TotalSold == v })
	}
	if v, ok := f.int("brand_id"); ok {
		add(func(_ *data, p *product) bool { return p.BrandID == v })
	}
	if s := f.intSet("channel_id:in"); s != nil {
		add(func(_ *data, _ *product) bool { return s[1] })
	}
	str := func(key string, get func(*product) string) {
		if f.has(key) {
			v := strings.ToLower(f.str(key))
			add(func(_ *data, p *product) bool { return strings.ToLower(get(p)) == v })
		}
	}
	str("name", func(p *product) string { return p.Name })
	str("mpn", func(p *product) string { return p.MPN })
	str("upc", func(p *product) string { return p.UPC })
	str("sku", func(p *product) string { return p.SKU })
	if t := f.oneOf("type", "physical", "digital"); t != "" {
		add(func(_ *data, p *product) bool { return p.Type == t })
	}
	if a := f.oneOf("availability", "available", "disabled", "preorder"); a != "" {
		add(func(_ *data, p *product) bool { return p.Availability == a })
	}
	if cnd := f.oneOf("condition", "new", "used", "refurbished"); cnd != "" {
		add(func(_ *data, p *product) bool { return strings.EqualFold(p.Condition, cnd) })
	}
	if s := f.lowerSet("sku:in"); s != nil {
		add(func(_ *data, p *product) bool { return s[strings.ToLower(p.SKU)] })
	}
	if v, ok := f.float("price"); ok {
		add(func(_ *data, p *product) bool { return p.Price == v })
	}
	if v, ok := f.float("weight"); ok {
		add(func(_ *data, p *product) bool { return p.Weight == v })
	}
	boolean := func(key string, get func(*product) bool) {
		if v, ok := f.bool(key); ok {
			add(func(_ *data, p *product) bool { return get(p) == v })
		}
	}
	boolean("is_visible", func(p *product) bool { return p.IsVisible })
	boolean("is_featured", func(p *product) bool { return p.IsFeatured })
	boolean("is_free_shipping", func(p *product) bool { return p.IsFreeShipping })
	if v, ok := f.bool("out_of_stock"); ok {
		add(func(d *data, p *product) bool { return (d.productLevel(p) <= 0) == v })
	}
	if v, ok := f.bool("inventory_low"); ok {
		add(func(d *data, p *product) bool {
			return (p.InventoryWarningLevel > 0 && d.productLevel(p) <= p.InventoryWarningLevel) == v
		})
	}
	if mod := f.v3Dates("date_modified"); mod.active() {
		add(func(_ *data, p *product) bool { return mod.match(p.DateModified) })
	}
	if imp := f.v3Dates("date_last_imported"); imp.active() {
		add(func(_ *data, p *product) bool { return p.DateLastImported != nil && imp.match(*p.DateLastImported) })
	}
	if f.has("date_last_imported:not") {
		var tr timeRange
		f.timeBound(&tr, "date_last_imported:not", true, true)
		add(func(_ *data, p *product) bool { return p.DateLastImported == nil || !tr.match(*p.DateLastImported) })
	}
	if cats := f.ints("categories"); cats != nil {
		add(func(_ *data, p *product) bool {
			return slices.ContainsFunc(cats, func(c int) bool { return slices.Contains(p.Categories, c) })
		})
	}
	if cats := f.ints("categories:in"); cats != nil {
		add(func(_ *data, p *product) bool {
			for _, c := range cats {
				if !slices.Contains(p.Categories, c) {
					return false
				}
			}
			return true
		})
	}
	f.oneOf("keyword_context", "shopper", "merchant")
	if kw := strings.ToLower(strings.TrimSpace(f.str("keyword"))); kw != "" {
		add(func(_ *data, p *product) bool {
			return strings.Contains(strings.ToLower(p.Name), kw) || strings.Contains(strings.ToLower(p.SKU), kw) ||
				strings.Contains(strings.ToLower(p.Description), kw) || strings.Contains(strings.ToLower(p.SearchKeywords), kw)
		})
	}
	return func(d *data, p *product) bool {
		for _, pr := range preds {
			if !pr(d, p) {
				return false
			}
		}
		return true
	}
}

// sortProducts orders products by a sort field (default id).
func sortProducts(d *data, list []*product, field string, desc bool) {
	if field == "" || field == "id" {
		if desc {
			slices.Reverse(list)
		}
		return
	}
	var levels map[int]int
	if field == "inventory_level" {
		levels = make(map[int]int, len(list))
		for _, p := range list {
			levels[p.ID] = d.productLevel(p)
		}
	}
	slices.SortStableFunc(list, func(a, b *product) int {
		var r int
		switch field {
		case "name":
			r = cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
		case "sku":
			r = cmp.Compare(a.SKU, b.SKU)
		case "price":
			r = cmp.Compare(a.Price, b.Price)
		case "calculated_price":
			r = cmp.Compare(calculatedPrice(a), calculatedPrice(b))
		case "date_modified":
			r = a.DateModified.Compare(b.DateModified)
		case "date_last_imported":
			r = cmp.Compare(unixOrZero(a.DateLastImported), unixOrZero(b.DateLastImported))
		case "inventory_level":
			r = cmp.Compare(levels[a.ID], levels[b.ID])
		case "is_visible":
			r = cmp.Compare(boolInt(a.IsVisible), boolInt(b.IsVisible))
		case "total_sold":
			r = cmp.Compare(a.TotalSold, b.TotalSold)
		}
		if r == 0 {
			r = cmp.Compare(a.ID, b.ID)
		}
		if desc {
			r = -r
		}
		return r
	})
}

func unixOrZero(t *time.Time) int64 {
	if t == nil {
		return 0
	}
	return t.Unix()
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// getProduct serves GET /v3/catalog/products/{id}.
func (c *call) getProduct() {
	f := c.filters("include", "include_fields", "exclude_fields")
	inc := f.includes(productIncludes)
	ff := f.fieldFilter(inc)
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	p := c.s.db.products[c.params[0]]
	if p == nil {
		c.v3err(http.StatusNotFound, "The requested product was not found.", nil)
		return
	}
	c.json(http.StatusOK, listEnvelope{Data: ff.apply(c.s.db.viewProduct(p, inc)), Meta: emptyMeta{}})
}

// multiStatus is the errors member of a 207 response.
type multiStatus struct {
	Status int               `json:"status"`
	Title  string            `json:"title"`
	Type   string            `json:"type"`
	Errors map[string]string `json:"errors"`
}

// multiStatusBody is a 207 response.
type multiStatusBody struct {
	Data   any         `json:"data"`
	Errors multiStatus `json:"errors"`
	Meta   any         `json:"meta"`
}

// productConflict checks name and SKU uniqueness for product p (self is its
// own id, 0 for a new product). It returns a 409 title and errors, or "".
func (d *data) productConflict(p *product, self int) (string, map[string]string) {
	if other, ok := d.nameIndex[strings.ToLower(p.Name)]; ok && other != self {
		return "The product name is a duplicate", map[string]string{"name": "A product with the name '" + p.Name + "' already exists (product " + itoa(other) + ")"}
	}
	if p.SKU != "" {
		if owner, ok := d.skuOwner(p.SKU); ok && owner != self {
			return "Sku " + p.SKU + " is not unique", map[string]string{"sku": "The SKU '" + p.SKU + "' is already in use"}
		}
	}
	return "", nil
}

// skuOwner returns the product owning a SKU (as product SKU or variant SKU).
func (d *data) skuOwner(sku string) (int, bool) {
	if vid, ok := d.skuIndex[strings.ToLower(sku)]; ok {
		return d.variants[vid].ProductID, true
	}
	id, ok := d.productSKUIndex[strings.ToLower(sku)]
	return id, ok
}

// validateProduct checks a product's values.
func validateProduct(p *product, errs map[string]string, prefix string) {
	if strings.TrimSpace(p.Name) == "" {
		errs[prefix+"name"] = "name is required"
	}
	if p.Type != "physical" && p.Type != "digital" {
		errs[prefix+"type"] = "type must be physical or digital"
	}
	if p.Price < 0 {
		errs[prefix+"price"] = "price must be 0 or greater"
	}
	if p.Weight < 0 {
		errs[prefix+"weight"] = "weight must be 0 or greater"
	}
	switch p.InventoryTracking {
	case "none", "product", "variant":
	default:
		errs[prefix+"inventory_tracking"] = "inventory_tracking must be none, product or variant"
	}
	switch p.Availability {
	case "available", "disabled", "preorder":
	default:
		errs[prefix+"availability"] = "availability must be available, disabled or preorder"
	}
	switch p.Condition {
	case "New", "Used", "Refurbished":
	default:
		errs[prefix+"condition"] = "condition must be New, Used or Refurbished"
	}
	if len(p.SKU) > 255 {
		errs[prefix+"sku"] = "sku must be at most 255 characters"
	}
}

// createProduct serves POST /v3/catalog/products: one product, optionally
// with nested variants.
func (c *call) createProduct() {
	f := c.filters("include_fields")
	ff := f.fieldFilter(nil)
	if f.failed {
		return
	}
	var raw map[string]json.RawMessage
	if !c.decodeObject(&raw) {
		return
	}
	errs := map[string]string{}
	for _, k := range []string{"name", "type", "weight", "price"} {
		if _, ok := raw[k]; !ok {
			errs[k] = k + " is required"
		}
	}
	p := newProductDefaults()
	if err := json.Unmarshal(c.body, p); err != nil {
		c.v3err(http.StatusUnprocessableEntity, "The product was not valid.", map[string]string{"body": jsonProblem(err)})
		return
	}
	validateProduct(p, errs, "")
	var nested []variant
	if p.Variants != nil {
		nested = *p.Variants
	}
	for i, v := range nested {
		if strings.TrimSpace(v.SKU) == "" {
			errs["variants."+itoa(i)+".sku"] = "sku is required"
		}
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "The product was not valid.", errs)
		return
	}
	_, levelSet := raw["inventory_level"]
	level := p.InventoryLevel

	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	if title, cerrs := d.productConflict(p, 0); title != "" {
		c.v3err(http.StatusConflict, title, cerrs)
		return
	}
	seen := map[string]bool{strings.ToLower(p.SKU): p.SKU != ""}
	for i, v := range nested {
		k := strings.ToLower(v.SKU)
		if _, taken := d.skuOwner(v.SKU); taken || seen[k] {
			c.v3err(http.StatusConflict, "Sku "+v.SKU+" is not unique", map[string]string{"variants." + itoa(i) + ".sku": "The SKU '" + v.SKU + "' is already in use"})
			return
		}
		seen[k] = true
	}
	failed := c.s.skuFails(p.SKU)
	for _, v := range nested {
		failed = failed || c.s.skuFails(v.SKU)
	}
	now := c.s.now()
	p.ID = d.nextProduct
	d.nextProduct++
	p.DateCreated, p.DateModified = now, now
	p.InventoryLevel, p.CalculatedPrice = 0, 0
	if p.CustomURL.URL == "" {
		p.CustomURL = customURL{URL: "/" + slug(p.Name) + "/"}
	}
	p.takeSubresources()
	for i := range p.images {
		p.images[i].ID = p.ID*10 + i
		p.images[i].ProductID = p.ID
	}
	for i := range p.customFields {
		p.customFields[i].ID = p.ID*10 + i
	}
	d.addProduct(p)
	if len(nested) == 0 {
		base := &variant{ProductID: p.ID, SKU: p.SKU}
		d.addVariant(base)
		if levelSet && !failed {
			d.stockRef(base.ID, 1).onHand = clampLevel(level)
		}
	} else {
		for _, nv := range nested {
			v := nv
			v.ProductID = p.ID
			v.OptionValues = d.ensureOptions(p, v.OptionValues)
			nvLevel := v.InventoryLevel
			v.InventoryLevel = nil
			d.addVariant(&v)
			sid := v.ID + 1000
			v.SKUID = &sid
			if nvLevel != nil && !failed {
				d.stockRef(v.ID, 1).onHand = clampLevel(*nvLevel)
			}
		}
	}
	view := ff.apply(d.viewProduct(p, map[string]bool{"variants": len(nested) > 0}))
	if failed {
		c.json(http.StatusMultiStatus, multiStatusBody{Data: view, Meta: emptyMeta{}, Errors: multiStatus{
			Status: http.StatusMultiStatus, Title: "The product was saved, but its inventory could not be updated.",
			Type: errorTypeURL, Errors: map[string]string{"inventory_level": "Inventory update failed for SKU " + p.SKU},
		}})
		return
	}
	c.json(http.StatusOK, listEnvelope{Data: view, Meta: emptyMeta{}})
}

// newProductDefaults returns a product with the API's defaults.
func newProductDefaults() *product {
	return &product{
		Categories: []int{}, RelatedProducts: []int{}, GiftWrappingOptionsList: []int{},
		MetaKeywords: []string{}, InventoryTracking: "none", Availability: "available",
		Condition: "New", IsVisible: true, GiftWrappingOptionsType: "any",
		OpenGraphType: "product", OpenGraphUseMetaDescription: true, OpenGraphUseProductName: true,
		OpenGraphUseImage: true,
	}
}

// takeSubresources moves decoded sub-resources (images, custom fields) into
// the product's own storage and clears the render-only fields.
func (p *product) takeSubresources() {
	if p.Images != nil {
		p.images = *p.Images
	}
	if p.CustomFields != nil {
		p.customFields = *p.CustomFields
	}
	p.clearIncludes()
}

// clearIncludes clears the render-only sub-resource fields.
func (p *product) clearIncludes() {
	p.Variants, p.Images, p.PrimaryImage, p.CustomFields = nil, nil, nil, nil
	p.BulkPricingRules, p.Options, p.Modifiers, p.Videos, p.Reviews, p.ParentRelations, p.Channels = nil, nil, nil, nil, nil, nil, nil
}

// ensureOptions gives every option value of a new variant an option on the
// product (created on first use) and returns the values with ids.
func (d *data) ensureOptions(p *product, vals []variantOptionValue) []variantOptionValue {
	out := make([]variantOptionValue, 0, len(vals))
	for _, ov := range vals {
		name := ov.OptionDisplayName
		if name == "" {
			name = "Option"
		}
		oi := slices.IndexFunc(p.options, func(o option) bool {
			return o.ID == ov.OptionID && ov.OptionID != 0 || strings.EqualFold(o.DisplayName, name)
		})
		if oi < 0 {
			d.optionIDSeq++
			p.options = append(p.options, option{ID: d.optionIDSeq, ProductID: p.ID, DisplayName: name, Type: "rectangles", SortOrder: len(p.options), OptionValues: []optionValue{}})
			oi = len(p.options) - 1
		}
		o := &p.options[oi]
		vi := slices.IndexFunc(o.OptionValues, func(v optionValue) bool {
			return v.ID == ov.ID && ov.ID != 0 || strings.EqualFold(v.Label, ov.Label)
		})
		if vi < 0 {
			d.optionIDSeq++
			o.OptionValues = append(o.OptionValues, optionValue{ID: d.optionIDSeq, Label: ov.Label, SortOrder: len(o.OptionValues), IsDefault: len(o.OptionValues) == 0})
			vi = len(o.OptionValues) - 1
		}
		out = append(out, variantOptionValue{ID: o.OptionValues[vi].ID, Label: o.OptionValues[vi].Label, OptionID: o.ID, OptionDisplayName: o.DisplayName})
	}
	return out
}

// slug makes a URL path segment from a name.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// clampLevel bounds an inventory level to the API's range.
func clampLevel(n int) int {
	return min(max(n, 0), 2147483647)
}

// addProduct indexes a product.
func (d *data) addProduct(p *product) {
	d.products[p.ID] = p
	d.productIDs = insertSorted(d.productIDs, p.ID)
	d.nameIndex[strings.ToLower(p.Name)] = p.ID
	if p.SKU != "" {
		d.productSKUIndex[strings.ToLower(p.SKU)] = p.ID
	}
}

// addVariant indexes a variant, assigning its id.
func (d *data) addVariant(v *variant) {
	v.ID = d.nextVariant
	d.nextVariant++
	d.variants[v.ID] = v
	d.variantIDs = insertSorted(d.variantIDs, v.ID)
	if v.SKU != "" {
		d.skuIndex[strings.ToLower(v.SKU)] = v.ID
	}
	if p := d.products[v.ProductID]; p != nil {
		p.variantIDs = append(p.variantIDs, v.ID)
	}
}

// removeVariant deletes a variant and its stock.
func (d *data) removeVariant(v *variant) {
	delete(d.variants, v.ID)
	d.variantIDs = removeSorted(d.variantIDs, map[int]bool{v.ID: true})
	if d.skuIndex[strings.ToLower(v.SKU)] == v.ID {
		delete(d.skuIndex, strings.ToLower(v.SKU))
	}
	for _, lid := range d.locationIDs {
		delete(d.stock, stockKey{v.ID, lid})
	}
	if p := d.products[v.ProductID]; p != nil {
		p.variantIDs = slices.DeleteFunc(p.variantIDs, func(id int) bool { return id == v.ID })
	}
}

// removeProduct deletes a product, its variants and their stock.
func (d *data) removeProduct(p *product) {
	for _, vid := range slices.Clone(p.variantIDs) {
		d.removeVariant(d.variants[vid])
	}
	delete(d.products, p.ID)
	if d.nameIndex[strings.ToLower(p.Name)] == p.ID {
		delete(d.nameIndex, strings.ToLower(p.Name))
	}
	if d.productSKUIndex[strings.ToLower(p.SKU)] == p.ID {
		delete(d.productSKUIndex, strings.ToLower(p.SKU))
	}
}

// baseVariant returns the variant carrying a product-tracked product's
// stock: its base variant (or first variant).
func (d *data) baseVariant(p *product) *variant {
	if len(p.variantIDs) == 0 {
		return nil
	}
	return d.variants[p.variantIDs[0]]
}

// productUpdate applies one product update body to a copy of the stored
// product and validates it. It returns the updated copy, whether
// inventory_level was sent, and validation errors.
func (d *data) productUpdate(cur *product, body json.RawMessage, prefix string, errs map[string]string) (*product, bool) {
	next := *cur
	next.Categories = slices.Clone(cur.Categories)
	if err := json.Unmarshal(body, &next); err != nil {
		errs[prefix+"body"] = jsonProblem(err)
		return nil, false
	}
	// Read-only fields keep their values.
	next.ID, next.DateCreated, next.DateModified = cur.ID, cur.DateCreated, cur.DateModified
	next.variantIDs, next.images, next.customFields, next.options = cur.variantIDs, cur.images, cur.customFields, cur.options
	next.InventoryLevel = cur.InventoryLevel
	next.clearIncludes()
	n := len(errs)
	validateProduct(&next, errs, prefix)
	if len(errs) > n {
		return nil, false
	}
	var level struct {
		InventoryLevel *int `json:"inventory_level"`
	}
	_ = json.Unmarshal(body, &level)
	if level.InventoryLevel != nil {
		next.InventoryLevel = *level.InventoryLevel
	}
	return &next, level.InventoryLevel != nil
}

// commitProduct stores an updated product (from productUpdate), writing the
// catalog inventory level to the default location when asked.
func (d *data) commitProduct(cur, next *product, setLevel bool, now time.Time) {
	if !strings.EqualFold(cur.Name, next.Name) {
		delete(d.nameIndex, strings.ToLower(cur.Name))
		d.nameIndex[strings.ToLower(next.Name)] = cur.ID
	}
	if cur.SKU != next.SKU {
		d.setProductSKU(cur, next.SKU)
		if b := d.baseVariant(cur); b != nil && b.SKUID == nil {
			delete(d.skuIndex, strings.ToLower(b.SKU))
			b.SKU = next.SKU
			if b.SKU != "" {
				d.skuIndex[strings.ToLower(b.SKU)] = b.ID
			}
		}
	}
	level := next.InventoryLevel
	*cur = *next
	cur.InventoryLevel = 0
	cur.DateModified = now
	if setLevel && cur.InventoryTracking != "variant" {
		if b := d.baseVariant(cur); b != nil {
			d.stockRef(b.ID, 1).onHand = clampLevel(level)
		}
	}
}

// updateProduct serves PUT /v3/catalog/products/{id}.
func (c *call) updateProduct() {
	f := c.filters("include", "include_fields")
	inc := f.includes(productIncludes)
	ff := f.fieldFilter(inc)
	if f.failed {
		return
	}
	var probe map[string]json.RawMessage
	if !c.decodeObject(&probe) {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	cur := d.products[c.params[0]]
	if cur == nil {
		c.v3err(http.StatusNotFound, "The requested product was not found.", nil)
		return
	}
	errs := map[string]string{}
	next, setLevel := d.productUpdate(cur, c.body, "", errs)
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "The product was not valid.", errs)
		return
	}
	if title, cerrs := d.productConflict(next, cur.ID); title != "" {
		c.v3err(http.StatusConflict, title, cerrs)
		return
	}
	failed := c.s.skuFails(cur.SKU) || c.s.skuFails(next.SKU)
	d.commitProduct(cur, next, setLevel && !failed, c.s.now())
	view := ff.apply(d.viewProduct(cur, inc))
	if failed {
		c.json(http.StatusMultiStatus, multiStatusBody{Data: view, Meta: emptyMeta{}, Errors: multiStatus{
			Status: http.StatusMultiStatus, Title: "The product was saved, but its inventory could not be updated.",
			Type: errorTypeURL, Errors: map[string]string{"inventory_level": "Inventory update failed for SKU " + next.SKU},
		}})
		return
	}
	c.json(http.StatusOK, listEnvelope{Data: view, Meta: emptyMeta{}})
}

// updateProductsBatch serves PUT /v3/catalog/products: at most 10 products,
// each with id. Items whose SKU fails (FailSKU) are not saved and the answer
// is 207.
func (c *call) updateProductsBatch() {
	f := c.filters("include_fields")
	ff := f.fieldFilter(nil)
	if f.failed {
		return
	}
	raws, ok := c.decodeArray(10, tooManyCatalogItems)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	errs := map[string]string{}
	type pending struct {
		cur, next *product
		setLevel  bool
		index     int
	}
	var todo []pending
	var missing []string
	names := map[string]int{}
	for i, raw := range raws {
		var idOnly struct {
			ID *int `json:"id"`
		}
		if err := json.Unmarshal(raw, &idOnly); err != nil {
			errs[itoa(i)+".id"] = jsonProblem(err)
			continue
		}
		if idOnly.ID == nil {
			errs[itoa(i)+".id"] = "id is required"
			continue
		}
		cur := d.products[*idOnly.ID]
		if cur == nil {
			missing = append(missing, itoa(*idOnly.ID))
			continue
		}
		next, setLevel := d.productUpdate(cur, raw, itoa(i)+".", errs)
		if next == nil {
			continue
		}
		if title, cerrs := d.productConflict(next, cur.ID); title != "" {
			c.v3err(http.StatusConflict, title, cerrs)
			return
		}
		if other, dup := names[strings.ToLower(next.Name)]; dup && other != cur.ID {
			c.v3err(http.StatusConflict, "The product name is a duplicate", map[string]string{itoa(i) + ".name": "duplicate name in the batch"})
			return
		}
		names[strings.ToLower(next.Name)] = cur.ID
		todo = append(todo, pending{cur, next, setLevel, i})
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "The products were not valid.", errs)
		return
	}
	if len(missing) > 0 {
		c.v3err(http.StatusNotFound, "The requested products were not found: "+strings.Join(missing, ", "), nil)
		return
	}
	now := c.s.now()
	out := make([]any, 0, len(todo))
	failed := map[string]string{}
	for _, t := range todo {
		if c.s.skuFails(t.cur.SKU) || c.s.skuFails(t.next.SKU) {
			failed[itoa(t.index)] = "Product " + itoa(t.cur.ID) + " (SKU " + t.next.SKU + ") could not be updated"
			continue
		}
		d.commitProduct(t.cur, t.next, t.setLevel, now)
		out = append(out, ff.apply(d.viewProduct(t.cur, nil)))
	}
	if len(failed) > 0 {
		c.json(http.StatusMultiStatus, multiStatusBody{Data: out, Meta: emptyMeta{}, Errors: multiStatus{
			Status: http.StatusMultiStatus, Title: "Some products could not be updated.", Type: errorTypeURL, Errors: failed,
		}})
		return
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: emptyMeta{}})
}

// deleteProducts serves DELETE /v3/catalog/products?id:in=...; it refuses
// to run without id:in (never deletes everything) and takes at most 250 ids.
func (c *call) deleteProducts() {
	f := c.filters("id:in", "name", "sku", "price", "weight", "condition", "brand_id", "date_modified",
		"date_last_imported", "is_visible", "is_featured", "inventory_level", "total_sold", "type",
		"categories", "keyword")
	ids := f.ints("id:in")
	if f.failed {
		return
	}
	if ids == nil {
		c.v3err(http.StatusUnprocessableEntity, "A filter is required to delete products: use id:in.",
			map[string]string{"id:in": "is required"})
		return
	}
	if len(ids) > 250 {
		c.v3err(http.StatusRequestEntityTooLarge, "The maximum number of products deleted at once is 250.",
			map[string]string{"id:in": "must list at most 250 ids"})
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	drop := map[int]bool{}
	for _, id := range ids {
		if p := d.products[id]; p != nil {
			d.removeProduct(p)
			drop[id] = true
		}
	}
	d.productIDs = removeSorted(d.productIDs, drop)
	c.noContent()
}

// deleteProduct serves DELETE /v3/catalog/products/{id}.
func (c *call) deleteProduct() {
	if f := c.filters(); f.failed {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	p := d.products[c.params[0]]
	if p == nil {
		c.v3err(http.StatusNotFound, "The requested product was not found.", nil)
		return
	}
	d.removeProduct(p)
	d.productIDs = removeSorted(d.productIDs, map[int]bool{p.ID: true})
	c.noContent()
}

// listProductVariants serves GET /v3/catalog/products/{id}/variants.
func (c *call) listProductVariants() {
	f := c.filters("include_fields", "exclude_fields", "page", "limit")
	page, limit := f.paging(250)
	ff := f.fieldFilter(nil)
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	d := c.s.db
	p := d.products[c.params[0]]
	if p == nil {
		c.v3err(http.StatusNotFound, "The requested product was not found.", nil)
		return
	}
	items, pg := pageOf(p.variantIDs, page, limit)
	out := make([]any, 0, len(items))
	for _, id := range items {
		out = append(out, ff.apply(d.viewVariant(d.variants[id])))
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: listMeta{Pagination: pg}})
}

// variantOf returns the variant {vid} of product {id}, answering 404.
func (c *call) variantOf() *variant {
	d := c.s.db
	v := d.variants[c.params[1]]
	if d.products[c.params[0]] == nil || v == nil || v.ProductID != c.params[0] {
		c.v3err(http.StatusNotFound, "The requested variant was not found.", nil)
		return nil
	}
	return v
}

// getVariant serves GET /v3/catalog/products/{id}/variants/{vid}.
func (c *call) getVariant() {
	f := c.filters("include_fields", "exclude_fields")
	ff := f.fieldFilter(nil)
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if v := c.variantOf(); v != nil {
		c.json(http.StatusOK, listEnvelope{Data: ff.apply(c.s.db.viewVariant(v)), Meta: emptyMeta{}})
	}
}

// variantUpdate applies a variant body to a copy and validates it.
func (d *data) variantUpdate(cur *variant, body json.RawMessage, prefix string, errs map[string]string) (*variant, *int) {
	next := *cur
	next.InventoryLevel = nil
	if err := json.Unmarshal(body, &next); err != nil {
		errs[prefix+"body"] = jsonProblem(err)
		return nil, nil
	}
	if next.SKU != cur.SKU && cur.SKUID == nil && cur.ID != 0 {
		if owner, ok := d.productSKUIndex[strings.ToLower(next.SKU)]; ok && owner != cur.ProductID {
			errs[prefix+"sku"] = errSKUInUse(next.SKU)
			return nil, nil
		}
	}
	level := next.InventoryLevel
	next.ID, next.ProductID, next.SKUID, next.InventoryLevel = cur.ID, cur.ProductID, cur.SKUID, nil
	next.OptionValues = cur.OptionValues
	if strings.TrimSpace(next.SKU) == "" {
		errs[prefix+"sku"] = "sku must not be empty"
		return nil, nil
	}
	if owner, ok := d.skuOwner(next.SKU); ok {
		if vid, isVariant := d.skuIndex[strings.ToLower(next.SKU)]; (isVariant && vid != cur.ID) || (!isVariant && owner != cur.ProductID) {
			errs[prefix+"sku"] = errSKUInUse(next.SKU)
			return nil, nil
		}
	}
	return &next, level
}

// commitVariant stores an updated variant and its catalog inventory level
// (default location).
func (d *data) commitVariant(cur, next *variant, level *int) {
	if !strings.EqualFold(cur.SKU, next.SKU) {
		delete(d.skuIndex, strings.ToLower(cur.SKU))
		d.skuIndex[strings.ToLower(next.SKU)] = cur.ID
	}
	*cur = *next
	if level != nil {
		d.stockRef(cur.ID, 1).onHand = clampLevel(*level)
	}
	if p := d.products[cur.ProductID]; p != nil && cur.SKUID == nil && p.SKU != cur.SKU {
		d.setProductSKU(p, cur.SKU)
	}
}

// setProductSKU changes a product's own SKU and its index entry. (A base
// variant's SKU is the product's SKU.)
func (d *data) setProductSKU(p *product, sku string) {
	if d.productSKUIndex[strings.ToLower(p.SKU)] == p.ID {
		delete(d.productSKUIndex, strings.ToLower(p.SKU))
	}
	p.SKU = sku
	if sku != "" {
		d.productSKUIndex[strings.ToLower(sku)] = p.ID
	}
}

// updateVariant serves PUT /v3/catalog/products/{id}/variants/{vid}.
func (c *call) updateVariant() {
	if f := c.filters(); f.failed {
		return
	}
	var probe map[string]json.RawMessage
	if !c.decodeObject(&probe) {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	cur := c.variantOf()
	if cur == nil {
		return
	}
	errs := map[string]string{}
	next, level := d.variantUpdate(cur, c.body, "", errs)
	if msg, ok := errs["sku"]; ok && strings.HasSuffix(msg, skuInUseSuffix) {
		c.v3err(http.StatusConflict, "The variant's SKU is not unique", errs)
		return
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "The variant was not valid.", errs)
		return
	}
	failed := c.s.skuFails(cur.SKU) || c.s.skuFails(next.SKU)
	if failed {
		level = nil
	}
	d.commitVariant(cur, next, level)
	if p := d.products[cur.ProductID]; p != nil {
		p.DateModified = c.s.now()
	}
	if failed {
		c.json(http.StatusMultiStatus, multiStatusBody{Data: d.viewVariant(cur), Meta: emptyMeta{}, Errors: multiStatus{
			Status: http.StatusMultiStatus, Title: "The variant was saved, but its inventory could not be updated.",
			Type: errorTypeURL, Errors: map[string]string{"inventory_level": "Inventory update failed for SKU " + cur.SKU},
		}})
		return
	}
	c.json(http.StatusOK, listEnvelope{Data: d.viewVariant(cur), Meta: emptyMeta{}})
}

// skuInUseSuffix ends the message for a SKU conflict.
const skuInUseSuffix = "is already in use"

func errSKUInUse(sku string) string { return "The SKU '" + sku + "' " + skuInUseSuffix }

// createVariant serves POST /v3/catalog/products/{id}/variants.
func (c *call) createVariant() {
	if f := c.filters(); f.failed {
		return
	}
	var v variant
	if !c.decodeObject(&v) {
		return
	}
	if strings.TrimSpace(v.SKU) == "" {
		c.v3err(http.StatusUnprocessableEntity, "The variant was not valid.", map[string]string{"sku": "sku is required"})
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	p := d.products[c.params[0]]
	if p == nil {
		c.v3err(http.StatusNotFound, "The requested product was not found.", nil)
		return
	}
	if _, taken := d.skuOwner(v.SKU); taken {
		c.v3err(http.StatusConflict, "Sku "+v.SKU+" is not unique", map[string]string{"sku": "The SKU '" + v.SKU + "' is already in use"})
		return
	}
	if len(p.variantIDs) >= 600 {
		c.v3err(http.StatusUnprocessableEntity, "A product can have at most 600 SKUs.", nil)
		return
	}
	failed := c.s.skuFails(v.SKU)
	level := v.InventoryLevel
	v.InventoryLevel = nil
	v.ProductID = p.ID
	v.OptionValues = d.ensureOptions(p, v.OptionValues)
	d.addVariant(&v)
	sid := v.ID + 1000
	v.SKUID = &sid
	if level != nil && !failed {
		d.stockRef(v.ID, 1).onHand = clampLevel(*level)
	}
	p.DateModified = c.s.now()
	if failed {
		c.json(http.StatusMultiStatus, multiStatusBody{Data: d.viewVariant(&v), Meta: emptyMeta{}, Errors: multiStatus{
			Status: http.StatusMultiStatus, Title: "The variant was saved, but its inventory could not be updated.",
			Type: errorTypeURL, Errors: map[string]string{"inventory_level": "Inventory update failed for SKU " + v.SKU},
		}})
		return
	}
	c.json(http.StatusOK, listEnvelope{Data: d.viewVariant(&v), Meta: emptyMeta{}})
}

// deleteVariant serves DELETE /v3/catalog/products/{id}/variants/{vid}.
func (c *call) deleteVariant() {
	if f := c.filters(); f.failed {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	if v := c.variantOf(); v != nil {
		c.s.db.removeVariant(v)
		c.noContent()
	}
}

// listVariants serves GET /v3/catalog/variants.
func (c *call) listVariants() {
	f := c.filters("id", "id:in", "sku", "sku:in", "upc", "product_id:in", "include_fields", "exclude_fields", "page", "limit")
	page, limit := f.paging(250)
	ff := f.fieldFilter(nil)
	id, hasID := f.int("id")
	ids := f.intSet("id:in")
	sku := strings.ToLower(f.str("sku"))
	skus := f.lowerSet("sku:in")
	upc := f.str("upc")
	products := f.intSet("product_id:in")
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	d := c.s.db
	var list []*variant
	for _, vid := range d.variantIDs {
		v := d.variants[vid]
		switch {
		case hasID && v.ID != id, ids != nil && !ids[v.ID],
			sku != "" && strings.ToLower(v.SKU) != sku, skus != nil && !skus[strings.ToLower(v.SKU)],
			upc != "" && v.UPC != upc, products != nil && !products[v.ProductID]:
			continue
		}
		list = append(list, v)
	}
	items, pg := pageOf(list, page, limit)
	out := make([]any, 0, len(items))
	for _, v := range items {
		out = append(out, ff.apply(d.viewVariant(v)))
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: listMeta{Pagination: pg}})
}

// batchError is one element of the variants batch 422 body.
type batchError struct {
	Status   int               `json:"status"`
	Title    string            `json:"title"`
	Type     string            `json:"type"`
	Instance string            `json:"instance,omitempty"`
	Errors   map[string]string `json:"errors"`
}

// updateVariantsBatch serves PUT /v3/catalog/variants: at most 50 variants,
// each updated by id or created with product_id. Invalid items reject the
// whole batch with 422 batch_errors; FailSKU items are skipped with 207.
func (c *call) updateVariantsBatch() {
	if f := c.filters(); f.failed {
		return
	}
	raws, ok := c.decodeArray(50, tooManyCatalogItems)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	d := c.s.db
	type pending struct {
		cur, next *variant
		level     *int
		index     int
	}
	var todo []pending
	var bad []batchError
	seen := map[string]int{}
	for i, raw := range raws {
		errs := map[string]string{}
		var head struct {
			ID        *int `json:"id"`
			ProductID *int `json:"product_id"`
		}
		if err := json.Unmarshal(raw, &head); err != nil {
			errs["body"] = jsonProblem(err)
		}
		var cur *variant
		switch {
		case len(errs) > 0:
		case head.ID != nil:
			cur = d.variants[*head.ID]
			if cur == nil {
				errs["id"] = "Variant " + itoa(*head.ID) + " does not exist"
			}
		case head.ProductID != nil:
			if d.products[*head.ProductID] == nil {
				errs["product_id"] = "Product " + itoa(*head.ProductID) + " does not exist"
			} else {
				cur = &variant{ProductID: *head.ProductID}
			}
		default:
			errs["id"] = "id (to update) or product_id (to create) is required"
		}
		var next *variant
		var level *int
		if cur != nil {
			next, level = d.variantUpdate(cur, raw, "", errs)
			if next != nil && cur.ID == 0 {
				var ov struct {
					OptionValues []variantOptionValue `json:"option_values"`
				}
				_ = json.Unmarshal(raw, &ov)
				next.OptionValues = ov.OptionValues
			}
		}
		if next != nil {
			k := strings.ToLower(next.SKU)
			if prev, dup := seen[k]; dup {
				errs["sku"] = "The SKU '" + next.SKU + "' is used twice in the batch (item " + itoa(prev) + ")"
			}
			seen[k] = i
		}
		if len(errs) > 0 {
			bad = append(bad, batchError{Status: http.StatusUnprocessableEntity, Title: "Item " + itoa(i) + " is not valid",
				Type: errorTypeURL, Instance: itoa(i), Errors: errs})
			continue
		}
		todo = append(todo, pending{cur, next, level, i})
	}
	if len(bad) > 0 {
		c.json(http.StatusUnprocessableEntity, struct {
			BatchErrors []batchError `json:"batch_errors"`
		}{bad})
		return
	}
	now := c.s.now()
	out := make([]variant, 0, len(todo))
	failed := map[string]string{}
	for _, t := range todo {
		if c.s.skuFails(t.next.SKU) || (t.cur.ID != 0 && c.s.skuFails(t.cur.SKU)) {
			failed[itoa(t.index)] = "Variant with SKU " + t.next.SKU + " could not be saved"
			continue
		}
		if t.cur.ID == 0 {
			v := t.next
			p := d.products[v.ProductID]
			v.OptionValues = d.ensureOptions(p, v.OptionValues)
			d.addVariant(v)
			sid := v.ID + 1000
			v.SKUID = &sid
			if t.level != nil {
				d.stockRef(v.ID, 1).onHand = clampLevel(*t.level)
			}
			t.cur = v
		} else {
			d.commitVariant(t.cur, t.next, t.level)
		}
		if p := d.products[t.cur.ProductID]; p != nil {
			p.DateModified = now
		}
		out = append(out, d.viewVariant(t.cur))
	}
	if len(failed) > 0 {
		c.json(http.StatusMultiStatus, multiStatusBody{Data: out, Meta: emptyMeta{}, Errors: multiStatus{
			Status: http.StatusMultiStatus, Title: "Some variants could not be saved.", Type: errorTypeURL, Errors: failed,
		}})
		return
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: emptyMeta{}})
}
