package bigcommerce

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestCategoriesListDecodesSpecExample(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/catalog/trees/categories", 200, fixture(t, "categories/list.json"))
	cats, resp, err := c.Categories.List(ctx(t), &CategoryFilter{
		TreeIDIn: IntList{1}, ParentIDIn: IntList{0, 2}, CategoryUUIDIn: StringList{"d1964756-5e1d-4c72-9fa0-e1a3f7be4a34"},
		NameLike: "Ba", IsVisible: Ptr(false), Page: 2, Limit: 5,
	})
	if err != nil {
		t.Fatal(err)
	}
	r := rec.last(t)
	assertStandardHeaders(t, r)
	if want := "category_uuid:in=d1964756-5e1d-4c72-9fa0-e1a3f7be4a34&is_visible=false&limit=5&name:like=Ba&page=2&parent_id:in=0,2&tree_id:in=1"; r.Raw != want {
		t.Errorf("query\n got %s\nwant %s", r.Raw, want)
	}
	if len(cats) != 1 || resp.Pagination.Total != 246 || resp.Pagination.TotalPages != 50 {
		t.Fatalf("cats %d, pagination %+v", len(cats), resp.Pagination)
	}
	got := cats[0]
	if got.CategoryID != 12 || got.ParentID != 2 || got.TreeID != 1 || got.Name != "Bath" || got.Views != 1050 || got.SortOrder != 3 ||
		!strings.HasPrefix(got.Description, "<p>We offer") || got.DefaultProductSort != CategorySortStoreSettings ||
		got.URL == nil || !got.URL.IsCustomized || got.LayoutFile != "category.html" || !got.IsVisible {
		t.Errorf("category = %+v", got)
	}
}

func TestCategoriesCreateChunksAndBody(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPost, "/v3/catalog/trees/categories", 201, fixture(t, "categories/create.json"))
	in := make([]CategoryCreate, CategoryBatchSize+1)
	for i := range in {
		in[i] = CategoryCreate{Name: fmt.Sprint("c", i), TreeID: 1}
	}
	in[0].IsVisible = Ptr(false)
	in[0].MetaKeywords = []string{"loofah"}
	in[0].URL = &CategoryURL{Path: "/bath/"}
	out, _, err := c.Categories.CreateMany(ctx(t), in)
	if err != nil {
		t.Fatal(err)
	}
	if rec.count() != 2 || len(out) != 2 || out[0].CategoryID != 36 || out[0].URL.Path != "/bath/" {
		t.Fatalf("%d requests, out %+v", rec.count(), out)
	}
	var sizes []int
	for _, r := range rec.all() {
		var items []map[string]any
		if err := json.Unmarshal(r.Body, &items); err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(items))
		if items[0]["name"] == "c0" {
			assertJSONBody(t, mustJSON(t, items[0]), `{"name":"c0","tree_id":1,"is_visible":false,"meta_keywords":["loofah"],"url":{"path":"/bath/","is_customized":false}}`)
		}
	}
	if !(sizes[0]+sizes[1] == CategoryBatchSize+1 && (sizes[0] == 1 || sizes[1] == 1)) {
		t.Errorf("chunk sizes %v", sizes)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestCategoriesCreate422NamesItems(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodPost, "/v3/catalog/trees/categories", 422, fixture(t, "categories/error_422.json"))
	_, _, err := c.Categories.CreateMany(ctx(t), []CategoryCreate{{Name: "a", TreeID: 1}, {Name: "b", ParentID: 2}})
	var be *BatchError
	if !errors.As(err, &be) || len(be.Failures) != 2 {
		t.Fatalf("err = %v, want a *BatchError for both items", err)
	}
	var e *Error
	if !errors.As(be.Failures[1].Err, &e) || e.Fields["name"] == "" {
		t.Errorf("item 1 error = %v, want the field error", be.Failures[1].Err)
	}
	if errors.As(be.Failures[0].Err, &e) || !strings.Contains(be.Failures[0].Err.Error(), "can be sent again") {
		t.Errorf("item 0 error = %v, want 'not written, can be sent again'", be.Failures[0].Err)
	}
}

