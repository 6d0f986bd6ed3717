package bigcommercetest

import "strings"

// FaultKind is the kind of an injected fault.
type FaultKind int

const (
	// FaultStatus answers the request with Fault.Status (default 500) and an
	// API-style error body (an HTML page for 502). The request is not
	// processed.
	FaultStatus FaultKind = iota
	// FaultDrop drops the connection before any response: over HTTP the
	// connection is hijacked and closed; through [Store.Transport] RoundTrip
	// returns an error. The request is not processed.
	FaultDrop
	// FaultTruncate processes the request normally and sends valid headers
	// (with the full Content-Length) but only half of the body. Through
	// [Store.Transport] the body fails with io.ErrUnexpectedEOF.
	FaultTruncate
	// Fault429NoHeaders answers 429 without any X-Rate-Limit-* headers, as
	// the platform does under high load. The request is not processed.
	Fault429NoHeaders
)

// String returns the kind's name.
func (k FaultKind) String() string {
	switch k {
	case FaultStatus:
		return "FaultStatus"
	case FaultDrop:
		return "FaultDrop"
	case FaultTruncate:
		return "FaultTruncate"
	case Fault429NoHeaders:
		return "Fault429NoHeaders"
	}
	return "FaultKind(" + itoa(int(k)) + ")"
}

// Fault describes an injected failure, applied to the next matching requests.
type Fault struct {
	// Method restricts the fault to one HTTP method; "" matches any.
	Method string
	// PathPrefix restricts the fault to paths (after /stores/{hash} or /api)
	// starting with it, e.g. "/v3/customers"; "" matches any.
	PathPrefix string
	// Kind is what happens.
	Kind FaultKind
	// Status is the status code for FaultStatus; default 500.
	Status int
	// Times is how many matching requests the fault hits; default 1.
	Times int
}

// InjectFault queues a fault. Faults are matched in the order queued; each
// request is hit by at most one fault.
func (s *Store) InjectFault(f Fault) {
	if f.Times <= 0 {
		f.Times = 1
	}
	if f.Kind == FaultStatus && f.Status == 0 {
		f.Status = 500
	}
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.faults = append(s.faults, f)
}

// ClearFaults removes every queued fault and every SKU given to FailSKU.
func (s *Store) ClearFaults() {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.faults = nil
	s.failSKUs = map[string]bool{}
}

// FailSKU makes catalog writes touching the SKU fail for that item: a single
// product write answers 207 with the product data (saved, except its
// inventory) and an errors object; batch writes (products, variants) answer
// 207 with the other items saved and this one not.
func (s *Store) FailSKU(sku string) {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	s.failSKUs[strings.ToLower(sku)] = true
}

// skuFails reports whether FailSKU was called for the SKU.
func (s *Store) skuFails(sku string) bool {
	if sku == "" {
		return false
	}
	s.ctl.Lock()
	defer s.ctl.Unlock()
	return s.failSKUs[strings.ToLower(sku)]
}

// takeFault returns the first queued fault matching the request, using up
// one of its hits.
func (s *Store) takeFault(method, rel string) (Fault, bool) {
	s.ctl.Lock()
	defer s.ctl.Unlock()
	for i := range s.faults {
		f := &s.faults[i]
		if f.Method != "" && !strings.EqualFold(f.Method, method) {
			continue
		}
		if f.PathPrefix != "" && !strings.HasPrefix(rel, f.PathPrefix) {
			continue
		}
		hit := *f
		f.Times--
		if f.Times <= 0 {
			s.faults = append(s.faults[:i], s.faults[i+1:]...)
		}
		return hit, true
	}
	return Fault{}, false
}
