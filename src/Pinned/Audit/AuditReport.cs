namespace Pinned.Audit;

/// <summary>
/// The outcome of one audit: results grouped by namespace and owner (owner first, then its pods
/// that differ from it), the pins the cluster already knows, the exempt namespaces and the kinds
/// that could not be read. Small by construction: findings, names and counts, never objects.
/// </summary>
internal sealed record AuditReport(
    IReadOnlyList<AuditFinding> Results,
    IReadOnlyList<KnownPin> Pins,
    IReadOnlyList<ExemptNamespace> Exempt,
    IReadOnlyList<UnreadKind> Unread,
    AuditSummary Summary)
{
    /// <summary>SPEC.md §8: 2 when some kind could not be read, else 1 when something would be denied (or drifts, with --fail-on drift), else 0.</summary>
    public int ExitCode(bool failOnDrift) =>
        Unread.Count > 0 ? 2 : Summary.Denied > 0 || (failOnDrift && Summary.Drift > 0) ? 1 : 0;
}
