#!/usr/bin/env bash
# Load test of `pinned serve --dev` against the floor (bench/Pinned.Floor: bare Kestrel TLS that
# reads the body and answers a constant review) and the JSON floor (the same, plus one
# Utf8JsonReader pass over the body), same load generator, alternating runs, loopback.
# Prints per protocol and payload: requests/s, p50/p99 latency, peak RSS, ratios to the floor;
# then a soak (RSS every 5 s under mixed load) and cold start to /readyz = 200.
# See PERFORMANCE.md for the figures and how to read them.
set -euo pipefail
LOAD_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$LOAD_DIR/../.." && pwd)
PAYLOADS="$ROOT/bench/payloads"
source "$LOAD_DIR/lib.sh"

usage() {
  cat <<'USAGE'
usage: bench/load/run.sh [options]
  --duration S      seconds per measured run (default 10)
  --warmup S        seconds of warm-up per server, protocol and payload (default 3), after a
                    first warm-up of 5 x S on every payload (tiered JIT needs it on 2 busy cores)
  --rounds N        floor/JSON floor/pinned alternations per payload; medians are reported (default 3)
  --connections N   concurrent requests: wrk connections; h2load streams, 8 per connection (default 32)
  --protocols LIST  h1,h2 (default both)
  --soak S          soak length in seconds, RSS sampled every 5 s (default 60; 0 skips)
  --cold-runs N     cold starts to /readyz measured (default 5; 0 skips)
  --pinned-port P   default: a free port (cold starts use another free port)
  --floor-port P    default: a free port
  --out DIR         where results go (default artifacts/bench/latest)
  --jit             measure the framework-dependent builds of `dotnet build` instead of what
                    `dotnet publish` makes and the image ships (self-contained, trimmed, ReadyToRun)
  --pin             one core each (taskset): the servers on CPU 0, wrk and h2load on CPU 1; steadier
                    figures (the HTTP/1.1 floor is bimodal when the scheduler moves it), lower
                    absolute throughput; give it --warmup 8 or more, tier-up is slow on one core
  --no-build        use the existing builds
  --build-only      build (publish) both servers and stop: what bench/apiserver/run.sh --no-build
                    uses too (the CI smoke tests publish once for both suites)
  --smoke           everything for ~2 s each: proves the suite works, measures nothing (CI)
USAGE
}

DURATION=10 WARMUP=3 ROUNDS=3 CONNECTIONS=32 PROTOCOLS=h1,h2 SOAK=60 SOAK_EVERY=5 COLD_RUNS=5
PINNED_PORT="" FLOOR_PORT="" OUT="$ROOT/artifacts/bench/latest" BUILD=1 BUILD_ONLY=0 SMOKE=0 FLAVOUR=published PIN=0
while (($#)); do
  case $1 in
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --protocols) PROTOCOLS=$2; shift ;;
    --soak) SOAK=$2; shift ;;
    --cold-runs) COLD_RUNS=$2; shift ;;
    --pinned-port) PINNED_PORT=$2; shift ;;
    --floor-port) FLOOR_PORT=$2; shift ;;
    --out) OUT=$2; shift ;;
    --jit) FLAVOUR=jit ;;
    --pin) PIN=1 ;;
    --no-build) BUILD=0 ;;
    --build-only) BUILD_ONLY=1 ;;
    --smoke) SMOKE=1 DURATION=2 WARMUP=1 ROUNDS=1 CONNECTIONS=8 SOAK=4 SOAK_EVERY=1 COLD_RUNS=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done

[[ -n $PINNED_PORT ]] || PINNED_PORT=$(free_port)
while [[ -z $FLOOR_PORT || $FLOOR_PORT == "$PINNED_PORT" ]]; do FLOOR_PORT=$(free_port); done

# name, path, payload file; the audit review goes to the audit path as the chart routes it.
CASES=(
  "typical /validate?timeout=5s pod-allowed.json"
  "large /validate?timeout=5s deployment-large.json"
  "denied /validate?timeout=5s pod-denied-10.json"
  "audit /validate/audit?timeout=5s pod-audit.json"
)

mkdir -p "$OUT"
STATE=$(mktemp -d /tmp/pinned-bench.XXXXXX)
trap 'stop_server pinned; stop_server floor; stop_server cold; rm -rf "$STATE"' EXIT
ensure_tools
if ((PIN)); then
  (($(nproc) >= 2)) || die "--pin needs two CPUs; this machine has $(nproc)"
  command -v taskset >/dev/null || die "--pin needs taskset (util-linux)"
  SERVER_PIN=(taskset -c 0) LOAD_PIN=(taskset -c 1)
fi

# Both servers are built the same way, so that only the work differs.
if [[ $FLAVOUR == published ]]; then
  PINNED_EXE="$ROOT/artifacts/bench/published/pinned/pinned"
  FLOOR_EXE="$ROOT/artifacts/bench/published/floor/Pinned.Floor"
else
  PINNED_EXE="$ROOT/src/Pinned/bin/Release/net10.0/pinned"
  FLOOR_EXE="$ROOT/bench/Pinned.Floor/bin/Release/net10.0/Pinned.Floor"
