package bigcommerce

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/shopspring/decimal"
)

// custRespond answers status with body as JSON.
func custRespond(status int, body string) (*http.Response, error) {
	resp := httpmock.NewStringResponse(status, body)
	resp.Header.Set("Content-Type", "application/json")
	return resp, nil
}

// custNoRequests fails when the recorder saw any request.
func custNoRequests(t *testing.T, rec *recorder) {
	t.Helper()
	if n := rec.count(); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
}

func TestCustomersList(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/customers", 200, fixture(t, "customers/list.json"))

	filter := &CustomerFilter{
		IDIn:            IntList{4, 5, 6},
		EmailIn:         StringList{"jane.smith@example.com"},
		Include:         StringList{CustomerIncludeAddresses, CustomerIncludeStoreCredit},
		Sort:            CustomerSortDateCreatedDesc,
		DateModifiedMin: time.Date(2024, 5, 14, 9, 34, 0, 0, time.UTC),
		Page:            2,
		Limit:           50,
	}
	got, resp, err := c.Customers.List(ctx(t), filter)
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodGet || req.Path != "/v3/customers" {
		t.Errorf("request = %s %s", req.Method, req.Path)
	}
	wantRaw := "date_modified:min=2024-05-14T09:34:00Z&email:in=jane.smith%40example.com&id:in=4,5,6&include=addresses,storecredit&limit=50&page=2&sort=date_created:desc"
	if req.Raw != wantRaw {
		t.Errorf("query\n got: %s\nwant: %s", req.Raw, wantRaw)
	}
	if q := req.Query.Get("id:in"); q != "4,5,6" {
		t.Errorf("decoded id:in = %q", q)
	}
	if q := req.Query.Get("email:in"); q != "jane.smith@example.com" {
		t.Errorf("decoded email:in = %q", q)
	}
	if len(req.Body) != 0 {
		t.Errorf("GET sent a body: %s", req.Body)
	}

	if len(got) != 1 {
		t.Fatalf("got %d customers, want 1", len(got))
	}
	cu := got[0]
	if cu.Email != "jane.smith@example.com" || cu.FirstName != "Jane" || cu.LastName != "Smith" || cu.Company != "Acme Corp" {
		t.Errorf("customer = %+v", cu)
	}
	if cu.TaxExemptCategory != "Non-profit" || cu.Notes != "Preferred customer" || !cu.AcceptsProductReviewAbandonedCartEmails {
		t.Errorf("customer details = %+v", cu)
	}
	if len(cu.Addresses) != 1 || cu.Addresses[0].Address1 != "Addr1" || cu.Addresses[0].AddressType != "residential" || cu.Addresses[0].Country != "US" {
		t.Errorf("addresses = %+v", cu.Addresses)
	}
	if len(cu.StoreCreditAmounts) != 1 || !cu.StoreCreditAmounts[0].Amount.Equal(decimal.RequireFromString("43.15")) {
		t.Errorf("store credit = %+v", cu.StoreCreditAmounts)
	}
	if !slices.Equal(cu.ChannelIDs, []int{1}) {
		t.Errorf("channel ids = %v", cu.ChannelIDs)
	}
	if cu.ShopperProfileID != "82511e54-4040-40fe-b742-2b25655f205b" || !slices.Equal(cu.SegmentIDs, []string{"5bb733a9-5491-47b3-9451-9ae8d6a6bc6b"}) {
		t.Errorf("shopper profile / segments = %q %v", cu.ShopperProfileID, cu.SegmentIDs)
	}
	p := resp.Pagination
	if p == nil || p.Links.Next != "string" || p.Cursor == nil || p.Cursor.EndCursor != "string" || p.Cursor.Links.Previous != "string" {
		t.Errorf("pagination = %+v", p)
	}
}

