package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/bigcommerce-go/bigcommerce/bigcommercetest"
	"github.com/bigcommerce-go/bigcommerce/examples/internal/exampleenv"
)

// TestHelpStatesEachDefaultOnce: no flag's help says its default twice
// (the usage text's own "(default: ...)" and flag's "(default -1)").
func TestHelpStatesEachDefaultOnce(t *testing.T) {
	var out, errOut bytes.Buffer
	err := runWith(context.Background(), []string{"-h"}, &out, &errOut, func(context.Context, bigcommercetest.Seed) (*exampleenv.Env, error) {
		t.Fatal("-h connected to a store")
		return nil, nil
	})
	if code := exampleenv.ExitCode(err); code != 0 {
		t.Fatalf("-h: exit code %d (%v)", code, err)
	}
	help := errOut.String()
	for _, line := range strings.Split(help, "\n") {
		if strings.Count(line, "(default") > 1 {
			t.Errorf("doubled default: %q", line)
		}
	}
	for _, want := range []string{
		"-quantity level\n",
		"new stock level at the default location (default: current level + 5)\n",
		"(default 30)", // -days keeps flag's own default text
	} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
}

func TestQuantityFlag(t *testing.T) {
	n := -1
	v := optionalInt{&n}
	if v.String() != "" || (optionalInt{}).String() != "" {
		t.Errorf("unset prints %q", v.String())
	}
	if err := v.Set("12"); err != nil || n != 12 || v.String() != "12" {
		t.Errorf("Set(12): n=%d err=%v", n, err)
	}
	if err := v.Set("twelve"); err == nil || n != 12 {
		t.Errorf("Set(twelve): n=%d err=%v", n, err)
	}
}