func TestCategoriesCreate207FailsOnlyNamedItems(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodPost, "/v3/catalog/trees/categories", 207, fixture(t, "categories/create_207.json"))
	out, _, err := c.Categories.CreateMany(ctx(t), []CategoryCreate{{Name: "Bath", TreeID: 1}, {Name: "Bath", TreeID: 1}})
	var be *BatchError
	if len(out) != 1 || out[0].CategoryID != 36 || !errors.As(err, &be) {
		t.Fatalf("out %+v, err %v; want the created category and a *BatchError", out, err)
	}
	var e *Error
	if len(be.Failures) != 1 || be.Failures[0].Index != 1 || !errors.As(be.Failures[0].Err, &e) || e.Fields["name"] != "duplicate" {
		t.Errorf("failures = %+v; want only item 1 (item 0 was written)", be.Failures)
	}
}

func TestCategoriesCreate207WithoutIndexesWarnsOfPartialWrite(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodPost, "/v3/catalog/trees/categories", 207, []byte(`{"data":[],"errors":{"status":422,"title":"something failed"},"meta":{"total":2,"success":1,"failed":1}}`))
	_, _, err := c.Categories.CreateMany(ctx(t), []CategoryCreate{{Name: "A", TreeID: 1}, {Name: "B", TreeID: 1}})
	var be *BatchError
	var ms *MultiStatusError
	// Possibly written items are unknown, never failed (resendable).
	if !errors.As(err, &be) || len(be.Failures) != 0 || len(be.Unknown) != 2 || !errors.As(be.Unknown[0].Err, &ms) ||
		!strings.Contains(be.Unknown[0].Err.Error(), "may have been written") || !errors.Is(err, ErrOutcomeUnknown) {
		t.Fatalf("err = %v; want every item reported as possibly written", err)
	}
}

func TestCategoriesUpdateAndDeletes(t *testing.T) {
	c, mt := newTestClient(t)
	put := mockJSON(mt, http.MethodPut, "/v3/catalog/trees/categories", 200, []byte(`{"meta":{"total":1,"success":1,"failed":0}}`))
	del := mockJSON(mt, http.MethodDelete, "/v3/catalog/trees/categories", 202, []byte(`{"meta":{}}`))
	delTrees := mockJSON(mt, http.MethodDelete, "/v3/catalog/trees", 204, nil)
	if _, err := c.Categories.UpdateMany(ctx(t), []CategoryUpdate{{CategoryID: 12, ParentID: Ptr(0), CategoryFields: CategoryFields{SortOrder: Ptr(0)}}}); err != nil {
		t.Fatal(err)
	}
	assertJSONBody(t, put.last(t).Body, `[{"category_id":12,"parent_id":0,"sort_order":0}]`)

	if _, err := c.Categories.DeleteMany(ctx(t), 3, 4); err != nil {
		t.Fatal(err)
	}
	if r := del.last(t); r.Raw != "category_id:in=3,4" {
		t.Errorf("Delete query %s", r.Raw)
	}
	if _, err := c.Categories.DeleteWhere(ctx(t), &CategoryDeleteFilter{TreeIDIn: IntList{2}}); err != nil {
		t.Fatal(err)
	}
	if r := del.last(t); r.Raw != "tree_id:in=2" {
		t.Errorf("DeleteWhere query %s", r.Raw)
	}
	if _, err := c.Categories.DeleteTrees(ctx(t), 2); err != nil {
		t.Fatal(err)
	}
	if r := delTrees.last(t); r.Raw != "id:in=2" {
		t.Errorf("DeleteTrees query %s", r.Raw)
	}
}

func TestCategoryTrees(t *testing.T) {
	c, mt := newTestClient(t)
	list := mockJSON(mt, http.MethodGet, "/v3/catalog/trees", 200, fixture(t, "categories/trees.json"))
	put := mockJSON(mt, http.MethodPut, "/v3/catalog/trees", 200, fixture(t, "categories/trees_upsert.json"))
	get := mockJSON(mt, http.MethodGet, "/v3/catalog/trees/1/categories", 200, fixture(t, "categories/tree.json"))

	trees, resp, err := c.Categories.ListTrees(ctx(t), &CategoryTreeFilter{ChannelIDIn: IntList{1, 2}})
	if err != nil || len(trees) != 1 || trees[0].Name != "string" || len(trees[0].Channels) != 1 || resp.Pagination.Total != 246 {
		t.Fatalf("ListTrees = %+v, %v", trees, err)
	}
	if r := list.last(t); r.Raw != "channel_id:in=1,2" {
		t.Errorf("ListTrees query %s", r.Raw)
	}
	out, _, err := c.Categories.UpsertTrees(ctx(t), []CategoryTreeUpsert{{Name: "EU", Channels: []int{2}}, {ID: 1, Name: "US"}})
	if err != nil || len(out) != 1 {
		t.Fatalf("UpsertTrees = %+v, %v", out, err)
	}
	assertJSONBody(t, put.last(t).Body, `[{"name":"EU","channels":[2]},{"id":1,"name":"US"}]`)

	nodes, _, err := c.Categories.GetTree(ctx(t), 1, &CategoryTreeGetOptions{Depth: 2})
	if err != nil {
		t.Fatal(err)
	}
	if r := get.last(t); r.Raw != "depth=2" {
		t.Errorf("GetTree query %s", r.Raw)
	}
	if len(nodes) != 2 || nodes[0].Name != "Bath" || nodes[0].Children[0].Children[0].Name != "Hand towels" ||
		fmt.Sprint(nodes[0].Children[0].Children[0].Path) != "[2 5]" || nodes[1].Children == nil {
		t.Errorf("nodes = %+v", nodes)
	}
}

