-- wrk script of scripts/load-serve.sh: POSTs the pages listed in the file $PITH_LOAD_LIST to
-- /v1/extract in turn (each thread cycles through all of them), counts the responses by HTTP
-- status, and prints p50/p99 latency in milliseconds.

local pages = {}
local next_page = 0
answered = 0
statuses = {}

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  for path in io.lines(os.getenv("PITH_LOAD_LIST")) do
    local f = assert(io.open(path, "rb"))
    pages[#pages + 1] = f:read("*a")
    f:close()
  end
end

function request()
  next_page = next_page % #pages + 1
  return wrk.format("POST", "/v1/extract", { ["Content-Type"] = "text/html" }, pages[next_page])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  answered = answered + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  for status, n in pairs(total) do
    io.write(string.format("status %d: %d\n", status, n))
  end
  io.write(string.format("latency p50_ms %.2f p99_ms %.2f\n", latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
