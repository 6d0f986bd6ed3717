package bigcommercetest

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// concrete fills a route's path parameters: id for a numeric one, "x" for
// a text one.
func concrete(r genRoute, id string) string {
	segs := strings.Split(r.match, "/")
	for i, s := range segs {
		switch s {
		case "#":
			segs[i] = id
		case "*":
			segs[i] = "x"
		}
	}
	return strings.Join(segs, "/")
}

// TestGeneratedRoutesServed checks every generated operation against the
// fake store the way the SDK uses it: lists answer their envelope (V2: 204
// when empty), a get or delete of an unknown id is 404, a batch over its
// limit is 413, an unfiltered delete is refused, and no route falls
// through to "not found" or "method not allowed".
func TestGeneratedRoutesServed(t *testing.T) {
	if len(generatedRoutes) == 0 {
		t.Fatal("no generated routes")
	}
	for _, r := range generatedRoutes {
		t.Run(r.method+" "+r.pattern, func(t *testing.T) {
			h := modes[1].open(t, New(Config{})) // an empty store for each
			path := concrete(r, "1")
			if handRoutes[r.method+" "+genPattern(r)] {
				// A hand-written handler serves it (and its own tests
				// check it): here it only has to be routed.
				if rep := h.api(r.method, path, nil); rep.status == http.StatusMethodNotAllowed || rep.status == http.StatusNotImplemented {
					t.Fatalf("hand-written route answered %d", rep.status)
				}
				return
			}
			switch r.kind {
			case "list":
				rep := h.api(r.method, path, nil)
				switch {
				case r.v2 && rep.status == http.StatusNoContent: // V2's empty list
				case r.envelope:
					env := decode[map[string]any](t, rep.want(t, http.StatusOK))
					if _, ok := env["data"].([]any); !ok {
						t.Fatalf("no data list: %s", rep.body)
					}
				default:
					rep.want(t, http.StatusOK)
				}
			case "get", "delete":
				if r.byID() {
					h.api(r.method, concrete(r, "999999"), nil).want(t, http.StatusNotFound)
				} else {
					h.api(r.method, path, nil).want(t, map[string]int{"get": 200, "delete": 204}[r.kind])
				}
			case "batch":
				if r.batch == 0 || r.method == http.MethodDelete {
					// No documented limit (or a delete by ids): one item is
					// created, or refused as an unknown record.
					want := http.StatusOK
					var body any = []map[string]any{{"id": 1, "key": "k"}}
					switch {
					case r.method == http.MethodDelete:
						want, body = http.StatusNotFound, []int{999999}
					case r.method == http.MethodPut && !r.upsert:
						want = http.StatusUnprocessableEntity // id 1 does not exist
					case r.empty:
						want = http.StatusNoContent
					}
					h.api(r.method, path, body).want(t, want)
					return
				}
				items := make([]map[string]any, r.batch+1)
				for i := range items {
					items[i] = map[string]any{"id": i + 1}
				}
				h.api(r.method, path, items).want(t, http.StatusRequestEntityTooLarge)
			case "delete_where":
				h.api(r.method, path, nil).want(t, http.StatusBadRequest)
			case "count":
				if n := decode[map[string]int](t, h.api(r.method, path, nil).want(t, http.StatusOK)); n["count"] != 0 {
					t.Fatalf("count of an empty store: %v", n)
				}
			case "write":
				if r.byID() {
					h.api(r.method, concrete(r, "999999"), map[string]any{}).want(t, http.StatusNotFound)
				} else {
					want := http.StatusOK
					if r.empty {
						want = http.StatusNoContent
					}
					h.api(r.method, path, map[string]any{"name": "x"}).want(t, want)
				}
			case "upload":
				h.api(r.method, path, map[string]any{"image_url": "https://example.com/a.png"}).want(t, http.StatusUnsupportedMediaType)
				var form bytes.Buffer
				w := multipart.NewWriter(&form)
				fw, _ := w.CreateFormFile("image_file", "a.png")
				fw.Write([]byte("png bytes"))
				w.Close()
				rep := h.raw(r.method, "/stores/fakestore"+path, form.Bytes(), withHeader("X-Auth-Token", "fake-token"), withHeader("Content-Type", w.FormDataContentType()))
				if !strings.Contains(string(rep.want(t, http.StatusOK).body), "a.png") {
					t.Fatalf("upload answered %s", rep.body)
				}
			default:
				t.Fatalf("kind %q is not served", r.kind)
			}
		})
	}
}

