package bigcommercetest

import (
	"net/http"
	"slices"
	"strings"
	"time"
)

// channel is a sales channel.
type channel struct {
	ID               int       `json:"id"`
	ExternalID       string    `json:"external_id"`
	IsListableFromUI bool      `json:"is_listable_from_ui"`
	IsEnabled        bool      `json:"is_enabled"`
	IsVisible        bool      `json:"is_visible"`
	Status           string    `json:"status"`
	Name             string    `json:"name"`
	Type             string    `json:"type"`
	Platform         string    `json:"platform"`
	DateCreated      time.Time `json:"date_created"`
	DateModified     time.Time `json:"date_modified"`
	IconURL          string    `json:"icon_url"`
	Currencies       any       `json:"currencies,omitempty"`
}

// listing is a product listed on a channel.
type listing struct {
	ChannelID    int              `json:"channel_id"`
	ListingID    int              `json:"listing_id"`
	ExternalID   string           `json:"external_id"`
	ProductID    int              `json:"product_id"`
	State        string           `json:"state"`
	Name         string           `json:"name"`
	Description  string           `json:"description"`
	DateCreated  time.Time        `json:"date_created"`
	DateModified time.Time        `json:"date_modified"`
	Variants     []listingVariant `json:"variants"`
}

type listingVariant struct {
	ChannelID    int       `json:"channel_id"`
	ProductID    int       `json:"product_id"`
	VariantID    int       `json:"variant_id"`
	ExternalID   string    `json:"external_id"`
	State        string    `json:"state"`
	Name         string    `json:"name"`
	DateCreated  time.Time `json:"date_created"`
	DateModified time.Time `json:"date_modified"`
}

var (
	channelStatuses = []string{"active", "prelaunch", "inactive", "connected", "disconnected", "archived", "deleted", "terminated"}
	channelTypes    = []string{"pos", "marketplace", "storefront", "marketing"}
	listingStates   = []string{"active", "disabled", "error", "pending", "pending_disable", "pending_delete", "partially_rejected", "queued", "rejected", "submitted", "deleted"}
)

// seedChannels adds the default storefront (channel 1) and a marketplace.
func (cv *coverage) seedChannels(created time.Time) {
	for _, ch := range []*channel{
		{ID: 1, Name: "Default storefront", Type: "storefront", Platform: "bigcommerce", Status: "active", IsListableFromUI: true, IsVisible: true, IsEnabled: true},
		{ID: 2, Name: "Amazon US", Type: "marketplace", Platform: "amazon", Status: "connected", IsListableFromUI: true, IsVisible: true, IsEnabled: true},
	} {
		ch.DateCreated, ch.DateModified = created, created
		cv.channels.insert(ch)
	}
}

// listChannels serves GET /v3/channels.
func (c *call) listChannels() {
	f := c.filters("include", "available", "status:in", "type:in", "platform:in", "date_created", "date_created:min", "date_created:max",
		"date_modified", "date_modified:min", "date_modified:max", "limit", "page")
	page, limit := f.paging(250)
	include := f.oneOf("include", "currencies")
	available, hasAvailable := f.bool("available")
	statuses, types, platforms := f.lowerSet("status:in"), f.lowerSet("type:in"), f.lowerSet("platform:in")
	created, modified := f.v3Dates("date_created"), f.v3Dates("date_modified")
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	rows := c.s.db.cov.channels.list(func(ch *channel) bool {
		gone := ch.Status == "deleted" || ch.Status == "terminated"
		return (!hasAvailable || available != gone) && (statuses == nil || statuses[ch.Status]) && (types == nil || types[ch.Type]) &&
			(platforms == nil || platforms[strings.ToLower(ch.Platform)]) && created.match(ch.DateCreated) && modified.match(ch.DateModified)
	})
	views := make([]*channel, len(rows))
	for i, ch := range rows {
		views[i] = viewChannel(ch, include == "currencies")
	}
	listV3(c, views, page, limit, fieldFilter{})
}

// viewChannel copies ch, with its currencies when asked for.
func viewChannel(ch *channel, currencies bool) *channel {
	v := *ch
	if currencies {
		v.Currencies = map[string]any{"channel_id": ch.ID, "enabled_currencies": []string{"USD"}, "default_currency": "USD"}
	}
	return &v
}

// channelByID returns the channel of the first path parameter, answering
// 404 when there is none.
func (c *call) channelByID() *channel {
	ch := c.s.db.cov.channels.get(c.params[0])
	if ch == nil {
		c.v3err(http.StatusNotFound, "The channel was not found.", nil)
	}
	return ch
}

// getChannel serves GET /v3/channels/{id}.
func (c *call) getChannel() {
	f := c.filters("include")
	include := f.oneOf("include", "currencies")
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	if ch := c.channelByID(); ch != nil {
		c.json(http.StatusOK, listEnvelope{Data: viewChannel(ch, include == "currencies"), Meta: emptyMeta{}})
	}
}

