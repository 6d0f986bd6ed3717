package bigcommerce

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/shopspring/decimal"
)

// ProductsService manages V3 catalog products and their variants
// (/v3/catalog/products, /v3/catalog/variants). It is reached through
// Client.Products and needs the store_v2_products OAuth scope
// (store_v2_products_read_only for reads).
type ProductsService service

// Batch sizes and limits BigCommerce enforces on catalog endpoints.
const (
	// ProductBatchSize is the most products PUT /v3/catalog/products takes
	// at once; UpdateMany chunks by it.
	ProductBatchSize = 10
	// VariantBatchSize is the most variants PUT /v3/catalog/variants takes
	// at once; UpdateVariants chunks by it.
	VariantBatchSize = 50
	// ProductDeleteBatchSize is the most ids DELETE /v3/catalog/products
	// takes at once; DeleteMany chunks by it.
	ProductDeleteBatchSize = 250
	// MaxPageSizeWithOptions is the page size BigCommerce allows when a
	// product list includes options or modifiers.
	MaxPageSizeWithOptions = 10
)

// ProductType is a product's type: physical or digital.
type ProductType string

// Product types.
const (
	ProductTypePhysical ProductType = "physical"
	ProductTypeDigital  ProductType = "digital"
)

// ProductCondition is a product's condition. Product objects spell it
// capitalised ("New"); the list filter wants it in lower case, which
// ProductFilter does on its own, so these constants work in both places.
type ProductCondition string

// Product conditions, as product objects spell them.
const (
	ConditionNew         ProductCondition = "New"
	ConditionUsed        ProductCondition = "Used"
	ConditionRefurbished ProductCondition = "Refurbished"
)

// EncodeValues implements query.Encoder: the condition filter is lower case
// (condition=new), whatever the spelling given.
func (c ProductCondition) EncodeValues(key string, v *url.Values) error {
	if c != "" {
		v.Set(key, strings.ToLower(string(c)))
	}
	return nil
}

// ProductSort is a field GET /v3/catalog/products can sort by.
type ProductSort string

// Product sort fields.
const (
	ProductSortID               ProductSort = "id"
	ProductSortName             ProductSort = "name"
	ProductSortSKU              ProductSort = "sku"
	ProductSortPrice            ProductSort = "price"
	ProductSortDateModified     ProductSort = "date_modified"
	ProductSortDateLastImported ProductSort = "date_last_imported"
	ProductSortInventoryLevel   ProductSort = "inventory_level"
	ProductSortIsVisible        ProductSort = "is_visible"
	ProductSortTotalSold        ProductSort = "total_sold"
	ProductSortCalculatedPrice  ProductSort = "calculated_price"
)

// ProductInclude names a sub-resource to embed in product objects
// (include=variants,images): the type of the ProductInclude constants,
// values for ProductFilter.Include and ProductGetOptions.Include. It is a
// string, so the constants go into the StringList every Include field is,
// and code written for the former []ProductInclude fields still compiles.
type ProductInclude = string

// Values for ProductFilter.Include and ProductGetOptions.Include. Options
// and modifiers cap a list page at 10 products (MaxPageSizeWithOptions).
const (
	ProductIncludeBulkPricingRules ProductInclude = "bulk_pricing_rules"
	ProductIncludeChannels         ProductInclude = "channels"
	ProductIncludeCustomFields     ProductInclude = "custom_fields"
	ProductIncludeImages           ProductInclude = "images"
	ProductIncludeModifiers        ProductInclude = "modifiers"
	ProductIncludeOptions          ProductInclude = "options"
	ProductIncludeParentRelations  ProductInclude = "parent_relations"
	ProductIncludePrimaryImage     ProductInclude = "primary_image"
	ProductIncludeReviews          ProductInclude = "reviews"
	ProductIncludeVariants         ProductInclude = "variants"
	ProductIncludeVideos           ProductInclude = "videos"
)

// Product is a V3 catalog product (product_Full). Money is decimal.Decimal;
// weights and dimensions are float64 in the store's weight and length
// units. Sub-resources (Variants, Images, CustomFields, ...) are filled
// only when asked for with Include.
type Product struct {
	ID                      int              `json:"id"`
	Name                    string           `json:"name"`
	Type                    ProductType      `json:"type"`
	SKU                     string           `json:"sku"`
	Description             string           `json:"description"`
	Weight                  float64          `json:"weight"`
	Width                   float64          `json:"width"`
	Depth                   float64          `json:"depth"`
	Height                  float64          `json:"height"`
	Price                   decimal.Decimal  `json:"price"`
	CostPrice               decimal.Decimal  `json:"cost_price"`
	RetailPrice             decimal.Decimal  `json:"retail_price"`
	SalePrice               decimal.Decimal  `json:"sale_price"`
	MapPrice                decimal.Decimal  `json:"map_price"`
	CalculatedPrice         decimal.Decimal  `json:"calculated_price"`
	TaxClassID              int              `json:"tax_class_id"`
	ProductTaxCode          string           `json:"product_tax_code"`
	Categories              []int            `json:"categories"`
	BrandID                 int              `json:"brand_id"`
	OptionSetID             int              `json:"option_set_id"`
	OptionSetDisplay        string           `json:"option_set_display"`
	InventoryLevel          int              `json:"inventory_level"`
	InventoryWarningLevel   int              `json:"inventory_warning_level"`
	InventoryTracking       string           `json:"inventory_tracking"` // none, product or variant
	FixedCostShippingPrice  decimal.Decimal  `json:"fixed_cost_shipping_price"`
	IsFreeShipping          bool             `json:"is_free_shipping"`
	IsVisible               bool             `json:"is_visible"`
	IsFeatured              bool             `json:"is_featured"`
	RelatedProducts         []int            `json:"related_products"` // [-1] means "chosen automatically"
	Warranty                string           `json:"warranty"`
	BinPickingNumber        string           `json:"bin_picking_number"`
	LayoutFile              string           `json:"layout_file"`
	UPC                     string           `json:"upc"`
	MPN                     string           `json:"mpn"`
	GTIN                    string           `json:"gtin"`
	SearchKeywords          string           `json:"search_keywords"`
	Availability            string           `json:"availability"` // available, disabled or preorder
	AvailabilityDescription string           `json:"availability_description"`
	GiftWrappingOptionsType string           `json:"gift_wrapping_options_type"` // any, none or list
	GiftWrappingOptionsList []int            `json:"gift_wrapping_options_list"`
	SortOrder               int              `json:"sort_order"`
	Condition               ProductCondition `json:"condition"`
	IsConditionShown        bool             `json:"is_condition_shown"`
	OrderQuantityMinimum    int              `json:"order_quantity_minimum"`
	OrderQuantityMaximum    int              `json:"order_quantity_maximum"`
	PageTitle               string           `json:"page_title"`
	MetaKeywords            []string         `json:"meta_keywords"`
	MetaDescription         string           `json:"meta_description"`
	ViewCount               int              `json:"view_count"`
	// PreorderReleaseDate is nil when no release date is set.
	PreorderReleaseDate         *time.Time `json:"preorder_release_date"`
	PreorderMessage             string     `json:"preorder_message"`
	IsPreorderOnly              bool       `json:"is_preorder_only"`
	IsPriceHidden               bool       `json:"is_price_hidden"`
	PriceHiddenLabel            string     `json:"price_hidden_label"`
	CustomURL                   CustomURL  `json:"custom_url"`
	OpenGraphType               string     `json:"open_graph_type"`
	OpenGraphTitle              string     `json:"open_graph_title"`
	OpenGraphDescription        string     `json:"open_graph_description"`
	OpenGraphUseMetaDescription bool       `json:"open_graph_use_meta_description"`
	OpenGraphUseProductName     bool       `json:"open_graph_use_product_name"`
	OpenGraphUseImage           bool       `json:"open_graph_use_image"`
	// DateLastImported is zero for products never imported. The spec types
	// it as a plain string, not a date, so it is read leniently: a value
	// that is not a date leaves the time zero and keeps the text in
	// DateLastImported.Raw, instead of failing the whole page.
	DateLastImported LenientTime `json:"date_last_imported"`
	ReviewsRatingSum int         `json:"reviews_rating_sum"`
	ReviewsCount     int         `json:"reviews_count"`
	TotalSold        int         `json:"total_sold"`
	DateCreated      time.Time   `json:"date_created"`
	DateModified     time.Time   `json:"date_modified"`
	// BaseVariantID is nil for products with options (they have no base
	// variant of their own).
	BaseVariantID *int `json:"base_variant_id"`

	// Sub-resources, present only when included.
	Channels         []int                `json:"channels"`
	Variants         []Variant            `json:"variants"`
	Images           []ProductImage       `json:"images"`
	PrimaryImage     *ProductImage        `json:"primary_image"`
	Videos           []ProductVideo       `json:"videos"`
	CustomFields     []ProductCustomField `json:"custom_fields"`
	BulkPricingRules []BulkPricingRule    `json:"bulk_pricing_rules"`
	ParentRelations  []ParentRelation     `json:"parent_relations"`
	// Options and Modifiers are kept as raw JSON: they have their own
	// endpoints and models, which this service does not cover.
	Options   json.RawMessage `json:"options"`
	Modifiers json.RawMessage `json:"modifiers"`
}

