package bigcommerce

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/jarcoal/httpmock"
)

func TestBrandsListDecodesSpecExample(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/catalog/brands", 200, fixture(t, "brands/list.json"))
	brands, resp, err := c.Brands.List(ctx(t), &BrandFilter{
		IDIn: IntList{35, 36}, NameLike: "Co", Sort: BrandSortName, Direction: Desc,
		IncludeFields: StringList{"name", "custom_url"}, Page: 1, Limit: 50,
	})
	if err != nil {
		t.Fatal(err)
	}
	r := rec.last(t)
	assertStandardHeaders(t, r)
	if want := "direction=desc&id:in=35,36&include_fields=name,custom_url&limit=50&name:like=Co&page=1&sort=name"; r.Raw != want {
		t.Errorf("query\n got %s\nwant %s", r.Raw, want)
	}
	if len(brands) != 15 || resp.Pagination == nil || resp.Pagination.Total != 15 {
		t.Fatalf("%d brands, pagination %+v", len(brands), resp.Pagination)
	}
	b := brands[1]
	if b.ID != 36 || b.Name != "OFS" || len(b.MetaKeywords) != 3 || b.SearchKeywords != "kitchen, laundry, cart, storage" ||
		b.CustomURL == nil || b.CustomURL.URL != "/brands/OFS.html" || b.CustomURL.IsCustomized {
		t.Errorf("brand = %+v", b)
	}
}

func TestBrandsAllWalksByIDGreater(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v3/catalog/brands", func(r captured) (*http.Response, error) {
		after, _ := strconv.Atoi(r.Query.Get("id:greater"))
		var items []string
		for id := after + 1; id <= 5 && len(items) < 2; id++ {
			items = append(items, fmt.Sprintf(`{"id":%d,"name":"b%d"}`, id, id))
		}
		left := 5 - after // brands matching id:greater
		return httpmock.NewStringResponse(200, fmt.Sprintf(`{"data":[%s],"meta":{"pagination":{"total":%d,"count":%d,"per_page":2,"current_page":1,"total_pages":%d}}}`,
			strings.Join(items, ","), left, len(items), (left+1)/2)), nil
	})
	filter := &BrandFilter{Limit: 2, NameLike: "b"}
	var ids []int
	for b, err := range c.Brands.All(ctx(t), filter) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, b.ID)
	}
	if fmt.Sprint(ids) != "[1 2 3 4 5]" {
		t.Errorf("ids = %v", ids)
	}
	var queries []string
	for _, r := range rec.all() {
		queries = append(queries, r.Raw)
	}
	if want := "[limit=2&name:like=b&page=1 id:greater=2&limit=2&name:like=b&page=1 id:greater=4&limit=2&name:like=b&page=1]"; fmt.Sprint(queries) != want {
		t.Errorf("queries\n got %v\nwant %s", queries, want)
	}
	if filter.IDGreater != 0 || filter.Page != 0 {
		t.Errorf("All changed the caller's filter: %+v", filter)
	}
}

func TestBrandsAllStopsOnUnorderedPage(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v3/catalog/brands", 200, []byte(`{"data":[{"id":9},{"id":3}],"meta":{}}`))
	var got []int
	var gotErr error
	for b, err := range c.Brands.All(ctx(t), nil) {
		if err != nil {
			gotErr = err
			break
		}
		got = append(got, b.ID)
	}
	if gotErr == nil || !strings.Contains(gotErr.Error(), "not in id order") || len(got) != 0 {
		t.Errorf("got %v, err %v; want an id-order error before any brand", got, gotErr)
	}
}

