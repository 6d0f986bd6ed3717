package bigcommercetest

import (
	"strings"
)

// Consignments of V2 orders, served inline by GET /v2/orders and
// /v2/orders/{id} (and the order answered by POST and PUT) with
// include=consignments or include=consignments.line_items and
// consignment_structure=object, shaped as the spec's orderConsignment_Get.
//
// The store derives the consignments from an order's line items: physical
// items form one shipping consignment per shipping address (its id is the
// address id, its costs the address's), digital items one download
// consignment to the billing email, gift certificates one email consignment
// each. Orders here have no pickups. As on the real API (bigcommerce/docs#960),
// a consignment lists at most 50 line items and then carries a "__warning__".
//
// Without consignment_structure=object the real API answers a legacy array
// structure the spec does not describe; this store answers the
// orderConsignments_Resource link instead, so a client that forgets the
// parameter gets no line items. Without a consignments include the field is
// left out, like fees.

// consignmentLineItemCap is how many line items a consignment lists before
// the API cuts it short with a warning.
const consignmentLineItemCap = 50

// consignmentWarning is the message of the "__warning__" object.
const consignmentWarning = "Not all line items of this consignment are returned with this response, only 50 are included. Please use the `/v2/orders/{order_id}/products` endpoint to fetch all line items."

type warning struct {
	Message string `json:"message"`
}

// consignmentsView is orderConsignment_Get.
type consignmentsView struct {
	Pickups   []struct{}             `json:"pickups"`
	Shipping  []shippingConsignment  `json:"shipping"`
	Downloads []recipientConsignment `json:"downloads"`
	Email     emailConsignments      `json:"email"`
}

type emailConsignments struct {
	GiftCertificates []recipientConsignment `json:"gift_certificates"`
}

// recipientConsignment is digitalConsignment_Get and
// giftCertificateConsignment_Get.
type recipientConsignment struct {
	RecipientEmail string   `json:"recipient_email"`
	LineItems      any      `json:"line_items"`
	Warning        *warning `json:"__warning__,omitempty"`
}

// shippingConsignment is shippingConsignment_Get. Its costs are JSON numbers,
// as the spec types them.
type shippingConsignment struct {
	ID                     int          `json:"id"`
	FirstName              string       `json:"first_name"`
	LastName               string       `json:"last_name"`
	Company                string       `json:"company"`
	Street1                string       `json:"street_1"`
	Street2                string       `json:"street_2"`
	City                   string       `json:"city"`
	State                  string       `json:"state"`
	Zip                    string       `json:"zip"`
	Country                string       `json:"country"`
	CountryISO2            string       `json:"country_iso2"`
	Phone                  string       `json:"phone"`
	Email                  string       `json:"email"`
	FormFields             []formField  `json:"form_fields"`
	ShippingMethod         string       `json:"shipping_method"`
	LineItems              any          `json:"line_items"`
	ItemsTotal             int          `json:"items_total"`
	ItemsShipped           int          `json:"items_shipped"`
	BaseCost               float64      `json:"base_cost"`
	CostExTax              float64      `json:"cost_ex_tax"`
	CostIncTax             float64      `json:"cost_inc_tax"`
	CostTax                float64      `json:"cost_tax"`
	CostTaxClassID         int          `json:"cost_tax_class_id"`
	BaseHandlingCost       float64      `json:"base_handling_cost"`
	HandlingCostExTax      float64      `json:"handling_cost_ex_tax"`
	HandlingCostIncTax     float64      `json:"handling_cost_inc_tax"`
	HandlingCostTax        float64      `json:"handling_cost_tax"`
	HandlingCostTaxClassID int          `json:"handling_cost_tax_class_id"`
	ShippingZoneID         int          `json:"shipping_zone_id"`
	ShippingZoneName       string       `json:"shipping_zone_name"`
	ShippingQuotes         resourceLink `json:"shipping_quotes"`
	Warning                *warning     `json:"__warning__,omitempty"`
}

