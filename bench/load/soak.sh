# The soak: mixed payloads (allowed, denied, audit, large) against the running pinned for S
# seconds with wrk, VmRSS sampled every N seconds; growth = the highest sample of the last third
# minus the highest of the first third (a GC heap saws; a leak climbs). Sourced by run.sh.

soak_pinned() {
  local port=$1 seconds=$2 every=$3 pid wrk_pid t=0 samples=()
  pid=$(server_pid pinned)
  log "soak: ${seconds}s of mixed load, RSS every ${every}s"
  PINNED_BENCH_PAYLOADS="$PAYLOADS" "${LOAD_PIN[@]}" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --timeout 5s \
    -s "$LOAD_DIR/mixed.lua" "https://127.0.0.1:$port/validate" >"$STATE/soak.out" 2>&1 &
  wrk_pid=$!
  samples+=("$(rss_mb "$pid")")
  while ((t < seconds)); do
    sleep "$every"
    t=$((t + every))
    samples+=("$(rss_mb "$pid")")
  done
  wait "$wrk_pid" || true
  kill -0 "$pid" 2>/dev/null || die "pinned died during the soak (see $STATE/pinned.log)"
  read -r rps p50 p99 errors requests < <(parse_wrk_result "$(cat "$STATE/soak.out")")
  echo "soak: ${seconds}s mixed load, $requests requests, $rps req/s, p50 $p50 ms, p99 $p99 ms, errors $errors"
  printf 'RSS MB every %ss:' "$every"
  printf ' %s' "${samples[@]}"
  echo
  printf '%s\n' "${samples[@]}" | awk -v n="${#samples[@]}" '
    { s[NR] = $1 }
    END { third = int(n / 3); if (third < 1) third = 1
          for (i = 1; i <= third; i++) if (s[i] > first) first = s[i]
          for (i = n - third + 1; i <= n; i++) if (s[i] > last) last = s[i]
          printf "growth (max of last third - max of first third): %+.1f MB\n", last - first }'
  [[ $errors == 0 ]] || die "$errors errors during the soak"
}
