package main

import (
	"net/http"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// opInfo is one operation of a spec with what the generator learned of it.
type opInfo struct {
	m    *Manifest
	mo   *Operation
	verb string // GET, POST, ...
	path string // as the spec writes it: /catalog/products/{product_id}
	full string // with the version: /v3/catalog/products/{product_id}
	op   *openapi3.Operation
	v2   bool

	pathParams []pathParam
	query      []*openapi3.Parameter // query parameters, header ones dropped
	headers    []*openapi3.Parameter // required header parameters but Accept and Content-Type (sent by deletes only)

	kind string // list, get, write, delete, delete_where, batch, count, upload

	envelope   bool // the answer is V3 {data, meta}
	resp       *openapi3.SchemaRef
	respList   bool
	body       *openapi3.SchemaRef // one item for a batch
	bodyArray  bool
	multipart  bool
	hasPaging  bool // page and limit among the query parameters
	hasCursor  bool // after among the query parameters
	successRef int  // the success status
}

type pathParam struct {
	json, name string // product_id, productID
	isInt      bool
}

// ignoredQuery are query parameters the generated methods do not offer on
// gets and writes: they only trim the answer, which a typed model does not
// need, or are headers spelled as parameters.
var ignoredQuery = map[string]bool{"include_fields": true, "exclude_fields": true}

// analyse reads an operation of a spec.
func (g *gen) analyse(m *Manifest, doc *openapi3.T, mo *Operation) *opInfo {
	verb, path, ok := strings.Cut(mo.Op, " ")
	if !ok {
		g.errorf("%s: op %q is not \"METHOD /path\"", m.file, mo.Op)
		return nil
	}
	item := doc.Paths.Value(path)
	if item == nil {
		g.errorf("%s: %s: no such path in %s", m.file, mo.Op, m.Spec)
		return nil
	}
	op := item.GetOperation(verb)
	if op == nil {
		g.errorf("%s: %s: no such operation in %s", m.file, mo.Op, m.Spec)
		return nil
	}
	o := &opInfo{m: m, mo: mo, verb: verb, path: path, op: op, v2: specVersion(doc) == "v2"}
	o.full = "/" + specVersion(doc) + path
	seen := map[string]bool{}
	for _, list := range []openapi3.Parameters{op.Parameters, item.Parameters} {
		for _, p := range list {
			if p.Value == nil || seen[p.Value.In+p.Value.Name] {
				continue
			}
			seen[p.Value.In+p.Value.Name] = true
			switch p.Value.In {
			case openapi3.ParameterInHeader:
				if n := strings.ToLower(p.Value.Name); p.Value.Required && n != "accept" && n != "content-type" {
					o.headers = append(o.headers, p.Value)
				}
			case openapi3.ParameterInQuery:
				o.query = append(o.query, p.Value)
				switch p.Value.Name {
				case "page", "limit":
					o.hasPaging = true
				case "after":
					o.hasCursor = true
				}
			}
		}
	}
	sort.Slice(o.query, func(i, j int) bool { return o.query[i].Name < o.query[j].Name })
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") {
			name := strings.Trim(seg, "{}")
			isInt := true
			if p := findParam(op, item, name); p != nil && p.Schema != nil && p.Schema.Value != nil && p.Schema.Value.Type.Is("string") {
				isInt = false
			}
			if ov := g.paramOverride(m, mo.Op, name); ov != nil {
				isInt = ov.GoType == "int"
			}
			o.pathParams = append(o.pathParams, pathParam{json: name, name: lowerName(name), isInt: isInt})
		}
	}
	o.readBody()
	o.readResponse()
	for i := range m.overrides {
		if ov := &m.overrides[i]; ov.Op == mo.Op && ov.Envelope && o.resp != nil {
			o.envelope = true
			g.usedOverrides[ov] = true
		}
	}
	o.kind = o.inferKind()
	if mo.Kind != "" {
		o.kind = mo.Kind
	}
	return o
}

// paramOverride finds the override of an operation's path parameter (op,
// field: the parameter's name, go_type: int or string).
func (g *gen) paramOverride(m *Manifest, op, name string) *Override {
	for i := range m.overrides {
		o := &m.overrides[i]
		if o.Op == op && o.Type == "" && o.Field == name && o.GoType != "" {
			g.usedOverrides[o] = true
			return o
		}
	}
	return nil
}

func findParam(op *openapi3.Operation, item *openapi3.PathItem, name string) *openapi3.Parameter {
	for _, list := range []openapi3.Parameters{op.Parameters, item.Parameters} {
		for _, p := range list {
			if p.Value != nil && p.Value.In == openapi3.ParameterInPath && p.Value.Name == name {
				return p.Value
			}
		}
	}
	return nil
}

