-- wrk script for bench/crowd_bench.py: POSTs the chat bodies of CROWD_BODIES (one JSON body a
-- line) to /api/chat, each thread walking the file from its own offset, round and round.
-- Counts 2xx and non-2xx itself and prints one line, CROWD_RESULT {json}, when the run ends.

local path = os.getenv("CROWD_BODIES")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  bodies = {}
  for line in io.lines(path) do
    if #line > 0 then table.insert(bodies, line) end
  end
  -- threads start evenly apart in the list, so no two ask the same questions in step
  local count = tonumber(os.getenv("CROWD_THREADS") or "1")
  position = (thread_number - 1) * math.floor(#bodies / count)
  ok = 0
  non2xx = 0
end

function request()
  position = position + 1
  local body = bodies[(position % #bodies) + 1]
  return wrk.format("POST", "/api/chat", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then ok = ok + 1 else non2xx = non2xx + 1 end
end

function done(summary, latency, requests)
  local total_ok, total_bad = 0, 0
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_bad = total_bad + thread:get("non2xx")
  end
  local e = summary.errors
  io.write(string.format(
    'CROWD_RESULT {"requests": %d, "ok_2xx": %d, "non_2xx": %d, ' ..
    '"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, ' ..
    '"seconds": %.3f, "p50_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f}\n',
    summary.requests, total_ok, total_bad, e.connect, e.read, e.write, e.timeout,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
