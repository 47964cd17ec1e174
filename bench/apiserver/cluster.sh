# Functions of run.sh for the API server side: ports, certificates, kube-up, namespaces, the
# ValidatingWebhookConfiguration and which webhook the API server is calling, the
# ValidatingAdmissionPolicies in force. Sourced, not run; expects $STATE, $BENCH_DIR and the
# functions of bench/load/lib.sh.

KUBE_UP=${KUBE_UP:-${PINNED_SHARED:-$ROOT/../shared}/tools/k8s/kube-up.sh}
WEBHOOK_CONFIG=pinned-bench

# make_certificates DIR: a CA and a serving certificate for 127.0.0.1 signed by it (what the
# webhook configuration's caBundle trusts), as ca.crt, tls.crt, tls.key.
make_certificates() {
  local dir=$1
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 2 \
    -keyout "$dir/ca.key" -out "$dir/ca.crt" -subj /CN=pinned-bench-ca 2>/dev/null
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
    -keyout "$dir/tls.key" -out "$dir/tls.csr" -subj /CN=127.0.0.1 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$dir/tls.ext"
  openssl x509 -req -sha256 -days 2 -in "$dir/tls.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" \
    -CAcreateserial -out "$dir/tls.crt" -extfile "$dir/tls.ext" 2>/dev/null
}

# ValidatingAdmissionPolicy is beta in 1.28 (../shared/tools/k8s/README.md); on for every
# configuration, so that none and the webhooks run on the same API server as the policies.
VAP_FLAGS="--feature-gates=ValidatingAdmissionPolicy=true --runtime-config=admissionregistration.k8s.io/v1beta1=true"
kube() { KUBE_EXTRA_ARGS="${KUBE_EXTRA_ARGS:-} $VAP_FLAGS" KUBE_PORT=$KUBE_PORT KUBE_ETCD_PORT=$KUBE_ETCD_PORT KUBE_ETCD_PEER_PORT=$KUBE_ETCD_PEER_PORT RUN_DIR=$STATE/kube "$KUBE_UP" "$@"; }
kubectl_() { KUBECONFIG=$STATE/kube/kubeconfig kubectl "$@"; }

start_cluster() {
  KUBE_PORT=$(free_port) KUBE_ETCD_PORT=$(free_port) KUBE_ETCD_PEER_PORT=$(free_port)
  log "starting etcd and kube-apiserver on :$KUBE_PORT ($KUBE_UP)"
  kube up >"$STATE/kube-up.log" 2>&1 || { tail -30 "$STATE/kube-up.log" >&2; die "kube-up.sh up failed"; }
  TOKEN=$(cat "$STATE/kube/pki/admin.token")
  APISERVER_PID=$(cat "$STATE/kube/kube-apiserver.pid") ETCD_PID=$(cat "$STATE/kube/etcd.pid")
}

stop_cluster() { [[ -n ${KUBE_PORT:-} ]] && kube down >/dev/null 2>&1 || true; }

api() { # api METHOD PATH [curl args...]
  local method=$1 path=$2
  shift 2
  curl -sS --max-time 120 --cacert "$STATE/kube/pki/ca.crt" -H "Authorization: Bearer $TOKEN" -X "$method" "$@" \
    "https://127.0.0.1:$KUBE_PORT$path"
}

# new_namespace NAME: the namespace and the `default` ServiceAccount pods are admitted with.
new_namespace() {
  kubectl_ create namespace "$1" >/dev/null
  kubectl_ -n "$1" create serviceaccount default >/dev/null
}

# delete_pods NS: DELETE of the collection (pods without a node go at once), then a check. A create
# wrk sent just before it stopped can still be committed after the first DELETE (the API server
# finishes a request whose client has gone), so the DELETE is repeated, up to 10 times 0.5 s apart.
delete_pods() {
  local left attempt
  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    api DELETE "/api/v1/namespaces/$1/pods" -o /dev/null
    left=$(api GET "/api/v1/namespaces/$1/pods?limit=1" | jq -r '.items | length')
    [[ $left == 0 ]] && return 0
    sleep 0.5
  done
  die "pods left in $1 after deleting them 10 times"
}

# use_webhook NAME PORT: the webhook configuration points at https://127.0.0.1:PORT/validate for
# pods CREATE/UPDATE, failurePolicy Fail; NAME "none" deletes the configuration. Returns once
# the API server calls NAME (and only NAME) for a new pod.
use_webhook() {
  local name=$1 port=${2:-}
  if [[ $name == none ]]; then
    kubectl_ delete validatingwebhookconfiguration "$WEBHOOK_CONFIG" --ignore-not-found >/dev/null
  else
    kubectl_ apply -f - >/dev/null <<YAML
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata:
  name: $WEBHOOK_CONFIG
webhooks:
  - name: $name.bench.pinned.dev
    admissionReviewVersions: [v1]
    sideEffects: None
    failurePolicy: Fail
    timeoutSeconds: 10
    clientConfig:
      url: https://127.0.0.1:$port/validate
      caBundle: $(base64 -w0 "$STATE/ca.crt")
    rules:
      - apiGroups: [""]
        apiVersions: [v1]
        resources: [pods]
        operations: [CREATE, UPDATE]
YAML
  fi
  local deadline=$((SECONDS + 60)) called
  while true; do
    called=$(webhook_called_by_probe)
    [[ $called == "$name" ]] && return 0
    ((SECONDS < deadline)) || die "the API server still calls '$called', not '$name', 60 s after the change"
    sleep 0.5
  done
}

