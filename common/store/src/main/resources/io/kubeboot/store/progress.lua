-- The global revision together with the newest change-log entry of each given stream, read
-- atomically: a cache that has applied those entries is consistent with that revision.
-- KEYS[1] revision  KEYS[2..] change logs
local out = {redis.call('GET', KEYS[1]) or '0'}
for i = 2, #KEYS do
  local last = redis.call('XREVRANGE', KEYS[i], '+', '-', 'COUNT', 1)
  if #last > 0 then
    out[i] = last[1][1]
  else
    out[i] = '0-0'
  end
end
return out
