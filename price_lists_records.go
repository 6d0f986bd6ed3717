package bigcommerce

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

const (
	// PriceRecordBatchSize is the most records PUT
	// /v3/pricelists/{id}/records accepts in one request ("up to 1,000
	// items per request"); UpsertRecords sends larger inputs in chunks of it.
	PriceRecordBatchSize = 1000
	// priceRecordParallel is the spec's "Up to 2 concurrent batch upsert
	// requests are supported with this API" on that endpoint
	// (price_lists.v3.yml, PUT /pricelists/{price_list_id}/records). (PUT
	// /v3/pricelists/records, across price lists, says 1; this service
	// uses the per-list endpoint.)
	priceRecordParallel = 2
)

// PriceRecord is the price of one variant in one currency on a price list
// (PriceRecord). Money is decimal.Decimal; a price the record does not
// override is zero.
type PriceRecord struct {
	// PriceListID is the price list.
	PriceListID int `json:"price_list_id"`
	// VariantID is the variant priced.
	VariantID int `json:"variant_id"`
	// ProductID is the variant's product.
	ProductID int `json:"product_id"`
	// SKU is the variant's SKU (include=sku).
	SKU string `json:"sku,omitempty"`
	// Currency is the ISO 4217 code, lower case as BigCommerce writes it.
	Currency string `json:"currency"`
	// Price is the list price.
	Price decimal.Decimal `json:"price"`
	// SalePrice is the sale price.
	SalePrice decimal.Decimal `json:"sale_price"`
	// RetailPrice is the retail price.
	RetailPrice decimal.Decimal `json:"retail_price"`
	// MapPrice is the minimum advertised price.
	MapPrice decimal.Decimal `json:"map_price"`
	// CalculatedPrice is the price BigCommerce charges (read-only).
	CalculatedPrice decimal.Decimal `json:"calculated_price"`
	// DateCreated is when the record was created.
	DateCreated time.Time `json:"date_created"`
	// DateModified is when it last changed.
	DateModified time.Time `json:"date_modified"`
	// BulkPricingTiers are quantity discounts (include=bulk_pricing_tiers).
	BulkPricingTiers []PriceTier `json:"bulk_pricing_tiers"`
}

// PriceTier is a quantity discount of a price record (BulkPricingTier).
type PriceTier struct {
	// QuantityMin is the smallest quantity the tier applies to.
	QuantityMin int `json:"quantity_min"`
	// QuantityMax is the largest quantity the tier applies to.
	QuantityMax int `json:"quantity_max"`
	// Type is "fixed", "price" or "percent".
	Type string `json:"type"`
	// Amount is the discount, sent as a JSON number.
	Amount decimal.Decimal `json:"amount"`
}

// MarshalJSON implements json.Marshaler, writing Amount as a JSON number.
func (t PriceTier) MarshalJSON() ([]byte, error) {
	type plain PriceTier
	return json.Marshal(struct {
		plain
		Amount number `json:"amount"`
	}{plain(t), number{t.Amount}})
}

// PriceRecordUpsert is one record for UpsertRecords (PriceRecord Batch
// Item). Currency, Price and VariantID or SKU are required; money is sent
// as JSON numbers, as the spec types it.
type PriceRecordUpsert struct {
	// VariantID is the variant to price (or set SKU).
	VariantID int `json:"variant_id,omitempty"`
	// SKU is the variant's SKU (or set VariantID).
	SKU string `json:"sku,omitempty"`
	// Currency is the ISO 4217 code (required).
	Currency string `json:"currency"`
	// Price is the list price (required on this PUT).
	Price *decimal.Decimal `json:"price,omitempty"`
	// SalePrice is the sale price.
	SalePrice *decimal.Decimal `json:"sale_price,omitempty"`
	// RetailPrice is the retail price.
	RetailPrice *decimal.Decimal `json:"retail_price,omitempty"`
	// MapPrice is the minimum advertised price.
	MapPrice *decimal.Decimal `json:"map_price,omitempty"`
	// BulkPricingTiers replaces the quantity discounts: nil leaves them, an
	// empty non-nil slice removes them.
	BulkPricingTiers []PriceTier `json:"bulk_pricing_tiers,omitzero"`
}

