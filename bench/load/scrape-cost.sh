#!/usr/bin/env bash
# What /metrics costs `pinned serve` per review. Pinned has no switch to turn the runtime, process
# and Kestrel meters off: the runtime and process ones are observable (read only when a scrape
# collects them), Kestrel's count connections, not requests. So the comparison is the one a
# cluster sees: the same server under the same load, alternately with no scrape ("quiet") and
# with a GET /metrics every second ("scraped", 30x the chart's default ServiceMonitor interval),
# both in the same run; then 500 scrapes alone, with no load, for the CPU of one scrape.
# Prints medians and the scraped/quiet ratios; rows in OUT/results.tsv.
set -euo pipefail
LOAD_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$LOAD_DIR/../.." && pwd)
source "$LOAD_DIR/lib.sh"

usage() {
  cat <<'USAGE'
usage: bench/load/scrape-cost.sh [options]
  --duration S      seconds per measured run (default 10)
  --rounds N        quiet/scraped alternations; medians are reported (default 5)
  --connections N   wrk connections (default 16)
  --payload FILE    the review posted (default bench/payloads/pod-allowed.json)
  --out DIR         where results go (default artifacts/bench/scrape-cost)
  --no-build        use the existing build (src/Pinned, Release, JIT)
  --smoke           one round of 2 s and 20 scrapes alone: proves it works, measures nothing (CI)
USAGE
}

DURATION=10 ROUNDS=5 CONNECTIONS=16 PAYLOAD="$ROOT/bench/payloads/pod-allowed.json" OUT="$ROOT/artifacts/bench/scrape-cost" BUILD=1 ALONE=500
while (($#)); do
  case $1 in
    --duration) DURATION=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --payload) PAYLOAD=$2; shift ;;
    --out) OUT=$2; shift ;;
    --no-build) BUILD=0 ;;
    --smoke) DURATION=2 ROUNDS=1 CONNECTIONS=4 ALONE=20 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done

LOAD_PIN=()
mkdir -p "$OUT"
STATE=$(mktemp -d /tmp/pinned-scrape.XXXXXX)
SCRAPER=""
trap '[[ -n $SCRAPER ]] && kill "$SCRAPER" 2>/dev/null; stop_server pinned; rm -rf "$STATE"' EXIT
ensure_tools
if ((BUILD)); then
  log "building src/Pinned (Release)"
  dotnet build "$ROOT/src/Pinned" -c Release -nologo -clp:"ErrorsOnly;NoSummary" -v:q >&2
fi
PINNED_EXE="$ROOT/src/Pinned/bin/Release/net10.0/pinned"
[[ -x $PINNED_EXE ]] || die "build first: $PINNED_EXE missing"

# The container image's runtime environment (Dockerfile ENV).
export DOTNET_GCgen0size="${DOTNET_GCgen0size:-0x200000}"
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit="${DOTNET_ThreadPool_UnfairSemaphoreSpinLimit:-0}"
export DOTNET_TieredPGO="${DOTNET_TieredPGO:-0}"
PORT=$(free_port)
start_server pinned "$PORT" "$PINNED_EXE" serve --dev --address 127.0.0.1 --port "$PORT"
PID=$(server_pid pinned)
METRICS="https://127.0.0.1:$PORT/metrics"

# scrape_every_second FILE: GETs /metrics once a second until killed, one line per scrape in FILE.
scrape_every_second() {
  while true; do
    curl -sk --max-time 2 -o /dev/null -w '%{http_code} %{size_download}\n' "$METRICS" >>"$1" || true
    sleep 1
  done
}

log "warm-up: $((3 * DURATION))s of load, with scrapes"
scrape_every_second "$STATE/warmup.scrapes" &
SCRAPER=$!
drive_wrk "$PORT" "/validate?timeout=5s" "$PAYLOAD" "$((3 * DURATION))" >/dev/null
kill "$SCRAPER"; wait "$SCRAPER" 2>/dev/null || true; SCRAPER=""

