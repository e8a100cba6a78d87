// Lua scripts, each run atomically by Redis. Times come from Redis `TIME` (milliseconds), never from
// the processes' clocks. A key of the wrong type or a value that does not parse is foreign: dropped.

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local function own(key, kind)
  local k = redis.call('TYPE', key)['ok']
  if k ~= 'none' and k ~= kind then redis.call('DEL', key) end
end
`;

/**
 * The sliding log: at most `limit` entries whose window has not ended. An entry's score is the end of
 * its window. While its answer is outstanding (member `p:<id>`) that is `grant + pending + window +
 * margin`; when the answer arrives (member `d:<id>`) it becomes `answer + window + margin`: the server
 * saw the request no later than its answer came back, as the in-process limiter anchors it.
 * A pause (after a 429) holds every request until it ends; one longer than `maxPauseMs` (written by
 * someone else) is cut to it, one that does not parse is dropped.
 * KEYS: log, pause. ARGV: limit, windowMs, marginMs, pendingMs, id, maxPauseMs.
 * Returns `{0, 0}` when the slot is granted, else `{ms to wait, 1 if the blocking entry awaits its answer}`.
 */
export const ACQUIRE = `${NOW}
own(KEYS[2], 'string')
local raw = redis.call('GET', KEYS[2])
local pause, longest = tonumber(raw or ''), tonumber(ARGV[6])
-- A pause that does not parse is foreign; one longer than any we write is cut to the longest.
if raw and not pause then redis.call('DEL', KEYS[2]) end
if pause and pause > now + longest then
  pause = now + longest
  redis.call('SET', KEYS[2], pause, 'PX', longest)
end
if pause and pause > now then return {pause - now, 0} end
local limit, window, margin, pending = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
if limit <= 0 then return {0, 0} end
local span = pending + window + margin
own(KEYS[1], 'zset')
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
-- No entry of ours ends later than a full span from now: anything that does is foreign.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '(' .. (now + span), '+inf')
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now + span, 'p:' .. ARGV[5])
  redis.call('PEXPIRE', KEYS[1], span + 1000)
  return {0, 0}
end
local e = redis.call('ZREVRANGE', KEYS[1], limit - 1, limit - 1, 'WITHSCORES')
local wait = math.max(1, tonumber(e[2]) - now)
if string.sub(e[1], 1, 2) == 'p:' then return {wait, 1} end
return {wait, 0}
`;

/**
 * The answer to entry `id` arrived `ageMs` ago: anchor the entry on it, and after a 429 pause the key
 * for `pauseMs`. KEYS: log, pause. ARGV: windowMs, marginMs, id, ageMs, pauseMs.
 */
export const DONE = `${NOW}
own(KEYS[1], 'zset')
redis.call('ZREM', KEYS[1], 'p:' .. ARGV[3])
local ends = now - tonumber(ARGV[4]) + tonumber(ARGV[1]) + tonumber(ARGV[2])
if ends > now then
  redis.call('ZADD', KEYS[1], ends, 'd:' .. ARGV[3])
  if redis.call('PTTL', KEYS[1]) < ends - now then redis.call('PEXPIRE', KEYS[1], ends - now + 1000) end
end
local ms = tonumber(ARGV[5])
if ms > 0 then
  own(KEYS[2], 'string')
  local current = tonumber(redis.call('GET', KEYS[2]) or '')
  if not current or current < now + ms then redis.call('SET', KEYS[2], now + ms, 'PX', ms) end
end
return 0
`;

/** The value of a string key; any other type is dropped. KEYS: key. */
export const READ = `local k = redis.call('TYPE', KEYS[1])['ok']
if k == 'string' then return redis.call('GET', KEYS[1]) end
if k ~= 'none' then redis.call('DEL', KEYS[1]) end
return false
`;

/** Takes the lock if free; a lock without expiry is foreign and dropped. KEYS: lock. ARGV: owner, ttlMs. Returns 1 if taken. */
export const LOCK = `if redis.call('PTTL', KEYS[1]) == -1 then redis.call('DEL', KEYS[1]) end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
return 0
`;

/** Deletes KEYS[1] if its value is ARGV[1] (a lock's owner). */
export const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
return 0
`;

/** Deletes the shared token KEYS[1] if it is still ARGV[1]: one 401 renewal, once for everyone. */
export const INVALIDATE = `if redis.call('TYPE', KEYS[1])['ok'] ~= 'string' then return 0 end
local ok, d = pcall(cjson.decode, redis.call('GET', KEYS[1]))
if not ok or type(d) ~= 'table' or d.v == ARGV[1] then redis.call('DEL', KEYS[1]) return 1 end
return 0
`;
