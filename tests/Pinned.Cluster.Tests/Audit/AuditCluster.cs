using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit;

/// <summary>The audit tests share one plain API server; each test makes its own namespaces.</summary>
[CollectionDefinition(Name)]
public sealed class AuditCluster : ICollectionFixture<PlainApiServer>
{
    public const string Name = "audit";
}
