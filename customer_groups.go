package bigcommerce

import (
	"context"
	"iter"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// CustomerGroupsService manages customer groups (V2 /v2/customer_groups):
// the groups customers belong to, their category access and their discount
// rules. It is reached through Client.CustomerGroups and needs the
// store_v2_customers scope (store_v2_customers_read_only for reads).
//
// Create and Update may answer 207: the group was saved but its store-wide
// discount was not. BigCommerce then sends only a message, so the group is
// not returned and the error is a *MultiStatusError; sending the same Update
// again is safe.
type CustomerGroupsService service

const customerGroupsPath = "/v2/customer_groups"

// CategoryAccessType says which categories a group's members can see.
type CategoryAccessType string

// Category access types.
const (
	CategoryAccessAll      CategoryAccessType = "all"
	CategoryAccessSpecific CategoryAccessType = "specific"
	CategoryAccessNone     CategoryAccessType = "none"
)

// CategoryAccess is a group's category access (categoryAccessLevel_Full).
type CategoryAccess struct {
	// Type is all, specific or none.
	Type CategoryAccessType `json:"type"`
	// Categories are the category ids members can see; only with
	// CategoryAccessSpecific.
	Categories []int `json:"categories,omitempty"`
}

// DiscountRuleType is what a discount rule applies to.
type DiscountRuleType string

// Discount rule types.
const (
	// DiscountRulePriceList prices members with a price list; it must be the
	// group's only rule.
	DiscountRulePriceList DiscountRuleType = "price_list"
	// DiscountRuleAll is the store-wide rule; a group has at most one.
	DiscountRuleAll DiscountRuleType = "all"
	// DiscountRuleCategory applies to a category and its subcategories.
	DiscountRuleCategory DiscountRuleType = "category"
	// DiscountRuleProduct applies to one product.
	DiscountRuleProduct DiscountRuleType = "product"
)

// DiscountMethod is how a discount rule's Amount changes the price.
type DiscountMethod string

// Discount methods.
const (
	DiscountPercent DiscountMethod = "percent"
	DiscountFixed   DiscountMethod = "fixed"
	DiscountPrice   DiscountMethod = "price"
)

// DiscountRule is one discount rule of a customer group, read and written.
// A price_list rule carries only PriceListID; the others carry Method and
// Amount, and CategoryID or ProductID for category and product rules.
type DiscountRule struct {
	// Type is what the rule applies to.
	Type DiscountRuleType `json:"type"`
	// Method is percent, fixed or price (not for price_list rules).
	Method DiscountMethod `json:"method,omitempty"`
	// Amount is the discount. The spec types it as a string that holds a
	// float, a float string or an integer; it is read from any of them and
	// sent as a decimal string ("5.0000" style).
	Amount *decimal.Decimal `json:"amount,omitempty"`
	// CategoryID is the category of a category rule.
	CategoryID int `json:"category_id,omitempty"`
	// ProductID is the product of a product rule.
	ProductID int `json:"product_id,omitempty"`
	// PriceListID is the price list of a price_list rule.
	PriceListID int `json:"price_list_id,omitempty"`
}

// CustomerGroup is a customer group (customerGroup_Full).
type CustomerGroup struct {
	// ID is the group's id.
	ID int `json:"id"`
	// Name is the group's name.
	Name string `json:"name"`
	// IsDefault puts new customers in this group.
	IsDefault bool `json:"is_default"`
	// CategoryAccess is which categories members can see.
	CategoryAccess *CategoryAccess `json:"category_access,omitempty"`
	// DiscountRules are the group's discount rules.
	DiscountRules []DiscountRule `json:"discount_rules"`
	// DateCreated is when the group was created. The spec's example is
	// "2023-07-17 06:30:41" (no zone, read as UTC) while other V2 dates are
	// RFC 2822; every form is read.
	DateCreated Time `json:"date_created"`
	// DateModified is when the group last changed.
	DateModified Time `json:"date_modified"`
	// IsGroupForGuests marks the one group guests belong to.
	IsGroupForGuests bool `json:"is_group_for_guests"`
}

// CustomerGroupCreate is the body of CustomerGroups.Create
// (customerGroup_Post_Put). Name is required.
type CustomerGroupCreate struct {
	// Name is the group's name (required).
	Name string `json:"name"`
	// IsDefault puts new customers in this group.
	IsDefault *bool `json:"is_default,omitempty"`
	// CategoryAccess sets which categories members can see.
	CategoryAccess *CategoryAccess `json:"category_access,omitempty"`
	// DiscountRules are the group's discount rules.
	DiscountRules []DiscountRule `json:"discount_rules,omitempty"`
	// IsGroupForGuests makes this the guests' group.
	IsGroupForGuests *bool `json:"is_group_for_guests,omitempty"`
}

// CustomerGroupUpdate is the body of CustomerGroups.Update; nil fields are
// left unchanged.
type CustomerGroupUpdate struct {
	// Name is the new name.
	Name *string `json:"name,omitempty"`
	// IsDefault puts (or stops putting) new customers in this group.
	IsDefault *bool `json:"is_default,omitempty"`
	// CategoryAccess replaces the category access.
	CategoryAccess *CategoryAccess `json:"category_access,omitempty"`
	// DiscountRules replaces the whole set of rules (BigCommerce overwrites
	// them in bulk): nil leaves them, an empty non-nil slice removes them all.
	DiscountRules []DiscountRule `json:"discount_rules,omitzero"`
	// IsGroupForGuests makes (or unmakes) this the guests' group.
	IsGroupForGuests *bool `json:"is_group_for_guests,omitempty"`
}

// CustomerGroupFilter selects groups for List and All (GET
// /v2/customer_groups). The zero value lists every group. Dates are sent as
// RFC 3339.
type CustomerGroupFilter struct {
	// Name keeps the group with exactly this name.
	Name string `url:"name,omitempty"`
	// NameLike keeps groups whose name contains this (name:like).
	NameLike string `url:"name:like,omitempty"`
	// IsDefault keeps the default group (true) or the others (false).
	IsDefault *bool `url:"is_default,omitempty"`
	// IsGroupForGuests keeps the guests' group (true) or the others.
	IsGroupForGuests *bool `url:"is_group_for_guests,omitempty"`
	// DateCreated keeps groups created at this time.
	DateCreated time.Time `url:"date_created,omitempty"`
	// DateCreatedMin keeps groups created at or after this time.
	DateCreatedMin time.Time `url:"date_created:min,omitempty"`
	// DateCreatedMax keeps groups created at or before this time.
	DateCreatedMax time.Time `url:"date_created:max,omitempty"`
	// DateModified keeps groups modified at this time.
	DateModified time.Time `url:"date_modified,omitempty"`
	// DateModifiedMin keeps groups modified at or after this time.
	DateModifiedMin time.Time `url:"date_modified:min,omitempty"`
	// DateModifiedMax keeps groups modified at or before this time.
	DateModifiedMax time.Time `url:"date_modified:max,omitempty"`
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// Limit is the page size (at most 250).
	Limit int `url:"limit,omitempty"`
}

func (f *CustomerGroupFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// List returns one page of customer groups, lowest id first: GET
// /v2/customer_groups. An empty page (204) is an empty slice and no error.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable.
func (s *CustomerGroupsService) List(ctx context.Context, filter *CustomerGroupFilter) ([]CustomerGroup, *Response, error) {
	return listPage[CustomerGroup](ctx, s.client, customerGroupsPath, filter)
}

// All iterates over every customer group matching filter: GET
// /v2/customer_groups, 250 per page unless filter.Limit is set, until a
// short or empty (204) page.
//
// The endpoint offers no id bound, so All walks by page offset in its
// documented id order. Groups created during the walk get higher ids and
// are still reached; but deleting a group the walk has already passed
// shifts the later groups back one place, so one not-yet-seen group per
// deletion is skipped. Groups are few; where exactness matters, compare
// with Count afterwards.
//
// A negative Page or Limit, or a Limit above the endpoint's maximum, is
// refused before anything is sent (ErrInvalidRequest). A filter value
// BigCommerce rejects is an error matching ErrUnprocessable. An error is
// yielded once and ends the walk.
func (s *CustomerGroupsService) All(ctx context.Context, filter *CustomerGroupFilter) iter.Seq2[CustomerGroup, error] {
	return walk(ctx, s.client, filter, MaxPageSize, s.List)
}

// Get returns one customer group: GET /v2/customer_groups/{id}.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *CustomerGroupsService) Get(ctx context.Context, id int) (*CustomerGroup, *Response, error) {
	if err := checkID("CustomerGroups.Get", "customer group id", id); err != nil {
		return nil, &Response{}, err
	}
	return getOneV2[CustomerGroup](ctx, s.client, http.MethodGet, customerGroupPath(id), nil, nil)
}

// Count returns the number of customer groups: GET /v2/customer_groups/count.
//
// A token with neither the store_v2_customers_read_only nor the
// store_v2_customers scope gets an error matching ErrForbidden.
func (s *CustomerGroupsService) Count(ctx context.Context) (int, *Response, error) {
	return countV2(ctx, s.client, customerGroupsPath+"/count", nil)
}

// Create creates a customer group: POST /v2/customer_groups. Name is
// required and the discount rules are checked (see DiscountRule) before
// anything is sent.
//
// An empty Name or a wrong discount rule or category access is refused before
// anything is sent (ErrInvalidRequest). Input BigCommerce refuses is an error
// matching ErrUnprocessable (422, or 400 for a malformed body), with the
// fields at fault in *Error.Fields. When BigCommerce saves the group but not
// all of it (a 207), the error is a *MultiStatusError and no group is
// returned: get it to see what was saved. If the request may have reached
// BigCommerce and no answer proves its fate (a 5xx, a cut connection), the
// error matches ErrOutcomeUnknown and the SDK does not resend it: check before
// sending it again.
func (s *CustomerGroupsService) Create(ctx context.Context, group CustomerGroupCreate) (*CustomerGroup, *Response, error) {
	const op = "CustomerGroups.Create"
	if strings.TrimSpace(group.Name) == "" {
		return nil, &Response{}, invalid(op, "Name is required")
	}
	if err := checkGroupAccess(op, group.CategoryAccess); err != nil {
		return nil, &Response{}, err
	}
	if err := checkDiscountRules(op, group.DiscountRules); err != nil {
		return nil, &Response{}, err
	}
	return s.send(ctx, http.MethodPost, customerGroupsPath, group)
}

// Update changes a customer group: PUT /v2/customer_groups/{id}. Setting
// DiscountRules replaces all of the group's rules.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound. An update
// that sets nothing, an empty Name or a wrong discount rule is refused the
// same way. Input BigCommerce refuses is an error matching ErrUnprocessable
// (422, or 400 for a malformed body), with the fields at fault in
// *Error.Fields. A 207 (saved in part) is a *MultiStatusError and no group is
// returned.
func (s *CustomerGroupsService) Update(ctx context.Context, id int, group CustomerGroupUpdate) (*CustomerGroup, *Response, error) {
	const op = "CustomerGroups.Update"
	if err := checkID(op, "customer group id", id); err != nil {
		return nil, &Response{}, err
	}
	if group.Name != nil && strings.TrimSpace(*group.Name) == "" {
		return nil, &Response{}, invalid(op, "Name is empty: leave it nil to keep the current name")
	}
	if group.Name == nil && group.IsDefault == nil && group.CategoryAccess == nil && group.DiscountRules == nil && group.IsGroupForGuests == nil {
		return nil, &Response{}, invalid(op, "nothing to update: set at least one field")
	}
	if err := checkGroupAccess(op, group.CategoryAccess); err != nil {
		return nil, &Response{}, err
	}
	if err := checkDiscountRules(op, group.DiscountRules); err != nil {
		return nil, &Response{}, err
	}
	return s.send(ctx, http.MethodPut, customerGroupPath(id), group)
}

// Delete deletes one customer group; its customers are left without a
// group: DELETE /v2/customer_groups/{id}. There is no method to delete every
// group at once.
//
// An id of 0 or less is refused before anything is sent (ErrInvalidRequest);
// an id BigCommerce does not know is an error matching ErrNotFound.
func (s *CustomerGroupsService) Delete(ctx context.Context, id int) (*Response, error) {
	if err := checkID("CustomerGroups.Delete", "customer group id", id); err != nil {
		return &Response{}, err
	}
	return s.client.call(ctx, http.MethodDelete, customerGroupPath(id), nil, nil, nil)
}

// send writes a group; on a 207 the body is only a message, so no group is
// returned beside the *MultiStatusError.
func (s *CustomerGroupsService) send(ctx context.Context, method, path string, body any) (*CustomerGroup, *Response, error) {
	g, resp, err := getOneV2[CustomerGroup](ctx, s.client, method, path, nil, body)
	if err != nil {
		return nil, resp, err // a 207 too: its body is a message, not the group
	}
	return g, resp, nil
}

func customerGroupPath(id int) string { return customerGroupsPath + "/" + strconv.Itoa(id) }

// checkGroupAccess refuses category ids without the specific type.
func checkGroupAccess(op string, a *CategoryAccess) error {
	if a == nil {
		return nil
	}
	switch a.Type {
	case CategoryAccessAll, CategoryAccessNone:
		if len(a.Categories) > 0 {
			return invalid(op, "category access %q takes no Categories; use CategoryAccessSpecific", a.Type)
		}
	case CategoryAccessSpecific:
	default:
		return invalid(op, "category access type %q is not all, specific or none", a.Type)
	}
	return nil
}

// checkDiscountRules applies the spec's rules: a price_list rule stands
// alone and names a price list; at most one store-wide rule; category and
// product rules name their target; every non-price-list rule has a method
// and an amount.
func checkDiscountRules(op string, rules []DiscountRule) error {
	all := 0
	for i, r := range rules {
		switch r.Type {
		case DiscountRulePriceList:
			// The spec's schema requires "type" and "price_list", a
			// property it never defines; its description and the read
			// model name price_list_id, which is what the SDK requires.
			if len(rules) > 1 {
				return invalid(op, "discount rule %d: a price_list rule must be the group's only rule", i)
			}
			if r.PriceListID <= 0 {
				return invalid(op, "discount rule %d: a price_list rule needs PriceListID", i)
			}
			continue
		case DiscountRuleAll:
			if all++; all > 1 {
				return invalid(op, "discount rule %d: a group can have only one store-wide (all) rule", i)
			}
		case DiscountRuleCategory:
			if r.CategoryID <= 0 {
				return invalid(op, "discount rule %d: a category rule needs CategoryID", i)
			}
		case DiscountRuleProduct:
			if r.ProductID <= 0 {
				return invalid(op, "discount rule %d: a product rule needs ProductID", i)
			}
		default:
			return invalid(op, "discount rule %d: type %q is not price_list, all, category or product", i, r.Type)
		}
		switch r.Method {
		case DiscountPercent, DiscountFixed, DiscountPrice:
		default:
			return invalid(op, "discount rule %d: method %q is not percent, fixed or price", i, r.Method)
		}
		if r.Amount == nil {
			return invalid(op, "discount rule %d: Amount is required", i)
		}
	}
	return nil
}