func TestCustomerFilterEncoding(t *testing.T) {
	plus2 := time.FixedZone("", 2*60*60)
	tests := []struct {
		name   string
		filter *CustomerFilter
		want   string
	}{
		{"nil", nil, ""},
		{"zero", &CustomerFilter{}, ""},
		{"lists", &CustomerFilter{
			NameIn:                  StringList{"james moriarty"},
			NameLike:                StringList{"moriarty", "sherlock"},
			CompanyIn:               StringList{"bigcommerce", "commongood"},
			CustomerGroupIDIn:       IntList{5, 6},
			PhoneIn:                 StringList{"555-55-5555"},
			RegistrationIPAddressIn: StringList{"12.34.5.78"},
		}, "company:in=bigcommerce,commongood&customer_group_id:in=5,6&name:in=james+moriarty&name:like=moriarty,sherlock&phone:in=555-55-5555&registration_ip_address:in=12.34.5.78"},
		{"dates", &CustomerFilter{
			DateCreated:     time.Date(2024, 5, 14, 0, 0, 0, 0, time.UTC),
			DateCreatedMin:  time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
			DateCreatedMax:  time.Date(2024, 5, 31, 23, 59, 59, 0, time.UTC),
			DateModified:    time.Date(2024, 6, 1, 8, 0, 0, 0, time.UTC),
			DateModifiedMin: time.Date(2024, 5, 14, 9, 34, 0, 0, plus2),
			DateModifiedMax: time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC),
		}, "date_created=2024-05-14T00:00:00Z&date_created:max=2024-05-31T23:59:59Z&date_created:min=2024-05-01T00:00:00Z&date_modified=2024-06-01T08:00:00Z&date_modified:max=2024-07-01T00:00:00Z&date_modified:min=2024-05-14T09:34:00%2B02:00"},
		{"cursor and include", &CustomerFilter{
			After:   "eyJpZCI6MjA0fQ",
			Before:  "eyJpZCI6MjA1fQ",
			Include: StringList{CustomerIncludeAddresses, CustomerIncludeStoreCredit, CustomerIncludeAttributes, CustomerIncludeFormFields, CustomerIncludeShopperProfileID, CustomerIncludeSegmentIDs},
			Sort:    CustomerSortLastNameAsc,
		}, "after=eyJpZCI6MjA0fQ&before=eyJpZCI6MjA1fQ&include=addresses,storecredit,attributes,formfields,shopper_profile_id,segment_ids&sort=last_name:asc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := mockJSON(mt, http.MethodGet, "/v3/customers", 200, []byte(`{"data":[],"meta":{}}`))
			if _, _, err := c.Customers.List(ctx(t), tt.filter); err != nil {
				t.Fatalf("List: %v", err)
			}
			if got := rec.last(t).Raw; got != tt.want {
				t.Errorf("query\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestCustomerFilterRefusesCommaInList(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/customers", 200, []byte(`{"data":[]}`))
	_, _, err := c.Customers.List(ctx(t), &CustomerFilter{CompanyIn: StringList{"Acme, Inc."}})
	if err == nil || !strings.Contains(err.Error(), "comma") {
		t.Fatalf("err = %v, want a comma error", err)
	}
	custNoRequests(t, rec)
}

func TestCustomersListAwkwardShapes(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v3/customers", 200, fixture(t, "customers/list_awkward.json"))
	got, resp, err := c.Customers.List(ctx(t), nil)
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d customers", len(got))
	}
	a, b := got[0], got[1]

	if want := time.Date(2021, 7, 28, 19, 0, 38, 0, time.UTC); !a.DateCreated.Equal(want) {
		t.Errorf("DateCreated = %v", a.DateCreated)
	}
	if want := time.Date(2024, 5, 14, 7, 34, 0, 0, time.UTC); !a.DateModified.Equal(want) {
		t.Errorf("DateModified = %v, want %v", a.DateModified, want)
	}
	if a.Authentication == nil || !a.Authentication.ForcePasswordReset {
		t.Errorf("Authentication = %+v", a.Authentication)
	}
	if a.AddressCount != 1 || a.AttributeCount != 1 || a.OriginChannelID != 1 || !slices.Equal(a.ChannelIDs, []int{1, 2}) {
		t.Errorf("counts/channels = %d %d %d %v", a.AddressCount, a.AttributeCount, a.OriginChannelID, a.ChannelIDs)
	}
	addr := a.Addresses[0]
	if addr.ID != 18 || addr.CustomerID != 1 || addr.Country != "United States" || addr.CountryCode != "US" || addr.StateOrProvince != "Texas" {
		t.Errorf("address = %+v", addr)
	}
	if len(addr.FormFields) != 1 || addr.FormFields[0].Value != "Large" || addr.FormFields[0].AddressID != 18 {
		t.Errorf("address form fields = %+v", addr.FormFields)
	}
	attr := a.Attributes[0]
	if attr.ID != 2 || attr.AttributeID != 2 || attr.AttributeValue != "Yes" || attr.CustomerID != 1 || attr.DateModified.Year() != 2021 {
		t.Errorf("attribute = %+v", attr)
	}
	ff := a.FormFields
	if len(ff) != 3 {
		t.Fatalf("form fields = %+v", ff)
	}
	if v, ok := ff[0].Value.([]string); !ok || !slices.Equal(v, []string{"red", "green", "black"}) {
		t.Errorf("list form field = %#v", ff[0].Value)
	}
	if v, ok := ff[1].Value.(float64); !ok || v != 12.345 {
		t.Errorf("number form field = %#v", ff[1].Value)
	}
	if ff[2].Value != nil || ff[2].CustomerID != 1 {
		t.Errorf("null form field = %+v", ff[2])
	}
	// Money as a string and as a number.
	if len(a.StoreCreditAmounts) != 2 || !a.StoreCreditAmounts[0].Amount.Equal(decimal.RequireFromString("43.15")) || !a.StoreCreditAmounts[1].Amount.IsZero() {
		t.Errorf("store credit = %+v", a.StoreCreditAmounts)
	}

	// Nulls and empty strings.
	if !b.DateModified.IsZero() || b.Authentication != nil || b.ChannelIDs != nil || b.StoreCreditAmounts != nil || b.Notes != "" || b.Company != "" {
		t.Errorf("customer with nulls = %+v", b)
	}
	if b.CustomerGroupID != 3 || len(b.Addresses) != 0 {
		t.Errorf("customer 2 = %+v", b)
	}

	p := resp.Pagination
	if p.Total != 2 || p.TotalPages != 1 || p.CurrentPage != 1 || p.PerPage != 50 || p.Links.Current != "?page=1&limit=50" {
		t.Errorf("pagination = %+v", p)
	}
	if p.Cursor == nil || p.Cursor.StartCursor != "aWQ6MQ==" || p.Cursor.EndCursor != "aWQ6Mg==" || p.Cursor.Links.Next != "?after=aWQ6Mg%3D%3D" {
		t.Errorf("cursor = %+v", p.Cursor)
	}
}

func TestCustomersListCursorMeta(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/customers", 200, fixture(t, "customers/list_cursor.json"))
	got, resp, err := c.Customers.List(ctx(t), &CustomerFilter{After: "eyJpZCI6MjA0fQ", Limit: 50})
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if raw := rec.last(t).Raw; raw != "after=eyJpZCI6MjA0fQ&limit=50" {
		t.Errorf("query = %s", raw)
	}
	if len(got) != 1 || got[0].ID != 205 {
		t.Errorf("customers = %+v", got)
	}
	p := resp.Pagination
	if p == nil || p.Cursor == nil {
		t.Fatalf("pagination = %+v", p)
	}
	if p.Count != 1 || p.PerPage != 50 || p.TotalPages != 0 {
		t.Errorf("pagination from cursor meta = %+v", p)
	}
	cur := p.Cursor
	if cur.StartCursor != "eyJpZCI6MjA1fQ" || cur.EndCursor != "eyJpZCI6MjA1fQ" || cur.Links.Previous != "?before=eyJpZCI6MjA1fQ" || cur.Links.Next != "?after=eyJpZCI6MjA1fQ" {
		t.Errorf("cursor = %+v", cur)
	}
}

// customerPage renders page n of a total-customer store, perPage per page,
// with V3 meta.pagination.
func customerPage(page, perPage, total int) string {
	totalPages := (total + perPage - 1) / perPage
	var items []string
	for id := (page-1)*perPage + 1; id <= min(page*perPage, total); id++ {
		items = append(items, fmt.Sprintf(`{"id":%d,"email":"c%d@example.com","first_name":"C","last_name":"%d"}`, id, id, id))
	}
	return fmt.Sprintf(`{"data":[%s],"meta":{"pagination":{"total":%d,"count":%d,"per_page":%d,"current_page":%d,"total_pages":%d}}}`,
		strings.Join(items, ","), total, len(items), perPage, page, totalPages)
}

func TestCustomersAll(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v3/customers", func(r captured) (*http.Response, error) {
		if in := r.Query.Get("id:in"); in != "" {
			var items []string
			for _, s := range strings.Split(in, ",") {
				if id, _ := strconv.Atoi(s); id >= 1 && id <= 5 {
					items = append(items, fmt.Sprintf(`{"id":%d}`, id))
				}
			}
			return custRespond(200, `{"data":[`+strings.Join(items, ",")+`],"meta":{"pagination":{"total":1}}}`)
		}
		page, _ := strconv.Atoi(r.Query.Get("page"))
		limit, _ := strconv.Atoi(r.Query.Get("limit"))
		return custRespond(200, customerPage(max(page, 1), limit, 5))
	})
	filter := &CustomerFilter{Limit: 2, CustomerGroupIDIn: IntList{7}}
	var ids []int
	for cu, err := range c.Customers.All(ctx(t), filter) {
		if err != nil {
			t.Fatalf("All: %v", err)
		}
		ids = append(ids, cu.ID)
	}
	if !slices.Equal(ids, []int{1, 2, 3, 4, 5}) {
		t.Errorf("ids = %v", ids)
	}
	// The first page, the highest id (the page of positions 5 and 6: the
	// total's last customer and none after it), id:in windows of Limit
	// ids, and one more look for the highest id.
	want := []string{
		"customer_group_id:in=7&limit=2",
		"customer_group_id:in=7&limit=2&page=3",
		"customer_group_id:in=7&id:in=3,4&limit=2",
		"customer_group_id:in=7&id:in=5&limit=2",
		"customer_group_id:in=7&limit=2&page=3",
	}
	var got []string
	for _, r := range rec.all() {
		got = append(got, r.Raw)
		assertStandardHeaders(t, r)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("queries =\n%v\nwant\n%v", got, want)
	}
	if filter.Page != 0 || filter.Limit != 2 || filter.IDIn != nil {
		t.Errorf("caller's filter was modified: %+v", filter)
	}
}

