-- wrk script: creates pods through the API server. POSTs the pod of PINNED_BENCH_BODY (a
-- digest-pinned pod with generateName) with the bearer token of PINNED_BENCH_TOKEN, and prints
-- one machine-readable RESULT line at the end (as bench/load/post.lua). Any status but 201 is an
-- error: wrk counts statuses > 399, and response() counts the rest.
local file = assert(io.open(os.getenv("PINNED_BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("PINNED_BENCH_TOKEN")

local unexpected = 0
function response(status, headers, body)
  if status ~= 201 and status < 400 then unexpected = unexpected + 1 end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d socket_errors=%d status_errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status + unexpected,
    latency:percentile(50), latency:percentile(99)))
end
