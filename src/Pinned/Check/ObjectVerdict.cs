using Pinned.Policy;

namespace Pinned.Check;

/// <summary>
/// The judgement on one Kubernetes object of a manifest: where it is, what it is, and what the
/// policy found. <see cref="Denied"/> when an enforced rule is broken; <see cref="Exempt"/> when
/// its namespace is exempt (then it was not evaluated, as the webhook would not evaluate it).
/// </summary>
internal sealed record ObjectVerdict(
    string Source,
    int DocumentIndex,
    int Line,
    string? Kind,
    string? Namespace,
    string? Name,
    bool Denied,
    bool Exempt,
    IReadOnlyList<LocatedViolation> Violations)
{
    /// <summary>"Deployment default/web" (or "Pod &lt;unnamed&gt;").</summary>
    public string Describe() => $"{Kind} {(Namespace is null ? string.Empty : Namespace + "/")}{Name ?? "<unnamed>"}";

    public static string Level(RuleAction action) => action switch
    {
        RuleAction.Enforce => "deny",
        RuleAction.Audit => "audit",
        _ => "warn",
    };
}
