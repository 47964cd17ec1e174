using Pinned.Policy;

namespace Pinned.Check;

/// <summary>
/// The judgement on one Kubernetes object of a manifest: where it is, what it is, and what the
/// policy found. <see cref="Denied"/> when an enforced rule is broken; <see cref="Exempt"/> when
/// its namespace is exempt (then it was not evaluated, as the webhook would not evaluate it).
/// <see cref="ItemPath"/> is where the object sits inside its document ("items[3]" in a List), or "".
/// </summary>
internal sealed record ObjectVerdict(
    string Source,
    int DocumentIndex,
    string ItemPath,
    int Line,
    string? Kind,
    string? Namespace,
    string? Name,
    bool Denied,
    bool Exempt,
    IReadOnlyList<LocatedViolation> Violations)
{
    /// <summary>"file:2", or "file:2:items[3]" for an item of a List: two items of one name stay apart.</summary>
    public string Location => ItemPath.Length == 0 ? $"{Source}:{DocumentIndex}" : $"{Source}:{DocumentIndex}:{ItemPath}";

    /// <summary>"Deployment default/web" (or "Pod &lt;unnamed&gt;").</summary>
    public string Describe() => $"{Kind} {(Namespace is null ? string.Empty : Namespace + "/")}{Name ?? "<unnamed>"}";

    public static string Level(RuleAction action) => action switch
    {
        RuleAction.Enforce => "deny",
        RuleAction.Audit => "audit",
        _ => "warn",
    };
}
