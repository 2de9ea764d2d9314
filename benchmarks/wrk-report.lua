-- wrk script of serving-overhead.sh: posts BODY_FILE (when set) with the demo key, and prints one
-- machine-readable RESULT line (req/s, p50 ms, p99 ms, errors, worker latencyMs, requests). With COLLECT=1 it also averages the answers' "latencyMs" (the
-- worker's own time), at some cost to wrk itself, so only single-connection runs use it.
local body_file = os.getenv("BODY_FILE")
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file))
  wrk.method = "POST"
  wrk.body = f:read("*a")
  f:close()
  wrk.headers["Content-Type"] = "application/json"
end
local key = os.getenv("API_KEY")
if key and key ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. key
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

if os.getenv("COLLECT") == "1" then
  latency_sum = 0
  latency_count = 0
  function response(status, headers, body)
    local ms = body and string.match(body, '"latencyMs":([0-9.eE+-]+)')
    if ms then
      latency_sum = latency_sum + tonumber(ms)
      latency_count = latency_count + 1
    end
  end
end

function done(summary, latency, requests)
  local sum, count = 0, 0
  for _, thread in ipairs(threads) do
    sum = sum + (thread:get("latency_sum") or 0)
    count = count + (thread:get("latency_count") or 0)
  end
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.1f %.3f %.3f %d %s %d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000.0,
    latency:percentile(99) / 1000.0,
    errors,
    count > 0 and string.format("%.4f", sum / count) or "-",
    summary.requests))
end