func TestCustomersAllDefaultsToMaxPageSizeAndStopsOnBreak(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v3/customers", func(r captured) (*http.Response, error) {
		return custRespond(200, customerPage(1, 250, 600))
	})
	n := 0
	for _, err := range c.Customers.All(ctx(t), nil) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 3 {
			break
		}
	}
	if rec.count() != 1 {
		t.Errorf("%d requests after break, want 1", rec.count())
	}
	if got := rec.last(t).Raw; got != "limit=250" {
		t.Errorf("query = %s", got)
	}
}

func TestCustomersAllYieldsErrorOnce(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v3/customers", 422, []byte(`{"status":422,"title":"The filter(s) are invalid","errors":{"date_created:min":"bad date"}}`))
	var errs []error
	for _, err := range c.Customers.All(ctx(t), nil) {
		errs = append(errs, err)
	}
	if len(errs) != 1 || !errors.Is(errs[0], ErrUnprocessable) {
		t.Errorf("errors = %v", errs)
	}
}

func TestCustomersAllFollowsCursors(t *testing.T) {
	c, mt := newTestClient(t)
	// Three pages of 2, 2, 1 customers, keyed by the "after" cursor.
	pages := map[string]string{
		"start": `{"data":[{"id":1},{"id":2}],"meta":{"cursor_pagination":{"count":2,"per_page":2,"start_cursor":"c1","end_cursor":"c2"}}}`,
		"c2":    `{"data":[{"id":3},{"id":4}],"meta":{"cursor_pagination":{"count":2,"per_page":2,"start_cursor":"c3","end_cursor":"c4"}}}`,
		"c4":    `{"data":[{"id":5}],"meta":{"cursor_pagination":{"count":1,"per_page":2,"start_cursor":"c5","end_cursor":"c5"}}}`,
	}
	rec := mockFunc(mt, http.MethodGet, "/v3/customers", func(r captured) (*http.Response, error) {
		body, ok := pages[r.Query.Get("after")]
		if !ok {
			return custRespond(404, `{"status":404,"title":"unknown cursor"}`)
		}
		return custRespond(200, body)
	})
	filter := &CustomerFilter{After: "start", Limit: 2}
	var ids []int
	for cu, err := range c.Customers.All(ctx(t), filter) {
		if err != nil {
			t.Fatalf("All: %v", err)
		}
		ids = append(ids, cu.ID)
	}
	if !slices.Equal(ids, []int{1, 2, 3, 4, 5}) {
		t.Errorf("ids = %v", ids)
	}
	var queries []string
	for _, r := range rec.all() {
		queries = append(queries, r.Raw)
	}
	want := []string{"after=start&limit=2", "after=c2&limit=2", "after=c4&limit=2"}
	if !slices.Equal(queries, want) {
		t.Errorf("queries = %v, want %v", queries, want)
	}
	if filter.After != "start" {
		t.Errorf("caller's filter was modified: %+v", filter)
	}
}

func TestCustomersAllSortedWithoutCursorGoesOnByPage(t *testing.T) {
	c, mt := newTestClient(t)
	// Pages of 2 of 6 customers whose meta has no cursor: the walk goes on
	// by page number, to the last page meta names, instead of stopping,
	// and since that page is full, one more (empty) page makes sure that
	// nothing follows it.
	rec := mockFunc(mt, http.MethodGet, "/v3/customers", func(r captured) (*http.Response, error) {
		page, _ := strconv.Atoi(r.Query.Get("page"))
		return custRespond(200, customerPage(max(page, 1), 2, 6))
	})
	var ids []int
	for cu, err := range c.Customers.All(ctx(t), &CustomerFilter{Sort: CustomerSortLastNameAsc, Limit: 2}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, cu.ID)
	}
	if !slices.Equal(ids, []int{1, 2, 3, 4, 5, 6}) || rec.count() != 4 {
		t.Errorf("ids = %v in %d requests, want 1-6 in 4", ids, rec.count())
	}
}

func TestCustomersAllCursorStopsWhenCursorRepeats(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/customers", 200,
		[]byte(`{"data":[{"id":1},{"id":2}],"meta":{"cursor_pagination":{"count":2,"per_page":2,"start_cursor":"x","end_cursor":"x"}}}`))
	// It stops, and says so: the walk is not known to be complete.
	n, errs := 0, 0
	for _, err := range c.Customers.All(ctx(t), &CustomerFilter{After: "x", Limit: 2}) {
		if err != nil {
			if errs++; !strings.Contains(err.Error(), "same end cursor") {
				t.Errorf("err = %v, want the repeated cursor named", err)
			}
			continue
		}
		n++
	}
	if n != 2 || errs != 1 || rec.count() != 1 {
		t.Errorf("yielded %d customers and %d errors in %d requests, want 2 and 1 error in 1", n, errs, rec.count())
	}
}

