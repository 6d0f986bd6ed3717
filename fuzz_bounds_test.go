package bigcommerce

import (
	"errors"
	"net/http"
	"testing"
	"time"
)

// FuzzDecodeAnswer feeds arbitrary statuses and bodies to the decoding of a
// V3 list answer: no panic; an accepted 2xx page is never an empty page
// whose meta says records remain; an error answer is an *Error with a title.
func FuzzDecodeAnswer(f *testing.F) {
	f.Add(200, []byte(`{"data":[{"id":1}],"meta":{"pagination":{"total":1,"count":1,"current_page":1,"total_pages":1}}}`))
	f.Add(200, []byte(`{"data":null,"meta":{"pagination":{"total":5,"count":5,"current_page":1,"total_pages":1}}}`))
	f.Add(200, []byte(`{"data":[],"meta":{"cursor_pagination":{"count":0,"links":{"next":"?after=x"}}}}`))
	f.Add(200, []byte(``))
	f.Add(207, []byte(`{"data":[],"errors":[{"status":422,"title":"bad"}]}`))
	f.Add(204, []byte(``))
	f.Add(429, []byte(`{"status":429}`))
	f.Add(502, []byte(`<html>Bad Gateway</html>`))
	c, err := NewClient("abc123", TokenAuth{AccessToken: "t"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, status int, body []byte) {
		if status < 100 || status > 599 {
			return
		}
		r := &Response{Response: &http.Response{StatusCode: status, Header: http.Header{}}}
		var env envelope[[]struct {
			ID int `json:"id"`
		}]
		err := c.decode(r, "GET", "/v3/x", body, &env)
		if status < 200 || status > 299 {
			var e *Error
			if !errors.As(err, &e) || e.Title == "" {
				t.Fatalf("status %d: err = %v, want an *Error with a title", status, err)
			}
			_ = err.Error()
			return
		}
		if err != nil {
			_ = err.Error()
			return
		}
		if status != http.StatusNoContent && len(env.Data) == 0 {
			if p := env.Meta.Pagination; p != nil && (p.Count > 0 || p.CurrentPage < p.TotalPages) {
				t.Fatalf("accepted an empty page whose meta says records remain: %s", body)
			}
		}
	})
}

// FuzzRateLimitHeaders feeds arbitrary header values to the rate-limit
// parsing and the retry decision: every duration stays in [0, 24h].
func FuzzRateLimitHeaders(f *testing.F) {
	f.Add("9223372036854775807", "30000", "9223372036854775807")
	f.Add("-1", "1e9", "Mon, 02 Jan 2006 15:04:05 GMT")
	f.Add("", "", "")
	f.Add("99999999999999999999999", "0", "Fri, 31 Dec 9999 23:59:59 GMT")
	f.Fuzz(func(t *testing.T, reset, window, after string) {
		h := http.Header{headerReset: {reset}, headerWindow: {window}, "Retry-After": {after}, headerLeft: {reset}}
		in := func(d time.Duration) bool { return d >= 0 && d <= maxHeaderWait }
		rl, _ := parseRateLimit(h)
		if !in(rl.ResetIn) || !in(rl.Window) || rl.Remaining < 0 {
			t.Fatalf("snapshot %+v", rl)
		}
		if d, ok := retryAfter(h); ok && !in(d) {
			t.Fatalf("Retry-After %q gave %s", after, d)
		}
		p := RetryPolicy{MaxRetries: 3, MinWait: time.Millisecond, MaxWait: time.Minute}
		d := p.decide(t.Context(), "GET", 0, &http.Response{StatusCode: 429, Header: h}, nil)
		if d.wait < 0 || (d.retry && d.wait > p.MaxWait) {
			t.Fatalf("429 decision %+v", d)
		}
	})
}
