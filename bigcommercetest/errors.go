package bigcommercetest

import (
	"encoding/json"
	"net/http"
	"strconv"
)

// errorTypeURL is the "type" BigCommerce puts in V3 error bodies.
const errorTypeURL = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes"

// v3Error is the V3 error body (RFC 7807 style).
type v3Error struct {
	Status int               `json:"status"`
	Title  string            `json:"title"`
	Type   string            `json:"type"`
	Errors map[string]string `json:"errors"`
}

// v2Error is one element of a V2 error body (a JSON array).
type v2Error struct {
	Status  int    `json:"status"`
	Message string `json:"message"`
}

// json writes v as the JSON response body with the given status.
func (c *call) json(status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		c.resp.status = http.StatusInternalServerError
		c.resp.header.Set("Content-Type", "application/json")
		c.resp.body = []byte(`{"status":500,"title":"Internal error encoding the response","type":"` + errorTypeURL + `","errors":{}}`)
		return
	}
	c.resp.status = status
	c.resp.header.Set("Content-Type", "application/json")
	c.resp.body = b
}

// noContent answers 204 with no body.
func (c *call) noContent() {
	c.resp.status = http.StatusNoContent
	c.resp.header.Del("Content-Type")
	c.resp.body = nil
}

// v3err answers a V3 error. Inventory and locations routes use
// application/problem+json.
func (c *call) v3err(status int, title string, errs map[string]string) {
	if errs == nil {
		errs = map[string]string{}
	}
	c.json(status, v3Error{Status: status, Title: title, Type: errorTypeURL, Errors: errs})
	if c.problem {
		c.resp.header.Set("Content-Type", "application/problem+json")
	}
}

// v2err answers a V2 error: a JSON array with one object.
func (c *call) v2err(status int, message string) {
	c.json(status, []v2Error{{Status: status, Message: message}})
}

// errorStatus answers an error in the shape of the request's API version.
func (c *call) errorStatus(status int, message string) {
	if c.v2 {
		c.v2err(status, message)
		return
	}
	c.v3err(status, message, nil)
}

// notFound answers 404 in the request's version shape.
func (c *call) notFound() {
	c.errorStatus(http.StatusNotFound, "The requested resource was not found.")
}

// badFilter answers the V3 422 for an invalid query parameter or value.
func (c *call) badFilter(param, reason string) {
	c.v3err(http.StatusUnprocessableEntity, "The filter(s): "+param+" are not valid filter parameter(s).",
		map[string]string{param: reason})
}

// faultStatus answers an injected server error. 502 comes as the HTML page a
// load balancer would send; other codes use the API's error shape.
func (c *call) faultStatus(status int) {
	if status < 100 || status > 999 {
		status = http.StatusInternalServerError
	}
	if status == http.StatusBadGateway {
		c.resp.status = status
		c.resp.header.Set("Content-Type", "text/html; charset=utf-8")
		c.resp.body = []byte("<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n")
		return
	}
	msg := http.StatusText(status)
	if msg == "" {
		msg = "Error " + strconv.Itoa(status)
	}
	switch status {
	case http.StatusInternalServerError:
		msg = "Internal Server Error. Please try again later."
	case http.StatusServiceUnavailable:
		msg = "Service Unavailable. The store is down for maintenance."
	}
	c.errorStatus(status, msg)
}

func itoa(n int) string { return strconv.Itoa(n) }
