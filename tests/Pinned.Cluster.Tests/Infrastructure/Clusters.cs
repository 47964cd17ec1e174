namespace Pinned.Cluster.Tests.Infrastructure;

/// <summary>The plain API server: AlwaysAllow authorization, default admission plugins.</summary>
public sealed class PlainApiServer : KubeApiServer;

/// <summary>RBAC on, for tests that act with only the chart's ClusterRole (ServiceAccount tokens).</summary>
public sealed class RbacApiServer : KubeApiServer
{
    protected override string AuthorizationMode => "RBAC";
}

/// <summary>ValidatingAdmissionPolicy on (beta in 1.28: feature gate and the v1beta1 API).</summary>
public sealed class VapApiServer : KubeApiServer
{
    protected override string ExtraArgs =>
        "--feature-gates=ValidatingAdmissionPolicy=true --runtime-config=admissionregistration.k8s.io/v1beta1=true";
}