func TestNestCategories(t *testing.T) {
	flat := []Category{
		{CategoryID: 5, ParentID: 2, Name: "Towels"},
		{CategoryID: 2, ParentID: 0, Name: "Bath"},
		{CategoryID: 7, ParentID: 5, Name: "Hand"},
		{CategoryID: 3, ParentID: 0, Name: "Kitchen"},
		{CategoryID: 9, ParentID: 99, Name: "Orphan"},
		{CategoryID: 8, ParentID: 2, Name: "Mats"},
	}
	roots := NestCategories(flat)
	var b strings.Builder
	var show func(bs []*CategoryBranch)
	show = func(bs []*CategoryBranch) {
		for _, x := range bs {
			b.WriteString(x.Name)
			if len(x.Children) > 0 {
				b.WriteString("(")
				show(x.Children)
				b.WriteString(")")
			}
			b.WriteString(" ")
		}
	}
	show(roots)
	if got, want := b.String(), "Bath(Towels(Hand ) Mats ) Kitchen Orphan "; got != want {
		t.Errorf("nested = %q, want %q", got, want)
	}
	if NestCategories(nil) != nil {
		t.Error("NestCategories(nil) is not nil")
	}
}

func TestCategoriesValidation(t *testing.T) {
	tests := []struct {
		name string
		call func(c *Client) error
		want string
	}{
		{"create none", func(c *Client) error { _, _, err := c.Categories.CreateMany(ctx(t), nil); return err }, "no categories"},
		{"create no tree", func(c *Client) error {
			_, _, err := c.Categories.CreateMany(ctx(t), []CategoryCreate{{Name: "a"}})
			return err
		}, "TreeID or ParentID"},
		{"create long name", func(c *Client) error {
			_, _, err := c.Categories.CreateMany(ctx(t), []CategoryCreate{{Name: strings.Repeat("n", 51), TreeID: 1}})
			return err
		}, "1 to 50"},
		{"update no id", func(c *Client) error {
			_, err := c.Categories.UpdateMany(ctx(t), []CategoryUpdate{{Name: Ptr("x")}})
			return err
		}, "CategoryID"},
		{"delete none", func(c *Client) error { _, err := c.Categories.DeleteMany(ctx(t)); return err }, "unfiltered"},
		{"delete where empty", func(c *Client) error {
			_, err := c.Categories.DeleteWhere(ctx(t), &CategoryDeleteFilter{})
			return err
		}, "unfiltered"},
		{"delete where nil", func(c *Client) error { _, err := c.Categories.DeleteWhere(ctx(t), nil); return err }, "unfiltered"},
		{"delete trees none", func(c *Client) error { _, err := c.Categories.DeleteTrees(ctx(t)); return err }, "unfiltered"},
		{"new tree without channel", func(c *Client) error {
			_, _, err := c.Categories.UpsertTrees(ctx(t), []CategoryTreeUpsert{{Name: "x"}})
			return err
		}, "exactly one channel"},
		{"update tree with channel", func(c *Client) error {
			_, _, err := c.Categories.UpsertTrees(ctx(t), []CategoryTreeUpsert{{ID: 1, Name: "x", Channels: []int{1}}})
			return err
		}, "Channels must be empty"},
		{"get tree 0", func(c *Client) error { _, _, err := c.Categories.GetTree(ctx(t), 0, nil); return err }, "positive id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			assertValidation(t, tt.call(c), tt.want)
			assertNothingSent(t, mt)
		})
	}
}
