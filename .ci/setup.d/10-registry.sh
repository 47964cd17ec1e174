# Sourced by .ci/run (or by hand: `source .ci/setup.d/10-registry.sh`) before the tests.
# Starts three real registries (Debian's docker-registry, distribution 2.8) on loopback for
# tests/Pinned.Registry.Tests and exports where they are:
#   PINNED_TEST_REGISTRY          host:port, plain HTTP, no auth
#   PINNED_TEST_REGISTRY_TLS      host:port, HTTPS (test CA), htpasswd basic auth
#   PINNED_TEST_REGISTRY_TOKEN    host:port, HTTPS (test CA), bearer-token auth; the token
#                                 server is the tests' own, on PINNED_TEST_TOKEN_REALM
#   PINNED_TEST_REGISTRY_CA, _USER, _PASSWORD, PINNED_TEST_TOKEN_{REALM,KEY,CERT,SERVICE,ISSUER}
# Pid files go to $PINNED_CI_STATE/*.pid, which .ci/run kills at the end.
# Sourced under `set -euo pipefail`: every step is written not to fail by accident.

pinned_registry_setup() {
  local packages=()
  command -v docker-registry >/dev/null 2>&1 || packages+=(docker-registry)
  command -v htpasswd >/dev/null 2>&1 || packages+=(apache2-utils)
  command -v openssl >/dev/null 2>&1 || packages+=(openssl)
  command -v curl >/dev/null 2>&1 || packages+=(curl)
  if ((${#packages[@]} > 0)); then
    echo "registry setup: installing ${packages[*]}"
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null 2>&1; then
      apt-get update -qq >/dev/null 2>&1 || true
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null || return 1
    fi
  fi

  export PINNED_CI_STATE="${PINNED_CI_STATE:-$(mktemp -d /tmp/pinned-ci.XXXXXX)}"
  local dir="$PINNED_CI_STATE/registry"
  mkdir -p "$dir/data-plain" "$dir/data-tls" "$dir/data-token"

  # Four consecutive free loopback ports (three registries and the tests' token server).
  local base="${PINNED_TEST_REGISTRY_PORT_BASE:-5000}" port busy
  while :; do
    busy=0
    for port in "$base" $((base + 1)) $((base + 2)) $((base + 3)); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then busy=1; fi
    done
    ((busy == 0)) && break
    base=$((base + 10))
    ((base < 5400)) || { echo "registry setup: no free ports" >&2; return 1; }
  done

  # Test CA, a server certificate for 127.0.0.1/localhost, and a token-signing certificate.
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=Pinned test CA" -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null || return 1
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=localhost" \
    -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null || return 1
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$dir/server.ext"
  openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial \
    -days 2 -extfile "$dir/server.ext" -out "$dir/server.crt" 2>/dev/null || return 1
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=Pinned test token signer" -keyout "$dir/token.key" -out "$dir/token.crt" 2>/dev/null || return 1

  local password
  password="$(openssl rand -hex 12)"
  htpasswd -Bbn pinned "$password" >"$dir/htpasswd" 2>/dev/null || return 1

  local common="version: 0.1
log: { level: warn, accesslog: { disabled: true } }
"
  cat >"$dir/plain.yml" <<EOF
$common
storage: { filesystem: { rootdirectory: "$dir/data-plain" }, delete: { enabled: true } }
http: { addr: "127.0.0.1:$base" }
EOF
  cat >"$dir/tls.yml" <<EOF
$common
storage: { filesystem: { rootdirectory: "$dir/data-tls" }, delete: { enabled: true } }
http: { addr: "127.0.0.1:$((base + 1))", tls: { certificate: "$dir/server.crt", key: "$dir/server.key" } }
auth: { htpasswd: { realm: pinned-test, path: "$dir/htpasswd" } }
EOF
  cat >"$dir/token.yml" <<EOF
$common
storage: { filesystem: { rootdirectory: "$dir/data-token" }, delete: { enabled: true } }
http: { addr: "127.0.0.1:$((base + 2))", tls: { certificate: "$dir/server.crt", key: "$dir/server.key" } }
auth:
  token:
    realm: "http://127.0.0.1:$((base + 3))/token"
    service: pinned-test-registry
    issuer: pinned-test-issuer
    rootcertbundle: "$dir/token.crt"
EOF

  local name
  for name in plain tls token; do
    # Its own session so that it outlives the shell that sourced this; the pid file is the
    # registry's own pid whether or not setsid had to fork.
    setsid bash -c 'echo $$ >"$1"; exec docker-registry serve "$2"' _ \
      "$PINNED_CI_STATE/registry-$name.pid" "$dir/$name.yml" >"$dir/$name.log" 2>&1 </dev/null &
  done

  export PINNED_TEST_REGISTRY="127.0.0.1:$base"
  export PINNED_TEST_REGISTRY_TLS="127.0.0.1:$((base + 1))"
  export PINNED_TEST_REGISTRY_TOKEN="127.0.0.1:$((base + 2))"
  export PINNED_TEST_REGISTRY_CA="$dir/ca.crt"
  export PINNED_TEST_REGISTRY_USER=pinned
  export PINNED_TEST_REGISTRY_PASSWORD="$password"
  export PINNED_TEST_TOKEN_REALM="http://127.0.0.1:$((base + 3))/token"
  export PINNED_TEST_TOKEN_KEY="$dir/token.key"
  export PINNED_TEST_TOKEN_CERT="$dir/token.crt"
  export PINNED_TEST_TOKEN_SERVICE=pinned-test-registry
  export PINNED_TEST_TOKEN_ISSUER=pinned-test-issuer

  local tries url
  for url in "http://$PINNED_TEST_REGISTRY/v2/" "https://$PINNED_TEST_REGISTRY_TLS/v2/" \
    "https://$PINNED_TEST_REGISTRY_TOKEN/v2/"; do
    tries=0
    # Any HTTP answer (200, or 401 from the authenticated ones) means it is up.
    until curl -s -o /dev/null --cacert "$dir/ca.crt" "$url"; do
      tries=$((tries + 1))
      if ((tries > 100)); then
        echo "registry setup: $url did not come up; logs in $dir" >&2
        return 1
      fi
      sleep 0.1
    done
  done
  echo "registry setup: plain $PINNED_TEST_REGISTRY, tls+basic $PINNED_TEST_REGISTRY_TLS, tls+token $PINNED_TEST_REGISTRY_TOKEN"
}

pinned_registry_setup
unset -f pinned_registry_setup
