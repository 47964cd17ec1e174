# Sourced by .ci/run (or by hand) before the tests. Optional: installs the SARIF SDK's
# validator (npm package @microsoft/sarif-multitool-linux) for tests/Pinned.Tests'
# SarifOutputTests and exports PINNED_SARIF_MULTITOOL. Without it (no npm, no network) that one
# test is skipped; the JSON-schema validation of every SARIF report still runs. Never fails CI.

pinned_sarif_multitool_setup() {
  command -v npm >/dev/null 2>&1 || { echo "sarif multitool: npm not found, skipped"; return 0; }
  export PINNED_CI_STATE="${PINNED_CI_STATE:-$(mktemp -d /tmp/pinned-ci.XXXXXX)}"
  local dir="$PINNED_CI_STATE/sarif-multitool"
  mkdir -p "$dir"
  if ! timeout 300 npm install --silent --no-audit --no-fund --prefix "$dir" @microsoft/sarif-multitool-linux@5.7.0 >/dev/null 2>&1; then
    echo "sarif multitool: npm install failed, skipped"
    return 0
  fi
  local tool="$dir/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool"
  chmod u+x "$tool" 2>/dev/null || true
  if "$tool" --version >/dev/null 2>&1; then
    export PINNED_SARIF_MULTITOOL="$tool"
    echo "sarif multitool: $tool"
  else
    echo "sarif multitool: installed but does not run here, skipped"
  fi
}

pinned_sarif_multitool_setup || true
