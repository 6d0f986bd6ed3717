package bigcommerce

import (
	"reflect"
	"testing"
)

// TestDecodeFeesReadsEveryShape pins the three answer shapes the spec
// gives GET /v2/orders/{id}/fees, and the empty answers.
func TestDecodeFeesReadsEveryShape(t *testing.T) {
	fee := `{"id":1,"type":"custom_fee","display_name_customer":"A Fee","base_cost":"12.3000","cost_inc_tax":"12.3000","tax_class_id":null}`
	for name, tc := range map[string]struct {
		body    string
		wantIDs []int
		wantErr bool
	}{
		"bare list":    {`[` + fee + `,{"id":2}]`, []int{1, 2}, false},
		"fees wrapper": {`{"fees":[` + fee + `]}`, []int{1}, false},
		"one object":   {fee, []int{1}, false},
		"204":          {``, nil, false},
		"empty list":   {`[]`, nil, false},
		"no fee":       {`{"status":"ok"}`, nil, true},
		"bad cost":     {`[{"id":1,"base_cost":{}}]`, nil, true},
	} {
		t.Run(name, func(t *testing.T) {
			fees, err := decodeFees([]byte(tc.body))
			if (err != nil) != tc.wantErr {
				t.Fatalf("error %v, want error %v", err, tc.wantErr)
			}
			var ids []int
			for _, f := range fees {
				ids = append(ids, f.ID)
			}
			if !reflect.DeepEqual(ids, tc.wantIDs) {
				t.Fatalf("ids %v, want %v", ids, tc.wantIDs)
			}
		})
	}
	fees, _ := decodeFees([]byte(fee))
	if fees[0].BaseCost.String() != "12.3" || fees[0].TaxClassID != nil {
		t.Fatalf("fee fields: %+v", fees[0])
	}
}
