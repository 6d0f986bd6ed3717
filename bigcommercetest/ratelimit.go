package bigcommercetest

import (
	"net/http"
	"strconv"
	"time"
)

// rateAdmit accounts one request against the fixed rate window (which starts
// at the first request and then repeats every cfg.Window) and sets the
// X-Rate-Limit-* headers on h. It reports whether the request is within the
// quota; when it is not it also sets X-Retry-After. With force the request
// is counted even if the quota is spent (used for injected faults).
func (s *Store) rateAdmit(h http.Header, force bool) bool {
	now := s.cfg.Now()
	s.ctl.Lock()
	defer s.ctl.Unlock()
	win := s.cfg.Window
	if s.winStart.IsZero() || now.Before(s.winStart) {
		s.winStart, s.winUsed = now, 0
	} else if elapsed := now.Sub(s.winStart); elapsed >= win {
		s.winStart = s.winStart.Add(elapsed / win * win)
		s.winUsed = 0
	}
	reset := win - now.Sub(s.winStart)
	if reset <= 0 {
		reset = time.Millisecond
	}
	admitted := s.winUsed < s.cfg.Quota || force
	if admitted {
		s.winUsed++
	}
	left := max(s.cfg.Quota-s.winUsed, 0)
	h.Set("X-Rate-Limit-Time-Window-Ms", strconv.FormatInt(win.Milliseconds(), 10))
	h.Set("X-Rate-Limit-Time-Reset-Ms", strconv.FormatInt(ceilDiv(reset, time.Millisecond), 10))
	h.Set("X-Rate-Limit-Requests-Quota", strconv.Itoa(s.cfg.Quota))
	h.Set("X-Rate-Limit-Requests-Left", strconv.Itoa(left))
	if !admitted {
		h.Set("X-Retry-After", strconv.FormatInt(ceilDiv(reset, time.Second), 10))
	}
	return admitted
}

// ceilDiv returns d/unit rounded up.
func ceilDiv(d, unit time.Duration) int64 {
	return int64((d + unit - 1) / unit)
}

// admitOnArrival counts a request against the rate window when it arrives,
// before the latency that stands for the store's work, as a rate limiter in
// front of an API does: X-Rate-Limit-Time-Reset-Ms describes the moment of
// admission, not the moment the answer leaves. Injected drops and 429s
// without headers are not counted; injected status faults are counted even
// when the quota is spent.
func (s *Store) admitOnArrival(h http.Header, f Fault, faulty bool) bool {
	if faulty {
		switch f.Kind {
		case FaultDrop, Fault429NoHeaders:
			return true
		case FaultStatus:
			return s.rateAdmit(h, true)
		}
	}
	return s.rateAdmit(h, false)
}
