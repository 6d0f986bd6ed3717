package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"net/http"
	"slices"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// method is one generated service method's source.
type method struct {
	service string
	name    string
	src     string
}

// batchVerb says what a batch method does, from its name (AddMany adds,
// UpsertMany creates or updates) or else its HTTP method.
func batchVerb(method, verb string) string {
	for prefix, v := range map[string]string{"Add": "adds", "Upsert": "creates or updates", "Create": "creates",
		"Update": "updates", "Delete": "deletes", "Remove": "removes", "Assign": "assigns", "Check": "checks"} {
		if strings.HasPrefix(method, prefix) {
			return v
		}
	}
	return map[string]string{"POST": "creates", "PUT": "updates", "PATCH": "changes", "DELETE": "deletes"}[verb]
}

// plural makes words plural: product image → product images.
func plural(w string) string {
	switch {
	case strings.HasSuffix(w, "y") && !strings.HasSuffix(w, "ay") && !strings.HasSuffix(w, "ey"):
		return w[:len(w)-1] + "ies"
	case strings.HasSuffix(w, "s"), strings.HasSuffix(w, "x"), strings.HasSuffix(w, "ch"):
		return w + "es"
	}
	return w + "s"
}

// article is "a" or "an" for a word.
func article(w string) string {
	if w != "" && strings.ContainsRune("aeiouAEIOU", rune(w[0])) {
		return "an"
	}
	return "a"
}

// human turns a Go type name into words: ProductImage → product image.
func human(name string) string {
	ws := words(name)
	for i, w := range ws {
		if up, ok := initialisms[strings.ToLower(w)]; ok && up == w {
			continue
		}
		ws[i] = strings.ToLower(w)
	}
	return strings.Join(ws, " ")
}

// pathExpr is the Go expression of an operation's path with its
// parameters filled in.
func (o *opInfo) pathExpr() string {
	var parts []string
	lit := ""
	for _, seg := range strings.Split(strings.TrimPrefix(o.full, "/"), "/") {
		if strings.HasPrefix(seg, "{") {
			name := lowerName(strings.Trim(seg, "{}"))
			parts = append(parts, fmt.Sprintf("%q", lit+"/"))
			lit = ""
			if o.isIntParam(name) {
				parts = append(parts, "strconv.Itoa("+name+")")
			} else {
				parts = append(parts, "url.PathEscape("+name+")")
			}
			continue
		}
		lit += "/" + seg
	}
	if lit != "" || len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("%q", lit))
	}
	return strings.Join(parts, " + ")
}

func (o *opInfo) isIntParam(name string) bool {
	for _, p := range o.pathParams {
		if p.name == name {
			return p.isInt
		}
	}
	return true
}

// paramList is the method's path parameters as Go parameters.
func (o *opInfo) paramList() string {
	var out []string
	for i, p := range o.pathParams {
		t := "int"
		if !p.isInt {
			t = "string"
		}
		if i+1 < len(o.pathParams) && o.pathParams[i+1].isInt == p.isInt {
			out = append(out, p.name) // the next one names the type
			continue
		}
		out = append(out, p.name+" "+t)
	}
	return strings.Join(out, ", ")
}

// bodyParam is the name of the body parameter: the last word of its type
// without Create or Update (ProductImageCreate → image).
func (o *opInfo) bodyParam() string {
	name := strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(o.bodyName(), "Create"), "Update"), "Delete")
	ws := words(name)
	if len(ws) == 0 {
		return "body"
	}
	p := lowerName(ws[len(ws)-1])
	for _, pp := range o.pathParams {
		if pp.name == p {
			return "body"
		}
	}
	if p == "filter" || p == "opts" || p == "ctx" || p == "s" {
		return "body"
	}
	return p
}

// thing names what the operation is about, in words.
func (o *opInfo) thing() string {
	switch {
	case o.model() != "":
		return human(o.model())
	case o.bodyName() != "":
		return human(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(o.bodyName(), "Create"), "Update"), "Delete"))
	}
	// a delete of a resource's part (DELETE /catalog/brands/{brand_id}/image)
	// deletes that part, not the resource
	if last := o.path[strings.LastIndex(o.path, "/")+1:]; o.kind == "delete" && !strings.HasPrefix(last, "{") {
		return human(goName(last))
	}
	return human(singular(o.mo.Service))
}

func (o *opInfo) argList() string {
	var out []string
	for _, p := range o.pathParams {
		out = append(out, p.name)
	}
	return strings.Join(out, ", ")
}

// checkStmt checks the path parameters before anything is sent.
func (o *opInfo) checkStmt(opName, zero string) string {
	var ints, names []string
	var b strings.Builder
	for _, p := range o.pathParams {
		if p.isInt {
			ints = append(ints, p.name)
			names = append(names, strings.ReplaceAll(human(goName(p.json)), " ID", " id"))
		} else {
			fmt.Fprintf(&b, "\tif err := checkPathText(%q, %q, %s); err != nil {\n\t\treturn %s\n\t}\n", opName, p.json, p.name, zero)
		}
	}
	if len(ints) > 0 {
		fmt.Fprintf(&b, "\tif err := checkPath(%q, %q, %s); err != nil {\n\t\treturn %s\n\t}\n", opName, strings.Join(names, ", "), strings.Join(ints, ", "), zero)
	}
	return b.String()
}

