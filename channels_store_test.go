package bigcommerce_test

// Integration tests of the Channels service against bigcommercetest, through
// the real Client. They are in package bigcommerce_test because
// bigcommercetest imports bigcommerce.

import (
	"errors"
	"fmt"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

func TestIntegrationChannelsAndListings(t *testing.T) {
	c, _ := newFakeStoreClient(t, bigcommercetest.Config{Quota: 100000}, bigcommercetest.SeedOptions{Seed: 3, Products: 4, VariantsPerProduct: 2})
	chans, _, err := c.Channels.List(bigcommerce.Ctx(t), &bigcommerce.ChannelFilter{TypeIn: bigcommerce.StringList{"storefront"}})
	if err != nil || len(chans) != 1 || chans[0].ID != 1 {
		t.Fatalf("storefronts = %+v, %v", chans, err)
	}
	pos, _, err := c.Channels.Create(bigcommerce.Ctx(t), bigcommerce.ChannelCreate{Name: "Shop POS", Type: bigcommerce.ChannelTypePOS, Platform: "square", Status: bigcommerce.ChannelStatusPrelaunch})
	if err != nil || pos.ID != 3 || pos.Status != bigcommerce.ChannelStatusPrelaunch {
		t.Fatalf("Create = %+v, %v", pos, err)
	}
	up, _, err := c.Channels.Update(bigcommerce.Ctx(t), pos.ID, bigcommerce.ChannelUpdate{Status: bigcommerce.Ptr(bigcommerce.ChannelStatusActive), IsVisible: bigcommerce.Ptr(false)})
	if err != nil || up.Status != bigcommerce.ChannelStatusActive || up.IsVisible {
		t.Fatalf("Update = %+v, %v", up, err)
	}
	got, _, err := c.Channels.Get(bigcommerce.Ctx(t), pos.ID)
	if err != nil || got.Name != "Shop POS" || got.Currencies == nil {
		t.Fatalf("Get = %+v, %v", got, err)
	}
	if _, _, err := c.Channels.Update(bigcommerce.Ctx(t), pos.ID, bigcommerce.ChannelUpdate{Status: bigcommerce.Ptr(bigcommerce.ChannelStatusTerminated)}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Channels.Update(bigcommerce.Ctx(t), pos.ID, bigcommerce.ChannelUpdate{Name: bigcommerce.Ptr("again")}); !errors.Is(err, bigcommerce.ErrUnprocessable) {
		t.Errorf("update of a terminated channel: %v, want 422", err)
	}
	var all []bigcommerce.Channel
	for ch, err := range c.Channels.All(bigcommerce.Ctx(t), &bigcommerce.ChannelFilter{Available: bigcommerce.Ptr(true)}) {
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, ch)
	}
	if len(all) != 2 {
		t.Errorf("available channels = %d, want 2", len(all))
	}

	// List every product on the marketplace, one variant each, then walk
	// the listings two at a time.
	var in []bigcommerce.ListingCreate
	for pid := 1; pid <= 4; pid++ {
		vs, _, err := c.Products.ListVariants(bigcommerce.Ctx(t), pid, nil)
		if err != nil || len(vs) == 0 {
			t.Fatalf("variants of %d: %v", pid, err)
		}
		in = append(in, bigcommerce.ListingCreate{ProductID: pid, State: bigcommerce.ListingStatePending,
			Variants: []bigcommerce.ListingVariantWrite{{ProductID: pid, VariantID: vs[0].ID, State: bigcommerce.ListingStatePending}}})
	}
	created, _, err := c.Channels.CreateListings(bigcommerce.Ctx(t), 2, in)
	if err != nil || len(created) != 4 || created[0].ChannelID != 2 || created[0].Name == "" || len(created[0].Variants) != 1 {
		t.Fatalf("CreateListings = %+v, %v", created, err)
	}
	var ids []int
	for l, err := range c.Channels.AllListings(bigcommerce.Ctx(t), 2, &bigcommerce.ListingFilter{Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, l.ListingID)
	}
	if fmt.Sprint(ids) != "[1 2 3 4]" {
		t.Errorf("AllListings ids = %v", ids)
	}
	vs, _, _ := c.Products.ListVariants(bigcommerce.Ctx(t), 1, nil)
	updated, _, err := c.Channels.UpdateListings(bigcommerce.Ctx(t), 2, []bigcommerce.ListingUpdate{
		{ListingID: created[0].ListingID, ProductID: 1, State: bigcommerce.ListingStateActive,
			Variants: []bigcommerce.ListingVariantWrite{{ProductID: 1, VariantID: vs[1].ID, State: bigcommerce.ListingStateActive}}},
		{ListingID: 999, ProductID: 2, State: bigcommerce.ListingStateActive},
	})
	var be *bigcommerce.BatchError
	if !errors.As(err, &be) || len(be.Failures) != 1 || be.Failures[0].Index != 1 || !errors.Is(be.Failures[0].Err, bigcommerce.ErrNotFound) {
		t.Fatalf("UpdateListings err = %v; want item 1 not found", err)
	}
	if len(updated) != 1 || updated[0].State != bigcommerce.ListingStateActive || len(updated[0].Variants) != 2 {
		t.Fatalf("updated = %+v", updated)
	}
	one, _, err := c.Channels.GetListing(bigcommerce.Ctx(t), 2, created[0].ListingID)
	if err != nil || one.State != bigcommerce.ListingStateActive {
		t.Fatalf("GetListing = %+v, %v", one, err)
	}
	if _, _, err := c.Channels.GetListing(bigcommerce.Ctx(t), 1, created[0].ListingID); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Errorf("listing of another channel: %v, want ErrNotFound", err)
	}
	_, _, err = c.Channels.CreateListings(bigcommerce.Ctx(t), 2, []bigcommerce.ListingCreate{{ProductID: 1, State: bigcommerce.ListingStateActive,
		Variants: []bigcommerce.ListingVariantWrite{{ProductID: 1, VariantID: 99999, State: bigcommerce.ListingStateActive}}}})
	if !errors.As(err, &be) || !errors.Is(be.Failures[0].Err, bigcommerce.ErrUnprocessable) {
		t.Errorf("listing an unknown variant: %v, want 422", err)
	}
}
