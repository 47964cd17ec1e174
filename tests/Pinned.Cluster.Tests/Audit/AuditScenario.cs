using k8s.Models;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Audit;

/// <summary>
/// The cluster of issue 13's tests, made through the API: in <see cref="Shop"/> a Deployment with
/// its current ReplicaSet (3 pods, two nodes that pulled nginx:1.27 as different digests, one pod
/// with an ephemeral debug container) and an old ReplicaSet (a pod from before the template
/// change); a pinned Deployment one of whose pods runs another digest; a CronJob with a Job and a
/// pod; a StatefulSet, a DaemonSet with a hostPath, a ReplicationController, a bare pod; and in
/// <see cref="Tools"/>, exempt by the policy file, a pod that would be denied.
/// </summary>
internal sealed record AuditScenario(string Shop, string Tools, string PolicyFile)
{
    public const string ApiImage = "registry.example.com/shop/api@sha256:dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd";
    public const string DbImage = "postgres:16@sha256:1111111111111111111111111111111111111111111111111111111111111111";
    public const string AgentImage = "registry.example.com/agent@sha256:2222222222222222222222222222222222222222222222222222222222222222";

    private static readonly SemaphoreSlim Gate = new(1);
    private static readonly Dictionary<KubeApiServer, AuditScenario> Made = [];