// channelWrite is the body of POST and PUT /v3/channels.
type channelWrite struct {
	Name             *string `json:"name"`
	Type             *string `json:"type"`
	Platform         *string `json:"platform"`
	ExternalID       *string `json:"external_id"`
	Status           *string `json:"status"`
	IsListableFromUI *bool   `json:"is_listable_from_ui"`
	IsVisible        *bool   `json:"is_visible"`
}

// createChannel serves POST /v3/channels.
func (c *call) createChannel() {
	var w channelWrite
	if !c.decodeObject(&w) {
		return
	}
	errs := map[string]string{}
	if w.Name == nil || strings.TrimSpace(*w.Name) == "" {
		errs["name"] = "name is required"
	}
	if w.Type == nil || !slices.Contains(channelTypes, *w.Type) {
		errs["type"] = "type must be one of " + strings.Join(channelTypes, ", ")
	}
	if w.Platform == nil || strings.TrimSpace(*w.Platform) == "" {
		errs["platform"] = "platform is required"
	}
	if w.Status != nil && !slices.Contains(channelStatuses, *w.Status) {
		errs["status"] = "status is not valid"
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "The channel was not valid.", errs)
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	now := c.s.now()
	ch := &channel{Name: strings.TrimSpace(*w.Name), Type: *w.Type, Platform: *w.Platform, Status: "connected", IsVisible: true,
		IsListableFromUI: true, IsEnabled: true, DateCreated: now, DateModified: now}
	set(&ch.ExternalID, w.ExternalID)
	set(&ch.Status, w.Status)
	set(&ch.IsListableFromUI, w.IsListableFromUI)
	set(&ch.IsVisible, w.IsVisible)
	ch.ID = c.s.db.cov.channels.insert(ch)
	c.json(http.StatusOK, listEnvelope{Data: ch, Meta: emptyMeta{}})
}

// updateChannel serves PUT /v3/channels/{id}: type and platform are left
// as they are (the API ignores them), a deleted or terminated channel is
// 422.
func (c *call) updateChannel() {
	var w channelWrite
	if !c.decodeObject(&w) {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	ch := c.channelByID()
	if ch == nil {
		return
	}
	switch {
	case ch.Status == "deleted" || ch.Status == "terminated":
		c.v3err(http.StatusUnprocessableEntity, "A deleted or terminated channel cannot be updated.", map[string]string{"status": ch.Status})
		return
	case w.Status != nil && !slices.Contains(channelStatuses, *w.Status):
		c.v3err(http.StatusUnprocessableEntity, "The channel was not valid.", map[string]string{"status": "status is not valid"})
		return
	case w.Name != nil && strings.TrimSpace(*w.Name) == "":
		c.v3err(http.StatusUnprocessableEntity, "The channel was not valid.", map[string]string{"name": "name must not be empty"})
		return
	}
	set(&ch.Name, w.Name)
	set(&ch.ExternalID, w.ExternalID)
	set(&ch.Status, w.Status)
	set(&ch.IsListableFromUI, w.IsListableFromUI)
	set(&ch.IsVisible, w.IsVisible)
	ch.DateModified = c.s.now()
	c.json(http.StatusOK, listEnvelope{Data: ch, Meta: emptyMeta{}})
}

// listListings serves GET /v3/channels/{id}/listings: ordered by listing
// id, paged by "after" (a listing id) and limit. An unknown channel gives
// an empty list, as the spec says.
func (c *call) listListings() {
	f := c.filters("limit", "after", "product_id:in", "date_created", "date_created:min", "date_created:max",
		"date_modified", "date_modified:min", "date_modified:max")
	_, limit := f.paging(250)
	after, _ := f.int("after")
	products := f.intSet("product_id:in")
	created, modified := f.v3Dates("date_created"), f.v3Dates("date_modified")
	if f.failed {
		return
	}
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	rows := c.s.db.cov.listings.list(func(l *listing) bool {
		return l.ChannelID == c.params[0] && l.ListingID > after && (products == nil || products[l.ProductID]) &&
			created.match(l.DateCreated) && modified.match(l.DateModified)
	})
	total := len(rows)
	rows = rows[:min(limit, len(rows))]
	c.json(http.StatusOK, listEnvelope{Data: rows, Meta: map[string]any{"pagination": map[string]any{"count": len(rows), "total": total}}})
}

// getListing serves GET /v3/channels/{id}/listings/{listing_id}.
func (c *call) getListing() {
	c.s.mu.RLock()
	defer c.s.mu.RUnlock()
	l := c.s.db.cov.listings.get(c.params[1])
	if l == nil || l.ChannelID != c.params[0] {
		c.v3err(http.StatusNotFound, "The listing was not found.", nil)
		return
	}
	c.json(http.StatusOK, listEnvelope{Data: l, Meta: emptyMeta{}})
}

// listingWrite is one item of POST and PUT /v3/channels/{id}/listings.
type listingWrite struct {
	ListingID   int                   `json:"listing_id"`
	ProductID   int                   `json:"product_id"`
	ExternalID  *string               `json:"external_id"`
	State       *string               `json:"state"`
	Name        *string               `json:"name"`
	Description *string               `json:"description"`
	Variants    *[]listingVariantData `json:"variants"`
}

type listingVariantData struct {
	ProductID  int     `json:"product_id"`
	VariantID  int     `json:"variant_id"`
	ExternalID *string `json:"external_id"`
	State      *string `json:"state"`
	Name       *string `json:"name"`
}

// checkListingWrite validates one item against the catalog; prefix is its
// index for error keys.
func (c *call) checkListingWrite(w listingWrite, prefix string, errs map[string]string) {
	d := c.s.db
	switch {
	case w.State == nil || !slices.Contains(listingStates, *w.State):
		errs[prefix+".state"] = "error.path.missing"
	case w.Variants == nil:
		errs[prefix+".variants"] = "error.path.missing"
	case d.products[w.ProductID] == nil:
		errs[prefix+".product_id"] = "product " + itoa(w.ProductID) + " does not exist"
	default:
		for j, v := range *w.Variants {
			key := prefix + ".variants." + itoa(j)
			vr := d.variants[v.VariantID]
			switch {
			case v.ProductID != w.ProductID:
				errs[key+".product_id"] = "must match the listing's product_id"
			case vr == nil || vr.ProductID != w.ProductID:
				errs[key+".variant_id"] = "variant " + itoa(v.VariantID) + " is not a variant of product " + itoa(w.ProductID)
			case v.State == nil || !slices.Contains(listingStates, *v.State):
				errs[key+".state"] = "error.path.missing"
			}
		}
	}
}

// applyVariants adds or updates the variants of l from w.
func applyVariants(l *listing, ws []listingVariantData, now time.Time) {
	for _, v := range ws {
		i := slices.IndexFunc(l.Variants, func(x listingVariant) bool { return x.VariantID == v.VariantID })
		if i < 0 {
			l.Variants = append(l.Variants, listingVariant{ChannelID: l.ChannelID, ProductID: v.ProductID, VariantID: v.VariantID, DateCreated: now})
			i = len(l.Variants) - 1
		}
		lv := &l.Variants[i]
		set(&lv.ExternalID, v.ExternalID)
		set(&lv.State, v.State)
		set(&lv.Name, v.Name)
		lv.DateModified = now
	}
}

// createListings serves POST /v3/channels/{id}/listings: all or nothing.
func (c *call) createListings() {
	writes, errs, ok := decodeWrites[listingWrite](c, 50, tooManyItems)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	if c.channelByID() == nil {
		return
	}
	for i, w := range writes {
		if errs[itoa(i)] == "" {
			c.checkListingWrite(w, itoa(i), errs)
		}
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "JSON data is missing or invalid", errs)
		return
	}
	now := c.s.now()
	out := make([]*listing, 0, len(writes))
	for _, w := range writes {
		l := &listing{ChannelID: c.params[0], ProductID: w.ProductID, DateCreated: now, DateModified: now, Variants: []listingVariant{}}
		c.applyListing(l, w, now)
		l.ListingID = c.s.db.cov.listings.insert(l)
		out = append(out, l)
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: emptyMeta{}})
}

