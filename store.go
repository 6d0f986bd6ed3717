package bigcommerce

import (
	"context"
	"net/http"
)

// StoreInfo is the store profile returned by GET /v2/store: what a "test
// connection" button shows.
type StoreInfo struct {
	ID                     string `json:"id"`
	AccountUUID            string `json:"account_uuid"`
	Domain                 string `json:"domain"`
	SecureURL              string `json:"secure_url"`
	ControlPanelBaseURL    string `json:"control_panel_base_url"`
	Status                 string `json:"status"`
	Name                   string `json:"name"`
	FirstName              string `json:"first_name"`
	LastName               string `json:"last_name"`
	Address                string `json:"address"`
	Country                string `json:"country"`
	CountryCode            string `json:"country_code"`
	InfrastructureRegion   string `json:"infrastructure_region"`
	Phone                  string `json:"phone"`
	AdminEmail             string `json:"admin_email"`
	OrderEmail             string `json:"order_email"`
	FaviconURL             string `json:"favicon_url"`
	Language               string `json:"language"`
	Currency               string `json:"currency"`
	CurrencySymbol         string `json:"currency_symbol"`
	DecimalSeparator       string `json:"decimal_separator"`
	ThousandsSeparator     string `json:"thousands_separator"`
	DecimalPlaces          int    `json:"decimal_places"`
	CurrencySymbolLocation string `json:"currency_symbol_location"`
	WeightUnits            string `json:"weight_units"`
	DimensionUnits         string `json:"dimension_units"`
	PlanName               string `json:"plan_name"`
	PlanLevel              string `json:"plan_level"`
	PlanIsTrial            bool   `json:"plan_is_trial"`
	Industry               string `json:"industry"`
	IsPriceEnteredWithTax  bool   `json:"is_price_entered_with_tax"`
	StoreID                int    `json:"store_id"`
	DefaultChannelID       int    `json:"default_channel_id"`
	DefaultSiteID          int    `json:"default_site_id"`
	Timezone               struct {
		Name      string `json:"name"`
		RawOffset int    `json:"raw_offset"`
		DSTOffset int    `json:"dst_offset"`
	} `json:"timezone"`
}

// Ping tests the connection and credentials: it calls GET /v2/store and
// returns the store's name, domain, plan and currency. A 401 comes back as an
// *Error whose Hint says the token (or legacy username/API token) was
// rejected; a 403 one whose Hint names the scope the call needs
// (store_v2_information_read_only).
func (c *Client) Ping(ctx context.Context) (*StoreInfo, error) {
	var info StoreInfo
	if _, err := c.call(ctx, http.MethodGet, "/v2/store", nil, nil, &info); err != nil {
		return nil, err
	}
	return &info, nil
}