    /// <summary>One scenario per API server, made on first use: the tests only read it.</summary>
    public static async Task<AuditScenario> SharedAsync(KubeApiServer server)
    {
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (!Made.TryGetValue(server, out var scenario))
            {
                Made[server] = scenario = await CreateAsync(server);
            }

            return scenario;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static async Task<AuditScenario> CreateAsync(KubeApiServer server)
    {
        var shop = await server.CreateNamespaceAsync("shop");
        var tools = await server.CreateNamespaceAsync("tools");
        using var client = server.AdminClient();
        var at = new ClusterObjects(client, shop);

        var web = await at.DeploymentAsync("web", ClusterObjects.Spec("nginx:1.27", "nginx"));
        var current = ClusterObjects.Controls("apps/v1", "ReplicaSet",
            await at.ReplicaSetAsync("web-5d4", "web", ClusterObjects.Spec("nginx:1.27", "nginx"), web));
        await at.PodAsync("web-5d4-a", ClusterObjects.Spec("nginx:1.27", "nginx", "node-a"), current, $"docker-pullable://nginx@{Digests.A}");
        await at.PodAsync("web-5d4-b", ClusterObjects.Spec("nginx:1.27", "nginx", "node-a"), current, $"docker-pullable://nginx@{Digests.A}");
        await at.PodAsync("web-5d4-c", ClusterObjects.Spec("nginx:1.27", "nginx", "node-b"), current, $"docker.io/library/nginx@{Digests.B}");
        await at.DebugAsync("web-5d4-c", "busybox:1.36", "nginx");
        var old = ClusterObjects.Controls("apps/v1", "ReplicaSet",
            await at.ReplicaSetAsync("web-77c", "web", ClusterObjects.Spec("nginx:1.26", "nginx"), web));
        await at.PodAsync("web-77c-a", ClusterObjects.Spec("nginx:1.26", "nginx", "node-b"), old, Digests.C);

        var api = await at.DeploymentAsync("api", ClusterObjects.Spec(ApiImage));
        var apiSet = ClusterObjects.Controls("apps/v1", "ReplicaSet", await at.ReplicaSetAsync("api-6b9", "api", ClusterObjects.Spec(ApiImage), api));
        await at.PodAsync("api-6b9-a", ClusterObjects.Spec(ApiImage, node: "node-a"), apiSet, $"registry.example.com/shop/api@{Digests.D}");
        await at.PodAsync("api-6b9-b", ClusterObjects.Spec(ApiImage, node: "node-b"), apiSet, $"registry.example.com/shop/api@{Digests.E}");

        var nightly = await at.CronJobAsync("nightly", ClusterObjects.Spec("alpine:3.20"));
        var job = ClusterObjects.Controls("batch/v1", "Job", await at.JobAsync("nightly-29000000", ClusterObjects.Spec("alpine:3.20"), nightly));
        var jobPod = ClusterObjects.Spec("alpine:3.20", node: "node-a");
        jobPod.RestartPolicy = "OnFailure";
        await at.PodAsync("nightly-29000000-x", jobPod, job, $"docker.io/library/alpine@{Digests.F}");

        var db = ClusterObjects.Controls("apps/v1", "StatefulSet", await at.StatefulSetAsync("db", ClusterObjects.Spec(DbImage)));
        await at.PodAsync("db-0", ClusterObjects.Spec(DbImage, node: "node-a"), db, $"docker.io/library/postgres@{Digests.One}");

        var hostPath = new V1Volume { Name = "run", HostPath = new V1HostPathVolumeSource { Path = "/var/run" } };
        var agent = ClusterObjects.Controls("apps/v1", "DaemonSet", await at.DaemonSetAsync("agent", ClusterObjects.Spec(AgentImage, volume: hostPath)));
        await at.PodAsync("agent-node-a", ClusterObjects.Spec(AgentImage, node: "node-a", volume: hostPath), agent, $"registry.example.com/agent@{Digests.Two}");

        var legacy = ClusterObjects.Controls("v1", "ReplicationController", await at.ReplicationControllerAsync("legacy", ClusterObjects.Spec("httpd:2.4")));
        await at.PodAsync("legacy-q8z", ClusterObjects.Spec("httpd:2.4", node: "node-b"), legacy, $"docker.io/library/httpd@{Digests.Four}");

        await at.PodAsync("toolbox", ClusterObjects.Spec("busybox", node: "node-a"), null, $"docker.io/library/busybox@{Digests.Three}");

        await new ClusterObjects(client, tools).PodAsync("scratch", ClusterObjects.Spec("nginx"));

        var policy = Path.Combine(Path.GetTempPath(), $"pinned-audit-{shop}.yaml");
        await File.WriteAllTextAsync(policy, $"exemptNamespaces: [{tools}]\n", TestContext.Current.CancellationToken);
        return new AuditScenario(shop, tools, policy);
    }

    /// <summary>Every result of <see cref="Shop"/>, in report order, as <see cref="AuditRendering.Line"/> writes them.</summary>
    public string[] ExpectedResults() =>
    [
        $"{Shop}/CronJob/nightly pods=1 deny [image-digest spec.jobTemplate.spec.template.spec.containers[0].image alpine:3.20] pins[alpine:3.20@{Digests.F}]",
        $"{Shop}/DaemonSet/agent pods=1 deny [host-path spec.template.spec.volumes[0] -]",
        $"{Shop}/Deployment/api pods=2 allow drift[pinned-but-different {ApiImage}: {Digests.D}=1 {Digests.E}=1]",
        $"{Shop}/Deployment/web pods=4 deny [image-digest spec.template.spec.containers[0].image nginx:1.27] "
            + $"drift[tag-on-several-digests nginx:1.27: {Digests.A}=2 {Digests.B}=1] pins[nginx:1.26@{Digests.C}]",
        $"{Shop}/Pod/web-5d4-c owner={Shop}/Deployment/web pods=1 deny [image-digest spec.ephemeralContainers[0].image busybox:1.36]",
        $"{Shop}/Pod/web-77c-a owner={Shop}/Deployment/web pods=1 deny [image-digest spec.containers[0].image nginx:1.26]",
        $"{Shop}/Pod/toolbox pods=1 deny [image-digest spec.containers[0].image busybox] [mutable-tag spec.containers[0].image busybox] pins[busybox@{Digests.Three}]",
        $"{Shop}/ReplicationController/legacy pods=1 deny [image-digest spec.template.spec.containers[0].image httpd:2.4] pins[httpd:2.4@{Digests.Four}]",
        $"{Shop}/StatefulSet/db pods=1 allow",
    ];

    /// <summary>The pins the shop namespace agrees on: nginx:1.27 runs two digests, so it has none.</summary>
    public static string[] ExpectedPins() =>
    [
        $"alpine:3.20 -> alpine:3.20@{Digests.F}",
        $"busybox -> busybox@{Digests.Three}",
        $"httpd:2.4 -> httpd:2.4@{Digests.Four}",
        $"nginx:1.26 -> nginx:1.26@{Digests.C}",
    ];
}
