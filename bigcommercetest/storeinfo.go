package bigcommercetest

import "net/http"

// storeInfo is the body of GET /v2/store (StoreInformation).
type storeInfo struct {
	ID                      string        `json:"id"`
	AccountUUID             string        `json:"account_uuid"`
	Domain                  string        `json:"domain"`
	SecureURL               string        `json:"secure_url"`
	ControlPanelBaseURL     string        `json:"control_panel_base_url"`
	Status                  string        `json:"status"`
	Name                    string        `json:"name"`
	FirstName               string        `json:"first_name"`
	LastName                string        `json:"last_name"`
	Address                 string        `json:"address"`
	Country                 string        `json:"country"`
	CountryCode             string        `json:"country_code"`
	Phone                   string        `json:"phone"`
	AdminEmail              string        `json:"admin_email"`
	OrderEmail              string        `json:"order_email"`
	FaviconURL              string        `json:"favicon_url"`
	Timezone                storeTimezone `json:"timezone"`
	Language                string        `json:"language"`
	Currency                string        `json:"currency"`
	CurrencySymbol          string        `json:"currency_symbol"`
	DecimalSeparator        string        `json:"decimal_separator"`
	ThousandsSeparator      string        `json:"thousands_separator"`
	DecimalPlaces           int           `json:"decimal_places"`
	CurrencySymbolLocation  string        `json:"currency_symbol_location"`
	WeightUnits             string        `json:"weight_units"`
	DimensionUnits          string        `json:"dimension_units"`
	DimensionDecimalPlaces  int           `json:"dimension_decimal_places"`
	DimensionDecimalToken   string        `json:"dimension_decimal_token"`
	DimensionThousandsToken string        `json:"dimension_thousands_token"`
	PlanName                string        `json:"plan_name"`
	PlanLevel               string        `json:"plan_level"`
	PlanIsTrial             bool          `json:"plan_is_trial"`
	Industry                string        `json:"industry"`
	Logo                    struct{}      `json:"logo"`
	IsPriceEnteredWithTax   bool          `json:"is_price_entered_with_tax"`
	StoreID                 int64         `json:"store_id"`
	DefaultChannelID        int           `json:"default_channel_id"`
	DefaultSiteID           int           `json:"default_site_id"`
	ActiveComparisonModules []string      `json:"active_comparison_modules"`
	Features                storeFeatures `json:"features"`
}

type storeTimezone struct {
	Name          string          `json:"name"`
	RawOffset     int             `json:"raw_offset"`
	DSTOffset     int             `json:"dst_offset"`
	DSTCorrection bool            `json:"dst_correction"`
	DateFormat    storeDateFormat `json:"date_format"`
}

type storeDateFormat struct {
	Display         string `json:"display"`
	Export          string `json:"export"`
	ExtendedDisplay string `json:"extended_display"`
}

type storeFeatures struct {
	StencilEnabled                bool   `json:"stencil_enabled"`
	SitewidehttpsEnabled          bool   `json:"sitewidehttps_enabled"`
	FacebookCatalogID             string `json:"facebook_catalog_id"`
	CheckoutType                  string `json:"checkout_type"`
	WishlistsEnabled              bool   `json:"wishlists_enabled"`
	GraphqlStorefrontAPIEnabled   bool   `json:"graphql_storefront_api_enabled"`
	ShopperConsentTrackingEnabled bool   `json:"shopper_consent_tracking_enabled"`
	MultiStorefrontEnabled        bool   `json:"multi_storefront_enabled"`
}

// getStore serves GET /v2/store.
func (c *call) getStore() {
	h := c.s.cfg.StoreHash
	c.json(http.StatusOK, storeInfo{
		ID: h, AccountUUID: "8d4d492f-17a1-4d95-b396-e1c5720815a5", Domain: h + ".example.com",
		SecureURL: "https://" + h + ".example.com", ControlPanelBaseURL: "https://store-" + h + ".mybigcommerce.com",
		Status: "live", Name: "Fake Store", FirstName: "Jane", LastName: "Doe", Address: "11305 Four Points Dr, Austin, TX 78726",
		Country: "United States", CountryCode: "US", Phone: "512-555-0100", AdminEmail: "admin@" + h + ".example.com",
		OrderEmail: "orders@" + h + ".example.com", FaviconURL: "https://cdn.example.com/favicon.ico",
		Timezone: storeTimezone{Name: "Etc/UTC", DateFormat: storeDateFormat{Display: "M jS Y", Export: "M jS Y", ExtendedDisplay: "M jS Y @ g:i A"}},
		Language: "en", Currency: "USD", CurrencySymbol: "$", DecimalSeparator: ".", ThousandsSeparator: ",",
		DecimalPlaces: 2, CurrencySymbolLocation: "left", WeightUnits: "Ounces", DimensionUnits: "Inches",
		DimensionDecimalPlaces: 2, DimensionDecimalToken: ".", DimensionThousandsToken: ",",
		PlanName: "Standard", PlanLevel: "Standard", Industry: "Retail", StoreID: 1000001,
		DefaultChannelID: 1, DefaultSiteID: 1000, ActiveComparisonModules: []string{},
		Features: storeFeatures{StencilEnabled: true, SitewidehttpsEnabled: true, CheckoutType: "optimized",
			WishlistsEnabled: true, GraphqlStorefrontAPIEnabled: true, ShopperConsentTrackingEnabled: true},
	})
}

// getTime serves GET /v2/time.
func (c *call) getTime() {
	c.json(http.StatusOK, map[string]int64{"time": c.s.cfg.Now().Unix()})
}
