package bigcommerce

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/jarcoal/httpmock"
)

type thing struct {
	ID int `json:"id"`
}

// v2Things and v3Things are minimal list endpoints built the way the
// services build theirs, to exercise the walker on its own.
func v2Things(c *Client) func(context.Context, *ListOptions) ([]thing, *Response, error) {
	return func(ctx context.Context, f *ListOptions) ([]thing, *Response, error) {
		return listV2[thing](ctx, c, "/v2/things", f, f.Page, f.Limit)
	}
}

func v3Things(c *Client) func(context.Context, *ListOptions) ([]thing, *Response, error) {
	return func(ctx context.Context, f *ListOptions) ([]thing, *Response, error) {
		return getV3[[]thing](ctx, c, http.MethodGet, "/v3/things", f, nil)
	}
}

// v2Store serves total things as V2 does: bare arrays, 204 when empty.
func v2Store(total int) func(captured) (*http.Response, error) {
	return func(r captured) (*http.Response, error) {
		page, _ := strconv.Atoi(r.Query.Get("page"))
		limit, _ := strconv.Atoi(r.Query.Get("limit"))
		if page < 1 || limit < 1 {
			return httpmock.NewStringResponse(400, `[{"status":400,"message":"bad page"}]`), nil
		}
		var items []thing
		for id := (page-1)*limit + 1; id <= min(page*limit, total); id++ {
			items = append(items, thing{ID: id})
		}
		if len(items) == 0 {
			return httpmock.NewBytesResponse(http.StatusNoContent, nil), nil
		}
		b, _ := json.Marshal(items)
		return httpmock.NewBytesResponse(200, b), nil
	}
}

// v3Store serves total things in the V3 envelope with meta.pagination.
func v3Store(total int) func(captured) (*http.Response, error) {
	return func(r captured) (*http.Response, error) {
		page, _ := strconv.Atoi(r.Query.Get("page"))
		limit, _ := strconv.Atoi(r.Query.Get("limit"))
		var items []thing
		for id := (page-1)*limit + 1; id <= min(page*limit, total); id++ {
			items = append(items, thing{ID: id})
		}
		pages := (total + limit - 1) / limit
		body := map[string]any{"data": items, "meta": map[string]any{"pagination": map[string]any{
			"total": total, "count": len(items), "per_page": limit, "current_page": page, "total_pages": pages,
			"links": map[string]any{"current": fmt.Sprintf("?page=%d&limit=%d", page, limit)},
		}}}
		if items == nil {
			body["data"] = []thing{}
		}
		b, _ := json.Marshal(body)
		return httpmock.NewBytesResponse(200, b), nil
	}
}

func TestListV2Pagination(t *testing.T) {
	c, mt := newTestClient(t)
	mockFunc(mt, http.MethodGet, "/v2/things", v2Store(7))
	items, resp, err := listV2[thing](ctx(t), c, "/v2/things", &ListOptions{Page: 3, Limit: 3}, 3, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != 1 || resp.Pagination == nil || resp.Pagination.CurrentPage != 3 || resp.Pagination.Count != 1 || resp.Pagination.PerPage != 3 {
		t.Errorf("items %v pagination %+v", items, resp.Pagination)
	}
	items, resp, err = listV2[thing](ctx(t), c, "/v2/things", &ListOptions{Page: 9, Limit: 3}, 9, 3)
	if err != nil || len(items) != 0 || resp.StatusCode != http.StatusNoContent {
		t.Errorf("204 page: %v %v %v", items, resp.StatusCode, err)
	}
}

func TestEnvelopeCursorPagination(t *testing.T) {
	var env envelope[[]thing]
	body := `{"data":[{"id":1}],"meta":{"cursor_pagination":{"count":1,"per_page":50,"start_cursor":"MQ","end_cursor":"MQ","links":{"next":"?after=MQ"}}}}`
	if err := json.Unmarshal([]byte(body), &env); err != nil {
		t.Fatal(err)
	}
	p := env.pagination()
	if p == nil || p.Cursor == nil || p.Cursor.EndCursor != "MQ" || p.Count != 1 || p.PerPage != 50 || p.Cursor.Links.Next != "?after=MQ" {
		t.Errorf("pagination = %+v", p)
	}
}