// MarshalJSON implements json.Marshaler, writing money as JSON numbers.
func (r PriceRecordUpsert) MarshalJSON() ([]byte, error) {
	type plain PriceRecordUpsert
	return json.Marshal(struct {
		plain
		Price       *number `json:"price,omitempty"`
		SalePrice   *number `json:"sale_price,omitempty"`
		RetailPrice *number `json:"retail_price,omitempty"`
		MapPrice    *number `json:"map_price,omitempty"`
	}{plain(r), num(r.Price), num(r.SalePrice), num(r.RetailPrice), num(r.MapPrice)})
}

// Values for PriceRecordFilter.Include.
const (
	PriceRecordIncludeBulkPricingTiers = "bulk_pricing_tiers"
	PriceRecordIncludeSKU              = "sku"
)

// PriceRecordFilter selects records for ListRecords and AllRecords (GET
// /v3/pricelists/{id}/records). Money bounds are sent as plain numbers,
// dates as RFC 3339.
type PriceRecordFilter struct {
	// VariantIDIn keeps these variants (variant_id:in).
	VariantIDIn IntList `url:"variant_id:in,omitempty"`
	// ProductIDIn keeps the variants of these products (product_id:in).
	ProductIDIn IntList `url:"product_id:in,omitempty"`
	// SKU keeps the record of this SKU.
	SKU string `url:"sku,omitempty"`
	// SKUIn keeps the records of these SKUs (sku:in).
	SKUIn StringList `url:"sku:in,omitempty"`
	// Currency keeps records in this currency.
	Currency string `url:"currency,omitempty"`
	// CurrencyIn keeps records in these currencies (currency:in).
	CurrencyIn StringList `url:"currency:in,omitempty"`
	// Price keeps records with exactly this price.
	Price *decimal.Decimal `url:"price,omitempty"`
	// PriceMin keeps records priced at or above this (price:min).
	PriceMin *decimal.Decimal `url:"price:min,omitempty"`
	// PriceMax keeps records priced at or below this (price:max).
	PriceMax *decimal.Decimal `url:"price:max,omitempty"`
	// SalePriceMin keeps records with a sale price at or above this.
	SalePriceMin *decimal.Decimal `url:"sale_price:min,omitempty"`
	// SalePriceMax keeps records with a sale price at or below this.
	SalePriceMax *decimal.Decimal `url:"sale_price:max,omitempty"`
	// DateModifiedMin keeps records modified at or after this time.
	DateModifiedMin time.Time `url:"date_modified:min,omitempty"`
	// DateModifiedMax keeps records modified at or before this time.
	DateModifiedMax time.Time `url:"date_modified:max,omitempty"`
	// Include embeds PriceRecordIncludeBulkPricingTiers and/or
	// PriceRecordIncludeSKU.
	Include StringList `url:"include,omitempty"`
	// After asks for the page after this cursor.
	After string `url:"after,omitempty"`
	// Before asks for the page before this cursor (not with AllRecords).
	Before string `url:"before,omitempty"`
	// Page is the 1-based page number; 0 means the first page.
	Page int `url:"page,omitempty"`
	// Limit is the page size (at most 250).
	Limit int `url:"limit,omitempty"`
}

func (f *PriceRecordFilter) paging() (page, limit *int) { return &f.Page, &f.Limit }

// PriceRecordDeleteFilter selects the records DeleteRecords deletes. At
// least one field must be set; Currency alone deletes every record of the
// price list in that currency.
type PriceRecordDeleteFilter struct {
	// Currency deletes records in this currency.
	Currency string `url:"currency,omitempty"`
	// VariantIDIn deletes the records of these variants (variant_id:in).
	VariantIDIn IntList `url:"variant_id:in,omitempty"`
	// SKUIn deletes the records of these SKUs (sku:in).
	SKUIn StringList `url:"sku:in,omitempty"`
}

