package bigcommerce_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/url"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// Get reads one object of an endpoint the services do not type yet, in
// a struct of your own: V3's {data, meta} is unwrapped. The path may carry
// its query string.
func ExampleGet() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Products: 3}))
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}

	type product struct {
		ID    int     `json:"id"`
		Name  string  `json:"name"`
		Price float64 `json:"price"`
	}
	p, _, err := bigcommerce.Get[product](context.Background(), client, "/v3/catalog/products/1?include_fields=name,price", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d %s %.2f\n", p.ID, p.Name, p.Price)
	// Output: 1 Minimalist Cotton Blanket 1 49.00
}

// Get follows a link BigCommerce returns: a V2 order's products.url is an
// absolute URL under the client's base URL, so it goes through the same
// pipeline with the same credentials. A URL on any other host is refused
// before anything is sent.
func ExampleGet_link() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Products: 3, Orders: 1, LineItemsPerOrder: 2}))
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	order, _, err := client.Orders.Get(ctx, 100, nil)
	if err != nil {
		log.Fatal(err)
	}
	lines, _, err := bigcommerce.Get[[]bigcommerce.OrderProduct](ctx, client, order.Products.URL, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, l := range lines {
		fmt.Println(l.Quantity, "x", l.Name)
	}

	_, _, err = bigcommerce.Get[any](ctx, client, "https://evil.example.com/v2/orders", nil)
	fmt.Println("another host refused before sending:", errors.Is(err, bigcommerce.ErrInvalidRequest))
	// Output:
	// 1 x Minimalist Cotton Blanket 1
	// 3 x Ergonomic Leather Planter 2
	// another host refused before sending: true
}

// ListPage reads one page of a list and its pagination: V3's meta, or for
// V2 the page, limit and count.
func ExampleListPage() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Products: 5}))
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}

	type product struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	page, resp, err := bigcommerce.ListPage[product](context.Background(), client, "/v3/catalog/products",
		url.Values{"limit": {"2"}, "sort": {"name"}})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range page {
		fmt.Println(p.ID, p.Name)
	}
	p := resp.Pagination
	fmt.Printf("page %d of %d, %d products in all\n", p.CurrentPage, p.TotalPages, p.Total)
	// Output:
	// 3 Elegant Wool Blanket 3
	// 2 Ergonomic Leather Planter 2
	// page 1 of 3, 5 products in all
}

// All walks every record of a list with the SDK's paging rules (V2: until
// a 204 or a short page; V3: by cursor where the meta offers one, else by
// page), here V2 coupons read into a type of your own.
func ExampleAll() {
	srv := bigcommercetest.NewServer()
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	type coupon struct {
		ID   int    `json:"id"`
		Code string `json:"code"`
	}
	for _, code := range []string{"SPRING", "SUMMER", "AUTUMN", "WINTER", "NEWYEAR"} {
		if _, _, err := bigcommerce.Send[coupon](ctx, client, http.MethodPost, "/v2/coupons", coupon{Code: code}); err != nil {
			log.Fatal(err)
		}
	}

	for c, err := range bigcommerce.All[coupon](ctx, client, "/v2/coupons?limit=2", nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(c.ID, c.Code)
	}
	// Output:
	// 1 SPRING
	// 2 SUMMER
	// 3 AUTUMN
	// 4 WINTER
	// 5 NEWYEAR
}

// Send writes: the body goes as JSON and the answer's data is decoded.
// Query parameters, when a write takes any, go in the path.
func ExampleSend() {
	srv := bigcommercetest.NewServer()
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}

	type brand struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	made, resp, err := bigcommerce.Send[brand](context.Background(), client, http.MethodPost, "/v3/catalog/brands",
		map[string]any{"name": "Acme"})
	if err != nil {
		log.Fatal(err) // a POST that may have been applied matches ErrOutcomeUnknown
	}
	fmt.Println(resp.StatusCode, made.Name)
	// Output: 200 Acme
}

// A Multipart body sends a multipart/form-data upload through the
// pipeline, streamed from the file's reader: here a product image with its
// description. An *os.File or *bytes.Reader lets a 429 send it again.
func ExampleMultipart() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Products: 1}))
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}

	file := bytes.NewReader([]byte("\x89PNG\r\n\x1a\n...")) // e.g. os.Open("mug.png")
	img, _, err := bigcommerce.Send[bigcommerce.ProductImage](context.Background(), client, http.MethodPost,
		"/v3/catalog/products/1/images", &bigcommerce.Multipart{
			Fields: map[string]string{"description": "The mug, front"},
			File:   bigcommerce.FormFile{Field: "image_file", Name: "mug.png", Content: file},
		})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(img.ImageURL)
	fmt.Println(img.Description)
	// Output:
	// https://cdn.bigcommerce.test/fakestore/images/mug.png
	// The mug, front
}

// NewRequest takes a query string in the path, more parameters as
// url.Values, a map or a url-tagged struct, and Do sends the request
// through the pipeline, decoding the body as it is.
func ExampleClient_NewRequest() {
	srv := bigcommercetest.NewServer(bigcommercetest.WithSeed(bigcommercetest.Seed{Seed: 1, Products: 5}))
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}

	req, err := client.NewRequest(context.Background(), http.MethodGet, "/v3/catalog/products?limit=1",
		url.Values{"id:in": {"2,3"}}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(req.URL.RawQuery)
	var page struct {
		Data []struct {
			ID int `json:"id"`
		} `json:"data"`
	}
	if _, err := client.Do(req, &page); err != nil {
		log.Fatal(err)
	}
	fmt.Println(page.Data[0].ID)
	// Output:
	// id:in=2,3&limit=1
	// 2
}
