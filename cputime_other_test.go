//go:build !unix

package bigcommerce

import "time"

// processCPU reports that this platform gives no process CPU time.
func processCPU() (time.Duration, bool) { return 0, false }