// specDoc is what the spec says the operation does, a line or two.
func (o *opInfo) specDoc() string {
	d := cleanText(o.op.Description)
	if d == "" {
		d = cleanText(o.op.Summary)
	}
	// two sentences at most
	first := sentenceEnd(d)
	if first > 0 {
		if second := sentenceEnd(d[first+1:]); second > 0 {
			d = d[:first+1+second+1]
		}
	}
	if len(d) > 300 {
		cut := strings.LastIndex(d[:300], " ")
		d = d[:cut] + "…"
	}
	// A one-line paragraph without end punctuation would read as a heading
	// to gofmt.
	if d != "" && !strings.ContainsAny(d[len(d)-1:], ".!?:…") {
		d += "."
	}
	return d
}

// comment formats text as a doc comment, wrapped at 76 columns.
func comment(text string) string {
	var b strings.Builder
	for i, para := range strings.Split(text, "\n\n") {
		if i > 0 {
			b.WriteString("//\n")
		}
		line := "//"
		for _, w := range strings.Fields(para) {
			if len(line)+1+len(w) > 78 && line != "//" {
				b.WriteString(line + "\n")
				line = "//"
			}
			line += " " + w
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// emitMethod writes the Go source of an operation's method(s).
func (g *gen) emitMethod(o *opInfo) {
	svc := o.mo.Service + "Service"
	opName := o.mo.Service + "." + o.mo.Method
	recv := "func (s *" + svc + ") "
	params := o.paramList()
	if params != "" {
		params = ", " + params
	}
	route := o.verb + " " + o.full
	what := article(o.thing()) + " " + o.thing()
	var b strings.Builder
	doc := func(summary string, errs ...string) {
		text := summary
		if sd := o.specDoc(); sd != "" {
			text += "\n\n" + sd
		}
		if o.mo.Doc != "" {
			text += "\n\n" + strings.TrimSpace(o.mo.Doc)
		}
		errs = o.withRefusal(errs)
		if len(errs) > 0 {
			text += "\n\n" + strings.Join(errs, " ")
		}
		b.WriteString(comment(text))
	}
	notFound := ""
	if len(o.pathParams) > 0 {
		ints, texts := false, false
		for _, p := range o.pathParams {
			ints = ints || p.isInt
			texts = texts || !p.isInt
		}
		refusedIDs := map[[2]bool]string{{true, false}: "An id of 0 or less", {false, true}: "An empty id", {true, true}: "An id of 0 or less, or an empty one,"}[[2]bool{ints, texts}]
		notFound = refusedIDs + " is refused before anything is sent (ErrInvalidRequest); an id BigCommerce does not know is an error matching ErrNotFound."
	}
	outcome := "If the request may have reached BigCommerce and no answer proves its fate (a 5xx, a cut connection), the error matches ErrOutcomeUnknown and the SDK does not resend it: check before sending it again."
	// readErrs are the errors of a read: its path ids, its paging and its
	// filter, or, when it has none of these, the scope it needs.
	readErrs := func(filter bool) []string {
		errs := nonEmpty(notFound)
		if o.hasPaging {
			errs = append(errs, pagingRefused)
		}
		if filter && o.hasFilterParams() {
			errs = append(errs, filterRefused)
		}
		if len(errs) == 0 {
			errs = append(errs, o.scopeErr())
		}
		return errs
	}
	if o.mo.Moves {
		outcome = "It moves money: the SDK never resends it once it may have reached BigCommerce. An ambiguous answer (a 5xx, a cut connection, a timeout) is an error matching ErrOutcomeUnknown; check the order's transactions before sending it again."
	}
	model := o.model()
	switch o.kind {
	case "list":
		filter, hasFilter := o.filterArg()
		errs := readErrs(true)
		doc(fmt.Sprintf("%s returns one page of %s: %s.", o.mo.Method, plural(human(model)), route), errs...)
		fmt.Fprintf(&b, "%s%s(ctx context.Context%s%s) ([]%s, *Response, error) {\n", recv, o.mo.Method, params, filter, model)
		b.WriteString(o.checkStmt(opName, "nil, &Response{}, err"))
		switch {
		// A V3 list answered as a bare array (no {data, meta}, as
		// customers.v3.yml's stored instruments) reads like a V2 one.
		case (o.v2 || !o.envelope) && o.hasPaging:
			fmt.Fprintf(&b, "\treturn listPage[%s](ctx, s.client, %s, filter)\n}\n\n", model, o.pathExpr())
		case o.v2 || !o.envelope:
			fmt.Fprintf(&b, "\treturn listV2[%s](ctx, s.client, %s, %s, 0, 0)\n}\n\n", model, o.pathExpr(), orNilFilter(filter))
		case hasFilter:
			fmt.Fprintf(&b, "\treturn listV3[%s](ctx, s.client, %s, filter)\n}\n\n", model, o.pathExpr())
		default:
			fmt.Fprintf(&b, "\treturn listV3[%s](ctx, s.client, %s, (*ListOptions)(nil))\n}\n\n", model, o.pathExpr())
		}
		g.emitAll(&b, o, recv, params, filter, hasFilter, route, errs)
	case "get":
		opts := o.optionsArg()
		doc(fmt.Sprintf("%s returns %s: %s.", o.mo.Method, what, route), readErrs(false)...)
		fmt.Fprintf(&b, "%s%s(ctx context.Context%s%s) (*%s, *Response, error) {\n", recv, o.mo.Method, params, opts, model)
		b.WriteString(o.checkStmt(opName, "nil, &Response{}, err"))
		b.WriteString(o.callOne(model, "nil", optsName(opts)))
	case "count":
		filter, _ := o.filterArg()
		doc(fmt.Sprintf("%s returns how many records match: %s.", o.mo.Method, route), readErrs(true)...)
		fmt.Fprintf(&b, "%s%s(ctx context.Context%s%s) (int, *Response, error) {\n", recv, o.mo.Method, params, filter)
		b.WriteString(o.checkStmt(opName, "0, &Response{}, err"))
		fmt.Fprintf(&b, "\treturn countV2(ctx, s.client, %s, %s)\n}\n\n", o.pathExpr(), orNilFilter(filter))
	case "write":
		verb := map[string]string{"POST": "creates", "PUT": "updates", "PATCH": "changes", "DELETE": "deletes"}[o.verb]
		if o.verb == "POST" && o.mo.Method != "Create" {
			verb = "sends"
		}
		body := ""
		bodyArg := "nil"
		if o.body != nil {
			body = ", " + o.bodyParam() + " " + o.bodyType()
			bodyArg = o.bodyParam()
			// kind: write on an array body: the whole list in one request
			// (the items belong together, as a checkout's consignments)
			if o.bodyArray {
				body = ", items []" + o.bodyType()
				bodyArg = "items"
			}
		}
		wopts := o.writeOptionsArg()
		body += wopts
		errs := nonEmpty(notFound)
		if o.body != nil {
			errs = append(errs, inputRefused)
		}
		if o.verb == "POST" || o.verb == "PATCH" {
			errs = append(errs, outcome)
		}
		if len(errs) == 0 {
			errs = append(errs, o.scopeErr())
		}
		summary := fmt.Sprintf("%s %s %s: %s.", o.mo.Method, verb, what, route)
		if verb == "sends" {
			// An action (Capture, Void, Activate): the spec's own words,
			// which follow, say what it does.
			summary = fmt.Sprintf("%s calls %s.", o.mo.Method, route)
		}
		// kind: write on a DELETE that sends a body or answers the
		// resource it belongs to (a cart's line item, answering the cart)
		// When such a DELETE may also answer 204 (the last line item
		// deletes the cart), no content is a nil result, not an error.
		emptyOK := false
		if o.verb == "DELETE" {
			summary = fmt.Sprintf("%s deletes: %s.", o.mo.Method, route)
			if model != "" {
				summary = fmt.Sprintf("%s deletes and answers %s: %s.", o.mo.Method, what, route)
				if o.envelope && o.op.Responses != nil && o.op.Responses.Status(204) != nil {
					emptyOK = true
					errs = append([]string{fmt.Sprintf("When BigCommerce answers 204 No Content, the %s is nil and the error nil.", o.thing())}, errs...)
				}
			}
		}
		doc(summary, errs...)
		if model == "" {
			fmt.Fprintf(&b, "%s%s(ctx context.Context%s%s) (*Response, error) {\n", recv, o.mo.Method, params, body)
			b.WriteString(o.checkStmt(opName, "&Response{}, err"))
			fmt.Fprintf(&b, "\treturn s.client.call(ctx, %s, %s, %s, %s, nil)\n}\n\n", httpConst(o.verb), o.pathExpr(), optsName(wopts), bodyArg)
		} else {
			fmt.Fprintf(&b, "%s%s(ctx context.Context%s%s) (*%s, *Response, error) {\n", recv, o.mo.Method, params, body, model)
			b.WriteString(o.checkStmt(opName, "nil, &Response{}, err"))
			if emptyOK {
				fmt.Fprintf(&b, "\treturn getV3[*%s](ctx, s.client, %s, %s, %s, %s)\n}\n\n", model, httpConst(o.verb), o.pathExpr(), optsName(wopts), bodyArg)
			} else {
				b.WriteString(o.callOne(model, bodyArg, optsName(wopts)))
			}
		}
	case "batch":
		parallel := "cap(s.client.sem)"
		conc := "as many at once as the client's WithMaxConcurrency allows"
		if o.mo.Concurrency > 0 {
			parallel = fmt.Sprint(o.mo.Concurrency)
			conc = fmt.Sprintf("at most %d at once (the limit BigCommerce documents for this endpoint)", o.mo.Concurrency)
		}
		size := o.mo.Batch
		if size <= 0 {
			g.errorf("%s: %s: a batch write needs batch: (items per request)", o.m.file, o.mo.Op)
			size = 1
		}
		itemsParam, itemsArg := "items []"+o.bodyType(), "items"
		if o.variadicIDs() {
			itemsParam, itemsArg = "ids ...int", "ids"
		}
		errs := []string{fmt.Sprintf("Items are sent %d per request, %s. Failures come back as one *BatchError naming items by their index in %s; items of a request whose fate is unknown are in its Unknown list, never resent.", size, conc, itemsArg)}
		if o.verb == "POST" {
			errs = append(errs, "A POST is never retried once it may have been processed.")
		}
		things := plural(o.thing())
		if o.variadicIDs() {
			things = plural(human(singular(o.mo.Service))) + " by id"
		}
		doc(fmt.Sprintf("%s %s %s in batches: %s.", o.mo.Method, batchVerb(o.mo.Method, o.verb), things, route), errs...)
		if model == "" { // the answer is not read: 204, {data: {}} or a list of ids
			fmt.Fprintf(&b, "%s%s(ctx context.Context%s, %s) (*Response, error) {\n", recv, o.mo.Method, params, itemsParam)
			b.WriteString(o.checkStmt(opName, "&Response{}, err"))
			fmt.Fprintf(&b, "\treturn writeBatchUnread(ctx, s.client, %q, %s, %s, %s, %d, %s)\n}\n\n", opName, httpConst(o.verb), o.pathExpr(), itemsArg, size, parallel)
		} else {
			fmt.Fprintf(&b, "%s%s(ctx context.Context%s, items []%s) ([]%s, *Response, error) {\n", recv, o.mo.Method, params, o.bodyType(), model)
			b.WriteString(o.checkStmt(opName, "nil, &Response{}, err"))
			fmt.Fprintf(&b, "\treturn writeBatch[%s, %s](ctx, s.client, %q, %s, %s, items, %d, %s)\n}\n\n", o.bodyType(), model, opName, httpConst(o.verb), o.pathExpr(), size, parallel)
		}
	case "delete":
		// A required header parameter (storefront_tokens.v3.yml's
		// Sf-Api-Token: the token to revoke) is a string argument.
		hdr := ""
		errs := nonEmpty(notFound)
		for _, h := range o.headers {
			hdr += ", " + lowerName(h.Name) + " string"
			errs = append(errs, fmt.Sprintf("An empty %s is refused before anything is sent (ErrInvalidRequest).", lowerName(h.Name)))
		}
		if len(errs) == 0 {
			errs = append(errs, o.scopeErr())
		}
		doc(fmt.Sprintf("%s deletes %s: %s.", o.mo.Method, what, route), errs...)
		fmt.Fprintf(&b, "%s%s(ctx context.Context%s%s) (*Response, error) {\n", recv, o.mo.Method, params, hdr)
		b.WriteString(o.checkStmt(opName, "&Response{}, err"))
		if len(o.headers) == 0 {
			fmt.Fprintf(&b, "\treturn s.client.call(ctx, http.MethodDelete, %s, nil, nil, nil)\n}\n\n", o.pathExpr())
			break
		}
		for _, h := range o.headers {
			fmt.Fprintf(&b, "\tif err := checkPathText(%q, %q, %s); err != nil {\n\t\treturn &Response{}, err\n\t}\n", opName, "the "+h.Name+" header", lowerName(h.Name))
		}
		fmt.Fprintf(&b, "\treq, err := s.client.NewRequest(ctx, http.MethodDelete, %s, nil, nil)\n\tif err != nil {\n\t\treturn &Response{}, err\n\t}\n", o.pathExpr())
		for _, h := range o.headers {
			fmt.Fprintf(&b, "\treq.Header.Set(%q, %s)\n", h.Name, lowerName(h.Name))
		}
		b.WriteString("\treturn s.client.Do(req, nil)\n}\n\n")
	case "delete_where":
		filter, _ := o.filterArg()
		doc(fmt.Sprintf("%s deletes the records filter selects: %s.", o.mo.Method, route),
			"A nil or empty filter is refused before anything is sent (ErrInvalidRequest): BigCommerce would apply an unfiltered DELETE to every record.")
		fmt.Fprintf(&b, "%s%s(ctx context.Context%s%s) (*Response, error) {\n", recv, o.mo.Method, params, filter)
		b.WriteString(o.checkStmt(opName, "&Response{}, err"))
		fmt.Fprintf(&b, "\treturn deleteWhere(ctx, s.client, %q, %s, filter)\n}\n\n", opName, o.pathExpr())
	default:
		g.errorf("%s: %s: kind %q cannot be generated; mark it hand: or skip:", o.m.file, o.mo.Op, o.kind)
		return
	}
	src := b.String()
	for _, a := range o.aliases() {
		alias, err := deprecatedAlias(src, a[0], a[1])
		if err != nil {
			g.errorf("%s: %s: %v", o.m.file, o.mo.Op, err)
			continue
		}
		src += alias
	}
	g.methods = append(g.methods, method{service: o.mo.Service, name: o.mo.Method, src: src})
}

// The errors of generated methods, in the same words everywhere
// (CONTRIBUTING.md: every method's doc names the errors to expect).
const (
	pagingRefused = "A negative Page or Limit, or a Limit above the endpoint's maximum, is refused before anything is sent (ErrInvalidRequest)."
	filterRefused = "A filter value BigCommerce rejects is an error matching ErrUnprocessable."
	inputRefused  = "Input BigCommerce refuses is an error matching ErrUnprocessable (422, or 400 for a malformed body), with the fields at fault in *Error.Fields."
)

// nonEmpty is the list of the sentences that are not empty.
func nonEmpty(sentences ...string) []string {
	var out []string
	for _, s := range sentences {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// scopeErr is the error of a method that can fail in no way of its own:
// a token without the scope it needs.
func (o *opInfo) scopeErr() string {
	write, read := o.scope()
	switch {
	case write == "":
		return "Credentials BigCommerce does not accept are an error matching ErrUnauthorized."
	case o.verb == http.MethodGet && read != "" && read != write:
		return fmt.Sprintf("A token with neither the %s nor the %s scope gets an error matching ErrForbidden.", read, write)
	}
	return fmt.Sprintf("A token without the %s scope gets an error matching ErrForbidden.", write)
}

// allName is the name of a list's iterator.
func (o *opInfo) allName() string {
	if o.mo.All != "" {
		return o.mo.All
	}
	return "All" + strings.TrimPrefix(o.mo.Method, "List")
}

// aliases are the deprecated former names of the operation's methods
// (the manifest's was and all_was), as {former name, method} pairs.
func (o *opInfo) aliases() [][2]string {
	var out [][2]string
	if o.mo.Was != "" {
		out = append(out, [2]string{o.mo.Was, o.mo.Method})
	}
	if o.mo.AllWas != "" && o.kind == "list" {
		out = append(out, [2]string{o.mo.AllWas, o.allName()})
	}
	return out
}

// variadicIDs reports a batch delete whose body is a list of ids: its
// method takes them as ids ...int, as every DeleteMany does.
func (o *opInfo) variadicIDs() bool {
	return o.kind == "batch" && o.verb == http.MethodDelete && o.scalarItems() && o.bodyType() == "int"
}

// deprecatedAlias is the source of a method named old that calls the
// method name of src (a method generated into src) with the same
// parameters: the deprecated former name of a renamed method.
func deprecatedAlias(src, old, name string) (string, error) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "", "package p\n"+src, parser.SkipObjectResolution)
	if err != nil {
		return "", err
	}
	for _, d := range f.Decls {
		fd, ok := d.(*ast.FuncDecl)
		if !ok || fd.Name.Name != name {
			continue
		}
		var args []string
		for _, p := range fd.Type.Params.List[1:] { // after ctx
			for _, n := range p.Names {
				if _, variadic := p.Type.(*ast.Ellipsis); variadic {
					args = append(args, n.Name+"...")
					continue
				}
				args = append(args, n.Name)
			}
		}
		fd.Name, fd.Body, fd.Doc = ast.NewIdent(old), nil, nil
		var sig bytes.Buffer
		if err := printer.Fprint(&sig, fset, fd); err != nil {
			return "", err
		}
		text := fmt.Sprintf("%s is the former name of %s.\n\nDeprecated: Use %s.", old, name, name)
		return comment(text) + sig.String() + " {\n\treturn s." + name + "(" + strings.Join(append([]string{"ctx"}, args...), ", ") + ")\n}\n\n", nil
	}
	return "", fmt.Errorf("no method %s to alias as %s", name, old)
}

func orNilFilter(filter string) string {
	if filter == "" {
		return "nil"
	}
	return "filter"
}

func optsName(opts string) string {
	if opts == "" {
		return "nil"
	}
	return "opts"
}

// callOne is the return statement of a call that answers one object.
func (o *opInfo) callOne(model, body, opts string) string {
	if o.envelope {
		return fmt.Sprintf("\treturn getOne[%s](ctx, s.client, %s, %s, %s, %s)\n}\n\n", model, httpConst(o.verb), o.pathExpr(), opts, body)
	}
	return fmt.Sprintf("\treturn getOneV2[%s](ctx, s.client, %s, %s, %s, %s)\n}\n\n", model, httpConst(o.verb), o.pathExpr(), opts, body)
}

func httpConst(verb string) string {
	return "http.Method" + verb[:1] + strings.ToLower(verb[1:])
}

// emitAll writes the iterator of a list.
func (g *gen) emitAll(b *strings.Builder, o *opInfo, recv, params, filter string, hasFilter bool, route string, errs []string) {
	name := o.allName()
	model := o.model()
	ftype := o.filterName()
	fetch := "s." + o.mo.Method
	if len(o.pathParams) > 0 || !hasFilter {
		args := o.argList()
		if args != "" {
			args = ", " + args
		}
		farg := ", f"
		if !hasFilter {
			farg = ""
		}
		fetch = fmt.Sprintf("func(ctx context.Context, f *%s) ([]%s, *Response, error) {\n\t\treturn s.%s(ctx%s%s)\n\t}", ftype, model, o.mo.Method, args, farg)
	}
	filterArg := "filter"
	if !hasFilter {
		filterArg = "nil"
	}
	var how, call string
	switch {
	case !o.hasPaging:
		how = "The endpoint has no paging: All asks once and yields what it answers. If the answer's meta.pagination counts more records than it holds, All yields an ErrIncompleteWalk error after them."
		call = fmt.Sprintf("walkOnce(ctx, func(ctx context.Context) ([]%s, *Response, error) {\n\t\treturn s.%s(ctx%s)\n\t})", model, o.mo.Method, prefixComma(o.argList())+filterPass(hasFilter))
	case o.mo.Walk == "id":
		setter := "f.IDGreater = id"
		if o.v2 {
			setter = "f.MinID = id + 1"
		}
		how = "BigCommerce lists these in ascending id order, so All walks by id (each request asks for the ids above the last one seen): records created or deleted during the walk cannot shift it, and every record that exists throughout is yielded exactly once. A page out of id order, or one that does not start above the last id seen (the API ignored the id bound), stops the walk with an ErrIncompleteWalk error."
		if !o.v2 {
			how += " A short page whose meta.pagination counts more records is read on, and the walk ends with an ErrIncompleteWalk error when it yields fewer records than the totals said by more than 1 % + 10."
		}
		call = fmt.Sprintf("walkAscending(ctx, %s, %s,\n\t\tfunc(v %s) int { return int(v.ID) },\n\t\tfunc(f *%s, id int) { %s })", filterArg, fetch, model, ftype, setter)
	case o.mo.Walk == "cursor":
		how = "All follows BigCommerce's cursor (after the previous page's end cursor), which records created or deleted during the walk cannot shift; without a cursor it goes on by page number, reading one page past a full last page. A cursor that comes back, a page repeating the one before it, or a full page past the last page its meta names stops the walk with an ErrIncompleteWalk error, and a walk from the start ends with one when it yields fewer records than the first page's meta.pagination.total by more than 1 % + 10."
		call = fmt.Sprintf("walkCursor(ctx, %s, %s, func(f *%s) *string { return &f.After })", filterArg, fetch, ftype)
	default:
		how = "The endpoint offers no stable key, so All walks by page offset: each record created or deleted during the walk on a page already read can make it skip or repeat a record. A full last page is followed by one more request (a stale total cannot end the walk early); a page repeating the one before it, or a full page past the last page its meta names, stops the walk with an ErrIncompleteWalk error, and it ends with one when it yields fewer records than the lowest meta.pagination.total by more than 1 % + 10."
		call = fmt.Sprintf("walk(ctx, s.client, %s, MaxPageSize, %s)", filterArg, fetch)
	}
	text := fmt.Sprintf("%s iterates over every %s: %s, %d per page unless filter.Limit is set. The filter is not modified; %s\n\n%s", name, human(model), route, 250, walkRefused, how)
	if !o.hasPaging {
		text = fmt.Sprintf("%s iterates over every %s: %s; %s\n\n%s", name, human(model), route, walkRefused, how)
	}
	if len(errs) > 0 {
		text += "\n\n" + strings.Join(errs, " ")
	}
	b.WriteString(comment(text))
	fmt.Fprintf(b, "%s%s(ctx context.Context%s%s) iter.Seq2[%s, error] {\n", recv, name, params, filter, model)
	if len(o.pathParams) > 0 {
		b.WriteString(o.checkStmt(o.mo.Service+"."+name, "refused["+model+"](err)"))
	}
	fmt.Fprintf(b, "\treturn %s\n}\n\n", call)
}

func prefixComma(s string) string {
	if s == "" {
		return ""
	}
	return ", " + s
}

func filterPass(has bool) string {
	if has {
		return ", filter"
	}
	return ""
}

// model is the Go type of the answer (or of one item of a list).
func (o *opInfo) model() string {
	if o.resp == nil || o.mo.Model == "-" {
		return ""
	}
	if o.mo.Model != "" {
		return o.mo.Model
	}
	if n := refName(o.resp); n != "" {
		if use, ok := o.m.Reuse[n]; ok {
			return use
		}
		if t, ok := o.m.Types[n]; ok {
			return t
		}
	}
	return ""
}

func (o *opInfo) bodyName() string {
	if o.mo.Body != "" {
		return o.mo.Body
	}
	if o.scalarItems() {
		return map[string]string{"string": "string", "integer": "int", "number": "float64"}[scalarKind(o.body.Value)]
	}
	if n := refName(o.body); n != "" {
		if use, ok := o.m.Reuse[n]; ok {
			return use
		}
	}
	return ""
}

func (o *opInfo) bodyType() string { return o.bodyName() }

// scalarItems reports whether a batch body is a list of plain values (ids)
// rather than objects: its items are sent as they are, with no struct.
func (o *opInfo) scalarItems() bool {
	if !o.bodyArray || o.body == nil || o.body.Value == nil || isObject(o.body.Value) {
		return false
	}
	switch scalarKind(o.body.Value) {
	case "string", "integer", "number":
		return true
	}
	return false
}

// filterName is the Go type of a list's or delete's query parameters.
func (o *opInfo) filterName() string {
	if !o.hasFilterParams() {
		return "ListOptions"
	}
	if o.mo.Filter != "" {
		return o.mo.Filter
	}
	return o.model() + "Filter"
}

// hasFilterParams reports whether the operation has query parameters
// beyond page and limit.
func (o *opInfo) hasFilterParams() bool {
	for _, p := range o.query {
		if p.Name != "page" && p.Name != "limit" {
			return true
		}
	}
	return false
}

// filterArg is the filter parameter of a list, count or delete.
func (o *opInfo) filterArg() (string, bool) {
	if len(o.query) == 0 {
		return "", false
	}
	return ", filter *" + o.filterName(), true
}

// writeOptionsArg is the options parameter of a write (after its body):
// only when the manifest names options: and the write takes query
// parameters (a cart's include, a template's channel_id).
func (o *opInfo) writeOptionsArg() string {
	if o.kind != "write" || o.mo.Options == "" {
		return ""
	}
	return o.optionsArg()
}

// optionsArg is the options parameter of a get: only when it takes query
// parameters other than include_fields and exclude_fields.
func (o *opInfo) optionsArg() string {
	for _, p := range o.query {
		if !ignoredQuery[p.Name] {
			name := o.mo.Options
			if name == "" {
				name = o.model() + "Options"
			}
			return ", opts *" + name
		}
	}
	return ""
}

func (o *opInfo) optionsParams() []*openapi3.Parameter {
	var out []*openapi3.Parameter
	for _, p := range o.query {
		if !ignoredQuery[p.Name] {
			out = append(out, p)
		}
	}
	return out
}

// emitFilter generates the struct of a list's, count's, delete's or get's
// query parameters.
func (g *gen) emitFilter(o *opInfo, name string, params []*openapi3.Parameter, doc string) {
	key := o.m.Spec + "#filter"
	var names []string
	for _, p := range params {
		names = append(names, p.Name)
	}
	key += "(" + strings.Join(names, ",") + ")"
	if t, ok := g.types[name]; ok {
		if t.Key != key && !subset(key, t.Key) {
			g.errorf("%s: filter %s is made from two parameter sets (%s and %s): name one in the manifest", o.m.file, name, t.Key, key)
		}
		return
	}
	t := &goType{Name: name, Doc: doc, File: o.mo.serviceFile(g), Key: key}
	hasPage := false
	for _, p := range params {
		f := g.filterField(o, name, p)
		if f.Name == "Page" || f.Name == "Limit" {
			t.Paging = true
		}
		hasPage = hasPage || f.Name == "Page"
		t.Fields = append(t.Fields, f)
	}
	if t.Paging && !hasPage {
		// A cursor list with limit but no page parameter (as ListingFilter):
		// the walkers' page counter, never sent.
		t.Fields = append(t.Fields, goField{Name: "page", Type: "int", Tag: `url:"-"`,
			Doc: "page is the walkers' page counter; the endpoint has no page parameter."})
	}
	sort.SliceStable(t.Fields, func(i, j int) bool {
		return fieldRank(t.Fields[i].Name) < fieldRank(t.Fields[j].Name)
	})
	g.types[name] = t
	g.order = append(g.order, name)
}

// subset reports whether the parameters of key a are among those of b (a
// count's filter may reuse its list's).
func subset(a, b string) bool {
	pa := strings.Split(strings.TrimSuffix(a[strings.Index(a, "(")+1:], ")"), ",")
	have := map[string]bool{}
	for _, p := range strings.Split(strings.TrimSuffix(b[strings.Index(b, "(")+1:], ")"), ",") {
		have[p] = true
	}
	for _, p := range pa {
		if p != "" && !have[p] {
			return false
		}
	}
	return true
}

func fieldRank(name string) int {
	switch name {
	case "Page", "page":
		return 2
	case "Limit":
		return 3
	case "After", "Before":
		return 1
	}
	return 0
}

// filterField is one query parameter as a filter field.
func (g *gen) filterField(o *opInfo, owner string, p *openapi3.Parameter) goField {
	name := goName(p.Name)
	if p.Name == "page" {
		return goField{Name: "Page", Type: "int", Tag: `url:"page,omitempty"`, Doc: "Page is the 1-based page number; 0 means the first page."}
	}
	if p.Name == "limit" {
		return goField{Name: "Limit", Type: "int", Tag: `url:"limit,omitempty"`, Doc: "Limit is the page size (at most 250); 0 means the API's default, and All uses the largest."}
	}
	s := &openapi3.Schema{}
	if p.Schema != nil && p.Schema.Value != nil {
		s = p.Schema.Value
	}
	typ := "string"
	extra := ""
	switch k := scalarKind(s); {
	case k == "array":
		typ = "StringList"
		if s.Items != nil && s.Items.Value != nil && (s.Items.Value.Type.Is("integer")) {
			typ = "IntList"
		}
	case p.Name == "direction":
		typ = "Direction"
	case p.Name == "sort" && s.Type.Is("string") && len(s.Enum) > 0:
		typ = strings.TrimSuffix(owner, "Filter") + "Sort"
		g.enum(o, typ, s.Enum)
	case k == "integer":
		typ = "int"
		if strings.HasSuffix(p.Name, ":in") || strings.HasSuffix(p.Name, ":not_in") {
			typ = "IntList"
		} else if enumHasZero(s.Enum) {
			typ = "*int" // 0 is a value to send (status=0: pending), which omitempty would drop
		}
	case k == "number":
		typ = "*float64"
		if moneyName.MatchString(p.Name) {
			typ = "*decimal.Decimal"
		}
	case k == "boolean":
		typ = "*bool"
	case s.Format == "date-time" || strings.Contains(p.Name, "date"):
		typ = "time.Time"
		if o.v2 && s.Format != "date-time" {
			extra = ` layout:"Mon, 02 Jan 2006 15:04:05 -0700"`
		}
		if s.Format == "date" {
			extra = ` layout:"2006-01-02"`
		}
	case strings.HasSuffix(p.Name, ":in") || strings.HasSuffix(p.Name, ":not_in"):
		typ = "StringList"
	}
	if p.Name == "include" {
		// Every include is a StringList (CONTRIBUTING.md, "One convention
		// per kind of method"), even where a spec types it as one string
		// (BigCommerce reads a comma-separated list); its documented values
		// are constants.
		typ = "StringList"
		g.includeConsts(o, owner, s)
	}
	if ov := g.override(o.m, owner, p.Name); ov != nil && ov.GoType != "" {
		typ, extra = ov.GoType, ""
	}
	doc := docLine(p.Description)
	if doc == "" {
		doc = "filters by " + p.Name + "."
	}
	lower := strings.ToLower(doc)
	if !strings.HasPrefix(lower, "filter") {
		doc = "(" + p.Name + ") " + doc
	}
	return goField{Name: name, Type: typ, Tag: `url:"` + p.Name + `,omitempty"` + extra, Doc: name + " " + doc}
}

// includeConsts generates the constants of an include parameter's
// documented values, named after the operation's model
// (CartIncludeRedirectURLs), for the Include field of owner.
func (g *gen) includeConsts(o *opInfo, owner string, s *openapi3.Schema) {
	values := s.Enum
	if s.Items != nil && s.Items.Value != nil && len(s.Items.Value.Enum) > 0 {
		values = s.Items.Value.Enum
	}
	if len(values) == 0 {
		return
	}
	prefix := o.model()
	if prefix == "" {
		prefix = strings.TrimSuffix(strings.TrimSuffix(owner, "Filter"), "Options")
	}
	name := prefix + "Include"
	t, ok := g.types[name]
	if !ok {
		t = &goType{Name: name, File: o.mo.serviceFile(g), Key: "consts", Consts: []string{},
			Doc: "Values for the Include field (a StringList) of " + owner + ": the sub-resources BigCommerce adds to the answer when asked."}
		g.types[name] = t
		g.order = append(g.order, name)
	} else if !strings.Contains(t.Doc, " "+owner+":") && !strings.Contains(t.Doc, " "+owner+" ") {
		t.Doc = strings.Replace(t.Doc, " of ", " of "+owner+" and ", 1)
	}
	for _, v := range values {
		if str := fmt.Sprint(v); !slices.Contains(t.Consts, str) {
			t.Consts = append(t.Consts, str)
		}
	}
}

// enumHasZero reports whether an integer enum lists 0.
func enumHasZero(values []any) bool {
	for _, v := range values {
		if fmt.Sprint(v) == "0" {
			return true
		}
	}
	return false
}

// enum generates a string type with a constant per value.
func (g *gen) enum(o *opInfo, name string, values []any) {
	if _, ok := g.types[name]; ok {
		return
	}
	var vs []string
	for _, v := range values {
		vs = append(vs, fmt.Sprint(v))
	}
	t := &goType{Name: name, Doc: name + " is a field the list can be sorted by.", File: o.mo.serviceFile(g), Key: "enum", Enum: vs}
	g.types[name] = t
	g.order = append(g.order, name)
}

// serviceFile is the output file stem of the operation's service.
func (mo *Operation) serviceFile(g *gen) string {
	if s, ok := g.services[mo.Service]; ok {
		return s.File
	}
	return strings.ToLower(mo.Service)
}
