using Pinned.Policy;

namespace Pinned.Audit;

/// <summary>
/// What the audit keeps of a controller (any listed kind but Pod) while the pods arrive: who it
/// is, who controls it, its template's violations, and what its pods run. No part of the object.
/// </summary>
internal sealed class OwnerEntry(ObjectRef self, ControllerRef? controller, string specPath, IReadOnlyList<Violation> violations, bool denied)
{
    private HashSet<ViolationKey>? _keys;

    public ObjectRef Self { get; } = self;

    public ControllerRef? Controller { get; } = controller;

    public IReadOnlyList<Violation> Violations { get; } = violations;

    public bool Denied { get; } = denied;

    public int Pods { get; set; }

    public RunningImages Running { get; } = new();

    /// <summary>Whether the template has this violation (built on first use: only top owners are asked).</summary>
    public bool Covers(ViolationKey key) =>
        (_keys ??= [.. Violations.Select(v => ViolationKey.Of(v, specPath))]).Contains(key);
}