func TestCustomersGet(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/customers", 200, fixture(t, "customers/list_awkward.json"))
	cu, resp, err := c.Customers.Get(ctx(t), 2)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if cu.ID != 2 || cu.Email != "guest@example.com" {
		t.Errorf("customer = %+v", cu)
	}
	if resp == nil || resp.StatusCode != 200 {
		t.Errorf("resp = %+v", resp)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodGet || req.Path != "/v3/customers" {
		t.Errorf("request = %s %s", req.Method, req.Path)
	}
	if want := "id:in=2&include=addresses,storecredit,attributes,formfields"; req.Raw != want {
		t.Errorf("query = %s, want %s", req.Raw, want)
	}
}

func TestCustomersGetNotFound(t *testing.T) {
	c, mt := newTestClient(t)
	mockJSON(mt, http.MethodGet, "/v3/customers", 200, []byte(`{"data":[],"meta":{"pagination":{"total":0,"count":0,"per_page":50,"current_page":1,"total_pages":0}}}`))
	cu, resp, err := c.Customers.Get(ctx(t), 99)
	if cu != nil {
		t.Errorf("customer = %+v, want nil", cu)
	}
	if resp == nil {
		t.Fatal("nil *Response")
	}
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	var e *Error
	if !errors.As(err, &e) || e.StatusCode != 404 || e.Method != "GET" || e.Path != "/v3/customers" || !strings.Contains(e.Error(), "99") {
		t.Errorf("error = %#v", e)
	}
}

func TestCustomersGetRefusesBadID(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/customers", 200, []byte(`{"data":[]}`))
	for _, id := range []int{0, -1} {
		_, resp, err := c.Customers.Get(ctx(t), id)
		assertValidation(t, err, "Customers.Get", "> 0")
		if resp == nil {
			t.Error("nil *Response")
		}
	}
	custNoRequests(t, rec)
}

// exampleCustomerCreate is the spec's POST /customers request example as a
// CustomerCreate.
func exampleCustomerCreate() CustomerCreate {
	return CustomerCreate{
		Email:             "jane.smith@example.com",
		FirstName:         "Jane",
		LastName:          "Smith",
		Company:           Ptr("Acme Corp"),
		Phone:             Ptr("555-123-4567"),
		Notes:             Ptr("Preferred customer"),
		TaxExemptCategory: Ptr("Non-profit"),
		CustomerGroupID:   Ptr(0),
		Addresses: []AddressCreate{{
			Address1:        "Addr 1",
			Address2:        Ptr(""),
			AddressType:     Ptr("residential"),
			City:            "San Francisco",
			Company:         Ptr("History"),
			CountryCode:     "US",
			FirstName:       "Ronald",
			LastName:        "Swimmer",
			Phone:           Ptr("707070707"),
			PostalCode:      "33333",
			StateOrProvince: "California",
			FormFields:      []FormFieldValue{{Name: "shirt_size", Value: "Large"}},
		}},
		Authentication:                          &CustomerAuthenticationUpdate{ForcePasswordReset: Ptr(true), NewPassword: Ptr("SecurePassword123!")},
		AcceptsProductReviewAbandonedCartEmails: Ptr(true),
		TriggerAccountCreatedNotification:       Ptr(true),
		StoreCreditAmounts:                      []StoreCreditAmount{{Amount: decimal.RequireFromString("43.15")}},
		OriginChannelID:                         Ptr(1),
		ChannelIDs:                              []int{1},
		FormFields:                              []FormFieldValue{{Name: "shirt_size", Value: "Large"}},
	}
}

func TestCustomersCreate(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPost, "/v3/customers", 200, fixture(t, "customers/write.json"))
	got, resp, err := c.Customers.CreateMany(ctx(t), []CustomerCreate{exampleCustomerCreate()})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodPost || req.Path != "/v3/customers" || req.Raw != "" {
		t.Errorf("request = %s %s?%s", req.Method, req.Path, req.Raw)
	}
	// The body is exactly the spec's request example.
	assertJSONBody(t, req.Body, string(fixture(t, "customers/create_request.json")))
	if len(got) != 1 || got[0].Email != "jane.smith@example.com" || got[0].ShopperProfileID == "" {
		t.Errorf("created = %+v", got)
	}
	if resp == nil || resp.StatusCode != 200 {
		t.Errorf("resp = %+v", resp)
	}
}

func TestCustomerWriteTypesSendZeroValuesOnPurpose(t *testing.T) {
	create := CustomerCreate{
		Email: "a@example.com", FirstName: "A", LastName: "B",
		Company:                                 Ptr(""),
		CustomerGroupID:                         Ptr(0),
		AcceptsProductReviewAbandonedCartEmails: Ptr(false),
		TriggerAccountCreatedNotification:       Ptr(false),
		Authentication:                          &CustomerAuthenticationUpdate{ForcePasswordReset: Ptr(false)},
		StoreCreditAmounts:                      []StoreCreditAmount{{}},
	}
	b, _ := json.Marshal(create)
	assertJSONBody(t, b, `{"email":"a@example.com","first_name":"A","last_name":"B","company":"","customer_group_id":0,
		"accepts_product_review_abandoned_cart_emails":false,"trigger_account_created_notification":false,
		"authentication":{"force_password_reset":false},"store_credit_amounts":[{"amount":0}]}`)

	// Unset pointers and an empty channel list are left out (BigCommerce
	// refuses channel_ids: []).
	b, _ = json.Marshal(CustomerCreate{Email: "a@example.com", FirstName: "A", LastName: "B", ChannelIDs: []int{}})
	assertJSONBody(t, b, `{"email":"a@example.com","first_name":"A","last_name":"B"}`)

	b, _ = json.Marshal(CustomerUpdate{ID: 7, Phone: Ptr(""), CustomerGroupID: Ptr(0), AcceptsProductReviewAbandonedCartEmails: Ptr(false)})
	assertJSONBody(t, b, `{"id":7,"phone":"","customer_group_id":0,"accepts_product_review_abandoned_cart_emails":false}`)

	b, _ = json.Marshal(AddressUpdate{ID: 3, Address2: Ptr(""), Company: Ptr("")})
	assertJSONBody(t, b, `{"id":3,"address2":"","company":""}`)
}

func TestStoreCreditAmountIsSentAsANumber(t *testing.T) {
	b, err := json.Marshal([]StoreCreditAmount{{Amount: decimal.RequireFromString("43.15")}, {Amount: decimal.RequireFromString("0.10")}})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `[{"amount":43.15},{"amount":0.1}]` {
		t.Errorf("json = %s", b)
	}
}

// echoCustomers answers a POST or PUT /v3/customers by echoing the sent
// customers with ids derived from their last names ("7" -> 7).
func echoCustomers(r captured) (*http.Response, error) {
	var in []map[string]any
	if err := json.Unmarshal(r.Body, &in); err != nil {
		return custRespond(400, `{"status":400,"title":"bad json"}`)
	}
	var out []string
	for _, item := range in {
		id, _ := item["id"].(float64)
		if ln, ok := item["last_name"].(string); ok && id == 0 {
			n, _ := strconv.Atoi(ln)
			id = float64(n)
		}
		b, _ := json.Marshal(map[string]any{"id": int(id), "email": item["email"], "last_name": item["last_name"]})
		out = append(out, string(b))
	}
	return custRespond(200, `{"data":[`+strings.Join(out, ",")+`],"meta":{}}`)
}