// ListRecords returns one page of a price list's records: GET
// /v3/pricelists/{id}/records.
//
// A price list id of 0 or less, or a bad page size, is refused before anything
// is sent (ErrInvalidRequest); a price list BigCommerce does not know is an
// error matching ErrNotFound. A filter value BigCommerce rejects is an error
// matching ErrUnprocessable.
func (s *PriceListsService) ListRecords(ctx context.Context, priceListID int, filter *PriceRecordFilter) ([]PriceRecord, *Response, error) {
	const op = "PriceLists.ListRecords"
	if err := checkID(op, "price list id", priceListID); err != nil {
		return nil, &Response{}, err
	}
	return listV3[PriceRecord](ctx, s.client, priceRecordsPath(priceListID), filter)
}

// AllRecords iterates over every record of a price list matching filter:
// GET /v3/pricelists/{id}/records, following the end cursor (after), 250
// per page unless filter.Limit is set. BigCommerce allows 10 such requests
// at once per store.
//
// A price list id of 0 or less, a Before cursor or a bad page size is refused
// before anything is sent (ErrInvalidRequest); a price list BigCommerce does
// not know is an error matching ErrNotFound. An error is yielded once and ends
// the walk.
func (s *PriceListsService) AllRecords(ctx context.Context, priceListID int, filter *PriceRecordFilter) iter.Seq2[PriceRecord, error] {
	if filter != nil && filter.Before != "" {
		return refused[PriceRecord](invalid("PriceLists.AllRecords", "Before is set: AllRecords walks forward only; use After, or ListRecords for one page"))
	}
	return walkCursor(ctx, filter, func(ctx context.Context, f *PriceRecordFilter) ([]PriceRecord, *Response, error) {
		return s.ListRecords(ctx, priceListID, f)
	}, func(f *PriceRecordFilter) *string { return &f.After })
}

// UpsertRecords creates or replaces price records of one price list: PUT
// /v3/pricelists/{id}/records, in chunks of PriceRecordBatchSize (1,000),
// at most 2 at once (BigCommerce's limits). Every record needs Currency,
// Price and VariantID or SKU, or nothing is sent. BigCommerce answers
// without the records, so only the last *Response is returned; a
// *BatchError names each input index that failed. An upsert is
// idempotent, so failed items can be sent again as they are.
func (s *PriceListsService) UpsertRecords(ctx context.Context, priceListID int, records []PriceRecordUpsert) (*Response, error) {
	const op = "PriceLists.UpsertRecords"
	if err := checkID(op, "price list id", priceListID); err != nil {
		return &Response{}, err
	}
	if len(records) == 0 {
		return &Response{}, invalid(op, "no records given")
	}
	for i, r := range records {
		if err := checkPriceRecord(op, i, r); err != nil {
			return &Response{}, err
		}
	}
	_, resp, err := batch(ctx, op, records, PriceRecordBatchSize, s.client.parallel(priceRecordParallel), s.upsertRecords(priceListID))
	return resp, err
}

// UpsertRecordsSeq is UpsertRecords for records read from a sequence as
// they are sent (a price file of any size, read row by row): PUT
// /v3/pricelists/{id}/records, in chunks of PriceRecordBatchSize, at most 2
// at once. It holds only the chunks in flight.
//
// Each record is checked as it is read, as UpsertRecords checks it; a
// refused record is a failure (a *ValidationError) at its position and is
// not sent, and the write goes on. The error is a *BatchError naming
// failed records by position in the sequence, from 0; after an error that
// is not about the records (401, 403, 429, a lost connection) the sequence
// is not read further, and the records from position BatchError.Total on
// were neither read nor sent. An empty sequence sends nothing. Progress
// goes to WithProgress, with Total -1 until the sequence ends.
func (s *PriceListsService) UpsertRecordsSeq(ctx context.Context, priceListID int, records iter.Seq[PriceRecordUpsert]) (*Response, error) {
	const op = "PriceLists.UpsertRecordsSeq"
	if err := checkID(op, "price list id", priceListID); err != nil {
		return &Response{}, err
	}
	return batchSeq(ctx, op, records, PriceRecordBatchSize, s.client.parallel(priceRecordParallel), func(i int, r PriceRecordUpsert) error {
		return checkPriceRecord(op, i, r)
	}, s.upsertRecords(priceListID))
}

