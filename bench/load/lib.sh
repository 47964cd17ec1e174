# Functions of run.sh: starting servers, reading their memory, driving them with wrk and h2load.
# Sourced, not run. Expects $STATE (a scratch folder) and $PAYLOADS to be set.

# Command prefixes that pin the servers and the load generator to a core each (run.sh --pin);
# empty by default, leaving placement to the scheduler.
SERVER_PIN=() LOAD_PIN=()

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# free_port: a loopback TCP port nothing listens on now (probed, not reserved: the caller binds
# it at once). Fixed ports collide with whatever else runs on a shared machine. Drawn below the
# kernel's ephemeral range, where outgoing connections of parallel tests hold ports a probe
# cannot see.
free_port() {
  local port low
  read -r low _ </proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || low=32768
  ((low > 12000)) || low=32768
  while true; do
    port=$((10000 + RANDOM % (low - 10000)))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v h2load >/dev/null || missing+=(nghttp2-client)
  command -v curl >/dev/null || missing+=(curl)
  command -v jq >/dev/null || missing+=(jq)
  ((${#missing[@]} == 0)) && return
  log "installing ${missing[*]} with apt-get"
  [[ $(id -u) == 0 ]] || die "run as root or install: apt-get install ${missing[*]}"
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
}

# start_server NAME PORT COMMAND...: starts it in the background, logs to $STATE/NAME.log,
# prints nothing; the pid goes to $STATE/NAME.pid.
start_server() {
  local name=$1 port=$2
  shift 2
  "$@" >"$STATE/$name.log" 2>&1 &
  echo $! >"$STATE/$name.pid"
  wait_ready "$name" "$port" 30000 >/dev/null || { tail -20 "$STATE/$name.log" >&2; die "$name did not become ready"; }
}

stop_server() {
  local pidfile="$STATE/$1.pid"
  [[ -f $pidfile ]] || return 0
  local pid
  pid=$(cat "$pidfile")
  kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -f "$pidfile"
}

server_pid() { cat "$STATE/$1.pid"; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# wait_ready NAME PORT TIMEOUT_MS: polls /readyz until 200; prints the milliseconds it took,
# counted from $START_MS when set (the process start), else from the call.
wait_ready() {
  local name=$1 port=$2 timeout=$3 start=${START_MS:-$(now_ms)}
  while true; do
    if [[ $(curl -sk --max-time 1 -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/readyz") == 200 ]]; then
      echo $(($(now_ms) - start))
      return 0
    fi
    kill -0 "$(server_pid "$name")" 2>/dev/null || return 1
    (($(now_ms) - start > timeout)) && return 1
    sleep 0.005
  done
}

# Peak resident memory (MB): VmHWM since the last reset_peak_rss (writing 5 to clear_refs resets
# it; where the kernel refuses, the peak is since process start).
reset_peak_rss() { echo 5 >"/proc/$1/clear_refs" 2>/dev/null || true; }
peak_rss_mb() { awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# CPU time (user + system, in clock ticks) the process has used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
CLOCK_TICKS=$(getconf CLK_TCK)

# Each drive_* prints one line: "rps p50_ms p99_ms errors requests".
drive_wrk() {
  local port=$1 path=$2 body=$3 seconds=$4 out
  out=$(PINNED_BENCH_BODY="$body" "${LOAD_PIN[@]}" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s \
    -s "$LOAD_DIR/post.lua" "https://127.0.0.1:$port$path" 2>&1) || { echo "$out" >&2; echo "0 0 0 1 0"; return; }
  parse_wrk_result "$out"
}

parse_wrk_result() {
  grep '^RESULT' <<<"$1" | tr ' ' '\n' | awk -F= '
    { v[$1] = $2 }
    END { secs = v["duration_us"] / 1e6; if (secs == 0) secs = 1
          printf "%.0f %.3f %.3f %d %d\n", v["requests"] / secs, v["p50_us"] / 1000, v["p99_us"] / 1000,
                 v["socket_errors"] + v["status_errors"] + (v["requests"] == 0), v["requests"] }'
}

# HTTP/2: $CONNECTIONS concurrent streams, multiplexed 8 to a connection as the API server's
# HTTP/2 client does; latencies come from h2load's per-request log.
drive_h2load() {
  local port=$1 path=$2 body=$3 seconds=$4 out reqlog="$STATE/h2load.tsv"
  local streams=8 conns=$(((CONNECTIONS + 7) / 8))
  rm -f "$reqlog"
  out=$("${LOAD_PIN[@]}" h2load -D "$seconds" -c "$conns" -m "$streams" -t 1 -d "$body" \
    -H 'content-type: application/json' -H 'user-agent: kube-apiserver-admission' \
    --log-file="$reqlog" "https://127.0.0.1:$port$path" 2>&1) || { echo "$out" >&2; echo "0 0 0 1 0"; return; }
  local rps failed non2xx
  rps=$(sed -n 's/^finished in .*, \([0-9.]*\) req\/s.*/\1/p' <<<"$out")
  failed=$(sed -n 's/^requests: .* \([0-9]*\) failed, \([0-9]*\) errored, \([0-9]*\) timeout.*/\1 \2 \3/p' <<<"$out" | awk '{ print $1 + $2 + $3 }')
  non2xx=$(sed -n 's/^status codes: [0-9]* 2xx, \([0-9]*\) 3xx, \([0-9]*\) 4xx, \([0-9]*\) 5xx.*/\1 \2 \3/p' <<<"$out" | awk '{ print $1 + $2 + $3 }')
  cut -f3 "$reqlog" | sort -n | awk -v rps="${rps:-0}" -v errors=$((${failed:-1} + ${non2xx:-1})) '
    { t[NR] = $1 }
    END { if (NR == 0) { print "0 0 0 1 0"; exit }
          printf "%.0f %.3f %.3f %d %d\n", rps, t[int(NR * 0.50) + 1] / 1000, t[int(NR * 0.99) + 1] / 1000, errors, NR }'
}

# median of the numbers on stdin (mean of the middle two for an even count)
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
