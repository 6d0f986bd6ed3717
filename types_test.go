package bigcommerce

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestTimeDecoding(t *testing.T) {
	want := time.Date(2018, 1, 10, 21, 5, 30, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Time
	}{
		{`"Wed, 10 Jan 2018 21:05:30 +0000"`, want},
		{`"Wed, 10 Jan 2018 16:05:30 -0500"`, want},
		{`"2018-01-10T21:05:30Z"`, want},
		{`"2018-01-10T21:05:30+00:00"`, want},
		{`"2018-01-10T21:05:30.000Z"`, want},
		{`""`, time.Time{}},
		{`null`, time.Time{}},
		{`"  "`, time.Time{}},
	}
	for _, tt := range tests {
		var got struct {
			D Time `json:"d"`
		}
		if err := json.Unmarshal([]byte(`{"d":`+tt.in+`}`), &got); err != nil {
			t.Errorf("%s: %v", tt.in, err)
			continue
		}
		if !got.D.Equal(tt.want) {
			t.Errorf("%s decoded to %v, want %v", tt.in, got.D, tt.want)
		}
	}
	for _, bad := range []string{`"yesterday"`, `12345`, `{}`} {
		var got Time
		if err := json.Unmarshal([]byte(bad), &got); err == nil {
			t.Errorf("%s decoded without error", bad)
		}
	}
}

func TestTimeEncoding(t *testing.T) {
	b, _ := json.Marshal(Time{time.Date(2018, 1, 10, 16, 5, 30, 0, time.FixedZone("", -5*3600))})
	if string(b) != `"Wed, 10 Jan 2018 21:05:30 +0000"` {
		t.Errorf("encoded %s", b)
	}
	b, _ = json.Marshal(Time{})
	if string(b) != `""` {
		t.Errorf("zero encoded %s", b)
	}
}

func TestFlexInt(t *testing.T) {
	for in, want := range map[string]FlexInt{`12`: 12, `"12"`: 12, `12.0`: 12, `""`: 0, `null`: 0, `" 7 "`: 7, `-3`: -3} {
		var n FlexInt
		if err := json.Unmarshal([]byte(in), &n); err != nil || n != want {
			t.Errorf("%s → %d, %v; want %d", in, n, err, want)
		}
	}
	for _, bad := range []string{`12.5`, `"abc"`, `true`, `[]`} {
		var n FlexInt
		if err := json.Unmarshal([]byte(bad), &n); err == nil {
			t.Errorf("%s decoded without error", bad)
		}
	}
}

func TestFlexString(t *testing.T) {
	for in, want := range map[string]FlexString{`"abc"`: "abc", `123`: "123", `1.50`: "1.50", `null`: ""} {
		var s FlexString
		if err := json.Unmarshal([]byte(in), &s); err != nil || s != want {
			t.Errorf("%s → %q, %v; want %q", in, s, err, want)
		}
	}
	var s FlexString
	if err := json.Unmarshal([]byte(`{}`), &s); err == nil {
		t.Error("an object decoded as a string")
	}
}

func TestPtr(t *testing.T) {
	p := Ptr(false)
	if p == nil || *p {
		t.Error("Ptr(false)")
	}
	if *Ptr(0) != 0 || *Ptr("") != "" {
		t.Error("Ptr of zero values")
	}
}

func FuzzTimeUnmarshal(f *testing.F) {
	for _, s := range []string{`"Wed, 10 Jan 2018 21:05:30 +0000"`, `""`, `null`, `"2018-01-10T21:05:30Z"`, `"2018-01-10"`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var tm Time
		if err := json.Unmarshal([]byte(in), &tm); err == nil && !tm.IsZero() {
			// Whatever decoded must survive a round trip to the second.
			b, err := json.Marshal(tm)
			if err != nil {
				t.Fatal(err)
			}
			var back Time
			if err := json.Unmarshal(b, &back); err != nil || !back.Equal(tm.Truncate(time.Second)) {
				t.Errorf("round trip of %s: %s → %v (%v)", in, b, back, err)
			}
		}
		var n FlexInt
		_ = json.Unmarshal([]byte(in), &n)
		var s FlexString
		_ = json.Unmarshal([]byte(in), &s)
	})
}

// The decoders below are the ones Time, FlexInt and FlexString had before
// their fast paths (for the per-page decoding cost); the new ones must give the same results.

func legacyParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range []string{RFC2822, time.RFC1123, time.RFC3339Nano, "2006-01-02T15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bigcommerce: cannot parse date %q: want RFC 2822 or RFC 3339", s)
}

func legacyTime(b []byte) (time.Time, error) {
	if bytes.Equal(b, []byte("null")) {
		return time.Time{}, nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return time.Time{}, fmt.Errorf("bigcommerce: date must be a JSON string, got %s", truncateForError(b))
	}
	return legacyParseTime(s)
}

