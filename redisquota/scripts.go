package redisquota

import "github.com/redis/go-redis/v9"

// The Lua scripts below hold all the shared state's logic. Each runs
// atomically on the Redis server, so no two processes ever interleave their
// reads and writes of one store's keys, and each reads the clock with TIME
// on the server, so processes whose clocks disagree still agree on when a
// window resets and when a lease expires.
//
// Keys (one hash tag, so a Redis Cluster keeps them on one node):
//
//	KEYS[1] window  hash: quota, window (ms), remaining, reset (server ms, margin included)
//	KEYS[2] leases  sorted set: lease id -> expiry (server ms); the in-flight cap
//	KEYS[3] pending sorted set: lease id -> expiry; leases whose answer has not come
//
// How the window stays right when processes see different snapshots:
//
//   - A process converts its snapshot's reset to the server's clock as
//     server now - (local age of the snapshot's send time) + reset-in + margin.
//     The send time is no later than the store's admission of the request;
//     requests resumed at the converted reset lag behind their own send
//     time as the answered one did, so they reach the store just after the
//     true reset (the margin covers the jitter). The script call's own
//     travel time only makes the converted reset later, never earlier.
//   - Snapshots are merged, never overwritten blindly. Two snapshots whose
//     resets agree within half a window describe the same window; within a
//     window the store's count of requests left only goes down, so the lower
//     count is the newer one and wins, whichever process saw it and in
//     whatever order the answers arrive. A snapshot of a later window
//     replaces the state; one of an earlier window, or of a window that has
//     ended by the time it arrives, is ignored.
//   - Requests left are counted down atomically at admission: a permit is
//     granted only while remaining exceeds the pending leases (granted, not
//     yet answered, by any process), and granting adds a pending lease. A
//     snapshot's count already includes the requests the store admitted
//     before it; the pending leases may or may not be among them, so counting
//     them again errs on the side of waiting, and each answer removes its
//     lease from pending at once.
//   - When the known window has ended without news, the next acquire assumes
//     a fresh window of the last quota ending a whole number of windows
//     later; the first real snapshot of it (a lower count) replaces the guess.
//   - Leases expire on the server's clock. A process renews its leases while
//     their requests run; a process that dies stops renewing, and its slots
//     (and pending counts) come back when the TTL passes.

const luaNow = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`

// acquireScript grants a lease or says how long to wait.
// ARGV: lease id, cap (0 = none), lease TTL ms.
// Returns {granted (1/0), wait ms, reason (0 granted, 1 cap, 2 window)}.
var acquireScript = redis.NewScript(luaNow + `
local id, cap, ttl = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
if cap > 0 then
  local n = redis.call('ZCARD', KEYS[2])
  if n >= cap then
    local first = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
    return {0, math.max(tonumber(first[2]) - now, 1), 1}
  end
end
local w = redis.call('HMGET', KEYS[1], 'quota', 'window', 'remaining', 'reset')
local quota, window, remaining, reset = tonumber(w[1]), tonumber(w[2]), tonumber(w[3]), tonumber(w[4])
if reset and now >= reset then
  if quota and window and quota > 0 and window > 0 then
    reset = reset + (math.floor((now - reset) / window) + 1) * window
    remaining = quota
    redis.call('HSET', KEYS[1], 'reset', reset, 'remaining', remaining)
    redis.call('PEXPIRE', KEYS[1], reset - now + 2 * window)
  else
    redis.call('DEL', KEYS[1])
    reset = nil
  end
end
if reset and remaining then
  if remaining <= redis.call('ZCARD', KEYS[3]) then
    return {0, reset - now, 2}
  end
end
redis.call('ZADD', KEYS[2], now + ttl, id)
redis.call('ZADD', KEYS[3], now + ttl, id)
redis.call('PEXPIRE', KEYS[2], 2 * ttl)
redis.call('PEXPIRE', KEYS[3], 2 * ttl)
return {1, 0, 0}
`)

// observeScript merges a snapshot into the shared window and marks the
// lease answered.
// ARGV: lease id, quota, remaining, window ms, reset-in ms (negative: no
// usable snapshot, only mark the lease answered), age ms, margin ms.
// Returns {quota, remaining, window ms, reset-in ms} of the state (reset-in
// -1 when no window is known).
var observeScript = redis.NewScript(luaNow + `
redis.call('ZREM', KEYS[3], ARGV[1])
local quota, remaining, window = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local reset = now - tonumber(ARGV[6]) + tonumber(ARGV[5]) + tonumber(ARGV[7])
local w = redis.call('HMGET', KEYS[1], 'quota', 'window', 'remaining', 'reset')
local kq, kw, kr, kreset = tonumber(w[1]), tonumber(w[2]), tonumber(w[3]), tonumber(w[4])
local function state()
  local s = redis.call('HMGET', KEYS[1], 'quota', 'window', 'remaining', 'reset')
  if not s[4] then return {0, 0, 0, -1} end
  return {tonumber(s[1]) or 0, tonumber(s[3]) or 0, tonumber(s[2]) or 0, math.max(tonumber(s[4]) - now, 0)}
end
if tonumber(ARGV[5]) < 0 or reset <= now then return state() end
if kreset and kreset > now then
  local tol = math.floor(math.max(kw or 0, window) / 2)
  if tol <= 0 then tol = 1000 end
  if reset < kreset - tol then return state() end
  if reset < kreset + tol then
    if kr and remaining >= kr then
      if reset > kreset then redis.call('HSET', KEYS[1], 'reset', reset) end
      return state()
    end
    reset = math.max(reset, kreset)
  end
end
redis.call('HSET', KEYS[1], 'quota', quota, 'window', window, 'remaining', remaining, 'reset', reset)
redis.call('PEXPIRE', KEYS[1], reset - now + 2 * math.max(window, 1000))
return state()
`)

// releaseScript ends a lease. ARGV: lease id.
var releaseScript = redis.NewScript(`
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('ZREM', KEYS[3], ARGV[1])
return 1
`)

// renewScript extends a live lease. ARGV: lease id, TTL ms.
// Returns 1 if the lease was still held.
var renewScript = redis.NewScript(luaNow + `
local ttl = tonumber(ARGV[2])
if not redis.call('ZSCORE', KEYS[2], ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[2], 'XX', now + ttl, ARGV[1])
redis.call('ZADD', KEYS[3], 'XX', now + ttl, ARGV[1])
redis.call('PEXPIRE', KEYS[2], 2 * ttl)
redis.call('PEXPIRE', KEYS[3], 2 * ttl)
return 1
`)

// stateScript reads the shared state.
// Returns {quota, remaining, window ms, reset-in ms (-1 unknown), pending,
// lease ids...}.
var stateScript = redis.NewScript(luaNow + `
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
local s = redis.call('HMGET', KEYS[1], 'quota', 'window', 'remaining', 'reset')
local out = {tonumber(s[1]) or 0, tonumber(s[3]) or 0, tonumber(s[2]) or 0, -1, redis.call('ZCARD', KEYS[3])}
if s[4] then out[4] = math.max(tonumber(s[4]) - now, 0) end
for _, id in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do table.insert(out, id) end
return out
`)