# The webhook the API server calls for a pod now ("none" if none): a dry-run pod creation, and
# which bench webhook's call count (the API server's own metrics) it moved.
webhook_called_by_probe() {
  local before after
  before=$(webhook_call_counts)
  api POST /api/v1/namespaces/default/pods?dryRun=All -o /dev/null -H 'Content-Type: application/json' --data-binary "@$BENCH_DIR/pod.json"
  after=$(webhook_call_counts)
  join -a 2 -e 0 -o 0,1.2,2.2 <(sort <<<"$before") <(sort <<<"$after") | awk '$3 > $2 { print $1; found = 1 } END { if (!found) print "none" }' | head -1
}

webhook_call_counts() { # "NAME COUNT" per bench webhook the API server has called
  api GET /metrics | awk -F'[{}]' '/^apiserver_admission_webhook_admission_duration_seconds_count\{/ && /\.bench\.pinned\.dev"/ {
      match($2, /name="[^"]*"/); name = substr($2, RSTART + 6, RLENGTH - 7); sub(/\.bench\.pinned\.dev$/, "", name)
      n[name] += $3 + 0 }
    END { for (k in n) print k, n[k] }'
}

# cpu_sample PID: "NS TIDS": the CPU time of the process in ns, summed over its threads'
# schedstat (exact, where /proc/PID/stat counts 10 ms ticks: 20 µs a review at 50 reviews/s
# over 10 s), with the thread ids it was summed over, and its tick count as a fallback.
cpu_sample() {
  local pid=$1 ns=0 tids="," f tid run ticks
  ticks=$(cpu_ticks "$pid")
  for f in /proc/"$pid"/task/*/schedstat; do
    read -r run _ <"$f" 2>/dev/null || continue # a thread that ended since the glob
    tid=${f%/schedstat} tid=${tid##*/}
    ns=$((ns + run)) tids+="$tid,"
  done
  echo "$ns $tids $((ticks * 1000000000 / CLOCK_TICKS))"
}

# cpu_between "SAMPLE0" "SAMPLE1": ns of CPU between two samples; when a thread of the first is
# gone from the second (its time left the sum), the tick counts' difference instead.
cpu_between() {
  local ns0 tids0 t0 ns1 tids1 t1 tid
  read -r ns0 tids0 t0 <<<"$1"
  read -r ns1 tids1 t1 <<<"$2"
  IFS=, read -ra gone <<<"${tids0//,,/,}"
  for tid in "${gone[@]}"; do
    [[ -z $tid || $tids1 == *",$tid,"* ]] && continue
    echo $((t1 - t0))
    return
  done
  echo $((ns1 - ns0))
}

# use_policies NAME FILE: the ValidatingAdmissionPolicies and bindings of FILE are installed (the
# previous configuration's deleted); "use_policies none" deletes them. Returns once a probe pod
# (bench/apiserver/probe-pod.json: a ':latest' image and a hostPath volume '/') is refused by a
# policy, or for none is no longer.
POLICIES_IN_FORCE=""
use_policies() {
  local name=$1 file=${2:-} want=refused
  if [[ -n $POLICIES_IN_FORCE && ($name == none || $POLICIES_IN_FORCE != "$file") ]]; then
    kubectl_ delete -f "$POLICIES_IN_FORCE" --ignore-not-found >/dev/null
    POLICIES_IN_FORCE=""
  fi
  if [[ $name == none ]]; then
    want=admitted
  elif [[ -z $POLICIES_IN_FORCE ]]; then
    kubectl_ apply -f "$file" >/dev/null
    POLICIES_IN_FORCE=$file
  fi
  local deadline=$((SECONDS + 60)) seen
  while true; do
    seen=$(policy_verdict_of_probe)
    [[ $seen == "$want" ]] && return 0
    ((SECONDS < deadline)) || die "the probe pod is still $seen, not $want, 60 s after installing '$name'"
    sleep 0.5
  done
}

policy_verdict_of_probe() { # "refused" when a ValidatingAdmissionPolicy denies the probe pod, else "admitted"
  api POST /api/v1/namespaces/default/pods?dryRun=All -H 'Content-Type: application/json' \
    --data-binary "@$BENCH_DIR/probe-pod.json" | jq -r 'if (.message // "" | contains("ValidatingAdmissionPolicy")) then "refused" else "admitted" end'
}
