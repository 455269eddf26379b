-- Remove an object when its revision matches (or unconditionally for ''), logging a DELETED
-- change that carries the object's last state stamped with the deletion revision, and releasing
-- the claims it owns. A failed check writes nothing.
-- KEYS[1] revision  KEYS[2] objects  KEYS[3] change log  KEYS[4..] claim hashes
-- ARGV[1] key  ARGV[2] expected revision or ''  ARGV[3] json before the resourceVersion value
-- ARGV[4] json after it  ARGV[5..] claim members, one per claim hash
local key = ARGV[1]
local existing = redis.call('HGET', KEYS[2], key)
if not existing then
  return {'notfound', ''}
end
local current = string.sub(existing, 1, string.find(existing, ' ', 1, true) - 1)
if ARGV[2] ~= '' and ARGV[2] ~= current then
  return {'conflict', current}
end
local rev = redis.call('INCR', KEYS[1])
local obj = ARGV[3] .. rev .. ARGV[4]
redis.call('XADD', KEYS[3], rev .. '-0', 't', 'DELETED', 'k', key, 'o', obj)
redis.call('HDEL', KEYS[2], key)
for i = 4, #KEYS do
  if redis.call('HGET', KEYS[i], ARGV[i + 1]) == key then
    redis.call('HDEL', KEYS[i], ARGV[i + 1])
  end
end
return {'ok', tostring(rev)}
