package bigcommerce

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
