# Cold start: from exec to the first /readyz = 200, for pinned and for the floor, N runs each;
# each process is stopped with SIGTERM before the next starts. Sourced by run.sh.

cold_start() {
  local runs=$1 port=$2 name exe times
  log "cold start to /readyz: $runs runs each"
  for name in pinned floor; do
    times=()
    for _ in $(seq 1 "$runs"); do
      START_MS=$(now_ms)
      if [[ $name == pinned ]]; then
        "$PINNED_EXE" serve --dev --address 127.0.0.1 --port "$port" >"$STATE/cold.log" 2>&1 &
      else
        "$FLOOR_EXE" --address 127.0.0.1 --port "$port" >"$STATE/cold.log" 2>&1 &
      fi
      echo $! >"$STATE/cold.pid"
      times+=("$(START_MS=$START_MS wait_ready cold "$port" 20000)") || die "$name did not start"
      stop_server cold
    done
    printf 'cold start %-6s ms: %s (median %s)\n' "$name" "${times[*]}" "$(printf '%s\n' "${times[@]}" | median)"
  done
}
