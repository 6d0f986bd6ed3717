// Package redistest starts a throwaway Redis for tests: redis-server on a
// free loopback port, in a temporary directory, without persistence,
// stopped when the test ends. On a machine without redis-server (a
// newcomer's, with nothing but Go) it starts an embedded Redis instead,
// miniredis, which runs the same Lua scripts, listens on loopback too (so
// child processes reach it) and lets keys expire in real time; it says
// which one it used. CI sets RequireEnv, which makes a missing
// redis-server an error, so the real server always gates a change.
package redistest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
)

// RequireEnv, when set to anything, makes a missing redis-server fail the
// test instead of falling back to the embedded Redis (.ci/run sets it).
const RequireEnv = "BIGCOMMERCE_REQUIRE_REDIS_SERVER"

// EmbeddedEnv, when set to anything, uses the embedded Redis even where
// redis-server is installed (to test the fallback itself).
const EmbeddedEnv = "BIGCOMMERCE_EMBEDDED_REDIS"

// InstallHint says how to get redis-server.
const InstallHint = "redis-server is not installed: install it (Debian/Ubuntu: sudo apt-get update && sudo apt-get install -y redis-server; macOS: brew install redis) and run the tests again; CI installs it in .ci/run"

// Start starts redis-server and returns its address (127.0.0.1:port). It
// fails the test, saying how to install it, when the binary is missing.
func Start(t testing.TB) string {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	switch {
	case os.Getenv(EmbeddedEnv) != "":
		return startEmbedded(t, "the embedded Redis (miniredis), as "+EmbeddedEnv+" asks")
	case err != nil && os.Getenv(RequireEnv) != "":
		t.Fatal(InstallHint + " (" + RequireEnv + " is set: the embedded fallback is not allowed here)")
	case err != nil:
		return startEmbedded(t, "the embedded Redis (miniredis): redis-server is not installed; CI runs these tests against the real one")
	}
	var lastErr error
	for range 5 {
		addr, stop, err := start(t, bin)
		if err == nil {
			t.Cleanup(stop)
			return addr
		}
		lastErr = err // most likely another process took the port: try another
	}
	t.Fatalf("redistest: could not start redis-server: %v", lastErr)
	return ""
}

// startEmbedded starts miniredis on a loopback port and advances its clock
// with the wall clock, so that keys expire as on a real server.
func startEmbedded(t testing.TB, which string) string {
	t.Helper()
	m := miniredis.NewMiniRedis()
	if err := m.StartAddr("127.0.0.1:0"); err != nil {
		t.Fatalf("redistest: could not start the embedded Redis: %v", err)
	}
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		last := time.Now()
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case now := <-tick.C:
				m.FastForward(now.Sub(last))
				last = now
			}
		}
	}()
	t.Cleanup(func() {
		close(done)
		<-stopped
		m.Close()
	})
	t.Logf("redistest: using %s at %s", which, m.Addr())
	return m.Addr()
}

// freePort asks the kernel for a free loopback port (redis-server does not
// take port 0), then frees it for redis-server to bind.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	port := ln.Addr().(*net.TCPAddr).Port
	return port, ln.Close()
}

func start(t testing.TB, bin string) (string, func(), error) {
	port, err := freePort()
	if err != nil {
		return "", nil, err
	}
	dir := t.TempDir()
	var out bytes.Buffer
	cmd := exec.Command(bin, "--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--dir", dir,
		"--save", "", "--appendonly", "no", "--protected-mode", "yes", "--loglevel", "warning")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		_ = cmd.Process.Kill()
		<-exited
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for {
		if ping(addr) {
			return addr, stop, nil
		}
		select {
		case err := <-exited:
			exited <- err
			return "", nil, fmt.Errorf("redis-server exited (%v): %s", err, out.String())
		case <-ctx.Done():
			stop()
			return "", nil, fmt.Errorf("redis-server did not answer on %s within 10s: %s", addr, out.String())
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// ping sends an inline PING and waits for +PONG.
func ping(addr string) bool {
	conn, err := net.DialTimeout("tcp", addr, 200*time.Millisecond)
	if err != nil {
		return false
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(500 * time.Millisecond))
	if _, err := conn.Write([]byte("PING\r\n")); err != nil {
		return false
	}
	buf := make([]byte, 7)
	n, _ := conn.Read(buf)
	return bytes.HasPrefix(buf[:n], []byte("+PONG"))
}
