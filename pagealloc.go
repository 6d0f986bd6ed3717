package bigcommerce

import "reflect"

// Page slices are allocated at their final size before decoding: a slice
// that encoding/json grows by doubling allocates and copies about twice the
// page (a 250-order page is some 300 KB of Order structs), which made up
// most of the SDK's extra bytes per page against a hand-written client
// (BenchmarkDecodePage in bench_page_test.go). The capacity is the limit the request asked for; a page that
// comes back short wastes the rest, at most one page per request.

// newPage returns an empty slice with room for a page of limit items, or
// nil when limit is unset (the server's default applies) or out of range.
func newPage[T any](limit int) []T {
	if limit <= 0 || limit > MaxPageSize {
		return nil
	}
	return make([]T, 0, limit)
}

// newEnvelope returns a V3 envelope whose Data, when T is a slice and opts
// is a list filter with a Limit, already has room for the page.
func newEnvelope[T any](opts any) envelope[T] {
	var env envelope[T]
	f, ok := opts.(interface{ paging() (page, limit *int) })
	if !ok || reflect.ValueOf(f).IsNil() {
		return env
	}
	data := reflect.ValueOf(&env.Data).Elem()
	if data.Kind() != reflect.Slice {
		return env
	}
	if _, limit := f.paging(); *limit > 0 && *limit <= MaxPageSize {
		data.Set(reflect.MakeSlice(data.Type(), 0, *limit))
	}
	return env
}
