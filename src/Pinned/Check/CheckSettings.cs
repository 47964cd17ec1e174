using Pinned.Policy;

namespace Pinned.Check;

/// <summary>What `pinned check` was asked to do.</summary>
/// <param name="Paths">Files, folders, or "-" for standard input.</param>
/// <param name="ConfigFile">The policy file shared with `pinned serve`; null for the defaults.</param>
/// <param name="Mode">Overrides the policy's mode (enforce, audit, warn) when set.</param>
/// <param name="Namespace">The namespace of objects that name none; "default" when null, as kubectl would apply them.</param>
internal sealed record CheckSettings(
    IReadOnlyList<string> Paths,
    string? ConfigFile = null,
    CheckOutput Output = CheckOutput.Text,
    RuleAction? Mode = null,
    string? Namespace = null)
{
    public const string DefaultNamespace = "default";
}
