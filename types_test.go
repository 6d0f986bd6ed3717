package bigcommerce

import (
	"encoding/json"
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
