package main

import (
	"fmt"
	"slices"
	"strings"
)

// A POST whose body is one record (a coupon, a product's custom field)
// gets a CreateMany beside its Create: one call that creates many records,
// one request each, within the client's concurrency and throttle, failures
// reported as a *BatchError by input index (crud.go's createEach). Writes
// that are not records of a collection keep only their Create: actions
// (a POST not named Create), money movers, writes that answer nothing or
// the container (a cart, a checkout), and the manifest's no_many ones.

// manyCreate reports whether o, a generated operation, gets a CreateMany.
func (g *gen) manyCreate(o *opInfo) bool {
	eligible := o.kind == "write" && o.verb == "POST" && o.mo.Method == "Create" && !o.mo.Moves &&
		o.body != nil && !o.bodyArray && o.model() != "" && !g.hasBatchCreate(o.mo.Service)
	if o.mo.NoMany != "" {
		if !eligible {
			g.errorf("%s: %s: no_many is set, but it would get no CreateMany anyway", o.m.file, o.mo.Op)
		}
		return false
	}
	return eligible
}

// hasBatchCreate reports whether a service already creates many records in
// one call: a hand-written CreateMany, or a generated batch POST.
func (g *gen) hasBatchCreate(service string) bool {
	if g.existing[service+".CreateMany"] {
		return true
	}
	return slices.ContainsFunc(g.ops, func(p *opInfo) bool {
		return p.mo.Service == service && (p.mo.Method == "CreateMany" || p.kind == "batch" && p.verb == "POST")
	})
}

// emitCreateMany writes the CreateMany of o's Create, right after it.
func (g *gen) emitCreateMany(o *opInfo) {
	if !g.manyCreate(o) {
		return
	}
	svc, model, body := o.mo.Service, o.model(), o.bodyType()
	opName := svc + ".CreateMany"
	params := o.paramList()
	if params != "" {
		params = ", " + params
	}
	args := o.argList()
	if args != "" {
		args = ", " + args
	}
	opts, optsArg := o.writeOptionsArg(), ""
	if opts != "" {
		optsArg = ", opts"
	}
	conc := "as many at once as the client's WithMaxConcurrency allows"
	if o.mo.Concurrency > 0 {
		conc = fmt.Sprintf("at most %d at once (the limit BigCommerce documents for this endpoint) and never more than the client's WithMaxConcurrency", o.mo.Concurrency)
	}
	thing := o.thing()
	text := fmt.Sprintf("CreateMany creates many %s, one %s %s per item (the endpoint takes one record), %s, within the client's throttle.", plural(thing), o.verb, o.full, conc)
	text += fmt.Sprintf("\n\nThe result has one element per item, in order: the %s created from items[i], or the zero value when none was (item i is then in the *BatchError).", thing)
	text += " Failures come back as one *BatchError by index in items. An item whose request may have been applied (a 5xx, a cut connection) is in its Unknown list, is never resent, and no further item is sent after it; a 207 (created, part of it not saved) keeps the record and puts the item in Unknown."
	if len(o.pathParams) > 0 {
		text += " No items, or a path id of 0 or less, is refused before anything is sent (ErrInvalidRequest)."
	} else {
		text += " No items is refused before anything is sent (ErrInvalidRequest)."
	}
	var b strings.Builder
	b.WriteString(comment(text))
	fmt.Fprintf(&b, "func (s *%sService) CreateMany(ctx context.Context%s, items []%s%s) ([]%s, *Response, error) {\n", svc, params, body, opts, model)
	b.WriteString(o.checkStmt(opName, "nil, &Response{}, err"))
	fmt.Fprintf(&b, "\treturn createEach(ctx, s.client, %q, items, %d, nil, func(ctx context.Context, item %s) (*%s, *Response, error) {\n", opName, o.mo.Concurrency, body, model)
	fmt.Fprintf(&b, "\t\treturn s.%s(ctx%s, item%s)\n\t})\n}\n\n", o.mo.Method, args, optsArg)
	m := method{service: svc, name: "CreateMany", src: b.String()}
	at := slices.IndexFunc(g.methods, func(x method) bool { return x.service == svc && x.name == o.mo.Method })
	g.methods = slices.Insert(g.methods, at+1, m)
}

// manyTestArgs is the argument list of a test call of o's CreateMany made
// from the arguments of its Create's test call (args, which end with the
// body and, when the Create takes them, its options opts).
func manyTestArgs(args, bodyType, opts string) string {
	head := strings.TrimSuffix(strings.TrimSuffix(args, opts), ", body")
	return head + ", []" + bodyType + "{body}" + opts
}
