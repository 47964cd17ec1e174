namespace Pinned.Policy;

/// <summary>The policy file of SPEC.md §5 (plus §7's registry section and §8's audit section), validated.</summary>
public sealed class PolicyOptions
{
    public static PolicyOptions Default { get; } = new();

    /// <summary>enforce, audit or warn: the cap on every rule's action.</summary>
    public RuleAction Mode { get; init; } = RuleAction.Enforce;

    public IReadOnlyList<string> ExemptNamespaces { get; init; } = [];

    public ImageDigestOptions ImageDigest { get; init; } = new();

    public MutableTagOptions MutableTag { get; init; } = new();

    public HostPathOptions HostPath { get; init; } = new();

    public RegistryOptions Registry { get; init; } = new();

    public MutationOptions Mutation { get; init; } = new();

    public AuditOptions Audit { get; init; } = new();

    public bool IsNamespaceExempt(string? ns)
    {
        if (ns is null)
        {
            return false;
        }

        foreach (var exempt in ExemptNamespaces)
        {
            if (string.Equals(exempt, ns, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
