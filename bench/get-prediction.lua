-- wrk: GET /api/v1/predictions/{id} over a spread of real fixture ids.
-- The ids (already URL-encoded, one per line) come from the file named by the WRK_IDS
-- environment variable; each request picks one at random.
local paths = {}

function init(args)
  for line in io.lines(os.getenv("WRK_IDS")) do
    paths[#paths + 1] = "/api/v1/predictions/" .. line
  end
  math.randomseed(os.time() + (tonumber(tostring({}):match("0x(%x+)"), 16) or 0))
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end
