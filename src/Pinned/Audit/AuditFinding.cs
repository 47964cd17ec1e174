using Pinned.Policy;

namespace Pinned.Audit;

/// <summary>
/// One result of an audit, on the object a person edits. For an owner (the top of an
/// ownerReferences chain: a Deployment, a CronJob, a StatefulSet…) the violations of its template
/// and the <see cref="Pods"/> it covers; for a bare pod, or a pod whose owner the audit does not
/// know, all of the pod's violations; for a pod of a known owner, only what the pod carries that
/// the owner's template lacks (an ephemeral container, a pod from before a template change), with
/// <see cref="Owner"/> naming the owner. Holds strings and counts only: no object of the cluster.
/// </summary>
internal sealed record AuditFinding(
    ObjectRef Object,
    ObjectRef? Owner,
    int Pods,
    bool Denied,
    IReadOnlyList<Violation> Violations,
    IReadOnlyList<DriftFinding> Drift,
    IReadOnlyList<KnownPin> Pins)
{
    /// <summary>True for a pod reported beside its owner: its violations are the ones the owner's template lacks.</summary>
    public bool IsPodOfOwner => Object.Kind == "Pod" && Owner is not null && OwnerKnown;

    /// <summary>False when <see cref="Owner"/> names a controller the audit did not list (another kind, or unread).</summary>
    public bool OwnerKnown { get; init; } = true;

    /// <summary>The owner this result is grouped under: its owner, or itself.</summary>
    public ObjectRef Group => Owner is { } owner && OwnerKnown ? owner : Object;
}