// specVersion is v2 or v3, from the spec's server URL.
func specVersion(doc *openapi3.T) string {
	for _, s := range doc.Servers {
		if strings.HasSuffix(strings.TrimRight(s.URL, "/"), "/v2") {
			return "v2"
		}
	}
	return "v3"
}

func (o *opInfo) readBody() {
	rb := o.op.RequestBody
	if rb == nil || rb.Value == nil {
		return
	}
	mt := rb.Value.Content.Get("application/json")
	if mt == nil {
		if rb.Value.Content.Get("multipart/form-data") != nil {
			o.multipart = true
		}
		return
	}
	if mt.Schema == nil || mt.Schema.Value == nil {
		return
	}
	s := bodyBranch(mt.Schema, o.mo.Kind == "batch")
	if scalarKind(s.Value) == "array" && s.Value.Items != nil {
		o.bodyArray = true
		s = s.Value.Items
	}
	o.body = soleAllOf(s)
}

// bodyBranch picks one branch of a body that is oneOf an object and an
// array of objects (pages.v3.yml: one page, or many): the array for a batch
// (kind: batch in the manifest), else the object.
func bodyBranch(s *openapi3.SchemaRef, batch bool) *openapi3.SchemaRef {
	if s.Value == nil || len(s.Value.OneOf) != 2 || len(s.Value.Properties) > 0 {
		return s
	}
	var obj, arr *openapi3.SchemaRef
	for _, b := range s.Value.OneOf {
		switch {
		case b.Value == nil:
			return s
		case scalarKind(b.Value) == "array" && b.Value.Items != nil:
			arr = b
		case isObject(b.Value):
			obj = b
		}
	}
	if obj == nil || arr == nil {
		return s
	}
	if batch {
		return arr
	}
	return obj
}

// soleAllOf unwraps a schema that is only allOf: [one $ref] (as
// promotion_settings.v3.yml's PUT answer), so it is the schema it names.
func soleAllOf(s *openapi3.SchemaRef) *openapi3.SchemaRef {
	if s == nil || s.Ref != "" || s.Value == nil {
		return s
	}
	v := s.Value
	if len(v.AllOf) == 1 && v.AllOf[0].Ref != "" && len(v.Properties) == 0 && len(v.OneOf)+len(v.AnyOf) == 0 {
		return v.AllOf[0]
	}
	return s
}

func (o *opInfo) readResponse() {
	if o.op.Responses == nil {
		return
	}
	for _, code := range []int{200, 201, 202, 204, 207} {
		ref := o.op.Responses.Status(code)
		if ref == nil || ref.Value == nil {
			continue
		}
		o.successRef = code
		mt := ref.Value.Content.Get("application/json")
		if mt == nil || mt.Schema == nil || mt.Schema.Value == nil {
			return
		}
		s := mt.Schema
		if data, ok := flatten(s.Value).props["data"]; ok && !o.v2 {
			o.envelope = true
			s = data
		}
		if s.Value != nil && scalarKind(s.Value) == "array" && s.Value.Items != nil {
			o.respList = true
			s = s.Value.Items
		}
		o.resp = soleAllOf(s)
		return
	}
}

func (o *opInfo) inferKind() string {
	last := o.path[strings.LastIndex(o.path, "/")+1:]
	switch o.verb {
	case http.MethodGet:
		switch {
		case last == "count":
			return "count"
		case o.respList:
			return "list"
		}
		return "get"
	case http.MethodDelete:
		switch {
		case o.bodyArray:
			return "batch" // the ids to delete, as the body (metafields)
		case strings.HasPrefix(last, "{"):
			return "delete"
		case len(o.query) > 0:
			return "delete_where"
		}
		return "delete_all"
	}
	switch {
	case o.multipart && o.body == nil:
		return "upload"
	case o.bodyArray:
		return "batch"
	}
	return "write"
}

// scope returns the operation's read-write and read-only scopes; none
// for scope "-" (an API that needs no scope, as webhooks.v3.yml says).
func (o *opInfo) scope() (write, read string) {
	if o.noScope() {
		return "", ""
	}
	write = o.m.Scope
	if o.mo.Scope != "" {
		write = o.mo.Scope
	}
	read = o.m.ScopeRead
	if read == "" && write != "" {
		read = write + "_read_only"
	}
	if o.mo.Scope != "" {
		read = o.mo.Scope + "_read_only"
	}
	if o.mo.ScopeRead != "" {
		read = o.mo.ScopeRead
	}
	return write, read
}

// noScope reports scope "-": BigCommerce documents that the operation needs
// no OAuth scope, so RequiredScope returns "" for it.
func (o *opInfo) noScope() bool {
	return o.mo.Scope == "-" || (o.mo.Scope == "" && o.m.Scope == "-")
}
