namespace Pinned.Audit.Background;

/// <summary>
/// Publishes the outcome of one successful background audit round (PolicyReports when
/// audit.reports is true). Resolved from DI by the background audit loop.
/// </summary>
internal interface IAuditRoundPublisher
{
    Task PublishAsync(AuditReport report, CancellationToken ct);
}
