//go:build unix

package bigcommerce

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time the process has used (user and system,
// all threads, so the garbage collector's work counts too), or ok false if
// the platform cannot tell.
func processCPU() (d time.Duration, ok bool) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0, false
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()), true
}
