#!/usr/bin/env bash
# Runs every test of the solution: builds it, then runs each test project's xUnit v3 executable
# (the in-process runner) directly, all projects at once. They share no port and no file: every
# server a test starts binds a free port (the registries of .ci/setup.d/ their own), and every
# scratch folder is a fresh temporary one.
#
# Not `dotnet test`: its xUnit adapter declares "Test process crashed with exit code 0" when the
# test process exits before the adapter's reader thread has handed on the last messages and no
# message came for 5 s before (xunit.runner.visualstudio's CrashDetectionSinkBase: a long last test
# or a slow clean-up is such a quiet stretch). On a busy machine the reader loses that race although
# every test passed. The executables report what they ran themselves; nothing can be lost between.
#
# Arguments go to every test executable (xUnit v3 runner options), for instance
#   ./test.sh -class 'Pinned.Registry.Tests.RedirectTests'    ./test.sh -method '*Redirect*'
# Tests that need something from outside the repository (../shared, helm) are skipped with the
# reason outside CI and fail under CI=true (tests/Shared/Requirements.cs).
set -uo pipefail
cd "$(dirname "$0")"
dotnet build Webhook.sln -c Release -nologo -clp:ErrorsOnly || exit 1

# A hang is a failure, reported before CI's own 15-minute limit would cut the log off.
budget=${PINNED_TEST_BUDGET_SECONDS:-780}
logs=$(mktemp -d /tmp/pinned-test.XXXXXX)
projects=()
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  folder="$(dirname "$project")/bin/Release/net10.0"
  [[ -f $folder/$name.dll ]] || { echo "$name: not built ($folder/$name.dll)" >&2; exit 1; }
  projects+=("$name")
  # stdin from /dev/null: no test, and no child a test starts, reads the terminal.
  (cd "$folder" && timeout --kill-after=30 "$budget" dotnet exec "$name.dll" -noLogo -noColor "$@" \
      </dev/null >"$logs/$name.log" 2>&1
   echo $? >"$logs/$name.rc") &
done
wait

status=0
for name in "${projects[@]}"; do
  rc=$(cat "$logs/$name.rc")
  echo "== $name (exit $rc)"
  cat "$logs/$name.log"
  case $rc in
    0) ;;
    124|137) echo "$name: ran over ${budget}s (PINNED_TEST_BUDGET_SECONDS) and was stopped" >&2; status=1 ;;
    *) status=1 ;;
  esac
done

# The skip reasons, once each with how often; then one closing line in the plain form CI reads:
# "N passed, N failed, N skipped" (errors outside any test, such as a failed fixture, count as failed).
awk 'skip { sub(/^ +/, ""); print "skipped: " $0; skip = 0 } / \[SKIP\]$/ { skip = 1 }' "$logs"/*.log \
  | sort | uniq -c | sort -rn
awk '/Total: [0-9]+, Errors: [0-9]+, Failed: [0-9]+, Skipped: [0-9]+, Not Run: [0-9]+/ {
       for (i = 1; i <= NF; i++) { key = $i; value = $(i + 1); sub(/,$/, "", value)
         if (key == "Total:") t += value; if (key == "Errors:") e += value
         if (key == "Failed:") f += value; if (key == "Skipped:") s += value; if (key == "Not") n += $(i + 2) }
     }
     END { printf "%d passed, %d failed, %d skipped\n", t - f - s - n, f + e, s }' "$logs"/*.log
rm -rf "$logs"
exit "$status"
