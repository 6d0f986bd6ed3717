package bigcommerce_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
)

// fakeCustomersAPI stands in for a store: POST /v3/customers echoes the
// customers back with ids, GET /v3/customers lists two of them.
func fakeCustomersAPI() *httptest.Server {
	return httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch {
		case r.Method == http.MethodPost && r.URL.Path == "/v3/customers":
			var in []map[string]any
			body, _ := io.ReadAll(r.Body)
			_ = json.Unmarshal(body, &in)
			for i, c := range in {
				c["id"] = 100 + i
			}
			_ = json.NewEncoder(w).Encode(map[string]any{"data": in, "meta": map[string]any{}})
		case r.Method == http.MethodGet && r.URL.Path == "/v3/customers":
			fmt.Fprint(w, `{"data":[
				{"id":100,"email":"ada@example.com","first_name":"Ada","last_name":"Lovelace","date_created":"2024-05-14T09:34:00Z"},
				{"id":101,"email":"alan@example.com","first_name":"Alan","last_name":"Turing","date_created":"2024-05-14T09:35:00Z"}],
				"meta":{"pagination":{"total":2,"count":2,"per_page":250,"current_page":1,"total_pages":1}}}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, `{"status":404,"title":"not found"}`)
		}
	}))
}

func ExampleCustomersService() {
	srv := fakeCustomersAPI() // a real program leaves WithBaseURL out
	defer srv.Close()
	client, err := bigcommerce.NewClient("abc123", bigcommerce.TokenAuth{AccessToken: "token"}, bigcommerce.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	// Create any number of customers: they go out in chunks of 10.
	created, _, err := client.Customers.Create(ctx, []bigcommerce.CustomerCreate{
		{Email: "ada@example.com", FirstName: "Ada", LastName: "Lovelace", AcceptsProductReviewAbandonedCartEmails: bigcommerce.Ptr(false)},
		{Email: "alan@example.com", FirstName: "Alan", LastName: "Turing"},
	})
	var batchErr *bigcommerce.BatchError
	if errors.As(err, &batchErr) {
		fmt.Println("not created:", batchErr.FailedIndexes())
	} else if err != nil {
		log.Fatal(err)
	}
	for _, c := range created {
		fmt.Println("created", c.ID, c.Email)
	}

	// Walk every customer created since a date, newest first.
	filter := &bigcommerce.CustomerFilter{
		DateCreatedMin: time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
		Sort:           bigcommerce.CustomerSortDateCreatedDesc,
	}
	for c, err := range client.Customers.All(ctx, filter) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(c.FirstName, c.LastName, c.DateCreated.Format(time.RFC3339))
	}

	// Delete needs explicit ids; an empty call is refused before sending.
	_, err = client.Customers.Delete(ctx)
	fmt.Println(errors.Is(err, bigcommerce.ErrInvalidRequest), strconv.Quote(err.Error()))
	// Output:
	// created 100 ada@example.com
	// created 101 alan@example.com
	// Ada Lovelace 2024-05-14T09:34:00Z
	// Alan Turing 2024-05-14T09:35:00Z
	// true "bigcommerce: Customers.Delete: no ids given: pass at least one id (BigCommerce ignores a DELETE without id:in) (nothing was sent)"
}
