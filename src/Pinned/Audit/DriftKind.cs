namespace Pinned.Audit;

/// <summary>The two drifts of SPEC.md §8.</summary>
internal enum DriftKind
{
    /// <summary>Pods of one owner run the same tag as different digests.</summary>
    TagOnSeveralDigests,

    /// <summary>A container whose spec pins one digest runs another.</summary>
    PinnedButDifferent,
}
