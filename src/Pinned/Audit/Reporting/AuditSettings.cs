using Pinned.Policy;

namespace Pinned.Audit.Reporting;

/// <summary>What `pinned audit` was asked to do.</summary>
internal sealed record AuditSettings(
    string? Kubeconfig,
    string? Context,
    string? Namespace,
    string? ConfigFile,
    AuditOutput Output,
    RuleAction? Mode,
    bool FailOnDrift,
    bool Pins,
    TimeSpan CallBudget);
