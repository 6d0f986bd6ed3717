package main

import "testing"

// TestGoName pins the naming rule: CamelCase of JSON and query names,
// initialisms in capitals, query operators appended.
func TestGoName(t *testing.T) {
	for in, want := range map[string]string{
		"id":                "ID",
		"customer_id":       "CustomerID",
		"id:in":             "IDIn",
		"date_modified:min": "DateModifiedMin",
		"name:like":         "NameLike",
		"min_date_created":  "MinDateCreated",
		"sku":               "SKU",
		"image_url":         "ImageURL",
		"channel_ids":       "ChannelIDs",
		"customerId":        "CustomerID",
		"total_inc_tax":     "TotalIncTax",
		"3d_secure":         "N3dSecure",
		"":                  "X",
	} {
		if got := goName(in); got != want {
			t.Errorf("goName(%q) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"product_id": "productID", "id": "id", "type": "type_", "segmentId": "segmentID"} {
		if got := lowerName(in); got != want {
			t.Errorf("lowerName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWordsAndPlurals pins the helpers the doc comments are made with.
func TestWordsAndPlurals(t *testing.T) {
	for in, want := range map[string]string{"product image": "product images", "category": "categories",
		"tax": "taxes", "key": "keys", "address": "addresses"} {
		if got := plural(in); got != want {
			t.Errorf("plural(%q) = %q, want %q", in, got, want)
		}
	}
	if got := human("ProductImageURL"); got != "product image URL" {
		t.Errorf("human = %q", got)
	}
	if got := batchVerb("UpsertMany", "PUT"); got != "creates or updates" {
		t.Errorf("batchVerb(UpsertMany) = %q", got)
	}
	if got := cleanText("Creates a *Coupon*.\n* name\n* code\n## Notes [docs](https://x)"); got != "Creates a Coupon. - name - code Notes docs" {
		t.Errorf("cleanText = %q", got)
	}
}
