#!/usr/bin/env python3
"""Writes the request.json of each golden fixture of `pinned serve` (tests/Pinned.Tests/Fixtures).

Captured cases copy /work/shared/admission-reviews (../shared beside the repository); made cases
wrap real objects from `kubectl create … --dry-run=client -o json` (offline) in an AdmissionReview
the way the API server does. expected.json files are written by hand and reviewed, never by this
script. Run from the repository root: python3 tests/Pinned.Tests/Serve/make_fixtures.py ../shared
"""
import copy, json, os, subprocess, sys

shared = sys.argv[1] if len(sys.argv) > 1 else "../shared"
out = "tests/Pinned.Tests/Fixtures"
DIGEST = "sha256:" + "ab" * 32


def kubectl(*args):
    text = subprocess.check_output(["kubectl", *args, "--dry-run=client", "-o", "json", "-n", "demo"])
    return json.loads(text)


def review(uid, obj, operation="CREATE", old=None, kind=None, group="", version="v1", resource=None, namespace="demo",
           sub_resource=None, dry_run=False):
    kind = kind or obj["kind"]
    request = {
        "uid": uid,
        "kind": {"group": group, "version": version, "kind": kind},
        "resource": {"group": group, "version": version, "resource": resource or kind.lower() + "s"},
        "requestKind": {"group": group, "version": version, "kind": kind},
        "requestResource": {"group": group, "version": version, "resource": resource or kind.lower() + "s"},
        "name": obj["metadata"]["name"] if isinstance(obj, dict) else "broken",
        "namespace": namespace,
        "operation": operation,
        "userInfo": {"username": "admin", "groups": ["system:masters", "system:authenticated"]},
        "object": obj,
        "oldObject": old,
        "dryRun": dry_run,
        "options": {"kind": "CreateOptions" if operation == "CREATE" else "UpdateOptions", "apiVersion": "meta.k8s.io/v1"},
    }
    if sub_resource:
        request["subResource"] = sub_resource
    return {"kind": "AdmissionReview", "apiVersion": "admission.k8s.io/v1", "request": request}


def pod_from(deployment, name):
    template = deployment["spec"]["template"]
    return {"kind": "Pod", "apiVersion": "v1",
            "metadata": {"name": name, "namespace": "demo", "labels": template["metadata"]["labels"]},
            "spec": copy.deepcopy(template["spec"])}


def write(case, body, extra=None):
    folder = os.path.join(out, case)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "request.json"), "w") as f:
        json.dump(body, f, indent=2)
        f.write("\n")
    for name, text in (extra or {}).items():
        with open(os.path.join(folder, name), "w") as f:
            f.write(text)


def uid(n):
    return f"00000000-0000-4000-8000-{n:012d}"


for name in sorted(os.listdir(os.path.join(shared, "admission-reviews"))):
    if name.endswith(".json"):
        capture = json.load(open(os.path.join(shared, "admission-reviews", name)))
        write("captured-" + name[:-5], capture["review"])

pinned = kubectl("create", "deployment", "web", f"--image=nginx:1.27@{DIGEST}")
write("deployment-digest-pinned-allowed", review(uid(1), pinned, group="apps", resource="deployments"))

latest = kubectl("create", "deployment", "web", "--image=nginx:latest", "--image=redis")
write("deployment-latest-and-untagged-denied", review(uid(2), latest, group="apps", resource="deployments"))

pod = pod_from(kubectl("create", "deployment", "web", f"--image=nginx@{DIGEST}"), "web")
pod["spec"]["initContainers"] = [{"name": "migrate", "image": "ghcr.io/acme/migrate:v3"}]
write("pod-init-container-tag-denied", review(uid(3), pod))

pod = pod_from(kubectl("create", "deployment", "logs", f"--image=fluent/fluent-bit@{DIGEST}"), "logs")
pod["spec"]["volumes"] = [{"name": "tmp", "emptyDir": {}}, {"name": "varlog", "hostPath": {"path": "/var/log", "type": "Directory"}}]
pod["spec"]["containers"][0]["volumeMounts"] = [{"name": "varlog", "mountPath": "/var/log"}]
write("pod-hostpath-denied", review(uid(4), pod))
write("pod-hostpath-under-allowed-prefix", review(uid(5), pod), {
    "policy.yaml": "rules:\n  host-path: { allowedHostPaths: [{ pathPrefix: /var/log, readOnly: false }] }\n"})

pod = pod_from(kubectl("create", "deployment", "model", f"--image=ghcr.io/acme/server@{DIGEST}"), "model")
pod["spec"]["volumes"] = [{"name": "weights", "image": {"reference": "ghcr.io/acme/weights:v1", "pullPolicy": "IfNotPresent"}}]
write("pod-image-volume-denied", review(uid(6), pod))

job = kubectl("create", "job", "report", "--image=busybox:1.36")
write("job-audit-path-allowed-with-warnings", review(uid(7), job, group="batch", resource="jobs"), {"path.txt": "/validate/audit\n"})

cron = kubectl("create", "cronjob", "report", "--image=busybox", "--schedule=*/5 * * * *")
write("cronjob-warn-path-allowed-with-warnings", review(uid(8), cron, group="batch", resource="cronjobs"), {"path.txt": "/validate/warn\n"})
write("cronjob-audit-mode-policy", review(uid(9), cron, group="batch", resource="cronjobs"), {"policy.yaml": "mode: audit\n"})
write("cronjob-warn-mode-not-raised-by-audit-path", review(uid(10), cron, group="batch", resource="cronjobs"),
      {"policy.yaml": "mode: warn\n", "path.txt": "/validate/audit\n"})
write("cronjob-rule-actions-mixed", review(uid(11), cron, group="batch", resource="cronjobs"),
      {"policy.yaml": "rules:\n  image-digest: { action: disabled }\n  mutable-tag: { action: warn }\n"})

config = kubectl("create", "configmap", "settings", "--from-literal=image=nginx:latest")
write("configmap-without-pod-spec-allowed", review(uid(12), config, resource="configmaps"))

exempt = pod_from(kubectl("create", "deployment", "debug", "--image=nginx:latest"), "debug")
exempt["metadata"]["namespace"] = "tools"
write("exempt-namespace-allowed", review(uid(13), exempt, namespace="tools"), {"policy.yaml": "exemptNamespaces: [tools]\n"})

write("object-not-an-object-refused-400", review(uid(14), "not-an-object", kind="Pod"))

old = pod_from(kubectl("create", "deployment", "web", "--image=nginx:latest"), "web")
new = copy.deepcopy(old)
new["spec"]["containers"].append({"name": "sidecar", "image": "envoyproxy/envoy:v1.31"})
write("update-adds-unpinned-sidecar-denied-old-warned", review(uid(15), new, operation="UPDATE", old=old))

new = copy.deepcopy(old)
new["spec"]["containers"][0]["image"] = f"nginx@{DIGEST}"
write("update-pins-image-allowed", review(uid(16), new, operation="UPDATE", old=old))

write("connect-allowed", {"kind": "AdmissionReview", "apiVersion": "admission.k8s.io/v1", "request": {
    "uid": uid(17), "kind": {"group": "", "version": "v1", "kind": "PodExecOptions"},
    "resource": {"group": "", "version": "v1", "resource": "pods"}, "subResource": "exec",
    "name": "web", "namespace": "demo", "operation": "CONNECT", "userInfo": {"username": "admin"},
    "object": {"kind": "PodExecOptions", "apiVersion": "v1", "stdin": True, "command": ["sh"], "container": "web"},
    "oldObject": None, "dryRun": False, "options": None}})
