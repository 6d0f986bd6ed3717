package main

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"go.yaml.in/yaml/v4"
)

// Manifest is one file of api/manifest: what the SDK makes of the
// operations of one spec file. Every operation of the spec is listed once,
// as generated (service and method), hand-written (hand), or left out
// (skip, with the reason); an operation the file does not list is counted
// as not yet covered.
type Manifest struct {
	// Spec is the file name under testdata/openapi.
	Spec string `yaml:"spec"`
	// Scope is the read-write OAuth scope of the file's operations;
	// ScopeRead its read-only twin (default Scope + "_read_only"). "-"
	// marks operations BigCommerce documents as needing no scope (webhooks).
	Scope     string `yaml:"scope"`
	ScopeRead string `yaml:"scope_read"`
	// Services declares the services this file's operations go to.
	Services []Service `yaml:"services"`
	// Types names schemas: components/schemas name → Go type name. A
	// schema named here becomes one Go type wherever it is used.
	Types map[string]string `yaml:"types"`
	// Reuse maps schemas to Go types that exist already (hand-written, or
	// generated from another file); nothing is generated for them.
	Reuse map[string]string `yaml:"reuse"`
	// Models generates types that no generated operation names, for the
	// hand-written services that use them.
	Models []Model `yaml:"models"`
	// Operations lists the spec's operations.
	Operations []Operation `yaml:"operations"`

	file      string // path of the manifest file
	overrides []Override
}

// Model is a type generated for hand-written code: from a component
// schema, or from an operation's request body (one item of an array body)
// or answer (the object in data).
type Model struct {
	Name   string `yaml:"name"`
	Schema string `yaml:"schema"`
	Op     string `yaml:"op"`
	// From is "body" or "response" when Op is set.
	From string `yaml:"from"`
	// Write makes a write type: pointers and omitzero, no readOnly fields.
	Write bool `yaml:"write"`
	// File is the output file stem.
	File string `yaml:"file"`
}

// Service is a service type reached through a field of Client.
type Service struct {
	// Name is the Client field; the type is Name + "Service".
	Name string `yaml:"name"`
	// File is the generated file's stem: File + "_gen.go".
	File string `yaml:"file"`
	// Doc is the service type's doc comment (after "NameService ").
	Doc string `yaml:"doc"`
	// Hand marks a service whose type is hand-written; generated methods
	// may still be added to it.
	Hand bool `yaml:"hand"`
}

// Operation is one operation of the spec and what the SDK makes of it.
type Operation struct {
	// Op is "METHOD /path" as the spec writes it (without /v2 or /v3).
	Op string `yaml:"op"`
	// Hand names the hand-written method that covers it ("Products.List").
	Hand string `yaml:"hand"`
	// Skip gives the reason the SDK does not offer it.
	Skip string `yaml:"skip"`

	// Service and Method name the generated method.
	Service string `yaml:"service"`
	Method  string `yaml:"method"`
	// All names the iterator of a list (default: "All" for "List",
	// "All"+X for "ListX").
	All string `yaml:"all"`
	// Was is the method's former name, and AllWas its iterator's: each
	// gets a deprecated alias of that name that calls the method, so that
	// a rename that brings a method into CONTRIBUTING.md's convention
	// breaks no caller.
	Was    string `yaml:"was"`
	AllWas string `yaml:"all_was"`
	// Kind overrides the kind the generator infers: list, get, write,
	// delete, delete_where, batch, count.
	Kind string `yaml:"kind"`
	// Model is the Go type of the answer's object (or list item); "-" on a
	// write whose answer holds nothing to read (an empty object): the method
	// then returns only the *Response.
	Model string `yaml:"model"`
	// Body is the Go type of the request body (of one item for a batch).
	Body string `yaml:"body"`
	// Filter is the Go type of the query parameters (List, All, deletes,
	// counts); Options that of a Get's or write's query parameters (a
	// write takes them, after its body, only when Options is set).
	Filter  string `yaml:"filter"`
	Options string `yaml:"options"`
	// Walk is how All walks a list: offset (default), id (by an id lower
	// bound, the list being in ascending id order), cursor (after).
	Walk string `yaml:"walk"`
	// Batch is how many items one request carries (batch writes);
	// Concurrency how many such requests BigCommerce documents at once
	// (0: the client's WithMaxConcurrency).
	Batch       int `yaml:"batch"`
	Concurrency int `yaml:"concurrency"`
	// Scope overrides the file's scope for this operation; ScopeRead its
	// read-only scope (default Scope + "_read_only"), for a read that
	// BigCommerce documents as needing another scope (the modify one).
	Scope     string `yaml:"scope"`
	ScopeRead string `yaml:"scope_read"`
	// Doc is extra text for the method's doc comment.
	Doc string `yaml:"doc"`
	// Moves marks an operation that moves money (refunds, captures): its
	// doc says it is never retried once sent.
	Moves bool `yaml:"moves_money"`
	// NoMany gives the reason a POST Create that takes one record gets no
	// CreateMany beside it (a singleton, an action on a container); set
	// only where the generator would otherwise write one (see manyCreate).
	// Concurrency, on such a Create, is the CreateMany's documented limit.
	NoMany string `yaml:"no_many"`
}