fi
PINNED_EXE="${PINNED_BENCH_EXE:-$PINNED_EXE}"
if ((BUILD)); then
  for project in src/Pinned bench/Pinned.Floor; do
    if [[ $FLAVOUR == published ]]; then
      log "publishing $project (self-contained, trimmed, ReadyToRun)"
      out="$ROOT/artifacts/bench/published/$([[ $project == src/Pinned ]] && echo pinned || echo floor)"
      dotnet publish "$ROOT/$project" -c Release -o "$out" -nologo -clp:"ErrorsOnly;NoSummary" -v:q >&2
    else
      log "building $project (Release, JIT)"
      dotnet build "$ROOT/$project" -c Release -nologo -clp:"ErrorsOnly;NoSummary" -v:q >&2
    fi
  done
fi
[[ -x $PINNED_EXE && -x $FLOOR_EXE ]] || die "build first: $PINNED_EXE / $FLOOR_EXE missing"
((BUILD_ONLY == 0)) || exit 0

# The container image's runtime environment (Dockerfile ENV), for pinned and the floor alike.
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x200000}"
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}"
export DOTNET_TieredPGO="${DOTNET_TieredPGO:-0}"
log "starting pinned serve --dev on :$PINNED_PORT and the floor on :$FLOOR_PORT ($FLAVOUR builds)"
start_server pinned "$PINNED_PORT" "${SERVER_PIN[@]}" "$PINNED_EXE" serve --dev --address 127.0.0.1 --port "$PINNED_PORT"
start_server floor "$FLOOR_PORT" "${SERVER_PIN[@]}" "$FLOOR_EXE" --address 127.0.0.1 --port "$FLOOR_PORT"
source "$LOAD_DIR/verify.sh"
verify_pinned_answers "$PINNED_PORT"

# Three servers, two processes: the JSON floor is the floor process under /json/.
port_of() { if [[ $1 == pinned ]]; then echo "$PINNED_PORT"; else echo "$FLOOR_PORT"; fi; }
path_of() { if [[ $1 == json ]]; then echo "/json$2"; else echo "$2"; fi; }
process_of() { if [[ $1 == json ]]; then echo floor; else echo "$1"; fi; }
drive() { # drive PROTO SERVER PATH BODY SECONDS
  local port path
  port=$(port_of "$2") path=$(path_of "$2" "$3")
  if [[ $1 == h1 ]]; then drive_wrk "$port" "$path" "$4" "$5"; else drive_h2load "$port" "$path" "$4" "$5"; fi
}
SERVERS=(floor json pinned)

if ((WARMUP > 0)); then
  log "warm-up: $((5 * WARMUP))s of mixed payloads on each server"
  for server in floor json pinned; do
    PINNED_BENCH_PAYLOADS="$PAYLOADS" PINNED_BENCH_PREFIX=$(path_of "$server" "") "${LOAD_PIN[@]}" wrk -t1 -c"$CONNECTIONS" -d"$((5 * WARMUP))s" --timeout 5s \
      -s "$LOAD_DIR/mixed.lua" "https://127.0.0.1:$(port_of "$server")/validate" >/dev/null
  done
fi

RESULTS="$OUT/results.tsv"
printf 'protocol\tpayload\tserver\tround\trps\tp50_ms\tp99_ms\tpeak_rss_mb\terrors\tcpu_us_per_request\n' >"$RESULTS"
IFS=, read -ra protocols <<<"$PROTOCOLS"
for proto in "${protocols[@]}"; do
  for case in "${CASES[@]}"; do
    read -r name path file <<<"$case"
    body="$PAYLOADS/$file"
    log "$proto $name: warm-up ${WARMUP}s each, then $ROUNDS x (${SERVERS[*]}) of ${DURATION}s"
    if ((WARMUP > 0)); then
      for server in "${SERVERS[@]}"; do drive "$proto" "$server" "$path" "$body" "$WARMUP" >/dev/null; done
    fi
    for round in $(seq 1 "$ROUNDS"); do
      for server in "${SERVERS[@]}"; do
        pid=$(server_pid "$(process_of "$server")")
        reset_peak_rss "$pid"
        ticks=$(cpu_ticks "$pid")
        read -r rps p50 p99 errors requests < <(drive "$proto" "$server" "$path" "$body" "$DURATION")
        kill -0 "$pid" 2>/dev/null || die "$server died during $proto $name (see $STATE/$(process_of "$server").log)"
        cpu=$(awk -v t=$(($(cpu_ticks "$pid") - ticks)) -v hz="$CLOCK_TICKS" -v n="$requests" 'BEGIN { printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0) }')
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$proto" "$name" "$server" "$round" \
          "$rps" "$p50" "$p99" "$(peak_rss_mb "$pid")" "$errors" "$cpu" >>"$RESULTS"
      done
    done
  done
done
{
  echo "builds: $FLAVOUR (pinned: $PINNED_EXE)"
  ((PIN)) && echo "cores: servers on CPU 0, load generator on CPU 1 (--pin)"
  "$LOAD_DIR/summarize.sh" "$RESULTS"
} | tee "$OUT/summary.txt"

if ((SOAK > 0)); then
  source "$LOAD_DIR/soak.sh"
  soak_pinned "$PINNED_PORT" "$SOAK" "$SOAK_EVERY" | tee "$OUT/soak.txt"
fi
stop_server pinned
stop_server floor
if ((COLD_RUNS > 0)); then
  source "$LOAD_DIR/coldstart.sh"
  cold_start "$COLD_RUNS" "$(free_port)" | tee "$OUT/coldstart.txt"
fi

errors=$(awk -F'\t' 'NR > 1 { e += $9 } END { print e + 0 }' "$RESULTS")
((errors == 0)) || die "$errors failed requests or runs: the figures above are not valid"
log "done; results in $OUT"
