using System.Globalization;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Chart;

[CollectionDefinition(Name)]
public sealed class HelmCluster : ICollectionFixture<LoopbackServiceApiServer>
{
    public const string Name = "helm";
}

/// <summary>
/// An API server whose Service cluster IPs are loopback addresses (a /24 of 127.0.0.0/8 picked at
/// random, so that parallel clusters differ). The API server calls a `service:` webhook at the
/// Service's cluster IP and port (1.28 without --enable-aggregator-routing resolves services by
/// ClusterIP); with no kube-proxy here, a test that listens on that address stands in for it, and
/// the webhook configuration the chart renders is used unchanged, TLS name and caBundle included.
/// </summary>
public sealed class LoopbackServiceApiServer : KubeApiServer
{
    private readonly string _range = string.Create(CultureInfo.InvariantCulture,
        $"127.{Random.Shared.Next(100, 250)}.{Random.Shared.Next(1, 250)}.0/24");

    // ValidatingAdmissionPolicy on (beta in 1.28), for the chart's admission.engine vap renders.
    protected override string ExtraArgs => $"--service-cluster-ip-range={_range}"
        + " --feature-gates=ValidatingAdmissionPolicy=true --runtime-config=admissionregistration.k8s.io/v1beta1=true";
}
