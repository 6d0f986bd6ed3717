package bigcommerce

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// goldenFilter follows the filter conventions of filters.go, so these
// golden strings pin down how every service filter is encoded.
type goldenFilter struct {
	IDIn            IntList    `url:"id:in,omitempty"`
	EmailIn         StringList `url:"email:in,omitempty"`
	DateModifiedMin time.Time  `url:"date_modified:min,omitempty"`
	MinDateCreated  time.Time  `url:"min_date_created,omitempty" layout:"Mon, 02 Jan 2006 15:04:05 -0700"`
	IsVisible       *bool      `url:"is_visible,omitempty"`
	IsFeatured      *bool      `url:"is_featured,omitempty,int"`
	InventoryLevel  *int       `url:"inventory_level,omitempty"`
	Keyword         string     `url:"keyword,omitempty"`
	Sort            string     `url:"sort,omitempty"`
	Direction       Direction  `url:"direction,omitempty"`
	Page            int        `url:"page,omitempty"`
	Limit           int        `url:"limit,omitempty"`
}

func TestFilterEncodingGolden(t *testing.T) {
	est := time.FixedZone("EDT", -4*3600)
	tests := []struct {
		name   string
		filter any
		want   string
	}{
		{"zero filter sends nothing", &goldenFilter{}, ""},
		{"nil filter sends nothing", (*goldenFilter)(nil), ""},
		{"id:in is one comma-joined parameter", &goldenFilter{IDIn: IntList{1, 2, 3}}, "id:in=1,2,3"},
		{"email:in", &goldenFilter{EmailIn: StringList{"a@x.com", "b+tag@y.org"}}, "email:in=a%40x.com,b%2Btag%40y.org"},
		{"V3 date operator is RFC 3339", &goldenFilter{DateModifiedMin: time.Date(2024, 5, 14, 9, 34, 0, 0, time.UTC)}, "date_modified:min=2024-05-14T09:34:00Z"},
		{"V3 date keeps its offset", &goldenFilter{DateModifiedMin: time.Date(2024, 5, 14, 9, 34, 0, 0, est)}, "date_modified:min=2024-05-14T09:34:00-04:00"},
		{"V2 date is RFC 2822", &goldenFilter{MinDateCreated: time.Date(2017, 4, 20, 11, 32, 0, 0, est)}, "min_date_created=Thu,+20+Apr+2017+11:32:00+-0400"},
		{"V2 date in UTC", &goldenFilter{MinDateCreated: time.Date(2018, 1, 10, 21, 5, 30, 0, time.UTC)}, "min_date_created=Wed,+10+Jan+2018+21:05:30+%2B0000"},
		{"false is sendable", &goldenFilter{IsVisible: Ptr(false)}, "is_visible=false"},
		{"true", &goldenFilter{IsVisible: Ptr(true)}, "is_visible=true"},
		{"1/0 booleans", &goldenFilter{IsFeatured: Ptr(false)}, "is_featured=0"},
		{"zero is sendable", &goldenFilter{InventoryLevel: Ptr(0)}, "inventory_level=0"},
		{"spaces and sort", &goldenFilter{Keyword: "red shoe", Sort: "date_created:desc"}, "keyword=red+shoe&sort=date_created:desc"},
		{"direction and paging, keys sorted", &goldenFilter{Direction: Desc, Page: 2, Limit: 250, IDIn: IntList{9}}, "direction=desc&id:in=9&limit=250&page=2"},
		{"list options", &ListOptions{Page: 3, Limit: 50}, "limit=50&page=3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { assertQuery(t, tt.filter, tt.want) })
	}
}

func TestStringListRefusesCommas(t *testing.T) {
	for _, list := range []StringList{{"Smith, John"}, {"a", ""}} {
		_, err := encodeQuery(&goldenFilter{EmailIn: list})
		if err == nil {
			t.Errorf("%q encoded without error", list)
		}
	}
	c, mt := newTestClient(t)
	_, err := c.NewRequest(ctx(t), "GET", "/v3/customers", &goldenFilter{EmailIn: StringList{"a,b"}}, nil)
	if err == nil || !strings.Contains(err.Error(), "contains a comma") {
		t.Errorf("err = %v", err)
	}
	if mt.GetTotalCallCount() != 0 {
		t.Error("a request was sent")
	}
}

func TestDecimalFiltersAreSent(t *testing.T) {
	type moneyFilter struct {
		MinTotal *decimal.Decimal `url:"min_total,omitempty"`
		MaxTotal *decimal.Decimal `url:"max_total,omitempty"`
		Price    decimal.Decimal  `url:"price,omitempty"`
		Skipped  *decimal.Decimal `url:"-"`
		ListOptions
	}
	tests := []struct {
		filter moneyFilter
		want   string
	}{
		{moneyFilter{}, ""},
		{moneyFilter{MinTotal: Ptr(decimal.RequireFromString("12.50")), MaxTotal: Ptr(decimal.Zero)}, "max_total=0&min_total=12.5"},
		{moneyFilter{Price: decimal.RequireFromString("225.0000"), Skipped: Ptr(decimal.New(1, 0)), ListOptions: ListOptions{Page: 2}}, "page=2&price=225"},
	}
	for _, tt := range tests {
		got, err := encodeQuery(&tt.filter)
		if err != nil || got != tt.want {
			t.Errorf("encoded %q (%v), want %q", got, err, tt.want)
		}
	}
}