RESULTS="$OUT/results.tsv"
printf 'mode\tround\trps\tp50_ms\tp99_ms\terrors\tcpu_us_per_review\tscrapes\n' >"$RESULTS"
for round in $(seq 1 "$ROUNDS"); do
  for mode in quiet scraped; do
    scrapes="$STATE/$mode-$round.scrapes"
    : >"$scrapes"
    if [[ $mode == scraped ]]; then scrape_every_second "$scrapes" & SCRAPER=$!; fi
    ticks=$(cpu_ticks "$PID")
    read -r rps p50 p99 errors requests < <(drive_wrk "$PORT" "/validate?timeout=5s" "$PAYLOAD" "$DURATION")
    used=$(($(cpu_ticks "$PID") - ticks))
    if [[ -n $SCRAPER ]]; then kill "$SCRAPER"; wait "$SCRAPER" 2>/dev/null || true; SCRAPER=""; fi
    kill -0 "$PID" 2>/dev/null || die "pinned serve died (see $STATE/pinned.log)"
    cpu=$(awk -v t="$used" -v hz="$CLOCK_TICKS" -v n="$requests" 'BEGIN { printf "%.1f", (n > 0 ? t * 1e6 / hz / n : 0) }')
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$mode" "$round" "$rps" "$p50" "$p99" "$errors" "$cpu" "$(grep -c '^200 ' "$scrapes")" >>"$RESULTS"
    log "$mode round $round: $rps reviews/s, p50 $p50 ms, p99 $p99 ms, $cpu µs CPU/review, $(grep -c '^200 ' "$scrapes") scrapes"
  done
done

# The scrapes alone: CPU per scrape with nothing else to do, $ALONE (500) GETs on one kept-alive
# connection as Prometheus scrapes (the once-a-second curl above pays a TLS handshake each time).
log "scrapes alone: $ALONE on one connection, no load"
sleep 2
urls=()
for _ in $(seq 1 "$ALONE"); do urls+=(-o /dev/null "$METRICS"); done
ticks=$(cpu_ticks "$PID")
curl -sk --max-time 300 -w '%{http_code} %{size_download}\n' "${urls[@]}" >"$STATE/alone.scrapes"
alone_scrapes=$(grep -c '^200 ' "$STATE/alone.scrapes")
alone_ms=$(awk -v t=$(($(cpu_ticks "$PID") - ticks)) -v hz="$CLOCK_TICKS" -v n="$alone_scrapes" 'BEGIN { printf "%.2f", (n > 0 ? t * 1e3 / hz / n : 0) }')
scrape_bytes=$(awk 'NR == 1 { print $2 }' "$STATE/alone.scrapes")

med() { awk -F'\t' -v m="$1" -v c="$2" 'NR > 1 && $1 == m { print $c }' "$RESULTS" | median; }
{
  echo "scrape cost of pinned serve: $ROUNDS x (quiet, scraped) of ${DURATION}s, $CONNECTIONS connections, $(basename "$PAYLOAD"), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  printf 'mode\treviews/s\tp50 ms\tp99 ms\tCPU µs/review\n'
  for mode in quiet scraped; do
    printf '%s\t%s\t%s\t%s\t%s\n' "$mode" "$(med "$mode" 3)" "$(med "$mode" 4)" "$(med "$mode" 5)" "$(med "$mode" 7)"
  done
  awk -v qr="$(med quiet 3)" -v sr="$(med scraped 3)" -v qc="$(med quiet 7)" -v sc="$(med scraped 7)" -v qp="$(med quiet 5)" -v sp="$(med scraped 5)" \
    'BEGIN { printf "scraped/quiet: reviews/s %.3f, CPU per review %.3f, p99 %.3f\n", sr / qr, sc / qc, sp / qp }'
  echo "one scrape alone: $alone_ms ms CPU ($alone_scrapes scrapes on one connection, $scrape_bytes bytes each)"
} | tee "$OUT/summary.txt"
