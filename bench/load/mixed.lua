-- wrk script for the soak: cycles through every payload (and the audit path) so that each code
-- path of the webhook runs for the whole soak. PINNED_BENCH_PAYLOADS is the payloads folder.
local dir = os.getenv("PINNED_BENCH_PAYLOADS")
local prefix = os.getenv("PINNED_BENCH_PREFIX") or "" -- "/json" for the JSON floor
local plan = {
  { "/validate?timeout=5s", "pod-allowed.json" },
  { "/validate?timeout=5s", "pod-denied-10.json" },
  { "/validate/audit?timeout=5s", "pod-audit.json" },
  { "/validate?timeout=5s", "deployment-large.json" },
}
local requests = {}
local next_index = 0

-- Built in init, once wrk has set the Host header that wrk.format copies into each request.
function init(args)
  for i, entry in ipairs(plan) do
    local file = assert(io.open(dir .. "/" .. entry[2], "rb"))
    local headers = { ["Content-Type"] = "application/json", ["User-Agent"] = "kube-apiserver-admission" }
    requests[i] = wrk.format("POST", prefix .. entry[1], headers, file:read("*a"))
    file:close()
  end
end

function request()
  next_index = next_index % #requests + 1
  return requests[next_index]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d socket_errors=%d status_errors=%d p50_us=%d p99_us=%d\n",
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
