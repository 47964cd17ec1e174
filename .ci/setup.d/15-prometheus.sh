# Sourced by .ci/run. Debian's prometheus package (2.42, with promtool) for the chart's
# monitoring tests in tests/Pinned.Chart.Tests/Monitoring: a real Prometheus scrapes a real
# `pinned serve`, and promtool checks and unit-tests the rendered PrometheusRule. The tests find
# the binaries through PINNED_PROMETHEUS and PINNED_PROMTOOL (each test starts its own server on
# a free port; the packaged system service must not run beside them).
if ! command -v prometheus >/dev/null 2>&1 || ! command -v promtool >/dev/null 2>&1; then
  echo "monitoring tests: installing prometheus"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null \
      || echo "prometheus could not be installed: the monitoring tests will fail and say so" >&2
  fi
fi
if command -v systemctl >/dev/null 2>&1; then systemctl stop prometheus >/dev/null 2>&1 || true; fi
if command -v prometheus >/dev/null 2>&1 && command -v promtool >/dev/null 2>&1; then
  PINNED_PROMETHEUS="$(command -v prometheus)"
  PINNED_PROMTOOL="$(command -v promtool)"
  export PINNED_PROMETHEUS PINNED_PROMTOOL
  echo "prometheus: $PINNED_PROMETHEUS, promtool: $PINNED_PROMTOOL"
fi
