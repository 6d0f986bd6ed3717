package bigcommercetest

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// filters reads query parameters of one request. The first invalid value
// answers the error (V3: 422; V2: 400) and sets failed; later reads are
// harmless no-ops returning zero values.
type filters struct {
	c      *call
	failed bool
}

// filters starts reading the query. For V3 routes, allowed lists every
// accepted parameter and any other parameter is answered with 422, as the
// API does for invalid filters. V2 routes ignore unknown parameters.
func (c *call) filters(allowed ...string) *filters {
	f := &filters{c: c}
	if c.v2 {
		return f
	}
	for key := range c.query {
		known := false
		for _, a := range allowed {
			if key == a {
				known = true
				break
			}
		}
		if !known {
			f.failed = true
			c.badFilter(key, "is not a valid filter parameter for this endpoint")
			return f
		}
	}
	return f
}

// fail answers the error for an invalid parameter value.
func (f *filters) fail(param, reason string) {
	if f.failed {
		return
	}
	f.failed = true
	if f.c.v2 {
		f.c.v2err(http.StatusBadRequest, "The field '"+param+"' is invalid. "+reason)
		return
	}
	f.c.badFilter(param, reason)
}

// has reports whether the parameter is present.
func (f *filters) has(key string) bool {
	_, ok := f.c.query[key]
	return ok
}

// str returns the parameter (several occurrences are joined with commas).
func (f *filters) str(key string) string {
	return strings.Join(f.c.query[key], ",")
}

// list returns a comma-separated parameter as trimmed, non-empty strings.
// Present but empty is an error.
func (f *filters) list(key string) []string {
	if !f.has(key) || f.failed {
		return nil
	}
	var out []string
	for _, part := range strings.Split(f.str(key), ",") {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, part)
		}
	}
	if len(out) == 0 {
		f.fail(key, "must not be empty")
	}
	return out
}

// lowerSet returns a comma list as a set of lower-cased strings, or nil.
func (f *filters) lowerSet(key string) map[string]bool {
	vals := f.list(key)
	if vals == nil {
		return nil
	}
	set := make(map[string]bool, len(vals))
	for _, v := range vals {
		set[strings.ToLower(v)] = true
	}
	return set
}

// ints returns a comma list of integers, or nil when absent.
func (f *filters) ints(key string) []int {
	vals := f.list(key)
	if vals == nil {
		return nil
	}
	out := make([]int, 0, len(vals))
	for _, v := range vals {
		n, err := strconv.Atoi(v)
		if err != nil {
			f.fail(key, "must be a comma-separated list of integers")
			return nil
		}
		out = append(out, n)
	}
	return out
}

// intSet returns a comma list of integers as a set, or nil when absent.
func (f *filters) intSet(key string) map[int]bool {
	vals := f.ints(key)
	if vals == nil {
		return nil
	}
	set := make(map[int]bool, len(vals))
	for _, v := range vals {
		set[v] = true
	}
	return set
}

// int returns an integer parameter and whether it was present.
func (f *filters) int(key string) (int, bool) {
	if !f.has(key) || f.failed {
		return 0, false
	}
	n, err := strconv.Atoi(strings.TrimSpace(f.str(key)))
	if err != nil {
		f.fail(key, "must be an integer")
		return 0, false
	}
	return n, true
}

// float returns a number parameter and whether it was present.
func (f *filters) float(key string) (float64, bool) {
	if !f.has(key) || f.failed {
		return 0, false
	}
	n, err := strconv.ParseFloat(strings.TrimSpace(f.str(key)), 64)
	if err != nil {
		f.fail(key, "must be a number")
		return 0, false
	}
	return n, true
}

// bool returns a boolean parameter (true/false/1/0) and whether it was
// present.
func (f *filters) bool(key string) (bool, bool) {
	if !f.has(key) || f.failed {
		return false, false
	}
	switch strings.ToLower(strings.TrimSpace(f.str(key))) {
	case "true", "1":
		return true, true
	case "false", "0":
		return false, true
	}
	f.fail(key, "must be true or false")
	return false, false
}

