using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Vap;

/// <summary>The ValidatingAdmissionPolicy tests share one API server with VAP on; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class VapCluster : ICollectionFixture<VapApiServer>
{
    public const string Name = "vap";
}
