package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/bigcommerce-go/bigcommerce/examples/internal/exampleenv"
	"github.com/bigcommerce-go/bigcommerce/internal/redistest"
)

// TestMain lets the test binary be a worker process, as the program is.
func TestMain(m *testing.M) {
	if cfg := os.Getenv(childEnv); cfg != "" {
		os.Exit(childMain(cfg, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

var (
	workerLine = regexp.MustCompile(`(?m)^ *(worker\d+) +(\d+)-(\d+) +(\d+) +(\d+) +(\d+) *$`)
	totalLine  = regexp.MustCompile(`(?m)^ *total +(\d+) +(\d+) +(\d+) *$`)
)

func TestWorkersShareTheQuota(t *testing.T) {
	addr := redistest.Start(t)
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-redis", addr, "-workers", "3", "-orders", "150", "-page", "10"}, &out, &errOut)
	if err != nil {
		t.Fatalf("run: %v\nstdout:\n%s\nstderr:\n%s", err, out.String(), errOut.String())
	}
	text := out.String()
	t.Log("\n" + text)
	workers := workerLine.FindAllStringSubmatch(text, -1)
	if len(workers) != 3 {
		t.Fatalf("%d worker lines, want 3:\n%s", len(workers), text)
	}
	records := 0
	for _, w := range workers {
		n, _ := strconv.Atoi(w[4])
		lo, _ := strconv.Atoi(w[2])
		hi, _ := strconv.Atoi(w[3])
		if n != hi-lo+1 || w[6] != "0" {
			t.Errorf("%s: %s records for ids %s-%s, %s 429s", w[1], w[4], w[2], w[3], w[6])
		}
		records += n
	}
	total := totalLine.FindStringSubmatch(text)
	if total == nil || total[1] != "150" || total[3] != "0" || records != 150 {
		t.Errorf("total line %q, want 150 records and 0 429s", total)
	}
	if !strings.Contains(text, "Shared window in Redis: quota 25 per 1s") {
		t.Errorf("no shared window in the output:\n%s", text)
	}
}

func TestWorkersWithoutRedis(t *testing.T) {
	t.Setenv("REDIS_ADDR", "")
	var out, errOut bytes.Buffer
	err := run(context.Background(), nil, &out, &errOut)
	var ue *exampleenv.UsageError
	if !errors.As(err, &ue) || exampleenv.ExitCode(err) == 0 {
		t.Fatalf("err = %v, want a usage error (non-zero exit)", err)
	}
	for _, want := range []string{"needs a Redis server", "redis-server --port 6379", "-redis 127.0.0.1:6379"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q:\n%s", want, err)
		}
	}
	if out.Len() != 0 {
		t.Errorf("printed before failing: %q", out.String())
	}
}

func TestWorkersRedisDown(t *testing.T) {
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-redis", "127.0.0.1:1"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "Redis unreachable") || !strings.Contains(err.Error(), "redis-server") {
		t.Errorf("err = %v, want one saying Redis is unreachable and how to start it", err)
	}
}