func (c *call) applyListing(l *listing, w listingWrite, now time.Time) {
	if l.Name == "" && w.Name == nil {
		l.Name = c.s.db.products[l.ProductID].Name
	}
	set(&l.ExternalID, w.ExternalID)
	set(&l.State, w.State)
	set(&l.Name, w.Name)
	set(&l.Description, w.Description)
	applyVariants(l, *w.Variants, now)
	for i := range l.Variants {
		l.Variants[i].ChannelID = l.ChannelID
	}
	l.DateModified = now
}

// updateListings serves PUT /v3/channels/{id}/listings: all or nothing for
// invalid items; a listing id that does not exist in the channel is
// skipped silently (200, left out of data), as the spec says.
func (c *call) updateListings() {
	writes, errs, ok := decodeWrites[listingWrite](c, 50, tooManyItems)
	if !ok {
		return
	}
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	if c.channelByID() == nil {
		return
	}
	cv := c.s.db.cov
	for i, w := range writes {
		key := itoa(i)
		if errs[key] != "" {
			continue
		}
		if w.ListingID <= 0 {
			errs[key+".listing_id"] = "listing_id is required and must be greater than zero"
			continue
		}
		if l := cv.listings.get(w.ListingID); l != nil && l.ProductID != w.ProductID {
			errs[key+".product_id"] = "product_id cannot be changed"
			continue
		}
		c.checkListingWrite(w, key, errs)
	}
	if len(errs) > 0 {
		c.v3err(http.StatusUnprocessableEntity, "JSON data is missing or invalid", errs)
		return
	}
	now := c.s.now()
	out := []*listing{}
	for _, w := range writes {
		l := cv.listings.get(w.ListingID)
		if l == nil || l.ChannelID != c.params[0] {
			continue
		}
		c.applyListing(l, w, now)
		out = append(out, l)
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: emptyMeta{}})
}
