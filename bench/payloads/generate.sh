#!/usr/bin/env bash
# Makes the load test's AdmissionReview bodies from real objects: `kubectl create ... --dry-run=client
# -o json` (offline, no cluster), edited with `kubectl set ... --local`, then given the defaults
# the API server adds before it calls a webhook and wrapped in the AdmissionReview envelope it
# sends (see shared/admission-reviews/). Rerun it to remake the committed *.json files.
set -euo pipefail
cd "$(dirname "$0")"
command -v kubectl >/dev/null && command -v jq >/dev/null || { echo "needs kubectl and jq" >&2; exit 2; }

digest() { printf 'sha256:%s' "$(printf '%s' "$1" | sha256sum | cut -c1-64)"; }
pinned() { printf '%s@%s' "$1" "$(digest "$1")"; }

# The API server's defaulting (pkg/apis/core/v1/defaults.go) and the service-account admission
# plugin's projected token volume: what a webhook really receives, not kubectl's sparse object.
DEFAULTS='
def container_defaults: . + {resources: (.resources // {}), terminationMessagePath: "/dev/termination-log",
  terminationMessagePolicy: "File", imagePullPolicy: (if (.image | test("@sha256:|:[^/]+$")) and (.image | test(":latest$") | not) then "IfNotPresent" else "Always" end)}
  | if .ports then .ports |= map(. + {protocol: "TCP"}) else . end;
def token_mount: {name: "kube-api-access-7k2xq", readOnly: true, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount"};
def token_volume: {name: "kube-api-access-7k2xq", projected: {sources: [
  {serviceAccountToken: {expirationSeconds: 3607, path: "token"}},
  {configMap: {name: "kube-root-ca.crt", items: [{key: "ca.crt", path: "ca.crt"}]}},
  {downwardAPI: {items: [{path: "namespace", fieldRef: {apiVersion: "v1", fieldPath: "metadata.namespace"}}]}}], defaultMode: 420}};
def podspec_defaults($pod): .containers |= map(container_defaults)
  | if $pod then .volumes = ((.volumes // []) + [token_volume]) | .containers |= map(.volumeMounts = ((.volumeMounts // []) + [token_mount])) else . end
  | . + {restartPolicy: "Always", terminationGracePeriodSeconds: 30, dnsPolicy: "ClusterFirst", securityContext: {}, schedulerName: "default-scheduler"}
  | if $pod then . + {serviceAccountName: "default", serviceAccount: "default", priority: 0, enableServiceLinks: true,
      preemptionPolicy: "PreemptLowerPriority", tolerations: [
      {key: "node.kubernetes.io/not-ready", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300},
      {key: "node.kubernetes.io/unreachable", operator: "Exists", effect: "NoExecute", tolerationSeconds: 300}]} else . end;
def managed($manager; $api): [{manager: $manager, operation: "Update", apiVersion: $api, time: "2026-11-28T00:46:42Z",
  fieldsType: "FieldsV1", fieldsV1: {"f:metadata": {"f:labels": {".": {}, "f:app": {}}},
  "f:spec": ((.spec.template.spec // .spec).containers | map({key: ("k:{\"name\":\"" + .name + "\"}"),
    value: {".": {}, "f:image": {}, "f:imagePullPolicy": {}, "f:name": {}, "f:resources": {}}}) | from_entries
    | {"f:containers": .})}}];
def metadata_defaults($uid; $manager; $api): .metadata += {namespace: "demo", uid: $uid, creationTimestamp: "2026-11-28T00:46:42Z"}
  | .metadata.managedFields = managed($manager; $api);
def review($uid; $group; $resource; $manager): .metadata.name as $name | .kind as $kind | .apiVersion as $api
  | {kind: "AdmissionReview", apiVersion: "admission.k8s.io/v1", request: {uid: $uid,
     kind: {group: $group, version: "v1", kind: $kind}, resource: {group: $group, version: "v1", resource: $resource},
     requestKind: {group: $group, version: "v1", kind: $kind}, requestResource: {group: $group, version: "v1", resource: $resource},
     name: $name, namespace: "demo", operation: "CREATE",
     userInfo: {username: "admin", uid: "admin-uid", groups: ["system:masters", "system:authenticated"]},
     object: ., oldObject: null, dryRun: false,
     options: {kind: "CreateOptions", apiVersion: "meta.k8s.io/v1", fieldManager: $manager}}};
'

# A Pod as the ReplicaSet controller makes it from a Deployment's template.
pod_from_deployment() {
  jq -c --arg uid "$1" "$DEFAULTS"'
    {kind: "Pod", apiVersion: "v1", metadata: {name: (.metadata.name + "-7d9f8b6c5d-x2x7q"), generateName: (.metadata.name + "-7d9f8b6c5d-"),
       labels: (.spec.template.metadata.labels + {"pod-template-hash": "7d9f8b6c5d"}),
       ownerReferences: [{apiVersion: "apps/v1", kind: "ReplicaSet", name: (.metadata.name + "-7d9f8b6c5d"),
         uid: "d1c2b3a4-9e8f-4a7b-8c6d-5e4f3a2b1c0d", controller: true, blockOwnerDeletion: true}]},
     spec: (.spec.template.spec | podspec_defaults(true))}
    | metadata_defaults($uid; "kube-controller-manager"; "v1")
    | review("'"$2"'"; ""; "pods"; "kube-controller-manager")'
}

# typical pod review (~4 KB): an app container and a sidecar, both digest-pinned: allowed.
kubectl create deployment shop-web --image="$(pinned registry.example.com/shop/web:2.14.1)" \
    --image="$(pinned registry.example.com/platform/envoy:1.31.2)" --port=8080 --dry-run=client -o json \
  | kubectl set env --local -f - -o json LOG_LEVEL=info LISTEN_ADDR=:8080 UPSTREAM=http://127.0.0.1:9000 \
      OTEL_SERVICE_NAME=shop-web OTEL_EXPORTER_OTLP_ENDPOINT=http://otel-collector.observability:4317 \
  | jq '.spec.template.spec.containers[0].readinessProbe = {httpGet: {path: "/readyz", port: 8080, scheme: "HTTP"},
        periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3}' \
  | kubectl set resources --local -f - -o json --limits=cpu=1,memory=256Mi --requests=cpu=100m,memory=64Mi \
  | pod_from_deployment 5b2f3c1e-0d4a-4c1b-9e6f-2a7d8c9b0e11 9f0e8d7c-6b5a-4321-8fed-cba987654321 \
  > pod-allowed.json

# Deployment review (~60 KB): 12 pinned containers with a large environment each: allowed.
images=()
for i in $(seq 1 12); do images+=(--image="$(pinned "registry.example.com/batch/worker-$i:3.$i.0")"); done
envs=()
for i in $(seq 1 46); do envs+=("FEATURE_FLAG_$i=enabled-for-tenant-group-$i-with-a-long-explanatory-value"); done
kubectl create deployment batch "${images[@]}" --replicas=3 --port=9090 --dry-run=client -o json \
  | kubectl set env --local -f - -o json "${envs[@]}" \
  | kubectl set resources --local -f - -o json --limits=cpu=500m,memory=512Mi --requests=cpu=100m,memory=128Mi \
  | jq -c --arg uid 0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5 "$DEFAULTS"'
      .spec.template.spec |= podspec_defaults(false)
      | .spec += {strategy: {type: "RollingUpdate", rollingUpdate: {maxUnavailable: "25%", maxSurge: "25%"}},
                  revisionHistoryLimit: 10, progressDeadlineSeconds: 600}
      | metadata_defaults($uid; "kubectl-create"; "apps/v1") | .metadata.generation = 1
      | review("7a6b5c4d-3e2f-1a0b-9c8d-7e6f5a4b3c2d"; "apps"; "deployments"; "kubectl-create")' \
  > deployment-large.json

# denied pod review: exactly 10 violations under the default policy: 4 tagged images
# (image-digest), 2 untagged ones (image-digest + mutable-tag each), 2 hostPath volumes.
kubectl create deployment legacy --image=registry.example.com/legacy/app:4.2 --image=redis:7.4 \
    --image=quay.io/prometheus/node-exporter:v1.8.2 --image=ghcr.io/example/agent:0.9 \
    --image=busybox --image=registry.example.com/legacy/log-shipper --dry-run=client -o json \
  | jq '.spec.template.spec.volumes = [{name: "docker-sock", hostPath: {path: "/var/run/docker.sock", type: "Socket"}},
                                       {name: "host-logs", hostPath: {path: "/var/log", type: "Directory"}}]
        | .spec.template.spec.containers[0].volumeMounts = [{name: "docker-sock", mountPath: "/var/run/docker.sock"},
                                                            {name: "host-logs", mountPath: "/host/logs", readOnly: true}]' \
  | pod_from_deployment 1f2e3d4c-5b6a-4978-8695-a4b3c2d1e0f9 3c4d5e6f-7a8b-4c9d-0e1f-2a3b4c5d6e7f \
  > pod-denied-10.json

# audit-mode review (POST /validate/audit): a pod with 3 violations (a tagged image, an untagged
# one: image-digest twice and mutable-tag once), admitted with warnings and an audit annotation.
kubectl create deployment trial --image=nginx:1.27 --image="$(pinned registry.example.com/shop/web:2.14.1)" \
    --image=registry.example.com/tools/debug --port=8080 --dry-run=client -o json \
  | pod_from_deployment 6e5d4c3b-2a19-4807-b6f5-e4d3c2b1a098 8b7a6958-4736-4251-a0f9-e8d7c6b5a4f3 \
  > pod-audit.json

wc -c ./*.json
