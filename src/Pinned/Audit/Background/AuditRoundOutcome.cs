namespace Pinned.Audit.Background;

/// <summary>The outcome tag of pinned.audit.rounds.</summary>
internal static class AuditRoundOutcome
{
    /// <summary>Every kind was read and judged.</summary>
    public const string Success = "success";

    /// <summary>Some kind could not be read (forbidden, timed out): its findings are missing.</summary>
    public const string Partial = "partial";

    /// <summary>The round stopped: the API server was unreachable past the budget, or the round timed out.</summary>
    public const string Failed = "failed";
}
