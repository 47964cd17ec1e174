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
# One closing line in the plain form CI reads: "N passed, N failed".
awk '/^ +Passed: [0-9]+$/ { p += $2 } /^ +Failed: [0-9]+$/ { f += $2 }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
