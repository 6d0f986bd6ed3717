package bigcommerce_test

// Integration tests of the Categories service against bigcommercetest, through
// the real Client. They are in package bigcommerce_test because
// bigcommercetest imports bigcommerce.

import (
	"errors"
	"fmt"
	"testing"

	"github.com/bigcommerce-go/bigcommerce"
)

func TestIntegrationCategoryTrees(t *testing.T) {
	c := defaultStoreClient(t)
	trees, _, err := c.Categories.ListTrees(bigcommerce.Ctx(t), nil)
	if err != nil || len(trees) != 1 || trees[0].ID != 1 || fmt.Sprint(trees[0].Channels) != "[1]" {
		t.Fatalf("ListTrees = %+v, %v", trees, err)
	}
	eu, _, err := c.Categories.UpsertTrees(bigcommerce.Ctx(t), []bigcommerce.CategoryTreeUpsert{{Name: "EU", Channels: []int{2}}, {ID: 1, Name: "US"}})
	if err != nil || len(eu) != 2 || eu[0].ID != 2 || eu[1].Name != "US" {
		t.Fatalf("UpsertTrees = %+v, %v", eu, err)
	}
	created, _, err := c.Categories.CreateMany(bigcommerce.Ctx(t), []bigcommerce.CategoryCreate{
		{Name: "Garden", TreeID: 2},
		{Name: "Bath sheets", ParentID: 3, CategoryFields: bigcommerce.CategoryFields{IsVisible: bigcommerce.Ptr(false)}},
	})
	if err != nil || len(created) != 2 || created[0].TreeID != 2 || created[1].TreeID != 1 || created[1].IsVisible || created[1].URL.Path != "/bath/towels/bath-sheets/" {
		t.Fatalf("Create = %+v, %v", created, err)
	}
	_, _, err = c.Categories.CreateMany(bigcommerce.Ctx(t), []bigcommerce.CategoryCreate{{Name: "ok", TreeID: 1}, {Name: "bad", ParentID: 999}})
	var be *bigcommerce.BatchError
	if !errors.As(err, &be) || len(be.Failures) != 2 {
		t.Fatalf("Create with a missing parent: %v, want a *BatchError for both", err)
	}
	if _, err := c.Categories.UpdateMany(bigcommerce.Ctx(t), []bigcommerce.CategoryUpdate{{CategoryID: created[0].CategoryID, Name: bigcommerce.Ptr("Garden & Patio"), CategoryFields: bigcommerce.CategoryFields{SortOrder: bigcommerce.Ptr(4)}}}); err != nil {
		t.Fatal(err)
	}
	got, _, err := c.Categories.List(bigcommerce.Ctx(t), &bigcommerce.CategoryFilter{TreeIDIn: bigcommerce.IntList{2}})
	if err != nil || len(got) != 1 || got[0].Name != "Garden & Patio" || got[0].SortOrder != 4 {
		t.Fatalf("List tree 2 = %+v, %v", got, err)
	}

	nodes, _, err := c.Categories.GetTree(bigcommerce.Ctx(t), 1, nil)
	if err != nil || len(nodes) != 2 || nodes[0].Name != "Bath" || nodes[0].Children[0].Name != "Towels" || len(nodes[0].Children[0].Children) != 2 {
		t.Fatalf("GetTree = %+v, %v", nodes, err)
	}
	if n := nodes[0].Children[0].Children[0]; n.Depth != 3 || fmt.Sprint(n.Path) != "[1 3]" {
		t.Errorf("deep node = %+v", n)
	}
	shallow, _, err := c.Categories.GetTree(bigcommerce.Ctx(t), 1, &bigcommerce.CategoryTreeGetOptions{Depth: 1})
	if err != nil || len(shallow) != 2 || len(shallow[0].Children) != 0 {
		t.Errorf("GetTree depth 1 = %+v, %v", shallow, err)
	}

	// All, a page of 2 at a time, then nested like GetTree.
	var all []bigcommerce.Category
	for cat, err := range c.Categories.All(bigcommerce.Ctx(t), &bigcommerce.CategoryFilter{TreeIDIn: bigcommerce.IntList{1}, Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, cat)
	}
	roots := bigcommerce.NestCategories(all)
	if len(all) != 6 || len(roots) != 2 || roots[0].Name != "Bath" || len(roots[0].Children[0].Children) != 2 {
		t.Errorf("All = %d categories, roots %+v", len(all), roots)
	}

	// Deleting Towels takes its subcategories with it.
	if _, err := c.Categories.DeleteMany(bigcommerce.Ctx(t), 3); err != nil {
		t.Fatal(err)
	}
	left, _, err := c.Categories.List(bigcommerce.Ctx(t), &bigcommerce.CategoryFilter{TreeIDIn: bigcommerce.IntList{1}})
	if err != nil || len(left) != 3 {
		t.Errorf("after Delete: %d categories, %v; want Bath, Kitchen, Utensils", len(left), err)
	}
	if _, err := c.Categories.DeleteTrees(bigcommerce.Ctx(t), 2); err != nil {
		t.Fatal(err)
	}
	if _, _, err := c.Categories.GetTree(bigcommerce.Ctx(t), 2, nil); !errors.Is(err, bigcommerce.ErrNotFound) {
		t.Errorf("GetTree of a deleted tree: %v, want ErrNotFound", err)
	}
	if gone, _, _ := c.Categories.List(bigcommerce.Ctx(t), &bigcommerce.CategoryFilter{TreeIDIn: bigcommerce.IntList{2}}); len(gone) != 0 {
		t.Errorf("categories of the deleted tree remain: %+v", gone)
	}
}
