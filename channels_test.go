package bigcommerce

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
)

func TestChannelsListDecodesSpecExample(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/channels", 200, fixture(t, "channels/list.json"))
	chans, resp, err := c.Channels.List(ctx(t), &ChannelFilter{
		TypeIn: StringList{"marketplace", "storefront"}, Available: Ptr(true), Page: 2, Limit: 2,
	})
	if err != nil {
		t.Fatal(err)
	}
	if want := "available=true&limit=2&page=2&type:in=marketplace,storefront"; rec.last(t).Raw != want {
		t.Errorf("query\n got %s\nwant %s", rec.last(t).Raw, want)
	}
	if len(chans) < 2 || chans[0].ID != 1 || chans[0].Type != ChannelTypeStorefront || chans[0].Status != ChannelStatusPrelaunch ||
		!chans[0].IsListableFromUI || !chans[0].DateCreated.Equal(time.Date(2021, 5, 7, 14, 54, 51, 0, time.UTC)) || chans[1].Platform != "amazon" {
		t.Errorf("channels = %+v", chans[:2])
	}
	if p := resp.Pagination; p == nil || p.TotalPages != 4 || p.CurrentPage != 2 {
		t.Errorf("Pagination = %+v", resp.Pagination)
	}
}

func TestChannelsGetCreateUpdate(t *testing.T) {
	c, mt := newTestClient(t)
	get := mockJSON(mt, http.MethodGet, "/v3/channels/667159", 200, fixture(t, "channels/get_currencies.json"))
	post := mockJSON(mt, http.MethodPost, "/v3/channels", 200, fixture(t, "channels/get.json"))
	put := mockJSON(mt, http.MethodPut, "/v3/channels/667159", 200, fixture(t, "channels/get.json"))

	ch, _, err := c.Channels.Get(ctx(t), 667159)
	if err != nil || ch.Name != "Facebook by Meta" || ch.Currencies == nil || ch.Currencies.DefaultCurrency != "USD" || ch.Status != ChannelStatusConnected {
		t.Fatalf("Get = %+v, %v", ch, err)
	}
	if get.last(t).Raw != "include=currencies" {
		t.Errorf("Get query %s", get.last(t).Raw)
	}
	if _, _, err := c.Channels.Create(ctx(t), ChannelCreate{Name: "POS", Type: ChannelTypePOS, Platform: "square", IsVisible: Ptr(false)}); err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, post.last(t).Body, `{"name":"POS","type":"pos","platform":"square","is_visible":false}`)
	if _, _, err := c.Channels.Update(ctx(t), 667159, ChannelUpdate{Status: Ptr(ChannelStatusArchived), ExternalID: Ptr("")}); err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, put.last(t).Body, `{"status":"archived","external_id":""}`)
}

