#!/usr/bin/env bash
# Measures `pinned check` (issue 3's performance targets) and prints the figures:
#   1. 10 000 objects / ~50 MB of multi-document YAML, in process, with BenchmarkDotNet, against
#      the floor of parsing the same stream with YamlDotNet alone (CheckStreamBenchmarks);
#   2. the same stream through the CLI process: wall time and peak memory (bounded: streaming);
#   3. start-up: `pinned check` on one small file, from process start, for the plain Release
#      build (JIT) and a ReadyToRun publish, with hyperfine (Debian package) or a loop.
# Usage: bench/check-benchmark.sh [--quick]   (--quick skips BenchmarkDotNet)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/pinned-check-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

dotnet build src/Pinned -c Release -nologo -clp:ErrorsOnly >/dev/null
dotnet publish src/Pinned -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true \
  -nologo -clp:ErrorsOnly -o "$work/r2r" >/dev/null
jit=src/Pinned/bin/Release/net10.0/pinned
r2r=$work/r2r/pinned
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"

if [[ ${1:-} != --quick ]]; then
  echo "== 1. in process: YamlDotNet alone vs pinned check (BenchmarkDotNet)"
  dotnet run -c Release --project bench/Pinned.Benchmarks -- --filter '*CheckStreamBenchmarks*' 2>&1 |
    grep -E '^\||// stream'
fi

echo "== 2. the CLI on 10 000 objects (~50 MB)"
# The same documents as bench/Pinned.Benchmarks/Check/ManifestStream.cs.
awk 'BEGIN {
  x = sprintf("%40s", ""); gsub(/ /, "x", x)
  for (i = 0; i < 10000; i++) {
    image = (i % 2 == 0) ? ":latest" : sprintf("@sha256:%064x", i)
    printf "---\n# Source: app/templates/deployment-%d.yaml\napiVersion: apps/v1\nkind: Deployment\n", i
    printf "metadata:\n  name: app-%d\n  namespace: team-%d\n  labels:\n    app.kubernetes.io/name: app-%d\n", i, i % 20, i
    printf "    app.kubernetes.io/instance: release-%d\n  annotations:\n    description: \"a generated deployment used to measure pinned check\"\n", i
    printf "spec:\n  replicas: 3\n  selector:\n    matchLabels: {app: app-%d}\n  template:\n    metadata:\n      labels: {app: app-%d}\n", i, i
    printf "    spec:\n      containers:\n        - name: app\n          image: registry.example.com/team/app-%d%s\n", i, image
    printf "          ports: [{containerPort: 8080, name: http}]\n          resources:\n            requests: {cpu: 100m, memory: 128Mi}\n          env:\n"
    for (j = 0; j < 40; j++) printf "            - name: VAR_%d\n              value: \"value-%d-%d-%s\"\n", j, i, j, x
  }
}' >"$work/stream.yaml"
echo "stream: $(stat -c %s "$work/stream.yaml") bytes"
for output in text json sarif; do
  /usr/bin/time -f "--output $output: %e s wall, %U s user, %M KB peak RSS" \
    "$jit" check --output "$output" "$work/stream.yaml" >/dev/null 2>"$work/time" || true
  tail -1 "$work/time"
done

echo "== 3. start-up on one small file"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --warmup 5 --runs 40 -i \
    -n "JIT (bin/Release)" "$jit check deploy/examples/good/pod.yaml" \
    -n "ReadyToRun publish" "$r2r check deploy/examples/good/pod.yaml" \
    -n "floor: pinned --version" "$jit --version"
else
  for exe in "$jit" "$r2r"; do
    start=$(date +%s%N)
    for _ in $(seq 20); do "$exe" check deploy/examples/good/pod.yaml >/dev/null; done
    echo "$exe: $(( ($(date +%s%N) - start) / 20000000 )) ms per run (mean of 20)"
  done
fi
