# Sourced by .ci/run. tests/Pinned.Cluster.Tests start their own kube-apiserver (one per test
# collection) with ../shared/tools/k8s/kube-up.sh, which needs etcd from Debian's etcd-server.
if ! command -v etcd >/dev/null 2>&1 && [[ ! -x /usr/bin/etcd ]]; then
  echo "kube-apiserver tests: installing etcd-server"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server >/dev/null 2>&1; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq etcd-server >/dev/null \
      || echo "etcd-server could not be installed: the cluster tests will fail and say so" >&2
  fi
fi
# The packaged etcd must not run as a system service competing for ports; the tests start their own.
if command -v systemctl >/dev/null 2>&1; then systemctl stop etcd >/dev/null 2>&1 || true; fi