func TestChannelListingsDecodeAndCreate(t *testing.T) {
	c, mt := newTestClient(t)
	list := mockJSON(mt, http.MethodGet, "/v3/channels/664177/listings", 200, fixture(t, "channels/multiple_listings_resp.json"))
	post := mockJSON(mt, http.MethodPost, "/v3/channels/667159/listings", 200, fixture(t, "channels/multiple_listings_resp.json"))
	one := mockJSON(mt, http.MethodGet, "/v3/channels/667159/listings/882998595", 200, fixture(t, "channels/single_listing_with_empty_meta_resp.json"))

	ls, _, err := c.Channels.ListListings(ctx(t), 664177, &ListingFilter{ProductIDIn: IntList{80, 100}, After: 5, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if want := "after=5&limit=10&product_id:in=80,100"; list.last(t).Raw != want {
		t.Errorf("query %s, want %s", list.last(t).Raw, want)
	}
	if len(ls) != 2 || ls[0].ListingID != 882789361 || ls[0].State != ListingStateActive || len(ls[0].Variants) != 2 ||
		ls[0].Variants[1].VariantID != 65 || ls[1].State != ListingStatePending || !strings.HasPrefix(ls[0].Description, "The same") {
		t.Errorf("listings = %+v", ls)
	}
	l, _, err := c.Channels.GetListing(ctx(t), 667159, 882998595)
	if err != nil || l.ListingID != 882998595 || one.count() != 1 {
		t.Fatalf("GetListing = %+v, %v", l, err)
	}
	_, _, err = c.Channels.CreateListings(ctx(t), 667159, []ListingCreate{{
		ProductID: 80, State: ListingStateActive, Name: Ptr("Orbit Terrarium - Large"), Description: Ptr("The same terrarium, but not a [Sample]"),
		Variants: []ListingVariantWrite{
			{ProductID: 80, VariantID: 64, State: ListingStateActive, Name: Ptr("Terrarium with dinosaur")},
			{ProductID: 80, VariantID: 65, State: ListingStateActive, Name: Ptr("Terrarium with fish")},
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, post.last(t).Body, string(fixture(t, "channels/create_single_listing_req.json")))
}

func TestChannelListingsUpdateReportsSkippedIDs(t *testing.T) {
	c, mt := newTestClient(t)
	put := mockJSON(mt, http.MethodPut, "/v3/channels/667159/listings", 200, fixture(t, "channels/multiple_listings_resp.json"))
	out, _, err := c.Channels.UpdateListings(ctx(t), 667159, []ListingUpdate{
		{ListingID: 882789361, ProductID: 80, State: ListingStateActive},
		{ListingID: 42, ProductID: 7, State: ListingStateDisabled},
		{ListingID: 882789362, ProductID: 100, State: ListingStatePending},
	})
	if len(out) != 2 {
		t.Errorf("out = %d listings", len(out))
	}
	var be *BatchError
	if !errors.As(err, &be) || len(be.Failures) != 1 || be.Failures[0].Index != 1 || !errors.Is(be.Failures[0].Err, ErrNotFound) {
		t.Fatalf("err = %v; want only item 1 reported as not found", err)
	}
	if !strings.Contains(string(put.last(t).Body), `{"listing_id":42,"product_id":7,"state":"disabled","variants":[]}`) {
		t.Errorf("body %s: variants must be sent as []", put.last(t).Body)
	}
}

func TestChannelListingsAllWalksByAfter(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v3/channels/2/listings", func(r captured) (*http.Response, error) {
		after, _ := strconv.Atoi(r.Query.Get("after"))
		var items []string
		for id := 10; id <= 50 && len(items) < 2; id += 10 {
			if id > after {
				items = append(items, fmt.Sprintf(`{"listing_id":%d,"channel_id":2,"product_id":%d}`, id, id/10))
			}
		}
		return httpmock.NewStringResponse(200, `{"data":[`+strings.Join(items, ",")+`],"meta":{}}`), nil
	})
	filter := &ListingFilter{Limit: 2, ProductIDIn: IntList{1, 2, 3, 4, 5}}
	var ids []int
	for l, err := range c.Channels.AllListings(ctx(t), 2, filter) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, l.ListingID)
	}
	if fmt.Sprint(ids) != "[10 20 30 40 50]" {
		t.Errorf("ids = %v", ids)
	}
	var queries []string
	for _, r := range rec.all() {
		queries = append(queries, r.Raw)
	}
	want := "[limit=2&product_id:in=1,2,3,4,5 after=20&limit=2&product_id:in=1,2,3,4,5 after=40&limit=2&product_id:in=1,2,3,4,5]"
	if fmt.Sprint(queries) != want {
		t.Errorf("queries\n got %v\nwant %s", queries, want)
	}
	if filter.After != 0 {
		t.Errorf("AllListings changed the caller's filter: %+v", filter)
	}
}

func TestChannelsValidation(t *testing.T) {
	tests := []struct {
		name string
		call func(c *Client) error
		want string
	}{
		{"get 0", func(c *Client) error { _, _, err := c.Channels.Get(ctx(t), 0); return err }, "positive id"},
		{"create no platform", func(c *Client) error {
			_, _, err := c.Channels.Create(ctx(t), ChannelCreate{Name: "x", Type: ChannelTypePOS})
			return err
		}, "Platform"},
		{"update nothing", func(c *Client) error { _, _, err := c.Channels.Update(ctx(t), 1, ChannelUpdate{}); return err }, "nothing to update"},
		{"listing without variants", func(c *Client) error {
			_, _, err := c.Channels.CreateListings(ctx(t), 1, []ListingCreate{{ProductID: 1, State: ListingStateActive}})
			return err
		}, "at least one variant"},
		{"variant of another product", func(c *Client) error {
			_, _, err := c.Channels.CreateListings(ctx(t), 1, []ListingCreate{{ProductID: 1, State: ListingStateActive,
				Variants: []ListingVariantWrite{{ProductID: 2, VariantID: 3, State: ListingStateActive}}}})
			return err
		}, "must equal the listing's product id"},
		{"update without listing id", func(c *Client) error {
			_, _, err := c.Channels.UpdateListings(ctx(t), 1, []ListingUpdate{{ProductID: 1, State: ListingStateActive}})
			return err
		}, "ListingID"},
		{"list negative after", func(c *Client) error {
			_, _, err := c.Channels.ListListings(ctx(t), 1, &ListingFilter{After: -1})
			return err
		}, "After"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			assertValidation(t, tt.call(c), tt.want)
			assertNothingSent(t, mt)
		})
	}
}