// numberedCustomers returns n valid CustomerCreate values; item i has last
// name "i" and email ci@example.com.
func numberedCustomers(n int) []CustomerCreate {
	out := make([]CustomerCreate, n)
	for i := range out {
		out[i] = CustomerCreate{Email: fmt.Sprintf("c%d@example.com", i), FirstName: "C", LastName: strconv.Itoa(i)}
	}
	return out
}

// bodyLastNames returns the last names of the customers in a request body.
func bodyLastNames(t *testing.T, body []byte) []string {
	t.Helper()
	var items []struct {
		LastName string `json:"last_name"`
	}
	if err := json.Unmarshal(body, &items); err != nil {
		t.Fatalf("body: %v", err)
	}
	var out []string
	for _, it := range items {
		out = append(out, it.LastName)
	}
	return out
}

func TestCustomersCreateChunks(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodPost, "/v3/customers", echoCustomers)
	in := numberedCustomers(25)
	got, _, err := c.Customers.CreateMany(ctx(t), in)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	reqs := byPage(rec.all())
	if len(reqs) != 3 {
		t.Fatalf("%d POSTs, want 3", len(reqs))
	}
	// Chunks may run in parallel: sort them by their first item.
	var chunks [][]string
	for _, r := range reqs {
		assertStandardHeaders(t, r)
		chunks = append(chunks, bodyLastNames(t, r.Body))
	}
	slices.SortFunc(chunks, func(a, b []string) int {
		x, _ := strconv.Atoi(a[0])
		y, _ := strconv.Atoi(b[0])
		return x - y
	})
	for i, want := range []int{10, 10, 5} {
		if len(chunks[i]) != want {
			t.Errorf("chunk %d has %d items, want %d", i, len(chunks[i]), want)
		}
		for j, ln := range chunks[i] {
			if ln != strconv.Itoa(i*10+j) {
				t.Errorf("chunk %d item %d = %s: input order not kept", i, j, ln)
			}
		}
	}
	if len(got) != 25 {
		t.Fatalf("got %d customers, want 25", len(got))
	}
	for i, cu := range got {
		if cu.ID != i || cu.Email != in[i].Email {
			t.Errorf("result %d = %+v, want input %d", i, cu, i)
		}
	}
}

func TestCustomersCreateFailingMiddleChunk(t *testing.T) {
	c, mt := newTestClient(t)
	errBody := string(fixture(t, "customers/error_422.json"))
	mockFunc(mt, http.MethodPost, "/v3/customers", func(r captured) (*http.Response, error) {
		if slices.Contains(bodyLastNames(t, r.Body), "10") {
			return custRespond(422, errBody)
		}
		return echoCustomers(r)
	})
	got, resp, err := c.Customers.CreateMany(ctx(t), numberedCustomers(25))
	var be *BatchError
	if !errors.As(err, &be) {
		t.Fatalf("err = %v, want *BatchError", err)
	}
	want := []int{10, 11, 12, 13, 14, 15, 16, 17, 18, 19}
	if !slices.Equal(be.FailedIndexes(), want) || be.Total != 25 {
		t.Errorf("failed = %v of %d, want %v of 25", be.FailedIndexes(), be.Total, want)
	}
	for _, f := range be.Failures {
		var e *Error
		if !errors.As(f.Err, &e) || e.StatusCode != 422 || e.Title != "Create customers failed." || e.Fields[".customer_create"] != "Error creating customers" {
			t.Errorf("failure %d: %v", f.Index, f.Err)
		}
	}
	if !errors.Is(err, ErrUnprocessable) {
		t.Error("errors.Is(err, ErrUnprocessable) = false")
	}
	var ids []int
	for _, cu := range got {
		ids = append(ids, cu.ID)
	}
	wantIDs := []int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 21, 22, 23, 24}
	if !slices.Equal(ids, wantIDs) {
		t.Errorf("created ids = %v, want %v", ids, wantIDs)
	}
	if resp == nil {
		t.Error("nil *Response")
	}
}

