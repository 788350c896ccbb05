-- wrk: POST /api/v1/predict with a production-like mix, 73% cache hits.
-- WRK_FIXTURES names a tab-separated file "league<TAB>home<TAB>away" of real pairings.
-- 73% of requests pick one of HOT_SET bodies (cached in Redis after their first request);
-- the rest get a kick-off second no request has used before (thread-unique), so they miss the cache
-- and are computed from the stores' team state. Hot requests are formatted once, in init.
local HOT_SET = 20
local HIT_SHARE = 0.73
-- far from any real fixture, so a "unique" request never lands on a streamed prediction
local UNIQUE_EPOCH = 1893456000 -- 2030-01-01T00:00:00Z
local pairs_ = {}
local hot = {}
local counter = 0
local thread_offset = 0

local function body(p, kickoff)
  return string.format('{"home_team":"%s","away_team":"%s","league":"%s","kickoff_time":"%s"}',
    p[2], p[3], p[1], os.date("!%Y-%m-%dT%H:%M:%SZ", kickoff))
end

function init(args)
  for line in io.lines(os.getenv("WRK_FIXTURES")) do
    local league, home, away = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)$")
    if league then pairs_[#pairs_ + 1] = { league, home, away } end
  end
  local seed = os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0)
  math.randomseed(seed)
  -- same hot set in every thread: a fixed stride through the list, fixed kick-offs
  for i = 1, HOT_SET do
    hot[i] = wrk.format(nil, nil, nil, body(pairs_[(i * 97) % #pairs_ + 1], UNIQUE_EPOCH - 86400 * i))
  end
  -- each thread counts in its own band of seconds, so unique kick-offs never collide; the 1,000 bands
  -- end before 2189, inside the years the API accepts (1850-2200)
  thread_offset = (seed % 1000) * 5000000
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function request()
  if math.random() < HIT_SHARE then
    return hot[math.random(HOT_SET)]
  end
  counter = counter + 1
  return wrk.format(nil, nil, nil, body(pairs_[math.random(#pairs_)], UNIQUE_EPOCH + thread_offset + counter))
end
