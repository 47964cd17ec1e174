namespace Pinned.Policy;

/// <summary>
/// One broken rule: where (JSON path), what (image, when the rule is about one), why, how to fix
/// it, and what the policy does about it. PreExisting marks, on UPDATE, a violation the old object
/// already had: it is reported but does not block.
/// </summary>
public sealed record Violation(
    string RuleId,
    string Path,
    string? Image,
    string Message,
    string Fix,
    RuleAction Action,
    bool PreExisting = false)
{
    /// <summary>"[rule] path: message — fix": the one-line form used in denials and warnings.</summary>
    public override string ToString() => $"[{RuleId}] {Path}: {Message} — {Fix}";
}
