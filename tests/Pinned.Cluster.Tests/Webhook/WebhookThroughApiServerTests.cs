using System.Text.Json.Nodes;
using Pinned.Cluster.Tests.Audit;
using Pinned.Cluster.Tests.Infrastructure;

namespace Pinned.Cluster.Tests.Webhook;

/// <summary>
/// `pinned serve` as the API server's validating webhook (the chart's rules, no matchConditions,
/// failurePolicy Fail), driven with kubectl as people drive a cluster: `kubectl create` of every
/// kind, `kubectl set image`, `kubectl debug` (the pods/ephemeralcontainers subresource), server
/// dry run, and an UPDATE of an object that violated before the webhook existed. The webhook
/// judges only the test's own namespace (namespaceSelector), so the collection's other tests are
/// untouched.
/// </summary>
[Collection(AuditCluster.Name)]
public sealed class WebhookThroughApiServerTests(PlainApiServer server)
{
    private const string Pinned = "nginx:1.27@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";

    /// <summary>The API server's webhook informer picks a new configuration up within a second or so; a busy machine, more.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(120);

    private static readonly string[] Kinds =
    [
        "Pod",
        "PodTemplate",
        "ReplicationController",
        "Deployment",
        "ReplicaSet",
        "StatefulSet",
        "DaemonSet",
        "Job",
        "CronJob",
    ];

    [Fact]
    public async Task Every_kind_with_a_mutable_tag_is_refused_at_kubectl_create_and_its_pinned_twin_created()
    {
        server.Require();
        await using var hook = await RegisteredWebhookAsync();

        foreach (var kind in Kinds)
        {
            var bad = await server.KubectlAsync(["-n", hook.Namespace, "create", "-f", "-"], Manifest(kind, "bad-" + kind.ToLowerInvariant(), "nginx:latest"));
            Assert.True(bad.ExitCode != 0, $"{kind} with nginx:latest was created: {bad}");
            Assert.Contains("denied the request", bad.Stderr, StringComparison.Ordinal);
            Assert.Contains("mutable-tag", bad.Stderr, StringComparison.Ordinal);
            Assert.Contains("image-digest", bad.Stderr, StringComparison.Ordinal);

            var good = await server.KubectlAsync(["-n", hook.Namespace, "create", "-f", "-"], Manifest(kind, "good-" + kind.ToLowerInvariant(), Pinned));
            Assert.True(good.ExitCode == 0, $"{kind} pinned by digest was refused: {good}");
        }
    }

    [Fact]
    public async Task Set_image_debug_and_server_dry_run_are_judged_and_an_old_violators_label_change_is_not()
    {
        server.Require();
        var ns = await server.CreateNamespaceAsync("hook");
        // Made before the webhook exists: a Deployment that would be refused today.
        await server.KubectlOkAsync("-n", ns, "create", "deployment", "old", "--image=nginx:latest");
        await server.KubectlOkAsync("-n", ns, "create", "deployment", "web", $"--image={Pinned}");
        await server.KubectlOkAsync("-n", ns, "run", "box", $"--image={Pinned}");
        await using var hook = await RegisteredWebhookAsync(ns);

        var label = await server.KubectlAsync(["-n", ns, "label", "deployment", "old", "team=shop"]);
        Assert.True(label.ExitCode == 0, $"a label change on an old violator was refused: {label}");

        var setImage = await server.KubectlAsync(["-n", ns, "set", "image", "deployment/web", "nginx=nginx:latest"]);
        Assert.True(setImage.ExitCode != 0, $"set image to :latest was admitted: {setImage}");
        Assert.Contains("spec.template.spec.containers[0].image", setImage.Stderr, StringComparison.Ordinal);

        var debug = await server.KubectlAsync(["-n", ns, "debug", "box", "--image=busybox:latest", "--container=dbg", "--attach=false"]);
        Assert.True(debug.ExitCode != 0, $"an ephemeral debug container with busybox:latest was admitted: {debug}");
        Assert.Contains("spec.ephemeralContainers[0].image", debug.Stderr, StringComparison.Ordinal);
        var pinnedDebug = await server.KubectlAsync(["-n", ns, "debug", "box", $"--image={Pinned}", "--container=dbg2", "--attach=false"]);
        Assert.True(pinnedDebug.ExitCode == 0, $"a pinned debug container was refused: {pinnedDebug}");

        var dryRun = await server.KubectlAsync(["-n", ns, "run", "try", "--image=nginx", "--dry-run=server"]);
        Assert.True(dryRun.ExitCode != 0, $"a server dry run with nginx was admitted: {dryRun}");
        Assert.Contains("mutable-tag", dryRun.Stderr, StringComparison.Ordinal);
        Assert.Contains("dry run True", hook.Serve.Output, StringComparison.Ordinal);
    }

    private async Task<RegisteredWebhook> RegisteredWebhookAsync(string? ns = null) =>
        await RegisteredWebhook.StartAsync(server, ns ?? await server.CreateNamespaceAsync("hook"), Budget);

    private static string Manifest(string kind, string name, string image)
    {
        JsonObject Labels() => new() { ["app"] = name };
        var podSpec = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "nginx", ["image"] = image }) };
        if (kind is "Job" or "CronJob")
        {
            podSpec["restartPolicy"] = "Never";
        }

        var template = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = Labels() }, ["spec"] = podSpec };
        JsonObject Selector() => new() { ["matchLabels"] = Labels() };
        JsonObject? spec = kind switch
        {
            "Pod" => (JsonObject)podSpec.DeepClone(),
            "PodTemplate" => null,
            "ReplicationController" => new() { ["selector"] = Labels(), ["template"] = template },
            "Job" => new() { ["template"] = template },
            "CronJob" => new() { ["schedule"] = "0 3 * * *", ["jobTemplate"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = template } } },
            "StatefulSet" => new() { ["serviceName"] = name, ["selector"] = Selector(), ["template"] = template },
            _ => new() { ["selector"] = Selector(), ["template"] = template },
        };
        var apiVersion = kind switch
        {
            "Pod" or "PodTemplate" or "ReplicationController" => "v1",
            "Job" or "CronJob" => "batch/v1",
            _ => "apps/v1",
        };
        var manifest = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = new JsonObject { ["name"] = name } };
        if (spec is null)
        {
            manifest["template"] = template;
        }
        else
        {
            manifest["spec"] = spec;
        }

        return manifest.ToJsonString();
    }
}
