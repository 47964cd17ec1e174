using Pinned.Policy;

namespace Pinned.Check;

/// <summary>The three rules of SPEC.md §3 as SARIF rule metadata, in <see cref="RuleIds.All"/> order.</summary>
internal static class SarifRules
{
    public static IReadOnlyList<SarifRule> All { get; } =
    [
        new(RuleIds.ImageDigest, "ImageNotPinnedByDigest",
            "Container image is not pinned by digest",
            "Every image of a pod spec (containers, initContainers, ephemeralContainers and image volumes) must be a valid reference pinned by digest, such as registry.example.com/app@sha256:<64 hex digits>. An invalid reference breaks this rule too.",
            "A tag can be moved to other content at any time, so the same manifest can run different code tomorrow, and different code on each node. Pin the image by digest: `pinned pin` rewrites references to tag@digest, or write the digest yourself (`app:1.2@sha256:...`: the runtime uses the digest). Images that cannot be pinned are exempted by the cluster's policy file (rules.image-digest.exemptImages), never by the workload."),
        new(RuleIds.MutableTag, "MutableImageTag",
            "Container image uses a mutable tag",
            "An image without a digest must not use a mutable tag: no tag at all (the implicit latest) or a tag listed in rules.mutable-tag.mutableTags (latest by default).",
            "`latest`, or no tag, points to whatever was pushed last, so a restart or a new node can pull different code. Pin the image by digest (`pinned pin`), or at the very least use a version tag."),
        new(RuleIds.HostPath, "HostPathVolume",
            "Pod mounts a hostPath volume",
            "A pod must not mount a hostPath volume unless the policy's rules.host-path.allowedHostPaths permits its path (and, for an entry with readOnly: true, every mount of it is read-only).",
            "A hostPath volume makes the pod depend on what each node holds, and lets it read or change the node itself. Ship what the container needs in its image, or use a configMap, secret, emptyDir or persistentVolumeClaim; if a path is truly needed, the cluster admin allows it in allowedHostPaths, read-only where possible."),
    ];

    public static int IndexOf(string ruleId)
    {
        for (int i = 0; i < All.Count; i++)
        {
            if (All[i].Id == ruleId)
            {
                return i;
            }
        }

        return -1;
    }
}
