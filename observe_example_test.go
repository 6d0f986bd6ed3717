package bigcommerce_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/bigcommerce-go/bigcommerce"
	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
)

// span stands in for an OpenTelemetry trace.Span in this example, so the
// SDK does not depend on OpenTelemetry; it prints what a span would record.
type span struct {
	name  string
	attrs []any
}

func (s *span) RecordError(err error) { s.attrs = append(s.attrs, "error", err != nil) }
func (s *span) End(at time.Time)      { fmt.Println(append([]any{"span", s.name}, s.attrs...)...) }

// startSpan stands in for tracer.Start(ctx, name, trace.WithTimestamp(start), ...).
func startSpan(_ context.Context, name string, _ time.Time, attrs ...any) *span {
	return &span{name: name, attrs: attrs}
}

// WithObserver is the hook for tracing and metrics. With OpenTelemetry
// (tracer := otel.Tracer("bigcommerce")) the observer is a few lines:
//
//	bigcommerce.WithObserver(func(ctx context.Context, c bigcommerce.CallInfo) {
//		_, span := tracer.Start(ctx, c.Method+" "+c.Path,
//			trace.WithSpanKind(trace.SpanKindClient), trace.WithTimestamp(c.Start),
//			trace.WithAttributes(
//				attribute.String("http.request.method", c.Method),
//				attribute.Int("http.response.status_code", c.StatusCode),
//				attribute.Int("bigcommerce.attempts", c.Attempts),
//				attribute.Int64("bigcommerce.waited_ms", c.Waited.Milliseconds())))
//		if c.Err != nil {
//			span.RecordError(c.Err)
//			span.SetStatus(codes.Error, c.Err.Error())
//		}
//		span.End(trace.WithTimestamp(c.Start.Add(c.Duration)))
//	})
//
// The span starts in the caller's context, so it nests under the caller's
// own span. A metrics histogram is one line: hist.Record(ctx,
// c.Duration.Seconds(), metric.WithAttributes(...)). Below, a stand-in
// span type prints what would be recorded.
func ExampleWithObserver() {
	store := bigcommercetest.New(bigcommercetest.Config{StoreHash: "abc123", AccessToken: "token"})
	client, err := bigcommerce.NewClient("abc123", bigcommerce.TokenAuth{AccessToken: "token"},
		bigcommerce.WithBaseURL("http://fake.test/stores/abc123"),              // a real program leaves this out,
		bigcommerce.WithHTTPClient(&http.Client{Transport: store.Transport()}), // and this
		bigcommerce.WithObserver(func(ctx context.Context, c bigcommerce.CallInfo) {
			s := startSpan(ctx, c.Method+" "+c.Path, c.Start,
				"status", c.StatusCode, "attempts", c.Attempts)
			if c.Err != nil {
				s.RecordError(c.Err)
			}
			s.End(c.Start.Add(c.Duration))
		}))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	if _, err := client.Ping(ctx); err != nil {
		log.Fatal(err)
	}
	req, err := client.NewRequest(ctx, http.MethodGet, "/v2/orders/999", nil, nil)
	if err != nil {
		log.Fatal(err)
	}
	_, _ = client.Do(req, nil) // 404: the span records the error
	// Output:
	// span GET /v2/store status 200 attempts 1
	// span GET /v2/orders/999 status 404 attempts 1 error true
}
