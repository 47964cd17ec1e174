#!/usr/bin/env bash
# Runs every test of the solution. Tests that need a local registry or helmlite find them
# through the variables .ci/run exports (see .ci/setup.d/); without those they set up what
# they can themselves.
set -uo pipefail
cd "$(dirname "$0")"
dotnet build Webhook.sln -c Release -nologo -clp:ErrorsOnly || exit 1
log=$(mktemp)
dotnet test Webhook.sln -c Release --no-build -nologo --logger "console;verbosity=normal" "$@" | tee "$log"
status=${PIPESTATUS[0]}
# One closing line in the plain form CI reads: "N passed, N failed, N skipped". Tests that need
# something from outside the repository (../shared, helm) skip with the reason outside CI and
# fail under CI=true; the reasons are listed above the line.
awk 'skip { sub(/^\[xUnit.net [^]]*\] +/, ""); print "skipped: " $0; skip = 0 } / \[SKIP\]$/ { skip = 1 }' "$log" \
  | sort | uniq -c | sort -rn
awk '/^ +Passed: [0-9]+$/ { p += $2 } /^ +Failed: [0-9]+$/ { f += $2 } /^ +Skipped: [0-9]+$/ { s += $2 }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit "$status"
