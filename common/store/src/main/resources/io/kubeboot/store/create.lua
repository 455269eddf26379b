-- Create an object if its key is free. Atomic: all checks come first, then INCR, then the
-- change-log append (the only write that could be refused, so it runs before any state changes),
-- then the state. A failed check writes nothing.
-- Objects are stored as "<revision> <json>" so that one HGET yields both.
-- KEYS[1] revision counter  KEYS[2] objects hash  KEYS[3] change log stream  KEYS[4..] claim hashes
-- ARGV[1] key  ARGV[2] json before the resourceVersion value  ARGV[3] json after it
-- ARGV[4..] claim members, one per claim hash
local key = ARGV[1]
local existing = redis.call('HGET', KEYS[2], key)
if existing then
  return {'exists', string.sub(existing, 1, string.find(existing, ' ', 1, true) - 1)}
end
for i = 4, #KEYS do
  if redis.call('HEXISTS', KEYS[i], ARGV[i]) == 1 then
    return {'claimed', tostring(i - 4)}
  end
end
local rev = redis.call('INCR', KEYS[1])
local obj = ARGV[2] .. rev .. ARGV[3]
redis.call('XADD', KEYS[3], rev .. '-0', 't', 'ADDED', 'k', key, 'o', obj)
redis.call('HSET', KEYS[2], key, rev .. ' ' .. obj)
for i = 4, #KEYS do
  redis.call('HSET', KEYS[i], ARGV[i], key)
end
return {'ok', tostring(rev)}
