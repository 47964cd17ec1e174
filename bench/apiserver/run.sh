#!/usr/bin/env bash
# Pod creation through a real kube-apiserver (../shared/tools/k8s) with no webhook, with the floor
# webhook (bench/Pinned.Floor: bare Kestrel over TLS that reads the body and echoes request.uid,
# default runtime settings), with `pinned serve` (the image's runtime environment) and with the
# ValidatingAdmissionPolicies of `pinned vap --api-version v1beta1` and no webhook, alternated:
# wrk POSTs a digest-pinned pod with a name of its own per request, 16 connections, a fresh namespace per run.
# Then a paced mode: fixed rates of AdmissionReviews straight to each webhook, for CPU per review
# below saturation. Prints the medians per configuration and Pinned's ratios (summarize.sh).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$BENCH_DIR/../.." && pwd)
LOAD_DIR=$ROOT/bench/load
PAYLOADS=$ROOT/bench/payloads
source "$LOAD_DIR/lib.sh"
source "$BENCH_DIR/cluster.sh"

usage() {
  cat <<'USAGE'
usage: bench/apiserver/run.sh [options]
  --duration S        seconds per measured pod-creation run (default 10)
  --warmup S          seconds of pod creation per webhook before the first round (default 8)
  --rounds N          alternations of every configuration (default 3); medians are reported
  --connections N     wrk connections to the API server, and paced connections (default 16)
  --variant SPEC      one more configuration, NAME:KIND:ENV (KIND pinned, floor, or the path of
                      another build of pinned; ENV space-
                      separated VAR=VALUE on top of the image's environment for pinned, or of
                      none for the floor; a leading ! drops the image's). Repeatable, e.g.
                      --variant 'spin0:pinned:DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0'
  --vap NAME:FILE     one more ValidatingAdmissionPolicy configuration: the policies and bindings
                      of FILE (YAML) installed, no webhook; it must refuse a pod with image
                      registry.example.com/team/app:latest and a hostPath volume '/' (how the bench
                      knows it is in force). Repeatable. The configuration "vap" is always
                      there: `pinned vap --api-version v1beta1` of the published build
  --only LIST         measure only these configurations (e.g. none,floor,pinned,vap)
  --paced-rates LIST  reviews per second of the paced mode (default 50,200,800; "" skips it)
  --paced-duration S  seconds per paced run (default 10); CPU is counted from 2 s in (after the
                      handshakes), per review at the achieved rate
  --no-apiserver      the paced mode only (no API server is started)
  --out DIR           where results go (default artifacts/bench/apiserver)
  --no-build          use the existing published builds (artifacts/bench/published)
  --smoke             everything for ~2 s, one round, one paced rate: proves it works (CI)
Needs kube-up.sh (../shared/tools/k8s, or KUBE_UP=path), etcd, wrk, curl, jq, kubectl, openssl.
USAGE
}

DURATION=10 WARMUP=8 ROUNDS=3 CONNECTIONS=16 PACED_RATES=50,200,800 PACED_DURATION=10 PACED_SKIP=2
OUT="$ROOT/artifacts/bench/apiserver" BUILD=1 APISERVER=1 ONLY="" VARIANTS=() VAP_SPECS=()
while (($#)); do
  case $1 in
    --duration) DURATION=$2; shift ;;
    --warmup) WARMUP=$2; shift ;;
    --rounds) ROUNDS=$2; shift ;;
    --connections) CONNECTIONS=$2; shift ;;
    --variant) VARIANTS+=("$2"); shift ;;
    --vap) VAP_SPECS+=("$2"); shift ;;
    --only) ONLY=$2; shift ;;
    --paced-rates) PACED_RATES=$2; shift ;;
    --paced-duration) PACED_DURATION=$2; shift ;;
    --no-apiserver) APISERVER=0 ;;
    --out) OUT=$2; shift ;;
    --no-build) BUILD=0 ;;
    --smoke) DURATION=2 WARMUP=2 ROUNDS=1 PACED_RATES=50 PACED_DURATION=3 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
  shift
done