// oneOf returns a parameter that must be one of the allowed values.
func (f *filters) oneOf(key string, allowed ...string) string {
	if !f.has(key) || f.failed {
		return ""
	}
	v := f.str(key)
	for _, a := range allowed {
		if v == a {
			return v
		}
	}
	f.fail(key, "must be one of "+strings.Join(allowed, ", "))
	return ""
}

// timeRange is a date filter: an optional lower and upper bound, inclusive.
type timeRange struct {
	min, max       time.Time
	hasMin, hasMax bool
}

// active reports whether any bound is set.
func (tr timeRange) active() bool { return tr.hasMin || tr.hasMax }

// match reports whether t is inside the range.
func (tr timeRange) match(t time.Time) bool {
	if tr.hasMin && t.Before(tr.min) {
		return false
	}
	if tr.hasMax && t.After(tr.max) {
		return false
	}
	return true
}

// timeBound parses a date parameter into the range: as a lower bound, an
// upper bound or (exact) both. A plain date means the whole day.
func (f *filters) timeBound(tr *timeRange, key string, lower, upper bool) {
	if !f.has(key) || f.failed {
		return
	}
	t, dateOnly, ok := parseTime(f.str(key))
	if !ok {
		if f.c.v2 {
			f.fail(key, "Use RFC 2822 or ISO 8601 dates.")
		} else {
			f.fail(key, "must be an ISO 8601 date or date-time")
		}
		return
	}
	end := t
	if dateOnly {
		end = t.Add(24*time.Hour - time.Second)
	}
	if lower && (!tr.hasMin || t.After(tr.min)) {
		tr.min, tr.hasMin = t, true
	}
	if upper && (!tr.hasMax || end.Before(tr.max)) {
		tr.max, tr.hasMax = end, true
	}
}

// v3Dates reads name, name:min and name:max.
func (f *filters) v3Dates(name string) timeRange {
	var tr timeRange
	f.timeBound(&tr, name, true, true)
	f.timeBound(&tr, name+":min", true, false)
	f.timeBound(&tr, name+":max", false, true)
	return tr
}

// v2Dates reads min_name and max_name.
func (f *filters) v2Dates(name string) timeRange {
	var tr timeRange
	f.timeBound(&tr, "min_"+name, true, false)
	f.timeBound(&tr, "max_"+name, false, true)
	return tr
}

// timeLayouts are the date formats accepted in filters.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999Z0700",
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 -0700",
	"02 Jan 2006 15:04:05 -0700",
	time.RFC822Z,
}

// parseTime parses a filter date: ISO 8601 / RFC 3339 (with or without
// fractional seconds or zone; no zone means UTC), RFC 2822, a plain date, or
// a Unix timestamp. dateOnly reports a plain date.
func parseTime(s string) (t time.Time, dateOnly, ok bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false, false
	}
	if d, err := time.Parse("2006-01-02", s); err == nil {
		return d, true, true
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return time.Unix(n, 0).UTC(), false, true
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t.UTC(), false, true
		}
	}
	return time.Time{}, false, false
}

// paging reads page and limit. V3: default 50, a limit over maxLimit is 413,
// page or limit below 1 is 422. V2: default 50, page below 1 is 400 and a
// limit over 250 is capped.
func (f *filters) paging(maxLimit int) (page, limit int) {
	page, limit = 1, 50
	if p, ok := f.int("page"); ok {
		if p < 1 {
			f.fail("page", "must be 1 or greater")
			return 0, 0
		}
		page = p
	}
	if l, ok := f.int("limit"); ok {
		switch {
		case l < 1:
			f.fail("limit", "must be 1 or greater")
			return 0, 0
		case l > maxLimit && f.c.v2:
			l = maxLimit
		case l > maxLimit && !f.failed:
			f.failed = true
			f.c.v3err(http.StatusRequestEntityTooLarge,
				"The request payload is too large. The maximum limit is "+itoa(maxLimit)+".",
				map[string]string{"limit": "must not exceed " + itoa(maxLimit)})
			return 0, 0
		}
		limit = l
	}
	return page, limit
}

