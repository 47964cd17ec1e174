namespace Pinned.Audit;

/// <summary>What one read of the cluster covered: objects per kind listed, and the kinds it could not list.</summary>
internal sealed record ClusterReadResult(IReadOnlyDictionary<string, int> Listed, IReadOnlyList<UnreadKind> Unread)
{
    public int Objects => Listed.Values.Sum();
}