mkdir -p "$OUT"
rm -f "$OUT/apiserver.tsv" "$OUT/paced.tsv" "$OUT/summary.txt"
STATE=$(mktemp -d /tmp/pinned-apiserver-bench.XXXXXX)
SERVERS=()
cleanup() {
  for s in "${SERVERS[@]}"; do stop_server "$s"; done
  stop_cluster
  rm -rf "$STATE"
}
trap cleanup EXIT
ensure_tools
for tool in kubectl openssl; do command -v "$tool" >/dev/null || die "$tool is needed"; done
((APISERVER == 0)) || [[ -x $KUBE_UP ]] || die "kube-up.sh not found at $KUBE_UP (set KUBE_UP)"

PINNED_EXE="$ROOT/artifacts/bench/published/pinned/pinned"
FLOOR_EXE="$ROOT/artifacts/bench/published/floor/Pinned.Floor"
if ((BUILD)); then
  for project in pinned:src/Pinned floor:bench/Pinned.Floor; do
    log "publishing ${project#*:} (self-contained, trimmed, ReadyToRun, as the image ships it)"
    dotnet publish "$ROOT/${project#*:}" -c Release -o "$ROOT/artifacts/bench/published/${project%%:*}" \
      -nologo -clp:"ErrorsOnly;NoSummary" -v:q >&2
  done
fi
[[ -x $PINNED_EXE && -x $FLOOR_EXE ]] || die "build first: $PINNED_EXE / $FLOOR_EXE missing"

# The image's runtime environment: the Dockerfile's ENV lines, so that what is measured is what ships.
IMAGE_ENV=$(sed -n 's/^ENV \(DOTNET_[A-Za-z0-9_]*=[^ ]*\)$/\1/p' "$ROOT/Dockerfile" | tr '\n' ' ')