// Override records one place where a spec contradicts itself or
// BigCommerce, and what the SDK does about it.
type Override struct {
	// Where: an operation ("PUT /catalog/brands/{brand_id}") or a schema.
	Op     string `yaml:"op"`
	Schema string `yaml:"schema"`
	// Type and Field name a generated Go type's field (JSON name) that the
	// override changes; GoType is the Go type it gets instead, Required
	// whether it is required ("yes"/"no"), Drop removes it. Op and Field
	// (without Type) name a path parameter of the operation; GoType (int or
	// string) is the Go type of the method's parameter instead of the spec's.
	Type     string `yaml:"type"`
	Field    string `yaml:"field"`
	GoType   string `yaml:"go_type"`
	Required string `yaml:"required"`
	Drop     bool   `yaml:"drop"`
	// Envelope (with Op): the answer is read as {data, meta} although the
	// spec's schema is the bare object (its examples and BigCommerce wrap it).
	Envelope bool `yaml:"envelope"`
	// Problem is what the conformance test reports for Op because of the
	// contradiction (a substring of it); the test accepts it, and fails
	// when it no longer occurs. ExamplesOnly: only against the spec's own
	// response examples.
	Problem      string `yaml:"problem"`
	ExamplesOnly bool   `yaml:"examples_only"`
	// SchemaOnly: only against answers made from the spec's schema (the
	// examples, and BigCommerce, disagree with the schema).
	SchemaOnly bool `yaml:"schema_only"`

	SpecSays string `yaml:"spec_says"`
	Reality  string `yaml:"bigcommerce_does"`
	SDKDoes  string `yaml:"sdk_does"`
	Reason   string `yaml:"reason"`
}

// loadManifests reads every api/manifest/*.yaml and its api/overrides twin.
func loadManifests(dir, overridesDir string) ([]*Manifest, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	ovFiles, err := filepath.Glob(filepath.Join(overridesDir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	for _, of := range ovFiles {
		if _, err := os.Stat(filepath.Join(dir, filepath.Base(of))); err != nil {
			return nil, fmt.Errorf("%s has no manifest twin in %s", of, dir)
		}
	}
	var out []*Manifest
	for _, f := range files {
		m := &Manifest{file: f}
		if err := readYAML(f, m); err != nil {
			return nil, err
		}
		if m.Spec == "" {
			return nil, fmt.Errorf("%s: no spec named", f)
		}
		of := filepath.Join(overridesDir, filepath.Base(f))
		if _, err := os.Stat(of); err == nil {
			var ov struct {
				Spec      string     `yaml:"spec"`
				Overrides []Override `yaml:"overrides"`
			}
			if err := readYAML(of, &ov); err != nil {
				return nil, err
			}
			if ov.Spec != m.Spec {
				return nil, fmt.Errorf("%s: spec %q, but its manifest names %q", of, ov.Spec, m.Spec)
			}
			for i, o := range ov.Overrides {
				if strings.TrimSpace(o.Reason) == "" || strings.TrimSpace(o.SpecSays) == "" {
					return nil, fmt.Errorf("%s: override %d needs spec_says and reason", of, i+1)
				}
			}
			m.overrides = ov.Overrides
		}
		out = append(out, m)
	}
	return out, nil
}

func readYAML(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(strings.NewReader(string(b)))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