func legacyFlexInt(b []byte) (FlexInt, error) {
	s := string(bytes.TrimSpace(b))
	if s == "null" {
		return 0, nil
	}
	if unq, err := strconv.Unquote(s); err == nil {
		s = strings.TrimSpace(unq)
		if s == "" {
			return 0, nil
		}
	}
	if i, err := strconv.ParseInt(s, 10, 64); err == nil {
		return FlexInt(i), nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != float64(int64(f)) {
		return 0, fmt.Errorf("bigcommerce: %s is not an integer", truncateForError(b))
	}
	return FlexInt(int64(f)), nil
}

func legacyFlexString(b []byte) (FlexString, error) {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		return "", nil
	case len(b) > 0 && b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return "", err
		}
		return FlexString(v), nil
	default:
		var num json.Number
		if err := json.Unmarshal(b, &num); err != nil {
			return "", fmt.Errorf("bigcommerce: %s is neither a string nor a number", truncateForError(b))
		}
		return FlexString(num.String()), nil
	}
}

// sameTime reports whether a and b are the same instant in the same zone
// (name and offset), which is what a caller can observe.
func sameTime(a, b time.Time) bool {
	an, ao := a.Zone()
	bn, bo := b.Zone()
	return a.Equal(b) && an == bn && ao == bo && a.IsZero() == b.IsZero()
}

// checkDecodersMatchLegacy decodes raw with the fast and the legacy
// decoders and reports any difference.
func checkDecodersMatchLegacy(t *testing.T, raw []byte) {
	t.Helper()
	var tm Time
	err := tm.UnmarshalJSON(raw)
	want, wantErr := legacyTime(raw)
	switch {
	case (err == nil) != (wantErr == nil):
		t.Errorf("Time %q: error %v, legacy error %v", raw, err, wantErr)
	case err != nil && err.Error() != wantErr.Error():
		t.Errorf("Time %q: error %q, legacy error %q", raw, err, wantErr)
	case err == nil && !sameTime(tm.Time, want):
		t.Errorf("Time %q: %v, legacy %v", raw, tm.Time, want)
	}

	var n FlexInt
	err = n.UnmarshalJSON(raw)
	wantN, wantErr := legacyFlexInt(raw)
	if (err == nil) != (wantErr == nil) || (err == nil && n != wantN) {
		t.Errorf("FlexInt %q: %d, %v; legacy %d, %v", raw, n, err, wantN, wantErr)
	}

	var s FlexString
	err = s.UnmarshalJSON(raw)
	wantS, wantErr := legacyFlexString(raw)
	if (err == nil) != (wantErr == nil) || (err == nil && s != wantS) {
		t.Errorf("FlexString %q: %q, %v; legacy %q, %v", raw, s, err, wantS, wantErr)
	}
}

// decoderSeeds are the inputs both the table test and the fuzz test start
// from: every date form BigCommerce sends, the edges of the fast paths
// (escapes, non-ASCII, spaces, signs, leading zeros, 18 and 19 digits) and
// garbage.
var decoderSeeds = []string{
	`"Wed, 10 Jan 2018 21:05:30 +0000"`,
	`"Wed, 10 Jan 2018 16:05:30 -0500"`,
	`"Thu, 11 Jan 2018 02:35:30 +0530"`,
	`"Wed, 10 Jan 2018 21:05:30 GMT"`,
	`"Wed, 10 Jan 2018 21:05:30 UTC"`,
	`"Wed, 10 Jan 2018 16:05:30 EST"`,
	`"Tue, 10 Jan 2018 21:05:30 +0000"`, // wrong weekday: time.Parse ignores it
	`"Wed, 32 Jan 2018 21:05:30 +0000"`,
	`"2018-01-10T21:05:30Z"`,
	`"2018-01-10T21:05:30+00:00"`,
	`"2018-01-10T16:05:30-05:00"`,
	`"2018-01-10T21:05:30.5Z"`,
	`"2018-01-10T21:05:30.000Z"`,
	`"2018-01-10T21:05:30.123456789+01:00"`,
	`"2018-01-10T21:05:30"`,
	`"2018-01-10"`,
	`"2018-13-45"`,
	`" 2018-01-10T21:05:30Z "`,
	`"\u0057ed, 10 Jan 2018 21:05:30 +0000"`,
	`"2018-01-10T21:05:30Z\n"`,
	`"Wed, 10 Jan 2018 21:05:30 +0000` + "\u00a0" + `"`,
	`""`, `"  "`, `null`, ` null`, `"null"`,
	`"yesterday"`, `"-1"`, `"+2018-01-10"`, `"\"`, `"`, `"a"b"`,
	`12345`, `-3`, `0`, `-0`, `007`, `12.0`, `12.5`, `1e3`, `-`, `--1`,
	`123456789012345678`, `-123456789012345678`, `1234567890123456789`, `99999999999999999999`,
	`"12"`, `" 7 "`, `"1.50"`, `"abc"`,
	`{}`, `[]`, `true`, ``, ` `,
}

func TestDecodersMatchLegacy(t *testing.T) {
	for _, in := range decoderSeeds {
		checkDecodersMatchLegacy(t, []byte(in))
	}
}

func FuzzDecodersMatchLegacy(f *testing.F) {
	for _, in := range decoderSeeds {
		f.Add([]byte(in))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		checkDecodersMatchLegacy(t, raw)
	})
}