# Configurations: NAME KIND ENV (the webhooks; "none" is added in front).
CONFIGS=("floor:floor:" "pinned:pinned:" "${VARIANTS[@]}")
make_certificates "$STATE"
declare -A PORT KIND
WEBHOOKS=()
for spec in "${CONFIGS[@]}"; do
  IFS=: read -r name kind envs <<<"$spec"
  [[ -z $ONLY || ,$ONLY, == *,$name,* ]] || continue
  exe=$PINNED_EXE args=(serve)
  [[ $kind == floor ]] && exe=$FLOOR_EXE args=()
  [[ $kind == /* ]] && exe=$kind kind=pinned
  [[ $kind == pinned || $kind == floor ]] || die "--variant $spec: KIND must be pinned, floor or /path/to/pinned"
  [[ -x $exe ]] || die "--variant $spec: $exe is not an executable"
  base=""
  [[ $kind == pinned ]] && base=$IMAGE_ENV
  [[ $envs == '!'* ]] && base="" envs=${envs#!}
  PORT[$name]=$(free_port) KIND[$name]=$kind
  log "starting $name ($kind) on :${PORT[$name]} with: ${base}${envs}"
  # shellcheck disable=SC2086
  start_server "$name" "${PORT[$name]}" env $base $envs "$exe" "${args[@]}" --address 127.0.0.1 --port "${PORT[$name]}" \
    --cert "$STATE/tls.crt" --key "$STATE/tls.key"
  SERVERS+=("$name") WEBHOOKS+=("$name")
  echo "$name	$kind	${base}${envs}" >>"$OUT/configurations.tsv.new"
done

# ValidatingAdmissionPolicy configurations: NAME → the file of policies and bindings it installs.
declare -A VAP_FILE
VAPS=()
"$PINNED_EXE" vap --api-version v1beta1 >"$STATE/vap.yaml" || die "pinned vap failed"
for spec in "vap:$STATE/vap.yaml" "${VAP_SPECS[@]}"; do
  name=${spec%%:*} file=${spec#*:}
  [[ -z $ONLY || ,$ONLY, == *,$name,* ]] || continue
  [[ -s $file ]] || die "--vap $spec: $file is empty or missing"
  [[ $name != vap || $file == "$STATE/vap.yaml" ]] || die "--vap $spec: the name vap is taken by pinned vap's own policies"
  [[ $name != none && -z ${PORT[$name]:-} && -z ${VAP_FILE[$name]:-} ]] || die "--vap $spec: another configuration is called $name"
  VAP_FILE[$name]=$file
  VAPS+=("$name")
  echo "$name	vap	$( [[ $name == vap ]] && echo "pinned vap --api-version v1beta1" || echo "$file")" >>"$OUT/configurations.tsv.new"
done
touch "$OUT/configurations.tsv.new"
mv "$OUT/configurations.tsv.new" "$OUT/configurations.tsv"

cpu_of() { cpu_sample "$1"; }

# use_config NAME: the API server calls the webhook NAME, or enforces the policies of the VAP
# configuration NAME, or (none) neither; only that one.
use_config() {
  local name=$1
  if [[ -n ${VAP_FILE[$name]:-} ]]; then
    use_webhook none
    use_policies "$name" "${VAP_FILE[$name]}"
  else
    use_policies none
    use_webhook "$name" "${PORT[$name]:-}"
  fi
}
per_item_us() { awk -v ns="$1" -v n="$2" 'BEGIN { printf "%.1f", (n > 0 ? ns / 1000 / n : 0) }'; }

# create_pods NS SECONDS → "rps p50 p99 errors requests wrk_cpu_seconds"
create_pods() {
  TIMEFORMAT='%U %S'
  { time PINNED_BENCH_BODY="$BENCH_DIR/pod.json" PINNED_BENCH_TOKEN=$TOKEN wrk -t1 -c"$CONNECTIONS" -d"${2}s" --timeout 10s \
      -s "$BENCH_DIR/pod.lua" "https://127.0.0.1:$KUBE_PORT/api/v1/namespaces/$1/pods" >"$STATE/wrk.out" 2>&1; } 2>"$STATE/wrk.time" \
    || { cat "$STATE/wrk.out" >&2; echo "0 0 0 1 0 0"; return; }
  echo "$(parse_wrk_result "$(cat "$STATE/wrk.out")") $(awk '{ print $1 + $2 }' "$STATE/wrk.time")"
}

if ((APISERVER)); then
  start_cluster
  RESULTS="$OUT/apiserver.tsv"
  printf 'config\tround\tpods_per_s\tp50_ms\tp99_ms\terrors\tpods\twebhook_cpu_us\tapiserver_cpu_us\tetcd_cpu_us\twrk_cpu_us\twebhook_peak_rss_mb\tapiserver_peak_rss_mb\n' >"$RESULTS"
  ORDER=(none "${WEBHOOKS[@]}" "${VAPS[@]}")
  [[ -z $ONLY || ,$ONLY, == *,none,* ]] || ORDER=("${WEBHOOKS[@]}" "${VAPS[@]}")
  if ((WARMUP > 0)); then
    log "warm-up: ${WARMUP}s of pod creation through each of: ${ORDER[*]}"
    for name in "${ORDER[@]}"; do
      use_config "$name"
      new_namespace "warmup-$name"
      create_pods "warmup-$name" "$WARMUP" >/dev/null
      delete_pods "warmup-$name"
    done
  fi
  for round in $(seq 1 "$ROUNDS"); do
    for name in "${ORDER[@]}"; do
      use_config "$name"
      ns="bench-$name-$round"
      new_namespace "$ns"
      wpid=""
      [[ -n ${PORT[$name]:-} ]] && wpid=$(server_pid "$name") && reset_peak_rss "$wpid"
      reset_peak_rss "$APISERVER_PID"
      w0=$([[ -n $wpid ]] && cpu_of "$wpid" || echo "0 , 0") a0=$(cpu_of "$APISERVER_PID") e0=$(cpu_of "$ETCD_PID")
      read -r rps p50 p99 errors pods wrk_cpu < <(create_pods "$ns" "$DURATION")
      w1=$([[ -n $wpid ]] && cpu_of "$wpid" || echo "0 , 0") a1=$(cpu_of "$APISERVER_PID") e1=$(cpu_of "$ETCD_PID")
      [[ -z $wpid ]] || kill -0 "$wpid" 2>/dev/null || die "$name died (see $STATE/$name.log)"
      wrss=$([[ -n $wpid ]] && peak_rss_mb "$wpid" || echo 0)
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$round" "$rps" "$p50" "$p99" "$errors" "$pods" \
        "$(per_item_us "$(cpu_between "$w0" "$w1")" "$pods")" "$(per_item_us "$(cpu_between "$a0" "$a1")" "$pods")" \
        "$(per_item_us "$(cpu_between "$e0" "$e1")" "$pods")" \
        "$(awk -v s="$wrk_cpu" -v n="$pods" 'BEGIN { printf "%.1f", (n > 0 ? s * 1e6 / n : 0) }')" \
        "$wrss" "$(peak_rss_mb "$APISERVER_PID")" | tee -a "$RESULTS" >&2
      delete_pods "$ns"
    done
  done
  use_config none
fi

if [[ -n $PACED_RATES ]]; then
  PACED="$OUT/paced.tsv"
  printf 'server\trate\tround\tachieved_per_s\tp50_ms\tp99_ms\terrors\treviews\tcpu_us_per_review\tpeak_rss_mb\n' >"$PACED"
  PACED_SERVERS=()
  for name in "${WEBHOOKS[@]}"; do
    PACED_SERVERS+=("$name")
    [[ ${KIND[$name]} == floor ]] && PACED_SERVERS+=("$name/json")
  done
  IFS=, read -ra rates <<<"$PACED_RATES"
  if ((WARMUP > 0)); then
    log "paced warm-up: ${WARMUP}s unpaced to each of: ${PACED_SERVERS[*]} (tier-up of the JIT)"
    for server in "${PACED_SERVERS[@]}"; do
      name=${server%/json} path=/validate
      [[ $server == */json ]] && path=/json/validate
      PINNED_BENCH_BODY="$PAYLOADS/pod-allowed.json" wrk -t1 -c"$CONNECTIONS" -d"${WARMUP}s" --timeout 5s \
        -s "$LOAD_DIR/post.lua" "https://127.0.0.1:${PORT[$name]}$path" >/dev/null
    done
  fi
  log "paced: ${rates[*]} reviews/s over $CONNECTIONS connections to each of: ${PACED_SERVERS[*]}"
  for rate in "${rates[@]}"; do
    for round in $(seq 1 "$ROUNDS"); do
      for server in "${PACED_SERVERS[@]}"; do
        name=${server%/json} path=/validate
        [[ $server == */json ]] && path=/json/validate
        pid=$(server_pid "$name")
        reset_peak_rss "$pid"
        # CPU is counted from SKIP s into the run to its end: the 16 TLS handshakes at the start
        # (which the API server pays once per connection pool, not per run) stay out of it.
        PINNED_BENCH_BODY="$PAYLOADS/pod-allowed.json" PINNED_BENCH_RATE=$rate PINNED_BENCH_CONNECTIONS=$CONNECTIONS \
          wrk -t1 -c"$CONNECTIONS" -d"${PACED_DURATION}s" --timeout 5s -s "$BENCH_DIR/paced.lua" "https://127.0.0.1:${PORT[$name]}$path" \
          >"$STATE/paced.out" 2>&1 &
        wrk_pid=$!
        sleep "$PACED_SKIP"
        c0=$(cpu_of "$pid") t0=$(now_ms)
        wait "$wrk_pid" || { cat "$STATE/paced.out" >&2; die "wrk failed against $server"; }
        c1=$(cpu_of "$pid") t1=$(now_ms)
        out=$(cat "$STATE/paced.out")
        read -r achieved p50 p99 errors reviews < <(parse_wrk_result "$out")
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "${server/\/json/-json}" "$rate" "$round" "$achieved" "$p50" "$p99" "$errors" "$reviews" \
          "$(per_item_us "$(cpu_between "$c0" "$c1")" "$(awk -v a="$achieved" -v ms=$((t1 - t0)) 'BEGIN { print a * ms / 1000 }')")" \
          "$(peak_rss_mb "$pid")" | tee -a "$PACED" >&2
      done
    done
  done
fi

"$BENCH_DIR/summarize.sh" "$OUT" | tee "$OUT/summary.txt"
errors=$({ cat "$OUT"/apiserver.tsv "$OUT"/paced.tsv 2>/dev/null || true; } | awk -F'\t' '$1 != "config" && $1 != "server" && (($1 != "" && NF == 13 && $6 > 0) || (NF == 10 && $7 > 0)) { e++ } END { print e + 0 }')
((errors == 0)) || die "$errors runs had failed requests: the figures above are not valid"
log "done; results in $OUT"
