-- wrk script: creates pods through the API server. POSTs the pod of PINNED_BENCH_BODY (a
-- digest-pinned pod) with the bearer token of PINNED_BENCH_TOKEN, and prints one
-- machine-readable RESULT line at the end (as bench/load/post.lua). Any status but 201 is an
-- error: wrk counts statuses > 399, and response() counts the rest.
--
-- Each request names its pod (bench-<thread>-<n>) instead of sending the file's generateName:
-- kube-apiserver 1.28 answers a generateName collision with 409 rather than retrying, and its
-- 5 random characters (27^5 names) collide about once in ten runs of 1,700 pods.
local file = assert(io.open(os.getenv("PINNED_BENCH_BODY"), "rb"))
local template = file:read("*a")
file:close()
local body, replaced = template:gsub('"generateName"%s*:%s*"bench%-"', '"name": "bench-%%s"')
assert(replaced == 1, "PINNED_BENCH_BODY must hold \"generateName\": \"bench-\" once")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("PINNED_BENCH_TOKEN")

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("thread_id", threads)
end

local created = 0
function request()
  created = created + 1
  return wrk.format(nil, nil, nil, body:format(thread_id .. "-" .. created))
end

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
