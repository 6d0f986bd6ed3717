package main

import (
	"strings"
	"unicode"
)

// initialisms are the words the naming rule writes in capitals
// (ARCHITECTURE.md, "Naming": id → ID, sku → SKU, url → URL).
var initialisms = map[string]string{
	"id": "ID", "ids": "IDs", "url": "URL", "urls": "URLs", "uri": "URI",
	"sku": "SKU", "skus": "SKUs", "upc": "UPC", "mpn": "MPN", "gtin": "GTIN",
	"ean": "EAN", "isbn": "ISBN", "api": "API", "ip": "IP", "uuid": "UUID",
	"html": "HTML", "http": "HTTP", "https": "HTTPS", "json": "JSON",
	"sms": "SMS", "ssl": "SSL", "xml": "XML", "css": "CSS", "cdn": "CDN",
	"ttl": "TTL", "ui": "UI", "utc": "UTC", "iso": "ISO", "bc": "BC",
	"csp": "CSP", "hsts": "HSTS", "csv": "CSV", "pdf": "PDF", "sso": "SSO", "seo": "SEO",
}

// goName is the naming rule: the CamelCase of a JSON or query name, with
// initialisms in capitals and a query operator appended (id:in → IDIn,
// date_modified:min → DateModifiedMin).
func goName(s string) string {
	var b strings.Builder
	for _, w := range words(s) {
		if up, ok := initialisms[strings.ToLower(w)]; ok {
			b.WriteString(up)
			continue
		}
		r := []rune(w)
		r[0] = unicode.ToUpper(r[0])
		b.WriteString(string(r))
	}
	out := b.String()
	if out == "" {
		return "X"
	}
	if unicode.IsDigit([]rune(out)[0]) {
		out = "N" + out
	}
	return out
}

// lowerName is goName with its first word in lower case, for parameters
// (product_id → productID, id → id).
func lowerName(s string) string {
	ws := words(s)
	if len(ws) == 0 {
		return "x"
	}
	first := strings.ToLower(ws[0])
	rest := goName(strings.Join(ws[1:], "_"))
	if len(ws) == 1 {
		rest = ""
	}
	name := first + rest
	switch name {
	case "type", "func", "var", "range", "map", "chan", "go", "select", "case", "default", "interface", "struct", "package", "import", "return", "const", "continue", "break", "for", "if", "else", "switch", "defer", "goto", "fallthrough":
		return name + "_"
	}
	return name
}

// words splits a name at _, -, :, ., spaces and lower-to-upper case
// changes ("productId" → product, Id).
func words(s string) []string {
	var out []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = nil
		}
	}
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case !unicode.IsLetter(r) && !unicode.IsDigit(r):
			flush()
		case unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || unicode.IsDigit(rs[i-1])):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
	}
	flush()
	return out
}
