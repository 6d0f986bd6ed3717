package bigcommerce

import (
	"context"
	"net/http"
)

// MaxPageSize is the largest page BigCommerce serves on the V2 and V3 list
// endpoints; All uses it unless the filter sets Limit.
const MaxPageSize = 250

// Pagination describes one page of a list.
//
// V3 lists fill every field from meta.pagination. V2 lists have no envelope,
// so only CurrentPage, PerPage and Count are known; Total and TotalPages are
// 0 (use the resource's Count method for totals).
type Pagination struct {
	// Total is the number of records across all pages (V3 only).
	Total int `json:"total"`
	// Count is the number of records on this page.
	Count int `json:"count"`
	// PerPage is the page size asked for.
	PerPage int `json:"per_page"`
	// CurrentPage is this page's 1-based number.
	CurrentPage int `json:"current_page"`
	// TotalPages is the number of pages (V3 only).
	TotalPages int `json:"total_pages"`
	// Links holds the relative query strings of the neighbouring pages
	// ("?page=2&limit=50"), empty at the ends.
	Links PaginationLinks `json:"links"`
	// Cursor is set by endpoints with cursor pagination (V3 customers).
	Cursor *CursorPagination `json:"-"`
}

// PaginationLinks are the relative query strings BigCommerce gives for the
// neighbouring pages.
type PaginationLinks struct {
	Previous string `json:"previous"`
	Current  string `json:"current"`
	Next     string `json:"next"`
}

// CursorPagination is V3 cursor paging (meta.cursor_pagination): pass
// EndCursor as the "after" parameter to get the next page.
type CursorPagination struct {
	Count       int    `json:"count"`
	PerPage     int    `json:"per_page"`
	StartCursor string `json:"start_cursor"`
	EndCursor   string `json:"end_cursor"`
	Links       struct {
		Previous string `json:"previous"`
		Next     string `json:"next"`
	} `json:"links"`
}

// paginated is implemented by response envelopes that carry page metadata.
type paginated interface {
	pagination() *Pagination
}

// envelope is the V3 response wrapper {data, meta}.
type envelope[T any] struct {
	Data T `json:"data"`
	Meta struct {
		Pagination       *Pagination       `json:"pagination"`
		CursorPagination *CursorPagination `json:"cursor_pagination"`
	} `json:"meta"`
}

func (e *envelope[T]) pagination() *Pagination {
	p := e.Meta.Pagination
	if p == nil && e.Meta.CursorPagination == nil {
		return nil
	}
	if p == nil {
		p = &Pagination{Count: e.Meta.CursorPagination.Count, PerPage: e.Meta.CursorPagination.PerPage}
	}
	p.Cursor = e.Meta.CursorPagination
	return p
}

// pager is implemented by every list filter: it exposes the Page and Limit
// fields so the walker can step through pages on its own copy.
type pager[F any] interface {
	*F
	paging() (page, limit *int)
}

// call sends one request and decodes the answer into v.
func (c *Client) call(ctx context.Context, method, path string, opts, body, v any) (*Response, error) {
	req, err := c.NewRequest(ctx, method, path, opts, body)
	if err != nil {
		return &Response{}, err
	}
	return c.Do(req, v)
}

// getV3 fetches a V3 object or list wrapped in {data, meta}.
func getV3[T any](ctx context.Context, c *Client, method, path string, opts, body any) (T, *Response, error) {
	env := newEnvelope[T](opts)
	resp, err := c.call(ctx, method, path, opts, body, &env)
	return env.Data, resp, err
}

// listV2 fetches one page of a V2 list: a bare JSON array, or 204 No
// Content with no body when the page is empty. page and limit are what the
// filter asked for (0 when unset).
func listV2[T any](ctx context.Context, c *Client, path string, opts any, page, limit int) ([]T, *Response, error) {
	items := newPage[T](limit)
	resp, err := c.call(ctx, http.MethodGet, path, opts, nil, &items)
	if err == nil {
		resp.Pagination = &Pagination{Count: len(items), PerPage: limit, CurrentPage: max(page, 1)}
	}
	return items, resp, err
}
