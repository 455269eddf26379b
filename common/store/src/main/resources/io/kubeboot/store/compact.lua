-- Compaction, as etcd's: forget the history at or below a revision. Raises the compacted
-- revision (never lowers it) and trims every change log below it. Idempotent.
-- KEYS[1] revision  KEYS[2] compacted revision  KEYS[3..] change logs
-- ARGV[1] the revision to compact to
local target = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if target > current then
  target = current
end
local compacted = tonumber(redis.call('GET', KEYS[2]) or '0')
if target <= compacted then
  return tostring(compacted)
end
redis.call('SET', KEYS[2], target)
for i = 3, #KEYS do
  redis.call('XTRIM', KEYS[i], 'MINID', (target + 1) .. '-0')
end
return tostring(target)
