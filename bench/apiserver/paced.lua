-- wrk script: a fixed rate of AdmissionReviews straight to a webhook. Each of wrk's connections
-- waits 1000 * connections / PINNED_BENCH_RATE ms before each request, so that the connections
-- together send about PINNED_BENCH_RATE reviews per second (a little less: the wait does not
-- subtract the response time, a fraction of a millisecond against waits of 20 ms and more).
-- The achieved rate is what is reported. Body: the file of PINNED_BENCH_BODY.
local file = assert(io.open(os.getenv("PINNED_BENCH_BODY"), "rb"))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, */*"
wrk.headers["User-Agent"] = "kube-apiserver-admission"

local wait_ms = 1000 * tonumber(os.getenv("PINNED_BENCH_CONNECTIONS")) / tonumber(os.getenv("PINNED_BENCH_RATE"))
function delay()
  return wait_ms
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d socket_errors=%d status_errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
