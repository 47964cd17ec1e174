namespace Pinned.Audit.Reports;

/// <summary>Where Pinned's PolicyReports live and how they are told apart from everyone else's.</summary>
internal static class PolicyReports
{
    public const string Group = "wgpolicyk8s.io";

    public const string Version = "v1alpha2";

    public const string Plural = "policyreports";

    public const string Kind = "PolicyReport";

    /// <summary>The one report of a namespace: a fixed name, so that each round replaces it in place.</summary>
    public const string Name = "pinned";

    /// <summary>The results' policy, and the field manager of every write.</summary>
    public const string Policy = "pinned";

    public const string ManagedByLabel = "app.kubernetes.io/managed-by";

    public const string ManagedBy = "pinned";

    /// <summary>The only reports Pinned replaces or deletes carry this label.</summary>
    public const string Selector = ManagedByLabel + "=" + ManagedBy;

    /// <summary>"true" when the namespace had more results than a report holds (the summary still counts them all).</summary>
    public const string TruncatedAnnotation = "pinned.dev/results-truncated";
}
