# The performance suite in CI: its tools (wrk, h2load from nghttp2-client, curl, jq) and the switch
# that makes tests/Pinned.Tests/Bench/LoadSuiteSmokeTests run bench/load/run.sh --smoke and the
# BenchmarkDotNet suites as a dry job (they are skipped in a plain `./test.sh`).
bench_tools=()
command -v wrk >/dev/null || bench_tools+=(wrk)
command -v h2load >/dev/null || bench_tools+=(nghttp2-client)
command -v curl >/dev/null || bench_tools+=(curl)
command -v jq >/dev/null || bench_tools+=(jq)
if ((${#bench_tools[@]})); then
  apt-get update -qq >/dev/null || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${bench_tools[@]}" >/dev/null \
    || echo "bench tools (${bench_tools[*]}) could not be installed: the load smoke test will say so"
fi
unset bench_tools
export PINNED_BENCH_SMOKE=1
