namespace Pinned.Audit;

/// <summary>A kind the audit could not list, and why ("forbidden: …", "timed out …").</summary>
internal sealed record UnreadKind(string Kind, string Resource, string Reason)
{
    public override string ToString() => $"{Kind} ({Resource}): {Reason}";
}
