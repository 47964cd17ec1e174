# Sourced by .ci/run. Builds helmlite (../shared/tools/helmlite: Helm's template engine and
# functions, from Debian's packages) so that tests/Pinned.Chart.Tests can render charts/pinned
# on a machine without Helm. The tests find it through PINNED_HELMLITE; they use `helm` instead
# when it is on the PATH.
if command -v helm >/dev/null 2>&1; then
  echo "helm is on the PATH: chart tests use it"
elif [[ -f ../shared/tools/helmlite/build.sh ]]; then
  PINNED_HELMLITE="$(bash ../shared/tools/helmlite/build.sh "$PINNED_CI_STATE/helmlite" | tail -n 1)"
  export PINNED_HELMLITE
  echo "helmlite: $PINNED_HELMLITE"
else
  echo "no helm and no ../shared/tools/helmlite/build.sh: chart tests will fail to render" >&2
fi
