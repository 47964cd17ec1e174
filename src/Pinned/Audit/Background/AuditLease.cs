namespace Pinned.Audit.Background;

/// <summary>
/// Which Lease the replicas of one release compete for, and who this replica is. From the
/// environment the chart sets through the downward API: POD_NAMESPACE, POD_NAME and
/// PINNED_AUDIT_LEASE (the release's Lease name).
/// </summary>
internal sealed record AuditLease(string Namespace, string Name, string Identity, TimeSpan Duration)
{
    public const string DefaultName = "pinned-audit";
    private const string ServiceAccountNamespaceFile = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";

    /// <summary>client-go's proportions (15 s, 10 s, 2 s): renew well before the lease lapses, retry often.</summary>
    public TimeSpan RenewDeadline => Duration * 2 / 3;

    public TimeSpan RetryPeriod => Duration / 7.5;

    public static AuditLease FromEnvironment(IReadOnlyDictionary<string, string?> environment, TimeSpan duration)
    {
        var ns = NonEmpty(environment, "POD_NAMESPACE") ?? ServiceAccountNamespace() ?? "default";
        var name = NonEmpty(environment, "PINNED_AUDIT_LEASE") ?? DefaultName;
        // A restarted pod keeps its name; the suffix tells its new process from the old one's lease.
        var identity = $"{NonEmpty(environment, "POD_NAME") ?? Environment.MachineName}_{Guid.NewGuid().ToString("N")[..8]}";
        return new AuditLease(ns, name, identity, duration);
    }

    private static string? NonEmpty(IReadOnlyDictionary<string, string?> environment, string name) =>
        environment.GetValueOrDefault(name) is { Length: > 0 } value ? value.Trim() : null;

    private static string? ServiceAccountNamespace()
    {
        try
        {
            return File.Exists(ServiceAccountNamespaceFile) ? File.ReadAllText(ServiceAccountNamespaceFile).Trim() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
