# Sourced by .ci/run. Builds helmlite (../shared/tools/helmlite: Helm's template engine and
# functions, from Debian's packages) so that tests/Pinned.Chart.Tests can render charts/pinned
# on a machine without Helm. The tests find it through PINNED_HELMLITE; they use `helm` instead
# when it is on the PATH, and try to build helmlite themselves when neither is there.
if command -v helm >/dev/null 2>&1; then
  echo "helm is on the PATH: chart tests use it"
elif [[ -f ../shared/tools/helmlite/build.sh ]]; then
  if helmlite_path="$(bash ../shared/tools/helmlite/build.sh "$PINNED_CI_STATE/helmlite" | tail -n 1)" \
      && [[ -x $helmlite_path ]]; then
    export PINNED_HELMLITE="$helmlite_path"
    echo "helmlite: $PINNED_HELMLITE"
  else
    echo "helmlite did not build: chart tests will say why they cannot render" >&2
  fi
  unset helmlite_path
else
  echo "no helm and no ../shared/tools/helmlite/build.sh: chart tests will fail to render" >&2
fi