// CustomURL is a product's storefront URL.
type CustomURL struct {
	URL          string `json:"url"`
	IsCustomized bool   `json:"is_customized"`
}

// CustomURLUpdate sets a product's storefront URL. BigCommerce wants URL and
// IsCustomized together.
type CustomURLUpdate struct {
	URL          string `json:"url"`
	IsCustomized bool   `json:"is_customized"`
	// CreateRedirect asks for a 301 redirect from the old URL.
	CreateRedirect *bool `json:"create_redirect,omitempty"`
}

// ProductImage is a product image (productImage_Full, primaryImage_Full).
type ProductImage struct {
	ID           int       `json:"id"`
	ProductID    int       `json:"product_id"`
	IsThumbnail  bool      `json:"is_thumbnail"`
	SortOrder    int       `json:"sort_order"`
	Description  string    `json:"description"`
	ImageFile    string    `json:"image_file"`
	ImageURL     string    `json:"image_url"`
	URLZoom      string    `json:"url_zoom"`
	URLStandard  string    `json:"url_standard"`
	URLThumbnail string    `json:"url_thumbnail"`
	URLTiny      string    `json:"url_tiny"`
	DateModified time.Time `json:"date_modified"`
}

// ProductImageCreate adds an image from a public URL when creating or
// updating a product.
type ProductImageCreate struct {
	ImageURL    string  `json:"image_url"`
	IsThumbnail *bool   `json:"is_thumbnail,omitempty"`
	SortOrder   *int    `json:"sort_order,omitempty"`
	Description *string `json:"description,omitempty"`
}