// checkPriceRecord checks record i of an upsert.
func checkPriceRecord(op string, i int, r PriceRecordUpsert) error {
	switch {
	case strings.TrimSpace(r.Currency) == "":
		return invalid(op, "record %d: Currency is required", i)
	case r.VariantID <= 0 && strings.TrimSpace(r.SKU) == "":
		return invalid(op, "record %d: set VariantID or SKU", i)
	case r.Price == nil:
		return invalid(op, "record %d: Price is required", i)
	case r.Price.IsNegative():
		return invalid(op, "record %d: Price must not be negative, got %s", i, r.Price)
	}
	return nil
}

// upsertRecords sends one chunk of an upsert to a price list.
func (s *PriceListsService) upsertRecords(priceListID int) sendFunc[PriceRecordUpsert, struct{}] {
	path := priceRecordsPath(priceListID)
	return func(ctx context.Context, chunk []PriceRecordUpsert) ([]struct{}, *Response, error) {
		resp, err := s.client.call(ctx, http.MethodPut, path, nil, chunk, nil)
		if err != nil {
			err = priceRecordChunkError(err, chunk)
		}
		return nil, resp, err
	}
}

// DeleteRecords deletes the records of a price list matching filter:
// DELETE /v3/pricelists/{id}/records?... . An empty filter is refused
// before anything is sent (it would delete every record of the list).
//
// A price list id of 0 or less, or a nil or empty filter, is refused before
// anything is sent (ErrInvalidRequest); a price list BigCommerce does not know
// is an error matching ErrNotFound.
func (s *PriceListsService) DeleteRecords(ctx context.Context, priceListID int, filter *PriceRecordDeleteFilter) (*Response, error) {
	const op = "PriceLists.DeleteRecords"
	if err := checkID(op, "price list id", priceListID); err != nil {
		return &Response{}, err
	}
	return deleteWhere(ctx, s.client, op, priceRecordsPath(priceListID), filter)
}

func priceRecordsPath(priceListID int) string {
	return fmt.Sprintf("%s/%d/records", priceListsPath, priceListID)
}

// priceRecordChunkError maps a 422 {batch_errors:[{data:{variant_id, sku,
// currency}, field_errors:{...}}]} onto the chunk's items (see
// rejectedChunk): BigCommerce names failed records by identity, not by
// index. Named items get an *Error with their own field errors; the others
// were not written and can be sent again. Any other error fails the whole
// chunk.
func priceRecordChunkError(err error, chunk []PriceRecordUpsert) error {
	e := rejection(err)
	if e == nil || e.StatusCode != http.StatusUnprocessableEntity {
		return err
	}
	var body struct {
		BatchErrors []struct {
			Data struct {
				VariantID int    `json:"variant_id"`
				SKU       string `json:"sku"`
				Currency  string `json:"currency"`
			} `json:"data"`
			FieldErrors map[string]json.RawMessage `json:"field_errors"`
		} `json:"batch_errors"`
	}
	if json.Unmarshal(e.Body, &body) != nil || len(body.BatchErrors) == 0 {
		return err
	}
	named := map[int]*Error{}
	for _, be := range body.BatchErrors {
		found := false
		for i, r := range chunk {
			sameItem := (be.Data.VariantID != 0 && be.Data.VariantID == r.VariantID) || (be.Data.SKU != "" && strings.EqualFold(be.Data.SKU, r.SKU))
			if !sameItem || (be.Data.Currency != "" && !strings.EqualFold(be.Data.Currency, r.Currency)) {
				continue
			}
			found = true
			item := named[i]
			if item == nil {
				copied := *e
				copied.Fields = map[string]string{}
				item = &copied
				named[i] = item
			}
			for k, v := range be.FieldErrors {
				item.Fields[k] = rawToText(v)
			}
		}
		if !found {
			return err // cannot tell which item it names: fail them all
		}
	}
	return rejectedChunk(e, len(chunk), named)
}