// consignmentsFor returns the consignments value of an order rendered for
// this request, or nil when the request does not include consignments.
// Called with the store's lock held.
func (c *call) consignmentsFor(o *order) any {
	var withConsignments, withLines bool
	for _, inc := range c.query["include"] {
		for _, v := range strings.Split(inc, ",") {
			switch strings.TrimSpace(v) {
			case "consignments":
				withConsignments = true
			case "consignments.line_items":
				withConsignments, withLines = true, true
			}
		}
	}
	if !withConsignments {
		return nil
	}
	base := c.v2Base()
	link := func(res string) resourceLink { return resourceLink{URL: base + res, Resource: res} }
	if c.query.Get("consignment_structure") != "object" {
		return link("/orders/" + itoa(o.ID) + "/consignments")
	}
	// lineItems renders a consignment's line items (or links to them), cut
	// at the cap with a warning.
	lineItems := func(lines []*orderProduct) (any, *warning) {
		var w *warning
		if len(lines) > consignmentLineItemCap {
			lines, w = lines[:consignmentLineItemCap], &warning{Message: consignmentWarning}
		}
		if withLines {
			return lines, w
		}
		links := make([]resourceLink, len(lines))
		for i, l := range lines {
			links[i] = link("/orders/" + itoa(o.ID) + "/products/" + itoa(l.ID))
		}
		return links, w
	}

	v := consignmentsView{Pickups: []struct{}{}, Shipping: []shippingConsignment{},
		Downloads: []recipientConsignment{}, Email: emailConsignments{GiftCertificates: []recipientConsignment{}}}
	var digital []*orderProduct
	byAddress := map[int][]*orderProduct{}
	known := map[int]bool{}
	for _, sa := range o.shipTo {
		known[sa.ID] = true
	}
	for _, l := range o.lines {
		switch l.Type {
		case "digital":
			digital = append(digital, l)
		case "giftcertificate":
			items, w := lineItems([]*orderProduct{l})
			v.Email.GiftCertificates = append(v.Email.GiftCertificates,
				recipientConsignment{RecipientEmail: o.BillingAddress.Email, LineItems: items, Warning: w})
		default:
			// A physical item always ships somewhere: one without a known
			// address goes with the first.
			addr := l.OrderAddressID
			if !known[addr] && len(o.shipTo) > 0 {
				addr = o.shipTo[0].ID
			}
			byAddress[addr] = append(byAddress[addr], l)
		}
	}
	for _, sa := range o.shipTo {
		lines := byAddress[sa.ID]
		if len(lines) == 0 {
			continue
		}
		items, w := lineItems(lines)
		formFields := sa.FormFields
		if formFields == nil {
			formFields = []formField{}
		}
		v.Shipping = append(v.Shipping, shippingConsignment{
			ID: sa.ID, FirstName: sa.FirstName, LastName: sa.LastName, Company: sa.Company, Street1: sa.Street1,
			Street2: sa.Street2, City: sa.City, State: sa.State, Zip: sa.Zip, Country: sa.Country,
			CountryISO2: sa.CountryISO2, Phone: sa.Phone, Email: sa.Email, FormFields: formFields,
			ShippingMethod: sa.ShippingMethod, LineItems: items, ItemsTotal: sa.ItemsTotal, ItemsShipped: sa.ItemsShipped,
			BaseCost: sa.BaseCost.float(), CostExTax: sa.CostExTax.float(), CostIncTax: sa.CostIncTax.float(),
			CostTax: sa.CostTax.float(), CostTaxClassID: sa.CostTaxClassID, BaseHandlingCost: sa.BaseHandlingCost.float(),
			HandlingCostExTax: sa.HandlingCostExTax.float(), HandlingCostIncTax: sa.HandlingCostIncTax.float(),
			HandlingCostTax: sa.HandlingCostTax.float(), HandlingCostTaxClassID: sa.HandlingCostTaxClassID,
			ShippingZoneID: sa.ShippingZoneID, ShippingZoneName: sa.ShippingZoneName,
			ShippingQuotes: link("/orders/" + itoa(o.ID) + "/consignments/shipping/" + itoa(sa.ID) + "/shipping_quotes"), Warning: w,
		})
	}
	if len(digital) > 0 {
		items, w := lineItems(digital)
		v.Downloads = append(v.Downloads, recipientConsignment{RecipientEmail: o.BillingAddress.Email, LineItems: items, Warning: w})
	}
	return v
}