func TestBrandsAllSortedWalksByPage(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/catalog/brands", 200, []byte(`{"data":[{"id":9},{"id":3}],"meta":{"pagination":{"total":2,"count":2,"per_page":250,"current_page":1,"total_pages":1}}}`))
	n := 0
	for _, err := range c.Brands.All(ctx(t), &BrandFilter{Sort: BrandSortName}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 2 || rec.last(t).Raw != "limit=250&page=1&sort=name" {
		t.Errorf("n = %d, query %s", n, rec.last(t).Raw)
	}
}

func TestBrandsWrites(t *testing.T) {
	c, mt := newTestClient(t)
	post := mockJSON(mt, http.MethodPost, "/v3/catalog/brands", 200, fixture(t, "brands/get.json"))
	put := mockJSON(mt, http.MethodPut, "/v3/catalog/brands/50", 200, fixture(t, "brands/get.json"))
	get := mockJSON(mt, http.MethodGet, "/v3/catalog/brands/50", 200, fixture(t, "brands/get.json"))
	del := mockJSON(mt, http.MethodDelete, "/v3/catalog/brands/50", 204, nil)
	delWhere := mockJSON(mt, http.MethodDelete, "/v3/catalog/brands", 204, nil)

	b, _, err := c.Brands.Create(ctx(t), BrandCreate{Name: "Common Good", MetaKeywords: []string{"modern"}, PageTitle: Ptr("")})
	if err != nil || b.ID != 50 || b.CustomURL.URL != "/brands/Common-Good.html" {
		t.Fatalf("Create = %+v, %v", b, err)
	}
	assertJSONBody(t, post.last(t).Body, `{"name":"Common Good","page_title":"","meta_keywords":["modern"]}`)

	if _, _, err := c.Brands.Update(ctx(t), 50, BrandUpdate{MetaKeywords: []string{}, CustomURL: &CustomURL{URL: "/cg/", IsCustomized: true}}); err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, put.last(t).Body, `{"meta_keywords":[],"custom_url":{"url":"/cg/","is_customized":true}}`)

	if b, _, err := c.Brands.Get(ctx(t), 50); err != nil || b.Name != "Common Good" || get.count() != 1 {
		t.Fatalf("Get = %+v, %v", b, err)
	}
	if _, err := c.Brands.Delete(ctx(t), 50); err != nil || del.count() != 1 {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.Brands.DeleteWhere(ctx(t), &BrandDeleteFilter{Name: "Common Good", PageTitle: "x"}); err != nil {
		t.Fatal(err)
	}
	if r := delWhere.last(t); r.Query.Get("name") != "Common Good" || r.Query.Get("page_title") != "x" || len(r.Query) != 2 {
		t.Errorf("DeleteWhere query %s", r.Raw)
	}
}

func TestBrandsValidation(t *testing.T) {
	tests := []struct {
		name string
		call func(c *Client) error
		want string
	}{
		{"get 0", func(c *Client) error { _, _, err := c.Brands.Get(ctx(t), 0); return err }, "positive id"},
		{"create no name", func(c *Client) error { _, _, err := c.Brands.Create(ctx(t), BrandCreate{}); return err }, "Name is required"},
		{"create long name", func(c *Client) error {
			_, _, err := c.Brands.Create(ctx(t), BrandCreate{Name: strings.Repeat("x", 256)})
			return err
		}, "255"},
		{"update empty name", func(c *Client) error {
			_, _, err := c.Brands.Update(ctx(t), 1, BrandUpdate{Name: Ptr("")})
			return err
		}, "Name is required"},
		{"delete where nil", func(c *Client) error { _, err := c.Brands.DeleteWhere(ctx(t), nil); return err }, "unfiltered"},
		{"delete where only page title", func(c *Client) error {
			_, err := c.Brands.DeleteWhere(ctx(t), &BrandDeleteFilter{PageTitle: "x"})
			return err
		}, "Name is required"},
		{"list limit", func(c *Client) error { _, _, err := c.Brands.List(ctx(t), &BrandFilter{Limit: 300}); return err }, "limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			assertValidation(t, tt.call(c), tt.want)
			assertNothingSent(t, mt)
		})
	}
}