// pageLinks are the V3 pagination links, relative query strings.
type pageLinks struct {
	Previous string `json:"previous,omitempty"`
	Current  string `json:"current"`
	Next     string `json:"next,omitempty"`
}

// pagination is V3 meta.pagination.
type pagination struct {
	Total       int       `json:"total"`
	Count       int       `json:"count"`
	PerPage     int       `json:"per_page"`
	CurrentPage int       `json:"current_page"`
	TotalPages  int       `json:"total_pages"`
	Links       pageLinks `json:"links"`
}

// listMeta is meta for V3 collections.
type listMeta struct {
	Pagination pagination `json:"pagination"`
}

// emptyMeta is meta for V3 single objects and writes: {}.
type emptyMeta struct{}

// listEnvelope is a V3 collection response.
type listEnvelope struct {
	Data any `json:"data"`
	Meta any `json:"meta"`
}

// pageOf cuts one page out of items and describes it.
func pageOf[T any](items []T, page, limit int) ([]T, pagination) {
	total := len(items)
	pages := (total + limit - 1) / limit
	from := total
	if page <= pages {
		from = (page - 1) * limit // cannot overflow: page-1 < pages <= total
	}
	to := min(from+limit, total)
	link := func(p int) string { return "?page=" + itoa(p) + "&limit=" + itoa(limit) }
	pg := pagination{
		Total: total, Count: to - from, PerPage: limit, CurrentPage: page, TotalPages: pages,
		Links: pageLinks{Current: link(page)},
	}
	if page > 1 {
		pg.Links.Previous = link(min(page-1, max(pages, 1)))
	}
	if page < pages {
		pg.Links.Next = link(page + 1)
	}
	return items[from:to], pg
}

// descending reports whether a direction is "desc".
func descending(s string) bool { return strings.EqualFold(s, "desc") }

// intFilter reads key and its :in, :not_in, :min, :max, :greater and :less
// operators (those present in the query) into one predicate on get.
func intFilter[T any](f *filters, key string, get func(*T) int) func(*T) bool {
	var preds []func(int) bool
	if v, ok := f.int(key); ok {
		preds = append(preds, func(n int) bool { return n == v })
	}
	if s := f.intSet(key + ":in"); s != nil {
		preds = append(preds, func(n int) bool { return s[n] })
	}
	if s := f.intSet(key + ":not_in"); s != nil {
		preds = append(preds, func(n int) bool { return !s[n] })
	}
	for op, cmp := range map[string]func(n, v int) bool{
		":min": func(n, v int) bool { return n >= v }, ":max": func(n, v int) bool { return n <= v },
		":greater": func(n, v int) bool { return n > v }, ":less": func(n, v int) bool { return n < v },
	} {
		if v, ok := f.int(key + op); ok {
			preds = append(preds, func(n int) bool { return cmp(n, v) })
		}
	}
	return func(r *T) bool {
		n := get(r)
		for _, p := range preds {
			if !p(n) {
				return false
			}
		}
		return true
	}
}

// likeMatch reports whether s contains sub, ignoring case ("" matches).
func likeMatch(s, sub string) bool {
	return sub == "" || strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// listV3 answers one page of rows as a V3 collection, each row passed
// through ff.
func listV3[T any](c *call, rows []*T, page, limit int, ff fieldFilter) {
	items, pg := pageOf(rows, page, limit)
	out := make([]any, 0, len(items))
	for _, r := range items {
		out = append(out, ff.apply(r))
	}
	c.json(http.StatusOK, listEnvelope{Data: out, Meta: listMeta{Pagination: pg}})
}
