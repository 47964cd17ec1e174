using Pinned.Check;

namespace Pinned.Audit.Reporting;

/// <summary>The two drifts of SPEC.md §8 as SARIF rule metadata, after check's three rules.</summary>
internal static class DriftRules
{
    public static IReadOnlyList<SarifRule> All { get; } =
    [
        new("tag-on-several-digests", "TagRunsSeveralImages",
            "One tag runs as several images",
            "Pods of one owner run the same tag, but the nodes resolved it to different digests (container status imageID).",
            "The tag moved between pulls, so the same workload runs different code on different nodes. Pin the image by digest: `pinned audit --pins` says which digest each tag runs where the cluster agrees, and `pinned pin --from` writes it."),
        new("pinned-but-different", "PinnedImageRunsAnotherDigest",
            "A pinned image runs another digest",
            "A container whose spec pins a digest reports (container status imageID) that it runs a different one.",
            "The runtime ran something other than what the spec pins: a mirror or pull-through cache that rewrites content, or a node that resolved the index to a platform manifest. Check the registry configuration of those nodes."),
    ];
}
