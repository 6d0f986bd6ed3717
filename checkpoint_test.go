package bigcommerce

import (
	"testing"
	"time"
)

// TestCheckpointAdvance checks the high-water mark a finished run leaves:
// Since is the earlier of the latest date read and the run's start, minus
// the overlap; Seen keeps the records inside the new overlap that were
// settled when the run started, and leaves out those modified within the
// clock-skew margin of the start (a second change in the same second would
// look the same), so the next run delivers those again.
func TestCheckpointAdvance(t *testing.T) {
	start := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	at := func(d time.Duration) time.Time { return start.Add(d) }
	cases := []struct {
		name      string
		since     time.Time
		observed  map[int]time.Time
		wantSince time.Time
		wantSeen  []int
	}{
		{"latest date before the start", time.Time{},
			map[int]time.Time{1: at(-time.Hour), 2: at(-30 * time.Minute), 3: at(-29 * time.Minute)},
			at(-31 * time.Minute), []int{2, 3}},
		{"dates up to the start", time.Time{},
			map[int]time.Time{1: at(-time.Hour), 2: at(-time.Minute), 3: at(-5 * time.Second), 4: at(0)},
			at(-2 * time.Minute), []int{2}},
		{"never before the old since", at(-time.Minute),
			map[int]time.Time{2: at(-time.Minute), 3: at(-20 * time.Second)},
			at(-time.Minute), []int{2, 3}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cp := &Checkpoint{Since: c.since, Run: &CheckpointRun{Start: start}}
			for id, m := range c.observed {
				cp.Run.observe(id, m, c.since, cp.overlap())
			}
			cp.advance()
			if !cp.Since.Equal(c.wantSince) || cp.Run != nil {
				t.Fatalf("Since %v (Run %v), want %v", cp.Since, cp.Run, c.wantSince)
			}
			if len(cp.Seen) != len(c.wantSeen) {
				t.Fatalf("Seen %v, want ids %v", cp.Seen, c.wantSeen)
			}
			for _, id := range c.wantSeen {
				if !cp.Seen[id].Equal(c.observed[id]) {
					t.Fatalf("Seen %v, want ids %v", cp.Seen, c.wantSeen)
				}
			}
		})
	}
}
