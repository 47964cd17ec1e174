#!/usr/bin/env bash
# bench/audit/run.sh — `pinned audit -A` against `kubectl get pods,replicasets,deployments -A -o json`
# on the same real kube-apiserver (../shared/tools/k8s), in the same run: 1,000 Deployments, each
# with a ReplicaSet and 10 pods (ownerReferences as the controllers would write them), plus 500
# bare pods. Prints wall time and peak RSS (/usr/bin/time -v) of each, twice, alternated.
# CPU-heavy for a few minutes: run it alone. Usage: bench/audit/run.sh [deployments] [pods-per] [bare]
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
# ../shared beside the repository (or any folder above it), or PINNED_SHARED.
SHARED=${PINNED_SHARED:-}
for d in "$REPO/.." "$REPO/../.." "$REPO/../../.."; do
  [[ -z $SHARED && -x $d/shared/tools/k8s/kube-up.sh ]] && SHARED=$(cd "$d/shared" && pwd)
done
[[ -n $SHARED ]] || { echo "needs ../shared/tools/k8s (or PINNED_SHARED)" >&2; exit 2; }
DEPLOYMENTS=${1:-1000}; PER=${2:-10}; BARE=${3:-500}
export KUBE_PORT=${KUBE_PORT:-17443} KUBE_ETCD_PORT=${KUBE_ETCD_PORT:-17379} KUBE_ETCD_PEER_PORT=${KUBE_ETCD_PEER_PORT:-17380}
export RUN_DIR=${RUN_DIR:-/tmp/pinned-bench-audit.$KUBE_PORT}
WORK=$(mktemp -d); trap '"$SHARED/tools/k8s/kube-up.sh" down >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

dotnet build "$REPO/src/Pinned" -c Release -v q -nologo >/dev/null
PINNED="$REPO/src/Pinned/bin/Release/net10.0/pinned.dll"
"$SHARED/tools/k8s/kube-up.sh" up >/dev/null
export KUBECONFIG=$RUN_DIR/kubeconfig

# Deployments, then their ReplicaSets (owned by them), then the pods (owned by those), in
# parallel batches of `kubectl create`: each item is one API request.
create() { ls "$WORK"/$1.*.json | xargs -P 4 -n 1 kubectl create -o name -f >/dev/null; }
gen() { python3 "$HERE/generate.py" "$@" "$WORK"; }
start=$(date +%s)
gen deployments "$DEPLOYMENTS"; create deployments
kubectl get deployments -n default -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.uid}{"\n"}{end}' > "$WORK/deployment-uids"
gen replicasets "$WORK/deployment-uids"; create replicasets
kubectl get replicasets -n default -o jsonpath='{range .items[*]}{.metadata.name} {.metadata.uid}{"\n"}{end}' > "$WORK/replicaset-uids"
gen pods "$WORK/replicaset-uids" "$PER" "$BARE"; create pods
echo "cluster: $(kubectl get pods -A --no-headers | wc -l) pods, $(kubectl get rs -A --no-headers | wc -l) replicasets," \
     "$(kubectl get deploy -A --no-headers | wc -l) deployments, made in $(( $(date +%s) - start )) s"

measure() { # label command...: wall seconds and peak RSS (MB)
  local label=$1; shift
  /usr/bin/time -v -o "$WORK/time" "$@" > /dev/null 2> "$WORK/stderr" || [[ $? -le 1 ]]
  awk -v l="$label" -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=(n==3? t[1]*3600+t[2]*60+t[3] : t[1]*60+t[2])}
       /Maximum resident set size/ {r=$2/1024} END {printf "%-8s %7.2f s  %6.1f MB\n", l, s, r}' "$WORK/time"
}
# What the audit found, so that a fast wrong answer cannot pass for a fast right one.
dotnet "$PINNED" audit -A -o json | python3 -c 'import json,sys; r=json.load(sys.stdin); s=r["summary"]
owners=[x for x in r["results"] if x["kind"]=="Deployment"]
print("audit: %(objects)d objects, %(pods)d pods, %(results)d results, %(denied)d denied, %(violations)d violations" % s,
      "; Deployments: %d, pods under them: %d" % (len(owners), sum(x["pods"] for x in owners)))' || true
for round in 1 2; do
  echo "round $round"
  measure kubectl kubectl get pods,replicasets,deployments -A -o json
  measure pinned dotnet "$PINNED" audit -A -o json
done

# What one background round costs the API server: its CPU (utime+stime of the kube-apiserver
# process) during one `pinned audit -A` (the same lists a round of `pinned serve` makes), less
# what it spends idle over the same wall time (measured just before, 10 s).
APISERVER_PID=$(cat "$RUN_DIR/kube-apiserver.pid")
TICKS=$(getconf CLK_TCK)
cpu() { awk -v t="$TICKS" '{print ($14+$15)/t}' "/proc/$APISERVER_PID/stat"; }
now() { date +%s.%N; }
for round in 1 2; do
  c0=$(cpu); t0=$(now); sleep 10; c1=$(cpu); t1=$(now)
  dotnet "$PINNED" audit -A -o json > /dev/null || [[ $? -le 1 ]]
  c2=$(cpu); t2=$(now)
  awk -v r="$round" -v c0="$c0" -v c1="$c1" -v c2="$c2" -v t0="$t0" -v t1="$t1" -v t2="$t2" 'BEGIN {
    idle=(c1-c0)/(t1-t0); wall=t2-t1; used=c2-c1; added=used-idle*wall
    printf "api server CPU, round %s: %.2f s during the audit (%.2f s wall), idle %.3f CPU-s/s, added by the round %.2f CPU-s\n", r, used, wall, idle, added
  }'
done
