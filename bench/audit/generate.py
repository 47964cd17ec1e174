#!/usr/bin/env python3
"""Writes the objects of bench/audit/run.sh as kubectl List files (several, for parallel creation)."""
import json, sys

def write(kind, items, out, chunks=8):
    for i in range(chunks):
        part = items[i::chunks]
        if part:
            with open(f"{out}/{kind}.{i}.json", "w") as f:
                json.dump({"apiVersion": "v1", "kind": "List", "items": part}, f)

def template(app):
    return {"metadata": {"labels": {"app": app}},
            "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}

def owner(kind, name, uid):
    return [{"apiVersion": "apps/v1", "kind": kind, "name": name, "uid": uid, "controller": True}]

def uids(path):
    with open(path) as f:
        return [line.split() for line in f if line.strip()]

cmd, out = sys.argv[1], sys.argv[-1]
if cmd == "deployments":
    n = int(sys.argv[2])
    write("deployments", [{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": f"app-{i:04d}", "namespace": "default"},
                           "spec": {"selector": {"matchLabels": {"app": f"app-{i:04d}"}}, "template": template(f"app-{i:04d}")}}
                          for i in range(n)], out)
elif cmd == "replicasets":
    write("replicasets", [{"apiVersion": "apps/v1", "kind": "ReplicaSet",
                           "metadata": {"name": f"{name}-5d4", "namespace": "default", "labels": {"app": name},
                                        "ownerReferences": owner("Deployment", name, uid)},
                           "spec": {"selector": {"matchLabels": {"app": name}}, "template": template(name)}}
                          for name, uid in uids(sys.argv[2])], out)
elif cmd == "pods":
    per, bare = int(sys.argv[3]), int(sys.argv[4])
    pods = [{"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": f"{rs}-{j:02d}", "namespace": "default", "labels": {"app": rs[:-4]},
                          "ownerReferences": owner("ReplicaSet", rs, uid)},
             "spec": {"containers": [{"name": "web", "image": "nginx:1.27"}]}}
            for rs, uid in uids(sys.argv[2]) for j in range(per)]
    pods += [{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": f"bare-{i:04d}", "namespace": "default"},
              "spec": {"containers": [{"name": "tool", "image": "busybox:1.36"}]}} for i in range(bare)]
    write("pods", pods, out)