func TestCustomersCreateMapsIndexedErrors(t *testing.T) {
	tests := []struct {
		name string
		body string
	}{
		{"errors keyed by index.field", `{"status":422,"title":"JSON data is missing or invalid","errors":{"1.email":"error.path.missing"}}`},
		{"batch_errors", `{"status":422,"title":"Bulk operation has failed","batch_errors":[{"title":"ok"},{"errors":{"email":"error.path.missing"}}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			mockFunc(mt, http.MethodPost, "/v3/customers", func(r captured) (*http.Response, error) {
				if slices.Contains(bodyLastNames(t, r.Body), "10") {
					return custRespond(422, tt.body)
				}
				return echoCustomers(r)
			})
			got, _, err := c.Customers.CreateMany(ctx(t), numberedCustomers(13))
			if len(got) != 10 {
				t.Errorf("got %d customers, want the first chunk's 10", len(got))
			}
			var be *BatchError
			if !errors.As(err, &be) {
				t.Fatalf("err = %v, want *BatchError", err)
			}
			if !slices.Equal(be.FailedIndexes(), []int{10, 11, 12}) {
				t.Fatalf("failed = %v", be.FailedIndexes())
			}
			// Input 11 (item 1 of the chunk) is the culprit, with its own field.
			var e *Error
			if !errors.As(be.Failures[1].Err, &e) || e.StatusCode != 422 || e.Fields["email"] != "error.path.missing" || len(e.Fields) != 1 {
				t.Errorf("culprit error = %#v", be.Failures[1].Err)
			}
			// Inputs 10 and 12 were not written only because of input 11.
			for _, i := range []int{0, 2} {
				f := be.Failures[i]
				if errors.As(f.Err, &e) || !strings.Contains(f.Err.Error(), "can be sent again") {
					t.Errorf("innocent item %d: %v", f.Index, f.Err)
				}
			}
		})
	}
}

func TestCustomersCreateValidation(t *testing.T) {
	good := func() CustomerCreate { return CustomerCreate{Email: "a@example.com", FirstName: "A", LastName: "B"} }
	goodAddr := AddressCreate{FirstName: "A", LastName: "B", Address1: "1 Road", City: "Austin", CountryCode: "US"}
	tests := []struct {
		name string
		in   []CustomerCreate
		want []string
	}{
		{"none", nil, []string{"no customers"}},
		{"missing email", []CustomerCreate{good(), {FirstName: "A", LastName: "B"}}, []string{"customer 1", "email is required"}},
		{"blank names", []CustomerCreate{{Email: "a@example.com", FirstName: " "}}, []string{"customer 0", "first_name and last_name are required"}},
		{"address without city", func() []CustomerCreate {
			c := good()
			a := goodAddr
			a.City = ""
			a.CountryCode = ""
			c.Addresses = []AddressCreate{goodAddr, a}
			return []CustomerCreate{good(), good(), c}
		}(), []string{"customer 2", "address 1", "city and country_code are required"}},
		{"address with customer id", func() []CustomerCreate {
			c := good()
			a := goodAddr
			a.CustomerID = 5
			c.Addresses = []AddressCreate{a}
			return []CustomerCreate{c}
		}(), []string{"customer 0", "customer_id must be 0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, mt := newTestClient(t)
			rec := mockFunc(mt, http.MethodPost, "/v3/customers", echoCustomers)
			// Good items follow the bad ones: 3 chunks' worth, yet nothing may be sent.
			var in []CustomerCreate
			if len(tt.in) > 0 {
				in = append(tt.in, numberedCustomers(25)...)
			}
			got, resp, err := c.Customers.CreateMany(ctx(t), in)
			assertValidation(t, err, append(tt.want, "Customers.Create")...)
			if got != nil || resp == nil {
				t.Errorf("got %v, resp %v", got, resp)
			}
			custNoRequests(t, rec)
		})
	}
}

func TestCustomersUpdate(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPut, "/v3/customers", 200, fixture(t, "customers/write.json"))
	in := []CustomerUpdate{{
		ID:                                      1,
		Email:                                   Ptr("jane.smith@example.com"),
		FirstName:                               Ptr("Jane"),
		Company:                                 Ptr(""),
		CustomerGroupID:                         Ptr(0),
		AcceptsProductReviewAbandonedCartEmails: Ptr(false),
		Authentication:                          &CustomerAuthenticationUpdate{NewPassword: Ptr("SecurePassword123!")},
		StoreCreditAmounts:                      []StoreCreditAmount{{Amount: decimal.RequireFromString("43.15")}},
		ChannelIDs:                              []int{1},
		FormFields:                              []FormFieldValue{{Name: "shirt_size", Value: "Large"}},
	}}
	got, _, err := c.Customers.UpdateMany(ctx(t), in)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodPut || req.Path != "/v3/customers" || req.Raw != "" {
		t.Errorf("request = %s %s?%s", req.Method, req.Path, req.Raw)
	}
	assertJSONBody(t, req.Body, `[{"id":1,"email":"jane.smith@example.com","first_name":"Jane","company":"","customer_group_id":0,
		"accepts_product_review_abandoned_cart_emails":false,"authentication":{"new_password":"SecurePassword123!"},
		"store_credit_amounts":[{"amount":43.15}],"channel_ids":[1],"form_fields":[{"name":"shirt_size","value":"Large"}]}]`)
	if len(got) != 1 || got[0].LastName != "Smith" {
		t.Errorf("updated = %+v", got)
	}
}

func TestCustomersUpdateValidation(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodPut, "/v3/customers", echoCustomers)
	_, _, err := c.Customers.UpdateMany(ctx(t), nil)
	assertValidation(t, err, "Customers.Update", "no customers")
	_, resp, err := c.Customers.UpdateMany(ctx(t), []CustomerUpdate{{ID: 1}, {ID: 2}, {FirstName: Ptr("x")}})
	assertValidation(t, err, "customer 2", "id must be > 0")
	if resp == nil {
		t.Error("nil *Response")
	}
	custNoRequests(t, rec)
}

// TestCustomersUpdateRunsAtMostThreeChunksAtOnce holds every PUT in the
// responder until released, and uses synctest.Wait (all goroutines blocked)
// instead of sleeping to see how many are in flight at each step.
func TestCustomersUpdateRunsAtMostThreeChunksAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c, mt := newTestClient(t, WithMaxConcurrency(10)) // the client would allow 10
		var inFlight, maxInFlight atomic.Int32
		release, abort := make(chan struct{}), make(chan struct{})
		rec := mockFunc(mt, http.MethodPut, "/v3/customers", func(r captured) (*http.Response, error) {
			n := inFlight.Add(1)
			for {
				m := maxInFlight.Load()
				if n <= m || maxInFlight.CompareAndSwap(m, n) {
					break
				}
			}
			select { // the barrier
			case <-release:
			case <-abort:
			}
			inFlight.Add(-1)
			return echoCustomers(r)
		})
		in := make([]CustomerUpdate, 60) // 6 chunks
		for i := range in {
			in[i] = CustomerUpdate{ID: i + 1, LastName: Ptr(strconv.Itoa(i))}
		}
		type result struct {
			out []Customer
			err error
		}
		done := make(chan result, 1)
		go func() {
			out, _, err := c.Customers.UpdateMany(t.Context(), in)
			done <- result{out, err}
		}()
		for remaining := 6; remaining > 0; remaining-- {
			synctest.Wait() // every goroutine is now blocked: in the responder or waiting for a slot
			if got, want := inFlight.Load(), int32(min(3, remaining)); got != want {
				close(abort) // let every request finish, so the bubble can exit
				<-done
				t.Fatalf("%d chunks in flight with %d left, want %d", got, remaining, want)
			}
			release <- struct{}{}
		}
		res := <-done
		if res.err != nil {
			t.Fatalf("Update: %v", res.err)
		}
		if maxInFlight.Load() != 3 || rec.count() != 6 {
			t.Errorf("max in flight %d over %d requests, want 3 over 6", maxInFlight.Load(), rec.count())
		}
		for i, cu := range res.out {
			if cu.ID != i+1 {
				t.Fatalf("result %d has id %d: order not kept", i, cu.ID)
			}
		}
	})
}

func TestCustomersDelete(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodDelete, "/v3/customers", 204, nil)
	resp, err := c.Customers.DeleteMany(ctx(t), 4, 5, 6)
	if err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if resp == nil || resp.StatusCode != 204 {
		t.Errorf("resp = %+v", resp)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodDelete || req.Path != "/v3/customers" || req.Raw != "id:in=4,5,6" || len(req.Body) != 0 {
		t.Errorf("request = %s %s?%s body %q", req.Method, req.Path, req.Raw, req.Body)
	}
}

func TestCustomersDeleteChunksLongLists(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodDelete, "/v3/customers", 204, nil)
	ids := make([]int, 120)
	for i := range ids {
		ids[i] = i + 1
	}
	if _, err := c.Customers.DeleteMany(ctx(t), ids...); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	var sizes []int
	var sent []int
	for _, r := range rec.all() {
		parts := strings.Split(r.Query.Get("id:in"), ",")
		sizes = append(sizes, len(parts))
		for _, p := range parts {
			n, _ := strconv.Atoi(p)
			sent = append(sent, n)
		}
	}
	slices.Sort(sizes)
	slices.Sort(sent)
	if !slices.Equal(sizes, []int{20, 50, 50}) || !slices.Equal(sent, ids) {
		t.Errorf("chunk sizes %v, ids sent %v", sizes, sent)
	}
}

func TestCustomersDeleteReportsFailedIDs(t *testing.T) {
	c, mt := newTestClient(t)
	mockFunc(mt, http.MethodDelete, "/v3/customers", func(r captured) (*http.Response, error) {
		if strings.HasPrefix(r.Query.Get("id:in"), "51,") {
			return custRespond(422, `{"status":422,"title":"The id:in was not valid"}`)
		}
		return httpmock.NewBytesResponse(204, nil), nil
	})
	ids := make([]int, 60)
	for i := range ids {
		ids[i] = i + 1
	}
	_, err := c.Customers.DeleteMany(ctx(t), ids...)
	var be *BatchError
	if !errors.As(err, &be) || len(be.Failures) != 10 || be.Failures[0].Index != 50 {
		t.Fatalf("err = %v", err)
	}
}

func TestCustomersDeleteRefusesBadInput(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodDelete, "/v3/customers", 204, nil)
	resp, err := c.Customers.DeleteMany(ctx(t))
	assertValidation(t, err, "Customers.Delete", "no ids")
	if resp == nil {
		t.Error("nil *Response")
	}
	_, err = c.Customers.DeleteMany(ctx(t), 1, 0)
	assertValidation(t, err, "index 1", "> 0")
	_, err = c.Customers.DeleteMany(ctx(t), []int{}...)
	assertValidation(t, err, "no ids")
	_, err = c.Customers.DeleteMany(ctx(t), -3)
	assertValidation(t, err, "-3")
	custNoRequests(t, rec)
}

func TestCustomersListAddresses(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodGet, "/v3/customers/addresses", 200, fixture(t, "customers/addresses_list.json"))
	got, resp, err := c.Customers.ListAddresses(ctx(t), &AddressFilter{
		IDIn:         IntList{18},
		CustomerIDIn: IntList{1, 2},
		CompanyIn:    StringList{"BigCommerce"},
		NameIn:       StringList{"John Doe"},
		Include:      StringList{AddressIncludeFormFields},
		Page:         1,
		Limit:        10,
	})
	if err != nil {
		t.Fatalf("ListAddresses: %v", err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodGet || req.Path != "/v3/customers/addresses" {
		t.Errorf("request = %s %s", req.Method, req.Path)
	}
	if want := "company:in=BigCommerce&customer_id:in=1,2&id:in=18&include=formfields&limit=10&name:in=John+Doe&page=1"; req.Raw != want {
		t.Errorf("query\n got: %s\nwant: %s", req.Raw, want)
	}
	if req.Query.Get("name:in") != "John Doe" {
		t.Errorf("decoded name:in = %q", req.Query.Get("name:in"))
	}
	want := CustomerAddress{
		ID: 18, CustomerID: 1, FirstName: "John", LastName: "Doe", Company: "BigCommerce",
		Address1: "123 Example Street", Address2: "Building 4", City: "Austin", StateOrProvince: "Texas",
		PostalCode: "78759", Country: "United States", CountryCode: "US", Phone: "15551234567", AddressType: "residential",
	}
	if len(got) != 1 || !reflect.DeepEqual(got[0], want) {
		t.Errorf("addresses = %+v", got)
	}
	if p := resp.Pagination; p == nil || p.Total != 1 || p.TotalPages != 1 || p.PerPage != 50 {
		t.Errorf("pagination = %+v", resp.Pagination)
	}
}

func TestCustomersAllAddresses(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockFunc(mt, http.MethodGet, "/v3/customers/addresses", func(r captured) (*http.Response, error) {
		page, _ := strconv.Atoi(r.Query.Get("page"))
		// Two full pages, then a short one; no pagination meta at all, so
		// the walker must stop on the short page.
		n := map[int]int{1: 250, 2: 250, 3: 7}[page]
		items := make([]string, n)
		for i := range items {
			items[i] = fmt.Sprintf(`{"id":%d,"customer_id":9}`, (page-1)*250+i+1)
		}
		return custRespond(200, `{"data":[`+strings.Join(items, ",")+`],"meta":{}}`)
	})
	count, last := 0, 0
	for a, err := range c.Customers.AllAddresses(ctx(t), &AddressFilter{CustomerIDIn: IntList{9}}) {
		if err != nil {
			t.Fatalf("AllAddresses: %v", err)
		}
		if a.ID != last+1 {
			t.Fatalf("address %d after %d", a.ID, last)
		}
		count, last = count+1, a.ID
	}
	if count != 507 || rec.count() != 3 {
		t.Errorf("%d addresses in %d requests, want 507 in 3", count, rec.count())
	}
	if got := rec.last(t).Raw; got != "customer_id:in=9&limit=250&page=3" {
		t.Errorf("last query = %s", got)
	}
}

// exampleAddressCreate is the spec's POST /customers/addresses request example.
func exampleAddressCreate() AddressCreate {
	return AddressCreate{
		FirstName: "John", LastName: "Doe", Address1: "111 E West Street", Address2: Ptr("654"),
		City: "Akron", StateOrProvince: "Ohio", PostalCode: "44325", CountryCode: "US",
		Phone: Ptr("1234567890"), AddressType: Ptr("residential"), CustomerID: 11,
		FormFields: []FormFieldValue{{Name: "shirt_size", Value: "Large"}},
	}
}

func TestCustomersCreateAddresses(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPost, "/v3/customers/addresses", 200, fixture(t, "customers/addresses_write.json"))
	got, _, err := c.Customers.CreateAddresses(ctx(t), []AddressCreate{exampleAddressCreate()})
	if err != nil {
		t.Fatalf("CreateAddresses: %v", err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodPost || req.Path != "/v3/customers/addresses" || req.Raw != "" {
		t.Errorf("request = %s %s?%s", req.Method, req.Path, req.Raw)
	}
	assertJSONBody(t, req.Body, `[{"first_name":"John","last_name":"Doe","address1":"111 E West Street","address2":"654",
		"city":"Akron","state_or_province":"Ohio","postal_code":"44325","country_code":"US","phone":"1234567890",
		"address_type":"residential","customer_id":11,"form_fields":[{"name":"shirt_size","value":"Large"}]}]`)
	if len(got) != 1 || got[0].ID != 18 || got[0].Country != "United States" {
		t.Errorf("addresses = %+v", got)
	}
}

func TestCustomersCreateAddressesDuplicateIsAbsent(t *testing.T) {
	c, mt := newTestClient(t)
	// The spec's "duplicate" example: 200 with an empty object.
	mockJSON(mt, http.MethodPost, "/v3/customers/addresses", 200, []byte(`{}`))
	got, resp, err := c.Customers.CreateAddresses(ctx(t), []AddressCreate{exampleAddressCreate()})
	if err != nil || len(got) != 0 || resp.StatusCode != 200 {
		t.Errorf("duplicate: got %v, %v, status %d; want no addresses and no error", got, err, resp.StatusCode)
	}
}

func TestCustomersCreateAddressesValidation(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPost, "/v3/customers/addresses", 200, []byte(`{}`))
	_, _, err := c.Customers.CreateAddresses(ctx(t), nil)
	assertValidation(t, err, "Customers.CreateAddresses", "no addresses")

	noCustomer := exampleAddressCreate()
	noCustomer.CustomerID = 0
	_, _, err = c.Customers.CreateAddresses(ctx(t), []AddressCreate{exampleAddressCreate(), noCustomer})
	assertValidation(t, err, "address 1", "customer_id must be > 0")

	noPostal := exampleAddressCreate()
	noPostal.PostalCode = ""
	noPostal.StateOrProvince = ""
	_, _, err = c.Customers.CreateAddresses(ctx(t), []AddressCreate{noPostal})
	assertValidation(t, err, "address 0", "state_or_province and postal_code are required")
	custNoRequests(t, rec)
}

func TestCustomersUpdateAddresses(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodPut, "/v3/customers/addresses", 200, fixture(t, "customers/addresses_write.json"))
	got, _, err := c.Customers.UpdateAddresses(ctx(t), []AddressUpdate{
		{ID: 18, FirstName: Ptr("sam")},
		{ID: 11, Address2: Ptr(""), FormFields: []FormFieldValue{{Name: "shirt_size", Value: "Large"}}},
	})
	if err != nil {
		t.Fatalf("UpdateAddresses: %v", err)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodPut || req.Path != "/v3/customers/addresses" {
		t.Errorf("request = %s %s", req.Method, req.Path)
	}
	assertJSONBody(t, req.Body, `[{"id":18,"first_name":"sam"},{"id":11,"address2":"","form_fields":[{"name":"shirt_size","value":"Large"}]}]`)
	if len(got) != 1 || got[0].ID != 18 {
		t.Errorf("addresses = %+v", got)
	}

	_, _, err = c.Customers.UpdateAddresses(ctx(t), []AddressUpdate{{ID: 1}, {City: Ptr("x")}})
	assertValidation(t, err, "Customers.UpdateAddresses", "address 1", "id must be > 0")
	_, _, err = c.Customers.UpdateAddresses(ctx(t), nil)
	assertValidation(t, err, "no addresses")
	if rec.count() != 1 {
		t.Errorf("%d requests, want 1", rec.count())
	}
}

func TestCustomersDeleteAddresses(t *testing.T) {
	c, mt := newTestClient(t)
	rec := mockJSON(mt, http.MethodDelete, "/v3/customers/addresses", 204, nil)
	resp, err := c.Customers.DeleteAddresses(ctx(t), 18, 19)
	if err != nil || resp.StatusCode != 204 {
		t.Fatalf("DeleteAddresses: %v, %+v", err, resp)
	}
	req := rec.last(t)
	assertStandardHeaders(t, req)
	if req.Method != http.MethodDelete || req.Path != "/v3/customers/addresses" || req.Raw != "id:in=18,19" {
		t.Errorf("request = %s %s?%s", req.Method, req.Path, req.Raw)
	}

	_, err = c.Customers.DeleteAddresses(ctx(t))
	assertValidation(t, err, "Customers.DeleteAddresses", "no ids")
	_, err = c.Customers.DeleteAddresses(ctx(t), 0)
	assertValidation(t, err, "> 0")
	if rec.count() != 1 {
		t.Errorf("%d requests, want 1", rec.count())
	}
}

func TestFormFieldValueDecoding(t *testing.T) {
	tests := []struct {
		in   string
		want any
		err  bool
	}{
		{`{"name":"a","value":"Large"}`, "Large", false},
		{`{"name":"a","value":12.5}`, 12.5, false},
		{`{"name":"a","value":["x","y"]}`, []string{"x", "y"}, false},
		{`{"name":"a","value":null}`, nil, false},
		{`{"name":"a"}`, nil, false},
		{`{"name":"a","value":[1,2]}`, nil, true},
	}
	for _, tt := range tests {
		var f FormFieldValue
		err := json.Unmarshal([]byte(tt.in), &f)
		if (err != nil) != tt.err {
			t.Errorf("%s: err = %v", tt.in, err)
			continue
		}
		if !tt.err && (f.Name != "a" || !reflect.DeepEqual(f.Value, tt.want)) {
			t.Errorf("%s: got %#v", tt.in, f)
		}
	}
}

func TestCustomersCreate207(t *testing.T) {
	two := []CustomerCreate{
		{Email: "a@example.com", FirstName: "A", LastName: "A"},
		{Email: "b@example.com", FirstName: "B", LastName: "B"},
	}
	t.Run("named item fails alone", func(t *testing.T) {
		c, mt := newTestClient(t)
		mockJSON(mt, http.MethodPost, "/v3/customers", 207, []byte(`{"data":[{"id":7,"email":"a@example.com"}],
			"errors":{"status":422,"title":"Some customers were not created","errors":{"1.email":"duplicate"}},"meta":{}}`))
		got, _, err := c.Customers.CreateMany(ctx(t), two)
		var be *BatchError
		var e *Error
		if !errors.As(err, &be) || !slices.Equal(be.FailedIndexes(), []int{1}) || len(be.Unknown) != 0 ||
			!errors.As(be.Failures[0].Err, &e) || e.Fields["email"] != "duplicate" {
			t.Fatalf("err = %v; want only item 1 failed, with its own field error", err)
		}
		if len(got) != 1 || got[0].ID != 7 {
			t.Errorf("got %+v, want the created customer", got)
		}
	})
	t.Run("no item named: every item unknown", func(t *testing.T) {
		c, mt := newTestClient(t)
		mockJSON(mt, http.MethodPost, "/v3/customers", 207, []byte(`{"data":[],"errors":{"status":422,"title":"something failed"},"meta":{}}`))
		_, _, err := c.Customers.CreateMany(ctx(t), two)
		var be *BatchError
		if !errors.As(err, &be) || len(be.Failures) != 0 || !slices.Equal(be.UnknownIndexes(), []int{0, 1}) || !errors.Is(err, ErrOutcomeUnknown) {
			t.Fatalf("err = %v; want both items unknown", err)
		}
	})
}
