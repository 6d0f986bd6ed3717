package bigcommerce

import (
	"context"
	"iter"
)

// Test-only exported names for the external test package (bigcommerce_test).

// AssertDec is assertDec, for the external tests.
var AssertDec = assertDec

// Ctx is ctx, for the external tests.
var Ctx = ctx

// Dec is dec, for the external tests.
var Dec = dec

// LineIDs is lineIDs, for the external tests.
var LineIDs = lineIDs

// ThrottleMargin is throttleMargin, for the external tests.
const ThrottleMargin = throttleMargin

// CustomerWalkAuto is customerWalkAuto, for the external tests.
const CustomerWalkAuto = customerWalkAuto

// CustomerWalkCursor is customerWalkCursor, for the external tests.
const CustomerWalkCursor = customerWalkCursor

// CustomerWalkIDIn is customerWalkIDIn, for the external tests.
const CustomerWalkIDIn = customerWalkIDIn

// SetCustomerWalkMode forces how Customers.All walks (CustomerWalkAuto,
// CustomerWalkIDIn or CustomerWalkCursor) until restore is called.
func SetCustomerWalkMode(mode int) (restore func()) {
	old := customerWalkMode
	customerWalkMode = mode
	return func() { customerWalkMode = old }
}

// OffsetWalkProducts is the walk Products.All used before the id windows
// (offset pages fetched ahead), for the export benchmark's comparison.
func OffsetWalkProducts(ctx context.Context, c *Client) iter.Seq2[Product, error] {
	return walk(ctx, c, &ProductFilter{}, MaxPageSize, c.Products.List)
}

// OffsetWalkCustomers is the walk Customers.All used before the id windows,
// for the export benchmark's comparison.
func OffsetWalkCustomers(ctx context.Context, c *Client) iter.Seq2[Customer, error] {
	return walk(ctx, c, &CustomerFilter{}, MaxPageSize, c.Customers.List)
}

// OldProductsUpdateBatch is Products.UpdateBatch as it ran before it used
// WithMaxConcurrency: at most 2 requests at once, a limit BigCommerce does
// not document (the import benchmark's baseline).
func OldProductsUpdateBatch(ctx context.Context, c *Client, items []ProductUpdate) ([]Product, *Response, error) {
	return batch(ctx, "Products.UpdateBatch", items, ProductBatchSize, 2, c.Products.updateChunk)
}

// OldProductsUpdateVariantsBatch is Products.UpdateVariantsBatch as it ran
// before it used WithMaxConcurrency: at most 2 requests at once.
func OldProductsUpdateVariantsBatch(ctx context.Context, c *Client, items []VariantUpdate) ([]Variant, *Response, error) {
	return batch(ctx, "Products.UpdateVariantsBatch", items, VariantBatchSize, 2, c.Products.updateVariantsChunk)
}