// TestGeneratedFilters checks the generic filters on a list that declares
// them (V2 coupons: id, min_id, max_id, code, name, type), text ids
// (customer segments), and that an unknown record is not upserted.
func TestGeneratedFilters(t *testing.T) {
	h := modes[1].open(t, New(Config{}))
	for i, code := range []string{"A", "B", "C", "D"} {
		h.api("POST", "/v2/coupons", map[string]any{"name": "Coupon " + code, "code": code, "type": []string{"per_item_discount", "free_shipping"}[i%2]}).want(t, 200)
	}
	for query, want := range map[string][]int{
		"min_id=2&max_id=3":      {2, 3},
		"code=C":                 {3},
		"type=free_shipping":     {2, 4},
		"id=4":                   {4},
		"min_id=9":               nil,
		"name=Coupon+B&min_id=1": {2},
	} {
		rep := h.api("GET", "/v2/coupons?"+query, nil)
		if want == nil {
			rep.want(t, http.StatusNoContent)
			continue
		}
		if got := ids(decode[[]map[string]any](t, rep.want(t, 200))); !slices.Equal(got, want) {
			t.Errorf("%s listed %v, want %v", query, got, want)
		}
	}
	seg := decode[struct {
		Data []map[string]any `json:"data"`
	}](t, h.api("POST", "/v3/segments", []map[string]any{{"name": "VIP"}}).want(t, 200))
	id, _ := seg.Data[0]["id"].(string)
	if len(id) != 36 {
		t.Fatalf("a segment's id is %v, want a UUID", seg.Data[0]["id"])
	}
	got := decode[struct {
		Data []map[string]any `json:"data"`
	}](t, h.api("GET", "/v3/segments?id:in="+id, nil).want(t, 200))
	if len(got.Data) != 1 || got.Data[0]["name"] != "VIP" {
		t.Fatalf("id:in a UUID listed %v", got.Data)
	}
	h.api("PUT", "/v3/segments", []map[string]any{{"id": "no-such-segment", "name": "x"}}).want(t, http.StatusUnprocessableEntity)
}

// TestGeneratedRecordsLifecycle creates, reads, lists, pages, filters,
// updates and deletes records of a generated area through its raw routes.
func TestGeneratedRecordsLifecycle(t *testing.T) {
	h := modes[0].open(t, New(Config{}))
	base := "/v3/catalog/products/5/images"
	for i := 0; i < 3; i++ {
		got := decode[struct {
			Data map[string]any `json:"data"`
		}](t, h.api("POST", base, map[string]any{"image_url": "https://example.com/" + itoa(i) + ".jpg", "id": 77}).want(t, 200))
		if got.Data["id"] != float64(i+1) {
			t.Fatalf("created id %v, want %d (a client-sent id is not kept on create)", got.Data["id"], i+1)
		}
	}
	page := decode[struct {
		Data []map[string]any `json:"data"`
		Meta struct {
			Pagination struct {
				Total      int `json:"total"`
				TotalPages int `json:"total_pages"`
			} `json:"pagination"`
		} `json:"meta"`
	}](t, h.api("GET", base+"?limit=2&page=2", nil).want(t, 200))
	if len(page.Data) != 1 || page.Data[0]["id"] != float64(3) || page.Meta.Pagination.TotalPages != 2 || page.Meta.Pagination.Total != 3 {
		t.Fatalf("page 2 of 2: %+v", page)
	}
	// A filter the endpoint does not declare is refused, as V3 refuses it.
	h.api("GET", base+"?id:in=1,3", nil).want(t, http.StatusUnprocessableEntity)
	upd := decode[struct {
		Data map[string]any `json:"data"`
	}](t, h.api("PUT", base+"/2", map[string]any{"description": "new", "id": 9}).want(t, 200))
	if upd.Data["description"] != "new" || upd.Data["id"] != float64(2) {
		t.Fatalf("update: %v", upd.Data)
	}
	h.api("DELETE", base+"/2", nil).want(t, 204)
	h.api("GET", base+"/2", nil).want(t, 404)
	// Another product's images are another collection.
	if r := h.api("GET", "/v3/catalog/products/6/images", nil).want(t, 200); !strings.Contains(string(r.body), `"data":[]`) {
		t.Fatalf("another product's images: %s", r.body)
	}
}
