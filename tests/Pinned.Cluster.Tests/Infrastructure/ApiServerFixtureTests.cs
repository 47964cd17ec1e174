using k8s;
using k8s.Models;

namespace Pinned.Cluster.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class FixtureCluster : ICollectionFixture<PlainApiServer>
{
    public const string Name = "fixture";
}

/// <summary>The fixture itself: a real server that KubernetesClient and kubectl reach, and that survives a restart.</summary>
[Collection(FixtureCluster.Name)]
public sealed class ApiServerFixtureTests(PlainApiServer server)
{
    [Fact]
    public async Task KubernetesClient_and_kubectl_reach_the_same_server()
    {
        server.Require();
        var ns = await server.CreateNamespaceAsync("fixture");
        using var client = server.AdminClient();

        var namespaces = await client.CoreV1.ListNamespaceAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(namespaces.Items, n => n.Metadata.Name == ns);
        Assert.Equal($"namespace/{ns}", (await server.KubectlOkAsync("get", "namespace", ns, "-o", "name")).Trim());
    }

    [Fact]
    public async Task Objects_survive_an_api_server_restart()
    {
        server.Require();
        var ns = await server.CreateNamespaceAsync("restart");
        using var client = server.AdminClient();
        await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "kept" } }, ns, cancellationToken: TestContext.Current.CancellationToken);

        await server.RestartApiServerAsync();

        var kept = await client.CoreV1.ReadNamespacedConfigMapAsync("kept", ns, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal("kept", kept.Metadata.Name);
    }
}
