using k8s;

namespace Pinned.Audit.Background;

/// <summary>
/// What a complete round is published to, made once the audit's client exists: PolicyReports
/// when <c>audit.reports</c> is true, nothing otherwise (the metrics are always kept).
/// </summary>
internal sealed class AuditPublishers(IEnumerable<Func<IKubernetes, IAuditRoundPublisher>> factories)
{
    public IReadOnlyList<IAuditRoundPublisher> Create(IKubernetes client) => [.. factories.Select(f => f(client))];
}
