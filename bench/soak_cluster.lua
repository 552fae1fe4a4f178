-- wrk script for bench/soak_cluster.py: POSTs chat questions as JSON to /api/chat. Each question
-- ends with "(TAG-THREAD-N)", unique in the run, so the question log can be matched against the
-- answers nginx logged. Counts 2xx and non-2xx itself (wrk's own count starts at 400) and prints
-- one line, SOAK_RESULT {json}, when the run ends.

local questions = {
  "what's on next?",
  "who is chairing the workshop?",
  "is there anything on patient safety?",
  "which room is the keynote in?",
  "what's on in the afternoon?",
  "who is speaking about community resilience?",
  "is there a session on digital health?",
  "when is the panel discussion?",
}
local tag = os.getenv("SOAK_TAG") or "soak"
local threads = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("thread_number", #threads)
end

function init(args)
  ok = 0
  non2xx = 0
  statuses = {}
end

function request()
  counter = counter + 1
  local question = questions[(counter % #questions) + 1]
  local body = string.format('{"message": "%s (%s-%d-%d)", "context": null}',
    question, tag, thread_number, counter)
  return wrk.format("POST", "/api/chat", {["Content-Type"] = "application/json"}, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then
    ok = ok + 1
  else
    non2xx = non2xx + 1
    local key = tostring(status)
    statuses[key] = (statuses[key] or 0) + 1
  end
end

function done(summary, latency, requests)
  local total_ok, total_bad, by_status = 0, 0, {}
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_bad = total_bad + thread:get("non2xx")
    for status, count in pairs(thread:get("statuses")) do
      by_status[status] = (by_status[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(by_status) do
    table.insert(parts, string.format('"%s": %d', status, count))
  end
  local e = summary.errors
  io.write(string.format(
    'SOAK_RESULT {"requests": %d, "ok_2xx": %d, "non_2xx": %d, "non_2xx_by_status": {%s}, ' ..
    '"socket_errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, ' ..
    '"seconds": %.2f, "p50_ms": %.1f, "p99_ms": %.1f, "max_ms": %.1f}\n',
    summary.requests, total_ok, total_bad, table.concat(parts, ", "),
    e.connect, e.read, e.write, e.timeout, summary.duration / 1e6,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
