-- A consistent snapshot of one resource type: the global revision, the compacted revision and
-- every object ("<revision> <json>" values), read in one atomic step.
-- KEYS[1] revision  KEYS[2] compacted revision  KEYS[3] objects hash
local rev = redis.call('GET', KEYS[1]) or '0'
local compacted = redis.call('GET', KEYS[2]) or '0'
return {rev, compacted, redis.call('HGETALL', KEYS[3])}
