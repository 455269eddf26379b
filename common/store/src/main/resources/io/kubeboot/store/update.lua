-- Replace an existing object when its revision matches (or unconditionally for an empty expected
-- revision). Released claims are dropped if this key owns them; new claims must be free or owned
-- by this key already. Checks first; a failed check writes nothing.
-- KEYS[1] revision  KEYS[2] objects  KEYS[3] change log  KEYS[4..] claim hashes (released ones first)
-- ARGV[1] key  ARGV[2] expected revision or ''  ARGV[3] json before the resourceVersion value
-- ARGV[4] json after it  ARGV[5] number of released claims R  ARGV[6..] one member per claim hash
local key = ARGV[1]
local existing = redis.call('HGET', KEYS[2], key)
if not existing then
  return {'notfound', ''}
end
local current = string.sub(existing, 1, string.find(existing, ' ', 1, true) - 1)
if ARGV[2] ~= '' and ARGV[2] ~= current then
  return {'conflict', current}
end
local released = tonumber(ARGV[5])
for i = 4 + released, #KEYS do
  local owner = redis.call('HGET', KEYS[i], ARGV[i + 2])
  if owner and owner ~= key then
    return {'claimed', tostring(i - 4 - released)}
  end
end
local rev = redis.call('INCR', KEYS[1])
local obj = ARGV[3] .. rev .. ARGV[4]
redis.call('XADD', KEYS[3], rev .. '-0', 't', 'MODIFIED', 'k', key, 'o', obj)
redis.call('HSET', KEYS[2], key, rev .. ' ' .. obj)
for i = 4, 3 + released do
  if redis.call('HGET', KEYS[i], ARGV[i + 2]) == key then
    redis.call('HDEL', KEYS[i], ARGV[i + 2])
  end
end
for i = 4 + released, #KEYS do
  redis.call('HSET', KEYS[i], ARGV[i + 2], key)
end
return {'ok', tostring(rev)}
