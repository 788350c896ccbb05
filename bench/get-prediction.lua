-- wrk: GET /api/v1/predictions/{id} over a spread of real fixture ids.
-- The ids (already URL-encoded, one per line) come from the file named by the WRK_IDS
-- environment variable; each request picks one at random. Requests are formatted once in
-- init, so wrk spends its CPU sending them rather than building them.
local requests = {}

function init(args)
  for line in io.lines(os.getenv("WRK_IDS")) do
    requests[#requests + 1] = wrk.format("GET", "/api/v1/predictions/" .. line)
  end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  return requests[math.random(#requests)]
end
