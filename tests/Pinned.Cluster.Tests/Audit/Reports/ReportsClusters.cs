using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit.Reports;

/// <summary>The PolicyReport tests' API server, with the wgpolicyk8s.io CRDs (installed by the first test that needs them).</summary>
[CollectionDefinition(Name)]
public sealed class ReportsCluster : ICollectionFixture<PlainApiServer>
{
    public const string Name = "audit-reports";
}

/// <summary>An API server that starts without the wgpolicyk8s.io CRDs: the publisher's test installs them itself.</summary>
[CollectionDefinition(Name)]
public sealed class NoReportCrdCluster : ICollectionFixture<PlainApiServer>
{
    public const string Name = "audit-reports-no-crd";
}