// ProductVideo is a product video (productVideo_Full).
type ProductVideo struct {
	ID          int    `json:"id"`
	ProductID   int    `json:"product_id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	SortOrder   int    `json:"sort_order"`
	Type        string `json:"type"` // youtube
	VideoID     string `json:"video_id"`
	Length      string `json:"length"`
}

// ProductCustomField is a name/value pair shown on the product page. It is
// used for reading and writing; leave ID 0 to create a field.
type ProductCustomField struct {
	ID    int    `json:"id,omitempty"`
	Name  string `json:"name"`
	Value string `json:"value"`
}

// BulkPricingRule is a quantity discount. Type is price, percent or fixed;
// Amount is the discount (or fixed price) it gives. Used for reading and
// writing; leave ID 0 to create a rule.
type BulkPricingRule struct {
	ID          int             `json:"id,omitempty"`
	QuantityMin int             `json:"quantity_min"`
	QuantityMax int             `json:"quantity_max"`
	Type        string          `json:"type"`
	Amount      decimal.Decimal `json:"amount"`
}

// ParentRelation links a product to the option or modifier it belongs to.
type ParentRelation struct {
	Type        string `json:"type"` // variant_option or modifier
	ProductID   int    `json:"product_id"`
	AttributeID int    `json:"attribute_id"`
}

// Variant is a product variant (productVariant_Full): one purchasable SKU.
// The nullable prices, weights and inventory levels are nil when the variant
// inherits the product's value.
type Variant struct {
	ID        int    `json:"id"`
	ProductID int    `json:"product_id"`
	SKU       string `json:"sku"`
	// SKUID is the V2 SKU id; nil for a product's base variant.
	SKUID       *int             `json:"sku_id"`
	Price       *decimal.Decimal `json:"price"`
	SalePrice   *decimal.Decimal `json:"sale_price"`
	RetailPrice *decimal.Decimal `json:"retail_price"`
	CostPrice   *decimal.Decimal `json:"cost_price"`
	// MapPrice is read tolerantly: the variants spec does not declare it and
	// its examples show {}, which decodes as nil.
	MapPrice                  *decimal.Decimal     `json:"map_price"`
	CalculatedPrice           decimal.Decimal      `json:"calculated_price"`
	Weight                    *float64             `json:"weight"`
	CalculatedWeight          float64              `json:"calculated_weight"`
	Width                     *float64             `json:"width"`
	Height                    *float64             `json:"height"`
	Depth                     *float64             `json:"depth"`
	IsFreeShipping            bool                 `json:"is_free_shipping"`
	FixedCostShippingPrice    *decimal.Decimal     `json:"fixed_cost_shipping_price"`
	PurchasingDisabled        bool                 `json:"purchasing_disabled"`
	PurchasingDisabledMessage string               `json:"purchasing_disabled_message"`
	ImageURL                  string               `json:"image_url"`
	UPC                       string               `json:"upc"`
	MPN                       string               `json:"mpn"`
	GTIN                      string               `json:"gtin"`
	BinPickingNumber          string               `json:"bin_picking_number"`
	InventoryLevel            *int                 `json:"inventory_level"`
	InventoryWarningLevel     *int                 `json:"inventory_warning_level"`
	OptionValues              []VariantOptionValue `json:"option_values"`
}

// UnmarshalJSON implements json.Unmarshaler. It reads map_price as a
// number, a numeric string or null, and treats any other shape ({} in the
// spec's examples) as not set, rather than failing the whole response.
func (v *Variant) UnmarshalJSON(b []byte) error {
	type plain Variant
	aux := struct {
		*plain
		MapPrice json.RawMessage `json:"map_price"`
	}{plain: (*plain)(v)}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	v.MapPrice = nil
	var d decimal.Decimal
	if len(aux.MapPrice) > 0 && (aux.MapPrice[0] == '"' || aux.MapPrice[0] == '-' || (aux.MapPrice[0] >= '0' && aux.MapPrice[0] <= '9')) && d.UnmarshalJSON(aux.MapPrice) == nil {
		v.MapPrice = &d
	}
	return nil
}

// VariantOptionValue is one option value of a variant ("Color: Beige").
// Reading, all fields are set. Writing, refer to an existing value with ID
// and OptionID; when creating a product with variants, OptionDisplayName and
// Label may name new ones instead.
type VariantOptionValue struct {
	ID                int    `json:"id,omitempty"`
	OptionID          int    `json:"option_id,omitempty"`
	OptionDisplayName string `json:"option_display_name,omitempty"`
	Label             string `json:"label,omitempty"`
}

// ProductCreate is the body of POST /v3/catalog/products. Name, Type, Weight
// and Price are required and always sent (a weight or price of 0 is
// valid); stores on the older product experience also need Categories.
// Optional fields are pointers, nil meaning "not sent"; slices are sent when
// non-nil, so an empty non-nil slice sends [].
type ProductCreate struct {
	Name                        string               `json:"name"`
	Type                        ProductType          `json:"type"`
	Weight                      float64              `json:"weight"`
	Price                       decimal.Decimal      `json:"price"`
	SKU                         *string              `json:"sku,omitempty"`
	Description                 *string              `json:"description,omitempty"`
	Width                       *float64             `json:"width,omitempty"`
	Depth                       *float64             `json:"depth,omitempty"`
	Height                      *float64             `json:"height,omitempty"`
	CostPrice                   *decimal.Decimal     `json:"cost_price,omitempty"`
	RetailPrice                 *decimal.Decimal     `json:"retail_price,omitempty"`
	SalePrice                   *decimal.Decimal     `json:"sale_price,omitempty"`
	MapPrice                    *decimal.Decimal     `json:"map_price,omitempty"`
	TaxClassID                  *int                 `json:"tax_class_id,omitempty"`
	ProductTaxCode              *string              `json:"product_tax_code,omitempty"`
	Categories                  []int                `json:"categories,omitzero"`
	BrandID                     *int                 `json:"brand_id,omitempty"`
	BrandName                   *string              `json:"brand_name,omitempty"`
	InventoryLevel              *int                 `json:"inventory_level,omitempty"`
	InventoryWarningLevel       *int                 `json:"inventory_warning_level,omitempty"`
	InventoryTracking           *string              `json:"inventory_tracking,omitempty"`
	FixedCostShippingPrice      *decimal.Decimal     `json:"fixed_cost_shipping_price,omitempty"`
	IsFreeShipping              *bool                `json:"is_free_shipping,omitempty"`
	IsVisible                   *bool                `json:"is_visible,omitempty"`
	IsFeatured                  *bool                `json:"is_featured,omitempty"`
	RelatedProducts             []int                `json:"related_products,omitzero"`
	Warranty                    *string              `json:"warranty,omitempty"`
	BinPickingNumber            *string              `json:"bin_picking_number,omitempty"`
	LayoutFile                  *string              `json:"layout_file,omitempty"`
	UPC                         *string              `json:"upc,omitempty"`
	MPN                         *string              `json:"mpn,omitempty"`
	GTIN                        *string              `json:"gtin,omitempty"`
	SearchKeywords              *string              `json:"search_keywords,omitempty"`
	Availability                *string              `json:"availability,omitempty"`
	AvailabilityDescription     *string              `json:"availability_description,omitempty"`
	GiftWrappingOptionsType     *string              `json:"gift_wrapping_options_type,omitempty"`
	GiftWrappingOptionsList     []int                `json:"gift_wrapping_options_list,omitzero"`
	SortOrder                   *int                 `json:"sort_order,omitempty"`
	Condition                   *ProductCondition    `json:"condition,omitempty"`
	IsConditionShown            *bool                `json:"is_condition_shown,omitempty"`
	OrderQuantityMinimum        *int                 `json:"order_quantity_minimum,omitempty"`
	OrderQuantityMaximum        *int                 `json:"order_quantity_maximum,omitempty"`
	PageTitle                   *string              `json:"page_title,omitempty"`
	MetaKeywords                []string             `json:"meta_keywords,omitzero"`
	MetaDescription             *string              `json:"meta_description,omitempty"`
	PreorderReleaseDate         *time.Time           `json:"preorder_release_date,omitempty"`
	PreorderMessage             *string              `json:"preorder_message,omitempty"`
	IsPreorderOnly              *bool                `json:"is_preorder_only,omitempty"`
	IsPriceHidden               *bool                `json:"is_price_hidden,omitempty"`
	PriceHiddenLabel            *string              `json:"price_hidden_label,omitempty"`
	CustomURL                   *CustomURLUpdate     `json:"custom_url,omitempty"`
	OpenGraphType               *string              `json:"open_graph_type,omitempty"`
	OpenGraphTitle              *string              `json:"open_graph_title,omitempty"`
	OpenGraphDescription        *string              `json:"open_graph_description,omitempty"`
	OpenGraphUseMetaDescription *bool                `json:"open_graph_use_meta_description,omitempty"`
	OpenGraphUseProductName     *bool                `json:"open_graph_use_product_name,omitempty"`
	OpenGraphUseImage           *bool                `json:"open_graph_use_image,omitempty"`
	CustomFields                []ProductCustomField `json:"custom_fields,omitzero"`
	BulkPricingRules            []BulkPricingRule    `json:"bulk_pricing_rules,omitzero"`
	Images                      []ProductImageCreate `json:"images,omitzero"`
	// Variants creates the product's variants in the same call.
	Variants []VariantCreate `json:"variants,omitzero"`
}

// ProductUpdate is the body of PUT /v3/catalog/products/{id} and an item of
// PUT /v3/catalog/products. Only non-nil fields are sent; an empty non-nil
// slice sends [] (to clear Categories, say). ID is required in a batch;
// Update takes the id as an argument, so there leave ID 0 (or equal to it).
type ProductUpdate struct {
	ID                          int                  `json:"id,omitempty"`
	Name                        *string              `json:"name,omitempty"`
	Type                        *ProductType         `json:"type,omitempty"`
	Weight                      *float64             `json:"weight,omitempty"`
	Price                       *decimal.Decimal     `json:"price,omitempty"`
	SKU                         *string              `json:"sku,omitempty"`
	Description                 *string              `json:"description,omitempty"`
	Width                       *float64             `json:"width,omitempty"`
	Depth                       *float64             `json:"depth,omitempty"`
	Height                      *float64             `json:"height,omitempty"`
	CostPrice                   *decimal.Decimal     `json:"cost_price,omitempty"`
	RetailPrice                 *decimal.Decimal     `json:"retail_price,omitempty"`
	SalePrice                   *decimal.Decimal     `json:"sale_price,omitempty"`
	MapPrice                    *decimal.Decimal     `json:"map_price,omitempty"`
	TaxClassID                  *int                 `json:"tax_class_id,omitempty"`
	ProductTaxCode              *string              `json:"product_tax_code,omitempty"`
	Categories                  []int                `json:"categories,omitzero"`
	BrandID                     *int                 `json:"brand_id,omitempty"`
	BrandName                   *string              `json:"brand_name,omitempty"`
	InventoryLevel              *int                 `json:"inventory_level,omitempty"`
	InventoryWarningLevel       *int                 `json:"inventory_warning_level,omitempty"`
	InventoryTracking           *string              `json:"inventory_tracking,omitempty"`
	FixedCostShippingPrice      *decimal.Decimal     `json:"fixed_cost_shipping_price,omitempty"`
	IsFreeShipping              *bool                `json:"is_free_shipping,omitempty"`
	IsVisible                   *bool                `json:"is_visible,omitempty"`
	IsFeatured                  *bool                `json:"is_featured,omitempty"`
	RelatedProducts             []int                `json:"related_products,omitzero"`
	Warranty                    *string              `json:"warranty,omitempty"`
	BinPickingNumber            *string              `json:"bin_picking_number,omitempty"`
	LayoutFile                  *string              `json:"layout_file,omitempty"`
	UPC                         *string              `json:"upc,omitempty"`
	MPN                         *string              `json:"mpn,omitempty"`
	GTIN                        *string              `json:"gtin,omitempty"`
	SearchKeywords              *string              `json:"search_keywords,omitempty"`
	Availability                *string              `json:"availability,omitempty"`
	AvailabilityDescription     *string              `json:"availability_description,omitempty"`
	GiftWrappingOptionsType     *string              `json:"gift_wrapping_options_type,omitempty"`
	GiftWrappingOptionsList     []int                `json:"gift_wrapping_options_list,omitzero"`
	SortOrder                   *int                 `json:"sort_order,omitempty"`
	Condition                   *ProductCondition    `json:"condition,omitempty"`
	IsConditionShown            *bool                `json:"is_condition_shown,omitempty"`
	OrderQuantityMinimum        *int                 `json:"order_quantity_minimum,omitempty"`
	OrderQuantityMaximum        *int                 `json:"order_quantity_maximum,omitempty"`
	PageTitle                   *string              `json:"page_title,omitempty"`
	MetaKeywords                []string             `json:"meta_keywords,omitzero"`
	MetaDescription             *string              `json:"meta_description,omitempty"`
	PreorderReleaseDate         *time.Time           `json:"preorder_release_date,omitempty"`
	PreorderMessage             *string              `json:"preorder_message,omitempty"`
	IsPreorderOnly              *bool                `json:"is_preorder_only,omitempty"`
	IsPriceHidden               *bool                `json:"is_price_hidden,omitempty"`
	PriceHiddenLabel            *string              `json:"price_hidden_label,omitempty"`
	CustomURL                   *CustomURLUpdate     `json:"custom_url,omitempty"`
	OpenGraphType               *string              `json:"open_graph_type,omitempty"`
	OpenGraphTitle              *string              `json:"open_graph_title,omitempty"`
	OpenGraphDescription        *string              `json:"open_graph_description,omitempty"`
	OpenGraphUseMetaDescription *bool                `json:"open_graph_use_meta_description,omitempty"`
	OpenGraphUseProductName     *bool                `json:"open_graph_use_product_name,omitempty"`
	OpenGraphUseImage           *bool                `json:"open_graph_use_image,omitempty"`
	CustomFields                []ProductCustomField `json:"custom_fields,omitzero"`
	BulkPricingRules            []BulkPricingRule    `json:"bulk_pricing_rules,omitzero"`
	Images                      []ProductImageCreate `json:"images,omitzero"`
}

// VariantCreate is the body of POST /v3/catalog/products/{id}/variants and
// an item of ProductCreate.Variants. SKU is required; CreateVariant also
// requires OptionValues (the option values must exist: create them with the
// product's variant options first).
type VariantCreate struct {
	SKU                       string               `json:"sku"`
	OptionValues              []VariantOptionValue `json:"option_values,omitzero"`
	Price                     *decimal.Decimal     `json:"price,omitempty"`
	SalePrice                 *decimal.Decimal     `json:"sale_price,omitempty"`
	RetailPrice               *decimal.Decimal     `json:"retail_price,omitempty"`
	CostPrice                 *decimal.Decimal     `json:"cost_price,omitempty"`
	Weight                    *float64             `json:"weight,omitempty"`
	Width                     *float64             `json:"width,omitempty"`
	Height                    *float64             `json:"height,omitempty"`
	Depth                     *float64             `json:"depth,omitempty"`
	IsFreeShipping            *bool                `json:"is_free_shipping,omitempty"`
	FixedCostShippingPrice    *decimal.Decimal     `json:"fixed_cost_shipping_price,omitempty"`
	PurchasingDisabled        *bool                `json:"purchasing_disabled,omitempty"`
	PurchasingDisabledMessage *string              `json:"purchasing_disabled_message,omitempty"`
	ImageURL                  *string              `json:"image_url,omitempty"`
	UPC                       *string              `json:"upc,omitempty"`
	MPN                       *string              `json:"mpn,omitempty"`
	GTIN                      *string              `json:"gtin,omitempty"`
	BinPickingNumber          *string              `json:"bin_picking_number,omitempty"`
	InventoryLevel            *int                 `json:"inventory_level,omitempty"`
	InventoryWarningLevel     *int                 `json:"inventory_warning_level,omitempty"`
}

// VariantUpdate is the body of PUT /v3/catalog/products/{id}/variants/{vid}
// and an item of PUT /v3/catalog/variants. In a batch, ID names the variant
// to update; leave ID 0 and set ProductID, SKU and OptionValues to create a
// variant instead. Only non-nil fields are sent.
type VariantUpdate struct {
	ID                        int                  `json:"id,omitempty"`
	ProductID                 int                  `json:"product_id,omitempty"`
	SKU                       *string              `json:"sku,omitempty"`
	OptionValues              []VariantOptionValue `json:"option_values,omitzero"`
	Price                     *decimal.Decimal     `json:"price,omitempty"`
	SalePrice                 *decimal.Decimal     `json:"sale_price,omitempty"`
	RetailPrice               *decimal.Decimal     `json:"retail_price,omitempty"`
	CostPrice                 *decimal.Decimal     `json:"cost_price,omitempty"`
	Weight                    *float64             `json:"weight,omitempty"`
	Width                     *float64             `json:"width,omitempty"`
	Height                    *float64             `json:"height,omitempty"`
	Depth                     *float64             `json:"depth,omitempty"`
	IsFreeShipping            *bool                `json:"is_free_shipping,omitempty"`
	FixedCostShippingPrice    *decimal.Decimal     `json:"fixed_cost_shipping_price,omitempty"`
	PurchasingDisabled        *bool                `json:"purchasing_disabled,omitempty"`
	PurchasingDisabledMessage *string              `json:"purchasing_disabled_message,omitempty"`
	ImageURL                  *string              `json:"image_url,omitempty"`
	UPC                       *string              `json:"upc,omitempty"`
	MPN                       *string              `json:"mpn,omitempty"`
	GTIN                      *string              `json:"gtin,omitempty"`
	BinPickingNumber          *string              `json:"bin_picking_number,omitempty"`
	InventoryLevel            *int                 `json:"inventory_level,omitempty"`
	InventoryWarningLevel     *int                 `json:"inventory_warning_level,omitempty"`
}

// ProductFilter selects products for List and All (GET /v3/catalog/products).
// Its zero value lists every product. Pointer fields are sent when non-nil,
// so is_visible=false and inventory_level=0 can be asked for.
type ProductFilter struct {
	ID          int     `url:"id,omitempty"`
	IDIn        IntList `url:"id:in,omitempty"`
	IDNotIn     IntList `url:"id:not_in,omitempty"`
	IDMin       int     `url:"id:min,omitempty"`
	IDMax       int     `url:"id:max,omitempty"`
	IDGreater   int     `url:"id:greater,omitempty"`
	IDLess      int     `url:"id:less,omitempty"`
	ChannelIDIn IntList `url:"channel_id:in,omitempty"`
	Name        string  `url:"name,omitempty"`
	// NameLike matches a part of the name. It is not in the OpenAPI file but
	// is BigCommerce's documented :like operator (common query parameters).
	NameLike string `url:"name:like,omitempty"`
	MPN      string `url:"mpn,omitempty"`
	UPC      string `url:"upc,omitempty"`
	// Price matches the price exactly (sent as price=7.95).
	Price  *decimal.Decimal `url:"price,omitempty"`
	Weight *float64         `url:"weight,omitempty"`
	// Condition is sent in lower case, as the filter requires.
	Condition ProductCondition `url:"condition,omitempty"`
	BrandID   *int             `url:"brand_id,omitempty"`
	// DateModified matches one day. The spec declares it format: date, so
	// it is sent as YYYY-MM-DD: the date of the time in its own location
	// (convert with .UTC() or .In(loc) first to choose the day).
	DateModified time.Time `url:"date_modified,omitempty" layout:"2006-01-02"`
	// DateModifiedMin and DateModifiedMax are sent as RFC 3339 (the spec
	// declares a plain string and documents full date-times; BigCommerce
	// adds the current time of day to a bare date, so a full time is sent).
	DateModifiedMin time.Time `url:"date_modified:min,omitempty"`
	DateModifiedMax time.Time `url:"date_modified:max,omitempty"`
	// DateLastImported and its operators are sent as YYYY-MM-DD, the date
	// of the time in its own location: the spec declares all four format:
	// date (its descriptions show date-time examples; the declared format is
	// what a validating server checks, so it wins).
	DateLastImported    time.Time `url:"date_last_imported,omitempty" layout:"2006-01-02"`
	DateLastImportedNot time.Time `url:"date_last_imported:not,omitempty" layout:"2006-01-02"`
	DateLastImportedMin time.Time `url:"date_last_imported:min,omitempty" layout:"2006-01-02"`
	DateLastImportedMax time.Time `url:"date_last_imported:max,omitempty" layout:"2006-01-02"`
	IsVisible           *bool     `url:"is_visible,omitempty"`
	// IsFeatured, IsFreeShipping, InventoryLow and OutOfStock are sent as
	// 1 or 0, as the API wants.
	IsFeatured            *bool       `url:"is_featured,omitempty,int"`
	IsFreeShipping        *bool       `url:"is_free_shipping,omitempty,int"`
	InventoryLevel        *int        `url:"inventory_level,omitempty"`
	InventoryLevelIn      IntList     `url:"inventory_level:in,omitempty"`
	InventoryLevelNotIn   IntList     `url:"inventory_level:not_in,omitempty"`
	InventoryLevelMin     *int        `url:"inventory_level:min,omitempty"`
	InventoryLevelMax     *int        `url:"inventory_level:max,omitempty"`
	InventoryLevelGreater *int        `url:"inventory_level:greater,omitempty"`
	InventoryLevelLess    *int        `url:"inventory_level:less,omitempty"`
	InventoryLow          *bool       `url:"inventory_low,omitempty,int"`
	OutOfStock            *bool       `url:"out_of_stock,omitempty,int"`
	TotalSold             *int        `url:"total_sold,omitempty"`
	Type                  ProductType `url:"type,omitempty"`
	// Categories matches products in exactly this one category; CategoriesIn
	// matches products in all the listed categories.
	Categories   int     `url:"categories,omitempty"`
	CategoriesIn IntList `url:"categories:in,omitempty"`
	// Keyword searches name, description, SKU and brand name.
	Keyword        string `url:"keyword,omitempty"`
	KeywordContext string `url:"keyword_context,omitempty"` // shopper or merchant
	Availability   string `url:"availability,omitempty"`    // available, disabled or preorder
	// SKU matches the product's own SKU, not its variants'.
	SKU   string     `url:"sku,omitempty"`
	SKUIn StringList `url:"sku:in,omitempty"`
	// Include embeds sub-resources. Options or modifiers cap the page at 10.
	Include       StringList  `url:"include,omitempty"`
	IncludeFields StringList  `url:"include_fields,omitempty"`
	ExcludeFields StringList  `url:"exclude_fields,omitempty"`
	Sort          ProductSort `url:"sort,omitempty"`
	Direction     Direction   `url:"direction,omitempty"`
	// Page and Limit select the page: Limit at most MaxPageSize, 0 for the
	// default (BigCommerce itself caps the page at 10 when Include has
	// options or modifiers). Negative values or a Limit above MaxPageSize
	// are refused before sending (see ListOptions).
	Page  int `url:"page,omitempty"`
	Limit int `url:"limit,omitempty"`
}

func (f *ProductFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// capsPage reports whether the includes limit a page to 10 products.
func capsPage(include StringList) bool {
	return slices.Contains(include, ProductIncludeOptions) || slices.Contains(include, ProductIncludeModifiers)
}

// ProductGetOptions are the query parameters of Get.
type ProductGetOptions struct {
	// Include embeds sub-resources: the ProductInclude constants.
	Include       StringList `url:"include,omitempty"`
	IncludeFields StringList `url:"include_fields,omitempty"`
	ExcludeFields StringList `url:"exclude_fields,omitempty"`
}

// VariantFilter selects a product's variants for ListVariants and
// AllVariants.
type VariantFilter struct {
	IncludeFields StringList `url:"include_fields,omitempty"`
	ExcludeFields StringList `url:"exclude_fields,omitempty"`
	Page          int        `url:"page,omitempty"`
	Limit         int        `url:"limit,omitempty"`
}

func (f *VariantFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// one decodes a V3 "data" value that should be one object but that some
// answers (the 207 of POST /v3/catalog/products, per its spec) give as an
// array; the first element is taken.
type one[T any] struct{ v T }

func (o *one[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		var list []T
		if err := json.Unmarshal(b, &list); err != nil {
			return err
		}
		if len(list) > 0 {
			o.v = list[0]
		}
		return nil
	}
	return json.Unmarshal(b, &o.v)
}

// List returns one page of products: GET /v3/catalog/products.
// Response.Pagination holds the totals.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable.
func (s *ProductsService) List(ctx context.Context, filter *ProductFilter) ([]Product, *Response, error) {
	return listV3[Product](ctx, s.client, "/v3/catalog/products", filter)
}

// All iterates over every product matching filter: GET
// /v3/catalog/products, 250 products a page unless filter sets Limit, or 10
// when Include has options or modifiers (BigCommerce's cap). The filter is
// copied, never modified.
//
// With no Sort, or ProductSortID with Direction empty or Asc, All walks id
// windows (id:min/id:max with sort=id) and yields products in ascending id
// order: every product that exists for the whole walk is yielded exactly
// once, however other clients create, delete or modify products during it;
// a product created during the walk may or may not be yielded (never
// twice). Its first requests read the first page (whose meta gives
// the total) and the highest matching id (a 1-product page sorted by id
// descending); the ids above the first page are cut into windows of about
// one page, read up to the client's WithMaxConcurrency at a time, within its
// throttle. A full window is continued above its last id, and the last
// window ends at the highest id probed (open-ended only when that probe
// fails or contradicts what the walk has seen: see below). With
// filter.Page > 1 the walk starts at that page's first product (the walk's
// one offset request) and goes on by id. Other filters (DateModifiedMin for
// an incremental sync, ...) are sent with every request.
//
// The walk cross-checks what the API tells it against what it has seen
// (ARCHITECTURE.md, "Walks and the exactly-once rule"), and never ends
// short in silence: a highest-id probe below an id the first page holds (a
// server that ignores direction) is not trusted, and the rest is read up to
// an estimate and then page after page until a short page; ids above a
// window's id:max are dropped from its page (and read with their own
// window), ids below its id:min or out of order end the walk with an
// ErrIncompleteWalk error; a short page whose meta.pagination counts more
// products, or whose per_page is below the limit asked, is read on; a full
// last window is followed by an open window above the probed id while fewer
// products were yielded than the total; and at the end the products
// yielded are compared with the first page's meta.pagination.total (read
// again when they fall short): falling short of the lower of the two by
// more than 1 % + 10 products yields an ErrIncompleteWalk error after the
// last product (products deleted during the walk lower the second total;
// the slack covers products deleted and created in equal numbers).
//
// With Sort ProductSortDateModified ascending (and no Page), All walks the
// keyset (date_modified, id), one page at a time: each request asks for the
// products modified at or after the last date seen (date_modified:min), a
// full page of a single second is read to its end by id (date_modified:min
// = date_modified:max, sort=id, id:min), and the ids already yielded are
// remembered (a bit per id), so every product that exists for the whole
// walk is yielded exactly once: a product modified during the walk moves to
// the end of the order and is yielded where the walk first finds it, once.
// A page out of date order ends the walk with an ErrIncompleteWalk error,
// and the products yielded are compared with the total at the end, as
// above.
//
// With any other Sort, a descending Direction, or a date sort with Page > 1,
// All reads page after page by offset, sequentially, in that order, and a
// concurrent write can make it
// skip or repeat products: a product created or deleted before the walk's
// position (in the caller's order) shifts every later page by one, so a
// product that existed throughout is skipped (deletion) or yielded twice
// (creation), and a product whose sort key changes (name, price,
// date_modified, inventory_level, ...) moves between pages and can be
// skipped or repeated. For a complete export, leave Sort empty and filter by
// DateModifiedMin instead.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable. An error is
// yielded once and ends the walk.
func (s *ProductsService) All(ctx context.Context, filter *ProductFilter) iter.Seq2[Product, error] {
	if err := checkWalk("Products.All", ctx, filter); err != nil {
		return refused[Product](err)
	}
	var f ProductFilter
	if filter != nil {
		f = *filter
	}
	limit := MaxPageSize
	if capsPage(f.Include) {
		limit = MaxPageSizeWithOptions
	}
	if f.Limit > 0 {
		limit = f.Limit
	}
	asc := f.Direction == "" || f.Direction == Asc
	if f.Sort == ProductSortDateModified && asc && f.Page <= 1 {
		base := f
		base.Page, base.Limit, base.Direction = 0, limit, Asc
		return walkDates(ctx, dateSource[Product]{
			op: "Products.All", what: "products",
			limit: limit, from: f.DateModifiedMin,
			page: func(ctx context.Context, from time.Time) ([]Product, *Response, error) {
				g := base
				g.DateModifiedMin = from
				return s.List(ctx, &g)
			},
			tie: func(ctx context.Context, at time.Time, after int) ([]Product, *Response, error) {
				g := base
				g.Sort, g.DateModifiedMin, g.DateModifiedMax, g.IDMin = ProductSortID, at, at, max(after+1, f.IDMin)
				return s.List(ctx, &g)
			},
			idOf:   func(p Product) int { return p.ID },
			dateOf: func(p Product) time.Time { return p.DateModified },
			recount: func(ctx context.Context) (int, error) {
				g := base
				g.Limit, g.Include, g.IncludeFields, g.ExcludeFields = 1, nil, StringList{"name"}, nil
				_, resp, err := s.List(ctx, &g)
				if err != nil {
					return 0, err
				}
				if resp.Pagination == nil {
					return 0, fmt.Errorf("GET /v3/catalog/products: no meta.pagination in the answer")
				}
				return resp.Pagination.Total, nil
			},
			countSource: "meta.pagination.total of GET /v3/catalog/products",
		})
	}
	if (f.Sort != "" && f.Sort != ProductSortID) || !asc {
		return walkOffsets(ctx, &f, limit, s.List)
	}
	lo, hi := f.IDMin, f.IDMax
	if f.IDGreater != 0 && (lo == 0 || f.IDGreater+1 > lo) {
		lo = f.IDGreater + 1
	}
	if f.IDLess != 0 && (hi == 0 || f.IDLess-1 < hi) {
		hi = f.IDLess - 1
	}
	startPage := max(f.Page, 1)
	skipped := (startPage - 1) * limit
	base := f
	base.Sort, base.Direction, base.Page, base.Limit = ProductSortID, Asc, 0, limit
	base.IDMin, base.IDMax, base.IDGreater, base.IDLess = 0, 0, 0, 0
	list := func(ctx context.Context, r idRange) ([]Product, *Response, error) {
		g := base
		g.IDMin, g.IDMax = r.lo, r.hi
		return s.List(ctx, &g)
	}
	// one is a 1-product page of the caller's range, of the smallest
	// field: the probe of the highest id (sorted descending) and the
	// recount at the end (its meta total).
	one := func(ctx context.Context, dir Direction) ([]Product, *Response, error) {
		g := base
		g.IDMin, g.IDMax, g.Direction, g.Limit = lo, hi, dir, 1
		// The id is always returned; include_fields' enum in the spec
		// lists no "id", so ask for the name, the smallest field it lists
		// that every product has.
		g.Include, g.IncludeFields, g.ExcludeFields = nil, StringList{"name"}, nil
		return s.List(ctx, &g)
	}
	src := idSource[Product]{
		op: "Products.All", what: "products", bounds: "id:min, id:max, sort=id",
		limit: limit, lo: lo, hi: hi,
		page: list,
		idOf: func(p Product) int { return p.ID },
		plan: func(ctx context.Context, wg *sync.WaitGroup) (walkPlan[Product], error) {
			return planWithProbes(ctx, wg, limit, skipped,
				func(ctx context.Context) ([]Product, *Response, error) {
					g := base
					g.IDMin, g.IDMax, g.Page = lo, hi, startPage
					return s.List(ctx, &g)
				},
				func(ctx context.Context) (int, error) {
					items, _, err := one(ctx, Desc)
					if err != nil || len(items) == 0 {
						return 0, err
					}
					return items[0].ID, nil
				}, nil)
		},
		countSource: "meta.pagination.total of GET /v3/catalog/products",
		recount: func(ctx context.Context) (int, error) {
			_, resp, err := one(ctx, Asc)
			if err != nil {
				return 0, err
			}
			if resp.Pagination == nil {
				return 0, fmt.Errorf("GET /v3/catalog/products: no meta.pagination in the answer")
			}
			return max(resp.Pagination.Total-skipped, 0), nil
		},
	}
	return walkIDs(ctx, cap(s.client.sem), src)
}

// Get returns one product: GET /v3/catalog/products/{id}. opts may be nil.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *ProductsService) Get(ctx context.Context, id int, opts *ProductGetOptions) (*Product, *Response, error) {
	if err := checkID("Products.Get", "product id", id); err != nil {
		return nil, &Response{}, err
	}
	return getOne[Product](ctx, s.client, http.MethodGet, fmt.Sprintf("/v3/catalog/products/%d", id), opts, nil)
}

// Create creates one product, with its variants if p.Variants is set: POST
// /v3/catalog/products. A 409 (duplicate name or SKU, unknown category,
// brand or tax class) matches ErrConflict. On a 207 the product was created
// but part of it (inventory, URL) was not saved: the product is returned
// together with a *MultiStatusError.
//
// Input BigCommerce refuses is an error matching ErrUnprocessable (422, or 400
// for a malformed body), with the fields at fault in *Error.Fields. If the
// request may have reached BigCommerce and no answer proves its fate (a 5xx, a
// cut connection), the error matches ErrOutcomeUnknown and the SDK does not
// resend it: check before sending it again. Look the product up by name or SKU
// first.
func (s *ProductsService) Create(ctx context.Context, p ProductCreate) (*Product, *Response, error) {
	if err := p.validate(); err != nil {
		return nil, &Response{}, err
	}
	return writeOne[Product](ctx, s.client, http.MethodPost, "/v3/catalog/products", p)
}

func (p *ProductCreate) validate() error {
	const op = "Products.Create"
	if strings.TrimSpace(p.Name) == "" {
		return invalid(op, "name is required")
	}
	if p.Type != ProductTypePhysical && p.Type != ProductTypeDigital {
		return invalid(op, "type must be %q or %q, got %q", ProductTypePhysical, ProductTypeDigital, p.Type)
	}
	if p.Weight < 0 {
		return invalid(op, "weight must not be negative, got %v", p.Weight)
	}
	if p.Price.IsNegative() {
		return invalid(op, "price must not be negative, got %s", p.Price)
	}
	for i, v := range p.Variants {
		if strings.TrimSpace(v.SKU) == "" {
			return invalid(op, "variants[%d]: sku is required", i)
		}
	}
	return nil
}

// Update changes one product: PUT /v3/catalog/products/{id}. Only the
// fields set in u are sent; u.ID may be left 0 (if set, it must equal id).
//
// Update is also the legacy way to set stock: with InventoryTracking
// "product", set InventoryLevel (and InventoryWarningLevel). It writes the
// default location only; for several locations, or variant-tracked stock,
// use the Inventory service. If the product saved but the stock (or the URL)
// did not, BigCommerce answers 207: the updated product is returned together
// with a *MultiStatusError (check with errors.As and keep the product).
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound. Input
// BigCommerce refuses is an error matching ErrUnprocessable (422, or 400 for a
// malformed body), with the fields at fault in *Error.Fields.
func (s *ProductsService) Update(ctx context.Context, id int, u ProductUpdate) (*Product, *Response, error) {
	const op = "Products.Update"
	if err := checkID(op, "product id", id); err != nil {
		return nil, &Response{}, err
	}
	if u.ID != 0 && u.ID != id {
		return nil, &Response{}, invalid(op, "the update's ID (%d) differs from the product id (%d)", u.ID, id)
	}
	u.ID = 0 // the id is in the path; product_Put has no id field
	return writeOne[Product](ctx, s.client, http.MethodPut, fmt.Sprintf("/v3/catalog/products/%d", id), u)
}

// writeOne sends a single-product or single-variant write and keeps the
// object on a 207, whose data the spec gives as an array (one). Unlike
// getOne it accepts an answer without data (the spec's own POST example
// has none) and returns the zero object.
func writeOne[T any](ctx context.Context, c *Client, method, path string, body any) (*T, *Response, error) {
	o, resp, err := getV3[one[T]](ctx, c, method, path, nil, body)
	var ms *MultiStatusError
	if err != nil && !errors.As(err, &ms) {
		return nil, resp, err
	}
	return &o.v, resp, err
}

// UpdateMany updates many products: PUT /v3/catalog/products, in chunks of
// ProductBatchSize (10), as many chunks at once as the client's
// WithMaxConcurrency allows (BigCommerce documents no concurrency limit for
// this endpoint in products_catalog.v3.yml), within the client's throttle.
// Every item needs its ID; if any lacks one, nothing is sent. Only the
// fields set are changed.
//
// The updated products come back in input order. Failures are a
// *BatchError naming input indexes: a chunk answered with an error status
// (409, 422, ...) wrote none of its items; when the error names items by
// index ("3.name"), those fail with it and the chunk's others fail with an
// error saying they were not written and can be sent again, else all its
// items fail with it. A chunk answered 207 returns the
// products it saved and fails, with the *MultiStatusError, the items whose
// product did not come back; when every product came back, the 207 says a
// part of some product (stock, URL) was not saved without saying which, so
// every item of that chunk is in BatchError.Unknown (UnknownIndexes, errors
// matching ErrOutcomeUnknown): those products ARE in the returned slice and
// need their unsaved part checked before they are sent again.
func (s *ProductsService) UpdateMany(ctx context.Context, items []ProductUpdate) ([]Product, *Response, error) {
	const op = "Products.UpdateMany"
	if len(items) == 0 {
		return nil, &Response{}, invalid(op, "no products to update")
	}
	for i, it := range items {
		if err := checkProductUpdate(op, i, it); err != nil {
			return nil, &Response{}, err
		}
	}
	return batch(ctx, op, items, ProductBatchSize, s.client.parallel(0), s.updateChunk)
}

// UpdateManySeq is UpdateMany for updates read from a sequence as they
// are sent (a catalog feed of any size, read row by row): PUT
// /v3/catalog/products, in chunks of ProductBatchSize, as many at once as
// the client's WithMaxConcurrency allows. It holds only the chunks in
// flight, and does not keep the updated products.
//
// Each update is checked as it is read (an ID is required); a refused one
// is a failure (a *ValidationError) at its position and is not sent, and
// the write goes on. The error is a *BatchError naming failed and
// outcome-unknown updates by position in the sequence, from 0, as
// UpdateMany reports them; after an error that is not about the items
// (401, 403, 429, a 5xx, a lost connection) the sequence is not read
// further, and the updates from position BatchError.Total on were neither
// read nor sent. An empty sequence sends nothing. Progress goes to
// WithProgress, with Total -1 until the sequence ends.
func (s *ProductsService) UpdateManySeq(ctx context.Context, items iter.Seq[ProductUpdate]) (*Response, error) {
	const op = "Products.UpdateManySeq"
	return batchSeq(ctx, op, items, ProductBatchSize, s.client.parallel(0), func(i int, u ProductUpdate) error {
		return checkProductUpdate(op, i, u)
	}, s.updateChunk)
}

func checkProductUpdate(op string, i int, u ProductUpdate) error {
	if u.ID <= 0 {
		return invalid(op, "item %d: id is required to update a product (got %d)", i, u.ID)
	}
	return nil
}

// updateChunk sends one chunk of UpdateMany and maps its error onto the
// chunk's items: a 207 by the products that came back, a rejection by the
// indexes its error keys name.
func (s *ProductsService) updateChunk(ctx context.Context, chunk []ProductUpdate) ([]Product, *Response, error) {
	saved, resp, err := getV3[[]Product](ctx, s.client, http.MethodPut, "/v3/catalog/products", nil, chunk)
	var ms *MultiStatusError
	if err != nil && !errors.As(err, &ms) {
		return saved, resp, indexedChunkError(err, len(chunk))
	}
	return saved, resp, chunkMultiStatus(err, len(chunk), func(i int) bool {
		return slices.ContainsFunc(saved, func(p Product) bool { return p.ID == chunk[i].ID })
	})
}

// UpdateBatch is the former name of UpdateMany.
//
// Deprecated: Use UpdateMany.
func (s *ProductsService) UpdateBatch(ctx context.Context, items []ProductUpdate) ([]Product, *Response, error) {
	return s.UpdateMany(ctx, items)
}

// CreateMany creates many products, one POST /v3/catalog/products each (the
// endpoint takes one product), as many at once as the client's
// WithMaxConcurrency allows (BigCommerce documents no concurrency limit for
// it), within the client's throttle. Every product is checked as Create
// checks it before anything is sent; a bad one is a *ValidationError
// naming its index.
//
// The result has one element per input, in order: products[i] is the
// product created from items[i], or the zero Product (ID 0) when none was;
// that item is then in the *BatchError. Failures come back as one
// *BatchError by index in items: a product BigCommerce refused (409
// duplicate name or SKU, 422) is in Failures. A POST that may have been
// applied (a 5xx, a cut connection, a timeout) is never resent: its item
// is in BatchError.Unknown (errors matching ErrOutcomeUnknown; look the
// product up by name or SKU before sending it again), and no further
// product is sent after it, nor after an error that is not about a product
// (401, 403, 429): those are failures with a not-sent error. A 207 (the
// product was created, part of it such as its stock was not saved) keeps
// the product in the result and puts the item in BatchError.Unknown.
func (s *ProductsService) CreateMany(ctx context.Context, items []ProductCreate) ([]Product, *Response, error) {
	const op = "Products.CreateMany"
	return createEach(ctx, s.client, op, items, 0, func(i int, p ProductCreate) error {
		if err := p.validate(); err != nil {
			return invalid(op, "product %d: %s", i, validationMessage(err))
		}
		return nil
	}, func(ctx context.Context, p ProductCreate) (*Product, *Response, error) {
		return writeOne[Product](ctx, s.client, http.MethodPost, "/v3/catalog/products", p)
	})
}

// validationMessage is what a *ValidationError says, without its
// operation (for an error that names another one); err's text otherwise.
func validationMessage(err error) string {
	var ve *ValidationError
	if errors.As(err, &ve) {
		return ve.Message
	}
	return err.Error()
}

// Delete deletes one product: DELETE /v3/catalog/products/{id}.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *ProductsService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("Products.Delete", "product id", id); err != nil {
		return &Response{}, err
	}
	return s.client.call(ctx, http.MethodDelete, fmt.Sprintf("/v3/catalog/products/%d", id), nil, nil, nil)
}

// DeleteMany deletes the products with the given ids: DELETE
// /v3/catalog/products?id:in=..., in chunks of ProductDeleteBatchSize (250).
// It never sends an unfiltered DELETE (which BigCommerce refuses anyway):
// no ids, or an id <= 0, is a *ValidationError and nothing is sent. A chunk
// that fails is reported in a *BatchError by input index.
func (s *ProductsService) DeleteMany(ctx context.Context, ids ...int) (*Response, error) {
	return deleteIDs(ctx, s.client, "Products.DeleteMany", "/v3/catalog/products", ids, ProductDeleteBatchSize, 0, idInQuery)
}

func variantsPath(productID int) string {
	return fmt.Sprintf("/v3/catalog/products/%d/variants", productID)
}

// ListVariants returns one page of a product's variants: GET
// /v3/catalog/products/{product_id}/variants.
//
// A product id of 0 or less, or a bad page size, is refused before anything is
// sent (ErrInvalidRequest); a product BigCommerce does not know is an error
// matching ErrNotFound.
func (s *ProductsService) ListVariants(ctx context.Context, productID int, filter *VariantFilter) ([]Variant, *Response, error) {
	if err := checkID("Products.ListVariants", "product id", productID); err != nil {
		return nil, &Response{}, err
	}
	return listV3[Variant](ctx, s.client, variantsPath(productID), filter)
}

// AllVariants iterates over every variant of a product: GET
// /v3/catalog/products/{product_id}/variants, 250 a page unless filter sets
// Limit.
//
// It walks page offsets, fetching pages ahead up to the client's
// WithMaxConcurrency: the endpoint has no id range, id sort or cursor. A
// variant created or deleted during the walk (an option value added or
// removed) shifts the later pages: a variant that existed throughout can be
// skipped or yielded twice. Updates in place (price, stock) shift nothing.
//
// A product id of 0 or less, or a bad page size, is refused before anything is
// sent (ErrInvalidRequest); a product BigCommerce does not know is an error
// matching ErrNotFound. An error is yielded once and ends the walk.
func (s *ProductsService) AllVariants(ctx context.Context, productID int, filter *VariantFilter) iter.Seq2[Variant, error] {
	return walk(ctx, s.client, filter, MaxPageSize, func(ctx context.Context, f *VariantFilter) ([]Variant, *Response, error) {
		return s.ListVariants(ctx, productID, f)
	})
}

// CreateVariant adds a variant to a product: POST
// /v3/catalog/products/{product_id}/variants. SKU and OptionValues are
// required. On a 207 (variant saved, its stock not) the variant is returned
// with a *MultiStatusError.
//
// A product id of 0 or less is refused before anything is sent
// (ErrInvalidRequest); a product BigCommerce does not know is an error
// matching ErrNotFound. If the request may have reached BigCommerce and no
// answer proves its fate (a 5xx, a cut connection), the error matches
// ErrOutcomeUnknown and the SDK does not resend it: check before sending it
// again.
func (s *ProductsService) CreateVariant(ctx context.Context, productID int, v VariantCreate) (*Variant, *Response, error) {
	const op = "Products.CreateVariant"
	if err := checkID(op, "product id", productID); err != nil {
		return nil, &Response{}, err
	}
	if msg := checkVariantCreate(v); msg != "" {
		return nil, &Response{}, invalid(op, "%s", msg)
	}
	return writeOne[Variant](ctx, s.client, http.MethodPost, variantsPath(productID), v)
}

// checkVariantCreate says what is wrong with a new variant ("" if nothing).
func checkVariantCreate(v VariantCreate) string {
	switch {
	case strings.TrimSpace(v.SKU) == "":
		return "sku is required"
	case len(v.OptionValues) == 0:
		return "option_values is required: a variant is a combination of option values (id and option_id)"
	}
	return ""
}

// CreateVariants adds many variants to a product, one POST
// /v3/catalog/products/{product_id}/variants each (the endpoint takes one
// variant), as many at once as the client's WithMaxConcurrency allows
// (BigCommerce documents no concurrency limit for it), within the client's
// throttle. Every variant needs SKU and OptionValues; a bad one is a
// *ValidationError naming its index, and nothing is sent. (To create or
// update variants of several products 50 per request, use
// UpdateVariants with items without ID.)
//
// The result has one element per input, in order: variants[i] is the
// variant created from items[i], or the zero Variant (ID 0) when none was;
// that item is then in the *BatchError. Failures and outcome-unknown items
// are reported as in CreateMany: a variant whose POST may have been
// applied is never resent (BatchError.Unknown; look it up by SKU), and a
// 207 keeps the variant and puts its item in Unknown.
func (s *ProductsService) CreateVariants(ctx context.Context, productID int, items []VariantCreate) ([]Variant, *Response, error) {
	const op = "Products.CreateVariants"
	if err := checkID(op, "product id", productID); err != nil {
		return nil, &Response{}, err
	}
	return createEach(ctx, s.client, op, items, 0, func(i int, v VariantCreate) error {
		if msg := checkVariantCreate(v); msg != "" {
			return invalid(op, "variant %d: %s", i, msg)
		}
		return nil
	}, func(ctx context.Context, v VariantCreate) (*Variant, *Response, error) {
		return writeOne[Variant](ctx, s.client, http.MethodPost, variantsPath(productID), v)
	})
}

// UpdateVariant changes one variant: PUT
// /v3/catalog/products/{product_id}/variants/{variant_id}. Only the fields
// set in u are sent; u.ID may be left 0 (if set, it must equal variantID).
// Setting InventoryLevel is the legacy way to set a variant-tracked stock
// (default location only); a 207 returns the variant with a
// *MultiStatusError when the stock was not saved.
func (s *ProductsService) UpdateVariant(ctx context.Context, productID, variantID int, u VariantUpdate) (*Variant, *Response, error) {
	const op = "Products.UpdateVariant"
	if err := checkVariantIDs(op, productID, variantID); err != nil {
		return nil, &Response{}, err
	}
	if u.ID != 0 && u.ID != variantID {
		return nil, &Response{}, invalid(op, "the update's ID (%d) differs from the variant id (%d)", u.ID, variantID)
	}
	u.ID = 0
	return writeOne[Variant](ctx, s.client, http.MethodPut, fmt.Sprintf("%s/%d", variantsPath(productID), variantID), u)
}

func checkVariantIDs(op string, productID, variantID int) error {
	return checkPath(op, "product id, variant id", productID, variantID)
}

// DeleteVariant deletes one variant: DELETE
// /v3/catalog/products/{product_id}/variants/{variant_id}.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *ProductsService) DeleteVariant(ctx context.Context, productID, variantID int) (*Response, error) {
	if err := checkVariantIDs("Products.DeleteVariant", productID, variantID); err != nil {
		return &Response{}, err
	}
	return s.client.call(ctx, http.MethodDelete, fmt.Sprintf("%s/%d", variantsPath(productID), variantID), nil, nil, nil)
}

// UpdateVariants updates or creates variants of any products: PUT
// /v3/catalog/variants, in chunks of VariantBatchSize (50), as many chunks
// at once as the client's WithMaxConcurrency allows (BigCommerce documents
// no concurrency limit for this endpoint in
// product-variants_catalog.v3.yml), within the client's throttle. An item
// with ID updates that variant; an item without
// ID creates a variant and needs ProductID, SKU and OptionValues. If any item
// has neither, nothing is sent.
//
// The saved variants come back in input order. A chunk answered with an
// error fails all its items in the returned *BatchError; a 422's
// per-variant problems ({batch_errors:[...]}) are in the *Error's Messages
// and Fields ("0.sku": ...), indexed by BigCommerce's list of errors, not
// by item, so the SDK cannot tell which items they are about. A
// chunk answered 207 is reported as in UpdateMany: the items whose variant
// did not come back (matched by id, or by product and SKU for a new one)
// failed; when all came back, every item of the chunk is unknown.
func (s *ProductsService) UpdateVariants(ctx context.Context, items []VariantUpdate) ([]Variant, *Response, error) {
	const op = "Products.UpdateVariants"
	if len(items) == 0 {
		return nil, &Response{}, invalid(op, "no variants to update")
	}
	for i, it := range items {
		if err := checkVariantUpdate(op, i, it); err != nil {
			return nil, &Response{}, err
		}
	}
	return batch(ctx, op, items, VariantBatchSize, s.client.parallel(0), s.updateVariantsChunk)
}

// UpdateVariantsSeq is UpdateVariants for items read from a sequence
// as they are sent: PUT /v3/catalog/variants, in chunks of
// VariantBatchSize, as many at once as the client's WithMaxConcurrency
// allows. It holds only the chunks in flight, and does not keep the saved
// variants. Each item is checked as it is read, as UpdateVariants
// checks it; a refused one is a failure at its position and is not sent.
// Errors, positions and progress are as in UpdateManySeq: failures are
// one *BatchError by position in the sequence, and an item refused before
// sending is a failure matching ErrInvalidRequest.
func (s *ProductsService) UpdateVariantsSeq(ctx context.Context, items iter.Seq[VariantUpdate]) (*Response, error) {
	const op = "Products.UpdateVariantsSeq"
	return batchSeq(ctx, op, items, VariantBatchSize, s.client.parallel(0), func(i int, u VariantUpdate) error {
		return checkVariantUpdate(op, i, u)
	}, s.updateVariantsChunk)
}

func checkVariantUpdate(op string, i int, u VariantUpdate) error {
	if u.ID > 0 {
		return nil
	}
	if u.ID < 0 || u.ProductID <= 0 || u.SKU == nil || strings.TrimSpace(*u.SKU) == "" || len(u.OptionValues) == 0 {
		return invalid(op, "item %d: set id to update a variant, or product_id, sku and option_values to create one", i)
	}
	return nil
}

// updateVariantsChunk sends one chunk of UpdateVariants and maps a 207
// onto the chunk's items by the variants that came back.
func (s *ProductsService) updateVariantsChunk(ctx context.Context, chunk []VariantUpdate) ([]Variant, *Response, error) {
	saved, resp, err := getV3[[]Variant](ctx, s.client, http.MethodPut, "/v3/catalog/variants", nil, chunk)
	return saved, resp, chunkMultiStatus(err, len(chunk), func(i int) bool {
		return slices.ContainsFunc(saved, func(v Variant) bool { return sameVariant(chunk[i], v) })
	})
}

// UpdateVariantsBatch is the former name of UpdateVariants.
//
// Deprecated: Use UpdateVariants.
func (s *ProductsService) UpdateVariantsBatch(ctx context.Context, items []VariantUpdate) ([]Variant, *Response, error) {
	return s.UpdateVariants(ctx, items)
}

// sameVariant reports whether v is the variant u wrote: the same id, or
// for a new variant (no id) the same product and SKU.
func sameVariant(u VariantUpdate, v Variant) bool {
	if u.ID > 0 {
		return v.ID == u.ID
	}
	return v.ProductID == u.ProductID && u.SKU != nil && v.SKU == *u.SKU
}

// number writes a decimal as a JSON number. The V3 catalog declares money
// as numbers and decimal.Decimal marshals as a string by default, so the
// write types send their money through it (without touching the
// package-wide decimal.MarshalJSONWithoutQuotes setting).
type number struct{ d decimal.Decimal }

func (n number) MarshalJSON() ([]byte, error) { return []byte(n.d.String()), nil }

func num(d *decimal.Decimal) *number {
	if d == nil {
		return nil
	}
	return &number{*d}
}

// MarshalJSON implements json.Marshaler, writing money as JSON numbers.
func (p ProductCreate) MarshalJSON() ([]byte, error) {
	type plain ProductCreate
	return json.Marshal(struct {
		plain
		Price                  number  `json:"price"`
		CostPrice              *number `json:"cost_price,omitempty"`
		RetailPrice            *number `json:"retail_price,omitempty"`
		SalePrice              *number `json:"sale_price,omitempty"`
		MapPrice               *number `json:"map_price,omitempty"`
		FixedCostShippingPrice *number `json:"fixed_cost_shipping_price,omitempty"`
	}{plain(p), number{p.Price}, num(p.CostPrice), num(p.RetailPrice), num(p.SalePrice), num(p.MapPrice), num(p.FixedCostShippingPrice)})
}

// MarshalJSON implements json.Marshaler, writing money as JSON numbers.
func (u ProductUpdate) MarshalJSON() ([]byte, error) {
	type plain ProductUpdate
	return json.Marshal(struct {
		plain
		Price                  *number `json:"price,omitempty"`
		CostPrice              *number `json:"cost_price,omitempty"`
		RetailPrice            *number `json:"retail_price,omitempty"`
		SalePrice              *number `json:"sale_price,omitempty"`
		MapPrice               *number `json:"map_price,omitempty"`
		FixedCostShippingPrice *number `json:"fixed_cost_shipping_price,omitempty"`
	}{plain(u), num(u.Price), num(u.CostPrice), num(u.RetailPrice), num(u.SalePrice), num(u.MapPrice), num(u.FixedCostShippingPrice)})
}

// MarshalJSON implements json.Marshaler, writing money as JSON numbers.
func (v VariantCreate) MarshalJSON() ([]byte, error) {
	type plain VariantCreate
	return json.Marshal(struct {
		plain
		Price                  *number `json:"price,omitempty"`
		SalePrice              *number `json:"sale_price,omitempty"`
		RetailPrice            *number `json:"retail_price,omitempty"`
		CostPrice              *number `json:"cost_price,omitempty"`
		FixedCostShippingPrice *number `json:"fixed_cost_shipping_price,omitempty"`
	}{plain(v), num(v.Price), num(v.SalePrice), num(v.RetailPrice), num(v.CostPrice), num(v.FixedCostShippingPrice)})
}

// MarshalJSON implements json.Marshaler, writing money as JSON numbers.
func (u VariantUpdate) MarshalJSON() ([]byte, error) {
	type plain VariantUpdate
	return json.Marshal(struct {
		plain
		Price                  *number `json:"price,omitempty"`
		SalePrice              *number `json:"sale_price,omitempty"`
		RetailPrice            *number `json:"retail_price,omitempty"`
		CostPrice              *number `json:"cost_price,omitempty"`
		FixedCostShippingPrice *number `json:"fixed_cost_shipping_price,omitempty"`
	}{plain(u), num(u.Price), num(u.SalePrice), num(u.RetailPrice), num(u.CostPrice), num(u.FixedCostShippingPrice)})
}

// MarshalJSON implements json.Marshaler, writing Amount as a JSON number.
func (r BulkPricingRule) MarshalJSON() ([]byte, error) {
	type plain BulkPricingRule
	return json.Marshal(struct {
		plain
		Amount number `json:"amount"`
	}{plain(r), number{r.Amount}})
}
